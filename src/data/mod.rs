//! Datasets: `data/NAME.csv` with its codebook `data/NAME.yaml`, loaded as people export
//! them (UTF-8 or Windows-1252, `,` `;` or tab, decimal comma, spaced thousands), typed and
//! validated against the codebook, with located errors.

pub mod codebook;
pub mod datapackage;
mod decode;
pub mod identifiers;
pub mod number;
pub mod privacy;
pub mod px;
pub mod stats;
pub mod stub;

pub use codebook::{Codebook, Field, FieldType};
pub use decode::Detected;

use crate::config::PrivacyConfig;
use crate::content::yaml_diagnostic;
use crate::diagnostic::{printable_path, Diagnostic, Diagnostics, Location};
use crate::input::{read_text, unsafe_name, Project, Walk};
use codebook::{Delimiter, Encoding, CODEBOOK_KEYS, DEFAULT_MISSING};
use number::NumberFormat;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// At most this many cell errors are reported per file; the rest are counted.
const MAX_CELL_ERRORS: usize = 20;

/// A cell's typed value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A missing-value marker or an empty cell.
    Missing,
    /// A number (`number`, `integer` and `year` fields).
    Number(f64),
    /// Text (`string`, `boolean`, `date` and `yearmonth` fields), as written.
    Text(String),
    /// A count that is not published (see [`privacy`]); its value is gone.
    Suppressed(privacy::Suppression),
}

impl Value {
    /// The number, if this is one.
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// One column's values, in row order.
#[derive(Debug, Clone)]
pub struct Column {
    /// The values.
    pub values: Vec<Value>,
    /// The most decimals any cell was written with (numbers are shown with this many).
    pub decimals: usize,
}

/// A dataset, loaded and validated.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The file stem: `datasprintar` for `data/datasprintar.csv`.
    pub name: String,
    /// The CSV file, relative to the project.
    pub csv_file: PathBuf,
    /// The codebook, given or inferred.
    pub codebook: Codebook,
    /// False when there was no `NAME.yaml` and the codebook was inferred.
    pub has_codebook: bool,
    /// Encoding, delimiter and decimal mark as used to read the file.
    pub detected: Detected,
    /// The fields in the CSV's column order.
    pub fields: Vec<Field>,
    /// The columns, in the same order.
    pub columns: Vec<Column>,
    /// Number of data rows.
    pub rows: usize,
    /// The CSV line each row starts on.
    pub lines: Vec<usize>,
    /// The file as text (UTF-8, without byte-order mark), published as `data/NAME.csv`;
    /// once suppression has run, with the hidden cells marked.
    pub text: String,
    /// Counts below this are hidden.
    pub min_count: u32,
    /// The hidden cells, for the suppression report.
    pub suppressed: Vec<privacy::SuppressedCell>,
}

impl Dataset {
    /// The index of the column `name`.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    /// The codebook's title, or the name.
    pub fn title(&self) -> &str {
        self.codebook.title.as_deref().unwrap_or(&self.name)
    }

    /// A cell as text for a reader: numbers formatted for `language`, missing as empty.
    pub fn display(&self, column: usize, row: usize, language: crate::i18n::Language) -> String {
        let field = &self.fields[column];
        match &self.columns[column].values[row] {
            Value::Missing => String::new(),
            Value::Suppressed(why) => why.marker(self.min_count),
            Value::Number(n) if field.kind == FieldType::Year => format!("{n}"),
            Value::Number(n) => language.format_number(*n, self.columns[column].decimals),
            Value::Text(t) => t.clone(),
        }
    }
}

/// All datasets of a report, by name.
#[derive(Debug, Clone, Default)]
pub struct Datasets {
    /// Datasets by name, sorted.
    pub by_name: BTreeMap<String, Dataset>,
    /// The datasets that could not be loaded, by name. They are known, so a chart, table
    /// or link naming one gives no second error, but they have no data: their charts and
    /// tables are left out (the build fails on their errors anyway).
    pub failed: BTreeSet<String>,
    /// Warnings and what was detected, one line each, for the command's output.
    pub notes: Vec<String>,
}

