//! Liveness and readiness for load balancers and orchestrators.

use crate::app_state::AppState;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::time::Duration;

const READY_TIMEOUT: Duration = Duration::from_secs(2);

/// `GET /healthz`: the process is alive and serving. Never touches the database.
pub async fn healthz() -> Response {
    plain(StatusCode::OK, "ok")
}

/// `GET /readyz`: the database answers and its schema is in place; 503 otherwise.
pub async fn readyz(State(state): State<AppState>) -> Response {
    match tokio::time::timeout(READY_TIMEOUT, state.db.check_ready()).await {
        Ok(Ok(())) => plain(StatusCode::OK, "ready"),
        Ok(Err(error)) => {
            tracing::warn!(%error, "readiness check failed");
            plain(StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => {
            tracing::warn!("readiness check timed out");
            plain(StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

fn plain(status: StatusCode, body: &'static str) -> Response {
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
