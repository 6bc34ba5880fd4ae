//! A dataset's typed columns, stored compactly: a number column as one `f64` per row, a
//! text column as one index per row into its distinct values, and one byte per row saying
//! whether the cell has a value, is missing or is hidden. A 50 MB CSV of a million rows
//! then takes tens of megabytes as typed columns, not hundreds.

use super::marker::MarkerMeaning;
use super::privacy::Suppression;
use std::borrow::Cow;
use std::collections::HashMap;

/// A cell's typed value, borrowed from its [`Column`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    /// A missing-value marker or an empty cell.
    Missing,
    /// A number (`number`, `integer` and `year` fields).
    Number(f64),
    /// Text (`string`, `boolean`, `date` and `yearmonth` fields), as written.
    Text(&'a str),
    /// A count that is not published (see [`super::privacy`]); its value is gone.
    Suppressed(Suppression),
}

impl Value<'_> {
    /// The number, if this is one.
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// What a row of a column holds besides its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Present,
    Missing,
    Hidden(Suppression),
    /// A marker of the dataset's (see [`super::marker`]), by its index.
    Marked(u8),
}

/// The values of a column, by kind.
#[derive(Debug, Clone)]
enum Data {
    /// One number per row (0 where the row has no value).
    Numbers(Vec<f64>),
    /// One index into `distinct` per row (0 where the row has no value).
    Text {
        distinct: Vec<Box<str>>,
        index: Vec<u32>,
    },
}

/// One column's values, in row order.
#[derive(Debug, Clone)]
pub struct Column {
    marks: Vec<Mark>,
    data: Data,
    /// The most decimals any cell was written with.
    pub decimals: usize,
    /// The dataset's markers, which [`Mark::Marked`] points into.
    pub(crate) markers: Vec<(Box<str>, MarkerMeaning)>,
    /// True when every number of the column is whole (shown without decimals by default).
    pub whole: bool,
    /// The text of each number whose digits a float does not hold (more than 15
    /// significant digits), by row, so it is shown as written.
    exact: HashMap<usize, Box<str>>,
}

impl Column {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.marks.len()
    }

    /// True when the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    /// The value in `row`.
    pub fn get(&self, row: usize) -> Value<'_> {
        match self.marks[row] {
            Mark::Missing => Value::Missing,
            Mark::Hidden(why) => Value::Suppressed(why),
            Mark::Marked(i) => match (&self.data, self.markers.get(i as usize)) {
                (Data::Numbers(numbers), Some((_, MarkerMeaning::Zero))) => {
                    Value::Number(numbers[row])
                }
                _ => Value::Missing,
            },
            Mark::Present => match &self.data {
                Data::Numbers(numbers) => Value::Number(numbers[row]),
                Data::Text { distinct, index } => Value::Text(&distinct[index[row] as usize]),
            },
        }
    }

    /// The marker written in `row` and what it means, if the cell holds one (an empty
    /// cell holds none).
    pub fn marker(&self, row: usize) -> Option<(&str, MarkerMeaning)> {
        match self.marks[row] {
            Mark::Marked(i) => self.markers.get(i as usize).map(|(m, v)| (&**m, *v)),
            _ => None,
        }
    }

    /// The distinct texts of a text column, in order of first appearance (none for a
    /// column of numbers).
    pub(crate) fn distinct_texts(&self) -> &[Box<str>] {
        match &self.data {
            Data::Text { distinct, .. } => distinct,
            Data::Numbers(_) => &[],
        }
    }

    /// True for a column of numbers.
    pub(crate) fn is_numeric(&self) -> bool {
        matches!(self.data, Data::Numbers(_))
    }

    /// The number in `row` as the source wrote it (`-123.4567890123456789`, decimal
    /// point), where it has more digits than its value holds; `None` for every other cell.
    pub fn exact_text(&self, row: usize) -> Option<&str> {
        self.exact.get(&row).map(|t| &**t)
    }

    /// The values in row order.
    pub fn iter(&self) -> impl Iterator<Item = Value<'_>> {
        (0..self.len()).map(|row| self.get(row))
    }

    /// Hides the value in `row`; it cannot be read again.
    pub(crate) fn hide(&mut self, row: usize, why: Suppression) {
        self.marks[row] = Mark::Hidden(why);
        self.exact.remove(&row);
        match &mut self.data {
            Data::Numbers(numbers) => numbers[row] = 0.0,
            Data::Text { index, .. } => index[row] = 0,
        }
    }
}

/// Builds a [`Column`] row by row, keeping each distinct text once.
pub(crate) struct ColumnBuilder<'t> {
    marks: Vec<Mark>,
    numbers: Vec<f64>,
    index: Vec<u32>,
    distinct: HashMap<Cow<'t, str>, u32>,
    /// The text added last and its index: exports sort rows, so a text often repeats.
    last: Option<(Cow<'t, str>, u32)>,
    numeric: bool,
    decimals: usize,
    whole: bool,
    exact: HashMap<usize, Box<str>>,
}

