//! A query assembled from optional parts (filters, cursors), each written with `?` and numbered
//! `$1, $2, …` as it is appended, so the values always travel as bound parameters. A set of ids
//! travels as one parameter too ([`Sql::push_in`]), so the text of a query does not change with
//! the ids it asks for and each database prepares (and PostgreSQL plans) it once per connection.

use crate::platform::db::Backend;
use crate::platform::packed::{packed_text_in_order, unpacked_text};
use sqlx::any::{AnyArguments, AnyQueryResult, AnyRow};
use sqlx::query::QueryAs;
use sqlx::{Any, AnyConnection, FromRow};

/// A value bound to a placeholder.
#[derive(Debug, Clone)]
pub enum Bind {
    /// Text.
    Text(String),
    /// An integer.
    Int(i64),
    /// A set of ids, bound as one text each database reads as a list ([`Sql::push_in`]).
    Ids(Vec<i64>),
}

/// `$query` (a `Query` or a `QueryAs`) with the values of the [`Sql`] `$sql` bound, as
/// `$backend` reads them.
macro_rules! bound {
    ($query:expr, $sql:expr, $backend:expr) => {{
        let mut query = $query;
        for bind in &$sql.binds {
            query = match bind {
                Bind::Text(text) => query.bind(text.clone()),
                Bind::Int(number) => query.bind(*number),
                Bind::Ids(ids) => query.bind(id_set(ids, $backend)),
            };
        }
        query
    }};
}

/// SQL text with its bound values, written for each backend (they differ only where a set of
/// ids is read).
#[derive(Debug, Clone, Default)]
pub struct Sql {
    sqlite: String,
    postgres: String,
    binds: Vec<Bind>,
}

impl Sql {
    /// Starts with `text` (no placeholders).
    pub fn new(text: &str) -> Sql {
        Sql {
            sqlite: text.to_owned(),
            postgres: text.to_owned(),
            binds: Vec::new(),
        }
    }

    fn push_str(&mut self, text: &str) {
        self.sqlite.push_str(text);
        self.postgres.push_str(text);
    }

    /// Appends `template`, each `?` replaced by the next placeholder, bound to the next of
    /// `values` in order: as many values as `?`s (a debug build checks).
    pub fn push(&mut self, template: &str, values: impl IntoIterator<Item = Bind>) -> &mut Sql {
        let values: Vec<Bind> = values.into_iter().collect();
        debug_assert_eq!(
            template.matches('?').count(),
            values.len(),
            "one value for each ? of {template}"
        );
        let mut parts = template.split('?');
        self.push_str(parts.next().unwrap_or_default());
        for (part, value) in parts.zip(values) {
            self.binds.push(value);
            self.push_str(&format!("${}", self.binds.len()));
            self.push_str(part);
        }
        self
    }

    /// Appends `prefix` then the condition "`expression` is one of `ids`", the ids bound as one
    /// parameter: SQLite reads it as a JSON array (`json_each`), PostgreSQL as a `BIGINT[]`.
    /// Both read the set once per statement, in a subquery (PostgreSQL would cast the text of
    /// `= ANY(CAST($n AS BIGINT[]))` again for every row a generic plan compares: 40 ms for a
    /// scope of 670 groups). An empty set matches nothing.
    pub fn push_in(
        &mut self,
        prefix: &str,
        expression: &str,
        ids: impl IntoIterator<Item = i64>,
    ) -> &mut Sql {
        self.binds.push(Bind::Ids(ids.into_iter().collect()));
        let n = self.binds.len();
        self.push_str(prefix);
        self.sqlite.push_str(&format!(
            "{expression} IN (SELECT value FROM json_each(${n}))"
        ));
        self.postgres.push_str(&format!(
            "{expression} IN (SELECT unnest(CAST(${n} AS BIGINT[])))"
        ));
        self
    }

    /// The text for `backend`.
    fn text(&self, backend: Backend) -> &str {
        match backend {
            Backend::Sqlite => &self.sqlite,
            Backend::Postgres => &self.postgres,
        }
    }

    /// The query for the database behind `conn`, its values bound, reading rows as `O`.
    pub fn query_as<O>(&self, conn: &AnyConnection) -> QueryAs<'_, Any, O, AnyArguments<'_>>
    where
        O: for<'r> FromRow<'r, AnyRow>,
    {
        let backend = Backend::of(conn);
        bound!(sqlx::query_as::<_, O>(self.text(backend)), self, backend)
    }

    /// Runs this statement (a write) on `conn`.
    pub async fn execute(&self, conn: &mut AnyConnection) -> Result<AnyQueryResult, sqlx::Error> {
        let backend = Backend::of(conn);
        bound!(sqlx::query(self.text(backend)), self, backend)
            .execute(conn)
            .await
    }
}

/// `ids` as the text [`Sql::push_in`] binds: `[1,2]` (JSON) for SQLite, `{1,2}` for PostgreSQL.
fn id_set(ids: &[i64], backend: Backend) -> String {
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    match backend {
        Backend::Sqlite => format!("[{list}]"),
        Backend::Postgres => format!("{{{list}}}"),
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
        let backend = Backend::of(conn);
        let text = format!(
            "SELECT {} FROM ({}) packed_rows",
            packed_text_in_order(&columns, order),
            self.text(backend)
        );
        let (packed,) = bound!(sqlx::query_as::<_, (Option<String>,)>(&text), self, backend)
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
            sql.sqlite,
            "SELECT 1 FROM t WHERE a = 1 AND b = $1 AND (c > $2 OR (c = $3 AND d > $4))"
        );
        assert_eq!(sql.sqlite, sql.postgres);
        assert_eq!(sql.binds.len(), 4);
    }

    #[test]
    fn a_set_of_ids_is_one_parameter_each_database_reads_as_a_list() {
        let mut sql = Sql::new("SELECT 1 FROM t WHERE a = 1");
        sql.push(" AND b = ?", [Bind::Int(2)])
            .push_in(" AND ", "c", [3, 4]);
        assert_eq!(
            sql.sqlite,
            "SELECT 1 FROM t WHERE a = 1 AND b = $1 AND c IN (SELECT value FROM json_each($2))"
        );
        assert_eq!(
            sql.postgres,
            "SELECT 1 FROM t WHERE a = 1 AND b = $1 AND c IN (SELECT unnest(CAST($2 AS BIGINT[])))"
        );
        assert_eq!(id_set(&[3, 4], Backend::Sqlite), "[3,4]");
        assert_eq!(id_set(&[3, 4], Backend::Postgres), "{3,4}");
        assert_eq!(id_set(&[], Backend::Postgres), "{}");
    }
}
