//! mdBook → insikt.
//!
//! Where each chapter goes (the README states the same rules):
//! - `src/` becomes `content/`; a chapter keeps its path when the nesting in `SUMMARY.md`
//!   agrees with the folders, so its URL stays predictable (`guide/reading.md` →
//!   `guide/reading/`).
//! - `README.md` and `index.md` become the `_index.md` of their folder; the book's own
//!   `src/README.md` (or `index.md`) becomes the front page, `content/_index.md`. Without
//!   one, the front page is made from the book's title.
//! - A chapter with chapters nested under it becomes a section: `a.md` → `a/_index.md`
//!   (same URL, `a/`), and the nested chapters go into `a/`.
//! - A chapter always lands in the folder of the section it is nested under (at the top
//!   level, in `content/`), keeping its file name; so a chapter whose file is elsewhere
//!   moves (`guide/x.md` listed at the top → `content/x.md`). A name taken twice in one
//!   folder gets `-2`, `-3`. Every move is listed.
//! - A draft chapter (`[Title]()`) becomes a page with `draft: true` named after its title,
//!   or, when chapters are nested under it, a section holding them.
//!
//! Order and titles from `SUMMARY.md` become `weight` (10, 20, … within each section) and
//! `title` (left out when the chapter opens with the same `#` heading, which insikt then
//! takes as the title). Part titles and separators have no place in insikt's navigation and
//! are listed as not kept.

mod include;
mod summary;

use super::links::{is_external, percent_decode};
use super::output::Contents;
use super::page::{rewrite_links, Front, IdScheme, Origins, Page, Resolved};
use super::source::{Refused, SourceTree};
use super::toml_entries::{self, Entry};
use super::{errors_or, language, plain_output, NewConfig, Note, Plan};
use insikt_core::diagnostic::{Diagnostic, Diagnostics, Location};
use insikt_core::input::normalize;
use insikt_core::slug::file_slug;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use summary::{Chapter, Extra};

const BOOK_TOML: &str = "book.toml";

