//! Reading one's own e-Box: a page of messages, unread first, newest first (keyset on both),
//! with the names they refer to; marking a message read.

use super::{EboxEntry, EboxPage, Message, PAGE_SIZE};
use crate::AppError;
use crate::domain::{DomainId, EnterpriseId, GroupId, PersonId, ServiceId};
use crate::features::people::employments::display_names;
use crate::platform::db::Database;
use crate::platform::names::{Named, localized};
use crate::platform::time::format_utc as format_time;
use crate::policy::Post;
use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    params_json: String,
    created_at: i64,
    read_at: Option<i64>,
}

/// Reads a cursor: `u:ID` (among the unread) or `r:ID` (among the read).
fn cursor(text: &str) -> Option<(bool, i64)> {
    let (bucket, id) = text.split_once(':')?;
    let unread = match bucket {
        "u" => true,
        "r" => false,
        _ => return None,
    };
    Some((unread, id.parse().ok()?))
}

/// A page of `person`'s e-Box in `enterprise`.
pub async fn page(
    db: &Database,
    enterprise: EnterpriseId,
    person: PersonId,
    after: Option<&str>,
) -> Result<EboxPage, AppError> {
    let after = match after {
        None | Some("") => None,
        Some(text) => Some(cursor(text).ok_or(AppError::InvalidInput {
            field: "after".into(),
        })?),
    };
    let condition = match after {
        None => "",
        Some((true, _)) => " AND ((read_at IS NULL AND id < $3) OR read_at IS NOT NULL)",
        Some((false, _)) => " AND read_at IS NOT NULL AND id < $3",
    };
    let sql = format!(
        "SELECT id, params_json, created_at, read_at FROM ebox_messages \
         WHERE enterprise_id = $1 AND person_id = $2{condition} \
         ORDER BY CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, id DESC LIMIT {}",
        PAGE_SIZE + 1
    );
    let mut select = sqlx::query_as::<_, Row>(&sql)
        .bind(enterprise.0)
        .bind(person.0);
    if let Some((_, id)) = after {
        select = select.bind(id);
    }
    let mut conn = db.pool().acquire().await?;
    let mut rows = select.fetch_all(&mut *conn).await?;
    let next = if rows.len() > PAGE_SIZE {
        rows.truncate(PAGE_SIZE);
        rows.last().map(|row| {
            let bucket = if row.read_at.is_none() { "u" } else { "r" };
            format!("{bucket}:{}", row.id)
        })
    } else {
        None
    };
    let unread: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ebox_messages WHERE enterprise_id = $1 AND person_id = $2 AND read_at IS NULL",
    )
    .bind(enterprise.0)
    .bind(person.0)
    .fetch_one(&mut *conn)
    .await?;
    let mut entries = Vec::with_capacity(rows.len());
    for row in rows {
        // A message this version cannot read is skipped rather than failing the whole page.
        let Ok(message) = serde_json::from_str::<Message>(&row.params_json) else {
            tracing::warn!(id = row.id, "unreadable e-Box message");
            continue;
        };
        entries.push(EboxEntry {
            id: row.id,
            message,
            time: format_time(row.created_at),
            read: row.read_at.is_some(),
        });
    }
    let mut page = EboxPage {
        entries,
        unread,
        next,
        people: Vec::new(),
        groups: Vec::new(),
        services: Vec::new(),
        domains: Vec::new(),
    };
    name(&mut conn, enterprise, &mut page).await?;
    Ok(page)
}

/// Fills in the names the page's messages refer to: one query per kind of name. People are
/// named as `enterprise` knows them.
async fn name(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    page: &mut EboxPage,
) -> Result<(), sqlx::Error> {
    let (mut people, mut groups, mut services, mut domains) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for entry in &page.entries {
        let mut post = |post: &Post| match post {
            Post::AccessManager(domain) => domains.push(domain.0),
            Post::GroupAdministrator(group) => groups.push(group.0),
            _ => {}
        };
        match &entry.message {
            Message::Appointed { post: p, by } | Message::Revoked { post: p, by } => {
                post(p);
                people.push(by.0);
            }
            Message::UserCreated {
                group,
                services: s,
                by,
            } => {
                groups.push(group.0);
                services.extend(s.iter().map(|s| s.0));
                people.push(by.0);
            }
            Message::ServicesChanged {
                group,
                granted,
                withdrawn,
                by,
            } => {
                groups.push(group.0);
                services.extend(granted.iter().chain(withdrawn).map(|s| s.0));
                people.push(by.0);
            }
            Message::CatalogueWithdrew { group, service } => {
                groups.push(group.0);
                services.push(service.0);
            }
            Message::Blocked { group, by } | Message::Unblocked { group, by } => {
                groups.extend(group.map(|g| g.0));
                people.push(by.0);
            }
            Message::Removed { group, by } => {
                groups.push(group.0);
                people.push(by.0);
            }
            Message::Linked { by } => people.push(by.0),
            Message::Activated => {}
        }
    }
    page.people = display_names(&mut *conn, enterprise, people.into_iter().map(PersonId))
        .await?
        .into_iter()
        .collect();
    page.groups = localized(conn, Named::Groups, groups)
        .await?
        .into_iter()
        .map(|(id, n)| (GroupId(id), n))
        .collect();
    page.services = localized(conn, Named::Services, services)
        .await?
        .into_iter()
        .map(|(id, n)| (ServiceId(id), n))
        .collect();
    page.domains = localized(conn, Named::Domains, domains)
        .await?
        .into_iter()
        .map(|(id, n)| (DomainId(id), n))
        .collect();
    Ok(())
}

/// Marks `person`'s message `id` read; `NotFound` when it is not theirs.
pub async fn mark_read(
    db: &Database,
    enterprise: EnterpriseId,
    person: PersonId,
    id: i64,
) -> Result<(), AppError> {
    let mut conn = db.pool().acquire().await?;
    if super::store::mark_read(&mut conn, enterprise, person, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
