//! Appointing an administrator: decided by the policy on the organisation read inside the write
//! transaction, then written, audited and announced in the appointee's e-Box in that same
//! transaction, with an invitation for an appointee who cannot sign in yet. A refusal changes
//! nothing and is audited.

use super::outcome::{self, AdminError, Attempt};
use super::store;
use crate::domain::PersonId;
use crate::features::audit::{Action, Actor};
use crate::features::auth::acting::Acting;
use crate::features::ebox::Message;
use crate::features::invitations::letter::{Letter, invite_if_needed};
use crate::features::invitations::link::Authorised;
use crate::features::people::employments;
use crate::features::record::{Change, record};
use crate::platform::db::{Database, now_millis};
use crate::policy::{Appointee, Post, Refusal, may_appoint};
use serde_json::json;

/// `acting` appoints `person` to `post`.
pub async fn appoint(
    db: &Database,
    acting: &Acting,
    person: PersonId,
    post: Post,
    letter: &Letter,
    client_addr: Option<&str>,
) -> Result<(), AdminError> {
    let mut tx = db.write().await?;
    let decision = match store::decisive(&mut tx, acting.enterprise).await? {
        None => Err(Refusal::NotAnAdministrator),
        Some(organisation) => {
            let linked = employments::is_linked(&mut tx, acting.enterprise, person).await?;
            may_appoint(
                &organisation,
                acting.person,
                Appointee { person, linked },
                post,
            )
        }
    };
    let attempt = Attempt {
        enterprise: acting.enterprise,
        actor: acting.person,
        action: Action::AdministratorAppointmentRefused,
        person,
        post,
        client_addr,
    };
    let permit = match decision {
        Ok(permit) => permit,
        Err(refusal) => return Err(outcome::refuse(db, tx, attempt, refusal).await),
    };
    if let Err(error) = store::fill(&mut tx, &permit).await {
        // A concurrent appointment filled the post first (PostgreSQL reads committed state; the
        // unique keys decide): the same refusal as if it had been seen.
        if !error
            .as_database_error()
            .is_some_and(|e| e.is_unique_violation())
        {
            return Err(error.into());
        }
        let refusal = match post {
            Post::AccessManager(_) => Refusal::DomainTaken,
            Post::GroupAdministrator(_) => Refusal::GroupTaken,
            _ => Refusal::AlreadyAdministers,
        };
        return Err(outcome::refuse(db, tx, attempt, refusal).await);
    }
    let before = (!permit.replaces().is_empty()).then(|| json!({ "posts": permit.replaces() }));
    let change = Change {
        enterprise: permit.enterprise(),
        actor: Actor::Person(permit.actor()),
        action: Action::AdministratorAppointed,
        person: permit.appointee(),
        before,
        after: Some(json!({ "post": permit.post() })),
        message: Message::Appointed {
            post: permit.post(),
            by: permit.actor(),
        },
        client_addr,
    };
    record(&mut tx, change).await?;
    // An appointee who cannot sign in yet is invited, in the same transaction.
    let authorised = Authorised::Appointed(&permit);
    invite_if_needed(
        &mut tx,
        authorised,
        person,
        letter,
        client_addr,
        now_millis(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