/// Plans the insikt project for the book in `tree`.
pub(super) fn plan(tree: &SourceTree) -> Result<Plan, Diagnostics> {
    let mut plan = Plan::default();
    let settings = Settings::read(tree)?;
    let src = normalize(Path::new(&settings.src)).ok_or_else(|| {
        Diagnostics::from(Diagnostic::new(
            BOOK_TOML,
            format!("`book.src = \"{}\"` is outside the book", settings.src),
        ))
    })?;
    let summary_file = src.join("SUMMARY.md");
    let summary_text = tree.read_text(&summary_file).map_err(|e| {
        Diagnostics::from(
            Diagnostic::new(&summary_file, refused("cannot read SUMMARY.md", &e)).with_help(
                "an mdBook book lists its chapters in `src/SUMMARY.md`; name the book's folder \
                 (the one with book.toml)",
            ),
        )
    })?;
    let summary = summary::parse(&summary_file, &summary_text)
        .map_err(|e| Diagnostics(e.into_iter().collect()))?;
    for (line, extra) in &summary.extras {
        let message = match extra {
            Extra::Part(title) => format!(
                "part title `# {title}` not kept: insikt's navigation has no part headings; \
                 its chapters keep their order"
            ),
            Extra::Separator => {
                "separator not kept: insikt's navigation has no separators".to_string()
            }
        };
        plan.report
            .not_kept
            .push(Note::at(&summary_file, *line, message));
    }
    if let Ok(real) = tree.resolve(&src) {
        plan.read_dirs.push(real);
    }
    if tree.resolve(Path::new("theme")).is_ok_and(|p| p.is_dir()) {
        plan.report.not_kept.push(Note::file(
            "theme",
            "not imported: insikt has its own theme; override its templates in \
             themes/NAME/templates/ (see Themes in the README)",
        ));
    }
    let files = tree.walk(&src, &mut plan.report.not_kept);

    let book_title = settings.title(tree);
    let mut placer = Placer {
        src: &src,
        book_title: &book_title,
        summary_file: &summary_file,
        summary_text: &summary_text,
        placed: Vec::new(),
        seen: HashSet::new(),
        errors: Diagnostics::default(),
        report: &mut plan.report,
    };
    let top = placer.front_page(summary.chapters);
    placer.place(&top, Path::new("content"));
    let Placer {
        placed, mut errors, ..
    } = placer;

    let mut includes = include::Includes::new(tree);
    let mut pages = Vec::new();
    for chapter in placed {
        let (body, origins) = match &chapter.source {
            Some(file) => match tree.read_text(file) {
                Ok(text) => {
                    let expanded = includes.expand(file, &text);
                    (expanded.text, expanded.origins)
                }
                Err(e) => {
                    errors.push(
                        Diagnostic::at(
                            &summary_file,
                            &summary_text,
                            Location::new(chapter.line, 1),
                            format!(
                                "chapter `{}`: {}",
                                chapter.title,
                                refused(&format!("cannot read `{}`", file.display()), &e)
                            ),
                        )
                        .with_help(
                            "mdBook makes a missing chapter file empty when it builds; create \
                             the file, or remove the line from SUMMARY.md",
                        ),
                    );
                    continue;
                }
            },
            None => (String::new(), Origins::default()),
        };
        let title = match chapter.title_rule {
            TitleRule::FromSummary => title_unless_heading(&chapter.title, &body),
            TitleRule::Given => Some(chapter.title.clone()),
        };
        pages.push(Page {
            source: chapter.source.unwrap_or_else(|| summary_file.clone()),
            target: chapter.target,
            front: Front {
                title,
                weight: chapter.weight,
                draft: chapter.draft,
                ..Front::default()
            },
            body,
            origins,
        });
    }
    errors_or(errors)?;
    plan.report.includes_inlined = includes.inlined;
    plan.report.not_kept.extend(includes.notes);

    let chapters: HashMap<PathBuf, PathBuf> = pages
        .iter()
        .filter(|p| p.source != summary_file)
        .map(|p| (p.source.clone(), p.target.clone()))
        .collect();
    let mut assets: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut errors = Diagnostics::default();
    // With `src = "."` the book's own settings and built site lie inside `src`.
    let build_dir = settings
        .build_dir
        .as_ref()
        .map_or_else(|| PathBuf::from("book"), |(d, _)| PathBuf::from(d));
    for file in &files {
        if file.rel == Path::new(BOOK_TOML) || file.rel.starts_with(&build_dir) {
            continue;
        }
        let in_src = file.rel.strip_prefix(&src).unwrap_or(&file.rel);
        if file
            .rel
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        {
            if file.rel != summary_file
                && !chapters.contains_key(&file.rel)
                && !includes.included.contains(&file.rel)
            {
                plan.report.not_kept.push(Note::file(
                    &file.rel,
                    "not imported: not a chapter in SUMMARY.md (mdBook does not build it either)",
                ));
            }
            continue;
        }
        let target = asset_target(in_src);
        if let Err(d) = plan
            .files
            .add(target.clone(), Contents::Copy(file.real.clone()), &file.rel)
        {
            errors.push(d);
            continue;
        }
        plan.report.assets += 1;
        assets.insert(file.rel.clone(), target);
    }

    let summary_for_links = summary_file.clone();
    rewrite_links(
        &mut pages,
        IdScheme::MdBook,
        |page, url| {
            resolve(
                tree,
                &src,
                &summary_for_links,
                &chapters,
                &assets,
                page,
                url,
            )
        },
        &mut plan.report,
    );
    for page in &pages {
        if let Err(d) = plan.files.add(
            page.target.clone(),
            Contents::Text(page.text()),
            &page.source,
        ) {
            errors.push(d);
        }
    }
    plan.report.pages = pages.len();

    let config = settings.new_config(tree);
    plan.report.not_kept.extend(config.not_kept.iter().cloned());
    if let Err(d) = plan.files.add(
        PathBuf::from(BOOK_TOML),
        Contents::Text(config.to_toml()),
        Path::new(BOOK_TOML),
    ) {
        errors.push(d);
    }
    errors_or(errors)?;
    Ok(plan)
}

