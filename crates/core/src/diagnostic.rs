//! Located, human-readable build errors.
//!
//! Every input error insikt reports names the file, line and column, shows the offending
//! source line with a caret under the column, says what is wrong and, where it can, how to
//! fix it. A build collects all of them before it stops, so an author fixes a batch at once.

pub mod toml;
pub mod yaml;
pub mod yaml_keys;

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a source file, 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Location {
    /// A location from 1-based line and column.
    pub fn new(line: usize, column: usize) -> Self {
        Location { line, column }
    }

    /// The location of byte `offset` in `text`.
    pub fn from_offset(text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location { line, column }
    }
}

/// One error (or warning) about the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the problem is in, relative to the project where possible.
    pub file: PathBuf,
    /// Where in the file; `None` when the problem concerns the whole file.
    pub location: Option<Location>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
    /// The source line at `location`, shown under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// An error concerning a whole file.
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            location: None,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    /// An error at `location` in `file`, whose text is `source` (used to show the line).
    pub fn at(
        file: impl Into<PathBuf>,
        source: &str,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        let source_line = source
            .lines()
            .nth(location.line.saturating_sub(1))
            .map(|l| visible(l.trim_end_matches('\r'), &['\t']).into_owned());
        Diagnostic {
            file: file.into(),
            location: Some(location),
            message: message.into(),
            help: None,
            source_line,
        }
    }

    /// Adds advice on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Names and messages may quote the input: show its control characters, never send
        // them to the terminal.
        let file = printable_path(&self.file);
        let message = visible(&self.message, &['\t', '\n']);
        match self.location {
            Some(loc) => writeln!(f, "error: {file}:{}:{}: {message}", loc.line, loc.column)?,
            None => writeln!(f, "error: {file}: {message}")?,
        }
        if let (Some(loc), Some(line)) = (self.location, &self.source_line) {
            let number = loc.line.to_string();
            let pad = " ".repeat(number.len());
            writeln!(f, " {pad} |")?;
            writeln!(f, " {number} | {line}")?;
            let indent: String = line
                .chars()
                .take(loc.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, " {pad} | {indent}^")?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "  help: {help}")?;
        }
        Ok(())
    }
}

/// All problems found in one run, in a stable order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds all of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// True when nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of diagnostics.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Sorts by file and position, so output does not depend on thread scheduling.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.location, &a.message).cmp(&(&b.file, b.location, &b.message))
        });
        self.0.dedup();
    }

    /// Iterates over the diagnostics.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// The closest of `candidates` to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// True for the control characters text inputs must not hold: Unicode category Cc (C0
/// controls, DEL and the C1 controls) except tab, line feed and carriage return.
pub fn is_forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// False when `text` holds no forbidden control character (see [`is_forbidden_control`]),
/// found by looking at its bytes a block at a time without decoding characters, so that a
/// text without any (nearly every text) is passed over in one quick pass. A C0 control or
/// DEL is its own byte; a C1 control (U+0080–U+009F) is the byte 0xC2 and one of 0x80–0x9F,
/// so a text with 0xC2 (also the first byte of `§`, `°` and a no-break space) is looked at
/// character by character.
fn may_hold_forbidden_control(text: &str) -> bool {
    let suspect =
        |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f || b == 0xc2;
    text.as_bytes()
        .chunks(64)
        .any(|block| block.iter().fold(false, |any, &b| any | suspect(b)))
}

/// At most this many control characters are reported per file; the rest are counted.
const MAX_CONTROL_CHARACTERS: usize = 20;

/// One error for each forbidden control character in `text`, the contents of `file`, at its
/// line and column (the first [`MAX_CONTROL_CHARACTERS`], then a count of the rest).
/// Such characters are invisible in most editors, yet end up in the published pages.
pub fn control_characters(file: &Path, text: &str) -> Vec<Diagnostic> {
    if !may_hold_forbidden_control(text) {
        return Vec::new();
    }
    let mut found = text
        .char_indices()
        .filter(|&(_, c)| is_forbidden_control(c));
    let mut out = Vec::new();
    // Locations are found in one pass, not by counting from the start for each character.
    let (mut line, mut line_start, mut scanned) = (1, 0, 0);
    for (offset, c) in found.by_ref().take(MAX_CONTROL_CHARACTERS) {
        for (i, b) in text.as_bytes()[scanned..offset].iter().enumerate() {
            if *b == b'\n' {
                line += 1;
                line_start = scanned + i + 1;
            }
        }
        scanned = offset;
        let column = text[line_start..offset].chars().count() + 1;
        let help = if c == '\0' {
            "remove it; a file full of them was probably saved as UTF-16: save it as UTF-8"
        } else {
            "remove it: control characters are invisible in most editors (they often come with \
             text copied from another program) and do not belong in a web page"
        };
        out.push(
            Diagnostic::at(
                file,
                text,
                Location::new(line, column),
                format!(
                    "the control character {} is not allowed in text",
                    describe_control(c)
                ),
            )
            .with_help(help),
        );
    }
    let rest = found.count();
    if rest > 0 {
        out.push(Diagnostic::new(
            file,
            format!("{rest} more control characters are in the file"),
        ));
    }
    out
}

