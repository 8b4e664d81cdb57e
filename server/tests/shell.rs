//! The public shell over HTTP: landing page, languages, 404, security headers, compression.
//! Each test runs against a fresh SQLite file and a fresh PostgreSQL schema.

mod common;

use app::db_test;
use common::{app, get, html_lang, settings};

db_test!(
    landing_page_says_what_the_product_is_and_links_to_sign_in,
    |t| async move {
        let reply = get(&app(&t.db), "/", &[]).await;
        assert_eq!(reply.status, 200);
        assert!(reply.header("content-type").starts_with("text/html"));
        assert!(reply.body.contains("Access Management"));
        assert!(reply.body.contains("href=\"/sign-in\""));
        assert_eq!(html_lang(&reply.body).as_deref(), Some("en"));
    }
);

db_test!(
    language_follows_accept_language_when_no_cookie,
    |t| async move {
        let app = app(&t.db);
        for (accept, lang, product) in [
            ("de-BE,de;q=0.9,en;q=0.5", "de", "Zugangsverwaltung"),
            ("fr-BE,fr;q=0.9", "fr", "Gestion des accès"),
            ("nl-BE", "nl", "Toegangsbeheer"),
        ] {
            let reply = get(&app, "/", &[("accept-language", accept)]).await;
            assert_eq!(html_lang(&reply.body).as_deref(), Some(lang), "{accept}");
            assert!(
                reply.body.contains(product),
                "{accept} should render {product}"
            );
        }
    }
);

db_test!(language_cookie_wins_over_accept_language, |t| async move {
    let reply = get(
        &app(&t.db),
        "/roles",
        &[("cookie", "lang=nl"), ("accept-language", "fr")],
    )
    .await;
    assert_eq!(html_lang(&reply.body).as_deref(), Some("nl"));
    assert!(reply.body.contains("Wie beheert wat"));
});

db_test!(unsupported_language_falls_back_to_english, |t| async move {
    let reply = get(&app(&t.db), "/", &[("accept-language", "ja-JP,ja;q=0.9")]).await;
    assert_eq!(html_lang(&reply.body).as_deref(), Some("en"));
});

db_test!(
    unknown_path_answers_404_with_a_translated_page,
    |t| async move {
        let app = app(&t.db);
        let reply = get(&app, "/no/such/page", &[]).await;
        assert_eq!(reply.status, 404);
        assert!(reply.body.contains("Page not found"));
        let reply = get(&app, "/no/such/page", &[("accept-language", "de")]).await;
        assert_eq!(reply.status, 404);
        assert!(reply.body.contains("Seite nicht gefunden"));
    }
);

db_test!(
    every_response_carries_the_security_headers,
    |t| async move {
        let app = app(&t.db);
        for path in [
            "/",
            "/roles",
            "/missing",
            "/healthz",
            "/readyz",
            "/pkg/missing.js",
        ] {
            let reply = get(&app, path, &[]).await;
            assert_eq!(reply.header("x-content-type-options"), "nosniff", "{path}");
            assert_eq!(reply.header("referrer-policy"), "same-origin", "{path}");
            assert_eq!(reply.header("x-frame-options"), "DENY", "{path}");
            assert!(
                reply
                    .header("content-security-policy")
                    .contains("frame-ancestors 'none'"),
                "{path}"
            );
            assert!(
                reply.header("strict-transport-security").is_empty(),
                "no HSTS over http: {path}"
            );
        }
    }
);

db_test!(
    page_csp_admits_only_scripts_with_this_responses_nonce,
    |t| async move {
        let app = app(&t.db);
        let reply = get(&app, "/", &[]).await;
        let csp = reply.header("content-security-policy").to_owned();
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(!csp.contains("unsafe-inline"));
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("a nonce in the CSP")
            .to_owned();
        // leptos_i18n leaves an empty `<script></script>` placeholder; browsers never run an empty
        // inline script, so it needs no nonce.
        let scripts =
            reply.body.matches("<script").count() - reply.body.matches("<script></script>").count();
        assert!(scripts > 0, "the page carries hydration scripts");
        assert_eq!(
            reply.body.matches(&format!("nonce=\"{nonce}\"")).count(),
            scripts
        );

        let again = get(&app, "/", &[]).await;
        assert!(
            !again.header("content-security-policy").contains(&nonce),
            "nonces are per response"
        );
    }
);

db_test!(
    pages_are_compressed_when_the_browser_accepts_it,
    |t| async move {
        let reply = get(&app(&t.db), "/", &[("accept-encoding", "br, gzip")]).await;
        assert_eq!(reply.header("content-encoding"), "br");
    }
);

db_test!(https_deployments_send_hsts, |t| async move {
    let app = server::router(server::AppState::new(
        &settings("https://access.example.com"),
        t.db.clone(),
    ));
    let reply = get(&app, "/", &[]).await;
    assert!(
        reply
            .header("strict-transport-security")
            .starts_with("max-age=")
    );
});

db_test!(
    a_panicking_handler_answers_500_with_the_security_headers,
    |t| async move {
        async fn broken() -> &'static str {
            panic!("a bug")
        }
        let app = server::router_with(
            server::AppState::new(&settings("http://127.0.0.1:3000"), t.db.clone()),
            axum::Router::new().route("/broken", axum::routing::get(broken)),
        );
        let reply = get(&app, "/broken", &[]).await;
        assert_eq!(reply.status, 500);
        assert_eq!(reply.body, "internal error");
        assert_eq!(reply.header("x-content-type-options"), "nosniff");
        let still_serving = get(&app, "/healthz", &[]).await;
        assert_eq!(still_serving.status, 200);
    }
);

db_test!(
    cross_site_state_changes_are_refused_before_any_handler,
    |t| async move {
        use axum::body::Body;
        use axum::http::Request;
        let app = app(&t.db);
        let post = |headers: &[(&'static str, &'static str)]| {
            let mut request = Request::post("/api/activation/view")
                .header("content-type", "application/x-www-form-urlencoded");
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            request
                .body(Body::from(format!("token={}", "0".repeat(64))))
                .expect("request")
        };
        let forged = common::send(&app, post(&[("sec-fetch-site", "cross-site")])).await;
        assert_eq!(forged.status, 403);
        assert_eq!(forged.body, r#"{"code":"forbidden"}"#);
        let other_origin = common::send(&app, post(&[("origin", "https://evil.example")])).await;
        assert_eq!(other_origin.status, 403);
        let unaudited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events")
            .fetch_one(t.db.pool())
            .await
            .expect("count");
        assert_eq!(unaudited, 0, "the handler never ran");

        let same_origin = common::send(&app, post(&[("sec-fetch-site", "same-origin")])).await;
        assert_eq!(
            same_origin.status, 404,
            "reaches the endpoint: unknown link"
        );
        let own_origin = common::send(&app, post(&[("origin", "http://127.0.0.1:3000")])).await;
        assert_eq!(own_origin.status, 404);
    }
);
