//! Zola → insikt.
//!
//! Where each file goes (the README states the same rules), chosen so that URLs stay as
//! Zola made them:
//! - `content/` stays `content/`; a section's `_index.md` stays `_index.md`; a page
//!   `a.md` stays `a.md` (`a/` either way).
//! - A page bundle, `post/index.md` with its files, becomes the page `post.md` with the
//!   files left in `post/` (links to them rewritten), so the page and its images keep their
//!   URLs.
//! - Page names are made as Zola makes them: a leading date (`2024-05-01-post.md`) is taken
//!   off and becomes the page's `date`, and the name is slugified (`My Post.md` →
//!   `my-post.md`) unless `[slugify] paths` says otherwise; a page's `slug` becomes its
//!   name.
//! - A folder with pages but no `_index.md` (which Zola allows) gets one, titled with the
//!   folder's name, because insikt needs one; this is listed.
//! - `static/` stays `static/`.
//!
//! Front matter (TOML between `+++` lines, or YAML between `---`) becomes insikt's YAML:
//! `title`; `description` → `summary`; `date`; `draft`; `authors` (from `authors`, else
//! `taxonomies.authors`, else `extra.author`/`extra.authors`). The order Zola gives a
//! section's pages (its `sort_by`: weight, date newest first, title, slug) followed by its
//! subsections (by weight) becomes `weight` 10, 20, … Everything else is listed at its
//! line. Internal links `@/path.md#x`, and links to a page's or file's URL, are rewritten
//! to relative links to the source files; shortcodes are left as written and listed.

