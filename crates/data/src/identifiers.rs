//! Personal identifiers in dataset cells: Nordic national identity numbers, e-mail
//! addresses and phone numbers. A dataset holding one must never be published, so the build
//! stops and names the cell, without ever printing the value itself.
//!
//! National identity numbers are recognised only when their date exists and their check
//! digits (where the scheme has them) are right:
//!
//! - **Swedish personnummer** (folkbokföringslagen 18 §; Skatteverket, *Personnummer*,
//!   SKV 704): `YYMMDD-NNNC`, `YYMMDD+NNNC` (100 years or older), `YYMMDDNNNC`,
//!   `YYYYMMDDNNNC` and `YYYYMMDD-NNNC`; `C` is the Luhn (mod 10) digit over the ten-digit
//!   form. A **samordningsnummer** (SKV 707) is the same with 60 added to the day.
//! - **Danish CPR number** (CPR-kontoret, *Personnummeret i CPR-systemet*): `DDMMYY-SSSS`
//!   or `DDMMYYSSSS`; the first digit of `SSSS` gives the century. Numbers issued since
//!   2007 need not pass the old modulus-11 test, so the two forms are treated differently:
//!   the hyphenated form is flagged whenever its date exists (it is written that way only
//!   for a CPR number), while a bare ten-digit number must also pass modulus 11, since ten
//!   digits alone are too common. A ten-digit number that is a valid Swedish personnummer
//!   is reported as Swedish.
//! - **Norwegian fødselsnummer** (Skatteetaten, *Fødselsnummer*): `DDMMYYIIIKK`,
//!   optionally with a space or hyphen after the date, with both modulus-11 control digits
//!   (weights 3 7 6 1 8 9 4 5 2 and 5 4 3 2 7 6 5 4 3 2; 11 gives 0, 10 is never issued).
//!   A **D-nummer** is the same with 40 added to the day.
//! - **Finnish henkilötunnus** (Digi- ja väestötietovirasto, *Henkilötunnus*; the century
//!   signs `B`–`F` and `U`–`Y` added by the 2023 amendment of the Population Information
//!   Act): `DDMMYYCZZZQ`, `C` one of `+` (1800s), `-` `Y` `X` `W` `V` `U` (1900s),
//!   `A` `B` `C` `D` `E` `F` (2000s), `ZZZ` 002–999, `Q` the character at
//!   `DDMMYYZZZ mod 31` in `0123456789ABCDEFHJKLMNPRSTUVWXY`.
//!
//! With a two-digit year and no century sign, 29 February counts as a date when the year
//! is divisible by four (as it is for every such year from 1901 to 2099).
//!
//! Phone numbers are looked for only in text fields (counts are numbers): `+` or `00` and a
//! country code followed by more digits (8–15 in all, E.164), a national number with its
//! leading trunk `0` and 8–11 digits (`070-123 45 67`, `08-123 456 78`), or eight digits
//! starting with 2–9 and grouped as Danish (`32 14 56 78`) or Norwegian (`912 34 567`)
//! numbers are written.
//! Dates (`01-03-2023`), opening hours (`0800-1600`), years, ranges and numbers with
//! thousands separators are not phone numbers.

use super::codebook::{Field, FieldType};
use super::decode::Table;
use super::{find_name, MAX_CELL_ERRORS};
use insikt_core::date::Date;
use insikt_core::diagnostic::{Diagnostic, Diagnostics, Location};
use std::borrow::Cow;
use std::path::Path;

/// What kind of personal identifier a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentifierKind {
    /// A Swedish personnummer.
    SwedishPersonnummer,
    /// A Swedish samordningsnummer (coordination number: the day plus 60).
    SwedishSamordningsnummer,
    /// A Danish CPR number.
    DanishCpr,
    /// A Norwegian fødselsnummer.
    NorwegianFodselsnummer,
    /// A Norwegian D-nummer (the day plus 40).
    NorwegianDNummer,
    /// A Finnish henkilötunnus (personal identity code).
    FinnishHenkilotunnus,
    /// An e-mail address.
    Email,
    /// A phone number.
    Phone,
}

impl IdentifierKind {
    /// The kind in words, for messages: "a Swedish personnummer".
    pub fn describe(self) -> &'static str {
        match self {
            IdentifierKind::SwedishPersonnummer => "a Swedish personnummer",
            IdentifierKind::SwedishSamordningsnummer => "a Swedish samordningsnummer",
            IdentifierKind::DanishCpr => "a Danish CPR number",
            IdentifierKind::NorwegianFodselsnummer => "a Norwegian fødselsnummer",
            IdentifierKind::NorwegianDNummer => "a Norwegian D-nummer",
            IdentifierKind::FinnishHenkilotunnus => "a Finnish henkilötunnus",
            IdentifierKind::Email => "an e-mail address",
            IdentifierKind::Phone => "a phone number",
        }
    }
}

/// The personal identifier `cell` is or contains, if any: a national identity number
/// before an e-mail address before a phone number. National identity numbers and e-mail
/// addresses are looked for in every field, phone numbers only when `numeric_field` is
/// false.
pub fn detect(cell: &str, numeric_field: bool) -> Option<IdentifierKind> {
    let found = find_all(cell, numeric_field);
    let preference: [fn(IdentifierKind) -> bool; 3] =
        [is_national, |k| k == IdentifierKind::Email, |_| true];
    preference
        .iter()
        .find_map(|wanted| found.iter().map(|f| f.kind).find(|&k| wanted(k)))
}

/// True for the kinds that are national identity numbers, which nothing may publish.
pub fn is_national(kind: IdentifierKind) -> bool {
    !matches!(kind, IdentifierKind::Email | IdentifierKind::Phone)
}

/// One personal identifier found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// What it is.
    pub kind: IdentifierKind,
    /// Its first byte in the text as written.
    pub start: usize,
    /// The byte after it in the text as written.
    pub end: usize,
}

/// Every personal identifier in `text`, in order, with where it stands in `text` as
/// written. The text is first folded (see [`fold`]), so an identifier written with an en
/// dash, a no-break or thin space, full-width digits or a zero-width character inside is
/// found too. Phone numbers are looked for only when `numeric_field` is false.
pub fn find_all(text: &str, numeric_field: bool) -> Vec<Found> {
    if !may_hold_identifier(text) {
        return Vec::new();
    }
    find_all_folded(text, numeric_field)
}

