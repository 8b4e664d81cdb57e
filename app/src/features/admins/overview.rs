//! What the Administrators page shows: every post with its holder, appointer and start, the
//! enterprise's active domains and groups, and the people named.

use super::outcome::AdminError;
use super::{Overview, store};
use crate::domain::{EnterpriseId, PersonId};
use crate::platform::db::Database;
use crate::platform::time::format_day;
use crate::policy::{Refusal, may_see_administrators};

/// The page for `actor` in `enterprise`.
pub async fn overview(
    db: &Database,
    enterprise: EnterpriseId,
    actor: PersonId,
) -> Result<Overview, AdminError> {
    let mut conn = db.pool().acquire().await?;
    let Some(stored) = store::organisation(&mut conn, enterprise).await? else {
        return Err(AdminError::Refused(Refusal::NotAnAdministrator));
    };
    may_see_administrators(&stored.organisation, actor).map_err(AdminError::Refused)?;
    let people = store::people(&mut conn, enterprise, actor).await?;
    Ok(Overview {
        me: actor,
        organisation: stored.organisation,
        since: stored.since.into_iter().map(format_day).collect(),
        people,
        domains: stored.domains,
        groups: stored.groups,
    })
}
