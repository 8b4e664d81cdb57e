//! What appointments and revocations do: the main access manager is never removed; every change and every refusal is audited and announced; promotions and a new main access manager end the posts they include; roles are read fresh on every request; the keys refuse a concurrent second holder; the invariant check reports broken posts.
//! On both backends, through the use cases the endpoints call; every test ends with the
//! invariant check (except the one that breaks the rules on purpose).

mod administrators_support;

use administrators_support::*;

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
        replace(
            db,
            &OperatorPermit::at_the_command_line(),
            acme_number(),
            &person(nrn, given, family),
            LINK_BASE,
        )
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
        assert_eq!(page.mine.len(), 1);
        assert_eq!(page.mine[0].post, Post::AccessManager(s.social));
        assert_eq!(page.mine[0].appointed_by.as_deref(), Some("Anna Peeters"));
        assert_eq!(page.my_groups.total, 2, "employer and social secretariat");
        assert!(!page.my_groups.everything);
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