use super::links::{is_external, percent_decode};
use super::mdbook::{asset_target, folder_name};
use super::output::Contents;
use super::page::{rewrite_links, slashed, Front, IdScheme, Origins, Page, Resolved};
use super::source::{Refused, SourceFile, SourceTree};
use super::toml_entries::{self, Entry, Value};
use super::{errors_or, language, plain_output, NewConfig, Note, Plan};
use insikt_core::diagnostic::{Diagnostic, Diagnostics, Location};
use insikt_core::input::normalize;
use insikt_core::slug::file_slug;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Plans the insikt project for the site in `tree`.
pub(super) fn plan(tree: &SourceTree) -> Result<Plan, Diagnostics> {
    let mut plan = Plan::default();
    let config = Config::read(tree)?;
    let content = Path::new("content");
    match tree.resolve(content) {
        Ok(real) if real.is_dir() => plan.read_dirs.push(real),
        _ => {
            return Err(
                Diagnostic::new("content", "the site has no `content/` folder")
                    .with_help(
                        "name the Zola site's folder (the one with config.toml and content/)",
                    )
                    .into(),
            )
        }
    }
    if let Ok(real) = tree.resolve(Path::new("static")) {
        plan.read_dirs.push(real);
    }
    for folder in ["templates", "themes", "sass"] {
        if tree.resolve(Path::new(folder)).is_ok_and(|p| p.is_dir()) {
            plan.report.not_kept.push(Note::file(
                folder,
                "not imported: insikt has its own theme; override its templates in \
                 themes/NAME/templates/ (see Themes in the README)",
            ));
        }
    }
    let notes = &mut plan.report.not_kept;
    let files = tree.walk(content, notes);
    let statics = tree.walk(Path::new("static"), notes);
    let layout = Layout::new(&files, &config, notes)?;

    let mut errors = Diagnostics::default();
    let mut entries: Vec<Item> = Vec::new();
    for (folder, file) in &layout.sections {
        match file {
            Some(file) => match read_page(tree, file, true, notes) {
                Ok(mut item) => {
                    item.page.target = Path::new("content")
                        .join(layout.map_dir(folder))
                        .join("_index.md");
                    item.folder = folder.clone();
                    entries.push(item);
                }
                Err(d) => errors.extend(d),
            },
            None => {
                let title = if folder.as_os_str().is_empty() {
                    config.title(tree)
                } else {
                    let name = folder
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    notes.push(Note::file(
                        content.join(folder),
                        format!(
                            "has pages but no `_index.md`, which insikt needs: made one with \
                             the title `{name}`"
                        ),
                    ));
                    name
                };
                let source = content.join(folder);
                entries.push(Item {
                    page: Page {
                        origins: Origins::whole(&source, 1),
                        source,
                        target: Path::new("content")
                            .join(layout.map_dir(folder))
                            .join("_index.md"),
                        front: Front {
                            title: Some(title),
                            ..Front::default()
                        },
                        body: String::new(),
                    },
                    folder: folder.clone(),
                    is_section: true,
                    order: Order::default(),
                });
            }
        }
    }
    for (file, kind) in &layout.pages {
        let in_content = file.strip_prefix(content).unwrap_or(file);
        let (parent, own) = match kind {
            PageKind::Bundle => {
                let folder = in_content.parent().unwrap_or(Path::new(""));
                (
                    folder.parent().unwrap_or(Path::new("")).to_path_buf(),
                    folder.file_name().unwrap_or_default(),
                )
            }
            PageKind::Single => (
                in_content.parent().unwrap_or(Path::new("")).to_path_buf(),
                in_content.file_stem().unwrap_or_default(),
            ),
        };
        let (name, date) = layout.page_name(&own.to_string_lossy());
        match read_page(tree, file, false, notes) {
            Ok(mut item) => {
                // Zola's `slug` names the page in its URL, so it names the file.
                let name = match item.order.slug.as_deref().map(|s| layout.slugged(s)) {
                    Some(slug) if !slug.is_empty() => slug,
                    _ => name,
                };
                if item.page.front.date.is_none() {
                    item.page.front.date = date.clone();
                    item.order.date = item.order.date.or(date);
                }
                item.page.target = Path::new("content")
                    .join(layout.map_dir(&parent))
                    .join(format!("{name}.md"));
                item.folder = parent;
                item.order.name = name;
                entries.push(item);
            }
            Err(d) => errors.extend(d),
        }
    }
    errors_or(errors)?;
    assign_weights(&mut entries);

    // Files beside the pages, and static/.
    let mut errors = Diagnostics::default();
    let mut by_url: HashMap<String, PathBuf> = HashMap::new();
    let mut by_source: HashMap<PathBuf, PathBuf> = HashMap::new();
    for file in &layout.assets {
        let in_content = file.rel.strip_prefix(content).unwrap_or(&file.rel);
        let folder = in_content.parent().unwrap_or(Path::new(""));
        let mapped = layout
            .map_dir(folder)
            .join(in_content.file_name().unwrap_or_default());
        let target = asset_target(&mapped);
        match plan
            .files
            .add(target.clone(), Contents::Copy(file.real.clone()), &file.rel)
        {
            Ok(()) => {
                plan.report.assets += 1;
                by_url.insert(url_key(&slashed(&mapped)), target.clone());
                by_source.insert(file.rel.clone(), target);
            }
            Err(d) => errors.push(d),
        }
    }
    for file in &statics {
        let target = file.rel.clone();
        match plan
            .files
            .add(target.clone(), Contents::Copy(file.real.clone()), &file.rel)
        {
            Ok(()) => {
                plan.report.assets += 1;
                let in_static = target.strip_prefix("static").unwrap_or(&target);
                by_url.insert(url_key(&slashed(in_static)), target.clone());
            }
            Err(d) => errors.push(d),
        }
    }
    let mut page_urls: HashMap<PathBuf, String> = HashMap::new();
    for item in &entries {
        let url = url_of_target(&item.page.target);
        by_url.insert(url_key(&url), item.page.target.clone());
        let zola_url = match &item.order.path {
            Some(path) => url_key(path),
            None => url,
        };
        by_url.insert(url_key(&zola_url), item.page.target.clone());
        page_urls.insert(item.page.target.clone(), zola_url);
        by_source.insert(item.page.source.clone(), item.page.target.clone());
    }
    let mut pages: Vec<Page> = entries.into_iter().map(|i| i.page).collect();
    for page in &pages {
        for (line, shortcode) in shortcodes(&page.body) {
            let (file, at) = page.origins.locate(&page.body, 0);
            plan.report.not_kept.push(Note::at(
                file,
                at + line - 1,
                format!(
                    "shortcode `{shortcode}` left as written: insikt has no shortcodes; \
                     write what it makes in Markdown"
                ),
            ));
        }
    }
    let links = Links {
        by_url: &by_url,
        by_source: &by_source,
        page_urls: &page_urls,
    };
    rewrite_links(
        &mut pages,
        IdScheme::Zola,
        |page, url| links.resolve(page, url),
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

    let new_config = config.new_config(tree);
    plan.report
        .not_kept
        .extend(new_config.not_kept.iter().cloned());
    if let Err(d) = plan.files.add(
        PathBuf::from("book.toml"),
        Contents::Text(new_config.to_toml()),
        Path::new(&config.file),
    ) {
        errors.push(d);
    }
    errors_or(errors)?;
    Ok(plan)
}

/// The site-relative URL (without slashes at the ends) of a page written at `target`:
/// `content/a/b.md` → `a/b`, `content/a/_index.md` → `a`.
fn url_of_target(target: &Path) -> String {
    let in_content = target.strip_prefix("content").unwrap_or(target);
    let path = if in_content.file_name().is_some_and(|n| n == "_index.md") {
        in_content.parent().unwrap_or(Path::new("")).to_path_buf()
    } else {
        in_content.with_extension("")
    };
    slashed(&path)
}

/// A URL path as a lookup key: no leading or trailing `/`, no `index.html`.
fn url_key(url: &str) -> String {
    let url = url.trim_matches('/');
    let url = url.strip_suffix("index.html").unwrap_or(url);
    url.trim_matches('/').to_string()
}

/// What the links of the site can point at.
struct Links<'a> {
    /// URL (as [`url_key`]) → file of the new project.
    by_url: &'a HashMap<String, PathBuf>,
    /// Source file (`content/…`) → file of the new project.
    by_source: &'a HashMap<PathBuf, PathBuf>,
    /// A page's target → its URL in Zola.
    page_urls: &'a HashMap<PathBuf, String>,
}

