//! Enterprises in the database: the only module that writes `enterprises`, the groups an
//! enterprise holds (`enterprise_groups`) and its main access manager (`main_access_managers`).
//! Registration and replacement are the operator's; activation is the link's.

use crate::domain::{EnterpriseId, EnterpriseNumber, EnterpriseStatus, GroupId, PersonId};
use crate::policy::OperatorPermit;
use sqlx::AnyConnection;

/// Records a new, pending enterprise.
pub async fn insert(
    conn: &mut AnyConnection,
    _by: &OperatorPermit,
    number: &EnterpriseNumber,
    name: &str,
    now: i64,
) -> Result<EnterpriseId, sqlx::Error> {
    let id = sqlx::query_scalar(
        "INSERT INTO enterprises (number, name, status, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(number.as_str())
    .bind(name)
    .bind(EnterpriseStatus::Pending.as_str())
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(EnterpriseId(id))
}

/// Gives `enterprise` the catalogue `groups` (active); a group it holds already stays as it is.
pub async fn hold_groups(
    conn: &mut AnyConnection,
    _by: &OperatorPermit,
    enterprise: EnterpriseId,
    groups: &[GroupId],
) -> Result<(), sqlx::Error> {
    for group in groups {
        sqlx::query(
            "INSERT INTO enterprise_groups (enterprise_id, group_id, active) VALUES ($1, $2, 1) \
             ON CONFLICT DO NOTHING",
        )
        .bind(enterprise.0)
        .bind(group.0)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Makes `person` the main access manager of the new `enterprise`.
pub async fn designate_main_access_manager(
    conn: &mut AnyConnection,
    _by: &OperatorPermit,
    enterprise: EnterpriseId,
    person: PersonId,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO main_access_managers (enterprise_id, person_id, appointed_at) VALUES ($1, $2, $3)",
    )
    .bind(enterprise.0)
    .bind(person.0)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Makes `person` the main access manager of `enterprise` instead of the one it has.
pub async fn replace_main_access_manager(
    conn: &mut AnyConnection,
    _by: &OperatorPermit,
    enterprise: EnterpriseId,
    person: PersonId,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE main_access_managers SET person_id = $1, appointed_at = $2 WHERE enterprise_id = $3",
    )
    .bind(person.0)
    .bind(now)
    .bind(enterprise.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// Activates the pending `enterprise` at `now`, in the transaction that spent its activation link
/// (the link is the authority) or that set up the operator's demo. Whether it was pending.
pub async fn activate(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE enterprises SET status = $1, activated_at = $2 WHERE id = $3 AND status = $4",
    )
    .bind(EnterpriseStatus::Active.as_str())
    .bind(now)
    .bind(enterprise.0)
    .bind(EnterpriseStatus::Pending.as_str())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
