//! `server init [--demo]`: prepares the database; with `--demo` creates the demo enterprise and
//! prints how each of its people signs in.

use crate::config::Settings;
use crate::startup_error::StartupError;
use app::domain::EnterpriseNumber;
use app::features::demo::{self, DEMO_NAME, DEMO_NUMBER};

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
    let created = demo::create(&db).await;
    db.close().await;
    let created = created?;
    let number = EnterpriseNumber::parse(DEMO_NUMBER)
        .map_or_else(|_| DEMO_NUMBER.to_owned(), |n| n.formatted());
    println!("Demo enterprise {number} {DEMO_NAME} is active.");
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
        println!("  {} ({})", account.name, account.role);
        println!("    national register number  {}", account.nrn);
        println!("    password                  {}", account.password);
        println!("    authenticator secret      {}", account.totp_secret);
        println!("    or as an address          {}", account.otpauth_url);
    }
    Ok(())
}
