//! Revoking an administrator's post: decided by the policy on the organisation read inside the
//! write transaction, then removed, audited and announced in the former holder's e-Box in that
//! same transaction. A refusal changes nothing and is audited.

use super::outcome::{self, AdminError, Attempt};
use super::store;
use crate::domain::PersonId;
use crate::features::audit::{Action, Actor};
use crate::features::auth::acting::Acting;
use crate::features::ebox::Message;
use crate::features::record::{Change, record};
use crate::platform::db::Database;
use crate::policy::{Post, Refusal, may_revoke};
use serde_json::json;

/// `acting` ends `holder`'s `post`.
pub async fn revoke(
    db: &Database,
    acting: &Acting,
    holder: PersonId,
    post: Post,
    client_addr: Option<&str>,
) -> Result<(), AdminError> {
    let mut tx = db.write().await?;
    let decision = match store::decisive(&mut tx, acting.enterprise).await? {
        None => Err(Refusal::NotAnAdministrator),
        Some(organisation) => may_revoke(&organisation, acting.person, holder, post),
    };
    let attempt = Attempt {
        enterprise: acting.enterprise,
        actor: acting.person,
        action: Action::AdministratorRevocationRefused,
        person: holder,
        post,
        client_addr,
    };
    let permit = match decision {
        Ok(permit) => permit,
        Err(refusal) => return Err(outcome::refuse(db, tx, attempt, refusal).await),
    };
    if !store::vacate(&mut tx, &permit).await? {
        // A concurrent revocation ended the post first.
        return Err(outcome::refuse(db, tx, attempt, Refusal::NotHeld).await);
    }
    let change = Change {
        enterprise: permit.enterprise(),
        actor: Actor::Person(permit.actor()),
        action: Action::AdministratorRevoked,
        person: permit.holder(),
        before: Some(json!({ "post": permit.post() })),
        after: None,
        message: Message::Revoked {
            post: permit.post(),
            by: permit.actor(),
        },
        client_addr,
    };
    record(&mut tx, change).await?;
    tx.commit().await?;
    Ok(())
}
