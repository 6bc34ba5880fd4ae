//! The `toml` crate's errors in the author's terms, located in the file.

use super::{author_terms, Format, Location};

/// Where `error` is in `text`, the TOML document it was read from; the document's start
/// when the error has no place.
pub fn location(text: &str, error: &::toml::de::Error) -> Location {
    error
        .span()
        .map(|span| Location::from_offset(text, span.start))
        .unwrap_or(Location::new(1, 1))
}

/// What `error` says, without Rust type names.
pub fn message(error: &::toml::de::Error) -> String {
    author_terms(error.message().trim(), Format::Toml)
}
