//! Sign-in and sign-out over HTTP: the session cookie's attributes, the one refusal, and the
//! session ending at sign-out. Both backends.

mod common;

use app::db_test;
use app::features::auth::session::{Lifetimes, SessionToken, resume};
use app::features::auth::totp::{TotpSecret, code_at};
use app::features::enterprises::activate::{complete, open};
use app::features::invariants::assert_consistent;
use app::platform::Database;
use app::platform::db::now_millis;
use app::platform::fixtures::{ANNA_NRN, GOOD_PASSWORD, register_acme};
use axum::body::Body;
use axum::http::Request;
use common::{app, send};

fn unix_now() -> u64 {
    u64::try_from(now_millis() / 1000).expect("clock")
}

async fn activated(db: &Database) -> TotpSecret {
    let token = register_acme(db).await.activation.expose().to_owned();
    let view = open(db, &token, None).await.expect("open");
    let secret = TotpSecret::from_base32(&view.totp_secret).expect("secret");
    complete(
        db,
        &token,
        GOOD_PASSWORD,
        &code_at(&secret, unix_now()).expect("code"),
        None,
    )
    .await
    .expect("activate");
    secret
}

fn post(path: &str, body: String, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("sec-fetch-site", "same-origin");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.body(Body::from(body)).expect("request")
}

db_test!(
    sign_in_sets_an_httponly_lax_session_cookie_and_sign_out_ends_it,
    |t| async move {
        let secret = activated(&t.db).await;
        let app = app(&t.db);
        let code = code_at(&secret, unix_now() + 30).expect("code");
        let reply = send(
            &app,
            post(
                "/api/auth/sign_in",
                format!("identifier={ANNA_NRN}&password={GOOD_PASSWORD}&code={code}"),
                None,
            ),
        )
        .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert!(reply.body.contains("Anna Peeters"), "{}", reply.body);
        let cookie = reply.header("set-cookie").to_owned();
        assert!(cookie.starts_with("session="), "{cookie}");
        for attribute in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=43200"] {
            assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
        }
        assert!(
            !cookie.contains("Secure"),
            "plain http in this test: {cookie}"
        );
        let token = cookie
            .trim_start_matches("session=")
            .split(';')
            .next()
            .expect("value")
            .to_owned();
        let session = SessionToken::from_cookie(&token);
        assert!(
            resume(&t.db, &session, now_millis(), Lifetimes::default())
                .await
                .expect("resume")
                .is_some()
        );

        let out = send(
            &app,
            post(
                "/api/auth/sign_out",
                String::new(),
                Some(&format!("session={token}")),
            ),
        )
        .await;
        assert_eq!(out.status, 200, "{}", out.body);
        assert!(out.header("set-cookie").contains("Max-Age=0"));
        assert!(
            resume(&t.db, &session, now_millis(), Lifetimes::default())
                .await
                .expect("resume")
                .is_none()
        );
        assert_consistent(&t.db).await;
    }
);

db_test!(
    a_refused_sign_in_answers_401_without_saying_what_was_wrong,
    |t| async move {
        activated(&t.db).await;
        let app = app(&t.db);
        let reply = send(
            &app,
            post(
                "/api/auth/sign_in",
                format!("identifier={ANNA_NRN}&password=wrong-password-here&code=123456"),
                None,
            ),
        )
        .await;
        assert_eq!(reply.status, 401, "{}", reply.body);
        assert!(reply.body.contains("sign_in_refused"), "{}", reply.body);
        assert!(reply.header("set-cookie").is_empty());
        assert_consistent(&t.db).await;
    }
);
