//! Delegated administration against the database: each rule of DESIGN.md §3 about appointing and
//! revoking administrators, through the use cases the endpoints call, on both backends. Every
//! test ends with the invariant check.

use app::policy::OperatorPermit;
use app::db_test;
use app::domain::PersonId;
use app::features::admins::appoint::appoint;
use app::features::admins::outcome::AdminError;
use app::features::admins::overview::overview;
use app::features::admins::revoke::revoke;
use app::features::admins::store;
use app::features::enterprises::replace_main_access_manager::replace;
use app::features::invariants::check;
use app::platform::Database;
use app::policy::{Level, Post, Refusal, may_manage_users};
use app::testing::fixtures::{
    Acme, LINK_BASE, acme_number, acme_with_staff, domain, group, person, registration,
};

/// Acme's catalogue ids.
struct Scopes {
    social: app::domain::DomainId,
    health: app::domain::DomainId,
    public: app::domain::DomainId,
    employer: app::domain::GroupId,
    secretariat: app::domain::GroupId,
    care: app::domain::GroupId,
    public_employer: app::domain::GroupId,
}

async fn scopes(db: &Database) -> Scopes {
    Scopes {
        social: domain(db, "social_security").await,
        health: domain(db, "health_care").await,
        public: domain(db, "public_sector").await,
        employer: group(db, "employer").await,
        secretariat: group(db, "social_secretariat").await,
        care: group(db, "care_institution").await,
        public_employer: group(db, "public_employer").await,
    }
}

async fn appoints(db: &Database, acme: &Acme, actor: PersonId, person: PersonId, post: Post) {
    appoint(db, &acme.acting(actor), person, post, None)
        .await
        .unwrap_or_else(|e| panic!("{actor:?} appoints {person:?} to {post:?}: {e}"));
}

async fn refused_appointment(
    db: &Database,
    acme: &Acme,
    actor: PersonId,
    person: PersonId,
    post: Post,
) -> Refusal {
    match appoint(db, &acme.acting(actor), person, post, None).await {
        Err(AdminError::Refused(refusal)) => refusal,
        other => panic!("{actor:?} appointing {person:?} to {post:?} was not refused: {other:?}"),
    }
}

async fn refused_revocation(
    db: &Database,
    acme: &Acme,
    actor: PersonId,
    holder: PersonId,
    post: Post,
) -> Refusal {
    match revoke(db, &acme.acting(actor), holder, post, None).await {
        Err(AdminError::Refused(refusal)) => refusal,
        other => panic!("{actor:?} revoking {holder:?}'s {post:?} was not refused: {other:?}"),
    }
}

/// Every post held, as stored.
async fn posts(db: &Database, acme: &Acme) -> Vec<(PersonId, Post)> {
    let mut conn = db.pool().acquire().await.expect("connection");
    let organisation = store::organisation(&mut conn, acme.enterprise)
        .await
        .expect("read")
        .expect("Acme exists")
        .organisation;
    organisation
        .holdings()
        .map(|holding| (holding.person, holding.post))
        .collect()
}

