//! Signing in through an identity provider, over HTTP, against a real OpenID Connect provider
//! (panva's certified `oidc-provider`, started by each test): the person is the one the national
//! register number claim names, with no app code; a pending enterprise's main access manager
//! activates it by signing in; every answer that is not the one this browser asked for, every
//! ID token that does not verify and every NRN claim that is not a known person's is refused,
//! changes nothing and says why. Both backends.

mod common;

use app::db_test;
use app::domain::EnterpriseStatus;
use app::features::auth::providers::registry::Providers;
use app::platform::Database;
use app::testing::fixtures::{ANNA_NRN, STAFF, acme_with_staff, register_acme};
use axum::Router;
use axum::body::Body;
use axum::http::Request;
use common::oidc::{Browser, PROVIDER, TestProvider, available, config_for, free_port};
use common::{Reply, get, send, settings};
use server::{AppState, router};

fn app_with(db: &Database, providers: Providers) -> Router {
    router(AppState::new(&settings(common::oidc::PRODUCT), db.clone()).with_providers(providers))
}

/// The `name=value` of the cookie named `name` a reply set.
fn set_cookie(reply: &Reply, name: &str) -> Option<String> {
    reply
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| {
            pair.split_once('=')
                .is_some_and(|(n, v)| n == name && !v.is_empty())
        })
        .map(str::to_owned)
}

/// Acme with its staff, a test provider and the product configured with it; `None` where the
/// provider cannot run (never under CI).
async fn acme_and_provider(db: &Database) -> Option<(TestProvider, Router)> {
    if !available() {
        return None;
    }
    let provider = TestProvider::start();
    acme_with_staff(db).await;
    let app = app_with(db, provider.providers().await);
    Some((provider, app))
}

/// The sign-in page's button, pressed: the provider's address and the browser's cookie.
async fn begin(app: &Router) -> (String, String) {
    let reply = send(
        app,
        Request::post(format!("/sign-in/provider/{PROVIDER}"))
            .header("sec-fetch-site", "same-origin")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let cookie = set_cookie(&reply, "sign-in").expect("the browser's sign-in cookie");
    assert!(
        reply.header("set-cookie").contains("SameSite=Lax")
            && reply.header("set-cookie").contains("HttpOnly"),
        "{}",
        reply.header("set-cookie")
    );
    (reply.header("location").to_owned(), cookie)
}

/// The product's path (with query) of an address the provider sent the person back to.
fn path_of(callback: &str) -> String {
    callback
        .strip_prefix(common::oidc::PRODUCT)
        .expect("back at the product")
        .to_owned()
}

/// The whole way: button, provider as `login`, back at the product with the browser's cookie.
async fn sign_in_as(app: &Router, login: &str) -> Reply {
    let (authorize, cookie) = begin(app).await;
    let callback = Browser::new().sign_in_at_provider(&authorize, login).await;
    get(app, &path_of(&callback), &[("cookie", &cookie)]).await
}

/// Where a refused sign-in sends the person, for `code`.
fn refused(code: &str) -> String {
    format!("/sign-in?provider_failed={code}")
}

async fn persons(db: &Database) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM persons")
        .fetch_one(db.pool())
        .await
        .expect("count")
}

async fn audited(db: &Database, action: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT COALESCE(after_json, '') FROM audit_events WHERE action = $1 ORDER BY id",
    )
    .bind(action)
    .fetch_all(db.pool())
    .await
    .expect("audit events")
}

db_test!(
    a_known_person_signs_in_through_a_provider_without_an_app_code,
    |t| async move {
        let Some((_provider, app)) = acme_and_provider(&t.db).await else {
            return;
        };
        let (bert_nrn, _, _) = STAFF[0];

        let reply = sign_in_as(&app, bert_nrn).await;
        assert_eq!(reply.status, 303, "{}", reply.body);
        assert_eq!(reply.header("location"), "/");
        let session = set_cookie(&reply, "session").expect("a session");
        let me = send(
            &app,
            common::post_form("/api/auth/me", String::new(), Some(&session)),
        )
        .await;
        assert!(me.body.contains("Bert Aerts"), "{}", me.body);
        let succeeded = audited(&t.db, "sign_in.succeeded").await;
        assert!(
            succeeded
                .iter()
                .any(|after| after.contains("identity_provider") && after.contains(PROVIDER)),
            "{succeeded:?}"
        );
    }
);

