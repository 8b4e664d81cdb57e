//! Refused attempts — a sign-in that failed, an appointment the policy refused — are audited,
//! but a flood of them must not bury the real events. Each actor (someone unidentified: each
//! client address) has its first [`RECORDED_PER_MINUTE`] refusals of a minute audited one by
//! one; the rest are only counted, and once the minute is over they are audited together as one
//! `audit.refusals_folded` event naming how many there were.

use super::store::{NewEvent, append};
use super::{Actor, AuditChain};
use serde_json::json;
use sqlx::AnyConnection;

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
            action: "audit.refusals_folded",
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
