//! Pages and sections: every `.md` file under `content/`, with its front matter, and every
//! question set (`.yaml`, see [`crate::questions`]), in reading order.
//!
//! Loading reads each file once, splits off and validates the front matter and keeps the
//! Markdown body for the renderer. Folders are sections when they hold an `_index.md`.

#![warn(missing_docs)]

pub mod front_matter;
pub mod glossary;
pub mod identifier_allowance;
pub mod questions;
mod toml_front;

pub use front_matter::{split, FrontMatter};

use glossary::Glossary;
use insikt_core::diagnostic::{Diagnostic, Diagnostics};
use insikt_core::input::{read_text, text_of, Project, ReadAhead, Walk};
use insikt_core::language::Language;
use questions::QuestionSets;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The name of a section's own page.
pub const SECTION_INDEX: &str = "_index.md";

/// One page of the report.
#[derive(Debug)]
pub struct Page {
    /// The source file relative to the project root, e.g. `content/insatser/fall.md`;
    /// `None` for a front page made up because `content/_index.md` is missing.
    pub file: Option<PathBuf>,
    /// The source path relative to `content/`, e.g. `insatser/fall.md`.
    pub source: PathBuf,
    /// The output folder relative to the site root, `/`-separated, ending in `/` (or empty
    /// for the front page): `insatser/fall/`.
    pub url_dir: String,
    /// Validated front matter.
    pub front: FrontMatter,
    /// The page title (front matter, first heading, or file name).
    pub title: String,
    /// True when the body opens with a `# heading` that is the title (the title was taken from
    /// it, or the front matter gives the same text): the renderer drops that heading.
    pub title_from_heading: bool,
    /// The whole file text, for locating errors.
    pub text: String,
    /// Byte offset of the Markdown body in `text`.
    pub body_offset: usize,
    /// True for `_index.md` pages (sections and the front page).
    pub is_section: bool,
    /// The enclosing section, by index into [`Content::pages`].
    pub parent: Option<usize>,
    /// Pages and sections in this section, in order (sections only).
    pub children: Vec<usize>,
    /// Depth below the front page (front page 0).
    pub depth: usize,
    /// The glossary, on the page made from `content/glossary.yaml` (whose `text` is
    /// Markdown generated from it).
    pub glossary: Option<Glossary>,
    /// True for a page that stands in for one that could not be loaded (a file that cannot
    /// be read, a question set or glossary that is not valid YAML, a folder of pages without
    /// its `_index.md`): links to it resolve, so they give no second error, but its headings
    /// are unknown, so links to its anchors are not checked. The build fails anyway.
    pub stand_in: bool,
}

impl Page {
    /// A section page with no source file: the front page when `content/_index.md` is
    /// missing, or a section insikt makes itself (the worksheet overview).
    fn generated_section(source: &Path, title: &str) -> Page {
        Page {
            file: None,
            url_dir: url_dir(source),
            source: source.to_path_buf(),
            front: FrontMatter::default(),
            title: title.to_string(),
            title_from_heading: false,
            text: String::new(),
            body_offset: 0,
            is_section: true,
            parent: None,
            children: Vec::new(),
            depth: 0,
            glossary: None,
            stand_in: false,
        }
    }

    /// A page for the source file `rel` that could not be loaded (see [`Page::stand_in`]).
    pub(crate) fn stand_in(rel: &Path) -> Page {
        Page {
            file: Some(Path::new("content").join(rel)),
            title: fallback_title(rel),
            is_section: rel.file_name().is_some_and(|n| n == SECTION_INDEX),
            stand_in: true,
            ..Page::generated_section(rel, "")
        }
    }

    /// The Markdown body after the front matter.
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// The output file relative to the site root.
    pub fn output_file(&self) -> String {
        format!("{}index.html", self.url_dir)
    }

    /// The path to show in messages.
    pub fn display_file(&self) -> PathBuf {
        self.file
            .clone()
            .unwrap_or_else(|| PathBuf::from("content"))
    }
}

