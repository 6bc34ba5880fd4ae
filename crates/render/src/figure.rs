//! Charts and tables in pages through the theme's `partials/figure.html`.

use super::{error_chain, PageRenderer};
use insikt_chart::figure::Figure;
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

/// Bytes of a figure's HTML besides its drawings, about: caption, table, source.
const FIGURE_FRAME: usize = 8192;

impl PageRenderer {
    /// A chart's or table's HTML: `figure` through the theme's `partials/figure.html`.
    pub fn figure_html(&self, figure: &Figure) -> Result<String, String> {
        self.figure_html_numbered(figure, None)
    }

    /// [`PageRenderer::figure_html`] with `number` in place of the figure's own, when
    /// given. The context is `figure` and `t`, the UI strings, which are made into a
    /// template context once rather than for each figure.
    fn figure_html_numbered(
        &self,
        figure: &Figure,
        number: Option<&str>,
    ) -> Result<String, String> {
        let context_error = |e: tera::Error| format!("cannot build the template context: {e}");
        let mut value = tera::to_value(figure).map_err(|e| context_error(e.into()))?;
        if let (Some(number), Some(fields)) = (number, value.as_object_mut()) {
            fields.insert("number".to_string(), tera::Value::from(number));
        }
        let mut own = tera::Map::new();
        own.insert("figure".to_string(), value);
        let own = tera::Context::from_value(tera::Value::Object(own)).map_err(context_error)?;
        let mut context = self.figures.take();
        context.extend(own);
        // The drawings are most of a chart's HTML: room for them and the rest, so the HTML
        // is not copied as it grows.
        let drawings = [&figure.svg, &figure.svg_narrow]
            .iter()
            .filter_map(|svg| svg.as_ref().map(String::len))
            .sum::<usize>();
        let mut html = Vec::with_capacity(drawings + FIGURE_FRAME);
        let made = self.tera.render_to(FIGURE_TEMPLATE, &context, &mut html);
        self.figures.keep(context);
        made.map_err(|e| {
            format!(
                "the template `{FIGURE_TEMPLATE}` failed: {}",
                error_chain(&e)
            )
        })?;
        String::from_utf8(html).map_err(|e| {
            format!("the template `{FIGURE_TEMPLATE}` made text that is not UTF-8: {e}")
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
        let html = self.figure_html_numbered(figure, Some(NUMBER_SLOT)).ok()?;
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
