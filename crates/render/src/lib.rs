//! Pages to HTML through the theme's Tera templates.
//!
//! The renderer gets everything already loaded and rendered to HTML fragments; it builds
//! each page's context (navigation cut to the page's path, so cost stays linear in the
//! number of pages) and runs the template. It reads no files.

#![warn(missing_docs)]

mod codebook;
mod context;
mod css;
mod directives;
mod figure;
pub mod numbering;
pub mod print;
mod theme;
mod values;
pub mod worksheets;

pub use codebook::{DatasetView, FieldView, LinkView, NumericView};

pub use context::*;
pub use directives::{ChartDirective, FigureCache, RefDirective, TableDirective};
pub use theme::Theme;
pub use values::{SourceDirective, UpdatedDirective, ValueDirective};

use insikt_config::Config;
use insikt_content::{Content, Page};
use insikt_core::diagnostic::Diagnostic;
pub use insikt_core::html::escape;
use insikt_core::language::Language;
use insikt_core::url::encode;
use insikt_data::Datasets;
use insikt_markdown::Rendered;
use std::collections::BTreeMap;

/// Entries shown in a navigation list on either side of the page on the path to the
/// current page.
pub const NAV_WINDOW: usize = 10;

/// Bytes of a page besides its body and navigation, about: head, header, footer.
const PAGE_FRAME: usize = 4096;

/// Renders pages with one theme for one report.
pub struct PageRenderer {
    tera: tera::Tera,
    language: Language,
    strings: &'static insikt_core::language::UiStrings,
    site: SiteView,
    /// Template contexts of pages: the [`SharedContext`], made once, and the last page's
    /// [`PageContext`] (at most one per thread rendering at a time).
    pages: context::ContextPool,
    /// Template contexts of figures: the UI strings, made once, and the last `figure`.
    figures: context::ContextPool,
    /// Per page: (escaped href from the site root, escaped title), made once for the
    /// navigation tree, which lists the same pages on every page. Boxed: held through
    /// the whole build, one per page, without the spare capacity of a `String`.
    nav_entries: Vec<(Box<str>, Box<str>)>,
    /// Section page → the text of the navigation entry standing for the pages left out
    /// of its list ([`PageRenderer::write_nav_more`]), made once.
    nav_more_labels: BTreeMap<usize, String>,
    /// Dataset name → title, for the indicators of case pages and the codebook link.
    dataset_titles: BTreeMap<String, String>,
    /// True when the figure partials are the built-in ones, which print a figure's number
    /// once, as it is: see [`PageRenderer::figure_html_for_any_number`].
    figure_number_verbatim: bool,
}

/// Tera's `get_env`, refused: a page may not depend on the environment of the build.
fn refuse_get_env(_: &std::collections::HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    Err(tera::Error::msg(
        "`get_env` is not available: a page may not depend on the environment of the build \
         (a rebuild with nothing changed in the project writes nothing)",
    ))
}

