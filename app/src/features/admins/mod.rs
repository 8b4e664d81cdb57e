//! Delegated administration: who administers what in an enterprise. The main access manager,
//! co-main access managers, access managers (one domain each) and group administrators (one
//! group each); appointing and revoking them under the rules of `crate::policy`.

use crate::domain::{GroupId, LocalizedName, PersonId};
use crate::features::invitations::SignInStanding;
use crate::i18n::Locale;
use crate::policy::{Level, Post};
use crate::ui::picker::Choices;
use serde::{Deserialize, Serialize};

pub mod api;
#[cfg(feature = "ssr")]
pub mod appoint;
#[cfg(feature = "ssr")]
pub mod candidates;
#[cfg(feature = "ssr")]
pub mod group_administrators;
#[cfg(feature = "ssr")]
pub mod open_posts;
#[cfg(feature = "ssr")]
pub mod outcome;
#[cfg(feature = "ssr")]
pub mod overview;
#[cfg(feature = "ssr")]
pub mod revoke;
#[cfg(feature = "ssr")]
pub mod sign_in_help;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

/// Candidates per search on the appointment form.
pub const CANDIDATES: usize = 10;

/// Group administrators per page of the Administrators page.
pub const HOLDINGS_PAGE_SIZE: usize = 25;

/// Groups of the signed-in administrator's scope the page names (the home page lists them all).
pub const SCOPE_GROUPS_SHOWN: usize = 10;

/// What the Administrators page shows first: the signed-in administrator's scope, the posts
/// above group administrators (a handful: at most one access manager per active domain), and
/// the first posts they may fill. Group administrators, one per group, come a page at a time
/// ([`HoldingPage`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    /// The signed-in administrator.
    pub me: PersonId,
    /// Their own posts.
    pub mine: Vec<Shown>,
    /// The groups whose users they manage.
    pub my_groups: ScopeGroups,
    /// The levels they appoint to, highest first.
    pub appointable: Vec<Level>,
    /// The main access manager, the co-main access managers and the access managers.
    pub upper: Vec<Shown>,
    /// They may look for people to appoint.
    pub may_appoint: bool,
    /// The first posts they may fill now (the form searches the others).
    pub open: Choices,
}

/// The groups of an administrator's scope, as the page names them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeGroups {
    /// Every group of the enterprise.
    pub everything: bool,
    /// Otherwise the first of them by name.
    pub first: Vec<LocalizedName>,
    /// How many in all.
    pub total: usize,
}

/// A post as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shown {
    /// Which.
    pub post: Post,
    /// Who holds it.
    pub holder: Person,
    /// The names of the post's domain or group; `None` for posts over the whole enterprise.
    pub scope: Option<LocalizedName>,
    /// The name of who appointed them; `None`: the operator designated them.
    pub appointed_by: Option<String>,
    /// Since when (`YYYY-MM-DD`, UTC).
    pub since: String,
    /// The signed-in administrator may revoke it.
    pub revocable: bool,
    /// Whether the holder can sign in, and whether the viewer may send them a link.
    pub sign_in: SignInStanding,
}

impl Shown {
    /// "Level: scope", or the level alone, in `locale`.
    pub fn label(&self, locale: Locale) -> String {
        post_label(self.post.level(), self.scope.as_ref(), locale)
    }
}

/// "Level: scope", or the level alone for a post over the whole enterprise, in `locale`.
pub fn post_label(level: Level, scope: Option<&LocalizedName>, locale: Locale) -> String {
    match scope {
        Some(scope) => format!("{}: {}", level.name(locale), scope.get(locale)),
        None => level.name(locale).to_owned(),
    }
}

/// Which group administrators a page shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HoldingQuery {
    /// Text the group's name or the holder's name contains; empty for all.
    pub search: String,
    /// The page after this cursor (from [`HoldingPage::next`]).
    pub after: Option<String>,
}

/// A page of group administrators, by group name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoldingPage {
    /// The posts.
    pub rows: Vec<Shown>,
    /// The cursor of the next page, if there is one.
    pub next: Option<String>,
}

/// A person as the page names them (also a candidate on the appointment form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Who.
    pub id: PersonId,
    /// Given and family name.
    pub name: String,
    /// National register number, formatted, or the username of a foreign person.
    pub identifier: String,
}

/// The key a post travels under in a form (`co_main_access_manager`, `access_manager:3`,
/// `group_administrator:12`).
pub fn post_key(post: Post) -> String {
    match post {
        Post::MainAccessManager => "main_access_manager".into(),
        Post::CoMainAccessManager => "co_main_access_manager".into(),
        Post::AccessManager(domain) => format!("access_manager:{domain}"),
        Post::GroupAdministrator(group) => format!("group_administrator:{group}"),
    }
}

/// The post of a [`post_key`].
pub fn post_of_key(key: &str) -> Option<Post> {
    let (level, id) = match key.split_once(':') {
        Some((level, id)) => (level, id.parse::<i64>().ok()),
        None => (key, None),
    };
    match (level, key.contains(':'), id) {
        ("main_access_manager", false, _) => Some(Post::MainAccessManager),
        ("co_main_access_manager", false, _) => Some(Post::CoMainAccessManager),
        ("access_manager", true, Some(id)) => {
            Some(Post::AccessManager(crate::domain::DomainId(id)))
        }
        ("group_administrator", true, Some(id)) => Some(Post::GroupAdministrator(GroupId(id))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::DomainId;

    #[test]
    fn a_post_reads_back_from_its_key() {
        for post in [
            Post::MainAccessManager,
            Post::CoMainAccessManager,
            Post::AccessManager(DomainId(3)),
            Post::GroupAdministrator(GroupId(12)),
        ] {
            assert_eq!(post_of_key(&post_key(post)), Some(post));
        }
        for bad in [
            "",
            "access_manager",
            "access_manager:x",
            "co_main_access_manager:1",
            "x:1",
        ] {
            assert_eq!(post_of_key(bad), None, "{bad}");
        }
    }
}