/// `text` with each forbidden control character replaced by U+FFFD, once they have been
/// reported, so that parsers do not report them a second time. Character columns stay.
pub fn replace_control_characters(text: String) -> String {
    if may_hold_forbidden_control(&text) && text.chars().any(is_forbidden_control) {
        text.chars()
            .map(|c| {
                if is_forbidden_control(c) {
                    '\u{fffd}'
                } else {
                    c
                }
            })
            .collect()
    } else {
        text
    }
}

/// `U+001B (ESC)`: a control character's code point, and its name where it has a common one.
fn describe_control(c: char) -> String {
    let name = match c {
        '\0' => Some("NUL"),
        '\u{7}' => Some("BEL"),
        '\u{8}' => Some("backspace"),
        '\u{b}' => Some("vertical tab"),
        '\u{c}' => Some("form feed"),
        '\u{1b}' => Some("ESC"),
        '\u{7f}' => Some("DEL"),
        '\u{85}' => Some("next line"),
        _ => None,
    };
    match name {
        Some(n) => format!("U+{:04X} ({n})", c as u32),
        None => format!("U+{:04X}", c as u32),
    }
}

/// `text` with its control characters (except those in `keep`) shown as visible symbols:
/// the Unicode control pictures (␀ ␛ ␡) for C0 and DEL, U+FFFD for the C1 controls. Each
/// character stays one character, so columns do not move.
pub fn visible<'a>(text: &'a str, keep: &[char]) -> Cow<'a, str> {
    let hidden = |c: char| c.is_control() && !keep.contains(&c);
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if !hidden(c) => c,
                '\u{7f}' => '\u{2421}',
                c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                _ => '\u{fffd}',
            })
            .collect(),
    )
}

/// A path for messages, with control characters in its names shown as symbols.
pub fn printable_path(path: &Path) -> String {
    visible(&path.to_string_lossy(), &[]).into_owned()
}

/// The file format a library message is about, for [`author_terms`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// YAML: front matter, question sets, glossary, codebooks, chart blocks.
    Yaml,
    /// TOML: `book.toml`.
    Toml,
}

/// A serde message in the author's terms: Rust type names (`struct BookConfig`, `u32`,
/// `f64`, `a tuple of size 2`) become what the author writes, and "invalid type: A,
/// expected B" becomes "expected B, found A".
pub fn author_terms(message: &str, format: Format) -> String {
    let message = message.trim();
    if let Some(key) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return format!("the key `{key}` is missing");
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            if let Some((found, expected)) = rest.rsplit_once(", expected ") {
                return format!(
                    "expected {}, found {}",
                    type_words(expected, format),
                    found_words(found)
                );
            }
        }
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("expected {}, found {found}", type_words(expected, format));
        }
    }
    if let Some((head, expected)) = message.split_once("expected ") {
        return format!("{head}expected {}", type_words(expected, format));
    }
    message.to_string()
}

/// What serde expected, in the author's words.
fn type_words(expected: &str, format: Format) -> String {
    let keys = match format {
        Format::Yaml => "keys with values (`key: value`)",
        Format::Toml => "a table (`[name]` with `key = value` lines)",
    };
    let words: Vec<&str> = expected.split(' ').collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let next = words.get(i + 1).copied().unwrap_or("");
        let size = words.get(i + 4).copied().unwrap_or("");
        let (replacement, used) = match word {
            "struct" | "enum" if next.starts_with(char::is_uppercase) => (
                if word == "struct" {
                    keys
                } else {
                    "one of the allowed values"
                },
                2,
            ),
            "u8" | "u16" | "u32" | "u64" | "usize" => ("a whole number of 0 or more", 1),
            "i8" | "i16" | "i32" | "i64" | "isize" => ("a whole number", 1),
            "f32" | "f64" => ("a number", 1),
            "a" | "an" if next == "sequence" => ("a list", 2),
            "a" | "an" if next == "map" => (keys, 2),
            "path" if next == "string" => ("a path in quotes", 2),
            "a" | "an" if matches!(next, "tuple" | "array") && size.parse::<usize>().is_ok() => {
                out.push(format!("a list of {size} values"));
                i += 5;
                continue;
            }
            _ => (word, 1),
        };
        out.push(replacement.to_string());
        i += used;
    }
    out.join(" ")
}

