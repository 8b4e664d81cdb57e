//! Registering an enterprise (the operator's act), on both backends. Every test ends with the
//! invariant check.

use app::db_test;
use app::domain::EnterpriseNumber;
use app::features::enterprises::activation_token::{VALIDITY_MS, hash_token};
use app::features::enterprises::register::{RegisterError, register};
use app::features::people::{PersonIdentity, Username};
use app::platform::Database;
use app::policy::OperatorPermit;
use app::testing::fixtures::{acme, load_catalogue as with_catalog};

async fn count(db: &Database, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(db.pool())
        .await
        .expect(sql)
}

db_test!(
    registered_enterprise_is_pending_with_its_main_access_manager_and_audited,
    |t| async move {
        with_catalog(&t.db).await;
        let registered = register(
            &t.db,
            &OperatorPermit::at_the_command_line(),
            &acme(&["employer", "social_secretariat"]),
        )
        .await
        .expect("register");

        let (number, status): (String, String) =
            sqlx::query_as("SELECT number, status FROM enterprises WHERE id = $1")
                .bind(registered.enterprise.0)
                .fetch_one(t.db.pool())
                .await
                .expect("enterprise");
        assert_eq!(
            (number.as_str(), status.as_str()),
            ("0403019261", "pending")
        );
        let mam: i64 = sqlx::query_scalar(
            "SELECT person_id FROM main_access_managers WHERE enterprise_id = $1",
        )
        .bind(registered.enterprise.0)
        .fetch_one(t.db.pool())
        .await
        .expect("mam");
        assert_eq!(mam, registered.main_access_manager.0);
        assert_eq!(
            count(
                &t.db,
                "SELECT COUNT(*) FROM enterprise_groups WHERE active = 1"
            )
            .await,
            2
        );
        assert_eq!(count(&t.db, "SELECT COUNT(*) FROM employments").await, 1);
        let action: String =
            sqlx::query_scalar("SELECT action FROM audit_events WHERE chain = $1 AND seq = 1")
                .bind(format!("enterprise:{}", registered.enterprise))
                .fetch_one(t.db.pool())
                .await
                .expect("audit event");
        assert_eq!(action, "enterprise.registered");
    }
);

db_test!(
    activation_link_is_stored_only_as_a_hash_and_lasts_seven_days,
    |t| async move {
        with_catalog(&t.db).await;
        let registered = register(
            &t.db,
            &OperatorPermit::at_the_command_line(),
            &acme(&["employer"]),
        )
        .await
        .expect("register");
        let token = registered.activation.expose().to_owned();
        assert_eq!(token.len(), 64);
        let (stored, created, expires): (String, i64, i64) =
            sqlx::query_as("SELECT token_hash, created_at, expires_at FROM activation_tokens")
                .fetch_one(t.db.pool())
                .await
                .expect("token row");
        assert_ne!(stored, token, "the token itself is never stored");
        assert_eq!(stored, hash_token(&token));
        assert_eq!(expires - created, VALIDITY_MS);
    }
);

db_test!(
    an_enterprise_number_is_registered_only_once,
    |t| async move {
        with_catalog(&t.db).await;
        register(
            &t.db,
            &OperatorPermit::at_the_command_line(),
            &acme(&["employer"]),
        )
        .await
        .expect("first");
        let error = register(
            &t.db,
            &OperatorPermit::at_the_command_line(),
            &acme(&["employer"]),
        )
        .await
        .expect_err("second");
        assert!(
            matches!(error, RegisterError::AlreadyRegistered(_)),
            "{error}"
        );
        assert_eq!(count(&t.db, "SELECT COUNT(*) FROM enterprises").await, 1);
        assert_eq!(
            count(&t.db, "SELECT COUNT(*) FROM activation_tokens").await,
            1
        );
    }
);

db_test!(
    unknown_group_is_refused_and_nothing_is_written,
    |t| async move {
        with_catalog(&t.db).await;
        let error = register(
            &t.db,
            &OperatorPermit::at_the_command_line(),
            &acme(&["employer", "astronaut"]),
        )
        .await
        .expect_err("refused");
        assert_eq!(error.to_string(), "unknown group 'astronaut'");
        for table in [
            "enterprises",
            "persons",
            "employments",
            "audit_events",
            "activation_tokens",
        ] {
            assert_eq!(
                count(&t.db, &format!("SELECT COUNT(*) FROM {table}")).await,
                0,
                "{table}"
            );
        }
    }
);

db_test!(
    a_person_already_known_is_reused_not_duplicated,
    |t| async move {
        with_catalog(&t.db).await;
        register(
            &t.db,
            &OperatorPermit::at_the_command_line(),
            &acme(&["employer"]),
        )
        .await
        .expect("acme");
        let mut other = acme(&["service_provider"]);
        other.number = EnterpriseNumber::parse("0202.239.951").expect("number");
        other.name = "Other BV".into();
        register(&t.db, &OperatorPermit::at_the_command_line(), &other)
            .await
            .expect("other");
        assert_eq!(count(&t.db, "SELECT COUNT(*) FROM persons").await, 1);
        assert_eq!(count(&t.db, "SELECT COUNT(*) FROM employments").await, 2);
    }
);

db_test!(
    a_foreign_main_access_manager_is_identified_by_username,
    |t| async move {
        with_catalog(&t.db).await;
        let mut registration = acme(&["foreign_employer"]);
        registration.main_access_manager.identity =
            PersonIdentity::Foreign(Username::parse("j.smith").expect("username"));
        registration.main_access_manager.phone = Some("+44 20 7946 0000".into());
        register(&t.db, &OperatorPermit::at_the_command_line(), &registration)
            .await
            .expect("register");
        let (nrn, username): (Option<String>, Option<String>) =
            sqlx::query_as("SELECT nrn, username FROM persons")
                .fetch_one(t.db.pool())
                .await
                .expect("person");
        assert_eq!((nrn, username.as_deref()), (None, Some("j.smith")));
    }
);

db_test!(
    the_invariant_check_reports_an_enterprise_without_main_access_manager,
    breaks_the_rules_on_purpose,
    |t| async move {
        with_catalog(&t.db).await;
        let registered = register(
            &t.db,
            &OperatorPermit::at_the_command_line(),
            &acme(&["employer"]),
        )
        .await
        .expect("register");
        sqlx::query("DELETE FROM main_access_managers WHERE enterprise_id = $1")
            .bind(registered.enterprise.0)
            .execute(t.db.pool())
            .await
            .expect("break the rule by hand");
        let violations = app::features::invariants::check(&t.db)
            .await
            .expect("check");
        assert_eq!(violations.len(), 1);
        assert_eq!(violations[0].rule, "exactly_one_main_access_manager");
    }
);
