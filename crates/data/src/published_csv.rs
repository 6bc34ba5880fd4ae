//! The CSV files a site publishes: each dataset as `data/NAME.csv` and each chart's
//! `figur-N.csv`, written through one function so both are safe to open in a spreadsheet.
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula (and some
//! skip a leading tab or carriage return first), so a cell such as `=HYPERLINK(…)` in a
//! report's data would run on a reader's machine. As OWASP recommends, such a text cell is
//! written with a `'` in front and in double quotes, which every spreadsheet shows as text.
//! Numbers stay as written (`-5`, `-0,5` in a number column are numbers, not formulas), and
//! so do the markers of missing and hidden values (`-`, `..`, `<5`, `×`), unless a marker
//! declared in a codebook is itself formula-like.

use crate::privacy::Suppression;
use crate::{records, Dataset, Value};
use std::borrow::Cow;

/// One cell of a published CSV row.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    /// Text, neutralised when a spreadsheet would read it as a formula.
    Text(&'a str),
    /// A number or a marker insikt wrote itself: written as it is.
    Plain(&'a str),
}

/// True when a spreadsheet would take `text` for a formula. A run of dashes alone (the
/// usual "no value" marker `-`) is not one.
pub fn is_formula_like(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !text.chars().all(|c| c == '-')
}

/// `text` as it appears in a published CSV once read back: with a leading `'` when it
/// is formula-like. `datapackage.json` names columns and markers this way, so it
/// describes the file as published.
pub fn published_text(text: &str) -> Cow<'_, str> {
    if is_formula_like(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Appends one row to `out`, cells separated by `delimiter`, ended by a newline. A cell
/// is quoted when it holds the delimiter, a quote or a line break, and always when it was
/// neutralised.
pub fn write_row<'a>(out: &mut String, delimiter: char, cells: impl IntoIterator<Item = Cell<'a>>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(delimiter);
        }
        let (text, force_quotes) = match cell {
            Cell::Text(t) if is_formula_like(t) => (published_text(t), true),
            Cell::Text(t) | Cell::Plain(t) => (Cow::Borrowed(t), false),
        };
        if force_quotes || text.contains([delimiter, '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&text.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&text);
        }
    }
    out.push('\n');
}

/// `data/NAME.csv`: the dataset's file in UTF-8 with its own delimiter, blank lines left
/// out, each hidden count replaced by its marker (`<5`, `×`) and each formula-like text
/// cell neutralised. Cells are taken as written from the loaded text; the typed columns
/// say which cells are numbers, missing or hidden.
pub fn dataset(d: &Dataset) -> String {
    let delimiter = d.detected.delimiter;
    let mut out = String::with_capacity(d.text.len() + d.text.len() / 16);
    let primary = Suppression::Primary.marker(d.min_count);
    let secondary = Suppression::Secondary.marker(d.min_count);
    let mut row = 0;
    let mut header = true;
    for record in records(&d.text, delimiter) {
        let cells = record.iter().enumerate().map(|(c, cell)| {
            let cell = cell.trim();
            if header {
                return Cell::Text(cell);
            }
            match value(d, c, row) {
                Some(Value::Suppressed(Suppression::Primary)) => Cell::Plain(&primary),
                Some(Value::Suppressed(Suppression::Secondary)) => Cell::Plain(&secondary),
                Some(Value::Number(_)) => Cell::Plain(cell),
                _ => Cell::Text(cell),
            }
        });
        write_row(&mut out, delimiter.byte() as char, cells);
        if header {
            header = false;
        } else {
            row += 1;
        }
    }
    out
}

fn value(d: &Dataset, column: usize, row: usize) -> Option<Value<'_>> {
    let column = d.columns.get(column)?;
    (row < column.len()).then(|| column.get(row))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[Cell]) -> String {
        let mut out = String::new();
        write_row(&mut out, ';', cells.iter().copied());
        out
    }

    #[test]
    fn formula_like_text_is_neutralised_and_quoted() {
        assert_eq!(
            row(&[
                Cell::Text("=HYPERLINK(\"http://x\";\"y\")"),
                Cell::Text("+SUM(A1)"),
                Cell::Text("@SUM(A1)"),
                Cell::Text("-2+3"),
                Cell::Text("\tx"),
            ]),
            "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\";\"'+SUM(A1)\";\"'@SUM(A1)\";\"'-2+3\";\"'\tx\"\n"
        );
    }

    #[test]
    fn numbers_markers_and_ordinary_text_stay_as_written() {
        assert_eq!(
            row(&[
                Cell::Plain("-5"),
                Cell::Plain("-0,5"),
                Cell::Text("-"),
                Cell::Text("--"),
                Cell::Plain("<5"),
                Cell::Text("Vårdcentralen; Kil"),
                Cell::Text("a=b"),
            ]),
            "-5;-0,5;-;--;<5;\"Vårdcentralen; Kil\";a=b\n"
        );
    }

    #[test]
    fn published_names_match_the_file() {
        assert_eq!(published_text("=x"), "'=x");
        assert_eq!(published_text("kommun"), "kommun");
        assert_eq!(published_text("-"), "-");
    }
}
