//! Delegated administration: who administers what in an enterprise. The main access manager,
//! co-main access managers, access managers (one domain each) and group administrators (one
//! group each); appointing and revoking them under the rules of `crate::policy`.

use crate::domain::{DomainId, GroupId, LocalizedName, PersonId};
use crate::i18n::Locale;
use crate::policy::{Holding, Level, Organisation, Post};
use serde::{Deserialize, Serialize};

pub mod api;
#[cfg(feature = "ssr")]
pub mod appoint;
#[cfg(feature = "ssr")]
pub mod candidates;
#[cfg(feature = "ssr")]
pub mod outcome;
#[cfg(feature = "ssr")]
pub mod overview;
#[cfg(feature = "ssr")]
pub mod revoke;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

/// Candidates per search on the appointment form.
pub const CANDIDATES: usize = 10;

/// What the Administrators page shows: the organisation as the policy sees it, with the names to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    /// The signed-in administrator.
    pub me: PersonId,
    /// Who holds which post, and the enterprise's active groups.
    pub organisation: Organisation,
    /// Since when each post is held (`YYYY-MM-DD`, UTC), in the order of the organisation's
    /// holdings (main access manager first).
    pub since: Vec<String>,
    /// Every person the page names.
    pub people: Vec<Person>,
    /// The active domains.
    pub domains: Vec<NamedDomain>,
    /// The active groups.
    pub groups: Vec<NamedGroup>,
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

/// A domain with its names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedDomain {
    /// Which.
    pub id: DomainId,
    /// In four languages.
    pub name: LocalizedName,
}

/// A group with its names and domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedGroup {
    /// Which.
    pub id: GroupId,
    pub domain: DomainId,
    /// In four languages.
    pub name: LocalizedName,
}

impl Overview {
    /// The person `id`, when the page names them.
    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.people.iter().find(|person| person.id == id)
    }

    /// The name of `id`, or the id when unknown.
    pub fn name(&self, id: PersonId) -> String {
        self.person(id)
            .map_or_else(|| format!("#{id}"), |person| person.name.clone())
    }

    /// The domain's name in `locale`.
    pub fn domain_name(&self, id: DomainId, locale: Locale) -> String {
        self.domains
            .iter()
            .find(|domain| domain.id == id)
            .map_or_else(
                || format!("#{id}"),
                |domain| domain.name.get(locale).to_owned(),
            )
    }

    /// The group's name in `locale`.
    pub fn group_name(&self, id: GroupId, locale: Locale) -> String {
        self.groups.iter().find(|group| group.id == id).map_or_else(
            || format!("#{id}"),
            |group| group.name.get(locale).to_owned(),
        )
    }

    /// The post's scope in words: the domain or group, or nothing for enterprise-wide posts.
    pub fn scope(&self, post: Post, locale: Locale) -> Option<String> {
        match post {
            Post::MainAccessManager | Post::CoMainAccessManager => None,
            Post::AccessManager(domain) => Some(self.domain_name(domain, locale)),
            Post::GroupAdministrator(group) => Some(self.group_name(group, locale)),
        }
    }

    /// "Level: scope" for a choice list.
    pub fn post_label(&self, post: Post, locale: Locale) -> String {
        let level = post.level().name(locale);
        match self.scope(post, locale) {
            Some(scope) => format!("{level}: {scope}"),
            None => level.to_owned(),
        }
    }

    /// The holdings of one level, with since-dates, in the page's order.
    pub fn holdings_at(&self, level: Level) -> Vec<(Holding, String)> {
        self.organisation
            .holdings()
            .zip(self.since.iter().cloned())
            .filter(|(holding, _)| holding.post.level() == level)
            .collect()
    }
}