/// False when `text` cannot hold a personal identifier: every kind but an e-mail address
/// needs at least eight digits, and an e-mail address an `@`. Folding (see [`fold`]) makes
/// digits only of ASCII and full-width ones, and `@` only of `@`, so this looks at the text
/// as written, without folding it, eight bytes at a time where no `@` or full-width digit
/// is written (see [`DigitChain`]): most texts (a line of prose, a cell, a table row) are
/// passed over without allocating.
fn may_hold_identifier(text: &str) -> bool {
    let bytes = text.as_bytes();
    // The slow look, where an `@` or a byte 0xEF (which starts a full-width digit,
    // U+FF10–U+FF19) is written: every digit, ASCII or full-width, counted.
    let slow = || {
        bytes.contains(&b'@')
            || text
                .chars()
                .filter(|c| c.is_ascii_digit() || ('\u{ff10}'..='\u{ff19}').contains(c))
                .count()
                >= 8
    };
    let mut chain = DigitChain::default();
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        let words: [u64; 4] = std::array::from_fn(|i| {
            u64::from_le_bytes(block[i * 8..i * 8 + 8].try_into().unwrap_or([0; 8]))
        });
        let special = words.iter().fold(0, |m, &x| {
            m | may_have_byte(x, b'@') | may_have_byte(x, 0xef)
        });
        if special != 0 {
            return slow();
        }
        if words.iter().fold(0, |m, &x| m | digit_bytes(x)) == 0 {
            chain.apart += words
                .iter()
                .map(|&x| (!x & HIGH_BITS).count_ones())
                .sum::<u32>();
        } else if block.iter().any(|&b| chain.step(b)) {
            return true;
        }
    }
    let rest = blocks.remainder();
    if rest.iter().any(|&b| b == b'@' || b == 0xef) {
        return slow();
    }
    rest.iter().any(|&b| chain.step(b))
}

/// Ones in every byte of a word.
const ONE_BYTES: u64 = u64::from_le_bytes([1; 8]);
/// The high bit of every byte of a word.
const HIGH_BITS: u64 = ONE_BYTES * 0x80;

/// Not zero when some byte of the word `x` may be `b` (sometimes not zero when none is;
/// never zero when one is).
fn may_have_byte(x: u64, b: u8) -> u64 {
    let zeroed = x ^ (ONE_BYTES * u64::from(b));
    zeroed.wrapping_sub(ONE_BYTES) & !zeroed & HIGH_BITS
}

/// The high bit of each byte of the word `x` that is an ASCII digit (bit hacks'
/// `hasbetween`, exact for every byte: no borrow crosses from one byte to the next).
fn digit_bytes(x: u64) -> u64 {
    let low = x & (ONE_BYTES * 0x7f);
    (ONE_BYTES * (127 + 0x3a) - low) & !x & (low + ONE_BYTES * (127 - 0x2f)) & HIGH_BITS
}

/// A chain of ASCII digits with never more than one ASCII character between one and the
/// next, read a byte at a time. Every identifier but an e-mail address has eight digits or
/// more with at most one separator between two of them once folded (a phone number's
/// groups, a national number's `-`, `+`, space or Finnish century letter), and what folding
/// leaves out or makes a separator is not ASCII: so where no full-width digit is written,
/// an identifier's digits make a chain of eight in the text as written. A row of a table or
/// a line of years (`| 93.5 % | 1392 |`) makes none.
#[derive(Default)]
struct DigitChain {
    /// The digits in the chain so far.
    digits: u32,
    /// The ASCII characters since its last digit.
    apart: u32,
}

impl DigitChain {
    /// Reads the byte `b`; true once the chain has eight digits.
    fn step(&mut self, b: u8) -> bool {
        if b.is_ascii_digit() {
            if self.apart > 1 {
                self.digits = 0;
            }
            self.digits += 1;
            self.apart = 0;
        } else if b.is_ascii() {
            self.apart += 1;
        }
        self.digits >= 8
    }
}

/// [`find_all`] without the quick look of [`may_hold_identifier`] first.
fn find_all_folded(text: &str, numeric_field: bool) -> Vec<Found> {
    let folded = fold(text);
    let chars = &folded.chars;
    type Finder<'a> = Box<dyn Fn(usize) -> Option<(IdentifierKind, usize, usize)> + 'a>;
    let mut finders: Vec<Finder> = vec![
        Box::new(|from| national_number(chars, from)),
        Box::new(|from| email(chars, from).map(|(s, e)| (IdentifierKind::Email, s, e))),
    ];
    if !numeric_field {
        finders.push(Box::new(|from| {
            phone(chars, from).map(|(s, e)| (IdentifierKind::Phone, s, e))
        }));
    }
    // Each kind's next match, searched again only once the text before it is passed, so
    // the whole text is read once per kind.
    let mut next: Vec<Option<(IdentifierKind, usize, usize)>> =
        finders.iter().map(|find| find(0)).collect();
    let mut out = Vec::new();
    while let Some((kind, s, e)) = next.iter().flatten().copied().min_by_key(|&(_, s, _)| s) {
        out.push(Found {
            kind,
            start: folded.starts[s],
            end: folded.ends[e - 1],
        });
        for (slot, find) in next.iter_mut().zip(&finders) {
            if slot.is_some_and(|(_, start, _)| start < e) {
                *slot = find(e);
            }
        }
    }
    out
}

/// A text with its look-alike characters folded, for matching: dashes and minus signs
/// become `-`, spaces of every width ` `, full-width digits and `＋` ASCII; zero-width
/// characters are left out. Each character keeps where it came from.
struct Folded {
    /// The folded characters.
    chars: Vec<char>,
    /// The byte offset in the original text of each folded character.
    starts: Vec<usize>,
    /// The byte offset just after each folded character's original.
    ends: Vec<usize>,
}

/// `text` folded for matching (see [`Folded`]).
fn fold(text: &str) -> Folded {
    let mut folded = Folded {
        chars: Vec::with_capacity(text.len()),
        starts: Vec::with_capacity(text.len()),
        ends: Vec::with_capacity(text.len()),
    };
    for (at, c) in text.char_indices() {
        let c = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => '-',
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => ' ',
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => continue,
            '\u{ff10}'..='\u{ff19}' => char::from(b'0' + (c as u32 - 0xff10) as u8),
            '\u{ff0b}' => '+',
            c => c,
        };
        folded.chars.push(c);
        folded.starts.push(at);
        folded
            .ends
            .push(at + text[at..].chars().next().map_or(1, char::len_utf8));
    }
    folded
}

/// `cell` in a form safe to print: the first two characters, then every letter and digit
/// replaced by `•` (punctuation and spaces kept, so the shape shows), cut after 40
/// characters.
pub fn masked(cell: &str) -> String {
    const LONGEST: usize = 40;
    let mut out = mask(&cell.chars().take(LONGEST).collect::<String>());
    if cell.chars().count() > LONGEST {
        out.push('…');
    }
    out
}

