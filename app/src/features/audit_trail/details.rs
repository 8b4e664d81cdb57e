//! An event's details as the Audit page shows them: each thing the event records, from what to
//! what, with the names of groups, services, domains and people instead of their ids.

use super::Party;
use crate::domain::{EnterpriseStatus, LocalizedName};
use crate::features::audit::Action;
use crate::i18n::{Locale, td_string};
use crate::policy::{Level, Refusal};
use serde::{Deserialize, Serialize};

/// One thing an event records: its value before and after (either may be absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Detail {
    /// What it is about.
    pub field: Field,
    /// Before the change (absent for something new).
    pub before: Option<Shown>,
    /// After the change, or what was asked or counted.
    pub after: Option<Shown>,
}

/// What a detail is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Group,
    Services,
    Granted,
    Withdrawn,
    BlockedIn,
    Reach,
    Post,
    Status,
    Refused,
    StillUser,
    LinkedNow,
    Blocked,
    Reason,
    Number,
    Name,
    MainAccessManager,
    PostsEnded,
    Users,
    Groups,
    People,
    Refusals,
    From,
    Until,
    Sessions,
    ActivationLinks,
    Throttles,
    Credentials,
    Authenticator,
    ActivationLink,
    LockedForSeconds,
    Attempted,
    /// Something this version has no label for, by its stored key.
    Other(String),
}

impl Field {
    /// The field stored under `key` in an event's before or after.
    pub fn from_key(key: &str) -> Field {
        match key {
            "group" => Field::Group,
            "services" => Field::Services,
            "blocked_in" => Field::BlockedIn,
            "reach" => Field::Reach,
            "post" => Field::Post,
            "status" => Field::Status,
            "refused" => Field::Refused,
            "still_user" => Field::StillUser,
            "linked_now" => Field::LinkedNow,
            "blocked" => Field::Blocked,
            "reason" => Field::Reason,
            "number" => Field::Number,
            "name" => Field::Name,
            "main_access_manager" => Field::MainAccessManager,
            "posts_ended" => Field::PostsEnded,
            "users" => Field::Users,
            "groups" => Field::Groups,
            "people" => Field::People,
            "refusals" => Field::Refusals,
            "from" => Field::From,
            "until" => Field::Until,
            "sessions" => Field::Sessions,
            "activation_links" => Field::ActivationLinks,
            "throttles" => Field::Throttles,
            "credentials" => Field::Credentials,
            "authenticator" => Field::Authenticator,
            "activation_link" => Field::ActivationLink,
            "locked_for_s" => Field::LockedForSeconds,
            "attempted" => Field::Attempted,
            other => Field::Other(other.to_owned()),
        }
    }

    /// Its label in `locale`.
    pub fn label(&self, locale: Locale) -> &str {
        match self {
            Field::Group => td_string!(locale, audit_fields.group),
            Field::Services => td_string!(locale, audit_fields.services),
            Field::Granted => td_string!(locale, audit_fields.granted),
            Field::Withdrawn => td_string!(locale, audit_fields.withdrawn),
            Field::BlockedIn => td_string!(locale, audit_fields.blocked_in),
            Field::Reach => td_string!(locale, audit_fields.reach),
            Field::Post => td_string!(locale, audit_fields.post),
            Field::Status => td_string!(locale, audit_fields.status),
            Field::Refused => td_string!(locale, audit_fields.refused),
            Field::StillUser => td_string!(locale, audit_fields.still_user),
            Field::LinkedNow => td_string!(locale, audit_fields.linked_now),
            Field::Blocked => td_string!(locale, audit_fields.blocked),
            Field::Reason => td_string!(locale, audit_fields.reason),
            Field::Number => td_string!(locale, audit_fields.number),
            Field::Name => td_string!(locale, audit_fields.name),
            Field::MainAccessManager => td_string!(locale, audit_fields.main_access_manager),
            Field::PostsEnded => td_string!(locale, audit_fields.posts_ended),
            Field::Users => td_string!(locale, audit_fields.users),
            Field::Groups => td_string!(locale, audit_fields.groups),
            Field::People => td_string!(locale, audit_fields.people),
            Field::Refusals => td_string!(locale, audit_fields.refusals),
            Field::From => td_string!(locale, audit_fields.from),
            Field::Until => td_string!(locale, audit_fields.until),
            Field::Sessions => td_string!(locale, audit_fields.sessions),
            Field::ActivationLinks => td_string!(locale, audit_fields.activation_links),
            Field::Throttles => td_string!(locale, audit_fields.throttles),
            Field::Credentials => td_string!(locale, audit_fields.credentials),
            Field::Authenticator => td_string!(locale, audit_fields.authenticator),
            Field::ActivationLink => td_string!(locale, audit_fields.activation_link),
            Field::LockedForSeconds => td_string!(locale, audit_fields.locked_for_s),
            Field::Attempted => td_string!(locale, audit_fields.attempted),
            Field::Other(key) => key,
        }
    }
}

