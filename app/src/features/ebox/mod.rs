//! The e-Box: each person's inbox per enterprise, with messages about their access. Messages are
//! stored language-neutral (a kind and its parameters) and worded in the reader's language when
//! shown.

use crate::domain::{GroupId, PersonId, ServiceId};
use crate::policy::Post;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod store;

/// What a message says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Message {
    /// The reader was appointed to `post` by `by`.
    Appointed {
        /// The post.
        post: Post,
        /// Who appointed them.
        by: PersonId,
    },
    /// The reader's `post` was revoked by `by` (or ended by a promotion that includes it).
    Revoked {
        /// The post.
        post: Post,
        /// Who revoked it.
        by: PersonId,
    },
    /// The reader became a user of `group` with `services`.
    UserCreated {
        /// The group.
        group: GroupId,
        /// The services granted there.
        services: Vec<ServiceId>,
        /// Who created them.
        by: PersonId,
    },
    /// The reader's services in `group` changed.
    ServicesChanged {
        /// The group.
        group: GroupId,
        /// Newly granted.
        granted: Vec<ServiceId>,
        /// Withdrawn.
        withdrawn: Vec<ServiceId>,
        /// Who changed them.
        by: PersonId,
    },
    /// The reader was blocked in `group`, or in every group when `None`.
    Blocked {
        /// The group, or `None` for all.
        group: Option<GroupId>,
        /// Who blocked them.
        by: PersonId,
    },
    /// The reader was unblocked in `group`, or in every group when `None`.
    Unblocked {
        /// The group, or `None` for all.
        group: Option<GroupId>,
        /// Who unblocked them.
        by: PersonId,
    },
    /// The reader was removed from `group`.
    Removed {
        /// The group.
        group: GroupId,
        /// Who removed them.
        by: PersonId,
    },
}

impl Message {
    /// The stored kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Message::Appointed { .. } => "appointed",
            Message::Revoked { .. } => "revoked",
            Message::UserCreated { .. } => "user_created",
            Message::ServicesChanged { .. } => "services_changed",
            Message::Blocked { .. } => "blocked",
            Message::Unblocked { .. } => "unblocked",
            Message::Removed { .. } => "removed",
        }
    }
}
