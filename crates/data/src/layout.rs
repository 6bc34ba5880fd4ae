//! How a CSV export is laid out. Statistics offices put a title and a blank line above the
//! header (StatBank, SSB, Statistics Finland, Socialstyrelsen) and footnotes, the source and
//! a contact person below the data (SCB); some write no header row at all (StatBank's bulk
//! download, Sotkanet). The layout says which records are the header and the data; the
//! lines around them become the dataset's notes, checked for personal identifiers
//! (POLICY 2) and never read as data.
//!
//! Found unless the codebook states it (`header_row`, `footer_lines`, `columns`):
//! - the header is the first record with more than one cell (a title line is one cell) in a
//!   file whose records mostly have more than one;
//! - the data end at a record whose cells are all empty (SCB's `;` line) when no record
//!   after it has more than one cell of text, and a run of one-cell lines of several words
//!   at the end of the file is a footer;
//! - a header holding a number that is not a year is data: the file has no header row.

use super::codebook::{Codebook, Delimiter};
use super::decode::{self, Table};
use super::identifiers::{self, find_all, is_national, IdentifierKind};
use insikt_core::diagnostic::{Diagnostic, Diagnostics, Location};
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

/// Which records of a table are the header and the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout {
    /// The header record; `None` when the codebook's `columns:` names the columns and the
    /// file has no header row.
    pub header: Option<usize>,
    /// The data records.
    pub data: Range<usize>,
}

/// Where a note stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Above the header: a title.
    Above,
    /// Below the data: a footnote, the source, a contact.
    Below,
}

/// A line of an export above or below the data, kept as one of the dataset's notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceNote {
    /// The line of the file.
    pub line: usize,
    /// Above or below the data.
    pub place: Place,
    /// The text: the line's non-empty cells, unquoted, joined by a space.
    pub text: String,
}

/// True when every cell of `record` is empty.
fn all_empty(table: &Table, record: usize) -> bool {
    table.record(record).all(|c| c.is_empty())
}

