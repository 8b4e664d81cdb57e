//! Server-only plumbing: the database, SQL helpers and request access for server functions.

pub mod database_url;
pub mod db;
pub mod names;
pub mod packed;
pub mod request;
pub mod request_memo;
pub mod sql;
pub mod time;

pub use database_url::DatabaseUrl;
pub use db::{Backend, Database, DbError};
pub use request_memo::RequestMemo;
