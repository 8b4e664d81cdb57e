//! Following a link: the page shows the app secret to enrol (the same one each time it is
//! opened), and the person chooses a password and confirms a code from the app. Then they sign
//! in like anyone else. A link that is unknown, used, expired or replaced by a newer one opens
//! nothing; wrong codes count against the link.

use super::InvitationView;
use super::link;
use crate::domain::{EnterpriseId, LocalizedName, PersonId};
use crate::error::ActivationError;
use crate::features::audit::store::{NewEvent, append};
use crate::features::audit::{Action, Actor, AuditChain};
use crate::features::auth::enrolment::{self, Attempt, Offered};
use crate::features::auth::link_token::hash_token;
use crate::features::auth::throttle::{self, Key};
use crate::features::auth::{credentials, totp};
use crate::platform::db::{Database, now_millis};
use serde_json::json;

/// The link's row with what the page and the checks need.
#[derive(sqlx::FromRow)]
struct Link {
    enterprise_id: i64,
    person_id: i64,
    reason: String,
    expires_at: i64,
    used_at: Option<i64>,
    totp_secret: Option<String>,
    temporary_password_hash: Option<String>,
    enterprise_name: String,
    given_name: String,
    family_name: String,
    email: String,
    nrn: Option<String>,
    username: Option<String>,
    /// 1 when the person has a password and an app.
    signs_in: i64,
}

impl Link {
    fn usable(&self, now: i64) -> Result<(), ActivationError> {
        if self.used_at.is_some() {
            Err(ActivationError::AlreadyUsed)
        } else if now >= self.expires_at {
            Err(ActivationError::Expired)
        } else if self.reason == "invitation" && self.signs_in == 1 {
            // They chose credentials through another enterprise's link meanwhile.
            Err(ActivationError::SignsInAlready)
        } else {
            Ok(())
        }
    }

    /// The account name the app shows: the username, else the e-mail address.
    fn account(&self) -> String {
        self.username.clone().unwrap_or_else(|| self.email.clone())
    }

    fn enterprise(&self) -> EnterpriseId {
        EnterpriseId(self.enterprise_id)
    }

    fn person(&self) -> PersonId {
        PersonId(self.person_id)
    }
}

