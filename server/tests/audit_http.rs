//! The Audit page's endpoint over HTTP: 401 without a session, 403 without a chosen enterprise
//! or for someone who is not its main access manager, 422 for a malformed filter, the trail for
//! the main access manager. Both backends.

mod common;

use app::db_test;
use app::features::enterprises::register::register;
use app::policy::OperatorPermit;
use app::testing::fixtures::{activate_acme, anna, link, person, registration};
use axum::Router;
use common::{Reply, app, cookie_pair, post_form, send, sign_in_anna};

async fn audit(app: &Router, body: &str, cookie: Option<&str>) -> Reply {
    send(app, post_form("/api/audit/list", body.to_owned(), cookie)).await
}

db_test!(
    only_the_main_access_manager_of_the_acting_enterprise_reads_its_trail,
    |t| async move {
        let secret = activate_acme(&t.db).await;
        let app = app(&t.db);
        let anonymous = audit(&app, "", None).await;
        assert_eq!(anonymous.status, 401, "{}", anonymous.body);

        let cookie = cookie_pair(&sign_in_anna(&app, &secret).await);
        let trail = audit(&app, "", Some(&cookie)).await;
        assert_eq!(trail.status, 200, "{}", trail.body);
        assert!(
            trail.body.contains("enterprise.activated"),
            "{}",
            trail.body
        );
        assert!(trail.body.contains("Anna Peeters"), "{}", trail.body);

        let filtered = audit(&app, "query[action]=enterprise.registered", Some(&cookie)).await;
        assert_eq!(filtered.status, 200, "{}", filtered.body);
        assert!(
            !filtered.body.contains("enterprise.activated"),
            "{}",
            filtered.body
        );
        let bad = audit(&app, "query[from]=yesterday", Some(&cookie)).await;
        assert_eq!(bad.status, 422, "{}", bad.body);
        assert!(bad.body.contains("\"field\":\"from\""), "{}", bad.body);
    }
);

db_test!(
    the_trail_needs_a_chosen_enterprise_where_the_person_is_main_access_manager,
    |t| async move {
        let secret = activate_acme(&t.db).await;
        // Anna is also linked to Globex, whose manager is Bert: she must choose first.
        let globex = registration(
            "0431150350",
            "Globex BV",
            person("17073003384", "Bert", "Claes"),
        );
        let globex = register(&t.db, &OperatorPermit::at_the_command_line(), &globex)
            .await
            .expect("register Globex");
        link(&t.db, globex.enterprise, &anna()).await;
        let app = app(&t.db);
        let cookie = cookie_pair(&sign_in_anna(&app, &secret).await);
        let unchosen = audit(&app, "", Some(&cookie)).await;
        assert_eq!(unchosen.status, 403, "{}", unchosen.body);

        let globex: i64 = sqlx::query_scalar("SELECT id FROM enterprises WHERE name = 'Globex BV'")
            .fetch_one(t.db.pool())
            .await
            .expect("Globex");
        let chosen = send(
            &app,
            post_form(
                "/api/auth/act_for",
                format!("enterprise={globex}"),
                Some(&cookie),
            ),
        )
        .await;
        assert_eq!(chosen.status, 200, "{}", chosen.body);
        let not_manager = audit(&app, "", Some(&cookie)).await;
        assert_eq!(not_manager.status, 403, "{}", not_manager.body);
    }
);