impl Links<'_> {
    /// `@/path.md#x` names a source file under `content/`; `/…` a URL of the site; other
    /// relative links are relative to the page's URL, as a browser reads them in Zola's
    /// output (and, failing that, to its source file).
    fn resolve(&self, page: &Page, url: &str) -> Resolved {
        if is_external(url) {
            return Resolved::Keep;
        }
        let (path, fragment) = match url.split_once('#') {
            Some((p, f)) => (p, Some(f.to_string())),
            None => (url, None),
        };
        if let Some(internal) = path.strip_prefix("@/") {
            let file = normalize(&Path::new("content").join(percent_decode(internal)));
            return match file.and_then(|f| self.by_source.get(&f)) {
                Some(target) => Resolved::To(target.clone(), fragment),
                None => Resolved::Missing(format!("there is no page `content/{internal}`")),
            };
        }
        let path = percent_decode(path.split('?').next().unwrap_or(""));
        if path.is_empty() {
            return match fragment {
                Some(f) => Resolved::To(page.target.clone(), Some(f)),
                None => Resolved::Keep,
            };
        }
        if let Some(absolute) = path.strip_prefix('/') {
            return match self.by_url.get(&url_key(absolute)) {
                Some(target) => Resolved::To(target.clone(), fragment),
                None => Resolved::Missing(format!("nothing in the site has the URL `{path}`")),
            };
        }
        let base = self
            .page_urls
            .get(&page.target)
            .cloned()
            .unwrap_or_default();
        let by_url = normalize(&Path::new(&base).join(&path))
            .and_then(|p| self.by_url.get(&url_key(&slashed(&p))));
        let by_file = || {
            let file = normalize(&page.source.parent().unwrap_or(Path::new("")).join(&path))?;
            [file.clone(), file.join("_index.md"), file.join("index.md")]
                .iter()
                .find_map(|f| self.by_source.get(f))
        };
        match by_url.or_else(by_file) {
            Some(target) => Resolved::To(target.clone(), fragment),
            None => Resolved::Missing(format!(
                "nothing in the site at `{path}` from this page's URL `/{base}/`"
            )),
        }
    }
}

/// A page or section being planned, with what decides its order.
#[derive(Debug)]
struct Item {
    page: Page,
    /// The folder (under `content/`) of the section it belongs in; for a section, its own
    /// folder.
    folder: PathBuf,
    is_section: bool,
    order: Order,
}

/// What Zola orders pages and sections by.
#[derive(Debug, Default, Clone)]
struct Order {
    weight: Option<i64>,
    /// `date` as written (date or date-time).
    date: Option<String>,
    updated: Option<String>,
    title: String,
    /// The page's name in the new project (its slug).
    name: String,
    /// A section's `sort_by`.
    sort_by: Option<String>,
    /// The page's own name in its URL (`slug`), which becomes its file name.
    slug: Option<String>,
    /// The URL path Zola gives the page when its `path` says so.
    path: Option<String>,
}

/// Gives every page and section a `weight` from Zola's order: in each section, its pages
/// as its `sort_by` orders them, then its subsections by weight.
fn assign_weights(items: &mut [Item]) {
    let sort_by: HashMap<PathBuf, Option<String>> = items
        .iter()
        .filter(|i| i.is_section)
        .map(|i| (i.folder.clone(), i.order.sort_by.clone()))
        .collect();
    let mut children: BTreeMap<PathBuf, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        if item.is_section {
            if let Some(parent) = item.folder.parent() {
                children.entry(parent.to_path_buf()).or_default().1.push(i);
            }
        } else {
            children.entry(item.folder.clone()).or_default().0.push(i);
        }
    }
    for (folder, (mut pages, mut sections)) in children {
        let by = sort_by.get(&folder).cloned().flatten();
        let source = |i: usize| items[i].page.source.clone();
        match by.as_deref() {
            Some("weight") => pages.sort_by_key(|&i| {
                let w = items[i].order.weight;
                (w.is_none(), w, source(i))
            }),
            Some(how @ ("date" | "update_date")) => pages.sort_by_key(|&i| {
                let o = &items[i].order;
                let date = if how == "update_date" {
                    o.updated.clone().or_else(|| o.date.clone())
                } else {
                    o.date.clone()
                };
                (date.is_none(), Reverse(date), source(i))
            }),
            // Zola compares titles with letters transliterated to ASCII (Å as A).
            Some("title") => pages.sort_by_key(|&i| (file_slug(&items[i].order.title), source(i))),
            Some("title_bytes") => {
                pages.sort_by_key(|&i| (items[i].order.title.clone(), source(i)))
            }
            Some("slug") => pages.sort_by_key(|&i| (items[i].order.name.clone(), source(i))),
            _ => pages.sort_by_key(|&i| source(i)),
        }
        sections.sort_by_key(|&i| {
            let w = items[i].order.weight;
            (w.is_none(), w, source(i))
        });
        for (n, i) in pages.into_iter().chain(sections).enumerate() {
            items[i].page.front.weight = Some(10 * (n as i64 + 1));
        }
    }
}

