//! Revoking an administrator's post: decided by the policy on the organisation read inside the
//! write transaction, then removed, audited and announced in the former holder's e-Box in that
//! same transaction. A refusal changes nothing and is audited.

use super::refused::{self, AdminError, Attempt};
use super::store;
use crate::domain::PersonId;
use crate::features::audit::store::{NewEvent, append};
use crate::features::audit::{Actor, AuditChain};
use crate::features::auth::acting::Acting;
use crate::features::ebox::{Message, store as ebox};
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
    let decision = match store::organisation(&mut tx, acting.enterprise).await? {
        None => Err(Refusal::NotAnAdministrator),
        Some((organisation, _)) => may_revoke(&organisation, acting.person, holder, post),
    };
    let permit = match decision {
        Ok(permit) => permit,
        Err(refusal) => {
            let attempt = Attempt {
                enterprise: acting.enterprise,
                actor: acting.person,
                action: "administrator.revocation_refused",
                person: holder,
                post,
                client_addr,
            };
            return Err(refused::refuse(db, tx, attempt, refusal).await);
        }
    };
    store::vacate(&mut tx, &permit).await?;
    append(
        &mut tx,
        &NewEvent {
            chain: AuditChain::Enterprise(permit.enterprise()),
            actor: Actor::Person(permit.actor()),
            action: "administrator.revoked",
            target: Some(format!("person:{}", permit.holder())),
            before: Some(json!({ "post": permit.post() })),
            after: None,
            client_addr: client_addr.map(str::to_owned),
        },
    )
    .await?;
    let message = Message::Revoked {
        post: permit.post(),
        by: permit.actor(),
    };
    ebox::deliver(&mut tx, permit.enterprise(), permit.holder(), &message).await?;
    tx.commit().await?;
    Ok(())
}
