//! The ```` ```chart ```` and ```` ```table ```` directives: markdown finds the blocks,
//! [`insikt_chart`] turns them into typed figures from the report's datasets, and the
//! theme's `partials/figure.html` turns a figure into HTML. The `{{#ref ID}}` directive
//! links a chart or table by its id, through the theme's `partials/ref.html`.

use crate::figure::NUMBER_SLOT;
use crate::numbering::Figures;
use crate::{escape, PageRenderer};
use insikt_chart::figure::{Figure, FigureKind};
use insikt_chart::{DirectiveContext, Place, SpecError};
use insikt_core::diagnostic::did_you_mean;
use insikt_core::language::Language;
use insikt_core::url::encode;
use insikt_data::Datasets;
use insikt_markdown::directive::{self, BlockContext, Directive, InlineContext, InlineOutput};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

/// Help for a figure partial of the theme that fails.
const FIGURE_HELP: &str =
    "fix the theme's `partials/figure.html` (or `partials/data-table.html`); see docs/themes.md";

/// The ```` ```chart ```` directive: a figure from a dataset.
#[derive(Clone, Copy)]
pub struct ChartDirective<'a> {
    /// The report's datasets.
    pub datasets: &'a Datasets,
    /// Whether charts link a PNG download (`[build] chart_png`).
    pub png: bool,
    /// The theme's markup for figures; `None` when the theme's templates do not compile
    /// (that is reported already, and the blocks are left empty).
    pub figures: Option<&'a PageRenderer>,
    /// The report's charts and tables, numbered.
    pub numbers: &'a Figures,
    /// The charts already drawn, for blocks that repeat.
    pub made: &'a FigureCache,
}

/// The ```` ```table ```` directive: a table of a dataset's rows.
#[derive(Clone, Copy)]
pub struct TableDirective<'a> {
    /// The report's datasets.
    pub datasets: &'a Datasets,
    /// The theme's markup for figures, as for [`ChartDirective::figures`].
    pub figures: Option<&'a PageRenderer>,
    /// The report's charts and tables, numbered.
    pub numbers: &'a Figures,
    /// The tables already made, for blocks that repeat.
    pub made: &'a FigureCache,
}

/// Charts and tables already made, so that a block repeated on many pages (the same chart
/// of a dataset in every municipality's chapter) is drawn once, and `serve` draws again
/// only those of an edited dataset.
///
/// A figure is a function of its block's text, its place among the page's charts or
/// tables (its file names and ids, `figur-2`), the page's depth (the relative link to the
/// codebook), the language, whether PNGs are linked, and the one dataset it names; its
/// number (`2.3`), which depends on the pages before it, is set on every use, and put in
/// the HTML kept when the theme's partials print it as it is
/// ([`PageRenderer::figure_html_for_any_number`]). The entries of a dataset must be
/// forgotten ([`FigureCache::forget`]) when it changes. At most [`FigureCache::MAX_BYTES`]
/// of drawings are kept: beyond that, figures are made anew each time, as without a cache.
#[derive(Default)]
pub struct FigureCache {
    made: Mutex<Made>,
}

#[derive(Default)]
struct Made {
    by_block: HashMap<BlockKey, Arc<MadeFigure>>,
    bytes: usize,
}

/// A figure made from a block.
struct MadeFigure {
    output: insikt_chart::Output,
    /// Its HTML with the number's slot, when the theme allows it.
    html: Option<String>,
}

/// What a figure is made from, besides its dataset.
#[derive(PartialEq, Eq, Hash)]
struct BlockKey {
    kind: FigureKind,
    body: String,
    on_page: usize,
    root: String,
    language: Language,
    png: bool,
}

impl FigureCache {
    /// The most bytes of drawings, downloads and HTML kept.
    pub const MAX_BYTES: usize = 64 << 20;

    /// Forgets the figures made from the datasets `names`.
    pub fn forget(&self, names: &BTreeSet<String>) {
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        made.by_block
            .retain(|_, m| !names.contains(&m.output.dataset));
        made.bytes = made.by_block.values().map(|m| m.bytes()).sum();
    }

