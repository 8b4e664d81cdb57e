//! `server audit verify` as the operator runs it: a summary when intact; the first broken event
//! of a tampered chain named in one line, exit code 1.

use app::domain::EnterpriseId;
use app::features::audit::store::{NewEvent, append};
use app::features::audit::{Action, Actor, AuditChain};
use app::platform::{Database, DatabaseUrl};
use std::process::{Command, Output};

fn verify(url: &str) -> Output {
    run(url, &["audit", "verify"])
}

fn run(url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env("DATABASE_URL", url)
        .env(
            "CATALOG_FILE",
            concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/default.toml"),
        )
        .env("LOG_LEVEL", "warn")
        .output()
        .expect("run server audit verify")
}

#[tokio::test]
async fn audit_verify_names_the_event_that_was_edited_by_hand() {
    let folder = tempfile::tempdir().expect("temp");
    let url = format!("sqlite://{}/access.db", folder.path().display());
    let db = Database::connect(&url.parse::<DatabaseUrl>().expect("url"))
        .await
        .expect("open");
    db.migrate().await.expect("migrate");
    for action in [Action::EnterpriseRegistered, Action::EnterpriseActivated] {
        let mut tx = db.write().await.expect("begin");
        let event = NewEvent {
            chain: AuditChain::Enterprise(EnterpriseId(1)),
            actor: Actor::Operator,
            action,
            target: Some("enterprise:1".into()),
            before: None,
            after: Some(serde_json::json!({ "status": "pending" })),
            client_addr: None,
        };
        append(&mut tx, &event).await.expect("append");
        tx.commit().await.expect("commit");
    }

    let intact = verify(&url);
    assert!(
        intact.status.success(),
        "{}",
        String::from_utf8_lossy(&intact.stderr)
    );
    assert!(
        String::from_utf8_lossy(&intact.stdout)
            .contains("audit trail intact: 2 events in 1 chains")
    );

    sqlx::query("UPDATE audit_events SET actor = 'person:99' WHERE seq = 2")
        .execute(db.pool())
        .await
        .expect("tamper");
    db.close().await;

    let broken = verify(&url);
    assert!(!broken.status.success());
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: audit trail broken: chain enterprise:1, event #2 (id "),
        "{stderr}"
    );
    assert!(stderr.contains("edited"), "{stderr}");

    let check = run(&url, &["check"]);
    assert!(!check.status.success());
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(stderr.starts_with("error: invariants violated: enterprise 1: audit_chain_intact: chain enterprise:1, event #2"), "{stderr}");
}

#[tokio::test]
async fn check_passes_on_a_fresh_installation() {
    let folder = tempfile::tempdir().expect("temp");
    let url = format!("sqlite://{}/access.db", folder.path().display());
    let output = run(&url, &["check"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("consistent: every invariant holds"));
}
