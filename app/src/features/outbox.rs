//! Messages to people by e-mail or SMS. A use case queues them in its own transaction, so a
//! message exists exactly when the change it announces does; the server delivers them
//! afterwards and retries with growing pauses. A message that carries a secret (an activation
//! link, a temporary password) loses its text once delivered: the row keeps only who received
//! what kind of message, and when.

use crate::platform::db::Database;
use sqlx::AnyConnection;

/// How a message travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// E-mail, to an address.
    Email,
    /// Text message, to a phone number.
    Sms,
}

impl Channel {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }
}

/// What a message is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A foreign main access manager's username and activation link (secret).
    ActivationLink,
    /// A foreign main access manager's temporary password (secret).
    TemporaryPassword,
    /// A person known to the installation was linked to another enterprise.
    LinkedNotice,
    /// An invitation to choose a password and enrol an authenticator app (secret).
    Invitation,
    /// A fresh link after an administrator reset someone's sign-in (secret).
    SignInReset,
}

impl Kind {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ActivationLink => "activation_link",
            Kind::TemporaryPassword => "temporary_password",
            Kind::LinkedNotice => "linked_notice",
            Kind::Invitation => "invitation",
            Kind::SignInReset => "sign_in_reset",
        }
    }

    /// The kinds whose text opens an account, and must not outlive their delivery.
    pub const SECRET: [Kind; 4] = [
        Kind::ActivationLink,
        Kind::TemporaryPassword,
        Kind::Invitation,
        Kind::SignInReset,
    ];
}

/// A message to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// What it is for.
    pub kind: Kind,
    /// E-mail or SMS.
    pub channel: Channel,
    /// Address or phone number.
    pub recipient: String,
    /// The subject (e-mail only).
    pub subject: Option<String>,
    /// The text.
    pub body: String,
}

/// A queued message due for delivery.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Queued {
    pub id: i64,
    /// `email` or `sms`.
    pub channel: String,
    /// Address or phone number.
    pub recipient: String,
    /// Subject, for e-mail.
    pub subject: Option<String>,
    /// The text.
    pub body: String,
    /// Delivery attempts so far.
    pub attempts: i64,
}

/// The longest pause between two attempts.
const MAX_RETRY_MS: i64 = 60 * 60_000;

/// Queues `message` in the caller's transaction; returns its id.
pub async fn enqueue(
    conn: &mut AnyConnection,
    message: &Message,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO outbox (kind, channel, recipient, subject, body, created_at, next_attempt_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(message.kind.as_str())
    .bind(message.channel.as_str())
    .bind(&message.recipient)
    .bind(message.subject.as_deref())
    .bind(&message.body)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

/// Up to `limit` unsent messages of `channel` whose next attempt is due at `now`, oldest first.
pub async fn due(
    db: &Database,
    channel: Channel,
    now: i64,
    limit: i64,
) -> Result<Vec<Queued>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, channel, recipient, subject, body, attempts FROM outbox \
         WHERE sent_at IS NULL AND given_up_at IS NULL AND channel = $1 AND next_attempt_at <= $2 ORDER BY id LIMIT $3",
    )
    .bind(channel.as_str())
    .bind(now)
    .bind(limit)
    .fetch_all(db.pool())
    .await
}

/// Records a delivery; a secret's text is cleared in the same statement.
pub async fn mark_sent(db: &Database, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "UPDATE outbox SET sent_at = $1, attempts = attempts + 1, last_error = NULL, \
         body = CASE WHEN kind IN ({secret}) THEN '' ELSE body END WHERE id = $2",
        secret = secret_kinds_sql()
    ))
    .bind(now)
    .bind(id)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The secret kinds as an SQL list of literals.
fn secret_kinds_sql() -> String {
    Kind::SECRET
        .iter()
        .map(|kind| format!("'{}'", kind.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Records a failed attempt; the next one waits a minute, then twice as long each time, at most
/// an hour.
pub async fn mark_failed(
    db: &Database,
    queued: &Queued,
    error: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let doublings = u32::try_from(queued.attempts.clamp(0, 10)).unwrap_or(10);
    let pause = (60_000_i64 << doublings).min(MAX_RETRY_MS);
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE id = $3",
    )
    .bind(error.chars().take(500).collect::<String>())
    .bind(now + pause)
    .bind(queued.id)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Gives up on a message the relay refused for good (an address that does not exist): it is
/// never tried again, and a secret's text is cleared.
pub async fn give_up(
    db: &Database,
    queued: &Queued,
    error: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "UPDATE outbox SET attempts = attempts + 1, last_error = $1, given_up_at = $2, \
         body = CASE WHEN kind IN ({secret}) THEN '' ELSE body END WHERE id = $3",
        secret = secret_kinds_sql()
    ))
    .bind(error.chars().take(500).collect::<String>())
    .bind(now)
    .bind(queued.id)
    .execute(db.pool())
    .await?;
    Ok(())
}
