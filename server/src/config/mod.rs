//! Command line and environment: every setting has a flag, an environment variable and a default.

use crate::client_address::{ForwardedHeader, TrustedProxies};
use crate::startup_error::StartupError;
use app::features::auth::session::{Lifetimes, SessionConfig};
use app::platform::DatabaseUrl;
use clap::ValueEnum;
use std::net::SocketAddr;
use std::path::PathBuf;

mod commands;

pub use commands::{
    AuditCommand, Cli, Command, EnterpriseCommand, MamArgs, RegisterArgs, ReplaceMamArgs,
};

/// Log output format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Settings as typed by the operator; [`RawSettings::validate`] turns them into [`Settings`].
#[derive(Debug, Clone, clap::Args)]
pub struct RawSettings {
    /// Database: sqlite://PATH (embedded, default) or postgres://USER@HOST/DB.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/access.db",
        global = true
    )]
    pub database_url: String,
    /// Address and port to listen on.
    #[arg(
        long,
        env = "LISTEN_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub listen: String,
    /// The address people reach the product at; https:// turns on HSTS. Default: http://LISTEN_ADDR.
    #[arg(long, env = "PUBLIC_BASE_URL", global = true)]
    pub public_url: Option<String>,
    /// Folder with the built site (pkg/ with JS, WASM and CSS), as written by cargo-leptos.
    #[arg(
        long,
        env = "LEPTOS_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: PathBuf,
    /// The service catalogue (domains, groups, online services), applied at every start.
    #[arg(
        long,
        env = "CATALOG_FILE",
        default_value = "server/catalog/default.toml",
        global = true
    )]
    pub catalog_file: PathBuf,
    /// The identity providers people may sign in through (OpenID Connect), one `[[provider]]`
    /// each; none when not given. See the README for examples.
    #[arg(long, env = "IDENTITY_PROVIDERS_FILE", global = true)]
    pub identity_providers_file: Option<PathBuf>,
    /// Minutes without a request after which a session ends.
    #[arg(
        long,
        env = "SESSION_IDLE_MINUTES",
        default_value_t = 30,
        global = true
    )]
    pub session_idle_minutes: u32,
    /// Hours after sign-in after which a session ends, however active.
    #[arg(long, env = "SESSION_MAX_HOURS", default_value_t = 12, global = true)]
    pub session_max_hours: u32,
    /// SMTP relay for outgoing e-mail, smtp://HOST[:PORT] (plain SMTP to a relay you run, e.g.
    /// the host's MTA). Without it e-mails wait in the outbox.
    #[arg(long, env = "SMTP_URL", global = true)]
    pub smtp_url: Option<String>,
    /// Sender of outgoing e-mail.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "Access Management <no-reply@localhost>",
        global = true
    )]
    pub mail_from: String,
    /// Shell command that sends one SMS, given SMS_TO and SMS_TEXT in its environment (e.g. a
    /// curl call to your SMS gateway). Without it SMS wait in the outbox.
    #[arg(long, env = "SMS_COMMAND", global = true)]
    pub sms_command: Option<String>,
    /// Reverse proxies whose forwarding header names the client: addresses and networks,
    /// comma-separated (e.g. 127.0.0.1,10.0.0.0/8). Unset: every connection's peer is the client.
    #[arg(long, env = "TRUSTED_PROXIES", default_value = "", global = true)]
    pub trusted_proxies: String,
    /// The header the trusted proxies write the client's address to.
    #[arg(long, env = "FORWARDED_HEADER", value_enum, default_value_t = ForwardedHeader::XForwardedFor, global = true)]
    pub forwarded_header: ForwardedHeader,
    /// Log level or filter, e.g. info or info,sqlx=debug.
    #[arg(long, env = "LOG_LEVEL", default_value = "info", global = true)]
    pub log_level: String,
    /// Log format.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,
}

