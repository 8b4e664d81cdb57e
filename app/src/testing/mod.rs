//! Test support, behind the `testing` feature: fresh databases on both backends, the
//! [`db_test!`](crate::db_test) macro that runs a body on each and then checks every rule of
//! DESIGN.md §3, and shared fixtures. It sits above the features it sets up, and nothing but
//! tests uses it.

pub mod database;
pub mod fixtures;

pub use database::TestDb;

/// Runs one async test body against a fresh SQLite database and a fresh PostgreSQL schema, then
/// checks the product's invariants on what the body left behind:
/// `db_test!(name, |test_db| async move { … })` makes `name::sqlite` and `name::postgres`.
///
/// A test that breaks the rules on purpose (to see the check report it) says so by name:
/// `db_test!(name, breaks_the_rules_on_purpose, |test_db| async move { … })`.
#[macro_export]
macro_rules! db_test {
    ($name:ident, |$db:ident| $body:expr) => {
        $crate::db_test!(@backends $name, true, |$db| $body);
    };
    ($name:ident, breaks_the_rules_on_purpose, |$db:ident| $body:expr) => {
        $crate::db_test!(@backends $name, false, |$db| $body);
    };
    (@backends $name:ident, $check:expr, |$db:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                let $db = $crate::testing::TestDb::sqlite().await;
                let kept = $db.keep();
                $body.await;
                kept.finish($check).await;
            }

            #[tokio::test]
            async fn postgres() {
                let Some($db) = $crate::testing::TestDb::postgres().await else {
                    return;
                };
                let kept = $db.keep();
                $body.await;
                kept.finish($check).await;
            }
        }
    };
}
