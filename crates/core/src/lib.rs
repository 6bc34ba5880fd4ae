//! What every part of insikt shares, and depends on nothing of insikt's own: located
//! diagnostics (with the adapters for YAML and TOML errors and the one "did you mean"
//! helper), dates, HTML escaping and the URL rules, heading slugs, the authors' vocabulary,
//! the languages with their strings and number and date formats, axis scales, reading the
//! project's files, and the panic message naming the input being processed.

#![warn(missing_docs)]

pub mod crash;
pub mod date;
pub mod diagnostic;
pub mod fields;
pub mod html;
pub mod input;
pub mod language;
pub mod scale;
pub mod slug;
pub mod text;
pub mod url;
pub mod vocabulary;