/// `text` with every letter and digit after the first two replaced by `•`.
fn mask(text: &str) -> String {
    text.chars()
        .enumerate()
        .map(|(i, c)| {
            if i >= 2 && c.is_alphanumeric() {
                '•'
            } else {
                c
            }
        })
        .collect()
}

/// A CSV line as shown under an error: every stretch between delimiters that holds an
/// identifier is masked, keeping the line's length so the caret still points at the cell.
pub(crate) fn mask_line(line: &str) -> String {
    line.split_inclusive([',', ';', '\t'])
        .map(|part| match detect(part, false) {
            Some(_) => mask(part),
            None => part.to_string(),
        })
        .collect()
}

/// `line` with every identifier in `found` (byte ranges in `line`) masked as [`masked`]
/// does, keeping the line's length in characters so a column still points where it did.
fn mask_spans(line: &str, found: &[Found]) -> String {
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    for f in found {
        out.push_str(&line[at..f.start]);
        out.push_str(&mask(&line[f.start..f.end]));
        at = f.end;
    }
    out.push_str(&line[at..]);
    out
}

/// `text` with every identifier in it masked, or `None` when it holds none.
pub fn masked_text(text: &str) -> Option<String> {
    let found = find_all(text, false);
    (!found.is_empty()).then(|| mask_spans(text, &found))
}

/// Masks every personal identifier in what `diagnostic` will print — its file's name,
/// message, advice and source line — so that no message of a build ever repeats one,
/// whichever check made it. Masking keeps each text's length, so columns still point right.
pub fn mask_diagnostic(diagnostic: &mut Diagnostic) {
    let file = diagnostic.file.to_string_lossy();
    if let Some(masked) = masked_text(&file) {
        diagnostic.file = masked.into();
    }
    if let Some(masked) = masked_text(&diagnostic.message) {
        diagnostic.message = masked;
    }
    for text in [&mut diagnostic.help, &mut diagnostic.source_line]
        .into_iter()
        .flatten()
    {
        if let Some(masked) = masked_text(text) {
            *text = masked;
        }
    }
}

/// Looks for personal identifiers in `text`, a published text of `file`, line by line.
/// An e-mail address or phone number is left alone where `allowed(kind, line)` says so (a
/// national identity number never is). Every other finding is an error at its line and
/// column, naming the kind, with the line shown masked and `help(kind)` as the advice;
/// after [`MAX_CELL_ERRORS`] the rest are only counted.
pub fn check_text(
    file: &Path,
    text: &str,
    allowed: &dyn Fn(IdentifierKind, usize) -> bool,
    help: &dyn Fn(IdentifierKind) -> String,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut more = 0;
    let mut line_start = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let start = line_start;
        line_start += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        let found = find_all(line, false);
        let reported: Vec<&Found> = found
            .iter()
            .filter(|f| is_national(f.kind) || !allowed(f.kind, i + 1))
            .collect();
        if reported.is_empty() {
            continue;
        }
        let shown =
            insikt_core::diagnostic::visible(&mask_spans(line, &found), &['\t']).into_owned();
        for f in reported {
            if out.len() == MAX_CELL_ERRORS {
                more += 1;
                continue;
            }
            let mut d = Diagnostic::at(
                file,
                text,
                Location::from_offset(text, start + f.start),
                format!(
                    "`{}` looks like {}; personal identifiers must never be published",
                    masked(&line[f.start..f.end]),
                    f.kind.describe()
                ),
            )
            .with_help(help(f.kind));
            d.source_line = Some(shown.clone());
            out.push(d);
        }
    }
    if more > 0 {
        out.push(Diagnostic::new(
            file,
            format!("{more} more texts look like personal identifiers"),
        ));
    }
    out
}

/// The keys of a codebook whose values are declared work contacts (POLICY: an e-mail
/// address or phone number is allowed there, and listed in the suppression report).
pub const CONTACT_KEYS: [&str; 2] = ["contact", "owner"];

/// The top-level key of a YAML mapping each line of `yaml` belongs to (the last line
/// starting with `key:` at the left margin at or above it), by line.
fn top_level_keys(yaml: &str) -> Vec<Option<&str>> {
    let mut current = None;
    yaml.lines()
        .map(|line| {
            let first = line.chars().next();
            if first.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                current = line.split_once(':').map(|(key, _)| key.trim());
            } else if first.is_some_and(|c| c == '-') {
                current = None;
            }
            current
        })
        .collect()
}

/// Checks the text of a codebook (`yaml_file`, text `yaml`) for personal identifiers: its
/// titles, descriptions and categories are published on the codebook page. E-mail
/// addresses and phone numbers are allowed in the work contacts ([`CONTACT_KEYS`]).
pub(crate) fn check_codebook_text(yaml_file: &Path, yaml: &str) -> Vec<Diagnostic> {
    let keys = top_level_keys(yaml);
    let is_contact = |line: usize| {
        keys.get(line - 1)
            .copied()
            .flatten()
            .is_some_and(|k| CONTACT_KEYS.contains(&k))
    };
    check_text(yaml_file, yaml, &|_, line| is_contact(line), &|kind| {
        match kind {
            IdentifierKind::Email | IdentifierKind::Phone => format!(
                "remove it; a work contact meant to be published goes under `contact:` (or `owner:`) in `{}`",
                yaml_file.display()
            ),
            _ => "remove it: a national identity number is never published".to_string(),
        }
    })
}

