//! Where an enterprise is in its life: pending until its main access manager activates it.

use serde::{Deserialize, Serialize};

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
