//! Users, memberships and grants in the database. Every writer takes the [`UserPermit`] the
//! policy gave for the group it changes, and runs in the caller's transaction, which also records
//! the change's audit event and e-Box message.
//!
//! A write with ids alone, without the permit, does not compile:
//!
//! ```compile_fail,E0308
//! use app::domain::{EnterpriseId, GroupId, PersonId, ServiceId};
//! async fn grant_without_permit(conn: &mut sqlx::AnyConnection) {
//!     let enterprise = EnterpriseId(1);
//!     app::features::users::store::grant(conn, enterprise, PersonId(2), &[ServiceId(3)])
//!         .await
//!         .ok();
//! }
//! ```
//!
//! With one the policy gave, it does:
//!
//! ```
//! use app::domain::{PersonId, ServiceId};
//! use app::policy::UserPermit;
//! async fn grant_with_permit(conn: &mut sqlx::AnyConnection, permit: &UserPermit) {
//!     app::features::users::store::grant(conn, permit, PersonId(2), &[ServiceId(3)])
//!         .await
//!         .ok();
//! }
//! ```

use super::search::name_key;
use super::{Membership, access};
use crate::domain::{PersonId, ServiceId};
use crate::platform::db::now_millis;
use crate::platform::sql::{Bind, Sql};
use crate::policy::UserPermit;
use sqlx::AnyConnection;

pub use super::reads::{
    GroupSelection, NamedUser, UserState, Within, group_cards, group_choices, groups, named_state,
    offered, offering, service_choices, state,
};

/// Takes the user's `version` for this change: bumps it if it is still `version` (then the
/// row stays locked until the transaction ends). `false` when the user changed since.
pub async fn claim(
    conn: &mut AnyConnection,
    permit: &UserPermit,
    person: PersonId,
    version: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE enterprise_users SET version = version + 1 \
         WHERE enterprise_id = $1 AND person_id = $2 AND version = $3",
    )
    .bind(permit.enterprise().0)
    .bind(person.0)
    .bind(version)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Bumps the user's version whatever it is, for a change nobody read a form for (the catalogue
