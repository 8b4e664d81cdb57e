//! Signing in with NRN, password and an authenticator code, and the sessions it starts, on both
//! backends. Every test ends with the invariant check.

use app::db_test;
use app::features::auth::session::{self, Lifetimes, SessionToken};
use app::features::auth::sign_in::{
    Credentials, SignInError, sign_in, sign_out, sign_out_everywhere,
};
use app::features::auth::totp::code_at;
use app::features::enterprises::activate::{Attempt, complete, open};
use app::platform::Database;
use app::platform::db::now_millis;
use app::testing::fixtures::{
    ANNA_NRN, GOOD_PASSWORD, activate_acme as activated, next_code, register_acme, sign_in_anna,
    unix_now,
};

async fn failures(db: &Database) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT after_json FROM audit_events WHERE action = 'sign_in.failed' ORDER BY id",
    )
    .fetch_all(db.pool())
    .await
    .expect("failures")
}

db_test!(
    main_access_manager_signs_in_with_nrn_password_and_app_code,
    |t| async move {
        let secret = activated(&t.db).await;
        let code = next_code(&secret);
        let credentials = Credentials {
            identifier: "85.07.30-033.28",
            password: GOOD_PASSWORD,
            code: &code,
        };
        let signed_in = sign_in(&t.db, credentials, Some("192.0.2.7"))
            .await
            .expect("sign in");
        let session = session::resume(&t.db, &signed_in.token, now_millis(), Lifetimes::default())
            .await
            .expect("resume")
            .expect("a live session");
        assert_eq!(session.person, signed_in.person);
        let succeeded: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'sign_in.succeeded'",
        )
        .fetch_one(t.db.pool())
        .await
        .expect("audit");
        assert_eq!(succeeded, 1);
    }
);

db_test!(
    unknown_person_wrong_password_and_wrong_code_get_the_same_answer_and_are_audited,
    |t| async move {
        let secret = activated(&t.db).await;
        let code = next_code(&secret);
        let attempts = [
            Credentials {
                identifier: "17073003384",
                password: GOOD_PASSWORD,
                code: &code,
            },
            Credentials {
                identifier: ANNA_NRN,
                password: "violet-tractor-Quantum-7-harbouR",
                code: &code,
            },
            Credentials {
                identifier: ANNA_NRN,
                password: GOOD_PASSWORD,
                code: "000000x",
            },
        ];
        for credentials in attempts {
            let result = sign_in(&t.db, credentials.clone(), None).await;
            assert_eq!(
                result.map(|_| ()),
                Err(SignInError::Refused),
                "{credentials:?}"
            );
        }
        let reasons = failures(&t.db).await;
        assert_eq!(reasons.len(), 3);
        assert!(reasons[0].contains("unknown_person"), "{reasons:?}");
        assert!(reasons[1].contains("wrong_password"), "{reasons:?}");
        assert!(reasons[2].contains("wrong_code"), "{reasons:?}");
        let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
            .fetch_one(t.db.pool())
            .await
            .expect("count");
        assert_eq!(sessions, 0);
    }
);

db_test!(a_code_is_never_accepted_twice, |t| async move {
    let secret = activated(&t.db).await;
    let code = next_code(&secret);
    let credentials = Credentials {
        identifier: ANNA_NRN,
        password: GOOD_PASSWORD,
        code: &code,
    };
    sign_in(&t.db, credentials.clone(), None)
        .await
        .expect("first use");
    assert_eq!(
        sign_in(&t.db, credentials, None).await.map(|_| ()),
        Err(SignInError::Refused)
    );
    // The activation's own code (an older step) is refused as well.
    let old = code_at(&secret, unix_now()).expect("code");
    let credentials = Credentials {
        identifier: ANNA_NRN,
        password: GOOD_PASSWORD,
        code: &old,
    };
    assert_eq!(
        sign_in(&t.db, credentials, None).await.map(|_| ()),
        Err(SignInError::Refused)
    );
});

