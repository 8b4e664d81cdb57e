//! Activation at first sign-in: the main access manager opens the one-time link, sets a
//! password, enrols an authenticator app and confirms it with a code. Only then is the
//! enterprise active; before that nobody can administer it. A manager who signs in already (the
//! main access manager of another enterprise) activates with the password and app they have:
//! a second enterprise's link never replaces them. (Signing in through an identity provider
//! activates too: `provider_sign_in.rs`.)

use super::activation_token::{self, hash_token};
use super::{ActivationError, ActivationView};
use crate::domain::EnterpriseStatus;
use crate::domain::{EnterpriseId, EnterpriseNumber, PersonId};
use crate::features::audit::store::{NewEvent, append};
use crate::features::audit::{Action, Actor, AuditChain};
use crate::features::auth::enrolment::{self, Offered};
use crate::features::auth::throttle::{self, Key};
use crate::features::auth::{credentials, password, totp};
use crate::platform::db::{Database, now_millis};
use serde_json::json;

/// The link's row joined with what the page needs.
#[derive(sqlx::FromRow)]
struct Link {
    enterprise_id: i64,
    person_id: i64,
    expires_at: i64,
    used_at: Option<i64>,
    totp_secret: Option<String>,
    temporary_password_hash: Option<String>,
    number: String,
    name: String,
    given_name: String,
    family_name: String,
    email: String,
    username: Option<String>,
    /// 1 when the person has credentials already.
    signs_in: i64,
}

impl Link {
    fn account(&self) -> String {
        self.username.clone().unwrap_or_else(|| self.email.clone())
    }

    fn usable(&self, now: i64) -> Result<(), ActivationError> {
        if self.used_at.is_some() {
            Err(ActivationError::AlreadyUsed)
        } else if now >= self.expires_at {
            Err(ActivationError::Expired)
        } else {
            Ok(())
        }
    }
}

async fn find(db: &Database, token_hash: &str) -> Result<Option<Link>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.enterprise_id, t.person_id, t.expires_at, t.used_at, t.totp_secret, t.temporary_password_hash, \
         e.number, e.name, \
         p.given_name, p.family_name, p.email, p.username, \
         CASE WHEN EXISTS (SELECT 1 FROM credentials c WHERE c.person_id = t.person_id) THEN 1 ELSE 0 END AS signs_in \
         FROM activation_tokens t JOIN enterprises e ON e.id = t.enterprise_id \
         JOIN persons p ON p.id = t.person_id WHERE t.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(db.pool())
    .await
}

/// Checks the link and returns what the activation page shows, with the authenticator secret
/// to enrol (the same one each time the page is opened, until activation succeeds).
pub async fn open(
    db: &Database,
    token: &str,
    client_addr: Option<String>,
) -> Result<ActivationView, ActivationError> {
    let internal = |_| ActivationError::Internal;
    let token_hash = hash_token(token);
    let link = find(db, &token_hash)
        .await
        .map_err(internal)?
        .ok_or(ActivationError::UnknownLink)?;
    link.usable(now_millis())?;
    if link.signs_in == 1 {
        // Nothing to enrol: they confirm with what they have.
        return Ok(ActivationView {
            enterprise_number: formatted_number(&link.number),
            enterprise_name: link.name.clone(),
            person_name: format!("{} {}", link.given_name, link.family_name),
            account: link.account(),
            totp_secret: String::new(),
            otpauth_url: String::new(),
            temporary_password_required: false,
            qr_code: String::new(),
            signs_in_already: true,
        });
    }
    let secret = match link
        .totp_secret
        .as_deref()
        .and_then(totp::TotpSecret::from_base32)
    {
        Some(secret) => secret,
        None => offer_secret(db, &link, &token_hash, client_addr)
            .await
            .map_err(internal)?
            .ok_or(ActivationError::Internal)?,
    };
    let account = link.account();
    let otpauth_url = totp::enrolment_url(&secret, &account).ok_or(ActivationError::Internal)?;
    Ok(ActivationView {
        enterprise_number: formatted_number(&link.number),
        enterprise_name: link.name.clone(),
        person_name: format!("{} {}", link.given_name, link.family_name),
        totp_secret: secret.to_base32(),
        qr_code: enrolment::qr_data_url(&otpauth_url).ok_or(ActivationError::Internal)?,
        otpauth_url,
        account,
        temporary_password_required: link.temporary_password_hash.is_some(),
        signs_in_already: false,
    })
}

