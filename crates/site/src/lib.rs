//! The build: load → validate → render → write.
//!
//! [`Site::load`] reads and validates every input (configuration, pages, theme, static
//! files) and renders the Markdown, collecting all errors. [`Site::build`] renders every page
//! through the theme in parallel and writes the result through a staging folder.

#![warn(missing_docs)]

mod edit;
mod inputs;
mod output;
mod preview;
mod registry;
mod scan;
mod timings;
mod update;

pub use edit::{Edit, EditedFiles};
pub use inputs::Inputs;
pub use preview::{Change, Preview};

pub use output::{
    suppression_report_path, Output, OutputOrigin, OutputRequest, Staging, MARK_FILE,
};
pub use timings::timed;
pub use update::{Record, Update, Writer};

use insikt_config::Config;
use insikt_content::glossary::FILE as GLOSSARY;
use insikt_content::Content;
use insikt_core::crash;
use insikt_core::diagnostic::{Diagnostic, Diagnostics, Location};
use insikt_core::input::{Project, ReadAhead, Walk};
use insikt_data::{datapackage, identifiers, privacy, Datasets};
use insikt_markdown::terms::TermMatcher;
use insikt_markdown::{self as markdown, LinkTargets, RenderOptions, Rendered};
use insikt_render::numbering::{self, Figures};
use insikt_render::worksheets::{Worksheets, OVERVIEW_TEMPLATE, WORKSHEET_TEMPLATE};
use insikt_render::{
    print, ChartDirective, FigureCache, PageRenderer, RefDirective, SourceDirective,
    TableDirective, Theme, UpdatedDirective, ValueDirective,
};
use insikt_search as search;
use rayon::prelude::*;
use registry::{OutputRegistry, Source};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use timings::Phase;

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
    /// The report's charts and tables, numbered.
    pub figures: Figures,
    /// The charts and tables made, for blocks that repeat and for `serve`'s edits.
    made: FigureCache,
    /// The charts' PNG downloads drawn (with `[build] chart_png`), made when first needed.
    pngs: std::sync::OnceLock<insikt_chart::png::Rasterizer>,
    renderer: PageRenderer,
    theme: Theme,
    /// How the datasets were loaded (language, drafts), for loading one again in `serve`.
    data_load: insikt_data::Load,
}

/// What a build produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildSummary {
    /// Pages written from `content/` other than worksheets: chapters, sections, the front
    /// page, the glossary and the worksheet overview.
    pub pages: usize,
    /// Worksheet pages, one per question set.
    pub worksheets: usize,
    /// Codebook pages: their overview and one per dataset (none without datasets).
    pub codebook_pages: usize,
    /// Where.
    pub output: PathBuf,
    /// The suppression report beside the output folder, when the report has datasets.
    pub suppression_report: Option<PathBuf>,
}

impl BuildSummary {
    /// Every HTML page a reader can open: the pages, worksheets and codebook pages, and
    /// `print.html`.
    pub fn html_pages(&self) -> usize {
        self.pages + self.worksheets + self.codebook_pages + 1
    }
}

impl Site {
    /// Loads and validates the project in `root`, reporting every problem found. Each
    /// stage runs on whatever the earlier ones could load (a page with invalid front matter,
    /// a dataset with a bad cell, an invalid `book.toml`), so one run finds every error.
    pub fn load(root: &Path, drafts: bool) -> Result<Site, Diagnostics> {
        Site::load_read_ahead(root, drafts, ReadAhead::default())
    }

