//! What a server function reads from the request it serves: the database and session settings
//! the server put in its context, the client's address, the cookies, the session.

use crate::AppError;
use crate::features::auth::acting::Acting;
use crate::features::auth::session::{Session, SessionConfig, SessionToken, resume};
use crate::platform::Database;
use crate::platform::db::now_millis;
use http::{HeaderMap, HeaderValue, header};

/// The pool the server put in every request's context.
pub fn database() -> Result<Database, AppError> {
    leptos::prelude::use_context::<Database>().ok_or_else(|| AppError::Internal.respond())
}

/// The client's address as the server determined it (the connection's peer, or what trusted
/// proxies forwarded), put into every request by the server's router.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub std::net::IpAddr);

/// The client's address, for the audit trail and refusal counts.
pub async fn client_address() -> Option<String> {
    use axum::Extension;
    leptos_axum::extract::<Extension<ClientAddress>>()
        .await
        .ok()
        .map(|Extension(ClientAddress(address))| address.to_string())
}

/// The value of the cookie `name` the browser sent, if any.
pub async fn cookie(name: &str) -> Option<String> {
    let headers = leptos_axum::extract::<HeaderMap>().await.ok()?;
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(cookie, _)| *cookie == name)
        .map(|(_, value)| value.to_owned())
}

/// How sessions behave, as the server configured them (defaults when it did not say).
pub fn session_config() -> SessionConfig {
    leptos::prelude::use_context::<SessionConfig>().unwrap_or_default()
}

/// The live session of the request, if it has one.
pub async fn optional_session() -> Result<Option<Session>, AppError> {
    let config = session_config();
    let Some(value) = cookie(config.cookie_name()).await else {
        return Ok(None);
    };
    let db = database()?;
    let token = SessionToken::from_cookie(&value);
    resume(&db, &token, now_millis(), config.lifetimes)
        .await
        .map_err(|error| AppError::from(error).respond())
}

/// The live session of the request, or `Unauthenticated` (401).
pub async fn session() -> Result<Session, AppError> {
    optional_session()
        .await?
        .ok_or_else(|| AppError::Unauthenticated.respond())
}

/// Sets (or, with `None`, clears) the session cookie on the response.
pub fn set_session_cookie(token: Option<&SessionToken>) {
    let cookie = session_config().set_cookie(token);
    if let (Some(response), Ok(cookie)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&cookie),
    ) {
        response.append_header(header::SET_COOKIE, cookie);
    }
}

/// Tells the client after how many seconds it may try again (with a 429).
pub fn set_retry_after(seconds: u64) {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
}

/// The signed-in person and the enterprise they act for, with their roles read fresh:
/// `Unauthenticated` without a session, `Forbidden` without a chosen (and still linked)
/// enterprise.
pub async fn acting() -> Result<Acting, AppError> {
    let session = session().await?;
    let db = database()?;
    crate::features::auth::acting::load(&db, &session)
        .await
        .map_err(|error| AppError::from(error).respond())?
        .ok_or_else(|| AppError::Forbidden.respond())
}
