//! Everything that stops the server from starting, each as one line for the operator.

use app::features::catalog::file::CatalogError;
use app::features::enterprises::register::RegisterError;
use app::features::enterprises::replace_main_access_manager::ReplaceError;
use app::platform::DbError;
use app::platform::database_url::DatabaseUrlError;

/// Why `server` could not start (or finish a one-off command).
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// `DATABASE_URL` names no supported backend.
    #[error(transparent)]
    DatabaseUrl(#[from] DatabaseUrlError),
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Database(#[from] DbError),
    /// The catalogue file is missing, malformed or inconsistent.
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    /// `LISTEN_ADDR` is not `IP:PORT`.
    #[error("LISTEN_ADDR '{0}' is not an address like 127.0.0.1:3000")]
    ListenAddress(String),
    /// `PUBLIC_BASE_URL` is not an absolute http(s) URL.
    #[error("PUBLIC_BASE_URL '{0}' is not an absolute http:// or https:// URL")]
    PublicUrl(String),
    /// `SMTP_URL` is not smtp://HOST[:PORT].
    #[error("SMTP_URL '{0}' is not an address like smtp://mail.example.com:25")]
    SmtpUrl(String),
    /// `MAIL_FROM` is not a mailbox.
    #[error("MAIL_FROM '{0}' is not an address like 'Access Management <no-reply@example.com>'")]
    MailFrom(String),
    /// The session lifetimes do not fit together.
    #[error(
        "SESSION_IDLE_MINUTES {idle_minutes} and SESSION_MAX_HOURS {max_hours} do not fit: both must be at least 1 and the idle time no longer than the maximum"
    )]
    SessionLifetimes {
        /// As given.
        idle_minutes: u32,
        /// As given.
        max_hours: u32,
    },
    /// `TRUSTED_PROXIES` names something that is not an address or network.
    #[error("TRUSTED_PROXIES: {0}")]
    TrustedProxies(crate::client_address::ProxyListError),
    /// The identity providers file is missing, malformed, or describes a provider wrongly.
    #[error("{0}")]
    IdentityProviders(String),
    /// `LOG_LEVEL` is not a level or filter directive.
    #[error("LOG_LEVEL '{0}' is not a log level (error, warn, info, debug, trace) or filter")]
    LogLevel(String),
    /// The port is taken or the address is not ours.
    #[error("cannot listen on {address}: {source}")]
    Listen {
        /// The address asked for.
        address: std::net::SocketAddr,
        /// What the operating system said, e.g. "Address already in use".
        source: std::io::Error,
    },
    /// A command-line argument is not valid; the message names the flag.
    #[error("{flag}: {problem}")]
    Argument {
        /// The flag, e.g. `--mam-nrn`.
        flag: &'static str,
        /// What is wrong with its value.
        problem: String,
    },
    /// The registration was refused; nothing was written.
    #[error("cannot register the enterprise: {0}")]
    Register(#[from] RegisterError),
    /// The replacement was refused; nothing was written.
    #[error("cannot replace the main access manager: {0}")]
    Replace(#[from] ReplaceError),
    /// No demo was created.
    #[error("cannot create the demo: {0}")]
    Demo(#[from] app::features::demo::DemoError),
    /// `audit verify` found tampering; each broken chain is named on its own line.
    #[error("audit trail broken: {}", .0.join("; "))]
    AuditBroken(Vec<String>),
    /// `check` found data that breaks the product's rules.
    #[error("invariants violated: {}", .0.join("; "))]
    Inconsistent(Vec<String>),
    /// The async runtime could not start.
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    /// Serving stopped because of an I/O failure.
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),
}
