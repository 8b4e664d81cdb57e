//! The database: one pool and one query layer for SQLite and PostgreSQL.
//!
//! Queries are written once in portable SQL with `$1` placeholders and run through sqlx's `Any`
//! driver; only the migrations differ per backend (`migrations/sqlite`, `migrations/postgres`).

use super::database_url::DatabaseUrl;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Which engine a [`Database`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The embedded default: one file, WAL mode.
    Sqlite,
    /// The scale-out backend shared by several server instances.
    Postgres,
}

impl Backend {
    /// The engine behind `conn`.
    pub fn of(conn: &sqlx::AnyConnection) -> Backend {
        if conn.backend_name() == "PostgreSQL" {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// Why the database could not be opened or prepared. Each message is one line for the operator.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The folder for the SQLite file could not be created.
    #[error("cannot create the data folder '{path}': {source}")]
    DataFolder {
        /// The folder that was refused.
        path: String,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// No connection could be opened.
    #[error("cannot open the database at {url}: {reason}")]
    Unreachable {
        /// The URL, password redacted.
        url: String,
        /// The driver's explanation.
        reason: String,
    },
    /// A migration failed to apply.
    #[error("cannot migrate the database at {url}: {reason}")]
    Migration {
        /// The URL, password redacted.
        url: String,
        /// The migrator's explanation.
        reason: String,
    },
    /// A query failed.
    #[error("database error: {0}")]
    Query(#[from] sqlx::Error),
}

/// A pool of connections plus the backend it talks to. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Database {
    pool: AnyPool,
    backend: Backend,
    url: String,
}

impl Database {
    /// Opens a pool. For SQLite, creates the file's folder if missing and switches the file to
    /// WAL mode; fails with one clear line if the folder or server cannot be reached.
    pub async fn connect(url: &DatabaseUrl) -> Result<Self, DbError> {
        sqlx::any::install_default_drivers();
        let backend = match url {
            DatabaseUrl::Sqlite { path } => {
                if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(folder).map_err(|source| DbError::DataFolder {
                        path: folder.display().to_string(),
                        source,
                    })?;
                }
                Backend::Sqlite
            }
            DatabaseUrl::Postgres { .. } => Backend::Postgres,
        };
        let unreachable = |reason: String| DbError::Unreachable {
            url: url.redacted(),
            reason,
        };
        let options = AnyConnectOptions::from_str(&url.connect_url())
            .map_err(|e| unreachable(e.to_string()))?;
        let pool = pool_options(backend)
            .connect_with(options)
            .await
            .map_err(|e| unreachable(describe(&e)))?;
        Ok(Database {
            pool,
            backend,
            url: url.redacted(),
        })
    }

    /// Applies every migration of this backend that has not run yet, then makes sure the
    /// installation has its identity row. Safe to run at every start.
    pub async fn migrate(&self) -> Result<(), DbError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator
            .run(&self.pool)
            .await
            .map_err(|e| DbError::Migration {
                url: self.url.clone(),
                reason: e.to_string(),
            })?;
        if self.backend == Backend::Sqlite {
            // SQLite keeps no planner statistics unless asked; PostgreSQL's autovacuum does.
            sqlx::query("PRAGMA optimize = 0x10002")
                .execute(&self.pool)
                .await?;
        }
        self.ensure_instance().await
    }

    /// Gives PostgreSQL's planner statistics for the tables its autovacuum leaves alone: it
    /// analyzes a table once 50 rows and a tenth of it have changed, so the small ones (the
    /// catalogue, the enterprises, the posts) may never be analyzed, and the planner then guesses
    /// their sizes and picks plans for them that cost a page several milliseconds (the home page
    /// went from 193 to 237 requests/s at 100,000 users). At every start: the tables of the
    /// schema never analyzed, and the small ones changed since. SQLite's statistics are kept by
    /// `PRAGMA optimize` when the database opens.
    pub async fn refresh_planner_statistics(&self) -> Result<(), sqlx::Error> {
        if self.backend != Backend::Postgres {
            return Ok(());
        }
        let stale: Vec<(String,)> = sqlx::query_as(
            "SELECT CAST(relname AS TEXT) FROM pg_stat_user_tables \
             WHERE schemaname = current_schema() \
             AND ((last_analyze IS NULL AND last_autoanalyze IS NULL) \
             OR (n_mod_since_analyze > 0 AND n_live_tup < 10000))",
        )
        .fetch_all(&self.pool)
        .await?;
        for (table,) in stale {
            let quoted = table.replace('"', "\"\"");
            sqlx::query(&format!("ANALYZE \"{quoted}\""))
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// Refreshes the planner's statistics of `tables`, after a bulk load.
    pub async fn analyze(&self, tables: &[&str]) -> Result<(), sqlx::Error> {
        for table in tables {
            sqlx::query(&format!("ANALYZE {table}"))
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    async fn ensure_instance(&self) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO instance (singleton, instance_id, created_at) VALUES (1, $1, $2) \
             ON CONFLICT (singleton) DO NOTHING",
        )
        .bind(new_instance_id())
        .bind(now_millis())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The identity of this installation, written at the first migration.
    pub async fn instance_id(&self) -> Result<String, sqlx::Error> {
        sqlx::query_scalar("SELECT instance_id FROM instance WHERE singleton = 1")
            .fetch_one(&self.pool)
            .await
    }

    /// Succeeds when a connection answers and the schema is in place; used by `/readyz`.
    pub async fn check_ready(&self) -> Result<(), sqlx::Error> {
        self.instance_id().await.map(|_| ())
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so two writers queue on the busy timeout instead of one failing
    /// when both read first and then try to write.
    pub async fn write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// The connection pool, for the stores of each feature.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Which engine this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes every connection; later queries fail at once.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn pool_options(backend: Backend) -> AnyPoolOptions {
    let options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(5));
    match backend {
        Backend::Postgres => options.max_connections(16),
        Backend::Sqlite => options.max_connections(4).after_connect(|conn, _meta| {
            Box::pin(async move {
                // WAL lets readers work while one writer commits; the busy timeout makes
                // concurrent writers wait instead of failing with "database is locked".
                conn.execute(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
                )
                .await?;
                Ok(())
            })
        }),
    }
}

/// The innermost cause is what the operator needs ("Connection refused", "Permission denied").
fn describe(error: &sqlx::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message = cause.to_string();
        source = cause.source();
    }
    message
}

/// Milliseconds since the Unix epoch, the portable time format of every table.
pub fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn new_instance_id() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
