//! The Belgian national register number (NRN, Rijksregisternummer, numéro de registre national).
//!
//! Eleven digits `YYMMDD SSS CC`: date of birth, a sequence number (odd for men, even for women),
//! and check digits `97 - (YYMMDDSSS mod 97)`; for people born in 2000 or later the check is
//! computed over `2YYMMDDSSS`. BIS numbers (people not in the register) add 20 or 40 to the
//! month. Month and day may be `00` when the date of birth is not fully known.

use super::mod97;
use crate::i18n::{Locale, td_string};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A national register or BIS number whose check digits and date are valid.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nrn {
    digits: [u8; 11],
    born_after_1999: bool,
}

/// Which register issued the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NrnKind {
    /// The national register (Belgian residents).
    Register,
    /// The BIS register (people not in the national register), month + 20 or + 40.
    Bis,
}

/// Why a text is not a national register number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NrnError {
    /// Nothing was entered.
    #[error("no national register number given")]
    Empty,
    /// Letters or other characters besides digits and separators.
    #[error("a national register number contains only digits")]
    InvalidCharacters,
    /// Not eleven digits.
    #[error("a national register number has 11 digits, not {found}")]
    WrongLength {
        /// How many digits were entered.
        found: usize,
    },
    /// The first six digits are no possible date of birth.
    #[error("the date of birth in this national register number does not exist")]
    InvalidDate,
    /// The check digits match neither the 1900s nor the 2000s.
    #[error("the check digits of this national register number do not match")]
    ChecksumMismatch,
}

impl NrnError {
    /// The message shown next to the field, in the person's language.
    pub fn message(&self, locale: Locale) -> &'static str {
        match self {
            NrnError::Empty => td_string!(locale, validation.nrn_empty),
            NrnError::InvalidCharacters => td_string!(locale, validation.nrn_characters),
            NrnError::WrongLength { .. } => td_string!(locale, validation.nrn_length),
            NrnError::InvalidDate => td_string!(locale, validation.nrn_date),
            NrnError::ChecksumMismatch => td_string!(locale, validation.nrn_checksum),
        }
    }
}

impl Nrn {
    /// The `index`-th of a fixed sequence of distinct valid numbers of people born 1950–1999
    /// (about 16 million), for generated test and benchmark data.
    pub fn synthetic(index: u64) -> Nrn {
        let serial = index % 997 + 1;
        let day = (index / 997) % 28 + 1;
        let month = (index / (997 * 28)) % 12 + 1;
        let year = 50 + (index / (997 * 28 * 12)) % 50;
        let body = year * 10_000_000 + month * 100_000 + day * 1000 + serial;
        let number = format!("{body:09}{:02}", mod97::check_digits(body));
        Nrn::parse(&number).expect("a synthetic national register number is valid")
    }

    /// Parses what a person typed: `85073003328`, `85.07.30-033.28` or `850730 033 28`.
    pub fn parse(input: &str) -> Result<Nrn, NrnError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(NrnError::Empty);
        }
        let digits =
            mod97::digits_ignoring_separators(trimmed).ok_or(NrnError::InvalidCharacters)?;
        let digits: [u8; 11] = digits
            .as_slice()
            .try_into()
            .map_err(|_| NrnError::WrongLength {
                found: digits.len(),
            })?;
        let body = mod97::value(&digits[..9]);
        let check = mod97::value(&digits[9..]);
        let born_after_1999 = if mod97::check_digits(body) == check {
            false
        } else if mod97::check_digits(2_000_000_000 + body) == check {
            true
        } else {
            return Err(NrnError::ChecksumMismatch);
        };
        let nrn = Nrn {
            digits,
            born_after_1999,
        };
        if !nrn.has_possible_birth_date() {
            return Err(NrnError::InvalidDate);
        }
        Ok(nrn)
    }

    /// The eleven digits without separators, as stored.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.digits).unwrap_or_default()
    }

    /// The usual written form `YY.MM.DD-SSS.CC`.
    pub fn formatted(&self) -> String {
        let s = self.as_str();
        format!(
            "{}.{}.{}-{}.{}",
            &s[0..2],
            &s[2..4],
            &s[4..6],
            &s[6..9],
            &s[9..11]
        )
    }

    /// National register or BIS register.
    pub fn kind(&self) -> NrnKind {
        if self.raw_month() >= 20 {
            NrnKind::Bis
        } else {
            NrnKind::Register
        }
    }

    /// The year of birth the check digits imply (1900–1999 or 2000–2099).
    pub fn birth_year(&self) -> u16 {
        let yy = mod97::value(&self.digits[0..2]) as u16;
        if self.born_after_1999 {
            2000 + yy
        } else {
            1900 + yy
        }
    }

    /// Month of birth 1–12, or `None` when unknown (`00`).
    pub fn birth_month(&self) -> Option<u8> {
        let month = self.raw_month() % 20;
        (month != 0).then_some(month)
    }

    /// Day of birth 1–31, or `None` when unknown (`00`).
    pub fn birth_day(&self) -> Option<u8> {
        let day = mod97::value(&self.digits[4..6]) as u8;
        (day != 0).then_some(day)
    }

    fn raw_month(&self) -> u8 {
        mod97::value(&self.digits[2..4]) as u8
    }

    fn has_possible_birth_date(&self) -> bool {
        let raw_month = self.raw_month();
        let month = match raw_month {
            0..=12 => raw_month,
            20..=32 => raw_month - 20,
            40..=52 => raw_month - 40,
            _ => return false,
        };
        let day = mod97::value(&self.digits[4..6]) as u8;
        match (month, day) {
            (_, 0) => month <= 12,
            (0, day) => day <= 31,
            (month, day) => day <= days_in_month(self.birth_year(), month),
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for Nrn {
    type Err = NrnError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Nrn::parse(s)
    }
}

impl TryFrom<String> for Nrn {
    type Error = NrnError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Nrn::parse(&value)
    }
}

