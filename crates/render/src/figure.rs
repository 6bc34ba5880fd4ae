//! Charts and tables in pages through the theme's `partials/figure.html`.

use super::{error_chain, PageRenderer};
use insikt_chart::figure::Figure;
use insikt_core::language::UiStrings;
use serde::Serialize;

/// The partial a figure is rendered with; it includes `partials/data-table.html`.
pub const FIGURE_TEMPLATE: &str = "partials/figure.html";

/// What `partials/figure.html` gets.
#[derive(Serialize)]
struct FigureContext<'a> {
    figure: &'a Figure,
    t: &'a UiStrings,
}

impl PageRenderer {
    /// A chart's or table's HTML: `figure` through the theme's `partials/figure.html`.
    pub fn figure_html(&self, figure: &Figure) -> Result<String, String> {
        let context = FigureContext {
            figure,
            t: self.strings,
        };
        let context = tera::Context::from_serialize(&context)
            .map_err(|e| format!("cannot build the template context: {e}"))?;
        self.tera.render(FIGURE_TEMPLATE, &context).map_err(|e| {
            format!(
                "the template `{FIGURE_TEMPLATE}` failed: {}",
                error_chain(&e)
            )
        })
    }
}
