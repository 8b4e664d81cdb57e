//! The mod-97 check shared by Belgian national register and enterprise numbers.

/// The number formed by `digits` (ASCII digits, at most 19 of them).
pub(crate) fn value(digits: &[u8]) -> u64 {
    digits
        .iter()
        .fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0'))
}

/// `97 - (n mod 97)`: the two check digits that must follow `n`.
pub(crate) fn check_digits(n: u64) -> u64 {
    97 - n % 97
}

/// Keeps the ASCII digits of `input`, dropping the separators people type between them
/// (spaces, dots, dashes, slashes). Any other character makes the input invalid.
pub(crate) fn digits_ignoring_separators(input: &str) -> Option<Vec<u8>> {
    let mut digits = Vec::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '0'..='9' => digits.push(c as u8),
            ' ' | '.' | '-' | '/' | '\u{a0}' => {}
            _ => return None,
        }
    }
    Some(digits)
}
