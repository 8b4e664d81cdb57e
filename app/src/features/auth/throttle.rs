//! Growing delays after failed attempts, counted per account (and per activation link), in the
//! database so that every server instance sees the same counts.
//!
//! A few failures are free; after that each failure locks the key for twice as long as the one
//! before, up to a cap. Failures are forgotten after a quiet hour, and an account's after a
//! success. A locked key is refused before any password is hashed, so a flood on one account
//! costs the server one indexed read per request.
//!
//! Nothing is locked per client address: a whole office, or everyone behind a reverse proxy,
//! may share one, and a flood from it must never keep anyone else out. What a flood from one
//! address leaves in the audit trail is folded (see `audit::refusals`), and password checks
//! queue for the processor (see `password::verify`).

use crate::features::people::PersonIdentity;
use crate::features::people::store::identity_column;
use crate::platform::db::Database;
use crate::platform::sql::row_placeholders;
use sqlx::AnyConnection;

/// How a kind of key is throttled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Failures that cost nothing.
    pub free_failures: i64,
    /// The lock after the first failure beyond the free ones.
    pub first_delay_ms: i64,
    /// The longest lock.
    pub max_delay_ms: i64,
    /// Without a failure for this long, the count starts again.
    pub forget_after_ms: i64,
}

const MINUTE_MS: i64 = 60_000;

/// One person's account: three free failures, then 5 s, 10 s, 20 s … up to 15 minutes.
pub const ACCOUNT: Rule = Rule {
    free_failures: 3,
    first_delay_ms: 5_000,
    max_delay_ms: 15 * MINUTE_MS,
    forget_after_ms: 60 * MINUTE_MS,
};

/// One activation link: as strict as an account.
pub const ACTIVATION_LINK: Rule = ACCOUNT;

impl Rule {
    /// How long the key is locked after its `failures`-th failure.
    pub fn delay_ms(&self, failures: i64) -> i64 {
        let beyond = failures - self.free_failures;
        if beyond <= 0 {
            return 0;
        }
        let doublings = u32::try_from(beyond - 1).unwrap_or(u32::MAX).min(40);
        self.first_delay_ms
            .saturating_mul(1_i64 << doublings)
            .min(self.max_delay_ms)
    }
}

/// What is counted, and by which rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    name: String,
    rule: Rule,
}

impl Key {
    /// The account an identifier names, whether or not it exists (so that unknown and known
    /// accounts behave alike).
    pub fn account(identifier: &str) -> Key {
        let name = match PersonIdentity::parse(identifier) {
            Some(identity) => {
                let (column, value) = identity_column(&identity);
                format!("account:{column}:{value}")
            }
            None => {
                let raw: String = identifier.trim().to_lowercase().chars().take(64).collect();
                format!("account:raw:{raw}")
            }
        };
        Key {
            name,
            rule: ACCOUNT,
        }
    }

    /// An activation link, by the hash of its token.
    pub fn activation_link(token_hash: &str) -> Key {
        Key {
            name: format!("activation:{token_hash}"),
            rule: ACTIVATION_LINK,
        }
    }
}

/// How long (ms) any of `keys` is still locked at `now`; 0 when all are free. One query.
pub async fn locked_for_ms(db: &Database, keys: &[Key], now: i64) -> Result<i64, sqlx::Error> {
    if keys.is_empty() {
        return Ok(0);
    }
    let sql = format!(
        "SELECT MAX(locked_until) FROM throttles WHERE key IN {}",
        row_placeholders(1, keys.len())
    );
    let mut query = sqlx::query_scalar::<_, Option<i64>>(&sql);
    for key in keys {
        query = query.bind(&key.name);
    }
    let until = query.fetch_one(db.pool()).await?.unwrap_or(0);
    Ok((until - now).max(0))
}

/// Counts a failure against each of `keys` in the caller's transaction; returns the longest
/// lock (ms) this failure imposed, 0 when it was free.
pub async fn record_failure(
    conn: &mut AnyConnection,
    keys: &[Key],
    now: i64,
) -> Result<i64, sqlx::Error> {
    let mut longest = 0;
    for key in keys {
        let failures: i64 = sqlx::query_scalar(
            "INSERT INTO throttles (key, failures, last_failure_at, locked_until) VALUES ($1, 1, $2, 0) \
             ON CONFLICT (key) DO UPDATE SET \
             failures = CASE WHEN throttles.last_failure_at < $3 THEN 1 ELSE throttles.failures + 1 END, \
             last_failure_at = $2 \
             RETURNING failures",
        )
        .bind(&key.name)
        .bind(now)
        .bind(now - key.rule.forget_after_ms)
        .fetch_one(&mut *conn)
        .await?;
        let delay = key.rule.delay_ms(failures);
        if delay > 0 {
            sqlx::query("UPDATE throttles SET locked_until = $1 WHERE key = $2")
                .bind(now + delay)
                .bind(&key.name)
                .execute(&mut *conn)
                .await?;
        }
        longest = longest.max(delay);
    }
    Ok(longest)
}

/// Forgets the failures counted against `key` (after a success), in the caller's transaction.
pub async fn clear(conn: &mut AnyConnection, key: &Key) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM throttles WHERE key = $1")
        .bind(&key.name)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Forgets, in the caller's transaction, every key that is no longer locked at `now` and whose
/// failures are forgotten anyway; returns how many.
pub async fn purge(conn: &mut AnyConnection, now: i64) -> Result<u64, sqlx::Error> {
    let forget_after_ms = ACCOUNT.forget_after_ms.max(ACTIVATION_LINK.forget_after_ms);
    let purged =
        sqlx::query("DELETE FROM throttles WHERE last_failure_at < $1 AND locked_until <= $2")
            .bind(now - forget_after_ms)
            .bind(now)
            .execute(conn)
            .await?;
    Ok(purged.rows_affected())
}

/// Whole seconds to wait, rounded up, for a `Retry-After` header.
pub fn retry_after_s(locked_ms: i64) -> u64 {
    u64::try_from((locked_ms + 999) / 1000).unwrap_or(1).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growing_delays_double_after_the_free_failures_up_to_the_cap() {
        let delays: Vec<i64> = (1..=12).map(|n| ACCOUNT.delay_ms(n)).collect();
        assert_eq!(
            delays,
            [
                0, 0, 0, 5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000, 900_000
            ]
        );
        assert_eq!(ACCOUNT.delay_ms(i64::MAX), 15 * MINUTE_MS);
    }

    #[test]
    fn one_account_one_key_however_the_number_is_written() {
        assert_eq!(Key::account("85.07.30-033.28"), Key::account("85073003328"));
        assert_ne!(Key::account("85073003328"), Key::account("17073003384"));
        assert_eq!(Key::account(" Not An Id "), Key::account("not an id"));
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        assert_eq!(retry_after_s(1), 1);
        assert_eq!(retry_after_s(5_000), 5);
        assert_eq!(retry_after_s(5_001), 6);
    }
}
