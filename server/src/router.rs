//! The HTTP surface: pages, server functions, static files, health checks, and the layers
//! around them (security headers, compression, request tracing).

use crate::app_state::AppState;
use crate::health;
use crate::security_headers;
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::{any, get};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::ServeDir;
use tower_http::services::fs::ServeFileSystemResponseBody;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

/// The complete router with all layers.
pub fn router(state: AppState) -> Router {
    router_with(state, Router::new())
}

/// The complete router, plus `extra` routes under the same layers (tests add probes here).
pub fn router_with(state: AppState, extra: Router<AppState>) -> Router {
    let routes = route_list();
    let context = request_context(&state);
    let pkg_dir = std::path::Path::new(&*state.leptos_options.site_root)
        .join(&*state.leptos_options.site_pkg_dir);
    // Hashed bundle names change with their content: browsers keep them for good. Without
    // hashes (a development build) they must revalidate (cheap: Last-Modified). The release build
    // compresses them once (brotli, gzip); ServeDir serves those files as they are.
    // A missing file is not kept (the security headers make it `no-store`).
    let caching = HeaderValue::from_static(if state.leptos_options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    });
    let static_files = tower::ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            move |response: &axum::http::Response<ServeFileSystemResponseBody>| {
                response.status().is_success().then(|| caching.clone())
            },
        ))
        .service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        );

    extra
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route(
            "/sign-in/provider/{provider}",
            axum::routing::post(crate::provider_routes::begin),
        )
        .route(
            "/sign-in/provider/{provider}/callback",
            get(crate::provider_routes::callback),
        )
        .route("/api/{*fn_name}", any(unknown_endpoint))
        .nest_service("/pkg", static_files)
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.renders.clone(),
            crate::render_to_the_end::render_to_the_end,
        ))
        .layer(axum::middleware::from_fn(server_fn_error_status))
        .layer(axum::middleware::from_fn(limit_server_fn_body))
        // A bug that panics in a handler answers 500 (and is logged) instead of dropping the
        // connection; the layers below still add their headers to that answer.
        .layer(CatchPanicLayer::custom(
            crate::internal_error::panic_response,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.site.clone(),
            crate::csrf::guard,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.proxies.clone(),
            crate::client_address::resolve,
        ))
        .layer(axum::middleware::map_response_with_state(
            state.security,
            security_headers::apply,
        ))
        // Pages are compressed as they are sent, at the fastest levels (brotli 1, gzip 1): on
        // the users page compression took 7% of the server's CPU at brotli's default 4, 2.7% at
        // 1, and the 58 KB page still goes out as 9 KB. Bundle files come compressed at the best
        // level from the build.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(1)))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// The app's routes, generated once per process. Generating them renders the app with resource
/// loading suppressed by a process-wide flag (leptos_server's `SuppressResourceLoad`); a page
/// rendered meanwhile on another thread would wait forever for its resources, so it must never
/// happen while requests are served (leptos issue #4773).
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// What every page render and server function finds in its context.
fn request_context(state: &AppState) -> impl Fn() + Clone + Send + 'static + use<> {
    let db = state.db.clone();
    let sessions = state.sessions;
    let providers = state.providers.clone();
    let public_url = state.public_url.clone();
    move || {
        provide_context(db.clone());
        provide_context(sessions);
        provide_context(providers.clone());
        provide_context(public_url.clone());
        // Each request's own: what its server functions already read.
        provide_context(app::platform::RequestMemo::default());
    }
}

/// The largest request body a server function accepts: every form and JSON argument of the
/// product fits many times over.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// A path under `/api/` that names no server function (the registered ones have routes of
/// their own): 404, as a JSON error, with none of the framework's text.
async fn unknown_endpoint() -> axum::response::Response {
    json_error(app::AppError::NotFound)
}

/// A known path asked with a method it does not take: 405, as JSON under `/api/`.
async fn method_not_allowed(request: Request<Body>) -> axum::response::Response {
    if request.uri().path().starts_with("/api/") {
        json_error(app::AppError::MethodNotAllowed)
    } else {
        (
            axum::http::StatusCode::METHOD_NOT_ALLOWED,
            "method not allowed",
        )
            .into_response()
    }
}

/// Reads the body of every server-function request up to [`MAX_BODY_BYTES`] before anything
/// runs; a larger one answers 413, whether or not it announced its length.
async fn limit_server_fn_body(
    request: Request<Body>,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use http_body_util::{BodyExt, Limited};
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) if error.is::<http_body_util::LengthLimitError>() => {
            return json_error(app::AppError::TooLarge);
        }
        Err(_) => {
            return json_error(app::AppError::InvalidInput {
                field: "request".into(),
            });
        }
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// `error` as a server function answers it: its status, and its JSON form as the body.
fn json_error(error: app::AppError) -> axum::response::Response {
    let body = serde_json::to_string(&error).unwrap_or_default();
    (
        error.status(),
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// Errors raised before a server function runs (arguments that do not decode) leave the
/// framework as 500; give them the status their error code stands for.
async fn server_fn_error_status(
    request: Request<Body>,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use http_body_util::BodyExt;
    let is_server_fn = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_server_fn || response.status() != axum::http::StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(collected) = body.collect().await else {
        return axum::response::Response::from_parts(parts, Body::empty());
    };
    let bytes = collected.to_bytes();
    if let Ok(error) = serde_json::from_slice::<app::AppError>(&bytes) {
        parts.status = error.status();
    }
    axum::response::Response::from_parts(parts, Body::from(bytes))
}

/// Unknown paths render the app, whose router shows the 404 page and sets the status.
async fn not_found(
    State(state): State<AppState>,
    request: Request<Body>,
) -> axum::response::Response {
    let options = state.leptos_options.clone();
    let handler =
        leptos_axum::render_app_to_stream_with_context(request_context(&state), move || {
            shell(options.clone())
        });
    handler(request).await.into_response()
}
