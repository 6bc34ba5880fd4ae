//! insikt turns a folder of Markdown case narratives, question sets and CSV indicator tables
//! into an accessible static website for reflection and insight reports.
//!
//! The parts, in the order data flows through a build:
//! [`config`] (`book.toml`) → [`content`] (pages and front matter) → [`markdown`]
//! (HTML fragments, links, headings), with [`questions`] (question sets as worksheets)
//! → [`render`] (theme templates) → [`site`] (the build
//! and writing the output). [`cmd`] holds the subcommands over them.

pub use insikt_chart as chart;
pub use insikt_config as config;
pub use insikt_content as content;
pub use insikt_data as data;
pub use insikt_data::published_csv;
pub use insikt_import as import;
pub use insikt_markdown as markdown;
pub use insikt_markdown::terms;
pub use insikt_render as render;
pub use insikt_search as search;
pub use insikt_site as site;

pub mod cli;
pub mod cmd;
pub mod questions;

/// The glossary: the file ([`insikt_content::glossary`]) and its terms found in running
/// text ([`terms`]).
pub mod glossary {
    pub use insikt_content::glossary::*;
    pub use insikt_markdown::terms::{TermMatch, TermMatcher};
}
