//! `server audit verify` (the hash chains) and `server check` (every invariant, chains included).

use crate::config::Settings;
use crate::startup_error::StartupError;
use app::features::audit::store;
use app::features::invariants;
use app::platform::DbError;

/// Prints a one-line summary when the trail is intact; fails naming each chain's first break.
pub async fn verify(settings: &Settings) -> Result<(), StartupError> {
    let db = crate::serve::open(settings).await?;
    let report = store::verify(&db).await.map_err(DbError::from)?;
    db.close().await;
    if report.broken.is_empty() {
        println!(
            "audit trail intact: {} events in {} chains",
            report.events, report.chains
        );
        Ok(())
    } else {
        Err(StartupError::AuditBroken(
            report.broken.iter().map(ToString::to_string).collect(),
        ))
    }
}

/// Prints "consistent" or fails listing every violated rule.
pub async fn check(settings: &Settings) -> Result<(), StartupError> {
    let db = crate::serve::open(settings).await?;
    let violations = invariants::check(&db).await.map_err(DbError::from)?;
    db.close().await;
    if violations.is_empty() {
        println!("consistent: every invariant holds");
        Ok(())
    } else {
        Err(StartupError::Inconsistent(
            violations.iter().map(ToString::to_string).collect(),
        ))
    }
}
