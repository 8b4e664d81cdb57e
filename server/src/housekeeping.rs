//! Runs the product's periodic work (`app::features::housekeeping`) once a minute while the
//! server serves. With several instances on one database each runs it; the runs are idempotent.

use app::features::auth::session::Lifetimes;
use app::features::housekeeping;
use app::platform::Database;
use app::platform::db::now_millis;
use std::time::Duration;
use tokio::sync::watch;

/// Pause between runs.
const EVERY: Duration = Duration::from_secs(60);

/// Runs every minute until `stop` turns true.
pub async fn run(db: Database, lifetimes: Lifetimes, mut stop: watch::Receiver<bool>) {
    loop {
        match housekeeping::run(&db, now_millis(), lifetimes).await {
            Ok(done) if done != housekeeping::Done::default() => {
                tracing::info!(
                    sessions = done.sessions,
                    activation_links = done.activation_links,
                    throttles = done.throttles,
                    refusal_summaries = done.refusal_summaries,
                    "housekeeping"
                );
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "housekeeping failed; will retry"),
        }
        tokio::select! {
            _ = stop.changed() => break,
            () = tokio::time::sleep(EVERY) => {}
        }
    }
}
