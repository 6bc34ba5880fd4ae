//! The ```` ```chart ```` and ```` ```table ```` directives: markdown finds the blocks,
//! [`insikt_chart`] turns them into typed figures from the report's datasets, and the
//! theme's `partials/figure.html` turns a figure into HTML.

use crate::PageRenderer;
use insikt_chart::{DirectiveContext, Output, SpecError};
use insikt_data::Datasets;
use insikt_markdown::directive::{self, BlockContext, Directive};

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
}

/// The ```` ```table ```` directive: a table of a dataset's rows.
#[derive(Clone, Copy)]
pub struct TableDirective<'a> {
    /// The report's datasets.
    pub datasets: &'a Datasets,
    /// The theme's markup for figures, as for [`ChartDirective::figures`].
    pub figures: Option<&'a PageRenderer>,
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
        convert(
            self.name(),
            self.figures,
            insikt_chart::render_chart(body, at.number, &ctx),
        )
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
        convert(
            self.name(),
            self.figures,
            insikt_chart::render_table(body, at.number, &ctx),
        )
    }
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

fn convert(
    name: &str,
    figures: Option<&PageRenderer>,
    result: Result<Output, SpecError>,
) -> Result<directive::Output, directive::Error> {
    match result {
        Ok(o) => {
            let html = match figures.map(|f| f.figure_html(&o.figure)) {
                Some(Ok(html)) => html,
                Some(Err(e)) => {
                    return Err(directive::Error {
                        message: format!("`{name}` block: {e}"),
                        help: FIGURE_HELP.to_string(),
                        body_location: None,
                        reported: false,
                    })
                }
                None => String::new(),
            };
            Ok(directive::Output {
                html,
                files: o.files,
                datasets: vec![o.dataset],
            })
        }
        Err(e) => Err(directive::Error {
            message: e.message,
            help: e.help,
            body_location: e.yaml_location,
            reported: e.unloaded,
        }),
    }
}
