//! Fresh, isolated databases for tests, on either backend, so tests run in parallel.
//!
//! SQLite: a new file in a temporary folder. PostgreSQL: a new schema in the database at
//! `TEST_DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`), dropped afterwards.
//! Outside CI, `SKIP_POSTGRES_TESTS=1` (set by `make test` when no server answers) skips the
//! PostgreSQL half; with `CI=true` it never skips.

use crate::platform::{Database, DatabaseUrl};
use sqlx::{Connection, Executor, PgConnection};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

/// Default server for the PostgreSQL half of the suite.
pub const DEFAULT_TEST_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A migrated database that belongs to one test and disappears with it.
pub struct TestDb {
    /// The database, already migrated.
    pub db: Database,
    /// The URL it was opened with, for tests that start a server or the CLI on it.
    pub url: DatabaseUrl,
    cleanup: Arc<Cleanup>,
}

/// What [`db_test!`](crate::db_test) keeps of a test's database while the body runs, to check
/// it afterwards: the database stays until this is dropped too.
pub struct Kept {
    db: Database,
    url: DatabaseUrl,
    _cleanup: Arc<Cleanup>,
}

enum Cleanup {
    Folder(#[allow(dead_code)] tempfile::TempDir),
    Schema { admin_url: String, schema: String },
}

impl TestDb {
    /// A new SQLite file in its own temporary folder.
    pub async fn sqlite() -> TestDb {
        let folder = tempfile::tempdir().expect("create a temporary folder");
        let url = DatabaseUrl::Sqlite {
            path: folder.path().join("test.db"),
        };
        let db = open(&url).await;
        TestDb {
            db,
            url,
            cleanup: Arc::new(Cleanup::Folder(folder)),
        }
    }

    /// A new schema on the test PostgreSQL server, or `None` when PostgreSQL tests are skipped.
    pub async fn postgres() -> Option<TestDb> {
        if skip_postgres() {
            return None;
        }
        let admin_url = std::env::var("TEST_DATABASE_URL")
            .unwrap_or_else(|_| DEFAULT_TEST_DATABASE_URL.to_owned());
        let schema = unique_schema_name();
        let mut admin = PgConnection::connect(&admin_url).await.unwrap_or_else(|e| {
            panic!("PostgreSQL tests need a server at {admin_url} (TEST_DATABASE_URL): {e}")
        });
        admin
            .execute(format!("CREATE SCHEMA {schema}").as_str())
            .await
            .expect("create the test schema");
        admin.close().await.ok();
        let separator = if admin_url.contains('?') { '&' } else { '?' };
        let url = DatabaseUrl::Postgres {
            url: format!("{admin_url}{separator}options=-c%20search_path%3D{schema}"),
        };
        let db = open(&url).await;
        Some(TestDb {
            db,
            url,
            cleanup: Arc::new(Cleanup::Schema { admin_url, schema }),
        })
    }

    /// A hold on the database that outlives the test body.
    pub fn keep(&self) -> Kept {
        Kept {
            db: self.db.clone(),
            url: self.url.clone(),
            _cleanup: self.cleanup.clone(),
        }
    }
}

impl Kept {
    /// Ends the test: with `check`, every invariant must hold on what the body left (the
    /// failure names each broken rule); then the database goes.
    pub async fn finish(self, check: bool) {
        if !check {
            return;
        }
        if self.db.pool().is_closed() {
            // The body closed its pool (a restart test): look at the data through a new one.
            let reopened = Database::connect(&self.url)
                .await
                .expect("reopen the test database");
            crate::features::invariants::assert_consistent(&reopened).await;
            reopened.close().await;
        } else {
            crate::features::invariants::assert_consistent(&self.db).await;
        }
    }
}

async fn open(url: &DatabaseUrl) -> Database {
    let db = Database::connect(url)
        .await
        .expect("open the test database");
    db.migrate().await.expect("migrate the test database");
    db
}

fn skip_postgres() -> bool {
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    let asked = std::env::var("SKIP_POSTGRES_TESTS").is_ok_and(|v| v == "1");
    asked && !in_ci
}

fn unique_schema_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("test_{}_{}_{}", std::process::id(), n, nanos)
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let Cleanup::Schema { admin_url, schema } = self else {
            return;
        };
        let (admin_url, schema) = (admin_url.clone(), schema.clone());
        // Drop runs inside the test's runtime, which cannot be blocked on; use a thread of our own.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                let mut admin = PgConnection::connect(&admin_url)
                    .await
                    .map_err(std::io::Error::other)?;
                admin
                    .execute(format!("DROP SCHEMA IF EXISTS {schema} CASCADE").as_str())
                    .await
                    .map_err(std::io::Error::other)?;
                admin.close().await.map_err(std::io::Error::other)
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!(
                "warning: could not drop test schema (it will stay until the database is reset)"
            );
        }
    }
}
