//! Bytes to rows: encoding (UTF-8 with or without BOM, Windows-1252) and delimiter
//! detection, control characters, then the CSV read into a [`Table`] of cell positions in
//! the text, so that no cell is copied before it is typed.
//!
//! Lines end in LF, CRLF or a lone CR (old Mac spreadsheets); every line number counts all
//! three, so positions are right whichever a file uses. A cell is quoted when its first
//! character other than spaces is `"`; inside, `""` is a quote and line breaks are part of
//! the cell. Cells are trimmed of white space, as spreadsheets display them.

use super::codebook::{Delimiter, Encoding};
use super::identifiers::mask_line;
use super::MAX_CELL_ERRORS;
use insikt_core::diagnostic::{Diagnostic, Location};
use std::borrow::Cow;
use std::path::Path;

/// How a CSV file was read, declared or detected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    /// The encoding.
    pub encoding: Encoding,
    /// Whether the file started with a UTF-8 byte-order mark.
    pub bom: bool,
    /// The delimiter.
    pub delimiter: Delimiter,
    /// The decimal mark, `,` or `.`.
    pub decimal: char,
}

/// The largest CSV file that can be read: cell positions are kept as 32-bit offsets, which
/// halves the memory they take.
pub const MAX_FILE_BYTES: usize = u32::MAX as usize;

/// Bytes that are not valid in the file's encoding: the first bad one, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// What is wrong.
    pub message: String,
    /// The line and column of the first bad byte (columns count the valid characters
    /// before it).
    pub location: Location,
    /// Its line, bad bytes shown as `�`.
    pub source_line: String,
}

/// Decodes `bytes`: the declared encoding, else UTF-8 when valid, else Windows-1252. Valid
/// UTF-8 is taken over without a copy.
pub fn decode(
    mut bytes: Vec<u8>,
    declared: Option<Encoding>,
) -> Result<(String, Encoding, bool), DecodeError> {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    if bom {
        bytes.drain(..3);
    }
    match declared {
        Some(Encoding::Windows1252) => Ok((windows_1252(&bytes), Encoding::Windows1252, bom)),
        _ => match String::from_utf8(bytes) {
            Ok(s) => Ok((s, Encoding::Utf8, bom)),
            Err(e) if declared.is_none() && !bom => {
                Ok((windows_1252(e.as_bytes()), Encoding::Windows1252, false))
            }
            Err(e) => {
                let why = if bom {
                    "the file starts with a UTF-8 byte-order mark"
                } else {
                    "the file is declared UTF-8"
                };
                Err(invalid_utf8(
                    e.as_bytes(),
                    e.utf8_error().valid_up_to(),
                    why,
                ))
            }
        },
    }
}

/// The error for the invalid byte at `at` in `bytes` (valid UTF-8 before it).
fn invalid_utf8(bytes: &[u8], at: usize, why: &str) -> DecodeError {
    let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
    let line_start = valid.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = line_count(&valid[..line_start]) + 1;
    let column = valid[line_start..].chars().count() + 1;
    let line_end = bytes[at..]
        .iter()
        .position(|b| matches!(b, b'\n' | b'\r'))
        .map_or(bytes.len(), |i| at + i);
    DecodeError {
        message: format!(
            "{why}, but the byte 0x{:02X} here is not valid UTF-8",
            bytes[at]
        ),
        location: Location::new(line, column),
        source_line: shown(&String::from_utf8_lossy(&bytes[line_start..line_end])),
    }
}

fn windows_1252(bytes: &[u8]) -> String {
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    text.into_owned()
}

/// The delimiter that splits the first lines most consistently: the one whose commonest
/// count per line (outside quotes, above zero) is shared by the most lines; `;` wins ties,
/// then tab. Looking at several lines, not the first alone, keeps a title line above the
/// header (an export's "12817: …, etter næring, …") from deciding.
pub fn detect_delimiter(text: &str) -> Delimiter {
    const LINES: usize = 30;
    let candidates = [b';', b'\t', b','];
    let mut counts: Vec<[usize; 3]> = Vec::new();
    for line in text
        .split(['\n', '\r'])
        .filter(|l| !l.trim().is_empty())
        .take(LINES)
    {
        let mut count = [0usize; 3];
        let mut quoted = false;
        for b in line.bytes() {
            if b == b'"' {
                quoted = !quoted;
            } else if !quoted {
                if let Some(i) = candidates.iter().position(|&c| c == b) {
                    count[i] += 1;
                }
            }
        }
        counts.push(count);
    }
    // For each delimiter: how many lines share its commonest count above zero.
    let score = |i: usize| {
        let mut per_count: std::collections::HashMap<usize, usize> = Default::default();
        for c in counts.iter().filter(|c| c[i] > 0) {
            *per_count.entry(c[i]).or_default() += 1;
        }
        per_count.into_values().max().unwrap_or(0)
    };
    let best = (0..3).max_by_key(|&i| (score(i), 3 - i)).unwrap_or(0);
    [Delimiter::Semicolon, Delimiter::Tab, Delimiter::Comma][best]
}

