//! Changing a user: blocking in one group or in all (sessions end at once), stale forms refused, services edited within what the group offers, removal keeping the person and their history; every refusal recorded.
//! On both backends, through the use cases the endpoints call; every test ends with the
//! invariant check.

mod users_support;

use users_support::*;

db_test!(
    blocking_in_one_group_keeps_the_grants_and_ends_the_sessions_at_once,
    |t| async move {
        let db = &t.db;
        let w = world(db).await;
        let anna = w.acme.acting(w.acme.anna);
        let carla = w
            .add(db, w.acme.anna, 1, w.employer, &[w.dimona])
            .await
            .unwrap();
        w.add(db, w.acme.anna, 1, w.care, &[w.ehealthbox])
            .await
            .unwrap();
        let mut tx = db.write().await.unwrap();
        session::start(&mut tx, carla, now_millis(), None)
            .await
            .unwrap();
        session::start(&mut tx, carla, now_millis(), None)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(live_sessions(db, carla).await, 2);
        let carla_acting = w.acme.acting(carla);
        let usable = my_access(db, &carla_acting).await.unwrap().usable();
        assert!(usable.contains(&w.dimona) && usable.contains(&w.ehealthbox));

        let version = w.version(db, carla).await;
        set_blocked(
            db,
            &anna,
            carla,
            Reach::Group(w.employer),
            true,
            version,
            None,
        )
        .await
        .expect("block");
        assert_eq!(live_sessions(db, carla).await, 0, "sessions ended at once");
        let state = w.state(db, carla).await.unwrap();
        let employer = state.membership(w.employer).unwrap();
        assert!(employer.blocked);
        assert_eq!(employer.services, vec![w.dimona], "grants kept");
        assert!(!state.membership(w.care).unwrap().blocked);
        let usable = my_access(db, &carla_acting).await.unwrap().usable();
        assert!(
            !usable.contains(&w.dimona),
            "no access to the blocked group"
        );
        assert!(usable.contains(&w.ehealthbox));
        let home = managed_group(db, &anna, w.employer).await.unwrap();
        let counts = home.group(w.employer).unwrap();
        assert_eq!((counts.users_active, counts.users_blocked), (0, 1));

        assert_eq!(
            refusal(
                set_blocked(
                    db,
                    &anna,
                    carla,
                    Reach::Group(w.employer),
                    true,
                    state.version,
                    None
                )
                .await
            ),
            Refusal::AlreadyBlocked
        );
        set_blocked(
            db,
            &anna,
            carla,
            Reach::Group(w.employer),
            false,
            state.version,
            None,
        )
        .await
        .expect("unblock");
        let state = w.state(db, carla).await.unwrap();
        assert!(!state.membership(w.employer).unwrap().blocked);
        assert_eq!(
            refusal(
                set_blocked(
                    db,
                    &anna,
                    carla,
                    Reach::Group(w.employer),
                    false,
                    state.version,
                    None
                )
                .await
            ),
            Refusal::NotBlocked
        );
        // The refused blocking and unblocking changed nothing but are recorded, each with the rule
        // that refused it.
        let events = audited(db, carla).await;
        let actions: Vec<&str> = events.iter().map(|a| a.0.as_str()).collect();
        assert!(
            actions.ends_with(&[
                "user.blocked",
                "user.change_refused",
                "user.unblocked",
                "user.change_refused"
            ]),
            "{actions:?}"
        );
        let refused = events.last().and_then(|e| e.2.clone()).unwrap_or_default();
        assert!(
            refused.contains(r#""attempted":"user.unblocked""#)
                && refused.contains(r#""refused":"not_blocked""#),
            "{refused}"
        );
        let messages = ebox(db, carla).await;
        assert!(matches!(
            &messages[messages.len() - 2..],
            [Message::Blocked { group: Some(g1), .. }, Message::Unblocked { group: Some(g2), .. }]
                if *g1 == w.employer && *g2 == w.employer
        ));
    }
);

db_test!(
    blocking_in_every_group_requires_managing_every_group_of_the_user,
    |t| async move {
        let db = &t.db;
        let w = world(db).await;
        let anna = w.acme.anna;
        let (bert, filip) = w.delegate(db).await;
        let carla = w.add(db, anna, 1, w.employer, &[w.dimona]).await.unwrap();
        w.add(db, anna, 1, w.care, &[]).await.unwrap();
        let version = w.version(db, carla).await;
        let detail_for_bert = detail(db, &w.acme.acting(bert), carla).await.unwrap();
        assert!(!detail_for_bert.may_act_everywhere, "not offered");
        assert_eq!(detail_for_bert.manageable, vec![w.employer]);
        let detail_for_filip = detail(db, &w.acme.acting(filip), carla).await.unwrap();
        assert!(!detail_for_filip.may_act_everywhere, "not offered");
        assert_eq!(detail_for_filip.manageable, vec![w.care]);
        assert_eq!(
            refusal(
                set_blocked(
                    db,
                    &w.acme.acting(bert),
                    carla,
                    Reach::Everywhere,
                    true,
                    version,
                    None
                )
                .await
            ),
            Refusal::NotEveryGroup
        );
        assert_eq!(w.version(db, carla).await, version, "nothing changed");

        assert!(
            detail(db, &w.acme.acting(anna), carla)
                .await
                .unwrap()
                .may_act_everywhere
        );
        set_blocked(
            db,
            &w.acme.acting(anna),
            carla,
            Reach::Everywhere,
            true,
            version,
            None,
        )
        .await
        .expect("block everywhere");
        let state = w.state(db, carla).await.unwrap();
        assert!(state.memberships.iter().all(|m| m.blocked));
        assert!(
            my_access(db, &w.acme.acting(carla))
                .await
                .unwrap()
                .usable()
                .is_empty()
        );
        assert_eq!(
            refusal(
                set_blocked(
                    db,
                    &w.acme.acting(anna),
                    carla,
                    Reach::Everywhere,
                    true,
                    state.version,
                    None
                )
                .await
            ),
            Refusal::AlreadyBlocked
        );
        set_blocked(
            db,
            &w.acme.acting(anna),
            carla,
            Reach::Everywhere,
            false,
            state.version,
            None,
        )
        .await
        .expect("unblock everywhere");
        assert!(
            w.state(db, carla)
                .await
                .unwrap()
                .memberships
                .iter()
                .all(|m| !m.blocked)
        );
        assert!(matches!(
            ebox(db, carla).await.last(),
            Some(Message::Unblocked { group: None, .. })
        ));
    }
);

db_test!(stale_forms_are_refused_and_change_nothing, |t| async move {
    let db = &t.db;
    let w = world(db).await;
    let anna = w.acme.acting(w.acme.anna);
    let carla = w
        .add(db, w.acme.anna, 1, w.employer, &[w.dimona])
        .await
        .unwrap();
    let read = w.version(db, carla).await;
    set_services(db, &anna, carla, w.employer, &[w.dmfa], read, None)
        .await
        .expect("first change");
    let now = w.state(db, carla).await.unwrap();
    for attempt in [
        set_blocked(db, &anna, carla, Reach::Group(w.employer), true, read, None).await,
        set_services(db, &anna, carla, w.employer, &[w.dimona], read, None).await,
        remove(db, &anna, carla, w.employer, read, None).await,
    ] {
        assert_eq!(attempt, Err(AppError::Conflict));
    }
    assert_eq!(w.state(db, carla).await.unwrap(), now, "nothing changed");
});

db_test!(
    editing_services_adds_and_withdraws_only_offered_ones,
    |t| async move {
        let db = &t.db;
        let w = world(db).await;
        let anna = w.acme.acting(w.acme.anna);
        let carla = w
            .add(db, w.acme.anna, 1, w.employer, &[w.dimona])
            .await
            .unwrap();
        let version = w.version(db, carla).await;
        assert_eq!(
            refusal(
                set_services(db, &anna, carla, w.employer, &[w.ehealthbox], version, None).await
            ),
            Refusal::ServiceNotOffered
        );
        set_services(
            db,
            &anna,
            carla,
            w.employer,
            &[w.dmfa, w.chaman],
            version,
            None,
        )
        .await
        .expect("edit");
        let mut expected = vec![w.dmfa, w.chaman];
        expected.sort();
        assert_eq!(
            w.state(db, carla)
                .await
                .unwrap()
                .membership(w.employer)
                .unwrap()
                .services,
            expected
        );
        let (action, before, after) = audited(db, carla).await.pop().unwrap();
        assert_eq!(action, "user.services_changed");
        let history = detail(db, &anna, carla).await.unwrap().history;
        assert_eq!(
            history
                .iter()
                .map(|e| e.action.as_str())
                .collect::<Vec<_>>(),
            vec![
                "user.services_changed",
                "user.change_refused",
                "invitation.sent",
                "user.created"
            ],
            "the detail's history, newest first, with the refused attempt to grant a service the \
             group does not offer, and the invitation Carla was sent as she was added"
        );
        assert!(before.unwrap().contains(&w.dimona.0.to_string()));
        assert!(after.unwrap().contains(&w.chaman.0.to_string()));
        assert!(matches!(
            ebox(db, carla).await.last(),
            Some(Message::ServicesChanged { granted, withdrawn, .. })
                if granted.contains(&w.chaman) && withdrawn == &vec![w.dimona]
        ));
    }
);

db_test!(
    removing_from_the_last_group_keeps_the_person_and_their_history,
    |t| async move {
        let db = &t.db;
        let w = world(db).await;
        let anna = w.acme.acting(w.acme.anna);
        let carla = w
            .add(db, w.acme.anna, 1, w.employer, &[w.dimona])
            .await
            .unwrap();
        w.add(db, w.acme.anna, 1, w.care, &[]).await.unwrap();
        let version = w.version(db, carla).await;
        remove(db, &anna, carla, w.care, version, None)
            .await
            .expect("remove from care");
        assert_eq!(w.state(db, carla).await.unwrap().groups(), vec![w.employer]);
        let version = w.version(db, carla).await;
        remove(db, &anna, carla, w.employer, version, None)
            .await
            .expect("remove from last");
        assert_eq!(w.state(db, carla).await, None, "no user any more");
        let person: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM persons WHERE id = $1")
            .bind(carla.0)
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(person, 1, "the person stays");
        let actions: Vec<String> = audited(db, carla).await.into_iter().map(|a| a.0).collect();
        assert_eq!(
            actions.iter().filter(|a| *a == "user.removed").count(),
            2,
            "history stays: {actions:?}"
        );
        assert!(
            list(db, &anna, &UserQuery::default())
                .await
                .unwrap()
                .rows
                .is_empty()
        );
        // They can be created again.
        w.add(db, w.acme.anna, 1, w.employer, &[])
            .await
            .expect("again");
    }
);
