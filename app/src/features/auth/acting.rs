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

/// The acting person of `session`, read in one query; `None` when no enterprise is chosen or the
/// person is no longer linked to it.
pub async fn load(db: &Database, session: &Session) -> Result<Option<Acting>, sqlx::Error> {
    let Some(enterprise) = session.enterprise else {
        return Ok(None);
    };
    // One row per post held there, or one row with no level for a person without a post.
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(&format!(
        "SELECT e.status, posts.level FROM employments em \
         JOIN enterprises e ON e.id = em.enterprise_id \
         LEFT JOIN ({POSTS_OF_PERSON}) posts ON posts.enterprise_id = em.enterprise_id \
         WHERE em.person_id = $1 AND em.enterprise_id = $2"
    ))
    .bind(session.person.0)
    .bind(enterprise.0)
    .fetch_all(db.pool())
    .await?;
    let Some((status, _)) = rows.first() else {
        return Ok(None);
    };
    Ok(Some(Acting {
        person: session.person,
        enterprise,
        roles: Roles::from_levels(
            rows.iter()
                .filter_map(|(_, level)| level.as_deref().and_then(Level::from_stored)),
            EnterpriseStatus::from_stored(status) == EnterpriseStatus::Active,
        ),
    }))
}

/// The enterprise and level of every post person `$1` holds (the main access manager's
/// included), as `(enterprise_id, level)`; the policy takes the highest of an enterprise's.
pub(super) const POSTS_OF_PERSON: &str = "\
     SELECT enterprise_id, 'main_access_manager' AS level FROM main_access_managers \
     WHERE person_id = $1 \
     UNION ALL SELECT enterprise_id, level FROM administrators WHERE person_id = $1";
