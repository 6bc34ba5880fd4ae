//! Bytes to rows: encoding (UTF-8 with or without BOM, Windows-1252) and delimiter
//! detection, then CSV records with their line numbers.

use super::codebook::{Delimiter, Encoding};

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

/// One CSV record with the line it starts on.
#[derive(Debug, Clone)]
pub struct Record {
    /// 1-based line number in the file.
    pub line: usize,
    /// The cells, as written (unquoted).
    pub cells: Vec<String>,
}

impl Record {
    /// The approximate 1-based character column where cell `i` starts.
    pub fn column_of(&self, i: usize) -> usize {
        1 + self.cells[..i.min(self.cells.len())]
            .iter()
            .map(|c| c.chars().count() + 1)
            .sum::<usize>()
    }
}

/// Decodes `bytes`: the declared encoding, else UTF-8 when valid, else Windows-1252.
pub fn decode(
    bytes: &[u8],
    declared: Option<Encoding>,
) -> Result<(String, Encoding, bool), String> {
    let (bytes, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    match declared {
        Some(Encoding::Utf8) => match std::str::from_utf8(bytes) {
            Ok(s) => Ok((s.to_string(), Encoding::Utf8, bom)),
            Err(e) => Err(format!(
                "the file is declared UTF-8 but byte {} is not valid UTF-8",
                e.valid_up_to()
            )),
        },
        Some(Encoding::Windows1252) => Ok((windows_1252(bytes), Encoding::Windows1252, bom)),
        None => match std::str::from_utf8(bytes) {
            Ok(s) => Ok((s.to_string(), Encoding::Utf8, bom)),
            Err(_) if !bom => Ok((windows_1252(bytes), Encoding::Windows1252, false)),
            Err(e) => Err(format!(
                "the file starts with a UTF-8 byte-order mark but byte {} is not valid UTF-8",
                e.valid_up_to() + 3
            )),
        },
    }
}

fn windows_1252(bytes: &[u8]) -> String {
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    text.into_owned()
}

/// The delimiter used most in the header line (outside quotes); `;` wins ties, then tab.
pub fn detect_delimiter(text: &str) -> Delimiter {
    let header = text.lines().next().unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            '\t' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [Delimiter::Semicolon, Delimiter::Tab, Delimiter::Comma][best]
}

/// All records of `text`, skipping blank lines; an error names the line.
pub fn records(text: &str, delimiter: Delimiter) -> Result<Vec<Record>, (usize, String)> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter.byte())
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for r in reader.records() {
        let record = r.map_err(|e| {
            let line = e.position().map_or(1, |p| p.line() as usize);
            (line, format!("cannot read the CSV: {e}"))
        })?;
        let line = record.position().map_or(1, |p| p.line() as usize);
        if record.len() == 1 && record[0].trim().is_empty() {
            continue;
        }
        out.push(Record {
            line,
            cells: record.iter().map(|c| c.trim().to_string()).collect(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let (t, e, bom) = decode(b"\xEF\xBB\xBFa;b\n", None).unwrap();
        assert_eq!((t.as_str(), e, bom), ("a;b\n", Encoding::Utf8, true));
        let (t, e, _) = decode(b"V\xE4rmland\n", None).unwrap();
        assert_eq!((t.as_str(), e), ("Värmland\n", Encoding::Windows1252));
        assert!(decode(b"V\xE4rmland\n", Some(Encoding::Utf8)).is_err());
    }

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter("a;b;c\n"), Delimiter::Semicolon);
        assert_eq!(detect_delimiter("a\tb\n"), Delimiter::Tab);
        assert_eq!(detect_delimiter("a,b\n"), Delimiter::Comma);
        assert_eq!(detect_delimiter("\"a;b\",c\n"), Delimiter::Comma);
    }
}