/// True for a cell that holds a measured number, not a year or a name: `633035`, `10.4`.
fn measured_number(cell: &str) -> bool {
    let digits = cell.trim_start_matches('-');
    let year = digits.len() == 4
        && digits
            .parse::<u16>()
            .is_ok_and(|y| (1800..=2100).contains(&y));
    !digits.is_empty()
        && !year
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        && digits.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

/// The layout of `table`, as the codebook states it or as found. Errors point at the
/// codebook key or at the line that looks like data.
pub(crate) fn find(
    table: &Table,
    codebook: Option<&Codebook>,
    csv_file: &Path,
    yaml_file: &Path,
    yaml_text: &str,
) -> Result<Layout, Diagnostics> {
    let records = table.records();
    let header_row = codebook.and_then(|c| c.header_row);
    let footer_lines = codebook.and_then(|c| c.footer_lines);
    let columns = codebook.and_then(|c| c.columns.as_ref());
    // The width most records have; ties go to the wider.
    let mut widths: HashMap<usize, usize> = HashMap::new();
    for r in 0..records {
        *widths.entry(table.width(r)).or_default() += 1;
    }
    let width = widths
        .iter()
        .max_by_key(|&(w, n)| (*n, *w))
        .map_or(1, |(w, _)| *w);
    let leading = if width > 1 {
        (0..records)
            .take_while(|&r| table.width(r) == 1 || all_empty(table, r))
            .count()
    } else {
        0
    };
    let header = match header_row {
        Some(line) => match (0..records).find(|&r| table.line(r) == line) {
            Some(r) => Some(r),
            None => {
                return Err(Diagnostics(vec![Diagnostic::at(
                    yaml_file,
                    yaml_text,
                    key_location(yaml_text, "header_row"),
                    format!(
                        "`header_row: {line}`: line {line} of `{}` is blank, inside a cell or past the end of the file",
                        csv_file.display()
                    ),
                )
                .with_help("give the line the header is on, counted from 1 as an editor shows it")]))
            }
        },
        None if columns.is_some() => None,
        None if leading < records => Some(leading),
        None => Some(0),
    };
    let start = header.map_or(leading, |h| h + 1);
    let end = match footer_lines {
        Some(n) if n > records - start => {
            return Err(Diagnostics(vec![Diagnostic::at(
                yaml_file,
                yaml_text,
                key_location(yaml_text, "footer_lines"),
                format!(
                    "`footer_lines: {n}`: `{}` has only {} lines below the header",
                    csv_file.display(),
                    records - start
                ),
            )
            .with_help("count the non-blank lines below the data")]));
        }
        Some(n) => records - n,
        None => {
            // An empty line starts the notes only when no line after it has more than one
            // cell of text: an empty row inside the data stays a row.
            let note_like = |r: usize| table.record(r).filter(|c| !c.is_empty()).count() <= 1;
            let mut end = records;
            for r in (start..records).rev() {
                if !note_like(r) {
                    break;
                }
                if all_empty(table, r) {
                    end = r;
                }
            }
            while end > start
                && width > 1
                && table.width(end - 1) == 1
                && table.cell(end - 1, 0).split_whitespace().nth(1).is_some()
            {
                end -= 1;
            }
            end
        }
    };
    if let (Some(h), None) = (header, header_row) {
        if let Some(cell) = table.record(h).find(|c| measured_number(c)) {
            let names: Vec<String> = (1..=table.width(h))
                .map(|i| format!("column_{i}"))
                .collect();
            return Err(Diagnostics(vec![table
                .error(
                    csv_file,
                    h,
                    None,
                    format!(
                        "the file has no header row: line {} holds data (`{}`), not column names",
                        table.line(h),
                        decode::excerpt(&cell)
                    ),
                )
                .with_help(format!(
                    "name the {} columns in the codebook `{}`: `columns: [{}]`; if line {} is the header after all, declare `header_row: {}` there",
                    table.width(h),
                    yaml_file.display(),
                    names.join(", "),
                    table.line(h),
                    table.line(h)
                ))]));
        }
    }
    if let Some(names) = columns {
        let cells = header.map_or(width, |h| table.width(h));
        if names.len() != cells {
            return Err(Diagnostics(vec![Diagnostic::at(
                yaml_file,
                yaml_text,
                key_location(yaml_text, "columns"),
                format!(
                    "`columns:` names {} columns; the rows of `{}` have {cells}",
                    names.len(),
                    csv_file.display()
                ),
            )
            .with_help("name every column, in the file's order")]));
        }
    }
    Ok(Layout {
        header,
        data: start..end.max(start),
    })
}

/// The location of the top-level `key:` in a codebook's text (line 1 when absent).
fn key_location(yaml: &str, key: &str) -> Location {
    yaml.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map_or(Location::new(1, 1), |i| Location::new(i + 1, 1))
}

/// The lines above the header and below the data that hold text, in file order.
pub(crate) fn notes(table: &Table, layout: &Layout) -> Vec<SourceNote> {
    let above = 0..layout.header.unwrap_or(layout.data.start);
    let below = layout.data.end..table.records();
    above
        .map(|r| (r, Place::Above))
        .chain(below.map(|r| (r, Place::Below)))
        .filter_map(|(r, place)| {
            let cells: Vec<String> = table
                .record(r)
                .filter(|c| !c.is_empty())
                .map(|c| c.into_owned())
                .collect();
            (!cells.is_empty()).then(|| SourceNote {
                line: table.line(r),
                place,
                text: cells.join(" "),
            })
        })
        .collect()
}

/// True for a note line that introduces a contact person ("Kontaktperson:", "Contact:",
/// "Yhteyshenkilö"): the lines right after it name a person.
fn is_contact_heading(text: &str) -> bool {
    const HEADINGS: &[&str] = &[
        "kontakt",
        "kontaktperson",
        "kontaktpersoner",
        "kontaktinformation",
        "kontaktinformasjon",
        "kontaktoplysninger",
        "contact",
        "contact person",
        "contact persons",
        "contacts",
        "yhteyshenkilö",
        "yhteyshenkilöt",
        "yhteystiedot",
        "tiedustelut",
        "upplysningar",
        "förfrågningar",
    ];
    let heading = text.trim().trim_end_matches(':').trim().to_lowercase();
    HEADINGS.contains(&heading.as_str())
}

/// Checks `notes` for personal identifiers (POLICY 2): a national identity number is an
/// error at its line; a note holding an e-mail address or phone number is left out with a
/// warning saying how to publish a work contact, and so is a contact heading
/// ("Kontaktperson:") with the lines that follow it without a break (the person's name).
/// Returns the notes to publish and the warnings.
pub(crate) fn check_notes(
    csv_file: &Path,
    text: &str,
    table: &Table,
    notes: Vec<SourceNote>,
    diagnostics: &mut Diagnostics,
) -> (Vec<SourceNote>, Vec<String>) {
    let mut kept = Vec::new();
    let mut warnings = Vec::new();
    // The contact block being left out: its first line and the line last left out.
    let mut contact_block: Option<(usize, usize)> = None;
    let end_block = |block: &mut Option<(usize, usize)>, warnings: &mut Vec<String>| {
        if let Some((first, last)) = block.take() {
            warnings.push(format!(
                "warning: {}:{first}: {} below the data name a contact person; not published. To publish a work contact, put it in the codebook's `contact:`",
                csv_file.display(),
                lines(first, last)
            ));
        }
    };
    for note in notes {
        match contact_block {
            Some((_, last)) if note.line == last + 1 && !is_contact_heading(&note.text) => {
                contact_block = contact_block.map(|(first, _)| (first, note.line));
                if find_all(&note.text, false)
                    .iter()
                    .all(|f| !is_national(f.kind))
                {
                    continue;
                }
            }
            Some(_) => end_block(&mut contact_block, &mut warnings),
            None => {}
        }
        if note.place == Place::Below && is_contact_heading(&note.text) {
            contact_block = Some((note.line, note.line));
            continue;
        }
        let found = find_all(&note.text, false);
        if let Some(national) = found.iter().find(|f| is_national(f.kind)) {
            let record = (0..table.records()).find(|&r| table.line(r) == note.line);
            let offset = record.map_or(0, |r| table.bytes_of(r..r + 1).start);
            diagnostics.push(
                decode::error_at(
                    csv_file,
                    text,
                    offset,
                    note.line,
                    format!(
                        "line {} {} the data: `{}` looks like {}; personal identifiers must never be published",
                        note.line,
                        where_(note.place),
                        identifiers::masked(&note.text[national.start..national.end]),
                        national.kind.describe()
                    ),
                )
                .with_help("remove the line from the file"),
            );
            continue;
        }
        if let Some(contact) = found.first() {
            let what = match contact.kind {
                IdentifierKind::Email => "an e-mail address",
                _ => "a phone number",
            };
            warnings.push(format!(
                "warning: {}:{}: the line {} the data holds {what}; it is not published. To publish a work contact, put it in the codebook's `contact:`",
                csv_file.display(),
                note.line,
                where_(note.place)
            ));
            continue;
        }
        kept.push(note);
    }
    end_block(&mut contact_block, &mut warnings);
    (kept, warnings)
}

/// "line 3" or "lines 3–5".
fn lines(first: usize, last: usize) -> String {
    if first == last {
        format!("line {first}")
    } else {
        format!("lines {first}–{last}")
    }
}

fn where_(place: Place) -> &'static str {
    match place {
        Place::Above => "above",
        Place::Below => "below",
    }
}

