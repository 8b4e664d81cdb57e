//! Administrator posts in the database. The only writers take a permit from the policy.

use super::{NamedDomain, NamedGroup, Person};
use crate::domain::EnterpriseStatus;
use crate::domain::{DomainId, EnterpriseId, GroupId, Nrn, PersonId};
use crate::platform::db::now_millis;
use crate::platform::names::{NameColumns, Named, localized};
use crate::platform::sql::like_escape;
use crate::policy::{AppointPermit, Holding, Organisation, Post, RevokePermit};
use sqlx::AnyConnection;

/// The joins and conditions of an enterprise's active groups: `g` the group, `d` its domain,
/// `eg` its row in the enterprise whose id is `enterprise`.
fn active_groups_of(enterprise: &str) -> String {
    format!(
        "FROM enterprise_groups eg JOIN groups g ON g.id = eg.group_id \
         JOIN domains d ON d.id = g.domain_id \
         WHERE eg.enterprise_id = {enterprise} AND eg.active = 1 AND g.retired_at IS NULL \
         AND d.retired_at IS NULL"
    )
}

/// The active groups of an enterprise with `columns` of the group `g` and its domain `d`.
fn active_groups(columns: &str) -> String {
    format!(
        "SELECT {columns} {} ORDER BY g.domain_id, g.id",
        active_groups_of("$1")
    )
}

/// The enterprise's state, its main access manager and, when `with_groups`, its active groups
/// as one text of `group:domain` pairs: one row, however many groups (a thousand rows cost more
/// to hand over than to find).
fn head(with_groups: bool) -> String {
    let groups = if with_groups {
        format!(
            "(SELECT string_agg(CAST(g.id AS TEXT) || ':' || CAST(g.domain_id AS TEXT), ',') {})",
            active_groups_of("e.id")
        )
    } else {
        "CAST(NULL AS TEXT)".to_owned()
    };
    format!(
        "SELECT e.status, m.person_id, m.appointed_at, {groups} \
         FROM enterprises e JOIN main_access_managers m ON m.enterprise_id = e.id WHERE e.id = $1"
    )
}

/// The `(group, domain)` pairs of [`head`]'s text, in domain and group order.
fn active_pairs(text: Option<&str>) -> Result<Vec<(GroupId, DomainId)>, sqlx::Error> {
    let mut pairs = text
        .unwrap_or_default()
        .split(',')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (group, domain) = pair.split_once(':')?;
            Some((GroupId(group.parse().ok()?), DomainId(domain.parse().ok()?)))
        })
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| sqlx::Error::Decode("active groups do not read as group:domain".into()))?;
    pairs.sort_by_key(|(group, domain)| (*domain, *group));
    Ok(pairs)
}

#[derive(sqlx::FromRow)]
struct GroupRow {
    id: i64,
    domain_id: i64,
    #[sqlx(flatten)]
    name: NameColumns,
}

#[derive(sqlx::FromRow)]
struct AppointmentRow {
    person_id: i64,
    level: String,
    domain_id: Option<i64>,
    group_id: Option<i64>,
    appointed_by: i64,
    appointed_at: i64,
}

/// An enterprise's administration as stored.
#[derive(Debug)]
pub struct Stored {
    /// What the policy decides on.
    pub organisation: Organisation,
    /// When each post began, in the order of `organisation.holdings()` (milliseconds).
    pub since: Vec<i64>,
    /// The active domains, with their names.
    pub domains: Vec<NamedDomain>,
    /// The active groups, with their names.
    pub groups: Vec<NamedGroup>,
}

/// The enterprise's administration with the names the Administrators page shows, read in four
/// queries; `None` when no such enterprise exists.
pub async fn organisation(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
) -> Result<Option<Stored>, sqlx::Error> {
    read(conn, enterprise, true).await
}

/// The enterprise as the policy decides on it, without names (every request that changes or
/// lists something reads it), read in two queries; `None` when no such enterprise exists.
pub async fn decisive(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
) -> Result<Option<Organisation>, sqlx::Error> {
    Ok(read(conn, enterprise, false)
        .await?
        .map(|stored| stored.organisation))
}

