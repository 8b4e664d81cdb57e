//! Random sequences of appointments and revocations by random actors of Acme, through the real
//! use cases on the real databases: each outcome must be the policy's decision on the state
//! before the step, the stored state must be exactly the permitted change, and the invariant
//! check must pass after every step. (The pure policy gets 10,000 random enterprises in
//! `policy_properties.rs`; these cases are slower, so fewer: `DELEGATION_CASES`, default 24.)

use app::domain::PersonId;
use app::features::admins::appoint::appoint;
use app::features::admins::outcome::AdminError;
use app::features::admins::revoke::revoke;
use app::features::admins::store;
use app::features::invariants::assert_consistent;
use app::platform::Database;
use app::policy::{Appointee, Holding, Organisation, Post, may_appoint, may_revoke};
use app::testing::TestDb;
use app::testing::fixtures::{Acme, acme_with_staff, letter};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

#[derive(Debug, Clone, Copy)]
struct Step {
    revoke: bool,
    actor: usize,
    person: usize,
    post: (u8, usize),
}

fn step() -> impl Strategy<Value = Step> {
    (
        prop::bool::weighted(0.3),
        0usize..6,
        0usize..7,
        (0u8..4, 0usize..6),
    )
        .prop_map(|(revoke, actor, person, post)| Step {
            revoke,
            actor,
            person,
            post,
        })
}

struct Catalogue {
    domains: Vec<app::domain::DomainId>,
    groups: Vec<app::domain::GroupId>,
}

async fn catalogue(db: &Database) -> Catalogue {
    let domains: Vec<i64> = sqlx::query_scalar("SELECT id FROM domains ORDER BY id")
        .fetch_all(db.pool())
        .await
        .expect("domains");
    let groups: Vec<i64> = sqlx::query_scalar("SELECT id FROM groups ORDER BY id")
        .fetch_all(db.pool())
        .await
        .expect("groups");
    Catalogue {
        domains: domains.into_iter().map(app::domain::DomainId).collect(),
        groups: groups.into_iter().map(app::domain::GroupId).collect(),
    }
}

async fn organisation(db: &Database, acme: &Acme) -> Organisation {
    let mut conn = db.pool().acquire().await.expect("connection");
    store::organisation(&mut conn, acme.enterprise)
        .await
        .expect("read")
        .expect("Acme")
        .organisation
}

/// Posts as a comparable set (the order of rows is not part of the rules).
fn held(organisation: &Organisation) -> Vec<(PersonId, Post, Option<PersonId>)> {
    let mut held: Vec<_> = organisation
        .appointments
        .iter()
        .map(|h| (h.person, h.post, h.appointed_by))
        .collect();
    held.sort();
    held
}

async fn run_case(db: &Database, acme: &Acme, catalogue: &Catalogue, steps: &[Step]) {
    sqlx::query("DELETE FROM administrators")
        .execute(db.pool())
        .await
        .expect("start from no appointments");
    // Index 6 is someone not linked to Acme (and unknown).
    let people: Vec<PersonId> = std::iter::once(acme.anna)
        .chain(acme.staff.iter().copied())
        .chain(std::iter::once(PersonId(999_999)))
        .collect();
    for step in steps {
        let actor = people[step.actor];
        let person = people[step.person];
        let post = match step.post {
            (0, _) => Post::MainAccessManager,
            (1, _) => Post::CoMainAccessManager,
            (2, i) => Post::AccessManager(catalogue.domains[i % catalogue.domains.len()]),
            (_, i) => Post::GroupAdministrator(catalogue.groups[i % catalogue.groups.len()]),
        };
        let before = organisation(db, acme).await;
        let mut expected = before.clone();
        if step.revoke {
            let decision = may_revoke(&before, actor, person, post);
            let outcome = revoke(db, &acme.acting(actor), person, post, None).await;
            match (&decision, &outcome) {
                (Ok(permit), Ok(())) => expected
                    .appointments
                    .retain(|h| !(h.person == permit.holder() && h.post == permit.post())),
                (Err(refusal), Err(AdminError::Refused(refused))) => {
                    assert_eq!(refusal, refused)
                }
                _ => panic!("revoke {step:?}: policy {decision:?}, use case {outcome:?}"),
            }
        } else {
            let linked = person != PersonId(999_999);
            let decision = may_appoint(&before, actor, Appointee { person, linked }, post);
            let outcome = appoint(db, &acme.acting(actor), person, post, &letter(), None).await;
            match (&decision, &outcome) {
                (Ok(permit), Ok(())) => {
                    expected.appointments.retain(|h| {
                        !(h.person == permit.appointee() && permit.replaces().contains(&h.post))
                    });
                    expected.appointments.push(Holding {
                        person,
                        post,
                        appointed_by: Some(actor),
                    });
                }
                (Err(refusal), Err(AdminError::Refused(refused))) => {
                    assert_eq!(refusal, refused)
                }
                _ => panic!("appoint {step:?}: policy {decision:?}, use case {outcome:?}"),
            }
        }
        let after = organisation(db, acme).await;
        assert_eq!(held(&after), held(&expected), "stored state after {step:?}");
        assert_consistent(db).await;
    }
}

fn cases() -> u32 {
    std::env::var("DELEGATION_CASES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(24)
}

fn run_on(test_db: impl std::future::Future<Output = Option<TestDb>>) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let Some(test_db) = runtime.block_on(test_db) else {
        return;
    };
    let db = &test_db.db;
    let (acme, catalogue) = runtime.block_on(async {
        let acme = acme_with_staff(db).await;
        let catalogue = catalogue(db).await;
        (acme, catalogue)
    });
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&proptest::collection::vec(step(), 1..25), |steps| {
            runtime.block_on(run_case(db, &acme, &catalogue, &steps));
            Ok(())
        })
        .expect("every random sequence keeps the rules");
}

#[test]
fn random_delegation_sequences_keep_the_rules_on_sqlite() {
    run_on(async { Some(TestDb::sqlite().await) });
}

#[test]
fn random_delegation_sequences_keep_the_rules_on_postgres() {
    run_on(TestDb::postgres());
}
