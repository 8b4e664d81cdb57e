//! Changes to an existing user: their services in a group, blocking and unblocking in one group
//! or in all, removal from a group. Each is decided by the policy on the organisation read in the
//! write transaction, refused when the form is stale (the user changed since it was read), and
//! written with its audit event and e-Box message in that same transaction.

use super::Reach;
use super::store::{self, UserState};
use crate::AppError;
use crate::domain::{GroupId, PersonId, ServiceId};
use crate::features::admins::store::decisive;
use crate::features::audit::refusals::{Refused, record_refused};
use crate::features::audit::{Action, Actor};
use crate::features::auth::acting::Acting;
use crate::features::auth::session;
use crate::features::ebox::Message;
use crate::features::record::{Change, record};
use crate::platform::db::{Database, now_millis};
use crate::platform::request_memo::remembered;
use crate::policy::{Organisation, Refusal, UserPermit, may_act_in_every_group, may_manage_users};
use serde_json::json;
use sqlx::{Any, AnyConnection, Transaction};

/// `AppError` for a policy refusal.
pub(super) fn refused(reason: Refusal) -> AppError {
    AppError::Refused { reason }
}

/// Passes `outcome` on, auditing it first when the policy refused the change `attempted` that
/// `acting` asked for on `person` (`None`: a user not created yet) with `asked`. The change's own
/// transaction is over by then, so the record is never rolled back with it.
pub(super) async fn audited<T>(
    db: &Database,
    acting: &Acting,
    attempted: Action,
    person: Option<PersonId>,
    mut asked: serde_json::Value,
    client_addr: Option<&str>,
    outcome: Result<T, AppError>,
) -> Result<T, AppError> {
    if let Err(AppError::Refused { reason }) = &outcome {
        asked["attempted"] = attempted.code().into();
        let refused = Refused {
            enterprise: acting.enterprise,
            actor: acting.person,
            action: Action::UserChangeRefused,
            target: person.map(|person| format!("person:{person}")),
            asked,
            refusal: *reason,
            client_addr,
        };
        record_refused(db, &refused).await?;
    }
    outcome
}

/// The enterprise as the policy sees it, read in `conn`.
pub(super) async fn decided_on(
    conn: &mut AnyConnection,
    acting: &Acting,
) -> Result<Organisation, AppError> {
    decisive(conn, acting.enterprise)
        .await?
        .ok_or(refused(Refusal::NotAnAdministrator))
}

/// The enterprise as the policy sees it, for a read: read once per request however many reads a
/// page makes (its list, its filters, the person's own access). A change decides on the
/// organisation read inside its transaction ([`decided_on`]), never on this one.
pub(super) async fn decided_on_for_reads(
    conn: &mut AnyConnection,
    acting: &Acting,
) -> Result<Organisation, AppError> {
    remembered(decided_on(conn, acting)).await
}

/// An opened change: its transaction, the user as it stands, and a permit for each group the
/// change reaches.
struct Opened {
    tx: Transaction<'static, Any>,
    state: UserState,
    permits: Vec<UserPermit>,
}

/// Opens the change: authorizes `acting` over `reach` of `person` (for every group of the user,
/// read first, when the reach is everywhere), then takes the user's `version`, refusing a stale
/// form. The version claim locks the user's row, and it succeeds only if nothing changed since
/// the form was read, so the state read before it is the state being changed.
async fn open(
    db: &Database,
    acting: &Acting,
    person: PersonId,
    reach: Reach,
    version: i64,
) -> Result<Opened, AppError> {
    let mut tx = db.write().await?;
    let organisation = decided_on(&mut tx, acting).await?;
    let state = store::state(&mut tx, acting.enterprise, person).await?;
    let permits = match reach {
        Reach::Group(group) => {
            may_manage_users(&organisation, acting.person, group).map(|p| vec![p])
        }
        Reach::Everywhere => {
            let groups = state.as_ref().map(UserState::groups).unwrap_or_default();
            may_act_in_every_group(&organisation, acting.person, &groups)
        }
    }
    .map_err(refused)?;
    let Some(state) = state else {
        return Err(refused(Refusal::NotInGroup));
    };
    if let Reach::Group(group) = reach
        && state.membership(group).is_none()
    {
        return Err(refused(Refusal::NotInGroup));
    }
    let Some(first) = permits.first() else {
        return Err(refused(Refusal::NotInGroup));
    };
    if state.version != version || !store::claim(&mut tx, first, person, version).await? {
        return Err(AppError::Conflict);
    }
    Ok(Opened { tx, state, permits })
}