impl PageRenderer {
    /// Compiles the theme's templates for rendering the pages of `content`, which may link
    /// the codebook pages of `datasets`.
    pub fn new(
        config: &Config,
        theme: &Theme,
        content: &Content,
        datasets: &Datasets,
    ) -> Result<PageRenderer, Diagnostic> {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        // Tera's own escaping also rewrites `/`, which makes every href unreadable.
        tera.set_escape_fn(escape);
        tera.register_filter("css_string", css::css_string_filter);
        // Tera's `get_env` would make a page depend on the environment of the build, which
        // no build can see changing (a rebuild with nothing changed writes nothing).
        tera.register_function("get_env", refuse_get_env);
        let templates: Vec<(&str, &str)> = theme
            .templates
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_str()))
            .collect();
        tera.add_raw_templates(templates).map_err(|e| {
            let file = theme
                .templates
                .values()
                .find(|(shown, _)| error_chain(&e).contains(shown.rsplit(' ').next().unwrap_or("")))
                .map(|(shown, _)| shown.clone())
                .unwrap_or_else(|| "themes".to_string());
            Diagnostic::new(
                file,
                format!("a template does not compile: {}", error_chain(&e)),
            )
        })?;
        let book = &config.book;
        let language = book.language;
        let nav_entries: Vec<(Box<str>, Box<str>)> = (0..content.pages.len())
            .map(|i| {
                let href = format!("{}index.html", encode(&content.pages[i].url_dir));
                (
                    escape(&href).into_boxed_str(),
                    escape(title_of(&content.pages, i, &book.title)).into_boxed_str(),
                )
            })
            .collect();
        let strings = language.strings();
        let nav_more_labels = content
            .pages
            .iter()
            .zip(&nav_entries)
            .enumerate()
            .filter(|(_, (page, _))| !page.children.is_empty())
            .map(|(i, (page, (_, title)))| {
                let count = language.format_number(page.children.len() as f64, 0);
                let label = strings
                    .nav_all_pages
                    .replace("{section}", title)
                    .replace("{n}", &count);
                (i, label)
            })
            .collect();
        let site = SiteView {
            title: book.title.clone(),
            subtitle: book.subtitle.clone(),
            organisation: book.organisation.clone(),
            date: book
                .date
                .map(|d| language.format_date(d.year, d.month, d.day)),
            date_iso: book.date.map(|d| d.to_string()),
            description: book.description.clone(),
            authors: book.authors.clone(),
        };
        let context_error = |e: tera::Error| {
            Diagnostic::new(
                "book.toml",
                format!("cannot build the template context: {e}"),
            )
        };
        let shared = tera::Context::from_serialize(SharedContext {
            lang: language.code(),
            t: strings,
            site: &site,
        })
        .map_err(context_error)?;
        let mut figure_base = tera::Context::new();
        figure_base.insert("t", strings);
        let dataset_titles = dataset_titles(datasets);
        let figure_number_verbatim = [figure::FIGURE_TEMPLATE, figure::DATA_TABLE_TEMPLATE]
            .iter()
            .all(|name| theme.is_built_in(name));
        Ok(PageRenderer {
            nav_entries,
            nav_more_labels,
            dataset_titles,
            figure_number_verbatim,
            tera,
            language,
            strings,
            site,
            pages: context::ContextPool::new(shared),
            figures: context::ContextPool::new(figure_base),
        })
    }

    /// Takes the titles of `datasets` again after some of them changed (for the pages'
    /// indicators); the templates stay as they are.
    pub fn update_datasets(&mut self, datasets: &Datasets) {
        self.dataset_titles = dataset_titles(datasets);
    }

    /// Renders page `index` of `content`, whose Markdown is `rendered[index]`: the page's
    /// HTML, UTF-8 as the templates wrote it (see [`PageRenderer::render_as`]).
    pub fn render(
        &self,
        content: &Content,
        rendered: &[Rendered],
        index: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let page = &content.pages[index];
        let template = if index == 0 {
            "index.html"
        } else if page.is_section {
            "section.html"
        } else {
            "page.html"
        };
        self.render_as(content, rendered, index, template, tera::Context::new())
    }

    /// Renders page `index` of `content` with `template`, whose context has `extra` besides
    /// the usual page context (for worksheets and their overview). The page comes as the
    /// bytes Tera wrote: UTF-8, since Tera writes only `str`s, and not validated again (a
    /// pass over every page, some 9 % of rendering it), as it goes to a file as bytes.
    pub fn render_as(
        &self,
        content: &Content,
        rendered: &[Rendered],
        index: usize,
        template: &str,
        extra: tera::Context,
    ) -> Result<Vec<u8>, Diagnostic> {
        let pages = &content.pages;
        let page = &pages[index];
        let root = "../".repeat(page.url_dir.matches('/').count());
        let href = |i: usize| format!("{root}{}index.html", encode(&pages[i].url_dir));
        let link = |i: usize| Link {
            title: title_of(pages, i, &self.site.title),
            href: href(i),
        };
        let lang = self.language;
        let kind = |p: &Page| {
            p.front.kind.map(|k| Labelled {
                key: k.key(),
                label: lang.kind_label(k),
            })
        };

        let mut breadcrumbs = Vec::new();
        let mut ancestor = page.parent;
        while let Some(a) = ancestor {
            breadcrumbs.push(link(a));
            ancestor = pages[a].parent;
        }
        breadcrumbs.reverse();

        let path: Vec<usize> = {
            let mut p = vec![index];
            let mut a = page.parent;
            while let Some(i) = a {
                p.push(i);
                a = pages[i].parent;
            }
            p
        };
        let mut nav_html = String::new();
        self.write_nav(&mut nav_html, pages, 0, &path, index, &root, 0);
        let nav_len = nav_html.len();

        let children = page
            .children
            .iter()
            .map(|&c| ChildView {
                title: title_of(pages, c, &self.site.title),
                href: href(c),
                summary: pages[c].front.summary.as_deref(),
                kind: kind(&pages[c]),
            })
            .collect();
        let sections = if index == 0 {
            page.children
                .iter()
                .map(|&c| SectionView {
                    title: title_of(pages, c, &self.site.title),
                    href: href(c),
                    summary: pages[c].front.summary.as_deref(),
                    pages: pages[c].children.iter().map(|&g| link(g)).collect(),
                })
                .collect()
        } else {
            Vec::new()
        };

        let body = &rendered[index];
        let front = &page.front;
        let title = title_of(pages, index, &self.site.title);
        let context = PageContext {
            root: &root,
            home: link(0),
            page: PageView {
                title,
                title_html: escape(title),
                summary: front.summary.as_deref(),
                content: &body.html,
                kind: kind(page),
                audience: front
                    .audience
                    .iter()
                    .map(|&a| Labelled {
                        key: a.key(),
                        label: lang.audience_label(a),
                    })
                    .collect(),
                purpose: front.purpose.map(|p| Labelled {
                    key: p.key(),
                    label: lang.purpose_label(p),
                }),
                authors: &front.authors,
                date: front.date.map(|d| lang.format_date(d.year, d.month, d.day)),
                date_iso: front.date.map(|d| d.to_string()),
                selection_reason: front.selection_reason.as_deref(),
                indicators: self.indicators(&front.indicators, &root),
                toc: body
                    .headings
                    .iter()
                    .filter(|h| h.level == 2 || h.level == 3)
                    .map(|h| TocEntry {
                        level: h.level,
                        id: &h.id,
                        title_html: escape(&h.title),
                    })
                    .collect(),
                is_section: page.is_section,
            },
            breadcrumbs,
            nav_html,
            prev: index.checked_sub(1).map(link),
            next: (index + 1 < pages.len()).then(|| link(index + 1)),
            children,
            sections,
            assets: Assets::at(&root),
            print_href: format!("{root}print.html"),
            codebook_href: self.codebook_href(&root),
        };
        let context_error = |e: tera::Error| {
            Diagnostic::new(
                page.display_file(),
                format!("cannot build the template context: {e}"),
            )
        };
        // The page's own part replaces the previous page's in a kept context; one with
        // `extra` is not kept, so that no later page sees its keys.
        let extra = extra.into_json();
        let keep = extra.as_object().is_none_or(|o| o.is_empty());
        let mut tera_context = self.pages.take();
        context
            .insert_into(&mut tera_context)
            .map_err(context_error)?;
        if !keep {
            tera_context.extend(tera::Context::from_value(extra).map_err(context_error)?);
        }
        // The body and the navigation are most of a page: room for them and the rest, so
        // the page is not copied as it grows.
        let mut html = Vec::with_capacity(body.html.len() + nav_len + PAGE_FRAME);
        let made = self.tera.render_to(template, &tera_context, &mut html);
        if keep {
            self.pages.keep(tera_context);
        }
        made.map_err(|e| {
            Diagnostic::new(
                page.display_file(),
                format!("the template `{template}` failed: {}", error_chain(&e)),
            )
        })?;
        Ok(html)
    }

    /// The datasets `names` by title, linked to their codebook pages from `root`.
    fn indicators(&self, names: &[String], root: &str) -> Vec<Indicator> {
        names
            .iter()
            .map(|name| match self.dataset_titles.get(name) {
                Some(title) => Indicator {
                    title: title.clone(),
                    href: Some(format!("{root}codebook/{}/index.html", encode(name))),
                },
                None => Indicator {
                    title: name.clone(),
                    href: None,
                },
            })
            .collect()
    }

    /// The codebook's href from `root`, when the report has datasets (and so a codebook).
    fn codebook_href(&self, root: &str) -> Option<String> {
        (!self.dataset_titles.is_empty()).then(|| format!("{root}codebook/index.html"))
    }

    /// Writes the navigation list of section `parent`'s pages (the front page's: the top
    /// level) and, below each entry on `path` (the current page and its ancestors), that
    /// section's list. A list shows at most [`NAV_WINDOW`] entries on either side of the
    /// one on the path (or the first `2 × NAV_WINDOW + 1` when none is), with an entry
    /// linking to the section's page, which lists them all, where pages are left out; so a
    /// page's size does not grow with its section. Written directly rather than through a
    /// template: a recursive template macro cost more than the rest of a page's rendering
    /// together, and a non-recursive template for the window still doubled it.
    #[allow(clippy::too_many_arguments)]
    fn write_nav(
        &self,
        out: &mut String,
        pages: &[Page],
        parent: usize,
        path: &[usize],
        current: usize,
        root: &str,
        depth: usize,
    ) {
        let level = &pages[parent].children;
        let width = 2 * NAV_WINDOW + 1;
        let start = match level.iter().position(|i| path.contains(i)) {
            Some(k) => k
                .saturating_sub(NAV_WINDOW)
                .min(level.len().saturating_sub(width)),
            None => 0,
        };
        let end = (start + width).min(level.len());
        out.push_str("<ul class=\"nav-tree nav-depth-");
        out.push_str(&depth.to_string());
        out.push_str("\">");
        if start > 0 {
            self.write_nav_more(out, parent, root);
        }
        for &i in &level[start..end] {
            let open = path.contains(&i);
            let is_current = i == current;
            let (href, title) = &self.nav_entries[i];
            out.push_str("\n<li class=\"nav-item");
            if is_current {
                out.push_str(" is-current");
            }
            if open {
                out.push_str(" is-open");
            }
            out.push_str("\"><a class=\"nav-link\" href=\"");
            out.push_str(root);
            out.push_str(href);
            out.push('"');
            if is_current {
                out.push_str(" aria-current=\"page\"");
            }
            out.push('>');
            out.push_str(title);
            out.push_str("</a>");
            if open && !pages[i].children.is_empty() {
                out.push('\n');
                self.write_nav(out, pages, i, path, current, root, depth + 1);
            }
            out.push_str("</li>");
        }
        if end < level.len() {
            self.write_nav_more(out, parent, root);
        }
        out.push_str("\n</ul>");
    }

    /// The entry standing for pages left out of section `parent`'s navigation list: a link
    /// to the section's page, `… Kapitel: alla 120 sidor`.
    fn write_nav_more(&self, out: &mut String, parent: usize, root: &str) {
        let (href, _) = &self.nav_entries[parent];
        let label = self.nav_more_labels.get(&parent).map_or("", String::as_str);
        out.push_str("\n<li class=\"nav-item nav-more\"><a class=\"nav-link\" href=\"");
        out.push_str(root);
        out.push_str(href);
        out.push_str("\"><span aria-hidden=\"true\">…</span> ");
        out.push_str(label);
        out.push_str("</a></li>");
    }
}

