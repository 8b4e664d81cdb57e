//! Reading an enterprise's audit trail for the Audit page: filters, keyset paging (newest first,
//! by sequence number), and the names of the people and enterprises the events mention, read
//! in one query each per page.

use super::{AuditChain, AuditEntry, AuditPage, AuditQuery, PAGE_SIZE, Party};
use crate::domain::{EnterpriseId, PersonId};
use crate::features::people::PersonIdentity;
use crate::features::people::store::identity_column;
use crate::platform::db::Database;
use crate::platform::sql::{Bind, Sql};
use std::collections::HashMap;
use time::macros::format_description;

/// Why a query was refused.
#[derive(Debug, thiserror::Error)]
pub enum ListError {
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
    enterprise: EnterpriseId,
    query: &AuditQuery,
) -> Result<AuditPage, ListError> {
    let mut sql = select(enterprise);
    for (text, column) in [(&query.actor, "actor"), (&query.target, "target")] {
        let Some(text) = nonempty(text) else { continue };
        let people = people_named(db, enterprise, text).await?;
        if people.is_empty() {
            return Ok(AuditPage {
                events: Vec::new(),
                next: None,
            });
        }
        let placeholders = vec!["?"; people.len()].join(", ");
        sql.push(
            &format!(" AND {column} IN ({placeholders})"),
            people
                .into_iter()
                .map(|person| Bind::Text(format!("person:{person}"))),
        );
    }
    if let Some(action) = nonempty(&query.action) {
        if action.len() > 64 {
            return Err(ListError::InvalidFilter("action"));
        }
        sql.push(" AND action = ?", [Bind::Text(action.to_owned())]);
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
    Ok(page(db, sql).await?)
}

/// The newest page of `enterprise`'s events about `person` (a user's history).
pub async fn about(
    db: &Database,
    enterprise: EnterpriseId,
    person: PersonId,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let mut sql = select(enterprise);
    sql.push(" AND target = ?", [Bind::Text(format!("person:{person}"))]);
    Ok(page(db, sql).await?.events)
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

/// The newest page of the events `sql` selects, with the names they mention.
async fn page(db: &Database, mut sql: Sql) -> Result<AuditPage, sqlx::Error> {
    sql.push(&format!(" ORDER BY seq DESC LIMIT {}", PAGE_SIZE + 1), []);
    let mut rows = sql.query_as::<Row>().fetch_all(db.pool()).await?;
    let next = if rows.len() > PAGE_SIZE {
        rows.truncate(PAGE_SIZE);
        rows.last().map(|row| row.seq)
    } else {
        None
    };
    let names = Names::of(db, &rows).await?;
    let events = rows
        .into_iter()
        .map(|row| AuditEntry {
            seq: row.seq,
            time: format_utc(row.occurred_at),
            actor: names.party(&row.actor),
            action: row.action,
            target: row.target.as_deref().map(|target| names.party(target)),
            before: row.before_json,
            after: row.after_json,
            client_addr: row.client_addr,
        })
        .collect();
    Ok(AuditPage { events, next })
}

fn nonempty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// The people `text` names: by NRN or username (anyone, as past events may name people no
/// longer linked), else by part of the name among the people linked to the enterprise.
async fn people_named(
    db: &Database,
    enterprise: EnterpriseId,
    text: &str,
) -> Result<Vec<i64>, sqlx::Error> {
    if let Some(identity) = PersonIdentity::parse(text) {
        let (column, value) = identity_column(&identity);
        let found = sqlx::query_scalar(&format!("SELECT id FROM persons WHERE {column} = $1"))
            .bind(value)
            .fetch_all(db.pool())
            .await?;
        if !found.is_empty() {
            return Ok(found);
        }
    }
    let pattern = format!("%{}%", text.to_lowercase().replace(['%', '_'], "").trim());
    sqlx::query_scalar(
        "SELECT p.id FROM persons p JOIN employments em ON em.person_id = p.id AND em.enterprise_id = $1 \
         WHERE LOWER(p.given_name || ' ' || p.family_name) LIKE $2 ORDER BY p.id LIMIT 100",
    )
    .bind(enterprise.0)
    .bind(pattern)
    .fetch_all(db.pool())
    .await
}

/// Midnight UTC of a `YYYY-MM-DD` day, in milliseconds.
fn day_start_ms(day: &str) -> Option<i64> {
    let date = time::Date::parse(day, format_description!("[year]-[month]-[day]")).ok()?;
    let seconds = date.midnight().assume_utc().unix_timestamp();
    seconds.checked_mul(1000)
}

/// `YYYY-MM-DD HH:MM:SS` UTC.
pub(crate) fn format_utc(ms: i64) -> String {
    format_millis(
        ms,
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
    )
}

/// `YYYY-MM-DD` UTC.
pub(crate) fn format_day(ms: i64) -> String {
    format_millis(ms, format_description!("[year]-[month]-[day]"))
}

fn format_millis(ms: i64, format: &[time::format_description::BorrowedFormatItem<'_>]) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(format).ok())
        .unwrap_or_default()
}

/// The display names of the people and enterprises a page of events mentions.
struct Names {
    people: HashMap<i64, String>,
    enterprises: HashMap<i64, String>,
}

impl Names {
    async fn of(db: &Database, rows: &[Row]) -> Result<Names, sqlx::Error> {
        let mut person_ids = Vec::new();
        let mut enterprise_ids = Vec::new();
        for key in rows
            .iter()
            .flat_map(|row| std::iter::once(row.actor.as_str()).chain(row.target.as_deref()))
        {
            match parse_key(key) {
                Some(("person", id)) => person_ids.push(id),
                Some(("enterprise", id)) => enterprise_ids.push(id),
                _ => {}
            }
        }
        let people = by_id(
            db,
            "SELECT id, given_name || ' ' || family_name FROM persons WHERE id IN",
            person_ids,
        )
        .await?;
        let enterprises = by_id(
            db,
            "SELECT id, name FROM enterprises WHERE id IN",
            enterprise_ids,
        )
        .await?;
        Ok(Names {
            people,
            enterprises,
        })
    }

    fn party(&self, key: &str) -> Party {
        match (key, parse_key(key)) {
            ("operator", _) => Party::Operator,
            ("system", _) => Party::System,
            ("anonymous", _) => Party::Anonymous,
            (_, Some(("person", id))) => self.people.get(&id).map_or_else(
                || Party::Other(key.to_owned()),
                |name| Party::Person(name.clone()),
            ),
            (_, Some(("enterprise", id))) => self.enterprises.get(&id).map_or_else(
                || Party::Other(key.to_owned()),
                |name| Party::Enterprise(name.clone()),
            ),
            _ => Party::Other(key.to_owned()),
        }
    }
}

fn parse_key(key: &str) -> Option<(&str, i64)> {
    let (kind, id) = key.split_once(':')?;
    Some((kind, id.parse().ok()?))
}

/// `select ( … )` over the distinct `ids`, as a map from id to the second column.
async fn by_id(
    db: &Database,
    select: &str,
    mut ids: Vec<i64>,
) -> Result<HashMap<i64, String>, sqlx::Error> {
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!("{select} ({})", placeholders.join(", "));
    let mut query = sqlx::query_as::<_, (i64, String)>(&sql);
    for id in ids {
        query = query.bind(id);
    }
    Ok(query.fetch_all(db.pool()).await?.into_iter().collect())
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