/// All pages of the report, the front page first, then in reading order.
#[derive(Debug)]
pub struct Content {
    /// Pages in reading order; index 0 is the front page.
    pub pages: Vec<Page>,
    /// Page index by source path relative to `content/`.
    pub by_source: HashMap<PathBuf, usize>,
    /// Other files under `content/` (images, PDFs), copied beside the pages.
    pub assets: BTreeSet<PathBuf>,
    /// The question sets, by source path relative to `content/`; each is also a page.
    pub question_sets: QuestionSets,
}

impl Content {
    /// Loads every page under `content/` of `project`, reporting every problem in
    /// `diagnostics`. `drafts` includes pages marked `draft: true`; `language` names the
    /// glossary page, if `content/glossary.yaml` exists. A page whose file cannot be read
    /// or whose front matter is invalid is still a page (see [`Page::stand_in`]), so that
    /// links to it resolve and the rest of the report is checked as well. Pages in
    /// `read_ahead` are taken from there instead of being read again.
    pub fn load(
        project: &Project,
        drafts: bool,
        language: Language,
        read_ahead: &mut ReadAhead,
        diagnostics: &mut Diagnostics,
    ) -> Content {
        let folder = Path::new("content");
        let content_dir = project.root.join(folder);
        if let Err(d) = project.check_file(folder) {
            diagnostics.push(d);
            return build_tree(Vec::new(), BTreeSet::new()).0;
        }
        if !content_dir.is_dir() {
            diagnostics.push(
                Diagnostic::new("content", "the folder `content/` does not exist")
                    .with_help("create it and put the report's Markdown pages in it"),
            );
            return build_tree(Vec::new(), BTreeSet::new()).0;
        }
        let walk = Walk {
            max_depth: usize::MAX,
            skip_hidden: true,
            published: true,
        };
        let (files, problems) = project.walk(folder, walk);
        diagnostics.0.extend(problems);
        let mut markdown = Vec::new();
        let mut sets = Vec::new();
        let mut assets = BTreeSet::new();
        let mut glossary_page = None;
        for rel in files {
            if rel.extension().is_some_and(|e| e == "md") {
                markdown.push(rel);
            } else if rel == Path::new(glossary::FILE) {
                let (page, problems) = load_glossary(&content_dir, language);
                diagnostics.0.extend(problems);
                glossary_page = Some(page);
            } else if questions::is_question_set(&rel) {
                sets.push(rel);
            } else {
                assets.insert(rel);
            }
        }
        if markdown.is_empty() {
            diagnostics.push(
                Diagnostic::new("content", "`content/` holds no Markdown pages")
                    .with_help("add at least `content/_index.md`, the report's front page"),
            );
        }

        let read: Vec<Option<Vec<u8>>> = (markdown.iter())
            .map(|rel| read_ahead.take(&folder.join(rel)))
            .collect();
        let loaded: Vec<(Page, Vec<Diagnostic>)> = (markdown.par_iter())
            .zip(read)
            .map(|(rel, read)| {
                let _input = insikt_core::crash::processing(Path::new("content").join(rel));
                load_page_read(&content_dir, rel, read)
            })
            .collect();
        let mut pages = Vec::with_capacity(loaded.len() + 1);
        for (page, problems) in loaded {
            diagnostics.0.extend(problems);
            pages.push(page);
        }
        let loaded_sets: Vec<_> = sets
            .par_iter()
            .map(|rel| {
                let _input = insikt_core::crash::processing(Path::new("content").join(rel));
                questions::load_page(&content_dir, rel)
            })
            .collect();
        let mut question_sets = QuestionSets::new();
        for (page, set, problems) in loaded_sets {
            diagnostics.0.extend(problems);
            if let Some(set) = set {
                question_sets.insert(page.source.clone(), set);
            }
            pages.push(page);
        }
        pages.extend(glossary_page);
        if !drafts {
            let draft_sections: Vec<PathBuf> = pages
                .iter()
                .filter(|p| p.front.draft && p.is_section)
                .map(|p| p.source.parent().unwrap_or(Path::new("")).to_path_buf())
                .collect();
            pages.retain(|p| {
                !p.front.draft
                    && !draft_sections
                        .iter()
                        .any(|d| !d.as_os_str().is_empty() && p.source.starts_with(d))
            });
        }
        if !question_sets.is_empty() {
            let kept: HashSet<&Path> = pages.iter().map(|p| p.source.as_path()).collect();
            question_sets.retain(|source, _| kept.contains(source.as_path()));
        }
        let (mut content, problems) = build_tree(pages, assets);
        diagnostics.0.extend(problems);
        content.question_sets = question_sets;
        content
    }

