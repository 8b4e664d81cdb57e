//! The answer to a request whose handler panicked: 500, never kept by a cache, with none of the
//! panic's text (it is logged where it happened).

use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;

/// 500 "internal error", `no-store`; logs that a handler panicked.
pub fn panic_response(
    _payload: Box<dyn std::any::Any + Send + 'static>,
) -> axum::response::Response {
    tracing::error!("a request handler panicked");
    let mut response = (
        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        "internal error",
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
