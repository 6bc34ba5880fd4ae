//! What templates see: serialisable views of the site and a page, with every link already
//! made relative to the page being rendered.

use serde::Serialize;

/// The part of a page's template context that is the same on every page (documented in
/// `docs/themes.md`), made into a template context once rather than for each page: the
/// UI strings alone are some 140 strings.
#[derive(Debug, Serialize)]
pub struct SharedContext<'a> {
    /// The language code for `<html lang>`.
    pub lang: &'static str,
    /// UI strings.
    pub t: &'a insikt_core::language::UiStrings,
    /// Report-wide information.
    pub site: &'a SiteView,
}

/// The rest of the template context of one page (documented in `docs/themes.md`); the
/// whole context is this and the [`SharedContext`].
#[derive(Debug, Serialize)]
pub struct PageContext<'a> {
    /// Relative prefix to the site root.
    pub root: &'a str,
    /// The front page link.
    pub home: Link<'a>,
    /// The page itself.
    pub page: PageView<'a>,
    /// From the front page down to the parent.
    pub breadcrumbs: Vec<Link<'a>>,
    /// The navigation tree as HTML, cut to the current path (see `docs/themes.md`).
    pub nav_html: String,
    /// Previous page in reading order.
    pub prev: Option<Link<'a>>,
    /// Next page in reading order.
    pub next: Option<Link<'a>>,
    /// A section's pages.
    pub children: Vec<ChildView<'a>>,
    /// The front page's overview of top-level sections.
    pub sections: Vec<SectionView<'a>>,
    /// Theme asset links.
    pub assets: Assets,
    /// Relative href of `print.html`, the whole report on one page.
    pub print_href: String,
    /// Relative href of the codebook (`codebook/index.html`), when the report has datasets.
    pub codebook_href: Option<String>,
}

impl PageContext<'_> {
    /// Puts each key of this context into `context`, replacing the previous page's keys in a
    /// kept context: each value is serialised once, into its place, rather than the whole
    /// context into a map of its own that is then merged in.
    pub(crate) fn insert_into(&self, context: &mut tera::Context) -> tera::Result<()> {
        // Every field, so that a field added to the struct must be added here.
        let PageContext {
            root,
            home,
            page,
            breadcrumbs,
            nav_html,
            prev,
            next,
            children,
            sections,
            assets,
            print_href,
            codebook_href,
        } = self;
        context.try_insert("root", root)?;
        context.try_insert("home", home)?;
        context.try_insert("page", page)?;
        context.try_insert("breadcrumbs", breadcrumbs)?;
        context.try_insert("nav_html", nav_html)?;
        context.try_insert("prev", prev)?;
        context.try_insert("next", next)?;
        context.try_insert("children", children)?;
        context.try_insert("sections", sections)?;
        context.try_insert("assets", assets)?;
        context.try_insert("print_href", print_href)?;
        context.try_insert("codebook_href", codebook_href)
    }
}

/// The context of `print.html` (documented in `docs/themes.md`).
#[derive(Debug, Serialize)]
pub struct PrintContext<'a> {
    /// The language code for `<html lang>`.
    pub lang: &'static str,
    /// Relative prefix to the site root (always empty: `print.html` is at the root).
    pub root: &'a str,
    /// UI strings.
    pub t: &'a insikt_core::language::UiStrings,
    /// Report-wide information.
    pub site: &'a SiteView,
    /// The front page link.
    pub home: Link<'a>,
    /// The table of contents as nested `<ol>` HTML linking to each page's anchor.
    pub toc_html: String,
    /// The report's charts, numbered, for the list of figures (empty without charts).
    pub figure_list: Vec<ListedFigure<'a>>,
    /// The report's tables, for the list of tables.
    pub table_list: Vec<ListedFigure<'a>>,
    /// Every page in reading order.
    pub chapters: Vec<PrintChapter<'a>>,
    /// Theme asset links.
    pub assets: Assets,
}

/// A chart or table in `print.html`'s lists of figures and tables.
#[derive(Debug, Serialize)]
pub struct ListedFigure<'a> {
    /// The number shown (`3`, `2.3`).
    pub number: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its anchor in `print.html` (`p3-figur-1`), for the link and the page number
    /// `insikt pdf` fills in.
    pub anchor: String,
}

/// One page of the report inside `print.html`.
#[derive(Debug, Serialize)]
pub struct PrintChapter<'a> {
    /// The page's anchor id, `p{index}`.
    pub anchor: String,
    /// Title.
    pub title: &'a str,
    /// Depth below the front page (front page 0).
    pub depth: usize,
    /// Kind badge.
    pub kind: Option<Labelled>,
    /// True for the worksheets (and their overview), printed as an appendix at the end.
    pub appendix: bool,
    /// The body with prefixed ids and links rewritten to in-page anchors.
    pub content: String,
}