    /// [`Site::load`], taking the files in `read_ahead` from there instead of reading them
    /// again.
    pub fn load_read_ahead(
        root: &Path,
        drafts: bool,
        mut read_ahead: ReadAhead,
    ) -> Result<Site, Diagnostics> {
        let project = Project::new(root);
        let mut diagnostics = Diagnostics::default();
        let mut phase = Phase::start("load: book.toml");
        let (config, problems) = {
            let _input = crash::processing(insikt_config::CONFIG_FILE);
            Config::load(&project).map_err(Diagnostics::from)?
        };
        diagnostics.0.extend(problems);
        let drafts = drafts || config.build.drafts;
        let language = config.book.language;
        Phase::next(&mut phase, "load: pages");
        let mut content = Content::load(
            &project,
            drafts,
            language,
            &mut read_ahead,
            &mut diagnostics,
        );
        drop(read_ahead);
        Phase::next(&mut phase, "load: theme");
        let theme = Theme::load(&project, &config.theme.name, &mut diagnostics);
        let load = insikt_data::Load { language, drafts };
        Phase::next(&mut phase, "load: datasets");
        let datasets = Datasets::load(&project, &config.privacy, load, &mut diagnostics);
        Phase::next(&mut phase, "load: identifier scan");
        diagnostics.0.extend(scan::scan(root, &content, &datasets));
        Phase::next(&mut phase, "load: static files, templates");
        let statics = list_static(&project, &mut diagnostics);
        let sets = std::mem::take(&mut content.question_sets);
        let overview = (!sets.is_empty()).then(|| {
            let title = &language.strings().ws_overview_title;
            content.add_generated_section(language.worksheets_folder(), title)
        });
        let renderer = PageRenderer::new(&config, &theme, &content, &datasets)
            .map_err(|d| diagnostics.push(d))
            .ok();
        let found = (content.pages.par_iter())
            .map(|page| numbering::find_blocks(page, &datasets))
            .collect();
        let (figures, problems) =
            Figures::number(&content.pages, found, config.figures.numbering, language);
        diagnostics.0.extend(problems);

        let made = FigureCache::default();
        let inputs = MarkdownInputs {
            content: &content,
            config: &config,
            datasets: &datasets,
            statics: &statics,
            renderer: renderer.as_ref(),
            figures: &figures,
            made: &made,
        };
        Phase::next(&mut phase, "load: Markdown (parallel)");
        let (rendered, worksheets) = inputs.with_targets(|targets, options| {
            let mut rendered: Vec<Rendered> = (0..content.pages.len())
                .into_par_iter()
                .map(|i| markdown::render(&content.pages, i, targets, options))
                .collect();
            for r in &rendered {
                diagnostics.0.extend(r.diagnostics.iter().cloned());
            }
            let worksheets = Worksheets::prepare(
                &content,
                sets,
                overview,
                targets,
                options,
                &mut rendered,
                &mut diagnostics,
            );
            (rendered, worksheets)
        });
        for (page, r) in content.pages.iter().zip(&rendered) {
            diagnostics.0.extend(scan::scan_filled_in(page, r));
        }
        Phase::next(&mut phase, "load: anchors, output registry");
        check_anchors(&content, &rendered, &mut diagnostics);
        diagnostics
            .0
            .extend(figures.id_clashes(&content.pages, &rendered, &theme.fixed_ids()));
        let outputs = OutputFiles {
            content: &content,
            overview,
            rendered: &rendered,
            statics: &statics,
            theme: &theme,
            datasets: &datasets,
            chart_png: config.build.chart_png,
        };
        diagnostics.0.extend(outputs.registry().clashes());
        let renderer = match renderer {
            Some(r) if diagnostics.is_empty() => r,
            _ => {
                diagnostics
                    .0
                    .iter_mut()
                    .for_each(identifiers::mask_diagnostic);
                diagnostics.sort();
                return Err(diagnostics);
            }
        };
        Ok(Site {
            root: root.to_path_buf(),
            config,
            content,
            rendered,
            statics,
            worksheets,
            datasets,
            figures,
            made,
            pngs: std::sync::OnceLock::new(),
            renderer,
            theme,
            data_load: load,
        })
    }

    /// Frees the pages' source texts. Only loading and `serve`'s edits read them (to place
    /// errors and to compare front matter); rendering and writing read what loading made of
    /// them. A build that will not be edited calls this before it renders: the texts, as
    /// large as all of `content/`, would otherwise be held to the end, where the search
    /// index makes the build's peak memory.
    pub fn free_sources(&mut self) {
        for page in &mut self.content.pages {
            page.text = String::new();
            page.body_offset = 0;
        }
    }