fn blocked_in(state: &UserState) -> Vec<GroupId> {
    state
        .memberships
        .iter()
        .filter(|m| m.blocked)
        .map(|m| m.group)
        .collect()
}

/// Blocks (`block`) or unblocks `person` over `reach`. Blocking keeps the account and its grants
/// and ends at once every session in which the person acts for this enterprise.
pub async fn set_blocked(
    db: &Database,
    acting: &Acting,
    person: PersonId,
    reach: Reach,
    block: bool,
    version: i64,
    client_addr: Option<&str>,
) -> Result<(), AppError> {
    let outcome = block_or_unblock(db, acting, person, reach, block, version, client_addr).await;
    let attempted = if block {
        Action::UserBlocked
    } else {
        Action::UserUnblocked
    };
    let asked = json!({ "reach": reach });
    audited(
        db,
        acting,
        attempted,
        Some(person),
        asked,
        client_addr,
        outcome,
    )
    .await
}

async fn block_or_unblock(
    db: &Database,
    acting: &Acting,
    person: PersonId,
    reach: Reach,
    block: bool,
    version: i64,
    client_addr: Option<&str>,
) -> Result<(), AppError> {
    let Opened {
        mut tx,
        state,
        permits,
    } = open(db, acting, person, reach, version).await?;
    let targets: Vec<&UserPermit> = permits
        .iter()
        .filter(|permit| {
            state
                .membership(permit.group())
                .is_some_and(|m| m.blocked != block)
        })
        .collect();
    if targets.is_empty() {
        return Err(refused(if block {
            Refusal::AlreadyBlocked
        } else {
            Refusal::NotBlocked
        }));
    }
    for permit in &targets {
        store::set_blocked(&mut tx, permit, person, block).await?;
    }
    let targets: Vec<GroupId> = targets.iter().map(|permit| permit.group()).collect();
    if block {
        session::end_acting_for(&mut tx, person, acting.enterprise, now_millis()).await?;
    }
    let before = blocked_in(&state);
    let mut after: Vec<GroupId> = if block {
        before.iter().chain(&targets).copied().collect()
    } else {
        before
            .iter()
            .filter(|g| !targets.contains(g))
            .copied()
            .collect()
    };
    after.sort();
    let group = match reach {
        Reach::Group(group) => Some(group),
        Reach::Everywhere => None,
    };
    let message = if block {
        Message::Blocked {
            group,
            by: acting.person,
        }
    } else {
        Message::Unblocked {
            group,
            by: acting.person,
        }
    };
    let change = Change {
        enterprise: acting.enterprise,
        actor: Actor::Person(acting.person),
        action: if block {
            Action::UserBlocked
        } else {
            Action::UserUnblocked
        },
        person,
        before: Some(json!({ "blocked_in": before })),
        after: Some(json!({ "blocked_in": after, "reach": reach })),
        message,
        client_addr,
    };
    record(&mut tx, change).await?;
    tx.commit().await?;
    Ok(())
}

/// Makes `services` exactly the services `person` may use in `group`. Nothing changes (and
/// nothing is recorded) when they are already.
#[allow(clippy::too_many_arguments)]
pub async fn set_services(
    db: &Database,
    acting: &Acting,
    person: PersonId,
    group: GroupId,
    services: &[ServiceId],
    version: i64,
    client_addr: Option<&str>,
) -> Result<(), AppError> {
    let outcome =
        grant_and_withdraw(db, acting, person, group, services, version, client_addr).await;
    let asked = json!({ "group": group, "services": services });
    audited(
        db,
        acting,
        Action::UserServicesChanged,
        Some(person),
        asked,
        client_addr,
        outcome,
    )
    .await
}

