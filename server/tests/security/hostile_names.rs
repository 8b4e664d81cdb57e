//! Findings 1 and 6: a name given by an administrator reached the `<title>` of a page unescaped,
//! and names could carry invisible formatting characters that spoof lists and the trail. Every
//! text a person or the operator typed — a person's names, an enterprise's name — is escaped in
//! the document head and the body, on pages rendered whole (a user's page) and on streamed ones
//! (the home page, whose header names the person and the enterprise); and a name with a control
//! or format character is refused before anything is written.

use crate::live::Live;
use crate::world::{session_for, world};
use app::db_test;
use app::domain::Nrn;
use app::features::enterprises::register::register;
use app::policy::OperatorPermit;
use app::testing::fixtures::{activate, person, registration};
use serde_json::json;

/// Ends the `<title>` and adds a refresh to another site when written raw into the head.
const TITLE_BREAK: &str = "</title><meta http-equiv=refresh content=0;url=https://evil.example/>";
/// Ends the `<script>` holding the page's serialized data when written raw into it.
const SCRIPT_BREAK: &str = "</script><img src=x onerror=alert(1)>";

/// `html` with every `<script …>…</script>` element cut out.
fn without_scripts(html: &str) -> String {
    let mut rest = html;
    let mut kept = String::new();
    while let Some(start) = rest.find("<script") {
        kept.push_str(&rest[..start]);
        match rest[start..].find("</script>") {
            Some(end) => rest = &rest[start + end + "</script>".len()..],
            None => return kept,
        }
    }
    kept.push_str(rest);
    kept
}

/// The page at `path` shows hostile text only as text: one title element in the head, no
/// element the text would have opened, every script element closed where it was opened.
fn assert_inert(path: &str, html: &str) {
    let head = &html[..html.find("</head>").unwrap_or(html.len())];
    assert_eq!(
        head.matches("<title>").count(),
        1,
        "{path}: one title\n{head}"
    );
    assert_eq!(
        head.matches("</title>").count(),
        1,
        "{path}: one title\n{head}"
    );
    assert_eq!(
        html.matches("<script").count(),
        html.matches("</script>").count(),
        "{path}: a script element was ended early\n{html}"
    );
    let markup = without_scripts(html).to_lowercase();
    for opened in ["<meta http-equiv", "<img src=x"] {
        assert!(
            !markup.contains(opened),
            "{path}: {opened} became markup\n{html}"
        );
    }
}

db_test!(
    hostile_names_stay_text_in_the_head_and_body_of_every_page_that_shows_them,
    |t| async move {
        let db = &t.db;
        let world = world(db).await;
        let live = Live::start(db, crate::common::settings("http://127.0.0.1:3000")).await;
        let anna = session_for(db, world.acme.anna, world.acme.enterprise).await;

        // A group administrator plants the names, linking a person nobody knew.
        let carla = session_for(db, world.carla(), world.acme.enterprise).await;
        let nrn = Nrn::synthetic(4242);
        let created = live
            .post_json(
                "/api/users/create",
                json!({
                    "group": world.employer,
                    "nrn": nrn.as_str(),
                    "services": [],
                    "link": {
                        "given_name": TITLE_BREAK,
                        "family_name": SCRIPT_BREAK,
                        "email": "planted@example.com",
                        "language": "en",
                    },
                }),
                Some(&carla),
            )
            .await;
        assert_eq!(created.status, 200, "{}", created.body);
        let planted: i64 = created.body.parse().expect("the new user's id");

        // The operator registers an enterprise under a hostile name.
        let gamma = register(
            db,
            &OperatorPermit::at_the_command_line(),
            &registration(
                "0203201340",
                &format!("Gamma {TITLE_BREAK} {SCRIPT_BREAK}"),
                person(Nrn::synthetic(4343).as_str(), "Greta", "Gamma"),
            ),
        )
        .await
        .expect("register Gamma");
        activate(db, gamma.activation.expose()).await;
        let greta = session_for(db, gamma.main_access_manager, gamma.enterprise).await;
        // The planted person signs in (their own record carries the names) and reads their page.
        let own = session_for(db, app::domain::PersonId(planted), world.acme.enterprise).await;

        let pages: Vec<(String, &str)> = vec![
            (format!("/users/{planted}"), anna.as_str()),
            (format!("/users?q={}", nrn.as_str()), anna.as_str()),
            ("/users".to_owned(), anna.as_str()),
            (format!("/groups/{}", world.employer), anna.as_str()),
            ("/audit".to_owned(), anna.as_str()),
            (format!("/users/{planted}"), carla.as_str()),
            ("/".to_owned(), own.as_str()),
            ("/ebox".to_owned(), own.as_str()),
            ("/roles".to_owned(), own.as_str()),
            ("/".to_owned(), greta.as_str()),
            ("/administrators".to_owned(), greta.as_str()),
            ("/no-such-page".to_owned(), greta.as_str()),
        ];
        for (path, cookie) in &pages {
            let page = live.get(path, Some(cookie)).await;
            assert!(
                page.status.is_success() || page.status == 404,
                "{path}: {}",
                page.status
            );
            assert_inert(path, &page.body);
        }

        // Not vacuous: the user's page shows the names, escaped, in its title and its body.
        let page = live.get(&format!("/users/{planted}"), Some(&anna)).await;
        let head = &page.body[..page.body.find("</head>").expect("a head")];
        assert!(
            head.contains("<title>&lt;/title&gt;&lt;meta http-equiv=refresh"),
            "{head}"
        );
        assert!(
            without_scripts(&page.body)
                .contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"),
            "{}",
            page.body
        );
        let home = live.get("/", Some(&greta)).await;
        assert!(home.body.contains("Gamma &lt;/title&gt;"), "{}", home.body);
    }
);

db_test!(
    names_with_invisible_formatting_characters_are_refused_and_nothing_is_linked,
    |t| async move {
        let db = &t.db;
        let world = world(db).await;
        let live = Live::start(db, crate::common::settings("http://127.0.0.1:3000")).await;
        let anna = session_for(db, world.acme.anna, world.acme.enterprise).await;
        let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM persons")
            .fetch_one(db.pool())
            .await
            .expect("count");
        for (given, family, field) in [
            ("Anna\u{202e}sreteeP", "Peeters", "given_name"),
            ("Anna", "Pee\u{200b}ters", "family_name"),
            ("Anna\u{2067}", "Peeters", "given_name"),
            ("Anna", "Peeters\u{feff}", "family_name"),
        ] {
            let reply = live
                .post_json(
                    "/api/users/create",
                    json!({
                        "group": world.employer,
                        "nrn": Nrn::synthetic(4444).as_str(),
                        "services": [],
                        "link": { "given_name": given, "family_name": family, "email": "a@example.com", "language": "en" },
                    }),
                    Some(&anna),
                )
                .await;
            assert_eq!(reply.status, 422, "{given:?} {family:?}: {}", reply.body);
            assert_eq!(
                reply.body,
                format!(r#"{{"code":"invalid_input","field":"{field}"}}"#)
            );
        }
        let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM persons")
            .fetch_one(db.pool())
            .await
            .expect("count");
        assert_eq!(after, before, "nobody was recorded");
    }
);
