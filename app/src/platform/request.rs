//! What a server function reads from the request it serves: the database the server put in its
//! context, the client's address, the cookies; and what it adds to the response.

use crate::AppError;
use crate::platform::Database;
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
    cookie_in(&headers, name)
}

/// The value of the cookie `name` in a request's `headers`, if any.
pub fn cookie_in(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(cookie, _)| *cookie == name)
        .map(|(_, value)| value.to_owned())
}

/// Tells the client after how many seconds it may try again (with a 429).
pub fn set_retry_after(seconds: u64) {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
}
