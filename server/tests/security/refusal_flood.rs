//! Finding 7: every refused attempt by any linked person — a plain employee too — was an audit
//! event, without limit, so a flood pushed the real events off the trail's first pages. The
//! first few refusals of an actor per minute are audited one by one, the rest as one summary.

use crate::live::Live;
use crate::world::{session_for, world};
use app::db_test;
use app::features::audit::refusals::RECORDED_PER_MINUTE;
use app::features::auth::session::Lifetimes;
use app::features::housekeeping;
use app::platform::db::now_millis;
use serde_json::json;

db_test!(
    a_flood_of_refusals_is_audited_as_a_few_events_and_one_summary_per_minute,
    |t| async move {
        let db = &t.db;
        let world = world(db).await;
        let live = Live::start(db, crate::common::settings("http://127.0.0.1:3000")).await;
        let dirk = session_for(db, world.dirk(), world.acme.enterprise).await;
        let anna = session_for(db, world.acme.anna, world.acme.enterprise).await;
        // A real event Anna must still find on the first page.
        let appointed = live
            .post_json(
                "/api/admins/appoint",
                json!({ "person": world.acme.staff[0].0, "post": { "level": "group_administrator", "scope": world.care.0 } }),
                Some(&anna),
            )
            .await;
        assert_eq!(appointed.status, 200, "{}", appointed.body);

        const ATTEMPTS: i64 = 40;
        for _ in 0..ATTEMPTS {
            let refused = live
                .post_json(
                    "/api/admins/appoint",
                    json!({ "person": world.dirk().0, "post": { "level": "co_main_access_manager" } }),
                    Some(&dirk),
                )
                .await;
            assert_eq!(refused.status, 403, "{}", refused.body);
        }
        let one_by_one: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'administrator.appointment_refused'",
        )
        .fetch_one(db.pool())
        .await
        .expect("count");
        // At most two minutes' allowance, should the flood cross a minute.
        assert!(one_by_one <= 2 * RECORDED_PER_MINUTE, "{one_by_one}");

        let trail = live.post_form("/api/audit/list", "", Some(&anna)).await;
        assert!(
            trail.body.contains("administrator.appointed"),
            "{}",
            trail.body
        );

        housekeeping::run(db, now_millis() + 120_000, Lifetimes::default())
            .await
            .expect("housekeeping");
        let summaries: Vec<(String, String)> = sqlx::query_as(
            "SELECT actor, after_json FROM audit_events WHERE action = 'audit.refusals_folded'",
        )
        .fetch_all(db.pool())
        .await
        .expect("summaries");
        let folded: i64 = summaries
            .iter()
            .map(|(actor, after)| {
                assert_eq!(actor, &format!("person:{}", world.dirk()));
                let after: serde_json::Value = serde_json::from_str(after).expect("json");
                after["refusals"].as_i64().expect("a count")
            })
            .sum();
        assert_eq!(
            one_by_one + folded,
            ATTEMPTS,
            "every refusal is accounted for"
        );
        // The summary is on Anna's page, labelled.
        let page = live.get("/audit", Some(&anna)).await;
        assert!(
            page.body
                .contains("Further refused attempts in one minute (counted)"),
            "{}",
            page.body
        );
        // Once folded, the minutes are forgotten: a second run adds nothing.
        housekeeping::run(db, now_millis() + 180_000, Lifetimes::default())
            .await
            .expect("housekeeping");
        let again: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'audit.refusals_folded'",
        )
        .fetch_one(db.pool())
        .await
        .expect("count");
        assert_eq!(again, summaries.len() as i64);
    }
);
