//! User management: who may create, grant, block, unblock and remove users, and who holds which
//! online service without a grant. The main access manager and co-main access managers manage the
//! users of every group, an access manager those of their domain's groups, a group administrator
//! those of their group.

use super::{Level, Organisation, Refusal, may_manage_users};
use crate::domain::{GroupId, PersonId};
use crate::features::catalog::ImplicitAccess;

/// Blocking or unblocking a user in every group they are in: the actor must manage the users of
/// each of those groups (otherwise the action is not offered and the server refuses).
pub fn may_act_in_every_group(
    organisation: &Organisation,
    actor: PersonId,
    user_groups: &[GroupId],
) -> Result<(), Refusal> {
    if user_groups.is_empty() {
        return Err(Refusal::NotInGroup);
    }
    for group in user_groups {
        may_manage_users(organisation, actor, *group).map_err(|refusal| match refusal {
            Refusal::OutsideOwnScope => Refusal::NotEveryGroup,
            other => other,
        })?;
    }
    Ok(())
}

/// Whether someone at administrator `level` (if any), who is (`is_user`) or is not an unblocked
/// user in some group, holds a service of kind `implicit` without a grant: ContactData goes to
/// access managers and users, Chaman to access managers (co-main and main ones included).
pub fn holds_implicitly(level: Option<Level>, is_user: bool, implicit: ImplicitAccess) -> bool {
    let access_manager = level.is_some_and(|level| level >= Level::AccessManager);
    match implicit {
        ImplicitAccess::None => false,
        ImplicitAccess::AccessManagers => access_manager,
        ImplicitAccess::AccessManagersAndUsers => access_manager || is_user,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{DomainId, EnterpriseId};
    use crate::policy::{Holding, Post};

    const MAM: PersonId = PersonId(1);
    const AM: PersonId = PersonId(2);
    const GA: PersonId = PersonId(3);
    const EMPLOYER: GroupId = GroupId(10);
    const SECRETARIAT: GroupId = GroupId(11);
    const CARE: GroupId = GroupId(20);

    fn organisation() -> Organisation {
        let held = |person, post| Holding {
            person,
            post,
            appointed_by: Some(MAM),
        };
        Organisation {
            enterprise: EnterpriseId(1),
            active: true,
            main_access_manager: MAM,
            groups: vec![
                (EMPLOYER, DomainId(1)),
                (SECRETARIAT, DomainId(1)),
                (CARE, DomainId(2)),
            ],
            appointments: vec![
                held(AM, Post::AccessManager(DomainId(1))),
                held(GA, Post::GroupAdministrator(CARE)),
            ],
        }
    }

    #[test]
    fn blocking_everywhere_needs_every_group_of_the_user_in_scope() {
        let org = organisation();
        assert_eq!(may_act_in_every_group(&org, MAM, &[EMPLOYER, CARE]), Ok(()));
        assert_eq!(
            may_act_in_every_group(&org, AM, &[EMPLOYER, SECRETARIAT]),
            Ok(())
        );
        assert_eq!(
            may_act_in_every_group(&org, AM, &[EMPLOYER, CARE]),
            Err(Refusal::NotEveryGroup)
        );
        assert_eq!(may_act_in_every_group(&org, GA, &[CARE]), Ok(()));
        assert_eq!(
            may_act_in_every_group(&org, PersonId(9), &[CARE]),
            Err(Refusal::NotAnAdministrator)
        );
        assert_eq!(
            may_act_in_every_group(&org, MAM, &[]),
            Err(Refusal::NotInGroup)
        );
    }

    #[test]
    fn contact_data_goes_to_access_managers_and_users_chaman_to_access_managers_only() {
        use ImplicitAccess::{AccessManagers, AccessManagersAndUsers};
        for level in [
            Some(Level::AccessManager),
            Some(Level::CoMainAccessManager),
            Some(Level::MainAccessManager),
        ] {
            assert!(holds_implicitly(level, false, AccessManagers));
            assert!(holds_implicitly(level, false, AccessManagersAndUsers));
        }
        assert!(!holds_implicitly(None, true, AccessManagers));
        assert!(!holds_implicitly(
            Some(Level::GroupAdministrator),
            true,
            AccessManagers
        ));
        assert!(holds_implicitly(None, true, AccessManagersAndUsers));
        assert!(!holds_implicitly(None, false, AccessManagersAndUsers));
        assert!(!holds_implicitly(
            Some(Level::AccessManager),
            true,
            ImplicitAccess::None
        ));
    }
}