/// The enterprise number with dots, as stored when it does not parse.
fn formatted_number(number: &str) -> String {
    EnterpriseNumber::parse(number)
        .map(|n| n.formatted())
        .unwrap_or_else(|_| number.to_owned())
}

/// Stores a new authenticator secret for the link, unless another request stored one first, and
/// audits the first opening of the link with it. Returns the secret the link now holds.
async fn offer_secret(
    db: &Database,
    link: &Link,
    token_hash: &str,
    client_addr: Option<String>,
) -> Result<Option<totp::TotpSecret>, sqlx::Error> {
    let fresh = totp::TotpSecret::generate();
    let mut tx = db.write().await?;
    // Two tabs opening the link at once must end with one secret: only the first write wins.
    if activation_token::offer_secret(&mut tx, token_hash, &fresh.to_base32()).await? {
        let person = PersonId(link.person_id);
        append(
            &mut tx,
            &NewEvent {
                chain: AuditChain::Enterprise(EnterpriseId(link.enterprise_id)),
                actor: Actor::Person(person),
                action: Action::EnterpriseActivationOpened,
                target: Some(format!("person:{person}")),
                before: None,
                after: Some(json!({ "authenticator": "secret offered" })),
                client_addr,
            },
        )
        .await?;
    }
    let stored: Option<String> =
        sqlx::query_scalar("SELECT totp_secret FROM activation_tokens WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_one(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(stored.as_deref().and_then(totp::TotpSecret::from_base32))
}

pub use crate::features::auth::enrolment::Attempt;

/// The activated enterprise and its main access manager, now able to sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Activated {
    /// The enterprise, now active.
    pub enterprise: EnterpriseId,
    /// Its main access manager.
    pub person: PersonId,
}

/// Sets the password and confirms the authenticator with `code`; on success the link is spent,
/// the credentials stored and the enterprise active, all in one transaction with its audit event.
/// A refusal changes nothing but is audited on the enterprise's chain.
pub async fn complete(
    db: &Database,
    token: &str,
    attempt: Attempt<'_>,
    client_addr: Option<String>,
) -> Result<Activated, ActivationError> {
    let internal = |_| ActivationError::Internal;
    let token_hash = hash_token(token);
    // Wrong codes and temporary passwords count against the link (never the address).
    let keys = [Key::activation_link(&token_hash)];
    let link = attempted_link(db, &token_hash, &keys, &client_addr).await?;
    let enterprise = EnterpriseId(link.enterprise_id);
    let person = PersonId(link.person_id);
    let refuse = |error: ActivationError, reason: &'static str| {
        let client_addr = client_addr.clone();
        let counted: &[Key] = if matches!(
            error,
            ActivationError::WrongCode | ActivationError::WrongTemporaryPassword
        ) {
            &keys
        } else {
            &[]
        };
        async move {
            audit_refusal(
                db,
                AuditChain::Enterprise(enterprise),
                Some(person),
                reason,
                client_addr,
                counted,
            )
            .await;
            Err(error)
        }
    };

    let now = now_millis();
    if let Err(error) = link.usable(now) {
        return refuse(error, unusable(error)).await;
    }
    if link.signs_in == 1 {
        // Their password and app stay: they activate with them (`confirm_with_account`).
        return refuse(ActivationError::SignsInAlready, "signs_in_already").await;
    }
    let personal = [
        link.given_name.as_str(),
        link.family_name.as_str(),
        link.email.as_str(),
    ];
    let offered = Offered {
        totp_secret: link.totp_secret.as_deref(),
        temporary_password_hash: link.temporary_password_hash.as_deref(),
        personal: &personal,
    };
    let chosen = match enrolment::check(attempt, offered, now).await {
        Ok(chosen) => chosen,
        Err((ActivationError::Internal, _)) => return Err(ActivationError::Internal),
        Err((error, reason)) => return refuse(error, reason).await,
    };
    let mut tx = db.write().await.map_err(internal)?;
    // Spending the link is the guard: of two concurrent attempts only one updates the row. The
    // secrets it held (the offered app secret, the temporary password's hash) go with it.
    let spent = activation_token::spend(&mut tx, &token_hash, now)
        .await
        .map_err(internal)?;
    if !spent {
        drop(tx);
        return refuse(ActivationError::AlreadyUsed, "used_link").await;
    }
    // New credentials end every session signed in with the old ones.
    credentials::replace(
        &mut tx,
        person,
        &chosen.password_hash,
        &chosen.secret.to_base32(),
        Some(i64::try_from(chosen.step).unwrap_or(i64::MAX)),
        now,
    )
    .await
    .map_err(internal)?;
    activate_and_record(
        &mut tx,
        enterprise,
        person,
        "password and authenticator app",
        client_addr,
        now,
    )
    .await
    .map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    Ok(Activated { enterprise, person })
}

