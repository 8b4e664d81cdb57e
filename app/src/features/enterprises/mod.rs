//! Enterprises: registered by the operator with their main access manager, activated by that
//! manager at first sign-in.

use crate::i18n::{Locale, td_string};
use serde::{Deserialize, Serialize};

pub mod api;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod activate;
#[cfg(feature = "ssr")]
pub mod activation_token;
#[cfg(feature = "ssr")]
pub mod foreign_delivery;
#[cfg(feature = "ssr")]
pub mod register;
#[cfg(feature = "ssr")]
pub mod replace_main_access_manager;

/// What the activation page shows once its link has been checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivationView {
    /// The enterprise's number, written with dots.
    pub enterprise_number: String,
    /// The enterprise's name.
    pub enterprise_name: String,
    /// The main access manager's full name.
    pub person_name: String,
    /// The account name the authenticator app shows (e-mail or username).
    pub account: String,
    /// The secret to type into the app by hand (base32).
    pub totp_secret: String,
    /// The `otpauth://` address the QR code encodes.
    pub otpauth_url: String,
    /// A foreign manager must also give the temporary password sent by SMS.
    pub temporary_password_required: bool,
    /// That address as a QR code, an SVG `data:` URL for an `<img>`.
    pub qr_code: String,
}

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
    WeakPassword(crate::features::auth::PasswordPolicyError),
    /// The code from the app does not match.
    #[error("the code from the authenticator app is wrong or expired")]
    WrongCode,
    /// The temporary password (sent by SMS to a foreign manager) is missing or wrong.
    #[error("the temporary password is wrong")]
    WrongTemporaryPassword,
    /// Too many wrong codes or guessed links from here: wait before trying again.
    #[error("too many attempts")]
    TooManyAttempts,
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
            | ActivationError::PasswordMismatch => http::StatusCode::UNPROCESSABLE_ENTITY,
            ActivationError::TooManyAttempts => http::StatusCode::TOO_MANY_REQUESTS,
            ActivationError::Internal => http::StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// Where an enterprise is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EnterpriseStatus {
    /// Registered; nobody can administer it until its main access manager activates it.
    Pending,
    /// Activated by its main access manager.
    Active,
}

impl EnterpriseStatus {
    /// Reads the stored form; anything but `active` is pending (nobody administers it).
    pub fn from_stored(stored: &str) -> EnterpriseStatus {
        if stored == EnterpriseStatus::Active.as_str() {
            EnterpriseStatus::Active
        } else {
            EnterpriseStatus::Pending
        }
    }

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            EnterpriseStatus::Pending => "pending",
            EnterpriseStatus::Active => "active",
        }
    }
}
