//! User management against the database: each rule of DESIGN.md §3 about creating, granting,
//! blocking, unblocking and removing users, through the use cases the endpoints call, on both
//! backends. Every test ends with the invariant check.

use app::AppError;
use app::db_test;
use app::domain::{EnterpriseNumber, GroupId, Nrn, PersonId, ServiceId};
use app::features::admins::appoint::appoint;
use app::features::auth::session;
use app::features::ebox::Message;
use app::features::users::change::{remove, set_blocked, set_services};
use app::features::users::create::{NewUser, create, lookup};
use app::features::users::detail::{detail, my_access};
use app::features::users::list::{groups, list};
use app::features::demo::seed::{SeedSpec, Seeded, seed};
use app::features::users::store::{UserState, state};
use app::features::users::{LinkDetails, Lookup, Reach, StatusFilter, UserQuery};
use app::platform::Database;
use app::platform::db::now_millis;
use app::policy::{Post, Refusal};
use app::testing::fixtures::load_catalogue;
use app::testing::fixtures::{Acme, STAFF, acme_with_staff, domain, group, link, person, service};
use app::policy::OperatorPermit;

/// Acme with its catalogue ids.
struct World {
    acme: Acme,
    employer: GroupId,
    secretariat: GroupId,
    care: GroupId,
    dimona: ServiceId,
    dmfa: ServiceId,
    ehealthbox: ServiceId,
    contactdata: ServiceId,
    chaman: ServiceId,
}

async fn world(db: &Database) -> World {
    World {
        acme: acme_with_staff(db).await,
        employer: group(db, "employer").await,
        secretariat: group(db, "social_secretariat").await,
        care: group(db, "care_institution").await,
        dimona: service(db, "dimona").await,
        dmfa: service(db, "dmfa").await,
        ehealthbox: service(db, "ehealthbox").await,
        contactdata: service(db, "contactdata").await,
        chaman: service(db, "chaman").await,
    }
}

impl World {
    fn staff(&self, index: usize) -> PersonId {
        self.acme.staff[index]
    }

    /// `actor` adds the linked staff member `index` to `group` with `services`.
    async fn add(
        &self,
        db: &Database,
        actor: PersonId,
        index: usize,
        group: GroupId,
        services: &[ServiceId],
    ) -> Result<PersonId, AppError> {
        let new = NewUser {
            group,
            nrn: STAFF[index].0.to_owned(),
            services: services.to_vec(),
            link: None,
        };
        create(db, &self.acme.acting(actor), &new, None).await
    }

    async fn state(&self, db: &Database, person: PersonId) -> Option<UserState> {
        let mut conn = db.pool().acquire().await.expect("connection");
        state(&mut conn, self.acme.enterprise, person)
            .await
            .expect("read")
    }

    async fn version(&self, db: &Database, person: PersonId) -> i64 {
        self.state(db, person).await.expect("a user").version
    }

    async fn appoint(&self, db: &Database, person: PersonId, post: Post) {
        appoint(db, &self.acme.acting(self.acme.anna), person, post, None)
            .await
            .expect("appoint");
    }

    /// Appoints Bert access manager of social security (employer, social secretariat) and Filip
    /// group administrator of care institution; returns them.
    async fn delegate(&self, db: &Database) -> (PersonId, PersonId) {
        let (bert, filip) = (self.staff(0), self.staff(4));
        let social = domain(db, "social_security").await;
        self.appoint(db, bert, Post::AccessManager(social)).await;
        self.appoint(db, filip, Post::GroupAdministrator(self.care))
            .await;
        (bert, filip)
    }
}

