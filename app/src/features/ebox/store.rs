//! Writing to e-Boxes, inside the transaction of the change the message is about.

use super::Message;
use crate::domain::{EnterpriseId, PersonId};
use crate::platform::db::now_millis;
use sqlx::AnyConnection;

/// Puts `message` in `person`'s e-Box of `enterprise`.
pub async fn deliver(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    person: PersonId,
    message: &Message,
) -> Result<(), sqlx::Error> {
    let params = serde_json::to_string(message).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO ebox_messages (enterprise_id, person_id, kind, params_json, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(enterprise.0)
    .bind(person.0)
    .bind(message.kind())
    .bind(params)
    .bind(now_millis())
    .execute(conn)
    .await?;
    Ok(())
}
