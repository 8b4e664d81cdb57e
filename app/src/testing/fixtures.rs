//! Test data shared by the crate's and the server's tests: the shipped catalogue, and the
//! enterprise "Acme NV" (0403.019.261) with Anna Peeters as main access manager.

use crate::domain::{
    DomainId, Email, EnterpriseId, EnterpriseNumber, GroupId, Language, Nrn, PersonId, PersonName,
    ServiceId,
};
use crate::features::auth::acting::Acting;
use crate::features::auth::sign_in::{Credentials, SignedIn, sign_in};
use crate::features::auth::totp::{TotpSecret, code_at};
use crate::features::catalog::{file::Catalog, store as catalog};
use crate::features::demo::{self, Demo, DemoSpec};
use crate::features::enterprises::activate::{Attempt, complete, open};
use crate::features::enterprises::register::{Registered, Registration, register};
use crate::features::people::{NewPerson, PersonIdentity, employments, store as people};
use crate::platform::Database;
use crate::platform::db::now_millis;
use crate::policy::{OperatorPermit, SystemPermit};
use std::path::Path;

/// Anna's national register number (born 30 July 1985).
pub const ANNA_NRN: &str = "85073003328";
/// Where activation links start in tests.
pub const LINK_BASE: &str = "http://127.0.0.1:3000";
/// A password that meets the policy.
pub const GOOD_PASSWORD: &str = "violet-tractor-Quantum-7-harbour";

/// The shipped catalogue and the demo enterprise of `server init --demo`, made as the operator
/// makes it.
pub async fn bakery_demo(db: &Database) -> Demo {
    load_catalogue(db).await;
    demo::create(
        db,
        &OperatorPermit::at_the_command_line(),
        &DemoSpec::bakery(),
    )
    .await
    .expect("the demo")
}

/// Loads `server/catalog/default.toml` into `db`.
pub async fn load_catalogue(db: &Database) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../server/catalog/default.toml");
    catalog::apply(
        db,
        &SystemPermit::for_system_work(),
        &Catalog::load(&file).expect("the shipped catalogue"),
    )
    .await
    .expect("apply the catalogue");
}

/// A person with a national register number, e-mail at acme.be.
pub fn person(nrn: &str, given_name: &str, family_name: &str) -> NewPerson {
    NewPerson {
        identity: PersonIdentity::Nrn(Nrn::parse(nrn).expect("valid test NRN")),
        given_name: PersonName::parse(given_name).expect("valid test name"),
        family_name: PersonName::parse(family_name).expect("valid test name"),
        email: Email::parse(&format!("{}@acme.be", given_name.to_lowercase()))
            .expect("valid test e-mail"),
        phone: None,
        language: Language::Nl,
    }
}

/// Anna Peeters, Acme's main access manager.
pub fn anna() -> NewPerson {
    person(ANNA_NRN, "Anna", "Peeters")
}

/// Acme's number.
pub fn acme_number() -> EnterpriseNumber {
    EnterpriseNumber::parse("0403019261").expect("valid test enterprise number")
}

/// The registration of an employer `name` (number `number`, checked) with `mam` as main
/// access manager.
pub fn registration(number: &str, name: &str, mam: NewPerson) -> Registration {
    Registration {
        number: EnterpriseNumber::parse(number).expect("valid test enterprise number"),
        name: name.into(),
        groups: vec!["employer".into()],
        main_access_manager: mam,
        link_base: LINK_BASE.into(),
    }
}

/// The registration of Acme NV holding `groups`, with Anna as main access manager.
pub fn acme(groups: &[&str]) -> Registration {
    Registration {
        groups: groups.iter().map(|g| (*g).to_owned()).collect(),
        ..registration(acme_number().as_str(), "Acme NV", anna())
    }
}

/// Loads the catalogue and registers Acme as an employer.
pub async fn register_acme(db: &Database) -> Registered {
    load_catalogue(db).await;
    register(
        db,
        &OperatorPermit::at_the_command_line(),
        &acme(&["employer"]),
    )
    .await
    .expect("register Acme")
}

/// The clock in whole seconds, as authenticator apps read it.
pub fn unix_now() -> u64 {
    u64::try_from(now_millis() / 1000).expect("clock")
}

/// Registers and activates Acme; returns Anna's authenticator secret.
pub async fn activate_acme(db: &Database) -> TotpSecret {
    let token = register_acme(db).await.activation.expose().to_owned();
    activate(db, &token).await
}