fn refusal(result: Result<impl std::fmt::Debug, AppError>) -> Refusal {
    match result {
        Err(AppError::Refused { reason }) => reason,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The e-Box messages of `person`, oldest first.
async fn ebox(db: &Database, person: PersonId) -> Vec<Message> {
    let params: Vec<String> = sqlx::query_scalar(
        "SELECT params_json FROM ebox_messages WHERE person_id = $1 ORDER BY id",
    )
    .bind(person.0)
    .fetch_all(db.pool())
    .await
    .expect("read e-Box");
    params
        .iter()
        .map(|p| serde_json::from_str(p).expect("a message"))
        .collect()
}

/// The audit actions about `person`, oldest first, with before and after.
async fn audited(db: &Database, person: PersonId) -> Vec<(String, Option<String>, Option<String>)> {
    sqlx::query_as(
        "SELECT action, before_json, after_json FROM audit_events WHERE target = $1 ORDER BY id",
    )
    .bind(format!("person:{person}"))
    .fetch_all(db.pool())
    .await
    .expect("read audit")
}

/// A generated enterprise of `users` users in `groups` generated groups (and the demo's).
async fn seeded(db: &Database, users: u64, groups: u64) -> Seeded {
    load_catalogue(db).await;
    let spec = SeedSpec {
        number: EnterpriseNumber::parse("0431150350").unwrap(),
        name: "Large NV".into(),
        users,
        groups,
    };
    seed(db, &OperatorPermit::at_the_command_line(), &spec).await.expect("seed")
}

async fn live_sessions(db: &Database, person: PersonId) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE person_id = $1 AND ended_at IS NULL")
        .bind(person.0)
        .fetch_one(db.pool())
        .await
        .expect("count sessions")
}

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
        let home = groups(db, &w.acme.acting(anna)).await.expect("home");
        let employer = home.group(w.employer).expect("employer listed");
        assert_eq!((employer.users_active, employer.users_blocked), (1, 0));
        assert_eq!(
            audited(db, carla).await.last().map(|a| a.0.clone()),
            Some("user.created".into())
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
        create(db, &w.acme.acting(w.acme.anna), &new, None).await,
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
                create(db, &acting, &new(900, details(given, family)), None).await,
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
            refusal(create(db, &acting, &new, None).await),
            Refusal::PersonNotLinked
        );
        new.link = Some(LinkDetails {
            given_name: "Zoë".into(),
            family_name: "Çelik".into(),
            email: "not an address".into(),
            language: "fr".into(),
        });
        assert_eq!(
            create(db, &acting, &new, None).await,
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
        let zoe = create(db, &acting, &new, None)
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
        let home = groups(db, &anna).await.unwrap();
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
        // The refused unblocking changed nothing but is recorded, with the rule that refused it.
        let events = audited(db, carla).await;
        let actions: Vec<&str> = events.iter().map(|a| a.0.as_str()).collect();
        assert!(actions.ends_with(&["user.blocked", "user.unblocked", "user.change_refused"]));
        let refused = events.last().and_then(|e| e.2.clone()).unwrap_or_default();
        assert!(
            refused.contains(r#""attempted":"user.unblocked""#) && refused.contains(r#""refused":"not_blocked""#),
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
            vec!["user.services_changed", "user.change_refused", "user.created"],
            "the detail's history, newest first, with the refused attempt to grant a service the \
             group does not offer"
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

db_test!(
    the_user_list_searches_by_nrn_or_name_filters_and_pages_by_keyset,
    |t| async move {
        let db = &t.db;
        let w = world(db).await;
        let anna = w.acme.acting(w.acme.anna);
        // 120 users of employer, named so that the order is known; every third blocked.
        let mut people = Vec::new();
        for i in 0..120u64 {
            let nrn = Nrn::synthetic(1000 + i);
            let family = format!("Name{i:03}");
            let person = link(
                db,
                w.acme.enterprise,
                &person(nrn.as_str(), "Test", &family),
            )
            .await;
            let new = NewUser {
                group: w.employer,
                nrn: nrn.as_str().into(),
                services: if i % 2 == 0 { vec![w.dimona] } else { vec![] },
                link: None,
            };
            create(db, &anna, &new, None).await.unwrap();
            if i % 3 == 0 {
                let version = w.version(db, person).await;
                set_blocked(
                    db,
                    &anna,
                    person,
                    Reach::Group(w.employer),
                    true,
                    version,
                    None,
                )
                .await
                .unwrap();
            }
            people.push((person, nrn, family));
        }
        let zoe = link(
            db,
            w.acme.enterprise,
            &person(Nrn::synthetic(5).as_str(), "Zoë", "Çelik"),
        )
        .await;
        create(
            db,
            &anna,
            &NewUser {
                group: w.care,
                nrn: Nrn::synthetic(5).formatted(),
                services: vec![],
                link: None,
            },
            None,
        )
        .await
        .unwrap();

        // Pages of 50 by name, without overlap or gap.
        let mut query = UserQuery::default();
        let mut seen = Vec::new();
        loop {
            let page = list(db, &anna, &query).await.unwrap();
            assert!(page.rows.len() <= 50);
            seen.extend(page.rows.iter().map(|r| r.name.clone()));
            match page.next {
                Some(next) => query.after = Some(next),
                None => break,
            }
        }
        let mut expected: Vec<String> =
            people.iter().map(|(_, _, f)| format!("Test {f}")).collect();
        expected.push("Zoë Çelik".into());
        assert_eq!(seen.len(), 121);
        let mut sorted_expected = expected.clone();
        sorted_expected.sort_by_key(|name| {
            let (given, family) = name.split_once(' ').unwrap();
            format!(
                "{} {}",
                family.replace('Ç', "C").to_lowercase(),
                given.to_lowercase()
            )
        });
        assert_eq!(seen, sorted_expected);

        let search = |text: &str| UserQuery {
            search: text.into(),
            ..UserQuery::default()
        };
        // By NRN, with or without separators.
        let (carla_like, nrn, _) = &people[7];
        for text in [
            nrn.as_str().to_owned(),
            nrn.formatted(),
            nrn.as_str()[..9].to_owned(),
        ] {
            let rows = list(db, &anna, &search(&text)).await.unwrap().rows;
            assert!(rows.iter().any(|r| r.person == *carla_like), "{text}");
            assert!(rows.len() <= 2, "{text}: {}", rows.len());
        }
        // By name, without case or accents, family or given name first.
        for text in ["celik", "ÇELIK", "zoe", "Zoë Çe"] {
            let rows = list(db, &anna, &search(text)).await.unwrap().rows;
            assert_eq!(
                rows.iter().map(|r| r.person).collect::<Vec<_>>(),
                vec![zoe],
                "{text}"
            );
        }
        assert_eq!(
            list(db, &anna, &search("name01")).await.unwrap().rows.len(),
            10
        );
        // Filters: group, service, status.
        let filtered = |group, service, status| UserQuery {
            group,
            service,
            status,
            ..UserQuery::default()
        };
        let count = |query: UserQuery| async move {
            let mut query = query;
            let mut total = 0;
            loop {
                let page = list(db, &anna, &query).await.unwrap();
                total += page.rows.len();
                match page.next {
                    Some(next) => query.after = Some(next),
                    None => break total,
                }
            }
        };
        assert_eq!(count(filtered(Some(w.care), None, None)).await, 1);
        assert_eq!(count(filtered(None, Some(w.dimona), None)).await, 60);
        assert_eq!(
            count(filtered(None, None, Some(StatusFilter::Blocked))).await,
            40
        );
        assert_eq!(
            count(filtered(Some(w.employer), None, Some(StatusFilter::Active))).await,
            80
        );
        assert_eq!(
            count(filtered(
                Some(w.employer),
                Some(w.dimona),
                Some(StatusFilter::Blocked)
            ))
            .await,
            20
        );
        assert_eq!(
            list(
                db,
                &anna,
                &UserQuery {
                    after: Some("garbage".into()),
                    ..UserQuery::default()
                }
            )
            .await,
            Err(AppError::InvalidInput {
                field: "after".into()
            })
        );
    }
);

db_test!(
    the_ebox_lists_unread_messages_first_and_marks_only_ones_own_read,
    |t| async move {
        use app::features::ebox::inbox::{mark_read, page};
        let db = &t.db;
        let w = world(db).await;
        let anna = w.acme.acting(w.acme.anna);
        let carla = w
            .add(db, w.acme.anna, 1, w.employer, &[w.dimona])
            .await
            .unwrap();
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
        .unwrap();
        let inbox = page(db, w.acme.enterprise, carla, None).await.unwrap();
        assert_eq!(inbox.unread, 2);
        let [newest, oldest] = &inbox.entries[..] else {
            panic!("two messages: {:?}", inbox.entries)
        };
        assert!(matches!(newest.message, Message::Blocked { .. }));
        // Someone else's message is not theirs to mark.
        assert_eq!(
            mark_read(db, w.acme.enterprise, w.acme.anna, oldest.id).await,
            Err(AppError::NotFound)
        );
        mark_read(db, w.acme.enterprise, carla, newest.id)
            .await
            .unwrap();
        let inbox = page(db, w.acme.enterprise, carla, None).await.unwrap();
        assert_eq!(inbox.unread, 1);
        assert_eq!(
            inbox
                .entries
                .iter()
                .map(|e| (e.id, e.read))
                .collect::<Vec<_>>(),
            vec![(oldest.id, false), (newest.id, true)],
            "unread first"
        );
        let locale = app::i18n::Locale::de;
        let subject = inbox.subject(&inbox.entries[1].message, locale);
        assert!(
            subject.contains("gesperrt") && subject.contains("Arbeitgeber"),
            "{subject}"
        );
        assert!(
            inbox
                .people
                .iter()
                .any(|(p, name)| *p == w.acme.anna && name.contains("Anna"))
        );
    }
);

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
        let home = groups(db, &mam).await.unwrap();
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
        assert_eq!(groups(db, &mam).await.unwrap(), home);
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
        catalog::apply(db, &shipped).await.unwrap();
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
        catalog::apply(db, &shipped).await.unwrap();
        assert_eq!(w.version(db, carla).await, state.version);
    }
);

db_test!(
    both_walks_of_a_user_list_find_the_same_users_in_the_same_order,
    |t| async move {
        use app::features::users::page_query::{Covered, PageQuery, Walk};
        use app::features::users::search::Search;
        let db = &t.db;
        let enterprise = seeded(db, 400, 6).await.demo.enterprise;
        let groups: Vec<GroupId> = sqlx::query_scalar::<_, i64>(
            "SELECT group_id FROM enterprise_groups WHERE enterprise_id = $1 ORDER BY group_id",
        )
        .bind(enterprise.0)
        .fetch_all(db.pool())
        .await
        .unwrap()
        .into_iter()
        .map(GroupId)
        .collect();
        let (service, nrn, family, given): (i64, String, String, String) = sqlx::query_as(
            "SELECT g.service_id, u.nrn, u.sort_name, u.given_first FROM grants g \
             JOIN enterprise_users u ON u.enterprise_id = g.enterprise_id AND u.person_id = g.person_id \
             WHERE g.enterprise_id = $1 ORDER BY g.person_id LIMIT 1",
        )
        .bind(enterprise.0)
        .fetch_one(db.pool())
        .await
        .unwrap();
        /// Every page of `query` on `walk`: the person ids in order.
        async fn all_pages(db: &Database, query: &PageQuery, walk: Walk) -> Vec<i64> {
            let mut query = query.clone();
            let mut seen = Vec::new();
            loop {
                let rows: Vec<(i64, String, i64, Option<String>, String, String)> = query
                    .rows(walk)
                    .query_as()
                    .fetch_all(db.pool())
                    .await
                    .unwrap();
                let more = rows.len() > 50;
                seen.extend(rows.iter().take(50).map(|row| row.0));
                match rows.get(49) {
                    Some(last) if more => query.after = Some((last.1.clone(), last.0)),
                    _ => break seen,
                }
            }
        }
        let coverings = [
            Covered::All,
            Covered::Only(vec![groups[0]]),
            Covered::Only(groups[1..4].to_vec()),
        ];
        let searches = [
            Search::All,
            Search::NrnPrefix(nrn[..3].to_owned()),
            Search::NamePrefix(family[..2].to_owned()),
            Search::NamePrefix(given[..2].to_owned()),
        ];
        let mut compared = 0;
        for covered in &coverings {
            for status in [
                None,
                Some(StatusFilter::Active),
                Some(StatusFilter::Blocked),
            ] {
                for service in [None, Some(ServiceId(service))] {
                    for search in &searches {
                        let query = PageQuery {
                            enterprise,
                            groups: covered.clone(),
                            status,
                            service,
                            search: search.clone(),
                            after: None,
                        };
                        let users = all_pages(db, &query, Walk::Users).await;
                        let memberships = all_pages(db, &query, Walk::Memberships).await;
                        assert_eq!(users, memberships, "{query:?}");
                        compared += usize::from(!users.is_empty());
                    }
                }
            }
        }
        assert!(compared > 40, "most queries find someone: {compared}");
    }
);
