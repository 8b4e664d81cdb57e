//! Reading an enterprise's audit trail for the Audit page: filters, keyset paging (newest first,
//! by sequence number), and the names of the people and enterprises the events mention, read
//! in one query each per page. People are named, and found by a filter, only as the enterprise
//! knows them: someone it is not linked to is "a person outside the enterprise", whatever an
//! event says about them.

use super::names::{Mentioned, Names};
use super::readable;
use super::{AuditEntry, AuditPage, AuditQuery, PAGE_SIZE};
use crate::domain::{EnterpriseId, PersonId};
use crate::features::audit::{Action, AuditChain};
use crate::features::auth::acting::Acting;
use crate::features::people::PersonIdentity;
use crate::features::people::employments::display_name_sql;
use crate::features::people::store::identity_column;
use crate::platform::db::Database;
use crate::platform::sql::{Bind, Sql, like_escape};
use crate::platform::time::format_utc;
use serde_json::Value;
use time::macros::format_description;

/// Why a query was refused.
#[derive(Debug, thiserror::Error)]
pub enum ListError {
    /// The actor may not read the trail.
    #[error("refused: {0}")]
    Refused(crate::policy::Refusal),
    /// A filter is malformed; names the field.
    #[error("invalid filter `{0}`")]
    InvalidFilter(&'static str),
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

#[derive(sqlx::FromRow)]
struct Row {
    seq: i64,
    occurred_at: i64,
    actor: String,
    action: String,
    target: Option<String>,
    before_json: Option<String>,
    after_json: Option<String>,
    client_addr: Option<String>,
}

const MS_PER_DAY: i64 = 86_400_000;

/// One page of `enterprise`'s events matching `query`.
pub async fn list(
    db: &Database,
    acting: &Acting,
    query: &AuditQuery,
) -> Result<AuditPage, ListError> {
    crate::policy::may_read_audit(acting.roles).map_err(ListError::Refused)?;
    let enterprise = acting.enterprise;
    let mut sql = select(enterprise);
    for (text, column) in [(&query.actor, "actor"), (&query.target, "target")] {
        let Some(text) = nonempty(text) else { continue };
        if text.chars().count() > 100 {
            return Err(ListError::InvalidFilter(column));
        }
        people_named(&mut sql, enterprise, column, text);
    }
    if let Some(action) = nonempty(&query.action) {
        let action = Action::from_code(action).ok_or(ListError::InvalidFilter("action"))?;
        sql.push(" AND action = ?", [Bind::Text(action.code().to_owned())]);
    }
    if let Some(from) = nonempty(&query.from) {
        let start = day_start_ms(from).ok_or(ListError::InvalidFilter("from"))?;
        sql.push(" AND occurred_at >= ?", [Bind::Int(start)]);
    }
    if let Some(to) = nonempty(&query.to) {
        let end = day_start_ms(to).ok_or(ListError::InvalidFilter("to"))? + MS_PER_DAY;
        sql.push(" AND occurred_at < ?", [Bind::Int(end)]);
    }
    if let Some(before) = query.before {
        sql.push(" AND seq < ?", [Bind::Int(before)]);
    }
    Ok(page(db, enterprise, sql).await?)
}

/// The newest page of `enterprise`'s events about `person` (a user's history).
pub async fn about(
    db: &Database,
    enterprise: EnterpriseId,
    person: PersonId,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let mut sql = select(enterprise);
    sql.push(" AND target = ?", [Bind::Text(format!("person:{person}"))]);
    Ok(page(db, enterprise, sql).await?.events)
}

/// The events of `enterprise`'s chain, to be narrowed.
fn select(enterprise: EnterpriseId) -> Sql {
    let mut sql = Sql::new(
        "SELECT seq, occurred_at, actor, action, target, before_json, after_json, client_addr \
         FROM audit_events WHERE",
    );
    sql.push(
        " chain = ?",
        [Bind::Text(AuditChain::Enterprise(enterprise).key())],
    );
    sql
}

/// A recorded before or after; anything that is not JSON is kept as text.
fn json(recorded: Option<&str>) -> Option<Value> {
    recorded
        .map(|text| serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned())))
}