/// Number of line breaks (LF, CRLF or a lone CR) in `text`.
fn line_count(text: &str) -> usize {
    let b = text.as_bytes();
    b.iter()
        .enumerate()
        .filter(|&(i, &c)| c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .count()
}

/// True for a control character that has no place in a text file: Unicode category Cc
/// except tab, line feed and carriage return.
fn forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `text` with its control characters but tab (line breaks too) as visible symbols, so that
/// they neither disappear nor act on the terminal when printed, and a message stays on one
/// line.
fn visible(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| c.is_control() && c != '\t';
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if !hidden(c) => c,
                '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('�'),
                '\u{7f}' => '\u{2421}',
                _ => '�',
            })
            .collect(),
    )
}

/// At most this many characters of a cell are quoted in a message, and of a line after the
/// column an error points at.
const EXCERPT: usize = 80;

/// `cell` as quoted in a message: control characters visible, cut after [`EXCERPT`]
/// characters.
pub fn excerpt(cell: &str) -> String {
    match cell.char_indices().nth(EXCERPT) {
        Some((cut, _)) => format!("{}…", visible(&cell[..cut])),
        None => visible(cell).into_owned(),
    }
}

/// `line` as shown under an error: identifiers masked, control characters visible.
fn shown(line: &str) -> String {
    visible(&mask_line(line)).into_owned()
}

/// An error at byte `offset` of `text`, on line `line`, showing that line (cut
/// [`EXCERPT`] characters after the column, so a long line does not fill the screen).
pub fn error_at(
    file: &Path,
    text: &str,
    offset: usize,
    line: usize,
    message: impl Into<String>,
) -> Diagnostic {
    let b = text.as_bytes();
    let start = b[..offset]
        .iter()
        .rposition(|c| matches!(c, b'\n' | b'\r'))
        .map_or(0, |i| i + 1);
    let end = b[offset..]
        .iter()
        .position(|c| matches!(c, b'\n' | b'\r'))
        .map_or(b.len(), |i| offset + i);
    let column = text[start..offset].chars().count() + 1;
    // Masked whole, then cut: a cut identifier might no longer be recognised.
    let source = shown(&text[start..end]);
    let source = match source.char_indices().nth(column - 1 + EXCERPT) {
        Some((cut, _)) => format!("{}…", &source[..cut]),
        None => source,
    };
    let mut d = Diagnostic::new(file, message);
    d.location = Some(Location::new(line, column));
    d.source_line = Some(source);
    d
}

/// Every control character in `text` that has no place in a CSV file (NUL, escape and the
/// rest of Unicode category Cc except tab, LF and CR), each an error at its line and column;
/// at most [`MAX_CELL_ERRORS`] are listed and the rest counted.
pub fn control_characters(file: &Path, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut found = 0;
    // The line of the last character looked at, counted from `counted`.
    let (mut line, mut counted) = (1, 0);
    for (offset, c) in text.char_indices() {
        if !forbidden_control(c) {
            continue;
        }
        found += 1;
        if found > MAX_CELL_ERRORS {
            continue;
        }
        line += line_count(&text[counted..offset]);
        counted = offset;
        let name = match c {
            '\u{0}' => " (NUL)",
            '\u{7}' => " (BEL)",
            '\u{8}' => " (backspace)",
            '\u{b}' => " (vertical tab)",
            '\u{c}' => " (form feed)",
            '\u{1a}' => " (SUB, an old end-of-file mark)",
            '\u{1b}' => " (ESC)",
            '\u{7f}' => " (DEL)",
            _ => "",
        };
        out.push(
            error_at(
                file,
                text,
                offset,
                line,
                format!(
                    "the control character U+{:04X}{name} has no place in a CSV file",
                    c as u32
                ),
            )
            .with_help(
                "remove it (most editors do not show it); if the file was exported from another \
                 program, export it again as plain CSV",
            ),
        );
    }
    if found > MAX_CELL_ERRORS {
        out.push(Diagnostic::new(
            file,
            format!(
                "{} more control characters are in the file",
                found - MAX_CELL_ERRORS
            ),
        ));
    }
    out
}

