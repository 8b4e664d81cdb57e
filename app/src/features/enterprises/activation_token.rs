//! One-time activation links: a random token in the link, only its SHA-256 in the database,
//! valid for seven days and for one use. The only module that writes `activation_tokens`.

use crate::domain::{EnterpriseId, PersonId};
pub use crate::features::auth::link_token::{LinkToken as ActivationToken, hash_token};
use sqlx::AnyConnection;

/// How long an activation link stays valid.
pub const VALIDITY_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// Issues a new token for `person` to activate `enterprise`, valid from `now` for seven days.
pub async fn issue(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    person: PersonId,
    now: i64,
) -> Result<ActivationToken, sqlx::Error> {
    let token = ActivationToken::generate();
    sqlx::query(
        "INSERT INTO activation_tokens (token_hash, enterprise_id, person_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token.hash())
    .bind(enterprise.0)
    .bind(person.0)
    .bind(now)
    .bind(now + VALIDITY_MS)
    .execute(&mut *conn)
    .await?;
    Ok(token)
}

/// Keeps the hash of the temporary password sent by SMS with the link `token`.
pub async fn keep_temporary_password(
    conn: &mut AnyConnection,
    token: &ActivationToken,
    temporary_password_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE activation_tokens SET temporary_password_hash = $1 WHERE token_hash = $2")
        .bind(temporary_password_hash)
        .bind(token.hash())
        .execute(conn)
        .await?;
    Ok(())
}

/// Offers the authenticator `secret` with the link stored as `token_hash`, unless one was offered
/// already (two tabs opening the link at once end with one secret). Whether this one was kept.
pub async fn offer_secret(
    conn: &mut AnyConnection,
    token_hash: &str,
    secret: &str,
) -> Result<bool, sqlx::Error> {
    let offered = sqlx::query(
        "UPDATE activation_tokens SET totp_secret = $1 WHERE token_hash = $2 AND totp_secret IS NULL",
    )
    .bind(secret)
    .bind(token_hash)
    .execute(conn)
    .await?;
    Ok(offered.rows_affected() == 1)
}

/// Spends the link stored as `token_hash` at `now` if it is unused and unexpired, forgetting the
/// secrets it held. Of two concurrent attempts only one spends it: whether this one did.
pub async fn spend(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let spent = sqlx::query(
        "UPDATE activation_tokens SET used_at = $1, totp_secret = NULL, temporary_password_hash = NULL \
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(token_hash)
    .execute(conn)
    .await?;
    Ok(spent.rows_affected() == 1)
}

/// Spends at `now` every unused link of `enterprise` (of `person` only, when given), forgetting
/// the secrets they held: the enterprise was activated another way, or its manager replaced.
pub async fn spend_all(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    person: Option<PersonId>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE activation_tokens SET used_at = $1, totp_secret = NULL, temporary_password_hash = NULL \
         WHERE enterprise_id = $2 AND ($3 IS NULL OR person_id = $3) AND used_at IS NULL",
    )
    .bind(now)
    .bind(enterprise.0)
    .bind(person.map(|p| p.0))
    .execute(conn)
    .await?;
    Ok(())
}

/// How long a spent link (used, or expired) is kept, so that opening it again says so.
pub const SPENT_KEPT_MS: i64 = 24 * 60 * 60 * 1000;

/// Deletes, in the caller's transaction, the links spent for longer than [`SPENT_KEPT_MS`] at
/// `now`; returns how many.
pub async fn purge(conn: &mut AnyConnection, now: i64) -> Result<u64, sqlx::Error> {
    let before = now - SPENT_KEPT_MS;
    let purged = sqlx::query("DELETE FROM activation_tokens WHERE used_at < $1 OR expires_at < $1")
        .bind(before)
        .execute(conn)
        .await?;
    Ok(purged.rows_affected())
}