/// Validated settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Which database, where.
    pub database_url: DatabaseUrl,
    /// The socket to bind.
    pub listen: SocketAddr,
    /// Absolute base URL of the product, without a trailing slash.
    pub public_url: String,
    /// Folder with `pkg/`.
    pub site_root: PathBuf,
    /// The service catalogue file.
    pub catalog_file: PathBuf,
    /// The identity providers, as the operator's file describes them.
    pub identity_providers: Vec<app::features::auth::providers::config::ProviderConfig>,
    /// Session lifetimes.
    pub sessions: Lifetimes,
    /// How messages leave the outbox.
    pub delivery: crate::outbox_delivery::DeliverySettings,
    /// Whose forwarding header names the client.
    pub proxies: TrustedProxies,
    /// Log filter.
    pub log_level: String,
    pub log_format: LogFormat,
}

impl Settings {
    /// Whether the product is served over TLS (by itself or a proxy in front).
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// How sessions and their cookie behave.
    pub fn session_config(&self) -> SessionConfig {
        SessionConfig {
            lifetimes: self.sessions,
            secure: self.is_https(),
        }
    }
}

impl RawSettings {
    /// Parses every value once; the first bad one becomes a one-line [`StartupError`].
    pub fn validate(self) -> Result<Settings, StartupError> {
        let database_url: DatabaseUrl = self.database_url.parse()?;
        let listen: SocketAddr = self
            .listen
            .trim()
            .parse()
            .map_err(|_| StartupError::ListenAddress(self.listen.clone()))?;
        let public_url = match self.public_url {
            Some(url) => parse_public_url(&url)?,
            None => format!("http://{listen}"),
        };
        let sessions = session_lifetimes(self.session_idle_minutes, self.session_max_hours)?;
        let delivery = crate::outbox_delivery::DeliverySettings::parse(
            self.smtp_url.as_deref(),
            &self.mail_from,
            self.sms_command.as_deref(),
        )?;
        let proxies = TrustedProxies::parse(&self.trusted_proxies, self.forwarded_header)
            .map_err(StartupError::TrustedProxies)?;
        let identity_providers = match &self.identity_providers_file {
            Some(file) => app::features::auth::providers::config::load(file, |variable| {
                std::env::var(variable).ok()
            })
            .map_err(StartupError::IdentityProviders)?,
            None => Vec::new(),
        };
        Ok(Settings {
            database_url,
            listen,
            public_url,
            site_root: self.site_root,
            catalog_file: self.catalog_file,
            identity_providers,
            sessions,
            delivery,
            proxies,
            log_level: self.log_level,
            log_format: self.log_format,
        })
    }
}

/// Both at least 1; the idle lifetime no longer than the absolute one.
fn session_lifetimes(idle_minutes: u32, max_hours: u32) -> Result<Lifetimes, StartupError> {
    let idle_ms = i64::from(idle_minutes) * 60_000;
    let absolute_ms = i64::from(max_hours) * 3_600_000;
    if idle_minutes == 0 || max_hours == 0 || idle_ms > absolute_ms {
        return Err(StartupError::SessionLifetimes {
            idle_minutes,
            max_hours,
        });
    }
    Ok(Lifetimes {
        idle_ms,
        absolute_ms,
    })
}

