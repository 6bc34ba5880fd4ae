//! Small-number suppression: counts from 1 to `min_count − 1` are removed from a dataset
//! as it is loaded, before anything is rendered, so no chart, table, statistic, download or
//! index can show them. Where the dataset publishes totals, further cells are hidden so that
//! no hidden count can be worked out by subtracting published cells from a total.
//!
//! The rule for totals (see the README's Privacy section): in every *line* — a total and the
//! cells it adds up — either nothing is hidden, or at least two cells are; and when the total
//! is published, the hidden cells together add up to 0 or to at least `min_count`, so their
//! sum (which a reader can compute) is not itself a small count. Cells are added smallest
//! first, never a zero (hiding a zero does not help), and the total itself only when no other
//! cell is left.

use super::codebook::{Role, TotalColumn};
use super::decode::records;
use super::{Dataset, Value};
use insikt_core::diagnostic::{Diagnostic, Diagnostics, Location};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

/// Words that mark a total row or column when the codebook does not say (compared
/// case-insensitively), in the report languages.
const TOTAL_WORDS: &[&str] = &[
    "total",
    "totalt",
    "totals",
    "summa",
    "sum",
    "i alt",
    "ialt",
    "samlet",
    "yhteensä",
    "kaikki yhteensä",
    "alle",
];

/// Why a cell is not published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suppression {
    /// A count from 1 to `min_count − 1` (or a zero, where the codebook hides zeros).
    Primary,
    /// Hidden so that a primary cell cannot be worked out from a published total.
    Secondary,
}

impl Suppression {
    /// How the cell is written where its value would be: `<5` for a primary cell (with the
    /// threshold in use), `×` for a secondary one.
    pub fn marker(self, min_count: u32) -> String {
        match self {
            Suppression::Primary => format!("<{min_count}"),
            Suppression::Secondary => "×".to_string(),
        }
    }

    /// `primary` or `secondary`, for the suppression report.
    pub fn key(self) -> &'static str {
        match self {
            Suppression::Primary => "primary",
            Suppression::Secondary => "secondary",
        }
    }
}

/// The settings that apply to one dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threshold {
    /// Counts below this (and above zero) are hidden.
    pub min_count: u32,
    /// Whether zeros are hidden too.
    pub suppress_zeros: bool,
}

/// A total and the cells it adds up, as indices into one flat list of cells.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TotalLine {
    /// The cell holding the total.
    pub total: usize,
    /// The cells that add up to it.
    pub parts: Vec<usize>,
}

/// One hidden cell, for the suppression report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuppressedCell {
    /// The line of the CSV file the row is on.
    pub line: usize,
    /// The column's name.
    pub column: String,
    /// The row's other values, to recognise it by (`kommun=Arvika, kön=kvinna`).
    pub row: String,
    /// Why.
    pub why: Suppression,
}

