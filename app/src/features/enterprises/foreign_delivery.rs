//! A main access manager without a national register number (a foreign person) receives their
//! username and the activation link by e-mail, and a temporary password by SMS: two channels, so
//! neither the mailbox nor the phone alone opens the account. At activation they prove the
//! temporary password and replace it.

use super::activation_token::ActivationToken;
use crate::features::auth::password::{self, PasswordError};
use crate::features::outbox::{self, Channel, Kind, Message};
use crate::features::people::{NewPerson, PersonIdentity};
use crate::i18n::td_string;
use sqlx::AnyConnection;

/// A one-time password sent by SMS, and its hash for the activation link.
pub struct TemporaryPassword {
    plain: String,
    hash: String,
}

impl std::fmt::Debug for TemporaryPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TemporaryPassword(…)")
    }
}

impl TemporaryPassword {
    /// Twelve random letters and digits, hashed with the password hasher.
    pub async fn generate() -> Result<TemporaryPassword, PasswordError> {
        let plain = password::random(12);
        let hash = password::hash(plain.clone()).await?;
        Ok(TemporaryPassword { plain, hash })
    }
}

/// Why a foreign manager's temporary password could not be prepared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrepareError {
    /// No mobile number to send it to.
    NoPhone,
    /// The hasher failed.
    Hash,
}

/// For a person without an NRN, a fresh temporary password (hashed before any transaction:
/// argon2 is slow on purpose); `None` for a person with an NRN.
pub async fn prepare(person: &NewPerson) -> Result<Option<TemporaryPassword>, PrepareError> {
    if !matches!(person.identity, PersonIdentity::Foreign(_)) {
        return Ok(None);
    }
    if person
        .phone
        .as_deref()
        .is_none_or(|phone| phone.trim().is_empty())
    {
        return Err(PrepareError::NoPhone);
    }
    TemporaryPassword::generate()
        .await
        .map(Some)
        .map_err(|_| PrepareError::Hash)
}

/// Stores the temporary password's hash on the link and queues the e-mail (username and link)
/// and the SMS (temporary password), in the caller's transaction. Does nothing for a person
/// with an NRN or without a phone number.
pub async fn queue(
    conn: &mut AnyConnection,
    person: &NewPerson,
    enterprise_name: &str,
    token: &ActivationToken,
    link_base: &str,
    temporary: &TemporaryPassword,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let (PersonIdentity::Foreign(username), Some(phone)) = (&person.identity, &person.phone) else {
        return Ok(false);
    };
    super::activation_token::keep_temporary_password(conn, token, &temporary.hash).await?;
    let locale = person.language.locale();
    let link = format!("{link_base}/activate/{}", token.expose());
    let name = format!("{} {}", person.given_name, person.family_name);
    let email = Message {
        kind: Kind::ActivationLink,
        channel: Channel::Email,
        recipient: person.email.as_str().to_owned(),
        subject: Some(
            td_string!(
                locale,
                messages.activation_subject,
                enterprise = enterprise_name
            )
            .to_string(),
        ),
        body: td_string!(
            locale,
            messages.activation_body,
            name = name,
            enterprise = enterprise_name,
            username = username.as_str(),
            link = link
        )
        .to_string(),
    };
    let sms = Message {
        kind: Kind::TemporaryPassword,
        channel: Channel::Sms,
        recipient: phone.clone(),
        subject: None,
        body: td_string!(
            locale,
            messages.temporary_password_sms,
            password = temporary.plain.as_str()
        )
        .to_string(),
    };
    outbox::enqueue(conn, &email, now).await?;
    outbox::enqueue(conn, &sms, now).await?;
    Ok(true)
}
