//! The e-Box: each person's inbox per enterprise, with messages about their access. Messages are
//! stored language-neutral (a kind and its parameters) and worded in the reader's language when
//! shown.

use crate::domain::PersonId;
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
}

impl Message {
    /// The stored kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Message::Appointed { .. } => "appointed",
            Message::Revoked { .. } => "revoked",
        }
    }
}
