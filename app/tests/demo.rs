//! `init --demo`: an active demo enterprise whose people can sign in at once, created once,
//! audited. On both backends; every test ends with the invariant check.

use app::db_test;
use app::features::auth::sign_in::{Credentials, sign_in};
use app::features::auth::totp::{TotpSecret, code_at};
use app::features::demo::{DemoError, DemoSpec, create};
use app::policy::Level;
use app::policy::OperatorPermit;
use app::testing::fixtures::{bakery_demo, load_catalogue, unix_now};

db_test!(
    the_demo_enterprise_is_active_and_each_of_its_people_signs_in_at_once,
    |t| async move {
        let demo = bakery_demo(&t.db).await;
        assert_eq!(demo.accounts.len(), 5);
        let roles: Vec<Option<Level>> = demo.accounts.iter().map(|a| a.role).collect();
        assert_eq!(
            roles,
            [
                Some(Level::MainAccessManager),
                Some(Level::CoMainAccessManager),
                Some(Level::AccessManager),
                Some(Level::GroupAdministrator),
                None
            ]
        );
        let status: String = sqlx::query_scalar("SELECT status FROM enterprises WHERE id = $1")
            .bind(demo.enterprise.0)
            .fetch_one(t.db.pool())
            .await
            .expect("status");
        assert_eq!(status, "active");
        for account in &demo.accounts {
            let secret = TotpSecret::from_base32(&account.totp_secret).expect("secret");
            let code = code_at(&secret, unix_now()).expect("code");
            let credentials = Credentials {
                identifier: &account.nrn,
                password: &account.password,
                code: &code,
            };
            let signed_in = sign_in(&t.db, credentials, None)
                .await
                .expect(&account.name);
            assert!(!signed_in.must_choose_enterprise);
        }
        let unused_links: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM activation_tokens WHERE used_at IS NULL")
                .fetch_one(t.db.pool())
                .await
                .expect("links");
        assert_eq!(unused_links, 0, "no activation link is left open");
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'enterprise.demo_created'",
        )
        .fetch_one(t.db.pool())
        .await
        .expect("audit");
        assert_eq!(audited, 1);
    }
);

db_test!(the_demo_is_created_only_once, |t| async move {
    load_catalogue(&t.db).await;
    create(
        &t.db,
        &OperatorPermit::at_the_command_line(),
        &DemoSpec::bakery(),
    )
    .await
    .expect("demo");
    let again = create(
        &t.db,
        &OperatorPermit::at_the_command_line(),
        &DemoSpec::bakery(),
    )
    .await;
    assert!(
        matches!(again, Err(DemoError::Exists(ref n)) if n == "0777.777.771"),
        "{again:?}"
    );
});

db_test!(
    another_demo_has_the_same_roles_under_new_national_register_numbers,
    |t| async move {
        load_catalogue(&t.db).await;
        create(
            &t.db,
            &OperatorPermit::at_the_command_line(),
            &DemoSpec::bakery(),
        )
        .await
        .expect("bakery");
        let number = app::domain::EnterpriseNumber::parse("0431150350").expect("number");
        let spec = DemoSpec::fresh(number, "Training NV");
        let other = create(&t.db, &OperatorPermit::at_the_command_line(), &spec)
            .await
            .expect("another demo");
        assert_eq!(other.accounts.len(), 5);
        let posts: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM administrators WHERE enterprise_id = $1")
                .bind(other.enterprise.0)
                .fetch_one(t.db.pool())
                .await
                .expect("posts");
        assert_eq!(
            posts, 3,
            "co-main access manager, access manager, group administrator"
        );
    }
);
