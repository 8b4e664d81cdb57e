//! The query layer on both backends: migrations, persistence across restarts, SQLite settings.

use app::db_test;
use app::platform::{Backend, Database, DatabaseUrl};
use app::testing::TestDb;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::BTreeSet;

db_test!(
    migrations_are_idempotent_and_data_survives_a_restart,
    |t| async move {
        let first =
            t.db.instance_id()
                .await
                .expect("instance id after the first migration");
        t.db.migrate()
            .await
            .expect("migrating twice changes nothing");
        t.db.close().await;

        let reopened = Database::connect(&t.url).await.expect("reopen");
        reopened
            .migrate()
            .await
            .expect("migrate again at the next start");
        assert_eq!(reopened.instance_id().await.expect("instance id"), first);
        reopened.close().await;
    }
);

db_test!(
    one_query_layer_serves_both_backends_with_dollar_placeholders,
    |t| async move {
        let expected = match &t.url {
            DatabaseUrl::Sqlite { .. } => Backend::Sqlite,
            DatabaseUrl::Postgres { .. } => Backend::Postgres,
        };
        assert_eq!(t.db.backend(), expected);
        let (text, number): (String, i64) = sqlx::query_as("SELECT $1, $2")
            .bind("portable")
            .bind(42_i64)
            .fetch_one(t.db.pool())
            .await
            .expect("portable query");
        assert_eq!((text.as_str(), number), ("portable", 42));
        t.db.check_ready().await.expect("ready");
    }
);

db_test!(
    a_rolled_back_transaction_leaves_nothing_behind,
    |t| async move {
        let before = t.db.instance_id().await.expect("instance id");
        let mut tx = t.db.pool().begin().await.expect("begin");
        sqlx::query("UPDATE instance SET instance_id = $1 WHERE singleton = 1")
            .bind("changed")
            .execute(&mut *tx)
            .await
            .expect("update inside the transaction");
        tx.rollback().await.expect("rollback");
        assert_eq!(t.db.instance_id().await.expect("instance id"), before);
    }
);

db_test!(
    the_small_tables_postgresql_never_analyzes_get_planner_statistics_at_start,
    |t| async move {
        // A table never analyzed has no row estimate (`reltuples` -1); the catalogue's tables,
        // the enterprises and the posts stay so under autovacuum.
        let unanalyzed = async || -> i64 {
            let (count,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                 WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.reltuples < 0",
            )
            .fetch_one(t.db.pool())
            .await
            .expect("row estimates");
            count
        };
        let postgres = t.db.backend() == Backend::Postgres;
        if postgres {
            assert!(
                unanalyzed().await > 0,
                "a fresh schema starts without statistics"
            );
        }
        t.db.refresh_planner_statistics()
            .await
            .expect("statistics refreshed");
        if postgres {
            assert_eq!(unanalyzed().await, 0, "every table has planner statistics");
        }
    }
);

#[tokio::test]
async fn sqlite_file_and_its_folder_are_created_in_wal_mode() {
    let folder = tempfile::tempdir().expect("temp folder");
    let path = folder.path().join("nested/data/access.db");
    let url = DatabaseUrl::Sqlite { path: path.clone() };
    let db = Database::connect(&url)
        .await
        .expect("connect creates the folder");
    db.migrate().await.expect("migrate");
    assert!(path.is_file());
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(db.pool())
        .await
        .expect("journal mode");
    assert_eq!(mode.to_lowercase(), "wal");
    db.close().await;
}

#[tokio::test]
async fn sqlite_under_a_regular_file_fails_with_the_folder_named() {
    let folder = tempfile::tempdir().expect("temp folder");
    let blocker = folder.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").expect("write file");
    let url = DatabaseUrl::Sqlite {
        path: blocker.join("access.db"),
    };
    let error = Database::connect(&url)
        .await
        .expect_err("cannot create a folder inside a file");
    let message = error.to_string();
    assert!(
        message.starts_with("cannot create the data folder"),
        "{message}"
    );
    assert!(message.contains("not-a-folder"), "{message}");
}

