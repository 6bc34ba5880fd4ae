//! The codebook `data/NAME.yaml`: what a dataset is, where it comes from, and what each
//! column means (Frictionless Table Schema names where they exist, see PRODUCT.md §3).

use insikt_core::date::Date;
use insikt_core::vocabulary::{Audience, IndicatorType, Purpose, Status};
use serde::{Deserialize, Serialize};

/// A dataset's codebook.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Codebook {
    /// Human title.
    pub title: Option<String>,
    /// What the dataset holds.
    pub description: Option<String>,
    /// Where the numbers come from.
    pub source: Option<String>,
    /// Who answers questions about the dataset.
    pub owner: Option<String>,
    /// "Data as of".
    pub updated: Option<Date>,
    /// Licence, e.g. `CC-BY-4.0`.
    pub license: Option<String>,
    /// Quality status.
    pub status: Option<Status>,
    /// Why the numbers are published.
    pub purpose: Option<Purpose>,
    /// Who the numbers are for.
    #[serde(default)]
    pub audience: Vec<Audience>,
    /// What kind of indicator the dataset holds.
    pub indicator_type: Option<IndicatorType>,
    /// How things are counted (persons or contacts, numerator, period).
    pub counting: Option<String>,
    /// Known problems with the data.
    pub known_issues: Option<String>,
    /// The file's encoding; detected when absent.
    pub encoding: Option<Encoding>,
    /// The delimiter; detected when absent.
    pub delimiter: Option<Delimiter>,
    /// The decimal mark; detected when absent.
    pub decimal: Option<DecimalMark>,
    /// A thousands separator besides spaces (only `.` or `,` make sense).
    pub thousands: Option<DecimalMark>,
    /// The columns, in any order.
    #[serde(default)]
    pub fields: Vec<Field>,
    /// Cell texts that mean "no value"; when given, they replace the default markers (see
    /// [`crate::marker`]).
    pub missing_values: Option<Vec<String>>,
    /// This dataset's own threshold; counts below it are hidden. Default: `book.toml`'s.
    pub min_count: Option<u32>,
    /// Allows a `min_count` below 3 (with a warning in every build).
    #[serde(default)]
    pub allow_below_default: bool,
    /// Whether zero counts are hidden too. Default false.
    #[serde(default)]
    pub suppress_zeros: bool,
    /// Count columns that hold the total of other count columns of the same row.
    #[serde(default)]
    pub totals: Vec<TotalColumn>,

    // How a CSV export is laid out (issue 13, the CSV side): see `layout`.
    /// The line of the file holding the header (1-based, as an editor counts); found when
    /// absent.
    pub header_row: Option<usize>,
    /// How many non-blank lines at the end of the file are notes, not data; found when
    /// absent.
    pub footer_lines: Option<usize>,
    /// The column names, for a file that has no header row (with `header_row`: names that
    /// replace the header's).
    pub columns: Option<Vec<String>>,
    /// Columns that are one variable (one per year), read as a long table.
    pub wide: Option<crate::wide::Wide>,
    /// What each marker in the cells means (`"-": zero`), over the defaults.
    #[serde(default)]
    pub markers: std::collections::BTreeMap<String, crate::marker::MarkerMeaning>,
    // Keys that a PC-Axis file's metadata fills in (issue 13, PX side).
    /// Who answers questions about the numbers: a declared work contact (an e-mail address
    /// or phone number is allowed here); a PX file's CONTACT.
    pub contact: Option<String>,
    /// Notes on the dataset, shown as footnotes under its charts and on its codebook page;
    /// a PX file's NOTE, NOTEX and VALUENOTE texts.
    #[serde(default)]
    pub notes: Vec<String>,
    /// The measures of a dataset whose value column holds several (a PX file's
    /// CONTVARIABLE), each with its own unit and decimals.
    #[serde(default)]
    pub measures: Vec<Measure>,
}

/// One measure of a dataset with several (`measures:` in a codebook).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// The measure's name, as it appears in the data.
    pub name: String,
    /// Its unit.
    pub unit: Option<String>,
    /// How many decimals its values are shown with.
    pub decimals: Option<usize>,
}

/// A count column that is a total (`totals:` in a codebook).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum TotalColumn {
    /// `- total`: the column adds up every other count column of its row.
    All(String),
    /// `- {column: total, of: [a, b]}`: the column adds up the columns named.
    Of {
        /// The total column.
        column: String,
        /// The columns it adds up.
        of: Vec<String>,
    },
}

/// Keys of a codebook and of its fields, for suggestions.
pub fn codebook_keys() -> Vec<&'static str> {
    insikt_core::fields::merged(&[
        insikt_core::fields::of::<Codebook>(),
        insikt_core::fields::of::<Field>(),
        insikt_core::fields::of::<Measure>(),
    ])
}

