//! What an appointment or revocation leaves behind. A permitted one: its audit event and a
//! message in the e-Box of the person concerned, in the change's transaction. A refused one:
//! nothing changed, but an audit event of who tried what on whom and which rule refused it.

use crate::domain::{EnterpriseId, PersonId};
use crate::features::audit::store::{NewEvent, append};
use crate::features::audit::{Actor, AuditChain};
use crate::features::ebox::{Message, store as ebox};
use crate::platform::db::Database;
use crate::policy::{Post, Refusal};
use serde_json::{Value, json};
use sqlx::{Any, AnyConnection, Transaction};

/// A permitted change, to record.
pub struct Change<'a> {
    /// The enterprise.
    pub enterprise: EnterpriseId,
    /// Who acted.
    pub actor: PersonId,
    /// `administrator.appointed` or `administrator.revoked`.
    pub action: &'static str,
    /// On whom.
    pub person: PersonId,
    /// Their posts before, when they matter.
    pub before: Option<Value>,
    /// Their post after.
    pub after: Option<Value>,
    /// What their e-Box tells them.
    pub message: Message,
    /// The client's address.
    pub client_addr: Option<&'a str>,
}

/// Audits `change` and puts its message in the person's e-Box, in the change's transaction.
pub async fn record(conn: &mut AnyConnection, change: Change<'_>) -> Result<(), sqlx::Error> {
    append(
        &mut *conn,
        &NewEvent {
            chain: AuditChain::Enterprise(change.enterprise),
            actor: Actor::Person(change.actor),
            action: change.action,
            target: Some(format!("person:{}", change.person)),
            before: change.before,
            after: change.after,
            client_addr: change.client_addr.map(str::to_owned),
        },
    )
    .await?;
    ebox::deliver(conn, change.enterprise, change.person, &change.message).await
}

/// What was attempted.
pub struct Attempt<'a> {
    /// The enterprise acted for.
    pub enterprise: EnterpriseId,
    /// Who tried.
    pub actor: PersonId,
    /// `administrator.appointment_refused` or `administrator.revocation_refused`.
    pub action: &'static str,
    /// On whom.
    pub person: PersonId,
    /// Which post.
    pub post: Post,
    /// The client's address.
    pub client_addr: Option<&'a str>,
}

/// Why an administration request failed; nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// The policy refused; the refusal is audited.
    #[error("refused: {0}")]
    Refused(Refusal),
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Rolls back the refused change's transaction `change`, records the refusal in a transaction of
/// its own, and gives the error to return.
pub async fn refuse(
    db: &Database,
    change: Transaction<'static, Any>,
    attempt: Attempt<'_>,
    refusal: Refusal,
) -> AdminError {
    match record_refusal(db, change, &attempt, refusal).await {
        Ok(()) => AdminError::Refused(refusal),
        Err(error) => AdminError::Database(error),
    }
}

async fn record_refusal(
    db: &Database,
    change: Transaction<'static, Any>,
    attempt: &Attempt<'_>,
    refusal: Refusal,
) -> Result<(), sqlx::Error> {
    change.rollback().await?;
    let mut tx = db.write().await?;
    append(
        &mut tx,
        &NewEvent {
            chain: AuditChain::Enterprise(attempt.enterprise),
            actor: Actor::Person(attempt.actor),
            action: attempt.action,
            target: Some(format!("person:{}", attempt.person)),
            before: None,
            after: Some(json!({ "post": attempt.post, "refused": refusal.code() })),
            client_addr: attempt.client_addr.map(str::to_owned),
        },
    )
    .await?;
    tx.commit().await
}

impl From<AdminError> for crate::AppError {
    fn from(error: AdminError) -> Self {
        match error {
            AdminError::Refused(reason) => crate::AppError::Refused { reason },
            AdminError::Database(error) => crate::AppError::from(error),
        }
    }
}
