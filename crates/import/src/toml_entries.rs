//! A TOML document as a tree of keys with the line each is written on, so that every key an
//! import cannot keep can be reported at its line.

use insikt_core::diagnostic::{Diagnostic, Location};
use std::path::Path;
use toml::de::{DeTable, DeValue};

/// One key of a table, with its value and where it is written.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The key's full dotted name from the top of the document, e.g. `output.html.theme`.
    pub path: String,
    /// The value.
    pub value: Value,
    /// The 1-based line of the key (for a table, of its header).
    pub line: usize,
}

/// A TOML value, keeping what an import needs.
#[derive(Debug, Clone)]
pub enum Value {
    /// A string.
    String(String),
    /// An integer.
    Integer(i64),
    /// A float, a boolean, or an integer too large for `i64`, as written.
    Other(String),
    /// A date or date-time, as written (`2024-01-02`, `2024-01-02T10:00:00Z`).
    Datetime(String),
    /// An array.
    Array(Vec<Value>),
    /// A table, its keys in the order they are written.
    Table(Vec<Entry>),
}

impl Value {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A boolean's value, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Other(s) if s == "true" => Some(true),
            Value::Other(s) if s == "false" => Some(false),
            _ => None,
        }
    }

    /// The strings of an array of strings (or of a single string).
    pub fn as_strings(&self) -> Option<Vec<String>> {
        match self {
            Value::String(s) => Some(vec![s.clone()]),
            Value::Array(items) => items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => None,
        }
    }

    /// A date or date-time given as a TOML datetime or as a string.
    pub fn as_date_text(&self) -> Option<&str> {
        match self {
            Value::Datetime(s) | Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The keys of a table.
    pub fn entries(&self) -> &[Entry] {
        match self {
            Value::Table(entries) => entries,
            _ => &[],
        }
    }
}

impl Entry {
    /// The last part of the key's path.
    pub fn key(&self) -> &str {
        // Keys are joined with `.`; a quoted key holding a dot is rare in configuration,
        // and then only its tail is compared.
        self.path.rsplit('.').next().unwrap_or(&self.path)
    }

    /// Every key at the bottom of this entry (itself when it is not a table, or an empty
    /// table), for listing what is not kept.
    pub fn leaves(&self) -> Vec<&Entry> {
        match &self.value {
            Value::Table(entries) if !entries.is_empty() => {
                entries.iter().flat_map(Entry::leaves).collect()
            }
            _ => vec![self],
        }
    }
}

/// Parses `text`, a TOML document (or front matter) from `file`; `first_line` is the line of
/// `text`'s first line in the file, for line numbers.
pub fn parse(
    file: &Path,
    text: &str,
    whole: &str,
    first_line: usize,
) -> Result<Vec<Entry>, Diagnostic> {
    let table = DeTable::parse(text).map_err(|e| {
        let location = insikt_core::diagnostic::toml::location(text, &e);
        let location = Location::new(location.line + first_line - 1, location.column);
        Diagnostic::at(file, whole, location, e.message().trim().to_string())
            .with_help("this is not valid TOML; fix it in the source, then import again")
    })?;
    Ok(convert_table(table.get_ref(), "", text, first_line))
}

fn convert_table(table: &DeTable<'_>, prefix: &str, text: &str, first_line: usize) -> Vec<Entry> {
    let mut entries: Vec<(usize, Entry)> = table
        .iter()
        .map(|(key, value)| {
            let start = key.span().start;
            let path = if prefix.is_empty() {
                key.get_ref().to_string()
            } else {
                format!("{prefix}.{}", key.get_ref())
            };
            let line = Location::from_offset(text, start).line + first_line - 1;
            let value = convert(value.get_ref(), &path, text, first_line);
            (start, Entry { path, value, line })
        })
        .collect();
    entries.sort_by_key(|(start, _)| *start);
    entries.into_iter().map(|(_, e)| e).collect()
}

fn convert(value: &DeValue<'_>, path: &str, text: &str, first_line: usize) -> Value {
    match value {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value::Integer(n),
            Err(_) => Value::Other(i.to_string()),
        },
        DeValue::Float(f) => Value::Other(f.to_string()),
        DeValue::Boolean(b) => Value::Other(b.to_string()),
        DeValue::Datetime(d) => Value::Datetime(d.to_string()),
        DeValue::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| convert(v.get_ref(), path, text, first_line))
                .collect(),
        ),
        DeValue::Table(t) => Value::Table(convert_table(t, path, text, first_line)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_their_lines_and_order() {
        let text = "[book]\ntitle = \"T\"\nauthors = [\"A\", \"B\"]\n\n[output.html]\ntheme = \"x\"\nfold = { enable = true }\n";
        let entries = parse(Path::new("book.toml"), text, text, 1).unwrap();
        assert_eq!(entries[0].path, "book");
        let book = entries[0].value.entries();
        assert_eq!(book[0].path, "book.title");
        assert_eq!(book[0].line, 2);
        assert_eq!(book[1].value.as_strings().unwrap(), ["A", "B"]);
        let leaves: Vec<(String, usize)> = entries[1]
            .leaves()
            .iter()
            .map(|e| (e.path.clone(), e.line))
            .collect();
        assert_eq!(
            leaves,
            [
                ("output.html.theme".to_string(), 6),
                ("output.html.fold.enable".to_string(), 7)
            ]
        );
    }

    #[test]
    fn errors_are_located_in_the_whole_file() {
        let whole = "+++\ntitle = \"a\"\nweight = \n+++\n";
        let inner = "title = \"a\"\nweight = \n";
        let e = parse(Path::new("p.md"), inner, whole, 2).unwrap_err();
        assert_eq!(e.location.unwrap().line, 3, "{e}");
    }
}
