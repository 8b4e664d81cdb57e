//! Permits: values only the policy (or the operator and system layers) can make, taken by every
//! function that writes. A write without its permit does not compile; a permit names the
//! enterprise and the scope it was given for, so it cannot be spent elsewhere.
//!
//! ```
//! use app::domain::{EnterpriseId, GroupId, PersonId};
//! use app::policy::{Organisation, may_manage_users};
//!
//! let acme = Organisation {
//!     enterprise: EnterpriseId(1),
//!     active: true,
//!     main_access_manager: PersonId(1),
//!     groups: vec![(GroupId(7), app::domain::DomainId(2))],
//!     appointments: vec![],
//! };
//! let permit = may_manage_users(&acme, PersonId(1), GroupId(7)).expect("the MAM manages all");
//! assert_eq!((permit.enterprise(), permit.group()), (EnterpriseId(1), GroupId(7)));
//! ```
//!
//! Nobody outside the policy makes one (its fields are private):
//!
//! ```compile_fail,E0451
//! use app::domain::{EnterpriseId, GroupId};
//! use app::policy::{Authority, UserPermit};
//! let forged = UserPermit { enterprise: EnterpriseId(1), group: GroupId(7), by: Authority::System };
//! ```
//!
//! ```compile_fail,E0624
//! use app::domain::{EnterpriseId, GroupId};
//! use app::policy::{Authority, UserPermit};
//! let forged = UserPermit::new(EnterpriseId(1), GroupId(7), Authority::System);
//! ```

use crate::domain::{EnterpriseId, GroupId, PersonId};

/// On whose authority a permit was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Authority {
    /// A person, decided by the policy on the enterprise read fresh from the database.
    Person(PersonId),
    /// The operator, at the command line.
    Operator,
    /// The product itself (the catalogue reload, scheduled work).
    System,
}

/// The right to change the users of one group of one enterprise: create them there, grant and
/// withdraw the group's services, block, unblock and remove them. Made by
/// [`may_manage_users`](super::may_manage_users) and
/// [`may_act_in_every_group`](super::may_act_in_every_group) for an administrator, and by
/// [`OperatorPermit::users`] for the operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserPermit {
    enterprise: EnterpriseId,
    group: GroupId,
    by: Authority,
}

impl UserPermit {
    pub(super) fn new(enterprise: EnterpriseId, group: GroupId, by: Authority) -> UserPermit {
        UserPermit {
            enterprise,
            group,
            by,
        }
    }

    /// The enterprise whose users it changes.
    pub fn enterprise(&self) -> EnterpriseId {
        self.enterprise
    }

    /// The group whose users it changes.
    pub fn group(&self) -> GroupId {
        self.group
    }

    /// On whose authority.
    pub fn by(&self) -> Authority {
        self.by
    }
}

/// The operator's authority: registration, replacing a main access manager, demo and seed data.
/// Made only by the command-line layer (`server/src/*_cli.rs`) and by tests; the layering test
/// checks that no page or server function makes one.
#[derive(Debug)]
pub struct OperatorPermit(());

impl OperatorPermit {
    /// The operator at the command line.
    pub fn at_the_command_line() -> OperatorPermit {
        OperatorPermit(())
    }

    /// The right to change the users of `group` of `enterprise` on the operator's authority.
    pub fn users(&self, enterprise: EnterpriseId, group: GroupId) -> UserPermit {
        UserPermit::new(enterprise, group, Authority::Operator)
    }

    /// The right to reset how `person` signs in, for `enterprise` (a main access manager's own
    /// recovery goes through the operator).
    pub fn sign_in(&self, enterprise: EnterpriseId, person: PersonId) -> super::SignInPermit {
        super::SignInPermit::new(enterprise, person, Authority::Operator)
    }
}

/// The product's own authority, for work no person asked for: the catalogue reload at start and
/// scheduled work. Made only by the server's start-up and schedulers.
#[derive(Debug)]
pub struct SystemPermit(());

impl SystemPermit {
    /// The product at start-up or on its schedule.
    pub fn for_system_work() -> SystemPermit {
        SystemPermit(())
    }

    /// The right to change the users of `group` of `enterprise` on the product's authority.
    pub fn users(&self, enterprise: EnterpriseId, group: GroupId) -> UserPermit {
        UserPermit::new(enterprise, group, Authority::System)
    }
}
