//! User management: who may create, grant, block, unblock and remove users, and who holds which
//! online service without a grant. The main access manager and co-main access managers manage the
//! users of every group, an access manager those of their domain's groups, a group administrator
//! those of their group.

use super::{Level, Organisation, Refusal, Standing, UserPermit, may_manage_users};
use crate::domain::ImplicitAccess;
use crate::domain::{GroupId, PersonId};

/// Seeing users and their details: whoever administers something in the active enterprise, over
/// the groups whose users they manage (which the lists and details are narrowed to).
pub fn may_see_users(organisation: &Organisation, actor: PersonId) -> Result<Standing, Refusal> {
    if !organisation.active {
        return Err(Refusal::EnterpriseNotActive);
    }
    let standing = organisation.standing(actor);
    if standing.level.is_none() {
        return Err(Refusal::NotAnAdministrator);
    }
    Ok(standing)
}

/// Blocking or unblocking a user in every group they are in: the actor must manage the users of
/// each of those groups (otherwise the action is not offered and the server refuses). One permit
/// per group, in the order given.
pub fn may_act_in_every_group(
    organisation: &Organisation,
    actor: PersonId,
    user_groups: &[GroupId],
) -> Result<Vec<UserPermit>, Refusal> {
    if user_groups.is_empty() {
        return Err(Refusal::NotInGroup);
    }
    user_groups
        .iter()
        .map(|group| {
            may_manage_users(organisation, actor, *group).map_err(|refusal| match refusal {
                Refusal::OutsideOwnScope => Refusal::NotEveryGroup,
                other => other,
            })
        })
        .collect()
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
