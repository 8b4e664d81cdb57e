//! E-mail addresses, checked for the shape every deliverable address has.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A trimmed address with one `@`, a local part and a dotted domain, at most 254 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

/// Why a text is not an e-mail address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not an e-mail address")]
pub struct EmailError;

impl Email {
    /// Accepts `name@example.be`; refuses spaces, a missing or doubled `@`, a domain without a dot.
    pub fn parse(input: &str) -> Result<Email, EmailError> {
        let address = input.trim();
        let (local, domain) = address.split_once('@').ok_or(EmailError)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..");
        let valid = !local.is_empty()
            && domain_ok
            && !domain.contains('@')
            && address.len() <= 254
            && !address
                .chars()
                .any(|c| c.is_whitespace() || super::text::is_invisible(c));
        if valid {
            Ok(Email(address.to_owned()))
        } else {
            Err(EmailError)
        }
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> String {
        email.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_addresses_are_accepted_and_trimmed() {
        assert_eq!(
            Email::parse(" anna.peeters@acme.be ").unwrap().as_str(),
            "anna.peeters@acme.be"
        );
        assert!(Email::parse("a+tag@sub.example.org").is_ok());
    }

    #[test]
    fn malformed_addresses_are_refused() {
        for bad in [
            "",
            "anna",
            "@acme.be",
            "anna@",
            "anna@acme",
            "anna@@acme.be",
            "an na@acme.be",
            "anna@acme..be",
            "anna@.acme.be",
        ] {
            assert_eq!(Email::parse(bad), Err(EmailError), "{bad:?}");
        }
    }
}
