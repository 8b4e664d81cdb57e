//! The command line: `server` and its subcommands with their arguments. The settings they share
//! are in [`super::RawSettings`].

use super::RawSettings;
use clap::{Parser, Subcommand};

/// Enterprise Access Management server.
#[derive(Debug, Parser)]
#[command(name = "server", version, about)]
pub struct Cli {
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Settings shared by every command.
    #[command(flatten)]
    pub settings: RawSettings,
}

/// The commands of the binary.
#[derive(Debug, Clone, Default, Subcommand)]
pub enum Command {
    /// Apply migrations, then serve HTTP until SIGTERM or Ctrl-C (the default).
    #[default]
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Prepare the database (migrations, catalogue); with --demo also create a demo enterprise
    /// whose people can sign in at once, and print their credentials.
    Init {
        /// Create the demo enterprise "Demo Bakery NV" with a main access manager and employees.
        #[arg(long)]
        demo: bool,
    },
    /// Create another demo enterprise: the demo's five people (main access manager, co-main
    /// access manager, access manager, group administrator, employee) under new random national
    /// register numbers; print how each signs in.
    Demo {
        /// Enterprise number (KBO/BCE) for the new demo enterprise.
        #[arg(long)]
        number: String,
        /// Its name.
        #[arg(long)]
        name: String,
        /// Print the accounts as JSON (for scripts and tests).
        #[arg(long)]
        json: bool,
    },
    /// Generate a large enterprise to try the product at scale: a demo enterprise (its people
    /// sign in as printed) with generated groups and users (valid national register numbers,
    /// one to three groups each, granted services, a few blocked).
    Seed {
        /// How many users.
        #[arg(long, default_value_t = 100_000)]
        users: u64,
        /// How many generated groups.
        #[arg(long, default_value_t = 1_000)]
        groups: u64,
        /// Enterprise number (KBO/BCE) for the new enterprise.
        #[arg(long)]
        number: String,
        /// Its name.
        #[arg(long, default_value = "Large Enterprise NV")]
        name: String,
        /// Print the accounts as JSON (for scripts and benchmarks).
        #[arg(long)]
        json: bool,
    },
    /// Check the data against the product's rules (one main access manager per enterprise; access
    /// managers one per active domain; one group administrator per group; administrators linked
    /// to their enterprise; audit chains intact); exit 1 on any violation.
    Check,
    /// The operator's acts on enterprises.
    Enterprise {
        /// What to do.
        #[command(subcommand)]
        action: EnterpriseCommand,
    },
    /// Work with the audit trail.
    Audit {
        /// What to do with it.
        #[command(subcommand)]
        action: AuditCommand,
    },
}

/// `server enterprise …`
#[derive(Debug, Clone, Subcommand)]
pub enum EnterpriseCommand {
    /// Register an enterprise and designate its main access manager; prints the activation link.
    Register(Box<RegisterArgs>),
    /// Replace the main access manager (on behalf of the legal representative); prints an
    /// activation link when the new manager has no credentials yet.
    ReplaceMam(Box<ReplaceMamArgs>),
}

/// `server enterprise register`
#[derive(Debug, Clone, clap::Args)]
pub struct RegisterArgs {
    /// Enterprise number (KBO/BCE), e.g. 0403.019.261 or BE0403019261.
    #[arg(long)]
    pub number: String,
    /// The enterprise's name.
    #[arg(long)]
    pub name: String,
    /// Catalogue group codes the enterprise holds, comma-separated (e.g. employer,social_secretariat).
    #[arg(long, value_delimiter = ',', required = true)]
    pub groups: Vec<String>,
    /// The main access manager.
    #[command(flatten)]
    pub mam: MamArgs,
}

/// `server enterprise replace-mam`
#[derive(Debug, Clone, clap::Args)]
pub struct ReplaceMamArgs {
    /// Enterprise number (KBO/BCE).
    #[arg(long)]
    pub number: String,
    /// The new main access manager.
    #[command(flatten)]
    pub mam: MamArgs,
}

/// Who the main access manager is.
#[derive(Debug, Clone, clap::Args)]
pub struct MamArgs {
    /// National register number of the main access manager.
    #[arg(
        long,
        required_unless_present = "mam_foreign",
        conflicts_with = "mam_foreign"
    )]
    pub mam_nrn: Option<String>,
    /// The main access manager has no NRN (foreign person): give --mam-username instead.
    #[arg(long, requires = "mam_username")]
    pub mam_foreign: bool,
    /// Username of a foreign main access manager.
    #[arg(long, requires = "mam_foreign")]
    pub mam_username: Option<String>,
    /// Given name of the main access manager.
    #[arg(long)]
    pub mam_given_name: String,
    /// Family name of the main access manager.
    #[arg(long)]
    pub mam_family_name: String,
    /// E-mail address of the main access manager.
    #[arg(long)]
    pub mam_email: String,
    /// Mobile phone of the main access manager (needed for a foreign one: the first password goes by SMS).
    #[arg(long)]
    pub mam_phone: Option<String>,
    /// Language of the main access manager: de, fr, nl or en.
    #[arg(long, default_value = "en")]
    pub mam_language: String,
}

/// `server audit …`
#[derive(Debug, Clone, Copy, Subcommand)]
pub enum AuditCommand {
    /// Recompute every hash chain; name the first broken event of each and exit 1 if any.
    Verify,
}
