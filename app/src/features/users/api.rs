//! The user-management endpoints. Each authenticates, then hands the acting person to one use
//! case, which decides with the policy on the organisation read fresh from the database.

use super::{ChoiceKind, FilterChoices, GroupList, GroupQuery, Groups, LinkDetails, Lookup};
use super::{MyAccess, Reach, UserDetail, UserPage, UserQuery};
use crate::AppError;
use crate::domain::{GroupId, PersonId, ServiceId};
#[cfg(feature = "ssr")]
use crate::features::auth::request::{Caller, caller};
use crate::ui::picker::Choices;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// A page of the groups whose users the signed-in administrator manages, with counts.
#[server(endpoint = "users/groups", input = Json)]
pub async fn managed_groups(query: GroupQuery) -> Result<GroupList, AppError> {
    let Caller { acting, db, .. } = caller().await?;
    super::list::groups(&db, &acting, &query)
        .await
        .map_err(AppError::respond)
}

/// One group whose users the signed-in administrator manages, with its counts and services.
#[server(endpoint = "users/group")]
pub async fn managed_group(group: GroupId) -> Result<Groups, AppError> {
    let Caller { acting, db, .. } = caller().await?;
    super::list::group(&db, &acting, group)
        .await
        .map_err(AppError::respond)
}

/// What the user lists' filters offer first, and the names of the current picks.
#[server(endpoint = "users/filters", input = Json)]
pub async fn read_filter_choices(
    group: Option<GroupId>,
    service: Option<ServiceId>,
) -> Result<FilterChoices, AppError> {
    let Caller { acting, db, .. } = caller().await?;
    super::choices::filters(&db, &acting, group, service)
        .await
        .map_err(AppError::respond)
}

/// The groups or services of the signed-in administrator's scope whose names contain `text`.
#[server(endpoint = "users/choices")]
pub async fn filter_search(kind: ChoiceKind, text: String) -> Result<Choices, AppError> {
    let Caller { acting, db, .. } = caller().await?;
    super::choices::choose(&db, &acting, kind, &text)
        .await
        .map_err(AppError::respond)
}

/// A page of the users in the signed-in administrator's scope.
#[server(endpoint = "users/list", input = Json)]
pub async fn list_users(query: UserQuery) -> Result<UserPage, AppError> {
    let Caller { acting, db, .. } = caller().await?;
    super::list::list(&db, &acting, &query)
        .await
        .map_err(AppError::respond)
}

/// One user of the signed-in administrator's scope.
#[server(endpoint = "users/detail")]
pub async fn read_user(person: PersonId) -> Result<UserDetail, AppError> {
    let Caller { acting, db, .. } = caller().await?;
    super::detail::detail(&db, &acting, person)
        .await
        .map_err(AppError::respond)
}

/// What an NRN typed on the "Add user" form of `group` stands for.
#[server(endpoint = "users/lookup")]
pub async fn lookup_user(group: GroupId, nrn: String) -> Result<Lookup, AppError> {
    let Caller { acting, db, .. } = caller().await?;
    super::create::lookup(&db, &acting, group, &nrn)
        .await
        .map_err(AppError::respond)
}

/// Creates a user of `group` with `services`, linking the person first when `link` is given.
#[server(endpoint = "users/create", input = Json)]
pub async fn create_user(
    group: GroupId,
    nrn: String,
    services: Vec<ServiceId>,
    link: Option<LinkDetails>,
) -> Result<PersonId, AppError> {
    let Caller { acting, db, client } = caller().await?;
    let new = super::create::NewUser {
        group,
        nrn,
        services,
        link,
    };
    let letter = crate::features::invitations::letter::Letter::of_request();
    super::create::create(&db, &acting, &new, &letter, client.as_deref())
        .await
        .map_err(AppError::respond)
}

/// Makes `services` the services `person` may use in `group`.
#[server(endpoint = "users/services", input = Json)]
pub async fn set_user_services(
    person: PersonId,
    group: GroupId,
    services: Vec<ServiceId>,
    version: i64,
) -> Result<(), AppError> {
    let Caller { acting, db, client } = caller().await?;
    super::change::set_services(
        &db,
        &acting,
        person,
        group,
        &services,
        version,
        client.as_deref(),
    )
    .await
    .map_err(AppError::respond)
}

/// Blocks (`block`) or unblocks `person` in one group or in all.
#[server(endpoint = "users/block", input = Json)]
pub async fn block_user(
    person: PersonId,
    reach: Reach,
    block: bool,
    version: i64,
) -> Result<(), AppError> {
    let Caller { acting, db, client } = caller().await?;
    super::change::set_blocked(
        &db,
        &acting,
        person,
        reach,
        block,
        version,
        client.as_deref(),
    )
    .await
    .map_err(AppError::respond)
}

/// Removes `person` from `group`.
#[server(endpoint = "users/remove", input = Json)]
pub async fn remove_user(person: PersonId, group: GroupId, version: i64) -> Result<(), AppError> {
    let Caller { acting, db, client } = caller().await?;
    super::change::remove(&db, &acting, person, group, version, client.as_deref())
        .await
        .map_err(AppError::respond)
}

/// The services the signed-in person may use in the enterprise they act for.
#[server(endpoint = "users/my-access")]
pub async fn read_my_access() -> Result<MyAccess, AppError> {
    let Caller { acting, db, .. } = caller().await?;
    super::detail::my_access(&db, &acting)
        .await
        .map_err(AppError::respond)
}
