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
    ///
    /// The one function every number a reader sees goes through (charts, tables, codebook
    /// pages, inline values). It rounds the shortest decimal text that reads back as `value`
    /// (what the source wrote, for numbers of up to 15 significant digits), half away from
    /// zero as statistics offices do, never the binary fraction: `2.675` with 2 decimals is
    /// `2,68`, and no float noise appears in the last digits. Where the source's own text is
    /// at hand (more digits than a float holds), [`Language::format_decimal`] rounds that.
    pub fn format_number(self, value: f64, decimals: usize) -> String {
        if !value.is_finite() {
            return format!("{value}");
        }
        self.format_decimal(&format!("{value}"), decimals)
            .unwrap_or_else(|| format!("{value}"))
    }

    /// A number written as decimal text (`-1234.5`: an optional `-`, digits, an optional
    /// `.` and digits, as a source file or PX DATA writes it) with exactly `decimals`
    /// decimals, rounded half away from zero on the digits as written, grouped in thousands,
    /// in this language. `None` when `text` is not such a number.
    pub fn format_decimal(self, text: &str, decimals: usize) -> Option<String> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() && frac.is_empty() || !all_digits(int) || !all_digits(frac) {
            return None;
        }
        // The digits kept, as numbers, with the decision to round up from the first dropped.
        let mut kept: Vec<u8> = int.bytes().map(|b| b - b'0').collect();
        if kept.is_empty() {
            kept.push(0);
        }
        let int_len = kept.len();
        kept.extend(frac.bytes().take(decimals).map(|b| b - b'0'));
        kept.resize(int_len + decimals, 0);
        if frac.as_bytes().get(decimals).is_some_and(|&b| b >= b'5') {
            let mut i = kept.len();
            loop {
                if i == 0 {
                    kept.insert(0, 1);
                    break;
                }
                i -= 1;
                if kept[i] == 9 {
                    kept[i] = 0;
                } else {
                    kept[i] += 1;
                    break;
                }
            }
        }
        let int_len = kept.len() - decimals;
        let (int, frac) = kept.split_at(int_len);
        // Leading zeros of the whole part go, one stays.
        let first = int.iter().position(|&d| d != 0).unwrap_or(int.len() - 1);
        let int = &int[first..];
        let nonzero = int.iter().chain(frac).any(|&d| d != 0);
        let (separator, mark) = (self.thousands_separator(), self.decimal_mark());
        let mut out = String::with_capacity(int.len() + frac.len() + 4);
        if negative && nonzero {
            out.push(MINUS);
        }
        let count = int.len();
        for (i, d) in int.iter().enumerate() {
            if i > 0 && count >= 4 && (count - i) % 3 == 0 {
                out.push(separator);
            }
            out.push(char::from(b'0' + d));
        }
        if !frac.is_empty() {
            out.push(mark);
            out.extend(frac.iter().map(|d| char::from(b'0' + d)));
        }
        Some(out)
    }

    /// A change: `value` as [`Language::format_number`] writes it, with `+` before a
    /// number above zero (a number that rounds to zero gets no sign).
    pub fn format_signed(self, value: f64, decimals: usize) -> String {
        let number = self.format_number(value, decimals);
        let nonzero = number.chars().any(|c| c.is_ascii_digit() && c != '0');
        if value > 0.0 && nonzero {
            format!("+{number}")
        } else {
            number
        }
    }

    /// A number (already formatted) as a per cent value: `12,5 %` (`12.5%` in English).
    pub fn percent(self, number: &str) -> String {
        self.text().percent.replace("{n}", number)
    }

    /// A number (already formatted) as a difference of per cent values: `+5,5 procentenheter`.
    pub fn percentage_points(self, number: &str) -> String {
        self.text().percentage_points.replace("{n}", number)
    }

    /// A number followed by its unit: `12,5 %` (`12.5%` in English), `28 personer`.
    pub fn format_with_unit(self, value: f64, decimals: usize, unit: Option<&str>) -> String {
        let number = self.format_number(value, decimals);
        match unit {
            Some("%") => self.percent(&number),
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
        assert_eq!(Language::Sv.format_signed(5.5, 1), "+5,5");
        assert_eq!(Language::Sv.format_signed(-67.0, 0), "\u{2212}67");
        assert_eq!(Language::Da.format_signed(0.04, 1), "0,0");
        assert_eq!(
            Language::Da.percentage_points("+5,5"),
            "+5,5\u{a0}procentpoint"
        );
        assert_eq!(
            Language::En.percentage_points("+5.5"),
            "+5.5\u{a0}percentage points"
        );
    }

    #[test]
    fn rounded_from_the_decimal_text_half_away_from_zero() {
        // The binary fractions of these lie just below the half: `{:.2}` gave 2,67 and 1,00.
        assert_eq!(Language::Sv.format_number(2.675, 2), "2,68");
        assert_eq!(Language::Sv.format_number(1.005, 2), "1,01");
        assert_eq!(Language::Sv.format_number(0.5, 0), "1");
        assert_eq!(Language::Sv.format_number(-2.5, 0), "\u{2212}3");
        assert_eq!(Language::Sv.format_number(999.96, 1), "1\u{a0}000,0");
        assert_eq!(Language::En.format_number(0.04, 1), "0.0");
        assert_eq!(Language::En.format_number(-0.04, 1), "0.0");
        assert_eq!(
            Language::En.format_number(1e21, 0),
            "1,000,000,000,000,000,000,000"
        );
        assert_eq!(Language::En.format_number(7.0, 3), "7.000");
    }

    #[test]
    fn fifteen_decimals_keep_the_source_digits() {
        // FHI publishes shares with 15 decimals; a float holds about 16 significant digits,
        // so the binary value of this one, written out with `{:.15}`, ends in …373.
        let text = "123.427407879097371";
        assert_eq!(
            Language::En.format_decimal(text, 15).as_deref(),
            Some("123.427407879097371")
        );
        assert_eq!(
            Language::Sv.format_decimal(text, 1).as_deref(),
            Some("123,4")
        );
        assert_eq!(
            Language::En.format_number(0.578947368421053, 15),
            "0.578947368421053"
        );
        assert_eq!(Language::En.format_decimal("1.2.3", 1), None);
        assert_eq!(Language::En.format_decimal("-", 1), None);
    }
}