impl From<Nrn> for String {
    fn from(nrn: Nrn) -> String {
        nrn.as_str().to_owned()
    }
}

impl fmt::Display for Nrn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.formatted())
    }
}

impl fmt::Debug for Nrn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nrn({})", self.formatted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_number_of_a_person_born_in_1985() {
        let nrn = Nrn::parse("85073003328").unwrap();
        assert_eq!(nrn.birth_year(), 1985);
        assert_eq!((nrn.birth_month(), nrn.birth_day()), (Some(7), Some(30)));
        assert_eq!(nrn.kind(), NrnKind::Register);
        assert_eq!(nrn.formatted(), "85.07.30-033.28");
    }

    #[test]
    fn number_valid_only_with_the_2000_rule_is_a_person_born_in_2017() {
        let nrn = Nrn::parse("17073003384").unwrap();
        assert_eq!(nrn.birth_year(), 2017);
    }

    #[test]
    fn synthetic_numbers_are_valid_and_distinct() {
        let numbers: std::collections::HashSet<String> = (0..50_000)
            .map(|i| Nrn::synthetic(i * 331).as_str().to_owned())
            .collect();
        assert_eq!(numbers.len(), 50_000);
    }

    #[test]
    fn wrong_check_digits_are_refused() {
        assert_eq!(Nrn::parse("85073003329"), Err(NrnError::ChecksumMismatch));
    }

    #[test]
    fn separators_people_type_are_accepted_and_dropped() {
        for input in [
            "85.07.30-033.28",
            " 850730 033 28 ",
            "850730-033-28",
            "85073003328",
        ] {
            assert_eq!(
                Nrn::parse(input).unwrap().as_str(),
                "85073003328",
                "{input}"
            );
        }
    }

    #[test]
    fn letters_wrong_length_and_empty_input_are_refused() {
        assert_eq!(Nrn::parse(""), Err(NrnError::Empty));
        assert_eq!(Nrn::parse("   "), Err(NrnError::Empty));
        assert_eq!(Nrn::parse("8507300332A"), Err(NrnError::InvalidCharacters));
        assert_eq!(
            Nrn::parse("8507300332"),
            Err(NrnError::WrongLength { found: 10 })
        );
        assert_eq!(
            Nrn::parse("850730033280"),
            Err(NrnError::WrongLength { found: 12 })
        );
    }

    fn with_check_digits(body: &str, after_1999: bool) -> String {
        let n: u64 = body.parse().unwrap();
        let n = if after_1999 { 2_000_000_000 + n } else { n };
        format!("{body}{:02}", 97 - n % 97)
    }

    #[test]
    fn bis_numbers_add_20_or_40_to_the_month() {
        for body in ["852730033", "854730033"] {
            let nrn = Nrn::parse(&with_check_digits(body, false)).unwrap();
            assert_eq!(nrn.kind(), NrnKind::Bis);
            assert_eq!(nrn.birth_month(), Some(7));
        }
    }

    #[test]
    fn unknown_month_or_day_of_birth_is_allowed() {
        for body in ["850000033", "850700033", "852000033", "854000033"] {
            assert!(
                Nrn::parse(&with_check_digits(body, false)).is_ok(),
                "{body}"
            );
        }
    }

    #[test]
    fn dates_that_do_not_exist_are_refused() {
        for (body, after_1999) in [
            ("851330033", false), // month 13
            ("853330033", false), // BIS month 13
            ("856030033", false), // month 60
            ("850732033", false), // 32 July
            ("850231033", false), // 31 February
            ("010229033", true),  // 29 February 2001
        ] {
            let input = with_check_digits(body, after_1999);
            assert_eq!(Nrn::parse(&input), Err(NrnError::InvalidDate), "{input}");
        }
        assert!(
            Nrn::parse(&with_check_digits("000229033", true)).is_ok(),
            "29 February 2000"
        );
    }

    #[test]
    fn serde_form_is_the_bare_digits_and_is_validated() {
        let nrn = Nrn::parse("85.07.30-033.28").unwrap();
        assert_eq!(serde_json::to_string(&nrn).unwrap(), "\"85073003328\"");
        assert_eq!(serde_json::from_str::<Nrn>("\"85073003328\"").unwrap(), nrn);
        assert!(serde_json::from_str::<Nrn>("\"85073003329\"").is_err());
    }

    #[test]
    fn every_error_is_translated() {
        for error in [
            NrnError::Empty,
            NrnError::InvalidCharacters,
            NrnError::WrongLength { found: 3 },
            NrnError::InvalidDate,
            NrnError::ChecksumMismatch,
        ] {
            let english = error.message(Locale::en);
            for locale in [Locale::de, Locale::fr, Locale::nl] {
                assert_ne!(error.message(locale), english, "{error:?} in {locale:?}");
            }
        }
    }
}