    /// Adds a generated section page in the top-level folder `folder`, unless the report
    /// has a page there already, and returns the section's index. Indices of other pages
    /// may change.
    pub fn add_generated_section(&mut self, folder: &str, title: &str) -> usize {
        let source = Path::new(folder).join(SECTION_INDEX);
        if let Some(&i) = self.by_source.get(&source) {
            return i;
        }
        let mut pages = std::mem::take(&mut self.pages);
        pages.push(Page::generated_section(&source, title));
        // Missing sections were reported, and stood in for, when the content was loaded.
        let (rebuilt, _) = build_tree(pages, std::mem::take(&mut self.assets));
        self.pages = rebuilt.pages;
        self.by_source = rebuilt.by_source;
        self.assets = rebuilt.assets;
        self.by_source[&source]
    }
}

/// `content/glossary.yaml` as a page whose Markdown is generated from its terms, with the
/// problems found; a stand-in page when the file cannot be read as a glossary.
fn load_glossary(content_dir: &Path, language: Language) -> (Page, Vec<Diagnostic>) {
    let rel = Path::new(glossary::FILE);
    let _input = insikt_core::crash::processing(Path::new("content").join(rel));
    let mut problems = Vec::new();
    let parsed = read_source(content_dir, rel, None, &mut problems).and_then(|(_, text)| {
        let (g, errors) = Glossary::parse(&text);
        problems.extend(errors);
        g
    });
    let Some(g) = parsed else {
        let mut page = Page::stand_in(rel);
        page.url_dir = format!("{}/", language.glossary_folder());
        page.title = language.strings().glossary.to_string();
        return (page, problems);
    };
    let title = g
        .front
        .title
        .clone()
        .unwrap_or_else(|| language.strings().glossary.to_string());
    let page = Page {
        file: Some(Path::new("content").join(rel)),
        source: rel.to_path_buf(),
        url_dir: format!("{}/", language.glossary_folder()),
        text: g.markdown(language),
        front: g.front.clone(),
        title,
        title_from_heading: false,
        body_offset: 0,
        is_section: false,
        parent: None,
        children: Vec::new(),
        depth: 0,
        glossary: Some(g),
        stand_in: false,
    };
    (page, problems)
}

/// Reads the UTF-8 source file `content_dir/rel` (without a BOM), or takes its bytes as
/// `read` when they were read already, returning the path to show in messages
/// (`content/…`) and the text. Control characters are added to `problems` (and replaced in
/// the text); a file that cannot be read or is not UTF-8 is an error.
pub(crate) fn read_source(
    content_dir: &Path,
    rel: &Path,
    read: Option<Vec<u8>>,
    problems: &mut Vec<Diagnostic>,
) -> Option<(PathBuf, String)> {
    let file = Path::new("content").join(rel);
    let text = match read {
        Some(bytes) => text_of(bytes, &file),
        None => read_text(&content_dir.join(rel), &file),
    };
    match text {
        Ok((text, found)) => {
            problems.extend(found);
            Some((file, text))
        }
        Err(d) => {
            problems.push(d);
            None
        }
    }
}

