//! A small SVG writer: elements with escaped text, coordinates rounded to a tenth, and text
//! measured in characters (å ä ö æ ø count as one), so labels can be wrapped before they
//! would overlap.

use insikt_core::html::escape;
use std::fmt::Write;

/// Font size of labels, in SVG units.
pub const FONT: f64 = 14.0;
/// Estimated advance of one character at [`FONT`]: generous, so text never overruns.
pub const CHAR_W: f64 = 8.2;
/// Line height of wrapped labels.
pub const LINE_H: f64 = 17.0;

/// Series colours, from Okabe & Ito's colour-blind-safe set where its colours are dark
/// enough: each has at least 3:1 contrast against the page in light mode (white) and dark
/// mode (`#14171b`), and every pair stays apart for normal vision and simulated
/// protanopia, deuteranopia and tritanopia (checked by a test in `draw`). Series beyond
/// the sixth repeat a colour with another pattern.
pub const PALETTE: [&str; 6] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#666666", "#A0522D",
];

/// The shortest word that may be split with a hyphen to fit a line; shorter words are
/// never split (a label like "Fal-un" reads as two words).
pub const MIN_HYPHENATED: usize = 10;

/// Dash patterns for lines, so series stay apart in black and white.
pub const DASHES: [&str; 6] = ["", "7 4", "2 3", "10 3 2 3", "4 4", "1 2"];

/// Width of `text` in SVG units at [`FONT`].
pub fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR_W
}

/// `text` wrapped into at most `max_lines` lines of at most `max_chars` characters.
/// Words of [`MIN_HYPHENATED`] letters or more that are longer than a line are split with
/// a hyphen; a shorter word is shortened with `…` instead (layouts avoid that by choosing
/// room for the longest word, see [`longest_word`]); text beyond the last line ends in `…`.
/// There is always at least one line (empty for empty text), so callers may take the first.
pub fn wrap(text: &str, max_chars: usize, max_lines: usize) -> Vec<String> {
    let max_chars = max_chars.max(4);
    let max_lines = max_lines.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    // No-break spaces (in numbers: `14 020`, `12,5 %`) never become line breaks.
    let breaks = |c: char| c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}';
    for word in text.split(breaks).filter(|w| !w.is_empty()) {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let cur_len = current.chars().count();
            let needed = if cur_len == 0 {
                word.len()
            } else {
                cur_len + 1 + word.len()
            };
            if needed <= max_chars {
                if cur_len > 0 {
                    current.push(' ');
                }
                current.extend(word.iter());
                break;
            }
            if cur_len > 0 {
                lines.push(std::mem::take(&mut current));
                continue;
            }
            if word.len() < MIN_HYPHENATED {
                let head: String = word[..max_chars - 1].iter().collect();
                current = format!("{head}…");
                break;
            }
            // A long word (a compound) longer than a line: break it with a hyphen.
            let head: String = word[..max_chars - 1].iter().collect();
            lines.push(format!("{head}-"));
            word.drain(..max_chars - 1);
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let mut chars: Vec<char> = lines[max_lines - 1].chars().collect();
        chars.truncate(max_chars - 1);
        while chars.last().is_some_and(|c| *c == ' ' || *c == '-') {
            chars.pop();
        }
        lines[max_lines - 1] = chars.into_iter().collect::<String>() + "…";
    }
    lines
}

/// Characters in the longest word of `text` that [`wrap`] would not split: a line
/// narrower than that shortens the word.
pub fn longest_word(text: &str) -> usize {
    text.split(|c: char| c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}')
        .map(|w| w.chars().count())
        .filter(|n| *n < MIN_HYPHENATED)
        .max()
        .unwrap_or(0)
}

/// The first line of `text` wrapped to `max_chars`, ending in `…` when text was cut.
pub fn one_line(text: &str, max_chars: usize) -> String {
    wrap(text, max_chars, 1)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// A number for an SVG attribute; a value that is not finite (from a number too large
/// for the axis) is written as 0 rather than as `NaN`, which no SVG reader accepts.
pub fn n(v: f64) -> String {
    N(v).to_string()
}

/// A number for an SVG attribute, written where it is formatted (see [`n`]): rounded to a
/// tenth as `format!("{:.1}")` rounds it, without a trailing `.0`.
#[derive(Debug, Clone, Copy)]
pub struct N(pub f64);

impl std::fmt::Display for N {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        let tenths = v.abs() * 10.0;
        // Exact formatting (`{:.1}`) is most of the cost of drawing a chart. Rounding the
        // tenths gives the same digits wherever the rounding error of `× 10` cannot move
        // them across a half: below 2³⁰ that error is under 10⁻⁶. Near a half, the value
        // is a tie only when it is a whole number of quarters (k/4 with k odd, where
        // `× 4` and `× 10` are exact), which `{:.1}` rounds to the even tenth, as here;
        // any other is formatted exactly.
        let quarters = v * 4.0;
        let rounded = if tenths >= 1_073_741_824.0 {
            None
        } else if (tenths.fract() - 0.5).abs() > 1e-6 {
            Some(tenths.round() as u64)
        } else if quarters.fract() == 0.0 && quarters % 2.0 != 0.0 {
            let below = tenths.floor() as u64;
            Some(below + below % 2)
        } else {
            None
        };
        if let Some(tenths) = rounded {
            // Written back to front: a tenth when it is not 0, the whole part, the sign.
            let mut text = [0u8; 16];
            let mut start = text.len();
            let mut put = |byte: u8| {
                start -= 1;
                text[start] = byte;
            };
            if !tenths.is_multiple_of(10) {
                put(b'0' + (tenths % 10) as u8);
                put(b'.');
            }
            let mut whole = tenths / 10;
            loop {
                put(b'0' + (whole % 10) as u8);
                whole /= 10;
                if whole == 0 {
                    break;
                }
            }
            if v.is_sign_negative() {
                put(b'-');
            }
            f.write_str(std::str::from_utf8(&text[start..]).map_err(|_| std::fmt::Error)?)
        } else {
            let s = format!("{v:.1}");
            f.write_str(s.strip_suffix(".0").unwrap_or(&s))
        }
    }
}

