//! The Audit page's query: the acting enterprise's events newest first, with the names of the
//! people and enterprises they mention, filters and keyset pages. On both backends; every test
//! ends with the invariant check.

use app::db_test;
use app::domain::{EnterpriseId, EnterpriseStatus, PersonId};
use app::features::audit::store::{NewEvent, append};
use app::features::audit::{Action, Actor, AuditChain};
use app::features::audit_trail::list::{ListError, list};
use app::features::audit_trail::{AuditPage, AuditQuery, Detail, Field, PAGE_SIZE, Party, Shown};
use app::features::auth::acting::Acting;
use app::i18n::Locale;
use app::platform::Database;
use app::policy::{Level, Refusal, Roles};
use app::testing::fixtures::activate_acme;

async fn acme(db: &Database) -> (EnterpriseId, PersonId) {
    let (enterprise, person): (i64, i64) =
        sqlx::query_as("SELECT enterprise_id, person_id FROM main_access_managers")
            .fetch_one(db.pool())
            .await
            .expect("Acme's manager");
    (EnterpriseId(enterprise), PersonId(person))
}

/// The main access manager of `enterprise` reading its trail (the use case decides on the roles
/// the request read fresh).
fn reader(enterprise: EnterpriseId) -> Acting {
    Acting {
        person: PersonId(1),
        enterprise,
        roles: Roles {
            level: Some(Level::MainAccessManager),
            enterprise_active: true,
        },
    }
}

fn query() -> AuditQuery {
    AuditQuery::default()
}

fn today() -> String {
    time::OffsetDateTime::now_utc().date().to_string()
}

fn actions(page: &AuditPage) -> Vec<&str> {
    page.events.iter().map(|e| e.action.as_str()).collect()
}

db_test!(
    the_trail_lists_the_enterprise_events_newest_first_with_names,
    |t| async move {
        activate_acme(&t.db).await;
        let (enterprise, _) = acme(&t.db).await;
        let page = list(&t.db, &reader(enterprise), &query())
            .await
            .expect("list");
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
        assert_eq!(
            activated.details[0],
            Detail {
                field: Field::Status,
                before: Some(Shown::Status(EnterpriseStatus::Pending)),
                after: Some(Shown::Status(EnterpriseStatus::Active)),
            },
            "the change of status comes first, readable"
        );
        assert_eq!(
            activated.details[0].text(Locale::en),
            "awaiting activation → active"
        );
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
            let page = list(&t.db, &reader(enterprise), &by(anna))
                .await
                .expect("list");
            assert_eq!(
                actions(&page),
                ["enterprise.activated", "enterprise.activation_opened"],
                "actor {anna}"
            );
        }
        let nobody = list(&t.db, &reader(enterprise), &by("Zoë"))
            .await
            .expect("list");
        assert!(nobody.events.is_empty());
        let on_anna = AuditQuery {
            target: Some("anna".into()),
            ..query()
        };
        let page = list(&t.db, &reader(enterprise), &on_anna)
            .await
            .expect("list");
        assert_eq!(actions(&page), ["enterprise.activation_opened"]);
        let registered = AuditQuery {
            action: Some("enterprise.registered".into()),
            ..query()
        };
        assert_eq!(
            actions(
                &list(&t.db, &reader(enterprise), &registered)
                    .await
                    .expect("list")
            ),
            ["enterprise.registered"]
        );
        let today_only = AuditQuery {
            from: Some(today()),
            to: Some(today()),
            ..query()
        };
        assert_eq!(
            list(&t.db, &reader(enterprise), &today_only)
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
            list(&t.db, &reader(enterprise), &before_today)
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
            list(&t.db, &reader(enterprise), &bad_day).await,
            Err(ListError::InvalidFilter("from"))
        ));
        let unknown_action = AuditQuery {
            action: Some("user.teleported".into()),
            ..query()
        };
        assert!(matches!(
            list(&t.db, &reader(enterprise), &unknown_action).await,
            Err(ListError::InvalidFilter("action"))
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
                action: Action::SessionActingFor,
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
                &reader(enterprise),
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
        let page = list(&t.db, &reader(EnterpriseId(424_242)), &query())
            .await
            .expect("list");
        assert!(page.events.is_empty());
    }
);

