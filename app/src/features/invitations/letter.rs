//! Sending someone their link: a new row in `invitations` and the e-mail that carries it,
//! queued in the caller's transaction with the audit event, in the person's language, to the
//! address the enterprise knows them by (the person's own record's for someone the operator
//! registered).

use super::SignInState;
use super::link::{self, Authorised, Reason};
use crate::domain::{Language, LocalizedName, PersonId};
use crate::features::audit::store::{NewEvent, append};
use crate::features::audit::{Action, Actor, AuditChain};
use crate::features::outbox::{self, Channel, Kind, Message};
use crate::i18n::{Locale, td_string};
use serde_json::json;
use sqlx::AnyConnection;

/// What every link's e-mail needs from the installation: where the product is reached, and
/// the identity providers a person may sign in with instead.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Letter {
    /// The product's public address, without a trailing slash.
    pub link_base: String,
    /// The providers' names.
    pub providers: Vec<LocalizedName>,
}

/// The product's public address, as the server gives it to every request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(pub String);

impl Letter {
    /// The letter of the installation serving this request: its public address and configured
    /// identity providers.
    pub fn of_request() -> Letter {
        use leptos::prelude::use_context;
        Letter {
            link_base: use_context::<PublicUrl>()
                .map(|url| url.0)
                .unwrap_or_default(),
            providers: use_context::<crate::features::auth::providers::registry::Providers>()
                .map(|providers| providers.choices().into_iter().map(|p| p.name).collect())
                .unwrap_or_default(),
        }
    }

    /// The sentence about the providers, in `locale`, or nothing when none is configured.
    fn providers_note(&self, locale: Locale) -> String {
        if self.providers.is_empty() {
            return String::new();
        }
        let names = self
            .providers
            .iter()
            .map(|name| name.get(locale))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "{}\n\n",
            td_string!(locale, messages.providers_note, providers = names)
        )
    }
}

#[derive(sqlx::FromRow)]
struct Recipient {
    address: String,
    language: String,
    given_name: String,
    family_name: String,
    enterprise_name: String,
}

/// Whether `person` can sign in already (a password and an app, or a link used).
pub async fn signs_in(conn: &mut AnyConnection, person: PersonId) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM credentials WHERE person_id = $1 \
         UNION ALL SELECT 1 FROM invitations WHERE person_id = $1 AND used_at IS NOT NULL",
    )
    .bind(person.0)
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}

/// Invites `person`, just added under `authorised`, unless they can sign in already or the
/// enterprise invited them before (an open or expired invitation is sent again only on
/// request). Returns the state they are left in.
pub async fn invite_if_needed(
    conn: &mut AnyConnection,
    authorised: Authorised<'_>,
    person: PersonId,
    letter: &Letter,
    client_addr: Option<&str>,
    now: i64,
) -> Result<SignInState, sqlx::Error> {
    if signs_in(conn, person).await? {
        return Ok(SignInState::CanSignIn);
    }
    if link::last_sent(conn, authorised.enterprise(), person)
        .await?
        .is_some()
    {
        return super::state::one(conn, authorised.enterprise(), person, now).await;
    }
    send(
        conn,
        authorised,
        person,
        Reason::Invitation,
        letter,
        client_addr,
        now,
    )
    .await
}

/// Sends `person` a new link for `reason` under `authorised`, replacing the enterprise's earlier
/// one: the row, the e-mail (when the enterprise has an address for them) and the audit event,
/// in the caller's transaction. Returns the state they are left in.
pub async fn send(
    conn: &mut AnyConnection,
    authorised: Authorised<'_>,
    person: PersonId,
    reason: Reason,
    letter: &Letter,
    client_addr: Option<&str>,
    now: i64,
) -> Result<SignInState, sqlx::Error> {
    let enterprise = authorised.enterprise();
    let recipient: Recipient = sqlx::query_as(
        "SELECT CASE WHEN em.email <> '' THEN em.email ELSE p.email END AS address, p.language, \
         em.given_name, em.family_name, e.name AS enterprise_name \
         FROM persons p JOIN employments em ON em.person_id = p.id AND em.enterprise_id = $1 \
         JOIN enterprises e ON e.id = em.enterprise_id WHERE p.id = $2",
    )
    .bind(enterprise.0)
    .bind(person.0)
    .fetch_one(&mut *conn)
    .await?;
    let token = link::issue(conn, authorised, person, reason, now).await?;
    let email_id = if recipient.address.trim().is_empty() {
        None
    } else {
        let locale = recipient
            .language
            .parse::<Language>()
            .unwrap_or(Language::En)
            .locale();
        let message = message(&recipient, reason, letter, token.expose(), locale);
        Some(outbox::enqueue(conn, &message, now).await?)
    };
    link::note_delivery(conn, &token, email_id, None).await?;
    let delivery = if email_id.is_some() {
        "queued"
    } else {
        "no e-mail address"
    };
    append(
        conn,
        &NewEvent {
            chain: AuditChain::Enterprise(enterprise),
            actor: authorised.sender().map_or(Actor::Operator, Actor::Person),
            action: Action::InvitationSent,
            target: Some(format!("person:{person}")),
            before: None,
            after: Some(json!({ "reason": reason.as_str(), "delivery": delivery })),
            client_addr: client_addr.map(str::to_owned),
        },
    )
    .await?;
    Ok(if email_id.is_some() {
        SignInState::Queued
    } else {
        SignInState::Undeliverable
    })
}

/// The e-mail carrying the link `token`, in `locale`.
fn message(
    recipient: &Recipient,
    reason: Reason,
    letter: &Letter,
    token: &str,
    locale: Locale,
) -> Message {
    let link = format!("{}/invitation/{token}", letter.link_base);
    let name = format!("{} {}", recipient.given_name, recipient.family_name);
    let enterprise = recipient.enterprise_name.as_str();
    let note = letter.providers_note(locale);
    let (kind, subject, body) = match reason {
        Reason::Invitation => (
            Kind::Invitation,
            td_string!(locale, messages.invitation_subject, enterprise = enterprise).to_string(),
            td_string!(
                locale,
                messages.invitation_body,
                name = name,
                enterprise = enterprise,
                link = link,
                providers_note = note
            )
            .to_string(),
        ),
        Reason::Reset => (
            Kind::SignInReset,
            td_string!(locale, messages.reset_subject).to_string(),
            td_string!(
                locale,
                messages.reset_body,
                name = name,
                enterprise = enterprise,
                link = link,
                providers_note = note
            )
            .to_string(),
        ),
    };
    Message {
        kind,
        channel: Channel::Email,
        recipient: recipient.address.clone(),
        subject: Some(subject),
        body,
    }
}
