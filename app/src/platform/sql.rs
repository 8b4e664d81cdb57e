//! A query assembled from optional parts (filters, cursors), each written with `?` and numbered
//! `$1, $2, …` as it is appended, so the values always travel as bound parameters.

use crate::platform::db::id_list;
use crate::platform::packed::{packed_text_in_order, unpacked_text};
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::QueryAs;
use sqlx::{Any, AnyConnection, FromRow};

/// A value bound to a placeholder.
#[derive(Debug, Clone)]
pub enum Bind {
    /// Text.
    Text(String),
    /// An integer.
    Int(i64),
}

/// SQL text with its bound values.
#[derive(Debug, Clone, Default)]
pub struct Sql {
    text: String,
    binds: Vec<Bind>,
    /// The text holds ids written out ([`Sql::push_ids`]).
    one_off: bool,
}

impl Sql {
    /// Starts with `text` (no placeholders).
    pub fn new(text: &str) -> Sql {
        Sql {
            text: text.to_owned(),
            binds: Vec::new(),
            one_off: false,
        }
    }

    /// Appends `template` (no placeholders) with `{ids}` replaced by `ids` written out
    /// ([`id_list`]). Such a text differs from one call to the next, so its statement is
    /// prepared for this call alone: kept in the connection's statement cache, a stream of
    /// one-off statements would push out those that repeat and hold memory for nothing.
    pub fn push_ids(&mut self, template: &str, ids: impl Iterator<Item = i64>) -> &mut Sql {
        self.one_off = true;
        self.text
            .push_str(&template.replace("{ids}", &id_list(ids)));
        self
    }

    /// Appends `template`, each `?` replaced by the next placeholder, bound to the next of
    /// `values` in order.
    pub fn push(&mut self, template: &str, values: impl IntoIterator<Item = Bind>) -> &mut Sql {
        let mut parts = template.split('?');
        self.text.push_str(parts.next().unwrap_or_default());
        for (part, value) in parts.zip(values) {
            self.binds.push(value);
            self.text.push_str(&format!("${}", self.binds.len()));
            self.text.push_str(part);
        }
        self
    }

    /// The query, its values bound, reading rows as `O`.
    pub fn query_as<O>(&self) -> QueryAs<'_, Any, O, AnyArguments<'_>>
    where
        O: for<'r> FromRow<'r, AnyRow>,
    {
        self.bound(sqlx::query_as::<_, O>(&self.text).persistent(!self.one_off))
    }

    /// `query` with this query's values bound.
    fn bound<'q, O>(
        &self,
        mut query: QueryAs<'q, Any, O, AnyArguments<'q>>,
    ) -> QueryAs<'q, Any, O, AnyArguments<'q>> {
        for bind in &self.binds {
            query = match bind {
                Bind::Text(text) => query.bind(text.clone()),
                Bind::Int(number) => query.bind(*number),
            };
        }
        query
    }
}

impl Sql {
    /// The rows of this query, handed over as one text (`platform::packed`) instead of a row
    /// each: `columns` are its output columns, `order` orders the rows as the query does (the
    /// aggregate keeps no order of its own). For the lists of a page: the SQLite driver hands
    /// every row over from its thread, at about 10 µs a row of six columns.
    pub async fn fetch_packed<const N: usize>(
        &self,
        conn: &mut AnyConnection,
        columns: [&str; N],
        order: &str,
    ) -> Result<Vec<[Option<String>; N]>, sqlx::Error> {
        let text = format!(
            "SELECT {} FROM ({}) packed_rows",
            packed_text_in_order(&columns, order),
            self.text
        );
        let (packed,) = self
            .bound(sqlx::query_as::<_, (Option<String>,)>(&text).persistent(!self.one_off))
            .fetch_one(conn)
            .await?;
        unpacked_text::<N>(packed.as_deref())
    }
}

/// A keyset cursor of a list ordered by a name and then an id: `id:name` (the name may hold
/// colons, the id never does).
pub fn name_cursor(id: i64, name: &str) -> String {
    format!("{id}:{name}")
}

/// Reads a [`name_cursor`]: the name and the id.
pub fn parse_name_cursor(text: &str) -> Option<(&str, i64)> {
    let (id, name) = text.split_once(':')?;
    Some((name, id.parse().ok()?))
}

impl Sql {
    /// Appends the keyset condition "after `(name, id)`" of a list ordered by `name_column`
    /// then `id_column`.
    pub fn after(&mut self, name_column: &str, id_column: &str, name: &str, id: i64) -> &mut Sql {
        self.push(
            &format!(" AND ({name_column} > ? OR ({name_column} = ? AND {id_column} > ?))"),
            [
                Bind::Text(name.to_owned()),
                Bind::Text(name.to_owned()),
                Bind::Int(id),
            ],
        )
    }
}

/// `text` for a `LIKE … ESCAPE '\'` pattern: its `\`, `%` and `_` match only themselves.
pub fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// `($1, $2, …), (…)`: `rows` rows of `columns` numbered placeholders each, for a multi-row
/// `INSERT … VALUES`.
pub fn row_placeholders(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|row| {
            let cells: Vec<String> = (1..=columns)
                .map(|column| format!("${}", row * columns + column))
                .collect();
            format!("({})", cells.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_escape_their_wildcards() {
        assert_eq!(like_escape(r"50%_a\b"), r"50\%\_a\\b");
    }

    #[test]
    fn a_name_cursor_reads_back_even_when_the_name_holds_colons() {
        assert_eq!(
            parse_name_cursor(&name_cursor(42, "De Smet: A")),
            Some(("De Smet: A", 42))
        );
        assert_eq!(parse_name_cursor("x:De Smet"), None);
        assert_eq!(parse_name_cursor("no cursor"), None);
    }

    #[test]
    fn placeholders_are_numbered_in_the_order_values_are_appended() {
        let mut sql = Sql::new("SELECT 1 FROM t WHERE a = 1");
        sql.push(" AND b = ?", [Bind::Int(2)]).push(
            " AND (c > ? OR (c = ? AND d > ?))",
            [Bind::Text("x".into()), Bind::Text("x".into()), Bind::Int(3)],
        );
        assert_eq!(
            sql.text,
            "SELECT 1 FROM t WHERE a = 1 AND b = $1 AND (c > $2 OR (c = $3 AND d > $4))"
        );
        assert_eq!(sql.binds.len(), 4);
    }
}
