//! Passwords: a policy for new ones, argon2id hashes, and verification off the async runtime.

use super::PasswordPolicyError;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Params, Version};

/// Shortest password accepted.
pub const MIN_CHARS: usize = 12;
/// Longest password accepted (long enough for passphrases and password managers).
pub const MAX_CHARS: usize = 128;
/// zxcvbn's score (0–4) a password must reach: 3 is "safely unguessable" against online attacks
/// with throttling and rejects the common-password list, dictionary words and keyboard walks.
const MIN_STRENGTH: u8 = 3;

/// Checks a new password. `personal` lists the person's own details (names, e-mail), which must
/// not make up the password.
pub fn check_policy(password: &str, personal: &[&str]) -> Result<(), PasswordPolicyError> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(PasswordPolicyError::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(PasswordPolicyError::TooLong);
    }
    if contains_personal_detail(password, personal) {
        return Err(PasswordPolicyError::TooCommon);
    }
    let strength = zxcvbn::zxcvbn(password, personal);
    if u8::from(strength.score()) < MIN_STRENGTH {
        return Err(PasswordPolicyError::TooCommon);
    }
    Ok(())
}

/// Whether any word of four letters or more from the person's details appears in the password.
fn contains_personal_detail(password: &str, personal: &[&str]) -> bool {
    let password = password.to_lowercase();
    personal
        .iter()
        .flat_map(|detail| detail.split(|c: char| !c.is_alphanumeric()))
        .filter(|word| word.chars().count() >= 4)
        .any(|word| password.contains(&word.to_lowercase()))
}

/// argon2id with OWASP's parameters: 19 MiB of memory, 2 passes, 1 lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A PHC-format hash of `password` (it carries its own salt and parameters).
/// Runs on a blocking thread: hashing takes tens of milliseconds.
pub async fn hash(password: String) -> Result<String, PasswordError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|_| PasswordError)
    })
    .await
    .map_err(|_| PasswordError)?
}

/// Password checks that may run at once: each takes 19 MiB and a core for tens of
/// milliseconds, so a flood of sign-ins queues here instead of exhausting memory.
fn verifications() -> &'static tokio::sync::Semaphore {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    PERMITS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        tokio::sync::Semaphore::new(cores * 2)
    })
}

/// Whether `password` matches `stored`. A malformed stored hash never matches.
pub async fn verify(password: String, stored: String) -> bool {
    let Ok(_permit) = verifications().acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|parsed| {
                hasher()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// `length` random letters and digits without look-alikes (0/O, 1/l/I): for passwords the
/// product hands out (temporary passwords, demo accounts), far beyond any guessing list.
pub fn random(length: usize) -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..length)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// Hashing failed (out of memory, or the blocking pool is gone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the password could not be hashed")]
pub struct PasswordError;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handed_out_passwords_are_random_and_meet_the_policy() {
        let first = random(20);
        assert_eq!(first.chars().count(), 20);
        assert!(first.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(first, random(20));
        assert_eq!(check_policy(&first, &["Marie", "Dubois"]), Ok(()));
    }

    #[test]
    fn passwords_shorter_than_12_characters_are_refused() {
        assert_eq!(
            check_policy("Tr0ub4dor&3", &[]),
            Err(PasswordPolicyError::TooShort)
        );
        // Characters, not bytes: twelve accented letters are long enough to be judged on strength.
        assert_ne!(
            check_policy("éèêëàâäôöûüç", &[]),
            Err(PasswordPolicyError::TooShort)
        );
    }

    #[test]
    fn passwords_longer_than_128_characters_are_refused_and_64_are_accepted() {
        assert_eq!(
            check_policy(&"correct horse ".repeat(10), &[]),
            Err(PasswordPolicyError::TooLong)
        );
        let sixty_four: String = "kV9#qL2!mZ7@wR4$".repeat(4);
        assert_eq!(check_policy(&sixty_four, &[]), Ok(()));
    }

    #[test]
    fn common_passwords_and_ones_made_of_personal_details_are_refused() {
        for common in [
            "password1234",
            "123456789012",
            "qwertyuiopas",
            "iloveyou1234",
        ] {
            assert_eq!(
                check_policy(common, &[]),
                Err(PasswordPolicyError::TooCommon),
                "{common}"
            );
        }
        assert_eq!(
            check_policy(
                "AnnaPeeters1985",
                &["Anna", "Peeters", "anna.peeters@acme.be"]
            ),
            Err(PasswordPolicyError::TooCommon)
        );
    }

    #[test]
    fn a_long_random_passphrase_is_accepted() {
        assert_eq!(
            check_policy("violet-tractor-Quantum-7-harbour", &["Anna"]),
            Ok(())
        );
    }

    #[tokio::test]
    async fn hashes_are_argon2id_salted_and_verify_only_the_right_password() {
        let first = hash("violet-tractor-Quantum-7-harbour".into())
            .await
            .unwrap();
        let second = hash("violet-tractor-Quantum-7-harbour".into())
            .await
            .unwrap();
        assert!(
            first.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{first}"
        );
        assert_ne!(first, second, "every hash has its own salt");
        assert!(verify("violet-tractor-Quantum-7-harbour".into(), first.clone()).await);
        assert!(!verify("violet-tractor-Quantum-7-harbouR".into(), first).await);
        assert!(!verify("anything".into(), "not a hash".into()).await);
    }
}
