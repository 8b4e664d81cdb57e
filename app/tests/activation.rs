//! Activation of an enterprise by its main access manager, on both backends: a one-time link,
//! a password that meets the policy and a code from the enrolled authenticator app. Every
//! refusal changes nothing and is audited. Every test ends with the invariant check.

use app::db_test;
use app::features::auth::PasswordPolicyError;
use app::features::auth::totp::{TotpSecret, code_at};
use app::features::enterprises::ActivationError;
use app::features::enterprises::activate::{Attempt, complete, open};
use app::platform::Database;
use app::testing::fixtures::{GOOD_PASSWORD as PASSWORD, register_acme};

/// Registers Acme with Anna as main access manager; returns the activation token.
async fn registered(db: &Database) -> String {
    register_acme(db).await.activation.expose().to_owned()
}

/// The code an authenticator app enrolled with `secret` shows now.
fn current_code(secret: &str) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    code_at(&TotpSecret::from_base32(secret).expect("secret"), now).expect("code")
}

/// A code that no step of the accepted window produces.
fn wrong_code(secret: &str) -> String {
    let secret = TotpSecret::from_base32(secret).expect("secret");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let valid: Vec<String> = (0..4)
        .filter_map(|i| code_at(&secret, now + 30 * i - 60))
        .collect();
    (0..10)
        .map(|d| d.to_string().repeat(6))
        .find(|c| !valid.contains(c))
        .expect("a wrong code")
}

async fn status(db: &Database) -> String {
    sqlx::query_scalar("SELECT status FROM enterprises")
        .fetch_one(db.pool())
        .await
        .expect("status")
}

async fn count(db: &Database, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(db.pool())
        .await
        .expect(sql)
}

db_test!(
    main_access_manager_activates_the_enterprise_with_password_and_app_code,
    |t| async move {
        let token = registered(&t.db).await;
        let view = open(&t.db, &token, None).await.expect("open the link");
        assert_eq!(view.enterprise_number, "0403.019.261");
        assert_eq!(view.person_name, "Anna Peeters");
        assert!(view.otpauth_url.starts_with("otpauth://totp/"));
        assert_eq!(
            status(&t.db).await,
            "pending",
            "opening the link activates nothing"
        );

        let code = current_code(&view.totp_secret);
        let activated = complete(
            &t.db,
            &token,
            Attempt::new(PASSWORD, &code),
            Some("192.0.2.1".into()),
        )
        .await
        .expect("activate");
        assert_eq!(status(&t.db).await, "active");
        let (hash, secret): (String, String) = sqlx::query_as(
            "SELECT password_hash, totp_secret FROM credentials WHERE person_id = $1",
        )
        .bind(activated.person.0)
        .fetch_one(t.db.pool())
        .await
        .expect("credentials");
        assert!(hash.starts_with("$argon2id$"));
        assert_eq!(secret, view.totp_secret);
        let last: String =
            sqlx::query_scalar("SELECT action FROM audit_events ORDER BY id DESC LIMIT 1")
                .fetch_one(t.db.pool())
                .await
                .expect("audit");
        assert_eq!(last, "enterprise.activated");
    }
);

db_test!(
    opening_the_link_again_shows_the_same_authenticator_secret,
    |t| async move {
        let token = registered(&t.db).await;
        let first = open(&t.db, &token, Some("192.0.2.3".into()))
            .await
            .expect("first");
        let second = open(&t.db, &token, None).await.expect("second");
        assert_eq!(first.totp_secret, second.totp_secret);
        let opened: Vec<Option<String>> = sqlx::query_scalar(
            "SELECT client_addr FROM audit_events WHERE action = 'enterprise.activation_opened'",
        )
        .fetch_all(t.db.pool())
        .await
        .expect("audit");
        assert_eq!(
            opened,
            vec![Some("192.0.2.3".to_owned())],
            "the first opening is audited, once"
        );
    }
);

db_test!(an_activation_link_works_only_once, |t| async move {
    let token = registered(&t.db).await;
    let view = open(&t.db, &token, None).await.expect("open");
    let code = current_code(&view.totp_secret);
    complete(&t.db, &token, Attempt::new(PASSWORD, &code), None)
        .await
        .expect("first use");
    assert_eq!(
        open(&t.db, &token, None).await,
        Err(ActivationError::AlreadyUsed)
    );
    let again = complete(&t.db, &token, Attempt::new(PASSWORD, &code), None).await;
    assert_eq!(again, Err(ActivationError::AlreadyUsed));
});

db_test!(an_expired_link_is_refused_and_audited, |t| async move {
    let token = registered(&t.db).await;
    let view = open(&t.db, &token, None).await.expect("open");
    sqlx::query("UPDATE activation_tokens SET expires_at = 0")
        .execute(t.db.pool())
        .await
        .expect("age the link");
    let code = current_code(&view.totp_secret);
    assert_eq!(
        complete(&t.db, &token, Attempt::new(PASSWORD, &code), None).await,
        Err(ActivationError::Expired)
    );
    assert_eq!(
        open(&t.db, &token, None).await,
        Err(ActivationError::Expired)
    );
    assert_eq!(status(&t.db).await, "pending");
    assert_eq!(
        count(
            &t.db,
            "SELECT COUNT(*) FROM audit_events WHERE action = 'enterprise.activation_refused'"
        )
        .await,
        1
    );
});

