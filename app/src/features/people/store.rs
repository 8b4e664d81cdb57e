//! Persons in the database: the one module that writes the `persons` table.

use super::{NewPerson, PersonIdentity};
use crate::domain::PersonId;
use crate::platform::db::now_millis;
use crate::platform::sql::row_placeholders;
use crate::policy::OperatorPermit;
use sqlx::AnyConnection;

/// The column that holds `identity` and the value to look for in it.
pub(crate) fn identity_column(identity: &PersonIdentity) -> (&'static str, &str) {
    match identity {
        PersonIdentity::Nrn(nrn) => ("nrn", nrn.as_str()),
        PersonIdentity::Foreign(username) => ("username", username.as_str()),
    }
}

/// The person with this NRN or username, if recorded.
pub async fn find(
    conn: &mut AnyConnection,
    identity: &PersonIdentity,
) -> Result<Option<PersonId>, sqlx::Error> {
    let (column, value) = identity_column(identity);
    let id: Option<i64> =
        sqlx::query_scalar(&format!("SELECT id FROM persons WHERE {column} = $1"))
            .bind(value)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(id.map(PersonId))
}

/// Whose details a new person record is made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The operator (or the demo): the e-mail address given is the person's own.
    Operator,
    /// An enterprise linking someone unknown: the address it typed is its own way of reaching
    /// its employee, kept on its link; the record gets none, so that nothing one enterprise
    /// typed reaches the person on behalf of another.
    Enterprise,
}

/// The recorded person with `person`'s identity, or a new record of them made from `source`'s
/// details. An existing record is kept as it is: one person, one record, whatever enterprise
/// names them.
pub async fn find_or_create(
    conn: &mut AnyConnection,
    person: &NewPerson,
    source: Source,
) -> Result<PersonId, sqlx::Error> {
    if let Some(id) = find(conn, &person.identity).await? {
        return Ok(id);
    }
    let (nrn, username) = match &person.identity {
        PersonIdentity::Nrn(nrn) => (Some(nrn.as_str().to_owned()), None),
        PersonIdentity::Foreign(username) => (None, Some(username.as_str().to_owned())),
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO persons (nrn, username, given_name, family_name, email, phone, language, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(nrn)
    .bind(username)
    .bind(person.given_name.as_str())
    .bind(person.family_name.as_str())
    .bind(match source {
        Source::Operator => person.email.as_str(),
        Source::Enterprise => "",
    })
    .bind(person.phone.as_deref())
    .bind(person.language.as_str())
    .bind(now_millis())
    .fetch_one(&mut *conn)
    .await?;
    Ok(PersonId(id))
}

/// A person the operator's seed generates.
pub struct Generated {
    /// A synthetic national register number.
    pub nrn: String,
    pub given_name: String,
    pub family_name: String,
    /// E-mail address.
    pub email: String,
    /// Language code (`nl`, `fr`, `de`, `en`).
    pub language: &'static str,
}

/// Records the generated `people` in one statement, at `now`; an NRN recorded already is
/// skipped. Returns the new records' ids with the NRN and names they were made with.
pub async fn insert_generated(
    conn: &mut AnyConnection,
    _by: &OperatorPermit,
    people: &[Generated],
    now: i64,
) -> Result<Vec<(PersonId, String, String, String)>, sqlx::Error> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "INSERT INTO persons (nrn, given_name, family_name, email, language, created_at) VALUES {} \
         ON CONFLICT (nrn) DO NOTHING RETURNING id, nrn, given_name, family_name",
        row_placeholders(people.len(), 6)
    );
    let mut insert = sqlx::query_as::<_, (i64, String, String, String)>(&sql);
    for person in people {
        insert = insert
            .bind(person.nrn.as_str())
            .bind(person.given_name.as_str())
            .bind(person.family_name.as_str())
            .bind(person.email.as_str())
            .bind(person.language)
            .bind(now);
    }
    let rows = insert.fetch_all(conn).await?;
    Ok(rows
        .into_iter()
        .map(|(id, nrn, given, family)| (PersonId(id), nrn, given, family))
        .collect())
}