async fn read(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    named: bool,
) -> Result<Option<Stored>, sqlx::Error> {
    // Named, the active groups come with their names in the catalogue instead of the head.
    let head: Option<(String, i64, i64, Option<String>)> = sqlx::query_as(&head(!named))
        .bind(enterprise.0)
        .fetch_optional(&mut *conn)
        .await?;
    let Some((status, mam, mam_since, active)) = head else {
        return Ok(None);
    };
    let (active, domains, groups) = if named {
        let (domains, groups) = catalogue(conn, enterprise).await?;
        let active = groups
            .iter()
            .map(|group| (group.id, group.domain))
            .collect();
        (active, domains, groups)
    } else {
        (active_pairs(active.as_deref())?, Vec::new(), Vec::new())
    };
    let rows: Vec<AppointmentRow> = sqlx::query_as(
        "SELECT person_id, level, domain_id, group_id, appointed_by, appointed_at \
         FROM administrators WHERE enterprise_id = $1 ORDER BY id",
    )
    .bind(enterprise.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut since = vec![mam_since];
    let mut appointments = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(post) = Post::from_stored(&row.level, row.domain_id, row.group_id) else {
            return Err(sqlx::Error::Decode(
                format!("administrator post {} does not fit its scope", row.level).into(),
            ));
        };
        since.push(row.appointed_at);
        appointments.push(Holding {
            person: PersonId(row.person_id),
            post,
            appointed_by: Some(PersonId(row.appointed_by)),
        });
    }
    let organisation = Organisation {
        enterprise,
        active: EnterpriseStatus::from_stored(&status) == EnterpriseStatus::Active,
        main_access_manager: PersonId(mam),
        groups: active,
        appointments,
    };
    Ok(Some(Stored {
        organisation,
        since,
        domains,
        groups,
    }))
}

/// The enterprise's active groups and domains with their names.
async fn catalogue(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
) -> Result<(Vec<NamedDomain>, Vec<NamedGroup>), sqlx::Error> {
    let rows: Vec<GroupRow> = sqlx::query_as(&active_groups(
        "g.id, g.domain_id, g.name_de, g.name_fr, g.name_nl, g.name_en",
    ))
    .bind(enterprise.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut ids: Vec<i64> = rows.iter().map(|row| row.domain_id).collect();
    ids.dedup();
    let mut names = localized(conn, Named::Domains, ids.iter().copied()).await?;
    let domains = ids
        .into_iter()
        .filter_map(|id| {
            names.remove(&id).map(|name| NamedDomain {
                id: DomainId(id),
                name,
            })
        })
        .collect();
    let groups = rows
        .into_iter()
        .map(|row| NamedGroup {
            id: GroupId(row.id),
            domain: DomainId(row.domain_id),
            name: row.name.into(),
        })
        .collect();
    Ok((domains, groups))
}

/// Fills the permitted post, ending the appointee's lesser posts it includes.
pub async fn fill(conn: &mut AnyConnection, permit: &AppointPermit) -> Result<(), sqlx::Error> {
    for post in permit.replaces() {
        delete(conn, permit.enterprise(), permit.appointee(), *post).await?;
    }
    let (level, domain, group) = permit.post().to_stored();
    sqlx::query(
        "INSERT INTO administrators \
         (enterprise_id, person_id, level, domain_id, group_id, appointed_by, appointed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(permit.enterprise().0)
    .bind(permit.appointee().0)
    .bind(level)
    .bind(domain)
    .bind(group)
    .bind(permit.actor().0)
    .bind(now_millis())
    .execute(conn)
    .await?;
    Ok(())
}

/// Ends the permitted post; `false` when it was no longer held.
pub async fn vacate(conn: &mut AnyConnection, permit: &RevokePermit) -> Result<bool, sqlx::Error> {
    Ok(delete(conn, permit.enterprise(), permit.holder(), permit.post()).await? == 1)
}

/// Deletes one post; how many rows went (0 or 1).
async fn delete(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    person: PersonId,
    post: Post,
) -> Result<u64, sqlx::Error> {
    let (level, domain, group) = post.to_stored();
    sqlx::query(
        "DELETE FROM administrators WHERE enterprise_id = $1 AND person_id = $2 AND level = $3 \
         AND COALESCE(domain_id, 0) = COALESCE($4, 0) AND COALESCE(group_id, 0) = COALESCE($5, 0)",
    )
    .bind(enterprise.0)
    .bind(person.0)
    .bind(level)
    .bind(domain)
    .bind(group)
    .execute(conn)
    .await
    .map(|done| done.rows_affected())
}

/// Ends every appointed post of `person`, who becomes the main access manager (the operator's
/// replacement, outside the policy: the main access manager administers everything anyway);
/// returns the posts ended.
pub async fn end_posts_for_main_access_manager(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    person: PersonId,
) -> Result<Vec<Post>, sqlx::Error> {
    let rows: Vec<(String, Option<i64>, Option<i64>)> = sqlx::query_as(
        "DELETE FROM administrators WHERE enterprise_id = $1 AND person_id = $2 \
         RETURNING level, domain_id, group_id",
    )
    .bind(enterprise.0)
    .bind(person.0)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(level, domain, group)| Post::from_stored(&level, domain, group))
        .collect())
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    given_name: String,
    family_name: String,
    nrn: Option<String>,
    username: Option<String>,
}

