//! Finding 5: the sign-in limit keyed on the socket's address, so behind a reverse proxy (or a
//! shared NAT) 21 failures by anyone locked everyone out, correct credentials included, and
//! the proxy's own address was what the audit trail recorded. The client's address is taken
//! from the forwarding header only when the connection comes from a trusted proxy, and a flood
//! from one address never refuses another account's correct credentials; its refusals are
//! folded in the audit trail.

use crate::live::{CLIENT, Live};
use crate::world::{OLAF_NRN, world};
use app::db_test;
use app::features::auth::session::Lifetimes;
use app::features::housekeeping;
use app::platform::Database;
use app::platform::db::now_millis;
use app::testing::fixtures::{GOOD_PASSWORD, next_code};
use axum::body::Body;
use axum::http::Request;
use server::client_address::{ForwardedHeader, TrustedProxies};
use std::net::{IpAddr, Ipv4Addr};

const OFFICE: &str = "198.51.100.66";
const UNTRUSTED: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));

fn sign_in(body: String, forwarded_for: Option<&str>) -> Request<Body> {
    let mut request = Request::post("/api/auth/sign_in")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("sec-fetch-site", "same-origin");
    if let Some(chain) = forwarded_for {
        request = request.header("x-forwarded-for", chain);
    }
    request.body(Body::from(body)).expect("request")
}

fn wrong(identifier: &str) -> String {
    format!("identifier={identifier}&password=not-the-password-9&code=000000")
}

/// (action, client address) of the sign-in events, oldest first.
async fn sign_in_events(db: &Database) -> Vec<(String, Option<String>)> {
    sqlx::query_as(
        "SELECT action, client_addr FROM audit_events WHERE action LIKE 'sign_in.%' ORDER BY id",
    )
    .fetch_all(db.pool())
    .await
    .expect("events")
}

db_test!(
    behind_a_trusted_proxy_a_flood_from_one_address_never_keeps_another_account_out,
    |t| async move {
        let db = &t.db;
        let world = world(db).await;
        let mut settings = crate::common::settings("http://127.0.0.1:3000");
        settings.proxies =
            TrustedProxies::parse("127.0.0.1", ForwardedHeader::XForwardedFor).expect("proxies");
        let live = Live::start(db, settings).await;

        // Someone in the office floods the sign-in with guesses, through the proxy.
        let chain = format!("203.0.113.250, {OFFICE}");
        for n in 0..30 {
            let reply = live
                .send(sign_in(wrong(&format!("guess-{n}")), Some(&chain)))
                .await;
            assert_eq!(
                reply.status, 401,
                "guess {n} is refused, never throttled: {}",
                reply.body
            );
        }
        // A colleague behind the same address signs in with the right credentials.
        let code = next_code(&world.olaf_secret);
        let body = format!("identifier={OLAF_NRN}&password={GOOD_PASSWORD}&code={code}");
        let reply = live.send(sign_in(body, Some(OFFICE))).await;
        assert_eq!(reply.status, 200, "{}", reply.body);

        // The audit trail names the office, never the proxy nor what the client claimed.
        let events = sign_in_events(db).await;
        assert!(
            events
                .iter()
                .all(|(_, address)| address.as_deref() == Some(OFFICE)),
            "{events:?}"
        );
        assert_eq!(
            events.last().map(|(a, _)| a.as_str()),
            Some("sign_in.succeeded")
        );

        // The flood's refusals: a few one by one, the rest in one summary per minute.
        let one_by_one = events.iter().filter(|(a, _)| a == "sign_in.failed").count();
        assert!(one_by_one <= 10, "{one_by_one} refusals audited one by one");
        housekeeping::run(db, now_millis() + 120_000, Lifetimes::default())
            .await
            .expect("housekeeping");
        let folded: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT after_json, client_addr FROM audit_events WHERE action = 'audit.refusals_folded'",
        )
        .fetch_all(db.pool())
        .await
        .expect("summaries");
        let counted: i64 = folded
            .iter()
            .map(|(after, address)| {
                assert_eq!(address.as_deref(), Some(OFFICE));
                let after: serde_json::Value = serde_json::from_str(after).expect("json");
                after["refusals"].as_i64().expect("a count")
            })
            .sum();
        assert_eq!(
            one_by_one as i64 + counted,
            30,
            "every refusal is accounted for"
        );

        // From anyone but the proxy, the header is a claim and is ignored.
        let reply = live
            .send_from(UNTRUSTED, sign_in(wrong("spoofer"), Some("192.0.2.77")))
            .await;
        assert_eq!(reply.status, 401);
        let last = sign_in_events(db).await.pop().expect("an event");
        assert_eq!(
            last,
            ("sign_in.failed".to_owned(), Some("127.0.0.2".to_owned()))
        );
    }
);

db_test!(
    without_trusted_proxies_the_forwarding_header_is_ignored,
    |t| async move {
        let db = &t.db;
        world(db).await;
        let live = Live::start(db, crate::common::settings("http://127.0.0.1:3000")).await;
        let reply = live
            .send(sign_in(wrong("someone"), Some("192.0.2.77")))
            .await;
        assert_eq!(reply.status, 401);
        let events = sign_in_events(db).await;
        assert_eq!(
            events,
            vec![("sign_in.failed".to_owned(), Some(CLIENT.to_string()))]
        );
    }
);
