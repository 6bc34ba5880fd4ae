//! DATA cells: numbers kept as written, and the data symbols for missing values.

use super::syntax::{DataPart, Position};
use super::PxError;

/// At most this many DATA cells are reported one by one; the rest are counted.
const MAX_CELL_ERRORS: usize = 20;

/// What a data symbol in DATA stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SymbolMeaning {
    /// A missing value of one of the six kinds the PX format has, 1–6: written `"."`,
    /// `".."`, … `"......"` (that many dots), shown as DATASYMBOL1 … DATASYMBOL6 say.
    /// Publishers give the kinds their own meanings (SSB: 1 "not available", 2 "not yet
    /// available", 3 "confidential"), which their NOTE usually explains.
    Missing(u8),
    /// `"-"`: nil, the magnitude is zero (shown as DATASYMBOLNIL says).
    Nil,
}

/// How the data symbols are shown: DATASYMBOL1 … DATASYMBOL6, DATASYMBOLNIL and
/// DATASYMBOLSUM, with the format's defaults for those the file leaves out.
#[derive(Debug, Clone, PartialEq)]
pub struct DataSymbols {
    pub(super) missing: [String; 6],
    pub(super) nil: String,
    pub(super) sum: Option<String>,
}

impl Default for DataSymbols {
    fn default() -> Self {
        DataSymbols {
            missing: std::array::from_fn(|i| ".".repeat(i + 1)),
            nil: "-".to_string(),
            sum: None,
        }
    }
}

impl DataSymbols {
    /// How a symbol is to be shown (DATASYMBOL`n`, DATASYMBOLNIL, or the code itself).
    pub fn shown_as(&self, meaning: SymbolMeaning) -> &str {
        match meaning {
            SymbolMeaning::Missing(n) => &self.missing[usize::from(n.clamp(1, 6)) - 1],
            SymbolMeaning::Nil => &self.nil,
        }
    }

    /// DATASYMBOLSUM: how a sum that includes missing values is shown, if the file says.
    pub fn sum(&self) -> Option<&str> {
        self.sum.as_deref()
    }

    /// The meaning of a cell written `text`: a dot code or `-`, or one of the symbols this
    /// file shows them as (some files write `":"` where DATASYMBOL3=":").
    fn meaning_of(&self, text: &str, number: bool) -> Option<SymbolMeaning> {
        if text == "-" {
            return Some(SymbolMeaning::Nil);
        }
        if (1..=6).contains(&text.len()) && text.bytes().all(|b| b == b'.') {
            return Some(SymbolMeaning::Missing(text.len() as u8));
        }
        if number || text.is_empty() {
            return None;
        }
        if let Some(i) = self.missing.iter().position(|s| s == text) {
            return Some(SymbolMeaning::Missing(i as u8 + 1));
        }
        (self.nil == text).then_some(SymbolMeaning::Nil)
    }
}

/// One DATA cell.
#[derive(Debug, Clone, PartialEq)]
pub enum DataCell {
    /// A number; `text` is exactly as written (`275.87`, `1110887.00`, `-0.1`), so it can
    /// be shown without float noise.
    Number {
        /// The number as written.
        text: String,
        /// Its value.
        value: f64,
    },
    /// A data symbol.
    Symbol {
        /// The symbol as written, without quotes.
        text: String,
        /// What it stands for.
        meaning: SymbolMeaning,
    },
}

/// Whether `text` is a number as PX writes them: an optional sign, digits with an optional
/// decimal point, an optional exponent.
fn is_number(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// The cells of DATA, in order; an error for each cell that is neither a number nor a symbol.
pub(super) fn cells(
    text: &str,
    data: &DataPart,
    symbols: &DataSymbols,
    errors: &mut Vec<PxError>,
) -> Vec<DataCell> {
    let mut cells = Vec::with_capacity(data.tokens.len());
    let mut bad: Vec<Position> = Vec::new();
    for token in &data.tokens {
        let written = &text[token.start..token.end];
        let number = is_number(written);
        if let Some(meaning) = symbols.meaning_of(written, number) {
            cells.push(DataCell::Symbol {
                text: written.to_string(),
                meaning,
            });
        } else if let Some(value) = number
            .then(|| written.parse::<f64>().ok())
            .flatten()
            .filter(|v| v.is_finite())
        {
            cells.push(DataCell::Number {
                text: written.to_string(),
                value,
            });
        } else {
            if bad.len() < MAX_CELL_ERRORS {
                let shown = if token.quoted {
                    format!("\"{written}\"")
                } else {
                    written.to_string()
                };
                let message = if number {
                    format!("the number {shown} in DATA is too large")
                } else {
                    format!("{shown} in DATA is neither a number nor a data symbol")
                };
                errors.push(token.at.error(
                    message,
                    "Write numbers with a decimal point and no thousands separator (1234.5), \
                     and a value that is missing as \"..\" (or \".\", \"...\" … \"......\" for \
                     the other kinds of missing, \"-\" for nil)",
                ));
            }
            bad.push(token.at);
        }
    }
    if bad.len() > MAX_CELL_ERRORS {
        errors.push(bad[MAX_CELL_ERRORS].error(
            format!(
                "{} more cells from here on are neither numbers nor data symbols",
                bad.len() - MAX_CELL_ERRORS
            ),
            "Fix the cells above first; the rest are likely the same mistake",
        ));
    }
    cells
}