async fn count(db: &Database, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(db.pool())
        .await
        .expect("count")
}

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
        assert_eq!(
            page.organisation.standing(acme.anna).groups.len(),
            3,
            "every active group"
        );
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
                appoint(db, &acme.acting(bert), bert, post, None).await,
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
                appoint(db, &acme.acting(friend), bert, post, None).await,
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
        let outsider = app::features::enterprises::register::register(db, &OperatorPermit::at_the_command_line(), &registration(
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

db_test!(
    revoking_an_administrator_never_removes_the_only_main_access_manager,
    |t| async move {
        let db = &t.db;
        let acme = acme_with_staff(db).await;
        let [bert, ..] = acme.staff[..] else {
            unreachable!()
        };
        appoints(db, &acme, acme.anna, bert, Post::CoMainAccessManager).await;
        for actor in [acme.anna, bert] {
            assert_eq!(
                refused_revocation(db, &acme, actor, acme.anna, Post::MainAccessManager).await,
                Refusal::MainAccessManagerStays
            );
        }
        assert_eq!(
            refused_appointment(db, &acme, acme.anna, bert, Post::MainAccessManager).await,
            Refusal::MainAccessManagerStays
        );
        let mam: i64 = sqlx::query_scalar(
            "SELECT person_id FROM main_access_managers WHERE enterprise_id = $1",
        )
        .bind(acme.enterprise.0)
        .fetch_one(db.pool())
        .await
        .expect("the main access manager");
        assert_eq!(PersonId(mam), acme.anna);
    }
);

db_test!(
    appointments_and_revocations_are_audited_and_announced_in_the_e_box,
    |t| async move {
        let db = &t.db;
        let acme = acme_with_staff(db).await;
        let s = scopes(db).await;
        let [bert, ..] = acme.staff[..] else {
            unreachable!()
        };
        appoints(db, &acme, acme.anna, bert, Post::AccessManager(s.health)).await;
        revoke(
            db,
            &acme.acting(acme.anna),
            bert,
            Post::AccessManager(s.health),
            None,
        )
        .await
        .expect("revoke");
        let events: Vec<(String, String, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT actor, action, target, after_json FROM audit_events \
             WHERE action LIKE 'administrator.%' ORDER BY id",
        )
        .fetch_all(db.pool())
        .await
        .expect("events");
        let anna = format!("person:{}", acme.anna);
        let target = Some(format!("person:{bert}"));
        assert_eq!(events.len(), 2);
        assert_eq!(
            (&events[0].0, events[0].1.as_str(), &events[0].2),
            (&anna, "administrator.appointed", &target)
        );
        assert!(
            events[0]
                .3
                .as_deref()
                .unwrap_or_default()
                .contains("access_manager")
        );
        assert_eq!(
            (&events[1].0, events[1].1.as_str(), &events[1].2),
            (&anna, "administrator.revoked", &target)
        );
        let messages: Vec<(i64, String)> = sqlx::query_as(
            "SELECT person_id, kind FROM ebox_messages WHERE enterprise_id = $1 ORDER BY id",
        )
        .bind(acme.enterprise.0)
        .fetch_all(db.pool())
        .await
        .expect("messages");
        assert_eq!(
            messages,
            [
                (bert.0, "appointed".to_owned()),
                (bert.0, "revoked".to_owned())
            ]
        );
    }
);

db_test!(
    a_refused_appointment_changes_nothing_and_is_audited_with_its_rule,
    |t| async move {
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
        let before = posts(db, &acme).await;
        let messages = count(db, "SELECT COUNT(*) FROM ebox_messages").await;
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
        assert_eq!(
            refused_revocation(db, &acme, bert, acme.anna, Post::MainAccessManager).await,
            Refusal::MainAccessManagerStays
        );
        assert_eq!(posts(db, &acme).await, before);
        assert_eq!(
            count(db, "SELECT COUNT(*) FROM ebox_messages").await,
            messages
        );
        let refusals: Vec<(String, String)> = sqlx::query_as(
            "SELECT action, after_json FROM audit_events WHERE action LIKE '%_refused' \
             AND action LIKE 'administrator.%' ORDER BY id",
        )
        .fetch_all(db.pool())
        .await
        .expect("events");
        assert_eq!(refusals.len(), 2);
        assert_eq!(refusals[0].0, "administrator.appointment_refused");
        assert!(
            refusals[0].1.contains("\"refused\":\"group_taken\""),
            "{}",
            refusals[0].1
        );
        assert_eq!(refusals[1].0, "administrator.revocation_refused");
        assert!(refusals[1].1.contains("main_access_manager_stays"));
    }
);

db_test!(
    a_promotion_ends_the_lesser_posts_it_includes,
    |t| async move {
        let db = &t.db;
        let acme = acme_with_staff(db).await;
        let s = scopes(db).await;
        let [bert, ..] = acme.staff[..] else {
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
        appoints(db, &acme, acme.anna, bert, Post::GroupAdministrator(s.care)).await;
        appoints(db, &acme, acme.anna, bert, Post::AccessManager(s.social)).await;
        let bert_posts: Vec<Post> = posts(db, &acme)
            .await
            .into_iter()
            .filter(|(person, _)| *person == bert)
            .map(|(_, post)| post)
            .collect();
        assert_eq!(
            bert_posts,
            [
                Post::GroupAdministrator(s.care),
                Post::AccessManager(s.social)
            ],
            "the employer group lies in the new domain; care does not"
        );
    }
);

db_test!(
    replacing_the_main_access_manager_ends_the_new_managers_appointed_posts,
    |t| async move {
        let db = &t.db;
        let acme = acme_with_staff(db).await;
        let [bert, ..] = acme.staff[..] else {
            unreachable!()
        };
        appoints(db, &acme, acme.anna, bert, Post::CoMainAccessManager).await;
        let (nrn, given, family) = app::testing::fixtures::STAFF[0];
        replace(db, &OperatorPermit::at_the_command_line(), acme_number(), &person(nrn, given, family), LINK_BASE)
            .await
            .expect("replace");
        let held = posts(db, &acme).await;
        assert_eq!(held, [(bert, Post::MainAccessManager)]);
    }
);

db_test!(
    only_administrators_see_the_administrators_and_their_scope,
    |t| async move {
        let db = &t.db;
        let acme = acme_with_staff(db).await;
        let s = scopes(db).await;
        let [bert, carla, ..] = acme.staff[..] else {
            unreachable!()
        };
        appoints(db, &acme, acme.anna, bert, Post::AccessManager(s.social)).await;
        let page = overview(db, acme.enterprise, bert)
            .await
            .expect("an access manager sees");
        let standing = page.organisation.standing(bert);
        assert_eq!(standing.level, Some(Level::AccessManager));
        assert_eq!(standing.groups, [s.employer, s.secretariat].into());
        assert_eq!(page.name(acme.anna), "Anna Peeters");
        assert!(matches!(
            overview(db, acme.enterprise, carla).await,
            Err(AdminError::Refused(Refusal::NotAnAdministrator))
        ));
    }
);

db_test!(
    the_invariant_check_reports_posts_that_break_the_rules,
    breaks_the_rules_on_purpose,
    |t| async move {
        let db = &t.db;
        let acme = acme_with_staff(db).await;
        let s = scopes(db).await;
        // Written around the policy, as a faulty import or a manual edit might.
        for (person, level, domain, group) in [
            (acme.staff[0], "access_manager", Some(s.public.0), None),
            (acme.staff[1], "group_administrator", None, Some(s.care.0)),
        ] {
            sqlx::query(
                "INSERT INTO administrators (enterprise_id, person_id, level, domain_id, group_id, appointed_by, appointed_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, 0)",
            )
            .bind(acme.enterprise.0)
            .bind(person.0)
            .bind(level)
            .bind(domain)
            .bind(group)
            .bind(acme.anna.0)
            .execute(db.pool())
            .await
            .expect("insert");
        }
        sqlx::query("DELETE FROM employments WHERE person_id = $1")
            .bind(acme.staff[1].0)
            .execute(db.pool())
            .await
            .expect("unlink");
        let rules: Vec<&str> = check(db)
            .await
            .expect("check")
            .iter()
            .map(|violation| violation.rule)
            .collect();
        assert!(
            rules.contains(&"access_manager_scoped_to_one_active_domain"),
            "{rules:?}"
        );
        assert!(
            rules.contains(&"appointed_person_is_linked_to_the_enterprise"),
            "{rules:?}"
        );
    }
);

db_test!(
    roles_are_read_fresh_on_every_request_so_a_revocation_takes_effect_at_once,
    |t| async move {
        use app::features::auth::{acting, me, session};
        let db = &t.db;
        let acme = acme_with_staff(db).await;
        let [bert, ..] = acme.staff[..] else {
            unreachable!()
        };
        let mut tx = db.write().await.expect("begin");
        let token = session::start(&mut tx, bert, app::platform::db::now_millis(), None)
            .await
            .expect("session");
        tx.commit().await.expect("commit");
        let live = || async {
            session::resume(
                db,
                &token,
                app::platform::db::now_millis(),
                session::Lifetimes::default(),
            )
            .await
            .expect("resume")
            .expect("live")
        };
        let level = || async {
            let session = live().await;
            let acting = acting::load(db, &session)
                .await
                .expect("load")
                .expect("linked");
            let me = me::load(db, &session).await.expect("me").expect("Bert");
            assert_eq!(me.acting().and_then(|e| e.level), acting.roles.level);
            acting.roles.level
        };
        assert_eq!(level().await, None);
        appoints(db, &acme, acme.anna, bert, Post::CoMainAccessManager).await;
        assert_eq!(level().await, Some(Level::CoMainAccessManager));
        assert_eq!(
            app::policy::may_read_audit(
                acting::load(db, &live().await)
                    .await
                    .expect("load")
                    .expect("linked")
                    .roles
            ),
            Ok(()),
            "a co-main access manager reads the audit trail"
        );
        revoke(
            db,
            &acme.acting(acme.anna),
            bert,
            Post::CoMainAccessManager,
            None,
        )
        .await
        .expect("revoke");
        assert_eq!(
            level().await,
            None,
            "the same session lost the role at once"
        );
    }
);

db_test!(
    the_database_keys_refuse_a_second_holder_that_a_concurrent_request_would_write,
    |t| async move {
        use app::policy::{Appointee, may_appoint};
        let db = &t.db;
        let acme = acme_with_staff(db).await;
        let s = scopes(db).await;
        let [bert, carla, ..] = acme.staff[..] else {
            unreachable!()
        };
        // Two requests decided on the same state, as two PostgreSQL transactions might.
        let mut tx = db.write().await.expect("begin");
        let organisation = store::organisation(&mut tx, acme.enterprise)
            .await
            .expect("read")
            .expect("Acme")
            .organisation;
        let post = Post::GroupAdministrator(s.employer);
        let first = may_appoint(
            &organisation,
            acme.anna,
            Appointee {
                person: bert,
                linked: true,
            },
            post,
        )
        .expect("permitted");
        let second = may_appoint(
            &organisation,
            acme.anna,
            Appointee {
                person: carla,
                linked: true,
            },
            post,
        )
        .expect("permitted on the same state");
        store::fill(&mut tx, &first)
            .await
            .expect("the first fills the post");
        let error = store::fill(&mut tx, &second)
            .await
            .expect_err("one group administrator per group");
        assert!(
            error
                .as_database_error()
                .is_some_and(|e| e.is_unique_violation()),
            "{error}"
        );
        tx.rollback().await.expect("rollback");
    }
);
