//! One-time codes from an authenticator app (TOTP, RFC 6238): SHA-1, 6 digits, 30-second steps,
//! one step of clock drift either way. A code is accepted once: the caller stores the step it
//! was accepted for and passes it back, so a replay within the window is refused.

use totp_rs::{Algorithm, Builder, Secret, Totp};

/// Digits in a code.
pub const DIGITS: u8 = 6;
/// Seconds per step.
pub const STEP_SECONDS: u64 = 30;
/// Steps of drift accepted before and after the current one.
pub const SKEW: u16 = 1;
/// Name shown in the authenticator app.
pub const ISSUER: &str = "Access Management";

/// A shared secret: 160 random bits, as RFC 4226 recommends.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret(Vec<u8>);

impl TotpSecret {
    /// A new random secret.
    pub fn generate() -> TotpSecret {
        use rand::RngCore;
        let mut bytes = vec![0u8; 20];
        rand::rng().fill_bytes(&mut bytes);
        TotpSecret(bytes)
    }

    /// Base32, as stored and as typed into an app by hand.
    pub fn to_base32(&self) -> String {
        Secret::from(self.0.clone()).to_base32()
    }

    /// Reads a stored secret.
    pub fn from_base32(encoded: &str) -> Option<TotpSecret> {
        let secret = Secret::try_from_base32(encoded).ok()?;
        Some(TotpSecret(secret.as_ref().to_vec()))
    }
}

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret(…)")
    }
}

fn totp(secret: &TotpSecret, digits: u8, account: &str) -> Option<Totp> {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(digits)
        .with_skew(SKEW)
        .with_step_duration(STEP_SECONDS)
        .with_secret(secret.0.clone())
        .with_issuer(Some(ISSUER))
        .with_account_name(account)
        .build()
        .ok()
}

/// The `otpauth://` address an authenticator app enrols from (shown as a QR code).
pub fn enrolment_url(secret: &TotpSecret, account: &str) -> Option<String> {
    totp(secret, DIGITS, account)?.to_url().ok()
}

/// The step `code` is valid for at `unix_seconds`, if it is one of the accepted steps and
/// newer than `last_used_step`. Spaces in the code are ignored.
pub fn accept(
    secret: &TotpSecret,
    code: &str,
    unix_seconds: u64,
    last_used_step: Option<u64>,
) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != usize::from(DIGITS) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let step = totp(secret, DIGITS, "check")?.check(&code, unix_seconds)?;
    match last_used_step {
        Some(last) if step <= last => None,
        _ => Some(step),
    }
}

/// The code for `unix_seconds` (for tests and the demo data).
pub fn code_at(secret: &TotpSecret, unix_seconds: u64) -> Option<String> {
    Some(
        totp(secret, DIGITS, "code")?
            .generate(unix_seconds)
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B: the SHA-1 secret is the ASCII of "12345678901234567890".
    fn rfc_secret() -> TotpSecret {
        TotpSecret(b"12345678901234567890".to_vec())
    }

    const RFC_VECTORS: [(u64, &str); 6] = [
        (59, "94287082"),
        (1_111_111_109, "07081804"),
        (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"),
        (2_000_000_000, "69279037"),
        (20_000_000_000, "65353130"),
    ];

    #[test]
    fn rfc_6238_test_vectors_with_eight_digits() {
        let totp = totp(&rfc_secret(), 8, "rfc").unwrap();
        for (time, expected) in RFC_VECTORS {
            assert_eq!(totp.generate(time).to_string(), expected, "T = {time}");
        }
    }

    #[test]
    fn six_digit_codes_are_the_last_six_digits_of_the_rfc_vectors() {
        for (time, expected) in RFC_VECTORS {
            assert_eq!(
                code_at(&rfc_secret(), time).unwrap(),
                expected[2..],
                "T = {time}"
            );
            assert!(accept(&rfc_secret(), &expected[2..], time, None).is_some());
        }
    }

    #[test]
    fn a_code_is_accepted_one_step_early_or_late_but_not_two() {
        let secret = TotpSecret::generate();
        let now = 1_800_000_000;
        let current = code_at(&secret, now).unwrap();
        assert_eq!(accept(&secret, &current, now, None), Some(now / 30));
        assert_eq!(accept(&secret, &current, now + 30, None), Some(now / 30));
        assert_eq!(accept(&secret, &current, now - 30, None), Some(now / 30));
        assert_eq!(accept(&secret, &current, now + 60, None), None);
    }

    #[test]
    fn a_code_is_never_accepted_twice() {
        let secret = TotpSecret::generate();
        let now = 1_800_000_000;
        let code = code_at(&secret, now).unwrap();
        let step = accept(&secret, &code, now, None).unwrap();
        assert_eq!(
            accept(&secret, &code, now + 5, Some(step)),
            None,
            "replay within the window"
        );
        // An older code (previous step) after a newer one was used is refused too.
        let older = code_at(&secret, now - 30).unwrap();
        assert_eq!(accept(&secret, &older, now, Some(step)), None);
        let next = code_at(&secret, now + 30).unwrap();
        assert_eq!(accept(&secret, &next, now + 30, Some(step)), Some(step + 1));
    }

    #[test]
    fn malformed_codes_are_refused() {
        let secret = TotpSecret::generate();
        for bad in ["", "12345", "1234567", "12a456"] {
            assert_eq!(accept(&secret, bad, 1_800_000_000, None), None, "{bad:?}");
        }
        let code = code_at(&secret, 1_800_000_000).unwrap();
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert!(
            accept(&secret, &spaced, 1_800_000_000, None).is_some(),
            "spaces are ignored"
        );
    }

    #[test]
    fn secrets_round_trip_through_base32_and_enrol_by_otpauth_url() {
        let secret = TotpSecret::generate();
        assert_eq!(
            TotpSecret::from_base32(&secret.to_base32()),
            Some(secret.clone())
        );
        let url = enrolment_url(&secret, "anna.peeters@acme.be").unwrap();
        assert!(
            url.starts_with("otpauth://totp/Access%20Management:anna.peeters"),
            "{url}"
        );
        assert!(
            url.contains(&format!("secret={}", secret.to_base32())),
            "{url}"
        );
    }
}
