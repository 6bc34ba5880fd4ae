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
    if let Some(simple) = simple(front) {
        return Ok(simple);
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

/// The front matter `front` when it is only lines `key: value` of the keys `title`,
/// `summary`, `weight` and `draft`, each once, with values the YAML parser could only read
/// one way: a title or summary in double quotes without `\` or `"` inside, or plain words
/// of letters and digits that begin with a letter and are not a word YAML gives a meaning
/// (`null`, `true`, `no`…); a whole number without a sign or leading zeros, or with `-`;
/// `true` or `false`. `None` for anything else, which the YAML parser reads and reports on.
/// Most pages' front matter is like this, and setting up the YAML parser costs more than
/// reading it (a tenth of loading 10,000 such pages).
fn simple(front: &str) -> Option<FrontMatter> {
    let mut out = FrontMatter::default();
    let mut draft_seen = false;
    for line in front.strip_suffix('\n')?.split('\n') {
        let (key, value) = line.split_once(": ")?;
        let first = match key {
            "title" => out.title.replace(simple_text(value)?.to_string()).is_none(),
            "summary" => out
                .summary
                .replace(simple_text(value)?.to_string())
                .is_none(),
            "weight" => out.weight.replace(simple_whole_number(value)?).is_none(),
            "draft" => {
                out.draft = match value {
                    "true" => true,
                    "false" => false,
                    _ => return None,
                };
                !std::mem::replace(&mut draft_seen, true)
            }
            _ => return None,
        };
        if !first {
            return None;
        }
    }
    Some(out)
}

/// The text of a YAML scalar `value` that [`simple`] takes as text.
fn simple_text(value: &str) -> Option<&str> {
    /// Characters YAML prints as they are (its `c-printable`, less tabs and line breaks,
    /// and the byte order mark).
    fn printable(c: char) -> bool {
        matches!(c, ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
            && c != '\u{feff}'
    }
    if let Some(quoted) = value.strip_prefix('"') {
        let inner = quoted.strip_suffix('"')?;
        return inner
            .chars()
            .all(|c| printable(c) && c != '"' && c != '\\')
            .then_some(inner);
    }
    /// Plain words YAML reads as something other than text (null, booleans, numbers).
    const SPECIAL: [&str; 12] = [
        "null", "true", "false", "yes", "no", "on", "off", "y", "n", "inf", "nan", "infinity",
    ];
    let words = value.starts_with(char::is_alphabetic)
        && !value.ends_with(' ')
        && !value.contains("  ")
        && value.chars().all(|c| c == ' ' || c.is_alphanumeric());
    (words && !SPECIAL.contains(&value.to_lowercase().as_str())).then_some(value)
}

/// The whole number `value` when [`simple`] takes it as one: digits without leading zeros,
/// perhaps after `-`, within an `i64`.
fn simple_whole_number(value: &str) -> Option<i64> {
    let digits = value.strip_prefix('-').unwrap_or(value);
    let plain = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && value != "-0";
    if plain {
        value.parse().ok()
    } else {
        None
    }
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

    /// The front matter `front` as the YAML parser reads it, for comparing.
    fn by_yaml(front: &str) -> String {
        format!("{:?}", yaml_keys::from_str::<FrontMatter>(front))
    }

    #[test]
    fn simple_front_matter_is_read_as_the_yaml_parser_reads_it() {
        let simple_ones = [
            "title: \"Dialog sjukvård behov 7789\"\nweight: 7789\n",
            "weight: -3\ntitle: Vård och omsorg 2024\ndraft: true\nsummary: \"Kort: om #1 'x'\"\n",
            "title: \"\"\n",
            "title: \"  spaced  \"\ndraft: false\nweight: 0\n",
            "weight: 9223372036854775807\n",
            "weight: -9223372036854775808\n",
            "title: Nullställd\nsummary: Ja\n",
            "title: \"a\u{2028}b\u{2029}c\u{fffd}\"\n",
            "title: Ελλάδα ²\n",
        ];
        for front in simple_ones {
            let fast = simple(front).unwrap_or_else(|| panic!("not simple: {front:?}"));
            assert_eq!(
                format!("{:?}", Ok::<_, ()>(fast)),
                by_yaml(front),
                "{front:?}"
            );
        }
        let others = [
            "title: null\n",
            "title: ~\n",
            "title: No\n",
            "title: True\n",
            "title: \"a\\\"b\"\n",
            "title: \"a\\nb\"\n",
            "title: 'single'\n",
            "title: a: b\n",
            "title: a # comment\n",
            "title: \"A\" # comment\n",
            "title: \"A\"\r\n",
            "title: \"A\"\ntitle: \"B\"\n",
            "draft: true\ndraft: true\n",
            "title:  two spaces\n",
            "title: \"tab\there\"\n",
            "weight: 007\n",
            "weight: +7\n",
            "weight: -0\n",
            "weight: 1_000\n",
            "weight: 9223372036854775808\n",
            "weight: 0x10\n",
            "draft: yes\n",
            "kind: case\n",
            "titel: A\n",
            "  title: A\n",
            "title: A\n\nweight: 1\n",
            "title: A",
        ];
        for front in others {
            assert!(simple(front).is_none(), "taken as simple: {front:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// Whatever the quick reading takes, it reads as the YAML parser does.
        #[test]
        fn the_quick_reading_agrees_with_the_yaml_parser(
            lines in proptest::collection::vec(
                (
                    "(title|summary|weight|draft|kind)",
                    "(\"[^\"\\\\\n]{0,6}\"|[a-zA-Z0-9 åÅ~._#:+-]{0,8}|-?[0-9]{1,20}|true|false|null|No|Y)",
                ),
                1..4,
            )
        ) {
            let front: String = lines.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
            if let Some(fast) = simple(&front) {
                proptest::prop_assert_eq!(format!("{:?}", Ok::<_, ()>(fast)), by_yaml(&front));
            }
        }
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
