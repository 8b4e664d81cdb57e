//! Finding 9 (what outlives its use): ended sessions, spent activation links and stale throttle
//! counts were never deleted. The periodic clean-up deletes each once it can no longer serve,
//! and audits what it deleted as one event. (Delivered secrets losing their text is proven in
//! `outbox_delivery`.)

use crate::live::Live;
use crate::world::{OLAF_NRN, session_for, world};
use app::db_test;
use app::features::auth::providers::pending;
use app::features::auth::session::Lifetimes;
use app::features::housekeeping::{self, Done};
use app::platform::Database;
use app::platform::db::now_millis;
use app::policy::OperatorPermit;
use app::testing::fixtures::{GOOD_PASSWORD, next_code};
use serde_json::{Value, json};

async fn count(db: &Database, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(db.pool())
        .await
        .expect("count")
}

const HOUR_MS: i64 = 3_600_000;

db_test!(
    the_clean_up_deletes_what_can_no_longer_serve_and_audits_it_once,
    |t| async move {
        let db = &t.db;
        let world = world(db).await;
        let live = Live::start(db, crate::common::settings("http://127.0.0.1:3000")).await;

        // Olaf signs in on two devices and signs out on one; a stranger fails once.
        let code = next_code(&world.olaf_secret);
        let reply = live
            .post_form(
                "/api/auth/sign_in",
                &format!("identifier={OLAF_NRN}&password={GOOD_PASSWORD}&code={code}"),
                None,
            )
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        let cookies = [
            crate::common::cookie_pair(&reply),
            session_for(db, world.olaf, world.beta).await,
        ];
        let out = live
            .post_form("/api/auth/sign_out", "", Some(&cookies[0]))
            .await;
        assert_eq!(out.status, 200, "{}", out.body);
        let failed = live
            .post_form(
                "/api/auth/sign_in",
                "identifier=85073003328&password=wrong-password-here&code=000000",
                None,
            )
            .await;
        assert_eq!(failed.status, 401);
        assert_eq!(count(db, "sessions").await, 2);
        assert_eq!(count(db, "throttles").await, 1);
        assert_eq!(
            count(db, "activation_tokens").await,
            2,
            "Acme's and Beta's, used"
        );

        // A sign-in through an identity provider that the person never finished.
        let mut tx = db.write().await.expect("begin");
        let now = now_millis();
        pending::keep(
            &mut tx,
            "a-browser-that-went-away",
            &pending::Pending {
                provider: "fas".into(),
                state: "s".into(),
                nonce: "n".into(),
                pkce_verifier: "v".into(),
                expires_at: now + pending::LIFETIME_MS,
            },
            now,
        )
        .await
        .expect("keep");
        tx.commit().await.expect("commit");

        // Now: only the signed-out session goes; the live one, the fresh count, the links
        // just used and the sign-in under way stay.
        let done = housekeeping::run(db, now_millis(), Lifetimes::default())
            .await
            .expect("housekeeping");
        assert_eq!(
            done,
            Done {
                sessions: 1,
                ..Done::default()
            }
        );
        let me = live.post_form("/api/auth/me", "", Some(&cookies[1])).await;
        assert_ne!(me.body, "null", "the live session is kept");

        // Two days later nothing of it can serve any more.
        let done = housekeeping::run(db, now_millis() + 48 * HOUR_MS, Lifetimes::default())
            .await
            .expect("housekeeping");
        assert_eq!(
            done,
            Done {
                sessions: 1,
                activation_links: 2,
                throttles: 1,
                provider_sign_ins: 1,
                expired_invitations: 0,
                refusal_summaries: 0,
            }
        );
        for table in [
            "sessions",
            "throttles",
            "activation_tokens",
            "provider_sign_ins",
        ] {
            assert_eq!(count(db, table).await, 0, "{table}");
        }
        let audited: Vec<String> = sqlx::query_scalar(
            "SELECT after_json FROM audit_events WHERE action = 'maintenance.purged' AND actor = 'system' \
             AND chain = 'installation' ORDER BY id",
        )
        .fetch_all(db.pool())
        .await
        .expect("events");
        let audited: Vec<Value> = audited
            .iter()
            .map(|after| serde_json::from_str(after).expect("json"))
            .collect();
        assert_eq!(
            audited,
            vec![
                json!({ "sessions": 1, "activation_links": 0, "throttles": 0, "provider_sign_ins": 0, "expired_invitations": 0 }),
                json!({ "sessions": 1, "activation_links": 2, "throttles": 1, "provider_sign_ins": 1, "expired_invitations": 0 }),
            ]
        );
        // With nothing left to delete, a run audits nothing.
        housekeeping::run(db, now_millis() + 49 * HOUR_MS, Lifetimes::default())
            .await
            .expect("housekeeping");
        let events: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'maintenance.purged'",
        )
        .fetch_one(db.pool())
        .await
        .expect("count");
        assert_eq!(events, 2);
    }
);

