//! Who calls a server function: the session behind the request's cookie, and the person acting
//! for their chosen enterprise with their roles read fresh. Every endpoint opens with [`caller`]
//! (or [`session`] before an enterprise is chosen).

use super::acting::Acting;
use super::session::{Session, SessionConfig, SessionToken, resume};
use crate::AppError;
use crate::platform::Database;
use crate::platform::db::now_millis;
use crate::platform::request::{cookie, database};
use crate::platform::request_memo::{forget_request_reads, remembered};
use http::{HeaderValue, header};

/// What an endpoint acting for an enterprise starts from.
pub struct Caller {
    /// The signed-in person, the enterprise they act for and their roles there.
    pub acting: Acting,
    /// The database.
    pub db: Database,
    /// The client's address, for the audit trail and refusal counts.
    pub client: Option<String>,
}

/// The acting person with the database and the client's address: `Unauthenticated` without a
/// session, `Forbidden` without a chosen (and still linked) enterprise.
pub async fn caller() -> Result<Caller, AppError> {
    Ok(Caller {
        acting: acting().await?,
        db: database()?,
        client: crate::platform::request::client_address().await,
    })
}

/// How sessions behave, as the server configured them (defaults when it did not say).
pub fn session_config() -> SessionConfig {
    leptos::prelude::use_context::<SessionConfig>().unwrap_or_default()
}

/// The live session of the request, if it has one.
pub async fn optional_session() -> Result<Option<Session>, AppError> {
    let config = session_config();
    let Some(value) = cookie(config.cookie_name()).await else {
        return Ok(None);
    };
    let db = database()?;
    let token = SessionToken::from_cookie(&value);
    remembered(async {
        resume(&db, &token, now_millis(), config.lifetimes)
            .await
            .map_err(|error| AppError::from(error).respond())
    })
    .await
}

/// The live session of the request, or `Unauthenticated` (401).
pub async fn session() -> Result<Session, AppError> {
    optional_session()
        .await?
        .ok_or_else(|| AppError::Unauthenticated.respond())
}

/// Sets (or, with `None`, clears) the session cookie on the response.
pub fn set_session_cookie(token: Option<&SessionToken>) {
    let cookie = session_config().set_cookie(token);
    if let (Some(response), Ok(cookie)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&cookie),
    ) {
        response.append_header(header::SET_COOKIE, cookie);
    }
    forget_request_reads();
}

/// The signed-in person and the enterprise they act for, with their roles read fresh:
/// `Unauthenticated` without a session, `Forbidden` without a chosen (and still linked)
/// enterprise.
pub async fn acting() -> Result<Acting, AppError> {
    let session = session().await?;
    let db = database()?;
    remembered(async {
        super::acting::load(&db, &session)
            .await
            .map_err(|error| AppError::from(error).respond())
    })
    .await?
    .ok_or_else(|| AppError::Forbidden.respond())
}