impl Datasets {
    /// Loads every `data/*.csv` of `project` and hides its small counts as `privacy` and
    /// each codebook say. Problems go to `diagnostics`; a dataset that cannot be loaded is
    /// kept by name in [`Datasets::failed`].
    pub fn load(
        project: &Project,
        privacy: &PrivacyConfig,
        diagnostics: &mut Diagnostics,
    ) -> Datasets {
        let mut datasets = Datasets::default();
        let walk = Walk {
            max_depth: 1,
            skip_hidden: true,
            published: false,
        };
        let (files, problems) = project.walk(Path::new("data"), walk);
        diagnostics.0.extend(problems);
        if files.is_empty() {
            return datasets;
        }
        if let Ok(Some(warning)) = privacy::check_min_count(
            privacy.min_count,
            privacy.allow_below_default,
            Path::new(crate::config::CONFIG_FILE),
            "",
        ) {
            datasets.notes.push(warning);
        }
        for rel in &files {
            let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
            let Some(stem) = rel.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if ext == "yaml" && !files.contains(&PathBuf::from(format!("{stem}.csv"))) {
                diagnostics.push(
                    Diagnostic::new(
                        format!("data/{stem}.yaml"),
                        format!("a codebook without data: there is no `data/{stem}.csv`"),
                    )
                    .with_help("a codebook describes the CSV file with the same name beside it"),
                );
            }
            if ext != "csv" {
                continue;
            }
            if let Some((why, suggestion)) = unsafe_name(rel.as_os_str()) {
                diagnostics.push(
                    Diagnostic::new(
                        Path::new("data").join(rel),
                        format!(
                            "the name `{}` cannot be part of a web address: {why}",
                            printable_path(rel)
                        ),
                    )
                    .with_help(format!(
                        "the dataset is published as `data/NAME.csv` with its codebook page at \
                         `codebook/NAME/`: rename it, e.g. to `{suggestion}` (and its codebook \
                         too), and change the blocks and links naming it"
                    )),
                );
            }
            match load_one(&project.root, stem, privacy) {
                Ok((dataset, notes)) => {
                    datasets.notes.extend(notes);
                    datasets.by_name.insert(stem.to_string(), dataset);
                }
                Err(d) => {
                    diagnostics.extend(d);
                    datasets.failed.insert(stem.to_string());
                }
            }
        }
        datasets
    }

    /// True when the report has a dataset `name`, loaded or not.
    pub fn is_known(&self, name: &str) -> bool {
        self.by_name.contains_key(name) || self.failed.contains(name)
    }

    /// The dataset called `name`.
    pub fn get(&self, name: &str) -> Option<&Dataset> {
        self.by_name.get(name)
    }
}

