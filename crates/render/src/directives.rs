//! The ```` ```chart ```` and ```` ```table ```` directives: markdown finds the blocks,
//! [`insikt_chart`] turns them into figures from the report's datasets.

use insikt_chart::{DirectiveContext, Output, SpecError};
use insikt_data::Datasets;
use insikt_markdown::directive::{self, BlockContext, Directive};

/// The ```` ```chart ```` directive: a figure from a dataset.
#[derive(Debug, Clone, Copy)]
pub struct ChartDirective<'a> {
    /// The report's datasets.
    pub datasets: &'a Datasets,
    /// Whether charts link a PNG download (`[build] chart_png`).
    pub png: bool,
}

/// The ```` ```table ```` directive: a table of a dataset's rows.
#[derive(Debug, Clone, Copy)]
pub struct TableDirective<'a> {
    /// The report's datasets.
    pub datasets: &'a Datasets,
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
        convert(insikt_chart::render_chart(body, at.number, &ctx))
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
        convert(insikt_chart::render_table(body, at.number, &ctx))
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

fn convert(result: Result<Output, SpecError>) -> Result<directive::Output, directive::Error> {
    match result {
        Ok(o) => Ok(directive::Output {
            html: o.html,
            files: o.files,
            datasets: vec![o.dataset],
        }),
        Err(e) => Err(directive::Error {
            message: e.message,
            help: e.help,
            body_location: e.yaml_location,
            reported: e.unloaded,
        }),
    }
}
