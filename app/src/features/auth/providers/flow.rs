//! The authorization code flow with a provider: [`begin`] sends the person there with a fresh
//! `state`, `nonce` and PKCE challenge (S256) kept for their browser; [`finish`] takes the answer
//! back, checks it belongs to that browser's sign-in, exchanges the code, verifies the ID token
//! and reads the national register number. Who that number is, and the session, are the
//! caller's business.

use super::ProviderFailure;
use super::pending::{self, LIFETIME_MS, Pending};
use super::registry::{OtherClaims, Provider, ProviderClient, Providers, describe_chain};
use crate::domain::Nrn;
use crate::platform::db::{Database, now_millis};
use chrono::{DateTime, TimeDelta, Utc};
use openidconnect::core::{CoreAuthenticationFlow, CoreGenderClaim, CoreJsonWebKey};
use openidconnect::{
    AccessTokenHash, AuthorizationCode, ClaimsVerificationError, CsrfToken, IdTokenVerifier, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RequestTokenError, Scope,
    SignatureVerificationError, TokenResponse as _, UserInfoClaims,
};
use rand::RngCore;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// How far the provider's clock may be from this server's.
pub const CLOCK_SKEW: TimeDelta = TimeDelta::seconds(60);

/// The cookie that ties a provider's answer to the browser that started the sign-in: its name
/// (`__Host-` prefixed over https).
pub fn browser_cookie_name(secure: bool) -> &'static str {
    if secure { "__Host-sign-in" } else { "sign-in" }
}

/// The `Set-Cookie` value that keeps `value` for the sign-in's lifetime, or with `None` clears
/// it. `SameSite=Lax`: the provider sends the person back with a top-level GET, which carries it.
pub fn browser_cookie(secure: bool, value: Option<&str>) -> String {
    let (value, max_age) = value.map_or(("", 0), |value| (value, LIFETIME_MS / 1000));
    format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
        browser_cookie_name(secure),
        if secure { "; Secure" } else { "" }
    )
}

fn hash(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}

/// A sign-in sent to its provider.
pub struct Started {
    /// Where to send the person.
    pub authorize_url: String,
    /// The value of the browser's cookie.
    pub browser_token: String,
}

/// Sends the person to provider `id`: the address of its authorization endpoint, and the cookie
/// value the answer must come back with.
pub async fn begin(
    db: &Database,
    providers: &Providers,
    id: &str,
) -> Result<Started, ProviderFailure> {
    let provider = providers.find(id).ok_or(ProviderFailure::Unavailable)?;
    let client = provider.client().ok_or(ProviderFailure::Unavailable)?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client.authorize_url(
        CoreAuthenticationFlow::AuthorizationCode,
        CsrfToken::new_random,
        Nonce::new_random,
    );
    for scope in provider.config.scopes.iter().filter(|s| *s != "openid") {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let browser_token = hex::encode(bytes);
    let now = now_millis();
    let pending = Pending {
        provider: provider.config.id.clone(),
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
        expires_at: now + LIFETIME_MS,
    };
    let kept = async {
        let mut tx = db.write().await?;
        pending::keep(&mut tx, &hash(&browser_token), &pending, now).await?;
        tx.commit().await
    }
    .await;
    if let Err(error) = kept {
        tracing::error!(%error, "could not keep a provider sign-in under way");
        return Err(ProviderFailure::Internal);
    }
    Ok(Started {
        authorize_url: url.to_string(),
        browser_token,
    })
}

/// What came back from the provider, with the browser's cookie.
#[derive(Clone, Copy, Default)]
pub struct Answer<'a> {
    /// The provider named in the address it came back to.
    pub provider: &'a str,
    /// The browser's cookie, if it sent one.
    pub browser_token: Option<&'a str>,
    pub code: Option<&'a str>,
    pub state: Option<&'a str>,
    /// The provider's `error`, when the person did not sign in there.
    pub error: Option<&'a str>,
    /// The provider's `iss` (RFC 9207), when it says it.
    pub iss: Option<&'a str>,
}

impl std::fmt::Debug for Answer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Answer")
            .field("provider", &self.provider)
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

/// A person the provider vouched for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identified {
    /// The provider.
    pub provider: String,
    /// Their national register number.
    pub nrn: Nrn,
}

/// A sign-in the answer did not complete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// What the person is told.
    pub failure: ProviderFailure,
    /// What the audit trail records (never a secret).
    pub reason: String,
}