    /// The figure of `key`: the one made before, or `make()`'s.
    fn get_or_make(
        &self,
        key: BlockKey,
        make: impl FnOnce() -> Result<MadeFigure, SpecError>,
    ) -> Result<Arc<MadeFigure>, SpecError> {
        let lock = || self.made.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = lock().by_block.get(&key) {
            return Ok(Arc::clone(found));
        }
        // Made outside the lock: two threads may make the same figure at once, and both
        // make the same.
        let figure = Arc::new(make()?);
        let bytes = figure.bytes();
        let mut made = lock();
        if made.bytes + bytes <= Self::MAX_BYTES && !made.by_block.contains_key(&key) {
            made.bytes += bytes;
            made.by_block.insert(key, Arc::clone(&figure));
        }
        Ok(figure)
    }
}

impl MadeFigure {
    /// Makes the figure of a block with `make` and its HTML with a slot for the number.
    fn new(
        figures: Option<&PageRenderer>,
        make: impl FnOnce() -> Result<insikt_chart::Output, SpecError>,
    ) -> Result<MadeFigure, SpecError> {
        let output = make()?;
        let html = figures.and_then(|f| f.figure_html_for_any_number(&output.figure));
        Ok(MadeFigure { output, html })
    }

    /// About how many bytes it holds: its drawings, downloads and HTML.
    fn bytes(&self) -> usize {
        let figure = &self.output.figure;
        let text = |s: &Option<String>| s.as_ref().map_or(0, String::len);
        let files: usize = (self.output.files.iter())
            .map(|(n, b)| n.len() + b.len())
            .sum();
        text(&figure.svg)
            + text(&figure.svg_narrow)
            + text(&self.html)
            + files
            + figure.table.rows.len() * 64
    }

    /// The directive's output: the figure numbered `number`.
    fn numbered(
        &self,
        name: &str,
        figures: Option<&PageRenderer>,
        number: &str,
    ) -> Result<directive::Output, directive::Error> {
        let html = match (&self.html, figures) {
            (Some(html), _) => html.replacen(NUMBER_SLOT, &escape(number), 1),
            (None, None) => String::new(),
            (None, Some(f)) => {
                let figure = Figure {
                    number: number.to_string(),
                    ..self.output.figure.clone()
                };
                f.figure_html(&figure).map_err(|e| directive::Error {
                    message: format!("`{name}` block: {e}"),
                    help: FIGURE_HELP.to_string(),
                    body_location: None,
                    args_span: None,
                    reported: false,
                })?
            }
        };
        Ok(directive::Output {
            html,
            files: self.output.files.clone(),
            datasets: vec![self.output.dataset.clone()],
        })
    }
}

/// The key of the block at `at`.
fn block_key(kind: FigureKind, body: &str, png: bool, at: &BlockContext) -> BlockKey {
    BlockKey {
        kind,
        body: body.to_string(),
        on_page: at.number,
        root: at.root.to_string(),
        language: at.language,
        png,
    }
}

/// The `{{#ref ID}}` directive: "figur 2", linked to the chart or table with that id.
#[derive(Clone, Copy)]
pub struct RefDirective<'a> {
    /// The report's charts and tables, numbered.
    pub numbers: &'a Figures,
    /// Each page's output folder, by page index.
    pub url_dirs: &'a [String],
    /// The theme's markup for the link, as for [`ChartDirective::figures`].
    pub markup: Option<&'a PageRenderer>,
}

impl std::fmt::Debug for RefDirective<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RefDirective").finish_non_exhaustive()
    }
}