/// How a `.md` file of the site is a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PageKind {
    /// `name.md`.
    Single,
    /// `name/index.md`, with the files of `name/`.
    Bundle,
}

/// Which files of `content/` are sections, pages and bundles, and what becomes of names.
struct Layout {
    /// Section folders (under `content/`, `""` for the front page) and their `_index.md`
    /// (`None` when the import makes one).
    sections: BTreeMap<PathBuf, Option<PathBuf>>,
    /// Page files (`content/…`) and their kind.
    pages: Vec<(PathBuf, PageKind)>,
    /// Bundle folders under `content/`.
    bundles: BTreeSet<PathBuf>,
    /// Other files.
    assets: Vec<SourceFile>,
    /// Whether page names are slugified (Zola's `[slugify] paths = "on"`, the default).
    slugify: bool,
}

impl Layout {
    fn new(
        files: &[SourceFile],
        config: &Config,
        notes: &mut Vec<Note>,
    ) -> Result<Layout, Diagnostics> {
        let content = Path::new("content");
        let mut sections: BTreeMap<PathBuf, Option<PathBuf>> = BTreeMap::new();
        let mut index_files: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
        let mut singles = Vec::new();
        let mut assets = Vec::new();
        for file in files {
            let in_content = file.rel.strip_prefix(content).unwrap_or(&file.rel);
            if in_content.extension().is_none_or(|e| e != "md") {
                assets.push(file.clone());
                continue;
            }
            let stem = in_content.file_stem().unwrap_or_default().to_string_lossy();
            if let Some((_, lang)) = stem.rsplit_once('.') {
                if config.translations.iter().any(|t| t == lang) {
                    notes.push(Note::file(
                        &file.rel,
                        format!(
                            "translation (`{lang}`) not imported: an insikt report is in one \
                             language; import it as a report of its own if it is needed"
                        ),
                    ));
                    continue;
                }
            }
            let folder = in_content.parent().unwrap_or(Path::new("")).to_path_buf();
            match stem.as_ref() {
                "_index" => {
                    sections.insert(folder, Some(file.rel.clone()));
                }
                "index" => {
                    index_files.insert(folder, file.rel.clone());
                }
                _ => singles.push((folder, file.rel.clone())),
            }
        }
        let mut errors = Diagnostics::default();
        let mut bundles = BTreeSet::new();
        let mut pages = Vec::new();
        for (folder, file) in index_files {
            if sections.contains_key(&folder) {
                errors.push(
                    Diagnostic::new(&file, "a folder with both `_index.md` and `index.md`")
                        .with_help("Zola cannot build this either: keep one of the two"),
                );
            } else if folder.as_os_str().is_empty() {
                // `content/index.md` is not a bundle; Zola reads it as a page `index`.
                singles.push((folder, file));
            } else {
                bundles.insert(folder.clone());
                pages.push((folder, file, PageKind::Bundle));
            }
        }
        let in_bundle = |folder: &Path, own: bool| {
            bundles
                .iter()
                .any(|b| folder.starts_with(b) && (own || folder != b))
        };
        pages.retain(|(folder, file, _)| {
            let nested = in_bundle(folder, false);
            if nested {
                notes.push(Note::file(
                    file,
                    "not imported: a page bundle inside another page bundle",
                ));
            }
            !nested
        });
        for (folder, file) in singles {
            if in_bundle(&folder, true) {
                notes.push(Note::file(
                    &file,
                    "not imported: a page inside a page bundle's folder, which Zola does not \
                     build as a page",
                ));
            } else {
                pages.push((folder, file, PageKind::Single));
            }
        }
        sections.retain(|folder, file| {
            let nested = in_bundle(folder, true);
            if nested {
                if let Some(file) = file {
                    notes.push(Note::file(
                        file.as_path(),
                        "not imported: a section inside a page bundle's folder",
                    ));
                }
            }
            !nested
        });
        // Every folder holding a page or a section needs a section of its own, up to the
        // front page.
        let mut needed: Vec<PathBuf> = vec![PathBuf::new()];
        for (folder, _, kind) in &pages {
            let home = match kind {
                PageKind::Bundle => folder.parent().unwrap_or(Path::new("")),
                PageKind::Single => folder,
            };
            needed.extend(home.ancestors().map(Path::to_path_buf));
        }
        for folder in sections.keys() {
            needed.extend(folder.ancestors().skip(1).map(Path::to_path_buf));
        }
        for folder in needed {
            sections.entry(folder).or_insert(None);
        }
        errors_or(errors)?;
        Ok(Layout {
            sections,
            pages: pages
                .into_iter()
                .map(|(_, file, kind)| (file, kind))
                .collect(),
            bundles,
            assets,
            slugify: config.slugify_paths,
        })
    }

