//! Findings 2 and 3: one enterprise could sign a person of another out everywhere (link any
//! national register number, then block), and could read the names of people it did not know
//! (by linking their number, or from its audit trail by person id). An enterprise's act ends or
//! changes nothing outside it; it sees only the names it typed itself, or "a person outside the
//! enterprise"; and a person known elsewhere who is linked is told so.

use crate::live::Live;
use crate::world::{OLAF_NRN, World, session_for, world};
use app::db_test;
use app::platform::Database;
use serde_json::{Value, json};

fn parse(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// Anna links Olaf, Beta's main access manager, to Acme's employer group under names she made up.
async fn link_olaf(live: &Live, world: &World, anna: &str) -> i64 {
    let created = live
        .post_json(
            "/api/users/create",
            json!({
                "group": world.employer,
                "nrn": OLAF_NRN,
                "services": [],
                "link": {
                    "given_name": "Olivier",
                    "family_name": "Faux",
                    "email": "someone-else@acme.example",
                    "language": "fr",
                },
            }),
            Some(anna),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let olaf: i64 = created.body.parse().expect("a person id");
    assert_eq!(olaf, world.olaf.0, "the one person record of Olaf");
    olaf
}

/// What Olaf's number stands for on Anna's "Add user" form of the employer group.
async fn lookup(live: &Live, world: &World, anna: &str) -> crate::common::Reply {
    let body = format!("group={}&nrn={OLAF_NRN}", world.employer);
    live.post_form("/api/users/lookup", &body, Some(anna)).await
}

async fn me(live: &Live, cookie: &str) -> Value {
    let reply = live.post_form("/api/auth/me", "", Some(cookie)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    parse(&reply.body)
}

async fn live_sessions(db: &Database, person: i64) -> Vec<Option<i64>> {
    sqlx::query_scalar(
        "SELECT enterprise_id FROM sessions WHERE person_id = $1 AND ended_at IS NULL ORDER BY enterprise_id",
    )
    .bind(person)
    .fetch_all(db.pool())
    .await
    .expect("sessions")
}

db_test!(
    blocking_in_one_enterprise_ends_only_the_sessions_acting_for_it,
    |t| async move {
        let db = &t.db;
        let world = world(db).await;
        let live = Live::start(db, crate::common::settings("http://127.0.0.1:3000")).await;
        let anna = session_for(db, world.acme.anna, world.acme.enterprise).await;
        let olaf = link_olaf(&live, &world, &anna).await;
        let at_beta = session_for(db, world.olaf, world.beta).await;
        let at_acme = session_for(db, world.olaf, world.acme.enterprise).await;

        let detail = live
            .post_form("/api/users/detail", &format!("person={olaf}"), Some(&anna))
            .await;
        let version = parse(&detail.body)["version"].as_i64().expect("version");
        let blocked = live
            .post_json(
                "/api/users/block",
                json!({
                    "person": olaf,
                    "reach": { "where": "everywhere" },
                    "block": true,
                    "version": version,
                }),
                Some(&anna),
            )
            .await;
        assert_eq!(blocked.status, 200, "{}", blocked.body);

        assert_eq!(
            me(&live, &at_beta).await["acting_for"],
            json!(world.beta.0),
            "Olaf still works for Beta"
        );
        assert_eq!(
            me(&live, &at_acme).await,
            Value::Null,
            "his Acme session ended"
        );
        assert_eq!(live_sessions(db, olaf).await, vec![Some(world.beta.0)]);
    }
);

db_test!(
    an_enterprise_sees_only_the_names_it_typed_and_the_person_is_told_of_the_link,
    |t| async move {
        let db = &t.db;
        let world = world(db).await;
        let live = Live::start(db, crate::common::settings("http://127.0.0.1:3000")).await;
        let anna = session_for(db, world.acme.anna, world.acme.enterprise).await;

        // Before the link, the number says nothing about who it is.
        let before = lookup(&live, &world, &anna).await;
        assert_eq!(parse(&before.body), json!({ "kind": "not_linked" }));

        let olaf = link_olaf(&live, &world, &anna).await;
        for reply in [
            lookup(&live, &world, &anna).await,
            live.post_form("/api/users/detail", &format!("person={olaf}"), Some(&anna))
                .await,
            live.post_json("/api/users/list", json!({ "query": {} }), Some(&anna))
                .await,
            live.post_form("/api/audit/list", "", Some(&anna)).await,
            live.get(&format!("/users/{olaf}"), Some(&anna)).await,
        ] {
            assert_eq!(reply.status, 200, "{}", reply.body);
            assert!(reply.body.contains("Olivier Faux"), "{}", reply.body);
            assert!(
                !reply.body.contains("Olaf") && !reply.body.contains("Olsen"),
                "Acme reads only the names it typed: {}",
                reply.body
            );
        }
        let search = live
            .post_json(
                "/api/users/list",
                json!({ "query": { "search": "Olsen" } }),
                Some(&anna),
            )
            .await;
        assert_eq!(parse(&search.body)["rows"], json!([]), "{}", search.body);

        // Olaf hears of it: an e-mail to his own address (not the one Anna typed), in his
        // language, and a message in Acme's e-Box.
        // (Carla, whom Acme added before, is invited at the address Acme typed for her.)
        let mails: Vec<(String, String, Option<String>)> = sqlx::query_as(
            "SELECT kind, recipient, subject FROM outbox WHERE channel = 'email' \
             AND kind <> 'invitation' ORDER BY id",
        )
        .fetch_all(db.pool())
        .await
        .expect("outbox");
        assert_eq!(
            mails,
            vec![(
                "linked_notice".to_owned(),
                "olaf@acme.be".to_owned(),
                Some("Acme NV (0403.019.261) koppelde u in Toegangsbeheer".to_owned())
            )]
        );
        let at_acme = session_for(db, world.olaf, world.acme.enterprise).await;
        let inbox = live.post_form("/api/ebox/list", "", Some(&at_acme)).await;
        assert!(inbox.body.contains("\"kind\":\"linked\""), "{}", inbox.body);
        // What Olaf shares by acting for Beta stays Beta's.
        let at_beta = session_for(db, world.olaf, world.beta).await;
        assert_eq!(me(&live, &at_beta).await["name"], json!("Olaf Olsen"));
    }
);

db_test!(
    the_audit_trail_never_names_a_person_outside_the_enterprise,
    |t| async move {
        let db = &t.db;
        let world = world(db).await;
        let live = Live::start(db, crate::common::settings("http://127.0.0.1:3000")).await;
        let anna = session_for(db, world.acme.anna, world.acme.enterprise).await;

        // Anna names Olaf by his id in a refused appointment: the refusal is in her trail.
        let refused = live
            .post_json(
                "/api/admins/appoint",
                json!({ "person": world.olaf.0, "post": { "level": "co_main_access_manager" } }),
                Some(&anna),
            )
            .await;
        assert_eq!(refused.status, 403, "{}", refused.body);
        let trail = live.post_form("/api/audit/list", "", Some(&anna)).await;
        let events = parse(&trail.body)["events"].clone();
        let refusal = events
            .as_array()
            .expect("events")
            .iter()
            .find(|e| e["action"] == "administrator.appointment_refused")
            .unwrap_or_else(|| panic!("the refusal is audited: {}", trail.body))
            .clone();
        assert_eq!(refusal["target"], json!("Outsider"), "{}", trail.body);
        assert!(!trail.body.contains("Olaf") && !trail.body.contains("Olsen"));
        let page = live.get("/audit", Some(&anna)).await;
        assert!(
            page.body.contains("A person outside the enterprise"),
            "{}",
            page.body
        );
        assert!(!page.body.contains("Olsen"), "{}", page.body);

        // Neither his number nor his name finds him in Acme's trail.
        for filter in [OLAF_NRN, "Olsen"] {
            let found = live
                .post_form(
                    "/api/audit/list",
                    &format!("query[target]={filter}"),
                    Some(&anna),
                )
                .await;
            assert_eq!(
                parse(&found.body)["events"],
                json!([]),
                "{filter}: {}",
                found.body
            );
        }
    }
);

db_test!(
    what_one_enterprise_typed_about_a_person_never_reaches_another,
    |t| async move {
        let db = &t.db;
        let world = world(db).await;
        let live = Live::start(db, crate::common::settings("http://127.0.0.1:3000")).await;
        let anna = session_for(db, world.acme.anna, world.acme.enterprise).await;
        let olaf = session_for(db, world.olaf, world.beta).await;
        let beta_employer: i64 =
            sqlx::query_scalar("SELECT group_id FROM enterprise_groups WHERE enterprise_id = $1")
                .bind(world.beta.0)
                .fetch_one(db.pool())
                .await
                .expect("Beta's group");
        let nrn = app::domain::Nrn::synthetic(5151);
        let create = |group: i64, given: &str, email: &str| {
            json!({
                "group": group,
                "nrn": nrn.as_str(),
                "services": [],
                "link": { "given_name": given, "family_name": "Person", "email": email, "language": "en" },
            })
        };
        // Acme is first to record the person, with an address of its choosing.
        let first = live
            .post_json(
                "/api/users/create",
                create(world.employer.0, "Mallory", "watch@evil.example"),
                Some(&anna),
            )
            .await;
        assert_eq!(first.status, 200, "{}", first.body);
        // Beta links the same person later.
        let second = live
            .post_json(
                "/api/users/create",
                create(beta_employer, "Xavier", "xavier@beta.example"),
                Some(&olaf),
            )
            .await;
        assert_eq!(second.status, 200, "{}", second.body);
        assert_eq!(first.body, second.body, "one person record");

        // Each enterprise invites its new user at the address it typed itself; nothing else is sent.
        let mails: Vec<(String, String)> = sqlx::query_as(
            "SELECT kind, recipient FROM outbox WHERE channel = 'email' \
             AND recipient <> 'carla@acme.be' ORDER BY id",
        )
        .fetch_all(db.pool())
        .await
        .expect("outbox");
        assert_eq!(
            mails,
            vec![
                ("invitation".to_owned(), "watch@evil.example".to_owned()),
                ("invitation".to_owned(), "xavier@beta.example".to_owned()),
            ],
            "no address Acme typed learns of Beta's link"
        );
        let beta_list = live
            .post_json("/api/users/list", json!({ "query": {} }), Some(&olaf))
            .await;
        assert!(
            beta_list.body.contains("Xavier Person"),
            "{}",
            beta_list.body
        );
        assert!(!beta_list.body.contains("Mallory"), "{}", beta_list.body);
        let person: i64 = second.body.parse().expect("id");
        let at_beta = session_for(db, app::domain::PersonId(person), world.beta).await;
        let inbox = live.post_form("/api/ebox/list", "", Some(&at_beta)).await;
        assert!(
            inbox.body.contains("\"kind\":\"linked\""),
            "told in Beta's e-Box: {}",
            inbox.body
        );
    }
);
