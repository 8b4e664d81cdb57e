//! Who holds an online service without an explicit grant, as the catalogue declares it.

use serde::{Deserialize, Serialize};

/// Who holds an online service without an explicit grant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImplicitAccess {
    /// Only people granted the service.
    #[default]
    None,
    /// Access managers and the main access manager (Chaman).
    AccessManagers,
    /// Access managers and every user of the enterprise (ContactData).
    AccessManagersAndUsers,
}

impl ImplicitAccess {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            ImplicitAccess::None => "none",
            ImplicitAccess::AccessManagers => "access_managers",
            ImplicitAccess::AccessManagersAndUsers => "access_managers_and_users",
        }
    }
}