db_test!(
    the_main_access_manager_activates_a_pending_enterprise_at_first_provider_sign_in,
    |t| async move {
        if !available() {
            return;
        }
        let provider = TestProvider::start();
        let registered = register_acme(&t.db).await;
        let app = app_with(&t.db, provider.providers().await);

        let reply = sign_in_as(&app, ANNA_NRN).await;
        assert_eq!(reply.status, 303, "{}", reply.body);
        assert!(set_cookie(&reply, "session").is_some());
        let status: String = sqlx::query_scalar("SELECT status FROM enterprises WHERE id = $1")
            .bind(registered.enterprise.0)
            .fetch_one(t.db.pool())
            .await
            .expect("status");
        assert_eq!(status, EnterpriseStatus::Active.as_str());
        let activated = audited(&t.db, "enterprise.activated").await;
        assert!(
            activated
                .iter()
                .any(|after| after.contains("identity provider test")),
            "{activated:?}"
        );
        let messages: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM ebox_messages WHERE person_id = $1 AND kind = 'activated'",
        )
        .bind(registered.main_access_manager.0)
        .fetch_one(t.db.pool())
        .await
        .expect("messages");
        assert_eq!(messages, 1);
        // The operator's link is spent: it can no longer set a password for Anna.
        let open: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM activation_tokens WHERE enterprise_id = $1 AND used_at IS NULL",
        )
        .bind(registered.enterprise.0)
        .fetch_one(t.db.pool())
        .await
        .expect("links");
        assert_eq!(open, 0);
        // Anna has no password or app: the provider is how she signs in.
        let credentials: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM credentials WHERE person_id = $1")
                .bind(registered.main_access_manager.0)
                .fetch_one(t.db.pool())
                .await
                .expect("credentials");
        assert_eq!(credentials, 0);
    }
);

db_test!(an_answer_with_a_forged_state_is_refused, |t| async move {
    let Some((_provider, app)) = acme_and_provider(&t.db).await else {
        return;
    };
    let (authorize, cookie) = begin(&app).await;
    let callback = Browser::new()
        .sign_in_at_provider(&authorize, STAFF[0].0)
        .await;
    let forged = path_of(&callback).replace("state=", "state=forged");
    let reply = get(&app, &forged, &[("cookie", &cookie)]).await;
    assert_eq!(reply.header("location"), refused("forged"));
    assert!(set_cookie(&reply, "session").is_none());
});

db_test!(
    an_answer_replayed_or_brought_by_another_browser_is_refused,
    |t| async move {
        let Some((_provider, app)) = acme_and_provider(&t.db).await else {
            return;
        };
        let (authorize, cookie) = begin(&app).await;
        let callback = path_of(
            &Browser::new()
                .sign_in_at_provider(&authorize, STAFF[0].0)
                .await,
        );

        // Another browser (an attacker's link): no cookie of this sign-in.
        let stranger = get(&app, &callback, &[]).await;
        assert_eq!(stranger.header("location"), refused("expired"));
        assert!(set_cookie(&stranger, "session").is_none());
        // The sign-in itself is still this browser's to finish; once.
        let first = get(&app, &callback, &[("cookie", &cookie)]).await;
        assert_eq!(first.header("location"), "/");
        let replayed = get(&app, &callback, &[("cookie", &cookie)]).await;
        assert_eq!(replayed.header("location"), refused("expired"));
        assert!(set_cookie(&replayed, "session").is_none());
    }
);

db_test!(id_tokens_that_do_not_verify_are_refused, |t| async move {
    let Some((_provider, app)) = acme_and_provider(&t.db).await else {
        return;
    };
    let bert = STAFF[0].0;
    for (login, reason) in [
        (format!("other-audience:{bert}"), "id_token_audience"),
        (format!("wrong-nonce:{bert}"), "id_token_nonce"),
        (format!("expired:{bert}"), "id_token_expired"),
        (format!("future:{bert}"), "id_token_issued_in_the_future"),
    ] {
        let reply = sign_in_as(&app, &login).await;
        assert_eq!(
            reply.header("location"),
            refused("invalid_token"),
            "{login}"
        );
        assert!(set_cookie(&reply, "session").is_none(), "{login}");
        let failed = audited(&t.db, "sign_in.failed").await;
        assert!(
            failed.iter().any(|after| after.contains(reason)),
            "{login}: {failed:?}"
        );
    }
    let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(t.db.pool())
        .await
        .expect("sessions");
    assert_eq!(sessions, 0);
});

db_test!(
    nobody_is_made_from_an_unknown_missing_or_malformed_nrn_claim,
    |t| async move {
        let Some((_provider, app)) = acme_and_provider(&t.db).await else {
            return;
        };
        let before = persons(&t.db).await;
        // A valid national register number nobody here has.
        for (login, code) in [
            ("90010100123", "unknown_person"),
            ("no-nrn", "missing_nrn"),
            ("malformed-nrn", "malformed_nrn"),
        ] {
            let reply = sign_in_as(&app, login).await;
            assert_eq!(reply.header("location"), refused(code), "{login}");
            assert!(set_cookie(&reply, "session").is_none(), "{login}");
        }
        assert_eq!(persons(&t.db).await, before);
    }
);

