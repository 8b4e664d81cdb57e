//! Signing in: passwords and one-time codes from an authenticator app, or an external identity
//! provider.

use crate::domain::{EnterpriseId, EnterpriseStatus};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod act_for;
#[cfg(feature = "ssr")]
pub mod acting;
pub mod api;
#[cfg(feature = "ssr")]
pub mod credentials;
#[cfg(feature = "ssr")]
pub mod enrolment;
#[cfg(feature = "ssr")]
pub mod link_token;
#[cfg(feature = "ssr")]
pub mod me;
#[cfg(feature = "ssr")]
pub mod password;
pub mod providers;
#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod sign_in;
pub mod signed_in;
#[cfg(feature = "ssr")]
pub mod throttle;
#[cfg(feature = "ssr")]
pub mod totp;

pub use crate::domain::PasswordPolicyError;

/// The signed-in person as every page's frame shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    /// Given and family name.
    pub name: String,
    /// The enterprises the person is linked to, by name.
    pub enterprises: Vec<EnterpriseChoice>,
    /// The one they act for now, if chosen (always one of `enterprises`).
    pub acting_for: Option<EnterpriseId>,
}

impl Me {
    /// The enterprise acted for, with its details.
    pub fn acting(&self) -> Option<&EnterpriseChoice> {
        let id = self.acting_for?;
        self.enterprises.iter().find(|choice| choice.id == id)
    }

    /// Whether the person has several enterprises to choose between.
    pub fn can_switch(&self) -> bool {
        self.enterprises.len() > 1
    }
}

/// An enterprise a signed-in person may act for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnterpriseChoice {
    pub id: EnterpriseId,
    /// Its number, written with dots.
    pub number: String,
    pub name: String,
    /// Pending until its main access manager activates it.
    pub status: EnterpriseStatus,
    /// The person's highest administrator level there, if any.
    pub level: Option<crate::policy::Level>,
    /// Unread messages in their e-Box there.
    pub unread: i64,
}

impl EnterpriseChoice {
    /// The person's roles there, as the policy reads them.
    pub fn roles(&self) -> crate::policy::Roles {
        crate::policy::Roles {
            level: self.level,
            enterprise_active: self.status == EnterpriseStatus::Active,
        }
    }
}
