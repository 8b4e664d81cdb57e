//! Many users at once, for the operator's seed: users, their memberships and grants written in
//! multi-row statements, and the groups' counts recomputed once at the end. Only the operator's
//! permit opens it; an administrator's changes go through `store` one user at a time.

use super::Membership;
use super::access;
use crate::domain::{EnterpriseId, GroupId, PersonId, ServiceId};
use crate::platform::sql::row_placeholders;
use crate::policy::OperatorPermit;
use sqlx::AnyConnection;

/// Rows per statement.
const ROWS_PER_INSERT: usize = 500;

/// A user to write.
pub struct BulkUser<'a> {
    /// The person, linked to the enterprise already.
    pub person: PersonId,
    /// The names the enterprise knows them by.
    pub given_name: &'a str,
    pub family_name: &'a str,
    /// The key the lists sort by (family name first).
    pub sort_name: &'a str,
    /// The key for given-name search.
    pub given_first: &'a str,
    /// Their NRN, for search by NRN.
    pub nrn: &'a str,
    /// Their groups: each with the instant they were blocked there, if they are, and the services
    /// granted there.
    pub memberships: Vec<(GroupId, Option<i64>, Vec<ServiceId>)>,
}

impl BulkUser<'_> {
    /// Their access summary, written with their row (an update after it would leave a dead
    /// row version behind for each user on PostgreSQL).
    fn summary(&self) -> String {
        let memberships: Vec<Membership> = self
            .memberships
            .iter()
            .map(|(group, blocked, services)| Membership {
                group: *group,
                blocked: blocked.is_some(),
                services: services.clone(),
            })
            .collect();
        access::summary(&memberships)
    }
}

/// Writes `users` of `enterprise` at `now`. The groups' user counts are not updated: call
/// [`recount`] once when every batch is in.
pub async fn insert(
    conn: &mut AnyConnection,
    _by: &OperatorPermit,
    enterprise: EnterpriseId,
    users: &[BulkUser<'_>],
    now: i64,
) -> Result<(), sqlx::Error> {
    for chunk in users.chunks(ROWS_PER_INSERT) {
        let sql = format!(
            "INSERT INTO enterprise_users (enterprise_id, person_id, sort_name, given_first, nrn, \
             version, created_at, given_name, family_name, access) VALUES {}",
            row_placeholders(chunk.len(), 10)
        );
        let mut insert = sqlx::query(&sql);
        for user in chunk {
            insert = insert
                .bind(enterprise.0)
                .bind(user.person.0)
                .bind(user.sort_name)
                .bind(user.given_first)
                .bind(user.nrn)
                .bind(1_i64)
                .bind(now)
                .bind(user.given_name)
                .bind(user.family_name)
                .bind(user.summary());
        }
        insert.execute(&mut *conn).await?;
    }
    let memberships: Vec<(&BulkUser, GroupId, Option<i64>)> = users
        .iter()
        .flat_map(|user| {
            user.memberships
                .iter()
                .map(move |(group, blocked, _)| (user, *group, *blocked))
        })
        .collect();
    for chunk in memberships.chunks(ROWS_PER_INSERT) {
        let sql = format!(
            "INSERT INTO memberships (enterprise_id, group_id, person_id, sort_name, created_at, blocked_at) VALUES {}",
            row_placeholders(chunk.len(), 6)
        );
        let mut insert = sqlx::query(&sql);
        for (user, group, blocked) in chunk {
            insert = insert
                .bind(enterprise.0)
                .bind(group.0)
                .bind(user.person.0)
                .bind(user.sort_name)
                .bind(now)
                .bind(*blocked);
        }
        insert.execute(&mut *conn).await?;
    }
    let grants: Vec<(&BulkUser, GroupId, ServiceId)> = users
        .iter()
        .flat_map(|user| {
            user.memberships
                .iter()
                .flat_map(move |(group, _, services)| {
                    services.iter().map(move |service| (user, *group, *service))
                })
        })
        .collect();
    for chunk in grants.chunks(ROWS_PER_INSERT) {
        let sql = format!(
            "INSERT INTO grants (enterprise_id, group_id, person_id, service_id, granted_at, sort_name) VALUES {}",
            row_placeholders(chunk.len(), 6)
        );
        let mut insert = sqlx::query(&sql);
        for (user, group, service) in chunk {
            insert = insert
                .bind(enterprise.0)
                .bind(group.0)
                .bind(user.person.0)
                .bind(service.0)
                .bind(now)
                .bind(user.sort_name);
        }
        insert.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Recomputes the active and blocked user counts of every group of `enterprise`.
pub async fn recount(
    conn: &mut AnyConnection,
    _by: &OperatorPermit,
    enterprise: EnterpriseId,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE enterprise_groups SET \
         users_active = (SELECT COUNT(*) FROM memberships m WHERE m.enterprise_id = enterprise_groups.enterprise_id \
           AND m.group_id = enterprise_groups.group_id AND m.blocked_at IS NULL), \
         users_blocked = (SELECT COUNT(*) FROM memberships m WHERE m.enterprise_id = enterprise_groups.enterprise_id \
           AND m.group_id = enterprise_groups.group_id AND m.blocked_at IS NOT NULL) \
         WHERE enterprise_id = $1",
    )
    .bind(enterprise.0)
    .execute(conn)
    .await?;
    Ok(())
}