/// A cell's place in the text: the byte range of its field, quotes and the spaces around
/// them included, without the delimiter.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
}

/// A record: the line it starts on and the index of its first cell in the table's cells.
#[derive(Debug, Clone, Copy)]
struct Row {
    line: u32,
    first: u32,
}

/// A CSV file as the positions of its cells in its text; record 0 is the header. Blank
/// lines are no records.
#[derive(Debug)]
pub struct Table<'t> {
    text: &'t str,
    rows: Vec<Row>,
    cells: Vec<Span>,
}

/// Text that cannot be read as CSV, at byte `offset` on `line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset in the text.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

impl<'t> Table<'t> {
    /// Reads `text` (at most [`MAX_FILE_BYTES`] long) with `delimiter`; the errors are the
    /// places that are not CSV, at most [`MAX_CELL_ERRORS`] of them.
    pub fn parse(text: &'t str, delimiter: Delimiter) -> Result<Table<'t>, Vec<SyntaxError>> {
        let mut parser = Parser::new(text, delimiter);
        // Room for every cell and row from the start: growing by doubling would hold the
        // old and the new table at once, up to three times what they need.
        let (mut breaks, mut delimiters) = (1, 0);
        for &b in text.as_bytes() {
            breaks += usize::from(b == b'\n');
            delimiters += usize::from(b == parser.delimiter);
        }
        let mut rows = Vec::with_capacity(breaks);
        let mut cells = Vec::with_capacity(breaks + delimiters);
        loop {
            let first = cells.len() as u32;
            let Some(line) = parser.next_record(&mut cells) else {
                break;
            };
            rows.push(Row {
                line: line as u32,
                first,
            });
        }
        if parser.errors.is_empty() {
            Ok(Table { text, rows, cells })
        } else {
            Err(parser.errors)
        }
    }

    /// Number of records, the header included.
    pub fn records(&self) -> usize {
        self.rows.len()
    }

    fn range(&self, record: usize) -> std::ops::Range<usize> {
        let start = self.rows[record].first as usize;
        let end = self
            .rows
            .get(record + 1)
            .map_or(self.cells.len(), |r| r.first as usize);
        start..end
    }

    /// Number of cells in `record`.
    pub fn width(&self, record: usize) -> usize {
        self.range(record).len()
    }

    /// The line `record` starts on.
    pub fn line(&self, record: usize) -> usize {
        self.rows[record].line as usize
    }

    /// Cell `column` of `record`, unquoted and trimmed.
    pub fn cell(&self, record: usize, column: usize) -> Cow<'t, str> {
        let span = self.cells[self.range(record).start + column];
        cell_text(&self.text[span.start as usize..span.end as usize])
    }

    /// The cells of `record`.
    pub fn record(&self, record: usize) -> impl Iterator<Item = Cow<'t, str>> + '_ {
        (0..self.width(record)).map(move |c| self.cell(record, c))
    }

    /// True when cell `column` of `record` is written in quotes.
    pub fn is_quoted(&self, record: usize, column: usize) -> bool {
        let span = self.cells[self.range(record).start + column];
        self.text[span.start as usize..span.end as usize]
            .trim_start_matches([' ', '\t'])
            .starts_with('"')
    }

    /// The bytes of the text that `records` take, from the first cell of the first to the
    /// end of the last cell of the last.
    pub fn bytes_of(&self, records: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.cells[self.range(records.start).start].start as usize;
        let end = self.cells[self.range(records.end - 1).end - 1].end as usize;
        start..end
    }

    /// Renumbers the lines of the records with `map` (old line to new), for a table read
    /// from a text cut out of a file, so that it speaks of the file's lines.
    pub fn map_lines(&mut self, map: impl Fn(usize) -> usize) {
        for row in &mut self.rows {
            row.line = map(row.line as usize) as u32;
        }
    }

    /// An error at the start of `record`, or at its cell `column`.
    pub fn error(
        &self,
        file: &Path,
        record: usize,
        column: Option<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let range = self.range(record);
        let row_start = self.cells[range.start].start as usize;
        let offset = match column {
            Some(c) => {
                let span = self.cells[range.start + c];
                let raw = &self.text[span.start as usize..span.end as usize];
                span.start as usize + raw.len() - raw.trim_start().len()
            }
            None => row_start,
        };
        let line = self.line(record) + line_count(&self.text[row_start..offset]);
        error_at(file, self.text, offset, line, message)
    }
}