/// Where a file of `src/` other than a chapter goes: beside the pages in `content/`, except
/// `.yaml` files, which insikt would read as question sets there, so they go to the same
/// place under `static/` (the same URL in the built site).
pub(super) fn asset_target(in_source: &Path) -> PathBuf {
    if in_source.extension().is_some_and(|e| e == "yaml") {
        Path::new("static").join(in_source)
    } else {
        Path::new("content").join(in_source)
    }
}

fn refused(what: &str, e: &Refused) -> String {
    match e {
        Refused::Missing => format!("{what}: there is no such file"),
        Refused::Outside => format!(
            "{what}: it is outside the folder being imported (or reached through a link out of it)"
        ),
        Refused::Io(e) => format!("{what}: {e}"),
    }
}

/// What a link written in a chapter points at in the new project. Links are relative to
/// the chapter's file (after includes, to the chapter that includes the text, as in
/// mdBook); `/…` is relative to `src/`; `x.html` names the chapter `x.md`.
fn resolve(
    tree: &SourceTree,
    src: &Path,
    summary_file: &Path,
    chapters: &HashMap<PathBuf, PathBuf>,
    assets: &HashMap<PathBuf, PathBuf>,
    page: &Page,
    url: &str,
) -> Resolved {
    if is_external(url) {
        return Resolved::Keep;
    }
    let (path, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (url, None),
    };
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() {
        return match fragment {
            Some(f) if page.source != summary_file => Resolved::To(page.target.clone(), Some(f)),
            _ => Resolved::Keep,
        };
    }
    let decoded = percent_decode(path);
    let joined = match decoded.strip_prefix('/') {
        Some(in_src) => src.join(in_src),
        None => page.source.parent().unwrap_or(Path::new("")).join(&decoded),
    };
    let Some(logical) = normalize(&joined) else {
        return Resolved::Missing("it points outside the book".into());
    };
    let mut candidates = vec![logical.clone()];
    if logical.extension().is_some_and(|e| e == "html") {
        candidates.push(logical.with_extension("md"));
        // mdBook writes a folder's README.md as its index.html.
        if logical.file_stem().is_some_and(|s| s == "index") {
            let folder = logical.parent().unwrap_or(Path::new(""));
            candidates.push(folder.join("README.md"));
        }
    }
    candidates.push(logical.join("README.md"));
    candidates.push(logical.join("index.md"));
    for candidate in &candidates {
        if let Some(target) = chapters.get(candidate).or_else(|| assets.get(candidate)) {
            return Resolved::To(target.clone(), fragment);
        }
    }
    if tree.is_file(&logical) {
        Resolved::Missing(format!(
            "`{}` is not a chapter in SUMMARY.md, so it was not imported",
            logical.display()
        ))
    } else {
        Resolved::Missing(format!(
            "there is no file `{}` in the book",
            logical.display()
        ))
    }
}

/// A chapter's `title` front matter: the title from `SUMMARY.md`, unless the chapter opens
/// with the same `#` heading (insikt then takes the heading as the title and does not show
/// it twice).
fn title_unless_heading(title: &str, body: &str) -> Option<String> {
    if title.is_empty() {
        return None;
    }
    match insikt_content::leading_heading(body) {
        Some(heading) if heading == title => None,
        _ => Some(title.to_string()),
    }
}

/// How a page's title is written.
#[derive(Debug, Clone, Copy)]
enum TitleRule {
    /// From `SUMMARY.md`, left out when the chapter's opening heading says the same.
    FromSummary,
    /// Always written (a front page made from the book's title, a draft).
    Given,
}