/// Activates the enterprise of link `token` for a main access manager who signs in already,
/// with their own password and a code from their own app (accepted once, like a sign-in's). Their
/// credentials stay as they are; the link is spent and the enterprise active, in one transaction
/// with its audit event. A refusal changes nothing but is audited, and wrong passwords and codes
/// count against the link.
pub async fn confirm_with_account(
    db: &Database,
    token: &str,
    password: &str,
    code: &str,
    client_addr: Option<String>,
) -> Result<Activated, ActivationError> {
    let internal = |_| ActivationError::Internal;
    let token_hash = hash_token(token);
    let keys = [Key::activation_link(&token_hash)];
    let link = attempted_link(db, &token_hash, &keys, &client_addr).await?;
    let enterprise = EnterpriseId(link.enterprise_id);
    let person = PersonId(link.person_id);
    let refuse = |error: ActivationError, reason: &'static str, counted: bool| {
        let client_addr = client_addr.clone();
        let keys: &[Key] = if counted { &keys } else { &[] };
        async move {
            audit_refusal(
                db,
                AuditChain::Enterprise(enterprise),
                Some(person),
                reason,
                client_addr,
                keys,
            )
            .await;
            Err(error)
        }
    };
    let now = now_millis();
    if let Err(error) = link.usable(now) {
        return refuse(error, unusable(error), false).await;
    }
    let stored: Option<(Option<String>, Option<String>, Option<i64>)> = sqlx::query_as(
        "SELECT password_hash, totp_secret, totp_last_step FROM credentials WHERE person_id = $1",
    )
    .bind(person.0)
    .fetch_optional(db.pool())
    .await
    .map_err(internal)?;
    let Some((Some(hash), Some(secret), last_step)) = stored else {
        // Nothing to confirm with: the link's own enrolment is the way.
        return refuse(ActivationError::UnknownLink, "no_credentials", false).await;
    };
    if !password::verify(password.to_owned(), hash).await {
        return refuse(ActivationError::WrongPassword, "wrong_password", true).await;
    }
    let unix_seconds = u64::try_from(now / 1000).unwrap_or_default();
    let last_step = last_step.and_then(|step| u64::try_from(step).ok());
    let Some(step) = totp::TotpSecret::from_base32(&secret)
        .and_then(|secret| totp::accept(&secret, code, unix_seconds, last_step))
    else {
        return refuse(ActivationError::WrongCode, "wrong_code", true).await;
    };
    let mut tx = db.write().await.map_err(internal)?;
    let spent = activation_token::spend(&mut tx, &token_hash, now)
        .await
        .map_err(internal)?;
    // A code is accepted once, here as at sign-in.
    let claimed = spent
        && credentials::claim_step(&mut tx, person, step)
            .await
            .map_err(internal)?;
    if !claimed {
        drop(tx);
        let (error, reason) = if spent {
            (ActivationError::WrongCode, "replayed_code")
        } else {
            (ActivationError::AlreadyUsed, "used_link")
        };
        return refuse(error, reason, spent).await;
    }
    activate_and_record(
        &mut tx,
        enterprise,
        person,
        "the password and authenticator app they had",
        client_addr,
        now,
    )
    .await
    .map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    Ok(Activated { enterprise, person })
}

