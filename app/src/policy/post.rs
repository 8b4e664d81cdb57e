//! The administrator posts of an enterprise and their levels.

use crate::domain::{DomainId, GroupId};
use crate::i18n::{Locale, td_string};
use serde::{Deserialize, Serialize};

/// The highest of `levels`: a person's level is that of the highest post they hold.
pub fn highest(levels: impl IntoIterator<Item = Level>) -> Option<Level> {
    levels.into_iter().max()
}

/// How high a post ranks; a higher level administers everything a lower one does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Administers one group.
    GroupAdministrator,
    /// Administers the groups of one domain.
    AccessManager,
    /// Helps the main access manager: every group, every domain.
    CoMainAccessManager,
    /// The enterprise's one main access manager.
    MainAccessManager,
}

impl Level {
    /// The level's name in `locale`, as pages, messages and the command line show it.
    pub fn name(self, locale: Locale) -> &'static str {
        match self {
            Level::MainAccessManager => td_string!(locale, roles.mam_name),
            Level::CoMainAccessManager => td_string!(locale, roles.co_mam_name),
            Level::AccessManager => td_string!(locale, roles.am_name),
            Level::GroupAdministrator => td_string!(locale, roles.ga_name),
        }
    }

    /// The stored and serialised form.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::GroupAdministrator => "group_administrator",
            Level::AccessManager => "access_manager",
            Level::CoMainAccessManager => "co_main_access_manager",
            Level::MainAccessManager => "main_access_manager",
        }
    }

    /// The level stored as `value`.
    pub fn from_stored(value: &str) -> Option<Level> {
        [
            Level::GroupAdministrator,
            Level::AccessManager,
            Level::CoMainAccessManager,
            Level::MainAccessManager,
        ]
        .into_iter()
        .find(|level| level.as_str() == value)
    }
}

/// A post a person holds in an enterprise: a level with its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "level", content = "scope", rename_all = "snake_case")]
pub enum Post {
    /// The main access manager; replaced only by the operator, never appointed or revoked here.
    MainAccessManager,
    /// A co-main access manager.
    CoMainAccessManager,
    /// The access manager of one domain.
    AccessManager(DomainId),
    /// The group administrator of one group.
    GroupAdministrator(GroupId),
}

impl Post {
    /// The post's level.
    pub fn level(self) -> Level {
        match self {
            Post::MainAccessManager => Level::MainAccessManager,
            Post::CoMainAccessManager => Level::CoMainAccessManager,
            Post::AccessManager(_) => Level::AccessManager,
            Post::GroupAdministrator(_) => Level::GroupAdministrator,
        }
    }

    /// The domain of an access manager.
    pub fn domain(self) -> Option<DomainId> {
        match self {
            Post::AccessManager(domain) => Some(domain),
            _ => None,
        }
    }

    /// The group of a group administrator.
    pub fn group(self) -> Option<GroupId> {
        match self {
            Post::GroupAdministrator(group) => Some(group),
            _ => None,
        }
    }

    /// The post as stored: level, domain, group.
    pub fn to_stored(self) -> (&'static str, Option<i64>, Option<i64>) {
        (
            self.level().as_str(),
            self.domain().map(|d| d.0),
            self.group().map(|g| g.0),
        )
    }

    /// The post stored as `level`, `domain`, `group`; `None` when they do not fit together.
    pub fn from_stored(level: &str, domain: Option<i64>, group: Option<i64>) -> Option<Post> {
        match (Level::from_stored(level)?, domain, group) {
            (Level::MainAccessManager, None, None) => Some(Post::MainAccessManager),
            (Level::CoMainAccessManager, None, None) => Some(Post::CoMainAccessManager),
            (Level::AccessManager, Some(domain), None) => {
                Some(Post::AccessManager(DomainId(domain)))
            }
            (Level::GroupAdministrator, None, Some(group)) => {
                Some(Post::GroupAdministrator(GroupId(group)))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_rank_from_group_administrator_up_to_main_access_manager() {
        assert!(Level::GroupAdministrator < Level::AccessManager);
        assert!(Level::AccessManager < Level::CoMainAccessManager);
        assert!(Level::CoMainAccessManager < Level::MainAccessManager);
    }

    #[test]
    fn posts_round_trip_through_their_stored_form() {
        for post in [
            Post::MainAccessManager,
            Post::CoMainAccessManager,
            Post::AccessManager(DomainId(3)),
            Post::GroupAdministrator(GroupId(7)),
        ] {
            let (level, domain, group) = post.to_stored();
            assert_eq!(Post::from_stored(level, domain, group), Some(post));
        }
        assert_eq!(Post::from_stored("access_manager", None, Some(1)), None);
        assert_eq!(Post::from_stored("king", None, None), None);
    }
}
