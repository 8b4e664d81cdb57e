//! Rows of integers handed over as one text. The SQLite driver hands a query's rows over one by
//! one from its own thread, and for a few hundred small rows that handing over costs more than
//! finding them: [`packed`] folds every row of a query into one text (`1:7:,2:7:3`), and
//! [`unpacked`] reads it back. Integers only, so no value can hold a separator.

/// The SQL aggregate of one text holding the integer `columns` (NULL allowed) of every row.
pub fn packed(columns: &[&str]) -> String {
    let row = columns
        .iter()
        .map(|column| format!("COALESCE(CAST({column} AS TEXT), '')"))
        .collect::<Vec<_>>()
        .join(" || ':' || ");
    format!("string_agg({row}, ',')")
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
    fn the_aggregate_names_each_column() {
        assert_eq!(
            packed(&["a", "b"]),
            "string_agg(COALESCE(CAST(a AS TEXT), '') || ':' || COALESCE(CAST(b AS TEXT), ''), ',')"
        );
    }
}