/// Reads and validates `data/NAME.csv` with its codebook, if there is one, and hides its
/// small counts.
pub fn load_one(
    root: &Path,
    name: &str,
    privacy: &PrivacyConfig,
) -> Result<(Dataset, Vec<String>), Diagnostics> {
    let csv_file = PathBuf::from(format!("data/{name}.csv"));
    let yaml_file = PathBuf::from(format!("data/{name}.yaml"));
    let _input = crate::crash::processing(&csv_file);
    let bytes = std::fs::read(root.join(&csv_file))
        .map_err(|e| Diagnostic::new(&csv_file, format!("cannot read: {e}")))?;
    let yaml_path = root.join(&yaml_file);
    // Control characters in the codebook are reported with whatever else the dataset has.
    let mut problems = Diagnostics::default();
    let codebook = if yaml_path.is_file() {
        let (text, found) = read_text(&yaml_path, &yaml_file)?;
        problems.0.extend(found);
        match parse_codebook(&yaml_file, &text) {
            Ok(c) => Some((c, text)),
            Err(d) => {
                problems.push(d);
                return Err(problems);
            }
        }
    } else {
        None
    };
    let yaml_text = codebook.as_ref().map(|(_, text)| text.clone());
    let (mut dataset, mut notes) = match from_bytes(name, &bytes, codebook) {
        Ok(loaded) => loaded,
        Err(d) => {
            problems.extend(d);
            return Err(problems);
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let yaml_text = yaml_text.unwrap_or_default();
    privacy::check_codebook(&dataset, &yaml_file, &yaml_text)?;
    let c = &dataset.codebook;
    let min_count = match c.min_count {
        Some(min_count) => {
            let warning =
                privacy::check_min_count(min_count, c.allow_below_default, &yaml_file, &yaml_text)?;
            notes.extend(warning);
            min_count
        }
        None => privacy.min_count,
    };
    let threshold = privacy::Threshold {
        min_count,
        suppress_zeros: c.suppress_zeros,
    };
    notes.extend(privacy::suppress(&mut dataset, threshold));
    Ok((dataset, notes))
}

/// Parses a codebook's YAML; errors point at the line.
pub fn parse_codebook(file: &Path, text: &str) -> Result<Codebook, Diagnostic> {
    serde_saphyr::from_str::<Codebook>(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((1, 1));
        let mut d = yaml_diagnostic(
            file,
            text,
            Location::new(line.max(1), column.max(1)),
            &e.to_string(),
            CODEBOOK_KEYS,
        );
        d.message = d.message.replace("front matter key", "codebook key");
        if d.help
            .as_deref()
            .is_some_and(|h| h.starts_with("front matter"))
        {
            d.help = Some(
                "see the README's Datasets section for the codebook keys and their types".into(),
            );
        }
        d
    })
}

/// Builds a dataset from the CSV's bytes and its codebook (parsed, with its text).
pub fn from_bytes(
    name: &str,
    bytes: &[u8],
    codebook: Option<(Codebook, String)>,
) -> Result<(Dataset, Vec<String>), Diagnostics> {
    let csv_file = PathBuf::from(format!("data/{name}.csv"));
    let yaml_file = PathBuf::from(format!("data/{name}.yaml"));
    let declared = codebook.as_ref().map(|(c, _)| c);
    let (text, encoding, bom) =
        decode::decode(bytes, declared.and_then(|c| c.encoding)).map_err(|m| {
            Diagnostic::new(&csv_file, m).with_help(
                "save the file as UTF-8, or declare `encoding: windows-1252` in the codebook",
            )
        })?;
    let delimiter = declared
        .and_then(|c| c.delimiter)
        .unwrap_or_else(|| decode::detect_delimiter(&text));
    let records = decode::records(&text, delimiter)
        .map_err(|(line, m)| Diagnostic::at(&csv_file, &text, Location::new(line, 1), m))?;
    let mut diagnostics = Diagnostics::default();
    let Some((header, rows)) = records.split_first() else {
        return Err(Diagnostic::new(&csv_file, "the file is empty")
            .with_help("the first line must name the columns")
            .into());
    };
    for row in rows {
        if row.cells.len() != header.cells.len() {
            diagnostics.push(
                Diagnostic::at(
                    &csv_file,
                    &text,
                    Location::new(row.line, 1),
                    format!(
                        "row {} has {} cells, the header has {}",
                        row.line,
                        row.cells.len(),
                        header.cells.len()
                    ),
                )
                .with_help(format!(
                    "every row needs one cell per column, separated by `{}`; quote cells that contain it",
                    delimiter.byte() as char
                )),
            );
        }
    }
    // The rows are shown before their cells are checked for identifiers: mask any.
    for d in &mut diagnostics.0 {
        d.source_line = d.source_line.as_deref().map(identifiers::mask_line);
    }
    for (i, h) in header.cells.iter().enumerate() {
        if header.cells[..i].contains(h) {
            diagnostics.push(Diagnostic::at(
                &csv_file,
                &text,
                Location::new(1, header.column_of(i)),
                format!("the column `{h}` appears twice in the header"),
            ));
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }

    let missing: Vec<String> = declared
        .and_then(|c| c.missing_values.clone())
        .unwrap_or_else(|| DEFAULT_MISSING.iter().map(|s| s.to_string()).collect());
    let is_missing = |cell: &str| missing.iter().any(|m| m == cell.trim());
    let decimal = match declared.and_then(|c| c.decimal) {
        Some(d) => d.char(),
        None => number::detect_decimal(
            rows.iter()
                .flat_map(|r| r.cells.iter().map(String::as_str))
                .filter(|c| !is_missing(c)),
        ),
    };
    let format = NumberFormat {
        decimal,
        thousands: declared.and_then(|c| c.thousands).map(|t| t.char()),
    };

    let (codebook, has_codebook, yaml_text) = match codebook {
        Some((c, t)) => (c, true, t),
        None => (
            stub::infer(&header.cells, rows, &format, &is_missing),
            false,
            String::new(),
        ),
    };
    // Match the header against the codebook.
    let mut fields = Vec::with_capacity(header.cells.len());
    for (i, h) in header.cells.iter().enumerate() {
        match codebook.fields.iter().find(|f| &f.name == h) {
            Some(f) => fields.push(f.clone()),
            None => {
                let names: Vec<&str> = codebook.fields.iter().map(|f| f.name.as_str()).collect();
                let help = match crate::diagnostic::did_you_mean(h, &names) {
                    Some(s) => format!(
                        "did you mean `{s}`? Every column needs a field in `{}`",
                        yaml_file.display()
                    ),
                    None => format!("describe it under `fields:` in `{}`", yaml_file.display()),
                };
                diagnostics.push(
                    Diagnostic::at(
                        &csv_file,
                        &text,
                        Location::new(1, header.column_of(i)),
                        format!("the column `{h}` is not in the codebook"),
                    )
                    .with_help(help),
                );
            }
        }
    }
    for f in &codebook.fields {
        if !header.cells.contains(&f.name) {
            diagnostics.push(
                Diagnostic::at(
                    &yaml_file,
                    &yaml_text,
                    find_name(&yaml_text, &f.name),
                    format!(
                        "the field `{}` is not a column of `{}`",
                        f.name,
                        csv_file.display()
                    ),
                )
                .with_help(format!("the CSV's header has: {}", header.cells.join(", "))),
            );
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    // Before the cells are typed, so that no error message ever quotes an identifier.
    identifiers::check(&csv_file, &text, &yaml_file, &yaml_text, &fields, rows)?;

    let mut columns = Vec::with_capacity(fields.len());
    let mut cell_errors = 0;
    for (c, field) in fields.iter().enumerate() {
        let mut values = Vec::with_capacity(rows.len());
        let mut decimals = 0;
        for row in rows {
            let cell = row.cells[c].trim();
            if is_missing(cell) {
                values.push(Value::Missing);
                continue;
            }
            match parse_cell(field, cell, &format) {
                Ok((v, d)) => {
                    decimals = decimals.max(d);
                    values.push(v);
                }
                Err(why) => {
                    cell_errors += 1;
                    if cell_errors <= MAX_CELL_ERRORS {
                        diagnostics.push(
                            Diagnostic::at(
                                &csv_file,
                                &text,
                                Location::new(row.line, row.column_of(c)),
                                format!(
                                    "row {}, column `{}`: `{cell}` {why}",
                                    row.line, field.name
                                ),
                            )
                            .with_help(format!(
                                "correct the cell, or the field `{}` in `{}`; cells meaning \"no value\" may be written as {}",
                                field.name,
                                yaml_file.display(),
                                missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
                            )),
                        );
                    }
                }
            }
        }
        columns.push(Column { values, decimals });
    }
    if cell_errors > MAX_CELL_ERRORS {
        diagnostics.push(Diagnostic::new(
            &csv_file,
            format!(
                "{} more cells could not be read",
                cell_errors - MAX_CELL_ERRORS
            ),
        ));
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let detected = Detected {
        encoding,
        bom,
        delimiter,
        decimal,
    };
    let mut notes = vec![format!("{}: {detected}", csv_file.display())];
    if !has_codebook {
        notes.push(format!(
            "warning: {} has no codebook `{}`; the column types were inferred. Run `insikt codebook {}` to write one to complete.",
            csv_file.display(),
            yaml_file.display(),
            csv_file.display()
        ));
    }
    Ok((
        Dataset {
            name: name.to_string(),
            csv_file,
            codebook,
            has_codebook,
            detected,
            fields,
            columns,
            rows: rows.len(),
            lines: rows.iter().map(|r| r.line).collect(),
            text,
            min_count: 0,
            suppressed: Vec::new(),
        },
        notes,
    ))
}

/// Reads one cell as `field`'s type: the value and its number of decimals, or why not.
fn parse_cell(field: &Field, cell: &str, format: &NumberFormat) -> Result<(Value, usize), String> {
    let value = match field.kind {
        FieldType::Number => {
            let p = format
                .parse(cell)
                .ok_or_else(|| format!("is not a number (decimal mark `{}`)", format.decimal))?;
            return Ok((Value::Number(p.value), p.decimals));
        }
        FieldType::Integer => match format.parse(cell) {
            Some(p) if p.decimals == 0 => Value::Number(p.value),
            _ => return Err("is not a whole number".into()),
        },
        FieldType::Year => match cell.parse::<i32>() {
            Ok(y) if cell.len() == 4 => Value::Number(y as f64),
            _ => return Err("is not a year (`YYYY`)".into()),
        },
        FieldType::Date => match crate::date::Date::parse(cell) {
            Some(_) => Value::Text(cell.to_string()),
            None => return Err("is not a date (`YYYY-MM-DD`)".into()),
        },
        FieldType::Yearmonth => {
            let ok = cell.len() == 7 && crate::date::Date::parse(&format!("{cell}-01")).is_some();
            if !ok {
                return Err("is not a year and month (`YYYY-MM`)".into());
            }
            Value::Text(cell.to_string())
        }
        FieldType::Boolean => {
            let known = [
                "true", "false", "ja", "nej", "nei", "yes", "no", "kyllä", "ei", "1", "0",
            ];
            if !known.contains(&cell.to_lowercase().as_str()) {
                return Err("is not true or false (`ja`/`nej`, `true`/`false`, `1`/`0`)".into());
            }
            Value::Text(cell.to_string())
        }
        FieldType::String => Value::Text(cell.to_string()),
    };
    if let (Some(categories), Value::Text(t)) = (&field.categories, &value) {
        if !categories.iter().any(|c| c == t) {
            return Err(format!(
                "is not one of the field's categories: {}",
                categories.join(", ")
            ));
        }
    }
    Ok((value, 0))
}

/// The location of `name: NAME` (a field's name) in a codebook's text.
pub(crate) fn find_name(yaml: &str, name: &str) -> Location {
    for (i, line) in yaml.lines().enumerate() {
        if let Some(pos) = line.find("name:") {
            let rest = line[pos + 5..].trim_start();
            let rest = rest.trim_start_matches(['"', '\'']);
            if rest.starts_with(name)
                && !rest[name.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                return Location::new(i + 1, line[..pos].chars().count() + 1);
            }
        }
    }
    Location::new(1, 1)
}

impl std::fmt::Display for Detected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let delimiter = match self.delimiter {
            Delimiter::Comma => "`,`",
            Delimiter::Semicolon => "`;`",
            Delimiter::Tab => "tab",
        };
        let encoding = match (self.encoding, self.bom) {
            (Encoding::Utf8, true) => "UTF-8 with byte-order mark",
            (Encoding::Utf8, false) => "UTF-8",
            (Encoding::Windows1252, _) => "Windows-1252",
        };
        write!(
            f,
            "read as {encoding}, delimiter {delimiter}, decimal mark `{}`",
            self.decimal
        )
    }
}
