//! `[privacy]`: small-number suppression, and the rule every `min_count` must keep (in
//! `book.toml` and in a codebook alike).

use insikt_core::diagnostic::{Diagnostic, Location};
use serde::Deserialize;
use std::path::Path;

/// The lowest `min_count` allowed without `allow_below_default = true`.
pub const LOWEST_MIN_COUNT: u32 = 3;

/// `[privacy]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PrivacyConfig {
    /// Counts from 1 to `min_count - 1` are suppressed. Default 5; a codebook may set its
    /// own.
    pub min_count: u32,
    /// Allows a `min_count` below 3 (with a warning in every build). Default false.
    pub allow_below_default: bool,
}

impl Default for PrivacyConfig {
    fn default() -> Self {
        PrivacyConfig {
            min_count: 5,
            allow_below_default: false,
        }
    }
}

/// Checks a `min_count` given in `file` (whose text is `text`): below
/// [`LOWEST_MIN_COUNT`] it is an error unless `allow_below_default` is set, and then a
/// warning, returned for every build to print.
pub fn check_min_count(
    min_count: u32,
    allowed: bool,
    file: &Path,
    text: &str,
) -> Result<Option<String>, Diagnostic> {
    if min_count >= LOWEST_MIN_COUNT {
        return Ok(None);
    }
    if allowed {
        return Ok(Some(format!(
            "warning: {}: `min_count = {min_count}` is below {LOWEST_MIN_COUNT}; counts from {LOWEST_MIN_COUNT} down are published (allowed by `allow_below_default`)",
            file.display()
        )));
    }
    let location = text
        .find("min_count")
        .map(|o| Location::from_offset(text, o))
        .unwrap_or(Location::new(1, 1));
    Err(Diagnostic::at(
        file,
        text,
        location,
        format!("`min_count` is {min_count}; counts below {LOWEST_MIN_COUNT} must always be hidden"),
    )
    .with_help(format!(
        "use a `min_count` of {LOWEST_MIN_COUNT} or more; if a data steward has approved a lower one, add `allow_below_default = true` (`allow_below_default: true` in a codebook) beside it"
    )))
}
