//! `server audit verify`: checks every hash chain of the audit trail.

use crate::config::Settings;
use crate::startup_error::StartupError;
use app::features::audit::store;
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