/// Text anchoring.
#[derive(Debug, Clone, Copy)]
pub enum Anchor {
    /// Text starts at x.
    Start,
    /// Text is centred on x.
    Middle,
    /// Text ends at x.
    End,
}

/// An SVG document being written.
#[derive(Debug, Default)]
pub struct Svg {
    /// The markup so far.
    pub out: String,
}

impl Svg {
    /// A rectangle.
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, extra: &str) {
        let _ = write!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"{extra}/>",
            N(x),
            N(y),
            N(w.max(0.0)),
            N(h.max(0.0))
        );
    }

    /// A line from `from` to `to`; grid lines (class `chart-grid`) are light grey, others
    /// dark. The class lets the theme restyle them (dark mode).
    pub fn line(&mut self, from: (f64, f64), to: (f64, f64), class: &str, extra: &str) {
        let stroke = if class == "chart-grid" {
            "#c8c8c8"
        } else {
            "#1a1a1a"
        };
        let _ = write!(
            self.out,
            "<line class=\"{class}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{stroke}\"{extra}/>",
            N(from.0),
            N(from.1),
            N(to.0),
            N(to.1)
        );
    }

    /// Text (one line).
    pub fn text(&mut self, x: f64, y: f64, anchor: Anchor, class: &str, text: &str) {
        let anchor = match anchor {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        };
        // Labels on bars get a white halo, also in the downloaded SVG and PNG.
        let halo = if class == "chart-inlabel" {
            " stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\" font-weight=\"700\""
        } else {
            ""
        };
        let _ = write!(
            self.out,
            "<text class=\"{class}\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"#1a1a1a\"{halo}>{}</text>",
            N(x),
            N(y),
            escape(text)
        );
    }

    /// Several lines of text, the first with its baseline at `y`.
    pub fn lines(&mut self, x: f64, y: f64, anchor: Anchor, class: &str, lines: &[String]) {
        for (i, l) in lines.iter().enumerate() {
            self.text(x, y + i as f64 * LINE_H, anchor, class, l);
        }
    }

    /// Raw markup.
    pub fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_format_writes_them_to_a_tenth() {
        let reference = |v: f64| {
            let v = if v.is_finite() { v } else { 0.0 };
            let s = format!("{v:.1}");
            s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
        };
        let mut values = vec![
            0.0,
            -0.0,
            -0.04,
            0.05,
            0.25,
            0.35,
            -0.35,
            1.05,
            2.675,
            123.45,
            1e9,
            -1e12,
            1e300,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
        ];
        // Coordinates as layouts make them: sums and quotients of tenths and hundredths.
        for k in -20_000..20_000 {
            values.push(k as f64 / 100.0);
            values.push(k as f64 / 1000.0);
            values.push(k as f64 * 0.05);
            values.push(k as f64 * 0.1 + 0.05);
            values.push(10.0 + k as f64 * (600.0 - 30.0) / 7.0);
            values.push(k as f64 / 4.0);
            values.push(k as f64 / 4.0 + 0.05);
        }
        // And the bits of some arbitrary ones.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push((x >> 11) as f64 / (1u64 << 40) as f64 - 2048.0);
        }
        for v in values {
            assert_eq!(n(v), reference(v), "{v:e}");
        }
    }

    #[test]
    fn nordic_letters_count_as_one_character() {
        assert_eq!(text_width("åäö"), text_width("abc"));
    }

    #[test]
    fn wrapping_and_long_compounds() {
        assert_eq!(
            wrap("Jämlik barnhälsa idag", 10, 3),
            ["Jämlik", "barnhälsa", "idag"]
        );
        assert_eq!(
            wrap("Dataläskunnighetsutbildning", 10, 3),
            ["Dataläsku-", "nnighetsu-", "tbildning"]
        );
        assert_eq!(wrap("a b c d e f g h", 4, 2), ["a b", "c d…"]);
        // Short words are never hyphenated: shortened, and only where no room was made.
        assert_eq!(wrap("Falun Totalt", 4, 3), ["Fal…", "Tot…"]);
        assert_eq!(longest_word("Falun och Dataläskunnighetsutbildning"), 5);
        assert_eq!(wrap("", 10, 1), [""]);
        assert_eq!(wrap("  ", 10, 0), [""]);
        assert_eq!(wrap("a b", 10, 0), ["a b"]);
        assert_eq!(
            wrap("10\u{a0}000–15\u{a0}000", 20, 1),
            ["10\u{a0}000–15\u{a0}000"]
        );
    }
}