    /// A page's name in the new project from its file stem or bundle folder: a leading
    /// `YYYY-MM-DD` and `-` or `_` taken off (and returned as its date), then slugified as
    /// Zola does.
    fn page_name(&self, stem: &str) -> (String, Option<String>) {
        let (rest, date) = match (stem.get(..10), stem.get(10..11), stem.get(11..)) {
            (Some(d), Some("-" | "_"), Some(rest))
                if !rest.is_empty() && insikt_core::date::Date::parse(d).is_some() =>
            {
                (rest, Some(d.to_string()))
            }
            _ => (stem, None),
        };
        let name = self.slugged(rest);
        let name = if name.is_empty() {
            rest.to_string()
        } else {
            name
        };
        (name, date)
    }

    /// `name` slugified as Zola does for URLs, unless the site turned that off.
    fn slugged(&self, name: &str) -> String {
        if self.slugify {
            file_slug(name)
        } else {
            name.to_string()
        }
    }

    /// The folder `folder` (under `content/`) in the new project: bundle folders take
    /// their page's name; other folders keep theirs.
    fn map_dir(&self, folder: &Path) -> PathBuf {
        let mut out = PathBuf::new();
        let mut source = PathBuf::new();
        for part in folder.components() {
            source.push(part);
            if self.bundles.contains(&source) {
                out.push(self.page_name(&part.as_os_str().to_string_lossy()).0);
            } else {
                out.push(part);
            }
        }
        out
    }
}