/// withdrawing a service): a form read before is stale afterwards.
pub async fn touch(
    conn: &mut AnyConnection,
    permit: &UserPermit,
    person: PersonId,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE enterprise_users SET version = version + 1 WHERE enterprise_id = $1 AND person_id = $2",
    )
    .bind(permit.enterprise().0)
    .bind(person.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// Makes `person` a user of the permit's enterprise (or bumps the version of an existing user),
/// with the names the enterprise knows them by and the keys the lists sort and search by. A new
/// user's access summary is empty until [`join`] writes it. Returns the name key.
pub async fn enrol(
    conn: &mut AnyConnection,
    permit: &UserPermit,
    person: PersonId,
) -> Result<String, sqlx::Error> {
    let enterprise = permit.enterprise();
    let (given, family, nrn): (String, String, Option<String>) = sqlx::query_as(
        "SELECT em.given_name, em.family_name, p.nrn FROM employments em \
         JOIN persons p ON p.id = em.person_id WHERE em.enterprise_id = $1 AND em.person_id = $2",
    )
    .bind(enterprise.0)
    .bind(person.0)
    .fetch_one(&mut *conn)
    .await?;
    let sort_name = name_key(&format!("{family} {given}"));
    sqlx::query(
        "INSERT INTO enterprise_users (enterprise_id, person_id, sort_name, given_first, nrn, \
         version, created_at, given_name, family_name, access) \
         VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, '') \
         ON CONFLICT (enterprise_id, person_id) DO UPDATE SET version = enterprise_users.version + 1",
    )
    .bind(enterprise.0)
    .bind(person.0)
    .bind(&sort_name)
    .bind(name_key(&format!("{given} {family}")))
    .bind(nrn)
    .bind(now_millis())
    .bind(&given)
    .bind(&family)
    .execute(&mut *conn)
    .await?;
    Ok(sort_name)
}

/// Puts the user in the permit's group (unblocked) with `services`. Fails on the primary key
/// when they are in it already.
pub async fn join(
    conn: &mut AnyConnection,
    permit: &UserPermit,
    person: PersonId,
    sort_name: &str,
    services: &[ServiceId],
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO memberships (enterprise_id, group_id, person_id, sort_name, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(permit.enterprise().0)
    .bind(permit.group().0)
    .bind(person.0)
    .bind(sort_name)
    .bind(now_millis())
    .execute(&mut *conn)
    .await?;
    insert_grants(conn, permit, person, services).await?;
    count(conn, permit, 1, 0).await?;
    summarise(conn, permit, person).await
}

/// Grants `services` in the permit's group.
pub async fn grant(
    conn: &mut AnyConnection,
    permit: &UserPermit,
    person: PersonId,
    services: &[ServiceId],
) -> Result<(), sqlx::Error> {
    insert_grants(conn, permit, person, services).await?;
    summarise(conn, permit, person).await
}

async fn insert_grants(
    conn: &mut AnyConnection,
    permit: &UserPermit,
    person: PersonId,
    services: &[ServiceId],
) -> Result<(), sqlx::Error> {
    let (enterprise, group) = (permit.enterprise(), permit.group());
    let now = now_millis();
    for service in services {
        // The grant carries its membership's name key, for the lists filtered by service.
        let written = sqlx::query(
            "INSERT INTO grants (enterprise_id, group_id, person_id, service_id, granted_at, sort_name) \
             SELECT m.enterprise_id, m.group_id, m.person_id, $4, $5, m.sort_name FROM memberships m \
             WHERE m.enterprise_id = $1 AND m.group_id = $2 AND m.person_id = $3",
        )
        .bind(enterprise.0)
        .bind(group.0)
        .bind(person.0)
        .bind(service.0)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        if written.rows_affected() != 1 {
            return Err(sqlx::Error::RowNotFound);
        }
    }
    Ok(())
}

/// Withdraws `services` in the permit's group.
pub async fn withdraw(
    conn: &mut AnyConnection,
    permit: &UserPermit,
    person: PersonId,
    services: &[ServiceId],
) -> Result<(), sqlx::Error> {
    delete_grants(conn, permit, person, services).await?;
    summarise(conn, permit, person).await
}

async fn delete_grants(
    conn: &mut AnyConnection,
    permit: &UserPermit,
    person: PersonId,
    services: &[ServiceId],
) -> Result<(), sqlx::Error> {
    let (enterprise, group) = (permit.enterprise(), permit.group());
    if services.is_empty() {
        return Ok(());
    }
    let mut sql = Sql::new("DELETE FROM grants");
    sql.push(
        " WHERE enterprise_id = ? AND group_id = ? AND person_id = ?",
        [
            Bind::Int(enterprise.0),
            Bind::Int(group.0),
            Bind::Int(person.0),
        ],
    )
    .push_in(" AND ", "service_id", services.iter().map(|s| s.0));
    sql.execute(conn).await?;
    Ok(())
}

/// Blocks (`blocked`) or unblocks the user in the permit's group.
pub async fn set_blocked(
    conn: &mut AnyConnection,
    permit: &UserPermit,
    person: PersonId,
    blocked: bool,
) -> Result<(), sqlx::Error> {
    let (enterprise, group) = (permit.enterprise(), permit.group());
    let blocked_at = blocked.then(now_millis);
    sqlx::query(
        "UPDATE memberships SET blocked_at = $1 WHERE enterprise_id = $2 AND group_id = $3 AND person_id = $4",
    )
    .bind(blocked_at)
    .bind(enterprise.0)
    .bind(group.0)
    .bind(person.0)
    .execute(&mut *conn)
    .await?;
    let delta = if blocked { 1 } else { -1 };
    count(conn, permit, -delta, delta).await?;
    summarise(conn, permit, person).await
}

/// Takes the user out of the permit's group, whose `membership` it is, with their grants there;
/// a user left in no group is no user of the enterprise any more (the person, their link and
/// their history stay).
pub async fn leave(
    conn: &mut AnyConnection,
    permit: &UserPermit,
    membership: &Membership,
    person: PersonId,
) -> Result<(), sqlx::Error> {
    let (enterprise, group) = (permit.enterprise(), permit.group());
    debug_assert_eq!(
        membership.group, group,
        "the membership of the permit's group"
    );
    delete_grants(conn, permit, person, &membership.services).await?;
    sqlx::query(
        "DELETE FROM memberships WHERE enterprise_id = $1 AND group_id = $2 AND person_id = $3",
    )
    .bind(enterprise.0)
    .bind(group.0)
    .bind(person.0)
    .execute(&mut *conn)
    .await?;
    if membership.blocked {
        count(conn, permit, 0, -1).await?;
    } else {
        count(conn, permit, -1, 0).await?;
    }
    sqlx::query(
        "DELETE FROM enterprise_users WHERE enterprise_id = $1 AND person_id = $2 \
         AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.enterprise_id = $1 AND m.person_id = $2)",
    )
    .bind(enterprise.0)
    .bind(person.0)
    .execute(&mut *conn)
    .await?;
    summarise(conn, permit, person).await
}

/// Writes the user's access summary from their memberships and grants as they now stand (see
/// [`access`](super::access)); nothing when they are no user any more.
async fn summarise(
    conn: &mut AnyConnection,
    permit: &UserPermit,
    person: PersonId,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "UPDATE enterprise_users SET access = {} WHERE enterprise_id = $1 AND person_id = $2",
        access::summary_of("enterprise_users")
    ))
    .bind(permit.enterprise().0)
    .bind(person.0)
    .execute(conn)
    .await?;
    Ok(())
}

async fn count(
    conn: &mut AnyConnection,
    permit: &UserPermit,
    active: i64,
    blocked: i64,
) -> Result<(), sqlx::Error> {
    let (enterprise, group) = (permit.enterprise(), permit.group());
    sqlx::query(
        "UPDATE enterprise_groups SET users_active = users_active + $1, users_blocked = users_blocked + $2 \
         WHERE enterprise_id = $3 AND group_id = $4",
    )
    .bind(active)
    .bind(blocked)
    .bind(enterprise.0)
    .bind(group.0)
    .execute(conn)
    .await?;
    Ok(())
}
