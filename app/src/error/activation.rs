//! Why an enterprise activation was refused, as the activation page and the API say it.

use crate::i18n::{Locale, td_string};
use serde::{Deserialize, Serialize};

/// Why an activation was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ActivationError {
    /// No such link (mistyped or forged).
    #[error("unknown activation link")]
    UnknownLink,
    /// Older than seven days.
    #[error("the activation link has expired")]
    Expired,
    /// Used before.
    #[error("the activation link has been used already")]
    AlreadyUsed,
    /// The password breaks the policy.
    #[error("{0}")]
    WeakPassword(crate::domain::PasswordPolicyError),
    /// The code from the app does not match.
    #[error("the code from the authenticator app is wrong or expired")]
    WrongCode,
    /// The temporary password (sent by SMS to a foreign manager) is missing or wrong.
    #[error("the temporary password is wrong")]
    WrongTemporaryPassword,
    /// Too many wrong codes or guessed links from here: wait before trying again.
    #[error("too many attempts")]
    TooManyAttempts,
    /// The person signs in already (main access manager of another enterprise): the link does
    /// not set new credentials for them, they activate with the ones they have.
    #[error("the person signs in already")]
    SignsInAlready,
    /// The password of a person who signs in already is not theirs.
    #[error("the password is wrong")]
    WrongPassword,
    /// The password and its repetition differ.
    #[error("the two passwords differ")]
    PasswordMismatch,
    /// The database or the password hasher failed.
    #[error("activation failed unexpectedly")]
    Internal,
}

impl ActivationError {
    /// The message shown on the activation page.
    pub fn message(&self, locale: Locale) -> &'static str {
        match self {
            ActivationError::UnknownLink => td_string!(locale, activation_errors.unknown_link),
            ActivationError::Expired => td_string!(locale, activation_errors.expired),
            ActivationError::AlreadyUsed => td_string!(locale, activation_errors.already_used),
            ActivationError::WeakPassword(policy) => policy.message(locale),
            ActivationError::WrongCode => td_string!(locale, activation_errors.wrong_code),
            ActivationError::WrongTemporaryPassword => {
                td_string!(locale, activation_errors.wrong_temporary_password)
            }
            ActivationError::PasswordMismatch => {
                td_string!(locale, activation_errors.password_mismatch)
            }
            ActivationError::SignsInAlready => {
                td_string!(locale, activation_errors.signs_in_already)
            }
            ActivationError::WrongPassword => td_string!(locale, activation_errors.wrong_password),
            ActivationError::TooManyAttempts => td_string!(locale, errors.rate_limited),
            ActivationError::Internal => td_string!(locale, activation_errors.internal),
        }
    }

    /// The HTTP status of a response refusing the activation.
    pub fn status(&self) -> http::StatusCode {
        match self {
            ActivationError::UnknownLink => http::StatusCode::NOT_FOUND,
            ActivationError::Expired | ActivationError::AlreadyUsed => http::StatusCode::GONE,
            ActivationError::WeakPassword(_)
            | ActivationError::WrongCode
            | ActivationError::WrongTemporaryPassword
            | ActivationError::WrongPassword
            | ActivationError::PasswordMismatch => http::StatusCode::UNPROCESSABLE_ENTITY,
            ActivationError::SignsInAlready => http::StatusCode::CONFLICT,
            ActivationError::TooManyAttempts => http::StatusCode::TOO_MANY_REQUESTS,
            ActivationError::Internal => http::StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}
