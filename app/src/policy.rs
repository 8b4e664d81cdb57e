//! Who may do what: pure functions over the actor's roles in the enterprise they act for, shared
//! by the server (which decides, on roles read fresh from the database) and the pages (which
//! offer only what the actor may do).

use serde::{Deserialize, Serialize};

/// The actor's place in the enterprise they act for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roles {
    /// The enterprise's main access manager.
    pub main_access_manager: bool,
    /// The enterprise has been activated.
    pub enterprise_active: bool,
}

/// Why the policy refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Refusal {
    /// The action needs the main access manager.
    #[error("only the main access manager may do this")]
    NotMainAccessManager,
}

/// Reading the enterprise's audit trail: its main access manager. (Co-main access managers and
/// access managers join with delegated administration.)
pub fn may_read_audit(roles: Roles) -> Result<(), Refusal> {
    if roles.main_access_manager {
        Ok(())
    } else {
        Err(Refusal::NotMainAccessManager)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_main_access_manager_reads_the_audit_trail() {
        let mam = Roles {
            main_access_manager: true,
            enterprise_active: true,
        };
        assert_eq!(may_read_audit(mam), Ok(()));
        assert_eq!(
            may_read_audit(Roles::default()),
            Err(Refusal::NotMainAccessManager)
        );
    }
}
