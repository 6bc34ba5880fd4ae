//! Reading YAML so that one run names every unknown key, not only the first. serde stops at
//! the first unknown key; here that key and its value are blanked out (their lines kept,
//! empty, so every later line and column stays where it was) and the text is read again,
//! until it reads or fails for another reason.

use serde::de::DeserializeOwned;

/// More unknown keys than this in one file are not looked for: each costs a read of it.
const MAX_UNKNOWN_KEYS: usize = 100;

/// Reads `yaml` as a `T`. On failure, the errors in the order found: every unknown key
/// (a key written in a block mapping, `key: value` on its own line or after `- `), then the
/// error that stopped the reading, if it was not an unknown key. Locations are those of
/// `yaml` as given.
pub fn from_str<T: DeserializeOwned>(yaml: &str) -> Result<T, Vec<serde_saphyr::Error>> {
    let mut text = yaml.to_string();
    let mut errors = Vec::new();
    while errors.len() < MAX_UNKNOWN_KEYS {
        match serde_saphyr::from_str::<T>(&text) {
            Ok(value) if errors.is_empty() => return Ok(value),
            Ok(_) => break,
            Err(e) => {
                let left_out = unknown_key(&e).is_some_and(|key| {
                    let at = super::yaml::location(&e);
                    blank_key(&mut text, at.line, at.column, &key)
                });
                errors.push(e);
                if !left_out {
                    break;
                }
            }
        }
    }
    Err(errors)
}

/// The key an "unknown field" error names.
fn unknown_key(error: &serde_saphyr::Error) -> Option<String> {
    let message = error.to_string();
    let first = message.lines().next()?;
    let rest = &first[first.find("unknown field `")? + "unknown field `".len()..];
    Some(rest.split('`').next()?.to_string())
}

/// Blanks the key `key` written at `line`:`column` (1-based, in characters) with its value:
/// the rest of its line and the lines below indented further (or starting a list at the
/// key's own indentation), blank lines and comments among them. Returns false, changing
/// nothing, when the key is not written there as the first key of a block mapping's line.
fn blank_key(text: &mut String, line: usize, column: usize, key: &str) -> bool {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let Some(key_line) = line.checked_sub(1).and_then(|i| lines.get(i)) else {
        return false;
    };
    let indent = column.saturating_sub(1);
    let start = match key_line.char_indices().nth(indent) {
        Some((byte, _)) => byte,
        None => return false,
    };
    let (prefix, rest) = key_line.split_at(start);
    // Only indentation and list markers (`- `) before the key: not a flow mapping.
    let block = prefix.split(' ').all(|part| part.is_empty() || part == "-");
    let written = rest.trim_start_matches(['"', '\'']).starts_with(key);
    if !block || !written {
        return false;
    }
    let mut out = String::with_capacity(text.len());
    for l in &lines[..line - 1] {
        out.push_str(l);
    }
    out.push_str(prefix);
    out.push_str(line_end(key_line));
    let mut below = lines[line..].iter();
    for l in below.by_ref() {
        let content = l.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start_matches(' ');
        let depth = content.len() - trimmed.len();
        let value = trimmed.is_empty()
            || trimmed.starts_with('#')
            || depth > indent
            || (depth == indent && (trimmed == "-" || trimmed.starts_with("- ")));
        if value {
            out.push_str(line_end(l));
        } else {
            out.push_str(l);
            break;
        }
    }
    for l in below {
        out.push_str(l);
    }
    *text = out;
    true
}

/// The line break that ends `line` (`\n`, `\r\n` or none).
fn line_end(line: &str) -> &str {
    let content = line.trim_end_matches(['\n', '\r']);
    &line[content.len()..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Field {
        name: String,
        label: Option<String>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct File {
        title: Option<String>,
        weight: Option<i64>,
        #[serde(default)]
        fields: Vec<Field>,
    }

    /// Each error as `line:column message`.
    fn errors(yaml: &str) -> Vec<String> {
        from_str::<File>(yaml)
            .unwrap_err()
            .iter()
            .map(|e| {
                let at = super::super::yaml::location(e);
                let message = e.to_string();
                let first = message.lines().next().unwrap().to_string();
                format!("{}:{} {first}", at.line, at.column)
            })
            .collect()
    }

    #[test]
    fn every_unknown_key_is_found_at_its_place() {
        let yaml = "titel: A\nweight: 1\ntags:\n  - a\n  - b\nsort_by: date\n";
        let found = errors(yaml);
        assert_eq!(found.len(), 3, "{found:?}");
        for (at, key) in [("1:1", "titel"), ("3:1", "tags"), ("6:1", "sort_by")] {
            assert!(
                found
                    .iter()
                    .any(|f| f.starts_with(&format!("{at} ")) && f.contains(key)),
                "{key} at {at}: {found:?}"
            );
        }
    }

    #[test]
    fn unknown_keys_in_list_items_and_values_below_them_are_left_out() {
        let yaml = "fields:\n  - nmae: a\n    name: a\n  - name: b\n    lable:\n      - x\n    # note\n    label: B\nweight: tung\n";
        let found = errors(yaml);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[0].starts_with("2:5 ") && found[0].contains("nmae"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("5:5 ") && found[1].contains("lable"),
            "{found:?}"
        );
        assert!(
            found[2].starts_with("9:"),
            "the type error after them: {found:?}"
        );
    }

    #[test]
    fn a_file_without_unknown_keys_reads_as_it_is() {
        let file: File = from_str("title: A\r\nfields:\r\n  - name: a\r\n").unwrap();
        assert_eq!(file.fields[0].name, "a");
        assert_eq!(errors("weight: tung\n").len(), 1);
    }

    #[test]
    fn a_key_in_a_flow_mapping_is_reported_alone() {
        let found = errors("fields: [{name: a, nmae: b}]\ntitel: A\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("nmae"), "{found:?}");
    }
}
