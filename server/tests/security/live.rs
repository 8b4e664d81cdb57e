//! The real server on a real socket: `serve` with the full router and every layer, reached
//! over HTTP/1.1 from a chosen local address (any of 127.0.0.0/8), so that the client's
//! address, proxy headers, body limits and headers behave as they do in production.

use crate::common::Reply;
use app::platform::Database;
use axum::body::Body;
use axum::http::{Method, Request};
use hyper_util::rt::TokioIo;
use server::config::Settings;
use server::{AppState, router};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::oneshot;

/// The address clients connect from unless a test says otherwise.
pub const CLIENT: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 1));

/// A running server.
pub struct Live {
    address: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
}

impl Live {
    /// Serves `db` with `settings` (its listen address is ignored: a free port is taken).
    pub async fn start(db: &Database, settings: Settings) -> Live {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = listener.local_addr().expect("address");
        let app = router(AppState::new(&settings, db.clone()));
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(server::serve::serve(listener, app, async {
            let _ = stopped.await;
        }));
        Live {
            address,
            stop: Some(stop),
        }
    }

    /// Where it listens.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Sends `request` from `from`, on a connection of its own.
    pub async fn send_from(&self, from: IpAddr, mut request: Request<Body>) -> Reply {
        let socket = TcpSocket::new_v4().expect("socket");
        socket
            .bind(SocketAddr::new(from, 0))
            .expect("bind the client address");
        let stream = socket.connect(self.address).await.expect("connect");
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .expect("handshake");
        tokio::spawn(connection);
        let host = self.address.to_string();
        request
            .headers_mut()
            .insert("host", host.parse().expect("host header"));
        let response = sender.send_request(request).await.expect("response");
        Reply::read(response).await
    }

    /// Sends `request` from [`CLIENT`].
    pub async fn send(&self, request: Request<Body>) -> Reply {
        self.send_from(CLIENT, request).await
    }

    /// `GET path`, with the session cookie `cookie` (`name=value`) when given.
    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut request = Request::get(path).header("accept-language", "en");
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        self.send(request.body(Body::empty()).expect("request"))
            .await
    }

    /// A same-origin POST of `body` as JSON to the server function at `path`.
    pub async fn post_json(
        &self,
        path: &str,
        body: serde_json::Value,
        cookie: Option<&str>,
    ) -> Reply {
        self.send(api_request(
            path,
            "application/json",
            body.to_string(),
            cookie,
        ))
        .await
    }

    /// A same-origin POST of a form to the server function at `path`.
    pub async fn post_form(&self, path: &str, body: &str, cookie: Option<&str>) -> Reply {
        self.send(api_request(
            path,
            "application/x-www-form-urlencoded",
            body.to_owned(),
            cookie,
        ))
        .await
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A same-origin POST to a server function, as the hydrated page sends it.
pub fn api_request(
    path: &str,
    content_type: &str,
    body: String,
    cookie: Option<&str>,
) -> Request<Body> {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header("content-type", content_type)
        .header("accept", "application/json")
        .header("sec-fetch-site", "same-origin");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.body(Body::from(body)).expect("request")
}
