//! PC-Axis (PX) files, the native format of PxWeb and of the statistics databases of
//! Statistics Sweden, Norway, Finland, Denmark, Greenland and the Nordic Statistics database,
//! read as published.
//!
//! # The format
//!
//! Statistics Sweden's *PX-file format specification* (2013) describes it. A PX file is a list
//! of keywords, each one entry `KEYWORD[lang]("param","param")=value;`:
//!
//! ```text
//! CHARSET="ANSI";
//! LANGUAGE="sv";
//! LANGUAGES="sv","en";
//! TITLE="Folkmängd efter region och år";
//! TITLE[en]="Population by region and year";
//! STUB="region";
//! HEADING="år";
//! VALUES("region")="Upplands Väsby","Vallentuna";
//! VALUES("år")="2023","2024";
//! TIMEVAL("år")=TLIST(A1),"2023","2024";
//! NOTE="A long note is cut into pieces that "
//! "are joined: no comma between them.";
//! DATA=
//! 47820 48100
//! 34652 ".." ;
//! ```
//!
//! - Texts are in double quotes and end on the line they start on; juxtaposed texts
//!   (`"ab"` `"c"`) are one text. Lists are separated by commas. Other values are bare
//!   words: numbers, `YES`/`NO`, or a time list `TLIST(A1),"2023",…` /
//!   `TLIST(A1,"2019"-"2024")`. In CONTACT and NOTE texts `#` is a line break
//!   ([`split_lines`]).
//! - `[lang]` is a language variant of the keyword; LANGUAGE is the language of the keywords
//!   without one. Variants name variables and values in their own language
//!   (`VALUES[en]("Year")`), matched by position to the default language's.
//! - The table is the cross product of the STUB and HEADING variables. DATA lists its cells
//!   with the last HEADING variable varying fastest, STUB before HEADING. A cell is a number
//!   (decimal point, no thousands separator) or a data symbol: `"."` … `"......"` for six
//!   kinds of missing value, `"-"` for nil; DATASYMBOL1…6 and DATASYMBOLNIL say how they are
//!   shown ([`DataSymbols`]).
//! - The encoding is CODEPAGE's; `CHARSET="ANSI"` without CODEPAGE means Windows-1252.
//! - CONTVARIABLE names the variable whose values are different measures; UNITS,
//!   LAST-UPDATED, CONTACT, REFPERIOD, STOCKFA … then take the measure as parameter
//!   (`UNITS("Population")="persons"`).
//!
//! # This reader
//!
//! [`parse`] reads the bytes of a file into a [`PxFile`] or returns every error found, each
//! located by line and column in the decoded text with a hint on how to fix it. It keeps
//! every keyword as written ([`PxFile::keywords`], unknown ones too) and interprets those it
//! knows: variables with values, codes and time periods ([`Variable`]), titles, notes and units
//! in each language (falling back to the default language), decimals and the data cells
//! ([`DataCell`]), numbers kept as the text they were written as. [`PxFile::long_table`] gives
//! the table in long form: a column per variable and one value column. Texts are kept raw:
//! HTML some publishers put in NOTE stays text, for the renderer to escape.
//!
//! Not supported yet: KEYS (DATA written row by row with keys), which is reported as an
//! error; CELLNOTE is kept as a keyword but not interpreted.
//!
//! The reader depends only on `std` and `encoding_rs`; its cost is linear in the file size.

mod data;
mod decode;
mod model;
mod syntax;
mod table;
#[cfg(test)]
mod tests;
mod time;

pub use data::{DataCell, DataSymbols, SymbolMeaning};
pub use syntax::{Item, Keyword, KeywordValue};
pub use table::{ColumnKind, LongCell, LongColumn, LongRow, LongTable};
pub use time::{TimeScale, Timestamp};

use std::collections::{HashMap, HashSet};
use std::fmt;

/// An error in a PX file, located in the decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PxError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

