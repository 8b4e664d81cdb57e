//! Choosing credentials through a one-time link (activating an enterprise, accepting an
//! invitation, after a reset): the app secret the link offers, shown as a QR code, and the checks
//! of what the person typed — the temporary password sent by SMS where there is one, the
//! password rules, and a code that proves the app holds the secret.

use super::{password, totp};
use crate::error::ActivationError;

/// `url` as a QR code in an SVG `data:` URL (allowed by the page CSP's `img-src data:`).
pub fn qr_data_url(url: &str) -> Option<String> {
    use base64::Engine as _;
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(220, 220)
        .quiet_zone(true)
        .build();
    Some(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

/// What the person typed on a link's page.
#[derive(Clone, Copy)]
pub struct Attempt<'a> {
    /// The password they chose.
    pub new_password: &'a str,
    /// The code their app shows.
    pub code: &'a str,
    /// The temporary password from the SMS (people without an NRN only).
    pub temporary_password: Option<&'a str>,
}

impl<'a> Attempt<'a> {
    /// An attempt of someone with a national register number (no temporary password).
    pub fn new(new_password: &'a str, code: &'a str) -> Attempt<'a> {
        Attempt {
            new_password,
            code,
            temporary_password: None,
        }
    }
}

impl<'a> Attempt<'a> {
    /// What a link's form sent: the password twice (they must match), the app's code, and the
    /// temporary password where one was asked for (empty counts as none).
    pub fn typed(
        password: &'a str,
        password_confirm: &str,
        code: &'a str,
        temporary_password: Option<&'a str>,
    ) -> Result<Attempt<'a>, ActivationError> {
        if password != password_confirm {
            return Err(ActivationError::PasswordMismatch);
        }
        Ok(Attempt {
            new_password: password,
            code,
            temporary_password: temporary_password.filter(|p| !p.is_empty()),
        })
    }
}

impl std::fmt::Debug for Attempt<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Attempt(…)")
    }
}

/// What the link held that the attempt is checked against.
pub struct Offered<'a> {
    /// The app secret the link's page showed, if it was opened.
    pub totp_secret: Option<&'a str>,
    /// The hash of the temporary password sent by SMS, if one was.
    pub temporary_password_hash: Option<&'a str>,
    /// What the person's password must not be made of (their names, their address).
    pub personal: &'a [&'a str],
}

/// Credentials that passed every check, ready to store.
pub struct Chosen {
    /// The new password's hash.
    pub password_hash: String,
    /// The app secret, confirmed by a code.
    pub secret: totp::TotpSecret,
    /// The code's step, used up.
    pub step: u64,
}

/// Checks `attempt` against what the link `offered` at `now`; a refusal comes with the reason
/// the audit trail records.
pub async fn check(
    attempt: Attempt<'_>,
    offered: Offered<'_>,
    now: i64,
) -> Result<Chosen, (ActivationError, &'static str)> {
    if let Some(hash) = offered.temporary_password_hash {
        // Someone without an NRN proves the password sent by SMS, and must not keep it.
        let given = attempt.temporary_password.unwrap_or_default().trim();
        if given.is_empty() || !password::verify(given.to_owned(), hash.to_owned()).await {
            return Err((
                ActivationError::WrongTemporaryPassword,
                "wrong_temporary_password",
            ));
        }
    }
    let mut personal = offered.personal.to_vec();
    personal.push(attempt.temporary_password.unwrap_or_default());
    if let Err(policy) = password::check_policy(attempt.new_password, &personal) {
        return Err((ActivationError::WeakPassword(policy), "weak_password"));
    }
    // A link whose page was never opened offered no secret, so no app can hold one.
    let secret = offered
        .totp_secret
        .and_then(totp::TotpSecret::from_base32)
        .ok_or((ActivationError::WrongCode, "wrong_code"))?;
    let unix_seconds = u64::try_from(now / 1000).unwrap_or_default();
    let step = totp::accept(&secret, attempt.code, unix_seconds, None)
        .ok_or((ActivationError::WrongCode, "wrong_code"))?;
    let password_hash = password::hash(attempt.new_password.to_owned())
        .await
        .map_err(|_| (ActivationError::Internal, "internal"))?;
    Ok(Chosen {
        password_hash,
        secret,
        step,
    })
}
