//! The audit trail: who did what, when, to whom, before and after. Append-only; each event is
//! chained by hash to the previous event of its chain, so an edited or deleted row is detected.

use crate::domain::{EnterpriseId, PersonId};
use crate::i18n::{Locale, td_string};
use serde::{Deserialize, Serialize};

pub mod api;
#[cfg(feature = "ssr")]
pub mod list;
#[cfg(feature = "ssr")]
pub mod refusals;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

/// Events per page of the Audit page.
pub const PAGE_SIZE: usize = 50;

/// What the Audit page asks for: the acting enterprise's events, newest first, narrowed by the
/// filters that are set, older than `before` (the keyset cursor) when given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    /// Who acted: a national register number, a username or part of a name.
    pub actor: Option<String>,
    /// On whom: a national register number, a username or part of a name.
    pub target: Option<String>,
    /// The action code, e.g. `enterprise.activated`.
    pub action: Option<String>,
    /// First day (UTC), `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last day (UTC), `YYYY-MM-DD`.
    pub to: Option<String>,
    /// Only events with a lower sequence number (the next page).
    pub before: Option<i64>,
}

/// One page of events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    /// Newest first.
    pub events: Vec<AuditEntry>,
    /// The cursor of the next (older) page, when there is one.
    pub next: Option<i64>,
}

/// One event as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Position in the enterprise's chain.
    pub seq: i64,
    /// When, as `YYYY-MM-DD HH:MM:SS` UTC.
    pub time: String,
    /// Who acted, by name (or "operator", "system").
    pub actor: Party,
    /// What happened (its code).
    pub action: String,
    /// On whom or what.
    pub target: Option<Party>,
    /// State before (JSON).
    pub before: Option<String>,
    /// State after (JSON).
    pub after: Option<String>,
    /// The client's address.
    pub client_addr: Option<String>,
}

/// Someone or something an event names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Party {
    /// The operator at the command line.
    Operator,
    /// The product itself.
    System,
    /// Not identified.
    Anonymous,
    /// A person linked to the enterprise, by the name it knows them by.
    Person(String),
    /// A person the enterprise is not linked to (never named).
    Outsider,
    /// An enterprise, by name.
    Enterprise(String),
    /// Anything else, as stored.
    Other(String),
}

impl Party {
    /// How the page writes it.
    pub fn label(&self, locale: Locale) -> String {
        match self {
            Party::Operator => td_string!(locale, audit.operator).to_owned(),
            Party::System => td_string!(locale, audit.system).to_owned(),
            Party::Anonymous => td_string!(locale, audit.anonymous).to_owned(),
            Party::Outsider => td_string!(locale, audit.outsider).to_owned(),
            Party::Person(name) | Party::Enterprise(name) | Party::Other(name) => name.clone(),
        }
    }
}

/// The actions the filter offers, with their labels.
pub const ACTIONS: [&str; 18] = [
    "enterprise.registered",
    "enterprise.demo_created",
    "enterprise.seeded",
    "enterprise.activation_opened",
    "enterprise.activation_refused",
    "enterprise.activated",
    "enterprise.main_access_manager_replaced",
    "session.acting_for",
    "administrator.appointed",
    "administrator.revoked",
    "administrator.appointment_refused",
    "administrator.revocation_refused",
    "user.created",
    "user.services_changed",
    "user.blocked",
    "user.unblocked",
    "user.removed",
    "audit.refusals_folded",
];

/// The label of an action code in `locale`; unknown codes are shown as they are.
pub fn action_label(action: &str, locale: Locale) -> String {
    let label = match action {
        "enterprise.registered" => td_string!(locale, audit_actions.enterprise_registered),
        "enterprise.activation_opened" => {
            td_string!(locale, audit_actions.enterprise_activation_opened)
        }
        "enterprise.activation_refused" => {
            td_string!(locale, audit_actions.enterprise_activation_refused)
        }
        "enterprise.activated" => td_string!(locale, audit_actions.enterprise_activated),
        "enterprise.demo_created" => td_string!(locale, audit_actions.enterprise_demo_created),
        "enterprise.seeded" => td_string!(locale, audit_actions.enterprise_seeded),
        "enterprise.main_access_manager_replaced" => {
            td_string!(
                locale,
                audit_actions.enterprise_main_access_manager_replaced
            )
        }
        "session.acting_for" => td_string!(locale, audit_actions.session_acting_for),
        "administrator.appointed" => td_string!(locale, audit_actions.administrator_appointed),
        "administrator.revoked" => td_string!(locale, audit_actions.administrator_revoked),
        "administrator.appointment_refused" => {
            td_string!(locale, audit_actions.administrator_appointment_refused)
        }
        "administrator.revocation_refused" => {
            td_string!(locale, audit_actions.administrator_revocation_refused)
        }
        "user.created" => td_string!(locale, audit_actions.user_created),
        "user.services_changed" => td_string!(locale, audit_actions.user_services_changed),
        "user.blocked" => td_string!(locale, audit_actions.user_blocked),
        "user.unblocked" => td_string!(locale, audit_actions.user_unblocked),
        "user.removed" => td_string!(locale, audit_actions.user_removed),
        "audit.refusals_folded" => td_string!(locale, audit_actions.audit_refusals_folded),
        other => return other.to_owned(),
    };
    label.to_owned()
}

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
    use std::collections::HashSet;

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

    #[test]
    fn every_action_the_filter_offers_has_its_own_label_in_every_language() {
        for locale in [Locale::en, Locale::de, Locale::fr, Locale::nl] {
            let labels: HashSet<String> = ACTIONS
                .iter()
                .map(|action| {
                    let label = action_label(action, locale);
                    assert_ne!(label, *action, "{action} has no label in {locale:?}");
                    label
                })
                .collect();
            assert_eq!(
                labels.len(),
                ACTIONS.len(),
                "two actions share a label in {locale:?}"
            );
        }
        assert_eq!(action_label("something.new", Locale::en), "something.new");
    }
}
