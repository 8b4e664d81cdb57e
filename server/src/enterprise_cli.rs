//! `server enterprise register`: the operator registers an enterprise and designates its main
//! access manager, who activates it with the printed one-time link.

use crate::config::{RegisterArgs, Settings};
use crate::startup_error::StartupError;
use app::domain::{Email, EnterpriseNumber, Language, Nrn};
use app::features::enterprises::activation_token::VALIDITY_MS;
use app::features::enterprises::register::{Registration, register as register_enterprise};
use app::features::people::{NewPerson, PersonIdentity, Username};
use app::i18n::Locale;

fn argument(flag: &'static str, problem: impl ToString) -> StartupError {
    StartupError::Argument {
        flag,
        problem: problem.to_string(),
    }
}

/// Turns the flags into a registration; the first bad value is named by its flag.
pub fn parse(args: &RegisterArgs) -> Result<Registration, StartupError> {
    let number = EnterpriseNumber::parse(&args.number)
        .map_err(|e| argument("--number", e.message(Locale::en)))?;
    let identity = match (&args.mam_nrn, &args.mam_username) {
        (Some(nrn), _) => PersonIdentity::Nrn(
            Nrn::parse(nrn).map_err(|e| argument("--mam-nrn", e.message(Locale::en)))?,
        ),
        (None, Some(username)) => PersonIdentity::Foreign(
            Username::parse(username).map_err(|e| argument("--mam-username", e))?,
        ),
        (None, None) => {
            return Err(argument(
                "--mam-nrn",
                "give --mam-nrn, or --mam-foreign with --mam-username",
            ));
        }
    };
    if matches!(identity, PersonIdentity::Foreign(_)) && args.mam_phone.is_none() {
        return Err(argument(
            "--mam-phone",
            "a foreign main access manager receives the first password by SMS",
        ));
    }
    let email = Email::parse(&args.mam_email).map_err(|e| argument("--mam-email", e))?;
    let language: Language = args
        .mam_language
        .parse()
        .map_err(|e| argument("--mam-language", e))?;
    Ok(Registration {
        number,
        name: args.name.clone(),
        groups: args
            .groups
            .iter()
            .map(|g| g.trim().to_owned())
            .filter(|g| !g.is_empty())
            .collect(),
        main_access_manager: NewPerson {
            identity,
            given_name: args.mam_given_name.clone(),
            family_name: args.mam_family_name.clone(),
            email,
            phone: args.mam_phone.clone(),
            language,
        },
    })
}

/// Registers and prints the activation link.
pub async fn register(settings: &Settings, args: RegisterArgs) -> Result<(), StartupError> {
    let registration = parse(&args)?;
    let db = crate::serve::open(settings).await?;
    let registered = register_enterprise(&db, &registration).await;
    db.close().await;
    let registered = registered?;
    let mam = &registration.main_access_manager;
    let identity = match &mam.identity {
        PersonIdentity::Nrn(nrn) => nrn.formatted(),
        PersonIdentity::Foreign(username) => format!("username {}", username.as_str()),
    };
    println!(
        "Registered enterprise {} {} (pending activation).",
        registration.number.formatted(),
        registration.name.trim()
    );
    println!(
        "Main access manager: {} {} ({identity})",
        mam.given_name.trim(),
        mam.family_name.trim()
    );
    println!(
        "Activation link (single use, valid {} days):",
        VALIDITY_MS / (24 * 60 * 60 * 1000)
    );
    println!(
        "  {}/activate/{}",
        settings.public_url,
        registered.activation.expose()
    );
    Ok(())
}
