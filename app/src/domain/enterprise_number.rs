//! The Belgian enterprise number (KBO/BCE): ten digits, the first 0 or 1, the last two
//! `97 - (first eight mod 97)`. Written `0123.456.749`; people also type `BE0123456749`, spaces,
//! or the old nine-digit form without the leading 0.

use super::mod97;
use crate::i18n::{Locale, td_string};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An enterprise number whose check digits are valid.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EnterpriseNumber([u8; 10]);

/// Why a text is not an enterprise number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EnterpriseNumberError {
    /// Nothing was entered.
    #[error("no enterprise number given")]
    Empty,
    /// Characters besides digits, separators and a leading `BE`.
    #[error("an enterprise number contains only digits, optionally preceded by BE")]
    InvalidCharacters,
    /// Neither ten digits nor the old nine.
    #[error("an enterprise number has 10 digits, not {found}")]
    WrongLength {
        /// How many digits were entered.
        found: usize,
    },
    /// Enterprise numbers start with 0 or 1.
    #[error("an enterprise number starts with 0 or 1")]
    InvalidFirstDigit,
    /// The last two digits do not match the first eight.
    #[error("the check digits of this enterprise number do not match")]
    ChecksumMismatch,
}

impl EnterpriseNumberError {
    /// The message shown next to the field, in the person's language.
    pub fn message(&self, locale: Locale) -> &'static str {
        match self {
            EnterpriseNumberError::Empty => td_string!(locale, validation.enterprise_empty),
            EnterpriseNumberError::InvalidCharacters => {
                td_string!(locale, validation.enterprise_characters)
            }
            EnterpriseNumberError::WrongLength { .. } => {
                td_string!(locale, validation.enterprise_length)
            }
            EnterpriseNumberError::InvalidFirstDigit => {
                td_string!(locale, validation.enterprise_first_digit)
            }
            EnterpriseNumberError::ChecksumMismatch => {
                td_string!(locale, validation.enterprise_checksum)
            }
        }
    }
}

impl EnterpriseNumber {
    /// Parses `0403019261`, `0403.019.261`, `BE 0403 019 261` or the nine-digit `403019261`.
    pub fn parse(input: &str) -> Result<EnterpriseNumber, EnterpriseNumberError> {
        let trimmed = input.trim();
        let without_country = match trimmed.get(..2) {
            Some(prefix) if prefix.eq_ignore_ascii_case("BE") => &trimmed[2..],
            _ => trimmed,
        };
        if without_country.trim().is_empty() {
            return Err(EnterpriseNumberError::Empty);
        }
        let mut digits = mod97::digits_ignoring_separators(without_country)
            .ok_or(EnterpriseNumberError::InvalidCharacters)?;
        if digits.len() == 9 {
            digits.insert(0, b'0');
        }
        let digits: [u8; 10] =
            digits
                .as_slice()
                .try_into()
                .map_err(|_| EnterpriseNumberError::WrongLength {
                    found: digits.len(),
                })?;
        if !matches!(digits[0], b'0' | b'1') {
            return Err(EnterpriseNumberError::InvalidFirstDigit);
        }
        if mod97::check_digits(mod97::value(&digits[..8])) != mod97::value(&digits[8..]) {
            return Err(EnterpriseNumberError::ChecksumMismatch);
        }
        Ok(EnterpriseNumber(digits))
    }

    /// The ten digits without separators, as stored.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The written form `0403.019.261`.
    pub fn formatted(&self) -> String {
        let s = self.as_str();
        format!("{}.{}.{}", &s[0..4], &s[4..7], &s[7..10])
    }
}

impl FromStr for EnterpriseNumber {
    type Err = EnterpriseNumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EnterpriseNumber::parse(s)
    }
}

impl TryFrom<String> for EnterpriseNumber {
    type Error = EnterpriseNumberError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        EnterpriseNumber::parse(&value)
    }
}

impl From<EnterpriseNumber> for String {
    fn from(number: EnterpriseNumber) -> String {
        number.as_str().to_owned()
    }
}

impl fmt::Display for EnterpriseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.formatted())
    }
}

impl fmt::Debug for EnterpriseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EnterpriseNumber({})", self.formatted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_number_is_accepted_and_written_with_dots() {
        let number = EnterpriseNumber::parse("0403019261").unwrap();
        assert_eq!(number.as_str(), "0403019261");
        assert_eq!(number.formatted(), "0403.019.261");
    }

    #[test]
    fn wrong_check_digits_are_refused() {
        assert_eq!(
            EnterpriseNumber::parse("0431150351"),
            Err(EnterpriseNumberError::ChecksumMismatch)
        );
    }

    #[test]
    fn dots_spaces_country_prefix_and_old_nine_digit_form_are_accepted() {
        for input in [
            "0403.019.261",
            "BE0403019261",
            "be 0403 019 261",
            "BE 0403.019.261",
            "403019261",
        ] {
            assert_eq!(
                EnterpriseNumber::parse(input).unwrap().as_str(),
                "0403019261",
                "{input}"
            );
        }
    }

    #[test]
    fn empty_letters_length_and_first_digit_are_refused() {
        assert_eq!(
            EnterpriseNumber::parse(" "),
            Err(EnterpriseNumberError::Empty)
        );
        assert_eq!(
            EnterpriseNumber::parse("BE"),
            Err(EnterpriseNumberError::Empty)
        );
        assert_eq!(
            EnterpriseNumber::parse("0403O19261"),
            Err(EnterpriseNumberError::InvalidCharacters)
        );
        assert_eq!(
            EnterpriseNumber::parse("04030192"),
            Err(EnterpriseNumberError::WrongLength { found: 8 })
        );
        // 2403019261 has valid-looking check digits for its first eight, but starts with 2.
        let body = 24030192u64;
        let input = format!("{body:08}{:02}", 97 - body % 97);
        assert_eq!(
            EnterpriseNumber::parse(&input),
            Err(EnterpriseNumberError::InvalidFirstDigit)
        );
    }

    #[test]
    fn serde_form_is_the_bare_digits_and_is_validated() {
        let number = EnterpriseNumber::parse("0403.019.261").unwrap();
        assert_eq!(serde_json::to_string(&number).unwrap(), "\"0403019261\"");
        assert!(serde_json::from_str::<EnterpriseNumber>("\"0431150351\"").is_err());
    }

    #[test]
    fn every_error_is_translated() {
        for error in [
            EnterpriseNumberError::Empty,
            EnterpriseNumberError::InvalidCharacters,
            EnterpriseNumberError::WrongLength { found: 3 },
            EnterpriseNumberError::InvalidFirstDigit,
            EnterpriseNumberError::ChecksumMismatch,
        ] {
            let english = error.message(Locale::en);
            for locale in [Locale::de, Locale::fr, Locale::nl] {
                assert_ne!(error.message(locale), english, "{error:?} in {locale:?}");
            }
        }
    }
}
