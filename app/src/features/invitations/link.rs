//! Invitation links in the database: the one module that writes `invitations`. One row per
//! person and enterprise; sending another link replaces it (the old one stops working at once).

use crate::domain::{EnterpriseId, PersonId};
use crate::features::auth::link_token::LinkToken;
use crate::policy::{AppointPermit, Authority, SignInPermit, UserPermit};
use sqlx::AnyConnection;

/// How long a link stays valid.
pub const VALIDITY_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// Why a link is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The person was added and cannot sign in yet.
    Invitation,
    /// Their password and app were revoked; they choose new ones.
    Reset,
}

impl Reason {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Invitation => "invitation",
            Reason::Reset => "reset",
        }
    }
}

/// The permit under which a link is sent: creating a user of a group, appointing an
/// administrator, or helping someone sign in.
#[derive(Debug, Clone, Copy)]
pub enum Authorised<'a> {
    /// The person was just made a user of the permit's group.
    NewUser(&'a UserPermit),
    /// The person was just appointed.
    Appointed(&'a AppointPermit),
    /// An administrator (or the operator) helps the person sign in.
    Helped(&'a SignInPermit),
}

impl Authorised<'_> {
    /// The enterprise the permit is for.
    pub fn enterprise(self) -> EnterpriseId {
        match self {
            Authorised::NewUser(permit) => permit.enterprise(),
            Authorised::Appointed(permit) => permit.enterprise(),
            Authorised::Helped(permit) => permit.enterprise(),
        }
    }

    /// The person who sends it, if a person does.
    pub fn sender(self) -> Option<PersonId> {
        let by = match self {
            Authorised::NewUser(permit) => permit.by(),
            Authorised::Appointed(permit) => Authority::Person(permit.actor()),
            Authorised::Helped(permit) => permit.by(),
        };
        match by {
            Authority::Person(person) => Some(person),
            Authority::Operator | Authority::System => None,
        }
    }
}

/// Issues a new link for `person` under `authorised`, valid from `now`, replacing the one the
/// enterprise sent before.
pub async fn issue(
    conn: &mut AnyConnection,
    authorised: Authorised<'_>,
    person: PersonId,
    reason: Reason,
    now: i64,
) -> Result<LinkToken, sqlx::Error> {
    let token = LinkToken::generate();
    sqlx::query(
        "INSERT INTO invitations (enterprise_id, person_id, token_hash, reason, sent_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (enterprise_id, person_id) DO UPDATE SET \
         token_hash = excluded.token_hash, reason = excluded.reason, sent_by = excluded.sent_by, \
         created_at = excluded.created_at, expires_at = excluded.expires_at, used_at = NULL, \
         totp_secret = NULL, temporary_password_hash = NULL, email_id = NULL",
    )
    .bind(authorised.enterprise().0)
    .bind(person.0)
    .bind(token.hash())
    .bind(reason.as_str())
    .bind(authorised.sender().map(|p| p.0))
    .bind(now)
    .bind(now + VALIDITY_MS)
    .execute(&mut *conn)
    .await?;
    Ok(token)
}

/// Notes which outbox message carries the link `token` (and, for someone without an NRN, the
/// hash of the temporary password sent with it by SMS).
pub async fn note_delivery(
    conn: &mut AnyConnection,
    token: &LinkToken,
    email_id: Option<i64>,
    temporary_password_hash: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE invitations SET email_id = $1, temporary_password_hash = $2 WHERE token_hash = $3",
    )
    .bind(email_id)
    .bind(temporary_password_hash)
    .bind(token.hash())
    .execute(conn)
    .await?;
    Ok(())
}

/// Offers the app `secret` with the link stored as `token_hash`, unless one was offered already
/// (two tabs opening the link at once end with one secret). Whether this one was kept.
pub async fn offer_secret(
    conn: &mut AnyConnection,
    token_hash: &str,
    secret: &str,
) -> Result<bool, sqlx::Error> {
    let offered = sqlx::query(
        "UPDATE invitations SET totp_secret = $1 WHERE token_hash = $2 AND totp_secret IS NULL",
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
        "UPDATE invitations SET used_at = $1, totp_secret = NULL, temporary_password_hash = NULL \
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(token_hash)
    .execute(conn)
    .await?;
    Ok(spent.rows_affected() == 1)
}

/// Spends at `now` every open link of `person`, whatever enterprise sent it: they signed in
/// another way (through an identity provider) or chose credentials through one of them.
pub async fn spend_all_of(
    conn: &mut AnyConnection,
    person: PersonId,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let spent = sqlx::query(
        "UPDATE invitations SET used_at = $1, totp_secret = NULL, temporary_password_hash = NULL \
         WHERE person_id = $2 AND used_at IS NULL",
    )
    .bind(now)
    .bind(person.0)
    .execute(conn)
    .await?;
    Ok(spent.rows_affected())
}

/// Forgets, at `now`, the secrets of links that expired unused (the rows stay: the pages say
/// "invitation expired"); returns how many.
pub async fn forget_expired_secrets(
    conn: &mut AnyConnection,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let forgotten = sqlx::query(
        "UPDATE invitations SET totp_secret = NULL, temporary_password_hash = NULL \
         WHERE used_at IS NULL AND expires_at <= $1 \
         AND (totp_secret IS NOT NULL OR temporary_password_hash IS NOT NULL)",
    )
    .bind(now)
    .execute(conn)
    .await?;
    Ok(forgotten.rows_affected())
}

/// When `enterprise` last sent `person` a link, if it did.
pub async fn last_sent(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    person: PersonId,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT created_at FROM invitations WHERE enterprise_id = $1 AND person_id = $2",
    )
    .bind(enterprise.0)
    .bind(person.0)
    .fetch_optional(conn)
    .await
}
