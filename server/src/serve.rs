//! Starting and stopping: open and migrate the database, bind, serve, and on SIGTERM or Ctrl-C
//! stop accepting connections while in-flight requests finish.

use crate::app_state::AppState;
use crate::config::Settings;
use crate::outbox_delivery::Delivery;
use crate::router::router;
use crate::startup_error::StartupError;
use app::features::auth::providers::registry::Providers;
use app::features::catalog::{self, file::Catalog};
use app::platform::{Database, DbError};
use app::policy::SystemPermit;
use axum::Router;
use axum::serve::ListenerExt;
use std::future::Future;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// `server serve`.
pub async fn run(settings: Settings) -> Result<(), StartupError> {
    let db = open(&settings).await?;
    if !settings.site_root.join("pkg").is_dir() {
        tracing::warn!(
            site_root = %settings.site_root.display(),
            "no pkg/ folder in the site root: pages will render without styles and scripts \
             (build with `cargo leptos build --release` or set LEPTOS_SITE_ROOT)"
        );
    }
    let listener =
        TcpListener::bind(settings.listen)
            .await
            .map_err(|source| StartupError::Listen {
                address: settings.listen,
                source,
            })?;
    tracing::info!(
        address = %settings.listen,
        public_url = %settings.public_url,
        database = %settings.database_url,
        "serving"
    );
    let providers = Providers::new(settings.identity_providers.clone(), &settings.public_url)
        .map_err(StartupError::IdentityProviders)?;
    // Reached in the background: a provider that cannot be reached does not hold the start up.
    let discovery = tokio::spawn(providers.clone().keep_fresh());
    let state = AppState::new(&settings, db.clone()).with_providers(providers);
    let renders = state.renders.clone();
    let app = router(state);
    let (stop_delivery, stop) = tokio::sync::watch::channel(false);
    let delivery =
        tokio::spawn(Delivery::new(settings.delivery.clone()).run(db.clone(), stop.clone()));
    let housekeeping = tokio::spawn(crate::housekeeping::run(
        db.clone(),
        settings.sessions,
        stop,
    ));
    let served = serve(listener, app, shutdown_signal()).await;
    renders.finished(RENDERS_GRACE).await;
    let _ = stop_delivery.send(true);
    let _ = delivery.await;
    let _ = housekeeping.await;
    discovery.abort();
    served?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// How long a stopping server waits for the page renders of clients already gone.
const RENDERS_GRACE: std::time::Duration = std::time::Duration::from_secs(10);

/// `server migrate`.
pub async fn migrate_only(settings: &Settings) -> Result<(), StartupError> {
    let db = open(settings).await?;
    tracing::info!(database = %settings.database_url, "migrations applied");
    db.close().await;
    Ok(())
}

/// Opens and migrates the database, then brings its service catalogue in line with the file.
pub(crate) async fn open(settings: &Settings) -> Result<Database, StartupError> {
    let catalog = Catalog::load(&settings.catalog_file)?;
    let db = Database::connect(&settings.database_url).await?;
    db.migrate().await?;
    let summary = catalog::store::apply(&db, &SystemPermit::for_system_work(), &catalog)
        .await
        .map_err(DbError::from)?;
    tracing::info!(
        file = %settings.catalog_file.display(),
        domains = summary.domains,
        groups = summary.groups,
        services = summary.services,
        retired = summary.retired,
        "service catalogue applied"
    );
    if let Err(error) = db.refresh_planner_statistics().await {
        // Only the plans' speed depends on it: the server starts all the same.
        tracing::warn!(%error, "the planner's statistics could not be refreshed");
    }
    Ok(db)
}

/// Serves until `shutdown` completes, then waits for in-flight requests to finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), StartupError> {
    // Responses stream in several writes (the page's shell, then its data): without
    // TCP_NODELAY the kernel holds each small write back until the last one is acknowledged,
    // about 40 ms per page.
    let listener = listener.tap_io(|stream| {
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%error, "TCP_NODELAY not set on a connection");
        }
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .map_err(StartupError::Serve)
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested; finishing in-flight requests");
}
