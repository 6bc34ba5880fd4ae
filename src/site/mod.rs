//! The build: load → validate → render → write.
//!
//! [`Site::load`] reads and validates every input (configuration, pages, theme, static
//! files) and renders the Markdown, collecting all errors. [`Site::build`] renders every page
//! through the theme in parallel and writes the result through a staging folder.

mod output;

pub use output::Staging;

use crate::config::Config;
use crate::content::Content;
use crate::crash;
use crate::data::{datapackage, privacy, Datasets};
use crate::diagnostic::{relative_to, Diagnostic, Diagnostics, Location};
use crate::glossary::TermMatcher;
use crate::markdown::{self, LinkTargets, RenderOptions, Rendered};
use crate::questions::{Worksheets, OVERVIEW_TEMPLATE, WORKSHEET_TEMPLATE};
use crate::render::{PageRenderer, Theme};
use crate::search;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// A report, loaded and validated, ready to render.
pub struct Site {
    /// The project folder.
    pub root: PathBuf,
    /// `book.toml`.
    pub config: Config,
    /// Pages in reading order.
    pub content: Content,
    /// Each page's rendered Markdown, by page index.
    pub rendered: Vec<Rendered>,
    /// Files under `static/`, relative to it.
    pub statics: BTreeSet<PathBuf>,
    /// The question sets as worksheets, and their overview page.
    pub worksheets: Worksheets,
    /// The datasets under `data/`.
    pub datasets: Datasets,
    renderer: PageRenderer,
    theme: Theme,
}

/// What a build produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildSummary {
    /// Pages written.
    pub pages: usize,
    /// Where.
    pub output: PathBuf,
    /// The suppression report beside the output folder, when the report has datasets.
    pub suppression_report: Option<PathBuf>,
}

/// Where the suppression report of a build into `output` goes: beside it, never inside, so
/// it is not published with the site (`public` → `public-suppression-report.md`).
pub fn suppression_report_path(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    output.with_file_name(format!("{name}-suppression-report.md"))
}

impl Site {
    /// Loads and validates the project in `root`, reporting every problem found.
    pub fn load(root: &Path, drafts: bool) -> Result<Site, Diagnostics> {
        let config = {
            let _input = crash::processing(crate::config::CONFIG_FILE);
            Config::load(root).map_err(Diagnostics::from)?
        };
        let drafts = drafts || config.build.drafts;
        let mut diagnostics = Diagnostics::default();
        let content = Content::load(root, drafts, config.book.language);
        let theme = Theme::load(root, &config.theme.name);
        let datasets = Datasets::load(root, &config.privacy);
        let statics = list_static(root);
        let (mut content, theme, datasets) = match (content, theme, datasets) {
            (Ok(c), Ok(t), Ok(d)) => (c, t, d),
            (c, t, d) => {
                for e in [c.err(), t.err(), d.err()].into_iter().flatten() {
                    diagnostics.extend(e);
                }
                diagnostics.sort();
                return Err(diagnostics);
            }
        };
        let language = config.book.language;
        let sets = std::mem::take(&mut content.question_sets);
        let overview = if sets.is_empty() {
            None
        } else {
            let title = language.ui_strings()["ws_overview_title"];
            Some(
                content
                    .add_generated_section(language.worksheets_folder(), title)
                    .map_err(Diagnostics::from)?,
            )
        };
        let renderer = PageRenderer::new(&config, &theme, &content).map_err(Diagnostics::from)?;

        let url_dirs: Vec<String> = content.pages.iter().map(|p| p.url_dir.clone()).collect();
        let terms = content.pages.iter().enumerate().find_map(|(i, p)| {
            p.glossary
                .as_ref()
                .map(|g| TermMatcher::new(g, config.book.language, i))
        });
        let targets = LinkTargets {
            pages: &content.by_source,
            url_dirs: &url_dirs,
            assets: &content.assets,
            statics: &statics,
            glossary: terms.as_ref(),
            datasets: &datasets,
        };
        let options = RenderOptions {
            language: config.book.language,
            quotes: config.markdown.quotes,
            chart_png: config.build.chart_png,
        };
        let mut rendered: Vec<Rendered> = (0..content.pages.len())
            .into_par_iter()
            .map(|i| markdown::render(&content.pages, i, &targets, options))
            .collect();
        for r in &rendered {
            diagnostics.0.extend(r.diagnostics.iter().cloned());
        }
        let worksheets = Worksheets::prepare(
            &content,
            sets,
            overview,
            &targets,
            options,
            &mut rendered,
            &mut diagnostics,
        );
        check_anchors(&content, &rendered, &mut diagnostics);
        if !diagnostics.is_empty() {
            diagnostics.sort();
            return Err(diagnostics);
        }
        Ok(Site {
            root: root.to_path_buf(),
            config,
            content,
            rendered,
            statics,
            worksheets,
            datasets,
            renderer,
            theme,
        })
    }

