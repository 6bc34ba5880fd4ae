//! The table in long form: one row per DATA cell, a column per variable (its value label, and
//! its code where the file has codes) and one value column.

use super::data::{DataCell, SymbolMeaning};
use super::PxFile;
use std::collections::HashSet;

/// The table in long form.
#[derive(Debug, Clone, PartialEq)]
pub struct LongTable {
    /// The columns: per variable in DATA order its label column and, when it has codes, its
    /// code column; the value column last.
    pub columns: Vec<LongColumn>,
    /// One row per DATA cell, in DATA order.
    pub rows: Vec<LongRow>,
}

/// A column of the long table.
#[derive(Debug, Clone, PartialEq)]
pub struct LongColumn {
    /// Its name, unique in the table: the variable's name in the language asked for, that
    /// name with ` (code)` for codes, and `value`.
    pub name: String,
    /// What it holds.
    pub kind: ColumnKind,
}

/// What a column of the long table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// The value labels of a variable (by index).
    Label(usize),
    /// The value codes of a variable (by index): CODES, or for a time variable without CODES
    /// its TIMEVAL periods.
    Code(usize),
    /// The DATA cells.
    Value,
}

/// A row of the long table.
#[derive(Debug, Clone, PartialEq)]
pub struct LongRow {
    /// One cell per column.
    pub cells: Vec<LongCell>,
    /// How many decimals the value is shown with: the largest PRECISION of the row's values,
    /// else SHOWDECIMALS, else DECIMALS.
    pub decimals: Option<u8>,
}

/// A cell of the long table.
#[derive(Debug, Clone, PartialEq)]
pub enum LongCell {
    /// A value label or code.
    Text(String),
    /// A number, with its text as written in DATA.
    Number {
        /// The number as written (`275.87`).
        text: String,
        /// Its value.
        value: f64,
    },
    /// A data symbol.
    Symbol {
        /// The symbol as written (`..`).
        text: String,
        /// What it stands for.
        meaning: SymbolMeaning,
    },
}

impl PxFile {
    /// The table in long form, with labels and column names in `lang` (the default language
    /// when `None` or when the file does not have `lang`).
    pub fn long_table(&self, lang: Option<&str>) -> LongTable {
        let mut taken = HashSet::new();
        let mut unique = |name: String| {
            let mut candidate = name.clone();
            let mut n = 2;
            while !taken.insert(candidate.clone()) {
                candidate = format!("{name} {n}");
                n += 1;
            }
            candidate
        };
        let mut columns = Vec::new();
        // Per variable: its labels and, if any, its codes.
        let mut texts: Vec<(&[String], Option<&[String]>)> = Vec::new();
        for variable in &self.variables {
            let name = variable.name(lang);
            let labels = variable.values(lang);
            let codes = variable.codes().or(variable.time_periods());
            columns.push(LongColumn {
                name: unique(name.to_string()),
                kind: ColumnKind::Label(variable.index()),
            });
            if codes.is_some() {
                columns.push(LongColumn {
                    name: unique(format!("{name} (code)")),
                    kind: ColumnKind::Code(variable.index()),
                });
            }
            texts.push((labels, codes));
        }
        columns.push(LongColumn {
            name: unique("value".to_string()),
            kind: ColumnKind::Value,
        });

        let precision: Vec<Vec<Option<u8>>> = self
            .variables
            .iter()
            .map(|v| (0..v.len()).map(|i| self.precision(v.index(), i)).collect())
            .collect();
        let table_decimals = self.show_decimals.or(self.decimals);
        let mut at = vec![0usize; self.variables.len()];
        let mut rows = Vec::with_capacity(self.cells.len());
        for cell in &self.cells {
            let mut cells = Vec::with_capacity(columns.len());
            let mut decimals: Option<u8> = None;
            for (v, &i) in at.iter().enumerate() {
                let (labels, codes) = texts[v];
                cells.push(LongCell::Text(labels[i].clone()));
                if let Some(codes) = codes {
                    cells.push(LongCell::Text(codes[i].clone()));
                }
                decimals = decimals.max(precision[v][i]);
            }
            cells.push(match cell {
                DataCell::Number { text, value } => LongCell::Number {
                    text: text.clone(),
                    value: *value,
                },
                DataCell::Symbol { text, meaning } => LongCell::Symbol {
                    text: text.clone(),
                    meaning: *meaning,
                },
            });
            rows.push(LongRow {
                cells,
                decimals: decimals.or(table_decimals),
            });
            // The last variable varies fastest.
            for v in (0..at.len()).rev() {
                at[v] += 1;
                if at[v] < self.variables[v].len() {
                    break;
                }
                at[v] = 0;
            }
        }
        LongTable { columns, rows }
    }
}
