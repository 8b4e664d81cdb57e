//! What the user lists' group and service filters offer: the first choices of the
//! administrator's scope before anything is typed, and those whose names contain what is typed,
//! searched on the server (a scope may hold a thousand groups).

use super::list::{Seen, seen};
use super::store::{self, GroupSelection, Within};
use super::{ChoiceKind, FilterChoices};
use crate::AppError;
use crate::domain::{EnterpriseId, GroupId, ServiceId};
use crate::features::auth::acting::Acting;
use crate::platform::db::Database;
use crate::platform::names::{Named, localized};
use crate::ui::picker::{CHOICES, Choice, Choices};
use sqlx::AnyConnection;

/// The first choices of both filters for `acting`, and the names of the current picks (a pick
/// outside the scope is dropped).
pub async fn filters(
    db: &Database,
    acting: &Acting,
    group: Option<GroupId>,
    service: Option<ServiceId>,
) -> Result<FilterChoices, AppError> {
    let mut conn = db.pool().acquire().await?;
    let seen = seen(&mut conn, acting).await?;
    let enterprise = acting.enterprise;
    let groups = search(&mut conn, enterprise, &seen, ChoiceKind::Group, "").await?;
    let services = search(&mut conn, enterprise, &seen, ChoiceKind::Service, "").await?;
    let group = match group.filter(|group| seen.groups.contains(group)) {
        Some(group) => {
            let picked = [group];
            let selection = GroupSelection {
                within: Within::groups(&picked),
                ..GroupSelection::default()
            };
            store::group_choices(&mut conn, enterprise, &selection)
                .await?
                .into_iter()
                .next()
        }
        None => None,
    };
    let service = match service {
        Some(service) => {
            let names = localized(&mut conn, Named::Services, [service.0]).await?;
            names.into_iter().next().map(|(id, name)| Choice {
                id: id.to_string(),
                name,
            })
        }
        None => None,
    };
    Ok(FilterChoices {
        groups,
        services,
        group,
        service,
    })
}

/// The first choices of the `kind` filter whose names contain `text`.
pub async fn choose(
    db: &Database,
    acting: &Acting,
    kind: ChoiceKind,
    text: &str,
) -> Result<Choices, AppError> {
    let mut conn = db.pool().acquire().await?;
    let seen = seen(&mut conn, acting).await?;
    search(&mut conn, acting.enterprise, &seen, kind, text).await
}

/// The first choices of the `kind` filter in `seen` whose names contain `text`.
async fn search(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    seen: &Seen,
    kind: ChoiceKind,
    text: &str,
) -> Result<Choices, AppError> {
    let found = match kind {
        ChoiceKind::Group => {
            let selection = GroupSelection {
                within: seen.within(),
                text,
                after: None,
                limit: Some(CHOICES + 1),
            };
            store::group_choices(conn, enterprise, &selection).await?
        }
        ChoiceKind::Service => {
            store::service_choices(conn, enterprise, seen.within(), text, CHOICES + 1).await?
        }
    };
    Ok(Choices::of(found))
}
