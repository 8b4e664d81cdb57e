//! What a server function reads from the request it serves: the database the server put in its
//! context, the client's address, the cookies.

use crate::AppError;
use crate::platform::Database;
use http::{HeaderMap, header};

/// The pool the server put in every request's context.
pub fn database() -> Result<Database, AppError> {
    leptos::prelude::use_context::<Database>().ok_or_else(|| AppError::Internal.respond())
}

/// The peer address of the request, for the audit trail.
pub async fn client_address() -> Option<String> {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    leptos_axum::extract::<ConnectInfo<SocketAddr>>()
        .await
        .ok()
        .map(|ConnectInfo(address)| address.ip().to_string())
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
