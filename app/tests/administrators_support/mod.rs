//! What the administration tests share: the scopes of Acme, appointing, refusals, the posts
//! held. Each test file uses part of it.
#![allow(dead_code, unused_imports)]

pub use app::db_test;
pub use app::domain::PersonId;
pub use app::features::admins::appoint::appoint;
pub use app::features::admins::outcome::AdminError;
pub use app::features::admins::overview::overview;
pub use app::features::admins::revoke::revoke;
pub use app::features::admins::store;
pub use app::features::enterprises::replace_main_access_manager::replace;
pub use app::features::invariants::check;
pub use app::platform::Database;
pub use app::policy::OperatorPermit;
pub use app::policy::{Level, Post, Refusal, may_manage_users};
pub use app::testing::fixtures::{
    Acme, LINK_BASE, acme_number, acme_with_staff, domain, group, letter, person, registration,
};

/// Acme's catalogue ids.
pub struct Scopes {
    pub social: app::domain::DomainId,
    pub health: app::domain::DomainId,
    pub public: app::domain::DomainId,
    pub employer: app::domain::GroupId,
    pub secretariat: app::domain::GroupId,
    pub care: app::domain::GroupId,
    pub public_employer: app::domain::GroupId,
}

pub async fn scopes(db: &Database) -> Scopes {
    Scopes {
        social: domain(db, "social_security").await,
        health: domain(db, "health_care").await,
        public: domain(db, "public_sector").await,
        employer: group(db, "employer").await,
        secretariat: group(db, "social_secretariat").await,
        care: group(db, "care_institution").await,
        public_employer: group(db, "public_employer").await,
    }
}

pub async fn appoints(db: &Database, acme: &Acme, actor: PersonId, person: PersonId, post: Post) {
    appoint(db, &acme.acting(actor), person, post, &letter(), None)
        .await
        .unwrap_or_else(|e| panic!("{actor:?} appoints {person:?} to {post:?}: {e}"));
}

pub async fn refused_appointment(
    db: &Database,
    acme: &Acme,
    actor: PersonId,
    person: PersonId,
    post: Post,
) -> Refusal {
    match appoint(db, &acme.acting(actor), person, post, &letter(), None).await {
        Err(AdminError::Refused(refusal)) => refusal,
        other => panic!("{actor:?} appointing {person:?} to {post:?} was not refused: {other:?}"),
    }
}

pub async fn refused_revocation(
    db: &Database,
    acme: &Acme,
    actor: PersonId,
    holder: PersonId,
    post: Post,
) -> Refusal {
    match revoke(db, &acme.acting(actor), holder, post, None).await {
        Err(AdminError::Refused(refusal)) => refusal,
        other => panic!("{actor:?} revoking {holder:?}'s {post:?} was not refused: {other:?}"),
    }
}

/// Every post held, as stored.
pub async fn posts(db: &Database, acme: &Acme) -> Vec<(PersonId, Post)> {
    let mut conn = db.pool().acquire().await.expect("connection");
    let organisation = store::organisation(&mut conn, acme.enterprise)
        .await
        .expect("read")
        .expect("Acme exists")
        .organisation;
    organisation
        .holdings()
        .map(|holding| (holding.person, holding.post))
        .collect()
}

pub async fn count(db: &Database, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(db.pool())
        .await
        .expect("count")
}
