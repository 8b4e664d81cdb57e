//! Headers every response carries. HTML pages set their own nonce-based CSP (see
//! `app::shell`); everything else gets a policy that allows nothing to run or frame it.
//! Nothing but the static bundle (which sets its own `Cache-Control`) may be kept by a browser
//! or a shared cache: pages and server-function answers are made for one session.

use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::Response;

/// CSP for responses that are not pages (JSON, WASM, health checks).
pub const DEFAULT_CSP: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// What the layer adds; built once at start.
#[derive(Debug, Clone, Copy)]
pub struct SecurityHeaders {
    /// Send `Strict-Transport-Security` (only when served over https).
    pub hsts: bool,
}

/// Adds each security header the handler did not set itself.
pub async fn apply(State(policy): State<SecurityHeaders>, mut response: Response) -> Response {
    let headers = response.headers_mut();
    let mut set = |name: HeaderName, value: &'static str| {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    };
    set(header::CONTENT_SECURITY_POLICY, DEFAULT_CSP);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::REFERRER_POLICY, "same-origin");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    );
    set(
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        HeaderName::from_static("cross-origin-resource-policy"),
        "same-origin",
    );
    if policy.hsts {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    let headers = response.headers_mut();
    let cache = headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    if cache.as_bytes() == b"no-store" {
        headers.append(header::VARY, HeaderValue::from_static("Cookie"));
    }
    response
}
