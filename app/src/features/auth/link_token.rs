//! The secret of a one-time link (an activation, an invitation, a reset): 32 random bytes in
//! the link, only their SHA-256 in the database, so a copy of the database opens no account.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// The secret part of a one-time link. Shown once, never stored.
#[derive(Clone, PartialEq, Eq)]
pub struct LinkToken(String);

impl LinkToken {
    /// A fresh random token.
    pub fn generate() -> LinkToken {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        LinkToken(hex::encode(bytes))
    }

    /// The token as it appears in the link.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What the database keeps.
    pub fn hash(&self) -> String {
        hash_token(&self.0)
    }
}

impl std::fmt::Debug for LinkToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkToken(…)")
    }
}

/// The stored form of a token as received in a link.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}
