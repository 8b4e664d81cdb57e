//! The enterprise a signed-in person acts for: chosen at sign-in when there is only one,
//! chosen and switched without signing out when there are several, never one the person is not
//! linked to. On both backends; every test ends with the invariant check.

use app::db_test;
use app::domain::EnterpriseId;
use app::domain::EnterpriseStatus;
use app::features::auth::act_for::{ActForError, act_for};
use app::features::auth::me;
use app::features::auth::session::{Lifetimes, Session, SessionToken, resume};
use app::features::auth::sign_in::sign_out;
use app::features::enterprises::register::register;
use app::features::people::NewPerson;
use app::platform::Database;
use app::platform::db::now_millis;
use app::policy::OperatorPermit;
use app::testing::fixtures::{activate_acme, anna, next_code, person, registration, sign_in_anna};

async fn live(db: &Database, token: &SessionToken) -> Session {
    resume(db, token, now_millis(), Lifetimes::default())
        .await
        .expect("resume")
        .expect("a live session")
}

/// Registers another enterprise (pending) whose main access manager is `mam`.
async fn register_other(db: &Database, number: &str, name: &str, mam: NewPerson) -> EnterpriseId {
    register(
        db,
        &OperatorPermit::at_the_command_line(),
        &registration(number, name, mam),
    )
    .await
    .expect("register")
    .enterprise
}

async fn events(db: &Database, action: &str) -> Vec<(String, String)> {
    sqlx::query_as("SELECT chain, target FROM audit_events WHERE action = $1 ORDER BY id")
        .bind(action)
        .fetch_all(db.pool())
        .await
        .expect("events")
}

db_test!(
    a_person_linked_to_one_enterprise_acts_for_it_from_sign_in,
    |t| async move {
        let secret = activate_acme(&t.db).await;
        let signed_in = sign_in_anna(&t.db, &next_code(&secret)).await;
        assert!(!signed_in.must_choose_enterprise);
        let session = live(&t.db, &signed_in.token).await;
        let me = me::load(&t.db, &session).await.expect("me").expect("Anna");
        assert_eq!(me.name, "Anna Peeters");
        let acme = me.acting().expect("acts for Acme");
        assert_eq!(acme.name, "Acme NV");
        assert_eq!(acme.number, "0403.019.261");
        assert_eq!(acme.status, EnterpriseStatus::Active);
        assert_eq!(acme.level, Some(app::policy::Level::MainAccessManager));
        assert!(!me.can_switch());
    }
);

db_test!(
    a_person_linked_to_several_enterprises_chooses_and_switches_without_signing_out,
    |t| async move {
        let secret = activate_acme(&t.db).await;
        let globex = register_other(&t.db, "0431150350", "Globex BV", anna()).await;
        let signed_in = sign_in_anna(&t.db, &next_code(&secret)).await;
        assert!(signed_in.must_choose_enterprise);
        let session = live(&t.db, &signed_in.token).await;
        assert_eq!(session.enterprise, None, "nobody chose yet");
        let me = me::load(&t.db, &session).await.expect("me").expect("Anna");
        let names: Vec<_> = me.enterprises.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Acme NV", "Globex BV"]);
        assert_eq!(me.enterprises[1].status, EnterpriseStatus::Pending);

        act_for(&t.db, &session, globex, Some("192.0.2.1"))
            .await
            .expect("choose Globex");
        let session = live(&t.db, &signed_in.token).await;
        assert_eq!(session.enterprise, Some(globex));
        let acme = me.enterprises[0].id;
        act_for(&t.db, &session, acme, None)
            .await
            .expect("switch to Acme");
        let session = live(&t.db, &signed_in.token).await;
        assert_eq!(
            session.enterprise,
            Some(acme),
            "same session, other enterprise"
        );
        let me = me::load(&t.db, &session).await.expect("me").expect("Anna");
        assert_eq!(me.acting().map(|e| e.id), Some(acme));

        let chosen = events(&t.db, "session.acting_for").await;
        assert_eq!(
            chosen,
            [
                (
                    format!("enterprise:{globex}"),
                    format!("enterprise:{globex}")
                ),
                (format!("enterprise:{acme}"), format!("enterprise:{acme}")),
            ],
            "each choice is audited on the chosen enterprise's trail"
        );
    }
);

db_test!(
    acting_for_an_enterprise_the_person_is_not_linked_to_is_refused_and_audited,
    |t| async move {
        let secret = activate_acme(&t.db).await;
        let other = register_other(
            &t.db,
            "0876543270",
            "Initech NV",
            person("17073003384", "Bert", "Claes"),
        )
        .await;
        let signed_in = sign_in_anna(&t.db, &next_code(&secret)).await;
        let session = live(&t.db, &signed_in.token).await;
        let before = session.enterprise;
        let refused = act_for(&t.db, &session, other, Some("192.0.2.1")).await;
        assert!(
            matches!(refused, Err(ActForError::NotLinked)),
            "{refused:?}"
        );
        let refused = act_for(&t.db, &session, EnterpriseId(999_999), None).await;
        assert!(
            matches!(refused, Err(ActForError::NotLinked)),
            "{refused:?}"
        );
        assert_eq!(live(&t.db, &signed_in.token).await.enterprise, before);
        let refusals = events(&t.db, "session.acting_for_refused").await;
        assert_eq!(refusals.len(), 2);
        assert_eq!(
            refusals[0],
            ("installation".into(), format!("enterprise:{other}"))
        );
    }
);

db_test!(a_signed_out_session_cannot_choose, |t| async move {
    let secret = activate_acme(&t.db).await;
    let signed_in = sign_in_anna(&t.db, &next_code(&secret)).await;
    let session = live(&t.db, &signed_in.token).await;
    sign_out(&t.db, &signed_in.token, None)
        .await
        .expect("sign out");
    let acme = session.enterprise.expect("acts for Acme");
    let refused = act_for(&t.db, &session, acme, None).await;
    assert!(
        matches!(refused, Err(ActForError::SessionEnded)),
        "{refused:?}"
    );
});
