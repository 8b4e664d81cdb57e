//! The lists: the groups an administrator manages (their home) and the users of their scope,
//! searched, filtered and paged by keyset on the name key, never counted or offset; and one
//! group of that scope.

use super::change::{decided_on_for_reads, refused};
use super::page_query::{Covered, GIVEN_FIRST_WALK, PageQuery};
use super::search::Search;
use super::store::{self, GroupSelection, Within};
use super::{GROUPS_PAGE_SIZE, GroupList, GroupQuery, Groups, Name, Names, PAGE_SIZE};
use super::{Membership, UserPage, UserQuery, UserRow, access};
use crate::AppError;
use crate::domain::{DomainId, GroupId, LocalizedName, Nrn, PersonId, ServiceId};
use crate::features::auth::acting::Acting;
use crate::platform::db::Database;
use crate::platform::names::{Named, localized_each};
use crate::platform::packed::{integer, text};
use crate::platform::request_memo::remembered;
use crate::platform::sql::{name_cursor, parse_name_cursor};
use crate::policy::{Level, Refusal, may_see_users};
use sqlx::AnyConnection;
use std::collections::{BTreeSet, HashMap};

/// The groups whose users an administrator sees.
#[derive(Clone)]
pub(super) struct Seen {
    /// Their groups.
    pub groups: BTreeSet<GroupId>,
    /// Every group of the enterprise (a main or co-main access manager).
    pub everything: bool,
    /// The domains they administer whole.
    domains: Vec<DomainId>,
    /// Their groups outside those domains.
    others: Vec<GroupId>,
}

impl Seen {
    /// The groups as a read's restriction.
    pub fn within(&self) -> Within<'_> {
        if self.everything {
            Within::Everything
        } else {
            Within::Only {
                groups: &self.others,
                domains: &self.domains,
            }
        }
    }
}

/// The groups whose users `acting` sees, decided on the organisation as it stands.
/// The reads of one request (a page and its filters) decide it once.
pub(super) async fn seen(conn: &mut AnyConnection, acting: &Acting) -> Result<Seen, AppError> {
    remembered(async {
        let organisation = decided_on_for_reads(conn, acting).await?;
        let standing = may_see_users(&organisation, acting.person).map_err(refused)?;
        let others = organisation
            .groups
            .iter()
            .filter(|(group, domain)| {
                standing.groups.contains(group) && !standing.domains.contains(domain)
            })
            .map(|(group, _)| *group)
            .collect();
        Ok(Seen {
            everything: standing.level >= Some(Level::CoMainAccessManager),
            groups: standing.groups,
            domains: standing.domains.into_iter().collect(),
            others,
        })
    })
    .await
}

/// A page of the groups `acting` manages whose names contain `query.search`, with their user
/// counts and services.
pub async fn groups(
    db: &Database,
    acting: &Acting,
    query: &GroupQuery,
) -> Result<GroupList, AppError> {
    let mut conn = db.pool().acquire().await?;
    let seen = seen(&mut conn, acting).await?;
    let after = match query.after.as_deref() {
        None | Some("") => None,
        Some(text) => {
            let (name, id) = parse_name_cursor(text).ok_or(AppError::InvalidInput {
                field: "after".into(),
            })?;
            Some((name, GroupId(id)))
        }
    };
    let selection = GroupSelection {
        within: seen.within(),
        text: &query.search,
        after,
        limit: Some(GROUPS_PAGE_SIZE + 1),
    };
    let mut groups = store::group_cards(&mut conn, acting.enterprise, &selection).await?;
    let next = if groups.len() > GROUPS_PAGE_SIZE {
        groups.truncate(GROUPS_PAGE_SIZE);
        groups
            .last()
            .map(|card| name_cursor(card.id.0, &card.name.en))
    } else {
        None
    };
    Ok(GroupList { groups, next })
}

/// The group `group` with its counts and services, when `acting` manages its users.
pub async fn group(db: &Database, acting: &Acting, group: GroupId) -> Result<Groups, AppError> {
    let mut conn = db.pool().acquire().await?;
    let seen = seen(&mut conn, acting).await?;
    let groups = store::groups(&mut conn, acting.enterprise, &[group]).await?;
    if !seen.groups.contains(&group) || groups.group(group).is_none() {
        return Err(refused(Refusal::OutsideOwnScope));
    }
    Ok(groups)
}

/// A user of the page as the list reads them.
struct Row {
    person_id: i64,
    sort_name: String,
    version: i64,
    nrn: Option<String>,
    given_name: String,
    family_name: String,
    memberships: Vec<Membership>,
}