/// Reads a page or section and translates its front matter.
fn read_page(
    tree: &SourceTree,
    file: &Path,
    is_section: bool,
    notes: &mut Vec<Note>,
) -> Result<Item, Diagnostics> {
    let text = tree.read_text(file).map_err(|e| {
        Diagnostics::from(Diagnostic::new(
            file,
            match e {
                Refused::Io(e) => format!("cannot read the file: {e}"),
                _ => "cannot read the file".to_string(),
            },
        ))
    })?;
    let (entries, body_offset) = front_matter(file, &text)?;
    let body_line = Location::from_offset(&text, body_offset).line;
    let mut front = Front::default();
    let mut order = Order::default();
    let mut errors = Diagnostics::default();
    let mut wrong = |e: &Entry, what: &str| {
        errors.push(
            Diagnostic::at(
                file,
                &text,
                Location::new(e.line, 1),
                format!("`{}` must be {what}", e.path),
            )
            .with_help("Zola would not build this either; fix it, then import again"),
        );
    };
    let mut note = |e: &Entry, why: &str| {
        notes.push(Note::at(
            file,
            e.line,
            format!("`{}` not kept: {why}", e.path),
        ));
    };
    let mut other_authors: Option<Vec<String>> = None;
    for e in &entries {
        match e.key() {
            "title" => match e.value.as_str() {
                Some(t) => {
                    front.title = Some(t.to_string());
                    order.title = t.to_string();
                }
                None => wrong(e, "text"),
            },
            "description" => match e.value.as_str() {
                Some(d) => front.summary = Some(d.to_string()),
                None => wrong(e, "text"),
            },
            "weight" => match e.value {
                Value::Integer(w) => order.weight = Some(w),
                _ => wrong(e, "a whole number"),
            },
            "draft" => match e.value.as_bool() {
                Some(d) => front.draft = d,
                None => wrong(e, "true or false"),
            },
            "date" => match e.value.as_date_text() {
                Some(d) => {
                    order.date = Some(d.to_string());
                    match d
                        .get(..10)
                        .filter(|d| insikt_core::date::Date::parse(d).is_some())
                    {
                        Some(day) => front.date = Some(day.to_string()),
                        None => wrong(e, "a date (YYYY-MM-DD)"),
                    }
                }
                None => wrong(e, "a date"),
            },
            "updated" => {
                order.updated = e.value.as_date_text().map(str::to_string);
                note(e, "insikt shows one date per page, `date`");
            }
            "authors" => match e.value.as_strings() {
                Some(list) => front.authors = list,
                None => wrong(e, "a list of names"),
            },
            "sort_by" if is_section => {
                order.sort_by = e.value.as_str().map(str::to_string);
                note(
                    e,
                    "insikt does not sort by itself; the order Zola gave the pages is kept as \
                     their `weight`",
                );
            }
            "taxonomies" | "extra" => {
                for leaf in e.leaves() {
                    let author_key = matches!(leaf.key(), "author" | "authors")
                        && leaf.path.matches('.').count() == 1;
                    match (author_key, leaf.value.as_strings()) {
                        (true, Some(list)) if other_authors.is_none() => {
                            other_authors = Some(list);
                        }
                        _ => note(
                            leaf,
                            if e.key() == "taxonomies" {
                                "insikt has no taxonomies"
                            } else {
                                "insikt has no place for a theme's extra settings"
                            },
                        ),
                    }
                }
            }
            "template" | "page_template" => {
                note(
                    e,
                    "insikt pages use its theme's templates (see Themes in the README)",
                );
            }
            "paginate_by" | "paginate_path" | "paginate_reversed" => {
                note(e, "a section's page lists all its pages");
            }
            "aliases" => note(e, "insikt makes no redirect pages"),
            "slug" if !is_section => match e.value.as_str() {
                Some(value) => order.slug = Some(value.to_string()),
                None => wrong(e, "text"),
            },
            "path" => {
                order.path = e.value.as_str().map(str::to_string);
                note(
                    e,
                    "the page's URL follows its file's path in insikt; move the file to keep \
                     the URL",
                );
            }
            "in_search_index" => note(e, "every page is in insikt's search"),
            _ => note(e, "insikt has no such setting"),
        }
    }
    if front.authors.is_empty() {
        front.authors = other_authors.unwrap_or_default();
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Item {
        page: Page {
            source: file.to_path_buf(),
            target: PathBuf::new(),
            front,
            body: text[body_offset..].to_string(),
            origins: Origins::whole(file, body_line),
        },
        folder: PathBuf::new(),
        is_section,
        order,
    })
}

/// The front matter keys of a page (TOML between `+++` lines, or YAML between `---`) and
/// the byte offset of its body.
fn front_matter(file: &Path, text: &str) -> Result<(Vec<Entry>, usize), Diagnostics> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let fence = text[..first_end].trim_end();
    if fence != "+++" && fence != "---" {
        return Ok((Vec::new(), 0));
    }
    let mut at = first_end;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        if text[at..end].trim_end() == fence {
            let inner = &text[first_end..at];
            let entries = if fence == "+++" {
                toml_entries::parse(file, inner, text, 2)?
            } else {
                yaml_entries(file, inner, text)?
            };
            return Ok((entries, end));
        }
        at = end;
    }
    Err(Diagnostic::at(
        file,
        text,
        Location::new(1, 1),
        format!("the front matter opened with `{fence}` is never closed"),
    )
    .with_help(format!("end it with a line holding only `{fence}`"))
    .into())
}

