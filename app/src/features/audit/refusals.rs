//! Refused attempts — a sign-in that failed, an appointment or a change to a user the policy
//! refused — are audited, but a flood of them must not bury the real events. Every feature
//! records a refused change with [`record_refused`], after the change's own transaction has been
//! rolled back. Each actor (someone unidentified: each
//! client address) has its first [`RECORDED_PER_MINUTE`] refusals of a minute audited one by
//! one; the rest are only counted, and once the minute is over they are audited together as one
//! `audit.refusals_folded` event naming how many there were.

use super::store::{NewEvent, append};
use super::{Action, Actor, AuditChain};
use crate::domain::{EnterpriseId, PersonId};
use crate::platform::db::{Database, now_millis};
use crate::policy::Refusal;
use serde_json::{Value, json};
use sqlx::AnyConnection;

/// A change the policy refused: who asked for what, on whom, and which rule refused it.
pub struct Refused<'a> {
    /// The enterprise acted for.
    pub enterprise: EnterpriseId,
    /// Who asked.
    pub actor: PersonId,
    /// The refusal's own action (`administrator.appointment_refused`, `user.change_refused`).
    pub action: Action,
    /// On whom, when someone (`person:12`).
    pub target: Option<String>,
    /// What was asked, as recorded (an object: the refusal's code is added to it).
    pub asked: Value,
    /// The rule that refused.
    pub refusal: Refusal,
    /// The client's address.
    pub client_addr: Option<&'a str>,
}

/// Audits `refused` in a transaction of its own (never the refused change's, which must be over:
/// rolled back or dropped), folded with the actor's other refusals of the minute past the
/// allowance.
pub async fn record_refused(db: &Database, refused: &Refused<'_>) -> Result<(), sqlx::Error> {
    let mut after = refused.asked.clone();
    if let Value::Object(fields) = &mut after {
        fields.insert("refused".into(), Value::from(refused.refusal.code()));
    }
    let event = NewEvent {
        chain: AuditChain::Enterprise(refused.enterprise),
        actor: Actor::Person(refused.actor),
        action: refused.action,
        target: refused.target.clone(),
        before: None,
        after: Some(after),
        client_addr: refused.client_addr.map(str::to_owned),
    };
    let mut tx = db.write().await?;
    record(&mut tx, &event, now_millis()).await?;
    tx.commit().await
}

/// Refusals per actor and minute audited one by one.
pub const RECORDED_PER_MINUTE: i64 = 5;

const WINDOW_MS: i64 = 60_000;

/// The client address a window is kept for: only someone unidentified is counted per address.
fn window_address(event: &NewEvent) -> String {
    match event.actor {
        Actor::Anonymous => event.client_addr.clone().unwrap_or_default(),
        _ => String::new(),
    }
}

/// Audits the refused attempt `event` at `now` in the caller's transaction (never the one that
/// was refused and rolled back), or counts it for its minute's summary when its actor has used
/// up the minute's allowance. Returns whether it was audited on its own.
pub async fn record(
    conn: &mut AnyConnection,
    event: &NewEvent,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let window_start = now - now.rem_euclid(WINDOW_MS);
    let folded: i64 = sqlx::query_scalar(
        "INSERT INTO refusal_windows (chain, actor, client_addr, window_start, recorded, folded) \
         VALUES ($1, $2, $3, $4, 1, 0) \
         ON CONFLICT (chain, actor, client_addr, window_start) DO UPDATE SET \
         folded = CASE WHEN refusal_windows.recorded >= $5 THEN refusal_windows.folded + 1 ELSE refusal_windows.folded END, \
         recorded = CASE WHEN refusal_windows.recorded >= $5 THEN refusal_windows.recorded ELSE refusal_windows.recorded + 1 END \
         RETURNING folded",
    )
    .bind(event.chain.key())
    .bind(event.actor.key())
    .bind(window_address(event))
    .bind(window_start)
    .bind(RECORDED_PER_MINUTE)
    .fetch_one(&mut *conn)
    .await?;
    if folded > 0 {
        return Ok(false);
    }
    append(conn, event).await?;
    Ok(true)
}

/// Audits one summary event for each actor and minute before `now` that had refusals beyond the
/// allowance, and forgets those minutes. Returns how many summaries were written.
pub async fn fold_past_minutes(conn: &mut AnyConnection, now: i64) -> Result<u64, sqlx::Error> {
    let current = now - now.rem_euclid(WINDOW_MS);
    let windows: Vec<(String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT chain, actor, client_addr, window_start, folded FROM refusal_windows \
         WHERE window_start < $1 AND folded > 0 ORDER BY window_start, chain, actor, client_addr",
    )
    .bind(current)
    .fetch_all(&mut *conn)
    .await?;
    let mut written = 0;
    for (chain, actor, client_addr, window_start, folded) in windows {
        let (Some(chain), Some(actor)) = (AuditChain::from_key(&chain), Actor::from_key(&actor))
        else {
            continue;
        };
        let event = NewEvent {
            chain,
            actor,
            action: Action::AuditRefusalsFolded,
            target: None,
            before: None,
            after: Some(json!({
                "refusals": folded,
                "from": window_start,
                "until": window_start + WINDOW_MS,
            })),
            client_addr: Some(client_addr).filter(|address| !address.is_empty()),
        };
        append(conn, &event).await?;
        written += 1;
    }
    sqlx::query("DELETE FROM refusal_windows WHERE window_start < $1")
        .bind(current)
        .execute(&mut *conn)
        .await?;
    Ok(written)
}
