//! The lists: the groups an administrator manages (their home) and the users of their scope,
//! searched, filtered and paged by keyset on the name key, never counted or offset.

use super::change::{decided_on, refused};
use super::page_query::{Covered, PageQuery};
use super::search::Search;
use super::store;
use super::{Groups, PAGE_SIZE, UserPage, UserQuery, UserRow};
use crate::AppError;
use crate::domain::{GroupId, Nrn, PersonId};
use crate::features::auth::acting::Acting;
use crate::platform::db::Database;
use crate::policy::{Level, Refusal, may_see_users};

/// The groups `acting` manages, with their user counts and services.
pub async fn groups(db: &Database, acting: &Acting) -> Result<Groups, AppError> {
    let mut conn = db.pool().acquire().await?;
    let organisation = decided_on(&mut conn, acting).await?;
    let scope: Vec<GroupId> = may_see_users(&organisation, acting.person)
        .map_err(refused)?
        .into_iter()
        .collect();
    Ok(store::groups(&mut conn, acting.enterprise, Some(&scope)).await?)
}

/// Reads a cursor of [`UserPage::next`].
fn cursor(text: &str) -> Option<(String, i64)> {
    let (id, name) = text.split_once(':')?;
    Some((name.to_owned(), id.parse().ok()?))
}

#[derive(sqlx::FromRow)]
struct Row {
    person_id: i64,
    sort_name: String,
    version: i64,
    nrn: Option<String>,
    given_name: String,
    family_name: String,
}

/// One page of the users in `acting`'s scope that `query` asks for, by name.
pub async fn list(db: &Database, acting: &Acting, query: &UserQuery) -> Result<UserPage, AppError> {
    let mut conn = db.pool().acquire().await?;
    let organisation = decided_on(&mut conn, acting).await?;
    let scope = may_see_users(&organisation, acting.person).map_err(refused)?;
    let everything = organisation
        .level(acting.person)
        .is_some_and(|level| level >= Level::CoMainAccessManager);
    if let Some(group) = query.group
        && !scope.contains(&group)
    {
        return Err(refused(Refusal::OutsideOwnScope));
    }
    let after = match query.after.as_deref() {
        None | Some("") => None,
        Some(text) => Some(cursor(text).ok_or(AppError::InvalidInput {
            field: "after".into(),
        })?),
    };
    let mut groups = match query.group {
        Some(group) => Covered::Only(vec![group]),
        None if everything => Covered::All,
        None => Covered::Only(scope.iter().copied().collect()),
    };
    if let Some(service) = query.service {
        // Only the groups offering the service can have users holding it: the group counters
        // of those tell how many users a walk may find.
        let offering = store::offering(&mut conn, acting.enterprise, service).await?;
        groups = groups.narrowed(&offering);
    }
    let page = PageQuery {
        enterprise: acting.enterprise,
        groups,
        status: query.status,
        service: query.service,
        search: Search::parse(&query.search),
        after,
    };
    let walk = match page.evident_walk() {
        Some(walk) => walk,
        None => {
            let (matching, all): (i64, i64) =
                page.estimate().query_as().fetch_one(&mut *conn).await?;
            page.walk(matching, all)
        }
    };
    let mut rows = page
        .rows(walk)
        .query_as::<Row>()
        .fetch_all(&mut *conn)
        .await?;
    let next = if rows.len() > PAGE_SIZE {
        rows.truncate(PAGE_SIZE);
        rows.last()
            .map(|row| format!("{}:{}", row.person_id, row.sort_name))
    } else {
        None
    };
    let people: Vec<PersonId> = rows.iter().map(|row| PersonId(row.person_id)).collect();
    let memberships = store::memberships(&mut conn, acting.enterprise, &people).await?;
    let rows = rows
        .into_iter()
        .map(|row| UserRow {
            person: PersonId(row.person_id),
            name: format!("{} {}", row.given_name, row.family_name),
            nrn: formatted(row.nrn.as_deref()),
            memberships: memberships
                .iter()
                .filter(|(person, m)| person.0 == row.person_id && scope.contains(&m.group))
                .map(|(_, m)| m.clone())
                .collect(),
            version: row.version,
        })
        .collect();
    Ok(UserPage { rows, next })
}

/// An NRN as people write it.
pub(super) fn formatted(nrn: Option<&str>) -> String {
    nrn.map(|nrn| Nrn::parse(nrn).map_or_else(|_| nrn.to_owned(), |nrn| nrn.formatted()))
        .unwrap_or_default()
}