/// One column.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The column name in the CSV header.
    pub name: String,
    /// Human title (column header in tables, axis titles).
    pub title: Option<String>,
    /// What the column means.
    pub description: Option<String>,
    /// The value type.
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// Unit, e.g. `personer` or `%`.
    pub unit: Option<String>,
    /// What the column is for.
    pub role: Option<Role>,
    /// Allowed values, in order.
    pub categories: Option<Vec<String>>,
    /// The value in this column that marks a row holding the total of the rows that differ
    /// only in this column, e.g. `Totalt`.
    pub total: Option<String>,
    /// `false` when the values only look like personal identifiers (case numbers, say), so
    /// they are not checked; needs `identifier_reason`. Absent or `true`: checked.
    pub identifier: Option<bool>,
    /// Why a field declared `identifier: false` holds no personal identifiers.
    pub identifier_reason: Option<String>,
    /// How many decimals the column's numbers are shown with; default: whole numbers for
    /// whole-number data, else one decimal (see [`crate::format`]).
    pub decimals: Option<usize>,

    // Issue 13, agreement charts.
    /// For an answer scale: whether its categories run from disagreeing to agreeing or the
    /// other way round; inferred from the labels when absent and unambiguous.
    pub scale: Option<ScaleOrder>,
}

/// The direction of an agreement scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleOrder {
    /// "Instämmer inte alls" … "Instämmer helt".
    DisagreeFirst,
    /// "Helt enig" … "Helt uenig".
    AgreeFirst,
}

impl ScaleOrder {
    /// The direction of a scale whose categories run from `first` to `last`, when only one
    /// of them is negated ("inte", "ikke", "uenig", "disagree", "eri mieltä" …).
    pub fn infer(first: &str, last: &str) -> Option<ScaleOrder> {
        const NEGATIONS: &[&str] = &[
            "inte",
            "ej",
            "icke",
            "oenig",
            "oeniga",
            "ikke",
            "ikkje",
            "uenig",
            "uenige",
            "not",
            "disagree",
            "eri",
            "täysin eri",
            "never",
            "aldrig",
            "aldri",
        ];
        let negated = |label: &str| {
            let lower = label.to_lowercase();
            lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| NEGATIONS.contains(&w))
        };
        match (negated(first), negated(last)) {
            (true, false) => Some(ScaleOrder::DisagreeFirst),
            (false, true) => Some(ScaleOrder::AgreeFirst),
            _ => None,
        }
    }
}

impl Field {
    /// The title, or the name when there is none.
    pub fn label(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.name)
    }
}

/// A column's value type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    /// Text.
    String,
    /// A number with or without decimals.
    Number,
    /// A whole number.
    Integer,
    /// `true`/`false` (also `ja`/`nej`, `yes`/`no`, `1`/`0`).
    Boolean,
    /// `YYYY-MM-DD`.
    Date,
    /// A year, `YYYY`.
    Year,
    /// `YYYY-MM`.
    Yearmonth,
}

impl FieldType {
    /// The key as written in the codebook (and Frictionless).
    pub fn key(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Number => "number",
            FieldType::Integer => "integer",
            FieldType::Boolean => "boolean",
            FieldType::Date => "date",
            FieldType::Year => "year",
            FieldType::Yearmonth => "yearmonth",
        }
    }

    /// True for types whose values are numbers.
    pub fn is_numeric(self) -> bool {
        matches!(self, FieldType::Number | FieldType::Integer)
    }
}

/// What a column is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A count of people or events: subject to small-cell suppression.
    Count,
    /// Another measured value.
    Measure,
    /// A dimension to group by.
    Dimension,
}

/// A text encoding insikt reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    #[serde(rename = "utf-8", alias = "utf8", alias = "UTF-8")]
    Utf8,
    /// Windows-1252, Excel's "CSV" in Nordic locales.
    #[serde(
        rename = "windows-1252",
        alias = "cp1252",
        alias = "latin1",
        alias = "iso-8859-1"
    )]
    Windows1252,
}

impl Encoding {
    /// The name as written in a codebook.
    pub fn key(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

/// A CSV delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Delimiter {
    /// `,`
    #[serde(rename = ",")]
    Comma,
    /// `;`
    #[serde(rename = ";")]
    Semicolon,
    /// A tab.
    #[serde(rename = "\t", alias = "tab")]
    Tab,
}

impl Delimiter {
    /// The delimiter byte.
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }

    /// How it is written in a codebook.
    pub fn yaml(self) -> &'static str {
        match self {
            Delimiter::Comma => "\",\"",
            Delimiter::Semicolon => "\";\"",
            Delimiter::Tab => "tab",
        }
    }
}

/// A decimal mark or thousands separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum DecimalMark {
    /// `,`
    #[serde(rename = ",")]
    Comma,
    /// `.`
    #[serde(rename = ".")]
    Point,
}

impl DecimalMark {
    /// The character.
    pub fn char(self) -> char {
        match self {
            DecimalMark::Comma => ',',
            DecimalMark::Point => '.',
        }
    }
}
