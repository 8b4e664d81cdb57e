//! The audit trail: who did what, when, to whom, before and after. Append-only; each event is
//! chained by hash to the previous event of its chain, so an edited or deleted row is detected.

use crate::domain::{EnterpriseId, PersonId};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod store;

/// Which hash chain an event belongs to: one per enterprise, plus one for the installation
/// (operator actions and sign-in attempts that name no enterprise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuditChain {
    /// Events not tied to one enterprise.
    Installation,
    /// Events of one enterprise.
    Enterprise(EnterpriseId),
}

impl AuditChain {
    /// The stored key: `installation` or `enterprise:<id>`.
    pub fn key(self) -> String {
        match self {
            AuditChain::Installation => "installation".to_owned(),
            AuditChain::Enterprise(id) => format!("enterprise:{id}"),
        }
    }
}

/// Who caused an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    /// The operator, through the server's command line.
    Operator,
    /// The product itself (expiry, scheduled clean-up).
    System,
    /// Someone not (yet) identified, e.g. a failed sign-in.
    Anonymous,
    /// A signed-in person.
    Person(PersonId),
}

impl Actor {
    /// The stored form: `operator`, `system`, `anonymous` or `person:<id>`.
    pub fn key(self) -> String {
        match self {
            Actor::Operator => "operator".to_owned(),
            Actor::System => "system".to_owned(),
            Actor::Anonymous => "anonymous".to_owned(),
            Actor::Person(id) => format!("person:{id}"),
        }
    }
}
