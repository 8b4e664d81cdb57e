//! The invitation endpoints. They need no session: the one-time link is the credential, and
//! each refusal is audited by the use case.

use super::InvitationView;
use crate::AppError;
use leptos::prelude::*;

/// What the invitation page shows for the link `token`.
#[server(endpoint = "invitation/view")]
pub async fn load_invitation(token: String) -> Result<InvitationView, AppError> {
    let db = crate::platform::request::database()?;
    let client = crate::platform::request::client_address().await;
    let providers = super::letter::Letter::of_request().providers;
    super::accept::open(&db, &token, providers, client)
        .await
        .map_err(|reason| AppError::Activation { reason }.respond())
}

/// Sets the person's password and confirms their app with `code`.
#[server(endpoint = "invitation/accept")]
pub async fn accept_invitation(
    token: String,
    password: String,
    password_confirm: String,
    code: String,
    #[server(default)] temporary_password: Option<String>,
) -> Result<(), AppError> {
    use crate::features::auth::enrolment::Attempt;
    let refused = |reason| AppError::Activation { reason }.respond();
    let attempt = Attempt::typed(
        &password,
        &password_confirm,
        &code,
        temporary_password.as_deref(),
    )
    .map_err(refused)?;
    let db = crate::platform::request::database()?;
    let client = crate::platform::request::client_address().await;
    super::accept::complete(&db, &token, attempt, client)
        .await
        .map_err(refused)
}
