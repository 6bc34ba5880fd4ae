//! Directives: fenced blocks such as ```` ```chart ```` whose body is not code but input to
//! something markdown does not know. Markdown finds them and places their HTML; a layer
//! above (render) implements them, so markdown depends on none of what they draw on
//! (datasets, charts).
//!
//! A directive is an implementation of [`Directive`] handed to the renderer in
//! [`crate::LinkTargets::directives`]. Inline directives (issue 15: `{{#value …}}`,
//! `{{#ref …}}`) can be added as another method with a default that refuses the inline
//! use, so existing directives and markdown's dependencies stay as they are.

use insikt_core::language::Language;

/// A named directive that renders a block body into HTML.
pub trait Directive: Sync + std::fmt::Debug {
    /// The name that opens the block (```` ```NAME ````).
    fn name(&self) -> &str;

    /// Renders the body of a block (the text between the fences, YAML by convention) at
    /// `at`; an error is reported at the block by markdown.
    fn render_block(&self, body: &str, at: &BlockContext) -> Result<Output, Error>;
}

/// Where a block is rendered.
#[derive(Debug, Clone, Copy)]
pub struct BlockContext<'a> {
    /// The report's language.
    pub language: Language,
    /// Relative prefix from the page to the site root (`""`, `"../"`, …).
    pub root: &'a str,
    /// Which block of this directive on the page it is, from 1 (figures and tables are
    /// numbered per page in reading order).
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

/// A block that cannot be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// Line and column within the body, when known; otherwise the error belongs at the
    /// block's opening fence.
    pub body_location: Option<(usize, usize)>,
    /// True when the cause is reported already (a dataset that failed to load): the block
    /// is left out without another diagnostic.
    pub reported: bool,
}
