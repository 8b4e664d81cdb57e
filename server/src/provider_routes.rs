//! The two addresses of a sign-in through an identity provider. The sign-in page's button posts
//! to `/sign-in/provider/{id}`, which sends the person to the provider; the provider sends them
//! back to `/sign-in/provider/{id}/callback`, which signs them in and goes on to their home page
//! (or first to the choice of enterprise). Any failure goes back to the sign-in page, which says
//! why in the person's language. Plain links and forms: they work before the page's script has
//! loaded, and the provider's answer is a top-level GET (the `SameSite=Lax` cookies come with it).

use crate::app_state::AppState;
use app::features::auth::providers::ProviderFailure;
use app::features::auth::providers::flow::{self, Answer, browser_cookie, browser_cookie_name};
use app::features::enterprises::provider_sign_in;
use app::platform::request::{ClientAddress, cookie_in};
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// `POST /sign-in/provider/{id}`: to the provider, with a cookie that ties its answer to this
/// browser.
pub async fn begin(State(state): State<AppState>, Path(provider): Path<String>) -> Response {
    if state.providers.find(&provider).is_none() {
        return (StatusCode::NOT_FOUND, "no such identity provider").into_response();
    }
    let secure = state.sessions.secure;
    match flow::begin(&state.db, &state.providers, &provider).await {
        Ok(started) => see_other(
            &started.authorize_url,
            &[browser_cookie(secure, Some(&started.browser_token))],
        ),
        Err(failure) => back_to_sign_in(failure, &[]),
    }
}

/// What the provider sends back.
#[derive(Debug, Default, Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    iss: Option<String>,
}

/// `GET /sign-in/provider/{id}/callback`: signs the person in, or says why not.
pub async fn callback(
    State(state): State<AppState>,
    Path(provider): Path<String>,
    query: Result<Query<CallbackQuery>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
    client: Option<Extension<ClientAddress>>,
) -> Response {
    // A query that does not decode is an answer without code or state: refused as such.
    let query = query.map(|Query(query)| query).unwrap_or_default();
    let secure = state.sessions.secure;
    let browser_token = cookie_in(&headers, browser_cookie_name(secure));
    let answer = Answer {
        provider: &provider,
        browser_token: browser_token.as_deref(),
        code: query.code.as_deref(),
        state: query.state.as_deref(),
        error: query.error.as_deref(),
        iss: query.iss.as_deref(),
    };
    let client = client.map(|Extension(ClientAddress(address))| address.to_string());
    let signed_in = provider_sign_in::sign_in(
        &state.db,
        &state.providers,
        answer,
        chrono::Utc::now(),
        client.as_deref(),
    )
    .await;
    match signed_in {
        Ok(signed_in) => {
            let next = if signed_in.must_choose_enterprise {
                "/enterprise"
            } else {
                "/"
            };
            see_other(
                next,
                &[
                    state.sessions.set_cookie(Some(&signed_in.token)),
                    browser_cookie(secure, None),
                ],
            )
        }
        Err(failure) => back_to_sign_in(failure, &[browser_cookie(secure, None)]),
    }
}

/// Back to the sign-in page, which says what went wrong.
fn back_to_sign_in(failure: ProviderFailure, cookies: &[String]) -> Response {
    see_other(
        &format!("/sign-in?provider_failed={}", failure.code()),
        cookies,
    )
}

/// A 303 to `location`, setting `cookies`.
fn see_other(location: &str, cookies: &[String]) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    match HeaderValue::from_str(location) {
        Ok(location) => {
            headers.insert(header::LOCATION, location);
        }
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            headers.append(header::SET_COOKIE, value);
        }
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
