//! Activation over HTTP, as the browser does it: the page for a link, the two endpoints, their
//! statuses and translated errors. Both backends.

mod common;

use app::db_test;
use app::features::auth::totp::{TotpSecret, code_at};
use app::platform::Database;
use app::testing::fixtures::{GOOD_PASSWORD, register_acme};
use axum::body::Body;
use axum::http::Request;
use common::{app, get, send};

async fn registered(db: &Database) -> String {
    register_acme(db).await.activation.expose().to_owned()
}

fn form(path: &str, fields: &[(&str, &str)], language: &str) -> Request<Body> {
    let body = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", v.replace(' ', "+")))
        .collect::<Vec<_>>()
        .join("&");
    Request::post(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("accept-language", language)
        .body(Body::from(body))
        .expect("request")
}

fn secret_from(json: &str) -> TotpSecret {
    let value: serde_json::Value = serde_json::from_str(json).expect("json");
    TotpSecret::from_base32(value["totp_secret"].as_str().expect("secret")).expect("base32")
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

db_test!(
    the_activation_page_names_the_enterprise_and_shows_the_enrolment,
    |t| async move {
        let token = registered(&t.db).await;
        let reply = get(
            &app(&t.db),
            &format!("/activate/{token}"),
            &[("accept-language", "nl")],
        )
        .await;
        assert_eq!(reply.status, 200);
        assert!(
            reply
                .body
                .contains("Het account van uw onderneming activeren"),
            "{}",
            reply.body
        );
        assert!(reply.body.contains("Acme NV"));
        assert!(reply.body.contains("data:image/svg+xml;base64,"), "QR code");
    }
);

db_test!(
    activation_endpoints_refuse_with_status_and_translated_reason_then_accept,
    |t| async move {
        let token = registered(&t.db).await;
        let app = app(&t.db);
        let view = send(
            &app,
            form("/api/activation/view", &[("token", &token)], "en"),
        )
        .await;
        assert_eq!(view.status, 200, "{}", view.body);
        let secret = secret_from(&view.body);

        let password = GOOD_PASSWORD;
        let mismatch = send(
            &app,
            form(
                "/api/activation/complete",
                &[
                    ("token", &token),
                    ("password", password),
                    ("password_confirm", "other"),
                    ("code", "123456"),
                ],
                "en",
            ),
        )
        .await;
        assert_eq!(mismatch.status, 422, "{}", mismatch.body);

        let unknown = send(
            &app,
            form("/api/activation/view", &[("token", &"0".repeat(64))], "en"),
        )
        .await;
        assert_eq!(unknown.status, 404, "{}", unknown.body);

        let code = code_at(&secret, now()).expect("code");
        let done = send(
            &app,
            form(
                "/api/activation/complete",
                &[
                    ("token", &token),
                    ("password", password),
                    ("password_confirm", password),
                    ("code", &code),
                ],
                "en",
            ),
        )
        .await;
        assert_eq!(done.status, 200, "{}", done.body);
        let status: String = sqlx::query_scalar("SELECT status FROM enterprises")
            .fetch_one(t.db.pool())
            .await
            .expect("status");
        assert_eq!(status, "active");

        let reused = send(
            &app,
            form("/api/activation/view", &[("token", &token)], "en"),
        )
        .await;
        assert_eq!(reused.status, 410, "{}", reused.body);
    }
);