fn refused(failure: ProviderFailure, reason: impl Into<String>) -> Refused {
    Refused {
        failure,
        reason: reason.into(),
    }
}

/// Checks the provider's answer against the sign-in the browser started, exchanges the code and
/// verifies the ID token as of `verify_at` (the provider's clock may differ by [`CLOCK_SKEW`]).
pub async fn finish(
    db: &Database,
    providers: &Providers,
    answer: Answer<'_>,
    verify_at: DateTime<Utc>,
) -> Result<Identified, Refused> {
    use ProviderFailure::*;
    let browser_token = answer
        .browser_token
        .ok_or_else(|| refused(Expired, "no_sign_in_cookie"))?;
    let taken = async {
        let mut tx = db.write().await?;
        let taken = pending::take(&mut tx, &hash(browser_token)).await?;
        tx.commit().await.map(|()| taken)
    }
    .await
    .map_err(|error| {
        tracing::error!(%error, "could not read a provider sign-in under way");
        refused(Internal, "database")
    })?;
    let pending = taken.ok_or_else(|| refused(Expired, "unknown_or_finished_sign_in"))?;
    if pending.expires_at <= now_millis() {
        return Err(refused(Expired, "sign_in_too_old"));
    }
    if pending.provider != answer.provider {
        return Err(refused(Forged, "provider_mismatch"));
    }
    // Compared as hashes: the time taken says nothing about how much of the state matched.
    if answer.state.map(hash) != Some(hash(&pending.state)) {
        return Err(refused(Forged, "state_mismatch"));
    }
    if let Some(error) = answer.error {
        let error: String = error
            .chars()
            .filter(|c| c.is_ascii_graphic())
            .take(64)
            .collect();
        return Err(refused(Cancelled, format!("provider_error:{error}")));
    }
    let provider = providers
        .find(answer.provider)
        .ok_or_else(|| refused(Forged, "unknown_provider"))?;
    if answer.iss.is_some_and(|iss| iss != provider.config.issuer) {
        return Err(refused(Forged, "issuer_mismatch"));
    }
    let code = answer.code.ok_or_else(|| refused(Forged, "no_code"))?;
    let client = provider
        .client()
        .ok_or_else(|| refused(Unavailable, "provider_not_discovered"))?;
    let http = providers
        .http()
        .ok_or_else(|| refused(Internal, "no_http_client"))?;
    let response = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .map_err(|_| unavailable(provider, "the provider states no token endpoint"))?
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
        .request_async(http)
        .await
        .map_err(|error| match &error {
            RequestTokenError::ServerResponse(answer)
                if answer.error().as_ref() == "invalid_grant" =>
            {
                refused(InvalidToken, "code_refused")
            }
            RequestTokenError::ServerResponse(answer)
                if answer.error().as_ref() == "invalid_client" =>
            {
                unavailable(
                    provider,
                    "the provider refused this installation's client id or secret",
                )
            }
            _ => unavailable(
                provider,
                &format!("token request failed: {}", describe_chain(&error)),
            ),
        })?;
    let id_token = response
        .id_token()
        .ok_or_else(|| refused(InvalidToken, "no_id_token"))?;
    let nonce = Nonce::new(pending.nonce.clone());
    let (client, claims) = match verified(&client, id_token, &nonce, verify_at) {
        Err(ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::NoMatchingKey,
        )) => {
            // Signed with a key published since the last discovery: fetch the keys again, once.
            providers.discover(provider).await;
            let fresh = provider
                .client()
                .ok_or_else(|| refused(Unavailable, "provider_not_discovered"))?;
            let claims = verified(&fresh, id_token, &nonce, verify_at);
            (fresh, claims)
        }
        other => (client, other),
    };
    let claims = claims.map_err(|error| invalid_token(provider, &error))?;
    if let Some(expected) = claims.access_token_hash() {
        let verifier = verifier(&client, verify_at);
        let actual = id_token
            .signing_alg()
            .ok()
            .zip(id_token.signing_key(&verifier).ok())
            .and_then(|(alg, key)| {
                AccessTokenHash::from_token::<CoreJsonWebKey>(response.access_token(), alg, key)
                    .ok()
            });
        if actual.as_ref() != Some(expected) {
            return Err(refused(InvalidToken, "access_token_hash_mismatch"));
        }
    }
    let claim = &provider.config.nrn_claim;
    let value = match claims.additional_claims().0.get(claim) {
        Some(value) => Some(value.clone()),
        None => user_info_claim(&client, http, &response, claims.subject(), claim).await,
    };
    let text = match value {
        Some(Value::String(text)) => text,
        Some(Value::Number(number)) => number.to_string(),
        Some(_) => return Err(refused(MalformedNrn, "nrn_claim_not_text")),
        None => return Err(refused(MissingNrn, format!("no_claim:{claim}"))),
    };
    let nrn = Nrn::parse(&text).map_err(|_| refused(MalformedNrn, "nrn_claim_invalid"))?;
    Ok(Identified {
        provider: provider.config.id.clone(),
        nrn,
    })
}

