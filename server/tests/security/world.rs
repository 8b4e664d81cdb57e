//! The people the probes use: Acme (Anna main access manager, staff Bert … Filip, Carla group
//! administrator of employer) and Beta (Olaf main access manager, linked to Beta only).

use app::domain::{EnterpriseId, GroupId, PersonId};
use app::features::admins::appoint::appoint;
use app::features::auth::session;
use app::features::auth::totp::TotpSecret;
use app::features::enterprises::register::register;
use app::platform::Database;
use app::platform::db::now_millis;
use app::policy::OperatorPermit;
use app::policy::Post;
use app::testing::fixtures::{Acme, acme_with_staff, activate, group, person, registration};

/// Olaf's national register number.
pub const OLAF_NRN: &str = "17073003384";

/// Acme and Beta, both active.
pub struct World {
    pub acme: Acme,
    pub beta: EnterpriseId,
    pub olaf: PersonId,
    pub olaf_secret: TotpSecret,
    pub employer: GroupId,
    pub care: GroupId,
}

impl World {
    pub fn carla(&self) -> PersonId {
        self.acme.staff[1]
    }

    pub fn dirk(&self) -> PersonId {
        self.acme.staff[2]
    }
}

/// Builds the world on `db`.
pub async fn world(db: &Database) -> World {
    let acme = acme_with_staff(db).await;
    let employer = group(db, "employer").await;
    let care = group(db, "care_institution").await;
    appoint(
        db,
        &acme.acting(acme.anna),
        acme.staff[1],
        Post::GroupAdministrator(employer),
        &app::testing::fixtures::letter(),
        None,
    )
    .await
    .expect("Carla administers the employer group");
    let registered = register(
        db,
        &OperatorPermit::at_the_command_line(),
        &registration("0431150350", "Beta BV", person(OLAF_NRN, "Olaf", "Olsen")),
    )
    .await
    .expect("register Beta");
    let olaf_secret = activate(db, registered.activation.expose()).await;
    World {
        acme,
        beta: registered.enterprise,
        olaf: registered.main_access_manager,
        olaf_secret,
        employer,
        care,
    }
}

/// A signed-in session of `person` acting for `enterprise` (as after sign-in and choosing it);
/// returns the cookie (`session=…`).
pub async fn session_for(db: &Database, person: PersonId, enterprise: EnterpriseId) -> String {
    let mut tx = db.write().await.expect("begin");
    let token = session::start(&mut tx, person, now_millis(), None)
        .await
        .expect("session");
    session::act_for(&mut tx, &token, enterprise)
        .await
        .expect("act for");
    tx.commit().await.expect("commit");
    format!("session={}", token.expose())
}