/// A chapter with its place in the new project.
#[derive(Debug)]
struct Placed {
    /// The chapter file, relative to the book; `None` for a made-up page.
    source: Option<PathBuf>,
    /// Its line in `SUMMARY.md`.
    line: usize,
    title: String,
    title_rule: TitleRule,
    /// Where it goes, relative to the new project.
    target: PathBuf,
    weight: Option<i64>,
    draft: bool,
}

struct Placer<'a> {
    src: &'a Path,
    /// The title of a front page made up for a book without `src/README.md`.
    book_title: &'a str,
    summary_file: &'a Path,
    summary_text: &'a str,
    placed: Vec<Placed>,
    /// Chapter files already placed.
    seen: HashSet<PathBuf>,
    errors: Diagnostics,
    report: &'a mut super::Report,
}

impl Placer<'_> {
    /// Places the book's front page: the top-level chapter `src/README.md` (or `index.md`),
    /// whose nested chapters take its place among the top-level ones; or a page made from
    /// the book's title. Returns the top-level chapters left.
    fn front_page(&mut self, chapters: Vec<Chapter>) -> Vec<Chapter> {
        let front = chapters.iter().position(|c| {
            c.path
                .as_deref()
                .and_then(|p| normalize(&self.src.join(p)))
                .is_some_and(|p| p.parent() == Some(self.src) && is_readme(&p))
        });
        let Some(i) = front else {
            self.placed.push(Placed {
                source: None,
                line: 1,
                title: self.book_title.to_string(),
                title_rule: TitleRule::Given,
                target: PathBuf::from("content/_index.md"),
                weight: None,
                draft: false,
            });
            return chapters;
        };
        let mut chapters = chapters;
        let front = chapters.remove(i);
        let source = front
            .path
            .as_deref()
            .and_then(|p| normalize(&self.src.join(p)));
        if let Some(s) = &source {
            self.seen.insert(s.clone());
        }
        self.placed.push(Placed {
            source,
            line: front.line,
            title: front.title,
            title_rule: TitleRule::FromSummary,
            target: PathBuf::from("content/_index.md"),
            weight: None,
            draft: false,
        });
        chapters.splice(i..i, front.children);
        chapters
    }

    /// Places `chapters`, in order, in the folder `dir` of the new project.
    fn place(&mut self, chapters: &[Chapter], dir: &Path) {
        let mut taken: HashSet<String> = HashSet::from(["_index".to_string()]);
        for (i, chapter) in chapters.iter().enumerate() {
            let weight = Some(10 * (i as i64 + 1));
            let has_children = !chapter.children.is_empty();
            let (name, readme, source) = match &chapter.path {
                Some(path) => {
                    let Some(logical) = normalize(&self.src.join(path)) else {
                        self.error(chapter, format!("`{path}` is outside the book"));
                        continue;
                    };
                    if !self.seen.insert(logical.clone()) {
                        self.error(chapter, format!("`{path}` is listed twice in SUMMARY.md"));
                        continue;
                    }
                    let readme = is_readme(&logical);
                    let own_name = |p: &Path| {
                        p.file_stem()
                            .map(|s| s.to_string_lossy().into_owned())
                            .unwrap_or_default()
                    };
                    let folder = logical
                        .parent()
                        .filter(|p| *p != self.src && !p.as_os_str().is_empty())
                        .and_then(|p| p.file_name())
                        .map(|n| n.to_string_lossy().into_owned());
                    let name = match (readme, folder) {
                        (true, Some(folder)) => folder,
                        (true, None) => own_name(&logical).to_lowercase(),
                        (false, _) => own_name(&logical),
                    };
                    (name, readme, Some(logical))
                }
                None => {
                    let name = file_slug(&chapter.title);
                    let name = if name.is_empty() {
                        "draft".into()
                    } else {
                        name
                    };
                    (name, false, None)
                }
            };
            let name = unique(name, &mut taken);
            let section = readme || has_children;
            let target = if section {
                dir.join(&name).join("_index.md")
            } else {
                dir.join(format!("{name}.md"))
            };
            match &source {
                Some(file) => {
                    if natural_target(self.src, file, section) != target {
                        self.report.moved.push((file.clone(), target.clone()));
                    }
                }
                None => {
                    let how = if section {
                        "as a section holding the chapters nested under it"
                    } else {
                        "with `draft: true` (left out of builds unless --drafts)"
                    };
                    self.report.not_kept.push(Note::at(
                        self.summary_file,
                        chapter.line,
                        format!(
                            "draft chapter `{}` has no file: written as `{}` {how}",
                            chapter.title,
                            target.display()
                        ),
                    ));
                }
            }
            self.placed.push(Placed {
                source,
                line: chapter.line,
                title: chapter.title.clone(),
                title_rule: if chapter.path.is_some() {
                    TitleRule::FromSummary
                } else {
                    TitleRule::Given
                },
                target,
                weight,
                draft: chapter.path.is_none() && !has_children,
            });
            if section {
                self.place(&chapter.children, &dir.join(&name));
            }
        }
    }

    fn error(&mut self, chapter: &Chapter, message: String) {
        self.errors.push(
            Diagnostic::at(
                self.summary_file,
                self.summary_text,
                Location::new(chapter.line, 1),
                message,
            )
            .with_help("each chapter file is listed once, with a path inside the book's `src/`"),
        );
    }
}