impl fmt::Display for PxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {} ({})",
            self.line, self.column, self.message, self.help
        )
    }
}

/// At most this many errors are returned; the last one says how many more there were.
const MAX_ERRORS: usize = 50;

/// Reads a PX file from its bytes.
///
/// # Errors
/// Every error found, in file order (at most 50).
pub fn parse(bytes: &[u8]) -> Result<PxFile, Vec<PxError>> {
    let decoded = decode::decode(bytes).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    let syntax = syntax::read(&decoded.text, &mut errors);
    let file = model::build(&decoded.text, syntax, decoded.encoding, &mut errors);
    match file {
        Some(file) if errors.is_empty() => Ok(file),
        _ => {
            errors.sort_by_key(|e| (e.line, e.column));
            errors.dedup();
            if errors.len() > MAX_ERRORS {
                let more = errors.len() - MAX_ERRORS + 1;
                errors.truncate(MAX_ERRORS - 1);
                let last = &errors[MAX_ERRORS - 2];
                errors.push(PxError {
                    line: last.line,
                    column: last.column,
                    message: format!("{more} more errors after this one are not listed"),
                    help: "Fix the errors listed; the rest may follow from them".to_string(),
                });
            }
            Err(errors)
        }
    }
}

/// The text of a PX file's bytes, decoded as [`parse`] decodes them.
///
/// # Errors
/// When the bytes are not text in the encoding the file declares.
pub fn decoded_text(bytes: &[u8]) -> Result<String, PxError> {
    decode::decode(bytes).map(|d| d.text)
}

/// Splits a PX text at its line breaks, `#` (CONTACT, NOTE), trimming each line and dropping
/// empty lines at the end (`##` makes an empty line between two).
pub fn split_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.split('#').map(str::trim).collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// Whether a variable is in the STUB (rows) or the HEADING (columns) of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// A STUB variable.
    Stub,
    /// A HEADING variable.
    Heading,
}

/// A text or list in the default language with its language variants.
#[derive(Debug, Clone, PartialEq)]
struct Localized<T> {
    default: T,
    /// `(language in lower case, value)`.
    variants: Vec<(String, T)>,
}

impl<T> Localized<T> {
    fn get(&self, lang: Option<&str>) -> &T {
        lang.and_then(|lang| {
            self.variants
                .iter()
                .find(|(l, _)| l.eq_ignore_ascii_case(lang))
        })
        .map_or(&self.default, |(_, v)| v)
    }
}

/// A STUB or HEADING variable.
#[derive(Debug, Clone, PartialEq)]
pub struct Variable {
    index: usize,
    placement: Placement,
    names: Localized<String>,
    values: Localized<Vec<String>>,
    codes: Option<Vec<String>>,
    time: Option<Time>,
    declared_time: bool,
    contents: bool,
    code: Option<String>,
    kind: Option<String>,
}

/// A time variable's TIMEVAL.
#[derive(Debug, Clone, PartialEq)]
struct Time {
    scale: TimeScale,
    /// The period of each value, in VALUES order.
    periods: Vec<String>,
}

impl Variable {
    /// Its position among all variables, STUB first, then HEADING (DATA order).
    pub fn index(&self) -> usize {
        self.index
    }

    /// STUB or HEADING.
    pub fn placement(&self) -> Placement {
        self.placement
    }

    /// Its name in `lang` (the default language when `None` or when the file has no such
    /// variant).
    pub fn name(&self, lang: Option<&str>) -> &str {
        self.names.get(lang)
    }

    /// Its value labels in `lang`, in DATA order.
    pub fn values(&self, lang: Option<&str>) -> &[String] {
        self.values.get(lang)
    }

    /// How many values it has.
    pub fn len(&self) -> usize {
        self.values.default.len()
    }

    /// Always false: a variable without values is an error in a PX file.
    pub fn is_empty(&self) -> bool {
        self.values.default.is_empty()
    }

