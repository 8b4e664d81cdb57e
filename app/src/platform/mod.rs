//! Server-only plumbing: the database and, behind the `testing` feature, test fixtures.

pub mod database_url;
pub mod db;
#[cfg(feature = "testing")]
pub mod fixtures;
#[cfg(feature = "testing")]
pub mod testing;

pub use database_url::DatabaseUrl;
pub use db::{Backend, Database, DbError};