/// What the build prints about a layout that is not a plain header and data.
pub(crate) fn describe(
    csv_file: &Path,
    table: &Table,
    layout: &Layout,
    notes: usize,
) -> Option<String> {
    let records = table.records();
    let first = layout.header.unwrap_or(layout.data.start);
    if first == 0 && layout.header.is_some() && layout.data.end == records {
        return None;
    }
    let mut parts = Vec::new();
    match layout.header {
        Some(h) => parts.push(format!("the header is on line {}", table.line(h))),
        None => parts.push("no header row (columns named by the codebook)".to_string()),
    }
    if first > 0 {
        parts.push(format!(
            "a title on {} above it",
            lines(1, table.line(first) - 1)
        ));
    }
    if layout.data.end < records {
        parts.push(format!(
            "notes on {} below the data",
            lines(table.line(layout.data.end), table.line(records - 1))
        ));
    }
    let kept = match notes {
        1 => "1 line".to_string(),
        n => format!("{n} lines"),
    };
    Some(format!(
        "{}: {}; {kept} of text kept as the dataset's notes, none read as data",
        csv_file.display(),
        parts.join(", ")
    ))
}

/// The header and data of `text` as a CSV text of their own, when the layout is not the
/// plain one (header on the first record, data to the end): the header line (or one
/// written from `columns`) and the data lines as written. The second value maps the new
/// text's lines to the file's.
pub(crate) fn cut(
    text: &str,
    table: &Table,
    layout: &Layout,
    columns: Option<&[String]>,
    delimiter: Delimiter,
) -> Option<(String, LineMap)> {
    let plain = layout.header == Some(0) && layout.data.end == table.records() && columns.is_none();
    if plain {
        return None;
    }
    let mut out = String::new();
    let header_line = match (columns, layout.header) {
        (Some(names), _) => {
            let d = delimiter.byte() as char;
            let quoted: Vec<String> = names
                .iter()
                .map(|n| format!("\"{}\"", n.replace('"', "\"\"")))
                .collect();
            out.push_str(&quoted.join(&d.to_string()));
            layout.header.map_or(
                table.line(layout.data.start.min(table.records() - 1)),
                |h| table.line(h),
            )
        }
        (None, Some(h)) => {
            out.push_str(&text[table.bytes_of(h..h + 1)]);
            table.line(h)
        }
        (None, None) => unreachable!("a layout without a header has columns"),
    };
    out.push('\n');
    let header_lines = out.bytes().filter(|&b| b == b'\n').count();
    let data_line = if layout.data.is_empty() {
        header_line + 1
    } else {
        out.push_str(&text[table.bytes_of(layout.data.clone())]);
        out.push('\n');
        table.line(layout.data.start)
    };
    Some((
        out,
        LineMap {
            header_lines,
            header_line,
            data_line,
        },
    ))
}

/// Lines of a text cut by [`cut`] to the file's lines.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineMap {
    header_lines: usize,
    header_line: usize,
    data_line: usize,
}

impl LineMap {
    /// The file's line for line `line` of the cut text.
    pub fn map(&self, line: usize) -> usize {
        if line <= self.header_lines {
            self.header_line + line - 1
        } else {
            self.data_line + line - 1 - self.header_lines
        }
    }
}

/// The names to write as the header of the cut text: the codebook's `columns:`, or, when
/// the header has empty cells (StatBank leaves the first blank), its names with each empty
/// one named `column_N` after its place.
pub(crate) fn column_names(
    table: &Table,
    layout: &Layout,
    declared: Option<&[String]>,
) -> Option<Vec<String>> {
    if let Some(names) = declared {
        return Some(names.to_vec());
    }
    let h = layout.header?;
    if !table.record(h).any(|c| c.is_empty()) {
        return None;
    }
    Some(
        table
            .record(h)
            .enumerate()
            .map(|(i, c)| {
                if c.is_empty() {
                    format!("column_{}", i + 1)
                } else {
                    c.into_owned()
                }
            })
            .collect(),
    )
}