/// The newest page of the events `sql` selects, with the names they mention.
async fn page(
    db: &Database,
    enterprise: EnterpriseId,
    mut sql: Sql,
) -> Result<AuditPage, sqlx::Error> {
    sql.push(&format!(" ORDER BY seq DESC LIMIT {}", PAGE_SIZE + 1), []);
    let mut rows = {
        let mut conn = db.pool().acquire().await?;
        sql.query_as::<Row>(&conn).fetch_all(&mut *conn).await?
    };
    let next = if rows.len() > PAGE_SIZE {
        rows.truncate(PAGE_SIZE);
        rows.last().map(|row| row.seq)
    } else {
        None
    };
    let recorded: Vec<(Option<Value>, Option<Value>)> = rows
        .iter()
        .map(|row| {
            (
                json(row.before_json.as_deref()),
                json(row.after_json.as_deref()),
            )
        })
        .collect();
    let mut mentioned = Mentioned::default();
    for row in &rows {
        mentioned.party(&row.actor);
        if let Some(target) = &row.target {
            mentioned.party(target);
        }
    }
    for value in recorded
        .iter()
        .flat_map(|(before, after)| before.iter().chain(after))
    {
        readable::mentions(value, &mut mentioned);
    }
    let names = Names::of(db, enterprise, mentioned).await?;
    let events = rows
        .into_iter()
        .zip(recorded)
        .map(|(row, (before, after))| AuditEntry {
            seq: row.seq,
            time: format_utc(row.occurred_at),
            actor: names.party(&row.actor),
            action: row.action,
            target: row.target.as_deref().map(|target| names.party(target)),
            details: readable::details(before.as_ref(), after.as_ref(), &names),
            client_addr: row.client_addr,
        })
        .collect();
    Ok(AuditPage { events, next })
}

fn nonempty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Narrows `sql` to events whose `column` names someone linked to `enterprise` whom `text`
/// names: their NRN or username, or any part of their name as the enterprise knows it (`%` and
/// `_` match only themselves). Every match counts, however many.
fn people_named(sql: &mut Sql, enterprise: EnterpriseId, column: &str, text: &str) {
    let linked = format!(
        " AND {column} IN (SELECT 'person:' || CAST(em.person_id AS TEXT) FROM employments em \
         JOIN persons p ON p.id = em.person_id WHERE em.enterprise_id = ? AND "
    );
    if let Some(identity) = PersonIdentity::parse(text) {
        let (identity_column, value) = identity_column(&identity);
        sql.push(
            &format!("{linked}(p.{identity_column} = ? OR "),
            [Bind::Int(enterprise.0), Bind::Text(value.to_owned())],
        );
    } else {
        sql.push(&format!("{linked}("), [Bind::Int(enterprise.0)]);
    }
    let pattern = format!("%{}%", like_escape(&text.to_lowercase()));
    sql.push(
        &format!(
            "LOWER({}) LIKE ? ESCAPE '\\' OR LOWER(em.family_name || ' ' || em.given_name) LIKE ? ESCAPE '\\'))",
            display_name_sql("em")
        ),
        [Bind::Text(pattern.clone()), Bind::Text(pattern)],
    );
}

/// Midnight UTC of a `YYYY-MM-DD` day, in milliseconds.
fn day_start_ms(day: &str) -> Option<i64> {
    let date = time::Date::parse(day, format_description!("[year]-[month]-[day]")).ok()?;
    let seconds = date.midnight().assume_utc().unix_timestamp();
    seconds.checked_mul(1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_read_and_times_written_in_utc() {
        assert_eq!(day_start_ms("1970-01-02"), Some(MS_PER_DAY));
        assert_eq!(day_start_ms("2026-02-30"), None);
        assert_eq!(day_start_ms("yesterday"), None);
        assert_eq!(format_utc(MS_PER_DAY + 3_723_000), "1970-01-02 01:02:03");
    }
}