db_test!(
    a_person_who_stops_at_the_provider_is_told_so,
    |t| async move {
        let Some((_provider, app)) = acme_and_provider(&t.db).await else {
            return;
        };
        let (authorize, cookie) = begin(&app).await;
        let state = reqwest::Url::parse(&authorize)
            .expect("url")
            .query_pairs()
            .find(|(k, _)| k == "state")
            .map(|(_, v)| v.into_owned())
            .expect("state");
        let reply = get(
            &app,
            &format!("/sign-in/provider/{PROVIDER}/callback?error=access_denied&state={state}"),
            &[("cookie", &cookie)],
        )
        .await;
        assert_eq!(reply.header("location"), refused("cancelled"));
    }
);

db_test!(
    a_provider_that_cannot_be_reached_is_unavailable_and_nothing_hangs,
    |t| async move {
        if !available() {
            return;
        }
        acme_with_staff(&t.db).await;
        // Nobody listens there.
        let nowhere = format!("http://127.0.0.1:{}", free_port());
        let providers =
            Providers::new(vec![config_for(&nowhere)], common::oidc::PRODUCT).expect("providers");
        let started = std::time::Instant::now();
        assert!(
            !providers
                .discover(providers.find(PROVIDER).expect("configured"))
                .await
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(6));
        let app = app_with(&t.db, providers);
        let page = get(&app, "/sign-in", &[("accept-language", "en")]).await;
        assert!(page.body.contains("Test provider"), "{}", page.body);
        assert!(page.body.contains("unavailable right now"), "{}", page.body);
        let reply = send(
            &app,
            Request::post(format!("/sign-in/provider/{PROVIDER}"))
                .header("sec-fetch-site", "same-origin")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
        assert_eq!(reply.header("location"), refused("unavailable"));

        // Reached at start, gone when the person comes back: the code cannot be exchanged.
        let provider = TestProvider::start();
        let app = app_with(&t.db, provider.providers().await);
        let (authorize, cookie) = begin(&app).await;
        let callback = Browser::new()
            .sign_in_at_provider(&authorize, STAFF[0].0)
            .await;
        drop(provider);
        let started = std::time::Instant::now();
        let reply = get(&app, &path_of(&callback), &[("cookie", &cookie)]).await;
        assert_eq!(reply.header("location"), refused("unavailable"));
        assert!(started.elapsed() < std::time::Duration::from_secs(6));
    }
);

db_test!(
    the_sign_in_page_offers_each_provider_in_the_persons_language,
    |t| async move {
        if !available() {
            return;
        }
        let provider = TestProvider::start();
        let app = app_with(&t.db, provider.providers().await);
        let page = get(&app, "/sign-in", &[("accept-language", "fr")]).await;
        assert!(page.body.contains("Fournisseur de test"), "{}", page.body);
        assert!(
            page.body.contains("action=\"/sign-in/provider/test\""),
            "{}",
            page.body
        );
        // The button's form is answered with a redirect to the provider, which the browser checks
        // against the page's form-action.
        let csp = page.header("content-security-policy");
        assert!(
            csp.contains(&format!("form-action 'self' {};", provider.issuer)),
            "{csp}"
        );
        assert!(
            page.body
                .contains("Numéro de registre national ou nom d'utilisateur")
                || page
                    .body
                    .contains("Numéro de registre national ou nom d&#x27;utilisateur"),
            "{}",
            page.body
        );
        let failed = get(
            &app,
            "/sign-in?provider_failed=unknown_person",
            &[("accept-language", "nl")],
        )
        .await;
        assert!(
            failed.body.contains("Niemand met dit rijksregisternummer"),
            "{}",
            failed.body
        );
    }
);

db_test!(
    a_provider_that_refuses_the_client_secret_is_unavailable_to_the_person,
    |t| async move {
        if !available() {
            return;
        }
        let provider = TestProvider::start();
        acme_with_staff(&t.db).await;
        let mut config = provider.config();
        config.client_secret = Some("not-the-secret".into());
        let providers = Providers::new(vec![config], common::oidc::PRODUCT).expect("providers");
        assert!(
            providers
                .discover(providers.find(PROVIDER).expect("configured"))
                .await
        );
        let app = app_with(&t.db, providers);
        let (authorize, cookie) = begin(&app).await;
        let callback = Browser::new()
            .sign_in_at_provider(&authorize, STAFF[0].0)
            .await;
        let reply = get(&app, &path_of(&callback), &[("cookie", &cookie)]).await;
        assert_eq!(reply.header("location"), refused("unavailable"));
        assert!(set_cookie(&reply, "session").is_none());
    }
);
