//! YAML front matter at the top of a Markdown page.

use insikt_core::date::Date;
use insikt_core::diagnostic::{yaml, Diagnostic, Location};
use insikt_core::fields;
use insikt_core::vocabulary::{Audience, Kind, Purpose};
use serde::Deserialize;
use std::path::Path;

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
    /// Work contacts the page may publish, with the reason.
    pub identifiers: Option<super::identifier_allowance::IdentifierAllowance>,
    /// Data files beside the page published as they are (relative to the page), which
    /// would otherwise belong in `data/`; they are still checked for identifiers.
    #[serde(default)]
    pub attachments: Vec<String>,
}

/// What to tell an author whose front matter (or another YAML file read like it) has an
/// error with no advice of its own.
pub const HELP: &str = "front matter is YAML between two `---` lines; quote text that holds \
                        `:` `[` or `#`, and see the README for the keys and their types";

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
        let schema = yaml::Schema {
            key_noun: "front matter key",
            keys: fields::of::<FrontMatter>(),
            help: HELP,
        };
        yaml::diagnostic(file, text, location, &e.to_string(), &schema)
    })
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
