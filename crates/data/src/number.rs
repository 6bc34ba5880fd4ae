//! Reading numbers as Nordic spreadsheets write them: decimal comma or point, thousands
//! separated by spaces (U+0020, U+00A0, U+202F) or a declared character, minus as `-` or
//! U+2212.

/// How numbers in one CSV file are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberFormat {
    /// The decimal mark, `,` or `.`.
    pub decimal: char,
    /// A declared thousands separator besides the spaces, e.g. `.` with a decimal comma.
    pub thousands: Option<char>,
}

/// A number read from a cell, with how many decimals it was written with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parsed {
    /// The value.
    pub value: f64,
    /// Digits after the decimal mark in the source.
    pub decimals: usize,
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}')
}

impl NumberFormat {
    /// Parses `text` (already trimmed); `None` if it is not a number in this format.
    pub fn parse(&self, text: &str) -> Option<Parsed> {
        let (clean, decimals) = self.plain(text)?;
        clean
            .parse::<f64>()
            .ok()
            .map(|value| Parsed { value, decimals })
    }

    /// `text` (already trimmed) as plain decimal text, `-1234.5` (what
    /// `Language::format_decimal` formats), with its number of decimals; `None` if it is not
    /// a number in this format.
    pub fn plain(&self, text: &str) -> Option<(String, usize)> {
        let mut clean = String::with_capacity(text.len());
        let mut decimals = 0;
        let mut seen_decimal = false;
        let mut seen_digit = false;
        let mut chars = text.chars().peekable();
        if let Some(&c) = chars.peek() {
            if c == '-' || c == '\u{2212}' || c == '+' {
                if c != '+' {
                    clean.push('-');
                }
                chars.next();
            }
        }
        let mut prev_digit = false;
        while let Some(c) = chars.next() {
            if c.is_ascii_digit() {
                clean.push(c);
                seen_digit = true;
                prev_digit = true;
                if seen_decimal {
                    decimals += 1;
                }
            } else if c == self.decimal && !seen_decimal {
                seen_decimal = true;
                prev_digit = false;
                clean.push('.');
            } else if (is_space(c) || Some(c) == self.thousands) && !seen_decimal {
                // A separator must stand between digits, before three more digits.
                let next_three = chars.clone().take(3).filter(char::is_ascii_digit).count();
                if !prev_digit || next_three < 3 {
                    return None;
                }
                prev_digit = false;
            } else {
                return None;
            }
        }
        seen_digit.then_some((clean, decimals))
    }
}

/// Guesses the decimal mark from cells that look like numbers: a comma followed by one to
/// two, or four or more, digits, with no point anywhere, means a decimal comma.
pub fn detect_decimal(cells: impl Iterator<Item = impl AsRef<str>>) -> char {
    let mut comma = 0;
    let mut point = 0;
    for cell in cells {
        let t = cell.as_ref().trim();
        if t.is_empty()
            || !t.chars().all(|c| {
                c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '\u{2212}') || is_space(c)
            })
            || !t.chars().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        if let Some((_, after)) = t.rsplit_once(',') {
            if !t.contains('.') && after.chars().all(|c| c.is_ascii_digit()) {
                comma += 1;
            }
        }
        if let Some((_, after)) = t.rsplit_once('.') {
            if !t.contains(',') && after.chars().all(|c| c.is_ascii_digit()) {
                point += 1;
            }
        }
    }
    if comma > point {
        ','
    } else {
        '.'
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMA: NumberFormat = NumberFormat {
        decimal: ',',
        thousands: None,
    };

    #[test]
    fn nordic_numbers() {
        assert_eq!(COMMA.parse("12,5").unwrap().value, 12.5);
        assert_eq!(COMMA.parse("12,50").unwrap().decimals, 2);
        assert_eq!(COMMA.parse("1 234").unwrap().value, 1234.0);
        assert_eq!(COMMA.parse("1\u{a0}234,5").unwrap().value, 1234.5);
        assert_eq!(COMMA.parse("1\u{202f}234").unwrap().value, 1234.0);
        assert_eq!(COMMA.parse("\u{2212}67").unwrap().value, -67.0);
        assert_eq!(COMMA.parse("-67").unwrap().value, -67.0);
        assert!(COMMA.parse("12.5").is_none());
        assert!(COMMA.parse("12 5").is_none());
        assert!(COMMA.parse("abc").is_none());
        assert!(COMMA.parse("-").is_none());
        let dotted = NumberFormat {
            decimal: ',',
            thousands: Some('.'),
        };
        assert_eq!(dotted.parse("1.234.567,5").unwrap().value, 1234567.5);
    }

    #[test]
    fn decimal_detection() {
        assert_eq!(detect_decimal(["12,5", "3", "x"].into_iter()), ',');
        assert_eq!(detect_decimal(["12.5", "3"].into_iter()), '.');
        assert_eq!(detect_decimal(["Karlstad, Arvika"].into_iter()), '.');
    }
}
