//! Signing in with a national register number (or username), a password and a code from the
//! authenticator app. Every failure gives the same answer, whatever was wrong, and is audited;
//! a code is accepted once, guarded by an atomic update of the last used step. Failures count
//! against the account, which is locked for growing delays; never against the client's address,
//! which others may share.

use super::session::{self, SessionToken};
use super::throttle::{self, Key};
use super::{password, totp};
use crate::domain::PersonId;
use crate::features::audit::refusals;
use crate::features::audit::store::{NewEvent, append};
use crate::features::audit::{Action, Actor, AuditChain};
use crate::features::people::PersonIdentity;
use crate::features::people::store::identity_column;
use crate::platform::db::{Database, now_millis};
use serde_json::json;
use tokio::sync::OnceCell;

/// What the person typed.
#[derive(Clone)]
pub struct Credentials<'a> {
    /// National register number, or the username of a person without one.
    pub identifier: &'a str,
    pub password: &'a str,
    /// The 6-digit code from the app.
    pub code: &'a str,
}

impl std::fmt::Debug for Credentials<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("identifier", &self.identifier)
            .field("password", &"…")
            .field("code", &"…")
            .finish()
    }
}

/// A successful sign-in.
#[derive(Debug)]
pub struct SignedIn {
    /// Who.
    pub person: PersonId,
    /// Their given and family name.
    pub name: String,
    /// The new session's cookie value.
    pub token: SessionToken,
    /// Linked to several enterprises: the person chooses which one to act for.
    pub must_choose_enterprise: bool,
}

/// Why a sign-in failed. Deliberately uninformative: an attacker learns nothing about which
/// part was wrong or whether the person exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignInError {
    /// Unknown person, wrong password, wrong or replayed code, or no credentials yet.
    #[error("sign-in refused")]
    Refused,
    /// Too many failures for this account or address: no check made, try again later.
    #[error("too many failed attempts; retry in {retry_after_s} s")]
    Throttled {
        /// Seconds until the next attempt may be checked.
        retry_after_s: u64,
    },
    /// The database or the hasher failed.
    #[error("sign-in failed unexpectedly")]
    Internal,
}

/// A hash nobody's password matches, verified for unknown people so that their answer takes as
/// long as a wrong password.
async fn decoy_hash() -> &'static str {
    static DECOY: OnceCell<String> = OnceCell::const_new();
    DECOY
        .get_or_init(|| async {
            password::hash(hex::encode(rand::random::<[u8; 16]>()))
                .await
                .unwrap_or_default()
        })
        .await
}

/// Checks the credentials and starts a session.
pub async fn sign_in(
    db: &Database,
    credentials: Credentials<'_>,
    client_addr: Option<&str>,
) -> Result<SignedIn, SignInError> {
    let internal = |_| SignInError::Internal;
    let account_key = Key::account(credentials.identifier);
    let keys = [account_key.clone()];
    let locked_ms = throttle::locked_for_ms(db, &keys, now_millis())
        .await
        .map_err(internal)?;
    if locked_ms > 0 {
        // Not audited: the failures that imposed the lock were, and a flood must not fill the trail.
        tracing::warn!(client_addr, "sign-in attempt while locked");
        return Err(SignInError::Throttled {
            retry_after_s: throttle::retry_after_s(locked_ms),
        });
    }
    let refuse = |person, reason| record_refusal(db, person, reason, &keys, client_addr);
    let account = find_account(db, credentials.identifier)
        .await
        .map_err(internal)?;
    let (person, name, enterprises, stored) = match account {
        Some(Account {
            person,
            given_name,
            family_name,
            enterprises,
            password_hash: Some(hash),
            totp_secret: Some(secret),
            totp_last_step,
        }) => (
            PersonId(person),
            format!("{given_name} {family_name}"),
            enterprises,
            (hash, secret, totp_last_step),
        ),
        unknown_or_not_activated => {
            password::verify(
                credentials.password.to_owned(),
                decoy_hash().await.to_owned(),
            )
            .await;
            let person = unknown_or_not_activated.map(|account| PersonId(account.person));
            return refuse(person, "unknown_person_or_no_credentials").await;
        }
    };
    let (hash, secret, last_step) = stored;
    if !password::verify(credentials.password.to_owned(), hash).await {
        return refuse(Some(person), "wrong_password").await;
    }
    let now = now_millis();
    let unix_seconds = u64::try_from(now / 1000).unwrap_or_default();
    let last_step = last_step.and_then(|step| u64::try_from(step).ok());
    let accepted = totp::TotpSecret::from_base32(&secret)
        .and_then(|secret| totp::accept(&secret, credentials.code, unix_seconds, last_step));
    let Some(step) = accepted else {
        return refuse(Some(person), "wrong_code").await;
    };

    let mut tx = db.write().await.map_err(internal)?;
    // Two sign-ins racing with the same code: only one moves the step forward.
    let claimed = super::credentials::claim_step(&mut tx, person, step)
        .await
        .map_err(internal)?;
    if !claimed {
        drop(tx);
        return refuse(Some(person), "replayed_code").await;
    }
    let token = session::start(&mut tx, person, now, client_addr)
        .await
        .map_err(internal)?;
    throttle::clear(&mut tx, &account_key)
        .await
        .map_err(internal)?;
    append(
        &mut tx,
        &event(Some(person), Action::SignInSucceeded, None, client_addr),
    )
    .await
    .map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    Ok(SignedIn {
        person,
        name,
        token,
        must_choose_enterprise: enterprises > 1,
    })
}

