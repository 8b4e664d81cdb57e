//! Structured logs through `tracing`: text for people, JSON for collectors.

use crate::config::LogFormat;
use crate::startup_error::StartupError;
use tracing_subscriber::EnvFilter;

/// Installs the global subscriber, writing to stderr: a command's stdout carries only its output
/// (`server demo --json` is read by scripts). A bare level also quiets sqlx's per-statement
/// logs, which would otherwise drown everything at `info`.
pub fn init(level: &str, format: LogFormat) -> Result<(), StartupError> {
    let filter = filter(level)?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(true);
    let installed = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
    // A second init (tests) keeps the first subscriber; that is fine.
    drop(installed);
    Ok(())
}

/// The filter for a `LOG_LEVEL` value.
pub fn filter(level: &str) -> Result<EnvFilter, StartupError> {
    let level = level.trim();
    let directives = if level.contains('=') || level.contains(',') {
        level.to_owned()
    } else {
        format!("{level},sqlx=warn")
    };
    EnvFilter::try_new(&directives).map_err(|_| StartupError::LogLevel(level.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_and_directives_are_accepted_and_nonsense_is_named() {
        assert!(filter("info").is_ok());
        assert!(filter("debug,sqlx=info").is_ok());
        let error = filter("loud=verbose=yes").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("LOG_LEVEL 'loud=verbose=yes'")
        );
    }
}
