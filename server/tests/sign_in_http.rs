//! Sign-in and sign-out over HTTP: the session cookie's attributes (host-only and secure over
//! https), the one refusal, the lock after repeated failures, the session endpoints, and the
//! session ending at sign-out. Both backends.

mod common;

use app::db_test;
use app::features::auth::session::{Lifetimes, SessionToken, resume};
use app::features::auth::totp::code_at;
use app::platform::db::now_millis;
use app::testing::fixtures::{ANNA_NRN, GOOD_PASSWORD, activate_acme as activated, unix_now};
use common::{app, cookie_pair, post_form, send, settings, sign_in_anna};
use server::{AppState, router};

db_test!(
    sign_in_sets_an_httponly_lax_session_cookie_and_sign_out_ends_it,
    |t| async move {
        let secret = activated(&t.db).await;
        let app = app(&t.db);
        let code = code_at(&secret, unix_now() + 30).expect("code");
        let reply = send(
            &app,
            post_form(
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
            post_form(
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
    }
);

db_test!(
    a_refused_sign_in_answers_401_without_saying_what_was_wrong,
    |t| async move {
        activated(&t.db).await;
        let app = app(&t.db);
        let reply = send(
            &app,
            post_form(
                "/api/auth/sign_in",
                format!("identifier={ANNA_NRN}&password=wrong-password-here&code=123456"),
                None,
            ),
        )
        .await;
        assert_eq!(reply.status, 401, "{}", reply.body);
        assert!(reply.body.contains("sign_in_refused"), "{}", reply.body);
        assert!(reply.header("set-cookie").is_empty());
    }
);

db_test!(
    over_https_the_session_cookie_is_secure_and_host_only,
    |t| async move {
        let secret = activated(&t.db).await;
        let app = router(AppState::new(
            &settings("https://access.example.com"),
            t.db.clone(),
        ));
        let reply = sign_in_anna(&app, &secret).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        let cookie = reply.header("set-cookie");
        assert!(cookie.starts_with("__Host-session="), "{cookie}");
        assert!(cookie.contains("; Path=/;"), "{cookie}");
        assert!(cookie.contains("; Secure"), "{cookie}");
        assert!(!cookie.contains("Domain"), "{cookie}");
        // The plain name is not honoured over https.
        let plain = cookie_pair(&reply).replace("__Host-session=", "session=");
        let me = send(&app, post_form("/api/auth/me", String::new(), Some(&plain))).await;
        assert_eq!(me.body, "null");
        let me = send(
            &app,
            post_form("/api/auth/me", String::new(), Some(&cookie_pair(&reply))),
        )
        .await;
        assert!(me.body.contains("Anna Peeters"), "{}", me.body);
    }
);

db_test!(
    the_session_endpoint_names_the_person_and_enterprise_or_nobody,
    |t| async move {
        let secret = activated(&t.db).await;
        let app = app(&t.db);
        let nobody = send(&app, post_form("/api/auth/me", String::new(), None)).await;
        assert_eq!(
            (nobody.status.as_u16(), nobody.body.as_str()),
            (200, "null")
        );
        let forged = send(
            &app,
            post_form("/api/auth/me", String::new(), Some("session=forged")),
        )
        .await;
        assert_eq!(
            (forged.status.as_u16(), forged.body.as_str()),
            (200, "null")
        );

        let signed_in = sign_in_anna(&app, &secret).await;
        assert!(
            signed_in.body.contains("\"must_choose_enterprise\":false"),
            "{}",
            signed_in.body
        );
        let me = send(
            &app,
            post_form(
                "/api/auth/me",
                String::new(),
                Some(&cookie_pair(&signed_in)),
            ),
        )
        .await;
        assert_eq!(me.status, 200, "{}", me.body);
        let me: serde_json::Value = serde_json::from_str(&me.body).expect("json");
        assert_eq!(me["name"], "Anna Peeters");
        assert_eq!(me["enterprises"][0]["number"], "0403.019.261");
        assert_eq!(me["enterprises"][0]["status"], "active");
        assert_eq!(me["acting_for"], me["enterprises"][0]["id"]);
    }
);

db_test!(
    choosing_an_enterprise_needs_a_session_and_a_link_to_it,
    |t| async move {
        let secret = activated(&t.db).await;
        let app = app(&t.db);
        let anonymous = send(
            &app,
            post_form("/api/auth/act_for", "enterprise=1".into(), None),
        )
        .await;
        assert_eq!(anonymous.status, 401, "{}", anonymous.body);
        assert!(
            anonymous.body.contains("unauthenticated"),
            "{}",
            anonymous.body
        );

        let cookie = cookie_pair(&sign_in_anna(&app, &secret).await);
        let foreign = send(
            &app,
            post_form(
                "/api/auth/act_for",
                "enterprise=424242".into(),
                Some(&cookie),
            ),
        )
        .await;
        assert_eq!(foreign.status, 403, "{}", foreign.body);
        let acme: i64 = sqlx::query_scalar("SELECT id FROM enterprises")
            .fetch_one(t.db.pool())
            .await
            .expect("Acme");
        let own = send(
            &app,
            post_form(
                "/api/auth/act_for",
                format!("enterprise={acme}"),
                Some(&cookie),
            ),
        )
        .await;
        assert_eq!(own.status, 200, "{}", own.body);
        let garbage = send(
            &app,
            post_form("/api/auth/act_for", "enterprise=one".into(), Some(&cookie)),
        )
        .await;
        assert_eq!(garbage.status, 422, "{}", garbage.body);
    }
);

db_test!(
    a_locked_account_answers_429_with_retry_after,
    |t| async move {
        let secret = activated(&t.db).await;
        let app = app(&t.db);
        for _ in 0..4 {
            let refused = send(
                &app,
                post_form(
                    "/api/auth/sign_in",
                    format!("identifier={ANNA_NRN}&password=wrong-password-here&code=123456"),
                    None,
                ),
            )
            .await;
            assert_eq!(refused.status, 401, "{}", refused.body);
        }
        let locked = sign_in_anna(&app, &secret).await;
        assert_eq!(locked.status, 429, "{}", locked.body);
        assert!(locked.body.contains("rate_limited"), "{}", locked.body);
        assert_eq!(locked.header("retry-after"), "5");
        assert!(locked.header("set-cookie").is_empty());
    }
);

db_test!(
    signing_out_everywhere_needs_a_session_and_ends_all_of_them,
    |t| async move {
        let secret = activated(&t.db).await;
        let app = app(&t.db);
        let anonymous = send(
            &app,
            post_form("/api/auth/sign_out_everywhere", String::new(), None),
        )
        .await;
        assert_eq!(anonymous.status, 401, "{}", anonymous.body);

        let cookie = cookie_pair(&sign_in_anna(&app, &secret).await);
        let out = send(
            &app,
            post_form(
                "/api/auth/sign_out_everywhere",
                String::new(),
                Some(&cookie),
            ),
        )
        .await;
        assert_eq!((out.status.as_u16(), out.body.as_str()), (200, "1"));
        assert!(out.header("set-cookie").contains("Max-Age=0"));
        let me = send(
            &app,
            post_form("/api/auth/me", String::new(), Some(&cookie)),
        )
        .await;
        assert_eq!(me.body, "null", "the old cookie no longer works");
    }
);
