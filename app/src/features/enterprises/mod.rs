//! Enterprises: registered by the operator with their main access manager, activated by that
//! manager at first sign-in.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod activation_token;
#[cfg(feature = "ssr")]
pub mod register;

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
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            EnterpriseStatus::Pending => "pending",
            EnterpriseStatus::Active => "active",
        }
    }
}
