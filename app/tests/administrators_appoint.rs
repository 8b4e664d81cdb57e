//! Who appoints whom: each level appoints only below itself and inside its scope; one access manager per active domain at most, one group administrator per group; the appointee must be linked; nobody widens their own scope.
//! On both backends, through the use cases the endpoints call; every test ends with the
//! invariant check (except the one that breaks the rules on purpose).

mod administrators_support;

use administrators_support::*;

db_test!(
    main_access_manager_appoints_co_main_access_managers_access_managers_and_group_administrators,
    |t| async move {
        let db = &t.db;
        let acme = acme_with_staff(db).await;
        let s = scopes(db).await;
        let [bert, carla, dirk, ..] = acme.staff[..] else {
            unreachable!()
        };
        appoints(db, &acme, acme.anna, bert, Post::CoMainAccessManager).await;
        appoints(db, &acme, acme.anna, carla, Post::AccessManager(s.health)).await;
        appoints(
            db,
            &acme,
            acme.anna,
            dirk,
            Post::GroupAdministrator(s.employer),
        )
        .await;
        let held = posts(db, &acme).await;
        assert!(held.contains(&(bert, Post::CoMainAccessManager)));
        assert!(held.contains(&(carla, Post::AccessManager(s.health))));
        assert!(held.contains(&(dirk, Post::GroupAdministrator(s.employer))));
    }
);

db_test!(
    co_main_access_manager_appoints_access_managers_and_group_administrators_only,
    |t| async move {
        let db = &t.db;
        let acme = acme_with_staff(db).await;
        let s = scopes(db).await;
        let [bert, carla, dirk, els, ..] = acme.staff[..] else {
            unreachable!()
        };
        appoints(db, &acme, acme.anna, bert, Post::CoMainAccessManager).await;
        appoints(db, &acme, bert, carla, Post::AccessManager(s.social)).await;
        appoints(db, &acme, bert, dirk, Post::GroupAdministrator(s.care)).await;
        assert_eq!(
            refused_appointment(db, &acme, bert, els, Post::CoMainAccessManager).await,
            Refusal::AtOrAboveOwnLevel
        );
    }
);

db_test!(
    access_manager_appoints_group_administrators_only_for_groups_of_its_own_domain,
    |t| async move {
        let db = &t.db;
        let acme = acme_with_staff(db).await;
        let s = scopes(db).await;
        let [bert, carla, dirk, ..] = acme.staff[..] else {
            unreachable!()
        };
        appoints(db, &acme, acme.anna, bert, Post::AccessManager(s.social)).await;
        appoints(
            db,
            &acme,
            bert,
            carla,
            Post::GroupAdministrator(s.secretariat),
        )
        .await;
        assert_eq!(
            refused_appointment(db, &acme, bert, dirk, Post::GroupAdministrator(s.care)).await,
            Refusal::OutsideOwnScope
        );
        assert_eq!(
            refused_appointment(db, &acme, bert, dirk, Post::AccessManager(s.health)).await,
            Refusal::AtOrAboveOwnLevel
        );
    }
);

db_test!(group_administrator_appoints_nobody, |t| async move {
    let db = &t.db;
    let acme = acme_with_staff(db).await;
    let s = scopes(db).await;
    let [bert, carla, ..] = acme.staff[..] else {
        unreachable!()
    };
    appoints(
        db,
        &acme,
        acme.anna,
        bert,
        Post::GroupAdministrator(s.employer),
    )
    .await;
    for post in [
        Post::CoMainAccessManager,
        Post::AccessManager(s.health),
        Post::GroupAdministrator(s.secretariat),
    ] {
        assert_eq!(
            refused_appointment(db, &acme, bert, carla, post).await,
            Refusal::AtOrAboveOwnLevel
        );
    }
});

