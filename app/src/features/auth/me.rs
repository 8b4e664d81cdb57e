//! Who is signed in, and for which enterprises they may act: read in one query (the person with
//! their enterprises and the posts they hold there), whatever the number of enterprises.

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
    level: Option<String>,
}

/// The person behind `session` with the enterprises they are linked to; `None` when the person
/// no longer exists.
pub async fn load(db: &Database, session: &Session) -> Result<Option<Me>, sqlx::Error> {
    // One row per enterprise and post held there (one with no level where they hold none), in
    // the order of the enterprises.
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT p.given_name, p.family_name, e.id AS enterprise_id, e.number, e.name, e.status, \
         (SELECT COUNT(*) FROM ebox_messages eb WHERE eb.enterprise_id = e.id \
          AND eb.person_id = p.id AND eb.read_at IS NULL) AS unread, posts.level \
         FROM persons p \
         LEFT JOIN employments em ON em.person_id = p.id \
         LEFT JOIN enterprises e ON e.id = em.enterprise_id \
         LEFT JOIN ({POSTS_OF_PERSON}) posts ON posts.enterprise_id = e.id \
         WHERE p.id = $1 ORDER BY e.name, e.id"
    ))
    .bind(session.person.0)
    .fetch_all(db.pool())
    .await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let name = format!("{} {}", first.given_name, first.family_name);
    let mut enterprises: Vec<EnterpriseChoice> = Vec::new();
    for row in rows {
        let level = row.level.as_deref().and_then(Level::from_stored);
        let same = enterprises.last().map(|choice| Some(choice.id.0)) == Some(row.enterprise_id);
        if !same {
            let Some(choice) = choice(row) else { continue };
            enterprises.push(choice);
        }
        if let Some(choice) = enterprises.last_mut() {
            choice.level = highest(choice.level.into_iter().chain(level));
        }
    }
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
        level: None,
        unread: row.unread,
    })
}