db_test!(
    a_wrong_code_is_refused_audited_and_changes_nothing,
    |t| async move {
        let token = registered(&t.db).await;
        let view = open(&t.db, &token, None).await.expect("open");
        let right = current_code(&view.totp_secret);
        let wrong = wrong_code(&view.totp_secret);
        assert_eq!(
            complete(&t.db, &token, Attempt::new(PASSWORD, &wrong), None).await,
            Err(ActivationError::WrongCode)
        );
        assert_eq!(status(&t.db).await, "pending");
        assert_eq!(count(&t.db, "SELECT COUNT(*) FROM credentials").await, 0);
        assert_eq!(
            count(
                &t.db,
                "SELECT COUNT(*) FROM activation_tokens WHERE used_at IS NULL"
            )
            .await,
            1
        );
        let reason: String = sqlx::query_scalar(
            "SELECT after_json FROM audit_events WHERE action = 'enterprise.activation_refused'",
        )
        .fetch_one(t.db.pool())
        .await
        .expect("refusal audited");
        assert!(reason.contains("wrong_code"), "{reason}");
        // The right code still works afterwards.
        complete(&t.db, &token, Attempt::new(PASSWORD, &right), None)
            .await
            .expect("activate");
    }
);

db_test!(
    a_weak_password_is_refused_and_changes_nothing,
    |t| async move {
        let token = registered(&t.db).await;
        let view = open(&t.db, &token, None).await.expect("open");
        let code = current_code(&view.totp_secret);
        for (password, expected) in [
            ("short", PasswordPolicyError::TooShort),
            ("password1234", PasswordPolicyError::TooCommon),
            ("AnnaPeeters1985!", PasswordPolicyError::TooCommon),
        ] {
            let result = complete(&t.db, &token, Attempt::new(password, &code), None).await;
            assert_eq!(
                result,
                Err(ActivationError::WeakPassword(expected)),
                "{password}"
            );
        }
        assert_eq!(status(&t.db).await, "pending");
        assert_eq!(count(&t.db, "SELECT COUNT(*) FROM credentials").await, 0);
    }
);

db_test!(
    an_unknown_link_is_refused_and_audited_on_the_installation_chain,
    |t| async move {
        registered(&t.db).await;
        let forged = "0".repeat(64);
        assert_eq!(
            open(&t.db, &forged, None).await,
            Err(ActivationError::UnknownLink)
        );
        assert_eq!(
            complete(&t.db, &forged, Attempt::new(PASSWORD, "123456"), None).await,
            Err(ActivationError::UnknownLink)
        );
        assert_eq!(
            count(
                &t.db,
                "SELECT COUNT(*) FROM audit_events WHERE chain = 'installation'"
            )
            .await,
            1
        );
    }
);

db_test!(
    a_second_enterprises_activation_never_replaces_the_managers_credentials,
    |t| async move {
        use app::features::enterprises::activate::confirm_with_account;
        use app::features::enterprises::register::register;
        use app::policy::OperatorPermit;
        use app::testing::fixtures::{activate_acme, anna, next_code, registration};
        let secret = activate_acme(&t.db).await;
        let credentials = || async {
            sqlx::query_as::<_, (String, String)>(
                "SELECT password_hash, totp_secret FROM credentials",
            )
            .fetch_all(t.db.pool())
            .await
            .expect("credentials")
        };
        let before = credentials().await;
        // Anna becomes the main access manager of a second enterprise.
        let second = register(
            &t.db,
            &OperatorPermit::at_the_command_line(),
            &registration("0431150350", "Second NV", anna()),
        )
        .await
        .expect("register the second enterprise");
        let token = second.activation.expose().to_owned();

        let view = open(&t.db, &token, None).await.expect("open");
        assert!(view.signs_in_already);
        assert!(view.totp_secret.is_empty() && view.qr_code.is_empty());
        // The link cannot set a new password or app for her.
        let replaced = complete(&t.db, &token, Attempt::new(PASSWORD, "000000"), None).await;
        assert_eq!(replaced, Err(ActivationError::SignsInAlready));
        // A wrong password is refused.
        let code = next_code(&secret);
        let wrong =
            confirm_with_account(&t.db, &token, "not-her-password-at-all", &code, None).await;
        assert_eq!(wrong, Err(ActivationError::WrongPassword));
        // Her own password and code activate it.
        let activated = confirm_with_account(&t.db, &token, PASSWORD, &code, None)
            .await
            .expect("activate with her account");
        assert_eq!(activated.enterprise, second.enterprise);
        let status: String = sqlx::query_scalar("SELECT status FROM enterprises WHERE id = $1")
            .bind(second.enterprise.0)
            .fetch_one(t.db.pool())
            .await
            .expect("status");
        assert_eq!(status, "active");
        assert_eq!(
            credentials().await,
            before,
            "her password and app stay as they were"
        );
        // The link is spent.
        let again = confirm_with_account(&t.db, &token, PASSWORD, &code, None).await;
        assert_eq!(again, Err(ActivationError::AlreadyUsed));
    }
);
