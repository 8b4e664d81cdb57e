//! Enterprises: registered by the operator with their main access manager, activated by that
//! manager at first sign-in.

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
pub mod onboarding;
#[cfg(feature = "ssr")]
pub mod provider_sign_in;
#[cfg(feature = "ssr")]
pub mod register;
#[cfg(feature = "ssr")]
pub mod replace_main_access_manager;
#[cfg(feature = "ssr")]
pub mod store;

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
    /// The manager signs in already: they activate with the password and app they have (nothing
    /// to enrol, the secret and QR code are empty).
    pub signs_in_already: bool,
}

pub use crate::error::ActivationError;
