//! Inferring a codebook from a CSV file without one, and writing it out as a stub for the
//! author to complete (`insikt codebook data/NAME.csv`).

use super::codebook::{Codebook, Field, FieldType, Role};
use super::decode::Table;
use super::number::NumberFormat;
use super::{Dataset, Value};
use insikt_core::diagnostic::{Diagnostic, Location};
use std::borrow::Cow;
use std::fmt::Write;
use std::path::Path;

/// At most this many distinct values make a text column categorical.
const MAX_CATEGORIES: usize = 12;

/// A codebook whose fields are typed from the values of each column of `table` (whose
/// header is `header`).
pub(crate) fn infer(
    header: &[Cow<str>],
    table: &Table,
    format: &NumberFormat,
    is_missing: &dyn Fn(&str) -> bool,
) -> Codebook {
    // Exports quote text and leave numbers bare (StatBank, Sotkanet): a column of quoted
    // numbers in such a file is codes, not quantities.
    let bare_numbers = (1..table.records()).any(|r| {
        (0..table.width(r))
            .any(|c| !table.is_quoted(r, c) && format.parse(&table.cell(r, c)).is_some())
    });
    let fields = header
        .iter()
        .enumerate()
        .map(|(c, name)| {
            // The column's values, read afresh for each question rather than held.
            let cells = || {
                (1..table.records())
                    .filter(move |&r| c < table.width(r))
                    .map(move |r| table.cell(r, c))
                    .filter(|s| !is_missing(s))
            };
            let count = cells().count();
            let all = |f: &dyn Fn(&str) -> bool| count > 0 && cells().all(|c| f(&c));
            let rows = || (1..table.records()).filter(move |&r| c < table.width(r));
            // Codes stay text: `049` is a municipality, not forty-nine.
            let leading_zero = cells().any(|c| {
                c.len() > 1 && c.starts_with('0') && c.bytes().all(|b| b.is_ascii_digit())
            });
            let quoted_codes = bare_numbers
                && count > 0
                && rows().all(|r| {
                    let cell = table.cell(r, c);
                    is_missing(&cell) || table.is_quoted(r, c)
                });
            let kind = if leading_zero || quoted_codes {
                FieldType::String
            } else if all(&|c| {
                c.len() == 4 && c.parse::<u16>().is_ok_and(|y| (1800..=2100).contains(&y))
            }) {
                FieldType::Year
            } else if all(&|c| format.parse(c).is_some_and(|p| p.decimals == 0)) {
                FieldType::Integer
            } else if all(&|c| format.parse(c).is_some()) {
                FieldType::Number
            } else if all(&|c| insikt_core::date::Date::parse(c).is_some()) {
                FieldType::Date
            } else if all(&|c| {
                c.len() == 7 && insikt_core::date::Date::parse(&format!("{c}-01")).is_some()
            }) {
                FieldType::Yearmonth
            } else {
                FieldType::String
            };
            let whole = kind == FieldType::Integer
                || (kind == FieldType::Number
                    && all(&|c| format.parse(c).is_some_and(|p| p.value.fract() == 0.0)));
            // One more than a category list may have is enough to know it is none.
            let mut distinct: Vec<String> = Vec::new();
            if kind == FieldType::String {
                for c in cells() {
                    if distinct.len() > MAX_CATEGORIES {
                        break;
                    }
                    if !distinct.iter().any(|d| *d == c) {
                        distinct.push(c.into_owned());
                    }
                }
            }
            let categorical = kind == FieldType::String
                && distinct.len() <= MAX_CATEGORIES
                && distinct.len() * 2 <= count;
            Field {
                name: name.to_string(),
                title: None,
                description: None,
                kind,
                unit: None,
                // Whole numbers in health and care data are mostly counts of people: treat
                // them as counts, so an inferred codebook never publishes a small one.
                // So are whole numbers written with decimals or spaces (`3,0`, `2.00`,
                // `1 000`), as spreadsheets export them.
                role: whole.then_some(Role::Count),
                categories: categorical.then_some(distinct),
                total: None,
                identifier: None,
                identifier_reason: None,
                scale: None,
                decimals: None,
            }
        })
        .collect();
    Codebook {
        fields,
        ..Codebook::default()
    }
}

