//! Finding 4: signed-in pages and server-function answers carried no `Cache-Control`, so a
//! browser or a shared proxy could keep one person's page and show it to the next. Every page
//! and every `/api/` answer — signed in or not, success or error — is `no-store` and varies by
//! cookie; only the static bundle may be revalidated from a cache.

use crate::live::Live;
use crate::world::{session_for, world};
use app::db_test;
use axum::body::Body;
use axum::http::Request;

fn assert_not_cached(what: &str, reply: &crate::common::Reply) {
    assert_eq!(
        reply.header("cache-control"),
        "no-store",
        "{what}: {:?}",
        reply.headers
    );
    let vary: Vec<String> = reply
        .headers
        .get_all("vary")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|v| v.trim().to_ascii_lowercase())
        .collect();
    assert!(
        vary.contains(&"cookie".to_owned()),
        "{what}: {:?}",
        reply.headers
    );
}

db_test!(
    no_page_and_no_api_answer_may_be_kept_by_a_cache,
    |t| async move {
        let db = &t.db;
        let world = world(db).await;
        let live = Live::start(db, crate::common::settings("http://127.0.0.1:3000")).await;
        let anna = session_for(db, world.acme.anna, world.acme.enterprise).await;
        let anna_id = world.acme.anna;
        let pages = [
            "/".to_owned(),
            "/roles".to_owned(),
            "/sign-in".to_owned(),
            "/enterprise".to_owned(),
            "/audit".to_owned(),
            "/administrators".to_owned(),
            "/users".to_owned(),
            format!("/users/{anna_id}"),
            format!("/groups/{}", world.employer),
            format!("/groups/{}/add", world.employer),
            "/ebox".to_owned(),
            "/activate/not-a-token".to_owned(),
            "/no-such-page".to_owned(),
            "/healthz".to_owned(),
        ];
        for path in &pages {
            for cookie in [Some(anna.as_str()), None] {
                let reply = live.get(path, cookie).await;
                assert_not_cached(
                    &format!("GET {path} (signed in: {})", cookie.is_some()),
                    &reply,
                );
            }
        }
        let endpoints: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
            .map(|(path, _)| path)
            .collect();
        assert!(endpoints.len() > 20, "every server function: {endpoints:?}");
        for path in endpoints {
            // A session of its own for each: signing out must not end the next one's.
            let fresh = session_for(db, anna_id, world.acme.enterprise).await;
            for cookie in [Some(fresh.as_str()), None] {
                // An empty body: some answer, others refuse the arguments; all are for one
                // person only.
                let reply = live.post_form(path, "", cookie).await;
                assert_not_cached(&format!("POST {path} -> {}", reply.status), &reply);
            }
        }
        // Refused before any handler (cross-site, unknown endpoint, oversized): no-store too.
        let cross_site = Request::post("/api/auth/me")
            .header("sec-fetch-site", "cross-site")
            .header("cookie", anna.as_str())
            .body(Body::empty())
            .expect("request");
        let reply = live.send(cross_site).await;
        assert_eq!(reply.status, 403);
        assert_not_cached("cross-site POST", &reply);
        let reply = live
            .post_form("/api/no/such/endpoint", "", Some(&anna))
            .await;
        assert_not_cached("unknown endpoint", &reply);
    }
);
