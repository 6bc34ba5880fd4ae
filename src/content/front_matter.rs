//! YAML front matter at the top of a Markdown page.

use crate::date::Date;
use crate::diagnostic::{author_terms, did_you_mean, Diagnostic, Format, Location};
use serde::Deserialize;
use std::path::Path;

/// What kind of text a page is; shown as a badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// An ordinary chapter.
    Chapter,
    /// A case narrative: a story told to illustrate indicators.
    Case,
    /// A shorter story.
    Story,
    /// A worksheet.
    Worksheet,
    /// An appendix.
    Appendix,
}

impl Kind {
    /// The key used in front matter and CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Chapter => "chapter",
            Kind::Case => "case",
            Kind::Story => "story",
            Kind::Worksheet => "worksheet",
            Kind::Appendix => "appendix",
        }
    }
}

/// Who a page, dataset or worksheet is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    /// Elected officials.
    Elected,
    /// Managers.
    Managers,
    /// Staff in the services.
    Staff,
    /// Workshop facilitators.
    Facilitators,
    /// Citizens and service users.
    Citizens,
    /// People who work with data.
    DataWorkers,
}

impl Audience {
    /// The key used in front matter and CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            Audience::Elected => "elected",
            Audience::Managers => "managers",
            Audience::Staff => "staff",
            Audience::Facilitators => "facilitators",
            Audience::Citizens => "citizens",
            Audience::DataWorkers => "data-workers",
        }
    }
}

/// Why a number or text is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Purpose {
    /// Accountability upward and outward.
    Prove,
    /// Learning in practice.
    Improve,
}

impl Purpose {
    /// The key used in front matter and CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            Purpose::Prove => "prove",
            Purpose::Improve => "improve",
        }
    }
}

/// The typed front matter of a page. Every field is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The page title; otherwise the first `#` heading, otherwise the file name.
    pub title: Option<String>,
    /// A sentence or two shown in overviews.
    pub summary: Option<String>,
    /// Order within the section; lower first, then by file name.
    pub weight: Option<i64>,
    /// What kind of text this is.
    pub kind: Option<Kind>,
    /// Who the page is for.
    #[serde(default)]
    pub audience: Vec<Audience>,
    /// Why it is published.
    pub purpose: Option<Purpose>,
    /// Authors of this page.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Date of the page.
    pub date: Option<Date>,
    /// Left out of the build unless drafts are asked for.
    #[serde(default)]
    pub draft: bool,
    /// Datasets a story illustrates.
    #[serde(default)]
    pub indicators: Vec<String>,
    /// Why this case was chosen.
    pub selection_reason: Option<String>,
}

const FIELDS: &[&str] = &[
    "title",
    "summary",
    "weight",
    "kind",
    "audience",
    "purpose",
    "authors",
    "date",
    "draft",
    "indicators",
    "selection_reason",
];

/// A page's text split into front matter and Markdown body.
#[derive(Debug)]
pub struct Split<'a> {
    /// The YAML between the `---` lines, if there was front matter.
    pub yaml: Option<&'a str>,
    /// Byte offset of the YAML in the file.
    pub yaml_offset: usize,
    /// The Markdown after the front matter.
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits `text` at its front matter fence. `text` must not start with a BOM.
pub fn split(text: &str) -> Split<'_> {
    let no_front = Split {
        yaml: None,
        yaml_offset: 0,
        body: text,
        body_offset: 0,
    };
    let first_line_end = match text.find('\n') {
        Some(i) => i,
        None => return no_front,
    };
    if text[..first_line_end].trim_end() != "---" {
        return no_front;
    }
    let yaml_offset = first_line_end + 1;
    let mut pos = yaml_offset;
    while pos <= text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == "---" {
            let body_offset = (end + 1).min(text.len());
            return Split {
                yaml: Some(&text[yaml_offset..pos]),
                yaml_offset,
                body: &text[body_offset..],
                body_offset,
            };
        }
        if end == text.len() {
            break;
        }
        pos = end + 1;
    }
    no_front
}

/// Parses front matter YAML; `text` is the whole file, for locating errors.
pub fn parse(file: &Path, text: &str, split: &Split) -> Result<FrontMatter, Diagnostic> {
    let Some(yaml) = split.yaml else {
        return Ok(FrontMatter::default());
    };
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    let first_yaml_line = Location::from_offset(text, split.yaml_offset).line;
    serde_saphyr::from_str::<FrontMatter>(yaml).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((1, 1));
        let location = Location::new(first_yaml_line + line.saturating_sub(1), column.max(1));
        yaml_diagnostic(file, text, location, &e.to_string(), FIELDS)
    })
}

/// Turns a serde YAML error into a diagnostic with a suggestion for unknown keys and values.
pub fn yaml_diagnostic(
    file: &Path,
    text: &str,
    location: Location,
    raw_message: &str,
    fields: &[&str],
) -> Diagnostic {
    let message = clean_yaml_message(raw_message);
    let mut d = Diagnostic::at(file, text, location, message.clone());
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let unknown = rest.split('`').next().unwrap_or("");
        d.message = format!("unknown front matter key `{unknown}`");
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
        d = d.with_help(
            "front matter is YAML between two `---` lines; quote text that holds `:` `[` or `#`, \
             and see the README for the keys and their types",
        );
    }
    d
}

/// serde-saphyr's messages carry their own location and snippet, and some name Rust types
/// or the library's options; keep only what is wrong, in the author's terms, since the
/// diagnostic shows the location itself.
fn clean_yaml_message(raw: &str) -> String {
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

    #[test]
    fn split_finds_front_matter() {
        let s = split("---\ntitle: A\n---\n# Body\n");
        assert_eq!(s.yaml, Some("title: A\n"));
        assert_eq!(s.body, "# Body\n");
        let s = split("# No front matter\n");
        assert!(s.yaml.is_none());
    }

    #[test]
    fn parses_all_fields() {
        let text = "---\ntitle: A\nweight: 3\nkind: case\naudience: [elected, data-workers]\npurpose: improve\ndate: 2022-03-22\ndraft: true\n---\nx";
        let fm = parse(Path::new("a.md"), text, &split(text)).unwrap();
        assert_eq!(fm.weight, Some(3));
        assert_eq!(fm.kind, Some(Kind::Case));
        assert_eq!(fm.audience, vec![Audience::Elected, Audience::DataWorkers]);
        assert!(fm.draft);
    }

    #[test]
    fn unknown_key_and_wrong_type_are_located() {
        let text = "---\ntitle: A\ntitel: B\n---\n";
        let e = parse(Path::new("a.md"), text, &split(text)).unwrap_err();
        assert_eq!(e.location.unwrap().line, 3, "{e}");
        assert!(e.message.contains("`titel`"), "{e}");
        assert!(e.help.as_deref().unwrap().contains("`title`"), "{e}");

        let text = "---\ntitle: A\nweight: tung\n---\n";
        let e = parse(Path::new("a.md"), text, &split(text)).unwrap_err();
        assert_eq!(e.location.unwrap(), Location::new(3, 9), "{e}");
        assert_eq!(e.message, "expected a whole number");

        let text = "---\ntitle: A\nweight: 1\ntitle: B\n---\n";
        let e = parse(Path::new("a.md"), text, &split(text)).unwrap_err();
        assert_eq!(e.location.unwrap(), Location::new(4, 1), "{e}");
        assert_eq!(e.message, "the key `title` appears twice");

        let text = "---\nkind: chaptr\n---\n";
        let e = parse(Path::new("a.md"), text, &split(text)).unwrap_err();
        assert!(e.help.as_deref().unwrap().contains("`chapter`"), "{e}");
    }
}
