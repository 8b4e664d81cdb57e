//! Administrator posts in the database. The only writers take a permit from the policy.

use super::Person;
use crate::domain::{DomainId, EnterpriseId, GroupId, Nrn, PersonId};
use crate::domain::{EnterpriseStatus, LocalizedName};
use crate::platform::db::now_millis;
use crate::platform::names::{NameColumns, names_contain};
use crate::platform::packed::{packed, unpacked};
use crate::platform::sql::{Bind, Sql, like_escape};
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

/// The enterprise's state, its main access manager and its active groups as one packed text
/// of `group:domain` rows: one row, however many groups (a thousand rows cost more to hand over
/// than to find).
fn head() -> String {
    format!(
        "SELECT e.status, m.person_id, m.appointed_at, (SELECT {} {}) \
         FROM enterprises e JOIN main_access_managers m ON m.enterprise_id = e.id WHERE e.id = $1",
        packed(&["g.id", "g.domain_id"]),
        active_groups_of("e.id")
    )
}

/// The `(group, domain)` pairs of [`head`]'s text, in domain and group order.
fn active_pairs(text: Option<&str>) -> Result<Vec<(GroupId, DomainId)>, sqlx::Error> {
    let mut pairs = unpacked::<2>(text)?
        .into_iter()
        .map(|row| match row {
            [Some(group), Some(domain)] => Ok((GroupId(group), DomainId(domain))),
            _ => Err(sqlx::Error::Decode(
                "an active group without its domain".into(),
            )),
        })
        .collect::<Result<Vec<_>, _>>()?;
    pairs.sort_by_key(|(group, domain)| (*domain, *group));
    Ok(pairs)
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
}

/// The enterprise's administration with the start of each post, read in two queries; `None`
/// when no such enterprise exists.
pub async fn organisation(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
) -> Result<Option<Stored>, sqlx::Error> {
    let head: Option<(String, i64, i64, Option<String>)> = sqlx::query_as(&head())
        .bind(enterprise.0)
        .fetch_optional(&mut *conn)
        .await?;
    let Some((status, mam, mam_since, active)) = head else {
        return Ok(None);
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
        groups: active_pairs(active.as_deref())?,
        appointments,
    };
    Ok(Some(Stored {
        organisation,
        since,
    }))
}

/// The enterprise as the policy decides on it (every request that changes or lists something
/// reads it), read in two queries; `None` when no such enterprise exists.
pub async fn decisive(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
) -> Result<Option<Organisation>, sqlx::Error> {
    Ok(organisation(conn, enterprise)
        .await?
        .map(|stored| stored.organisation))
}

#[derive(sqlx::FromRow)]
struct NamedRow {
    id: i64,
    #[sqlx(flatten)]
    name: NameColumns,
}

/// The first `limit` of the groups `only` whose names contain `text` (all when empty), by
/// English name, with their names.
pub async fn group_names(
    conn: &mut AnyConnection,
    only: &[GroupId],
    text: &str,
    limit: usize,
) -> Result<Vec<(GroupId, LocalizedName)>, sqlx::Error> {
    let mut sql = Sql::new("SELECT g.id, g.name_de, g.name_fr, g.name_nl, g.name_en FROM groups g");
    sql.push_in(" WHERE ", "g.id", only.iter().map(|g| g.0));
    if !text.trim().is_empty() {
        let (contain, binds) = names_contain("g", text);
        sql.push(&format!(" AND ({contain})"), binds);
    }
    sql.push(&format!(" ORDER BY g.name_en, g.id LIMIT {limit}"), []);
    let rows: Vec<NamedRow> = sql.query_as(conn).fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|row| (GroupId(row.id), row.name.into()))
        .collect())
}

/// A group administrator's post as stored, with the names the page shows.
#[derive(Debug, sqlx::FromRow)]
pub struct GroupAdministratorRow {
    pub group_id: i64,
    #[sqlx(flatten)]
    pub group: NameColumns,
    pub appointed_at: i64,
    pub appointed_by: i64,
    pub by_given_name: Option<String>,
    pub by_family_name: Option<String>,
    #[sqlx(flatten)]
    pub holder: PersonRow,
}

/// The first `limit` group administrators of `enterprise` after `after` (English group name,
/// group id), by group name, whose group's or holder's name contains `text`.
pub async fn group_administrators(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    text: &str,
    after: Option<(&str, GroupId)>,
    limit: usize,
) -> Result<Vec<GroupAdministratorRow>, sqlx::Error> {
    let mut sql = Sql::new(&format!(
        "SELECT a.group_id, g.name_de, g.name_fr, g.name_nl, g.name_en, a.appointed_at, \
         a.appointed_by, ab.given_name AS by_given_name, ab.family_name AS by_family_name, \
         {PERSON_COLUMNS} FROM administrators a JOIN groups g ON g.id = a.group_id \
         JOIN persons p ON p.id = a.person_id \
         JOIN employments em ON em.enterprise_id = a.enterprise_id AND em.person_id = a.person_id \
         LEFT JOIN employments ab ON ab.enterprise_id = a.enterprise_id \
         AND ab.person_id = a.appointed_by \
         WHERE a.level = 'group_administrator'"
    ));
    sql.push(" AND a.enterprise_id = ?", [Bind::Int(enterprise.0)]);
    if !text.trim().is_empty() {
        let (contain, mut binds) = names_contain("g", text);
        let person = format!("%{}%", like_escape(&text.trim().to_lowercase()));
        binds.extend([Bind::Text(person.clone()), Bind::Text(person)]);
        sql.push(
            &format!(
                " AND ({contain} OR LOWER(em.given_name || ' ' || em.family_name) LIKE ? ESCAPE '\\' \
                 OR LOWER(em.family_name || ' ' || em.given_name) LIKE ? ESCAPE '\\')"
            ),
            binds,
        );
    }
    if let Some((name, id)) = after {
        sql.after("g.name_en", "g.id", name, id.0);
    }
    sql.push(&format!(" ORDER BY g.name_en, g.id LIMIT {limit}"), []);
    sql.query_as(conn).fetch_all(&mut *conn).await
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

/// A person's row: the enterprise's names for them and their identifiers.
#[derive(Debug, sqlx::FromRow)]
pub struct PersonRow {
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

/// The people `ids` as `enterprise` knows them (those it links), by name.
pub async fn people(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    ids: &[PersonId],
) -> Result<Vec<Person>, sqlx::Error> {
    let mut sql = Sql::new(&format!(
        "SELECT {PERSON_COLUMNS} FROM employments em JOIN persons p ON p.id = em.person_id"
    ));
    sql.push(" WHERE em.enterprise_id = ?", [Bind::Int(enterprise.0)])
        .push_in(" AND ", "p.id", ids.iter().map(|p| p.0))
        .push(" ORDER BY em.family_name, em.given_name, p.id", []);
    let rows: Vec<PersonRow> = sql.query_as(conn).fetch_all(&mut *conn).await?;
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
