//! The product's own periodic work, done by the system: folding the minute's surplus refusals
//! into summary events, and deleting what has expired — sessions that can no longer be resumed,
//! spent activation links, throttle counts that are forgotten anyway, provider sign-ins nobody
//! finished — and forgetting the secrets of invitation links that expired unused. One
//! transaction per run;
//! what was deleted is audited as one summary event of the installation.

use crate::features::audit::store::{NewEvent, append};
use crate::features::audit::{Action, Actor, AuditChain, refusals};
use crate::features::auth::providers::pending;
use crate::features::auth::session::{self, Lifetimes};
use crate::features::auth::throttle;
use crate::features::enterprises::activation_token;
use crate::features::invitations::link;
use crate::platform::db::Database;
use serde_json::json;

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Done {
    /// Sessions deleted.
    pub sessions: u64,
    /// Activation links deleted.
    pub activation_links: u64,
    /// Throttle counts deleted.
    pub throttles: u64,
    /// Sign-ins through a provider nobody finished in time, deleted.
    pub provider_sign_ins: u64,
    /// Expired invitation links whose secrets were forgotten.
    pub expired_invitations: u64,
    /// Summary events written for folded refusals.
    pub refusal_summaries: u64,
}

/// Runs the periodic work at `now`, with sessions living as long as `lifetimes` allow.
pub async fn run(db: &Database, now: i64, lifetimes: Lifetimes) -> Result<Done, sqlx::Error> {
    let mut tx = db.write().await?;
    let done = Done {
        refusal_summaries: refusals::fold_past_minutes(&mut tx, now).await?,
        sessions: session::purge(&mut tx, now, lifetimes).await?,
        activation_links: activation_token::purge(&mut tx, now).await?,
        throttles: throttle::purge(&mut tx, now).await?,
        provider_sign_ins: pending::purge(&mut tx, now).await?,
        expired_invitations: link::forget_expired_secrets(&mut tx, now).await?,
    };
    if done.sessions
        + done.activation_links
        + done.throttles
        + done.provider_sign_ins
        + done.expired_invitations
        > 0
    {
        let event = NewEvent {
            chain: AuditChain::Installation,
            actor: Actor::System,
            action: Action::MaintenancePurged,
            target: None,
            before: None,
            after: Some(json!({
                "sessions": done.sessions,
                "activation_links": done.activation_links,
                "throttles": done.throttles,
                "provider_sign_ins": done.provider_sign_ins,
                "expired_invitations": done.expired_invitations,
            })),
            client_addr: None,
        };
        append(&mut tx, &event).await?;
    }
    tx.commit().await?;
    Ok(done)
}