async fn grant_and_withdraw(
    db: &Database,
    acting: &Acting,
    person: PersonId,
    group: GroupId,
    services: &[ServiceId],
    version: i64,
    client_addr: Option<&str>,
) -> Result<(), AppError> {
    let Opened {
        mut tx,
        state,
        permits,
    } = open(db, acting, person, Reach::Group(group), version).await?;
    let wanted = offered_only(&mut tx, group, services).await?;
    let current = state
        .membership(group)
        .map(|m| m.services.clone())
        .unwrap_or_default();
    let granted: Vec<ServiceId> = wanted
        .iter()
        .filter(|s| !current.contains(s))
        .copied()
        .collect();
    let withdrawn: Vec<ServiceId> = current
        .iter()
        .filter(|s| !wanted.contains(s))
        .copied()
        .collect();
    if granted.is_empty() && withdrawn.is_empty() {
        return Ok(());
    }
    store::withdraw(&mut tx, &permits[0], person, &withdrawn).await?;
    store::grant(&mut tx, &permits[0], person, &granted).await?;
    let change = Change {
        enterprise: acting.enterprise,
        actor: Actor::Person(acting.person),
        action: Action::UserServicesChanged,
        person,
        before: Some(json!({ "group": group, "services": current })),
        after: Some(json!({ "group": group, "services": wanted })),
        message: Message::ServicesChanged {
            group,
            granted,
            withdrawn,
            by: acting.person,
        },
        client_addr,
    };
    record(&mut tx, change).await?;
    tx.commit().await?;
    Ok(())
}

/// `services` sorted and without repeats, when `group` offers every one; else the refusal.
pub(super) async fn offered_only(
    conn: &mut AnyConnection,
    group: GroupId,
    services: &[ServiceId],
) -> Result<Vec<ServiceId>, AppError> {
    let offered = store::offered(conn, group).await?;
    let mut wanted: Vec<ServiceId> = services.to_vec();
    wanted.sort();
    wanted.dedup();
    if wanted.iter().any(|s| !offered.contains(s)) {
        return Err(refused(Refusal::ServiceNotOffered));
    }
    Ok(wanted)
}

/// Takes `person` out of `group`, with their grants there. The person, their link to the
/// enterprise and their history stay.
pub async fn remove(
    db: &Database,
    acting: &Acting,
    person: PersonId,
    group: GroupId,
    version: i64,
    client_addr: Option<&str>,
) -> Result<(), AppError> {
    let outcome = remove_from_group(db, acting, person, group, version, client_addr).await;
    let asked = json!({ "group": group });
    audited(
        db,
        acting,
        Action::UserRemoved,
        Some(person),
        asked,
        client_addr,
        outcome,
    )
    .await
}

async fn remove_from_group(
    db: &Database,
    acting: &Acting,
    person: PersonId,
    group: GroupId,
    version: i64,
    client_addr: Option<&str>,
) -> Result<(), AppError> {
    let Opened {
        mut tx,
        state,
        permits,
    } = open(db, acting, person, Reach::Group(group), version).await?;
    let Some(membership) = state.membership(group) else {
        return Err(refused(Refusal::NotInGroup));
    };
    store::leave(&mut tx, &permits[0], membership, person).await?;
    let last = state.memberships.len() == 1;
    let change = Change {
        enterprise: acting.enterprise,
        actor: Actor::Person(acting.person),
        action: Action::UserRemoved,
        person,
        before: Some(json!({
            "group": group,
            "services": membership.services,
            "blocked": membership.blocked,
        })),
        after: Some(json!({ "group": group, "still_user": !last })),
        message: Message::Removed {
            group,
            by: acting.person,
        },
        client_addr,
    };
    record(&mut tx, change).await?;
    tx.commit().await?;
    Ok(())
}
