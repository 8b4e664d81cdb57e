//! `server [serve|migrate]`: see `server --help` and the README's configuration table.

use clap::Parser;
use server::config::{AuditCommand, EnterpriseCommand};
use server::{Cli, Command, StartupError};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // A page renders by walking its view tree; room to spare for the deepest (reserved, not
        // resident: only the pages a thread touches take memory).
        .thread_stack_size(8 * 1024 * 1024)
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return fail(&StartupError::Runtime(error)),
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&error),
    }
}

async fn run(cli: Cli) -> Result<(), StartupError> {
    let settings = cli.settings.validate()?;
    server::logging::init(&settings.log_level, settings.log_format)?;
    match cli.command.unwrap_or_default() {
        Command::Serve => server::serve::run(settings).await,
        Command::Migrate => server::serve::migrate_only(&settings).await,
        Command::Init { demo } => server::init_cli::init(&settings, demo).await,
        Command::Demo { number, name, json } => {
            server::init_cli::another_demo(&settings, &number, &name, json).await
        }
        Command::Seed {
            users,
            groups,
            number,
            name,
            json,
        } => server::init_cli::seed(&settings, users, groups, &number, &name, json).await,
        Command::Audit {
            action: AuditCommand::Verify,
        } => server::audit_cli::verify(&settings).await,
        Command::Check => server::audit_cli::check(&settings).await,
        Command::Enterprise {
            action: EnterpriseCommand::Register(args),
        } => server::enterprise_cli::register(&settings, *args).await,
        Command::Enterprise {
            action: EnterpriseCommand::ReplaceMam(args),
        } => server::enterprise_cli::replace_mam(&settings, *args).await,
    }
}

/// The operator gets one line naming the problem, and a non-zero exit code.
fn fail(error: &StartupError) -> ExitCode {
    eprintln!("error: {error}");
    ExitCode::FAILURE
}