    /// Renders every page without writing anything (for `insikt check`).
    pub fn check(&self) -> Result<usize, Diagnostics> {
        let pages = self.render_all(|_, _| Ok(()))?;
        self.render_print()?;
        self.render_codebook(|_, _| Ok(()))?;
        Ok(pages)
    }

    /// Renders the codebook pages, handing each (path, HTML) to `write`.
    fn render_codebook<F>(&self, write: F) -> Result<(), Diagnostics>
    where
        F: Fn(&str, &str) -> std::io::Result<()>,
    {
        if self.datasets.by_name.is_empty() {
            return Ok(());
        }
        let io = |e: std::io::Error| {
            Diagnostics::from(Diagnostic::new("codebook", format!("cannot write: {e}")))
        };
        let html = self
            .renderer
            .render_codebook_index(&self.content, &self.datasets)?;
        write("codebook/index.html", &html).map_err(io)?;
        for d in self.datasets.by_name.values() {
            let _input = crash::processing(&d.csv_file);
            let used_on: Vec<usize> = (0..self.rendered.len())
                .filter(|&i| self.rendered[i].datasets.contains(&d.name))
                .collect();
            let html = self
                .renderer
                .render_codebook_page(&self.content, d, &used_on)?;
            write(&format!("codebook/{}/index.html", d.name), &html).map_err(io)?;
        }
        Ok(())
    }

    /// Renders and writes the site to `output`, replacing it only if everything succeeds.
    pub fn build(&self, output: &Path) -> Result<BuildSummary, Diagnostics> {
        let io_error = |e: std::io::Error| {
            Diagnostics::from(Diagnostic::new(
                output,
                format!("cannot write the output: {e}"),
            ))
        };
        let staging = Staging::new(output).map_err(io_error)?;
        let pages = staging
            .write_concurrently(|queue| self.render_all(queue))
            .map_err(io_error)??;
        // print.html and the search files are each as large as the whole report: write
        // and drop one before making the next, so peak memory holds only one of them.
        let print = self.render_print()?;
        staging
            .write("print.html", print.as_bytes())
            .map_err(io_error)?;
        drop(print);
        let index = search::build(
            self.config.book.language,
            &self.content.pages,
            &self.rendered,
            &self.config.book.title,
        );
        for (rel, text) in &index.files {
            staging.write(rel, text.as_bytes()).map_err(io_error)?;
        }
        drop(index);
        for (name, bytes) in &self.theme.statics {
            staging
                .write(&format!("assets/{name}"), bytes)
                .map_err(io_error)?;
        }
        self.render_codebook(|rel, html| staging.write(rel, html.as_bytes()))?;
        for r in &self.rendered {
            for (rel, bytes) in &r.files {
                staging.write(rel, bytes).map_err(io_error)?;
            }
        }
        if self.config.build.chart_png {
            self.write_chart_pngs(&staging)?;
        }
        if !self.datasets.by_name.is_empty() {
            for d in self.datasets.by_name.values() {
                let csv = crate::published_csv::dataset(d);
                staging
                    .write(&format!("data/{}.csv", d.name), csv.as_bytes())
                    .map_err(io_error)?;
            }
            let package = datapackage::datapackage(&self.datasets, &self.config.book.title);
            staging
                .write("data/datapackage.json", package.as_bytes())
                .map_err(io_error)?;
        }
        for rel in &self.content.assets {
            let to = rel.to_string_lossy().replace('\\', "/");
            staging
                .copy(&self.root.join("content").join(rel), &to)
                .map_err(io_error)?;
        }
        for rel in &self.statics {
            let to = rel.to_string_lossy().replace('\\', "/");
            staging
                .copy(&self.root.join("static").join(rel), &to)
                .map_err(io_error)?;
        }
        staging.commit().map_err(io_error)?;
        let suppression_report = if self.datasets.by_name.is_empty() {
            None
        } else {
            let path = suppression_report_path(output);
            std::fs::write(&path, privacy::report(&self.datasets)).map_err(|e| {
                Diagnostics::from(Diagnostic::new(&path, format!("cannot write: {e}")))
            })?;
            Some(path)
        };
        Ok(BuildSummary {
            pages,
            output: output.to_path_buf(),
            suppression_report,
        })
    }