impl Row {
    fn unpacked(
        [
            person_id,
            sort_name,
            version,
            nrn,
            given_name,
            family_name,
            summary,
        ]: [Option<String>; 7],
    ) -> Result<Row, sqlx::Error> {
        Ok(Row {
            person_id: integer(&person_id)?,
            sort_name: text(sort_name)?,
            version: integer(&version)?,
            nrn,
            given_name: text(given_name)?,
            family_name: text(family_name)?,
            memberships: access::memberships(&text(summary)?)?,
        })
    }
}

/// One page of the users in `acting`'s scope that `query` asks for, by name.
pub async fn list(db: &Database, acting: &Acting, query: &UserQuery) -> Result<UserPage, AppError> {
    let mut conn = db.pool().acquire().await?;
    let Seen {
        groups: scope,
        everything,
        ..
    } = seen(&mut conn, acting).await?;
    if let Some(group) = query.group
        && !scope.contains(&group)
    {
        return Err(refused(Refusal::OutsideOwnScope));
    }
    let after = match query.after.as_deref() {
        None | Some("") => None,
        Some(text) => {
            let (name, id) = parse_name_cursor(text).ok_or(AppError::InvalidInput {
                field: "after".into(),
            })?;
            Some((name.to_owned(), id))
        }
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
            let (matching, all): (i64, i64) = page
                .estimate()
                .query_as(&conn)
                .fetch_one(&mut *conn)
                .await?;
            page.walk(matching, all)
        }
    };
    let given = page.given_first(&mut conn, walk, GIVEN_FIRST_WALK).await?;
    let mut rows = page
        .rows(walk, &given)
        .fetch_packed(
            &mut conn,
            [
                "person_id",
                "sort_name",
                "version",
                "nrn",
                "given_name",
                "family_name",
                "access",
            ],
            "sort_name, person_id",
        )
        .await?
        .into_iter()
        .map(Row::unpacked)
        .collect::<Result<Vec<_>, _>>()?;
    let next = if rows.len() > PAGE_SIZE {
        rows.truncate(PAGE_SIZE);
        rows.last()
            .map(|row| name_cursor(row.person_id, &row.sort_name))
    } else {
        None
    };
    let rows = rows
        .into_iter()
        .map(|row| UserRow {
            person: PersonId(row.person_id),
            name: format!("{} {}", row.given_name, row.family_name),
            nrn: formatted(row.nrn.as_deref()),
            memberships: row
                .memberships
                .into_iter()
                .filter(|m| scope.contains(&m.group))
                .collect(),
            version: row.version,
        })
        .collect::<Vec<_>>();
    // The groups and services the rows name (and the group filtered by), not the catalogue.
    let groups: Vec<i64> = rows
        .iter()
        .flat_map(|row| row.memberships.iter().map(|m| m.group.0))
        .chain(query.group.map(|g| g.0))
        .collect();
    let services: Vec<i64> = rows
        .iter()
        .flat_map(|row| row.memberships.iter())
        .flat_map(|m| m.services.iter().map(|s| s.0))
        .collect();
    let names = names(&mut conn, groups, services).await?;
    Ok(UserPage { rows, next, names })
}

/// The names of `groups` and `services`, each once, by English name: one query.
async fn names(
    conn: &mut AnyConnection,
    groups: Vec<i64>,
    services: Vec<i64>,
) -> Result<Names, sqlx::Error> {
    let dedup = |mut ids: Vec<i64>| {
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let wanted = [
        (Named::Groups, dedup(groups)),
        (Named::Services, dedup(services)),
    ];
    let mut found = localized_each(conn, &wanted).await?;
    Ok(Names {
        groups: take(&mut found, Named::Groups, &wanted[0].1, GroupId),
        services: take(&mut found, Named::Services, &wanted[1].1, ServiceId),
    })
}

/// The names of `ids` of `table` taken out of `found`, by English name then id.
fn take<Id>(
    found: &mut HashMap<(Named, i64), LocalizedName>,
    table: Named,
    ids: &[i64],
    id: fn(i64) -> Id,
) -> Vec<Name<Id>> {
    let mut named: Vec<(i64, LocalizedName)> = ids
        .iter()
        .filter_map(|key| found.remove(&(table, *key)).map(|name| (*key, name)))
        .collect();
    named.sort_by(|a, b| a.1.en.cmp(&b.1.en).then(a.0.cmp(&b.0)));
    named
        .into_iter()
        .map(|(key, name)| Name { id: id(key), name })
        .collect()
}

/// An NRN as people write it.
pub(super) fn formatted(nrn: Option<&str>) -> String {
    nrn.map(|nrn| Nrn::parse(nrn).map_or_else(|_| nrn.to_owned(), |nrn| nrn.formatted()))
        .unwrap_or_default()
}
