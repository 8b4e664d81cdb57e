//! Appending to and verifying the audit trail.
//!
//! `append` runs inside the caller's transaction, so an event exists exactly when the change it
//! records does. The chain head row (`audit_chains`) is locked by the append, which serialises
//! concurrent writers of one chain and keeps sequence numbers gap-free.

use super::{Action, Actor, AuditChain};
use crate::platform::db::{Database, now_millis};
use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;
use std::fmt;

/// The `prev_hash` of the first event of every chain.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

const VERIFY_PAGE: i64 = 1000;

/// An event to record.
#[derive(Debug, Clone)]
pub struct NewEvent {
    /// The chain it belongs to.
    pub chain: AuditChain,
    /// Who caused it.
    pub actor: Actor,
    /// What happened.
    pub action: Action,
    /// On whom or what, e.g. `person:12`.
    pub target: Option<String>,
    /// State before the change.
    pub before: Option<Value>,
    /// State after the change.
    pub after: Option<Value>,
    /// The client's address, when the event came over HTTP.
    pub client_addr: Option<String>,
}

/// The fields that are hashed, in their stored form.
struct Stored<'a> {
    chain: &'a str,
    seq: i64,
    occurred_at: i64,
    actor: &'a str,
    action: &'a str,
    target: Option<&'a str>,
    before_json: Option<&'a str>,
    after_json: Option<&'a str>,
    client_addr: Option<&'a str>,
}

impl Stored<'_> {
    /// SHA-256 over the previous hash and every stored field, as a JSON array (unambiguous).
    fn hash(&self, prev_hash: &str) -> String {
        let canonical = serde_json::json!([
            prev_hash,
            self.chain,
            self.seq,
            self.occurred_at,
            self.actor,
            self.action,
            self.target,
            self.before_json,
            self.after_json,
            self.client_addr,
        ]);
        hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
    }
}

/// Records `event` in the caller's transaction; returns its sequence number in the chain.
pub async fn append(conn: &mut AnyConnection, event: &NewEvent) -> Result<i64, sqlx::Error> {
    let chain = event.chain.key();
    sqlx::query("INSERT INTO audit_chains (chain, last_seq, last_hash) VALUES ($1, 0, $2) ON CONFLICT (chain) DO NOTHING")
        .bind(&chain)
        .bind(GENESIS_HASH)
        .execute(&mut *conn)
        .await?;
    // A no-op update takes the head's row lock until commit: appends to one chain queue here.
    let (last_seq, prev_hash): (i64, String) = sqlx::query_as(
        "UPDATE audit_chains SET last_seq = last_seq WHERE chain = $1 RETURNING last_seq, last_hash",
    )
    .bind(&chain)
    .fetch_one(&mut *conn)
    .await?;

    let actor = event.actor.key();
    let before_json = event.before.as_ref().map(Value::to_string);
    let after_json = event.after.as_ref().map(Value::to_string);
    let stored = Stored {
        chain: &chain,
        seq: last_seq + 1,
        occurred_at: now_millis(),
        actor: &actor,
        action: event.action.code(),
        target: event.target.as_deref(),
        before_json: before_json.as_deref(),
        after_json: after_json.as_deref(),
        client_addr: event.client_addr.as_deref(),
    };
    let hash = stored.hash(&prev_hash);
    sqlx::query(
        "INSERT INTO audit_events (chain, seq, occurred_at, actor, action, target, before_json, \
         after_json, client_addr, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(stored.chain)
    .bind(stored.seq)
    .bind(stored.occurred_at)
    .bind(stored.actor)
    .bind(stored.action)
    .bind(stored.target)
    .bind(stored.before_json)
    .bind(stored.after_json)
    .bind(stored.client_addr)
    .bind(&prev_hash)
    .bind(&hash)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE audit_chains SET last_seq = $2, last_hash = $3 WHERE chain = $1")
        .bind(&chain)
        .bind(stored.seq)
        .bind(&hash)
        .execute(&mut *conn)
        .await?;
    Ok(stored.seq)
}

/// What is wrong with a chain, at its first broken event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BreakReason {
    /// The stored hash does not match the event's contents: the row was edited.
    ContentsChanged,
    /// The event does not point at the hash of the one before it.
    LinkBroken,
    /// Sequence numbers jump: events were deleted.
    Missing {
        /// The sequence number that should have come next.
        expected: i64,
    },
    /// The chain ends before its recorded head: its last events were deleted.
    Truncated {
        /// The head's sequence number.
        head_seq: i64,
    },
}