    /// Rasterises every chart's SVG download to a PNG beside it, in parallel.
    fn write_chart_pngs(&self, staging: &Staging) -> Result<(), Diagnostics> {
        let svgs: Vec<&(String, Vec<u8>)> = self
            .rendered
            .iter()
            .flat_map(|r| r.files.iter())
            .filter(|(rel, _)| rel.ends_with(".svg"))
            .collect();
        if svgs.is_empty() {
            return Ok(());
        }
        let rasterizer = crate::chart::png::Rasterizer::new();
        let mut diagnostics = Diagnostics::default();
        let results: Vec<Result<(), Diagnostic>> = svgs
            .par_iter()
            .map(|(rel, svg)| {
                let _input = crash::processing(rel.as_str());
                let png = rasterizer.png(svg).map_err(|e| {
                    Diagnostic::new(rel.as_str(), format!("cannot draw the chart as PNG: {e}"))
                })?;
                let to = format!("{}.png", rel.trim_end_matches(".svg"));
                staging
                    .write(&to, &png)
                    .map_err(|e| Diagnostic::new(to.as_str(), format!("cannot write: {e}")))
            })
            .collect();
        for r in results {
            if let Err(d) = r {
                diagnostics.push(d);
            }
        }
        if diagnostics.is_empty() {
            Ok(())
        } else {
            Err(diagnostics)
        }
    }

    /// The output folder from `book.toml`, relative to the project.
    pub fn default_output(&self) -> PathBuf {
        self.root.join(&self.config.build.output)
    }

    fn render_all<F>(&self, write: F) -> Result<usize, Diagnostics>
    where
        F: Fn(String, String) -> std::io::Result<()> + Sync,
    {
        let results: Vec<Result<(), Diagnostic>> = (0..self.content.pages.len())
            .into_par_iter()
            .map(|i| {
                let page = &self.content.pages[i];
                let _input = crash::processing(page.display_file());
                let html = self.render_page(i)?;
                write(page.output_file(), html).map_err(|e| {
                    Diagnostic::new(page.display_file(), format!("cannot write the page: {e}"))
                })
            })
            .collect();
        let mut diagnostics = Diagnostics::default();
        for r in results {
            if let Err(d) = r {
                diagnostics.push(d);
            }
        }
        if diagnostics.is_empty() {
            Ok(self.content.pages.len())
        } else {
            diagnostics.sort();
            Err(diagnostics)
        }
    }
}