    /// Renders every page without writing anything (for `insikt check`).
    pub fn check(&self) -> Result<usize, Diagnostics> {
        let never = AtomicBool::new(false);
        let pages = self.render_all(|_, _| Ok(()), &never)?;
        let mut problems = Diagnostics::default();
        let _ = self.write_print(&mut std::io::sink(), &never, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        self.render_codebook(|_, _| Ok(()))?;
        Ok(pages)
    }

    /// True when the text of page `i` quotes the values of the dataset `name`.
    fn quotes(&self, i: usize, name: &str) -> bool {
        self.rendered[i].inline_uses.iter().any(|u| {
            insikt_data::values::quoted_dataset(&u.name, &u.args, &self.datasets)
                .is_some_and(|d| d.name == name)
        })
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
            let quoted_on: Vec<usize> = used_on
                .iter()
                .copied()
                .filter(|&i| self.quotes(i, &d.name))
                .collect();
            let html =
                self.renderer
                    .render_codebook_page(&self.content, d, &used_on, &quoted_on)?;
            write(&format!("codebook/{}/index.html", d.name), &html).map_err(io)?;
        }
        Ok(())
    }

    /// Renders and writes the site where `request` says, replacing the folder there only
    /// if everything succeeds, and only if insikt made it (see [`Output::claim`]).
    pub fn build(&self, request: &OutputRequest) -> Result<BuildSummary, Diagnostics> {
        let summary = self.build_unless(request, &AtomicBool::new(false))?;
        summary.ok_or_else(|| Diagnostics::from(Diagnostic::new(&self.root, "the build stopped")))
    }

    /// Like [`Site::build`], and records `inputs`, read before this site was loaded, beside
    /// the output, so that the next build can see whether anything changed since (see
    /// [`unchanged`]).
    pub fn build_from(
        &self,
        request: &OutputRequest,
        inputs: &Inputs,
    ) -> Result<BuildSummary, Diagnostics> {
        let summary = self.build_recording(request, &AtomicBool::new(false), Some(inputs))?;
        summary.ok_or_else(|| Diagnostics::from(Diagnostic::new(&self.root, "the build stopped")))
    }

    /// Like [`Site::build`], but stops rendering when `stop` becomes true, leaving the
    /// output as it was, and returns `Ok(None)` then.
    pub fn build_unless(
        &self,
        request: &OutputRequest,
        stop: &AtomicBool,
    ) -> Result<Option<BuildSummary>, Diagnostics> {
        self.build_recording(request, stop, None)
    }

