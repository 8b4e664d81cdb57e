//! The Administrators page's endpoints. Each authenticates, then hands the acting person to a use
//! case that decides with the policy on the organisation read fresh from the database.

use super::{HoldingPage, HoldingQuery, Overview, Person};
use crate::AppError;
use crate::domain::PersonId;
#[cfg(feature = "ssr")]
use crate::features::auth::request::{Caller, caller};
use crate::features::invitations::SignInState;
use crate::policy::Post;
use crate::ui::picker::Choices;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The acting enterprise's administrators and the signed-in administrator's scope.
#[server(endpoint = "admins/overview")]
pub async fn administrators() -> Result<Overview, AppError> {
    let Caller { acting, db, .. } = caller().await?;
    super::overview::overview(&db, acting.enterprise, acting.person)
        .await
        .map_err(|error| AppError::from(error).respond())
}

/// A page of the acting enterprise's group administrators, found by group or holder name.
#[server(endpoint = "admins/group-administrators", input = Json)]
pub async fn group_administrators(query: HoldingQuery) -> Result<HoldingPage, AppError> {
    let Caller { acting, db, .. } = caller().await?;
    super::group_administrators::group_administrators(&db, acting.enterprise, acting.person, &query)
        .await
        .map_err(|error| AppError::from(error).respond())
}

/// The posts the signed-in administrator may fill now whose level or scope is named with `text`.
#[server(endpoint = "admins/open-posts")]
pub async fn open_posts(text: String) -> Result<Choices, AppError> {
    let Caller { acting, db, .. } = caller().await?;
    super::open_posts::open_posts(&db, acting.enterprise, acting.person, &text)
        .await
        .map_err(|error| AppError::from(error).respond())
}

/// People linked to the acting enterprise whose NRN starts with, or whose name contains, `text`.
#[server(endpoint = "admins/candidates")]
pub async fn appointment_candidates(text: String) -> Result<Vec<Person>, AppError> {
    let Caller { acting, db, .. } = caller().await?;
    super::candidates::candidates(&db, acting.enterprise, acting.person, &text)
        .await
        .map_err(|error| AppError::from(error).respond())
}

/// Appoints `person` to `post` in the acting enterprise.
#[server(endpoint = "admins/appoint", input = Json)]
pub async fn appoint_administrator(person: PersonId, post: Post) -> Result<(), AppError> {
    let Caller { acting, db, client } = caller().await?;
    let letter = crate::features::invitations::letter::Letter::of_request();
    super::appoint::appoint(&db, &acting, person, post, &letter, client.as_deref())
        .await
        .map_err(|error| AppError::from(error).respond())
}

/// Ends `person`'s `post` in the acting enterprise.
#[server(endpoint = "admins/revoke", input = Json)]
pub async fn revoke_administrator(person: PersonId, post: Post) -> Result<(), AppError> {
    let Caller { acting, db, client } = caller().await?;
    super::revoke::revoke(&db, &acting, person, post, client.as_deref())
        .await
        .map_err(|error| AppError::from(error).respond())
}

/// Sends `person` their invitation again, from the acting enterprise; returns where they stand.
#[server(endpoint = "admins/resend_invitation", input = Json)]
pub async fn resend_invitation(person: PersonId) -> Result<SignInState, AppError> {
    let Caller { acting, db, client } = caller().await?;
    let letter = crate::features::invitations::letter::Letter::of_request();
    super::sign_in_help::resend_invitation(&db, &acting, person, &letter, client.as_deref())
        .await
        .map_err(|error| AppError::from(error).respond())
}
