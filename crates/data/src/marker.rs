//! What a marker in a cell means. Statistics offices write a sign where a number is not
//! given, and the sign says why: SCB's `-` is zero ("noll"), while `..` is a value not
//! available. Each marker of a dataset maps to one [`MarkerMeaning`]; tables show the
//! marker, charts a marked gap (or a zero), and the note under a chart explains the
//! markers it shows. Shared by CSV datasets and PX data symbols.
//!
//! The defaults follow the Nordic offices' common usage (their own keys to symbols):
//! `-` zero (SCB, SSB, Statistics Denmark, Statistics Finland: "magnitude nil"), `..`
//! and `...` not available, `.` not applicable ("kan inte förekomma", SSB "ikke mulig å
//! oppgi tall", Statistics Finland "logically impossible"), `:` confidential (SSB
//! "vises ikke av konfidensialitetshensyn"), the empty cell and `NA` missing.

use serde::Deserialize;

/// What a marker stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkerMeaning {
    /// The value is zero (SCB's `-`): charted and counted as 0.
    Zero,
    /// The value is not available.
    Missing,
    /// The value cannot exist (the category did not apply).
    NotApplicable,
    /// The value is withheld by the publisher.
    Confidential,
}

impl MarkerMeaning {
    /// The codebook key: `zero`, `missing`, `not_applicable`, `confidential`.
    pub fn key(self) -> &'static str {
        match self {
            MarkerMeaning::Zero => "zero",
            MarkerMeaning::Missing => "missing",
            MarkerMeaning::NotApplicable => "not_applicable",
            MarkerMeaning::Confidential => "confidential",
        }
    }
}

/// The markers every dataset knows unless its codebook says otherwise.
pub const DEFAULT_MARKERS: &[(&str, MarkerMeaning)] = &[
    ("", MarkerMeaning::Missing),
    ("..", MarkerMeaning::Missing),
    ("...", MarkerMeaning::Missing),
    ("-", MarkerMeaning::Zero),
    (".", MarkerMeaning::NotApplicable),
    (":", MarkerMeaning::Confidential),
    ("NA", MarkerMeaning::Missing),
];

/// A dataset's markers: the defaults, or the codebook's `missing_values` (each meaning
/// missing) when it has them, then its `markers:`, which override both.
pub fn markers(
    missing_values: Option<&[String]>,
    declared: &[(String, MarkerMeaning)],
) -> Vec<(String, MarkerMeaning)> {
    let mut out: Vec<(String, MarkerMeaning)> = match missing_values {
        Some(list) => list
            .iter()
            .map(|m| (m.clone(), MarkerMeaning::Missing))
            .collect(),
        None => DEFAULT_MARKERS
            .iter()
            .map(|(m, meaning)| (m.to_string(), *meaning))
            .collect(),
    };
    for (marker, meaning) in declared {
        match out.iter_mut().find(|(m, _)| m == marker) {
            Some(known) => known.1 = *meaning,
            None => out.push((marker.clone(), *meaning)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_markers_override_the_defaults() {
        let m = markers(None, &[("..".into(), MarkerMeaning::Confidential)]);
        let find = |k: &str| m.iter().find(|(m, _)| m == k).map(|(_, v)| *v);
        assert_eq!(find("-"), Some(MarkerMeaning::Zero));
        assert_eq!(find(".."), Some(MarkerMeaning::Confidential));
        assert_eq!(find("."), Some(MarkerMeaning::NotApplicable));
        let m = markers(Some(&["x".into()]), &[]);
        assert_eq!(m, [("x".to_string(), MarkerMeaning::Missing)]);
    }
}
