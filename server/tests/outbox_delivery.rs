//! Delivering the outbox: SMS through the operator's command, e-mail through an SMTP relay
//! (here a minimal SMTP listener in the test standing in for the relay), retries after failures,
//! and channels without configuration left queued. Both backends.

mod common;

use app::db_test;
use app::features::outbox::{Channel, Kind, Message, enqueue};
use app::platform::Database;
use app::platform::db::now_millis;
use server::outbox_delivery::{Delivery, DeliverySettings};

async fn queue(db: &Database, channel: Channel, recipient: &str, body: &str) {
    queue_kind(db, Kind::LinkedNotice, channel, recipient, body).await;
}

async fn queue_kind(db: &Database, kind: Kind, channel: Channel, recipient: &str, body: &str) {
    let mut tx = db.write().await.expect("tx");
    let message = Message {
        kind,
        channel,
        recipient: recipient.into(),
        subject: (channel == Channel::Email).then(|| "Your account".to_owned()),
        body: body.into(),
    };
    enqueue(&mut tx, &message, now_millis())
        .await
        .expect("enqueue");
    tx.commit().await.expect("commit");
}

/// (attempts, sent, last_error) per message.
async fn states(db: &Database) -> Vec<(i64, bool, Option<String>)> {
    let rows: Vec<(i64, Option<i64>, Option<String>)> =
        sqlx::query_as("SELECT attempts, sent_at, last_error FROM outbox ORDER BY id")
            .fetch_all(db.pool())
            .await
            .expect("outbox");
    rows.into_iter()
        .map(|(a, s, e)| (a, s.is_some(), e))
        .collect()
}

fn settings(smtp: Option<(String, u16)>, sms_command: Option<String>) -> DeliverySettings {
    DeliverySettings {
        smtp,
        sms_command,
        ..DeliverySettings::default()
    }
}

db_test!(
    sms_leave_through_the_operator_command_and_failures_are_retried_later,
    |t| async move {
        let folder = tempfile::tempdir().expect("temp");
        let sent = folder.path().join("sms.txt");
        queue(&t.db, Channel::Sms, "+32 470 12 34 56", "your code is 42").await;
        let command = format!(
            "printf '%s|%s\\n' \"$SMS_TO\" \"$SMS_TEXT\" >> '{}'",
            sent.display()
        );
        let delivery = Delivery::new(settings(None, Some(command)));
        assert_eq!(delivery.deliver_due(&t.db).await.expect("deliver"), 1);
        assert_eq!(
            std::fs::read_to_string(&sent).expect("sent"),
            "+32 470 12 34 56|your code is 42\n"
        );
        assert_eq!(states(&t.db).await, [(1, true, None)]);
        // Sent once: a second round sends nothing.
        assert_eq!(delivery.deliver_due(&t.db).await.expect("deliver"), 0);

        queue(&t.db, Channel::Sms, "+32 470 00 00 00", "second").await;
        let failing = Delivery::new(settings(None, Some("echo gateway down >&2; exit 3".into())));
        assert_eq!(failing.deliver_due(&t.db).await.expect("deliver"), 0);
        let (attempts, sent_now, error) = states(&t.db).await[1].clone();
        assert_eq!((attempts, sent_now), (1, false));
        assert!(error.unwrap_or_default().contains("gateway down"));
        // Not due again at once: the retry waits.
        assert_eq!(failing.deliver_due(&t.db).await.expect("deliver"), 0);
        assert_eq!(states(&t.db).await[1].0, 1);
    }
);

/// (kind, body) of every message.
async fn bodies(db: &Database) -> Vec<(String, String)> {
    sqlx::query_as("SELECT kind, body FROM outbox ORDER BY id")
        .fetch_all(db.pool())
        .await
        .expect("outbox")
}

db_test!(
    a_delivered_secret_keeps_only_who_received_what_kind_and_when,
    |t| async move {
        let (port, _) = common::smtp::listener().await;
        queue_kind(
            &t.db,
            Kind::TemporaryPassword,
            Channel::Sms,
            "+32 470 12 34 56",
            "password X7",
        )
        .await;
        queue_kind(
            &t.db,
            Kind::LinkedNotice,
            Channel::Sms,
            "+32 470 12 34 56",
            "Acme linked you",
        )
        .await;
        queue_kind(
            &t.db,
            Kind::ActivationLink,
            Channel::Email,
            "john@example.co.uk",
            "link /activate/secret",
        )
        .await;
        let delivery = Delivery::new(settings(
            Some(("127.0.0.1".into(), port)),
            Some("true".into()),
        ));
        assert_eq!(delivery.deliver_due(&t.db).await.expect("deliver"), 3);
        assert_eq!(
            bodies(&t.db).await,
            [
                ("temporary_password".to_owned(), String::new()),
                ("linked_notice".to_owned(), "Acme linked you".to_owned()),
                ("activation_link".to_owned(), String::new()),
            ]
        );
        let kept: Vec<(String, bool)> = sqlx::query_as::<_, (String, Option<i64>)>(
            "SELECT recipient, sent_at FROM outbox ORDER BY id",
        )
        .fetch_all(t.db.pool())
        .await
        .expect("outbox")
        .into_iter()
        .map(|(recipient, sent)| (recipient, sent.is_some()))
        .collect();
        assert_eq!(kept[0], ("+32 470 12 34 56".to_owned(), true));
        assert_eq!(kept[2], ("john@example.co.uk".to_owned(), true));
    }
);

db_test!(without_configuration_messages_stay_queued, |t| async move {
    queue(&t.db, Channel::Email, "anna@acme.be", "hello").await;
    queue(&t.db, Channel::Sms, "+32 470 12 34 56", "hello").await;
    let delivery = Delivery::new(DeliverySettings::default());
    assert_eq!(delivery.deliver_due(&t.db).await.expect("deliver"), 0);
    assert_eq!(states(&t.db).await, [(0, false, None), (0, false, None)]);
});

db_test!(emails_leave_through_the_smtp_relay, |t| async move {
    let (port, received) = common::smtp::listener().await;
    queue(
        &t.db,
        Channel::Email,
        "John Smith <john.smith@example.co.uk>",
        "Your username is: j.smith",
    )
    .await;
    let delivery = Delivery::new(settings(Some(("127.0.0.1".into(), port)), None));
    assert_eq!(delivery.deliver_due(&t.db).await.expect("deliver"), 1);
    let mail = received.lock().expect("lock").clone();
    assert!(mail.contains("Subject: Your account"), "{mail}");
    assert!(
        mail.contains("To: \"John Smith\" <john.smith@example.co.uk>"),
        "{mail}"
    );
    assert!(mail.contains("From: no-reply@localhost"), "{mail}");
    assert!(mail.contains("Your username is: j.smith"), "{mail}");
    assert_eq!(states(&t.db).await, [(1, true, None)]);
});
