//! Replacing the main access manager (the legal representative's act, through the operator),
//! on both backends: always exactly one, old links dead, new manager linked and invited.

use app::db_test;
use app::domain::EnterpriseNumber;
use app::features::enterprises::ActivationError;
use app::features::enterprises::activate::open;
use app::features::enterprises::replace_main_access_manager::{ReplaceError, replace};
use app::features::people::NewPerson;
use app::platform::Database;
use app::policy::OperatorPermit;
use app::testing::fixtures::{LINK_BASE, acme_number, register_acme};

fn person(nrn: &str, given: &str) -> NewPerson {
    app::testing::fixtures::person(nrn, given, "Peeters")
}

/// Registers Acme with Anna; returns Anna's activation token.
async fn acme(db: &Database) -> String {
    register_acme(db).await.activation.expose().to_owned()
}

async fn managers(db: &Database) -> Vec<i64> {
    sqlx::query_scalar("SELECT person_id FROM main_access_managers")
        .fetch_all(db.pool())
        .await
        .expect("managers")
}

db_test!(
    replacing_the_main_access_manager_keeps_exactly_one_and_is_audited,
    |t| async move {
        let anna_link = acme(&t.db).await;
        let replaced = replace(
            &t.db,
            &OperatorPermit::at_the_command_line(),
            acme_number(),
            &person("17073003384", "Bram"),
            LINK_BASE,
        )
        .await
        .expect("replace");
        assert_eq!(managers(&t.db).await, vec![replaced.current.0]);
        assert_ne!(replaced.current, replaced.previous);
        let linked: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM employments WHERE person_id = $1")
                .bind(replaced.current.0)
                .fetch_one(t.db.pool())
                .await
                .expect("employment");
        assert_eq!(linked, 1, "the new manager is linked to the enterprise");
        assert!(
            replaced.activation.is_some(),
            "a manager without credentials is invited"
        );
        assert_eq!(
            open(&t.db, &anna_link, None).await,
            Err(ActivationError::AlreadyUsed),
            "the old link is dead"
        );
        let action: String =
            sqlx::query_scalar("SELECT action FROM audit_events ORDER BY id DESC LIMIT 1")
                .fetch_one(t.db.pool())
                .await
                .expect("audit");
        assert_eq!(action, "enterprise.main_access_manager_replaced");
    }
);

db_test!(
    replacing_with_the_same_person_or_for_an_unknown_enterprise_is_refused,
    |t| async move {
        acme(&t.db).await;
        let before = managers(&t.db).await;
        let same = replace(
            &t.db,
            &OperatorPermit::at_the_command_line(),
            acme_number(),
            &person("85073003328", "Anna"),
            LINK_BASE,
        )
        .await
        .expect_err("same");
        assert!(matches!(same, ReplaceError::SameManager(_)), "{same}");
        let unknown = EnterpriseNumber::parse("0202239951").expect("number");
        let missing = replace(
            &t.db,
            &OperatorPermit::at_the_command_line(),
            unknown,
            &person("17073003384", "Bram"),
            LINK_BASE,
        )
        .await
        .expect_err("unknown");
        assert_eq!(
            missing.to_string(),
            "enterprise 0202.239.951 is not registered"
        );
        assert_eq!(managers(&t.db).await, before);
        let people: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM persons")
            .fetch_one(t.db.pool())
            .await
            .expect("persons");
        assert_eq!(people, 1, "a refused replacement records nobody");
    }
);
