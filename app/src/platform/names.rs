//! The names the catalogue gives its domains, groups and services in each language, looked up
//! for many ids in one query.

use crate::domain::LocalizedName;
use crate::platform::packed::{integer, localized as names_of, packed_text, unpacked_text};
use crate::platform::sql::{Bind, Sql, like_escape};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// The four name columns of a catalogue row (`name_de`, `name_fr`, `name_nl`, `name_en`), read
/// with `#[sqlx(flatten)]` into a row type and turned into a [`LocalizedName`] in one place.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NameColumns {
    name_de: String,
    name_fr: String,
    name_nl: String,
    name_en: String,
}

impl NameColumns {
    /// The English name (lists sort by it).
    pub fn english(&self) -> &str {
        &self.name_en
    }
}

/// `LOWER(a) LIKE ? OR LOWER(b) LIKE ? …` over the four name columns of `table`, and its pattern
/// for `text` (lowercase, wildcards escaped) four times.
pub fn names_contain(table: &str, text: &str) -> (String, Vec<Bind>) {
    let pattern = format!("%{}%", like_escape(&text.trim().to_lowercase()));
    let sql = ["de", "fr", "nl", "en"]
        .map(|language| format!("LOWER({table}.name_{language}) LIKE ? ESCAPE '\\'"))
        .join(" OR ");
    (sql, vec![Bind::Text(pattern); 4])
}

impl From<NameColumns> for LocalizedName {
    fn from(columns: NameColumns) -> LocalizedName {
        LocalizedName {
            de: columns.name_de,
            fr: columns.name_fr,
            nl: columns.name_nl,
            en: columns.name_en,
        }
    }
}

/// A catalogue table whose rows are named in the four languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Named {
    /// `domains`.
    Domains,
    /// `groups`.
    Groups,
    /// `online_services`.
    Services,
}

impl Named {
    fn table(self) -> &'static str {
        match self {
            Named::Domains => "domains",
            Named::Groups => "groups",
            Named::Services => "online_services",
        }
    }
}

/// The names of the rows `ids` of `table` (retired ones included: history names them too).
pub async fn localized(
    conn: &mut AnyConnection,
    table: Named,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, LocalizedName>, sqlx::Error> {
    let mut ids: Vec<i64> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(localized_each(conn, &[(table, ids)])
        .await?
        .into_iter()
        .map(|((_, id), name)| (id, name))
        .collect())
}

/// The names of the rows of several tables at once, in one query: for each `(table, ids)`. The
/// names come as one packed text (`platform::packed`), not a row each.
pub async fn localized_each(
    conn: &mut AnyConnection,
    wanted: &[(Named, Vec<i64>)],
) -> Result<HashMap<(Named, i64), LocalizedName>, sqlx::Error> {
    let columns = ["kind", "id", "name_de", "name_fr", "name_nl", "name_en"];
    let mut sql = Sql::new(&format!("SELECT {} FROM (", packed_text(&columns)));
    let mut union = "";
    for (kind, (table, ids)) in wanted.iter().enumerate() {
        if ids.is_empty() {
            continue;
        }
        sql.push(
            &format!(
                "{union}SELECT {kind} AS kind, id, name_de, name_fr, name_nl, name_en FROM {}",
                table.table()
            ),
            [],
        )
        .push_in(" WHERE ", "id", ids.iter().copied());
        union = " UNION ALL ";
    }
    if union.is_empty() {
        return Ok(HashMap::new());
    }
    sql.push(") named", []);
    let (text,): (Option<String>,) = sql.query_as(conn).fetch_one(&mut *conn).await?;
    unpacked_text::<6>(text.as_deref())?
        .into_iter()
        .map(|[kind, id, de, fr, nl, en]| {
            let (table, _) = usize::try_from(integer(&kind)?)
                .ok()
                .and_then(|k| wanted.get(k))
                .ok_or_else(|| sqlx::Error::Decode("a packed name row is malformed".into()))?;
            let id = integer(&id)?;
            let name = names_of([de, fr, nl, en])?;
            Ok(((*table, id), name))
        })
        .collect()
}
