//! The names the catalogue gives its domains, groups and services in each language, looked up
//! for many ids in one query.

use crate::domain::LocalizedName;
use crate::platform::db::id_list;
use crate::platform::sql::{Bind, like_escape};
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

#[derive(sqlx::FromRow)]
struct NamedRow {
    id: i64,
    #[sqlx(flatten)]
    name: NameColumns,
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
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<NamedRow> = sqlx::query_as(&format!(
        "SELECT id, name_de, name_fr, name_nl, name_en FROM {} WHERE id IN ({})",
        table.table(),
        id_list(ids.into_iter())
    ))
    .persistent(false)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.id, row.name.into()))
        .collect())
}

#[derive(sqlx::FromRow)]
struct KindNamedRow {
    kind: i64,
    id: i64,
    #[sqlx(flatten)]
    name: NameColumns,
}

/// The names of the rows of several tables at once, in one query: for each `(table, ids)`.
pub async fn localized_each(
    conn: &mut AnyConnection,
    wanted: &[(Named, Vec<i64>)],
) -> Result<HashMap<(Named, i64), LocalizedName>, sqlx::Error> {
    let parts: Vec<String> = wanted
        .iter()
        .enumerate()
        .filter(|(_, (_, ids))| !ids.is_empty())
        .map(|(kind, (table, ids))| {
            format!(
                "SELECT {kind} AS kind, id, name_de, name_fr, name_nl, name_en FROM {} WHERE id IN ({})",
                table.table(),
                id_list(ids.iter().copied())
            )
        })
        .collect();
    if parts.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<KindNamedRow> = sqlx::query_as(&parts.join(" UNION ALL "))
        .persistent(false)
        .fetch_all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let (table, _) = wanted.get(usize::try_from(row.kind).ok()?)?;
            Some(((*table, row.id), row.name.into()))
        })
        .collect())
}
