//! The service catalogue: domains, groups (enterprise roles) and the online services they open.

use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod file;
#[cfg(feature = "ssr")]
pub mod store;

/// A name in each of the product's four languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalizedName {
    /// German.
    pub de: String,
    /// French.
    pub fr: String,
    /// Dutch.
    pub nl: String,
    /// English.
    pub en: String,
}

impl LocalizedName {
    /// The name in `locale`.
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::de => &self.de,
            Locale::fr => &self.fr,
            Locale::nl => &self.nl,
            Locale::en => &self.en,
        }
    }
}

/// Who holds an online service without an explicit grant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImplicitAccess {
    /// Only people granted the service.
    #[default]
    None,
    /// Access managers and the main access manager (Chaman).
    AccessManagers,
    /// Access managers and every user of the enterprise (ContactData).
    AccessManagersAndUsers,
}

impl ImplicitAccess {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            ImplicitAccess::None => "none",
            ImplicitAccess::AccessManagers => "access_managers",
            ImplicitAccess::AccessManagersAndUsers => "access_managers_and_users",
        }
    }
}
