//! The legal representative replaces the enterprise's main access manager through the operator.
//! Never self-service, and never leaves the enterprise without one: the designation is changed
//! by a single update of its one row.

use super::activation_token::ActivationToken;
use super::onboarding::{Onboarding, OnboardingError};
use crate::domain::{EnterpriseId, EnterpriseNumber, PersonId};
use crate::features::admins::store as admins;
use crate::features::audit::store::{NewEvent, append};
use crate::features::audit::{Action, Actor, AuditChain};
use crate::features::people::NewPerson;
use crate::platform::db::{Database, now_millis};
use crate::policy::OperatorPermit;
use serde_json::json;

/// The outcome of a replacement.
#[derive(Debug)]
pub struct Replaced {
    pub enterprise: EnterpriseId,
    /// Who was main access manager.
    pub previous: PersonId,
    /// Who is now.
    pub current: PersonId,
    /// A one-time link for the new manager to set a password and enrol an app, when they have
    /// no credentials yet.
    pub activation: Option<ActivationToken>,
    /// The new manager has no NRN: the link went by e-mail, a temporary password by SMS.
    pub sent_by_email_and_sms: bool,
}

/// Why a replacement was refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ReplaceError {
    /// No enterprise has this number.
    #[error("enterprise {0} is not registered")]
    NotRegistered(EnterpriseNumber),
    /// The person named is the main access manager already.
    #[error("this person is the main access manager of enterprise {0} already")]
    SameManager(EnterpriseNumber),
    /// The new manager cannot be reached or prepared for.
    #[error(transparent)]
    Onboarding(#[from] OnboardingError),
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Makes `new_manager` the main access manager of the enterprise `number`, linking them to it if
/// needed; the previous manager's unused activation links stop working. Audited.
/// A foreign new manager receives the link by e-mail and a temporary password by SMS; links
/// start with `link_base`.
pub async fn replace(
    db: &Database,
    permit: &OperatorPermit,
    number: EnterpriseNumber,
    new_manager: &NewPerson,
    link_base: &str,
) -> Result<Replaced, ReplaceError> {
    let onboarding = Onboarding::prepare(new_manager).await?;
    let mut tx = db.write().await?;
    let current: Option<(i64, i64, String)> = sqlx::query_as(
        "SELECT e.id, m.person_id, e.name FROM enterprises e JOIN main_access_managers m ON m.enterprise_id = e.id \
         WHERE e.number = $1",
    )
    .bind(number.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((enterprise, previous, enterprise_name)) = current else {
        return Err(ReplaceError::NotRegistered(number));
    };
    let (enterprise, previous) = (EnterpriseId(enterprise), PersonId(previous));
    let person = onboarding.link(&mut tx, enterprise).await?;
    if person == previous {
        return Err(ReplaceError::SameManager(number));
    }
    let now = now_millis();
    super::store::replace_main_access_manager(&mut tx, permit, enterprise, person, now).await?;
    // The main access manager administers everything: posts the new one held end.
    let ended = admins::end_posts_for_main_access_manager(&mut tx, enterprise, person).await?;
    super::activation_token::spend_all(&mut tx, enterprise, Some(previous), now).await?;
    let has_credentials: Option<i64> =
        sqlx::query_scalar("SELECT person_id FROM credentials WHERE person_id = $1")
            .bind(person.0)
            .fetch_optional(&mut *tx)
            .await?;
    let (activation, sent_by_email_and_sms) = match has_credentials {
        Some(_) => (None, false),
        None => {
            let (token, sent) = onboarding
                .send_activation(
                    &mut tx,
                    enterprise,
                    &enterprise_name,
                    person,
                    link_base,
                    now,
                )
                .await?;
            (Some(token), sent)
        }
    };
    append(
        &mut tx,
        &NewEvent {
            chain: AuditChain::Enterprise(enterprise),
            actor: Actor::Operator,
            action: Action::EnterpriseMainAccessManagerReplaced,
            target: Some(format!("enterprise:{enterprise}")),
            before: Some(json!({ "main_access_manager": format!("person:{previous}") })),
            after: Some(json!({
                "main_access_manager": format!("person:{person}"),
                "posts_ended": ended,
            })),
            client_addr: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Replaced {
        enterprise,
        previous,
        current: person,
        activation,
        sent_by_email_and_sms,
    })
}
