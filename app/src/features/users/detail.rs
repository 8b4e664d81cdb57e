//! One user as an administrator sees them (groups, services per group, state, services held
//! without a grant, history), and the signed-in person's own access.

use super::change::{decided_on_for_reads, refused};
use super::list::formatted;
use super::store::{self, UserState};
use super::{Groups, MyAccess, UserDetail};
use crate::AppError;
use crate::domain::{PersonId, ServiceId};
use crate::features::audit_trail::list::about;
use crate::features::auth::acting::Acting;
use crate::features::invitations::{self, SignInStanding};
use crate::platform::db::Database;
use crate::platform::db::now_millis;
use crate::policy::{
    Organisation, Refusal, holds_implicitly, may_act_in_every_group, may_help_sign_in,
    may_see_users,
};

/// The services `person` holds without a grant, given the enterprise's catalogue.
fn implicit(
    organisation: &Organisation,
    person: PersonId,
    state: Option<&UserState>,
    catalog: &Groups,
) -> Vec<ServiceId> {
    let level = organisation.level(person);
    let is_user = state.is_some_and(|state| state.memberships.iter().any(|m| !m.blocked));
    catalog
        .services
        .iter()
        .filter(|service| holds_implicitly(level, is_user, service.implicit))
        .map(|service| service.id)
        .collect()
}

/// The user `person`, when `acting` manages at least one of their groups.
pub async fn detail(
    db: &Database,
    acting: &Acting,
    person: PersonId,
) -> Result<UserDetail, AppError> {
    let mut conn = db.pool().acquire().await?;
    let organisation = decided_on_for_reads(&mut conn, acting).await?;
    let scope = may_see_users(&organisation, acting.person)
        .map_err(refused)?
        .groups;
    let Some(user) = store::named_state(&mut conn, acting.enterprise, person).await? else {
        return Err(AppError::NotFound);
    };
    let state = user.state;
    let manageable: Vec<_> = state
        .groups()
        .into_iter()
        .filter(|group| scope.contains(group))
        .collect();
    if manageable.is_empty() {
        return Err(refused(Refusal::OutsideOwnScope));
    }
    let catalog = store::groups(&mut conn, acting.enterprise, &state.groups()).await?;
    let sign_in = SignInStanding {
        state: invitations::state::one(&mut conn, acting.enterprise, person, now_millis()).await?,
        may_send: may_help_sign_in(&organisation, acting.person, person, &state.groups()).is_ok(),
    };
    drop(conn);
    let history = about(db, acting.enterprise, person).await?;
    Ok(UserDetail {
        person,
        name: format!("{} {}", user.given_name, user.family_name),
        nrn: formatted(user.nrn.as_deref()),
        version: state.version,
        may_act_everywhere: may_act_in_every_group(&organisation, acting.person, &state.groups())
            .is_ok(),
        implicit: implicit(&organisation, person, Some(&state), &catalog),
        memberships: state.memberships,
        manageable,
        catalog,
        history,
        sign_in,
    })
}

/// What the signed-in person may use in the enterprise they act for, read fresh.
pub async fn my_access(db: &Database, acting: &Acting) -> Result<MyAccess, AppError> {
    let mut conn = db.pool().acquire().await?;
    let state = store::state(&mut conn, acting.enterprise, acting.person).await?;
    let groups = state.as_ref().map(UserState::groups).unwrap_or_default();
    let catalog = store::groups(&mut conn, acting.enterprise, &groups).await?;
    let implicit = match decided_on_for_reads(&mut conn, acting).await {
        Ok(organisation) => implicit(&organisation, acting.person, state.as_ref(), &catalog),
        Err(_) => Vec::new(),
    };
    Ok(MyAccess {
        memberships: state.map(|state| state.memberships).unwrap_or_default(),
        implicit,
        catalog,
    })
}
