//! Placeholders in a codebook: values `insikt codebook` writes for the author to fill in,
//! each starting with [`MARKER`] (`source: "TODO: where the numbers come from"`).
//!
//! A normal build stops on every one, naming it at its line and column; a build with
//! `--drafts` goes on and shows each as "to be filled in" in the report's language. They are
//! found in the codebook's text before it is parsed, so a placeholder may stand where a
//! date or a choice belongs (`updated: "TODO: YYYY-MM-DD"`).

use insikt_core::diagnostic::{Diagnostic, Location};
use std::path::Path;

/// How a placeholder value starts.
pub const MARKER: &str = "TODO";

/// Values an older `insikt codebook` wrote for the author to fill in, at the top level:
/// published as they stand, they read "Källa: ." and "Data per 1 januari 2000".
const LEGACY: &[(&str, &str)] = &[("source", ""), ("owner", ""), ("updated", "2000-01-01")];

/// Keys whose values are not free text: a placeholder there is read as no value.
const NOT_TEXT: &[&str] = &[
    "updated",
    "status",
    "purpose",
    "indicator_type",
    "encoding",
    "delimiter",
    "decimal",
    "thousands",
    "type",
    "role",
    "min_count",
    "decimals",
    "identifier",
    "audience",
    "categories",
    "total",
];

/// A placeholder found in a codebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// Where its value starts.
    pub location: Location,
    /// The key it is the value of.
    pub key: String,
    /// The value as written, without quotes (`TODO: where the numbers come from`).
    pub text: String,
    /// Byte range of the value (with its quotes) in the codebook's text.
    range: (usize, usize),
}

/// Every placeholder of the codebook text `yaml`: a value of a `key:` that starts with
/// [`MARKER`], quoted or not, and the values an older `insikt codebook` left to fill in
/// (`source: ""`, `owner: ""`, `updated: 2000-01-01`).
pub fn find(yaml: &str) -> Vec<Placeholder> {
    let mut found = Vec::new();
    let mut start = 0;
    for (i, line) in yaml.split_inclusive('\n').enumerate() {
        let line_start = start;
        start += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        if trimmed.starts_with('#') {
            continue;
        }
        let body = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        let Some(colon) = body.find(": ") else {
            continue;
        };
        let key = body[..colon].trim().trim_matches(['"', '\'']);
        let value_at = content.len() - body.len() + colon + 1;
        let rest = &content[value_at..];
        let value_offset = value_at + (rest.len() - rest.trim_start().len());
        let value = &content[value_offset..];
        let (text, len) = match value.chars().next() {
            Some(q @ ('"' | '\'')) => match value[1..].find(q) {
                Some(end) => (&value[1..=end], end + 2),
                None => continue,
            },
            _ => {
                let end = value.find(" #").unwrap_or(value.len());
                (value[..end].trim_end(), end)
            }
        };
        let top_level = !content.starts_with([' ', '\t', '-']);
        let legacy = top_level && LEGACY.contains(&(key, text));
        if !text.starts_with(MARKER) && !legacy {
            continue;
        }
        found.push(Placeholder {
            location: Location::new(i + 1, content[..value_offset].chars().count() + 1),
            key: key.to_string(),
            text: text.to_string(),
            range: (line_start + value_offset, line_start + value_offset + len),
        });
    }
    found
}

/// `yaml` with each of its `placeholders` replaced: a text value by `shown` (quoted), when
/// given, every other value by no value (`null`), so the codebook parses with them.
pub fn replace(yaml: &str, placeholders: &[Placeholder], shown: Option<&str>) -> String {
    let mut out = String::with_capacity(yaml.len());
    let mut at = 0;
    for p in placeholders {
        out.push_str(&yaml[at..p.range.0]);
        match shown {
            Some(text) if !NOT_TEXT.contains(&p.key.as_str()) => {
                out.push_str(&serde_json::to_string(text).unwrap_or_default());
            }
            _ => out.push_str("null"),
        }
        at = p.range.1;
    }
    out.push_str(&yaml[at..]);
    out
}

/// The error for placeholder `p` of the codebook `file` (text `yaml`).
pub fn error(file: &Path, yaml: &str, p: &Placeholder) -> Diagnostic {
    Diagnostic::at(
        file,
        yaml,
        p.location,
        if p.text.is_empty() {
            format!(
                "`{}` is still a placeholder: empty, as `insikt codebook` wrote it",
                p.key
            )
        } else {
            format!("`{}` is still a placeholder: `{}`", p.key, p.text)
        },
    )
    .with_help(
        "write the value in its place (or remove the key); `insikt build --drafts` builds \
         the report with it shown as \"to be filled in\"",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const STUB: &str = "title: \"Besök\"\nsource: \"TODO: where the numbers come from\"\n\
                        updated: \"TODO: YYYY-MM-DD\"   # data as of\nowner: TODO fill in\n\
                        fields:\n  - name: antal\n    description: 'TODO: what it counts'\n\
                        # source: TODO in a comment\n";

    #[test]
    fn placeholders_are_found_where_they_stand() {
        let found = find(STUB);
        let at: Vec<(usize, usize, &str, &str)> = found
            .iter()
            .map(|p| {
                (
                    p.location.line,
                    p.location.column,
                    p.key.as_str(),
                    p.text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            at,
            [
                (2, 9, "source", "TODO: where the numbers come from"),
                (3, 10, "updated", "TODO: YYYY-MM-DD"),
                (4, 8, "owner", "TODO fill in"),
                (7, 18, "description", "TODO: what it counts"),
            ]
        );
    }

    #[test]
    fn an_older_stubs_empty_source_and_date_are_placeholders() {
        let old = "source: \"\"\nowner: \"\"\nupdated: 2000-01-01        # \"data as of\"\n\
                   fields:\n  - name: a\n    description: \"\"\n";
        let keys: Vec<(usize, String)> = find(old)
            .into_iter()
            .map(|p| (p.location.line, p.key))
            .collect();
        assert_eq!(
            keys,
            [
                (1, "source".into()),
                (2, "owner".into()),
                (3, "updated".into())
            ]
        );
        assert!(find("updated: 2024-01-01\nsource: SCB\n").is_empty());
    }

    #[test]
    fn replaced_they_parse_as_text_or_no_value() {
        let found = find(STUB);
        let shown = replace(STUB, &found, Some("ska fyllas i"));
        assert!(shown.contains("source: \"ska fyllas i\"\n"), "{shown}");
        assert!(shown.contains("updated: null   # data as of\n"), "{shown}");
        assert!(shown.contains("description: \"ska fyllas i\"\n"), "{shown}");
        let hidden = replace(STUB, &found, None);
        assert!(hidden.contains("source: null\n"), "{hidden}");
        assert!(find(&hidden).is_empty());
        assert_eq!(hidden.lines().count(), STUB.lines().count());
    }
}
