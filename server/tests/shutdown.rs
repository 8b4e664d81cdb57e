//! Graceful shutdown: once SIGTERM (here: the shutdown future) arrives, the server stops
//! accepting connections but lets requests already in flight finish.

use app::testing::TestDb;
use axum::routing::get;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[tokio::test]
async fn in_flight_request_finishes_after_shutdown_is_requested() {
    let t = TestDb::sqlite().await;
    let (started_tx, started_rx) = tokio::sync::oneshot::channel::<()>();
    let started_tx = std::sync::Arc::new(std::sync::Mutex::new(Some(started_tx)));
    let slow = get(move || {
        let started_tx = started_tx.clone();
        async move {
            if let Some(tx) = started_tx.lock().ok().and_then(|mut guard| guard.take()) {
                let _ = tx.send(());
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
            "finished"
        }
    });
    let app = server::router_with(
        server::AppState::new(&common_settings(), t.db.clone()),
        axum::Router::new().route("/slow", slow),
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(server::serve::serve(listener, app, async {
        let _ = stop_rx.await;
    }));

    let mut client = TcpStream::connect(address).await.expect("connect");
    client
        .write_all(b"GET /slow HTTP/1.1\r\nhost: test\r\nconnection: close\r\n\r\n")
        .await
        .expect("send request");
    started_rx.await.expect("the slow handler started");
    stop_tx.send(()).expect("request shutdown");

    let mut response = String::new();
    client
        .read_to_string(&mut response)
        .await
        .expect("read response");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.ends_with("finished"), "{response}");

    let result = tokio::time::timeout(Duration::from_secs(5), server).await;
    assert!(
        matches!(result, Ok(Ok(Ok(())))),
        "the server stops once the request is done"
    );
    assert!(
        TcpStream::connect(address).await.is_err(),
        "no new connections after shutdown"
    );
}

fn common_settings() -> server::Settings {
    server::Settings {
        database_url: "sqlite://unused.db".parse().expect("url"),
        listen: "127.0.0.1:0".parse().expect("address"),
        public_url: "http://127.0.0.1".into(),
        site_root: std::env::temp_dir(),
        catalog_file: concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/default.toml").into(),
        identity_providers: Vec::new(),
        sessions: Default::default(),
        delivery: Default::default(),
        proxies: Default::default(),
        log_level: "warn".into(),
        log_format: server::config::LogFormat::Text,
    }
}