    /// [`Site::build_unless`], recording `inputs` when given.
    fn build_recording(
        &self,
        request: &OutputRequest,
        stop: &AtomicBool,
        inputs: Option<&Inputs>,
    ) -> Result<Option<BuildSummary>, Diagnostics> {
        let stopped = || stop.load(Ordering::Relaxed);
        if stopped() {
            return Ok(None);
        }
        let mut phase = Phase::start("build: suppression report, claim the output");
        let exemptions = scan::exemptions(&self.content, &self.datasets);
        let report = (!self.datasets.by_name.is_empty() || !exemptions.is_empty())
            .then(|| privacy::report(&self.datasets) + &exemptions);
        let output = Output::claim(
            &self.root,
            request,
            report.as_deref().and_then(|r| r.lines().next()),
        )?;
        let io_error = |e: std::io::Error| {
            let mut d = Diagnostic::new(output.path(), format!("cannot write the output: {e}"));
            if e.kind() == std::io::ErrorKind::CrossesDevices {
                // The site is staged beside the output and moved in, within one file system.
                d = d.with_help(
                    "the output folder is on another file system than the folder it is in (a \
                     mount point): give a folder inside it as `--output`",
                );
            }
            Diagnostics::from(d)
        };
        if stopped() {
            return Ok(None);
        }
        Phase::next(&mut phase, "build: list the output, read the manifest");
        let staging = match Writer::new(&output, stop) {
            Err(_) if stopped() => return Ok(None),
            writer => writer.map_err(io_error)?,
        };
        Phase::next(&mut phase, "build: render and stage the pages (parallel)");
        let pages = staging
            .write_concurrently(|queue| self.render_all(queue, stop))
            .map_err(io_error)?;
        if stopped() {
            return Ok(None);
        }
        let pages = pages?;
        // print.html and the search files are each as large as the whole report: print.html
        // is written as its parts are made, and so are the search index's text shards. They
        // are made at the same time, so that the serial parts of print.html (its template
        // frame, the writing) overlap the search index's parallel work.
        Phase::next(&mut phase, "build: print.html and search index (together)");
        let mut problems = Diagnostics::default();
        let (printed, indexed) = rayon::join(
            || {
                staging.write_stream("print.html", |out| {
                    self.write_print(out, stop, &mut problems)
                })
            },
            || {
                search::build(
                    self.config.book.language,
                    &self.content.pages,
                    &self.rendered,
                    &self.config.book.title,
                    &|rel, bytes| staging.write(rel, bytes),
                )
            },
        );
        if stopped() {
            return Ok(None);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        printed.map_err(io_error)?;
        indexed.map_err(io_error)?;
        if stopped() {
            return Ok(None);
        }
        Phase::next(
            &mut phase,
            "build: assets, codebook, datasets, static files",
        );
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
                let csv = insikt_data::published_csv::dataset(d);
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
        if stopped() {
            return Ok(None);
        }
        let worksheets = self.worksheets.by_page.len();
        let codebook_pages = match self.datasets.by_name.len() {
            0 => 0,
            n => n + 1,
        };
        let summary = BuildSummary {
            pages: pages - worksheets,
            worksheets,
            codebook_pages,
            output: output.path().to_path_buf(),
            suppression_report: report
                .as_ref()
                .map(|_| suppression_report_path(output.path())),
        };
        let record = inputs.and_then(|inputs| inputs.0).map(|inputs| Record {
            inputs,
            counts: [summary.pages, summary.worksheets, summary.codebook_pages],
            notes: self.datasets.notes.clone(),
        });
        let beside = summary
            .suppression_report
            .as_deref()
            .zip(report.as_deref().map(str::as_bytes));
        Phase::next(&mut phase, "build: commit (remove, rename, manifest)");
        staging.commit(beside, record.as_ref()).map_err(io_error)?;
        Ok(Some(summary))
    }

    /// What draws the charts' PNG downloads, keeping those drawn for the next build in
    /// `serve` (it loads the system's fonts when first asked for).
    fn rasterizer(&self) -> &insikt_chart::png::Rasterizer {
        self.pngs.get_or_init(insikt_chart::png::Rasterizer::new)
    }

    /// Rasterises every chart's SVG download to a PNG beside it, in parallel.
    fn write_chart_pngs(&self, staging: &Writer) -> Result<(), Diagnostics> {
        let svgs: Vec<&(String, Vec<u8>)> = self
            .rendered
            .iter()
            .flat_map(|r| r.files.iter())
            .filter(|(rel, _)| rel.ends_with(".svg"))
            .collect();
        if svgs.is_empty() {
            return Ok(());
        }
        let rasterizer = self.rasterizer();
        let mut diagnostics = Diagnostics::default();
        let results: Vec<Result<(), Diagnostic>> = svgs
            .par_iter()
            .map(|(rel, svg)| {
                let _input = crash::processing(rel.as_str());
                let png = rasterizer.png_once(svg).map_err(|e| {
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

    /// The output folder from `book.toml` (relative to the project), as a request.
    pub fn default_output(&self, force: bool) -> OutputRequest {
        OutputRequest {
            path: self.root.join(&self.config.build.output),
            origin: OutputOrigin::Config(self.config.build.output_spot.clone()),
            force,
        }
    }

    /// Renders every page, handing each (path, HTML) to `write`; gives up early, with an
    /// error, once `stop` is true.
    fn render_all<F>(&self, write: F, stop: &AtomicBool) -> Result<usize, Diagnostics>
    where
        F: Fn(String, Vec<u8>) -> std::io::Result<()> + Sync,
    {
        let results: Vec<Result<(), Diagnostic>> = (0..self.content.pages.len())
            .into_par_iter()
            .map(|i| {
                let page = &self.content.pages[i];
                if stop.load(Ordering::Relaxed) {
                    return Err(Diagnostic::new(page.display_file(), "the build stopped"));
                }
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
    /// Writes `print.html` to `out` as it is made: the rendered template, and in each
    /// placeholder it holds the page's body rewritten for it (see
    /// [`insikt_render::print::pieces`]). The bodies are made in parallel a window at a
    /// time, so that they are never held all at once. Worksheet pages and their overview are
    /// made by their own templates rather than from Markdown, so their body is taken from
    /// the rendered page. Every problem goes to `problems`: after the first, the rest of
    /// the bodies are still made (for their problems) but nothing more is written, and the
    /// result is an error. Gives up with [`std::io::ErrorKind::Interrupted`] once `stop`
    /// is true.
    fn write_print(
        &self,
        out: &mut dyn std::io::Write,
        stop: &AtomicBool,
        problems: &mut Diagnostics,
    ) -> std::io::Result<()> {
        /// Bodies made at a time: enough for every core, few enough to stay small.
        const WINDOW: usize = 256;
        let pages = &self.content.pages;
        let language = self.config.book.language;
        let by_url: std::collections::HashMap<&str, usize> = pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.url_dir.as_str(), i))
            .collect();
        let frame = match self.renderer.render_print(&self.content, &self.figures) {
            Ok(frame) => frame,
            Err(d) => {
                problems.push(d);
                return Err(std::io::Error::other("print.html cannot be made"));
            }
        };
        let body = |i: usize| -> Result<String, Diagnostic> {
            let _input = crash::processing(pages[i].display_file());
            let templated = self.worksheets.overview == Some(i)
                || self
                    .worksheets
                    .view(pages, i, language, &self.config.book.title)
                    .is_some();
            let rewrite = |body: &str| print::rewrite_body(body, i, pages, &by_url);
            if templated {
                let page = self.render_page(i)?;
                Ok(rewrite(print::page_body(&String::from_utf8_lossy(&page))))
            } else {
                Ok(rewrite(&self.rendered[i].html))
            }
        };
        for window in print::pieces(&frame, pages.len()).chunks(WINDOW) {
            if stop.load(Ordering::Relaxed) {
                return Err(std::io::Error::from(std::io::ErrorKind::Interrupted));
            }
            let bodies: Vec<Option<Result<String, Diagnostic>>> = window
                .par_iter()
                .map(|piece| match piece {
                    print::Piece::Chapter(i) => Some(body(*i)),
                    print::Piece::Text(_) => None,
                })
                .collect();
            for (piece, made) in window.iter().zip(bodies) {
                match (piece, made) {
                    (_, Some(Err(d))) => problems.push(d),
                    _ if !problems.is_empty() => {}
                    (print::Piece::Text(text), _) => out.write_all(text.as_bytes())?,
                    (_, Some(Ok(body))) => out.write_all(body.as_bytes())?,
                    (print::Piece::Chapter(_), None) => {}
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(std::io::Error::other("print.html cannot be made"))
        }
    }

    /// Renders page `i` with the template its kind asks for.
    fn render_page(&self, i: usize) -> Result<Vec<u8>, Diagnostic> {
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

/// The summary of the last build into the output `request` names, if nothing changed since
/// (see [`update::unchanged`]): the inputs of the project in `root` have the fingerprint
/// recorded then, and the output and the suppression report beside it are as that build
/// left them. Then the build would write nothing, and need not load the project. `None`
/// also when the output may not be written (the build then says why). Waits for another
/// build into the same folder.
pub fn unchanged(
    root: &Path,
    request: &OutputRequest,
    inputs: &Inputs,
) -> Option<(BuildSummary, Vec<String>)> {
    inputs.0?;
    let output = Output::claim(root, request, None).ok()?;
    let report = suppression_report_path(output.path());
    let record = update::unchanged(&output, inputs, &report)?;
    let [pages, worksheets, codebook_pages] = record.counts;
    let summary = BuildSummary {
        pages,
        worksheets,
        codebook_pages,
        suppression_report: report.is_file().then_some(report),
        output: output.path().to_path_buf(),
    };
    Some((summary, record.notes))
}

/// The output folder `book.toml` of the project in `root` names (or the default), as a
/// request; `None` when `book.toml` cannot be read.
pub fn configured_output(root: &Path, force: bool) -> Option<OutputRequest> {
    let (config, _) = Config::load(&Project::new(root)).ok()?;
    Some(OutputRequest {
        path: root.join(&config.build.output),
        origin: OutputOrigin::Config(config.build.output_spot.clone()),
        force,
    })
}

/// The files under `static/`, relative to it; every name is published as it is.
fn list_static(project: &Project, diagnostics: &mut Diagnostics) -> BTreeSet<PathBuf> {
    let walk = Walk {
        max_depth: usize::MAX,
        skip_hidden: false,
        published: true,
    };
    let (files, problems) = project.walk(Path::new("static"), walk);
    diagnostics.0.extend(problems);
    files.into_iter().collect()
}

/// What [`Site::load`] found that becomes files of the site.
struct OutputFiles<'a> {
    content: &'a Content,
    overview: Option<usize>,
    rendered: &'a [Rendered],
    statics: &'a BTreeSet<PathBuf>,
    theme: &'a Theme,
    datasets: &'a Datasets,
    chart_png: bool,
}

impl OutputFiles<'_> {
    /// Every file the build writes, with its source, in one registry (see
    /// [`registry`]); what [`Site::build`] writes, it lists here.
    fn registry(&self) -> OutputRegistry {
        let mut r = OutputRegistry::default();
        let url = |rel: &Path| rel.to_string_lossy().replace('\\', "/");
        for (i, page) in self.content.pages.iter().enumerate() {
            let source = match &page.file {
                // The glossary's folder is fixed by the language: the page over it is at fault.
                Some(file) if page.source == Path::new(GLOSSARY) => {
                    Source::MadeFrom(file.clone(), "the glossary page")
                }
                Some(file) => Source::File(file.clone()),
                // A folder without its `_index.md`: reported already.
                None if page.stand_in => continue,
                None if Some(i) == self.overview => {
                    Source::Generated("the overview of the worksheets".into())
                }
                None => Source::Generated(
                    "the front page insikt makes when there is no `content/_index.md`".into(),
                ),
            };
            r.file(page.output_file(), source);
            let Some(file) = &page.file else { continue };
            for (path, _) in &self.rendered[i].files {
                let download = || Source::MadeFrom(file.clone(), "a chart download");
                r.file(path.clone(), download());
                if let Some(svg) = path.strip_suffix(".svg").filter(|_| self.chart_png) {
                    r.file(format!("{svg}.png"), download());
                }
            }
        }
        for rel in &self.content.assets {
            r.file(url(rel), Source::File(Path::new("content").join(rel)));
        }
        for rel in self.statics {
            r.file(url(rel), Source::File(Path::new("static").join(rel)));
        }
        r.file(
            "print.html",
            Source::Generated("the page of the whole report".into()),
        );
        r.file(
            output::MARK_FILE,
            Source::Generated("the mark of a site insikt wrote".into()),
        );

        let search = || Source::Generated("the search index".into());
        r.file("search-index.js", search());
        r.folder("search/", search());
        for name in self.theme.statics.keys() {
            let source = match self.theme.static_sources.get(name) {
                Some(file) => Source::File(file.clone()),
                None => Source::Generated(format!("the built-in theme's `{name}`")),
            };
            r.file(format!("assets/{name}"), source);
        }
        let names: BTreeSet<&String> = self
            .datasets
            .by_name
            .keys()
            .chain(&self.datasets.failed)
            .collect();
        if !names.is_empty() {
            r.folder("codebook/", Source::Generated("the codebook pages".into()));
            for name in names {
                let csv = format!("data/{name}.csv");
                // A PX file's long table is published as CSV too.
                let from = match self.datasets.get(name) {
                    Some(d) => d.csv_file.clone(),
                    None => PathBuf::from(&csv),
                };
                r.file(csv, Source::MadeFrom(from, "the published copy"));
            }
            r.file(
                "data/datapackage.json",
                Source::Generated("the description of the datasets (`datapackage.json`)".into()),
            );
        }
        r
    }
}

fn check_anchors(content: &Content, rendered: &[Rendered], diagnostics: &mut Diagnostics) {
    for (i, r) in rendered.iter().enumerate() {
        for a in &r.anchor_refs {
            let headings = &rendered[a.target].headings;
            // A page that could not be loaded has unknown headings; its error is reported.
            if content.pages[a.target].stand_in
                || headings.iter().any(|h| h.id == a.fragment)
                || is_footnote_anchor(&a.fragment)
            {
                continue;
            }
            let page = &content.pages[i];
            let target = &content.pages[a.target];
            let mut known: Vec<&str> = headings.iter().map(|h| h.id.as_str()).collect();
            known.sort_unstable();
            known.dedup();
            let help = match insikt_core::diagnostic::did_you_mean(&a.fragment, &known) {
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

/// What a page's Markdown is rendered against: the pages, assets, static files and
/// datasets a link may name, the glossary's terms, and the directives: chart and table
/// blocks, and the values quoted in the text.
struct MarkdownInputs<'a> {
    content: &'a Content,
    config: &'a Config,
    datasets: &'a Datasets,
    statics: &'a BTreeSet<PathBuf>,
    renderer: Option<&'a PageRenderer>,
    figures: &'a Figures,
    made: &'a FigureCache,
}

impl MarkdownInputs<'_> {
    /// Runs `render` with the link targets and options made from these inputs.
    fn with_targets<R>(&self, render: impl FnOnce(&LinkTargets, RenderOptions) -> R) -> R {
        let content = self.content;
        let language = self.config.book.language;
        let url_dirs: Vec<String> = content.pages.iter().map(|p| p.url_dir.clone()).collect();
        let terms = content.pages.iter().enumerate().find_map(|(i, p)| {
            p.glossary
                .as_ref()
                .map(|g| TermMatcher::new(g, language, i))
        });
        let dataset_names: BTreeSet<String> = (self.datasets.by_name.keys())
            .chain(&self.datasets.failed)
            .cloned()
            .collect();
        let chart = ChartDirective {
            datasets: self.datasets,
            png: self.config.build.chart_png,
            figures: self.renderer,
            numbers: self.figures,
            made: self.made,
        };
        let table = TableDirective {
            datasets: self.datasets,
            figures: self.renderer,
            numbers: self.figures,
            made: self.made,
        };
        let reference = RefDirective {
            numbers: self.figures,
            url_dirs: &url_dirs,
            markup: self.renderer,
        };
        let value = ValueDirective {
            datasets: self.datasets,
            theme: self.renderer,
        };
        let updated = UpdatedDirective {
            datasets: self.datasets,
        };
        let source = SourceDirective {
            datasets: self.datasets,
        };
        let targets = LinkTargets {
            pages: &content.by_source,
            url_dirs: &url_dirs,
            assets: &content.assets,
            statics: self.statics,
            glossary: terms.as_ref(),
            datasets: &dataset_names,
            directives: &[&chart, &table, &reference, &value, &updated, &source],
        };
        let options = RenderOptions {
            language,
            quotes: self.config.markdown.quotes,
        };
        render(&targets, options)
    }
}
