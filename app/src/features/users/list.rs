//! The lists: the groups an administrator manages (their home) and the users of their scope,
//! searched, filtered and paged by keyset on the name key, never counted or offset.

use super::change::{decided_on, refused};
use super::search::Search;
use super::store;
use super::{Groups, PAGE_SIZE, StatusFilter, UserPage, UserQuery, UserRow};
use crate::AppError;
use crate::domain::{GroupId, Nrn, PersonId};
use crate::features::auth::acting::Acting;
use crate::platform::db::Database;
use crate::platform::db::id_list;
use crate::platform::sql::{Bind, Sql};
use crate::policy::{Level, Organisation, Refusal};
use std::collections::BTreeSet;

/// The groups whose users `organisation` lets `actor` manage; refused when none.
pub(super) fn scope(
    organisation: &Organisation,
    acting: &Acting,
) -> Result<BTreeSet<GroupId>, AppError> {
    if !organisation.active {
        return Err(refused(Refusal::EnterpriseNotActive));
    }
    let standing = organisation.standing(acting.person);
    if standing.level.is_none() {
        return Err(refused(Refusal::NotAnAdministrator));
    }
    Ok(standing.groups)
}

/// The groups `acting` manages, with their user counts and services.
pub async fn groups(db: &Database, acting: &Acting) -> Result<Groups, AppError> {
    let mut conn = db.pool().acquire().await?;
    let organisation = decided_on(&mut conn, acting).await?;
    let scope: Vec<GroupId> = scope(&organisation, acting)?.into_iter().collect();
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
    let scope = scope(&organisation, acting)?;
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
    let single = query.group.or_else(|| {
        (!everything && scope.len() == 1)
            .then(|| scope.first().copied())
            .flatten()
    });
    let status = |column: &str| match query.status {
        None => String::new(),
        Some(StatusFilter::Active) => format!(" AND {column}.blocked_at IS NULL"),
        Some(StatusFilter::Blocked) => format!(" AND {column}.blocked_at IS NOT NULL"),
    };
    let scope_ids = id_list(scope.iter().map(|g| g.0));
    let mut sql =
        Sql::new("SELECT u.person_id, u.sort_name, u.version, u.nrn, p.given_name, p.family_name ");
    // The key the page is ordered by: the membership's copy when one group drives the list.
    let key = if let Some(group) = single {
        sql.push(
            "FROM memberships m JOIN enterprise_users u ON u.enterprise_id = m.enterprise_id \
             AND u.person_id = m.person_id JOIN persons p ON p.id = u.person_id \
             WHERE m.enterprise_id = ? AND m.group_id = ?",
            vec![Bind::Int(acting.enterprise.0), Bind::Int(group.0)],
        );
        sql.push(&status("m"), []);
        if let Some(service) = query.service {
            sql.push(
                " AND EXISTS (SELECT 1 FROM grants gr WHERE gr.enterprise_id = m.enterprise_id \
                 AND gr.person_id = m.person_id AND gr.group_id = m.group_id AND gr.service_id = ?)",
                vec![Bind::Int(service.0)],
            );
        }
        "m"
    } else {
        sql.push(
            "FROM enterprise_users u JOIN persons p ON p.id = u.person_id WHERE u.enterprise_id = ?",
            vec![Bind::Int(acting.enterprise.0)],
        );
        if !everything || query.status.is_some() {
            let in_scope = if everything {
                String::new()
            } else {
                format!(" AND m.group_id IN ({scope_ids})")
            };
            sql.push(
                &format!(
                    " AND EXISTS (SELECT 1 FROM memberships m WHERE m.enterprise_id = u.enterprise_id \
                     AND m.person_id = u.person_id{in_scope}{})",
                    status("m")
                ),
                [],
            );
        }
        if let Some(service) = query.service {
            let in_scope = if everything {
                String::new()
            } else {
                format!(" AND gr.group_id IN ({scope_ids})")
            };
            sql.push(
                &format!(
                    " AND EXISTS (SELECT 1 FROM grants gr WHERE gr.enterprise_id = u.enterprise_id \
                     AND gr.person_id = u.person_id AND gr.service_id = ?{in_scope})"
                ),
                vec![Bind::Int(service.0)],
            );
        }
        "u"
    };
    match Search::parse(&query.search) {
        Search::All => {}
        Search::NrnPrefix(digits) => {
            let (low, high) = Search::range(&digits);
            sql.push(
                " AND u.nrn >= ? AND u.nrn < ?",
                vec![Bind::Text(low), Bind::Text(high)],
            );
        }
        Search::NamePrefix(prefix) => {
            let (low, high) = Search::range(&prefix);
            sql.push(
                " AND ((u.sort_name >= ? AND u.sort_name < ?) OR (u.given_first >= ? AND u.given_first < ?))",
                vec![
                    Bind::Text(low.clone()),
                    Bind::Text(high.clone()),
                    Bind::Text(low),
                    Bind::Text(high),
                ],
            );
        }
    }
    if let Some((name, id)) = after {
        sql.push(
            &format!(" AND ({key}.sort_name > ? OR ({key}.sort_name = ? AND {key}.person_id > ?))"),
            vec![Bind::Text(name.clone()), Bind::Text(name), Bind::Int(id)],
        );
    }
    sql.push(
        &format!(
            " ORDER BY {key}.sort_name, {key}.person_id LIMIT {}",
            PAGE_SIZE + 1
        ),
        [],
    );
    let mut rows = sql.query_as::<Row>().fetch_all(&mut *conn).await?;
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
