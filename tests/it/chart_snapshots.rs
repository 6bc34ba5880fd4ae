//! Reviewed snapshots of one chart SVG per chart type (and both bar orientations), built by
//! the binary from the fixture `valid/chart-snapshots`: a page per chart, its SVG download
//! compared with `tests/it/snapshots/`. A change to how charts are drawn shows here as a
//! diff; review the new drawing (render it to PNG and look at it) before accepting it with
//! `INSTA_UPDATE=always cargo test --release --test it chart_snapshots`.

use crate::common::{build, fixture};

/// The pages of the fixture, each holding one chart.
const CHARTS: &[&str] = &[
    "bar",
    "bar-horizontal",
    "grouped-bar",
    "stacked-bar",
    "stacked-bar-percent",
    "line",
    "scatter",
    "likert",
];

#[test]
fn each_chart_type_draws_its_reviewed_svg() {
    let tmp = tempfile::tempdir().unwrap();
    let (site, again) = (tmp.path().join("site"), tmp.path().join("again"));
    build(&fixture("valid/chart-snapshots"), &site);
    build(&fixture("valid/chart-snapshots"), &again);
    for chart in CHARTS {
        let name = format!("{chart}/figur-1.svg");
        let svg = std::fs::read_to_string(site.join(&name))
            .unwrap_or_else(|e| panic!("cannot read {name}: {e}"));
        assert_eq!(
            svg,
            std::fs::read_to_string(again.join(&name)).unwrap(),
            "{name} differs between two builds of the same project"
        );
        insta::assert_snapshot!(*chart, svg);
    }
}
