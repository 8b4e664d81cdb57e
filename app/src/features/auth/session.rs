//! Server-side sessions: a random token in the cookie, its hash in the database, an idle and an
//! absolute lifetime, and ways to end one or all of a person's sessions.

use crate::domain::{EnterpriseId, PersonId};
use crate::platform::db::Database;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

/// How long sessions live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lifetimes {
    /// Without a request for this long, a session ends.
    pub idle_ms: i64,
    /// However active, a session ends this long after sign-in.
    pub absolute_ms: i64,
}

impl Lifetimes {
    /// How long a request may leave the idle timer as it is: a tenth of the idle lifetime, at
    /// most a minute. Page views within it only read, and a session idles out at most this much
    /// early.
    pub fn touch_ms(self) -> i64 {
        (self.idle_ms / 10).min(60_000)
    }
}

impl Default for Lifetimes {
    /// 30 minutes idle, 12 hours at most.
    fn default() -> Self {
        Lifetimes {
            idle_ms: 30 * 60 * 1000,
            absolute_ms: 12 * 60 * 60 * 1000,
        }
    }
}

/// How sessions and their cookie behave, as the operator configured them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SessionConfig {
    /// Idle and absolute lifetimes.
    pub lifetimes: Lifetimes,
    /// The product is served over https: the cookie is `Secure` and `__Host-` prefixed.
    pub secure: bool,
}

impl SessionConfig {
    /// The cookie's name: `__Host-session` over https (the browser then insists on `Secure`,
    /// `Path=/` and no `Domain`, so no sibling host can set or shadow it), else `session`.
    pub fn cookie_name(&self) -> &'static str {
        if self.secure {
            "__Host-session"
        } else {
            "session"
        }
    }

    /// The `Set-Cookie` value that stores `token`, or with `None` clears the cookie. It lives as
    /// long as a session may.
    pub fn set_cookie(&self, token: Option<&SessionToken>) -> String {
        let (value, max_age) = match token {
            Some(token) => (token.expose(), self.lifetimes.absolute_ms / 1000),
            None => ("", 0),
        };
        format!(
            "{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
            self.cookie_name(),
            if self.secure { "; Secure" } else { "" }
        )
    }
}

/// The secret in the session cookie. Never stored.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(String);

impl SessionToken {
    fn generate() -> SessionToken {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        SessionToken(hex::encode(bytes))
    }

    /// Wraps a token read from a cookie.
    pub fn from_cookie(value: &str) -> SessionToken {
        SessionToken(value.to_owned())
    }

    /// The cookie value.
    pub fn expose(&self) -> &str {
        &self.0
    }

    fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(…)")
    }
}

/// A live session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Who is signed in.
    pub person: PersonId,
    /// The enterprise they act for, once chosen.
    pub enterprise: Option<EnterpriseId>,
    /// The token it was resumed with.
    pub token: SessionToken,
}

/// Starts a session for `person` (always a new token: no fixation of an earlier one). A person
/// linked to exactly one enterprise acts for it at once; with several, they choose.
pub async fn start(
    conn: &mut AnyConnection,
    person: PersonId,
    now: i64,
    client_addr: Option<&str>,
) -> Result<SessionToken, sqlx::Error> {
    let token = SessionToken::generate();
    sqlx::query(
        "INSERT INTO sessions (id_hash, person_id, enterprise_id, created_at, last_seen_at, client_addr) \
         VALUES ($1, $2, (SELECT MIN(enterprise_id) FROM employments WHERE person_id = $2 HAVING COUNT(*) = 1), $3, $3, $4)",
    )
    .bind(token.hash())
    .bind(person.0)
    .bind(now)
    .bind(client_addr)
    .execute(&mut *conn)
    .await?;
    Ok(token)
}

/// A session's row as `resume` reads it: person, enterprise acted for, last seen, created, ended.
type StoredSession = (i64, Option<i64>, i64, i64, Option<i64>);

