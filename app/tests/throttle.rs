//! Abuse resistance: growing delays per account and per activation link (never per client
//! address, which others may share), kept in the database. On both backends; every test ends with the invariant check.

use app::db_test;
use app::features::auth::sign_in::{Credentials, SignInError, sign_in};
use app::features::auth::throttle::{self, Key};
use app::features::auth::totp::{TotpSecret, code_at};
use app::features::enterprises::ActivationError;
use app::features::enterprises::activate::{Attempt, complete, open};
use app::platform::Database;
use app::testing::fixtures::{
    ANNA_NRN, GOOD_PASSWORD, activate_acme, next_code, register_acme, unix_now,
};

const WRONG_PASSWORD: &str = "not-the-password-at-all-9";

async fn attempt(
    db: &Database,
    identifier: &str,
    password: &str,
    code: &str,
    client_addr: Option<&str>,
) -> Result<(), SignInError> {
    let credentials = Credentials {
        identifier,
        password,
        code,
    };
    sign_in(db, credentials, client_addr).await.map(|_| ())
}

async fn count(db: &Database, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(db.pool())
        .await
        .expect("count")
}

db_test!(
    after_three_free_failures_the_account_is_locked_even_for_the_right_password,
    |t| async move {
        let secret = activate_acme(&t.db).await;
        let code = next_code(&secret);
        for _ in 0..4 {
            let refused = attempt(&t.db, ANNA_NRN, WRONG_PASSWORD, &code, None).await;
            assert_eq!(refused, Err(SignInError::Refused));
        }
        let locked: String = sqlx::query_scalar(
            "SELECT after_json FROM audit_events WHERE action = 'sign_in.failed' ORDER BY id DESC LIMIT 1",
        )
        .fetch_one(t.db.pool())
        .await
        .expect("last failure");
        assert!(locked.contains("\"locked_for_s\":5"), "{locked}");

        // Written differently, the same account: still locked, and no password is checked.
        let throttled = attempt(&t.db, "85.07.30-033.28", GOOD_PASSWORD, &code, None).await;
        assert_eq!(throttled, Err(SignInError::Throttled { retry_after_s: 5 }));
        assert_eq!(count(&t.db, "SELECT COUNT(*) FROM sessions").await, 0);
        assert_eq!(
            count(
                &t.db,
                "SELECT COUNT(*) FROM audit_events WHERE action = 'sign_in.failed'"
            )
            .await,
            4,
            "attempts refused by the lock are not audited one by one"
        );
    }
);

db_test!(
    unknown_accounts_are_locked_like_known_ones,
    |t| async move {
        activate_acme(&t.db).await;
        for _ in 0..4 {
            let refused = attempt(&t.db, "17073003384", GOOD_PASSWORD, "123456", None).await;
            assert_eq!(refused, Err(SignInError::Refused));
        }
        let throttled = attempt(&t.db, "17073003384", GOOD_PASSWORD, "123456", None).await;
        assert!(
            matches!(throttled, Err(SignInError::Throttled { .. })),
            "{throttled:?}"
        );
    }
);

db_test!(
    a_flood_from_one_address_never_refuses_another_accounts_correct_credentials,
    |t| async move {
        let secret = activate_acme(&t.db).await;
        let office = Some("198.51.100.66");
        for n in 0..30 {
            let refused = attempt(
                &t.db,
                &format!("guess-{n}"),
                WRONG_PASSWORD,
                "123456",
                office,
            )
            .await;
            assert_eq!(refused, Err(SignInError::Refused), "attempt {n}");
        }
        let code = next_code(&secret);
        attempt(&t.db, ANNA_NRN, GOOD_PASSWORD, &code, office)
            .await
            .expect("Anna, behind the same address");
        assert_eq!(
            count(
                &t.db,
                "SELECT COUNT(*) FROM throttles WHERE key LIKE 'address:%'"
            )
            .await,
            0,
            "nothing is counted per address"
        );
    }
);

db_test!(
    a_successful_sign_in_forgets_the_account_failures,
    |t| async move {
        let secret = activate_acme(&t.db).await;
        let fail_three_times = || async {
            for _ in 0..3 {
                let refused = attempt(&t.db, ANNA_NRN, WRONG_PASSWORD, "123456", None).await;
                assert_eq!(refused, Err(SignInError::Refused));
            }
        };
        fail_three_times().await;
        attempt(&t.db, ANNA_NRN, GOOD_PASSWORD, &next_code(&secret), None)
            .await
            .expect("three failures are free");
        // Counted from zero again: three more failures are free too (six in a row would lock).
        fail_three_times().await;
        let keys = [Key::account(ANNA_NRN)];
        let now = app::platform::db::now_millis();
        assert_eq!(
            throttle::locked_for_ms(&t.db, &keys, now)
                .await
                .expect("read"),
            0
        );
    }
);

db_test!(
    locks_grow_with_each_failure_expire_and_are_forgotten_after_a_quiet_hour,
    |t| async move {
        let keys = [Key::account(ANNA_NRN)];
        let t0 = 1_000_000_000_000;
        let mut tx = t.db.write().await.expect("tx");
        for n in 0..3 {
            assert_eq!(
                throttle::record_failure(&mut tx, &keys, t0 + n)
                    .await
                    .expect("record"),
                0
            );
        }
        assert_eq!(
            throttle::record_failure(&mut tx, &keys, t0 + 3)
                .await
                .expect("record"),
            5_000
        );
        assert_eq!(
            throttle::record_failure(&mut tx, &keys, t0 + 4)
                .await
                .expect("record"),
            10_000
        );
        tx.commit().await.expect("commit");
        assert_eq!(
            throttle::locked_for_ms(&t.db, &keys, t0 + 4)
                .await
                .expect("read"),
            10_000
        );
        assert_eq!(
            throttle::locked_for_ms(&t.db, &keys, t0 + 10_004)
                .await
                .expect("read"),
            0
        );

        // An hour without failures: the count starts again from one.
        let later = t0 + 4 + 60 * 60_000 + 1;
        let mut tx = t.db.write().await.expect("tx");
        assert_eq!(
            throttle::record_failure(&mut tx, &keys, later)
                .await
                .expect("record"),
            0
        );
        tx.commit().await.expect("commit");
    }
);

db_test!(
    wrong_activation_codes_lock_the_link_and_nothing_is_activated,
    |t| async move {
        let token = register_acme(&t.db).await.activation.expose().to_owned();
        let view = open(&t.db, &token, None).await.expect("open");
        let secret = TotpSecret::from_base32(&view.totp_secret).expect("secret");
        let right = code_at(&secret, unix_now()).expect("code");
        let wrong = if right == "000000" {
            "111111"
        } else {
            "000000"
        };
        for _ in 0..4 {
            let refused = complete(&t.db, &token, Attempt::new(GOOD_PASSWORD, wrong), None).await;
            assert_eq!(refused, Err(ActivationError::WrongCode));
        }
        let locked = complete(&t.db, &token, Attempt::new(GOOD_PASSWORD, &right), None).await;
        assert_eq!(locked, Err(ActivationError::TooManyAttempts));
        assert_eq!(
            count(
                &t.db,
                "SELECT COUNT(*) FROM enterprises WHERE status = 'active'"
            )
            .await,
            0
        );
        assert_eq!(count(&t.db, "SELECT COUNT(*) FROM credentials").await, 0);
    }
);
