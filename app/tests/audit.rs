//! The audit trail on both backends: appends chain by hash, concurrent appends stay gap-free,
//! and `verify` names the first edited, unlinked or deleted event of a chain.

use app::db_test;
use app::domain::{EnterpriseId, PersonId};
use app::features::audit::store::{BreakReason, NewEvent, append, verify};
use app::features::audit::{Action, Actor, AuditChain};
use app::platform::Database;
use serde_json::json;

fn event(chain: AuditChain, action: Action) -> NewEvent {
    NewEvent {
        chain,
        actor: Actor::Person(PersonId(7)),
        action,
        target: Some("person:9".into()),
        before: Some(json!({ "blocked": false })),
        after: Some(json!({ "blocked": true })),
        client_addr: Some("192.0.2.10".into()),
    }
}

async fn record(db: &Database, chain: AuditChain, action: Action) -> i64 {
    let mut tx = db.write().await.expect("begin");
    let seq = append(&mut tx, &event(chain, action))
        .await
        .expect("append");
    tx.commit().await.expect("commit");
    seq
}

async fn execute(db: &Database, sql: &str) {
    sqlx::query(sql).execute(db.pool()).await.expect(sql);
}

const ACME: AuditChain = AuditChain::Enterprise(EnterpriseId(1));
const OTHER: AuditChain = AuditChain::Enterprise(EnterpriseId(2));

db_test!(
    events_are_numbered_per_chain_and_an_intact_trail_verifies,
    |t| async move {
        assert_eq!(record(&t.db, ACME, Action::UserBlocked).await, 1);
        assert_eq!(record(&t.db, ACME, Action::UserUnblocked).await, 2);
        assert_eq!(record(&t.db, OTHER, Action::UserBlocked).await, 1);
        assert_eq!(
            record(&t.db, AuditChain::Installation, Action::SignInFailed).await,
            1
        );
        let report = verify(&t.db).await.expect("verify");
        assert_eq!((report.chains, report.events), (3, 4));
        assert!(report.broken.is_empty(), "{:?}", report.broken);
    }
);

db_test!(
    an_event_rolled_back_with_its_change_leaves_no_trace,
    |t| async move {
        record(&t.db, ACME, Action::UserCreated).await;
        let mut tx = t.db.write().await.expect("begin");
        append(&mut tx, &event(ACME, Action::UserBlocked))
            .await
            .expect("append");
        tx.rollback().await.expect("rollback");
        assert_eq!(
            record(&t.db, ACME, Action::UserRemoved).await,
            2,
            "no gap after a rollback"
        );
        assert!(verify(&t.db).await.expect("verify").broken.is_empty());
    }
);

db_test!(
    an_edited_event_is_named_by_verify,
    breaks_the_rules_on_purpose,
    |t| async move {
        for action in [
            Action::UserCreated,
            Action::UserBlocked,
            Action::UserUnblocked,
        ] {
            record(&t.db, ACME, action).await;
        }
        record(&t.db, OTHER, Action::UserCreated).await;
        execute(&t.db, "UPDATE audit_events SET after_json = '{\"blocked\":false}' WHERE chain = 'enterprise:1' AND seq = 2").await;
        let report = verify(&t.db).await.expect("verify");
        assert_eq!(report.broken.len(), 1, "only the edited chain is broken");
        let broken = &report.broken[0];
        assert_eq!((broken.chain.as_str(), broken.seq), ("enterprise:1", 2));
        assert_eq!(broken.reason, BreakReason::ContentsChanged);
        assert!(
            broken
                .to_string()
                .starts_with("chain enterprise:1, event #2 (id "),
            "{broken}"
        );
    }
);

db_test!(
    a_deleted_event_is_named_by_verify,
    breaks_the_rules_on_purpose,
    |t| async move {
        for action in [
            Action::UserCreated,
            Action::UserBlocked,
            Action::UserUnblocked,
        ] {
            record(&t.db, ACME, action).await;
        }
        execute(
            &t.db,
            "DELETE FROM audit_events WHERE chain = 'enterprise:1' AND seq = 2",
        )
        .await;
        let report = verify(&t.db).await.expect("verify");
        assert_eq!(
            report.broken[0].reason,
            BreakReason::Missing { expected: 2 }
        );
        assert_eq!(report.broken[0].seq, 3);
    }
);

db_test!(
    deleting_the_newest_events_is_detected_too,
    breaks_the_rules_on_purpose,
    |t| async move {
        for action in [
            Action::UserCreated,
            Action::UserBlocked,
            Action::UserUnblocked,
        ] {
            record(&t.db, ACME, action).await;
        }
        execute(
            &t.db,
            "DELETE FROM audit_events WHERE chain = 'enterprise:1' AND seq = 3",
        )
        .await;
        let report = verify(&t.db).await.expect("verify");
        assert_eq!(
            report.broken[0].reason,
            BreakReason::Truncated { head_seq: 3 }
        );
    }
);

db_test!(
    a_rewritten_link_is_named_by_verify,
    breaks_the_rules_on_purpose,
    |t| async move {
        for action in [Action::UserCreated, Action::UserBlocked] {
            record(&t.db, ACME, action).await;
        }
        execute(
            &t.db,
            "UPDATE audit_events SET prev_hash = hash WHERE chain = 'enterprise:1' AND seq = 2",
        )
        .await;
        let report = verify(&t.db).await.expect("verify");
        assert_eq!(report.broken[0].reason, BreakReason::LinkBroken);
    }
);

db_test!(
    concurrent_appends_to_one_chain_stay_gap_free,
    |t| async move {
        let writers = (0..16).map(|_| {
            let db = t.db.clone();
            tokio::spawn(async move { record(&db, ACME, Action::UserBlocked).await })
        });
        let mut seqs: Vec<i64> = Vec::new();
        for writer in writers {
            seqs.push(writer.await.expect("writer"));
        }
        seqs.sort();
        assert_eq!(seqs, (1..=16).collect::<Vec<_>>());
        assert!(verify(&t.db).await.expect("verify").broken.is_empty());
    }
);
