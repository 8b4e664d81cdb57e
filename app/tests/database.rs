//! The query layer on both backends: migrations, persistence across restarts, SQLite settings.

use app::db_test;
use app::platform::{Backend, Database, DatabaseUrl};

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
