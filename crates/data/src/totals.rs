//! Total rows: a row whose dimension holds the total of the rows that differ from it only
//! there (`I alt` beside `0-1 sysselsatte` …). A chart draws them beside their parts only
//! when asked (`include_totals: true`), and codebook statistics leave them out, so that a
//! total is neither the tallest bar nor the maximum.

use super::privacy::is_total_word;
use super::{Dataset, FieldType, Value};

/// For each column, the value that marks its total rows: the field's `total:`, else, in a
/// text column, a total word (`Totalt`, `I alt`, `yhteensä`) — when the column has other
/// values too (a column that is `yhteensä` on every row totals nothing).
pub fn total_values(dataset: &Dataset) -> Vec<Option<String>> {
    dataset
        .fields
        .iter()
        .zip(&dataset.columns)
        .map(|(field, column)| {
            if let Some(total) = &field.total {
                return Some(total.clone());
            }
            if field.kind != FieldType::String {
                return None;
            }
            // Each distinct text once: a column of a million rows has a few hundred.
            let mut total = None;
            let mut others = false;
            for t in column.distinct_texts() {
                if is_total_word(t) {
                    total.get_or_insert(t);
                } else {
                    others = true;
                }
                if total.is_some() && others {
                    break;
                }
            }
            total.filter(|_| others).map(|t| t.to_string())
        })
        .collect()
}

/// For each row, whether it is a total in some column other than those of `except`.
pub fn total_rows(dataset: &Dataset, except: &[usize]) -> Vec<bool> {
    let totals = total_values(dataset);
    let mut rows = vec![false; dataset.rows];
    for (c, total) in totals.iter().enumerate() {
        let Some(total) = total else { continue };
        if except.contains(&c) {
            continue;
        }
        for (row, v) in dataset.columns[c].iter().enumerate() {
            if v == Value::Text(total) {
                rows[row] = true;
            }
        }
    }
    rows
}