/// The live session behind `token` at `now`; `None` when unknown, ended, idle too long or too
/// old (such a session is ended on the way). Reads only, unless the idle timer was last written
/// [`Lifetimes::touch_ms`] ago or longer: then it is written.
pub async fn resume(
    db: &Database,
    token: &SessionToken,
    now: i64,
    lifetimes: Lifetimes,
) -> Result<Option<Session>, sqlx::Error> {
    let stored: Option<StoredSession> = sqlx::query_as(
        "SELECT person_id, enterprise_id, last_seen_at, created_at, ended_at FROM sessions \
         WHERE id_hash = $1",
    )
    .bind(token.hash())
    .fetch_optional(db.pool())
    .await?;
    let Some((person, enterprise, last_seen, created, ended)) = stored else {
        return Ok(None);
    };
    if ended.is_some() {
        return Ok(None);
    }
    if last_seen < now - lifetimes.idle_ms || created < now - lifetimes.absolute_ms {
        let mut conn = db.pool().acquire().await?;
        end(&mut conn, token, now).await?;
        return Ok(None);
    }
    if now - last_seen >= lifetimes.touch_ms() {
        // Only while it is live, and only once when requests arrive together.
        sqlx::query(
            "UPDATE sessions SET last_seen_at = $1 \
             WHERE id_hash = $2 AND ended_at IS NULL AND last_seen_at = $3",
        )
        .bind(now)
        .bind(token.hash())
        .bind(last_seen)
        .execute(db.pool())
        .await?;
    }
    Ok(Some(Session {
        person: PersonId(person),
        enterprise: enterprise.map(EnterpriseId),
        token: token.clone(),
    }))
}

/// Makes the live session behind `token` act for `enterprise`, in the caller's transaction.
/// Returns false when the session is no longer live.
pub async fn act_for(
    conn: &mut AnyConnection,
    token: &SessionToken,
    enterprise: EnterpriseId,
) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query(
        "UPDATE sessions SET enterprise_id = $1 WHERE id_hash = $2 AND ended_at IS NULL",
    )
    .bind(enterprise.0)
    .bind(token.hash())
    .execute(&mut *conn)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Ends the session behind `token` in the caller's transaction; returns whose it was, if it
/// was live.
pub async fn end(
    conn: &mut AnyConnection,
    token: &SessionToken,
    now: i64,
) -> Result<Option<PersonId>, sqlx::Error> {
    let person: Option<i64> = sqlx::query_scalar(
        "UPDATE sessions SET ended_at = $1 WHERE id_hash = $2 AND ended_at IS NULL RETURNING person_id",
    )
    .bind(now)
    .bind(token.hash())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(person.map(PersonId))
}

/// Ends every session of `person` (sign-out everywhere, changed credentials: the person's own
/// acts), in the caller's transaction. Returns how many were live.
pub async fn end_all(
    conn: &mut AnyConnection,
    person: PersonId,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let ended =
        sqlx::query("UPDATE sessions SET ended_at = $1 WHERE person_id = $2 AND ended_at IS NULL")
            .bind(now)
            .bind(person.0)
            .execute(&mut *conn)
            .await?;
    Ok(ended.rows_affected())
}

/// Ends the sessions in which `person` acts for `enterprise` (blocking there), in the caller's
/// transaction; their sessions for other enterprises, or before they chose one, live on: an
/// enterprise's act ends nothing outside it. Returns how many were live.
pub async fn end_acting_for(
    conn: &mut AnyConnection,
    person: PersonId,
    enterprise: EnterpriseId,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let ended = sqlx::query(
        "UPDATE sessions SET ended_at = $1 \
         WHERE person_id = $2 AND enterprise_id = $3 AND ended_at IS NULL",
    )
    .bind(now)
    .bind(person.0)
    .bind(enterprise.0)
    .execute(&mut *conn)
    .await?;
    Ok(ended.rows_affected())
}

/// Deletes, in the caller's transaction, every session that can no longer be resumed at `now`
/// (signed out, ended, idle too long or too old); returns how many.
pub async fn purge(
    conn: &mut AnyConnection,
    now: i64,
    lifetimes: Lifetimes,
) -> Result<u64, sqlx::Error> {
    let purged = sqlx::query(
        "DELETE FROM sessions WHERE ended_at IS NOT NULL OR last_seen_at < $1 OR created_at < $2",
    )
    .bind(now - lifetimes.idle_ms)
    .bind(now - lifetimes.absolute_ms)
    .execute(conn)
    .await?;
    Ok(purged.rows_affected())
}
