//! Instants (milliseconds since the epoch, as stored) written for people, in UTC.

use time::macros::format_description;

/// `YYYY-MM-DD HH:MM:SS` UTC.
pub fn format_utc(ms: i64) -> String {
    format_millis(
        ms,
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
    )
}

/// `YYYY-MM-DD` UTC.
pub fn format_day(ms: i64) -> String {
    format_millis(ms, format_description!("[year]-[month]-[day]"))
}

fn format_millis(ms: i64, format: &[time::format_description::BorrowedFormatItem<'_>]) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(format).ok())
        .unwrap_or_default()
}