/// The first broken event of one chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The chain key.
    pub chain: String,
    /// Sequence number of the first event that fails (for `Truncated`: the last one present).
    pub seq: i64,
    /// Its row id (0 when no row is present).
    pub id: i64,
    /// What failed.
    pub reason: BreakReason,
}

impl fmt::Display for Broken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match &self.reason {
            BreakReason::ContentsChanged => {
                "its contents do not match its hash (edited)".to_owned()
            }
            BreakReason::LinkBroken => "it does not link to the event before it".to_owned(),
            BreakReason::Missing { expected } => format!("event #{expected} is missing (deleted)"),
            BreakReason::Truncated { head_seq } => {
                format!("the chain should continue to event #{head_seq} (deleted)")
            }
        };
        write!(
            f,
            "chain {}, event #{} (id {}): {why}",
            self.chain, self.seq, self.id
        )
    }
}

/// The result of checking every chain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerifyReport {
    /// How many chains were read.
    pub chains: usize,
    /// How many events were read.
    pub events: u64,
    /// The first break of each broken chain.
    pub broken: Vec<Broken>,
}

type Row = (
    i64,
    String,
    i64,
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
);

/// Recomputes every chain from its first event, page by page, and names the first broken event
/// of each chain.
pub async fn verify(db: &Database) -> Result<VerifyReport, sqlx::Error> {
    let heads: Vec<(String, i64, String)> =
        sqlx::query_as("SELECT chain, last_seq, last_hash FROM audit_chains ORDER BY chain")
            .fetch_all(db.pool())
            .await?;
    let mut report = VerifyReport {
        chains: heads.len(),
        ..VerifyReport::default()
    };
    for (chain, head_seq, head_hash) in heads {
        let mut expected_seq = 1;
        let mut prev_hash = GENESIS_HASH.to_owned();
        let mut last_id = 0;
        let mut broken = None;
        'pages: loop {
            let rows: Vec<Row> = sqlx::query_as(
                "SELECT id, chain, seq, occurred_at, actor, action, target, before_json, after_json, \
                 client_addr, prev_hash, hash FROM audit_events WHERE chain = $1 AND seq >= $2 \
                 ORDER BY seq LIMIT $3",
            )
            .bind(&chain)
            .bind(expected_seq)
            .bind(VERIFY_PAGE)
            .fetch_all(db.pool())
            .await?;
            let page_len = rows.len();
            for (
                id,
                row_chain,
                seq,
                occurred_at,
                actor,
                action,
                target,
                before,
                after,
                client,
                stored_prev,
                hash,
            ) in rows
            {
                report.events += 1;
                let stored = Stored {
                    chain: &row_chain,
                    seq,
                    occurred_at,
                    actor: &actor,
                    action: &action,
                    target: target.as_deref(),
                    before_json: before.as_deref(),
                    after_json: after.as_deref(),
                    client_addr: client.as_deref(),
                };
                let reason = if seq != expected_seq {
                    Some(BreakReason::Missing {
                        expected: expected_seq,
                    })
                } else if stored_prev != prev_hash {
                    Some(BreakReason::LinkBroken)
                } else if stored.hash(&stored_prev) != hash {
                    Some(BreakReason::ContentsChanged)
                } else {
                    None
                };
                if let Some(reason) = reason {
                    broken = Some(Broken {
                        chain: chain.clone(),
                        seq,
                        id,
                        reason,
                    });
                    break 'pages;
                }
                prev_hash = hash;
                expected_seq += 1;
                last_id = id;
            }
            if page_len < VERIFY_PAGE as usize {
                break;
            }
        }
        if broken.is_none() && (expected_seq - 1 != head_seq || prev_hash != head_hash) {
            broken = Some(Broken {
                chain: chain.clone(),
                seq: expected_seq - 1,
                id: last_id,
                reason: BreakReason::Truncated { head_seq },
            });
        }
        report.broken.extend(broken);
    }
    Ok(report)
}
