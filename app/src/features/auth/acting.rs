//! The signed-in person acting for their chosen enterprise, with their roles there, read fresh
//! from the database on every request that needs them.

use super::session::Session;
use crate::domain::{EnterpriseId, PersonId};
use crate::features::enterprises::EnterpriseStatus;
use crate::platform::db::Database;
use crate::policy::Roles;

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
    let row: Option<(String, i64)> = sqlx::query_as(
        "SELECT e.status, CASE WHEN m.person_id IS NULL THEN 0 ELSE 1 END \
         FROM employments em JOIN enterprises e ON e.id = em.enterprise_id \
         LEFT JOIN main_access_managers m ON m.enterprise_id = em.enterprise_id AND m.person_id = em.person_id \
         WHERE em.person_id = $1 AND em.enterprise_id = $2",
    )
    .bind(session.person.0)
    .bind(enterprise.0)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(status, mam)| Acting {
        person: session.person,
        enterprise,
        roles: Roles {
            main_access_manager: mam == 1,
            enterprise_active: EnterpriseStatus::from_stored(&status) == EnterpriseStatus::Active,
        },
    }))
}