db_test!(
    only_the_main_access_manager_and_co_main_access_managers_read_the_trail,
    |t| async move {
        activate_acme(&t.db).await;
        let (enterprise, _) = acme(&t.db).await;
        for level in [
            None,
            Some(Level::GroupAdministrator),
            Some(Level::AccessManager),
        ] {
            let acting = Acting {
                roles: Roles {
                    level,
                    enterprise_active: true,
                },
                ..reader(enterprise)
            };
            assert!(matches!(
                list(&t.db, &acting, &query()).await,
                Err(ListError::Refused(Refusal::NotMainAccessManager))
            ));
        }
        let co = Acting {
            roles: Roles {
                level: Some(Level::CoMainAccessManager),
                enterprise_active: true,
            },
            ..reader(enterprise)
        };
        assert!(
            !list(&t.db, &co, &query())
                .await
                .expect("list")
                .events
                .is_empty()
        );
    }
);

db_test!(
    the_trail_shows_what_changed_by_name_not_by_id,
    |t| async move {
        use app::features::admins::appoint::appoint;
        use app::features::users::change::set_services;
        use app::features::users::create::{NewUser, create};
        use app::features::users::store::state;
        use app::policy::Post;
        use app::testing::fixtures::{STAFF, acme_with_staff, domain, group, letter, service};

        let db = &t.db;
        let acme = acme_with_staff(db).await;
        let anna = acme.acting(acme.anna);
        let (employer, social) = (
            group(db, "employer").await,
            domain(db, "social_security").await,
        );
        let (dimona, dmfa) = (service(db, "dimona").await, service(db, "dmfa").await);
        appoint(
            db,
            &anna,
            acme.staff[0],
            Post::AccessManager(social),
            &letter(),
            None,
        )
        .await
        .expect("appoint Bert");
        let new = NewUser {
            group: employer,
            nrn: STAFF[1].0.to_owned(),
            services: vec![dimona],
            link: None,
        };
        let carla = create(db, &anna, &new, &letter(), None)
            .await
            .expect("create Carla");
        let version = {
            let mut conn = db.pool().acquire().await.expect("connection");
            state(&mut conn, acme.enterprise, carla)
                .await
                .expect("read")
                .expect("a user")
                .version
        };
        set_services(db, &anna, carla, employer, &[dmfa], version, None)
            .await
            .expect("change services");

        let page = list(db, &reader(acme.enterprise), &query())
            .await
            .expect("list");
        let text = |action: &str| {
            let event = page
                .events
                .iter()
                .find(|e| e.action == action)
                .expect(action);
            event
                .details
                .iter()
                .map(|d| format!("{}: {}", d.field.label(Locale::en), d.text(Locale::en)))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            text("user.services_changed"),
            [
                "Group: Employer",
                "Granted: DmfA (quarterly multifunctional declaration)",
                "Withdrawn: Dimona (immediate declaration of employment)",
            ]
        );
        assert_eq!(
            text("user.created"),
            [
                "Group: Employer",
                "Online services: Dimona (immediate declaration of employment)",
                "Linked to the enterprise now: no",
            ]
        );
        assert_eq!(
            text("administrator.appointed"),
            ["Post: Access manager: Social security"]
        );
        let appointed = page
            .events
            .iter()
            .find(|e| e.action == "administrator.appointed");
        assert_eq!(
            appointed.and_then(|e| e.target.clone()),
            Some(Party::Person("Bert Aerts".into()))
        );
    }
);

db_test!(
    the_demo_s_people_are_shown_by_name_and_level,
    |t| async move {
        use app::testing::fixtures::bakery_demo;

        let demo = bakery_demo(&t.db).await;
        let page = list(&t.db, &reader(demo.enterprise), &query())
            .await
            .expect("list");
        let created = page
            .events
            .iter()
            .find(|e| e.action == "enterprise.demo_created")
            .expect("the demo's event");
        let people = created
            .details
            .iter()
            .find(|d| d.field == Field::People)
            .expect("its people")
            .text(Locale::en);
        assert!(people.contains("(Main access manager)"), "{people}");
        let registered = page
            .events
            .iter()
            .find(|e| e.action == "enterprise.registered")
            .expect("the registration");
        let groups = registered
            .details
            .iter()
            .find(|d| d.field == Field::Groups)
            .expect("its groups")
            .text(Locale::en);
        assert!(groups.contains("Employer"), "groups by name: {groups}");
        assert!(!people.contains("person:"), "{people}");
    }
);
