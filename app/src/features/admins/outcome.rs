//! What a refused appointment or revocation leaves behind: nothing changed, but an audit event
//! of who tried what on whom and which rule refused it. (A permitted one is recorded with
//! [`crate::features::record`].)

use crate::domain::{EnterpriseId, PersonId};
use crate::features::audit::Action;
use crate::features::audit::refusals::{self, Refused};
use crate::platform::db::Database;
use crate::policy::{Post, Refusal};
use serde_json::json;
use sqlx::{Any, Transaction};

/// What was attempted.
pub struct Attempt<'a> {
    /// The enterprise acted for.
    pub enterprise: EnterpriseId,
    /// Who tried.
    pub actor: PersonId,
    /// `administrator.appointment_refused` or `administrator.revocation_refused`.
    pub action: Action,
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
    /// A value of the request does not read (a page cursor).
    #[error("invalid {field}")]
    InvalidInput { field: &'static str },
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
    refusals::record_refused(
        db,
        &Refused {
            enterprise: attempt.enterprise,
            actor: attempt.actor,
            action: attempt.action,
            target: Some(format!("person:{}", attempt.person)),
            asked: json!({ "post": attempt.post }),
            refusal,
            client_addr: attempt.client_addr,
        },
    )
    .await
}

impl From<AdminError> for crate::AppError {
    fn from(error: AdminError) -> Self {
        match error {
            AdminError::Refused(reason) => crate::AppError::Refused { reason },
            AdminError::InvalidInput { field } => crate::AppError::InvalidInput {
                field: field.into(),
            },
            AdminError::Database(error) => crate::AppError::from(error),
        }
    }
}