impl From<PersonRow> for Person {
    fn from(row: PersonRow) -> Person {
        let identifier = match (row.nrn, row.username) {
            (Some(nrn), _) => Nrn::parse(&nrn).map_or(nrn, |nrn| nrn.formatted()),
            (None, Some(username)) => username,
            (None, None) => String::new(),
        };
        Person {
            id: PersonId(row.id),
            name: format!("{} {}", row.given_name, row.family_name),
            identifier,
        }
    }
}

/// A person as the enterprise knows them: its own names (`em`), the person's identifier (`p`).
const PERSON_COLUMNS: &str = "p.id, em.given_name, em.family_name, p.nrn, p.username";

/// The people an enterprise's administrators page names: every holder, every appointer, and
/// `me`.
pub async fn people(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    me: PersonId,
) -> Result<Vec<Person>, sqlx::Error> {
    let rows: Vec<PersonRow> = sqlx::query_as(&format!(
        "SELECT {PERSON_COLUMNS} FROM employments em JOIN persons p ON p.id = em.person_id \
         WHERE em.enterprise_id = $1 AND (p.id = $2 \
         OR p.id IN (SELECT person_id FROM main_access_managers WHERE enterprise_id = $1) \
         OR p.id IN (SELECT person_id FROM administrators WHERE enterprise_id = $1) \
         OR p.id IN (SELECT appointed_by FROM administrators WHERE enterprise_id = $1)) \
         ORDER BY em.family_name, em.given_name, p.id"
    ))
    .bind(enterprise.0)
    .bind(me.0)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(Person::from).collect())
}

/// Up to `limit` people linked to `enterprise` whose NRN starts with `digits` (when given) or
/// whose name or username contains `text` (lowercase, when given).
pub async fn linked_people(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    digits: Option<&str>,
    text: Option<&str>,
    limit: usize,
) -> Result<Vec<Person>, sqlx::Error> {
    let nrn_prefix = digits.map(|digits| format!("{}%", like_escape(digits)));
    let contains = text.map(|text| format!("%{}%", like_escape(text)));
    let rows: Vec<PersonRow> = sqlx::query_as(&format!(
        "SELECT {PERSON_COLUMNS} FROM employments em JOIN persons p ON p.id = em.person_id \
         WHERE em.enterprise_id = $1 AND ( \
           ($2 IS NOT NULL AND p.nrn LIKE $2 ESCAPE '\\') \
           OR ($3 IS NOT NULL AND (LOWER(em.given_name || ' ' || em.family_name) LIKE $3 ESCAPE '\\' \
             OR LOWER(em.family_name || ' ' || em.given_name) LIKE $3 ESCAPE '\\' \
             OR p.username LIKE $3 ESCAPE '\\'))) \
         ORDER BY em.family_name, em.given_name, p.id LIMIT $4"
    ))
    .bind(enterprise.0)
    .bind(nrn_prefix)
    .bind(contains)
    .bind(i64::try_from(limit).unwrap_or(i64::MAX))
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(Person::from).collect())
}
