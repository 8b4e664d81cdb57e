//! A person's given or family name, as an enterprise or the operator typed it.

use super::text::{NameError, clean_name};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest given or family name.
pub const MAX_CHARS: usize = 100;

/// A name in canonical form (see [`clean_name`]): NFC, 1 to 100 characters with a letter,
/// nothing invisible.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

impl PersonName {
    /// Cleans and checks `input`.
    pub fn parse(input: &str) -> Result<PersonName, NameError> {
        clean_name(input, MAX_CHARS).map(PersonName)
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PersonName {
    type Error = NameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        PersonName::parse(&value)
    }
}

impl From<PersonName> for String {
    fn from(name: PersonName) -> String {
        name.0
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
