//! People: users and administrators, identified by national register number or, for foreign
//! persons without one, by a username.

use crate::domain::{Email, Language, Nrn, PersonName};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod employments;
#[cfg(feature = "ssr")]
pub mod store;

/// How a person is identified across enterprises.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PersonIdentity {
    /// A resident, by national register (or BIS) number.
    Nrn(Nrn),
    /// A foreign person without an NRN, by the username they sign in with.
    Foreign(Username),
}

impl PersonIdentity {
    /// What someone typed to identify themselves: an NRN if it reads as one, else a username.
    pub fn parse(identifier: &str) -> Option<PersonIdentity> {
        Nrn::parse(identifier)
            .map(PersonIdentity::Nrn)
            .ok()
            .or_else(|| {
                Username::parse(identifier)
                    .ok()
                    .map(PersonIdentity::Foreign)
            })
    }
}

/// A sign-in name for a person without an NRN: 3–64 of `a-z 0-9 . _ -`, kept in lowercase.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Username(String);

/// Why a text is not a username.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a username has 3 to 64 characters: letters, digits, '.', '_' or '-'")]
pub struct UsernameError;

impl Username {
    /// Parses and lowercases.
    pub fn parse(input: &str) -> Result<Username, UsernameError> {
        let name = input.trim().to_ascii_lowercase();
        let allowed =
            |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-');
        if (3..=64).contains(&name.len()) && name.chars().all(allowed) {
            Ok(Username(name))
        } else {
            Err(UsernameError)
        }
    }

    /// The username.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Username {
    type Error = UsernameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Username::parse(&value)
    }
}

impl From<Username> for String {
    fn from(name: Username) -> String {
        name.0
    }
}

/// Someone to record, with the details the product needs to reach them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPerson {
    /// NRN or username.
    pub identity: PersonIdentity,
    /// First name(s).
    pub given_name: PersonName,
    /// Surname.
    pub family_name: PersonName,
    /// Where e-mail goes.
    pub email: Email,
    /// For SMS (foreign persons receive their first password this way).
    pub phone: Option<String>,
    /// The language messages are written in.
    pub language: Language,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_identifier_is_an_nrn_when_it_reads_as_one_else_a_username() {
        assert!(matches!(
            PersonIdentity::parse("85.07.30-033.28"),
            Some(PersonIdentity::Nrn(_))
        ));
        assert!(matches!(
            PersonIdentity::parse("J.Smith"),
            Some(PersonIdentity::Foreign(_))
        ));
        assert_eq!(PersonIdentity::parse("no spaces allowed"), None);
    }

    #[test]
    fn usernames_are_lowercased_and_limited_to_safe_characters() {
        assert_eq!(Username::parse(" J.Smith ").unwrap().as_str(), "j.smith");
        for bad in ["js", "john smith", "jöhn", &"x".repeat(65)] {
            assert!(Username::parse(bad).is_err(), "{bad:?}");
        }
    }
}