/// Report-wide information from `book.toml`.
#[derive(Debug, Serialize)]
pub struct SiteView {
    /// Title.
    pub title: String,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// Publishing organisation.
    pub organisation: Option<String>,
    /// Date formatted for the language.
    pub date: Option<String>,
    /// Date as `YYYY-MM-DD`.
    pub date_iso: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
}

/// A link with its title.
#[derive(Debug, Serialize)]
pub struct Link<'a> {
    /// Link text.
    pub title: &'a str,
    /// Relative href.
    pub href: String,
}

/// A key with its label in the report's language.
#[derive(Debug, Serialize)]
pub struct Labelled {
    /// The stable key (for CSS classes).
    pub key: &'static str,
    /// The label to show.
    pub label: &'static str,
}

/// An entry of the page's table of contents.
#[derive(Debug, Serialize)]
pub struct TocEntry<'a> {
    /// Heading level, 2 or 3.
    pub level: u8,
    /// The heading's id.
    pub id: &'a str,
    /// The heading's text, HTML-escaped.
    pub title_html: String,
}

/// The page being rendered.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// Plain title.
    pub title: &'a str,
    /// Title as escaped HTML.
    pub title_html: String,
    /// Summary.
    pub summary: Option<&'a str>,
    /// Rendered Markdown body.
    pub content: &'a str,
    /// Kind badge.
    pub kind: Option<Labelled>,
    /// Audience badges.
    pub audience: Vec<Labelled>,
    /// Purpose badge.
    pub purpose: Option<Labelled>,
    /// Authors.
    pub authors: &'a [String],
    /// Date formatted for the language.
    pub date: Option<String>,
    /// Date as `YYYY-MM-DD`.
    pub date_iso: Option<String>,
    /// Why a case was chosen.
    pub selection_reason: Option<&'a str>,
    /// Datasets a story illustrates, by title, each linked to its codebook page.
    pub indicators: Vec<Indicator>,
    /// Table of contents.
    pub toc: Vec<TocEntry<'a>>,
    /// True for section pages and the front page.
    pub is_section: bool,
}

/// A dataset a page illustrates (front matter `indicators`).
#[derive(Debug, Serialize)]
pub struct Indicator {
    /// The dataset's title (its name when the report has no such dataset).
    pub title: String,
    /// Relative href of its codebook page; `None` when the report has no such dataset.
    pub href: Option<String>,
}

/// A page listed in a section overview.
#[derive(Debug, Serialize)]
pub struct ChildView<'a> {
    /// Title.
    pub title: &'a str,
    /// Relative href.
    pub href: String,
    /// Summary.
    pub summary: Option<&'a str>,
    /// Kind badge.
    pub kind: Option<Labelled>,
}

/// A top-level section on the front page.
#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    /// Title.
    pub title: &'a str,
    /// Relative href.
    pub href: String,
    /// Summary.
    pub summary: Option<&'a str>,
    /// Its first-level pages.
    pub pages: Vec<Link<'a>>,
}

/// Links to the theme's assets.
#[derive(Debug, Serialize)]
pub struct Assets {
    /// Stylesheet.
    pub css: String,
    /// Script.
    pub js: String,
    /// Stylesheet of search, print page and glossary terms.
    pub reader_css: String,
    /// The search script (loads the index on first use).
    pub search_js: String,
    /// The search index script, for the search script to load.
    pub search_index: String,
    /// The folder of the search text shards, ending in `/`.
    pub search_text: String,
}

impl Assets {
    /// The theme's asset links from a page whose site-root prefix is `root`.
    pub fn at(root: &str) -> Assets {
        Assets {
            css: format!("{root}assets/insikt.css"),
            js: format!("{root}assets/insikt.js"),
            reader_css: format!("{root}assets/reader.css"),
            search_js: format!("{root}assets/search.js"),
            search_index: format!("{root}search-index.js"),
            search_text: format!("{root}search/"),
        }
    }
}

/// Template contexts that start as `base` (a part made once, such as the UI strings) and
/// are kept between renderings, so that each rendering only adds its own keys, replacing
/// the previous rendering's. Every rendering through one pool must set the same keys (or
/// the pool's contexts must not be kept), or a later one would see an earlier one's.
#[derive(Debug)]
pub(crate) struct ContextPool {
    base: tera::Context,
    kept: std::sync::Mutex<Vec<tera::Context>>,
}

impl ContextPool {
    /// A pool of contexts holding `base`.
    pub(crate) fn new(base: tera::Context) -> ContextPool {
        ContextPool {
            base,
            kept: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// The base alone, for a context that is not kept.
    pub(crate) fn base(&self) -> &tera::Context {
        &self.base
    }

    /// A context holding the base, and perhaps an earlier rendering's keys.
    pub(crate) fn take(&self) -> tera::Context {
        self.kept
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop()
            .unwrap_or_else(|| self.base.clone())
    }

    /// Keeps `context`, taken with [`ContextPool::take`], for the next rendering.
    pub(crate) fn keep(&self, context: tera::Context) {
        self.kept
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(context);
    }
}
