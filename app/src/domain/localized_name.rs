//! Names the catalogue gives in each of the product's four languages.

use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

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
