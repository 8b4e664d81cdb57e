//! A person's credentials: a password hash and an authenticator secret.

use super::session;
use crate::domain::PersonId;
use sqlx::AnyConnection;

/// Stores `person`'s new credentials in the caller's transaction, replacing any old ones, and
/// ends every session signed in with the old ones. `last_step` is the code step already used
/// (the one that confirmed the authenticator), if any.
pub async fn replace(
    conn: &mut AnyConnection,
    person: PersonId,
    password_hash: &str,
    totp_secret: &str,
    last_step: Option<i64>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO credentials (person_id, password_hash, totp_secret, totp_last_step, updated_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (person_id) DO UPDATE SET password_hash = excluded.password_hash, \
         totp_secret = excluded.totp_secret, totp_last_step = excluded.totp_last_step, updated_at = excluded.updated_at",
    )
    .bind(person.0)
    .bind(password_hash)
    .bind(totp_secret)
    .bind(last_step)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    session::end_all(conn, person, now).await?;
    Ok(())
}

/// Moves `person`'s last accepted authenticator step forward to `step`, if it is later than the
/// last one: of two sign-ins racing with the same code, only one does. Whether this one did.
pub async fn claim_step(
    conn: &mut AnyConnection,
    person: PersonId,
    step: u64,
) -> Result<bool, sqlx::Error> {
    let claimed = sqlx::query(
        "UPDATE credentials SET totp_last_step = $1 WHERE person_id = $2 \
         AND (totp_last_step IS NULL OR totp_last_step < $1)",
    )
    .bind(i64::try_from(step).unwrap_or(i64::MAX))
    .bind(person.0)
    .execute(conn)
    .await?;
    Ok(claimed.rows_affected() == 1)
}
