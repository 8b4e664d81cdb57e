//! Who is signed in, and for which enterprises they may act: read in one query.

use super::session::Session;
use super::{EnterpriseChoice, Me};
use crate::domain::{EnterpriseId, EnterpriseNumber};
use crate::features::admins::store::level_sql;
use crate::features::enterprises::EnterpriseStatus;
use crate::platform::db::Database;
use crate::policy::Level;

#[derive(sqlx::FromRow)]
struct Row {
    given_name: String,
    family_name: String,
    enterprise_id: Option<i64>,
    number: Option<String>,
    name: Option<String>,
    status: Option<String>,
    level: Option<String>,
    unread: i64,
}

/// The person behind `session` with the enterprises they are linked to; `None` when the person
/// no longer exists.
pub async fn load(db: &Database, session: &Session) -> Result<Option<Me>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT p.given_name, p.family_name, e.id AS enterprise_id, e.number, e.name, e.status, \
         {} AS level, \
         (SELECT COUNT(*) FROM ebox_messages eb WHERE eb.enterprise_id = e.id \
          AND eb.person_id = p.id AND eb.read_at IS NULL) AS unread \
         FROM persons p \
         LEFT JOIN employments em ON em.person_id = p.id \
         LEFT JOIN enterprises e ON e.id = em.enterprise_id \
         WHERE p.id = $1 ORDER BY e.name, e.id",
        level_sql("e.id", "p.id")
    ))
    .bind(session.person.0)
    .fetch_all(db.pool())
    .await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let name = format!("{} {}", first.given_name, first.family_name);
    let enterprises: Vec<EnterpriseChoice> = rows.into_iter().filter_map(choice).collect();
    let acting_for = session
        .enterprise
        .filter(|id| enterprises.iter().any(|choice| choice.id == *id));
    Ok(Some(Me {
        name,
        enterprises,
        acting_for,
    }))
}

fn choice(row: Row) -> Option<EnterpriseChoice> {
    let number = row.number?;
    Some(EnterpriseChoice {
        id: EnterpriseId(row.enterprise_id?),
        number: EnterpriseNumber::parse(&number).map_or(number, |n| n.formatted()),
        name: row.name?,
        status: EnterpriseStatus::from_stored(row.status.as_deref().unwrap_or_default()),
        level: row.level.as_deref().and_then(Level::from_stored),
        unread: row.unread,
    })
}
