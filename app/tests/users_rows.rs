//! A user's row carries their names and a summary of their access (`users/access.rs`), which the
//! lists and the user page read instead of the memberships and grants: it says what those say
//! after every change. On both backends, through the use cases the endpoints call; every test
//! ends with the invariant check, whose rule `user_rows_agree` compares the two.

mod users_support;

use app::features::users::store::named_state;
use users_support::*;

/// The user as their row tells it, beside the memberships and grants.
async fn both(
    db: &Database,
    w: &World,
    person: PersonId,
) -> (Option<UserState>, Option<UserState>) {
    let mut conn = db.pool().acquire().await.expect("connection");
    let row = named_state(&mut conn, w.acme.enterprise, person)
        .await
        .expect("row")
        .map(|user| user.state);
    (row, w.state(db, person).await)
}

db_test!(
    a_users_row_says_what_their_memberships_and_grants_say_after_every_change,
    |t| async move {
        let db = &t.db;
        let w = world(db).await;
        let anna = w.acme.acting(w.acme.anna);
        let carla = w
            .add(db, w.acme.anna, 1, w.employer, &[w.dimona, w.dmfa])
            .await
            .expect("create");
        let agree = |(row, record): (Option<UserState>, Option<UserState>), step: &str| {
            assert_eq!(row, record, "after {step}");
        };
        agree(both(db, &w, carla).await, "create");
        w.add(db, w.acme.anna, 1, w.care, &[w.ehealthbox])
            .await
            .expect("second group");
        agree(both(db, &w, carla).await, "a second group");
        let version = w.version(db, carla).await;
        set_blocked(db, &anna, carla, Reach::Group(w.care), true, version, None)
            .await
            .expect("block");
        let (row, _) = both(db, &w, carla).await;
        let row = row.expect("a user");
        assert!(row.membership(w.care).expect("care").blocked);
        assert!(!row.membership(w.employer).expect("employer").blocked);
        agree(both(db, &w, carla).await, "a block");
        let version = w.version(db, carla).await;
        set_services(db, &anna, carla, w.employer, &[], version, None)
            .await
            .expect("withdraw all");
        agree(both(db, &w, carla).await, "withdrawing every service");
        let version = w.version(db, carla).await;
        set_services(db, &anna, carla, w.employer, &[w.dmfa], version, None)
            .await
            .expect("grant");
        agree(both(db, &w, carla).await, "a grant");
        let version = w.version(db, carla).await;
        remove(db, &anna, carla, w.care, version, None)
            .await
            .expect("remove from care");
        agree(both(db, &w, carla).await, "a removal");
        let version = w.version(db, carla).await;
        remove(db, &anna, carla, w.employer, version, None)
            .await
            .expect("remove from the last group");
        assert_eq!(both(db, &w, carla).await, (None, None), "no user any more");
    }
);

db_test!(
    the_invariant_check_reports_a_users_row_that_disagrees_with_their_memberships,
    breaks_the_rules_on_purpose,
    |t| async move {
        let db = &t.db;
        let w = world(db).await;
        let carla = w
            .add(db, w.acme.anna, 1, w.employer, &[w.dimona])
            .await
            .expect("create");
        sqlx::query("UPDATE enterprise_users SET access = '' WHERE person_id = $1")
            .bind(carla.0)
            .execute(db.pool())
            .await
            .expect("break the rule by hand");
        let violations = app::features::invariants::check(db).await.expect("check");
        assert_eq!(violations.len(), 1, "{violations:?}");
        assert_eq!(violations[0].rule, "user_rows_agree");
    }
);