    /// Its value codes (CODES), in DATA order, if the file has them.
    pub fn codes(&self) -> Option<&[String]> {
        self.codes.as_deref()
    }

    /// Whether it is time: it has a TIMEVAL, or VARIABLE-TYPE says "T" or "Time".
    pub fn is_time(&self) -> bool {
        self.time.is_some() || self.declared_time
    }

    /// TIMEVAL's time scale.
    pub fn time_scale(&self) -> Option<TimeScale> {
        self.time.as_ref().map(|t| t.scale)
    }

    /// TIMEVAL's period of each value, in DATA order (`"19711"` for "1971 January" in a
    /// half-yearly table), matched to the values by code or label where TIMEVAL lists them in
    /// another order, else by position.
    pub fn time_periods(&self) -> Option<&[String]> {
        self.time.as_ref().map(|t| t.periods.as_slice())
    }

    /// Whether it is the CONTVARIABLE, whose values are different measures.
    pub fn is_contents(&self) -> bool {
        self.contents
    }

    /// VARIABLECODE: the variable's code, if the file gives one.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// VARIABLE-TYPE as written ("T", "V", "Time", "Classificatory" …).
    pub fn variable_type(&self) -> Option<&str> {
        self.kind.as_deref()
    }
}

/// What a keyword with parameters is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Target {
    /// The table (no parameters).
    Table,
    /// A variable, by index.
    Variable(usize),
    /// A value of the CONTVARIABLE, by value index.
    Content(usize),
    /// A value of a variable: `(variable, value)`.
    Value(usize, usize),
}

/// A note on the table (NOTE, NOTEX) or on one variable (`NOTE("region")`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Note<'a> {
    /// NOTEX: the publisher says it must be shown.
    pub mandatory: bool,
    /// The variable it is about, by index; `None` for the table.
    pub variable: Option<usize>,
    /// The text as written (`#` is a line break, see [`split_lines`]; may contain HTML,
    /// which is text).
    pub text: &'a str,
}

/// A note on one value of a variable (VALUENOTE, VALUENOTEX).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueNote<'a> {
    /// VALUENOTEX: the publisher says it must be shown.
    pub mandatory: bool,
    /// The variable, by index.
    pub variable: usize,
    /// The value, by index.
    pub value: usize,
    /// The text as written.
    pub text: &'a str,
}

/// A PX file, read and checked.
#[derive(Debug, Clone)]
pub struct PxFile {
    encoding: &'static str,
    keywords: Vec<Keyword>,
    default_language: Option<String>,
    languages: Vec<String>,
    variables: Vec<Variable>,
    stub_len: usize,
    contents_variable: Option<usize>,
    /// `(keyword, language in lower case, target)` → index in `keywords`: the keywords
    /// without parameters and the interpreted ones with parameters.
    index: HashMap<(String, Option<String>, Target), usize>,
    /// NOTE, NOTEX, VALUENOTE and VALUENOTEX in file order: `(keyword index, target)`.
    notes: Vec<(usize, Target)>,
    decimals: Option<u8>,
    show_decimals: Option<u8>,
    precision: HashMap<(usize, usize), u8>,
    data_symbols: DataSymbols,
    cells: Vec<DataCell>,
}