#[tokio::test]
async fn unreachable_postgres_fails_with_the_address_and_no_password() {
    let url: DatabaseUrl = "postgres://app:s3cret@127.0.0.1:1/access"
        .parse()
        .expect("url");
    let error = Database::connect(&url)
        .await
        .expect_err("nothing listens on port 1");
    let message = error.to_string();
    assert!(
        message.starts_with("cannot open the database at postgres://app:***@127.0.0.1:1/access"),
        "{message}"
    );
    assert!(!message.contains("s3cret"));
    assert!(!message.contains('\n'));
}

/// The shape of a migrated database, comparable across backends: per table its columns (name,
/// nullable), primary key, unique keys, foreign keys and the indexes created by name.
#[derive(Debug, PartialEq, Eq, Default)]
struct Shape {
    columns: BTreeSet<(String, String, bool)>,
    primary_keys: BTreeSet<(String, String)>,
    unique_keys: BTreeSet<(String, String)>,
    foreign_keys: BTreeSet<(String, String, String, String)>,
    indexes: BTreeSet<(String, String, String, bool)>,
}

async fn rows(db: &Database, sql: &str) -> Vec<AnyRow> {
    sqlx::query(sql)
        .fetch_all(db.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn text(row: &AnyRow, column: usize) -> String {
    row.try_get::<String, _>(column).unwrap_or_default()
}

async fn sqlite_shape(db: &Database) -> Shape {
    let mut shape = Shape::default();
    let tables: Vec<String> = rows(
        db,
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'",
    )
    .await
    .iter()
    .map(|row| text(row, 0))
    .collect();
    for table in tables {
        let columns = rows(
            db,
            &format!("SELECT name, \"notnull\", pk FROM pragma_table_info('{table}') ORDER BY pk"),
        )
        .await;
        let mut key = Vec::new();
        for row in &columns {
            let pk: i64 = row.try_get(2).expect("pk");
            let not_null: i64 = row.try_get(1).expect("notnull");
            // A primary-key column holds no NULL on PostgreSQL whatever it declares.
            shape
                .columns
                .insert((table.clone(), text(row, 0), not_null == 0 && pk == 0));
            if pk > 0 {
                key.push(text(row, 0));
            }
        }
        shape.primary_keys.insert((table.clone(), key.join(",")));
        for fk in rows(
            db,
            &format!(
                "SELECT id, \"table\", group_concat(\"from\"), group_concat(coalesce(\"to\", '')) \
                 FROM (SELECT * FROM pragma_foreign_key_list('{table}') ORDER BY id, seq) GROUP BY id"
            ),
        )
        .await
        {
            shape
                .foreign_keys
                .insert((table.clone(), text(&fk, 2), text(&fk, 1), text(&fk, 3)));
        }
        for index in rows(
            db,
            &format!("SELECT name, \"unique\", origin FROM pragma_index_list('{table}')"),
        )
        .await
        {
            let name = text(&index, 0);
            let unique: i64 = index.try_get(1).expect("unique");
            let columns: Vec<String> = rows(
                db,
                &format!("SELECT coalesce(name, '(expression)') FROM pragma_index_info('{name}') ORDER BY seqno"),
            )
            .await
            .iter()
            .map(|row| text(row, 0))
            .collect();
            match text(&index, 2).as_str() {
                "pk" => {}
                "u" => {
                    shape.unique_keys.insert((table.clone(), columns.join(",")));
                }
                _ => {
                    shape
                        .indexes
                        .insert((table.clone(), name, columns.join(","), unique == 1));
                }
            }
        }
    }
    shape
}

async fn postgres_shape(db: &Database) -> Shape {
    let mut shape = Shape::default();
    for row in rows(
        db,
        "SELECT c.relname::text, a.attname::text, \
                CASE WHEN a.attnotnull THEN 0 ELSE 1 END::bigint \
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 \
           AND NOT a.attisdropped AND c.relname NOT LIKE '_sqlx%'",
    )
    .await
    {
        let nullable: i64 = row.try_get(2).expect("nullable");
        shape
            .columns
            .insert((text(&row, 0), text(&row, 1), nullable == 1));
    }
    // Columns of a key or index, in key order.
    let columns_of = |keys: &str, relation: &str| {
        format!(
            "array_to_string(ARRAY(SELECT a.attname::text FROM unnest({keys}) WITH ORDINALITY k(num, ord) \
             JOIN pg_attribute a ON a.attrelid = {relation} AND a.attnum = k.num ORDER BY k.ord), ',')"
        )
    };
    for row in rows(
        db,
        &format!(
            "SELECT t.relname::text, i.relname::text, {}, \
                    CASE WHEN ix.indisprimary THEN 'pk' \
                         WHEN EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = ix.indexrelid) THEN 'u' \
                         ELSE 'c' END, \
                    CASE WHEN ix.indisunique THEN 1 ELSE 0 END::bigint, \
                    CASE WHEN 0 = ANY (ix.indkey::int2[]) THEN 1 ELSE 0 END::bigint \
             FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid \
             JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace \
             WHERE n.nspname = current_schema() AND t.relname NOT LIKE '_sqlx%'",
            columns_of("ix.indkey::int2[]", "t.oid")
        ),
    )
    .await
    {
        let (table, name, mut columns) = (text(&row, 0), text(&row, 1), text(&row, 2));
        let unique: i64 = row.try_get(4).expect("unique");
        let expression: i64 = row.try_get(5).expect("expression");
        if expression == 1 {
            columns = "(expression)".into();
        }
        match text(&row, 3).as_str() {
            "pk" => {
                shape.primary_keys.insert((table, columns));
            }
            "u" => {
                shape.unique_keys.insert((table, columns));
            }
            _ => {
                shape.indexes.insert((table, name, columns, unique == 1));
            }
        }
    }
    for row in rows(
        db,
        &format!(
            "SELECT t.relname::text, r.relname::text, {}, {} \
             FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid \
             JOIN pg_class r ON r.oid = k.confrelid JOIN pg_namespace n ON n.oid = t.relnamespace \
             WHERE n.nspname = current_schema() AND k.contype = 'f'",
            columns_of("k.conkey", "t.oid"),
            columns_of("k.confkey", "r.oid")
        ),
    )
    .await
    {
        shape
            .foreign_keys
            .insert((text(&row, 0), text(&row, 2), text(&row, 1), text(&row, 3)));
    }
    // Tables without a primary key have none to compare; SQLite lists them with an empty one.
    let keyed: BTreeSet<String> = shape.primary_keys.iter().map(|(t, _)| t.clone()).collect();
    for (table, _, _) in shape.columns.clone() {
        if !keyed.contains(&table) {
            shape.primary_keys.insert((table, String::new()));
        }
    }
    shape
}

/// A foreign key that names no column refers to the primary key (SQLite leaves it empty).
fn resolve_implicit_references(shape: &mut Shape) {
    let keys: std::collections::BTreeMap<String, String> =
        shape.primary_keys.iter().cloned().collect();
    shape.foreign_keys = std::mem::take(&mut shape.foreign_keys)
        .into_iter()
        .map(|(table, from, to_table, to)| {
            let to = if to.split(',').all(str::is_empty) {
                keys.get(&to_table).cloned().unwrap_or(to)
            } else {
                to
            };
            (table, from, to_table, to)
        })
        .collect();
}

/// Lines in `left` that `right` lacks, for a failure message that names the difference.
fn missing<T: Ord + std::fmt::Debug>(left: &BTreeSet<T>, right: &BTreeSet<T>) -> Vec<String> {
    left.difference(right).map(|x| format!("{x:?}")).collect()
}

#[tokio::test]
async fn the_sqlite_and_postgresql_migrations_make_the_same_tables_columns_keys_and_indexes() {
    let sqlite = TestDb::sqlite().await;
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    let mut left = sqlite_shape(&sqlite.db).await;
    let mut right = postgres_shape(&postgres.db).await;
    resolve_implicit_references(&mut left);
    resolve_implicit_references(&mut right);
    for (part, only_sqlite, only_postgres) in [
        (
            "columns (table, column, nullable)",
            missing(&left.columns, &right.columns),
            missing(&right.columns, &left.columns),
        ),
        (
            "primary keys",
            missing(&left.primary_keys, &right.primary_keys),
            missing(&right.primary_keys, &left.primary_keys),
        ),
        (
            "unique keys",
            missing(&left.unique_keys, &right.unique_keys),
            missing(&right.unique_keys, &left.unique_keys),
        ),
        (
            "foreign keys (table, columns, referenced table, columns)",
            missing(&left.foreign_keys, &right.foreign_keys),
            missing(&right.foreign_keys, &left.foreign_keys),
        ),
        (
            "indexes (table, name, columns, unique)",
            missing(&left.indexes, &right.indexes),
            missing(&right.indexes, &left.indexes),
        ),
    ] {
        assert!(
            only_sqlite.is_empty() && only_postgres.is_empty(),
            "the migrations disagree on {part}:\n  only on SQLite: {only_sqlite:#?}\n  only on PostgreSQL: {only_postgres:#?}"
        );
    }
    assert!(
        left.columns.len() > 50,
        "the comparison read the schemas ({} columns)",
        left.columns.len()
    );
}

db_test!(
    packed_rows_read_back_as_the_database_held_them,
    |t| async move {
        use app::platform::packed::{packed, packed_text, unpacked, unpacked_text};
        let mut conn = t.db.pool().acquire().await.expect("a connection");
        // Integers with a NULL, in one text.
        let rows = "SELECT 1 AS a, 7 AS b UNION ALL SELECT -4, NULL";
        let (text,): (Option<String>,) =
            sqlx::query_as(&format!("SELECT {} FROM ({rows}) r", packed(&["a", "b"])))
                .fetch_one(&mut *conn)
                .await
                .expect("packed integers");
        let mut found = unpacked::<2>(text.as_deref()).expect("integers read back");
        found.sort();
        assert_eq!(found, vec![[Some(-4), None], [Some(1), Some(7)]]);
        // Texts that hold separators, digits, letters of several bytes and a NULL: lengths are
        // counted in characters on both backends.
        let rows = "SELECT 1 AS id, 'Sécurité: 2:x, ça' AS name, NULL AS note \
                    UNION ALL SELECT 2, 'Ærø 東京 🇧🇪', '-:'";
        let (text,): (Option<String>,) = sqlx::query_as(&format!(
            "SELECT {} FROM ({rows}) r",
            packed_text(&["id", "name", "note"])
        ))
        .fetch_one(&mut *conn)
        .await
        .expect("packed texts");
        let mut found = unpacked_text::<3>(text.as_deref()).expect("texts read back");
        found.sort();
        let owned = |v: &str| Some(v.to_owned());
        assert_eq!(
            found,
            vec![
                [owned("1"), owned("Sécurité: 2:x, ça"), None],
                [owned("2"), owned("Ærø 東京 🇧🇪"), owned("-:")],
            ]
        );
        // No rows: no text, no rows read back.
        let (text,): (Option<String>,) = sqlx::query_as(&format!(
            "SELECT {} FROM ({rows}) r WHERE id > 2",
            packed_text(&["id", "name", "note"])
        ))
        .fetch_one(&mut *conn)
        .await
        .expect("an empty aggregate");
        assert!(
            unpacked_text::<3>(text.as_deref())
                .expect("none")
                .is_empty()
        );
    }
);