/// Where a chapter would go from its path alone: `src/x/README.md` → `content/x/_index.md`,
/// a section `src/a.md` → `content/a/_index.md`, `src/a.md` → `content/a.md`.
fn natural_target(src: &Path, file: &Path, section: bool) -> PathBuf {
    let in_src = file.strip_prefix(src).unwrap_or(file);
    let content = Path::new("content");
    if is_readme(file) {
        content
            .join(in_src.parent().unwrap_or(Path::new("")))
            .join("_index.md")
    } else if section {
        content.join(in_src.with_extension("")).join("_index.md")
    } else {
        content.join(in_src)
    }
}

/// `README.md` (in any case) and `index.md`: the page of their folder, as in mdBook.
fn is_readme(file: &Path) -> bool {
    file.file_stem()
        .is_some_and(|s| s.eq_ignore_ascii_case("readme") || s == "index")
}

/// `name`, or `name-2`, `name-3`, … if taken; the name returned is marked taken.
fn unique(name: String, taken: &mut HashSet<String>) -> String {
    let mut candidate = name.clone();
    let mut n = 1;
    while taken.contains(&candidate) {
        n += 1;
        candidate = format!("{name}-{n}");
    }
    taken.insert(candidate.clone());
    candidate
}

/// What `book.toml` says, and what it says that insikt cannot keep.
#[derive(Debug, Default)]
struct Settings {
    title: Option<String>,
    authors: Vec<String>,
    description: Option<String>,
    language: Option<(String, usize)>,
    src: String,
    build_dir: Option<(String, usize)>,
    not_kept: Vec<Note>,
}