const ISSUED_IN_THE_FUTURE: &str = "issued in the future";

/// The verifier of `client`'s ID tokens as of `at`, allowing [`CLOCK_SKEW`] either way.
fn verifier(client: &ProviderClient, at: DateTime<Utc>) -> IdTokenVerifier<'_, CoreJsonWebKey> {
    client
        .id_token_verifier()
        .set_time_fn(move || at - CLOCK_SKEW)
        .set_issue_time_verifier_fn(move |issued| {
            if issued > at + CLOCK_SKEW {
                Err(format!("{ISSUED_IN_THE_FUTURE} ({issued})"))
            } else {
                Ok(())
            }
        })
}

type IdToken = openidconnect::IdToken<
    OtherClaims,
    CoreGenderClaim,
    openidconnect::core::CoreJweContentEncryptionAlgorithm,
    openidconnect::core::CoreJwsSigningAlgorithm,
>;
type IdTokenClaims = openidconnect::IdTokenClaims<OtherClaims, CoreGenderClaim>;

fn verified(
    client: &ProviderClient,
    id_token: &IdToken,
    nonce: &Nonce,
    at: DateTime<Utc>,
) -> Result<IdTokenClaims, ClaimsVerificationError> {
    id_token.claims(&verifier(client, at), nonce).cloned()
}

/// The claim from the provider's user info endpoint (for the subject of the ID token), when it
/// has one and says it.
async fn user_info_claim(
    client: &ProviderClient,
    http: &openidconnect::reqwest::Client,
    response: &super::registry::TokenResponse,
    subject: &openidconnect::SubjectIdentifier,
    claim: &str,
) -> Option<Value> {
    let request = client
        .user_info(response.access_token().clone(), Some(subject.clone()))
        .ok()?;
    match request
        .request_async::<OtherClaims, _, CoreGenderClaim>(http)
        .await
    {
        Ok(info) => {
            let info: UserInfoClaims<OtherClaims, CoreGenderClaim> = info;
            info.additional_claims().0.get(claim).cloned()
        }
        Err(error) => {
            tracing::warn!(
                "identity provider's user info failed: {}",
                describe_chain(&error)
            );
            None
        }
    }
}

/// The provider failed on its side: one line for the operator, "unavailable" for the person.
fn unavailable(provider: &Provider, what: &str) -> Refused {
    tracing::warn!(provider = %provider.config.id, "identity provider sign-in failed: {what}");
    refused(ProviderFailure::Unavailable, "provider_failed")
}

/// An ID token that did not verify: one line for the operator (a wrong issuer or an algorithm
/// not offered is the configuration's), the reason in the trail.
fn invalid_token(provider: &Provider, error: &ClaimsVerificationError) -> Refused {
    tracing::warn!(provider = %provider.config.id, "identity provider's ID token refused: {error}");
    let reason = match error {
        // The issue time's check fails as "expired" too.
        ClaimsVerificationError::Expired(what) if what.starts_with(ISSUED_IN_THE_FUTURE) => {
            "id_token_issued_in_the_future"
        }
        ClaimsVerificationError::Expired(_) => "id_token_expired",
        ClaimsVerificationError::InvalidAudience(_) => "id_token_audience",
        ClaimsVerificationError::InvalidIssuer(_) => "id_token_issuer",
        ClaimsVerificationError::InvalidNonce(_) => "id_token_nonce",
        ClaimsVerificationError::SignatureVerification(_) => "id_token_signature",
        ClaimsVerificationError::Unsupported(_) => "id_token_unsupported",
        _ => "id_token_invalid",
    };
    refused(ProviderFailure::InvalidToken, reason)
}