/// Checks every cell of `table` (read from `csv_file`), the header included, against its
/// column's field in `fields` (`None` for a column without one: checked as text), except
/// fields declared `identifier: false`; such a declaration without a reason is an error in
/// `yaml_file` (text `yaml_text`). Every finding is an error; the value is shown masked, in
/// the message and in the source line.
pub(crate) fn check(
    csv_file: &Path,
    yaml_file: &Path,
    yaml_text: &str,
    table: &Table,
    header: &[Cow<str>],
    fields: &[Option<&Field>],
) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    for field in fields.iter().flatten() {
        let reason = field.identifier_reason.as_deref().unwrap_or("");
        if field.identifier == Some(false) && reason.trim().is_empty() {
            diagnostics.push(
                Diagnostic::at(
                    yaml_file,
                    yaml_text,
                    identifier_key(yaml_text, &field.name),
                    format!(
                        "the field `{}` is declared `identifier: false` without a reason",
                        field.name
                    ),
                )
                .with_help(
                    "give the reason with `identifier_reason: \"…\"`: why the field's values \
                     only look like personal identifiers (for example, they are case numbers)",
                ),
            );
        }
    }
    let mut found = 0;
    for r in 0..table.records() {
        for (c, cell) in table.record(r).enumerate() {
            let field = match r {
                0 => None,
                _ => fields.get(c).copied().flatten(),
            };
            if field.is_some_and(|f| f.identifier == Some(false)) {
                continue;
            }
            let numeric = field.is_some_and(|f| f.kind.is_numeric() || f.kind == FieldType::Year);
            let Some(kind) = detect(&cell, numeric) else {
                continue;
            };
            found += 1;
            if found > MAX_CELL_ERRORS {
                continue;
            }
            let place = match header.get(c) {
                _ if r == 0 => format!("the header, column {}", c + 1),
                Some(name) if detect(name, false).is_none() => {
                    format!("row {}, column `{name}`", table.line(r))
                }
                _ => format!("row {}, column {}", table.line(r), c + 1),
            };
            diagnostics.push(
                table
                    .error(
                        csv_file,
                        r,
                        Some(c),
                        format!(
                            "{place}: `{}` looks like {}; personal identifiers must never be published",
                            masked(&cell),
                            kind.describe()
                        ),
                    )
                    .with_help(format!(
                        "remove the column or the value from the CSV; if this field only holds values \
                         that look like identifiers but are not, declare `identifier: false` with \
                         `identifier_reason:` in `{}`",
                        yaml_file.display()
                    )),
            );
        }
    }
    if found > MAX_CELL_ERRORS {
        diagnostics.push(Diagnostic::new(
            csv_file,
            format!(
                "{} more cells look like personal identifiers",
                found - MAX_CELL_ERRORS
            ),
        ));
    }
    diagnostics
}

/// The location of the `identifier:` key of the field `name` in a codebook's text, or of
/// the field's name when the key cannot be found.
fn identifier_key(yaml: &str, name: &str) -> Location {
    let start = find_name(yaml, name);
    for (i, line) in yaml.lines().enumerate().skip(start.line - 1) {
        if i + 1 > start.line && line.contains("name:") {
            break;
        }
        if let Some(pos) = line.find("identifier:") {
            return Location::new(i + 1, line[..pos].chars().count() + 1);
        }
    }
    start
}

/// Characters that join digits into one number (`1,5`, `16:00`, `2019-2023`, `1.5.2023`).
const JOINERS: [char; 6] = ['-', '+', '.', ',', ':', '/'];

/// True when a number may start at `chars[i]`: it is not inside a word or joined to
/// digits before it.
fn boundary_before(chars: &[char], i: usize) -> bool {
    match i.checked_sub(1).map(|p| chars[p]) {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some(c) => !(JOINERS.contains(&c) && i >= 2 && chars[i - 2].is_ascii_digit()),
    }
}

/// True when a number may end just before `chars[end]`: it is not followed by a letter,
/// a digit or a joiner with digits after it.
fn boundary_after(chars: &[char], end: usize) -> bool {
    match chars.get(end) {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some(c) => !(JOINERS.contains(c) && chars.get(end + 1).is_some_and(|d| d.is_ascii_digit())),
    }
}

/// True when no digit touches position `i` from before: a national identity number may
/// start there even inside a word (`pnr811218-9876`), but not inside a longer number.
fn digits_apart_before(chars: &[char], i: usize) -> bool {
    match i.checked_sub(1).map(|p| chars[p]) {
        None => true,
        Some(c) if c.is_ascii_digit() => false,
        Some(c) => !(JOINERS.contains(&c) && i >= 2 && chars[i - 2].is_ascii_digit()),
    }
}

/// True when no digit touches the end just before `chars[end]` (see
/// [`digits_apart_before`]).
fn digits_apart_after(chars: &[char], end: usize) -> bool {
    match chars.get(end) {
        None => true,
        Some(c) if c.is_ascii_digit() => false,
        Some(c) => !(JOINERS.contains(c) && chars.get(end + 1).is_some_and(|d| d.is_ascii_digit())),
    }
}

/// The first national identity number in `chars` from `from` on whose digits stand apart
/// from other digits, with its start and end.
fn national_number(chars: &[char], from: usize) -> Option<(IdentifierKind, usize, usize)> {
    (from..chars.len())
        .filter(|&i| chars[i].is_ascii_digit() && digits_apart_before(chars, i))
        .find_map(|i| {
            (10..=13)
                .filter(|&len| i + len <= chars.len() && digits_apart_after(chars, i + len))
                .find_map(|len| {
                    let bytes: Vec<u8> = chars[i..i + len]
                        .iter()
                        .map(|&c| if c.is_ascii() { c as u8 } else { 0 })
                        .collect();
                    classify(&bytes).map(|kind| (kind, i, i + len))
                })
        })
}

/// The kind of national identity number `b` is, as a whole.
fn classify(b: &[u8]) -> Option<IdentifierKind> {
    let digits = |from: usize, to: usize| b[from..to].iter().all(u8::is_ascii_digit);
    // The digits without the separator at `at`.
    let joined = |at: usize| [&b[..at], &b[at + 1..]].concat();
    match b.len() {
        10 if digits(0, 10) => swedish(b, None).or_else(|| danish(b, false)),
        11 if digits(0, 11) => norwegian(b),
        11 => {
            let separated = digits(0, 6) && digits(7, 11);
            let swedish_form = separated && matches!(b[6], b'-' | b'+' | b' ');
            let danish_form = separated && matches!(b[6], b'-' | b' ');
            swedish_form
                .then(|| swedish(&joined(6), None))
                .flatten()
                .or_else(|| finnish(b))
                .or_else(|| danish_form.then(|| danish(&joined(6), true)).flatten())
        }
        12 if digits(0, 12) => swedish(&b[2..], Some(number(&b[..2]))),
        12 if digits(0, 6) && digits(7, 12) && matches!(b[6], b' ' | b'-') => norwegian(&joined(6)),
        13 if digits(0, 8) && digits(9, 13) && matches!(b[8], b'-' | b' ') => {
            swedish(&joined(8)[2..], Some(number(&b[..2])))
        }
        _ => None,
    }
}

/// The number written by the ASCII digits `b`.
fn number(b: &[u8]) -> u32 {
    b.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'))
}

/// True when the date exists.
fn valid_date(year: u32, month: u32, day: u32) -> bool {
    Date::parse(&format!("{year:04}-{month:02}-{day:02}")).is_some()
}

/// A Swedish personnummer or samordningsnummer from its ten digits `YYMMDDNNNC`; `century`
/// when the year was written with four digits.
fn swedish(t: &[u8], century: Option<u32>) -> Option<IdentifierKind> {
    if century.is_some_and(|c| !(18..=20).contains(&c)) {
        return None;
    }
    let year = century.unwrap_or(20) * 100 + number(&t[0..2]);
    let (month, day) = (number(&t[2..4]), number(&t[4..6]));
    let (kind, day) = if day > 60 {
        (IdentifierKind::SwedishSamordningsnummer, day - 60)
    } else {
        (IdentifierKind::SwedishPersonnummer, day)
    };
    // Luhn: every other digit from the first doubled, the digit sums added up.
    let sum: u32 = t
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let v = u32::from(d - b'0') * if i % 2 == 0 { 2 } else { 1 };
            v / 10 + v % 10
        })
        .sum();
    (valid_date(year, month, day) && sum.is_multiple_of(10)).then_some(kind)
}

