//! Sign-in and sign-out endpoints. Sign-in is the one endpoint that needs no session; the
//! session it starts lives in an HttpOnly cookie the page script never sees.

use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "session";

/// Whom a successful sign-in signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedInAs {
    /// Given and family name.
    pub name: String,
}

/// Checks NRN (or username), password and app code; starts a session on success.
#[server(endpoint = "auth/sign_in")]
pub async fn sign_in(
    identifier: String,
    password: String,
    code: String,
) -> Result<SignedInAs, AppError> {
    use super::sign_in::{Credentials, SignInError, sign_in as check};
    let db = ssr::database()?;
    let client = ssr::client_address().await;
    let credentials = Credentials {
        identifier: &identifier,
        password: &password,
        code: &code,
    };
    let signed_in =
        check(&db, credentials, client.as_deref())
            .await
            .map_err(|error| match error {
                SignInError::Refused => AppError::SignInRefused.respond(),
                SignInError::Internal => AppError::Internal.respond(),
            })?;
    let (given, family): (String, String) =
        sqlx::query_as("SELECT given_name, family_name FROM persons WHERE id = $1")
            .bind(signed_in.person.0)
            .fetch_one(db.pool())
            .await
            .map_err(|e| AppError::from(e).respond())?;
    ssr::set_session_cookie(Some(signed_in.token.expose()));
    Ok(SignedInAs {
        name: format!("{given} {family}"),
    })
}

/// Ends the current session, if any, and clears the cookie.
#[server(endpoint = "auth/sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use super::session::{SessionToken, end};
    let db = ssr::database()?;
    if let Some(token) = ssr::session_cookie().await {
        end(
            &db,
            &SessionToken::from_cookie(&token),
            crate::platform::db::now_millis(),
        )
        .await
        .map_err(|e| AppError::from(e).respond())?;
    }
    ssr::set_session_cookie(None);
    Ok(())
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::SESSION_COOKIE;
    use crate::AppError;
    use crate::platform::Database;
    use http::{HeaderMap, HeaderValue, header};

    /// Whether cookies must be `Secure` (the product is served over https).
    #[derive(Debug, Clone, Copy)]
    pub struct CookiePolicy {
        /// Add `Secure`.
        pub secure: bool,
    }

    pub fn database() -> Result<Database, AppError> {
        leptos::prelude::use_context::<Database>().ok_or_else(|| AppError::Internal.respond())
    }

    pub async fn client_address() -> Option<String> {
        use axum::extract::ConnectInfo;
        use std::net::SocketAddr;
        leptos_axum::extract::<ConnectInfo<SocketAddr>>()
            .await
            .ok()
            .map(|ConnectInfo(address)| address.ip().to_string())
    }

    /// The session token the browser sent, if any.
    pub async fn session_cookie() -> Option<String> {
        let headers = leptos_axum::extract::<HeaderMap>().await.ok()?;
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == SESSION_COOKIE)
            .map(|(_, value)| value.to_owned())
    }

    /// Sets (or, with `None`, clears) the session cookie on the response.
    pub fn set_session_cookie(token: Option<&str>) {
        let secure = leptos::prelude::use_context::<CookiePolicy>().is_some_and(|p| p.secure);
        let (value, max_age) = match token {
            Some(token) => (token, 12 * 60 * 60),
            None => ("", 0),
        };
        let cookie = format!(
            "{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
            if secure { "; Secure" } else { "" }
        );
        if let (Some(response), Ok(cookie)) = (
            leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
            HeaderValue::from_str(&cookie),
        ) {
            response.append_header(header::SET_COOKIE, cookie);
        }
    }
}

#[cfg(feature = "ssr")]
pub use ssr::CookiePolicy;
