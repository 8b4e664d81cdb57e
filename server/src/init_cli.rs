//! `server init [--demo]`: prepares the database; with `--demo` creates the demo enterprise and
//! prints how each of its people signs in.

use crate::config::Settings;
use crate::startup_error::StartupError;
use app::features::demo::{self, DemoSpec};
use app::i18n::Locale;
use app::policy::OperatorPermit;

/// Migrates, applies the catalogue and, with `demo`, creates the demo enterprise.
pub async fn init(settings: &Settings, demo: bool) -> Result<(), StartupError> {
    let db = crate::serve::open(settings).await?;
    if !demo {
        db.close().await;
        println!("Database ready: {}", settings.database_url);
        println!(
            "Register an enterprise with `server enterprise register --help`, or try `server init --demo`."
        );
        return Ok(());
    }
    let spec = DemoSpec::bakery();
    let created = demo::create(&db, &OperatorPermit::at_the_command_line(), &spec).await;
    db.close().await;
    print_accounts(settings, &spec, &created?);
    Ok(())
}

/// `server demo`: another demo enterprise with fresh people; its accounts as text or JSON.
pub async fn another_demo(
    settings: &Settings,
    number: &str,
    name: &str,
    json: bool,
) -> Result<(), StartupError> {
    let number = crate::enterprise_cli::enterprise_number(number)?;
    let spec = DemoSpec::fresh(number, name);
    let db = crate::serve::open(settings).await?;
    let created = demo::create(&db, &OperatorPermit::at_the_command_line(), &spec).await;
    db.close().await;
    let created = created?;
    if json {
        print_json(&spec, &created);
    } else {
        print_accounts(settings, &spec, &created);
    }
    Ok(())
}

/// The enterprise and how each of its people signs in, as one line of JSON.
fn print_json(spec: &DemoSpec, created: &demo::Demo) {
    let accounts: Vec<_> = created
        .accounts
        .iter()
        .map(|account| {
            serde_json::json!({
                "name": account.name,
                "nrn": account.nrn,
                "role": account.role.map(|level| level.as_str()),
                "password": account.password,
                "totp_secret": account.totp_secret,
            })
        })
        .collect();
    println!(
        "{}",
        serde_json::json!({ "enterprise": spec.number.as_str(), "name": spec.name, "accounts": accounts })
    );
}

/// `server seed`: a large enterprise; prints what was generated and how its people sign in.
pub async fn seed(
    settings: &Settings,
    users: u64,
    groups: u64,
    number: &str,
    name: &str,
    json: bool,
) -> Result<(), StartupError> {
    let number = crate::enterprise_cli::enterprise_number(number)?;
    let spec = app::features::demo::seed::SeedSpec {
        number,
        name: name.to_owned(),
        users,
        groups,
    };
    let db = crate::serve::open(settings).await?;
    let started = std::time::Instant::now();
    let seeded =
        app::features::demo::seed::seed(&db, &OperatorPermit::at_the_command_line(), &spec).await;
    db.close().await;
    let seeded = seeded?;
    let generated = format!(
        "Generated {} users in {} groups in {:.1} s.",
        seeded.users,
        seeded.groups.len(),
        started.elapsed().as_secs_f64()
    );
    let spec = DemoSpec::fresh(number, name);
    if json {
        tracing::info!("{generated}");
        print_json(&spec, &seeded.demo);
    } else {
        println!("{generated}");
        print_accounts(settings, &spec, &seeded.demo);
    }
    Ok(())
}

fn print_accounts(settings: &Settings, spec: &DemoSpec, created: &demo::Demo) {
    println!(
        "Demo enterprise {} {} is active.",
        spec.number.formatted(),
        spec.name
    );
    println!();
    println!(
        "Sign in at {}/sign-in with a national register number, its password and the",
        settings.public_url
    );
    println!(
        "6-digit code of an authenticator app (Google Authenticator, Microsoft Authenticator,"
    );
    println!("FreeOTP, …) to which you added that person's secret as a setup key. Shown only now:");
    for account in &created.accounts {
        println!();
        let role = match account.role {
            Some(level) => level.name(Locale::en),
            None => "employee",
        };
        println!("  {} ({role})", account.name);
        println!("    national register number  {}", account.nrn);
        println!("    password                  {}", account.password);
        println!("    authenticator secret      {}", account.totp_secret);
        println!("    or as an address          {}", account.otpauth_url);
    }
}
