//! The pages of the new project before they are written: front matter in insikt's keys, the
//! Markdown body, and the links between pages rewritten to the new paths.

use super::links::{self, Destination};
use super::{Note, Report};
use insikt_core::slug::{file_slug, Slugger};
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// A page of the new project.
#[derive(Debug)]
pub struct Page {
    /// The source file, relative to the folder imported (for messages).
    pub source: PathBuf,
    /// Where it is written, relative to the new project (`content/…`).
    pub target: PathBuf,
    /// Its front matter.
    pub front: Front,
    /// The Markdown body.
    pub body: String,
    /// Where the parts of the body come from, for line numbers in messages.
    pub origins: Origins,
}

/// insikt's front matter keys that an import fills in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Front {
    /// `title`.
    pub title: Option<String>,
    /// `summary`.
    pub summary: Option<String>,
    /// `weight`.
    pub weight: Option<i64>,
    /// `authors`.
    pub authors: Vec<String>,
    /// `date`, as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `draft`.
    pub draft: bool,
}

impl Front {
    /// The front matter block, YAML between `---` lines (always written, even empty, so a
    /// body that opens with a `---` rule is never read as front matter).
    pub fn to_yaml(&self) -> String {
        let quote = |s: &str| serde_json::to_string(s).expect("a string serialises");
        let mut out = String::from("---\n");
        if let Some(t) = &self.title {
            out.push_str(&format!("title: {}\n", quote(t)));
        }
        if let Some(s) = &self.summary {
            out.push_str(&format!("summary: {}\n", quote(s)));
        }
        if let Some(w) = self.weight {
            out.push_str(&format!("weight: {w}\n"));
        }
        if !self.authors.is_empty() {
            let list: Vec<String> = self.authors.iter().map(|a| quote(a)).collect();
            out.push_str(&format!("authors: [{}]\n", list.join(", ")));
        }
        if let Some(d) = &self.date {
            out.push_str(&format!("date: {d}\n"));
        }
        if self.draft {
            out.push_str("draft: true\n");
        }
        out.push_str("---\n");
        out
    }
}

impl Page {
    /// The text of the page file: front matter and body.
    pub fn text(&self) -> String {
        let mut text = self.front.to_yaml();
        text.push_str(&self.body);
        text
    }
}

/// Where each part of a body comes from: the body's own file or a file included into it.
#[derive(Debug, Clone, Default)]
pub struct Origins(Vec<Origin>);

#[derive(Debug, Clone)]
struct Origin {
    /// Byte offset in the body where this part starts.
    start: usize,
    /// The file it comes from.
    file: PathBuf,
    /// The line in that file at `start`.
    line: usize,
}

impl Origins {
    /// A body that is all from `file`, starting at `line`.
    pub fn whole(file: &Path, line: usize) -> Origins {
        Origins(vec![Origin {
            start: 0,
            file: file.to_path_buf(),
            line,
        }])
    }

    /// Records that the body from byte `start` on comes from `file` at `line`.
    pub fn push(&mut self, start: usize, file: &Path, line: usize) {
        self.0.push(Origin {
            start,
            file: file.to_path_buf(),
            line,
        });
    }

    /// Appends `other`, the origins of a text inserted at byte `at`.
    pub fn append(&mut self, at: usize, other: Origins) {
        for o in other.0 {
            self.0.push(Origin {
                start: at + o.start,
                ..o
            });
        }
    }

    /// The file and line of byte `offset` of `body`.
    pub fn locate(&self, body: &str, offset: usize) -> (PathBuf, usize) {
        let Some(origin) = self.0.iter().rev().find(|o| o.start <= offset) else {
            return (PathBuf::new(), 1);
        };
        let offset = offset.min(body.len());
        let lines = body
            .get(origin.start..offset)
            .map_or(0, |s| s.matches('\n').count());
        (origin.file.clone(), origin.line + lines)
    }
}

/// How the source generator made heading ids, so links to them can be mapped to insikt's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdScheme {
    /// mdBook: lower case, white space to `-`, other punctuation dropped.
    MdBook,
    /// Zola: an ASCII slug.
    Zola,
}

impl IdScheme {
    fn id(self, text: &str) -> String {
        match self {
            IdScheme::MdBook => text
                .trim()
                .chars()
                .filter_map(|c| {
                    if c.is_alphanumeric() || c == '_' || c == '-' {
                        Some(c.to_ascii_lowercase())
                    } else if c.is_whitespace() {
                        Some('-')
                    } else {
                        None
                    }
                })
                .collect(),
            IdScheme::Zola => file_slug(text),
        }
    }
}