/// The Markdown page `content_dir/rel`, with the problems found; a stand-in page when the
/// file cannot be read, and default front matter when its own is invalid. Its place in the
/// section tree (parent, children, depth) is left empty: [`Content::load`] sets it.
pub fn load_page(content_dir: &Path, rel: &Path) -> (Page, Vec<Diagnostic>) {
    load_page_read(content_dir, rel, None)
}

/// [`load_page`], from the file's bytes when they were `read` already.
fn load_page_read(
    content_dir: &Path,
    rel: &Path,
    read: Option<Vec<u8>>,
) -> (Page, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let Some((file, text)) = read_source(content_dir, rel, read, &mut problems) else {
        return (Page::stand_in(rel), problems);
    };
    let parts = split(&text);
    let front = front_matter::parse(&file, &text, &parts).unwrap_or_else(|found| {
        problems.extend(found);
        FrontMatter::default()
    });
    let body_offset = parts.body_offset;
    let is_section = rel.file_name().is_some_and(|n| n == SECTION_INDEX);
    let (title, title_from_heading) = match &front.title {
        // A body that opens with the title again as `# Title` has it shown once, as the
        // page's `<h1>`.
        Some(t) => (
            t.clone(),
            leading_heading(&text[body_offset..]).is_some_and(|h| h == t.trim()),
        ),
        None => match leading_heading(&text[body_offset..]) {
            Some(h) => (h, true),
            None => (fallback_title(rel), false),
        },
    };
    if let Some(at) = directive_outside_text(&text, body_offset, front.title.is_none()) {
        problems.push(
            Diagnostic::at(
                &file,
                &text,
                insikt_core::diagnostic::Location::from_offset(&text, at),
                "`{{#…}}` cannot be used in front matter or in a title taken from the page's \
                 first `# heading`: they reach the navigation, the contents and the search \
                 index as written",
            )
            .with_help(
                "write the title without it and put the value in the page's text; \
                 `\\{{#` shows the braces as written",
            ),
        );
    }
    let page = Page {
        file: Some(file),
        source: rel.to_path_buf(),
        url_dir: url_dir(rel),
        front,
        title,
        title_from_heading,
        text,
        body_offset,
        is_section,
        parent: None,
        children: Vec::new(),
        depth: 0,
        glossary: None,
        stand_in: false,
    };
    (page, problems)
}

/// The byte offset of an inline directive's `{{#` where none is rendered: in the front
/// matter (before `body_offset`), or, when `title_from_body`, in the `# heading` that opens
/// the body and becomes the page's title. `\{{#` is the author's escape.
fn directive_outside_text(text: &str, body_offset: usize, title_from_body: bool) -> Option<usize> {
    let unescaped = |from: usize, to: usize| {
        text[from..to]
            .match_indices("{{#")
            .map(|(i, _)| from + i)
            .find(|&i| !text[..i].ends_with('\\'))
    };
    if let Some(at) = unescaped(0, body_offset) {
        return Some(at);
    }
    if !title_from_body {
        return None;
    }
    let body = &text[body_offset..];
    let start = body_offset + body.len() - body.trim_start().len();
    let line_start = text[..start]
        .rfind('\n')
        .map_or(0, |i| i + 1)
        .max(body_offset);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if !text[start..line_end].starts_with("# ") {
        return None;
    }
    unescaped(line_start, line_end)
}

