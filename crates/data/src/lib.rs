//! Datasets: `data/NAME.csv` with its codebook `data/NAME.yaml`, loaded as people export
//! them (UTF-8 or Windows-1252, `,` `;` or tab, decimal comma, spaced thousands), typed and
//! validated against the codebook, with located errors.

#![warn(missing_docs)]

pub mod codebook;
mod column;
pub mod datapackage;
mod decode;
pub mod identifiers;
pub mod layout;
pub mod marker;
pub mod number;
pub mod placeholder;
pub mod privacy;
pub mod published_csv;
pub mod px;
pub mod px_dataset;
pub mod stats;
pub mod stub;
pub mod totals;
pub mod values;
pub mod wide;

pub use codebook::{Codebook, Field, FieldType};
pub use column::{Column, Value};
pub use decode::{records, Detected};

use codebook::{codebook_keys, Delimiter, Encoding};
use column::ColumnBuilder;
use decode::Table;
use insikt_config::PrivacyConfig;
use insikt_core::diagnostic::{printable_path, Diagnostic, Diagnostics, Location};
use insikt_core::diagnostic::{yaml, yaml_keys};
use insikt_core::input::{read_text, unsafe_name, Project, Walk};
use insikt_core::language::Language;
use number::NumberFormat;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// At most this many cell errors are reported per file; the rest are counted.
const MAX_CELL_ERRORS: usize = 20;

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
    /// The export's lines above the header and below the data (title, footnotes, source),
    /// without those holding a contact.
    pub source_notes: Vec<layout::SourceNote>,
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

    /// A cell as text for a reader: numbers formatted for `language` with the decimals of
    /// [`Dataset::decimals`], from the source's text where it has more digits than a float
    /// holds; missing as empty.
    pub fn display(&self, column: usize, row: usize, language: Language) -> String {
        self.display_with(column, row, language, None)
    }

    /// [`Dataset::display`] with `decimals` for a number, when given, instead of the
    /// dataset's (a table block's `decimals`).
    pub fn display_with(
        &self,
        column: usize,
        row: usize,
        language: Language,
        decimals: Option<usize>,
    ) -> String {
        let field = &self.fields[column];
        if let Some((marker, _)) = self.columns[column].marker(row) {
            return marker.to_string();
        }
        match self.columns[column].get(row) {
            Value::Missing => String::new(),
            Value::Suppressed(why) => why.marker(self.min_count),
            Value::Number(n) if field.kind == FieldType::Year => format!("{n}"),
            Value::Number(n) => {
                let decimals = decimals.unwrap_or_else(|| self.decimals(column, &[row]));
                self.columns[column]
                    .exact_text(row)
                    .and_then(|text| language.format_decimal(text, decimals))
                    .unwrap_or_else(|| language.format_number(n, decimals))
            }
            Value::Text(t) => t.to_string(),
        }
    }

    /// How many decimals the numbers of `column` in `rows` are shown with (issue 13, POLICY
    /// 4): the field's `decimals`, else the most of those of the measures the rows hold (a
    /// PX file's DECIMALS or PRECISION per measure), else none for a column of whole
    /// numbers and one otherwise.
    pub fn decimals(&self, column: usize, rows: &[usize]) -> usize {
        if let Some(d) = self.fields[column].decimals {
            return d;
        }
        let measures = self.measures_of(rows);
        if !measures.is_empty() && measures.iter().all(|m| m.decimals.is_some()) {
            return measures
                .iter()
                .filter_map(|m| m.decimals)
                .max()
                .unwrap_or(0);
        }
        if self.columns[column].whole {
            0
        } else {
            1
        }
    }

    /// The unit of the numbers of `column` in `rows`: the field's, else that of the one
    /// measure the rows hold.
    pub fn unit(&self, column: usize, rows: &[usize]) -> Option<&str> {
        if let Some(unit) = &self.fields[column].unit {
            return Some(unit);
        }
        match self.measures_of(rows).as_slice() {
            [one] => one.unit.as_deref(),
            _ => None,
        }
    }

    /// The codebook's measures (`measures:`) that `rows` hold, in the codebook's order.
    fn measures_of(&self, rows: &[usize]) -> Vec<&codebook::Measure> {
        let measures = &self.codebook.measures;
        if measures.is_empty() {
            return Vec::new();
        }
        // The column naming the measure: the first whose categories list every one.
        let Some(c) = self.fields.iter().position(|f| {
            f.categories
                .as_ref()
                .is_some_and(|cats| measures.iter().all(|m| cats.contains(&m.name)))
        }) else {
            return Vec::new();
        };
        let mut held = vec![false; measures.len()];
        for &r in rows {
            if let Value::Text(t) = self.columns[c].get(r) {
                if let Some(i) = measures.iter().position(|m| m.name == t) {
                    held[i] = true;
                }
            }
        }
        measures
            .iter()
            .zip(held)
            .filter_map(|(m, h)| h.then_some(m))
            .collect()
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
    /// Loads every `data/*.csv` and `data/*.px` of `project` as `load` says and hides its small counts as `privacy` and
    /// each codebook say. Problems go to `diagnostics`; a dataset that cannot be loaded is
    /// kept by name in [`Datasets::failed`].
    pub fn load(
        project: &Project,
        privacy: &PrivacyConfig,
        load: Load,
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
        if let Ok(Some(warning)) = insikt_config::check_min_count(
            privacy.min_count,
            privacy.allow_below_default,
            Path::new(insikt_config::CONFIG_FILE),
            "",
        ) {
            datasets.notes.push(warning);
        }
        for rel in &files {
            let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
            let Some(stem) = rel.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            let has = |ext: &str| files.contains(&PathBuf::from(format!("{stem}.{ext}")));
            if ext == "yaml" && !has("csv") && !has("px") {
                diagnostics.push(
                    Diagnostic::new(
                        format!("data/{stem}.yaml"),
                        format!("a codebook without data: there is no `data/{stem}.csv` or `data/{stem}.px`"),
                    )
                    .with_help("a codebook describes the CSV or PX file with the same name beside it"),
                );
            }
            if ext == "px" && has("csv") {
                diagnostics.push(
                    Diagnostic::new(
                        Path::new("data").join(rel),
                        format!("`data/{stem}.csv` and `data/{stem}.px` would both be the dataset `{stem}`"),
                    )
                    .with_help("rename one of them: a dataset is published as `data/NAME.csv`"),
                );
                continue;
            }
            if ext != "csv" && ext != "px" {
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
            match load_one(&project.root, stem, privacy, load) {
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

/// How datasets are loaded for a build.
#[derive(Debug, Clone, Copy)]
pub struct Load {
    /// The report's language: a PX file's labels and texts are read in it where the file
    /// has it, and a draft shows placeholders in it.
    pub language: Language,
    /// A draft build: a codebook's placeholders ([`placeholder`]) are shown as "to be
    /// filled in" instead of stopping the build.
    pub drafts: bool,
}

/// Reads and validates `data/NAME.csv` or `data/NAME.px` with its codebook, if there is
/// one, as `load` says, and hides its small counts.
pub fn load_one(
    root: &Path,
    name: &str,
    privacy: &PrivacyConfig,
    load: Load,
) -> Result<(Dataset, Vec<String>), Diagnostics> {
    let px_file = px_dataset::px_file(name);
    let is_px = root.join(&px_file).is_file();
    let csv_file = if is_px {
        px_file
    } else {
        PathBuf::from(format!("data/{name}.csv"))
    };
    let yaml_file = PathBuf::from(format!("data/{name}.yaml"));
    let _input = insikt_core::crash::processing(&csv_file);
    // A file too large to read is not read at all.
    if let Ok(metadata) = std::fs::metadata(root.join(&csv_file)) {
        check_size(&csv_file, metadata.len())?;
    }
    let yaml_path = root.join(&yaml_file);
    // Control characters in the codebook are reported with whatever else the dataset has.
    let mut problems = Diagnostics::default();
    let mut placeholder_notes = Vec::new();
    let codebook = if yaml_path.is_file() {
        let (text, found) = read_text(&yaml_path, &yaml_file)?;
        problems.0.extend(found);
        problems
            .0
            .extend(identifiers::check_codebook_text(&yaml_file, &text));
        let found = placeholder::find(&text);
        let shown = load
            .drafts
            .then(|| load.language.strings().to_be_filled_in.as_str());
        for p in &found {
            if load.drafts {
                placeholder_notes.push(format!(
                    "warning: {}:{}:{}: `{}` is still a placeholder, shown as \"{}\" (a draft build)",
                    yaml_file.display(),
                    p.location.line,
                    p.location.column,
                    p.key,
                    shown.unwrap_or_default()
                ));
            } else {
                problems.push(placeholder::error(&yaml_file, &text, p));
            }
        }
        let parsed = placeholder::replace(&text, &found, shown);
        match parse_codebook(&yaml_file, &parsed) {
            Ok(c) => Some((c, text)),
            Err(found) => {
                problems.extend(found);
                return Err(problems);
            }
        }
    } else {
        None
    };
    let yaml_text = codebook.as_ref().map(|(_, text)| text.clone());
    let loaded = if is_px {
        let text = yaml_text.as_deref().unwrap_or_default();
        px_dataset::load(root, name, load.language, codebook.map(|(c, _)| c), text)
    } else {
        std::fs::read(root.join(&csv_file))
            .map_err(|e| Diagnostic::new(&csv_file, format!("cannot read: {e}")).into())
            .and_then(|bytes| from_vec(name, bytes, codebook))
    };
    let (mut dataset, mut notes) = match loaded {
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
            let warning = insikt_config::check_min_count(
                min_count,
                c.allow_below_default,
                &yaml_file,
                &yaml_text,
            )?;
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
    notes.extend(placeholder_notes);
    Ok((dataset, notes))
}

/// Parses a codebook's YAML; errors point at the line, and every unknown key is reported.
pub fn parse_codebook(file: &Path, text: &str) -> Result<Codebook, Diagnostics> {
    yaml_keys::from_str::<Codebook>(text).map_err(|errors| {
        let keys = codebook_keys();
        let schema = yaml::Schema {
            key_noun: "codebook key",
            keys: &keys,
            help: "see the README's Datasets section for the codebook keys and their types",
        };
        let found = errors
            .iter()
            .map(|e| yaml::diagnostic(file, text, yaml::location(e), &e.to_string(), &schema));
        Diagnostics(found.collect())
    })
}

/// Builds a dataset from the CSV's bytes and its codebook (parsed, with its text).
pub fn from_bytes(
    name: &str,
    bytes: &[u8],
    codebook: Option<(Codebook, String)>,
) -> Result<(Dataset, Vec<String>), Diagnostics> {
    from_vec(name, bytes.to_vec(), codebook)
}

/// Diagnostics of one kind: the first [`MAX_CELL_ERRORS`] are made, the rest only counted,
/// so that a file with a million bad rows costs no more to report than one with twenty.
#[derive(Default)]
struct Capped {
    list: Vec<Diagnostic>,
    more: usize,
}

impl Capped {
    fn push(&mut self, make: impl FnOnce() -> Diagnostic) {
        if self.list.len() < MAX_CELL_ERRORS {
            self.list.push(make());
        } else {
            self.more += 1;
        }
    }

    /// Moves them to `diagnostics`, with a line "N more WHAT" in `file` for the rest.
    fn finish(self, diagnostics: &mut Diagnostics, file: &Path, what: &str) {
        diagnostics.0.extend(self.list);
        if self.more > 0 {
            diagnostics.push(Diagnostic::new(file, format!("{} more {what}", self.more)));
        }
    }
}

/// `names` for a help text: those that look like personal identifiers masked, at most a
/// dozen.
fn name_list<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> String {
    const SHOWN: usize = 12;
    let count = names.len();
    let mut list: Vec<String> = names
        .take(SHOWN)
        .map(|n| match identifiers::detect(n, false) {
            Some(_) => identifiers::masked(n),
            None => decode::excerpt(n),
        })
        .collect();
    if count > SHOWN {
        list.push(format!("and {} more", count - SHOWN));
    }
    list.join(", ")
}

/// An error when a CSV file of `len` bytes is too large to read.
fn check_size(csv_file: &Path, len: u64) -> Result<(), Diagnostic> {
    if len <= decode::MAX_FILE_BYTES as u64 {
        return Ok(());
    }
    Err(Diagnostic::new(
        csv_file,
        format!(
            "the file is {} MB; insikt reads CSV files of up to 4 GB",
            len >> 20
        ),
    )
    .with_help("publish an aggregated extract of the data"))
}

/// [`from_bytes`], taking the bytes over so that a UTF-8 file is not copied.
///
/// Every problem of the file is reported in one run: control characters; text that is not
/// CSV (then nothing more); rows of the wrong length, header columns that are doubled or not
/// in the codebook, codebook fields that are not in the header, personal identifiers, and
/// cells (of rows of the right length) that do not fit their field. Cells are looked at for
/// identifiers before any is quoted, and a cell holding one is never quoted.
pub fn from_vec(
    name: &str,
    bytes: Vec<u8>,
    codebook: Option<(Codebook, String)>,
) -> Result<(Dataset, Vec<String>), Diagnostics> {
    let csv_file = PathBuf::from(format!("data/{name}.csv"));
    let yaml_file = PathBuf::from(format!("data/{name}.yaml"));
    check_size(&csv_file, bytes.len() as u64)?;
    let declared = codebook.as_ref().map(|(c, _)| c);
    let (text, encoding, bom) =
        decode::decode(bytes, declared.and_then(|c| c.encoding)).map_err(|e| {
            let mut d = Diagnostic::new(&csv_file, e.message).with_help(
                "save the file as UTF-8, or declare `encoding: windows-1252` in the codebook",
            );
            d.location = Some(e.location);
            d.source_line = Some(e.source_line);
            d
        })?;
    let mut diagnostics = Diagnostics(decode::control_characters(&csv_file, &text));
    let delimiter = declared
        .and_then(|c| c.delimiter)
        .unwrap_or_else(|| decode::detect_delimiter(&text));
    let table = match Table::parse(&text, delimiter) {
        Ok(table) => table,
        Err(errors) => {
            for e in errors {
                diagnostics.push(
                    decode::error_at(&csv_file, &text, e.offset, e.line, e.message)
                        .with_help(e.help),
                );
            }
            return Err(diagnostics);
        }
    };
    if table.records() == 0 {
        diagnostics.push(
            Diagnostic::new(&csv_file, "the file is empty")
                .with_help("the first line must name the columns"),
        );
        return Err(diagnostics);
    }
    // Title lines above the header and notes below the data are cut away; the table is
    // then read again from the header and data alone, its lines still the file's.
    let yaml_source = codebook.as_ref().map_or("", |(_, t)| t.as_str());
    let layout = match layout::find(&table, declared, &csv_file, &yaml_file, yaml_source) {
        Ok(layout) => layout,
        Err(found) => {
            diagnostics.extend(found);
            return Err(diagnostics);
        }
    };
    let found_notes = layout::notes(&table, &layout);
    let (source_notes, mut layout_notes) =
        layout::check_notes(&csv_file, &text, &table, found_notes, &mut diagnostics);
    layout_notes.extend(layout::describe(
        &csv_file,
        &table,
        &layout,
        source_notes.len(),
    ));
    let columns =
        layout::column_names(&table, &layout, declared.and_then(|c| c.columns.as_deref()));
    let cut = layout::cut(&text, &table, &layout, columns.as_deref(), delimiter);
    let mut cut_text: Option<String> = None;
    let table = match cut {
        None => table,
        Some((cut, map)) => {
            drop(table);
            cut_text = Some(cut);
            let cut = cut_text.as_deref().unwrap_or_default();
            match Table::parse(cut, delimiter) {
                Ok(mut table) => {
                    table.map_lines(|l| map.map(l));
                    table
                }
                Err(errors) => {
                    for e in errors {
                        diagnostics.push(
                            decode::error_at(&csv_file, cut, e.offset, map.map(e.line), e.message)
                                .with_help(e.help),
                        );
                    }
                    return Err(diagnostics);
                }
            }
        }
    };
    let header: Vec<Cow<str>> = table.record(0).collect();
    let rows = table.records() - 1;
    let mut ragged = Capped::default();
    for r in 1..table.records() {
        let width = table.width(r);
        if width != header.len() {
            ragged.push(|| {
                table
                    .error(
                        &csv_file,
                        r,
                        None,
                        format!(
                            "row {} has {width} cells, the header has {}",
                            table.line(r),
                            header.len()
                        ),
                    )
                    .with_help(format!(
                        "every row needs one cell per column, separated by `{}`; quote cells that contain it",
                        delimiter.byte() as char
                    ))
            });
        }
    }
    ragged.finish(
        &mut diagnostics,
        &csv_file,
        "rows have the wrong number of cells",
    );
    // A header cell that looks like an identifier is reported by the identifier check and
    // never quoted here.
    let quotable = |h: &str| identifiers::detect(h, false).is_none();
    let mut doubled = Capped::default();
    let mut seen = HashSet::new();
    for (i, h) in header.iter().enumerate() {
        if !seen.insert(h.as_ref()) && quotable(h) {
            doubled.push(|| {
                table.error(
                    &csv_file,
                    0,
                    Some(i),
                    format!(
                        "the column `{}` appears twice in the header",
                        decode::excerpt(h)
                    ),
                )
            });
        }
    }
    doubled.finish(
        &mut diagnostics,
        &csv_file,
        "columns appear twice in the header",
    );

    let markers = marker::markers(
        declared.and_then(|c| c.missing_values.as_deref()),
        &declared
            .map(|c| c.markers.clone().into_iter().collect::<Vec<_>>())
            .unwrap_or_default(),
    );
    // Cells come trimmed; the markers are few, so a scan is quicker than hashing each cell.
    let marker_index = |cell: &str| markers.iter().position(|(m, _)| m == cell);
    let is_missing = |cell: &str| marker_index(cell).is_some();
    let decimal = match declared.and_then(|c| c.decimal) {
        Some(d) => d.char(),
        None => number::detect_decimal(
            (1..table.records())
                .flat_map(|r| table.record(r))
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
            stub::infer(&header, &table, &format, &is_missing),
            false,
            String::new(),
        ),
    };
    // Match the header against the codebook; a field named twice is an error at the
    // second entry (the first is used for the rest of the checks).
    // A wide file is read with a field per wide column, each a copy of the value field.
    let wide_fields = if has_codebook {
        wide::wide_fields(&codebook, &header)
    } else {
        None
    };
    let field_list: &[Field] = wide_fields.as_deref().unwrap_or(&codebook.fields);
    let mut by_name: HashMap<&str, &Field> = HashMap::new();
    let mut seen_names: HashMap<&str, usize> = HashMap::new();
    for f in field_list {
        let times = seen_names.entry(f.name.as_str()).or_default();
        *times += 1;
        if *times == 2 && has_codebook {
            diagnostics.push(stub::duplicate_field(&yaml_file, &yaml_text, &f.name));
        }
        by_name.entry(f.name.as_str()).or_insert(f);
    }
    let column_fields: Vec<Option<&Field>> = header
        .iter()
        .map(|h| by_name.get(h.as_ref()).copied())
        .collect();
    let names: Vec<&str> = field_list.iter().map(|f| f.name.as_str()).collect();
    let mut unknown = Capped::default();
    for (i, h) in header.iter().enumerate() {
        if column_fields[i].is_some() || !quotable(h) {
            continue;
        }
        unknown.push(|| {
            let help = match insikt_core::diagnostic::did_you_mean(h, &names) {
                Some(s) => format!(
                    "did you mean `{s}`? Every column needs a field in `{}`",
                    yaml_file.display()
                ),
                None => format!("describe it under `fields:` in `{}`", yaml_file.display()),
            };
            table
                .error(
                    &csv_file,
                    0,
                    Some(i),
                    format!("the column `{}` is not in the codebook", decode::excerpt(h)),
                )
                .with_help(help)
        });
    }
    unknown.finish(
        &mut diagnostics,
        &csv_file,
        "columns are not in the codebook",
    );
    let in_header: HashSet<&str> = header.iter().map(|h| h.as_ref()).collect();
    let mut absent = Capped::default();
    for f in field_list {
        if in_header.contains(f.name.as_str()) {
            continue;
        }
        absent.push(|| {
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
            .with_help(format!(
                "the CSV's header has: {}",
                name_list(header.iter().map(|h| h.as_ref()))
            ))
        });
    }
    absent.finish(
        &mut diagnostics,
        &yaml_file,
        "codebook fields are not columns of the CSV",
    );

    diagnostics.extend(identifiers::check(
        &csv_file,
        &yaml_file,
        &yaml_text,
        &table,
        &header,
        &column_fields,
    ));

    // Looked up once per cell: a list of 300 municipalities must not cost 300 comparisons.
    let categories: Vec<Option<HashSet<&str>>> = column_fields
        .iter()
        .map(|f| {
            let list = f.and_then(|f| f.categories.as_ref())?;
            Some(list.iter().map(String::as_str).collect())
        })
        .collect();
    let mut builders: Vec<ColumnBuilder> = column_fields
        .iter()
        .map(|f| ColumnBuilder::new(f.is_some_and(|f| holds_numbers(f.kind)), rows))
        .collect();
    let mut cell_errors = Capped::default();
    for r in 1..table.records() {
        if table.width(r) != header.len() {
            continue;
        }
        for (c, field) in column_fields.iter().enumerate() {
            let Some(field) = field else { continue };
            let cell = table.cell(r, c);
            match marker_index(&cell) {
                Some(_) if cell.is_empty() => {
                    builders[c].missing();
                    continue;
                }
                Some(i) => {
                    builders[c].marked(i);
                    continue;
                }
                None => {}
            }
            let why = match parse_cell(field, categories[c].as_ref(), &cell, &format) {
                Ok(Typed::Number(value, decimals)) => {
                    // More digits than a float holds: the text is kept to be shown.
                    match format.plain(&cell) {
                        Some((plain, _)) if plain.len() > 16 => {
                            builders[c].number_with_text(value, decimals, &plain)
                        }
                        _ => builders[c].number(value, decimals),
                    }
                    continue;
                }
                Ok(Typed::Text) => {
                    builders[c].text(cell);
                    continue;
                }
                Err(why) => why,
            };
            // A cell holding an identifier was reported as one and is not quoted.
            let checked = field.identifier != Some(false);
            if checked && identifiers::detect(&cell, holds_numbers(field.kind)).is_some() {
                continue;
            }
            cell_errors.push(|| {
                table
                    .error(
                        &csv_file,
                        r,
                        Some(c),
                        format!(
                            "row {}, column `{}`: `{}` {why}",
                            table.line(r),
                            field.name,
                            decode::excerpt(&cell)
                        ),
                    )
                    .with_help(format!(
                        "correct the cell, or the field `{}` in `{}`; cells meaning \"no value\" may be written as {}",
                        field.name,
                        yaml_file.display(),
                        markers.iter().map(|(m, _)| format!("`{m}`")).collect::<Vec<_>>().join(", ")
                    ))
            });
        }
    }
    cell_errors.finish(&mut diagnostics, &csv_file, "cells could not be read");
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    // No error: every column has its field.
    let fields: Vec<Field> = column_fields.into_iter().flatten().cloned().collect();
    let shared: Vec<(Box<str>, marker::MarkerMeaning)> = markers
        .iter()
        .map(|(m, v)| (m.as_str().into(), *v))
        .collect();
    let columns: Vec<Column> = builders
        .into_iter()
        .map(|b| {
            let mut column = b.finish();
            column.markers = shared.clone();
            column
        })
        .collect();
    let lines: Vec<usize> = (1..table.records()).map(|r| table.line(r)).collect();
    let mut rows = rows;
    let (fields, columns, lines, long_text) = match (&codebook.wide, &wide_fields) {
        (Some(_), Some(_)) => {
            match wide::to_long(
                &codebook,
                &fields,
                &columns,
                &lines,
                &table,
                &format,
                delimiter.byte() as char,
            ) {
                Ok(long) => {
                    rows = long.lines.len();
                    (long.fields, long.columns, long.lines, Some(long.text))
                }
                Err(bad) => {
                    for (c, part) in bad {
                        diagnostics.push(
                            table
                                .error(
                                    &csv_file,
                                    0,
                                    Some(c),
                                    format!(
                                        "the column `{}` is one of the `wide:` columns, but `{part}` is not a {}",
                                        decode::excerpt(&header[c]),
                                        codebook
                                            .wide
                                            .as_ref()
                                            .map_or("", |w| w.name.as_str())
                                    ),
                                )
                                .with_help(
                                    "give the `name` field the type of the columns' varying part (`year`, `integer`, `string`)",
                                ),
                        );
                    }
                    return Err(diagnostics);
                }
            }
        }
        _ => (fields, columns, lines, None),
    };
    drop(header);
    drop(table);
    let text = long_text.or(cut_text).unwrap_or(text);
    let detected = Detected {
        encoding,
        bom,
        delimiter,
        decimal,
    };
    let mut notes = vec![format!("{}: {detected}", csv_file.display())];
    notes.extend(layout_notes);
    if !has_codebook {
        notes.push(format!(
            "warning: {} has no codebook `{}`; the column types were inferred. Run `insikt codebook {}` to write one to complete.",
            csv_file.display(),
            yaml_file.display(),
            csv_file.display()
        ));
        notes.extend(stub::counts_note(&csv_file, &fields));
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
            rows,
            lines,
            text,
            min_count: 0,
            suppressed: Vec::new(),
            source_notes,
        },
        notes,
    ))
}

/// True for the field types whose cells are numbers.
fn holds_numbers(kind: FieldType) -> bool {
    kind.is_numeric() || kind == FieldType::Year
}

/// A cell that fits its field.
enum Typed {
    /// A number with the decimals it was written with.
    Number(f64, usize),
    /// Text, kept as written.
    Text,
}

/// Reads one cell as `field`'s type (with its `categories`, if any), or says why it cannot.
fn parse_cell(
    field: &Field,
    categories: Option<&HashSet<&str>>,
    cell: &str,
    format: &NumberFormat,
) -> Result<Typed, String> {
    match field.kind {
        FieldType::Number => {
            let p = format
                .parse(cell)
                .ok_or_else(|| format!("is not a number (decimal mark `{}`)", format.decimal))?;
            return Ok(Typed::Number(p.value, p.decimals));
        }
        FieldType::Integer => match format.parse(cell) {
            Some(p) if p.decimals == 0 => return Ok(Typed::Number(p.value, 0)),
            _ => return Err("is not a whole number".into()),
        },
        FieldType::Year => match cell.parse::<i32>() {
            Ok(y) if cell.len() == 4 => return Ok(Typed::Number(y as f64, 0)),
            _ => return Err("is not a year (`YYYY`)".into()),
        },
        FieldType::Date => {
            if insikt_core::date::Date::parse(cell).is_none() {
                return Err("is not a date (`YYYY-MM-DD`)".into());
            }
        }
        FieldType::Yearmonth => {
            let ok =
                cell.len() == 7 && insikt_core::date::Date::parse(&format!("{cell}-01")).is_some();
            if !ok {
                return Err("is not a year and month (`YYYY-MM`)".into());
            }
        }
        FieldType::Boolean => {
            let known = [
                "true", "false", "ja", "nej", "nei", "yes", "no", "kyllä", "ei", "1", "0",
            ];
            if !known.contains(&cell.to_lowercase().as_str()) {
                return Err("is not true or false (`ja`/`nej`, `true`/`false`, `1`/`0`)".into());
            }
        }
        FieldType::String => {}
    }
    if categories.is_some_and(|c| !c.contains(cell)) {
        return Err(format!(
            "is not one of the field's categories: {}",
            name_list(
                field
                    .categories
                    .as_deref()
                    .unwrap_or_default()
                    .iter()
                    .map(String::as_str)
            )
        ));
    }
    Ok(Typed::Text)
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
