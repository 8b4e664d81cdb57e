//! Who is signed in, and for which enterprises they may act: read in two queries (the person with
//! their enterprises, and the posts they hold there), whatever the number of enterprises.

use super::acting::POSTS_OF_PERSON;
use super::session::Session;
use super::{EnterpriseChoice, Me};
use crate::domain::EnterpriseStatus;
use crate::domain::{EnterpriseId, EnterpriseNumber};
use crate::platform::db::Database;
use crate::policy::{Level, highest};

#[derive(sqlx::FromRow)]
struct Row {
    given_name: String,
    family_name: String,
    enterprise_id: Option<i64>,
    number: Option<String>,
    name: Option<String>,
    status: Option<String>,
    unread: i64,
}

/// The person behind `session` with the enterprises they are linked to; `None` when the person
/// no longer exists.
pub async fn load(db: &Database, session: &Session) -> Result<Option<Me>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT p.given_name, p.family_name, e.id AS enterprise_id, e.number, e.name, e.status, \
         (SELECT COUNT(*) FROM ebox_messages eb WHERE eb.enterprise_id = e.id \
          AND eb.person_id = p.id AND eb.read_at IS NULL) AS unread \
         FROM persons p \
         LEFT JOIN employments em ON em.person_id = p.id \
         LEFT JOIN enterprises e ON e.id = em.enterprise_id \
         WHERE p.id = $1 ORDER BY e.name, e.id",
    )
    .bind(session.person.0)
    .fetch_all(db.pool())
    .await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let posts: Vec<(i64, String)> = sqlx::query_as(POSTS_OF_PERSON)
        .bind(session.person.0)
        .fetch_all(db.pool())
        .await?;
    let name = format!("{} {}", first.given_name, first.family_name);
    let enterprises: Vec<EnterpriseChoice> = rows
        .into_iter()
        .filter_map(|row| choice(row, &posts))
        .collect();
    let acting_for = session
        .enterprise
        .filter(|id| enterprises.iter().any(|choice| choice.id == *id));
    Ok(Some(Me {
        name,
        enterprises,
        acting_for,
    }))
}

fn choice(row: Row, posts: &[(i64, String)]) -> Option<EnterpriseChoice> {
    let number = row.number?;
    let id = EnterpriseId(row.enterprise_id?);
    let levels = posts
        .iter()
        .filter(|(enterprise, _)| *enterprise == id.0)
        .filter_map(|(_, level)| Level::from_stored(level));
    Some(EnterpriseChoice {
        id,
        number: EnterpriseNumber::parse(&number).map_or(number, |n| n.formatted()),
        name: row.name?,
        status: EnterpriseStatus::from_stored(row.status.as_deref().unwrap_or_default()),
        level: highest(levels),
        unread: row.unread,
    })
}