db_test!(nobody_signs_in_before_activation, |t| async move {
    register_acme(&t.db).await;
    let credentials = Credentials {
        identifier: ANNA_NRN,
        password: GOOD_PASSWORD,
        code: "123456",
    };
    assert_eq!(
        sign_in(&t.db, credentials, None).await.map(|_| ()),
        Err(SignInError::Refused)
    );
});

db_test!(sessions_end_when_idle_too_long, |t| async move {
    let secret = activated(&t.db).await;
    let code = next_code(&secret);
    let token = sign_in_anna(&t.db, &code).await.token;
    let lifetimes = Lifetimes {
        idle_ms: 1_000,
        absolute_ms: 5_000,
    };
    let now = now_millis();
    assert!(
        session::resume(&t.db, &token, now + 900, lifetimes)
            .await
            .expect("resume")
            .is_some()
    );
    assert!(
        session::resume(&t.db, &token, now + 1_800, lifetimes)
            .await
            .expect("resume")
            .is_some(),
        "activity keeps it alive"
    );
    assert!(
        session::resume(&t.db, &token, now + 2_900, lifetimes)
            .await
            .expect("resume")
            .is_none(),
        "idle for 1.1 s"
    );
    assert!(
        session::resume(&t.db, &token, now + 3_000, Lifetimes::default())
            .await
            .expect("resume")
            .is_none(),
        "ended for good"
    );
    assert!(
        session::resume(&t.db, &SessionToken::from_cookie("forged"), now, lifetimes)
            .await
            .expect("resume")
            .is_none()
    );
});

db_test!(
    a_page_view_writes_its_session_at_most_once_a_minute,
    |t| async move {
        let secret = activated(&t.db).await;
        let code = next_code(&secret);
        let token = sign_in_anna(&t.db, &code).await.token;
        let lifetimes = Lifetimes::default();
        let last_seen = || async {
            sqlx::query_scalar::<_, i64>("SELECT last_seen_at FROM sessions")
                .fetch_one(t.db.pool())
                .await
                .expect("the session")
        };
        let signed_in = last_seen().await;
        for seconds in [1, 20, 59] {
            let at = signed_in + seconds * 1_000;
            let resumed = session::resume(&t.db, &token, at, lifetimes).await;
            assert!(resumed.expect("resume").is_some(), "live at +{seconds} s");
            assert_eq!(last_seen().await, signed_in, "not written at +{seconds} s");
        }
        let minute_later = signed_in + 60_000;
        let resumed = session::resume(&t.db, &token, minute_later, lifetimes).await;
        assert!(resumed.expect("resume").is_some());
        assert_eq!(last_seen().await, minute_later, "written after a minute");

        // Idle expiry keeps its precision within that minute: idle 30 minutes from the last
        // write is too long, however many reads came in its minute.
        let resumed = session::resume(&t.db, &token, minute_later + 59_000, lifetimes).await;
        assert!(resumed.expect("resume").is_some());
        let idle = minute_later + lifetimes.idle_ms - 1;
        let resumed = session::resume(&t.db, &token, idle, lifetimes).await;
        assert!(
            resumed.expect("resume").is_some(),
            "idle less than 30 minutes"
        );
        let written = last_seen().await;
        let expired = written + lifetimes.idle_ms + 1;
        let resumed = session::resume(&t.db, &token, expired, lifetimes).await;
        assert!(
            resumed.expect("resume").is_none(),
            "idle longer than 30 minutes"
        );
    }
);

db_test!(
    signing_out_everywhere_ends_every_session_of_the_person_and_is_audited,
    |t| async move {
        let secret = activated(&t.db).await;
        let first = code_at(&secret, unix_now() + 30).expect("code");
        let laptop = sign_in_anna(&t.db, &first).await;
        // A second device, signed in earlier.
        let mut tx = t.db.write().await.expect("begin");
        let phone = session::start(&mut tx, laptop.person, now_millis(), None)
            .await
            .expect("second session");
        tx.commit().await.expect("commit");

        let ended = sign_out_everywhere(&t.db, laptop.person, Some("192.0.2.5"))
            .await
            .expect("sign out everywhere");
        assert_eq!(ended, 2);
        for token in [&laptop.token, &phone] {
            assert!(
                session::resume(&t.db, token, now_millis(), Lifetimes::default())
                    .await
                    .expect("resume")
                    .is_none()
            );
        }
        let audited: Option<String> = sqlx::query_scalar(
            "SELECT after_json FROM audit_events WHERE action = 'sign_out.everywhere'",
        )
        .fetch_optional(t.db.pool())
        .await
        .expect("audit");
        assert_eq!(audited.as_deref(), Some("{\"sessions_ended\":2}"));
    }
);