impl PageRenderer {
    /// Renders `print.html`: every page in reading order on one page (see [`print`]),
    /// with a placeholder for each page's body ([`print::chapter_placeholder`]) that
    /// [`print::pieces`] cuts out, so that each body goes there as the file is written: the
    /// whole report is neither copied through the template engine nor held at once.
    pub fn render_print(
        &self,
        content: &Content,
        figures: &numbering::Figures,
    ) -> Result<String, Diagnostic> {
        let pages = &content.pages;
        let lang = self.language;
        let overview = format!("{}/", lang.worksheets_folder());
        let in_appendix = |page: &Page| print::in_appendix(page, lang);
        let (mut appendix, report): (Vec<usize>, Vec<usize>) =
            (0..pages.len()).partition(|&i| i > 0 && in_appendix(&pages[i]));
        // The overview first, then the worksheets in reading order.
        appendix.sort_by_key(|&i| (pages[i].url_dir != overview, i));
        let chapters: Vec<PrintChapter> = report
            .iter()
            .chain(&appendix)
            .map(|&i| {
                let page = &pages[i];
                PrintChapter {
                    anchor: print::page_anchor(i),
                    title: title_of(pages, i, &self.site.title),
                    depth: if in_appendix(page) { 1 } else { page.depth },
                    kind: page.front.kind.map(|k| Labelled {
                        key: k.key(),
                        label: lang.kind_label(k),
                    }),
                    appendix: i > 0 && in_appendix(page),
                    content: print::chapter_placeholder(i),
                }
            })
            .collect();
        let context = PrintContext {
            lang: lang.code(),
            root: "",
            t: self.strings,
            site: &self.site,
            home: Link {
                title: &self.site.title,
                href: "index.html".to_string(),
            },
            toc_html: print::toc_html(pages, &self.site.title, &appendix),
            figure_list: listed(figures, insikt_chart::figure::FigureKind::Chart),
            table_list: listed(figures, insikt_chart::figure::FigureKind::Table),
            chapters,
            assets: Assets::at(""),
        };
        let tera_context = tera::Context::from_serialize(&context).map_err(|e| {
            Diagnostic::new(
                "print.html",
                format!("cannot build the template context: {e}"),
            )
        })?;
        self.tera.render("print.html", &tera_context).map_err(|e| {
            Diagnostic::new(
                "print.html",
                format!("the template `print.html` failed: {}", error_chain(&e)),
            )
        })
    }
}

/// The charts (or tables) of the report for `print.html`'s lists, in reading order.
fn listed(
    figures: &numbering::Figures,
    kind: insikt_chart::figure::FigureKind,
) -> Vec<ListedFigure<'_>> {
    figures
        .all
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| ListedFigure {
            number: &f.number,
            title: &f.title,
            anchor: format!("{}-{}", print::page_anchor(f.page), f.anchor),
        })
        .collect()
}

/// A page's title; the front page falls back to the report's title.
fn title_of<'a>(pages: &'a [Page], i: usize, site_title: &'a str) -> &'a str {
    let title = pages[i].title.as_str();
    if title.is_empty() {
        site_title
    } else {
        title
    }
}

/// A Tera error with all its causes, which is where the useful message is.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

/// Dataset name → title.
fn dataset_titles(datasets: &Datasets) -> BTreeMap<String, String> {
    datasets
        .by_name
        .iter()
        .map(|(name, d)| (name.clone(), d.title().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_characters_only() {
        assert_eq!(
            escape("Ärende <a> & \"b\" 'c' / d"),
            "Ärende &lt;a&gt; &amp; &quot;b&quot; &#39;c&#39; / d"
        );
        assert_eq!(escape("åäö"), "åäö");
    }
}
