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
    use crate::platform::request;
    let db = request::database()?;
    let client = request::client_address().await;
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
    ssr::set_session_cookie(Some(signed_in.token.expose()));
    Ok(SignedInAs {
        name: signed_in.name,
    })
}

/// Ends the current session, if any (audited), and clears the cookie.
#[server(endpoint = "auth/sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use super::session::SessionToken;
    use crate::platform::request;
    let db = request::database()?;
    if let Some(token) = request::cookie(SESSION_COOKIE).await {
        let client = request::client_address().await;
        super::sign_in::sign_out(&db, &SessionToken::from_cookie(&token), client.as_deref())
            .await
            .map_err(|e| AppError::from(e).respond())?;
    }
    ssr::set_session_cookie(None);
    Ok(())
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::SESSION_COOKIE;
    use crate::features::auth::session::Lifetimes;
    use http::{HeaderValue, header};

    /// Whether cookies must be `Secure` (the product is served over https).
    #[derive(Debug, Clone, Copy)]
    pub struct CookiePolicy {
        /// Add `Secure`.
        pub secure: bool,
    }

    /// Sets (or, with `None`, clears) the session cookie; it lives as long as a session may.
    pub fn set_session_cookie(token: Option<&str>) {
        let secure = leptos::prelude::use_context::<CookiePolicy>().is_some_and(|p| p.secure);
        let (value, max_age) = match token {
            Some(token) => (token, Lifetimes::default().absolute_ms / 1000),
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