db_test!(
    a_delivered_activation_link_and_temporary_password_leave_no_text_behind,
    |t| async move {
        use app::domain::{Email, Language, PersonName};
        use app::features::enterprises::register::register;
        use app::features::people::{NewPerson, PersonIdentity, Username};
        use server::outbox_delivery::{Delivery, DeliverySettings};
        let db = &t.db;
        world(db).await;
        let john = NewPerson {
            identity: PersonIdentity::Foreign(Username::parse("j.smith").expect("username")),
            given_name: PersonName::parse("John").expect("name"),
            family_name: PersonName::parse("Smith").expect("name"),
            email: Email::parse("john.smith@example.co.uk").expect("email"),
            phone: Some("+44 7700 900123".into()),
            language: Language::En,
        };
        let registered = register(
            db,
            &OperatorPermit::at_the_command_line(),
            &app::testing::fixtures::registration("0555123476", "Globex Ltd", john),
        )
        .await
        .expect("register");
        let token = registered.activation.expose().to_owned();
        let queued: Vec<String> = sqlx::query_scalar(
            "SELECT body FROM outbox WHERE kind IN ('activation_link', 'temporary_password') ORDER BY id",
        )
            .fetch_all(db.pool())
            .await
            .expect("outbox");
        assert!(
            queued[0].contains(&token),
            "the link is in the e-mail until it leaves"
        );

        // The world's earlier invitations left already; the stand-in relay takes one session.
        sqlx::query("UPDATE outbox SET sent_at = 1, body = '' WHERE kind = 'invitation'")
            .execute(db.pool())
            .await
            .expect("earlier mail sent");
        let (port, received) = crate::common::smtp::listener().await;
        let delivery = Delivery::new(DeliverySettings {
            smtp: Some(("127.0.0.1".into(), port)),
            sms_command: Some("true".into()),
            ..DeliverySettings::default()
        });
        assert_eq!(delivery.deliver_due(db).await.expect("deliver"), 2);
        // The relay receives the text quoted-printable: soft line breaks joined, it reads whole.
        let mail = received.lock().expect("lock").replace("=\n", "");
        assert!(mail.contains(&token), "the e-mail carried the link: {mail}");
        let kept: Vec<(String, String, String, bool)> =
            sqlx::query_as::<_, (String, String, String, Option<i64>)>(
                "SELECT kind, recipient, body, sent_at FROM outbox WHERE kind <> 'invitation' ORDER BY id",
            )
            .fetch_all(db.pool())
            .await
            .expect("outbox")
            .into_iter()
            .map(|(kind, recipient, body, sent)| (kind, recipient, body, sent.is_some()))
            .collect();
        assert_eq!(
            kept,
            vec![
                (
                    "activation_link".into(),
                    "john.smith@example.co.uk".into(),
                    String::new(),
                    true
                ),
                (
                    "temporary_password".into(),
                    "+44 7700 900123".into(),
                    String::new(),
                    true
                ),
            ]
        );
    }
);
