//! The Audit page: the acting enterprise's trail for its main access manager and co-main access
//! managers, newest first, with filters and keyset pages.

use crate::features::audit::Action;
use crate::i18n::{Locale, td_string};
use serde::{Deserialize, Serialize};

pub mod api;
pub mod details;
#[cfg(feature = "ssr")]
pub mod list;
#[cfg(feature = "ssr")]
mod names;
#[cfg(feature = "ssr")]
mod readable;
pub mod ui;

pub use details::{Detail, Field, Shown};

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
    /// What it recorded, readable: each thing from what to what.
    pub details: Vec<Detail>,
    /// The client's address.
    pub client_addr: Option<String>,
}

impl AuditEntry {
    /// What happened, in `locale` (an action this version does not know: its code).
    pub fn action_label(&self, locale: Locale) -> String {
        Action::from_code(&self.action)
            .map_or_else(|| self.action.clone(), |a| a.label(locale).to_owned())
    }
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
