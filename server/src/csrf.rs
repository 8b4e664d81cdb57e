//! Cross-site request forgery protection for every state-changing request (server functions,
//! forms): a browser says where a request comes from (`Sec-Fetch-Site`, else `Origin`), and
//! anything not from this site is refused before it reaches a handler. Clients that send
//! neither header are not browsers, so they cannot be tricked into sending a victim's cookies.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The origin (`scheme://host[:port]`) pages are served from.
#[derive(Debug, Clone)]
pub struct SiteOrigin(pub String);

impl SiteOrigin {
    /// The origin of an absolute base URL such as `https://access.example.be/app`.
    pub fn of(public_url: &str) -> SiteOrigin {
        let origin = match public_url.split_once("://") {
            Some((scheme, rest)) => {
                format!("{scheme}://{}", rest.split('/').next().unwrap_or_default())
            }
            None => public_url.to_owned(),
        };
        SiteOrigin(origin.to_ascii_lowercase())
    }
}

/// Whether a request with these headers may change state.
pub fn allowed(method: &Method, headers: &HeaderMap, site: &SiteOrigin) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let value = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_ascii_lowercase)
    };
    if let Some(fetch_site) = value("sec-fetch-site") {
        return matches!(fetch_site.as_str(), "same-origin" | "none");
    }
    match value(header::ORIGIN.as_str()) {
        Some(origin) => origin == site.0,
        None => true,
    }
}

/// Refuses cross-site state-changing requests with 403.
pub async fn guard(State(site): State<SiteOrigin>, request: Request, next: Next) -> Response {
    if allowed(request.method(), request.headers(), &site) {
        return next.run(request).await;
    }
    tracing::warn!(
        method = %request.method(),
        path = %request.uri().path(),
        origin = ?request.headers().get(header::ORIGIN),
        "cross-site request refused"
    );
    let body = r#"{"code":"forbidden"}"#;
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().expect("header value"));
        }
        map
    }

    #[test]
    fn reads_are_never_blocked() {
        let site = SiteOrigin::of("https://access.example.be");
        assert!(allowed(
            &Method::GET,
            &headers(&[("sec-fetch-site", "cross-site")]),
            &site
        ));
    }

    #[test]
    fn cross_site_posts_are_refused_by_fetch_metadata_or_origin() {
        let site = SiteOrigin::of("https://access.example.be/");
        assert!(!allowed(
            &Method::POST,
            &headers(&[("sec-fetch-site", "cross-site")]),
            &site
        ));
        assert!(!allowed(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-site")]),
            &site
        ));
        assert!(!allowed(
            &Method::POST,
            &headers(&[("origin", "https://evil.example")]),
            &site
        ));
        assert!(!allowed(
            &Method::DELETE,
            &headers(&[("origin", "http://access.example.be")]),
            &site
        ));
    }

    #[test]
    fn same_origin_posts_and_non_browser_clients_pass() {
        let site = SiteOrigin::of("https://Access.Example.be:8443/base");
        assert!(allowed(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-origin")]),
            &site
        ));
        assert!(allowed(
            &Method::POST,
            &headers(&[("origin", "https://access.example.be:8443")]),
            &site
        ));
        assert!(allowed(&Method::POST, &HeaderMap::new(), &site));
    }
}
