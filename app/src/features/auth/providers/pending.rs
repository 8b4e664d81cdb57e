//! Sign-ins through a provider under way: the one module that writes `provider_sign_ins`. A row
//! holds what the browser that started the sign-in must bring back, is found by the hash of a
//! cookie only that browser holds, and is taken (deleted) by the first answer that brings it.

use sqlx::AnyConnection;

/// How long a person may take at the provider.
pub const LIFETIME_MS: i64 = 10 * 60 * 1000;

/// What the answer is checked against.
#[derive(sqlx::FromRow)]
pub struct Pending {
    /// The provider asked.
    pub provider: String,
    /// The authorization request's `state`.
    pub state: String,
    /// The nonce the ID token must carry.
    pub nonce: String,
    /// The PKCE code verifier.
    pub pkce_verifier: String,
    /// When it can no longer be finished.
    pub expires_at: i64,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending")
            .field("provider", &self.provider)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// Keeps `pending` for the browser whose cookie hashes to `browser_hash`, from `now`.
pub async fn keep(
    conn: &mut AnyConnection,
    browser_hash: &str,
    pending: &Pending,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO provider_sign_ins \
         (browser_hash, provider, state, nonce, pkce_verifier, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(browser_hash)
    .bind(&pending.provider)
    .bind(&pending.state)
    .bind(&pending.nonce)
    .bind(&pending.pkce_verifier)
    .bind(now)
    .bind(pending.expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes the sign-in under way of the browser whose cookie hashes to `browser_hash`: it can be
/// finished once.
pub async fn take(
    conn: &mut AnyConnection,
    browser_hash: &str,
) -> Result<Option<Pending>, sqlx::Error> {
    sqlx::query_as(
        "DELETE FROM provider_sign_ins WHERE browser_hash = $1 \
         RETURNING provider, state, nonce, pkce_verifier, expires_at",
    )
    .bind(browser_hash)
    .fetch_optional(conn)
    .await
}

/// Deletes the sign-ins nobody finished in time; how many.
pub async fn purge(conn: &mut AnyConnection, now: i64) -> Result<u64, sqlx::Error> {
    let purged = sqlx::query("DELETE FROM provider_sign_ins WHERE expires_at < $1")
        .bind(now)
        .execute(conn)
        .await?;
    Ok(purged.rows_affected())
}