async fn find(db: &Database, token_hash: &str) -> Result<Option<Link>, sqlx::Error> {
    sqlx::query_as(
        "SELECT i.enterprise_id, i.person_id, i.reason, i.expires_at, i.used_at, i.totp_secret, \
         i.temporary_password_hash, e.name AS enterprise_name, em.given_name, em.family_name, \
         CASE WHEN em.email <> '' THEN em.email ELSE p.email END AS email, p.nrn, p.username, \
         CASE WHEN EXISTS (SELECT 1 FROM credentials c WHERE c.person_id = i.person_id) THEN 1 ELSE 0 END AS signs_in \
         FROM invitations i JOIN enterprises e ON e.id = i.enterprise_id \
         JOIN persons p ON p.id = i.person_id \
         JOIN employments em ON em.enterprise_id = i.enterprise_id AND em.person_id = i.person_id \
         WHERE i.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(db.pool())
    .await
}

/// Checks the link and returns what its page shows; `providers` are offered to a person with
/// an NRN as another way in.
pub async fn open(
    db: &Database,
    token: &str,
    providers: Vec<LocalizedName>,
    client_addr: Option<String>,
) -> Result<InvitationView, ActivationError> {
    let internal = |_| ActivationError::Internal;
    let token_hash = hash_token(token);
    let link = find(db, &token_hash)
        .await
        .map_err(internal)?
        .ok_or(ActivationError::UnknownLink)?;
    link.usable(now_millis())?;
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
    Ok(InvitationView {
        enterprise_name: link.enterprise_name.clone(),
        person_name: format!("{} {}", link.given_name, link.family_name),
        reset: link.reason == "reset",
        account,
        totp_secret: secret.to_base32(),
        qr_code: enrolment::qr_data_url(&otpauth_url).ok_or(ActivationError::Internal)?,
        otpauth_url,
        temporary_password_required: link.temporary_password_hash.is_some(),
        providers: if link.nrn.is_some() {
            providers
        } else {
            Vec::new()
        },
    })
}

/// Stores a new app secret for the link unless another request stored one first, and audits
/// the first opening. Returns the secret the link now holds.
async fn offer_secret(
    db: &Database,
    link: &Link,
    token_hash: &str,
    client_addr: Option<String>,
) -> Result<Option<totp::TotpSecret>, sqlx::Error> {
    let fresh = totp::TotpSecret::generate();
    let mut tx = db.write().await?;
    if link::offer_secret(&mut tx, token_hash, &fresh.to_base32()).await? {
        let event = event(
            link,
            Action::InvitationOpened,
            json!({ "authenticator": "secret offered" }),
            client_addr,
        );
        append(&mut tx, &event).await?;
    }
    let stored: Option<String> =
        sqlx::query_scalar("SELECT totp_secret FROM invitations WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_one(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(stored.as_deref().and_then(totp::TotpSecret::from_base32))
}

/// An event of the person following their link, on the chain of the enterprise that sent it.
fn event(
    link: &Link,
    action: Action,
    after: serde_json::Value,
    client_addr: Option<String>,
) -> NewEvent {
    NewEvent {
        chain: AuditChain::Enterprise(link.enterprise()),
        actor: Actor::Person(link.person()),
        action,
        target: Some(format!("person:{}", link.person())),
        before: None,
        after: Some(after),
        client_addr,
    }
}

/// Sets the password and confirms the app with a code; on success the link (and every other
/// open link of the person) is spent and the credentials stored, in one transaction with its
/// audit event; sessions signed in with older credentials end. A refusal changes nothing but is
/// audited.
pub async fn complete(
    db: &Database,
    token: &str,
    attempt: Attempt<'_>,
    client_addr: Option<String>,
) -> Result<(), ActivationError> {
    let internal = |_| ActivationError::Internal;
    let token_hash = hash_token(token);
    let keys = [Key::activation_link(&token_hash)];
    if throttle::locked_for_ms(db, &keys, now_millis())
        .await
        .map_err(internal)?
        > 0
    {
        return Err(ActivationError::TooManyAttempts);
    }
    let Some(link) = find(db, &token_hash).await.map_err(internal)? else {
        refused(db, None, "unknown_link", client_addr, &keys).await;
        return Err(ActivationError::UnknownLink);
    };
    let now = now_millis();
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
        let link = &link;
        async move {
            refused(db, Some(link), reason, client_addr, counted).await;
            Err(error)
        }
    };
    if let Err(error) = link.usable(now) {
        let reason = match error {
            ActivationError::Expired => "expired_link",
            ActivationError::SignsInAlready => "signs_in_already",
            _ => "used_link",
        };
        return refuse(error, reason).await;
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
    // Spending the link is the guard: of two concurrent attempts only one updates the row.
    if !link::spend(&mut tx, &token_hash, now)
        .await
        .map_err(internal)?
    {
        drop(tx);
        return refuse(ActivationError::AlreadyUsed, "used_link").await;
    }
    credentials::replace(
        &mut tx,
        link.person(),
        &chosen.password_hash,
        &chosen.secret.to_base32(),
        Some(i64::try_from(chosen.step).unwrap_or(i64::MAX)),
        now,
    )
    .await
    .map_err(internal)?;
    link::spend_all_of(&mut tx, link.person(), now)
        .await
        .map_err(internal)?;
    let event = event(
        &link,
        Action::InvitationAccepted,
        json!({ "reason": link.reason, "credentials": "password and authenticator app" }),
        client_addr,
    );
    append(&mut tx, &event).await.map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    Ok(())
}

/// Records a refused attempt, and counts it against `keys`, in a transaction of its own.
async fn refused(
    db: &Database,
    link: Option<&Link>,
    reason: &'static str,
    client_addr: Option<String>,
    keys: &[Key],
) {
    let event = match link {
        Some(link) => event(
            link,
            Action::InvitationRefused,
            json!({ "reason": reason }),
            client_addr,
        ),
        None => NewEvent {
            chain: AuditChain::Installation,
            actor: Actor::Anonymous,
            action: Action::InvitationRefused,
            target: None,
            before: None,
            after: Some(json!({ "reason": reason })),
            client_addr,
        },
    };
    let recorded = async {
        let mut tx = db.write().await?;
        throttle::record_failure(&mut tx, keys, now_millis()).await?;
        append(&mut tx, &event).await?;
        tx.commit().await
    }
    .await;
    if let Err(error) = recorded {
        tracing::error!(%error, reason, "could not audit a refused invitation");
    }
}