/// What a link in a source page points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Leave it as written (another host, or nothing to change).
    Keep,
    /// A file of the new project (relative to it), with the fragment as written.
    To(PathBuf, Option<String>),
    /// Nothing the import knows; left as written, with the reason.
    Missing(String),
}

/// A page's heading ids: the source generator's id → insikt's (`None` for the heading insikt
/// takes as the page title and does not show).
struct Anchors {
    map: HashMap<String, Option<String>>,
    ids: HashSet<String>,
}

fn anchors(scheme: IdScheme, page: &Page) -> Anchors {
    let title_dropped =
        page.front.title.is_none() && insikt_content::leading_heading(&page.body).is_some();
    let mut slugger = Slugger::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut map = HashMap::new();
    let mut ids = HashSet::new();
    for h in links::headings(&page.body) {
        let source_id = match &h.explicit_id {
            Some(id) => id.clone(),
            None => {
                let base = scheme.id(&h.text);
                let n = seen.entry(base.clone()).or_insert(0);
                let id = if *n == 0 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                };
                *n += 1;
                id
            }
        };
        let insikt_id = if h.opens_text && title_dropped {
            None
        } else {
            Some(match &h.explicit_id {
                Some(id) => slugger.reserve(id),
                None => slugger.unique(&h.text),
            })
        };
        ids.extend(insikt_id.clone());
        map.entry(source_id).or_insert(insikt_id);
    }
    Anchors { map, ids }
}

/// Rewrites the links of every page: `resolve` says what each destination points at, and
/// the link is written relative to the page's new place, with heading anchors mapped from
/// the source generator's ids to insikt's. Counts the links changed and notes those left.
pub fn rewrite_links(
    pages: &mut [Page],
    scheme: IdScheme,
    resolve: impl Fn(&Page, &str) -> Resolved,
    report: &mut Report,
) {
    let anchors: HashMap<PathBuf, Anchors> = pages
        .iter()
        .map(|p| (p.target.clone(), anchors(scheme, p)))
        .collect();
    for page in pages.iter_mut() {
        let mut edits = Vec::new();
        for Destination {
            range,
            url,
            in_html,
        } in links::destinations(&page.body)
        {
            let (target, fragment) = match resolve(page, &url) {
                Resolved::Keep => continue,
                Resolved::Missing(why) => {
                    let (file, line) = page.origins.locate(&page.body, range.start);
                    let then = if in_html {
                        "insikt does not check links in HTML, so fix it by hand"
                    } else {
                        "`insikt build` will report it"
                    };
                    report.not_kept.push(Note::at(
                        file,
                        line,
                        format!("link to `{url}` left as written: {why}; {then}"),
                    ));
                    continue;
                }
                Resolved::To(target, fragment) => (target, fragment),
            };
            let fragment = match (fragment, anchors.get(&target)) {
                (Some(f), Some(a)) => {
                    let decoded = links::percent_decode(&f);
                    match a.map.get(&decoded) {
                        Some(mapped) => mapped.clone(),
                        None => {
                            if !a.ids.contains(&decoded) {
                                let (file, line) = page.origins.locate(&page.body, range.start);
                                report.not_kept.push(Note::at(
                                    file,
                                    line,
                                    format!(
                                        "link to `{url}`: no heading with the id `{f}` there; \
                                         left as written, `insikt build` will report it"
                                    ),
                                ));
                            }
                            Some(f)
                        }
                    }
                }
                (fragment, _) => fragment,
            };
            let mut new = if target == page.target && fragment.is_some() {
                String::new()
            } else if in_html {
                // insikt leaves HTML alone, so the link goes to the built file, relative
                // to the page's own output folder.
                relative(&output_dir(&page.target), &output_file(&target))
                    .replace(' ', "%20")
                    .replace('"', "%22")
                    .replace('\'', "%27")
            } else if let Ok(in_static) = target.strip_prefix("static") {
                format!("/{}", slashed(in_static))
            } else {
                relative(page.target.parent().unwrap_or(Path::new("")), &target)
            };
            if let Some(f) = fragment {
                new.push('#');
                new.push_str(&f);
            }
            let bracketed = range.start > 0 && page.body.as_bytes()[range.start - 1] == b'<';
            if !in_html
                && !bracketed
                && new.contains(|c: char| c.is_whitespace() || c == '(' || c == ')')
            {
                new = format!("<{new}>");
            }
            if page.body[range.clone()] != new {
                edits.push((range, new));
            }
        }
        report.links_rewritten += edits.len();
        if !edits.is_empty() {
            page.body = links::replace(&page.body, edits);
        }
    }
}