impl Site {
    /// Renders `print.html`. Worksheet pages and their overview are made by their own
    /// templates rather than from Markdown, so their body is taken from the rendered page.
    fn render_print(&self) -> Result<String, Diagnostics> {
        let pages = &self.content.pages;
        let language = self.config.book.language;
        let bodies: Vec<Result<std::borrow::Cow<str>, Diagnostic>> = (0..pages.len())
            .into_par_iter()
            .map(|i| {
                let _input = crash::processing(pages[i].display_file());
                let templated = self.worksheets.overview == Some(i)
                    || self
                        .worksheets
                        .view(pages, i, language, &self.config.book.title)
                        .is_some();
                if templated {
                    let html = self.render_page(i)?;
                    Ok(std::borrow::Cow::Owned(
                        crate::render::print::page_body(&html).to_string(),
                    ))
                } else {
                    Ok(std::borrow::Cow::Borrowed(self.rendered[i].html.as_str()))
                }
            })
            .collect();
        let mut diagnostics = Diagnostics::default();
        let mut ok = Vec::with_capacity(bodies.len());
        for b in bodies {
            match b {
                Ok(b) => ok.push(b),
                Err(d) => diagnostics.push(d),
            }
        }
        if !diagnostics.is_empty() {
            return Err(diagnostics);
        }
        let refs: Vec<&str> = ok.iter().map(|b| b.as_ref()).collect();
        self.renderer
            .render_print(&self.content, &refs)
            .map_err(Diagnostics::from)
    }

    /// Renders page `i` with the template its kind asks for.
    fn render_page(&self, i: usize) -> Result<String, Diagnostic> {
        let language = self.config.book.language;
        let pages = &self.content.pages;
        if let Some(view) = self
            .worksheets
            .view(pages, i, language, &self.config.book.title)
        {
            let mut extra = tera::Context::new();
            extra.insert("worksheet", &view);
            return self.renderer.render_as(
                &self.content,
                &self.rendered,
                i,
                WORKSHEET_TEMPLATE,
                extra,
            );
        }
        if self.worksheets.overview == Some(i) {
            let mut extra = tera::Context::new();
            extra.insert(
                "overview",
                &self.worksheets.overview_view(pages, i, language),
            );
            return self.renderer.render_as(
                &self.content,
                &self.rendered,
                i,
                OVERVIEW_TEMPLATE,
                extra,
            );
        }
        self.renderer.render(&self.content, &self.rendered, i)
    }

    /// The worksheet pages, as output files relative to the site root, with their set ids.
    pub fn worksheet_files(&self) -> Vec<(String, String)> {
        self.worksheets
            .by_page
            .iter()
            .map(|(&i, ws)| (self.content.pages[i].output_file(), ws.set.id.value.clone()))
            .collect()
    }
}

fn list_static(root: &Path) -> BTreeSet<PathBuf> {
    let dir = root.join("static");
    walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| relative_to(e.path(), &dir))
        .collect()
}

fn check_anchors(content: &Content, rendered: &[Rendered], diagnostics: &mut Diagnostics) {
    let ids: Vec<HashSet<&str>> = rendered
        .iter()
        .map(|r| r.headings.iter().map(|h| h.id.as_str()).collect())
        .collect();
    for (i, r) in rendered.iter().enumerate() {
        for a in &r.anchor_refs {
            if ids[a.target].contains(a.fragment.as_str()) || is_footnote_anchor(&a.fragment) {
                continue;
            }
            let page = &content.pages[i];
            let target = &content.pages[a.target];
            let mut known: Vec<&str> = ids[a.target].iter().copied().collect();
            known.sort_unstable();
            let help = match crate::diagnostic::did_you_mean(&a.fragment, &known) {
                Some(s) => format!("did you mean `#{s}`? Heading ids are the heading text in lower case, å/ä→a, ö→o, words joined by `-`"),
                None => "heading ids are the heading text in lower case, å/ä→a, ö→o, words joined by `-`".to_string(),
            };
            diagnostics.push(
                Diagnostic::at(
                    page.display_file(),
                    &page.text,
                    Location::from_offset(&page.text, a.offset),
                    format!(
                        "link to `#{}`: `{}` has no heading with that id",
                        a.fragment,
                        target.display_file().display()
                    ),
                )
                .with_help(help),
            );
        }
    }
}

fn is_footnote_anchor(fragment: &str) -> bool {
    fragment.starts_with("fn-") || fragment.starts_with("fnref-")
}
