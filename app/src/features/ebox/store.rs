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

/// Marks `person`'s message `id` in `enterprise` read (it stays read); `false` when it is not
/// theirs.
pub async fn mark_read(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    person: PersonId,
    id: i64,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "UPDATE ebox_messages SET read_at = COALESCE(read_at, $1) \
         WHERE id = $2 AND enterprise_id = $3 AND person_id = $4 RETURNING id",
    )
    .bind(now_millis())
    .bind(id)
    .bind(enterprise.0)
    .bind(person.0)
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}