impl Directive for RefDirective<'_> {
    fn name(&self) -> &str {
        "ref"
    }

    fn render_inline(
        &self,
        args: &str,
        at: &InlineContext,
    ) -> Result<InlineOutput, directive::Error> {
        let mut words = args.split_whitespace();
        let (Some(id), None) = (words.next(), words.next()) else {
            return Err(directive::Error::new(
                "needs one id, the `id` of a chart or table block".to_string(),
                "write `{{#ref ID}}`, e.g. `{{#ref deltagare-per-ar}}`".to_string(),
            ));
        };
        let Some(figure) = self.numbers.get(id) else {
            let ids = self.numbers.ids();
            let help = match did_you_mean(id, &ids) {
                Some(near) => format!("did you mean `{{{{#ref {near}}}}}`?"),
                None if ids.is_empty() => {
                    "give the chart or table block a line `id: NAME` and write `{{#ref NAME}}`"
                        .to_string()
                }
                None => "a reference names the `id:` of a chart or table block".to_string(),
            };
            return Err(directive::Error::new(
                format!("there is no chart or table with the id `{id}`"),
                help,
            ));
        };
        let strings = at.language.strings();
        let label = match figure.kind {
            FigureKind::Chart => &strings.figure,
            FigureKind::Table => &strings.table_label,
        };
        let word = if at.sentence_start {
            label.clone()
        } else {
            label.to_lowercase()
        };
        let text = format!("{word}\u{a0}{}", figure.number);
        let href = if figure.page == at.page {
            format!("#{}", figure.anchor)
        } else {
            format!(
                "{}{}index.html#{}",
                at.root,
                encode(&self.url_dirs[figure.page]),
                figure.anchor
            )
        };
        let html = match self.markup.map(|m| m.ref_html(&href, &text)) {
            Some(Ok(html)) => html,
            Some(Err(e)) => {
                return Err(directive::Error::new(
                    e,
                    "fix the theme's `partials/ref.html`; see docs/themes.md".to_string(),
                ))
            }
            None => String::new(),
        };
        Ok(InlineOutput {
            html,
            text,
            datasets: Vec::new(),
        })
    }
}

// By hand: the renderer holds the compiled templates, too much for a debug line.
impl std::fmt::Debug for ChartDirective<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChartDirective")
            .field("png", &self.png)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for TableDirective<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TableDirective").finish_non_exhaustive()
    }
}

impl Directive for ChartDirective<'_> {
    fn name(&self) -> &str {
        "chart"
    }

    fn render_block(
        &self,
        body: &str,
        at: &BlockContext,
    ) -> Result<directive::Output, directive::Error> {
        let ctx = context(self.datasets, self.png, at);
        let number = shown_number(self.numbers, FigureKind::Chart, at);
        let place = Place {
            on_page: at.number,
            number: &number,
        };
        let key = block_key(FigureKind::Chart, body, self.png, at);
        let made = self.made.get_or_make(key, || {
            MadeFigure::new(self.figures, || {
                insikt_chart::render_chart(body, place, &ctx)
            })
        });
        made.map_err(spec_error)?
            .numbered(self.name(), self.figures, &number)
    }
}

impl Directive for TableDirective<'_> {
    fn name(&self) -> &str {
        "table"
    }

    fn render_block(
        &self,
        body: &str,
        at: &BlockContext,
    ) -> Result<directive::Output, directive::Error> {
        let ctx = context(self.datasets, false, at);
        let number = shown_number(self.numbers, FigureKind::Table, at);
        let place = Place {
            on_page: at.number,
            number: &number,
        };
        let key = block_key(FigureKind::Table, body, false, at);
        let made = self.made.get_or_make(key, || {
            MadeFigure::new(self.figures, || {
                insikt_chart::render_table(body, place, &ctx)
            })
        });
        made.map_err(spec_error)?
            .numbered(self.name(), self.figures, &number)
    }
}

/// The number of the block at `at` among the report's charts or tables; a block the scan
/// before rendering did not see (one in a worksheet's text) has its number on the page.
fn shown_number(numbers: &Figures, kind: FigureKind, at: &BlockContext) -> String {
    numbers
        .at(at.page, kind, at.number)
        .map_or_else(|| at.number.to_string(), |f| f.number.clone())
}

fn context<'a>(datasets: &'a Datasets, png: bool, at: &BlockContext<'a>) -> DirectiveContext<'a> {
    DirectiveContext {
        datasets,
        language: at.language,
        strings: at.language.strings(),
        root: at.root,
        png,
    }
}

/// A block's error as the directive reports it.
fn spec_error(e: SpecError) -> directive::Error {
    directive::Error {
        message: e.message,
        help: e.help,
        body_location: e.yaml_location,
        args_span: None,
        reported: e.unloaded,
    }
}
