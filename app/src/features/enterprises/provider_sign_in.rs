//! Signing in through an identity provider as the person it vouched for: a session like any
//! sign-in's (strong: no app code is asked), and — as the seed says, the main access manager
//! "activates the account at first sign-in" — every pending enterprise whose main access manager
//! they are becomes active at that moment, in the same transaction, audited, with a message in
//! their e-Box there. Nobody is ever made from a provider's claims: the person must be known
//! here and linked to an enterprise.

use super::activate::activate_and_record;
use super::activation_token;
use crate::domain::{EnterpriseId, EnterpriseStatus, Nrn, PersonId};
use crate::features::audit::refusals;
use crate::features::audit::store::{NewEvent, append};
use crate::features::audit::{Action, Actor, AuditChain};
use crate::features::auth::providers::ProviderFailure;
use crate::features::auth::providers::flow::{self, Answer, Identified};
use crate::features::auth::providers::registry::Providers;
use crate::features::auth::session::{self, SessionToken};
use crate::features::ebox::{self, Message};
use crate::features::invitations;
use crate::platform::db::{Database, now_millis};
use chrono::{DateTime, Utc};
use serde_json::json;

/// A person signed in through a provider.
#[derive(Debug)]
pub struct ProviderSignedIn {
    /// Who.
    pub person: PersonId,
    /// The new session's cookie value.
    pub token: SessionToken,
    /// Linked to several enterprises: they choose which one to act for.
    pub must_choose_enterprise: bool,
    /// The pending enterprises this sign-in activated.
    pub activated: Vec<EnterpriseId>,
}

/// Finishes the sign-in the provider answered (see [`flow::finish`]; ID tokens verified as of
/// `verify_at`) and starts the person's session. Every refusal is audited.
pub async fn sign_in(
    db: &Database,
    providers: &Providers,
    answer: Answer<'_>,
    verify_at: DateTime<Utc>,
    client_addr: Option<&str>,
) -> Result<ProviderSignedIn, ProviderFailure> {
    let Identified { provider, nrn } = match flow::finish(db, providers, answer, verify_at).await {
        Ok(identified) => identified,
        Err(refused) => {
            refuse(db, None, answer.provider, &refused.reason, client_addr).await;
            return Err(refused.failure);
        }
    };
    let known = person_of(db, &nrn).await.map_err(|error| {
        tracing::error!(%error, "could not look up a person signing in through a provider");
        ProviderFailure::Internal
    })?;
    let Some((person, enterprises)) = known.filter(|(_, enterprises)| *enterprises > 0) else {
        let person = known.map(|(person, _)| person);
        refuse(db, person, &provider, "unknown_person", client_addr).await;
        return Err(ProviderFailure::UnknownPerson);
    };
    start(db, person, &provider, client_addr)
        .await
        .map(|(token, activated)| ProviderSignedIn {
            person,
            token,
            must_choose_enterprise: enterprises > 1,
            activated,
        })
        .map_err(|error| {
            tracing::error!(%error, "could not start a session after a provider sign-in");
            ProviderFailure::Internal
        })
}

/// The person with `nrn` and how many enterprises they are linked to.
async fn person_of(db: &Database, nrn: &Nrn) -> Result<Option<(PersonId, i64)>, sqlx::Error> {
    let found: Option<(i64, i64)> = sqlx::query_as(
        "SELECT p.id, (SELECT COUNT(*) FROM employments em WHERE em.person_id = p.id) \
         FROM persons p WHERE p.nrn = $1",
    )
    .bind(nrn.as_str())
    .fetch_optional(db.pool())
    .await?;
    Ok(found.map(|(person, enterprises)| (PersonId(person), enterprises)))
}

/// The session, its audit event and the activations, in one transaction.
async fn start(
    db: &Database,
    person: PersonId,
    provider: &str,
    client_addr: Option<&str>,
) -> Result<(SessionToken, Vec<EnterpriseId>), sqlx::Error> {
    let now = now_millis();
    let mut tx = db.write().await?;
    let token = session::start(&mut tx, person, now, client_addr).await?;
    append(
        &mut tx,
        &NewEvent {
            chain: AuditChain::Installation,
            actor: Actor::Person(person),
            action: Action::SignInSucceeded,
            target: Some(format!("person:{person}")),
            before: None,
            after: Some(json!({ "method": "identity_provider", "provider": provider })),
            client_addr: client_addr.map(str::to_owned),
        },
    )
    .await?;
    // Their invitations have nothing left to do: they sign in this way (the pages say so).
    invitations::link::spend_all_of(&mut tx, person, now).await?;
    let pending: Vec<i64> = sqlx::query_scalar(
        "SELECT m.enterprise_id FROM main_access_managers m \
         JOIN enterprises e ON e.id = m.enterprise_id \
         WHERE m.person_id = $1 AND e.status = $2 ORDER BY m.enterprise_id",
    )
    .bind(person.0)
    .bind(EnterpriseStatus::Pending.as_str())
    .fetch_all(&mut *tx)
    .await?;
    let mut activated = Vec::new();
    for enterprise in pending.into_iter().map(EnterpriseId) {
        let credentials = format!("identity provider {provider}");
        let client_addr = client_addr.map(str::to_owned);
        // The update is the guard: of two sign-ins at once, one activates.
        if !activate_and_record(&mut tx, enterprise, person, &credentials, client_addr, now).await?
        {
            continue;
        }
        // The operator's link has nothing left to do.
        activation_token::spend_all(&mut tx, enterprise, Some(person), now).await?;
        ebox::store::deliver(&mut tx, enterprise, person, &Message::Activated).await?;
        activated.push(enterprise);
    }
    tx.commit().await?;
    Ok((token, activated))
}

/// Audits a refused provider sign-in (a flood is folded into one event per minute).
async fn refuse(
    db: &Database,
    person: Option<PersonId>,
    provider: &str,
    reason: &str,
    client_addr: Option<&str>,
) {
    let provider: String = provider.chars().take(32).collect();
    let event = NewEvent {
        chain: AuditChain::Installation,
        actor: person.map_or(Actor::Anonymous, Actor::Person),
        action: Action::SignInFailed,
        target: person.map(|p| format!("person:{p}")),
        before: None,
        after: Some(
            json!({ "method": "identity_provider", "provider": provider, "reason": reason }),
        ),
        client_addr: client_addr.map(str::to_owned),
    };
    let recorded = async {
        let mut tx = db.write().await?;
        refusals::record(&mut tx, &event, now_millis()).await?;
        tx.commit().await
    }
    .await;
    if let Err(error) = recorded {
        tracing::error!(%error, reason, "could not record a refused provider sign-in");
    }
}
