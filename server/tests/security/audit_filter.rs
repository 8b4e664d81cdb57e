//! Finding 8: the audit trail's name filter stripped `%` and `_` instead of escaping them, and
//! stopped at the first 100 matching people. Wildcards in a name match only themselves, and
//! every event about every matching person is found, page after page.

use crate::live::Live;
use crate::world::{session_for, world};
use app::db_test;
use app::domain::Nrn;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// The names of the people the events of `filter` are about, over every page.
async fn targets(live: &Live, cookie: &str, filter: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut before: Option<i64> = None;
    loop {
        let mut body = format!("query[target]={}", urlencode(filter));
        if let Some(before) = before {
            body.push_str(&format!("&query[before]={before}"));
        }
        let reply = live.post_form("/api/audit/list", &body, Some(cookie)).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        let page: Value = serde_json::from_str(&reply.body).expect("json");
        for event in page["events"].as_array().expect("events") {
            // A person is named once, however many events concern them (their creation and the
            // invitation it sent).
            let name = event["target"]["Person"].as_str().unwrap_or("?").to_owned();
            if !names.contains(&name) {
                names.push(name);
            }
        }
        match page["next"].as_i64() {
            Some(next) => before = Some(next),
            None => return names,
        }
    }
}

fn urlencode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

db_test!(
    the_audit_name_filter_escapes_wildcards_and_finds_every_match,
    |t| async move {
        let db = &t.db;
        let world = world(db).await;
        let live = Live::start(db, crate::common::settings("http://127.0.0.1:3000")).await;
        let anna = session_for(db, world.acme.anna, world.acme.enterprise).await;
        let mut people: Vec<(String, String)> = [
            ("Under_score", "Zed"),
            ("Underxscore", "Zed"),
            ("Fifty%", "Percent"),
            ("Fiftyx", "Percent"),
        ]
        .iter()
        .map(|(g, f)| ((*g).to_owned(), (*f).to_owned()))
        .collect();
        for n in 0..105 {
            people.push(("Bulk".to_owned(), format!("Member {n:03}")));
        }
        for (n, (given, family)) in people.iter().enumerate() {
            let created = live
                .post_json(
                    "/api/users/create",
                    json!({
                        "group": world.employer,
                        "nrn": Nrn::synthetic(7000 + n as u64).as_str(),
                        "services": [],
                        "link": {
                            "given_name": given,
                            "family_name": family,
                            "email": format!("person{n}@example.com"),
                            "language": "en",
                        },
                    }),
                    Some(&anna),
                )
                .await;
            assert_eq!(created.status, 200, "{given} {family}: {}", created.body);
        }

        assert_eq!(
            targets(&live, &anna, "under_score").await,
            vec!["Under_score Zed"]
        );
        assert_eq!(
            targets(&live, &anna, "fifty%").await,
            vec!["Fifty% Percent"]
        );
        assert!(
            targets(&live, &anna, "%")
                .await
                .iter()
                .all(|n| n.contains('%'))
        );
        let bulk: BTreeSet<String> = targets(&live, &anna, "bulk").await.into_iter().collect();
        assert_eq!(bulk.len(), 105, "every one of the 105 matching people");
        // Family name first matches too.
        assert_eq!(
            targets(&live, &anna, "zed under_").await,
            vec!["Under_score Zed"]
        );
    }
);