fn parse_public_url(input: &str) -> Result<String, StartupError> {
    let invalid = || StartupError::PublicUrl(input.to_owned());
    let uri: http::Uri = input.trim().parse().map_err(|_| invalid())?;
    let scheme_ok = matches!(uri.scheme_str(), Some("http" | "https"));
    if !scheme_ok || uri.authority().is_none() {
        return Err(invalid());
    }
    Ok(input.trim().trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn parse(args: &[&str]) -> Result<Settings, StartupError> {
        let mut argv = vec!["server"];
        argv.extend_from_slice(args);
        Cli::try_parse_from(argv)
            .expect("clap accepts the flags")
            .settings
            .validate()
    }

    #[test]
    fn defaults_serve_the_embedded_sqlite_file_on_localhost_3000() {
        // The test environment may set DATABASE_URL; pass the documented default explicitly.
        let settings = parse(&[
            "--database-url",
            "sqlite://data/access.db",
            "--listen",
            "127.0.0.1:3000",
        ])
        .unwrap();
        assert_eq!(
            settings.database_url,
            DatabaseUrl::Sqlite {
                path: "data/access.db".into()
            }
        );
        assert_eq!(settings.public_url, "http://127.0.0.1:3000");
        assert!(!settings.is_https());
    }

    #[test]
    fn flags_work_after_the_subcommand_too() {
        let cli = Cli::try_parse_from(["server", "migrate", "--database-url", "postgres://u@h/db"])
            .unwrap();
        assert!(matches!(cli.command, Some(Command::Migrate)));
        assert!(matches!(
            cli.settings.validate().unwrap().database_url,
            DatabaseUrl::Postgres { .. }
        ));
    }

    #[test]
    fn bad_listen_address_is_named() {
        let error = parse(&["--listen", "localhost"]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "LISTEN_ADDR 'localhost' is not an address like 127.0.0.1:3000"
        );
    }

    #[test]
    fn session_lifetimes_are_configurable_and_checked() {
        let settings =
            parse(&["--session-idle-minutes", "10", "--session-max-hours", "2"]).unwrap();
        assert_eq!(
            settings.sessions,
            Lifetimes {
                idle_ms: 600_000,
                absolute_ms: 7_200_000
            }
        );
        assert_eq!(
            parse(&["--session-idle-minutes", "0"])
                .unwrap_err()
                .to_string(),
            "SESSION_IDLE_MINUTES 0 and SESSION_MAX_HOURS 12 do not fit: both must be at least 1 and the idle time no longer than the maximum"
        );
        assert!(parse(&["--session-idle-minutes", "121", "--session-max-hours", "2"]).is_err());
    }

    #[test]
    fn outgoing_mail_needs_an_smtp_address_and_a_sender_mailbox() {
        let settings = parse(&[
            "--smtp-url",
            "smtp://mail.example.com:2525",
            "--mail-from",
            "Access <no-reply@example.com>",
        ])
        .unwrap();
        assert_eq!(
            settings.delivery.smtp,
            Some(("mail.example.com".into(), 2525))
        );
        assert_eq!(
            settings.delivery.mail_from.to_string(),
            "Access <no-reply@example.com>"
        );
        let default_port = parse(&["--smtp-url", "smtp://localhost"]).unwrap();
        assert_eq!(default_port.delivery.smtp, Some(("localhost".into(), 25)));
        assert_eq!(
            parse(&["--smtp-url", "http://mail.example.com"])
                .unwrap_err()
                .to_string(),
            "SMTP_URL 'http://mail.example.com' is not an address like smtp://mail.example.com:25"
        );
        assert!(parse(&["--mail-from", "not a mailbox"]).is_err());
    }

    #[test]
    fn https_sessions_use_a_secure_host_only_cookie() {
        let plain = parse(&["--public-url", "http://127.0.0.1:3000"]).unwrap();
        assert_eq!(plain.session_config().cookie_name(), "session");
        let tls = parse(&["--public-url", "https://access.example.com"]).unwrap();
        let config = tls.session_config();
        assert_eq!(config.cookie_name(), "__Host-session");
        let cookie = config.set_cookie(None);
        assert!(cookie.starts_with("__Host-session=; Path=/;"), "{cookie}");
        assert!(cookie.ends_with("; Secure"), "{cookie}");
        assert!(!cookie.contains("Domain"), "{cookie}");
    }

    #[test]
    fn trusted_proxies_are_addresses_or_networks() {
        let settings = parse(&["--trusted-proxies", "127.0.0.1, 10.0.0.0/8"]).unwrap();
        assert_ne!(settings.proxies, TrustedProxies::default());
        assert_eq!(
            parse(&["--trusted-proxies", "10.0.0.0/8,proxy"])
                .unwrap_err()
                .to_string(),
            "TRUSTED_PROXIES: 'proxy' is not an IP address or a network like 10.0.0.0/8"
        );
    }

    #[test]
    fn public_url_must_be_absolute_http() {
        assert!(parse(&["--public-url", "access.example.com"]).is_err());
        assert!(parse(&["--public-url", "ftp://access.example.com"]).is_err());
        let settings = parse(&["--public-url", "https://access.example.com/"]).unwrap();
        assert_eq!(settings.public_url, "https://access.example.com");
        assert!(settings.is_https());
    }
}
