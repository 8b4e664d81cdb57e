//! `server enterprise register` and `server enterprise replace-mam`: the operator's acts. The
//! main access manager activates the account with the printed one-time link.

use crate::config::{MamArgs, RegisterArgs, ReplaceMamArgs, Settings};
use crate::startup_error::StartupError;
use app::domain::{Email, EnterpriseNumber, Language, Nrn, PersonName};
use app::features::enterprises::activation_token::{ActivationToken, VALIDITY_MS};
use app::features::enterprises::register::{Registration, register as register_enterprise};
use app::features::enterprises::replace_main_access_manager::replace;
use app::features::people::{NewPerson, PersonIdentity, Username};
use app::i18n::Locale;
use app::policy::OperatorPermit;

fn argument(flag: &'static str, problem: impl ToString) -> StartupError {
    StartupError::Argument {
        flag,
        problem: problem.to_string(),
    }
}

/// The enterprise number of `--number`.
pub fn enterprise_number(input: &str) -> Result<EnterpriseNumber, StartupError> {
    EnterpriseNumber::parse(input).map_err(|e| argument("--number", e.message(Locale::en)))
}

/// The main access manager described by the flags; the first bad value is named by its flag.
pub fn person(args: &MamArgs) -> Result<NewPerson, StartupError> {
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
    Ok(NewPerson {
        identity,
        given_name: PersonName::parse(&args.mam_given_name)
            .map_err(|e| argument("--mam-given-name", e))?,
        family_name: PersonName::parse(&args.mam_family_name)
            .map_err(|e| argument("--mam-family-name", e))?,
        email: Email::parse(&args.mam_email).map_err(|e| argument("--mam-email", e))?,
        phone: args.mam_phone.clone(),
        language: args
            .mam_language
            .parse::<Language>()
            .map_err(|e| argument("--mam-language", e))?,
    })
}

fn describe(person: &NewPerson) -> String {
    let identity = match &person.identity {
        PersonIdentity::Nrn(nrn) => nrn.formatted(),
        PersonIdentity::Foreign(username) => format!("username {}", username.as_str()),
    };
    format!("{} {} ({identity})", person.given_name, person.family_name)
}

fn print_link(settings: &Settings, token: &ActivationToken) {
    println!(
        "Activation link (single use, valid {} days):",
        VALIDITY_MS / (24 * 60 * 60 * 1000)
    );
    println!("  {}/activate/{}", settings.public_url, token.expose());
}

/// Registers and prints the activation link.
pub async fn register(settings: &Settings, args: RegisterArgs) -> Result<(), StartupError> {
    let registration = Registration {
        number: enterprise_number(&args.number)?,
        name: args.name.clone(),
        groups: args
            .groups
            .iter()
            .map(|g| g.trim().to_owned())
            .filter(|g| !g.is_empty())
            .collect(),
        main_access_manager: person(&args.mam)?,
        link_base: settings.public_url.clone(),
    };
    let db = crate::serve::open(settings).await?;
    let registered =
        register_enterprise(&db, &OperatorPermit::at_the_command_line(), &registration).await;
    db.close().await;
    let registered = registered?;
    println!(
        "Registered enterprise {} {} (pending activation).",
        registration.number.formatted(),
        registration.name.trim()
    );
    println!(
        "Main access manager: {}",
        describe(&registration.main_access_manager)
    );
    print_link(settings, &registered.activation);
    if registered.sent_by_email_and_sms {
        print_foreign_delivery(&registration.main_access_manager);
    }
    Ok(())
}

/// Tells the operator where a foreign manager's credentials went.
fn print_foreign_delivery(person: &NewPerson) {
    println!(
        "Username and this link are sent by e-mail to {}; a temporary password, needed to activate, by SMS to {}.",
        person.email.as_str(),
        person.phone.as_deref().unwrap_or_default()
    );
}

/// Replaces the main access manager and prints the new manager's link when they need one.
pub async fn replace_mam(settings: &Settings, args: ReplaceMamArgs) -> Result<(), StartupError> {
    let number = enterprise_number(&args.number)?;
    let new_manager = person(&args.mam)?;
    let db = crate::serve::open(settings).await?;
    let replaced = replace(
        &db,
        &OperatorPermit::at_the_command_line(),
        number,
        &new_manager,
        &settings.public_url,
    )
    .await;
    db.close().await;
    let replaced = replaced?;
    println!(
        "Enterprise {}: main access manager is now {}.",
        number.formatted(),
        describe(&new_manager)
    );
    match &replaced.activation {
        Some(token) => {
            print_link(settings, token);
            if replaced.sent_by_email_and_sms {
                print_foreign_delivery(&new_manager);
            }
        }
        None => println!("They sign in with their existing password and authenticator app."),
    }
    Ok(())
}
