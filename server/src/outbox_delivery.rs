//! Delivering the outbox: e-mail through an SMTP relay (lettre), SMS through an operator-given
//! command (any gateway's CLI or a curl call). A channel without configuration keeps its
//! messages queued; a failed attempt is retried later with growing pauses.

use crate::startup_error::StartupError;
use app::features::outbox::{self, Channel, Queued};
use app::platform::Database;
use app::platform::db::now_millis;
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::time::Duration;
use tokio::sync::watch;

/// Messages per channel per round.
const BATCH: i64 = 20;
/// Pause between rounds.
const ROUND: Duration = Duration::from_secs(5);
/// Longest an SMS command may run.
const SMS_TIMEOUT: Duration = Duration::from_secs(30);

/// How messages leave, as configured.
#[derive(Debug, Clone)]
pub struct DeliverySettings {
    /// SMTP relay host and port.
    pub smtp: Option<(String, u16)>,
    /// The sender of e-mail.
    pub mail_from: Mailbox,
    /// The shell command that sends one SMS.
    pub sms_command: Option<String>,
}

impl Default for DeliverySettings {
    /// Nothing configured: every message stays queued.
    fn default() -> Self {
        DeliverySettings {
            smtp: None,
            mail_from: Mailbox::new(None, "no-reply@localhost".parse().expect("valid address")),
            sms_command: None,
        }
    }
}

impl DeliverySettings {
    /// Reads `SMTP_URL` (smtp://HOST[:PORT]), `MAIL_FROM` and `SMS_COMMAND`.
    pub fn parse(
        smtp_url: Option<&str>,
        mail_from: &str,
        sms_command: Option<&str>,
    ) -> Result<DeliverySettings, StartupError> {
        let smtp = match smtp_url.map(str::trim).filter(|u| !u.is_empty()) {
            None => None,
            Some(url) => {
                let invalid = || StartupError::SmtpUrl(url.to_owned());
                let uri: http::Uri = url.parse().map_err(|_| invalid())?;
                if uri.scheme_str() != Some("smtp") {
                    return Err(invalid());
                }
                let host = uri.host().filter(|h| !h.is_empty()).ok_or_else(invalid)?;
                Some((host.to_owned(), uri.port_u16().unwrap_or(25)))
            }
        };
        let mail_from = mail_from
            .parse::<Mailbox>()
            .map_err(|_| StartupError::MailFrom(mail_from.to_owned()))?;
        Ok(DeliverySettings {
            smtp,
            mail_from,
            sms_command: sms_command
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned),
        })
    }
}

/// The delivery worker.
pub struct Delivery {
    settings: DeliverySettings,
    mailer: Option<AsyncSmtpTransport<Tokio1Executor>>,
}

impl Delivery {
    /// A worker for `settings`.
    pub fn new(settings: DeliverySettings) -> Delivery {
        let mailer = settings.smtp.as_ref().map(|(host, port)| {
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host.as_str())
                .port(*port)
                .timeout(Some(Duration::from_secs(30)))
                .build()
        });
        Delivery { settings, mailer }
    }

    /// Sends what is due now on the configured channels; returns how many messages left.
    pub async fn deliver_due(&self, db: &Database) -> Result<usize, sqlx::Error> {
        let mut sent = 0;
        if let Some(mailer) = &self.mailer {
            for message in outbox::due(db, Channel::Email, now_millis(), BATCH).await? {
                let result = self.send_email(mailer, &message).await;
                sent += record(db, &message, result).await?;
            }
        }
        if let Some(command) = &self.settings.sms_command {
            for message in outbox::due(db, Channel::Sms, now_millis(), BATCH).await? {
                let result = send_sms(command, &message).await.map_err(Failure::from);
                sent += record(db, &message, result).await?;
            }
        }
        Ok(sent)
    }

    /// Delivers every few seconds until `stop` turns true.
    pub async fn run(self, db: Database, mut stop: watch::Receiver<bool>) {
        if self.mailer.is_none() {
            tracing::warn!("SMTP_URL is not set: e-mails stay in the outbox");
        }
        if self.settings.sms_command.is_none() {
            tracing::warn!("SMS_COMMAND is not set: text messages stay in the outbox");
        }
        loop {
            if let Err(error) = self.deliver_due(&db).await {
                tracing::warn!(%error, "outbox delivery round failed");
            }
            tokio::select! {
                _ = stop.changed() => break,
                () = tokio::time::sleep(ROUND) => {}
            }
        }
    }

    async fn send_email(
        &self,
        mailer: &AsyncSmtpTransport<Tokio1Executor>,
        message: &Queued,
    ) -> Result<(), Failure> {
        let to: Mailbox = message
            .recipient
            .parse()
            .map_err(|e| Failure::permanent(format!("bad recipient: {e}")))?;
        let email = lettre::Message::builder()
            .from(self.settings.mail_from.clone())
            .to(to)
            .subject(message.subject.clone().unwrap_or_default())
            .header(ContentType::TEXT_PLAIN)
            .body(message.body.clone())
            .map_err(|e| Failure::permanent(e.to_string()))?;
        mailer.send(email).await.map(|_| ()).map_err(|e| Failure {
            // A 5xx answer (no such mailbox, refused address) will not change by retrying.
            permanent: e.is_permanent(),
            error: e.to_string(),
        })
    }
}

/// Why a message did not leave, and whether trying again could help.
struct Failure {
    error: String,
    permanent: bool,
}

impl Failure {
    fn permanent(error: String) -> Failure {
        Failure {
            error,
            permanent: true,
        }
    }
}

impl From<String> for Failure {
    /// A failure worth retrying.
    fn from(error: String) -> Failure {
        Failure {
            error,
            permanent: false,
        }
    }
}

/// Runs the SMS command with `SMS_TO` and `SMS_TEXT` in its environment; exit 0 means sent.
async fn send_sms(command: &str, message: &Queued) -> Result<(), String> {
    let run = tokio::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .env("SMS_TO", &message.recipient)
        .env("SMS_TEXT", &message.body)
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(SMS_TIMEOUT, run)
        .await
        .map_err(|_| "the SMS command timed out".to_owned())?
        .map_err(|e| format!("cannot run the SMS command: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "the SMS command failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

/// Marks the message sent, failed or given up; 1 when it left.
async fn record(
    db: &Database,
    message: &Queued,
    result: Result<(), Failure>,
) -> Result<usize, sqlx::Error> {
    match result {
        Ok(()) => {
            outbox::mark_sent(db, message.id, now_millis()).await?;
            Ok(1)
        }
        Err(Failure {
            error,
            permanent: true,
        }) => {
            tracing::warn!(id = message.id, channel = %message.channel, %error, "message undeliverable; given up");
            outbox::give_up(db, message, &error, now_millis()).await?;
            Ok(0)
        }
        Err(Failure { error, .. }) => {
            tracing::warn!(id = message.id, channel = %message.channel, %error, "message not delivered; will retry");
            outbox::mark_failed(db, message, &error, now_millis()).await?;
            Ok(0)
        }
    }
}