/// The text of a field as written between delimiters: unquoted and trimmed.
fn cell_text(raw: &str) -> Cow<'_, str> {
    let Some(quoted) = raw.trim_start_matches([' ', '\t']).strip_prefix('"') else {
        return Cow::Borrowed(raw.trim());
    };
    let quoted = quoted.trim_end_matches([' ', '\t']);
    let inner = quoted.strip_suffix('"').unwrap_or(quoted).trim();
    if inner.contains("\"\"") {
        Cow::Owned(inner.replace("\"\"", "\""))
    } else {
        Cow::Borrowed(inner)
    }
}

/// The records of `text` one at a time, each as its cells (blank lines skipped, and
/// anything that is not CSV read as well as it goes).
pub fn records(text: &str, delimiter: Delimiter) -> impl Iterator<Item = Vec<Cow<'_, str>>> {
    let mut parser = Parser::new(text, delimiter);
    let mut spans = Vec::new();
    std::iter::from_fn(move || {
        spans.clear();
        parser.next_record(&mut spans)?;
        Some(
            spans
                .iter()
                .map(|s| cell_text(&text[s.start as usize..s.end as usize]))
                .collect(),
        )
    })
}

/// How a field ended.
enum End {
    Delimiter,
    Line,
    File,
}

/// Reads records from a CSV text one at a time.
struct Parser<'t> {
    text: &'t str,
    delimiter: u8,
    pos: usize,
    line: usize,
    errors: Vec<SyntaxError>,
}

impl<'t> Parser<'t> {
    fn new(text: &'t str, delimiter: Delimiter) -> Self {
        Parser {
            text,
            delimiter: delimiter.byte(),
            pos: 0,
            line: 1,
            errors: Vec::new(),
        }
    }

    /// Appends the cells of the next record that is not a blank line to `cells`; returns the
    /// line it starts on, or `None` at the end of the text.
    fn next_record(&mut self, cells: &mut Vec<Span>) -> Option<usize> {
        loop {
            if self.pos >= self.text.len() {
                return None;
            }
            let line = self.line;
            let first = cells.len();
            loop {
                let (span, end) = self.field();
                cells.push(span);
                if !matches!(end, End::Delimiter) {
                    break;
                }
            }
            let blank = cells.len() == first + 1
                && cell_text(&self.text[cells[first].start as usize..cells[first].end as usize])
                    .is_empty();
            if blank {
                cells.truncate(first);
                continue;
            }
            return Some(line);
        }
    }

    fn is_space(&self, b: u8) -> bool {
        b == b' ' || (b == b'\t' && self.delimiter != b'\t')
    }

    fn error(&mut self, offset: usize, line: usize, message: &str, help: &str) {
        if self.errors.len() < MAX_CELL_ERRORS {
            self.errors.push(SyntaxError {
                offset,
                line,
                message: message.into(),
                help: help.into(),
            });
        }
    }

    /// Reads one field and what ends it.
    fn field(&mut self) -> (Span, End) {
        let b = self.text.as_bytes();
        let start = self.pos;
        let mut p = start;
        while p < b.len() && self.is_space(b[p]) {
            p += 1;
        }
        if b.get(p) == Some(&b'"') {
            let (quote, quote_line) = (p, self.line);
            p += 1;
            loop {
                match b.get(p) {
                    None => {
                        self.error(
                            quote,
                            quote_line,
                            "this quote is never closed",
                            "close the quoted cell with `\"`; a quote inside a quoted cell is written `\"\"`",
                        );
                        self.pos = b.len();
                        return (span(start, p), End::File);
                    }
                    Some(b'"') if b.get(p + 1) == Some(&b'"') => p += 2,
                    Some(b'"') => {
                        p += 1;
                        break;
                    }
                    Some(b'\n') => {
                        self.line += 1;
                        p += 1;
                    }
                    Some(b'\r') => {
                        if b.get(p + 1) != Some(&b'\n') {
                            self.line += 1;
                        }
                        p += 1;
                    }
                    Some(_) => p += 1,
                }
            }
            while p < b.len() && self.is_space(b[p]) {
                p += 1;
            }
            if p < b.len() && !self.ends_field(b[p]) {
                self.error(
                    p,
                    self.line,
                    "text after the closing quote of a quoted cell",
                    "put the whole cell in quotes, and write a quote inside it as `\"\"`",
                );
                while p < b.len() && !self.ends_field(b[p]) {
                    p += 1;
                }
            }
        } else {
            while p < b.len() && !self.ends_field(b[p]) {
                p += 1;
            }
        }
        let field = span(start, p);
        let end = match b.get(p) {
            None => End::File,
            Some(&d) if d == self.delimiter => {
                p += 1;
                End::Delimiter
            }
            Some(b'\r') if b.get(p + 1) == Some(&b'\n') => {
                p += 2;
                self.line += 1;
                End::Line
            }
            Some(_) => {
                p += 1;
                self.line += 1;
                End::Line
            }
        };
        self.pos = p;
        (field, end)
    }

