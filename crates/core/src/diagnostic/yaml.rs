//! serde-saphyr's errors as diagnostics in the author's terms: where the error is, what is
//! wrong without Rust type names, and for an unknown key or value the one that was probably
//! meant.

use super::{author_terms, did_you_mean, Diagnostic, Format, Location};
use std::path::Path;

/// What the keys of one kind of YAML file are called in messages, which are allowed, and
/// what to say when nothing more specific can be said.
#[derive(Debug, Clone, Copy)]
pub struct Schema<'a> {
    /// The words for a key in "unknown … `x`": `front matter key`, `codebook key`, `key`.
    pub key_noun: &'a str,
    /// The keys allowed, for suggestions (see [`crate::fields`]).
    pub keys: &'a [&'a str],
    /// Advice for an error that has none of its own.
    pub help: &'a str,
}

/// Where serde-saphyr places `error`, 1-based; the file's start when it does not say.
pub fn location(error: &serde_saphyr::Error) -> Location {
    error
        .location()
        .map(|l| Location::new((l.line() as usize).max(1), (l.column() as usize).max(1)))
        .unwrap_or(Location::new(1, 1))
}

/// Turns a serde YAML error into a diagnostic with a suggestion for unknown keys and values.
pub fn diagnostic(
    file: &Path,
    text: &str,
    location: Location,
    raw_message: &str,
    schema: &Schema,
) -> Diagnostic {
    let fields = schema.keys;
    let message = clean_message(raw_message);
    let mut d = Diagnostic::at(file, text, location, message.clone());
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let unknown = rest.split('`').next().unwrap_or("");
        d.message = format!("unknown {} `{unknown}`", schema.key_noun);
        d = d.with_help(match did_you_mean(unknown, fields) {
            Some(s) => format!("did you mean `{s}`? Allowed keys: {}", fields.join(", ")),
            None => format!("allowed keys: {}", fields.join(", ")),
        });
    } else if let Some(rest) = message.strip_prefix("unknown variant `") {
        let unknown = rest.split('`').next().unwrap_or("");
        let expected = message.split_once("expected ").map_or("", |(_, e)| e);
        let candidates: Vec<&str> = expected
            .split(['`', ',', ' '])
            .filter(|s| !s.is_empty() && !matches!(*s, "one" | "of" | "or"))
            .collect();
        d.message = format!("unknown value `{unknown}`");
        d = d.with_help(match did_you_mean(unknown, &candidates) {
            Some(s) => format!("did you mean `{s}`? Expected {expected}"),
            None => format!("expected {expected}"),
        });
    }
    if message.ends_with("appears twice") {
        d = d.with_help("keep one of the two: a key may appear once at each level");
    }
    if d.help.is_none() {
        d = d.with_help(schema.help);
    }
    d
}

/// serde-saphyr's messages carry their own location and snippet, and some name Rust types
/// or the library's options; keep only what is wrong, in the author's terms, since the
/// diagnostic shows the location itself.
fn clean_message(raw: &str) -> String {
    let first = raw.lines().next().unwrap_or(raw).trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let first = match first.strip_prefix("line ") {
        Some(rest) => rest.split_once(": ").map_or(rest, |(_, m)| m),
        None => first,
    };
    if let Some(rest) = first.strip_prefix("duplicate mapping key") {
        // "duplicate mapping key: KEY, set DuplicateKeyPolicy in Options if acceptable"
        return match rest
            .strip_prefix(": ")
            .and_then(|r| r.rsplit_once(", set "))
        {
            Some((key, _)) => format!("the key `{key}` appears twice"),
            None => "a key appears twice".to_string(),
        };
    }
    let integer = |t: &str| matches!(t, "i8" | "i16" | "i32" | "i64" | "isize");
    let unsigned = |t: &str| matches!(t, "u8" | "u16" | "u32" | "u64" | "usize");
    match first.strip_prefix("invalid ") {
        Some(t) if integer(t) => return "expected a whole number".to_string(),
        Some(t) if unsigned(t) => return "expected a whole number of 0 or more".to_string(),
        Some("f32" | "f64" | "floating point") => return "expected a number".to_string(),
        Some(t) if t.starts_with("boolean") => return "expected `true` or `false`".to_string(),
        Some(t) if t.starts_with("char") => return "expected a single character".to_string(),
        _ => {}
    }
    let plain = match first {
        "expected mapping start" => {
            "expected keys with values (`key: value`), not a single value or a list"
        }
        "expected sequence start" => "expected a list (`[a, b]`, or lines starting with `- `)",
        "expected string scalar" => "expected a single value, not a list or keys with values",
        "externally tagged enum expected scalar or mapping" => "expected one word, not a list",
        "unexpected value for unit" | "unexpected value for unit enum variant" => {
            "expected one word"
        }
        m if m.starts_with("multiple YAML documents") => {
            "a second YAML document starts here (after a `---` line); the file may hold one"
        }
        m if m.starts_with("cannot deserialize null") => "expected text, found nothing",
        m if m.starts_with("budget breached") => {
            "the YAML is too large, or repeats its aliases (`*name`) too often, to be read"
        }
        m if m.starts_with("!!binary") => "`!!binary` text must be valid UTF-8",
        m if m.starts_with("tagged enum") => "this tag (`!name`) is not allowed here",
        other => return author_terms(other, Format::Yaml),
    };
    plain.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: Schema = Schema {
        key_noun: "front matter key",
        keys: &["title", "weight"],
        help: "front matter is YAML",
    };

    fn error(yaml: &str) -> Diagnostic {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Front {
            title: Option<String>,
            weight: Option<i64>,
        }
        let e = serde_saphyr::from_str::<Front>(yaml).unwrap_err();
        diagnostic(
            Path::new("a.md"),
            yaml,
            location(&e),
            &e.to_string(),
            &SCHEMA,
        )
    }

    #[test]
    fn unknown_keys_get_a_suggestion_and_types_the_author_s_words() {
        let d = error("title: A\ntitel: B\n");
        assert_eq!(d.location, Some(Location::new(2, 1)));
        assert_eq!(d.message, "unknown front matter key `titel`");
        assert_eq!(
            d.help.as_deref(),
            Some("did you mean `title`? Allowed keys: title, weight")
        );
        let d = error("weight: tung\n");
        assert_eq!(d.message, "expected a whole number");
        assert_eq!(d.help.as_deref(), Some("front matter is YAML"));
    }
}
