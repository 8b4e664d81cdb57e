//! The operator registers an enterprise and designates its main access manager.

use super::activation_token::ActivationToken;
use super::onboarding::{Onboarding, OnboardingError};
use super::store;
use crate::domain::EnterpriseStatus;
use crate::domain::text::{NameError, clean_name};
use crate::domain::{EnterpriseId, EnterpriseNumber, GroupId, PersonId};
use crate::features::audit::store::{NewEvent, append};
use crate::features::audit::{Action, Actor, AuditChain};
use crate::features::people::NewPerson;
use crate::platform::db::{Database, now_millis};
use crate::policy::OperatorPermit;
use serde_json::json;

/// Longest enterprise name.
pub const MAX_NAME_CHARS: usize = 200;

/// What the operator gives.
#[derive(Debug, Clone)]
pub struct Registration {
    /// KBO/BCE number.
    pub number: EnterpriseNumber,
    /// Legal or usual name.
    pub name: String,
    /// Codes of the catalogue groups (roles) the enterprise holds, all active.
    pub groups: Vec<String>,
    pub main_access_manager: NewPerson,
    /// Where activation links start (the public address of the product).
    pub link_base: String,
}

/// The new enterprise and the link its main access manager activates it with.
#[derive(Debug)]
pub struct Registered {
    /// The enterprise, pending activation.
    pub enterprise: EnterpriseId,
    pub main_access_manager: PersonId,
    /// Secret of the one-time activation link.
    pub activation: ActivationToken,
    /// The manager has no NRN: username and link went by e-mail, a temporary password by SMS.
    pub sent_by_email_and_sms: bool,
}

/// Why a registration was refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    /// The number is registered already.
    #[error("enterprise {0} is registered already")]
    AlreadyRegistered(EnterpriseNumber),
    /// The name is empty, too long or carries invisible characters.
    #[error("the enterprise name is not valid: {0}")]
    InvalidName(NameError),
    /// No group given.
    #[error("the enterprise needs at least one group")]
    NoGroups,
    /// A group code the catalogue does not have (or has retired).
    #[error("unknown group '{0}'")]
    UnknownGroup(String),
    /// The main access manager cannot be reached or prepared for.
    #[error(transparent)]
    Onboarding(#[from] OnboardingError),
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Registers the enterprise as pending, links the main access manager to it (creating their
/// person record if new), issues the activation link, and audits it — all in one transaction.
pub async fn register(
    db: &Database,
    permit: &OperatorPermit,
    registration: &Registration,
) -> Result<Registered, RegisterError> {
    let name =
        clean_name(&registration.name, MAX_NAME_CHARS).map_err(RegisterError::InvalidName)?;
    let name = name.as_str();
    if registration.groups.is_empty() {
        return Err(RegisterError::NoGroups);
    }
    let onboarding = Onboarding::prepare(&registration.main_access_manager).await?;
    let mut tx = db.write().await?;
    let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM enterprises WHERE number = $1")
        .bind(registration.number.as_str())
        .fetch_optional(&mut *tx)
        .await?;
    if taken.is_some() {
        return Err(RegisterError::AlreadyRegistered(registration.number));
    }
    let mut group_ids = Vec::with_capacity(registration.groups.len());
    for code in &registration.groups {
        let id: Option<i64> =
            sqlx::query_scalar("SELECT id FROM groups WHERE code = $1 AND retired_at IS NULL")
                .bind(code)
                .fetch_optional(&mut *tx)
                .await?;
        group_ids.push(GroupId(
            id.ok_or_else(|| RegisterError::UnknownGroup(code.clone()))?,
        ));
    }

    let now = now_millis();
    let enterprise = store::insert(&mut tx, permit, &registration.number, name, now).await?;
    store::hold_groups(&mut tx, permit, enterprise, &group_ids).await?;
    let person = onboarding.link(&mut tx, enterprise).await?;
    store::designate_main_access_manager(&mut tx, permit, enterprise, person, now).await?;
    let (activation, sent_by_email_and_sms) = onboarding
        .send_activation(
            &mut tx,
            enterprise,
            name,
            person,
            &registration.link_base,
            now,
        )
        .await?;
    append(
        &mut tx,
        &NewEvent {
            chain: AuditChain::Enterprise(enterprise),
            actor: Actor::Operator,
            action: Action::EnterpriseRegistered,
            target: Some(format!("enterprise:{enterprise}")),
            before: None,
            after: Some(json!({
                "number": registration.number.as_str(),
                "name": name,
                "status": EnterpriseStatus::Pending.as_str(),
                "groups": group_ids,
                "main_access_manager": format!("person:{person}"),
                "activation_link": if sent_by_email_and_sms { "e-mail, temporary password by SMS" } else { "given to the operator" },
            })),
            client_addr: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Registered {
        enterprise,
        main_access_manager: person,
        activation,
        sent_by_email_and_sms,
    })
}
