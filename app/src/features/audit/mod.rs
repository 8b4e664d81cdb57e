//! The audit trail: who did what, when, to whom, before and after. Append-only; each event is
//! chained by hash to the previous event of its chain, so an edited or deleted row is detected.

use crate::domain::{EnterpriseId, PersonId};
use serde::{Deserialize, Serialize};

pub mod action;
#[cfg(feature = "ssr")]
pub mod refusals;
#[cfg(feature = "ssr")]
pub mod store;

pub use action::Action;

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

    /// The chain a stored key names.
    pub fn from_key(key: &str) -> Option<AuditChain> {
        match key.split_once(':') {
            None if key == "installation" => Some(AuditChain::Installation),
            Some(("enterprise", id)) => id
                .parse()
                .ok()
                .map(|id| AuditChain::Enterprise(EnterpriseId(id))),
            _ => None,
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

    /// The actor a stored key names.
    pub fn from_key(key: &str) -> Option<Actor> {
        match key {
            "operator" => Some(Actor::Operator),
            "system" => Some(Actor::System),
            "anonymous" => Some(Actor::Anonymous),
            _ => match key.split_once(':') {
                Some(("person", id)) => id.parse().ok().map(|id| Actor::Person(PersonId(id))),
                _ => None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_chain_and_actor_keys_read_back() {
        for chain in [
            AuditChain::Installation,
            AuditChain::Enterprise(EnterpriseId(7)),
        ] {
            assert_eq!(AuditChain::from_key(&chain.key()), Some(chain));
        }
        for actor in [
            Actor::Operator,
            Actor::System,
            Actor::Anonymous,
            Actor::Person(PersonId(3)),
        ] {
            assert_eq!(Actor::from_key(&actor.key()), Some(actor));
        }
        assert_eq!(Actor::from_key("person:x"), None);
        assert_eq!(AuditChain::from_key("enterprise"), None);
    }
}
