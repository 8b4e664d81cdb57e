//! `server init --demo`: a demo enterprise, active, with its main access manager and a few more
//! people, each with a password and an authenticator secret the operator is shown once, so that
//! someone trying the product can sign in at once. Everything goes through the ordinary
//! registration and is audited; the demo's own steps are one audited transaction.

use crate::domain::{Email, EnterpriseId, EnterpriseNumber, Language, Nrn, PersonId};
use crate::features::audit::store::{NewEvent, append};
use crate::features::audit::{Actor, AuditChain};
use crate::features::auth::totp::{self, TotpSecret};
use crate::features::auth::{credentials, password};
use crate::features::enterprises::EnterpriseStatus;
use crate::features::enterprises::register::{RegisterError, Registration, register};
use crate::features::people::{NewPerson, PersonIdentity, store as people};
use crate::platform::db::{Database, now_millis};
use serde_json::json;

/// The demo enterprise's number.
pub const DEMO_NUMBER: &str = "0777777771";
/// The demo enterprise's name.
pub const DEMO_NAME: &str = "Demo Bakery NV";

/// The people of the demo: (NRN, given name, family name, language). The first is the main
/// access manager.
const PEOPLE: [(&str, &str, &str, Language); 5] = [
    ("79041212340", "Marie", "Dubois", Language::Fr),
    ("82091524622", "Jan", "Janssens", Language::Nl),
    ("88020333183", "Sofie", "Maes", Language::Nl),
    ("91072641883", "Luc", "Willems", Language::De),
    ("75011805220", "Eva", "Claes", Language::En),
];

/// How one demo person signs in.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    /// Given and family name.
    pub name: String,
    /// National register number, with separators.
    pub nrn: String,
    /// Their place in the enterprise.
    pub role: &'static str,
    /// The password.
    pub password: String,
    /// The authenticator secret (base32), to type into an app.
    pub totp_secret: String,
    /// The same as an `otpauth://` address.
    pub otpauth_url: String,
}

/// The demo, as created.
#[derive(Debug, Clone)]
pub struct Demo {
    /// The enterprise.
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
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

fn new_person((nrn, given_name, family_name, language): (&str, &str, &str, Language)) -> NewPerson {
    NewPerson {
        identity: PersonIdentity::Nrn(Nrn::parse(nrn).expect("valid demo NRN")),
        given_name: given_name.into(),
        family_name: family_name.into(),
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

/// Creates the demo. The catalogue must be loaded.
pub async fn create(db: &Database) -> Result<Demo, DemoError> {
    let number = EnterpriseNumber::parse(DEMO_NUMBER).expect("valid demo number");
    let registration = Registration {
        number,
        name: DEMO_NAME.into(),
        groups: vec!["employer".into(), "social_secretariat".into()],
        main_access_manager: new_person(PEOPLE[0]),
        link_base: String::new(),
    };
    let registered = register(db, &registration)
        .await
        .map_err(|error| match error {
            RegisterError::AlreadyRegistered(number) => DemoError::Exists(number.formatted()),
            other => DemoError::Register(other),
        })?;
    let enterprise = registered.enterprise;

    // Hash before the transaction: argon2 is slow on purpose.
    let mut prepared = Vec::with_capacity(PEOPLE.len());
    for (index, entry) in PEOPLE.into_iter().enumerate() {
        let nrn = Nrn::parse(entry.0).expect("valid demo NRN").formatted();
        let person = new_person(entry);
        let password = password::random(20);
        let hash = password::hash(password.clone())
            .await
            .map_err(|_| DemoError::Hash)?;
        let secret = TotpSecret::generate();
        let role = if index == 0 {
            "main access manager"
        } else {
            "employee"
        };
        prepared.push((person, nrn, password, hash, secret, role));
    }

    let now = now_millis();
    let mut tx = db.write().await?;
    // The link printed by registration is not needed: the demo activates directly.
    sqlx::query(
        "UPDATE activation_tokens SET used_at = $1 WHERE enterprise_id = $2 AND used_at IS NULL",
    )
    .bind(now)
    .bind(enterprise.0)
    .execute(&mut *tx)
    .await?;
    let mut accounts = Vec::with_capacity(prepared.len());
    let mut linked = Vec::with_capacity(prepared.len());
    for (person, nrn, password, hash, secret, role) in prepared {
        let id: PersonId = people::find_or_create(&mut tx, &person).await?;
        sqlx::query("INSERT INTO employments (enterprise_id, person_id, since) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(enterprise.0)
            .bind(id.0)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        credentials::replace(&mut tx, id, &hash, &secret.to_base32(), None, now).await?;
        let name = format!("{} {}", person.given_name, person.family_name);
        linked.push(json!({ "person": format!("person:{id}"), "role": role }));
        accounts.push(DemoAccount {
            otpauth_url: totp::enrolment_url(&secret, &name).unwrap_or_default(),
            name,
            nrn,
            role,
            password,
            totp_secret: secret.to_base32(),
        });
    }
    sqlx::query("UPDATE enterprises SET status = $1, activated_at = $2 WHERE id = $3")
        .bind(EnterpriseStatus::Active.as_str())
        .bind(now)
        .bind(enterprise.0)
        .execute(&mut *tx)
        .await?;
    append(
        &mut tx,
        &NewEvent {
            chain: AuditChain::Enterprise(enterprise),
            actor: Actor::Operator,
            action: "enterprise.demo_created",
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