impl Settings {
    fn read(tree: &SourceTree) -> Result<Settings, Diagnostics> {
        let mut settings = Settings {
            src: "src".into(),
            ..Settings::default()
        };
        let text = match tree.read_text(Path::new(BOOK_TOML)) {
            Ok(text) => text,
            // mdBook builds a book without book.toml, with the defaults.
            Err(Refused::Missing) => return Ok(settings),
            Err(e) => {
                return Err(Diagnostic::new(BOOK_TOML, refused("cannot read book.toml", &e)).into())
            }
        };
        let entries = toml_entries::parse(Path::new(BOOK_TOML), &text, &text, 1)?;
        let mut errors = Diagnostics::default();
        let string = |e: &Entry, errors: &mut Diagnostics| match e.value.as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                errors.push(
                    Diagnostic::at(
                        BOOK_TOML,
                        &text,
                        Location::new(e.line, 1),
                        format!("`{}` must be text", e.path),
                    )
                    .with_help("write it in quotes, as mdBook reads it"),
                );
                None
            }
        };
        for top in &entries {
            match top.key() {
                "book" => {
                    for e in top.value.entries() {
                        match e.key() {
                            "title" => settings.title = string(e, &mut errors),
                            "description" => settings.description = string(e, &mut errors),
                            "language" => {
                                settings.language = string(e, &mut errors).map(|l| (l, e.line));
                            }
                            "src" => {
                                if let Some(s) = string(e, &mut errors) {
                                    settings.src = s;
                                }
                            }
                            "authors" => match e.value.as_strings() {
                                Some(list) => settings.authors = list,
                                None => errors.push(
                                    Diagnostic::at(
                                        BOOK_TOML,
                                        &text,
                                        Location::new(e.line, 1),
                                        "`book.authors` must be a list of names",
                                    )
                                    .with_help("write it as `authors = [\"A\", \"B\"]`"),
                                ),
                            },
                            _ => settings.not_kept.extend(
                                e.leaves()
                                    .iter()
                                    .map(|l| not_kept(l, "insikt has no such setting")),
                            ),
                        }
                    }
                }
                "build" => {
                    for e in top.value.entries() {
                        if e.key() == "build-dir" {
                            settings.build_dir = string(e, &mut errors).map(|d| (d, e.line));
                        } else {
                            settings.not_kept.extend(
                                e.leaves()
                                    .iter()
                                    .map(|l| not_kept(l, "insikt has no such setting")),
                            );
                        }
                    }
                }
                other => {
                    let why = match other {
                        "preprocessor" => "mdBook preprocessors do not run in insikt",
                        "output" => {
                            "insikt's own theme decides the look of the site (see Themes in the README)"
                        }
                        "rust" => "insikt runs no Rust code",
                        _ => "insikt has no such setting",
                    };
                    settings
                        .not_kept
                        .extend(top.leaves().iter().map(|l| not_kept(l, why)));
                }
            }
        }
        errors_or(errors)?;
        Ok(settings)
    }

    /// The book's title, or the name of its folder when it has none.
    fn title(&self, tree: &SourceTree) -> String {
        match self.title.as_deref().filter(|t| !t.trim().is_empty()) {
            Some(t) => t.to_string(),
            None => folder_name(tree),
        }
    }

    /// The new `book.toml`, with what was not kept.
    fn new_config(self, tree: &SourceTree) -> NewConfig {
        let title = self.title(tree);
        let mut not_kept = self.not_kept;
        if self.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            not_kept.push(Note::file(
                BOOK_TOML,
                format!("the book has no title; the folder's name, `{title}`, is used"),
            ));
        }
        let (code, line) = self.language.unwrap_or(("en".into(), 0));
        let (language, note) = language(&code);
        if let Some(note) = note {
            not_kept.push(if line > 0 {
                Note::at(BOOK_TOML, line, note)
            } else {
                Note::file(BOOK_TOML, note)
            });
        }
        let output = match self.build_dir {
            Some((dir, _)) if plain_output(&dir) => Some(dir),
            Some((dir, line)) => {
                not_kept.push(Note::at(
                    BOOK_TOML,
                    line,
                    format!(
                        "`build.build-dir = \"{dir}\"` not kept: insikt's `output` is a folder \
                         inside the project; the default, `public`, is used"
                    ),
                ));
                None
            }
            None => None,
        };
        NewConfig {
            title,
            language,
            authors: self.authors,
            description: self.description,
            output,
            from: "an mdBook book".into(),
            not_kept,
        }
    }
}

/// The name of the folder imported, as a title of last resort.
pub(super) fn folder_name(tree: &SourceTree) -> String {
    tree.root()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Report".into())
}