/// A value as the page writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    /// Words or a code, as recorded.
    Text(String),
    /// A group, service or domain.
    Name(LocalizedName),
    /// Several values (none: "none").
    List(Vec<Shown>),
    /// An administrator post: its level and the domain or group it covers.
    Post {
        /// The level.
        level: Level,
        /// The domain or group, for an access manager or a group administrator.
        scope: Option<LocalizedName>,
    },
    /// Every group of the user.
    Everywhere,
    /// Yes or no.
    YesNo(bool),
    /// A count.
    Count(i64),
    /// An instant, `YYYY-MM-DD HH:MM:SS` UTC.
    Time(String),
    /// The rule that refused.
    Refusal(Refusal),
    /// Where the enterprise was in its life.
    Status(EnterpriseStatus),
    /// Someone, by the name the enterprise knows them by.
    Person(Party),
    /// A kind of event (what a refused attempt asked for).
    Action(Action),
    /// Someone and the level they were given, if any.
    Holder {
        /// Who.
        person: Party,
        /// Their level.
        level: Option<Level>,
    },
}

impl Shown {
    /// How the page writes it in `locale`.
    pub fn text(&self, locale: Locale) -> String {
        match self {
            Shown::Text(text) => text.clone(),
            Shown::Name(name) => name.get(locale).to_owned(),
            Shown::List(values) if values.is_empty() => {
                td_string!(locale, audit_values.none).to_owned()
            }
            Shown::List(values) => values
                .iter()
                .map(|value| value.text(locale))
                .collect::<Vec<_>>()
                .join(", "),
            Shown::Post { level, scope: None } => level.name(locale).to_owned(),
            Shown::Post {
                level,
                scope: Some(scope),
            } => format!("{}: {}", level.name(locale), scope.get(locale)),
            Shown::Everywhere => td_string!(locale, audit_values.everywhere).to_owned(),
            Shown::YesNo(true) => td_string!(locale, audit_values.yes).to_owned(),
            Shown::YesNo(false) => td_string!(locale, audit_values.no).to_owned(),
            Shown::Count(count) => count.to_string(),
            Shown::Time(time) => format!("{time} UTC"),
            Shown::Refusal(refusal) => refusal.message(locale).to_owned(),
            Shown::Status(EnterpriseStatus::Active) => {
                td_string!(locale, audit_values.active).to_owned()
            }
            Shown::Status(EnterpriseStatus::Pending) => {
                td_string!(locale, audit_values.pending).to_owned()
            }
            Shown::Person(party) => party.label(locale),
            Shown::Action(action) => action.label(locale).to_owned(),
            Shown::Holder {
                person,
                level: Some(level),
            } => format!("{} ({})", person.label(locale), level.name(locale)),
            Shown::Holder {
                person,
                level: None,
            } => person.label(locale),
        }
    }
}

impl Detail {
    /// "before → after", "after", or "before → —" in `locale`.
    pub fn text(&self, locale: Locale) -> String {
        match (&self.before, &self.after) {
            (Some(before), Some(after)) if before == after => after.text(locale),
            (Some(before), Some(after)) => {
                format!("{} → {}", before.text(locale), after.text(locale))
            }
            (None, Some(after)) => after.text(locale),
            (Some(before), None) => format!("{} → —", before.text(locale)),
            (None, None) => String::new(),
        }
    }
}
