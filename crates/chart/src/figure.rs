//! A chart or table as data, for the theme's `partials/figure.html` to turn into HTML.
//!
//! The chart code decides what is shown (numbers formatted for the language, which cells are
//! hidden and why, the source and the downloads); the theme decides the markup around it.
//! All text is plain text: the templates escape it. Only [`Figure::svg`] is markup.

use serde::Serialize;

/// What kind of block made the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    /// A ```` ```chart ```` block: an SVG with its data table.
    Chart,
    /// A ```` ```table ```` block: rows of a dataset.
    Table,
}

/// A numbered chart or table of a page.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// Chart or table.
    pub kind: FigureKind,
    /// The chart type's key (`bar`, `line`, …) for charts.
    pub chart_type: Option<&'static str>,
    /// The element id: the block's `id`, else `figur-N` or `tabell-N` (N counting the
    /// page's charts, or tables).
    pub id: String,
    /// The number shown: among the report's charts (or tables), its chapter's, or its
    /// page's (`[figures] numbering`): `3`, or `2.3` by chapter.
    pub number: String,
    /// The title.
    pub title: String,
    /// The chart as SVG markup (charts only), drawn for the text column; also the SVG
    /// download.
    pub svg: Option<String>,
    /// The same chart drawn for a phone (charts only): lying bars, the legend on top,
    /// fewer ticks, narrower labels. Its ids differ from [`Figure::svg`]'s (`figur-1-smal-…`),
    /// so both can be on the page; the theme shows one of them.
    pub svg_narrow: Option<String>,
    /// The numbers shown, as a table.
    pub table: DataTable,
    /// The block's `caption`: a note under the figure.
    pub note: Option<String>,
    /// That small counts are hidden and why, when some are.
    pub privacy_note: Option<String>,
    /// Where the data comes from.
    pub source: Source,
    /// The files offered for download, in the order shown (charts only).
    pub downloads: Vec<Download>,
}

/// A table of the figure's numbers.
#[derive(Debug, Clone, Serialize)]
pub struct DataTable {
    /// The column headers.
    pub header: Vec<HeaderCell>,
    /// The rows, each a list of cells (row headers first).
    pub rows: Vec<Vec<Cell>>,
}

/// A column header.
#[derive(Debug, Clone, Serialize)]
pub struct HeaderCell {
    /// Its text.
    pub text: String,
    /// Whether the column holds numbers (right-aligned).
    pub numeric: bool,
}

/// A cell of a table's body.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The text shown (a formatted number for numbers); empty for a missing or hidden value.
    pub text: String,
    /// Whether the cell heads its row.
    pub header: bool,
    /// Whether it holds a number (right-aligned).
    pub numeric: bool,
    /// Whether the value is missing.
    pub missing: bool,
    /// Why and how the value is hidden, when it is.
    pub hidden: Option<Hidden>,
}

/// A hidden count in a table.
#[derive(Debug, Clone, Serialize)]
pub struct Hidden {
    /// The marker to see: `<5` or `×`.
    pub marker: String,
    /// What it means, to hear.
    pub label: String,
    /// Hidden so that a hidden count cannot be worked out from a total (`×`).
    pub secondary: bool,
}

/// The source line under a figure.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// The codebook's `source`, without a final full stop.
    pub text: Option<String>,
    /// When the data was updated, formatted for the language.
    pub updated: Option<String>,
    /// The same date as `YYYY-MM-DD`.
    pub updated_iso: Option<String>,
    /// The dataset's title.
    pub dataset_title: String,
    /// Relative link to the dataset's codebook page.
    pub codebook_href: String,
    /// The dataset's notes (a PX file's NOTE and VALUENOTE texts), shown as footnotes.
    pub notes: Vec<String>,
}

/// A file offered for download beside the page.
#[derive(Debug, Clone, Serialize)]
pub struct Download {
    /// Its name, which is also its href relative to the page.
    pub file: String,
    /// The link text.
    pub label: String,
    /// Its media type.
    pub media_type: &'static str,
}
