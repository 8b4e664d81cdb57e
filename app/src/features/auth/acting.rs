//! The signed-in person acting for their chosen enterprise, with their roles there, read fresh
//! from the database on every request that needs them.

use super::session::Session;
use crate::domain::{EnterpriseId, PersonId};
use crate::features::admins::store::level_sql;
use crate::features::enterprises::EnterpriseStatus;
use crate::platform::db::Database;
use crate::policy::{Level, Roles};

/// Who acts, for which enterprise, in which roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Acting {
    /// The signed-in person.
    pub person: PersonId,
    /// The enterprise they act for (they are linked to it).
    pub enterprise: EnterpriseId,
    /// Their roles in it.
    pub roles: Roles,
}

/// The acting person of `session`; `None` when no enterprise is chosen or the person is no
/// longer linked to it.
pub async fn load(db: &Database, session: &Session) -> Result<Option<Acting>, sqlx::Error> {
    let Some(enterprise) = session.enterprise else {
        return Ok(None);
    };
    let row: Option<(String, Option<String>)> = sqlx::query_as(&format!(
        "SELECT e.status, {} FROM employments em JOIN enterprises e ON e.id = em.enterprise_id \
         WHERE em.person_id = $1 AND em.enterprise_id = $2",
        level_sql("em.enterprise_id", "em.person_id")
    ))
    .bind(session.person.0)
    .bind(enterprise.0)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(status, level)| Acting {
        person: session.person,
        enterprise,
        roles: Roles {
            level: level.as_deref().and_then(Level::from_stored),
            enterprise_active: EnterpriseStatus::from_stored(&status) == EnterpriseStatus::Active,
        },
    }))
}