/// YAML front matter as entries, each located at the line its key is written on.
fn yaml_entries(file: &Path, yaml: &str, whole: &str) -> Result<Vec<Entry>, Diagnostics> {
    let value: serde_json::Value = serde_saphyr::from_str(yaml).map_err(|e| {
        let line = e.location().map_or(1, |l| l.line() as usize);
        Diagnostics::from(
            Diagnostic::at(
                file,
                whole,
                Location::new(line + 1, 1),
                "this is not valid YAML",
            )
            .with_help("fix the front matter in the source, then import again"),
        )
    })?;
    let line_of = |key: &str| {
        yaml.lines()
            .position(|l| {
                l.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
            .map_or(2, |i| i + 2)
    };
    fn convert(value: &serde_json::Value, path: &str, line: usize) -> Value {
        match value {
            serde_json::Value::String(s) => Value::String(s.clone()),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => Value::Integer(i),
                None => Value::Other(n.to_string()),
            },
            serde_json::Value::Bool(b) => Value::Other(b.to_string()),
            serde_json::Value::Null => Value::Other("null".into()),
            serde_json::Value::Array(items) => {
                Value::Array(items.iter().map(|v| convert(v, path, line)).collect())
            }
            serde_json::Value::Object(map) => Value::Table(
                map.iter()
                    .map(|(k, v)| {
                        let path = format!("{path}.{k}");
                        Entry {
                            value: convert(v, &path, line),
                            path,
                            line,
                        }
                    })
                    .collect(),
            ),
        }
    }
    let serde_json::Value::Object(map) = value else {
        return Ok(Vec::new());
    };
    let mut entries: Vec<Entry> = map
        .iter()
        .map(|(k, v)| {
            let line = line_of(k);
            Entry {
                value: convert(v, k, line),
                path: k.clone(),
                line,
            }
        })
        .collect();
    entries.sort_by_key(|e| e.line);
    Ok(entries)
}

/// Zola shortcodes in `body`, `{{ name(…) }}` and `{% name(…) %}`, with their 1-based line
/// in the body. Zola reads them everywhere, code blocks included; `{{/* … */}}` is its way
/// of writing one literally and is not listed.
fn shortcodes(body: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (i, line) in body.lines().enumerate() {
        for open in ["{{", "{%"] {
            let mut from = 0;
            while let Some(at) = line[from..].find(open) {
                let start = from + at;
                let rest = line[start + 2..].trim_start();
                let name_len = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                let after = rest[name_len..].trim_start();
                if name_len > 0 && after.starts_with('(') {
                    let close = if open == "{{" { "}}" } else { "%}" };
                    let end = line[start..]
                        .find(close)
                        .map_or(line.len(), |e| start + e + 2);
                    found.push((i + 1, line[start..end].to_string()));
                    from = end;
                } else {
                    from = start + 2;
                }
            }
        }
    }
    found.sort();
    found
}

/// What `config.toml` says, and what it says that insikt cannot keep.
#[derive(Debug, Default)]
struct Config {
    /// `config.toml` or `zola.toml`.
    file: String,
    title: Option<String>,
    description: Option<String>,
    language: Option<(String, usize)>,
    authors: Vec<String>,
    output_dir: Option<(String, usize)>,
    /// Language codes of translations (`[languages.xx]`).
    translations: Vec<String>,
    slugify_paths: bool,
    not_kept: Vec<Note>,
}

impl Config {
    fn read(tree: &SourceTree) -> Result<Config, Diagnostics> {
        let (file, text) = ["config.toml", "zola.toml"]
            .iter()
            .find_map(|name| {
                tree.read_text(Path::new(name))
                    .ok()
                    .map(|text| (name.to_string(), text))
            })
            .ok_or_else(|| {
                Diagnostics::from(
                    Diagnostic::new("config.toml", "cannot read the site's config.toml")
                        .with_help("name the Zola site's folder (the one with config.toml)"),
                )
            })?;
        let path = PathBuf::from(&file);
        let entries = toml_entries::parse(&path, &text, &text, 1)?;
        let mut config = Config {
            file: file.clone(),
            slugify_paths: true,
            ..Config::default()
        };
        let mut errors = Diagnostics::default();
        let string = |e: &Entry, errors: &mut Diagnostics| match e.value.as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                errors.push(Diagnostic::at(
                    &path,
                    &text,
                    Location::new(e.line, 1),
                    format!("`{}` must be text", e.path),
                ));
                None
            }
        };
        let note =
            |e: &Entry, why: &str| Note::at(&path, e.line, format!("`{}` not kept: {why}", e.path));
        for e in &entries {
            match e.key() {
                "title" => config.title = string(e, &mut errors),
                "description" => config.description = string(e, &mut errors),
                "default_language" => {
                    config.language = string(e, &mut errors).map(|l| (l, e.line));
                }
                "author" => config.authors = string(e, &mut errors).into_iter().collect(),
                "output_dir" => config.output_dir = string(e, &mut errors).map(|d| (d, e.line)),
                "base_url" => config.not_kept.push(note(
                    e,
                    "insikt's links are relative, so the site works at any address",
                )),
                "languages" => {
                    config
                        .translations
                        .extend(e.value.entries().iter().map(|l| l.key().to_string()));
                    config.not_kept.extend(
                        e.leaves()
                            .iter()
                            .map(|l| note(l, "an insikt report is in one language")),
                    );
                }
                "slugify" => {
                    for s in e.value.entries() {
                        if s.key() == "paths" {
                            config.slugify_paths = s.value.as_str() == Some("on");
                        } else {
                            config
                                .not_kept
                                .push(note(s, "insikt makes its own heading ids"));
                        }
                    }
                }
                "extra" => {
                    for x in e.value.entries() {
                        match (x.key(), x.value.as_strings()) {
                            ("author" | "authors", Some(list)) if config.authors.is_empty() => {
                                config.authors = list;
                            }
                            _ => config.not_kept.extend(x.leaves().iter().map(|l| {
                                note(l, "insikt has no place for a theme's extra settings")
                            })),
                        }
                    }
                }
                key => {
                    let why = match key {
                        "markdown" => {
                            "insikt renders Markdown its own way (see Pages in the README)"
                        }
                        "taxonomies" => "insikt has no taxonomies",
                        "theme" | "compile_sass" => {
                            "insikt has its own theme (see Themes in the README)"
                        }
                        "build_search_index" | "search" => "insikt always builds its own search",
                        _ => "insikt has no such setting",
                    };
                    config
                        .not_kept
                        .extend(e.leaves().iter().map(|l| note(l, why)));
                }
            }
        }
        errors_or(errors)?;
        Ok(config)
    }

    /// The site's title, or the name of its folder when it has none.
    fn title(&self, tree: &SourceTree) -> String {
        match self.title.as_deref().filter(|t| !t.trim().is_empty()) {
            Some(t) => t.to_string(),
            None => folder_name(tree),
        }
    }

    /// The new `book.toml`, with what was not kept.
    fn new_config(&self, tree: &SourceTree) -> NewConfig {
        let title = self.title(tree);
        let mut not_kept = self.not_kept.clone();
        if self.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            not_kept.push(Note::file(
                &self.file,
                format!("the site has no title; the folder's name, `{title}`, is used"),
            ));
        }
        let (code, line) = self.language.clone().unwrap_or(("en".into(), 0));
        let (language, note) = language(&code);
        if let Some(note) = note {
            not_kept.push(if line > 0 {
                Note::at(&self.file, line, note)
            } else {
                Note::file(&self.file, note)
            });
        }
        let output = match &self.output_dir {
            Some((dir, _)) if plain_output(dir) => Some(dir.clone()),
            Some((dir, line)) => {
                not_kept.push(Note::at(
                    &self.file,
                    *line,
                    format!(
                        "`output_dir = \"{dir}\"` not kept: insikt's `output` is a folder inside \
                         the project; the default, `public`, is used"
                    ),
                ));
                None
            }
            None => None,
        };
        NewConfig {
            title,
            language,
            authors: self.authors.clone(),
            description: self.description.clone(),
            output,
            from: "a Zola site".into(),
            not_kept,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_in_toml_and_yaml() {
        let text = "+++\ntitle = \"A\"\nweight = 3\n[extra]\nauthor = \"Eva\"\n+++\nBody\n";
        let (entries, body) = front_matter(Path::new("a.md"), text).unwrap();
        assert_eq!(&text[body..], "Body\n");
        assert_eq!(entries[0].line, 2);
        assert_eq!(entries[2].value.entries()[0].line, 5);
        let text = "---\ntitle: A\ndate: 2024-01-02\n---\nBody\n";
        let (entries, body) = front_matter(Path::new("a.md"), text).unwrap();
        assert_eq!(&text[body..], "Body\n");
        assert_eq!(entries[1].path, "date");
        assert_eq!(entries[1].line, 3);
        let e = front_matter(Path::new("a.md"), "+++\ntitle = 1\n").unwrap_err();
        assert!(e.iter().next().unwrap().message.contains("never closed"));
    }

    #[test]
    fn shortcodes_are_found_at_their_lines() {
        let body = "Text\n{{ youtube(id=\"x\") }} and {% note(kind=\"a\") %}\nhi\n{% end %}\n{{/* literal() */}}\n{{ page.title }}\n";
        let found = shortcodes(body);
        assert_eq!(
            found,
            [
                (2, "{% note(kind=\"a\") %}".to_string()),
                (2, "{{ youtube(id=\"x\") }}".to_string()),
            ]
        );
    }

    #[test]
    fn page_names_lose_their_date_and_are_slugified() {
        let layout = Layout {
            sections: BTreeMap::new(),
            pages: Vec::new(),
            bundles: BTreeSet::from([PathBuf::from("blog/2024-05-01_My Trip")]),
            assets: Vec::new(),
            slugify: true,
        };
        assert_eq!(
            layout.page_name("2024-05-01-first-post"),
            ("first-post".into(), Some("2024-05-01".into()))
        );
        assert_eq!(layout.page_name("My_Post"), ("my-post".into(), None));
        assert_eq!(
            layout.page_name("2024-13-01-x"),
            ("2024-13-01-x".into(), None)
        );
        assert_eq!(
            layout.map_dir(Path::new("blog/2024-05-01_My Trip/img")),
            PathBuf::from("blog/my-trip/img")
        );
    }

    #[test]
    fn urls_are_keys_without_slashes() {
        assert_eq!(url_key("/blog/post/"), "blog/post");
        assert_eq!(url_key("blog/index.html"), "blog");
        assert_eq!(url_of_target(Path::new("content/blog/_index.md")), "blog");
        assert_eq!(url_of_target(Path::new("content/blog/a.md")), "blog/a");
        assert_eq!(url_of_target(Path::new("content/_index.md")), "");
    }
}
