//! How a chart or table becomes HTML: markdown hands the typed figure to the page renderer,
//! which runs the theme's `partials/figure.html`, so a theme owns the markup.

use crate::chart::figure::Figure;

/// Turns the figures of ```` ```chart ```` and ```` ```table ```` blocks into HTML.
pub trait FigureHtml: Sync {
    /// The HTML of `figure`, or why the template failed.
    fn figure_html(&self, figure: &Figure) -> Result<String, String>;
}

impl std::fmt::Debug for dyn FigureHtml + '_ {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FigureHtml")
    }
}
