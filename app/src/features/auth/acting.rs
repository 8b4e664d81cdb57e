//! The signed-in person acting for their chosen enterprise, with their roles there, read fresh
//! from the database on every request that needs them.

use super::session::Session;
use crate::domain::EnterpriseStatus;
use crate::domain::{EnterpriseId, PersonId};
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
    let Some((status,)) = sqlx::query_as::<_, (String,)>(
        "SELECT e.status FROM employments em JOIN enterprises e ON e.id = em.enterprise_id \
         WHERE em.person_id = $1 AND em.enterprise_id = $2",
    )
    .bind(session.person.0)
    .bind(enterprise.0)
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    let levels: Vec<(i64, String)> =
        sqlx::query_as(&format!("{POSTS_OF_PERSON} AND enterprise_id = $2"))
            .bind(session.person.0)
            .bind(enterprise.0)
            .fetch_all(db.pool())
            .await?;
    Ok(Some(Acting {
        person: session.person,
        enterprise,
        roles: Roles::from_levels(
            levels
                .iter()
                .filter_map(|(_, level)| Level::from_stored(level)),
            EnterpriseStatus::from_stored(&status) == EnterpriseStatus::Active,
        ),
    }))
}

/// The enterprise and level of every post person `$1` holds (the main access manager's
/// included), as `(enterprise_id, level)`; the policy takes the highest.
pub(super) const POSTS_OF_PERSON: &str = "SELECT enterprise_id, level FROM (\
     SELECT enterprise_id, person_id, 'main_access_manager' AS level FROM main_access_managers \
     UNION ALL SELECT enterprise_id, person_id, level FROM administrators) posts \
     WHERE person_id = $1";
