//! Signing in through an external identity provider (OpenID Connect): in Belgium the federal
//! authentication service (eID, itsme, MyGov), or any provider the operator configures. The
//! authorization code flow with PKCE (S256), `state` and `nonce`; the ID token's signature,
//! issuer, audience and expiry are verified; the person is the one the national register number
//! claim names. A provider sign-in is strong: no app code is asked.

use crate::domain::LocalizedName;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod flow;
#[cfg(feature = "ssr")]
pub mod pending;
#[cfg(feature = "ssr")]
pub mod registry;

/// A provider as the sign-in page offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderChoice {
    /// Its name in addresses.
    pub id: String,
    /// The button's text.
    pub name: LocalizedName,
    /// Reached at its last discovery; an unavailable one is shown as such.
    pub available: bool,
}

/// Why a sign-in through a provider did not sign the person in. The sign-in page says it in the
/// person's language (`/sign-in?provider_failed={code}`); the server's log and the audit trail
/// say more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderFailure {
    /// The provider could not be reached, or answered with an error.
    Unavailable,
    /// The person stopped at the provider, or it refused them.
    Cancelled,
    /// The sign-in was started too long ago, already finished, or in another browser.
    Expired,
    /// The answer does not belong to the sign-in this browser started.
    Forged,
    /// The provider's ID token did not pass verification.
    InvalidToken,
    /// The provider did not say the person's national register number.
    MissingNrn,
    /// The provider's national register number is not a valid one.
    MalformedNrn,
    /// Nobody with that national register number has access here.
    UnknownPerson,
    /// Something failed on this side; the log says what.
    Internal,
}

impl ProviderFailure {
    /// Every failure, for tests and the page.
    pub const ALL: [ProviderFailure; 9] = [
        ProviderFailure::Unavailable,
        ProviderFailure::Cancelled,
        ProviderFailure::Expired,
        ProviderFailure::Forged,
        ProviderFailure::InvalidToken,
        ProviderFailure::MissingNrn,
        ProviderFailure::MalformedNrn,
        ProviderFailure::UnknownPerson,
        ProviderFailure::Internal,
    ];

    /// Its code in the address.
    pub fn code(self) -> &'static str {
        match self {
            ProviderFailure::Unavailable => "unavailable",
            ProviderFailure::Cancelled => "cancelled",
            ProviderFailure::Expired => "expired",
            ProviderFailure::Forged => "forged",
            ProviderFailure::InvalidToken => "invalid_token",
            ProviderFailure::MissingNrn => "missing_nrn",
            ProviderFailure::MalformedNrn => "malformed_nrn",
            ProviderFailure::UnknownPerson => "unknown_person",
            ProviderFailure::Internal => "internal",
        }
    }

    /// The failure of `code`, if it is one.
    pub fn of_code(code: &str) -> Option<ProviderFailure> {
        ProviderFailure::ALL.into_iter().find(|f| f.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::ProviderFailure;

    #[test]
    fn every_failure_code_reads_back() {
        for failure in ProviderFailure::ALL {
            assert_eq!(ProviderFailure::of_code(failure.code()), Some(failure));
        }
        assert_eq!(ProviderFailure::of_code("nonsense"), None);
    }
}
