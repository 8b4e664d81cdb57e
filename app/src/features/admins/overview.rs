//! What the Administrators page shows first: the signed-in administrator's own posts and groups,
//! the posts above group administrators with their holders, appointers and starts, and the first
//! posts they may fill. Group administrators come a page at a time
//! (`group_administrators.rs`).

use super::outcome::AdminError;
use super::sign_in_help::add_standings;
use super::{Overview, Person, SCOPE_GROUPS_SHOWN, ScopeGroups, Shown, open_posts, store};
use crate::domain::{EnterpriseId, PersonId};
use crate::features::invitations::SignInStanding;
use crate::platform::db::Database;
use crate::platform::names::{Named, localized_each};
use crate::platform::time::format_day;
use crate::policy::{
    Holding, Level, Organisation, Refusal, appointable_levels, may_look_for_appointees, may_revoke,
    may_see_administrators,
};
use crate::ui::picker::Choices;
use std::collections::HashMap;

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
    let organisation = &stored.organisation;
    may_see_administrators(organisation, actor).map_err(AdminError::Refused)?;
    let held: Vec<(Holding, i64)> = organisation
        .holdings()
        .zip(stored.since.iter().copied())
        .collect();
    let upper: Vec<(Holding, i64)> = held
        .iter()
        .filter(|(holding, _)| holding.post.level() > Level::GroupAdministrator)
        .copied()
        .collect();
    let mine: Vec<(Holding, i64)> = held
        .iter()
        .filter(|(holding, _)| holding.person == actor)
        .copied()
        .collect();
    let named: Vec<&(Holding, i64)> = upper.iter().chain(&mine).collect();
    let mut ids: Vec<PersonId> = named
        .iter()
        .flat_map(|(holding, _)| [Some(holding.person), holding.appointed_by])
        .flatten()
        .chain([actor])
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let people: HashMap<PersonId, Person> = store::people(&mut conn, enterprise, &ids)
        .await?
        .into_iter()
        .map(|person| (person.id, person))
        .collect();
    let domains: Vec<i64> = named
        .iter()
        .filter_map(|(holding, _)| holding.post.domain().map(|d| d.0))
        .collect();
    let groups: Vec<i64> = named
        .iter()
        .filter_map(|(holding, _)| holding.post.group().map(|g| g.0))
        .collect();
    let scopes = localized_each(
        &mut conn,
        &[(Named::Domains, domains), (Named::Groups, groups)],
    )
    .await?;
    let shown = |(holding, since): &(Holding, i64)| {
        let holder = people.get(&holding.person).cloned().unwrap_or(Person {
            id: holding.person,
            name: format!("#{}", holding.person),
            identifier: String::new(),
        });
        let scope = match (holding.post.domain(), holding.post.group()) {
            (Some(domain), _) => scopes.get(&(Named::Domains, domain.0)).cloned(),
            (_, Some(group)) => scopes.get(&(Named::Groups, group.0)).cloned(),
            _ => None,
        };
        Shown {
            post: holding.post,
            holder,
            scope,
            appointed_by: holding.appointed_by.map(|by| {
                people
                    .get(&by)
                    .map_or_else(|| format!("#{by}"), |person| person.name.clone())
            }),
            since: format_day(*since),
            revocable: may_revoke(organisation, actor, holding.person, holding.post).is_ok(),
            sign_in: SignInStanding::default(),
        }
    };
    let mine = mine.iter().map(shown).collect();
    let mut upper: Vec<Shown> = upper.iter().map(shown).collect();
    add_standings(&mut conn, organisation, actor, &mut upper).await?;
    let my_groups = scope_groups(&mut conn, organisation, actor).await?;
    let may_appoint = may_look_for_appointees(organisation, actor).is_ok();
    let open = if may_appoint {
        open_posts::search(&mut conn, organisation, actor, "").await?
    } else {
        Choices::default()
    };
    Ok(Overview {
        me: actor,
        mine,
        my_groups,
        appointable: appointable_levels(organisation, actor),
        upper,
        may_appoint,
        open,
    })
}

/// The groups whose users `actor` manages: every group, or the first by name and how many.
async fn scope_groups(
    conn: &mut sqlx::AnyConnection,
    organisation: &Organisation,
    actor: PersonId,
) -> Result<ScopeGroups, sqlx::Error> {
    let standing = organisation.standing(actor);
    if standing.level >= Some(Level::CoMainAccessManager) {
        return Ok(ScopeGroups {
            everything: true,
            first: Vec::new(),
            total: organisation.groups.len(),
        });
    }
    let groups: Vec<_> = standing.groups.iter().copied().collect();
    let first = if groups.is_empty() {
        Vec::new()
    } else {
        store::group_names(conn, &groups, "", SCOPE_GROUPS_SHOWN)
            .await?
            .into_iter()
            .map(|(_, name)| name)
            .collect()
    };
    Ok(ScopeGroups {
        everything: false,
        first,
        total: groups.len(),
    })
}
