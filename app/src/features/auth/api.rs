//! Sign-in, sign-out and the session endpoints. Sign-in is the one endpoint that needs no
//! session; the session it starts lives in an HttpOnly cookie the page script never sees.

use super::Me;
use crate::AppError;
use crate::domain::EnterpriseId;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Whom a successful sign-in signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedInAs {
    /// Given and family name.
    pub name: String,
    /// Linked to several enterprises and none chosen yet: the next page is the choice.
    pub must_choose_enterprise: bool,
}

/// Checks NRN (or username), password and app code; starts a session on success.
#[server(endpoint = "auth/sign_in")]
pub async fn sign_in(
    identifier: String,
    password: String,
    code: String,
) -> Result<SignedInAs, AppError> {
    use super::sign_in::{Credentials, SignInError, sign_in as check};
    use crate::platform::request;
    let db = request::database()?;
    let client = request::client_address().await;
    let credentials = Credentials {
        identifier: &identifier,
        password: &password,
        code: &code,
    };
    let signed_in =
        check(&db, credentials, client.as_deref())
            .await
            .map_err(|error| match error {
                SignInError::Refused => AppError::SignInRefused.respond(),
                SignInError::Throttled { retry_after_s } => {
                    request::set_retry_after(retry_after_s);
                    AppError::RateLimited.respond()
                }
                SignInError::Internal => AppError::Internal.respond(),
            })?;
    super::request::set_session_cookie(Some(&signed_in.token));
    Ok(SignedInAs {
        name: signed_in.name,
        must_choose_enterprise: signed_in.must_choose_enterprise,
    })
}

/// The identity providers the sign-in page offers, each with whether it can be reached now.
#[server(endpoint = "auth/providers")]
pub async fn sign_in_providers() -> Result<Vec<super::providers::ProviderChoice>, AppError> {
    use super::providers::registry::Providers;
    Ok(use_context::<Providers>()
        .map(|providers| providers.choices())
        .unwrap_or_default())
}

/// Ends the current session, if any (audited), and clears the cookie.
#[server(endpoint = "auth/sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use super::session::SessionToken;
    use crate::platform::request;
    let db = request::database()?;
    let cookie_name = super::request::session_config().cookie_name();
    if let Some(token) = request::cookie(cookie_name).await {
        let client = request::client_address().await;
        super::sign_in::sign_out(&db, &SessionToken::from_cookie(&token), client.as_deref())
            .await
            .map_err(|e| AppError::from(e).respond())?;
    }
    super::request::set_session_cookie(None);
    Ok(())
}

/// Ends every session of the signed-in person, on every device (audited), and clears the cookie.
#[server(endpoint = "auth/sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<u64, AppError> {
    use crate::platform::request;
    let session = super::request::session().await?;
    let db = request::database()?;
    let client = request::client_address().await;
    let ended = super::sign_in::sign_out_everywhere(&db, session.person, client.as_deref())
        .await
        .map_err(|e| AppError::from(e).respond())?;
    super::request::set_session_cookie(None);
    Ok(ended)
}

/// Who is signed in and for which enterprises they may act; `None` without a live session
/// (not an error: every page asks).
#[server(endpoint = "auth/me")]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    use crate::platform::request;
    let Some(session) = super::request::optional_session().await? else {
        return Ok(None);
    };
    let db = request::database()?;
    super::me::load(&db, &session)
        .await
        .map_err(|e| AppError::from(e).respond())
}

/// Act for `enterprise` from now on (it must be one the person is linked to).
#[server(endpoint = "auth/act_for")]
pub async fn act_for(enterprise: EnterpriseId) -> Result<(), AppError> {
    use super::act_for::{ActForError, act_for as choose};
    use crate::platform::request;
    let session = super::request::session().await?;
    let db = request::database()?;
    let client = request::client_address().await;
    let chosen = choose(&db, &session, enterprise, client.as_deref()).await;
    // The session acts for another enterprise now.
    crate::platform::request_memo::forget_request_reads();
    chosen.map_err(|error| match error {
        ActForError::NotLinked => AppError::Forbidden.respond(),
        ActForError::SessionEnded => AppError::Unauthenticated.respond(),
        ActForError::Database(e) => AppError::from(e).respond(),
    })
}