fn not_kept(entry: &Entry, why: &str) -> Note {
    Note::at(
        BOOK_TOML,
        entry.line,
        format!("`{}` not kept: {why}", entry.path),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chapter(title: &str, path: Option<&str>, children: Vec<Chapter>) -> Chapter {
        Chapter {
            title: title.into(),
            path: path.map(str::to_string),
            line: 1,
            children,
        }
    }

    fn place(chapters: Vec<Chapter>) -> (Vec<(Option<String>, String)>, super::super::Report) {
        let mut report = super::super::Report::default();
        let src = Path::new("src");
        let mut placer = Placer {
            src,
            book_title: "Book",
            summary_file: Path::new("src/SUMMARY.md"),
            summary_text: "",
            placed: Vec::new(),
            seen: HashSet::new(),
            errors: Diagnostics::default(),
            report: &mut report,
        };
        let top = placer.front_page(chapters);
        placer.place(&top, Path::new("content"));
        assert!(placer.errors.is_empty(), "{}", placer.errors);
        let placed = placer
            .placed
            .iter()
            .map(|p| {
                (
                    p.source.as_ref().map(|s| s.display().to_string()),
                    p.target.display().to_string(),
                )
            })
            .collect();
        (placed, report)
    }

    #[test]
    fn chapters_are_placed_by_their_nesting() {
        let (placed, report) = place(vec![
            chapter("Intro", Some("README.md"), vec![]),
            chapter(
                "Guide",
                Some("guide.md"),
                vec![
                    chapter("In folder", Some("guide/a.md"), vec![]),
                    chapter("Beside", Some("b.md"), vec![]),
                ],
            ),
            chapter(
                "CLI",
                Some("cli/README.md"),
                vec![chapter("Init", Some("cli/init.md"), vec![])],
            ),
            chapter("Flat", Some("deep/x/a.md"), vec![]),
            chapter("Later", Some("ideas/later.md"), vec![]),
            chapter("Draft", None, vec![]),
        ]);
        let targets: Vec<&str> = placed.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            targets,
            [
                "content/_index.md",
                "content/guide/_index.md",
                "content/guide/a.md",
                "content/guide/b.md",
                "content/cli/_index.md",
                "content/cli/init.md",
                "content/a.md",
                "content/later.md",
                "content/draft.md",
            ]
        );
        let moved: Vec<String> = report
            .moved
            .iter()
            .map(|(s, t)| format!("{} → {}", s.display(), t.display()))
            .collect();
        assert_eq!(
            moved,
            [
                "src/b.md → content/guide/b.md",
                "src/deep/x/a.md → content/a.md",
                "src/ideas/later.md → content/later.md",
            ]
        );
        assert_eq!(report.not_kept.len(), 1, "the draft is noted");
    }

    #[test]
    fn names_taken_twice_get_numbers_and_a_book_without_readme_gets_a_front_page() {
        let (placed, _) = place(vec![
            chapter("One", Some("a/intro.md"), vec![]),
            chapter("Two", Some("b/intro.md"), vec![]),
            chapter("Three", Some("c/README.md"), vec![]),
            chapter("Four", Some("c.md"), vec![]),
        ]);
        let targets: Vec<&str> = placed.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            targets,
            [
                "content/_index.md",
                "content/intro.md",
                "content/intro-2.md",
                "content/c/_index.md",
                "content/c-2.md",
            ]
        );
        assert_eq!(placed[0].0, None);
    }

    #[test]
    fn titles_are_left_out_when_the_heading_says_the_same() {
        assert_eq!(title_unless_heading("Intro", "# Intro\n\nText"), None);
        assert_eq!(
            title_unless_heading("Intro", "# Introduction\n"),
            Some("Intro".into())
        );
        assert_eq!(title_unless_heading("Intro", "Text"), Some("Intro".into()));
    }
}