impl<'t> ColumnBuilder<'t> {
    /// An empty column of numbers (`numeric`) or text, with room for `rows` rows.
    pub fn new(numeric: bool, rows: usize) -> Self {
        ColumnBuilder {
            marks: Vec::with_capacity(rows),
            numbers: Vec::with_capacity(if numeric { rows } else { 0 }),
            index: Vec::with_capacity(if numeric { 0 } else { rows }),
            distinct: HashMap::new(),
            last: None,
            numeric,
            decimals: 0,
            whole: true,
            exact: HashMap::new(),
        }
    }

    /// Adds a missing value.
    pub fn missing(&mut self) {
        self.marks.push(Mark::Missing);
        if self.numeric {
            self.numbers.push(0.0);
        } else {
            self.index.push(0);
        }
    }

    /// Adds the dataset's marker number `index` (see [`Column::marker`]); a marker that
    /// means zero is the number 0 in a number column.
    pub fn marked(&mut self, index: usize) {
        let Ok(index) = u8::try_from(index) else {
            return self.missing();
        };
        self.marks.push(Mark::Marked(index));
        if self.numeric {
            self.numbers.push(0.0);
        } else {
            self.index.push(0);
        }
    }

    /// Adds row `row` of `column` (of the same kind) as it is: value, missing or marker.
    pub fn copy(&mut self, column: &Column, row: usize) {
        match (column.marks[row], &column.data) {
            (Mark::Marked(i), _) => self.marked(i as usize),
            (Mark::Present, Data::Numbers(n)) => self.number(n[row], column.decimals),
            (Mark::Present, Data::Text { distinct, index }) => {
                self.text(Cow::Owned(distinct[index[row] as usize].to_string()))
            }
            _ => self.missing(),
        }
    }

    /// Adds a number written with `decimals` decimals (to a number column).
    pub fn number(&mut self, value: f64, decimals: usize) {
        self.marks.push(Mark::Present);
        self.numbers.push(value);
        self.decimals = self.decimals.max(decimals);
        self.whole &= value.fract() == 0.0;
    }

    /// Adds a number and its text as written (`-1234.5`, decimal point): the text is kept
    /// when the value does not hold all its digits.
    pub fn number_with_text(&mut self, value: f64, decimals: usize, text: &str) {
        let row = self.marks.len();
        self.number(value, decimals);
        let significant = text.bytes().filter(u8::is_ascii_digit).count();
        if significant > 15 {
            let trimmed = |t: &str| {
                let t = t.trim_start_matches(['-', '+', '0']);
                if t.contains('.') {
                    t.trim_end_matches('0').trim_end_matches('.').to_string()
                } else {
                    t.to_string()
                }
            };
            if trimmed(text) != trimmed(&format!("{value}")) {
                self.exact.insert(row, text.into());
            }
        }
    }

    /// Adds a text (to a text column).
    pub fn text(&mut self, text: Cow<'t, str>) {
        self.marks.push(Mark::Present);
        let i = match &self.last {
            Some((last, i)) if *last == text => *i,
            _ => {
                let next = self.distinct.len() as u32;
                let i = *self.distinct.entry(text.clone()).or_insert(next);
                self.last = Some((text, i));
                i
            }
        };
        self.index.push(i);
    }

    /// The finished column.
    pub fn finish(self) -> Column {
        let data = if self.numeric {
            Data::Numbers(self.numbers)
        } else {
            let mut distinct: Vec<(u32, Cow<str>)> =
                self.distinct.into_iter().map(|(t, i)| (i, t)).collect();
            distinct.sort_unstable_by_key(|(i, _)| *i);
            Data::Text {
                distinct: distinct.into_iter().map(|(_, t)| t.into()).collect(),
                index: self.index,
            }
        };
        Column {
            marks: self.marks,
            data,
            decimals: self.decimals,
            markers: Vec::new(),
            whole: self.whole,
            exact: self.exact,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_come_back_as_pushed() {
        let mut b = ColumnBuilder::new(false, 4);
        b.text("Kil".into());
        b.missing();
        b.text("Arvika".into());
        b.text("Kil".into());
        let c = b.finish();
        let values: Vec<Value> = c.iter().collect();
        assert_eq!(
            values,
            [
                Value::Text("Kil"),
                Value::Missing,
                Value::Text("Arvika"),
                Value::Text("Kil")
            ]
        );

        let mut b = ColumnBuilder::new(true, 3);
        b.number(12.5, 1);
        b.number(3.0, 0);
        b.missing();
        let mut c = b.finish();
        c.hide(1, Suppression::Primary);
        assert_eq!(c.decimals, 1);
        let values: Vec<Value> = c.iter().collect();
        assert_eq!(
            values,
            [
                Value::Number(12.5),
                Value::Suppressed(Suppression::Primary),
                Value::Missing
            ]
        );
    }
}
