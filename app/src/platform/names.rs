//! The names the catalogue gives its domains, groups and services in each language, looked up
//! for many ids in one query.

use crate::domain::LocalizedName;
use crate::platform::db::id_list;
use sqlx::AnyConnection;
use std::collections::HashMap;

/// A catalogue table whose rows are named in the four languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    let rows: Vec<(i64, String, String, String, String)> = sqlx::query_as(&format!(
        "SELECT id, name_de, name_fr, name_nl, name_en FROM {} WHERE id IN ({})",
        table.table(),
        id_list(ids.into_iter())
    ))
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, de, fr, nl, en)| (id, LocalizedName { de, fr, nl, en }))
        .collect())
}