/// The note for a dataset read without a codebook (`csv_file`, its inferred `fields`)
/// that names the columns treated as counts, if any.
pub(crate) fn counts_note(csv_file: &Path, fields: &[Field]) -> Option<String> {
    let counts: Vec<String> = fields
        .iter()
        .filter(|f| f.role == Some(Role::Count))
        .map(|f| format!("`{}`", f.name))
        .collect();
    (!counts.is_empty()).then(|| {
        format!(
            "{}: without a codebook, the columns of whole numbers {} are taken to be counts, so their small values are hidden; a codebook can say otherwise (`role: measure`)",
            csv_file.display(),
            counts.join(", ")
        )
    })
}

/// The error for the field `name` described a second time in the codebook `yaml_file`
/// (text `yaml`), at that second entry.
pub(crate) fn duplicate_field(yaml_file: &Path, yaml: &str, name: &str) -> Diagnostic {
    let first = super::find_name(yaml, name);
    let skipped: usize = yaml.lines().take(first.line).map(|l| l.len() + 1).sum();
    let second = match yaml.get(skipped..) {
        Some(rest) => {
            let at = super::find_name(rest, name);
            Location::new(at.line + first.line, at.column)
        }
        None => first,
    };
    Diagnostic::at(
        yaml_file,
        yaml,
        second,
        format!(
            "the field `{name}` is described twice; the first description is on line {}",
            first.line
        ),
    )
    .with_help("merge the two descriptions into one: a second one would be ignored")
}

/// A codebook stub in YAML for `dataset`, with every key to fill in: what insikt cannot
/// know is a placeholder (`"TODO: …"`, see [`crate::placeholder`]) that stops a normal
/// build until it is filled in.
pub fn write(dataset: &Dataset) -> String {
    let d = &dataset.detected;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Codebook for {} — replace every \"TODO: …\" (a build stops on them; \
         `insikt build --drafts` shows them as \"to be filled in\").",
        dataset.csv_file.display()
    );
    let _ = writeln!(out, "title: {}", quote(&dataset.name));
    out.push_str("description: \"TODO: what the dataset holds\"\n");
    out.push_str("source: \"TODO: where the numbers come from\"\n");
    out.push_str("owner: \"TODO: who answers for the numbers\"\n");
    out.push_str("updated: \"TODO: YYYY-MM-DD, the date the data are as of\"\n");
    out.push_str("license: \"TODO: e.g. CC-BY-4.0\"\n");
    out.push_str("status: draft              # draft | verified\n");
    out.push_str("purpose: \"TODO: prove | improve\"\n");
    out.push_str("audience: []               # elected, managers, staff, facilitators, citizens, data-workers\n");
    out.push_str("indicator_type: \"TODO: activity | output | outcome | experience\"\n");
    out.push_str("counting: \"TODO: what is counted: persons or contacts, numerator, period\"\n");
    out.push_str("known_issues: \"\"\n");
    let _ = writeln!(out, "encoding: {}", d.encoding.key());
    let _ = writeln!(out, "delimiter: {}", d.delimiter.yaml());
    let _ = writeln!(out, "decimal: \"{}\"", d.decimal);
    out.push_str("fields:\n");
    for (field, column) in dataset.fields.iter().zip(&dataset.columns) {
        let _ = writeln!(out, "  - name: {}", quote(&field.name));
        let _ = writeln!(out, "    title: {}", quote(&field.name));
        let _ = writeln!(out, "    type: {}", field.kind.key());
        if field.kind.is_numeric() {
            out.push_str("    unit: \"TODO: e.g. personer or %\"\n");
        }
        if field.role == Some(Role::Count) {
            out.push_str(
                "    role: count              # counts from 1 to min_count − 1 are hidden; `measure` if this is not a count\n",
            );
        }
        if let Some(categories) = &field.categories {
            let list: Vec<String> = categories.iter().map(|c| quote(c)).collect();
            let _ = writeln!(out, "    categories: [{}]", list.join(", "));
        }
        let missing = column.iter().filter(|v| *v == Value::Missing).count();
        if missing > 0 {
            let _ = writeln!(out, "    # {missing} missing values");
        }
        out.push_str("    description: \"TODO: what the column means\"\n");
    }
    out
}

/// A YAML double-quoted string.
pub(crate) fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}
