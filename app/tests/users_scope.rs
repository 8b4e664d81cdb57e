//! Who manages which users: access managers and group administrators only inside their scope; ContactData and Chaman held without a grant.
//! On both backends, through the use cases the endpoints call; every test ends with the
//! invariant check.

mod users_support;

use users_support::*;

db_test!(
    access_managers_and_group_administrators_manage_users_only_inside_their_scope,
    |t| async move {
        let db = &t.db;
        let w = world(db).await;
        let anna = w.acme.anna;
        let (bert, filip) = w.delegate(db).await;
        // The access manager of social security: employer and social secretariat, not care.
        w.add(db, bert, 1, w.employer, &[w.dimona])
            .await
            .expect("AM in own domain");
        w.add(db, bert, 1, w.secretariat, &[])
            .await
            .expect("AM in own domain");
        assert_eq!(
            refusal(w.add(db, bert, 2, w.care, &[]).await),
            Refusal::OutsideOwnScope
        );
        // The group administrator of care: only care.
        assert_eq!(
            refusal(w.add(db, filip, 2, w.employer, &[]).await),
            Refusal::OutsideOwnScope
        );
        let dirk = w
            .add(db, filip, 2, w.care, &[w.ehealthbox])
            .await
            .expect("GA in own group");
        // Somebody who administers nothing manages nobody.
        assert_eq!(
            refusal(w.add(db, w.staff(3), 3, w.employer, &[]).await),
            Refusal::NotAnAdministrator
        );
        // Lists and details show only the scope.
        let everyone = UserQuery::default();
        let names = |page: app::features::users::UserPage| {
            page.rows.into_iter().map(|r| r.name).collect::<Vec<_>>()
        };
        assert_eq!(
            names(list(db, &w.acme.acting(filip), &everyone).await.unwrap()),
            vec!["Dirk Claes"]
        );
        assert_eq!(
            names(list(db, &w.acme.acting(bert), &everyone).await.unwrap()),
            vec!["Carla Bosmans"]
        );
        assert_eq!(
            names(list(db, &w.acme.acting(anna), &everyone).await.unwrap()),
            vec!["Carla Bosmans", "Dirk Claes"]
        );
        assert_eq!(
            refusal(detail(db, &w.acme.acting(bert), dirk).await),
            Refusal::OutsideOwnScope
        );
        let query = UserQuery {
            group: Some(w.care),
            ..UserQuery::default()
        };
        assert_eq!(
            refusal(list(db, &w.acme.acting(bert), &query).await),
            Refusal::OutsideOwnScope
        );
        // Nor may they change a user of another group.
        let version = w.version(db, dirk).await;
        assert_eq!(
            refusal(
                set_blocked(
                    db,
                    &w.acme.acting(bert),
                    dirk,
                    Reach::Group(w.care),
                    true,
                    version,
                    None
                )
                .await
            ),
            Refusal::OutsideOwnScope
        );
        assert_eq!(
            refusal(remove(db, &w.acme.acting(bert), dirk, w.care, version, None).await),
            Refusal::OutsideOwnScope
        );
        assert_eq!(w.version(db, dirk).await, version, "nothing changed");
    }
);

db_test!(
    contact_data_is_implicit_for_access_managers_and_users_chaman_for_access_managers,
    |t| async move {
        let db = &t.db;
        let w = world(db).await;
        let anna = w.acme.anna;
        let (bert, filip) = w.delegate(db).await;
        let carla = w.add(db, anna, 1, w.employer, &[w.dimona]).await.unwrap();
        let sorted = |mut v: Vec<ServiceId>| {
            v.sort();
            v
        };
        let w = &w;
        let implicit = |p| async move { my_access(db, &w.acme.acting(p)).await.unwrap().implicit };
        assert_eq!(
            sorted(implicit(anna).await),
            sorted(vec![w.contactdata, w.chaman])
        );
        assert_eq!(
            sorted(implicit(bert).await),
            sorted(vec![w.contactdata, w.chaman])
        );
        assert_eq!(implicit(carla).await, vec![w.contactdata]);
        assert_eq!(implicit(filip).await, Vec::<ServiceId>::new());
        let shown = detail(db, &w.acme.acting(anna), carla).await.unwrap();
        assert_eq!(shown.implicit, vec![w.contactdata]);
        // A normal user gets Chaman only by an explicit grant.
        let version = w.version(db, carla).await;
        set_services(
            db,
            &w.acme.acting(anna),
            carla,
            w.employer,
            &[w.dimona, w.chaman],
            version,
            None,
        )
        .await
        .unwrap();
        assert!(
            my_access(db, &w.acme.acting(carla))
                .await
                .unwrap()
                .usable()
                .contains(&w.chaman)
        );
    }
);