/// Activates through the link `token` with an app whose secret it returns.
pub async fn activate(db: &Database, token: &str) -> TotpSecret {
    let view = open(db, token, None).await.expect("open");
    let secret = TotpSecret::from_base32(&view.totp_secret).expect("secret");
    let code = code_at(&secret, unix_now()).expect("code");
    complete(db, token, Attempt::new(GOOD_PASSWORD, &code), None)
        .await
        .expect("activate");
    secret
}

/// A code the app shows one step later: still accepted, and newer than the activation's.
pub fn next_code(secret: &TotpSecret) -> String {
    code_at(secret, unix_now() + 30).expect("code")
}

/// Anna signs in with the right password and `code`.
pub async fn sign_in_anna(db: &Database, code: &str) -> SignedIn {
    let credentials = Credentials {
        identifier: ANNA_NRN,
        password: GOOD_PASSWORD,
        code,
    };
    sign_in(db, credentials, None).await.expect("sign in")
}

/// People who work at Acme besides Anna, by name: (NRN, given name, family name).
pub const STAFF: [(&str, &str, &str); 5] = [
    ("79041212340", "Bert", "Aerts"),
    ("82091524622", "Carla", "Bosmans"),
    ("88020333183", "Dirk", "Claes"),
    ("91072641883", "Els", "Dierckx"),
    ("75011805220", "Filip", "Evers"),
];

/// Acme, active, holding employer and social secretariat (domain social security) and care
/// institution (domain health care); public sector is not active. Anna is its main access
/// manager; `staff` are linked to it in the order of [`STAFF`].
#[derive(Debug, Clone)]
pub struct Acme {
    pub enterprise: EnterpriseId,
    pub anna: PersonId,
    /// The other linked people.
    pub staff: Vec<PersonId>,
}

impl Acme {
    /// `person` acting for Acme (roles are read again by every use case).
    pub fn acting(&self, person: PersonId) -> Acting {
        Acting {
            person,
            enterprise: self.enterprise,
            roles: crate::policy::Roles::default(),
        }
    }
}

/// Registers and activates Acme with three groups in two domains and links [`STAFF`].
pub async fn acme_with_staff(db: &Database) -> Acme {
    load_catalogue(db).await;
    let registered = register(
        db,
        &OperatorPermit::at_the_command_line(),
        &acme(&["employer", "social_secretariat", "care_institution"]),
    )
    .await
    .expect("register Acme");
    activate(db, registered.activation.expose()).await;
    let mut staff = Vec::new();
    for (nrn, given, family) in STAFF {
        staff.push(link(db, registered.enterprise, &person(nrn, given, family)).await);
    }
    Acme {
        enterprise: registered.enterprise,
        anna: registered.main_access_manager,
        staff,
    }
}

/// Links `person` to `enterprise` (recording them if new).
pub async fn link(db: &Database, enterprise: EnterpriseId, person: &NewPerson) -> PersonId {
    let mut tx = db.write().await.expect("begin");
    let id = people::find_or_create(&mut tx, person, people::Source::Operator)
        .await
        .expect("record the person");
    employments::link(&mut tx, enterprise, id, person)
        .await
        .expect("link");
    tx.commit().await.expect("commit");
    id
}

/// The id of the catalogue's domain `code`.
pub async fn domain(db: &Database, code: &str) -> DomainId {
    DomainId(
        sqlx::query_scalar("SELECT id FROM domains WHERE code = $1")
            .bind(code)
            .fetch_one(db.pool())
            .await
            .expect("a domain of the catalogue"),
    )
}

/// The id of the catalogue's group `code`.
pub async fn group(db: &Database, code: &str) -> GroupId {
    GroupId(
        sqlx::query_scalar("SELECT id FROM groups WHERE code = $1")
            .bind(code)
            .fetch_one(db.pool())
            .await
            .expect("a group of the catalogue"),
    )
}

/// The id of the catalogue's online service `code`.
pub async fn service(db: &Database, code: &str) -> ServiceId {
    ServiceId(
        sqlx::query_scalar("SELECT id FROM online_services WHERE code = $1")
            .bind(code)
            .fetch_one(db.pool())
            .await
            .expect("a service of the catalogue"),
    )
}

/// What the tests' invitation e-mails are written with: links under [`LINK_BASE`], no identity
/// providers.
pub fn letter() -> crate::features::invitations::letter::Letter {
    crate::features::invitations::letter::Letter {
        link_base: LINK_BASE.into(),
        providers: Vec::new(),
    }
}
