//! Creating a user: a valid NRN, only services the group offers, names in NFC without invisible characters, the person linked first or on the same form, no duplicates.
//! On both backends, through the use cases the endpoints call; every test ends with the
//! invariant check.

mod users_support;

use users_support::*;

db_test!(
    create_user_grants_only_services_the_group_offers,
    |t| async move {
        let db = &t.db;
        let w = world(db).await;
        let anna = w.acme.anna;
        assert_eq!(
            refusal(
                w.add(db, anna, 1, w.employer, &[w.dimona, w.ehealthbox])
                    .await
            ),
            Refusal::ServiceNotOffered
        );
        assert_eq!(w.state(db, w.staff(1)).await, None, "nothing changed");
        let carla = w
            .add(db, anna, 1, w.employer, &[w.dmfa, w.dimona, w.dimona])
            .await
            .expect("create");
        let state = w.state(db, carla).await.expect("a user");
        assert_eq!(state.memberships.len(), 1);
        assert_eq!(state.memberships[0].group, w.employer);
        assert!(!state.memberships[0].blocked);
        let mut expected = vec![w.dimona, w.dmfa];
        expected.sort();
        assert_eq!(state.memberships[0].services, expected);
        let home = managed_group(db, &w.acme.acting(anna), w.employer)
            .await
            .expect("employer");
        let employer = home.group(w.employer).expect("employer listed");
        assert_eq!((employer.users_active, employer.users_blocked), (1, 0));
        let actions: Vec<String> = audited(db, carla).await.into_iter().map(|a| a.0).collect();
        assert_eq!(
            actions[actions.len().saturating_sub(2)..],
            ["user.created", "invitation.sent"],
            "Carla, who cannot sign in yet, is invited with her creation"
        );
        assert!(matches!(
            ebox(db, carla).await.last(),
            Some(Message::UserCreated { group, by, .. }) if *group == w.employer && *by == anna
        ));
    }
);

db_test!(create_user_needs_a_valid_nrn, |t| async move {
    let db = &t.db;
    let w = world(db).await;
    let new = NewUser {
        group: w.employer,
        nrn: "85.07.30-033.29".into(),
        services: vec![w.dimona],
        link: None,
    };
    assert_eq!(
        create(db, &w.acme.acting(w.acme.anna), &new, &letter(), None).await,
        Err(AppError::InvalidInput {
            field: "nrn".into()
        })
    );
    assert_eq!(
        lookup(db, &w.acme.acting(w.acme.anna), w.employer, "12345").await,
        Err(AppError::InvalidInput {
            field: "nrn".into()
        })
    );
});

db_test!(
    names_are_stored_in_nfc_and_refused_with_invisible_formatting_characters,
    |t| async move {
        let db = &t.db;
        let w = world(db).await;
        let acting = w.acme.acting(w.acme.anna);
        let details = |given: &str, family: &str| LinkDetails {
            given_name: given.into(),
            family_name: family.into(),
            email: "someone@acme.be".into(),
            language: "nl".into(),
        };
        let new = |n: u64, link: LinkDetails| NewUser {
            group: w.employer,
            nrn: Nrn::synthetic(n).formatted(),
            services: vec![],
            link: Some(link),
        };
        let employments = || async {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM employments")
                .fetch_one(db.pool())
                .await
                .unwrap()
        };
        let before = employments().await;
        for (given, family, field) in [
            ("Anna\u{202e}sreteeP", "Peeters", "given_name"),
            ("Anna", "Pee\u{200b}ters", "family_name"),
            ("Anna", "\u{2066}", "family_name"),
            ("---", "Peeters", "given_name"),
        ] {
            assert_eq!(
                create(
                    db,
                    &acting,
                    &new(900, details(given, family)),
                    &letter(),
                    None
                )
                .await,
                Err(AppError::InvalidInput {
                    field: field.into()
                }),
                "{given:?} {family:?}"
            );
        }
        assert_eq!(employments().await, before, "nothing was linked");
        // Decomposed accents are stored composed; spaces of every kind as one plain space.
        let person = create(
            db,
            &acting,
            &new(901, details("Rene\u{301}e  Marie", "Ve\u{301}rit\u{e9}")),
            &letter(),
            None,
        )
        .await
        .expect("create");
        let stored: (String, String) =
            sqlx::query_as("SELECT given_name, family_name FROM employments WHERE person_id = $1")
                .bind(person.0)
                .fetch_one(db.pool())
                .await
                .unwrap();
        assert_eq!(
            stored,
            ("Ren\u{e9}e Marie".to_owned(), "V\u{e9}rit\u{e9}".to_owned())
        );
    }
);

db_test!(
    the_person_must_be_linked_to_the_enterprise_or_linked_on_the_same_form,
    |t| async move {
        let db = &t.db;
        let w = world(db).await;
        let acting = w.acme.acting(w.acme.anna);
        let stranger = Nrn::synthetic(42);
        assert_eq!(
            lookup(db, &acting, w.employer, stranger.as_str()).await,
            Ok(Lookup::NotLinked)
        );
        let mut new = NewUser {
            group: w.employer,
            nrn: stranger.formatted(),
            services: vec![w.dimona],
            link: None,
        };
        assert_eq!(
            refusal(create(db, &acting, &new, &letter(), None).await),
            Refusal::PersonNotLinked
        );
        new.link = Some(LinkDetails {
            given_name: "Zoë".into(),
            family_name: "Çelik".into(),
            email: "not an address".into(),
            language: "fr".into(),
        });
        assert_eq!(
            create(db, &acting, &new, &letter(), None).await,
            Err(AppError::InvalidInput {
                field: "email".into()
            })
        );
        let linked_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM employments")
            .fetch_one(db.pool())
            .await
            .unwrap();
        if let Some(details) = new.link.as_mut() {
            details.email = "zoe@acme.be".into();
        }
        let zoe = create(db, &acting, &new, &letter(), None)
            .await
            .expect("create and link");
        let linked_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM employments")
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(linked_after, linked_before + 1);
        assert!(matches!(
            lookup(db, &acting, w.employer, stranger.as_str()).await,
            Ok(Lookup::InGroup { person, .. }) if person == zoe
        ));
        assert!(matches!(
            lookup(db, &acting, w.secretariat, stranger.as_str()).await,
            Ok(Lookup::Linked { name }) if name == "Zoë Çelik"
        ));
    }
);

db_test!(
    a_person_already_in_the_group_is_reported_not_duplicated,
    |t| async move {
        let db = &t.db;
        let w = world(db).await;
        let anna = w.acme.anna;
        let carla = w
            .add(db, anna, 1, w.employer, &[w.dimona])
            .await
            .expect("create");
        let version = w.version(db, carla).await;
        assert_eq!(
            refusal(w.add(db, anna, 1, w.employer, &[w.dmfa]).await),
            Refusal::AlreadyInGroup
        );
        let state = w.state(db, carla).await.expect("a user");
        assert_eq!(state.version, version, "nothing changed");
        assert_eq!(state.memberships[0].services, vec![w.dimona]);
        // Another group of the same person is a second membership of one user.
        w.add(db, anna, 1, w.care, &[w.ehealthbox])
            .await
            .expect("second group");
        assert_eq!(
            w.state(db, carla).await.expect("a user").memberships.len(),
            2
        );
    }
);