/// The folder a page of the new project (`content/…`) is built into, relative to the
/// site: `content/a/b.md` → `a/b`, `content/a/_index.md` → `a`.
fn output_dir(page: &Path) -> PathBuf {
    let in_content = page.strip_prefix("content").unwrap_or(page);
    if in_content.file_name().is_some_and(|n| n == "_index.md") {
        in_content.parent().unwrap_or(Path::new("")).to_path_buf()
    } else {
        in_content.with_extension("")
    }
}

/// The built file of a file of the new project, relative to the site: a page's
/// `index.html`, a file of `content/` or `static/` at its place.
fn output_file(target: &Path) -> PathBuf {
    if let Ok(in_static) = target.strip_prefix("static") {
        return in_static.to_path_buf();
    }
    if target.extension().is_some_and(|e| e == "md") {
        return output_dir(target).join("index.html");
    }
    target
        .strip_prefix("content")
        .unwrap_or(target)
        .to_path_buf()
}

/// `path` with `/` between its parts.
pub fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The relative link from the folder `from` to the file `to` (both relative to one root).
pub fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(target: &str, body: &str) -> Page {
        Page {
            source: PathBuf::from(target),
            target: PathBuf::from(target),
            front: Front::default(),
            body: body.to_string(),
            origins: Origins::whole(Path::new(target), 1),
        }
    }

    #[test]
    fn relative_links_between_folders() {
        assert_eq!(
            relative(Path::new("content/a"), Path::new("content/b/_index.md")),
            "../b/_index.md"
        );
        assert_eq!(
            relative(Path::new("content"), Path::new("content/x.md")),
            "x.md"
        );
        assert_eq!(
            relative(Path::new("content/a/b"), Path::new("content/a/c.png")),
            "../c.png"
        );
    }

    #[test]
    fn front_matter_quotes_text() {
        let front = Front {
            title: Some("A: \"b\" # c".into()),
            weight: Some(10),
            authors: vec!["Å".into()],
            date: Some("2024-01-02".into()),
            draft: true,
            ..Front::default()
        };
        assert_eq!(
            front.to_yaml(),
            "---\ntitle: \"A: \\\"b\\\" # c\"\nweight: 10\nauthors: [\"Å\"]\ndate: 2024-01-02\ndraft: true\n---\n"
        );
        assert_eq!(Front::default().to_yaml(), "---\n---\n");
    }

    #[test]
    fn links_are_rewritten_with_anchors_mapped() {
        let mut pages = vec![
            page(
                "content/a.md",
                "See [b](b.md#foobar-1) and [t](b.md#the-title) and [x](x.md).\n",
            ),
            page(
                "content/sub/_index.md",
                "# The title\n\n## Foo.bar\n\n## Foo.bar\n",
            ),
        ];
        let mut report = Report::default();
        rewrite_links(
            &mut pages,
            IdScheme::MdBook,
            |_, url| {
                let (path, frag) = match url.split_once('#') {
                    Some((p, f)) => (p, Some(f.to_string())),
                    None => (url, None),
                };
                match path {
                    "b.md" => Resolved::To(PathBuf::from("content/sub/_index.md"), frag),
                    _ => Resolved::Missing("not there".into()),
                }
            },
            &mut report,
        );
        assert_eq!(
            pages[0].body,
            "See [b](sub/_index.md#foo-bar-1) and [t](sub/_index.md) and [x](x.md).\n"
        );
        assert_eq!(report.links_rewritten, 2);
        assert_eq!(report.not_kept.len(), 1);
        assert_eq!(report.not_kept[0].line, Some(1));

        // HTML goes to the built files, relative to the page's output folder.
        let mut pages = vec![
            page(
                "content/sub/a.md",
                "<img src=\"img/x y.png\"> <a href=\"_index.md#foobar\">s</a>\n",
            ),
            page("content/sub/_index.md", "## Foo.bar\n"),
        ];
        let mut report = Report::default();
        rewrite_links(
            &mut pages,
            IdScheme::MdBook,
            |_, url| match url {
                "img/x y.png" => Resolved::To(PathBuf::from("content/img/x y.png"), None),
                _ => Resolved::To(
                    PathBuf::from("content/sub/_index.md"),
                    Some("foobar".into()),
                ),
            },
            &mut report,
        );
        assert_eq!(
            pages[0].body,
            "<img src=\"../../img/x%20y.png\"> <a href=\"../index.html#foo-bar\">s</a>\n"
        );
    }
}
