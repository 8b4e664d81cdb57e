//! `server init --demo` (and `server demo` for more): a demo enterprise, active, with its main access manager and a few more
//! people, each with a password and an authenticator secret the operator is shown once, so that
//! someone trying the product can sign in at once. Everything goes through the ordinary
//! registration and is audited; the demo's own steps are one audited transaction.

use crate::domain::EnterpriseStatus;
use crate::domain::{
    DomainId, Email, EnterpriseId, EnterpriseNumber, GroupId, Language, Nrn, PersonId, PersonName,
};
use crate::features::admins::store as admins;
use crate::features::audit::store::{NewEvent, append};
use crate::features::audit::{Action, Actor, AuditChain};
use crate::features::auth::totp::{self, TotpSecret};
use crate::features::auth::{credentials, password};
use crate::features::ebox::{Message, store as ebox};
use crate::features::enterprises::register::{RegisterError, Registration, register};
use crate::features::enterprises::{activation_token, store as enterprises};
use crate::features::people::{NewPerson, PersonIdentity, employments, store as people};
use crate::platform::db::{Database, now_millis};
use crate::policy::OperatorPermit;
use crate::policy::{Appointee, Level, Post, Refusal, may_appoint};
use serde_json::json;
use sqlx::AnyConnection;

pub mod seed;

/// The demo enterprise's number.
pub const DEMO_NUMBER: &str = "0777777771";
/// The demo enterprise's name.
pub const DEMO_NAME: &str = "Demo Bakery NV";

/// The people of the demo: (NRN, given name, family name, language), in the order of [`ROLES`].
const PEOPLE: [(&str, &str, &str, Language); 5] = [
    ("79041212340", "Marie", "Dubois", Language::Fr),
    ("82091524622", "Jan", "Janssens", Language::Nl),
    ("88020333183", "Sofie", "Maes", Language::Nl),
    ("91072641883", "Luc", "Willems", Language::De),
    ("75011805220", "Eva", "Claes", Language::En),
];

/// The demo's groups: two in social security, one in health care.
const GROUPS: [&str; 3] = ["employer", "social_secretariat", "care_institution"];

/// What each demo person is: the main access manager, a co-main access manager, the access
/// manager of social security, the group administrator of care institution, an employee.
const ROLES: [DemoRole; 5] = [
    DemoRole::Main,
    DemoRole::Appointed(Appointment::CoMain),
    DemoRole::Appointed(Appointment::Domain("social_security")),
    DemoRole::Appointed(Appointment::Group("care_institution")),
    DemoRole::Employee,
];

#[derive(Debug, Clone, Copy)]
enum DemoRole {
    Main,
    Appointed(Appointment),
    Employee,
}

#[derive(Debug, Clone, Copy)]
enum Appointment {
    CoMain,
    Domain(&'static str),
    Group(&'static str),
}

/// Which demo to create: its number, name and people.
#[derive(Debug, Clone)]
pub struct DemoSpec {
    /// The enterprise number.
    pub number: EnterpriseNumber,
    /// The enterprise name.
    pub name: String,
    /// Five people, in the order of the roles: main access manager, co-main access manager,
    /// access manager, group administrator, employee.
    pub people: Vec<NewPerson>,
}

impl DemoSpec {
    /// The demo of `server init --demo`: Demo Bakery NV and its five people.
    pub fn bakery() -> DemoSpec {
        DemoSpec {
            number: EnterpriseNumber::parse(DEMO_NUMBER).expect("valid demo number"),
            name: DEMO_NAME.into(),
            people: PEOPLE.into_iter().map(new_person).collect(),
        }
    }

    /// Another demo enterprise `name` with the same five people under new, random national
    /// register numbers (for training and tests, beside the bakery).
    pub fn fresh(number: EnterpriseNumber, name: &str) -> DemoSpec {
        let people = PEOPLE
            .into_iter()
            .map(|(_, given, family, language)| {
                let nrn = random_nrn();
                new_person((nrn.as_str(), given, family, language))
            })
            .collect();
        DemoSpec {
            number,
            name: name.into(),
            people,
        }
    }
}

/// A valid national register number of someone born between 1950 and 1999, drawn at random.
fn random_nrn() -> Nrn {
    use rand::Rng;
    let mut rng = rand::rng();
    loop {
        let body = format!(
            "{:02}{:02}{:02}{:03}",
            rng.random_range(50..100),
            rng.random_range(1..13),
            rng.random_range(1..29),
            rng.random_range(1..998)
        );
        let value: u64 = body.parse().expect("digits");
        if let Ok(nrn) = Nrn::parse(&format!("{body}{:02}", 97 - value % 97)) {
            return nrn;
        }
    }
}

/// How one demo person signs in.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    /// Given and family name.
    pub name: String,
    /// National register number, with separators.
    pub nrn: String,
    /// Their administrator level, `None` for an employee.
    pub role: Option<Level>,
    pub password: String,
    /// The authenticator secret (base32), to type into an app.
    pub totp_secret: String,
    /// The same as an `otpauth://` address.
    pub otpauth_url: String,
}

/// The demo, as created.
#[derive(Debug, Clone)]
pub struct Demo {
    pub enterprise: EnterpriseId,
    /// Its people, main access manager first.
    pub accounts: Vec<DemoAccount>,
}

/// Why no demo was created.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// `init --demo` ran before on this database.
    #[error(
        "the demo enterprise {0} exists already; its people sign in with the credentials printed then"
    )]
    Exists(String),
    /// Registration failed.
    #[error(transparent)]
    Register(RegisterError),
    /// Hashing failed.
    #[error("could not hash a password")]
    Hash,
    /// The policy refused a demo appointment (a catalogue without the demo's groups).
    #[error("the demo appointment was refused: {0}")]
    Refused(Refusal),
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

