//! What user management reads: a user as they stand (for a change to decide on), the groups an
//! administrator manages with their services and counts, what a group offers.

use super::access;
use super::{GroupCard, Groups, Membership, NamedService};
use crate::domain::{DomainId, EnterpriseId, GroupId, PersonId, ServiceId};
use crate::domain::{ImplicitAccess, LocalizedName};
use crate::platform::names::NameColumns;
use crate::platform::names::names_contain;
use crate::platform::packed::{integer, localized, packed, unpacked};
use crate::platform::sql::{Bind, Sql};
use crate::ui::picker::Choice;
use sqlx::AnyConnection;
use std::collections::{BTreeMap, BTreeSet};

/// A user's memberships as stored, with the version forms carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserState {
    /// Grows with every change to the user.
    pub version: i64,
    /// Every group the user is in, by group id, with the services granted there.
    pub memberships: Vec<Membership>,
}

impl UserState {
    /// The membership in `group`.
    pub fn membership(&self, group: GroupId) -> Option<&Membership> {
        self.memberships.iter().find(|m| m.group == group)
    }

    /// The groups the user is in.
    pub fn groups(&self) -> Vec<GroupId> {
        self.memberships.iter().map(|m| m.group).collect()
    }
}

/// `person`'s state as a user of `enterprise`; `None` when they are in no group.
pub async fn state(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    person: PersonId,
) -> Result<Option<UserState>, sqlx::Error> {
    let version: Option<i64> = sqlx::query_scalar(
        "SELECT version FROM enterprise_users WHERE enterprise_id = $1 AND person_id = $2",
    )
    .bind(enterprise.0)
    .bind(person.0)
    .fetch_optional(&mut *conn)
    .await?;
    match version {
        Some(version) => Ok(Some(
            with_memberships(conn, enterprise, person, version).await?,
        )),
        None => Ok(None),
    }
}

/// The state of `person`, a user at `version`: their memberships and grants read (the record,
/// not their row's summary, which is written from it).
async fn with_memberships(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    person: PersonId,
    version: i64,
) -> Result<UserState, sqlx::Error> {
    let (packed_rows,): (Option<String>,) = sqlx::query_as(&format!(
        "SELECT {} FROM memberships m \
         LEFT JOIN grants g ON g.enterprise_id = m.enterprise_id AND g.person_id = m.person_id \
         AND g.group_id = m.group_id WHERE m.enterprise_id = $1 AND m.person_id = $2",
        packed(&["m.group_id", "m.blocked_at", "g.service_id"]),
    ))
    .bind(enterprise.0)
    .bind(person.0)
    .fetch_one(&mut *conn)
    .await?;
    // By group, then service (a membership without grants has none).
    let mut rows = unpacked::<3>(packed_rows.as_deref())?;
    rows.sort_unstable();
    Ok(UserState {
        version,
        memberships: access::by_group(&rows)?,
    })
}

/// A user with their names as their enterprise knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedUser {
    pub state: UserState,
    pub given_name: String,
    pub family_name: String,
    pub nrn: Option<String>,
}

/// `person` as a user of `enterprise`, with their names; `None` when they are in no group. One
/// lookup: their row holds their names and their access (see [`access`]).
pub async fn named_state(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    person: PersonId,
) -> Result<Option<NamedUser>, sqlx::Error> {
    let row: Option<(i64, String, String, Option<String>, String)> = sqlx::query_as(
        "SELECT version, given_name, family_name, nrn, access FROM enterprise_users \
         WHERE enterprise_id = $1 AND person_id = $2",
    )
    .bind(enterprise.0)
    .bind(person.0)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((version, given_name, family_name, nrn, summary)) = row else {
        return Ok(None);
    };
    Ok(Some(NamedUser {
        state: UserState {
            version,
            memberships: access::memberships(&summary)?,
        },
        given_name,
        family_name,
        nrn,
    }))
}

