//! Links between people and the enterprises that employ them: the one module that writes the
//! `employments` table.
//!
//! A person has one record for the whole installation, but each enterprise knows them by the
//! names it typed itself when it linked them. An enterprise never reads another's names, nor
//! the person's own record: linking a national register number tells it nothing it did not
//! already know.

use super::NewPerson;
use crate::domain::{EnterpriseId, PersonId};
use crate::platform::db::now_millis;
use crate::platform::sql::{Bind, Sql, row_placeholders};
use crate::policy::OperatorPermit;
use sqlx::AnyConnection;
use std::collections::HashMap;

/// The SQL expression of a person's name as the enterprise knows it, for an `employments` row
/// under `alias`: "given family".
pub fn display_name_sql(alias: &str) -> String {
    format!("{alias}.given_name || ' ' || {alias}.family_name")
}

/// Links `person` to `enterprise` under the names and e-mail address in `typed`; a person
/// linked already keeps the link and the details it was made with. Returns whether the link is
/// new.
pub async fn link(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    person: PersonId,
    typed: &NewPerson,
) -> Result<bool, sqlx::Error> {
    let made = sqlx::query(
        "INSERT INTO employments (enterprise_id, person_id, since, given_name, family_name, email) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (enterprise_id, person_id) DO NOTHING",
    )
    .bind(enterprise.0)
    .bind(person.0)
    .bind(now_millis())
    .bind(typed.given_name.as_str())
    .bind(typed.family_name.as_str())
    .bind(typed.email.as_str())
    .execute(conn)
    .await?;
    Ok(made.rows_affected() == 1)
}

/// Links the generated `people` (with the names they were generated with) to `enterprise` at
/// `now`, in one statement: the operator's seed.
pub async fn link_generated(
    conn: &mut AnyConnection,
    _by: &OperatorPermit,
    enterprise: EnterpriseId,
    people: &[(PersonId, &str, &str)],
    now: i64,
) -> Result<(), sqlx::Error> {
    if people.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO employments (enterprise_id, person_id, since, given_name, family_name) VALUES {}",
        row_placeholders(people.len(), 5)
    );
    let mut insert = sqlx::query(&sql);
    for (person, given, family) in people {
        insert = insert
            .bind(enterprise.0)
            .bind(person.0)
            .bind(now)
            .bind(*given)
            .bind(*family);
    }
    insert.execute(conn).await?;
    Ok(())
}

/// Whether `person` is linked to `enterprise`.
pub async fn is_linked(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    person: PersonId,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM employments WHERE enterprise_id = $1 AND person_id = $2")
            .bind(enterprise.0)
            .bind(person.0)
            .fetch_optional(conn)
            .await?;
    Ok(found.is_some())
}

/// The given and family name `enterprise` knows `person` by, when linked.
pub async fn names(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    person: PersonId,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT given_name, family_name FROM employments WHERE enterprise_id = $1 AND person_id = $2",
    )
    .bind(enterprise.0)
    .bind(person.0)
    .fetch_optional(conn)
    .await
}

/// The display names `enterprise` knows the people among `ids` by, in one query; people not
/// linked to it are missing from the map (they are outside the enterprise).
pub async fn display_names(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    ids: impl IntoIterator<Item = PersonId>,
) -> Result<HashMap<PersonId, String>, sqlx::Error> {
    let mut ids: Vec<i64> = ids.into_iter().map(|id| id.0).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut sql = Sql::new(&format!(
        "SELECT em.person_id, {} FROM employments em",
        display_name_sql("em")
    ));
    sql.push(" WHERE em.enterprise_id = ?", [Bind::Int(enterprise.0)])
        .push_in(" AND ", "em.person_id", ids);
    let rows: Vec<(i64, String)> = sql.query_as(conn).fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| (PersonId(id), name))
        .collect())
}
