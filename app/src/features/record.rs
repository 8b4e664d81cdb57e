//! What a permitted change to someone's access leaves behind, in the change's own transaction:
//! its audit event (who, what, on whom, before and after) and a message in the e-Box of the
//! person concerned. Appointments, revocations and every change to a user are recorded here.

use crate::domain::{EnterpriseId, PersonId};
use crate::features::audit::store::{NewEvent, append};
use crate::features::audit::{Action, Actor, AuditChain};
use crate::features::ebox::{Message, store as ebox};
use serde_json::Value;
use sqlx::AnyConnection;

/// A permitted change, to record.
pub struct Change<'a> {
    pub enterprise: EnterpriseId,
    /// Who acted: an administrator, or the operator (a catalogue reload).
    pub actor: Actor,
    /// What happened.
    pub action: Action,
    /// On whom.
    pub person: PersonId,
    /// Their state before, when it matters.
    pub before: Option<Value>,
    /// Their state after.
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
            actor: change.actor,
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
