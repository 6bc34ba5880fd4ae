//! The inline directives that quote the data (issue 15): `{{#value DATASET.COLUMN …}}`,
//! `{{#updated DATASET}}` and `{{#source DATASET}}`. [`insikt_data::values`] reads and
//! answers them; a value that is not published is its marker, linked to the dataset's
//! privacy note through the theme's `partials/hidden-value.html`.

use crate::{error_chain, PageRenderer};
use insikt_core::html::escape;
use insikt_core::url::encode;
use insikt_data::privacy::Suppression;
use insikt_data::values::{self, Query, ValueError};
use insikt_data::{Dataset, Datasets};
use insikt_markdown::directive::{Directive, Error, InlineContext, InlineOutput};
use serde::Serialize;

/// The partial a value that is not published is rendered with.
pub const HIDDEN_VALUE_TEMPLATE: &str = "partials/hidden-value.html";

/// `{{#value DATASET.COLUMN …}}`: a number (or text) from a dataset.
#[derive(Clone, Copy)]
pub struct ValueDirective<'a> {
    /// The report's datasets.
    pub datasets: &'a Datasets,
    /// The theme's markup, for a value that is not published; `None` when the theme's
    /// templates do not compile (reported already).
    pub theme: Option<&'a PageRenderer>,
}

/// `{{#updated DATASET}}`: the date the dataset's data is as of.
#[derive(Debug, Clone, Copy)]
pub struct UpdatedDirective<'a> {
    /// The report's datasets.
    pub datasets: &'a Datasets,
}

/// `{{#source DATASET}}`: where the dataset's numbers come from.
#[derive(Debug, Clone, Copy)]
pub struct SourceDirective<'a> {
    /// The report's datasets.
    pub datasets: &'a Datasets,
}

// By hand: the renderer holds the compiled templates, too much for a debug line.
impl std::fmt::Debug for ValueDirective<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValueDirective").finish_non_exhaustive()
    }
}

/// What `partials/hidden-value.html` gets as `value`.
#[derive(Serialize)]
struct HiddenValue<'a> {
    /// The marker: `<5`, `×`, or the publisher's.
    marker: &'a str,
    /// The dataset's codebook page, at its privacy note when it has one.
    href: String,
    /// Why the value is not shown, in the report's language.
    note: String,
}

impl Directive for ValueDirective<'_> {
    fn name(&self) -> &str {
        "value"
    }

    fn render_inline(&self, args: &str, at: &InlineContext) -> Result<InlineOutput, Error> {
        let query = Query::parse(args).map_err(error)?;
        let resolved = query.resolve(self.datasets).map_err(error)?;
        let dataset = query
            .dataset(self.datasets)
            .expect("a resolved query names a loaded dataset");
        let text = resolved.format(at.language);
        let html = match resolved.hidden() {
            None => escape(&text),
            Some(marker) => match self.theme {
                Some(theme) => theme
                    .hidden_value_html(dataset, marker, at.root)
                    .map_err(|e| Error::new(e, HIDDEN_VALUE_HELP.to_string()))?,
                None => escape(&text),
            },
        };
        Ok(InlineOutput {
            html,
            text,
            datasets: vec![dataset.name.clone()],
        })
    }
}

/// Help for a theme whose `partials/hidden-value.html` fails.
const HIDDEN_VALUE_HELP: &str = "fix the theme's `partials/hidden-value.html`; see docs/themes.md";

impl Directive for UpdatedDirective<'_> {
    fn name(&self) -> &str {
        "updated"
    }

    fn render_inline(&self, args: &str, at: &InlineContext) -> Result<InlineOutput, Error> {
        let (dataset, text) = values::updated(args, self.datasets, at.language).map_err(error)?;
        Ok(quoted(dataset, text))
    }
}

impl Directive for SourceDirective<'_> {
    fn name(&self) -> &str {
        "source"
    }

    fn render_inline(&self, args: &str, _: &InlineContext) -> Result<InlineOutput, Error> {
        let (dataset, text) = values::source(args, self.datasets).map_err(error)?;
        Ok(quoted(dataset, text))
    }
}

/// A text quoted from `dataset`'s codebook.
fn quoted(dataset: &Dataset, text: String) -> InlineOutput {
    InlineOutput {
        html: escape(&text),
        text,
        datasets: vec![dataset.name.clone()],
    }
}

/// The directive error for `e`, at the arguments it is about.
fn error(e: ValueError) -> Error {
    Error {
        reported: e.reported,
        args_span: e.span,
        ..Error::new(e.message, e.help)
    }
}

impl PageRenderer {
    /// A value of `dataset` that is not published, shown as `marker` on a page whose root
    /// prefix is `root`: through the theme's `partials/hidden-value.html`, linked to the
    /// codebook page's privacy note.
    fn hidden_value_html(
        &self,
        dataset: &Dataset,
        marker: &str,
        root: &str,
    ) -> Result<String, String> {
        let page = format!("{root}codebook/{}/index.html", encode(&dataset.name));
        let (href, note) = if dataset.suppressed.is_empty() {
            // A publisher's marker (`:`), not insikt's suppression: the codebook says what
            // it means.
            (page, self.strings.marker_confidential.clone())
        } else {
            let secondary = dataset
                .suppressed
                .iter()
                .any(|s| s.why == Suppression::Secondary);
            (
                format!("{page}#privacy-note"),
                insikt_chart::privacy_note_text(secondary, dataset.min_count, self.strings),
            )
        };
        let value = HiddenValue { marker, href, note };
        let mut context = tera::Context::new();
        context.insert("value", &value);
        context.insert("t", self.strings);
        self.tera
            .render(HIDDEN_VALUE_TEMPLATE, &context)
            .map(|html| html.trim().to_string())
            .map_err(|e| {
                format!(
                    "the template `{HIDDEN_VALUE_TEMPLATE}` failed: {}",
                    error_chain(&e)
                )
            })
    }
}
