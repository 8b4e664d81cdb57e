//! Server-only plumbing: the database, request access for server functions and, behind the
//! `testing` feature, test fixtures.

pub mod database_url;
pub mod db;
#[cfg(feature = "testing")]
pub mod fixtures;
pub mod request;
pub mod sql;
#[cfg(feature = "testing")]
pub mod testing;

pub use database_url::DatabaseUrl;
pub use db::{Backend, Database, DbError};