/// A Danish CPR number from its ten digits `DDMMYYSSSS`; `hyphenated` when it was written
/// `DDMMYY-SSSS` (then the modulus-11 test, dropped in 2007, is not required).
fn danish(t: &[u8], hyphenated: bool) -> Option<IdentifierKind> {
    let (day, month, yy) = (number(&t[0..2]), number(&t[2..4]), number(&t[4..6]));
    // The century follows from the first digit of the serial number and the year.
    let year = match t[6] - b'0' {
        0..=3 => 1900 + yy,
        4 | 9 if yy <= 36 => 2000 + yy,
        4 | 9 => 1900 + yy,
        _ if yy <= 57 => 2000 + yy,
        _ => 1800 + yy,
    };
    let weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
    let sum: u32 = t
        .iter()
        .zip(weights)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    (valid_date(year, month, day) && (hyphenated || sum.is_multiple_of(11)))
        .then_some(IdentifierKind::DanishCpr)
}

/// A Norwegian fødselsnummer or D-nummer from its eleven digits `DDMMYYIIIKK`.
fn norwegian(t: &[u8]) -> Option<IdentifierKind> {
    let (day, month, yy) = (number(&t[0..2]), number(&t[2..4]), number(&t[4..6]));
    let (kind, day) = if day > 40 {
        (IdentifierKind::NorwegianDNummer, day - 40)
    } else {
        (IdentifierKind::NorwegianFodselsnummer, day)
    };
    let control = |digits: &[u8], weights: &[u32]| {
        let sum: u32 = digits
            .iter()
            .zip(weights)
            .map(|(d, w)| u32::from(d - b'0') * w)
            .sum();
        match 11 - sum % 11 {
            11 => Some(0),
            10 => None,
            k => Some(k),
        }
    };
    let k1 = control(&t[..9], &[3, 7, 6, 1, 8, 9, 4, 5, 2]);
    let k2 = control(&t[..10], &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
    let checks = k1 == Some(number(&t[9..10])) && k2 == Some(number(&t[10..11]));
    (valid_date(2000 + yy, month, day) && checks).then_some(kind)
}

/// A Finnish henkilötunnus `DDMMYYCZZZQ`.
fn finnish(b: &[u8]) -> Option<IdentifierKind> {
    const CHECK: &[u8] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
    let century = match b[6].to_ascii_uppercase() {
        b'+' => 1800,
        b'-' | b'U'..=b'Y' => 1900,
        b'A'..=b'F' => 2000,
        _ => return None,
    };
    if !b[..6].iter().chain(&b[7..10]).all(u8::is_ascii_digit) {
        return None;
    }
    let (day, month, yy) = (number(&b[0..2]), number(&b[2..4]), number(&b[4..6]));
    let individual = number(&b[7..10]);
    let n = number(&b[..6]) * 1000 + individual;
    let check = CHECK[(n % 31) as usize];
    (individual >= 2 && valid_date(century + yy, month, day) && b[10].to_ascii_uppercase() == check)
        .then_some(IdentifierKind::FinnishHenkilotunnus)
}

/// The first address `local@domain.tld` in `chars` whose `@` is at `from` or later, with
/// its start and end.
fn email(chars: &[char], from: usize) -> Option<(usize, usize)> {
    let local_char = |c: &char| c.is_alphanumeric() || "._%+-".contains(*c);
    let domain_char = |c: &char| c.is_alphanumeric() || *c == '-' || *c == '.';
    (from..chars.len()).find_map(|at| {
        if chars[at] != '@' {
            return None;
        }
        let local = chars[..at]
            .iter()
            .rev()
            .take_while(|c| local_char(c))
            .count();
        let domain: String = chars[at + 1..]
            .iter()
            .take_while(|c| domain_char(c))
            .collect();
        let trimmed = domain.trim_end_matches('.');
        let labels: Vec<&str> = trimmed.split('.').collect();
        let tld = labels[labels.len() - 1];
        let valid = local > 0
            && labels.len() >= 2
            && labels
                .iter()
                .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
            && tld.chars().count() >= 2
            && tld.chars().all(char::is_alphabetic);
        valid.then(|| (at - local, at + 1 + trimmed.chars().count()))
    })
}

/// Characters allowed between the digit groups of a phone number.
const PHONE_SEPARATORS: [char; 2] = [' ', '-'];

/// The first phone number standing alone in `chars` from `from` on, with its start and
/// end.
fn phone(chars: &[char], from: usize) -> Option<(usize, usize)> {
    (from..chars.len()).find_map(|i| {
        let plus = chars[i] == '+';
        // Not the second group of something already going (`10 20 30 40 50`).
        let continued =
            i >= 2 && PHONE_SEPARATORS.contains(&chars[i - 1]) && chars[i - 2].is_ascii_digit();
        if !(plus || chars[i].is_ascii_digit()) || !boundary_before(chars, i) || continued {
            return None;
        }
        // Digit groups with single separators between them; every run of whole groups
        // from the start is a candidate (the text may go on with other numbers), and the
        // longest one is the number, so that all of it is masked.
        let mut longest = None;
        let mut groups: Vec<&[char]> = Vec::new();
        let mut hyphenated = false;
        let mut digits = 0;
        let mut j = i + usize::from(plus);
        loop {
            let start = j;
            while chars.get(j).is_some_and(|c| c.is_ascii_digit()) {
                j += 1;
            }
            digits += j - start;
            // No phone number has more digits than `00` and fifteen more (E.164); stopping
            // there keeps a cell of a million digit groups linear.
            if j == start || digits > 17 {
                return longest;
            }
            groups.push(&chars[start..j]);
            let more = chars.get(j).is_some_and(|c| PHONE_SEPARATORS.contains(c))
                && chars.get(j + 1).is_some_and(|c| c.is_ascii_digit());
            if boundary_after(chars, j) && phone_number(&groups, plus, hyphenated, !more) {
                longest = Some((i, j));
            }
            if !more {
                return longest;
            }
            hyphenated |= chars[j] == '-';
            j += 1;
        }
    })
}

/// True when the digit `groups` (after a `+` when `plus`) make a phone number; `last` when
/// no group follows, `hyphenated` when a `-` separates two of them.
fn phone_number(groups: &[&[char]], plus: bool, hyphenated: bool, last: bool) -> bool {
    let digits: Vec<char> = groups.concat();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    let value = |g: &[char]| {
        g.iter()
            .fold(0, |n, d| n * 10 + d.to_digit(10).unwrap_or(0))
    };
    if plus {
        return (8..=15).contains(&digits.len()) && digits[0] != '0';
    }
    if digits.starts_with(&['0', '0']) {
        return (8..=15).contains(&(digits.len() - 2)) && digits[2] != '0';
    }
    if digits[0] == '0' {
        // `01-03-2023` is a date, `0800-1600` opening hours.
        let date = lengths.starts_with(&[2, 2, 4]) && {
            let (a, b) = (value(groups[0]), value(groups[1]));
            ((1..=31).contains(&a) && (1..=12).contains(&b))
                || ((1..=12).contains(&a) && (1..=31).contains(&b))
        };
        let time = |g: &[char]| value(&g[..2]) <= 23 && value(&g[2..]) <= 59;
        let hours = lengths == [4, 4] && time(groups[0]) && time(groups[1]);
        return (8..=11).contains(&digits.len()) && !date && !hours;
    }
    // Danish `32 14 56 78` and Norwegian `912 34 567` subscriber numbers.
    last && !hyphenated
        && ('2'..='9').contains(&digits[0])
        && (lengths == [2, 2, 2, 2] || lengths == [3, 2, 3])
}

#[cfg(test)]
mod tests {
    use super::*;
    use IdentifierKind::*;

    /// `number` with its last character (the check digit or letter) replaced by the next
    /// digit or letter.
    fn wrong_check(number: &str) -> String {
        let mut s: Vec<char> = number.chars().collect();
        let last = s.len() - 1;
        s[last] = match s[last] {
            '9' => '0',
            'Z' => 'A',
            c => char::from_u32(c as u32 + 1).unwrap(),
        };
        s.into_iter().collect()
    }

    fn assert_kind(cells: &[&str], kind: IdentifierKind) {
        for cell in cells {
            assert_eq!(detect(cell, false), Some(kind), "text field: {cell}");
            assert_eq!(detect(cell, true), Some(kind), "number field: {cell}");
        }
    }

    fn assert_none(cells: &[&str], numeric_field: bool) {
        for cell in cells {
            assert_eq!(detect(cell, numeric_field), None, "{cell}");
        }
    }

    /// Asserts that `number` with a wrong check digit or letter is not an identifier. In
    /// a number field, because in a text field one starting with `0` is a phone number.
    fn assert_wrong_check_not_flagged(numbers: &[&str]) {
        for number in numbers {
            let wrong = wrong_check(number);
            assert_eq!(detect(&wrong, true), None, "{wrong}");
        }
    }

    #[test]
    fn swedish_personnummer_in_every_form() {
        let valid = [
            "811218-9876",
            "640823-3234",
            "850709-9805",
            "900101-0017",
            "121212-1212",
            "811218+9876",
            "8112189876",
            "198112189876",
            "19811218-9876",
            "20121212-1212",
        ];
        assert_kind(&valid, SwedishPersonnummer);
        // A wrong check digit. (Where `YYMMDD` also reads as a Danish `DDMMYY`, the
        // hyphenated form is still a CPR number; these cannot be.)
        assert_wrong_check_not_flagged(&[
            "811218-9876",
            "640823-3234",
            "850709-9805",
            "8112189876",
            "198112189876",
            "19811218-9876",
        ]);
        // Luhn-valid, but the dates do not exist (month 13, 29 February 1987, month 13)
        // or the century cannot be.
        let bad_dates = ["991332-1239", "870229-1231", "0513321232", "228112189876"];
        assert_none(&bad_dates, true);
    }

    #[test]
    fn swedish_samordningsnummer() {
        assert_kind(
            &["701063-9107", "811278-9873", "0402612386", "20040261-2386"],
            SwedishSamordningsnummer,
        );
        assert_wrong_check_not_flagged(&["701063-9107", "811278-9873", "0402612386"]);
        // Luhn-valid, but day 92 is day 32 plus 60.
        assert_none(&["811292-9875"], true);
    }

    #[test]
    fn danish_cpr() {
        // Hyphenated: a real date is enough, with or without the old modulus-11 check.
        let hyphenated = ["211062-5629", "311299-1234", "241299-0042", "010203-1232"];
        assert_kind(&hyphenated, DanishCpr);
        for cell in hyphenated {
            assert_eq!(detect(&wrong_check(cell), false), Some(DanishCpr), "{cell}");
        }
        // 32 January, month 13, 30 February.
        assert_none(&["320161-4285", "071361-4285", "300201-1234"], true);
        // 29 February 2000 exists (serial 4xxx with year 00: the 2000s); 1900 had none.
        assert_kind(&["290200-4003"], DanishCpr);
        assert_none(&["290200-1234"], true);
        // Bare ten digits: only when modulus 11 holds.
        let bare = ["2110625629", "1503821237", "0112901000"];
        assert_kind(&bare, DanishCpr);
        assert_wrong_check_not_flagged(&bare);
    }

    #[test]
    fn a_valid_swedish_number_is_reported_as_swedish() {
        // 121212-1212 is a valid Swedish number and a Danish date; with a wrong Luhn digit
        // it is still a Danish CPR number.
        assert_kind(&["1212121212", "121212-1212"], SwedishPersonnummer);
        assert_eq!(detect("121212-1213", false), Some(DanishCpr));
        // The CPR office's own example 070761-4285 is also a Luhn-valid samordningsnummer.
        assert_kind(&["070761-4285", "0707614285"], SwedishSamordningsnummer);
        // A Finnish number with the 1900s sign `-` and a wrong check digit reads as CPR.
        assert_eq!(detect("311299-9009", false), Some(DanishCpr));
    }

    #[test]
    fn norwegian_fodselsnummer_and_d_nummer() {
        let valid = [
            "01010750160",
            "15038512363",
            "29029647052",
            "31129949980",
            "17058200042",
            "010107 50160",
            "010107-50160",
        ];
        assert_kind(&valid, NorwegianFodselsnummer);
        assert_kind(&["41010750154", "55038512438"], NorwegianDNummer);
        assert_wrong_check_not_flagged(&[
            "01010750160",
            "15038512363",
            "29029647052",
            "41010750154",
            "010107 50160",
        ]);
        // A wrong first control digit (7 for 6), the second computed over it.
        assert_none(&["01010750179"], true);
        // Both control digits right, but 29 February 1997 and month 13 do not exist.
        assert_none(&["29029749912", "01130750199"], true);
    }

    #[test]
    fn finnish_henkilotunnus_with_all_century_signs() {
        let valid = [
            "131052-308T",
            "010594Y986R",
            "010101A123N",
            "150505B456P",
            "291100+0517",
            "311299-9008",
            "010203F0023",
            "290204A100K",
            "131052-308t",
        ];
        assert_kind(&valid, FinnishHenkilotunnus);
        assert_wrong_check_not_flagged(&[
            "131052-308T",
            "010594Y986R",
            "010101A123N",
            "150505B456P",
            "010203F0023",
        ]);
        // Right check characters, but no such date (29 February 2003, month 13), no such
        // century sign, individual number 001.
        assert_none(
            &["290203A100A", "011303A1004", "131052G308T", "010101A001R"],
            true,
        );
    }

    #[test]
    fn identifiers_inside_text_and_standing_alone() {
        assert_eq!(
            detect("Anna (pnr 811218-9876) ringde", false),
            Some(SwedishPersonnummer)
        );
        assert_eq!(detect("811218-9876.", false), Some(SwedishPersonnummer));
        // Wrong check digits are not identifiers in text fields either.
        assert_none(&["Anna (pnr 811218-9877) ringde", "15038512364"], false);
        // Part of a longer number.
        assert_none(&["1811218-9876", "811218-98761", "811218-9876-1"], true);
        assert_none(&["7811218-9876", "8112189876,5"], true);
    }

    #[test]
    fn identity_numbers_in_other_written_forms() {
        let swedish = [
            "811218\u{2013}9876",
            "811218\u{2014}9876",
            "811218\u{2010}9876",
            "811218\u{2011}9876",
            "811218\u{2212}9876",
            "811218\u{fe63}9876",
            "811218\u{ff0d}9876",
            "811218 9876",
            "811218\u{a0}9876",
            "811218\u{2009}9876",
            "811218\u{202f}9876",
            "811218\u{3000}9876",
            "8112\u{200b}18-9876",
            "\u{feff}811218-98\u{2060}76",
            "８１１２１８－９８７６",
            "８１１２１８９８７６",
            "19811218 9876",
            "19811218\u{2013}9876",
            "pnr811218-9876x",
            "A811218-9876",
            "pnr:811218–9876.",
            "(811218-9876)",
        ];
        assert_kind(&swedish, SwedishPersonnummer);
        assert_kind(&["211062\u{2013}5629", "211062 5629"], DanishCpr);
        assert_kind(
            &["010107\u{2009}50160", "id01010750160"],
            NorwegianFodselsnummer,
        );
        assert_kind(
            &["131052\u{2011}308T", "nr131052-308Tx"],
            FinnishHenkilotunnus,
        );
        assert_kind(&["ann\u{200b}a@region.se"], Email);
        assert_eq!(
            detect("070\u{2013}123\u{a0}45\u{202f}67", false),
            Some(Phone)
        );
        // A wrong check digit stays quiet in every form.
        assert_none(
            &[
                "811218\u{2013}9877",
                "８１１２１８－９８７７",
                "pnr811218-9877x",
            ],
            true,
        );
    }

    #[test]
    fn found_identifiers_point_into_the_text_as_written() {
        let text = "Anna\u{a0}(pnr 81\u{200b}1218\u{2013}9876) ringde 070-123 45 67.";
        let found = find_all(text, false);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].kind, SwedishPersonnummer);
        assert_eq!(
            &text[found[0].start..found[0].end],
            "81\u{200b}1218\u{2013}9876"
        );
        assert_eq!(found[1].kind, Phone);
        assert_eq!(&text[found[1].start..found[1].end], "070-123 45 67");
        let mail = "Skriv till anna@region.se i dag";
        let found = find_all(mail, false);
        assert_eq!(&mail[found[0].start..found[0].end], "anna@region.se");
    }

    #[test]
    fn numbers_in_prose_that_are_not_identifiers() {
        let prose = [
            "Mätt 2023-05-01 och 2024-05-01.",
            "Åren 2019–2023 och 2019\u{2013}2023.",
            "se sidorna 112–118 och s. 1218–1219",
            "Kostnaden var 12 345 678 kr och 1\u{a0}234\u{a0}567 kr.",
            "Öppet 08.00–16.00, 08:00-16:00 och 0800–1600.",
            "ISBN 978-91-44-12345-6, ISBN 91-44-12345-6, ISSN 1234-5678",
            "doi:10.1136/bmj.m1234 och https://doi.org/10.1000/182",
            "Postnummer 123 45 Stockholm, 0150 Oslo, 2100 København Ø, 00100 Helsinki",
            "Ring 1177 eller 112.",
            "Tabell 3: 1 234, 5 678 och 91 011.",
            "Diarienummer 2023/12345-6",
            "Version 1.2.3, 20231218",
            "Summa 1 000 000 (år 2020)",
        ];
        assert_none(&prose, false);
    }

    #[test]
    fn email_addresses() {
        assert_kind(
            &[
                "anna.svensson@region.se",
                "Skriv till ola-nordmann+test@helse-bergen.no.",
                "<liisa@kunta.fi>",
            ],
            Email,
        );
        assert_none(
            &["@region", "anna@", "anna@localhost", "a@b.c", "x@1.23"],
            false,
        );
    }

    #[test]
    fn phone_numbers_in_text_fields() {
        let phones = [
            "070-123 45 67",
            "08-123 456 78",
            "040 123 4567",
            "+45 12 34 56 78",
            "+47 912 34 567",
            "+46 70 123 45 67",
            "+358 40 123 4567",
            "0046 70 123 45 67",
            "0701234567",
            "Ring 070-123 45 67 efter 16:00",
            "32 14 56 78",
            "912 34 567",
        ];
        for cell in phones {
            assert_eq!(detect(cell, false), Some(Phone), "{cell}");
            assert_eq!(detect(cell, true), None, "number field: {cell}");
        }
    }

    #[test]
    fn numbers_that_are_not_phone_numbers() {
        let text = [
            "2023-03-01",
            "01-03-2023",
            "16:00-22:00",
            "0800-1600",
            "2019-2023",
            "1 234 567",
            "12 345 678",
            "12345678",
            "123 456 789",
            "0,12345678",
            "1.5.2023–31.12.2023",
            "12-34-56-78",
            "10 20 30 40 50",
            "+12",
            "070-123",
        ];
        assert_none(&text, false);
        assert_none(&["12345678", "070123456", "+4670123456"], true);
    }

    #[test]
    fn masked_values_never_show_more_than_two_characters() {
        assert_eq!(masked("811218-9876"), "81••••-••••");
        assert_eq!(masked("anna@region.se"), "an••@••••••.••");
        let long = "Ring 070-123 45 67 efter klockan 16 på vardagar, annars 08-123 456 78";
        let m = masked(long);
        assert_eq!(m.chars().count(), 41);
        assert!(m.ends_with('…'));
        assert_eq!(m.chars().filter(char::is_ascii_digit).count(), 0);
    }

    #[test]
    fn a_masked_source_line_keeps_its_length() {
        let line = "Kil;811218-9876;12;anna@region.se";
        let m = mask_line(line);
        assert_eq!(m, "Kil;81••••-••••;12;an••@••••••.••");
        assert_eq!(m.chars().count(), line.chars().count());
    }

    /// Characters identifiers are made of, their look-alikes that folding turns into
    /// them, and some that are neither, for texts near the edge of the quick look.
    const EDGE_CHARACTERS: &[char] = &[
        '0',
        '1',
        '7',
        '9',
        '\u{ff10}',
        '\u{ff15}',
        '\u{ff0b}',
        '\u{ff20}',
        '-',
        '\u{2013}',
        '+',
        ' ',
        '\u{a0}',
        '\u{200b}',
        '@',
        '.',
        'a',
        'e',
        'å',
        '\u{1d7ce}',
    ];

    /// `text` written with look-alikes: each digit picked by `wide` as its full-width
    /// form, each `-` picked by `dash` as an en dash, a zero-width space after each
    /// character picked by `gap`.
    fn look_alike(text: &str, wide: &[bool], dash: &[bool], gap: &[bool]) -> String {
        let mut out = String::new();
        for (i, c) in text.chars().enumerate() {
            let pick = |p: &[bool]| p.get(i).copied().unwrap_or(false);
            match c {
                '0'..='9' if pick(wide) => {
                    out.push(char::from_u32(0xff10 + c.to_digit(10).unwrap_or(0)).unwrap_or(c))
                }
                '-' if pick(dash) => out.push('\u{2013}'),
                c => out.push(c),
            }
            if pick(gap) {
                out.push('\u{200b}');
            }
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// The quick look before folding never hides an identifier the full search finds,
        /// in any text.
        #[test]
        fn the_quick_look_loses_nothing_in_any_text(text in ".{0,40}", numeric in proptest::bool::ANY) {
            proptest::prop_assert_eq!(find_all(&text, numeric), find_all_folded(&text, numeric));
        }

        /// The same on identifiers written with look-alike characters, cut short or not,
        /// among digits, look-alikes, separators and `@`: where identifiers and near misses
        /// are common.
        #[test]
        fn the_quick_look_loses_nothing_near_the_edge(
            which in 0..IDENTIFIERS.len(),
            cut in 0usize..4,
            wide in proptest::collection::vec(proptest::bool::ANY, 20),
            dash in proptest::collection::vec(proptest::bool::ANY, 20),
            gap in proptest::collection::vec(proptest::bool::weighted(0.1), 20),
            before in proptest::collection::vec(0..EDGE_CHARACTERS.len(), 0..4),
            after in proptest::collection::vec(0..EDGE_CHARACTERS.len(), 0..4),
            numeric in proptest::bool::ANY,
        ) {
            let id = IDENTIFIERS[which];
            let id = &id[..id.len() - cut.min(id.len())];
            let around = |picks: &[usize]| -> String { picks.iter().map(|&i| EDGE_CHARACTERS[i]).collect() };
            let text = around(&before) + &look_alike(id, &wide, &dash, &gap) + &around(&after);
            proptest::prop_assert_eq!(find_all(&text, numeric), find_all_folded(&text, numeric));
        }
    }

    /// Texts built to meet the quick look at every place of its blocks of eight and
    /// thirty-two bytes: prose, digits and separators of every width.
    const CHAIN_TEXT: &str = "[0-9 .,:/+@a-zåA-Z|%\u{ff10}-\u{ff19}\u{200b}\u{2013}\u{a0}-]{0,120}";

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// The quick look loses nothing in texts longer than its blocks, where digits,
        /// separators and look-alikes are common.
        #[test]
        fn the_quick_look_loses_nothing_across_its_blocks(text in CHAIN_TEXT, numeric in proptest::bool::ANY) {
            proptest::prop_assert_eq!(find_all(&text, numeric), find_all_folded(&text, numeric));
        }

        /// Every kind of identifier, written with look-alikes, found wherever it starts in a
        /// line, its digits split between blocks in every way.
        #[test]
        fn an_identifier_is_found_at_every_place_of_the_blocks(
            which in 0..IDENTIFIERS.len(),
            before in "[a-zåä ,.|%0-9]{0,40}",
            after in "[a-zåä ,.|%]{0,40}",
            wide in proptest::collection::vec(proptest::bool::weighted(0.1), 20),
            dash in proptest::collection::vec(proptest::bool::ANY, 20),
            gap in proptest::collection::vec(proptest::bool::weighted(0.1), 20),
        ) {
            let id = look_alike(IDENTIFIERS[which], &wide, &dash, &gap);
            let text = format!("{before}: {id}, {after}");
            let found = find_all(&text, false);
            proptest::prop_assert_eq!(&found, &find_all_folded(&text, false));
            proptest::prop_assert!(!found.is_empty(), "{text:?}");
        }
    }

    /// One identifier of every kind, to be written in look-alike characters (all but the
    /// e-mail address found by its digits).
    const IDENTIFIERS: &[&str] = &[
        "811218-9876",
        "8112189876",
        "19811218-9876",
        "070-123 45 67",
        "+46 70 123 45 67",
        "32 14 56 78",
        "912 34 567",
        "01010750160",
        "010107 50160",
        "131052-308T",
        "010594Y986R",
        "211062-5629",
        "anna@region.se",
    ];

    #[test]
    fn the_quick_look_passes_over_table_rows_and_years() {
        for text in [
            "| Demokrati 1 | 93.5 % | 1392 |",
            "Åren 2019, 2020, 2021 och 2022 visar samma mönster.",
        ] {
            assert!(!may_hold_identifier(text), "{text}");
        }
        for text in [
            "1 2 3 4 5 6 7 8",
            "1-2-3-4-5-6-7-8",
            "1.2.3.4.5.6.7.8",
            "ab12345678",
        ] {
            assert!(may_hold_identifier(text), "{text}");
        }
    }

    #[test]
    fn the_quick_look_counts_full_width_digits() {
        // Seven ASCII digits and three full-width ones: a personnummer.
        let text = "811218-9\u{ff18}\u{ff17}\u{ff16}";
        assert!(may_hold_identifier(text));
        assert_eq!(find_all(text, false).len(), 1);
        assert!(!may_hold_identifier("81121-98 och åtta"));
    }

    #[test]
    fn a_long_text_is_searched_in_linear_time() {
        let text = "12 ".repeat(200_000) + "811218-9876";
        let found = find_all(&text, false);
        assert_eq!(found.len(), 1);
    }
}