/// The link stored as `token_hash` for an attempt to use it: refused while wrong attempts lock
/// it (not audited: the failures that locked it were), and when unknown (audited and counted
/// against `keys`).
async fn attempted_link(
    db: &Database,
    token_hash: &str,
    keys: &[Key],
    client_addr: &Option<String>,
) -> Result<Link, ActivationError> {
    let internal = |_| ActivationError::Internal;
    if throttle::locked_for_ms(db, keys, now_millis())
        .await
        .map_err(internal)?
        > 0
    {
        return Err(ActivationError::TooManyAttempts);
    }
    match find(db, token_hash).await.map_err(internal)? {
        Some(link) => Ok(link),
        None => {
            let client_addr = client_addr.clone();
            audit_refusal(
                db,
                AuditChain::Installation,
                None,
                "unknown_link",
                client_addr,
                keys,
            )
            .await;
            Err(ActivationError::UnknownLink)
        }
    }
}

/// What the audit trail says of a link `Link::usable` refused with `error`.
fn unusable(error: ActivationError) -> &'static str {
    if error == ActivationError::Expired {
        "expired_link"
    } else {
        "used_link"
    }
}

/// Makes the pending `enterprise` active at `now` and records it, in the caller's transaction;
/// `credentials` says how its main access manager `person` proved who they are. Whether it was
/// pending (an enterprise active already records nothing).
pub(super) async fn activate_and_record(
    conn: &mut sqlx::AnyConnection,
    enterprise: EnterpriseId,
    person: PersonId,
    credentials: &str,
    client_addr: Option<String>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    if !super::store::activate(conn, enterprise, now).await? {
        return Ok(false);
    }
    let event = NewEvent {
        chain: AuditChain::Enterprise(enterprise),
        actor: Actor::Person(person),
        action: Action::EnterpriseActivated,
        target: Some(format!("enterprise:{enterprise}")),
        before: Some(json!({ "status": EnterpriseStatus::Pending.as_str() })),
        after: Some(
            json!({ "status": EnterpriseStatus::Active.as_str(), "credentials": credentials }),
        ),
        client_addr,
    };
    append(conn, &event).await?;
    Ok(true)
}

/// Records a refused activation, and counts it against `keys`, in a transaction of its own (the
/// attempt itself changed nothing).
async fn audit_refusal(
    db: &Database,
    chain: AuditChain,
    person: Option<PersonId>,
    reason: &'static str,
    client_addr: Option<String>,
    keys: &[Key],
) {
    let event = NewEvent {
        chain,
        actor: person.map_or(Actor::Anonymous, Actor::Person),
        action: Action::EnterpriseActivationRefused,
        target: person.map(|p| format!("person:{p}")),
        before: None,
        after: Some(json!({ "reason": reason })),
        client_addr,
    };
    let recorded = async {
        let mut tx = db.write().await?;
        throttle::record_failure(&mut tx, keys, now_millis()).await?;
        append(&mut tx, &event).await?;
        tx.commit().await
    }
    .await;
    if let Err(error) = recorded {
        tracing::error!(%error, reason, "could not audit a refused activation");
    }
}
