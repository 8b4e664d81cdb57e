//! Test data shared by the crate's and the server's tests: the shipped catalogue, and the
//! enterprise "Acme NV" (0403.019.261) with Anna Peeters as main access manager.

use crate::domain::{Email, EnterpriseNumber, Language, Nrn};
use crate::features::catalog::{file::Catalog, store as catalog};
use crate::features::enterprises::register::{Registered, Registration, register};
use crate::features::people::{NewPerson, PersonIdentity};
use crate::platform::Database;
use std::path::Path;

/// Anna's national register number (born 30 July 1985).
pub const ANNA_NRN: &str = "85073003328";
/// A password that meets the policy.
pub const GOOD_PASSWORD: &str = "violet-tractor-Quantum-7-harbour";

/// Loads `server/catalog/default.toml` into `db`.
pub async fn load_catalogue(db: &Database) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../server/catalog/default.toml");
    catalog::apply(db, &Catalog::load(&file).expect("the shipped catalogue"))
        .await
        .expect("apply the catalogue");
}

/// A person with a national register number, e-mail at acme.be.
pub fn person(nrn: &str, given_name: &str, family_name: &str) -> NewPerson {
    NewPerson {
        identity: PersonIdentity::Nrn(Nrn::parse(nrn).expect("valid test NRN")),
        given_name: given_name.into(),
        family_name: family_name.into(),
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

/// The registration of Acme NV holding `groups`, with Anna as main access manager.
pub fn acme(groups: &[&str]) -> Registration {
    Registration {
        number: acme_number(),
        name: "Acme NV".into(),
        groups: groups.iter().map(|g| (*g).to_owned()).collect(),
        main_access_manager: anna(),
    }
}

/// Loads the catalogue and registers Acme as an employer.
pub async fn register_acme(db: &Database) -> Registered {
    load_catalogue(db).await;
    register(db, &acme(&["employer"]))
        .await
        .expect("register Acme")
}