impl PxFile {
    /// The encoding the file was read in (`UTF-8`, `windows-1252`, `ISO-8859-15` …).
    pub fn encoding(&self) -> &'static str {
        self.encoding
    }

    /// Every keyword as written, in file order, unknown ones too (DATA is not among them:
    /// see [`PxFile::cells`]).
    pub fn keywords(&self) -> &[Keyword] {
        &self.keywords
    }

    /// The value of a keyword without parameters (`NEXT-UPDATE`, `TITLE`) in `lang`, falling
    /// back to the default language, when it is one text or word.
    pub fn text(&self, keyword: &str, lang: Option<&str>) -> Option<&str> {
        self.lookup(keyword, lang, Target::Table)
            .and_then(Keyword::text)
    }

    /// AXIS-VERSION, the version of the format the file says it follows.
    pub fn axis_version(&self) -> Option<&str> {
        self.text("AXIS-VERSION", None)
    }

    /// LANGUAGE: the language of the keywords without `[lang]`.
    pub fn default_language(&self) -> Option<&str> {
        self.default_language.as_deref()
    }

    /// The languages the file has: LANGUAGES, else the default language and those of the
    /// `[lang]` variants.
    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    /// TITLE in `lang`, falling back to the default language.
    pub fn title(&self, lang: Option<&str>) -> Option<&str> {
        self.text("TITLE", lang)
    }

    /// CONTENTS in `lang`.
    pub fn contents(&self, lang: Option<&str>) -> Option<&str> {
        self.text("CONTENTS", lang)
    }

    /// DESCRIPTION in `lang`.
    pub fn description(&self, lang: Option<&str>) -> Option<&str> {
        self.text("DESCRIPTION", lang)
    }

    /// SUBJECT-AREA in `lang`.
    pub fn subject_area(&self, lang: Option<&str>) -> Option<&str> {
        self.text("SUBJECT-AREA", lang)
    }

    /// MATRIX, the table's name in the publisher's database.
    pub fn matrix(&self) -> Option<&str> {
        self.text("MATRIX", None)
    }

    /// TABLEID, the table's identifier.
    pub fn table_id(&self) -> Option<&str> {
        self.text("TABLEID", None)
    }

    /// COPYRIGHT: `YES` means the publisher holds the copyright.
    pub fn copyright(&self) -> Option<bool> {
        self.text("COPYRIGHT", None)
            .map(|t| t.eq_ignore_ascii_case("YES"))
    }

    /// CREATION-DATE as written (`CCYYMMDD hh:mm`; [`Timestamp::parse`] reads it).
    pub fn creation_date(&self) -> Option<&str> {
        self.text("CREATION-DATE", None)
    }

    /// A keyword that may be given per measure (`UNITS("Bosatte")`) or for the whole table:
    /// the one for `content_value` (a value index of the CONTVARIABLE) in `lang`, else in the
    /// default language, else the table's in `lang`, else in the default language.
    pub fn content_text(
        &self,
        keyword: &str,
        content_value: Option<usize>,
        lang: Option<&str>,
    ) -> Option<&str> {
        content_value
            .and_then(|v| self.lookup(keyword, lang, Target::Content(v)))
            .or_else(|| self.lookup(keyword, lang, Target::Table))
            .and_then(Keyword::text)
    }

    /// UNITS of a measure (see [`PxFile::content_text`]).
    pub fn units(&self, content_value: Option<usize>, lang: Option<&str>) -> Option<&str> {
        self.content_text("UNITS", content_value, lang)
    }

    /// SOURCE of a measure, or of the table.
    pub fn source(&self, content_value: Option<usize>, lang: Option<&str>) -> Option<&str> {
        self.content_text("SOURCE", content_value, lang)
    }

    /// CONTACT of a measure, or of the table (`#` is a line break, see [`split_lines`]).
    pub fn contact(&self, content_value: Option<usize>, lang: Option<&str>) -> Option<&str> {
        self.content_text("CONTACT", content_value, lang)
    }

    /// LAST-UPDATED of a measure, or of the table, as written (`CCYYMMDD hh:mm`).
    pub fn last_updated(&self, content_value: Option<usize>) -> Option<&str> {
        self.content_text("LAST-UPDATED", content_value, None)
    }

    /// How many decimals to show for a measure: its PRECISION, else SHOWDECIMALS, else
    /// DECIMALS.
    pub fn decimals(&self, content_value: Option<usize>) -> Option<u8> {
        self.contents_variable
            .zip(content_value)
            .and_then(|key| self.precision.get(&key).copied())
            .or(self.show_decimals)
            .or(self.decimals)
    }

    /// PRECISION of one value of a variable: the decimals cells with that value are shown
    /// with.
    pub fn precision(&self, variable: usize, value: usize) -> Option<u8> {
        self.precision.get(&(variable, value)).copied()
    }

    /// Notes on the table and its variables (NOTE, NOTEX) in `lang`, in file order; a note
    /// without a variant in `lang` is given in the default language.
    pub fn notes(&self, lang: Option<&str>) -> Vec<Note<'_>> {
        self.localized_notes(lang)
            .filter_map(|(mandatory, target, text)| match target {
                Target::Table => Some(Note {
                    mandatory,
                    variable: None,
                    text,
                }),
                Target::Variable(v) => Some(Note {
                    mandatory,
                    variable: Some(v),
                    text,
                }),
                _ => None,
            })
            .collect()
    }

    /// Notes on values (VALUENOTE, VALUENOTEX) in `lang`, in file order.
    pub fn value_notes(&self, lang: Option<&str>) -> Vec<ValueNote<'_>> {
        self.localized_notes(lang)
            .filter_map(|(mandatory, target, text)| match target {
                Target::Value(variable, value) => Some(ValueNote {
                    mandatory,
                    variable,
                    value,
                    text,
                }),
                _ => None,
            })
            .collect()
    }

    /// How the data symbols are shown.
    pub fn data_symbols(&self) -> &DataSymbols {
        &self.data_symbols
    }

    /// All variables: STUB, then HEADING.
    pub fn variables(&self) -> &[Variable] {
        &self.variables
    }

    /// The STUB variables.
    pub fn stub(&self) -> &[Variable] {
        &self.variables[..self.stub_len]
    }

    /// The HEADING variables.
    pub fn heading(&self) -> &[Variable] {
        &self.variables[self.stub_len..]
    }

    /// The CONTVARIABLE, whose values are different measures, if there is one.
    pub fn contents_variable(&self) -> Option<&Variable> {
        self.contents_variable.map(|i| &self.variables[i])
    }

    /// The first time variable, if there is one.
    pub fn time_variable(&self) -> Option<&Variable> {
        self.variables.iter().find(|v| v.is_time())
    }

    /// The DATA cells in file order: the last HEADING variable varies fastest.
    pub fn cells(&self) -> &[DataCell] {
        &self.cells
    }

    /// The keyword for `target` in `lang`, else in the default language.
    fn lookup(&self, keyword: &str, lang: Option<&str>, target: Target) -> Option<&Keyword> {
        let mut key = (keyword.to_string(), lang.map(str::to_lowercase), target);
        let found = self.index.get(&key).or_else(|| {
            key.1 = None;
            self.index.get(&key)
        });
        found.map(|&i| &self.keywords[i])
    }

    /// `(mandatory, target, text)` of each note in `lang`: the notes written for `lang`, and
    /// the default language's for the targets `lang` has none for.
    fn localized_notes(&self, lang: Option<&str>) -> impl Iterator<Item = (bool, Target, &str)> {
        let wanted = lang.map(str::to_lowercase);
        let in_lang = |k: &Keyword| k.language.as_ref().map(|l| l.to_lowercase());
        let covered: HashSet<(bool, Target)> = match &wanted {
            Some(_) => self
                .notes
                .iter()
                .filter(|(i, _)| in_lang(&self.keywords[*i]) == wanted)
                .map(|&(i, target)| (self.keywords[i].name.ends_with('X'), target))
                .collect(),
            None => HashSet::new(),
        };
        self.notes.iter().filter_map(move |&(i, target)| {
            let keyword = &self.keywords[i];
            let mandatory = keyword.name.ends_with('X');
            let language = in_lang(keyword);
            let wanted_here = if language.is_some() && language == wanted {
                true
            } else {
                language.is_none() && !covered.contains(&(mandatory, target))
            };
            wanted_here.then(|| (mandatory, target, keyword.text().unwrap_or_default()))
        })
    }
}
