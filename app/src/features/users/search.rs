//! What the search box of a user list looks for: NRN digits (separators ignored) or the start of
//! a family or given name, compared without case and accents.

/// A parsed search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Search {
    /// Everyone.
    All,
    /// NRNs starting with these digits.
    NrnPrefix(String),
    /// Names (family name first, or given name first) starting with this key.
    NamePrefix(String),
}

impl Search {
    /// Reads what was typed: digits with NRN separators (`.`, `-`, space) are an NRN prefix,
    /// anything else a name.
    pub fn parse(text: &str) -> Search {
        let text = text.trim();
        if text.is_empty() {
            return Search::All;
        }
        let nrn_like = text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | ' '))
            && text.chars().any(|c| c.is_ascii_digit());
        if nrn_like {
            let digits: String = text.chars().filter(char::is_ascii_digit).take(11).collect();
            return Search::NrnPrefix(digits);
        }
        let key = name_key(text);
        if key.is_empty() {
            Search::All
        } else {
            Search::NamePrefix(key)
        }
    }

    /// The half-open range `[low, high)` of keys (name keys or NRN digits) that start with
    /// `prefix`, for an index range scan.
    pub fn range(prefix: &str) -> (String, String) {
        // Keys hold only ASCII below '~' (letters, digits, space, '-', '\''), so every key with
        // the prefix sorts before the prefix followed by '~' (byte order: `COLLATE "C"` on
        // PostgreSQL, SQLite's default).
        (prefix.to_owned(), format!("{prefix}~"))
    }
}

/// The key a name is sorted and searched by: transliterated to ASCII, lowercase, runs of
/// anything but letters, digits, `'` and `-` made one space.
pub fn name_key(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_lowercase();
    let mut key = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() || c == '\'' || c == '-' {
            key.push(c);
        } else if !key.is_empty() && !key.ends_with(' ') {
            key.push(' ');
        }
    }
    key.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_nrn_is_found_with_or_without_separators() {
        assert_eq!(
            Search::parse("85.07.30-033"),
            Search::NrnPrefix("850730033".into())
        );
        assert_eq!(
            Search::parse(" 850730 "),
            Search::NrnPrefix("850730".into())
        );
        assert_eq!(Search::parse(""), Search::All);
    }

    #[test]
    fn names_are_compared_without_case_or_accents() {
        assert_eq!(Search::parse("MÜLLER"), Search::NamePrefix("muller".into()));
        assert_eq!(name_key("Ébé  De Smet-Peeters"), "ebe de smet-peeters");
        assert_eq!(name_key("Çelik, Zoë"), "celik zoe");
        assert_eq!(Search::parse("***"), Search::All);
    }

    #[test]
    fn the_range_of_a_prefix_holds_exactly_the_keys_that_start_with_it() {
        let (low, high) = Search::range("van");
        for key in ["van", "van der berg", "vanhove", "van-dam"] {
            assert!(low.as_str() <= key && key < high.as_str(), "{key}");
        }
        for key in ["vam", "vao", "va", "w"] {
            assert!(!(low.as_str() <= key && key < high.as_str()), "{key}");
        }
        let (low, high) = Search::range("8507");
        assert!(low.as_str() <= "85073003328" && "85073003328" < high.as_str());
        assert!("85080000000" >= high.as_str());
    }
}
