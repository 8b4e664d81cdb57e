//! A page whose client goes away in the middle is still rendered to its end (so the render's
//! reactive owner is torn down by Leptos as usual, never under tasks it left queued), and a client
//! that stays receives the page as it is produced, whole.

mod common;

use app::testing::TestDb;
use axum::body::{Body, Bytes};
use axum::routing::get;
use futures_util::StreamExt;
use server::render_to_the_end::Renders;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const PIECES: usize = 20;

/// The probe's server.
struct Probe {
    address: std::net::SocketAddr,
    /// Raised once the page's last piece has been read.
    finished: Arc<AtomicBool>,
    renders: Renders,
    stop: tokio::sync::oneshot::Sender<()>,
    served: tokio::task::JoinHandle<Result<(), server::StartupError>>,
}

/// Serves the full router plus `/probe/page`: a page produced in pieces 20 ms apart that raises
/// the flag once its last piece has been read.
async fn serve_probe(db: &app::platform::Database) -> Probe {
    let finished = Arc::new(AtomicBool::new(false));
    let page = get({
        let finished = finished.clone();
        move || {
            let finished = finished.clone();
            async move {
                let pieces = futures_util::stream::iter(0..PIECES)
                    .then(|piece| async move {
                        if piece > 0 {
                            tokio::time::sleep(Duration::from_millis(20)).await;
                        }
                        Ok::<_, std::io::Error>(Bytes::from(format!("<p>{piece}</p>")))
                    })
                    .chain(futures_util::stream::once(async move {
                        finished.store(true, Ordering::SeqCst);
                        Ok(Bytes::new())
                    }));
                Body::from_stream(pieces)
            }
        }
    });
    let state = server::AppState::new(&common::settings("http://127.0.0.1:3000"), db.clone());
    let renders = state.renders.clone();
    let app = server::router_with(state, axum::Router::new().route("/probe/page", page));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = tokio::spawn(server::serve::serve(listener, app, async {
        let _ = stopped.await;
    }));
    Probe {
        address,
        finished,
        renders,
        stop,
        served,
    }
}

async fn request_page(address: std::net::SocketAddr, headers: &str) -> TcpStream {
    let mut client = TcpStream::connect(address).await.expect("connect");
    let request = format!(
        "GET /probe/page HTTP/1.1\r\nhost: 127.0.0.1:3000\r\nconnection: close\r\n{headers}\r\n"
    );
    client
        .write_all(request.as_bytes())
        .await
        .expect("send the request");
    client
}

/// Asks for the page and reads the answer to its end (a compressed body as bytes read as
/// text); it must be a success.
async fn whole_answer(address: std::net::SocketAddr, headers: &str) -> String {
    let mut client = request_page(address, headers).await;
    let mut response = Vec::new();
    client
        .read_to_end(&mut response)
        .await
        .expect("read the page");
    let response = String::from_utf8_lossy(&response).into_owned();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    response
}

/// Asks for the page, reads its first piece and goes away at once: a reset, as a browser that
/// navigates away or a load generator that stops.
async fn abandon_after_the_first_piece(address: std::net::SocketAddr) {
    let mut client = request_page(address, "").await;
    let mut received = Vec::new();
    let mut buffer = [0u8; 1024];
    while !String::from_utf8_lossy(&received).contains("<p>0</p>") {
        let read = client.read(&mut buffer).await.expect("read");
        assert!(read > 0, "the connection closed before the first piece");
        received.extend_from_slice(&buffer[..read]);
    }
    client.set_zero_linger().expect("linger");
    drop(client);
}

#[tokio::test]
async fn a_page_the_client_abandons_is_still_rendered_to_its_end() {
    let t = TestDb::sqlite().await;
    // The server serves until `probe` is dropped.
    let probe = serve_probe(&t.db).await;
    let (address, finished) = (probe.address, probe.finished.clone());

    abandon_after_the_first_piece(address).await;
    assert!(
        !finished.load(Ordering::SeqCst),
        "the page was not over yet"
    );

    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while !finished.load(Ordering::SeqCst) && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        finished.load(Ordering::SeqCst),
        "the render stopped when its client went away"
    );
}

#[tokio::test]
async fn a_client_that_stays_receives_the_whole_page() {
    let t = TestDb::sqlite().await;
    // The server serves until `probe` is dropped.
    let probe = serve_probe(&t.db).await;
    let (address, finished) = (probe.address, probe.finished.clone());

    let response = whole_answer(address, "").await;
    let mut position = 0;
    for piece in 0..PIECES {
        let expected = format!("<p>{piece}</p>");
        let found = response[position..]
            .find(&expected)
            .unwrap_or_else(|| panic!("{expected} missing or out of order: {response}"));
        position += found + expected.len();
    }
    assert!(finished.load(Ordering::SeqCst));
}

#[tokio::test]
async fn a_compressed_page_ends_like_any_other() {
    let t = TestDb::sqlite().await;
    // The server serves until `probe` is dropped.
    let probe = serve_probe(&t.db).await;
    let (address, finished) = (probe.address, probe.finished.clone());

    let response = whole_answer(address, "accept-encoding: gzip\r\n").await;
    assert!(response.contains("content-encoding: gzip"), "{response}");
    assert!(
        response.ends_with("0\r\n\r\n"),
        "the last chunk: {response}"
    );
    assert!(finished.load(Ordering::SeqCst));
}

#[tokio::test]
async fn a_stopping_server_waits_for_the_renders_of_clients_gone() {
    let t = TestDb::sqlite().await;
    let probe = serve_probe(&t.db).await;
    let finished = probe.finished;

    abandon_after_the_first_piece(probe.address).await;
    // As `server serve` stops: no more requests, then the renders, then the database.
    probe.stop.send(()).expect("stop");
    probe.served.await.expect("served").expect("stopped");
    assert!(
        !finished.load(Ordering::SeqCst),
        "the page was not over yet"
    );
    probe.renders.finished(Duration::from_secs(5)).await;
    assert!(
        finished.load(Ordering::SeqCst),
        "the server would close its database under a render"
    );
}