db_test!(
    access_manager_is_scoped_to_exactly_one_active_domain,
    |t| async move {
        let db = &t.db;
        let acme = acme_with_staff(db).await;
        let s = scopes(db).await;
        let [bert, carla, ..] = acme.staff[..] else {
            unreachable!()
        };
        assert_eq!(
            refused_appointment(db, &acme, acme.anna, bert, Post::AccessManager(s.public)).await,
            Refusal::ScopeNotActive
        );
        appoints(db, &acme, acme.anna, bert, Post::AccessManager(s.social)).await;
        assert_eq!(
            refused_appointment(db, &acme, acme.anna, bert, Post::AccessManager(s.health)).await,
            Refusal::OneDomainPerAccessManager
        );
        assert_eq!(
            refused_appointment(
                db,
                &acme,
                acme.anna,
                carla,
                Post::GroupAdministrator(s.public_employer)
            )
            .await,
            Refusal::ScopeNotActive
        );
    }
);

db_test!(
    the_enterprise_never_has_more_access_managers_than_active_domains,
    |t| async move {
        let db = &t.db;
        let acme = acme_with_staff(db).await;
        let s = scopes(db).await;
        let [bert, carla, dirk, ..] = acme.staff[..] else {
            unreachable!()
        };
        appoints(db, &acme, acme.anna, bert, Post::AccessManager(s.social)).await;
        appoints(db, &acme, acme.anna, carla, Post::AccessManager(s.health)).await;
        for domain in [s.social, s.health] {
            assert_eq!(
                refused_appointment(db, &acme, acme.anna, dirk, Post::AccessManager(domain)).await,
                Refusal::DomainTaken
            );
        }
        assert_eq!(
            refused_appointment(db, &acme, acme.anna, dirk, Post::AccessManager(s.public)).await,
            Refusal::ScopeNotActive
        );
        let managers = count(
            db,
            "SELECT COUNT(*) FROM administrators WHERE level = 'access_manager'",
        )
        .await;
        assert_eq!(managers, 2, "two active domains, two access managers");
    }
);

db_test!(one_group_administrator_per_group, |t| async move {
    let db = &t.db;
    let acme = acme_with_staff(db).await;
    let s = scopes(db).await;
    let [bert, carla, ..] = acme.staff[..] else {
        unreachable!()
    };
    appoints(
        db,
        &acme,
        acme.anna,
        bert,
        Post::GroupAdministrator(s.employer),
    )
    .await;
    assert_eq!(
        refused_appointment(
            db,
            &acme,
            acme.anna,
            carla,
            Post::GroupAdministrator(s.employer)
        )
        .await,
        Refusal::GroupTaken
    );
    // The same person may administer a second group.
    appoints(db, &acme, acme.anna, bert, Post::GroupAdministrator(s.care)).await;
});

db_test!(
    main_access_manager_is_implicitly_access_manager_for_every_group,
    |t| async move {
        let db = &t.db;
        let acme = acme_with_staff(db).await;
        let s = scopes(db).await;
        let [bert, carla, dirk, ..] = acme.staff[..] else {
            unreachable!()
        };
        let mut conn = db.pool().acquire().await.expect("connection");
        let organisation = store::organisation(&mut conn, acme.enterprise)
            .await
            .expect("read")
            .expect("Acme")
            .organisation;
        drop(conn);
        for group in [s.employer, s.secretariat, s.care] {
            assert!(may_manage_users(&organisation, acme.anna, group).is_ok());
        }
        // ...and so appoints a group administrator in any domain, as an access manager would.
        for (person, group) in [(bert, s.employer), (carla, s.secretariat), (dirk, s.care)] {
            appoints(
                db,
                &acme,
                acme.anna,
                person,
                Post::GroupAdministrator(group),
            )
            .await;
        }
        let page = overview(db, acme.enterprise, acme.anna)
            .await
            .expect("overview");
        assert!(page.my_groups.everything, "every active group");
        assert_eq!(page.my_groups.total, 3);
    }
);

