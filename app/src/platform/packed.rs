//! Rows of integers handed over as one text. The SQLite driver hands a query's rows over one by
//! one from its own thread, and for a few hundred small rows that handing over costs more than
//! finding them: [`packed`] folds every row of a query into one text (`1:7:,2:7:3`), and
//! [`unpacked`] reads it back. Integers only, so no value can hold a separator. Rows of text
//! (names) come as one text too: [`packed_text`] writes every value after its length in
//! characters (`2:Ab5:Brugge`), so a value may hold any character, and [`unpacked_text`] reads
//! it back.

use crate::domain::LocalizedName;

/// The SQL aggregate of one text holding the integer `columns` (NULL allowed) of every row.
pub fn packed(columns: &[&str]) -> String {
    format!("string_agg({}, ',')", integer_row(columns))
}

/// [`packed`] with the rows in `order` (an `ORDER BY` list of the rows' columns), so that the
/// same rows always pack to the same text. SQLite (3.44 and later) and PostgreSQL both take it.
pub fn packed_in_order(columns: &[&str], order: &str) -> String {
    format!("string_agg({}, ',' ORDER BY {order})", integer_row(columns))
}

/// One row of [`packed`]: the values, NULL as nothing, between colons.
fn integer_row(columns: &[&str]) -> String {
    columns
        .iter()
        .map(|column| format!("COALESCE(CAST({column} AS TEXT), '')"))
        .collect::<Vec<_>>()
        .join(" || ':' || ")
}

/// The rows of a [`packed`] text of `N` columns (`None` for NULL); no rows when the query found
/// none (its aggregate is NULL).
pub fn unpacked<const N: usize>(text: Option<&str>) -> Result<Vec<[Option<i64>; N]>, sqlx::Error> {
    let malformed =
        || sqlx::Error::Decode(format!("a packed row does not hold {N} integers").into());
    text.unwrap_or_default()
        .split(',')
        .filter(|row| !row.is_empty())
        .map(|row| {
            let mut values = [None; N];
            let mut fields = row.split(':');
            for value in &mut values {
                let field = fields.next().ok_or_else(malformed)?;
                if !field.is_empty() {
                    *value = Some(field.parse().map_err(|_| malformed())?);
                }
            }
            match fields.next() {
                None => Ok(values),
                Some(_) => Err(malformed()),
            }
        })
        .collect()
}

/// The SQL aggregate of one text holding the `columns` (text or integers; NULL allowed) of every
/// row, each value written after its length in characters and a colon, NULL as `-:`. Both SQLite
/// and PostgreSQL count a text's `LENGTH` in characters.
pub fn packed_text(columns: &[&str]) -> String {
    format!("string_agg({}, '')", text_row(columns))
}

/// One row of [`packed_text`]: each value after its length and a colon.
fn text_row(columns: &[&str]) -> String {
    columns
        .iter()
        .map(|column| {
            format!(
                "COALESCE(LENGTH(CAST({column} AS TEXT)) || ':' || CAST({column} AS TEXT), '-:')"
            )
        })
        .collect::<Vec<_>>()
        .join(" || ")
}

/// [`packed_text`] with the rows in `order` (an `ORDER BY` list of the rows' columns: an
/// aggregate keeps no order of its own). SQLite (3.44 and later) and PostgreSQL both take it.
pub fn packed_text_in_order(columns: &[&str], order: &str) -> String {
    format!("string_agg({}, '' ORDER BY {order})", text_row(columns))
}

/// The integer in a value of a packed row (an id, a count, a version).
pub fn integer(value: &Option<String>) -> Result<i64, sqlx::Error> {
    value
        .as_deref()
        .and_then(|text| text.parse().ok())
        .ok_or_else(|| sqlx::Error::Decode("a packed value is not an integer".into()))
}

/// The text in a value of a packed row that may not be NULL.
pub fn text(value: Option<String>) -> Result<String, sqlx::Error> {
    value.ok_or_else(|| sqlx::Error::Decode("a packed value is NULL".into()))
}

/// The four names of a catalogue row (German, French, Dutch, English) in a packed row.
pub fn localized([de, fr, nl, en]: [Option<String>; 4]) -> Result<LocalizedName, sqlx::Error> {
    Ok(LocalizedName {
        de: text(de)?,
        fr: text(fr)?,
        nl: text(nl)?,
        en: text(en)?,
    })
}

/// The rows of a [`packed_text`] text of `N` columns (`None` for NULL); no rows when the query
/// found none (its aggregate is NULL).
pub fn unpacked_text<const N: usize>(
    text: Option<&str>,
) -> Result<Vec<[Option<String>; N]>, sqlx::Error> {
    let malformed = || sqlx::Error::Decode(format!("a packed row does not hold {N} values").into());
    let mut rest = text.unwrap_or_default();
    let mut rows = Vec::new();
    while !rest.is_empty() {
        let mut row: [Option<String>; N] = std::array::from_fn(|_| None);
        for value in &mut row {
            let (length, after) = rest.split_once(':').ok_or_else(malformed)?;
            if length == "-" {
                rest = after;
                continue;
            }
            let chars: usize = length.parse().map_err(|_| malformed())?;
            let end = match after.char_indices().nth(chars) {
                Some((end, _)) => end,
                None if after.chars().count() == chars => after.len(),
                None => return Err(malformed()),
            };
            *value = Some(after[..end].to_owned());
            rest = &after[end..];
        }
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_read_back_as_they_were_packed() {
        let rows = unpacked::<3>(Some("1:7:,2:7:3,-4::5")).unwrap();
        assert_eq!(
            rows,
            vec![
                [Some(1), Some(7), None],
                [Some(2), Some(7), Some(3)],
                [Some(-4), None, Some(5)]
            ]
        );
    }

    #[test]
    fn no_rows_are_an_empty_list() {
        assert_eq!(unpacked::<2>(None).unwrap(), Vec::<[Option<i64>; 2]>::new());
        assert_eq!(
            unpacked::<2>(Some("")).unwrap(),
            Vec::<[Option<i64>; 2]>::new()
        );
    }

    #[test]
    fn a_row_of_another_width_or_a_word_is_an_error() {
        assert!(unpacked::<2>(Some("1:2:3")).is_err());
        assert!(unpacked::<3>(Some("1:2")).is_err());
        assert!(unpacked::<2>(Some("1:x")).is_err());
    }

    #[test]
    fn text_rows_read_back_whatever_they_hold() {
        let text = "1:72:Ab-:1:83:été7:a:b,c:d";
        let rows = unpacked_text::<3>(Some(text)).unwrap();
        let owned = |v: &str| Some(v.to_owned());
        assert_eq!(
            rows,
            vec![
                [owned("7"), owned("Ab"), None],
                [owned("8"), owned("été"), owned("a:b,c:d")]
            ]
        );
        assert_eq!(
            unpacked_text::<2>(None).unwrap(),
            Vec::<[Option<String>; 2]>::new()
        );
    }

    #[test]
    fn a_text_row_cut_short_or_without_lengths_is_an_error() {
        assert!(unpacked_text::<2>(Some("1:7")).is_err());
        assert!(unpacked_text::<1>(Some("5:abc")).is_err());
        assert!(unpacked_text::<1>(Some("x:abc")).is_err());
        assert!(unpacked_text::<2>(Some("1:a1:b1:c")).is_err());
    }
}