/// Marks the cells to hide beyond `hidden` (which holds the primary cells) so that every
/// line obeys the rule in the module documentation. `values` are the counts.
fn protect(
    values: &[f64],
    lines: &[TotalLine],
    min_count: u32,
    hidden: &mut [Option<Suppression>],
) {
    let min = f64::from(min_count);
    loop {
        let mut changed = false;
        for line in lines {
            while violates(values, line, min, hidden) {
                let candidate = line
                    .parts
                    .iter()
                    .copied()
                    .filter(|&i| hidden[i].is_none() && values[i] != 0.0)
                    .min_by(|&a, &b| values[a].total_cmp(&values[b]).then(a.cmp(&b)))
                    .or((hidden[line.total].is_none()).then_some(line.total));
                let Some(i) = candidate else { break };
                hidden[i] = Some(Suppression::Secondary);
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

/// Whether a reader could work out a hidden cell of `line`, or a small sum of hidden cells.
fn violates(values: &[f64], line: &TotalLine, min: f64, hidden: &[Option<Suppression>]) -> bool {
    let hidden_parts: Vec<usize> = line
        .parts
        .iter()
        .copied()
        .filter(|&i| hidden[i].is_some())
        .collect();
    let total_hidden = hidden[line.total].is_some();
    let count = hidden_parts.len() + usize::from(total_hidden);
    if count == 1 {
        return true;
    }
    let sum: f64 = hidden_parts.iter().map(|&i| values[i]).sum();
    !total_hidden && sum > 0.0 && sum < min
}

/// Hides the small counts of `dataset` and what protects them, replaces its published CSV
/// by one with those cells marked, and returns notes about totals that were recognised
/// without being declared.
pub fn suppress(dataset: &mut Dataset, threshold: Threshold) -> Vec<String> {
    let mut notes = Vec::new();
    let counts: Vec<usize> = (0..dataset.fields.len())
        .filter(|&c| dataset.fields[c].role == Some(Role::Count))
        .collect();
    dataset.min_count = threshold.min_count;
    if counts.is_empty() {
        return notes;
    }
    let rows = dataset.rows;
    let width = counts.len();
    let cell = |row: usize, k: usize| row * width + k;
    let values: Vec<f64> = (0..rows)
        .flat_map(|r| counts.iter().map(move |&c| (r, c)))
        .map(|(r, c)| dataset.columns[c].get(r).number().unwrap_or(0.0))
        .collect();
    let min = f64::from(threshold.min_count);
    let mut hidden: Vec<Option<Suppression>> = (0..rows)
        .flat_map(|r| counts.iter().map(move |&c| (r, c)))
        .map(|(r, c)| {
            let v = dataset.columns[c].get(r).number()?;
            let small = v > 0.0 && v < min;
            let zero = v == 0.0 && threshold.suppress_zeros;
            (small || zero).then_some(Suppression::Primary)
        })
        .collect();

    let mut lines = Vec::new();
    for (total, parts) in total_columns(dataset, &counts, &mut notes) {
        for r in 0..rows {
            lines.push(TotalLine {
                total: cell(r, total),
                parts: parts.iter().map(|&k| cell(r, k)).collect(),
            });
        }
    }
    let mut is_count = vec![false; dataset.fields.len()];
    for &c in &counts {
        is_count[c] = true;
    }
    for (row, parts) in total_rows(dataset, &is_count, &mut notes) {
        for k in 0..width {
            lines.push(TotalLine {
                total: cell(row, k),
                parts: parts.iter().map(|&p| cell(p, k)).collect(),
            });
        }
    }
    protect(&values, &lines, threshold.min_count, &mut hidden);

    for r in 0..rows {
        let mut labels = None;
        for (k, &c) in counts.iter().enumerate() {
            if let Some(why) = hidden[cell(r, k)] {
                let row = labels
                    .get_or_insert_with(|| row_labels(dataset, r, &is_count))
                    .clone();
                dataset.columns[c].hide(r, why);
                dataset.suppressed.push(SuppressedCell {
                    line: dataset.lines[r],
                    column: dataset.fields[c].name.clone(),
                    row,
                    why,
                });
            }
        }
    }
    if !dataset.suppressed.is_empty() {
        dataset.text = published_csv(dataset);
    }
    notes
}

/// The declared total columns, or the count columns named like a total: each as (the total's
/// index among `counts`, the indices it adds up).
fn total_columns(
    dataset: &Dataset,
    counts: &[usize],
    notes: &mut Vec<String>,
) -> Vec<(usize, Vec<usize>)> {
    let index_of = |name: &str| counts.iter().position(|&c| dataset.fields[c].name == name);
    let declared: Vec<(usize, Option<Vec<usize>>)> = dataset
        .codebook
        .totals
        .iter()
        .filter_map(|t| match t {
            TotalColumn::All(name) => Some((index_of(name)?, None)),
            TotalColumn::Of { column, of } => Some((
                index_of(column)?,
                Some(of.iter().filter_map(|n| index_of(n)).collect()),
            )),
        })
        .collect();
    let totals: Vec<(usize, Option<Vec<usize>>)> = if dataset.codebook.totals.is_empty() {
        let found: Vec<(usize, Option<Vec<usize>>)> = (0..counts.len())
            .filter(|&k| {
                let f = &dataset.fields[counts[k]];
                is_total_word(&f.name) || f.title.as_deref().is_some_and(is_total_word)
            })
            .map(|k| (k, None))
            .collect();
        for (k, _) in &found {
            notes.push(format!(
                "{}: the column `{}` is taken to be the total of the other count columns; say so with `totals: [{}]` in the codebook",
                dataset.csv_file.display(),
                dataset.fields[counts[*k]].name,
                dataset.fields[counts[*k]].name
            ));
        }
        found
    } else {
        declared
    };
    let total_set: Vec<usize> = totals.iter().map(|(k, _)| *k).collect();
    totals
        .into_iter()
        .map(|(k, of)| {
            let parts = of.unwrap_or_else(|| {
                (0..counts.len())
                    .filter(|p| !total_set.contains(p))
                    .collect()
            });
            (k, parts)
        })
        .filter(|(_, parts)| !parts.is_empty())
        .collect()
}

/// The total rows: each as (its row, the rows it adds up). A row is a total of the column
/// `c` when `c` holds the field's `total` value (or, undeclared, a word like `Totalt`); it
/// adds up the rows that differ in `c` and agree with it in every other descriptive column
/// (a missing value in the total row matches anything). `is_count` marks the count columns.
fn total_rows(
    dataset: &Dataset,
    is_count: &[bool],
    notes: &mut Vec<String>,
) -> Vec<(usize, Vec<usize>)> {
    let descriptive: Vec<usize> = (0..dataset.fields.len())
        .filter(|&c| {
            let f = &dataset.fields[c];
            !(is_count[c] || f.role == Some(Role::Measure) || f.kind.is_numeric())
        })
        .collect();
    let mut out = Vec::new();
    for &c in &descriptive {
        let field = &dataset.fields[c];
        let values = &dataset.columns[c];
        let marker: Option<String> = match &field.total {
            Some(t) => Some(t.clone()),
            None => {
                let found = values.iter().find_map(|v| match v {
                    Value::Text(t) if is_total_word(t) => Some(t.to_string()),
                    _ => None,
                });
                if let Some(t) = &found {
                    notes.push(format!(
                        "{}: rows with `{t}` in `{}` are taken to be totals of the other rows; say so with `total: {t}` on that field in the codebook",
                        dataset.csv_file.display(),
                        field.name
                    ));
                }
                found
            }
        };
        let Some(marker) = marker else { continue };
        let is_total = |r: usize| matches!(values.get(r), Value::Text(t) if t == marker);
        let others: Vec<usize> = descriptive.iter().copied().filter(|&o| o != c).collect();
        // The rows that may be parts, by their values in the other descriptive columns, so
        // a total row finds its parts without scanning every row.
        let key = |r: usize| -> String {
            others
                .iter()
                .map(|&o| dataset.display(o, r, insikt_core::language::Language::En))
                .collect::<Vec<_>>()
                .join("\u{1f}")
        };
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for p in (0..dataset.rows).filter(|&p| !is_total(p) && values.get(p) != Value::Missing) {
            by_key.entry(key(p)).or_default().push(p);
        }
        for t in (0..dataset.rows).filter(|&r| is_total(r)) {
            let wildcard = others
                .iter()
                .any(|&o| dataset.columns[o].get(t) == Value::Missing);
            let parts: Vec<usize> = if wildcard {
                // A missing value in the total row matches anything: compare row by row.
                by_key
                    .values()
                    .flatten()
                    .copied()
                    .filter(|&p| {
                        others.iter().all(|&o| {
                            let tv = dataset.columns[o].get(t);
                            tv == Value::Missing || tv == dataset.columns[o].get(p)
                        })
                    })
                    .collect()
            } else {
                by_key.get(&key(t)).cloned().unwrap_or_default()
            };
            if !parts.is_empty() {
                let mut parts = parts;
                parts.sort_unstable();
                out.push((t, parts));
            }
        }
    }
    out
}

/// True for a word that marks a total (`Totalt`, `I alt`, `yhteensä`).
pub(crate) fn is_total_word(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    TOTAL_WORDS.contains(&lower.as_str())
}

/// The row's non-count values (`is_count` by column), `name=value, …`, to recognise it by
/// in the report.
fn row_labels(dataset: &Dataset, row: usize, is_count: &[bool]) -> String {
    (0..dataset.fields.len())
        .filter(|&c| !is_count[c])
        .filter_map(|c| match dataset.columns[c].get(row) {
            Value::Text(t) => Some(format!("{}={t}", dataset.fields[c].name)),
            Value::Number(n) => Some(format!("{}={n}", dataset.fields[c].name)),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The dataset's CSV as published: the file as written, with each hidden cell replaced by
/// its marker, in the same delimiter.
fn published_csv(dataset: &Dataset) -> String {
    let delimiter = dataset.detected.delimiter.byte() as char;
    let mut out = String::with_capacity(dataset.text.len());
    for (i, cells) in records(&dataset.text, dataset.detected.delimiter).enumerate() {
        for (c, cell) in cells.into_iter().enumerate() {
            if c > 0 {
                out.push(delimiter);
            }
            let text = match i
                .checked_sub(1)
                .and_then(|r| dataset.columns.get(c).map(|col| col.get(r)))
            {
                Some(Value::Suppressed(why)) => Cow::Owned(why.marker(dataset.min_count)),
                _ => cell,
            };
            if text.contains([delimiter, '"', '\n', '\r']) {
                let _ = write!(out, "\"{}\"", text.replace('"', "\"\""));
            } else {
                out.push_str(&text);
            }
        }
        out.push('\n');
    }
    out
}

/// Checks what a codebook says about counts and totals, since a mistake there would
/// silently publish what it meant to hide: a count must be a number field; every column
/// named in `totals` must be a count field of the dataset; a `total:` value must occur in
/// its column.
pub fn check_codebook(
    dataset: &Dataset,
    yaml_file: &Path,
    yaml_text: &str,
) -> Result<(), Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let at_field = |name: &str, message: String, help: &str| {
        Diagnostic::at(
            yaml_file,
            yaml_text,
            super::find_name(yaml_text, name),
            message,
        )
        .with_help(help)
    };
    let counts: Vec<&str> = dataset
        .fields
        .iter()
        .filter(|f| f.role == Some(Role::Count))
        .map(|f| f.name.as_str())
        .collect();
    for (c, f) in dataset.fields.iter().enumerate() {
        if f.role == Some(Role::Count) && !f.kind.is_numeric() {
            diagnostics.push(at_field(
                &f.name,
                format!(
                    "the field `{}` is a count (`role: count`) but its type is `{}`",
                    f.name,
                    f.kind.key()
                ),
                "counts are `type: integer` (or `number`); correct the type or the role",
            ));
        }
        let Some(total) = &f.total else { continue };
        let found = dataset.columns[c]
            .iter()
            .any(|v| matches!(v, Value::Text(t) if t == total.as_str()));
        if !found {
            diagnostics.push(at_field(
                &f.name,
                format!(
                    "the field `{}` says `total: {total}`, but no row has `{total}` in that column",
                    f.name
                ),
                "write the value exactly as in the CSV, or remove `total:`",
            ));
        }
    }
    let named = dataset.codebook.totals.iter().flat_map(|t| match t {
        TotalColumn::All(name) => vec![name],
        TotalColumn::Of { column, of } => std::iter::once(column).chain(of).collect(),
    });
    for name in named {
        if !counts.contains(&name.as_str()) {
            let location = yaml_text
                .lines()
                .position(|l| l.starts_with("totals:"))
                .map(|i| Location::new(i + 1, 1))
                .unwrap_or(Location::new(1, 1));
            let help = match insikt_core::diagnostic::did_you_mean(name, &counts) {
                Some(s) => format!(
                    "did you mean `{s}`? The count fields are: {}",
                    counts.join(", ")
                ),
                None => format!("the count fields are: {}", counts.join(", ")),
            };
            diagnostics.push(
                Diagnostic::at(
                    yaml_file,
                    yaml_text,
                    location,
                    format!("`totals` names `{name}`, which is not a count field (`role: count`) of the dataset"),
                )
                .with_help(help),
            );
        }
    }
    if diagnostics.is_empty() {
        Ok(())
    } else {
        Err(diagnostics)
    }
}

/// The suppression report: per dataset, which cells were hidden and why. Written next to
/// the output folder, never inside it.
pub fn report(datasets: &super::Datasets) -> String {
    let mut out = String::from("# Suppression report\n\nWritten by `insikt build`. Not published: it names the cells that were hidden.\nPrimary: a count from 1 to min_count − 1 (or a zero where the codebook hides zeros).\nSecondary: hidden so that a primary cell cannot be worked out from a published total.\n");
    for d in datasets.by_name.values() {
        let _ = write!(
            out,
            "\n## {} (`{}`)\n\nmin_count {}",
            d.title(),
            d.csv_file.display(),
            d.min_count
        );
        let primary = d
            .suppressed
            .iter()
            .filter(|s| s.why == Suppression::Primary)
            .count();
        let _ = writeln!(
            out,
            "; {} cells hidden: {primary} primary, {} secondary.\n",
            d.suppressed.len(),
            d.suppressed.len() - primary
        );
        if d.suppressed.is_empty() {
            continue;
        }
        out.push_str("| line | column | row | why |\n|---|---|---|---|\n");
        for s in &d.suppressed {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                s.line,
                s.column,
                s.row.replace('|', "\\|"),
                s.why.key()
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hidden_after(values: &[f64], lines: &[TotalLine], min: u32) -> Vec<Option<Suppression>> {
        let mut hidden: Vec<Option<Suppression>> = values
            .iter()
            .map(|&v| (v > 0.0 && v < f64::from(min)).then_some(Suppression::Primary))
            .collect();
        protect(values, lines, min, &mut hidden);
        hidden
    }

    #[test]
    fn one_small_cell_takes_the_smallest_other_with_it() {
        // a, b, c and their total
        let values = [3.0, 20.0, 8.0, 31.0];
        let lines = [TotalLine {
            total: 3,
            parts: vec![0, 1, 2],
        }];
        let hidden = hidden_after(&values, &lines, 5);
        assert_eq!(
            hidden,
            [
                Some(Suppression::Primary),
                None,
                Some(Suppression::Secondary),
                None
            ]
        );
    }

    #[test]
    fn two_small_cells_with_a_small_sum_take_a_third() {
        let values = [1.0, 1.0, 9.0, 12.0, 23.0];
        let lines = [TotalLine {
            total: 4,
            parts: vec![0, 1, 2, 3],
        }];
        let hidden = hidden_after(&values, &lines, 5);
        assert_eq!(hidden[2], Some(Suppression::Secondary));
        assert_eq!(hidden[3], None);
    }

    #[test]
    fn zeros_are_not_chosen_and_the_total_goes_last() {
        let values = [2.0, 0.0, 2.0];
        let lines = [TotalLine {
            total: 2,
            parts: vec![0, 1],
        }];
        let hidden = hidden_after(&values, &lines, 5);
        assert_eq!(hidden[1], None);
        assert_eq!(hidden[2], Some(Suppression::Primary));
    }

    /// A table of `rows × cols` counts with a total column, a total row and a grand total,
    /// flattened row by row over `(rows + 1) × (cols + 1)` cells, and its lines.
    fn table(cells: &[Vec<u32>]) -> (Vec<f64>, Vec<TotalLine>) {
        let rows = cells.len();
        let cols = cells[0].len();
        let w = cols + 1;
        let mut values = vec![0.0; (rows + 1) * w];
        for (r, row) in cells.iter().enumerate() {
            for (c, &v) in row.iter().enumerate() {
                values[r * w + c] = f64::from(v);
                values[r * w + cols] += f64::from(v);
                values[rows * w + c] += f64::from(v);
                values[rows * w + cols] += f64::from(v);
            }
        }
        let mut lines = Vec::new();
        for r in 0..=rows {
            lines.push(TotalLine {
                total: r * w + cols,
                parts: (0..cols).map(|c| r * w + c).collect(),
            });
        }
        for c in 0..=cols {
            lines.push(TotalLine {
                total: rows * w + c,
                parts: (0..rows).map(|r| r * w + c).collect(),
            });
        }
        (values, lines)
    }

    proptest! {
        #[test]
        fn no_hidden_cell_follows_from_a_published_total(
            cells in (1usize..6, 1usize..6).prop_flat_map(|(r, c)| {
                proptest::collection::vec(proptest::collection::vec(0u32..30, c), r)
            }),
            min in 3u32..11,
        ) {
            let (values, lines) = table(&cells);
            let hidden = hidden_after(&values, &lines, min);
            for (i, v) in values.iter().enumerate() {
                if *v > 0.0 && *v < f64::from(min) {
                    prop_assert!(hidden[i].is_some(), "small cell {i} published");
                }
            }
            for line in &lines {
                if hidden[line.total].is_some() {
                    continue;
                }
                let hidden_parts: Vec<usize> =
                    line.parts.iter().copied().filter(|&i| hidden[i].is_some()).collect();
                // One subtraction would give the hidden cell.
                prop_assert_ne!(hidden_parts.len(), 1, "line {:?}", line);
                let sum: f64 = hidden_parts.iter().map(|&i| values[i]).sum();
                prop_assert!(sum == 0.0 || sum >= f64::from(min), "line {:?} hides a sum of {}", line, sum);
            }
            for line in &lines {
                let count = line.parts.iter().filter(|&&i| hidden[i].is_some()).count()
                    + usize::from(hidden[line.total].is_some());
                prop_assert_ne!(count, 1, "line {:?}: its one hidden cell follows from the rest", line);
            }
        }
    }
}
