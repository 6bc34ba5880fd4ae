//! Directives: fenced blocks such as ```` ```chart ```` whose body is not code but input to
//! something markdown does not know. Markdown finds them and places their HTML; a layer
//! above (render) implements them, so markdown depends on none of what they draw on
//! (datasets, charts).
//!
//! A directive is an implementation of [`Directive`] handed to the renderer in
//! [`crate::LinkTargets::directives`]. It is used as a block (```` ```NAME ````, its body
//! on the lines up to the closing fence), inline in text (`{{#NAME ARGS}}`), or both: each
//! use has its method, and the default of each refuses that use with a located error.
//!
//! Inline directives are found in the text of paragraphs, headings, list items, table
//! cells, link texts and emphasis, never in code spans, code blocks or raw HTML; `\{{#`
//! shows the braces literally. The arguments reach the directive as the author typed them
//! (straight quotes stay straight); a line break between them reads as a space.

use insikt_core::language::Language;
use std::path::Path;

/// A named directive that renders a block body, or inline arguments, into HTML.
pub trait Directive: Sync + std::fmt::Debug {
    /// The name that opens the block (```` ```NAME ````) or the inline use (`{{#NAME …}}`).
    fn name(&self) -> &str;

    /// Renders the body of a block (the text between the fences, YAML by convention) at
    /// `at`; an error is reported at the block by markdown. By default the directive
    /// cannot be used as a block.
    fn render_block(&self, body: &str, at: &BlockContext) -> Result<Output, Error> {
        let _ = (body, at);
        Err(Error::new(
            "cannot be used as a block, only inline in text".to_string(),
            format!(
                "write `{{{{#{} …}}}}` in a paragraph, heading, list item or table cell",
                self.name()
            ),
        ))
    }

    /// Renders an inline use `{{#NAME ARGS}}` at `at`; `args` is the text after the name,
    /// trimmed, as the author typed it. An error is reported at the `{{` by markdown. By
    /// default the directive cannot be used inline.
    fn render_inline(&self, args: &str, at: &InlineContext) -> Result<InlineOutput, Error> {
        let _ = (args, at);
        Err(Error::new(
            "cannot be used inline, only as a block".to_string(),
            format!(
                "write a ```{} block on lines of its own, closed by ```",
                self.name()
            ),
        ))
    }
}

/// Where an inline directive is rendered.
#[derive(Debug, Clone, Copy)]
pub struct InlineContext<'a> {
    /// The report's language.
    pub language: Language,
    /// Relative prefix from the page to the site root (`""`, `"../"`, …).
    pub root: &'a str,
    /// The page, by index into the report's pages.
    pub page: usize,
    /// The page's source path relative to `content/` (`insatser/fall.md`).
    pub source: &'a Path,
    /// The page's output folder (see `Page::url_dir`).
    pub url_dir: &'a str,
    /// The 1-based line of the directive's `{{` in the page's file (for a worksheet's
    /// text: of the text).
    pub line: usize,
    /// The 1-based column, in characters, of the `{{`.
    pub column: usize,
    /// True when the directive opens a sentence: it is the first thing in its paragraph,
    /// heading, list item or table cell, or follows `.`, `!` or `?` and a space, not after
    /// an abbreviation such as `t.ex.` or `ca.` (a word it writes is then capitalised).
    pub sentence_start: bool,
}

/// A rendered inline directive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InlineOutput {
    /// The HTML to put in the text, escaped by the directive.
    pub html: String,
    /// The same as plain text (for the search index, the identifier checks and reviews
    /// of every directive's text).
    pub text: String,
    /// Datasets the directive uses.
    pub datasets: Vec<String>,
}

/// An inline directive as used on a page, recorded in [`crate::Rendered::inline_uses`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineUse {
    /// The directive's name.
    pub name: String,
    /// Its arguments as typed.
    pub args: String,
    /// The 1-based line of its `{{` in the page's file.
    pub line: usize,
    /// The 1-based column of its `{{`.
    pub column: usize,
    /// The text it rendered.
    pub text: String,
}

/// Where a block is rendered.
#[derive(Debug, Clone, Copy)]
pub struct BlockContext<'a> {
    /// The report's language.
    pub language: Language,
    /// Relative prefix from the page to the site root (`""`, `"../"`, …).
    pub root: &'a str,
    /// The page, by index into the report's pages.
    pub page: usize,
    /// Which block of this directive on the page it is, from 1, in reading order (the
    /// order [`crate::fenced_blocks`] finds them in).
    pub number: usize,
}

/// A rendered block.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// The HTML to put in the page.
    pub html: String,
    /// Files to write beside the page (name relative to the page's folder, bytes).
    pub files: Vec<(String, Vec<u8>)>,
    /// Datasets the block uses (listed on the page's codebook links).
    pub datasets: Vec<String>,
}

/// A block or inline use that cannot be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// Line and column within a block's body, when known; otherwise the error belongs at
    /// the block's opening fence. Inline errors always belong at the directive's `{{`.
    pub body_location: Option<(usize, usize)>,
    /// For an inline use: the bytes of its arguments the problem is in, when known. The
    /// error is then put at them rather than at the `{{`, where the arguments stand in the
    /// file as typed.
    pub args_span: Option<std::ops::Range<usize>>,
    /// True when the cause is reported already (a dataset that failed to load): the block
    /// is left out without another diagnostic.
    pub reported: bool,
}

impl Error {
    /// An error with `message` and `help`, located at the block's fence or the inline
    /// directive's `{{`.
    pub fn new(message: String, help: String) -> Self {
        Error {
            message,
            help,
            body_location: None,
            args_span: None,
            reported: false,
        }
    }
}
