//! The languages a person can be addressed in.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// German, French, Dutch or English.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Deutsch.
    De,
    /// Français.
    Fr,
    /// Nederlands.
    Nl,
    /// English.
    #[default]
    En,
}

impl Language {
    /// The stored and ISO 639-1 form.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::De => "de",
            Language::Fr => "fr",
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    /// The UI locale of the same language (for messages written to the person).
    pub fn locale(self) -> crate::i18n::Locale {
        use crate::i18n::Locale;
        match self {
            Language::De => Locale::de,
            Language::Fr => Locale::fr,
            Language::Nl => Locale::nl,
            Language::En => Locale::en,
        }
    }
}

/// A language code other than de, fr, nl, en.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported language '{0}': use de, fr, nl or en")]
pub struct LanguageError(pub String);

impl FromStr for Language {
    type Err = LanguageError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "de" => Ok(Language::De),
            "fr" => Ok(Language::Fr),
            "nl" => Ok(Language::Nl),
            "en" => Ok(Language::En),
            _ => Err(LanguageError(s.to_owned())),
        }
    }
}
