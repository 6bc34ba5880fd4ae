//! Bytes to text: which character encoding a PX file is in.
//!
//! CODEPAGE and CHARSET are written in ASCII, so they are found in the bytes before decoding.
//! CODEPAGE names the encoding; without it `CHARSET="ANSI"` means Windows-1252; with neither,
//! the file is read as UTF-8 when it is valid UTF-8, else as Latin-1. A UTF-8 byte-order mark
//! means UTF-8 whatever the file declares.
//!
//! Latin-1 (ISO-8859-1) is read as Windows-1252, as browsers do: the two agree on every
//! printable character of Latin-1, and Windows-1252 has printable characters (`€`, `–`, `”`)
//! where Latin-1 has invisible control codes that no statistics office means.

use super::syntax::Position;
use super::PxError;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// The decoded text and the name of the encoding it was read in.
pub(super) struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

pub(super) fn decode(bytes: &[u8]) -> Result<Decoded, PxError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest, 3, "The file starts with a UTF-8 byte-order mark");
    }
    let declared = scan(bytes);
    let encoding = match &declared.codepage {
        Some((label, offset)) => match Encoding::for_label(label.trim().as_bytes()) {
            // UTF-16 and "replacement" cannot be what an ASCII declaration was written in.
            Some(encoding) if encoding.output_encoding() == encoding => encoding,
            _ => {
                return Err(position_of(bytes, *offset).error(
                    format!("CODEPAGE \"{label}\" is not a character encoding insikt knows"),
                    "Write the encoding the file is saved in: CODEPAGE=\"utf-8\", \
                     \"windows-1252\", \"iso-8859-1\" or \"iso-8859-15\"",
                ))
            }
        },
        None if declared.ansi => WINDOWS_1252,
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => WINDOWS_1252,
    };
    if encoding == UTF_8 {
        let reason = match &declared.codepage {
            Some((label, _)) => format!("The file declares CODEPAGE=\"{label}\""),
            None => "The file has no CODEPAGE".to_string(),
        };
        return utf8(bytes, 0, &reason);
    }
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    })
}

fn utf8(bytes: &[u8], skipped: usize, reason: &str) -> Result<Decoded, PxError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_string(),
            encoding: UTF_8.name(),
        }),
        Err(e) => {
            let at = position_of(bytes, e.valid_up_to());
            Err(at.error(
                format!(
                    "byte {} of the file (0x{:02X}) is not UTF-8",
                    e.valid_up_to() + skipped + 1,
                    bytes[e.valid_up_to()]
                ),
                format!(
                    "{reason}, so it is read as UTF-8. If it was saved as Windows-1252 or \
                     Latin-1, write CODEPAGE=\"windows-1252\"; (or \"iso-8859-15\"); otherwise \
                     save it as UTF-8"
                ),
            ))
        }
    }
}

/// Line and character column of a byte offset, counting characters as UTF-8 where they are
/// valid (the part before the offset is ASCII or valid UTF-8 wherever this is used).
fn position_of(bytes: &[u8], offset: usize) -> Position {
    let before = &bytes[..offset];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    Position {
        line: 1 + before.iter().filter(|&&b| b == b'\n').count(),
        column: 1 + String::from_utf8_lossy(&before[line_start..])
            .chars()
            .filter(|&c| c != '\r')
            .count(),
    }
}

#[derive(Default)]
struct Declared {
    /// CODEPAGE's value and the byte offset where it starts.
    codepage: Option<(String, usize)>,
    /// Whether CHARSET is "ANSI".
    ansi: bool,
}

/// Finds CODEPAGE and CHARSET among the keywords before DATA.
fn scan(bytes: &[u8]) -> Declared {
    let mut declared = Declared::default();
    let mut start = 0;
    let mut quoted = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' => quoted = false,
            b';' if !quoted => {
                if !scan_statement(&bytes[start..i], start, &mut declared) {
                    break;
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    declared
}

/// Reads `NAME="value"` from one entry; false once DATA is reached.
fn scan_statement(statement: &[u8], offset: usize, declared: &mut Declared) -> bool {
    let lead = statement
        .iter()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    let rest = &statement[lead..];
    let name_len = rest
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        .count();
    let name = &rest[..name_len];
    let after = &rest[name_len..];
    let spaces = after.iter().take_while(|b| b.is_ascii_whitespace()).count();
    if after.get(spaces) != Some(&b'=') {
        return true;
    }
    if name.eq_ignore_ascii_case(b"DATA") {
        return false;
    }
    let value_start = lead + name_len + spaces + 1;
    let value = &statement[value_start..];
    let quote = value.iter().take_while(|b| b.is_ascii_whitespace()).count();
    if value.get(quote) != Some(&b'"') {
        return true;
    }
    let Some(len) = value[quote + 1..].iter().position(|&b| b == b'"') else {
        return true;
    };
    let text = &value[quote + 1..quote + 1 + len];
    if name.eq_ignore_ascii_case(b"CODEPAGE") && declared.codepage.is_none() {
        declared.codepage = Some((
            String::from_utf8_lossy(text).into_owned(),
            offset + value_start + quote,
        ));
    } else if name.eq_ignore_ascii_case(b"CHARSET") {
        declared.ansi = text.eq_ignore_ascii_case(b"ANSI");
    }
    true
}
