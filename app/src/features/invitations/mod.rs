//! Invitations: a person an administrator adds (a user, an appointee) who cannot sign in yet
//! receives, by e-mail in their language, a one-time link valid for seven days with which they
//! choose a password and enrol an authenticator app (or sign in through an identity provider
//! instead). The e-mail is queued in the transaction that added them. Administrators see where
//! each person stands ([`SignInState`]) and may send the link again. A reset of someone's
//! password and app (by an administrator, or the operator for a main access manager) sends the
//! same kind of link.

use crate::domain::LocalizedName;
use crate::i18n::{Locale, td_string};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod accept;
pub mod api;
#[cfg(feature = "ssr")]
pub mod letter;
#[cfg(feature = "ssr")]
pub mod link;
#[cfg(feature = "ssr")]
pub mod state;
pub mod ui;

/// Whether a person can sign in, and where their invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignInState {
    /// They have a password and an app, or signed in through an identity provider.
    CanSignIn,
    /// They cannot sign in, and no link was sent to them by this enterprise.
    #[default]
    NotInvited,
    /// The e-mail with their link waits in the outbox (the mail relay is not reached yet).
    Queued,
    /// Their link was sent and is still valid.
    Invited,
    /// Their link was not used within seven days.
    Expired,
    /// The mail relay refused their address for good, or there is none.
    Undeliverable,
}

impl SignInState {
    /// Its name on the pages.
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            SignInState::CanSignIn => td_string!(locale, invitations.state_can_sign_in),
            SignInState::NotInvited => td_string!(locale, invitations.state_not_invited),
            SignInState::Queued => td_string!(locale, invitations.state_queued),
            SignInState::Invited => td_string!(locale, invitations.state_invited),
            SignInState::Expired => td_string!(locale, invitations.state_expired),
            SignInState::Undeliverable => td_string!(locale, invitations.state_undeliverable),
        }
    }

    /// Its code, for styles and tests.
    pub fn code(self) -> &'static str {
        match self {
            SignInState::CanSignIn => "can-sign-in",
            SignInState::NotInvited => "not-invited",
            SignInState::Queued => "queued",
            SignInState::Invited => "invited",
            SignInState::Expired => "expired",
            SignInState::Undeliverable => "undeliverable",
        }
    }

    /// Whether an administrator may want to send the link (again).
    pub fn awaits_link(self) -> bool {
        self != SignInState::CanSignIn
    }
}

/// A person's sign-in state as an administrator sees it, with whether they may send the link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SignInStanding {
    /// Where the person stands.
    pub state: SignInState,
    /// The viewer manages the person and may send them a link (again).
    pub may_send: bool,
}

/// What the invitation page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    /// The enterprise that invited the person.
    pub enterprise_name: String,
    /// The person's name, as the enterprise knows them.
    pub person_name: String,
    /// The link follows a reset of the person's password and app.
    pub reset: bool,
    /// The account name the app shows.
    pub account: String,
    /// The app secret, base32 (to type by hand).
    pub totp_secret: String,
    /// The `otpauth://` address.
    pub otpauth_url: String,
    /// The QR code of that address, as a `data:` URL.
    pub qr_code: String,
    /// A temporary password was sent by SMS and must be given (people without an NRN).
    pub temporary_password_required: bool,
    /// The identity providers the person may sign in with instead (people with an NRN).
    pub providers: Vec<LocalizedName>,
}