/// A person as sign-in sees them: name and credentials (none before activation).
#[derive(sqlx::FromRow)]
struct Account {
    person: i64,
    given_name: String,
    family_name: String,
    enterprises: i64,
    password_hash: Option<String>,
    totp_secret: Option<String>,
    totp_last_step: Option<i64>,
}

/// The person an identifier names (NRN, else username), with their credentials, in one query.
async fn find_account(db: &Database, identifier: &str) -> Result<Option<Account>, sqlx::Error> {
    let Some(identity) = PersonIdentity::parse(identifier) else {
        return Ok(None);
    };
    let (column, value) = identity_column(&identity);
    sqlx::query_as(&format!(
        "SELECT p.id AS person, p.given_name, p.family_name, \
         (SELECT COUNT(*) FROM employments em WHERE em.person_id = p.id) AS enterprises, \
         c.password_hash, c.totp_secret, c.totp_last_step \
         FROM persons p LEFT JOIN credentials c ON c.person_id = p.id WHERE p.{column} = $1"
    ))
    .bind(value)
    .fetch_optional(db.pool())
    .await
}

/// Ends the session behind `token` (sign-out) and audits it, in one transaction. Ending an
/// unknown or already ended session changes nothing and records nothing.
pub async fn sign_out(
    db: &Database,
    token: &SessionToken,
    client_addr: Option<&str>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.write().await?;
    if let Some(person) = session::end(&mut tx, token, now_millis()).await? {
        append(
            &mut tx,
            &event(Some(person), Action::SignOut, None, client_addr),
        )
        .await?;
    }
    tx.commit().await
}

/// Ends every session of `person` (sign-out on every device) and audits it, in one transaction;
/// returns how many sessions were live.
pub async fn sign_out_everywhere(
    db: &Database,
    person: PersonId,
    client_addr: Option<&str>,
) -> Result<u64, sqlx::Error> {
    let mut tx = db.write().await?;
    let ended = session::end_all(&mut tx, person, now_millis()).await?;
    let mut event = event(Some(person), Action::SignOutEverywhere, None, client_addr);
    event.after = Some(json!({ "sessions_ended": ended }));
    append(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(ended)
}

fn event(
    person: Option<PersonId>,
    action: Action,
    reason: Option<&str>,
    client_addr: Option<&str>,
) -> NewEvent {
    NewEvent {
        chain: AuditChain::Installation,
        actor: person.map_or(Actor::Anonymous, Actor::Person),
        action,
        target: person.map(|p| format!("person:{p}")),
        before: None,
        after: reason.map(|reason| json!({ "reason": reason })),
        client_addr: client_addr.map(str::to_owned),
    }
}

/// Counts the failure against the account and audits it (one transaction of its own; a flood's
/// refusals are folded), then answers with the one refusal.
async fn record_refusal(
    db: &Database,
    person: Option<PersonId>,
    reason: &'static str,
    keys: &[Key],
    client_addr: Option<&str>,
) -> Result<SignedIn, SignInError> {
    let recorded = async {
        let mut tx = db.write().await?;
        let locked_ms = throttle::record_failure(&mut tx, keys, now_millis()).await?;
        let mut event = event(person, Action::SignInFailed, Some(reason), client_addr);
        if locked_ms > 0 {
            event.after = Some(
                json!({ "reason": reason, "locked_for_s": throttle::retry_after_s(locked_ms) }),
            );
        }
        refusals::record(&mut tx, &event, now_millis()).await?;
        tx.commit().await
    }
    .await;
    if let Err(error) = recorded {
        tracing::error!(%error, reason, "could not record a refused sign-in");
    }
    Err(SignInError::Refused)
}