/// The active groups of `enterprise` that offer `service`.
pub async fn offering(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    service: ServiceId,
) -> Result<Vec<GroupId>, sqlx::Error> {
    let groups: Vec<i64> = sqlx::query_scalar(
        "SELECT eg.group_id FROM enterprise_groups eg JOIN group_services gs \
         ON gs.group_id = eg.group_id WHERE eg.enterprise_id = $1 AND eg.active = 1 \
         AND gs.service_id = $2 ORDER BY eg.group_id",
    )
    .bind(enterprise.0)
    .bind(service.0)
    .fetch_all(conn)
    .await?;
    Ok(groups.into_iter().map(GroupId).collect())
}

/// A group as the group reads take it.
struct GroupRow {
    id: i64,
    domain_id: i64,
    name: LocalizedName,
    users_active: i64,
    users_blocked: i64,
}

impl GroupRow {
    fn unpacked(
        [id, domain_id, de, fr, nl, en, users_active, users_blocked]: [Option<String>; 8],
    ) -> Result<GroupRow, sqlx::Error> {
        Ok(GroupRow {
            id: integer(&id)?,
            domain_id: integer(&domain_id)?,
            name: localized([de, fr, nl, en])?,
            users_active: integer(&users_active)?,
            users_blocked: integer(&users_blocked)?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ServiceRow {
    id: i64,
    #[sqlx(flatten)]
    name: NameColumns,
    implicit: String,
}

/// The groups a read is kept to.
#[derive(Debug, Clone, Copy, Default)]
pub enum Within<'a> {
    /// Every group of the enterprise.
    #[default]
    Everything,
    /// These groups and every group of these domains: an access manager's scope is their
    /// domain, however many groups it holds (checking a group's domain costs the same for any
    /// scope; checking it against the 670 ids of a domain made the service filter's choices
    /// take 2 ms on SQLite).
    Only {
        groups: &'a [GroupId],
        domains: &'a [DomainId],
    },
}

impl<'a> Within<'a> {
    /// Just `groups`.
    pub fn groups(groups: &'a [GroupId]) -> Within<'a> {
        Within::Only {
            groups,
            domains: &[],
        }
    }

    /// Whether it may hold more than `limit` groups.
    fn more_than(&self, limit: usize) -> bool {
        match self {
            Within::Everything => true,
            Within::Only { groups, domains } => !domains.is_empty() || groups.len() > limit,
        }
    }

    /// Appends `prefix` and the condition that the group whose id is `group` (of domain
    /// `domain`) is within; nothing for every group.
    fn push(&self, sql: &mut Sql, prefix: &str, group: &str, domain: &str) {
        match self {
            Within::Everything => {}
            Within::Only {
                groups,
                domains: [],
            } => {
                sql.push_in(prefix, group, groups.iter().map(|g| g.0));
            }
            Within::Only {
                groups: [],
                domains,
            } => {
                sql.push_in(prefix, domain, domains.iter().map(|d| d.0));
            }
            Within::Only { groups, domains } => {
                sql.push(&format!("{prefix}("), [])
                    .push_in("", domain, domains.iter().map(|d| d.0))
                    .push_in(" OR ", group, groups.iter().map(|g| g.0))
                    .push(")", []);
            }
        }
    }
}

/// Which of the enterprise's active groups a read takes, by English name then id.
#[derive(Debug, Clone, Copy, Default)]
pub struct GroupSelection<'a> {
    /// The groups it is kept to.
    pub within: Within<'a>,
    /// Text that one of the group's names contains, in any case; empty for every group.
    pub text: &'a str,
    /// The groups after this English name and id.
    pub after: Option<(&'a str, GroupId)>,
    /// At most this many.
    pub limit: Option<usize>,
}

/// The groups of `enterprise` that `selection` takes, with their counts: one query.
async fn group_rows(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    selection: &GroupSelection<'_>,
) -> Result<Vec<GroupRow>, sqlx::Error> {
    // The first few of more groups: walked in name order (CROSS JOIN keeps SQLite from
    // starting elsewhere), each checked against the scope. Every group asked for (a user's
    // few, a page): each looked up, then sorted.
    let walk = selection
        .limit
        .is_some_and(|limit| selection.within.more_than(limit));
    let (from, in_scope) = if walk {
        (
            "FROM groups g CROSS JOIN enterprise_groups eg CROSS JOIN domains d \
             WHERE eg.group_id = g.id AND d.id = g.domain_id",
            "+eg.group_id",
        )
    } else {
        (
            "FROM enterprise_groups eg JOIN groups g ON g.id = eg.group_id \
             JOIN domains d ON d.id = g.domain_id WHERE 1 = 1",
            "eg.group_id",
        )
    };
    let mut sql = Sql::new(&format!(
        "SELECT g.id, g.domain_id, g.name_de, g.name_fr, g.name_nl, g.name_en, \
         eg.users_active, eg.users_blocked {from} \
         AND g.retired_at IS NULL AND d.retired_at IS NULL AND eg.active = 1"
    ));
    sql.push(" AND eg.enterprise_id = ?", [Bind::Int(enterprise.0)]);
    selection
        .within
        .push(&mut sql, " AND ", in_scope, "g.domain_id");
    if !selection.text.trim().is_empty() {
        let (contain, binds) = names_contain("g", selection.text);
        sql.push(&format!(" AND ({contain})"), binds);
    }
    if let Some((name, id)) = selection.after {
        sql.after("g.name_en", "g.id", name, id.0);
    }
    sql.push(" ORDER BY g.name_en, g.id", []);
    if let Some(limit) = selection.limit {
        sql.push(&format!(" LIMIT {limit}"), []);
    }
    let columns = [
        "id",
        "domain_id",
        "name_de",
        "name_fr",
        "name_nl",
        "name_en",
        "users_active",
        "users_blocked",
    ];
    sql.fetch_packed(conn, columns, "name_en, id")
        .await?
        .into_iter()
        .map(GroupRow::unpacked)
        .collect()
}

/// The groups of `enterprise` that `selection` takes, by name, as choices of a filter: one
/// query, names only.
pub async fn group_choices(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    selection: &GroupSelection<'_>,
) -> Result<Vec<Choice>, sqlx::Error> {
    Ok(group_rows(conn, enterprise, selection)
        .await?
        .into_iter()
        .map(|row| Choice {
            id: row.id.to_string(),
            name: row.name,
        })
        .collect())
}

/// The groups of `enterprise` that `selection` takes, with their user counts and the services
/// they offer: two queries.
pub async fn group_cards(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    selection: &GroupSelection<'_>,
) -> Result<Vec<GroupCard>, sqlx::Error> {
    let rows = group_rows(conn, enterprise, selection).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(
        "SELECT gs.group_id, gs.service_id FROM group_services gs \
         JOIN online_services s ON s.id = gs.service_id WHERE s.retired_at IS NULL",
    );
    sql.push_in(" AND ", "gs.group_id", rows.iter().map(|row| row.id))
        .push(" ORDER BY gs.group_id, s.name_en, s.id", []);
    let offered: Vec<(i64, i64)> = sql.query_as(conn).fetch_all(&mut *conn).await?;
    let mut by_group: BTreeMap<i64, Vec<ServiceId>> = BTreeMap::new();
    for (group, service) in offered {
        by_group.entry(group).or_default().push(ServiceId(service));
    }
    Ok(rows
        .into_iter()
        .map(|row| GroupCard {
            id: GroupId(row.id),
            domain: DomainId(row.domain_id),
            services: by_group.remove(&row.id).unwrap_or_default(),
            name: row.name,
            users_active: row.users_active,
            users_blocked: row.users_blocked,
        })
        .collect())
}

/// The enterprise's active groups among `only`, by name in English, with their user counts and
/// offered services; and the services they offer together with every service someone holds
/// without a grant (so implicit ones are named too).
pub async fn groups(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    only: &[GroupId],
) -> Result<Groups, sqlx::Error> {
    let selection = GroupSelection {
        within: Within::groups(only),
        ..GroupSelection::default()
    };
    let groups = group_cards(conn, enterprise, &selection).await?;
    let named: BTreeSet<i64> = groups
        .iter()
        .flat_map(|group| group.services.iter().map(|s| s.0))
        .collect();
    let mut sql = Sql::new(
        "SELECT id, name_de, name_fr, name_nl, name_en, implicit FROM online_services \
         WHERE retired_at IS NULL AND (implicit <> 'none'",
    );
    sql.push_in(" OR ", "id", named)
        .push(") ORDER BY name_en, id", []);
    let services: Vec<ServiceRow> = sql.query_as(conn).fetch_all(&mut *conn).await?;
    let services = services
        .into_iter()
        .map(|row| NamedService {
            id: ServiceId(row.id),
            implicit: implicit_access(&row.implicit),
            name: row.name.into(),
        })
        .collect();
    Ok(Groups { groups, services })
}

/// The first `limit` live services granted in the enterprise's active groups `within` whose
/// names contain `text`, by English name: those a list can be filtered by (not ContactData,
/// which nobody is granted).
pub async fn service_choices(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    within: Within<'_>,
    text: &str,
    limit: usize,
) -> Result<Vec<Choice>, sqlx::Error> {
    // For each service, its groups one by one until one is within and active: a subquery that
    // stops at its first row (PostgreSQL plans an EXISTS as a join over all of them), walking
    // the service's groups first (CROSS JOIN keeps SQLite from walking the enterprise's).
    let mut sql = Sql::new(
        "SELECT s.id, s.name_de, s.name_fr, s.name_nl, s.name_en FROM online_services s \
         WHERE s.retired_at IS NULL AND s.implicit <> 'access_managers_and_users'",
    );
    if let Within::Only {
        groups,
        domains: domains @ [_, ..],
    } = within
    {
        // Only the services the domains list (and those their other groups offer) can be
        // offered within: no other service is looked for among the domains' groups.
        sql.push(
            " AND (s.id IN (SELECT ds.service_id FROM domain_services ds WHERE ",
            [],
        )
        .push_in("", "ds.domain_id", domains.iter().map(|d| d.0))
        .push(
            ") OR s.id IN (SELECT gs.service_id FROM group_services gs WHERE ",
            [],
        )
        .push_in("", "gs.group_id", groups.iter().map(|g| g.0))
        .push("))", []);
    }
    sql.push(
        " AND (SELECT 1 FROM group_services gs CROSS JOIN groups g \
         CROSS JOIN enterprise_groups eg WHERE gs.service_id = s.id AND g.id = gs.group_id \
         AND eg.group_id = gs.group_id AND eg.active = 1 AND g.retired_at IS NULL",
        [],
    );
    sql.push(" AND eg.enterprise_id = ?", [Bind::Int(enterprise.0)]);
    within.push(&mut sql, " AND ", "eg.group_id", "g.domain_id");
    sql.push(" LIMIT 1) IS NOT NULL", []);
    if !text.trim().is_empty() {
        let (contain, binds) = names_contain("s", text);
        sql.push(&format!(" AND ({contain})"), binds);
    }
    sql.push(&format!(" ORDER BY s.name_en, s.id LIMIT {limit}"), []);
    let columns = ["id", "name_de", "name_fr", "name_nl", "name_en"];
    sql.fetch_packed(conn, columns, "name_en, id")
        .await?
        .into_iter()
        .map(|[id, de, fr, nl, en]| {
            Ok(Choice {
                id: integer(&id)?.to_string(),
                name: localized([de, fr, nl, en])?,
            })
        })
        .collect()
}

fn implicit_access(stored: &str) -> ImplicitAccess {
    match stored {
        "access_managers" => ImplicitAccess::AccessManagers,
        "access_managers_and_users" => ImplicitAccess::AccessManagersAndUsers,
        _ => ImplicitAccess::None,
    }
}

/// The live services `group` offers.
pub async fn offered(
    conn: &mut AnyConnection,
    group: GroupId,
) -> Result<Vec<ServiceId>, sqlx::Error> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT gs.service_id FROM group_services gs JOIN online_services s ON s.id = gs.service_id \
         WHERE gs.group_id = $1 AND s.retired_at IS NULL ORDER BY gs.service_id",
    )
    .bind(group.0)
    .fetch_all(conn)
    .await?;
    Ok(ids.into_iter().map(ServiceId).collect())
}
