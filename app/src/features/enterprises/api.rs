//! The activation endpoints. They need no session: the one-time link is the credential, and
//! each refusal is audited by the use case.

use super::ActivationView;
use crate::AppError;
use leptos::prelude::*;

/// What the activation page shows for the link `token`.
#[server(endpoint = "activation/view")]
pub async fn load_activation(token: String) -> Result<ActivationView, AppError> {
    let db = crate::platform::request::database()?;
    let client = crate::platform::request::client_address().await;
    super::activate::open(&db, &token, client)
        .await
        .map_err(|reason| AppError::Activation { reason }.respond())
}

/// Sets the main access manager's password, confirms the authenticator with `code`, and
/// activates the enterprise.
#[server(endpoint = "activation/complete")]
pub async fn activate(
    token: String,
    password: String,
    password_confirm: String,
    code: String,
    #[server(default)] temporary_password: Option<String>,
) -> Result<(), AppError> {
    let refused = |reason| AppError::Activation { reason }.respond();
    let attempt = super::activate::Attempt::typed(
        &password,
        &password_confirm,
        &code,
        temporary_password.as_deref(),
    )
    .map_err(refused)?;
    let db = crate::platform::request::database()?;
    let client = crate::platform::request::client_address().await;
    super::activate::complete(&db, &token, attempt, client)
        .await
        .map(|_| ())
        .map_err(refused)
}

/// Activates the enterprise for a main access manager who signs in already, with their own
/// password and a code from their own app (which stay as they are).
#[server(endpoint = "activation/confirm")]
pub async fn activate_with_account(
    token: String,
    password: String,
    code: String,
) -> Result<(), AppError> {
    let db = crate::platform::request::database()?;
    let client = crate::platform::request::client_address().await;
    super::activate::confirm_with_account(&db, &token, &password, &code, client)
        .await
        .map(|_| ())
        .map_err(|reason| AppError::Activation { reason }.respond())
}