/// What serde found, in the author's words: `integer `5`` → `the number `5``.
fn found_words(found: &str) -> String {
    for (serde, ours) in [
        ("integer ", "the number "),
        ("floating point ", "the number "),
        ("string ", "the text "),
        ("boolean ", ""),
    ] {
        if let Some(value) = found.strip_prefix(serde) {
            return format!("{ours}{value}");
        }
    }
    match found {
        "sequence" => "a list".to_string(),
        "map" => "keys with values".to_string(),
        "unit value" | "null" => "nothing".to_string(),
        other => other.to_string(),
    }
}

/// `path` relative to `base` when it lies inside it, for shorter messages.
pub fn relative_to(path: &Path, base: &Path) -> PathBuf {
    path.strip_prefix(base).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_to_location_counts_characters() {
        let text = "ab\nåäö x\n";
        let off = text.find('x').unwrap();
        assert_eq!(Location::from_offset(text, off), Location::new(2, 5));
    }

    #[test]
    fn display_shows_line_and_caret() {
        let d = Diagnostic::at("a.md", "one\ntwo three\n", Location::new(2, 5), "bad")
            .with_help("fix it");
        let s = d.to_string();
        assert!(s.contains("a.md:2:5: bad"), "{s}");
        assert!(s.contains(" 2 | two three"), "{s}");
        assert!(s.contains("   |     ^"), "{s}");
        assert!(s.contains("help: fix it"), "{s}");
    }

    #[test]
    fn control_characters_are_located_and_shown() {
        let text = "ok\nab\u{1b}[2Jc\td\u{0}\r\n";
        let found = control_characters(Path::new("a.md"), text);
        let at: Vec<Location> = found.iter().filter_map(|d| d.location).collect();
        assert_eq!(at, [Location::new(2, 3), Location::new(2, 10)]);
        assert!(found[0].message.contains("U+001B (ESC)"), "{}", found[0]);
        let shown = found[0].to_string();
        assert!(shown.contains(" 2 | ab\u{241b}[2Jc\td\u{2400}"), "{shown}");
        assert!(!shown.contains('\u{1b}'), "{shown}");
        assert_eq!(
            replace_control_characters(text.to_string()),
            "ok\nab\u{fffd}[2Jc\td\u{fffd}\r\n"
        );
    }

    #[test]
    fn the_quick_look_for_control_characters_misses_none() {
        // Every character there is: one that is forbidden is always looked at closer.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("å{c}ä");
            assert!(
                may_hold_forbidden_control(&text) || !is_forbidden_control(c),
                "U+{:04X}",
                c as u32
            );
        }
        let long = "vårdcentral ".repeat(20);
        assert!(!may_hold_forbidden_control(&long));
        assert!(may_hold_forbidden_control(&(long.clone() + "\u{85}")));
        assert!(control_characters(Path::new("a.md"), &long).is_empty());
    }

    #[test]
    fn many_control_characters_are_counted() {
        let text = "a\0".repeat(25);
        let found = control_characters(Path::new("a.md"), &text);
        assert_eq!(found.len(), MAX_CONTROL_CHARACTERS + 1);
        assert_eq!(found[1].location, Some(Location::new(1, 4)));
        assert!(found[20].message.starts_with("5 more"), "{}", found[20]);
    }

    #[test]
    fn serde_messages_in_author_terms() {
        let toml = |m| author_terms(m, Format::Toml);
        assert_eq!(
            toml("invalid type: integer `5`, expected struct BookConfig"),
            "expected a table (`[name]` with `key = value` lines), found the number `5`"
        );
        assert_eq!(
            toml("invalid value: integer `-1`, expected u32"),
            "expected a whole number of 0 or more, found the number `-1`"
        );
        assert_eq!(
            toml("invalid type: string \"x\", expected a sequence"),
            "expected a list, found the text \"x\""
        );
        assert_eq!(
            author_terms("invalid length 1, expected a tuple of size 2", Format::Yaml),
            "expected a list of 2 values, found 1"
        );
        assert_eq!(toml("missing field `title`"), "the key `title` is missing");
    }

    #[test]
    fn suggestion_for_typo() {
        assert_eq!(did_you_mean("titel", &["title", "language"]), Some("title"));
        assert_eq!(did_you_mean("zzz", &["title", "language"]), None);
    }
}
