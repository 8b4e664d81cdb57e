//! Drives the real router in-process: one request in, status, headers and body out.

#![allow(dead_code)]

pub mod oidc;
pub mod smtp;

use app::platform::Database;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use server::config::{LogFormat, Settings};
use server::{AppState, router};
use tower::ServiceExt;

/// Settings for an in-process server on `db`, with `public_url` deciding http or https.
pub fn settings(public_url: &str) -> Settings {
    Settings {
        database_url: "sqlite://unused.db".parse().expect("valid url"),
        listen: "127.0.0.1:0".parse().expect("valid address"),
        public_url: public_url.to_owned(),
        site_root: std::env::temp_dir().join("access-no-site"),
        catalog_file: concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/default.toml").into(),
        identity_providers: Vec::new(),
        sessions: Default::default(),
        delivery: Default::default(),
        proxies: Default::default(),
        log_level: "warn".into(),
        log_format: LogFormat::Text,
    }
}

/// The full router over `db`, served as http://127.0.0.1.
pub fn app(db: &Database) -> Router {
    router(AppState::new(
        &settings("http://127.0.0.1:3000"),
        db.clone(),
    ))
}

/// What came back.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// Sends `GET path` with the given headers.
pub async fn get(app: &Router, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(app, request.body(Body::empty()).expect("valid request")).await
}

/// Sends any request.
pub async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = app
        .clone()
        .oneshot(request)
        .await
        .expect("router is infallible");
    Reply::read(response).await
}

impl Reply {
    /// Status, headers and the whole body of `response`.
    pub async fn read<B>(response: axum::http::Response<B>) -> Reply
    where
        B: axum::body::HttpBody,
        B::Error: std::fmt::Debug,
    {
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }
}

/// The value of `lang` on the `<html>` element.
pub fn html_lang(body: &str) -> Option<String> {
    let start = body.find("<html")?;
    let tag = &body[start..start + body[start..].find('>')?];
    let at = tag.find("lang=\"")? + "lang=\"".len();
    Some(tag[at..at + tag[at..].find('"')?].to_owned())
}

/// A same-origin form POST to a server function, with the session cookie `cookie` (`name=value`).
pub fn post_form(path: &str, body: String, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("sec-fetch-site", "same-origin");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.body(Body::from(body)).expect("request")
}

/// `name=value` of the cookie a reply set.
pub fn cookie_pair(reply: &Reply) -> String {
    reply
        .header("set-cookie")
        .split(';')
        .next()
        .expect("a cookie")
        .to_owned()
}

/// Signs Anna in over HTTP with the app's next code; returns the reply.
pub async fn sign_in_anna(app: &Router, secret: &app::features::auth::totp::TotpSecret) -> Reply {
    use app::testing::fixtures::{ANNA_NRN, GOOD_PASSWORD, next_code};
    let code = next_code(secret);
    send(
        app,
        post_form(
            "/api/auth/sign_in",
            format!("identifier={ANNA_NRN}&password={GOOD_PASSWORD}&code={code}"),
            None,
        ),
    )
    .await
}
