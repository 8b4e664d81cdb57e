//! Text that people type and other people read: names of persons and enterprises. Such text is
//! stored in one canonical form (Unicode NFC, single plain spaces) and may not carry characters
//! that are invisible or change how the text around them is drawn — control characters,
//! format characters such as U+202E (right-to-left override) or U+200B (zero-width space),
//! line and paragraph separators, private-use and unassigned code points — because those make
//! one name look like another in lists and in the audit trail.

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Why a text was refused as a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    /// Nothing but spaces.
    #[error("the name is empty")]
    Empty,
    /// Longer than allowed.
    #[error("the name is too long")]
    TooLong,
    /// A control, format or other invisible character.
    #[error("the name contains control or invisible formatting characters")]
    Invisible,
    /// Not a single letter.
    #[error("the name contains no letter")]
    NoLetter,
}

/// Whether `c` is invisible or reorders or hides the text around it (Unicode categories Cc, Cf,
/// Co, Cn, Cs, Zl, Zp).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c.general_category(),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::PrivateUse
            | GeneralCategory::Unassigned
            | GeneralCategory::Surrogate
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    )
}

/// `input` in canonical form — NFC, every kind of space a plain one, runs of spaces folded,
/// trimmed — when it is a name of 1 to `max_chars` characters with at least one letter and
/// nothing invisible.
pub fn clean_name(input: &str, max_chars: usize) -> Result<String, NameError> {
    let mut cleaned = String::with_capacity(input.len());
    for c in input.nfc() {
        if c.general_category() == GeneralCategory::SpaceSeparator || c == '\t' {
            if !cleaned.is_empty() && !cleaned.ends_with(' ') {
                cleaned.push(' ');
            }
        } else if is_invisible(c) {
            return Err(NameError::Invisible);
        } else {
            cleaned.push(c);
        }
    }
    let cleaned = cleaned.trim_end().to_owned();
    if cleaned.is_empty() {
        return Err(NameError::Empty);
    }
    if cleaned.chars().count() > max_chars {
        return Err(NameError::TooLong);
    }
    if !cleaned.chars().any(char::is_alphabetic) {
        return Err(NameError::NoLetter);
    }
    Ok(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_stored_in_nfc_with_single_plain_spaces() {
        // "é" typed as e + combining acute becomes the one precomposed character.
        assert_eq!(clean_name("Rene\u{301}e", 100).unwrap(), "Ren\u{e9}e");
        assert_eq!(
            clean_name("  Jean\u{a0}\u{3000}  Luc\t", 100).unwrap(),
            "Jean Luc"
        );
        assert_eq!(clean_name("O'Brien-Żółć", 100).unwrap(), "O'Brien-Żółć");
    }

    #[test]
    fn names_with_control_or_format_characters_are_refused() {
        for spoof in [
            "Anna\u{202e}sreteeP",
            "An\u{200b}na",
            "Anna\u{2066}",
            "Anna\u{feff}",
            "Anna\u{7}",
            "Anna\nPeeters",
            "Anna\u{2028}",
            "Anna\u{e000}",
            "Anna\u{ad}",
        ] {
            assert_eq!(
                clean_name(spoof, 100),
                Err(NameError::Invisible),
                "{spoof:?}"
            );
        }
    }

    #[test]
    fn empty_long_and_letterless_names_are_refused() {
        assert_eq!(clean_name(" \u{a0} ", 100), Err(NameError::Empty));
        assert_eq!(clean_name(&"a".repeat(101), 100), Err(NameError::TooLong));
        assert_eq!(
            clean_name(&"é".repeat(100), 100).unwrap().chars().count(),
            100
        );
        assert_eq!(clean_name("--- ...", 100), Err(NameError::NoLetter));
    }
}