fn new_person((nrn, given_name, family_name, language): (&str, &str, &str, Language)) -> NewPerson {
    NewPerson {
        identity: PersonIdentity::Nrn(Nrn::parse(nrn).expect("valid demo NRN")),
        given_name: PersonName::parse(given_name).expect("valid demo name"),
        family_name: PersonName::parse(family_name).expect("valid demo name"),
        email: Email::parse(&format!(
            "{}.{}@demo-bakery.example",
            given_name.to_lowercase(),
            family_name.to_lowercase()
        ))
        .expect("valid demo e-mail"),
        phone: None,
        language,
    }
}

/// Creates the demo `spec`. The catalogue must be loaded.
pub async fn create(
    db: &Database,
    permit: &OperatorPermit,
    spec: &DemoSpec,
) -> Result<Demo, DemoError> {
    let registration = Registration {
        number: spec.number,
        name: spec.name.clone(),
        groups: GROUPS.iter().map(|group| (*group).to_owned()).collect(),
        main_access_manager: spec.people[0].clone(),
        link_base: String::new(),
    };
    let registered = register(db, permit, &registration)
        .await
        .map_err(|error| match error {
            RegisterError::AlreadyRegistered(number) => DemoError::Exists(number.formatted()),
            other => DemoError::Register(other),
        })?;
    let enterprise = registered.enterprise;

    // Hash before the transaction: argon2 is slow on purpose.
    let mut prepared = Vec::with_capacity(spec.people.len());
    for (person, role) in spec.people.iter().zip(ROLES) {
        let nrn = match &person.identity {
            PersonIdentity::Nrn(nrn) => nrn.formatted(),
            PersonIdentity::Foreign(username) => username.as_str().to_owned(),
        };
        let password = password::random(20);
        let hash = password::hash(password.clone())
            .await
            .map_err(|_| DemoError::Hash)?;
        let secret = TotpSecret::generate();
        prepared.push((person, nrn, password, hash, secret, role));
    }

    let now = now_millis();
    let mut tx = db.write().await?;
    // The link printed by registration is not needed: the demo activates directly.
    activation_token::spend_all(&mut tx, enterprise, None, now).await?;
    enterprises::activate(&mut tx, enterprise, now).await?;
    let mut accounts = Vec::with_capacity(prepared.len());
    let mut linked = Vec::with_capacity(prepared.len());
    for (person, nrn, password, hash, secret, role) in prepared {
        let id: PersonId =
            people::find_or_create(&mut tx, person, people::Source::Operator).await?;
        employments::link(&mut tx, enterprise, id, person).await?;
        credentials::replace(&mut tx, id, &hash, &secret.to_base32(), None, now).await?;
        let level = match role {
            DemoRole::Main => Some(Level::MainAccessManager),
            DemoRole::Appointed(appointment) => {
                let post = post(&mut tx, appointment).await?;
                appoint_on_behalf_of_the_main_access_manager(&mut tx, enterprise, id, post).await?;
                Some(post.level())
            }
            DemoRole::Employee => None,
        };
        let name = format!("{} {}", person.given_name, person.family_name);
        linked.push(json!({ "person": format!("person:{id}"), "level": level }));
        accounts.push(DemoAccount {
            otpauth_url: totp::enrolment_url(&secret, &name).unwrap_or_default(),
            name,
            nrn,
            role: level,
            password,
            totp_secret: secret.to_base32(),
        });
    }
    append(
        &mut tx,
        &NewEvent {
            chain: AuditChain::Enterprise(enterprise),
            actor: Actor::Operator,
            action: Action::EnterpriseDemoCreated,
            target: Some(format!("enterprise:{enterprise}")),
            before: Some(json!({ "status": EnterpriseStatus::Pending.as_str() })),
            after: Some(json!({
                "status": EnterpriseStatus::Active.as_str(),
                "people": linked,
                "credentials": "password and authenticator app, set by the operator",
            })),
            client_addr: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Demo {
        enterprise,
        accounts,
    })
}

/// The post a demo appointment names, by catalogue code.
async fn post(conn: &mut AnyConnection, appointment: Appointment) -> Result<Post, sqlx::Error> {
    let id = |sql: &'static str, code: &'static str| sqlx::query_scalar::<_, i64>(sql).bind(code);
    Ok(match appointment {
        Appointment::CoMain => Post::CoMainAccessManager,
        Appointment::Domain(code) => Post::AccessManager(DomainId(
            id("SELECT id FROM domains WHERE code = $1", code)
                .fetch_one(&mut *conn)
                .await?,
        )),
        Appointment::Group(code) => Post::GroupAdministrator(GroupId(
            id("SELECT id FROM groups WHERE code = $1", code)
                .fetch_one(&mut *conn)
                .await?,
        )),
    })
}

/// Appoints `person` to `post` as the demo's main access manager may: decided by the policy, in
/// the demo's transaction (recorded in its audit event), announced in the e-Box.
async fn appoint_on_behalf_of_the_main_access_manager(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    person: PersonId,
    post: Post,
) -> Result<(), DemoError> {
    let organisation = admins::decisive(conn, enterprise)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    let mam = organisation.main_access_manager;
    let permit = may_appoint(
        &organisation,
        mam,
        Appointee {
            person,
            linked: true,
        },
        post,
    )
    .map_err(DemoError::Refused)?;
    admins::fill(conn, &permit).await?;
    ebox::deliver(
        conn,
        enterprise,
        person,
        &Message::Appointed { post, by: mam },
    )
    .await?;
    Ok(())
}
