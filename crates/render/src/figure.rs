//! Charts and tables in pages through the theme's `partials/figure.html`.

use super::{error_chain, PageRenderer};
use insikt_chart::figure::Figure;
use insikt_core::language::UiStrings;
use serde::Serialize;

/// The partial a figure is rendered with; it includes `partials/data-table.html`.
pub const FIGURE_TEMPLATE: &str = "partials/figure.html";

/// The partial of a figure's table.
pub const DATA_TABLE_TEMPLATE: &str = "partials/data-table.html";

/// What a figure's HTML made for many numbers has in place of the number (see
/// [`PageRenderer::figure_html_for_any_number`]): private-use characters around a word, which
/// the escaping of the templates leaves as they are.
pub const NUMBER_SLOT: &str = "\u{e000}insikt-figure-number\u{e001}";

/// The partial a `{{#ref ID}}` is rendered with.
pub const REF_TEMPLATE: &str = "partials/ref.html";

/// What `partials/ref.html` gets.
#[derive(Serialize)]
struct RefContext<'a> {
    /// The link to the figure.
    href: &'a str,
    /// "figur 2", capitalised at the start of a sentence.
    text: &'a str,
}

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

    /// `figure`'s HTML with [`NUMBER_SLOT`] where its number goes, so that the same
    /// figure numbered otherwise is that HTML with the (escaped) number put in the slot;
    /// `None` unless that is certain: the figure partials are the built-in ones, which
    /// print the number once as it is, and the slot is in the HTML once (no text of the
    /// figure holds it).
    pub fn figure_html_for_any_number(&self, figure: &Figure) -> Option<String> {
        if !self.figure_number_verbatim {
            return None;
        }
        let slotted = Figure {
            number: NUMBER_SLOT.to_string(),
            ..figure.clone()
        };
        let html = self.figure_html(&slotted).ok()?;
        (html.matches(NUMBER_SLOT).count() == 1).then_some(html)
    }

    /// A reference's link: `text` to `href` through the theme's `partials/ref.html`.
    pub fn ref_html(&self, href: &str, text: &str) -> Result<String, String> {
        let context = tera::Context::from_serialize(RefContext { href, text })
            .map_err(|e| format!("cannot build the template context: {e}"))?;
        // The line breaks around the partial's markup (after its comment, at the file's
        // end) would be spaces in the text: `(figur 1)` would read `( figur 1)`.
        let html = self
            .tera
            .render(REF_TEMPLATE, &context)
            .map_err(|e| format!("the template `{REF_TEMPLATE}` failed: {}", error_chain(&e)))?;
        Ok(html.trim().to_string())
    }
}
