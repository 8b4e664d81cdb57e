//! Choosing (or switching) the enterprise a signed-in person acts for. Only an enterprise the
//! person is linked to can be chosen; the choice and every refusal are audited.

use super::session::{self, Session};
use crate::domain::EnterpriseId;
use crate::features::audit::refusals;
use crate::features::audit::store::{NewEvent, append};
use crate::features::audit::{Action, Actor, AuditChain};
use crate::platform::db::{Database, now_millis};

/// Why the choice was refused.
#[derive(Debug, thiserror::Error)]
pub enum ActForError {
    /// The person is not linked to (employed by) that enterprise, or it does not exist.
    #[error("the person is not linked to the enterprise")]
    NotLinked,
    /// The session ended in the meantime.
    #[error("the session has ended")]
    SessionEnded,
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Makes `session` act for `enterprise`, checking the link in the same transaction.
pub async fn act_for(
    db: &Database,
    session: &Session,
    enterprise: EnterpriseId,
    client_addr: Option<&str>,
) -> Result<(), ActForError> {
    let person = session.person;
    let mut tx = db.write().await?;
    let linked: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM employments WHERE enterprise_id = $1 AND person_id = $2")
            .bind(enterprise.0)
            .bind(person.0)
            .fetch_optional(&mut *tx)
            .await?;
    let (chain, action) = if linked.is_some() {
        if !session::act_for(&mut tx, &session.token, enterprise).await? {
            return Err(ActForError::SessionEnded);
        }
        (AuditChain::Enterprise(enterprise), Action::SessionActingFor)
    } else {
        // Someone asked to act for an enterprise that is not theirs: worth a record.
        (AuditChain::Installation, Action::SessionActingForRefused)
    };
    let event = NewEvent {
        chain,
        actor: Actor::Person(person),
        action,
        target: Some(format!("enterprise:{enterprise}")),
        before: None,
        after: None,
        client_addr: client_addr.map(str::to_owned),
    };
    if linked.is_some() {
        append(&mut tx, &event).await?;
    } else {
        refusals::record(&mut tx, &event, now_millis()).await?;
    }
    tx.commit().await?;
    if linked.is_some() {
        Ok(())
    } else {
        Err(ActForError::NotLinked)
    }
}
