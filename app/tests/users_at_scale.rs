//! A generated enterprise keeps every rule and survives a catalogue reload; a service the catalogue stops offering in a group is withdrawn from its users as an audited change.
//! On both backends, through the use cases the endpoints call; every test ends with the
//! invariant check.

mod users_support;

use users_support::*;

db_test!(
    a_seeded_enterprise_keeps_every_rule_and_survives_a_catalogue_reload,
    |t| async move {
        let db = &t.db;
        let seeded = seeded(db, 700, 12).await;
        assert_eq!(seeded.users, 700);
        assert_eq!(seeded.groups.len(), 12);
        let mam = app::features::auth::acting::Acting {
            person: app::domain::PersonId(
                sqlx::query_scalar(
                    "SELECT person_id FROM main_access_managers WHERE enterprise_id = $1",
                )
                .bind(seeded.demo.enterprise.0)
                .fetch_one(db.pool())
                .await
                .unwrap(),
            ),
            enterprise: seeded.demo.enterprise,
            roles: Default::default(),
        };
        let home = groups(db, &mam, &GroupQuery::default()).await.unwrap();
        let users: i64 = home
            .groups
            .iter()
            .map(|g| g.users_active + g.users_blocked)
            .sum();
        assert!(users >= 700, "every user is in a group: {users}");
        let page = list(db, &mam, &UserQuery::default()).await.unwrap();
        assert_eq!(page.rows.len(), 50);
        assert!(page.next.is_some());
        // Reloading the catalogue file neither retires generated groups nor drops their services.
        load_catalogue(db).await;
        assert_eq!(
            groups(db, &mam, &GroupQuery::default()).await.unwrap(),
            home
        );
    }
);

db_test!(
    a_service_the_catalogue_no_longer_offers_in_a_group_is_withdrawn_from_its_users_as_an_audited_change,
    |t| async move {
        use app::features::catalog::{file::Catalog, store as catalog};
        let db = &t.db;
        let w = world(db).await;
        let carla = w
            .add(db, w.acme.anna, 1, w.employer, &[w.dimona, w.dmfa])
            .await
            .unwrap();
        w.add(db, w.acme.anna, 1, w.secretariat, &[w.dimona])
            .await
            .unwrap();
        let file =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../server/catalog/default.toml");
        let mut shipped = Catalog::load(&file).unwrap();
        for group in shipped.groups.iter_mut().filter(|g| g.code == "employer") {
            group.services.retain(|s| s != "dimona");
        }
        let version = w.version(db, carla).await;
        catalog::apply(db, &SystemPermit::for_system_work(), &shipped).await.unwrap();
        let state = w.state(db, carla).await.unwrap();
        assert_eq!(state.membership(w.employer).unwrap().services, vec![w.dmfa]);
        assert_eq!(
            state.membership(w.secretariat).unwrap().services,
            vec![w.dimona],
            "other groups keep it"
        );
        // Like any change to a user: a form read before is stale, the change is audited (by the
        // operator, with before and after) and the user reads about it.
        assert!(state.version > version);
        let (action, before, after) = audited(db, carla).await.pop().unwrap();
        assert_eq!(action, "user.services_changed");
        let ids = |json: Option<String>| -> Vec<i64> {
            let value: serde_json::Value = serde_json::from_str(&json.unwrap()).unwrap();
            let mut ids: Vec<i64> = value["services"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_i64().unwrap())
                .collect();
            ids.sort();
            ids
        };
        let mut held = vec![w.dimona.0, w.dmfa.0];
        held.sort();
        assert_eq!(ids(before), held);
        assert_eq!(ids(after), vec![w.dmfa.0]);
        let actor: String = sqlx::query_scalar(
            "SELECT actor FROM audit_events WHERE target = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(format!("person:{carla}"))
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(actor, "operator");
        assert_eq!(
            ebox(db, carla).await.pop(),
            Some(Message::CatalogueWithdrew {
                group: w.employer,
                service: w.dimona
            })
        );
        // Reloading the same file changes nothing more.
        catalog::apply(db, &SystemPermit::for_system_work(), &shipped).await.unwrap();
        assert_eq!(w.version(db, carla).await, state.version);
    }
);