/// The text of a `# Heading` that opens the body, without inline Markdown marks.
pub fn leading_heading(body: &str) -> Option<String> {
    let line = body.lines().find(|l| !l.trim().is_empty())?;
    let heading = line.strip_prefix("# ")?;
    let heading = match heading.find(" {#") {
        Some(i) if heading.trim_end().ends_with('}') => &heading[..i],
        _ => heading,
    };
    let plain: String = heading
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`'))
        .collect();
    let plain = plain.trim().trim_end_matches('#').trim();
    (!plain.is_empty()).then(|| plain.to_string())
}

fn fallback_title(rel: &Path) -> String {
    let stem = if rel.file_name().is_some_and(|n| n == SECTION_INDEX) {
        rel.parent().and_then(|p| p.file_name())
    } else {
        rel.file_stem()
    };
    let stem = stem
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `insatser/fall.md` → `insatser/fall/`; `insatser/_index.md` → `insatser/`; `_index.md` → ``.
pub(crate) fn url_dir(rel: &Path) -> String {
    let mut parts: Vec<String> = rel
        .parent()
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    if rel.file_name().is_none_or(|n| n != SECTION_INDEX) {
        if let Some(stem) = rel.file_stem() {
            parts.push(stem.to_string_lossy().into_owned());
        }
    }
    parts.iter().map(|p| format!("{p}/")).collect()
}

/// Links pages into the section tree and orders them for reading. A folder that holds
/// pages but no `_index.md` is an error, and gets a stand-in section so the tree is whole.
fn build_tree(pages: Vec<Page>, assets: BTreeSet<PathBuf>) -> (Content, Vec<Diagnostic>) {
    let mut pages = pages;
    let mut problems = Vec::new();
    if !pages.iter().any(|p| p.source == Path::new(SECTION_INDEX)) {
        pages.push(Page::generated_section(Path::new(SECTION_INDEX), ""));
    }
    let parent_folder = |page: &Page| -> Option<PathBuf> {
        let folder = page.source.parent().unwrap_or(Path::new(""));
        if page.is_section {
            folder.parent().map(Path::to_path_buf) // None: the front page
        } else {
            Some(folder.to_path_buf())
        }
    };
    let mut folders: HashSet<PathBuf> = pages
        .iter()
        .filter(|p| p.is_section)
        .map(|p| p.source.parent().unwrap_or(Path::new("")).to_path_buf())
        .collect();
    // Pages in a folder without its section page, in order of their paths (for the order
    // of the errors); usually none.
    let mut outside: Vec<&Page> = pages
        .iter()
        .filter(|p| parent_folder(p).is_some_and(|f| !folders.contains(&f)))
        .collect();
    outside.sort_by(|a, b| a.source.cmp(&b.source));
    let mut missing = Vec::new();
    for page in outside {
        let mut folder = parent_folder(page);
        while let Some(f) = folder.filter(|f| !folders.contains(f)) {
            problems.push(
                Diagnostic::new(
                    page.display_file(),
                    format!(
                        "the folder `content/{}` has pages but no `{SECTION_INDEX}`",
                        f.display()
                    ),
                )
                .with_help(format!(
                    "add `content/{}/{SECTION_INDEX}` with a title for the section",
                    f.display()
                )),
            );
            folders.insert(f.clone());
            folder = f.parent().map(Path::to_path_buf);
            missing.push(f);
        }
    }
    for folder in missing {
        let source = folder.join(SECTION_INDEX);
        let mut section = Page::generated_section(&source, &fallback_title(&source));
        section.stand_in = true;
        pages.push(section);
    }
    // Folder (relative to content/) → its section page.
    let sections: HashMap<PathBuf, usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_section)
        .map(|(i, p)| (p.source.parent().unwrap_or(Path::new("")).to_path_buf(), i))
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); pages.len()];
    let mut parent_of = vec![None; pages.len()];
    for (i, page) in pages.iter().enumerate() {
        let Some(folder) = parent_folder(page) else {
            continue;
        };
        if let Some(&p) = sections.get(&folder) {
            parent_of[i] = Some(p);
            children[p].push(i);
        }
    }
    for list in &mut children {
        list.sort_by(|&a, &b| {
            let key = |i: usize| (pages[i].front.weight.unwrap_or(i64::MAX), &pages[i].source);
            key(a).cmp(&key(b))
        });
    }
    // Depth-first, pre-order: the reading order.
    let root = sections[Path::new("")];
    let mut order = Vec::with_capacity(pages.len());
    let mut stack = vec![(root, 0usize)];
    let mut depth = vec![0; pages.len()];
    while let Some((i, d)) = stack.pop() {
        order.push(i);
        depth[i] = d;
        stack.extend(children[i].iter().rev().map(|&k| (k, d + 1)));
    }
    let mut new_index = vec![0; pages.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Page>> = pages.into_iter().map(Some).collect();
    let mut ordered = Vec::with_capacity(order.len());
    for &old in &order {
        let mut page = slots[old].take().expect("each page once");
        page.parent = parent_of[old].map(|p| new_index[p]);
        page.children = children[old].iter().map(|&c| new_index[c]).collect();
        page.depth = depth[old];
        ordered.push(page);
    }
    let by_source = ordered
        .iter()
        .enumerate()
        .map(|(i, p)| (p.source.clone(), i))
        .collect();
    let content = Content {
        pages: ordered,
        by_source,
        assets,
        question_sets: QuestionSets::new(),
    };
    (content, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_dirs_follow_paths() {
        assert_eq!(url_dir(Path::new("_index.md")), "");
        assert_eq!(url_dir(Path::new("a/_index.md")), "a/");
        assert_eq!(url_dir(Path::new("a/b.md")), "a/b/");
        assert_eq!(url_dir(Path::new("b.md")), "b/");
    }

    #[test]
    fn directives_are_found_where_they_would_not_be_rendered() {
        let front = "---\ntitle: Besök {{#value b.n ar=2023}}\n---\n\nText {{#value b.n}}\n";
        let body = front.find("\n\nText").unwrap() + 1;
        assert_eq!(
            directive_outside_text(front, body, false),
            front.find("{{#")
        );
        let heading = "\n# Besök {{#value b.n}}\n\nText {{#value b.n}}\n";
        assert_eq!(
            directive_outside_text(heading, 0, true),
            heading.find("{{#")
        );
        assert_eq!(directive_outside_text(heading, 0, false), None);
        let in_text = "# Besök\n\nText {{#value b.n}}\n";
        assert_eq!(directive_outside_text(in_text, 0, true), None);
        let escaped = "# Besök \\{{#value b.n}}\n";
        assert_eq!(directive_outside_text(escaped, 0, true), None);
    }

    #[test]
    fn folders_without_a_section_page_are_reported_in_path_order_and_stood_in_for() {
        let pages = ["z/d/p.md", "_index.md", "z/r.md", "a/q.md", "a/_x.md"]
            .map(|p| Page::stand_in(Path::new(p)))
            .into_iter()
            .collect();
        let (content, problems) = build_tree(pages, BTreeSet::new());
        let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "the folder `content/a` has pages but no `_index.md`",
                "the folder `content/z/d` has pages but no `_index.md`",
                "the folder `content/z` has pages but no `_index.md`",
            ]
        );
        let order: Vec<&str> = content.pages.iter().map(|p| p.url_dir.as_str()).collect();
        assert_eq!(
            order,
            ["", "a/", "a/_x/", "a/q/", "z/", "z/d/", "z/d/p/", "z/r/"]
        );
        let parent = |url: &str| {
            let page = &content.pages[content.pages.iter().position(|p| p.url_dir == url).unwrap()];
            page.parent.map(|i| content.pages[i].url_dir.as_str())
        };
        assert_eq!(parent("z/d/p/"), Some("z/d/"));
        assert_eq!(parent("z/d/"), Some("z/"));
        assert_eq!(parent("a/"), Some(""));
        assert_eq!(content.pages[0].children.len(), 2);
    }

    #[test]
    fn leading_heading_is_title() {
        assert_eq!(
            leading_heading("\n# Om *data* {#x}\n\ntext").as_deref(),
            Some("Om data")
        );
        assert_eq!(leading_heading("text\n# Later"), None);
    }
}