    fn ends_field(&self, b: u8) -> bool {
        b == self.delimiter || b == b'\n' || b == b'\r'
    }
}

fn span(start: usize, end: usize) -> Span {
    Span {
        start: start as u32,
        end: end as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8], declared: Option<Encoding>) -> (String, Encoding, bool) {
        decode(bytes.to_vec(), declared).unwrap()
    }

    #[test]
    fn encodings() {
        let (t, e, bom) = decoded(b"\xEF\xBB\xBFa;b\n", None);
        assert_eq!((t.as_str(), e, bom), ("a;b\n", Encoding::Utf8, true));
        let (t, e, _) = decoded(b"V\xE4rmland\n", None);
        assert_eq!((t.as_str(), e), ("Värmland\n", Encoding::Windows1252));
        assert!(decode(b"V\xE4rmland\n".to_vec(), Some(Encoding::Utf8)).is_err());
    }

    #[test]
    fn invalid_utf8_is_located_by_line_and_column() {
        let e = decode(
            b"a;b\nK\xC3\xA4l;V\xE4rmland\n".to_vec(),
            Some(Encoding::Utf8),
        )
        .unwrap_err();
        assert_eq!(e.location, Location::new(2, 6));
        assert_eq!(e.source_line, "Käl;V�rmland");
        let e = decode(b"\xEF\xBB\xBFa\r\nb\r\n\xE4\r\n".to_vec(), None).unwrap_err();
        assert_eq!(e.location, Location::new(3, 1));
        assert!(e.message.contains("byte-order mark"), "{}", e.message);
    }

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter("a;b;c\n"), Delimiter::Semicolon);
        assert_eq!(detect_delimiter("a\tb\n"), Delimiter::Tab);
        assert_eq!(detect_delimiter("a,b\n"), Delimiter::Comma);
        assert_eq!(detect_delimiter("\"a;b\",c\n"), Delimiter::Comma);
    }

    fn table(text: &str) -> Vec<(usize, Vec<String>)> {
        let t = Table::parse(text, Delimiter::Semicolon).unwrap();
        (0..t.records())
            .map(|r| (t.line(r), t.record(r).map(|c| c.into_owned()).collect()))
            .collect()
    }

    #[test]
    fn records_with_their_lines_in_every_line_ending() {
        let expected = vec![
            (1, vec!["a".to_string(), "b".to_string()]),
            (3, vec!["1".to_string(), "2".to_string()]),
        ];
        assert_eq!(table("a;b\n\n1;2\n"), expected);
        assert_eq!(table("a;b\r\n\r\n1;2\r\n"), expected);
        assert_eq!(table("a;b\r\r1;2"), expected);
    }

    #[test]
    fn quoted_cells() {
        let rows = table("\"a;b\"; \"say \"\"hi\"\"\" ;\"two\nlines\"\nx;\" y \";z\n");
        assert_eq!(rows[0].1, ["a;b", "say \"hi\"", "two\nlines"]);
        assert_eq!(rows[1], (3, vec!["x".into(), "y".into(), "z".into()]));
        // A quote inside an unquoted cell is a character like any other.
        assert_eq!(table("5\";b\n")[0].1, ["5\"", "b"]);
    }

    #[test]
    fn what_is_not_csv_is_located() {
        let e = Table::parse("a;b\n1;\"x\ny\n", Delimiter::Semicolon).unwrap_err();
        assert_eq!((e[0].line, e[0].offset), (2, 6));
        assert_eq!(e[0].message, "this quote is never closed");
        let e = Table::parse("a;b\r\n\"x\"y;2\r\n", Delimiter::Semicolon).unwrap_err();
        assert_eq!((e[0].line, e[0].offset), (2, 8));
    }

    #[test]
    fn control_characters_are_located_and_made_visible() {
        let d = control_characters(Path::new("t.csv"), "a;b\r\nx\u{0};y\u{1b}[2J\n");
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].location, Some(Location::new(2, 2)));
        assert!(d[0].message.contains("U+0000 (NUL)"), "{}", d[0].message);
        assert_eq!(d[1].location, Some(Location::new(2, 5)));
        assert_eq!(d[1].source_line.as_deref(), Some("x\u{2400};y\u{241b}[2J"));
    }
}
