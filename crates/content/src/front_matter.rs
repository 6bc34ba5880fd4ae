//! Front matter at the top of a Markdown page: YAML between `---` lines, or TOML between
//! `+++` lines as Zola and Hugo write it (see [`super::toml_front`]).

use insikt_core::date::Date;
use insikt_core::diagnostic::{yaml, yaml_keys, Diagnostic, Location};
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

/// How a page's front matter is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fence {
    /// YAML between `---` lines.
    Yaml,
    /// TOML between `+++` lines.
    Toml,
}

/// A page's text split into front matter and Markdown body.
#[derive(Debug)]
pub struct Split<'a> {
    /// The text between the fences, if there was front matter.
    pub front: Option<&'a str>,
    /// How the front matter is written.
    pub fence: Fence,
    /// Byte offset of the front matter in the file.
    pub front_offset: usize,
    /// The Markdown after the front matter.
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits `text` at its front matter fences (`---` or `+++`). `text` must not start with a
/// BOM.
pub fn split(text: &str) -> Split<'_> {
    let no_front = Split {
        front: None,
        fence: Fence::Yaml,
        front_offset: 0,
        body: text,
        body_offset: 0,
    };
    let first_line_end = match text.find('\n') {
        Some(i) => i,
        None => return no_front,
    };
    let (fence, marker) = match text[..first_line_end].trim_end() {
        "---" => (Fence::Yaml, "---"),
        "+++" => (Fence::Toml, "+++"),
        _ => return no_front,
    };
    let front_offset = first_line_end + 1;
    let mut pos = front_offset;
    while pos <= text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == marker {
            let body_offset = (end + 1).min(text.len());
            return Split {
                front: Some(&text[front_offset..pos]),
                fence,
                front_offset,
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

/// Parses a page's front matter; `text` is the whole file, for locating errors. Every
/// unknown key is reported, not only the first.
pub fn parse(file: &Path, text: &str, split: &Split) -> Result<FrontMatter, Vec<Diagnostic>> {
    let Some(front) = split.front else {
        return Ok(FrontMatter::default());
    };
    if front.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    if split.fence == Fence::Toml {
        return super::toml_front::parse(file, text, front, split.front_offset);
    }
    let first_yaml_line = Location::from_offset(text, split.front_offset).line;
    let keys = fields::of::<FrontMatter>();
    yaml_keys::from_str::<FrontMatter>(front).map_err(|errors| {
        errors
            .iter()
            .map(|e| {
                let at = yaml::location(e);
                let location = Location::new(first_yaml_line + at.line - 1, at.column);
                let schema = yaml::Schema {
                    key_noun: "front matter key",
                    keys,
                    help: HELP,
                };
                let mut d = yaml::diagnostic(file, text, location, &e.to_string(), &schema);
                let key = d.message.strip_prefix("unknown front matter key `");
                if let Some(help) = key.and_then(|k| foreign_key_help(k.trim_end_matches('`'))) {
                    d.help = Some(help.to_string());
                }
                d
            })
            .collect()
    })
}

/// What to tell an author who wrote a front matter key of Zola, Hugo or Jekyll that insikt
/// does not have.
pub fn foreign_key_help(key: &str) -> Option<&'static str> {
    Some(match key {
        "description" => "insikt calls this `summary`",
        "tags" | "categories" | "taxonomies" | "series" | "keywords" => {
            "insikt has no tags or taxonomies: who a page is for goes in `audience`, what it \
             is in `kind`; remove the key"
        }
        "slug" | "url" | "path" | "aliases" | "permalink" => {
            "a page's address follows its file name and folder: rename or move the file \
             instead (insikt makes no redirects)"
        }
        "template" | "layout" | "type" | "render" => {
            "insikt has no templates per page; a theme overrides them for every page \
             (`themes/NAME/templates/`); remove the key"
        }
        "updated" | "lastmod" | "publishDate" | "expiryDate" => {
            "insikt keeps one date per page, `date`; remove the key"
        }
        "extra" | "params" => {
            "insikt has no custom front matter keys; write this in the page's text"
        }
        "sort_by" | "paginate_by" | "page_template" | "transparent" => {
            "pages are ordered by `weight` in their section, then by file name, and never \
             paginated; remove the key"
        }
        "author" => "insikt's key is `authors`, a list: `authors: [\"Anna Berg\"]`",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_front_matter() {
        let s = split("---\ntitle: A\n---\n# Body\n");
        assert_eq!(s.front, Some("title: A\n"));
        assert_eq!(s.fence, Fence::Yaml);
        assert_eq!(s.body, "# Body\n");
        let s = split("+++\ntitle = \"A\"\n+++\n# Body\n");
        assert_eq!(s.front, Some("title = \"A\"\n"));
        assert_eq!(s.fence, Fence::Toml);
        assert_eq!(s.body, "# Body\n");
        let s = split("+++\ntitle = \"A\"\n---\n# Body\n");
        assert!(s.front.is_none(), "a fence is closed by the same fence");
        let s = split("# No front matter\n");
        assert!(s.front.is_none());
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

    /// The one error of the page `text`.
    fn error(text: &str) -> Diagnostic {
        let mut errors = parse(Path::new("a.md"), text, &split(text)).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors.remove(0)
    }

    #[test]
    fn unknown_key_and_wrong_type_are_located() {
        let e = error("---\ntitle: A\ntitel: B\n---\n");
        assert_eq!(e.location.unwrap().line, 3, "{e}");
        assert!(e.message.contains("`titel`"), "{e}");
        assert!(e.help.as_deref().unwrap().contains("`title`"), "{e}");

        let e = error("---\ntitle: A\nweight: tung\n---\n");
        assert_eq!(e.location.unwrap(), Location::new(3, 9), "{e}");
        assert_eq!(e.message, "expected a whole number");

        let e = error("---\ntitle: A\nweight: 1\ntitle: B\n---\n");
        assert_eq!(e.location.unwrap(), Location::new(4, 1), "{e}");
        assert_eq!(e.message, "the key `title` appears twice");

        let e = error("---\nkind: chaptr\n---\n");
        assert!(e.help.as_deref().unwrap().contains("`chapter`"), "{e}");
    }

    #[test]
    fn every_unknown_key_is_reported_with_a_hint_for_other_tools_keys() {
        let text = "---\ntitel: A\ndescription: B\ntags:\n  - x\nweight: 2\n---\n";
        let errors = parse(Path::new("a.md"), text, &split(text)).unwrap_err();
        let found: Vec<(usize, &str)> = errors
            .iter()
            .map(|d| (d.location.unwrap().line, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (2, "unknown front matter key `titel`"),
                (3, "unknown front matter key `description`"),
                (4, "unknown front matter key `tags`"),
            ]
        );
        assert_eq!(
            errors[1].help.as_deref(),
            Some("insikt calls this `summary`")
        );
    }
}
