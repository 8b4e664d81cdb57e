//! Finding 10: a 20 MB body answered 422, an unknown `/api/…` path 400 with the framework's help
//! text, and pages that show "not found" or "outside your scope" answered 200. Each now gets the
//! status it stands for, as a JSON error for endpoints, and nothing of the framework's text.

use crate::live::Live;
use crate::world::{session_for, world};
use app::db_test;
use axum::body::Body;
use axum::http::Request;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Posts `length` bytes to `path` on a raw connection and returns the status line and
/// headers of the answer, which may come before the body is through.
async fn post_huge(address: std::net::SocketAddr, path: &str, length: usize) -> String {
    let mut stream = TcpStream::connect(address).await.expect("connect");
    let head = format!(
        "POST {path} HTTP/1.1\r\nhost: {address}\r\ncontent-type: application/x-www-form-urlencoded\r\n\
         sec-fetch-site: same-origin\r\naccept: application/json\r\ncontent-length: {length}\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.expect("head");
    let (mut read, mut write) = stream.into_split();
    let writer = tokio::spawn(async move {
        let chunk = vec![b'a'; 64 * 1024];
        let mut left = length;
        while left > 0 {
            let n = left.min(chunk.len());
            if write.write_all(&chunk[..n]).await.is_err() {
                break;
            }
            left -= n;
        }
    });
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    while !String::from_utf8_lossy(&answer).contains("\r\n\r\n") {
        match read.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(n) => answer.extend_from_slice(&buffer[..n]),
        }
    }
    writer.abort();
    String::from_utf8_lossy(&answer).into_owned()
}

db_test!(
    every_answer_carries_the_status_it_stands_for,
    |t| async move {
        let db = &t.db;
        let world = world(db).await;
        let live = Live::start(db, crate::common::settings("http://127.0.0.1:3000")).await;
        let anna = session_for(db, world.acme.anna, world.acme.enterprise).await;
        let dirk = session_for(db, world.dirk(), world.acme.enterprise).await;
        let carla = session_for(db, world.carla(), world.acme.enterprise).await;

        // Bert is a user of the care institution only, which Carla does not administer.
        let bert = world.acme.staff[0];
        let created = live
            .post_json(
                "/api/users/create",
                serde_json::json!({ "group": world.care, "nrn": "79041212340", "services": [], "link": null }),
                Some(&anna),
            )
            .await;
        assert_eq!(created.status, 200, "{}", created.body);

        let answer = post_huge(live.address(), "/api/auth/sign_in", 20 * 1024 * 1024).await;
        assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");

        for (method, path, status, code) in [
            ("POST", "/api/no/such/endpoint", 404, "not_found"),
            ("GET", "/api/no/such/endpoint", 404, "not_found"),
            ("GET", "/api/auth/me", 405, "method_not_allowed"),
        ] {
            let request = Request::builder()
                .method(method)
                .uri(path)
                .header("sec-fetch-site", "same-origin")
                .body(Body::empty())
                .expect("request");
            let reply = live.send(request).await;
            assert_eq!(reply.status, status, "{method} {path}: {}", reply.body);
            assert_eq!(reply.header("content-type"), "application/json");
            assert_eq!(reply.body, format!(r#"{{"code":"{code}"}}"#));
        }

        for (path, cookie, status) in [
            ("/no-such-page".to_owned(), Some(&anna), 404),
            ("/users/999999".to_owned(), Some(&anna), 404),
            ("/users/abc".to_owned(), Some(&anna), 404),
            ("/audit".to_owned(), Some(&dirk), 403),
            ("/users".to_owned(), Some(&dirk), 403),
            ("/administrators".to_owned(), None, 401),
            (format!("/groups/{}", world.care), Some(&carla), 403),
            (format!("/groups/{}/add", world.care), Some(&carla), 403),
            (format!("/users/{bert}"), Some(&carla), 403),
            (format!("/users/{bert}"), Some(&anna), 200),
            (format!("/groups/{}", world.employer), Some(&carla), 200),
            ("/activate/not-a-token".to_owned(), None, 404),
        ] {
            let reply = live.get(&path, cookie.map(String::as_str)).await;
            assert_eq!(reply.status, status, "GET {path}");
            assert!(reply.body.contains("</html>"), "GET {path}: a whole page");
        }
    }
);
