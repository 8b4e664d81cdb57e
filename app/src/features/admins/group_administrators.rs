//! The group administrators of an enterprise, a page at a time by group name and found by the
//! group's or the holder's name: an enterprise of a thousand groups has up to a thousand.

use super::outcome::AdminError;
use super::sign_in_help::add_standings;
use super::store::{self, GroupAdministratorRow};
use super::{HOLDINGS_PAGE_SIZE, HoldingPage, HoldingQuery, Person, Shown};
use crate::domain::{EnterpriseId, GroupId, PersonId};
use crate::features::invitations::SignInStanding;
use crate::platform::db::Database;
use crate::platform::sql::{name_cursor, parse_name_cursor};
use crate::platform::time::format_day;
use crate::policy::{Post, Refusal, may_revoke, may_see_administrators};

/// The page of group administrators `query` asks for, as `actor` sees it.
pub async fn group_administrators(
    db: &Database,
    enterprise: EnterpriseId,
    actor: PersonId,
    query: &HoldingQuery,
) -> Result<HoldingPage, AdminError> {
    let after = match query.after.as_deref() {
        None | Some("") => None,
        Some(text) => {
            let (name, id) =
                parse_name_cursor(text).ok_or(AdminError::InvalidInput { field: "after" })?;
            Some((name, GroupId(id)))
        }
    };
    let mut conn = db.pool().acquire().await?;
    let Some(organisation) = store::decisive(&mut conn, enterprise).await? else {
        return Err(AdminError::Refused(Refusal::NotAnAdministrator));
    };
    may_see_administrators(&organisation, actor).map_err(AdminError::Refused)?;
    let mut rows = store::group_administrators(
        &mut conn,
        enterprise,
        &query.search,
        after,
        HOLDINGS_PAGE_SIZE + 1,
    )
    .await?;
    let next = if rows.len() > HOLDINGS_PAGE_SIZE {
        rows.truncate(HOLDINGS_PAGE_SIZE);
        rows.last()
            .map(|row| name_cursor(row.group_id, row.group.english()))
    } else {
        None
    };
    let mut rows = rows
        .into_iter()
        .map(|row: GroupAdministratorRow| {
            let post = Post::GroupAdministrator(GroupId(row.group_id));
            let holder = Person::from(row.holder);
            let by = match (row.by_given_name, row.by_family_name) {
                (Some(given), Some(family)) => format!("{given} {family}"),
                _ => format!("#{}", row.appointed_by),
            };
            Shown {
                revocable: may_revoke(&organisation, actor, holder.id, post).is_ok(),
                post,
                holder,
                scope: Some(row.group.into()),
                appointed_by: Some(by),
                since: format_day(row.appointed_at),
                sign_in: SignInStanding::default(),
            }
        })
        .collect::<Vec<_>>();
    add_standings(&mut conn, &organisation, actor, &mut rows).await?;
    Ok(HoldingPage { rows, next })
}