db_test!(
    a_new_link_for_a_person_who_signs_in_already_replaces_nothing_and_ends_no_session,
    |t| async move {
        use app::domain::{EnterpriseId, PersonId};
        use app::features::enterprises::ActivationError;
        use app::features::enterprises::activation_token::issue;
        let secret = activated(&t.db).await;
        let code = next_code(&secret);
        let signed_in = sign_in_anna(&t.db, &code).await;
        let (enterprise, person): (i64, i64) =
            sqlx::query_as("SELECT enterprise_id, person_id FROM main_access_managers")
                .fetch_one(t.db.pool())
                .await
                .expect("manager");
        let mut tx = t.db.write().await.expect("begin");
        let link = issue(
            &mut tx,
            EnterpriseId(enterprise),
            PersonId(person),
            now_millis(),
        )
        .await
        .expect("new link");
        tx.commit().await.expect("commit");
        let view = open(&t.db, link.expose(), None).await.expect("open");
        assert!(view.signs_in_already, "nothing to enrol");
        let refused = complete(
            &t.db,
            link.expose(),
            Attempt::new("another-Long-passphrase-42-river", &code),
            None,
        )
        .await;
        assert_eq!(refused, Err(ActivationError::SignsInAlready));
        assert!(
            session::resume(&t.db, &signed_in.token, now_millis(), Lifetimes::default())
                .await
                .expect("resume")
                .is_some(),
            "the session signed in with her credentials goes on"
        );
    }
);

db_test!(
    sessions_end_at_their_absolute_lifetime_however_active,
    |t| async move {
        let secret = activated(&t.db).await;
        let token = sign_in_anna(&t.db, &next_code(&secret)).await.token;
        let lifetimes = Lifetimes {
            idle_ms: 1_000,
            absolute_ms: 2_500,
        };
        let now = now_millis();
        for later in [800, 1_600, 2_400] {
            assert!(
                session::resume(&t.db, &token, now + later, lifetimes)
                    .await
                    .expect("resume")
                    .is_some()
            );
        }
        assert!(
            session::resume(&t.db, &token, now + 3_000, lifetimes)
                .await
                .expect("resume")
                .is_none(),
            "active all along, but older than the absolute lifetime"
        );
    }
);

db_test!(
    signing_out_ends_the_session_and_is_audited_with_it,
    |t| async move {
        let secret = activated(&t.db).await;
        let signed_in = sign_in_anna(&t.db, &next_code(&secret)).await;
        sign_out(&t.db, &signed_in.token, Some("192.0.2.9"))
            .await
            .expect("sign out");
        assert!(
            session::resume(&t.db, &signed_in.token, now_millis(), Lifetimes::default())
                .await
                .expect("resume")
                .is_none()
        );
        let (actor, client): (String, Option<String>) =
            sqlx::query_as("SELECT actor, client_addr FROM audit_events WHERE action = 'sign_out'")
                .fetch_one(t.db.pool())
                .await
                .expect("sign-out audited");
        assert_eq!(actor, format!("person:{}", signed_in.person));
        assert_eq!(client.as_deref(), Some("192.0.2.9"));
        // Signing out again (an ended session) records nothing more.
        sign_out(&t.db, &signed_in.token, None)
            .await
            .expect("sign out again");
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'sign_out'")
                .fetch_one(t.db.pool())
                .await
                .expect("count");
        assert_eq!(count, 1);
    }
);
