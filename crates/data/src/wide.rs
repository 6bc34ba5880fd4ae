//! Wide to long: PxWeb and StatBank downloads put one column per year (`2016` … `2021`,
//! `Omsetning (mill. kr) 2016` …). A codebook's `wide:` declares those columns one
//! variable, so charts and tables get the long form: a row per source row and column, with
//! a column naming which (`år`) and one holding the value (`omsetning`).
//!
//! The wide file is typed first, each wide column as the value field, so that an error
//! still points at the source cell; the long columns are then built from the typed ones.

use super::codebook::{Codebook, Field};
use super::column::{Column, ColumnBuilder};
use super::decode::Table;
use super::number::NumberFormat;
use serde::Deserialize;
use std::borrow::Cow;

/// `wide:` in a codebook.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wide {
    /// The wide columns: a list of their names, or one pattern where `*` stands for the
    /// part that varies (`Omsetning (mill. kr) *`).
    pub columns: WideColumns,
    /// The long column naming the source column (the `*` part, or the whole name); needs a
    /// field of its own in `fields:`.
    pub name: String,
    /// The long column holding the values; its field types every wide column.
    pub value: String,
}

/// The wide columns, listed or as a pattern.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum WideColumns {
    /// A pattern with one `*`.
    Pattern(String),
    /// The names.
    List(Vec<String>),
}

impl Wide {
    /// The text `name` stands for when `header` is one of the wide columns.
    pub fn matches<'h>(&self, header: &'h str) -> Option<&'h str> {
        match &self.columns {
            WideColumns::List(names) => names.iter().any(|n| n == header).then_some(header),
            WideColumns::Pattern(p) => {
                let (before, after) = p.split_once('*').unwrap_or((p, ""));
                let rest = header.strip_prefix(before)?.strip_suffix(after)?;
                (!rest.is_empty()).then_some(rest)
            }
        }
    }
}

/// The fields to read the wide file with: the codebook's, `name` and `value` left out,
/// and a copy of the `value` field for each wide column of `header`. `None` when the
/// codebook declares no `wide:`, names fields it does not have or columns the file does not
/// have (reported later as fields missing from the file).
pub(crate) fn wide_fields(codebook: &Codebook, header: &[Cow<str>]) -> Option<Vec<Field>> {
    let wide = codebook.wide.as_ref()?;
    let value = codebook.fields.iter().find(|f| f.name == wide.value)?;
    codebook.fields.iter().find(|f| f.name == wide.name)?;
    if !header.iter().any(|h| wide.matches(h).is_some()) {
        return None;
    }
    let mut fields: Vec<Field> = codebook
        .fields
        .iter()
        .filter(|f| f.name != wide.name && f.name != wide.value)
        .cloned()
        .collect();
    for h in header {
        if wide.matches(h).is_some() {
            fields.push(Field {
                name: h.to_string(),
                ..value.clone()
            });
        }
    }
    Some(fields)
}

/// The long form of a wide dataset.
pub(crate) struct Long {
    pub fields: Vec<Field>,
    pub columns: Vec<Column>,
    pub lines: Vec<usize>,
    pub text: String,
}

/// Turns the typed wide `columns` (with their `fields`, read from `table`) into the long
/// form the codebook declares; errors are the wide columns' names that do not fit the
/// `name` field's type.
pub(crate) fn to_long(
    codebook: &Codebook,
    fields: &[Field],
    columns: &[Column],
    lines: &[usize],
    table: &Table,
    format: &NumberFormat,
    delimiter: char,
) -> Result<Long, Vec<(usize, String)>> {
    let wide = codebook.wide.as_ref().expect("a wide codebook");
    let field = |name: &str| codebook.fields.iter().find(|f| f.name == name).cloned();
    let (Some(name_field), Some(value_field)) = (field(&wide.name), field(&wide.value)) else {
        return Err(Vec::new());
    };
    let wide_columns: Vec<(usize, &str)> = fields
        .iter()
        .enumerate()
        .filter_map(|(c, f)| wide.matches(&f.name).map(|part| (c, part)))
        .collect();
    let ids: Vec<usize> = (0..fields.len())
        .filter(|c| !wide_columns.iter().any(|(w, _)| w == c))
        .collect();
    let rows = lines.len();
    let long_rows = rows * wide_columns.len();
    let numeric_name = name_field.kind.is_numeric() || name_field.kind == super::FieldType::Year;
    // The name of each wide column, typed once.
    let mut errors = Vec::new();
    let names: Vec<Option<f64>> = wide_columns
        .iter()
        .map(|&(c, part)| {
            if !numeric_name {
                return None;
            }
            match format.parse(part) {
                Some(p) => Some(p.value),
                None => {
                    errors.push((c, part.to_string()));
                    None
                }
            }
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut builders: Vec<ColumnBuilder> = ids
        .iter()
        .map(|&c| ColumnBuilder::new(columns[c].is_numeric(), long_rows))
        .collect();
    let mut name_column = ColumnBuilder::new(numeric_name, long_rows);
    let mut value_column = ColumnBuilder::new(columns[wide_columns[0].0].is_numeric(), long_rows);
    let mut long_lines = Vec::with_capacity(long_rows);
    let mut text = String::new();
    let header: Vec<&str> = ids
        .iter()
        .map(|&c| fields[c].name.as_str())
        .chain([wide.name.as_str(), wide.value.as_str()])
        .collect();
    write_line(&mut text, delimiter, header.iter().copied());
    for (r, &line) in lines.iter().enumerate() {
        for (w, &(c, part)) in wide_columns.iter().enumerate() {
            for (b, &id) in builders.iter_mut().zip(&ids) {
                b.copy(&columns[id], r);
            }
            match names[w] {
                Some(n) => name_column.number(n, 0),
                None => name_column.text(Cow::Owned(part.to_string())),
            }
            value_column.copy(&columns[c], r);
            long_lines.push(line);
            let cells: Vec<Cow<str>> = ids
                .iter()
                .chain([&c])
                .map(|&i| table.cell(r + 1, i))
                .collect();
            write_line(
                &mut text,
                delimiter,
                cells[..ids.len()]
                    .iter()
                    .map(|c| c.as_ref())
                    .chain([part, cells[ids.len()].as_ref()]),
            );
        }
    }
    let mut long_fields: Vec<Field> = ids.iter().map(|&c| fields[c].clone()).collect();
    long_fields.push(name_field);
    long_fields.push(value_field);
    let markers = columns
        .first()
        .map(|c| c.markers.clone())
        .unwrap_or_default();
    let long_columns = builders
        .into_iter()
        .chain([name_column, value_column])
        .map(|b| {
            let mut column = b.finish();
            column.markers = markers.clone();
            column
        })
        .collect();
    Ok(Long {
        fields: long_fields,
        columns: long_columns,
        lines: long_lines,
        text,
    })
}

/// Writes one CSV line, quoting the cells that need it.
fn write_line<'a>(out: &mut String, delimiter: char, cells: impl Iterator<Item = &'a str>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(delimiter);
        }
        if cell.contains([delimiter, '"', '\n', '\r']) || cell.trim() != cell {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push('\n');
}
