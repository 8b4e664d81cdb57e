//! What the user-management tests share: Acme with its catalogue ids, and readers of the
//! e-Box, the audit trail and the sessions. Each test file uses part of it.
#![allow(dead_code, unused_imports)]

pub use app::AppError;
pub use app::db_test;
pub use app::domain::{EnterpriseNumber, GroupId, Nrn, PersonId, ServiceId};
pub use app::features::admins::appoint::appoint;
pub use app::features::auth::session;
pub use app::features::demo::seed::{SeedSpec, Seeded, seed};
pub use app::features::ebox::Message;
pub use app::features::users::change::{remove, set_blocked, set_services};
pub use app::features::users::create::{NewUser, create, lookup};
pub use app::features::users::detail::{detail, my_access};
pub use app::features::users::list::{group as managed_group, groups, list};
pub use app::features::users::store::{UserState, state};
pub use app::features::users::{GroupQuery, LinkDetails, Lookup, Reach, StatusFilter, UserQuery};
pub use app::platform::Database;
pub use app::platform::db::now_millis;
pub use app::policy::{OperatorPermit, SystemPermit};
pub use app::policy::{Post, Refusal};
pub use app::testing::fixtures::load_catalogue;
pub use app::testing::fixtures::{
    Acme, STAFF, acme_with_staff, domain, group, letter, link, person, service,
};

/// Acme with its catalogue ids.
pub struct World {
    pub acme: Acme,
    pub employer: GroupId,
    pub secretariat: GroupId,
    pub care: GroupId,
    pub dimona: ServiceId,
    pub dmfa: ServiceId,
    pub ehealthbox: ServiceId,
    pub contactdata: ServiceId,
    pub chaman: ServiceId,
}

pub async fn world(db: &Database) -> World {
    World {
        acme: acme_with_staff(db).await,
        employer: group(db, "employer").await,
        secretariat: group(db, "social_secretariat").await,
        care: group(db, "care_institution").await,
        dimona: service(db, "dimona").await,
        dmfa: service(db, "dmfa").await,
        ehealthbox: service(db, "ehealthbox").await,
        contactdata: service(db, "contactdata").await,
        chaman: service(db, "chaman").await,
    }
}

impl World {
    pub fn staff(&self, index: usize) -> PersonId {
        self.acme.staff[index]
    }

    /// `actor` adds the linked staff member `index` to `group` with `services`.
    pub async fn add(
        &self,
        db: &Database,
        actor: PersonId,
        index: usize,
        group: GroupId,
        services: &[ServiceId],
    ) -> Result<PersonId, AppError> {
        let new = NewUser {
            group,
            nrn: STAFF[index].0.to_owned(),
            services: services.to_vec(),
            link: None,
        };
        create(db, &self.acme.acting(actor), &new, &letter(), None).await
    }

    pub async fn state(&self, db: &Database, person: PersonId) -> Option<UserState> {
        let mut conn = db.pool().acquire().await.expect("connection");
        state(&mut conn, self.acme.enterprise, person)
            .await
            .expect("read")
    }

    pub async fn version(&self, db: &Database, person: PersonId) -> i64 {
        self.state(db, person).await.expect("a user").version
    }

    pub async fn appoint(&self, db: &Database, person: PersonId, post: Post) {
        appoint(
            db,
            &self.acme.acting(self.acme.anna),
            person,
            post,
            &letter(),
            None,
        )
        .await
        .expect("appoint");
    }

    /// Appoints Bert access manager of social security (employer, social secretariat) and Filip
    /// group administrator of care institution; returns them.
    pub async fn delegate(&self, db: &Database) -> (PersonId, PersonId) {
        let (bert, filip) = (self.staff(0), self.staff(4));
        let social = domain(db, "social_security").await;
        self.appoint(db, bert, Post::AccessManager(social)).await;
        self.appoint(db, filip, Post::GroupAdministrator(self.care))
            .await;
        (bert, filip)
    }
}

pub fn refusal(result: Result<impl std::fmt::Debug, AppError>) -> Refusal {
    match result {
        Err(AppError::Refused { reason }) => reason,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The e-Box messages of `person`, oldest first.
pub async fn ebox(db: &Database, person: PersonId) -> Vec<Message> {
    let params: Vec<String> = sqlx::query_scalar(
        "SELECT params_json FROM ebox_messages WHERE person_id = $1 ORDER BY id",
    )
    .bind(person.0)
    .fetch_all(db.pool())
    .await
    .expect("read e-Box");
    params
        .iter()
        .map(|p| serde_json::from_str(p).expect("a message"))
        .collect()
}

/// The audit actions about `person`, oldest first, with before and after.
pub async fn audited(
    db: &Database,
    person: PersonId,
) -> Vec<(String, Option<String>, Option<String>)> {
    sqlx::query_as(
        "SELECT action, before_json, after_json FROM audit_events WHERE target = $1 ORDER BY id",
    )
    .bind(format!("person:{person}"))
    .fetch_all(db.pool())
    .await
    .expect("read audit")
}

/// A generated enterprise of `users` users in `groups` generated groups (and the demo's).
pub async fn seeded(db: &Database, users: u64, groups: u64) -> Seeded {
    load_catalogue(db).await;
    let spec = SeedSpec {
        number: EnterpriseNumber::parse("0431150350").unwrap(),
        name: "Large NV".into(),
        users,
        groups,
    };
    seed(db, &OperatorPermit::at_the_command_line(), &spec)
        .await
        .expect("seed")
}

pub async fn live_sessions(db: &Database, person: PersonId) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE person_id = $1 AND ended_at IS NULL")
        .bind(person.0)
        .fetch_one(db.pool())
        .await
        .expect("count sessions")
}
