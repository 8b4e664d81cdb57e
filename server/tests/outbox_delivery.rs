//! Delivering the outbox: SMS through the operator's command, e-mail through an SMTP relay
//! (here a minimal SMTP listener in the test standing in for the relay), retries after failures,
//! and channels without configuration left queued. Both backends.

use app::db_test;
use app::features::invariants::assert_consistent;
use app::features::outbox::{Channel, Message, enqueue};
use app::platform::Database;
use app::platform::db::now_millis;
use server::outbox_delivery::{Delivery, DeliverySettings};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

async fn queue(db: &Database, channel: Channel, recipient: &str, body: &str) {
    let mut tx = db.write().await.expect("tx");
    let message = Message {
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
        assert_consistent(&t.db).await;
    }
);

db_test!(without_configuration_messages_stay_queued, |t| async move {
    queue(&t.db, Channel::Email, "anna@acme.be", "hello").await;
    queue(&t.db, Channel::Sms, "+32 470 12 34 56", "hello").await;
    let delivery = Delivery::new(DeliverySettings::default());
    assert_eq!(delivery.deliver_due(&t.db).await.expect("deliver"), 0);
    assert_eq!(states(&t.db).await, [(0, false, None), (0, false, None)]);
    assert_consistent(&t.db).await;
});

/// Accepts one SMTP session and keeps what the client sent after DATA.
async fn smtp_listener() -> (u16, Arc<Mutex<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let received = Arc::new(Mutex::new(String::new()));
    let keep = received.clone();
    tokio::spawn(async move {
        let (socket, _) = listener.accept().await.expect("accept");
        let (read, mut write) = socket.into_split();
        let mut lines = BufReader::new(read).lines();
        write
            .write_all(b"220 relay ready\r\n")
            .await
            .expect("greet");
        let mut in_data = false;
        while let Ok(Some(line)) = lines.next_line().await {
            let reply: &[u8] = if in_data {
                if line == "." {
                    in_data = false;
                    b"250 queued\r\n"
                } else {
                    keep.lock().expect("lock").push_str(&format!("{line}\n"));
                    continue;
                }
            } else if line.starts_with("DATA") {
                in_data = true;
                b"354 go ahead\r\n"
            } else if line.starts_with("QUIT") {
                write.write_all(b"221 bye\r\n").await.ok();
                break;
            } else {
                b"250 ok\r\n"
            };
            write.write_all(reply).await.expect("reply");
        }
    });
    (port, received)
}

db_test!(emails_leave_through_the_smtp_relay, |t| async move {
    let (port, received) = smtp_listener().await;
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
    assert_consistent(&t.db).await;
});
