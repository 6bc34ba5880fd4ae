//! Numbers as each language writes them (its file's `decimal_mark`, `thousands_separator`
//! and `percent`): decimal comma and no-break-space thousands separators in the Nordic
//! languages, `12,5 %` with a no-break space before the per cent sign, and a true minus sign
//! (U+2212) in all.

use super::Language;

/// The minus sign used in output.
pub const MINUS: char = '\u{2212}';

impl Language {
    /// The decimal mark.
    pub fn decimal_mark(self) -> char {
        self.text().decimal_mark
    }

    /// The thousands separator.
    pub fn thousands_separator(self) -> char {
        self.text().thousands_separator
    }

    /// `value` with exactly `decimals` decimals, grouped in thousands, in this language.
    pub fn format_number(self, value: f64, decimals: usize) -> String {
        let text = format!("{:.*}", decimals, value.abs());
        let (int, frac) = match text.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (text.as_str(), None),
        };
        let negative = value < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b));
        let (separator, mark) = (self.thousands_separator(), self.decimal_mark());
        let mut out = String::with_capacity(text.len() + 4);
        if negative {
            out.push(MINUS);
        }
        let digits = int.len();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && digits >= 4 && (digits - i) % 3 == 0 {
                out.push(separator);
            }
            out.push(c);
        }
        if let Some(f) = frac {
            out.push(mark);
            out.push_str(f);
        }
        out
    }

    /// A number followed by its unit: `12,5 %` (`12.5%` in English), `28 personer`.
    pub fn format_with_unit(self, value: f64, decimals: usize, unit: Option<&str>) -> String {
        let number = self.format_number(value, decimals);
        match unit {
            Some("%") => self.text().percent.replace("{n}", &number),
            _ => number,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nordic_and_english_numbers() {
        assert_eq!(Language::Sv.format_number(12.5, 1), "12,5");
        assert_eq!(
            Language::Sv.format_with_unit(12.5, 1, Some("%")),
            "12,5\u{a0}%"
        );
        assert_eq!(
            Language::Da.format_number(1234567.0, 0),
            "1\u{a0}234\u{a0}567"
        );
        assert_eq!(Language::En.format_number(1234.5, 2), "1,234.50");
        assert_eq!(Language::Nb.format_number(-67.0, 0), "\u{2212}67");
        assert_eq!(Language::Fi.format_number(-0.01, 0), "0");
        assert_eq!(Language::En.format_with_unit(12.5, 1, Some("%")), "12.5%");
    }
}