db_test!(
    nobody_appoints_at_or_above_their_own_level_or_revokes_someone_above_them,
    |t| async move {
        let db = &t.db;
        let acme = acme_with_staff(db).await;
        let s = scopes(db).await;
        let [bert, carla, dirk, els, ..] = acme.staff[..] else {
            unreachable!()
        };
        appoints(db, &acme, acme.anna, bert, Post::CoMainAccessManager).await;
        appoints(db, &acme, acme.anna, els, Post::CoMainAccessManager).await;
        appoints(db, &acme, bert, carla, Post::AccessManager(s.social)).await;
        appoints(db, &acme, carla, dirk, Post::GroupAdministrator(s.employer)).await;
        let before = posts(db, &acme).await;
        assert_eq!(
            refused_revocation(db, &acme, bert, els, Post::CoMainAccessManager).await,
            Refusal::AtOrAboveOwnLevel,
            "a co-main access manager does not revoke another"
        );
        assert_eq!(
            refused_revocation(db, &acme, carla, bert, Post::CoMainAccessManager).await,
            Refusal::AtOrAboveOwnLevel
        );
        assert_eq!(
            refused_revocation(db, &acme, dirk, carla, Post::AccessManager(s.social)).await,
            Refusal::AtOrAboveOwnLevel
        );
        assert_eq!(posts(db, &acme).await, before, "nothing changed");
        revoke(
            db,
            &acme.acting(carla),
            dirk,
            Post::GroupAdministrator(s.employer),
            None,
        )
        .await
        .expect("an access manager revokes a group administrator of its domain");
        revoke(
            db,
            &acme.acting(bert),
            carla,
            Post::AccessManager(s.social),
            None,
        )
        .await
        .expect("a co-main access manager revokes an access manager");
    }
);

db_test!(
    nobody_widens_their_own_scope_directly_or_through_a_chain_of_appointments,
    |t| async move {
        let db = &t.db;
        let acme = acme_with_staff(db).await;
        let s = scopes(db).await;
        let [bert, friend, ..] = acme.staff[..] else {
            unreachable!()
        };
        appoints(db, &acme, acme.anna, bert, Post::AccessManager(s.social)).await;
        // Directly: the access manager cannot give itself more.
        for post in [
            Post::CoMainAccessManager,
            Post::AccessManager(s.health),
            Post::GroupAdministrator(s.care),
        ] {
            assert!(matches!(
                appoint(db, &acme.acting(bert), bert, post, &letter(), None).await,
                Err(AdminError::Refused(_))
            ));
        }
        assert_eq!(
            refused_appointment(
                db,
                &acme,
                bert,
                bert,
                Post::GroupAdministrator(s.secretariat)
            )
            .await,
            Refusal::SelfAppointment
        );
        // Through a chain: the friend it appoints cannot lift it higher.
        appoints(
            db,
            &acme,
            bert,
            friend,
            Post::GroupAdministrator(s.secretariat),
        )
        .await;
        for post in [
            Post::CoMainAccessManager,
            Post::AccessManager(s.health),
            Post::GroupAdministrator(s.care),
        ] {
            assert!(matches!(
                appoint(db, &acme.acting(friend), bert, post, &letter(), None).await,
                Err(AdminError::Refused(_))
            ));
        }
        let held = posts(db, &acme).await;
        let bert_posts: Vec<Post> = held
            .iter()
            .filter(|(person, _)| *person == bert)
            .map(|(_, post)| *post)
            .collect();
        assert_eq!(bert_posts, [Post::AccessManager(s.social)]);
    }
);

db_test!(
    the_person_appointed_must_be_linked_to_the_enterprise,
    |t| async move {
        let db = &t.db;
        let acme = acme_with_staff(db).await;
        let s = scopes(db).await;
        let outsider = app::features::enterprises::register::register(
            db,
            &OperatorPermit::at_the_command_line(),
            &registration(
                "0431150350",
                "Beta BV",
                person("17073003384", "Olaf", "Outsider"),
            ),
        )
        .await
        .expect("register Beta")
        .main_access_manager;
        for person in [outsider, PersonId(987_654)] {
            assert_eq!(
                refused_appointment(
                    db,
                    &acme,
                    acme.anna,
                    person,
                    Post::GroupAdministrator(s.care)
                )
                .await,
                Refusal::PersonNotLinked
            );
        }
        assert_eq!(count(db, "SELECT COUNT(*) FROM administrators").await, 0);
    }
);
