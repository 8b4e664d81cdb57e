//! Why a new password is refused: the rules every password the product accepts follows.

use crate::i18n::{Locale, td_string};
use serde::{Deserialize, Serialize};

/// Why a new password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum PasswordPolicyError {
    /// Fewer than 12 characters.
    #[error("the password is shorter than 12 characters")]
    TooShort,
    /// More than 128 characters.
    #[error("the password is longer than 128 characters")]
    TooLong,
    /// Common, built from the person's own details, or a simple pattern.
    #[error("the password is too easy to guess")]
    TooCommon,
}

impl PasswordPolicyError {
    /// The message shown next to the field.
    pub fn message(&self, locale: Locale) -> &'static str {
        match self {
            PasswordPolicyError::TooShort => td_string!(locale, validation.password_too_short),
            PasswordPolicyError::TooLong => td_string!(locale, validation.password_too_long),
            PasswordPolicyError::TooCommon => td_string!(locale, validation.password_too_common),
        }
    }
}
