//! What a ```` ```chart ```` or ```` ```table ```` block asks for, parsed from its YAML body
//! with unknown keys refused.

use super::SpecError;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A chart type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    /// One bar per category.
    Bar,
    /// Bars per series side by side within each category.
    GroupedBar,
    /// Series stacked within each category (`percent: true` for 100 % stacks).
    StackedBar,
    /// Agreement scales: ordered answer categories per statement.
    Likert,
    /// Time series: one line per series.
    Line,
    /// Labelled points on two numeric axes.
    Scatter,
}

impl ChartKind {
    /// The key as written.
    pub fn key(self) -> &'static str {
        match self {
            ChartKind::Bar => "bar",
            ChartKind::GroupedBar => "grouped-bar",
            ChartKind::StackedBar => "stacked-bar",
            ChartKind::Likert => "likert",
            ChartKind::Line => "line",
            ChartKind::Scatter => "scatter",
        }
    }
}

/// Bars standing up or lying down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    /// Bars grow upward from the x axis.
    #[default]
    Vertical,
    /// Bars grow rightward; long category labels fit better.
    Horizontal,
}

/// Ordering of categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// As in the data (codebook categories, else first appearance; ordered types ascending).
    None,
    /// Smallest value first.
    Ascending,
    /// Largest value first.
    Descending,
}

/// One value or a list of values in a `filter`, or `{not: …}` for the values to leave out.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// A single value.
    One(Scalar),
    /// Any of these values.
    Many(Vec<Scalar>),
    /// Any value but these: `{not: Totalt}`, `{not: [Totalt, Okänd]}`.
    Not(Not),
}

/// `{not: …}` in a `filter`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Not {
    /// The values left out.
    pub not: Box<OneOrMany>,
}

/// A YAML scalar in a filter (numbers and years may be written bare).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
}

impl OneOrMany {
    /// The values as a list, and whether they are the ones left out.
    pub fn values(&self) -> (Vec<&Scalar>, bool) {
        match self {
            OneOrMany::One(s) => (vec![s], false),
            OneOrMany::Many(v) => (v.iter().collect(), false),
            OneOrMany::Not(n) => (n.not.values().0, true),
        }
    }
}

/// Where the quadrant lines of a scatter chart cross.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quadrants {
    /// The vertical line's x value.
    pub x: f64,
    /// The horizontal line's y value.
    pub y: f64,
}

/// A ```` ```chart ```` block.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    /// The dataset name (`data/NAME.csv`).
    pub data: String,
    /// The chart type.
    #[serde(rename = "type")]
    pub kind: ChartKind,
    /// Category (or time, or x number) column.
    pub x: Option<String>,
    /// Value column; for bars, leaving it out counts rows.
    pub y: Option<String>,
    /// One series per value of this column.
    pub series: Option<String>,
    /// Point labels (scatter).
    pub label: Option<String>,
    /// Statement column (likert).
    pub item: Option<String>,
    /// Answer column (likert).
    pub category: Option<String>,
    /// One panel per value of this column (likert).
    pub group: Option<String>,
    /// The answer kept apart (likert), e.g. "Vet inte".
    pub dont_know: Option<String>,
    /// The answer scale's direction (likert), over the codebook's `scale`.
    pub scale: Option<insikt_data::codebook::ScaleOrder>,
    /// The figure's id across the report: its anchor, and what `{{#ref ID}}` names
    /// (checked before rendering; see insikt-render's `numbering`).
    pub id: Option<String>,
    /// Title; defaults to the dataset's title.
    pub title: Option<String>,
    /// A sentence under the chart.
    pub caption: Option<String>,
    /// Keep only rows whose column has this value (or one of these values).
    #[serde(default)]
    pub filter: BTreeMap<String, OneOrMany>,
    /// Draw the dataset's total rows beside their parts (left out by default).
    #[serde(default)]
    pub include_totals: bool,
    /// Order categories by value.
    pub sort: Option<Sort>,
    /// Category order, overriding the data's.
    pub order: Option<Vec<String>>,
    /// The x axis title.
    pub x_title: Option<String>,
    /// The y axis title.
    pub y_title: Option<String>,
    /// The unit of the values (`%` is written after each number).
    pub unit: Option<String>,
    /// Decimals to show; default the dataset's (its codebook's, its PX file's, else whole
    /// numbers for whole-number data and one decimal otherwise).
    pub decimals: Option<usize>,
    /// Bars vertical or horizontal.
    #[serde(default)]
    pub orientation: Orientation,
    /// 100 % stacks (stacked-bar).
    #[serde(default)]
    pub percent: bool,
    /// Quadrant lines (scatter).
    pub quadrants: Option<Quadrants>,
    /// The x axis range `[min, max]` (scatter, line).
    pub x_range: Option<[f64; 2]>,
    /// The y axis range `[min, max]`.
    pub y_range: Option<[f64; 2]>,
}

/// The most decimals a chart may be asked to show.
pub const MAX_DECIMALS: usize = 10;

impl ChartSpec {
    /// Checks the values serde cannot: axis ranges that run from a smaller to a larger
    /// finite number, finite quadrant lines, a sensible number of decimals.
    pub fn check(&self) -> Result<(), SpecError> {
        for (key, range) in [("x_range", self.x_range), ("y_range", self.y_range)] {
            if let Some([lo, hi]) = range {
                if !(lo.is_finite() && hi.is_finite() && lo < hi) {
                    return Err(SpecError::new(
                        format!("`{key}: [{lo}, {hi}]` is not a range from a smaller to a larger number"),
                        format!("write `{key}: [MIN, MAX]` with MIN below MAX, e.g. `{key}: [0, 100]`"),
                    ));
                }
            }
        }
        if let Some(q) = self.quadrants {
            if !(q.x.is_finite() && q.y.is_finite()) {
                return Err(SpecError::new(
                    "`quadrants` needs two numbers",
                    "write `quadrants: {x: 0, y: 0}` with the values where the lines cross",
                ));
            }
        }
        if let Some(d) = self.decimals.filter(|&d| d > MAX_DECIMALS) {
            return Err(SpecError::new(
                format!("`decimals: {d}` is more than a chart can show"),
                format!("use a number from 0 to {MAX_DECIMALS}"),
            ));
        }
        Ok(())
    }
}

/// A ```` ```table ```` block.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    /// The dataset name.
    pub data: String,
    /// Columns to show, in order; default all.
    pub columns: Option<Vec<String>>,
    /// Keep only rows whose column has this value (or one of these values).
    #[serde(default)]
    pub filter: BTreeMap<String, OneOrMany>,
    /// Sort rows by this column; `-name` for descending.
    pub sort: Option<String>,
    /// The table's id across the report, as [`ChartSpec::id`].
    pub id: Option<String>,
    /// Title; defaults to the dataset's title.
    pub title: Option<String>,
    /// A sentence under the table.
    pub caption: Option<String>,
    /// Decimals of every number column; default the dataset's (see
    /// `insikt_data::Dataset::decimals`).
    pub decimals: Option<usize>,
}
