//! The Audit page's query: the acting enterprise's events newest first, with the names of the
//! people and enterprises they mention, filters and keyset pages. On both backends; every test
//! ends with the invariant check.

use app::db_test;
use app::domain::{EnterpriseId, PersonId};
use app::features::audit::list::{ListError, list};
use app::features::audit::store::{NewEvent, append};
use app::features::audit::{Actor, AuditChain, AuditQuery, PAGE_SIZE, Party};
use app::platform::Database;
use app::testing::fixtures::activate_acme;

async fn acme(db: &Database) -> (EnterpriseId, PersonId) {
    let (enterprise, person): (i64, i64) =
        sqlx::query_as("SELECT enterprise_id, person_id FROM main_access_managers")
            .fetch_one(db.pool())
            .await
            .expect("Acme's manager");
    (EnterpriseId(enterprise), PersonId(person))
}

fn query() -> AuditQuery {
    AuditQuery::default()
}

fn today() -> String {
    time::OffsetDateTime::now_utc().date().to_string()
}

fn actions(page: &app::features::audit::AuditPage) -> Vec<&str> {
    page.events.iter().map(|e| e.action.as_str()).collect()
}

db_test!(
    the_trail_lists_the_enterprise_events_newest_first_with_names,
    |t| async move {
        activate_acme(&t.db).await;
        let (enterprise, _) = acme(&t.db).await;
        let page = list(&t.db, enterprise, &query()).await.expect("list");
        assert_eq!(
            actions(&page),
            [
                "enterprise.activated",
                "enterprise.activation_opened",
                "enterprise.registered"
            ]
        );
        assert_eq!(page.next, None);
        let activated = &page.events[0];
        assert_eq!(activated.actor, Party::Person("Anna Peeters".into()));
        assert_eq!(activated.target, Some(Party::Enterprise("Acme NV".into())));
        assert!(activated.after.as_deref().unwrap_or("").contains("active"));
        assert_eq!(page.events[2].actor, Party::Operator);
        assert_eq!(activated.time.len(), "2026-11-28 17:00:00".len());
    }
);

db_test!(
    the_trail_filters_by_actor_target_action_and_day,
    |t| async move {
        activate_acme(&t.db).await;
        let (enterprise, _) = acme(&t.db).await;
        let by = |actor: &str| AuditQuery {
            actor: Some(actor.into()),
            ..query()
        };
        for anna in ["anna", "PEETERS", "85.07.30-033.28"] {
            let page = list(&t.db, enterprise, &by(anna)).await.expect("list");
            assert_eq!(
                actions(&page),
                ["enterprise.activated", "enterprise.activation_opened"],
                "actor {anna}"
            );
        }
        let nobody = list(&t.db, enterprise, &by("Zoë")).await.expect("list");
        assert!(nobody.events.is_empty());
        let on_anna = AuditQuery {
            target: Some("anna".into()),
            ..query()
        };
        let page = list(&t.db, enterprise, &on_anna).await.expect("list");
        assert_eq!(actions(&page), ["enterprise.activation_opened"]);
        let registered = AuditQuery {
            action: Some("enterprise.registered".into()),
            ..query()
        };
        assert_eq!(
            actions(&list(&t.db, enterprise, &registered).await.expect("list")),
            ["enterprise.registered"]
        );
        let today_only = AuditQuery {
            from: Some(today()),
            to: Some(today()),
            ..query()
        };
        assert_eq!(
            list(&t.db, enterprise, &today_only)
                .await
                .expect("list")
                .events
                .len(),
            3
        );
        let before_today = AuditQuery {
            to: Some("2020-01-01".into()),
            ..query()
        };
        assert!(
            list(&t.db, enterprise, &before_today)
                .await
                .expect("list")
                .events
                .is_empty()
        );
        let bad_day = AuditQuery {
            from: Some("28/11/2026".into()),
            ..query()
        };
        assert!(matches!(
            list(&t.db, enterprise, &bad_day).await,
            Err(ListError::InvalidFilter("from"))
        ));
    }
);

db_test!(
    keyset_pages_cover_the_trail_without_gaps_or_repeats,
    |t| async move {
        activate_acme(&t.db).await;
        let (enterprise, anna) = acme(&t.db).await;
        let mut tx = t.db.write().await.expect("tx");
        for _ in 0..120 {
            let event = NewEvent {
                chain: AuditChain::Enterprise(enterprise),
                actor: Actor::Person(anna),
                action: "session.acting_for",
                target: Some(format!("enterprise:{enterprise}")),
                before: None,
                after: None,
                client_addr: None,
            };
            append(&mut tx, &event).await.expect("append");
        }
        tx.commit().await.expect("commit");

        let mut seen = Vec::new();
        let mut cursor = None;
        let mut pages = 0;
        loop {
            let page = list(
                &t.db,
                enterprise,
                &AuditQuery {
                    before: cursor,
                    ..query()
                },
            )
            .await
            .expect("list");
            assert!(page.events.len() <= PAGE_SIZE);
            seen.extend(page.events.iter().map(|e| e.seq));
            pages += 1;
            match page.next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        assert_eq!(pages, 3);
        let expected: Vec<i64> = (1..=123).rev().collect();
        assert_eq!(seen, expected, "every event once, newest first");
    }
);

db_test!(
    the_trail_of_one_enterprise_never_shows_another_enterprise_events,
    |t| async move {
        activate_acme(&t.db).await;
        let page = list(&t.db, EnterpriseId(424_242), &query())
            .await
            .expect("list");
        assert!(page.events.is_empty());
    }
);
