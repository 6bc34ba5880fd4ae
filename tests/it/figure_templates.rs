//! Figures come from the theme: a report's theme overrides `partials/figure.html` or
//! `partials/data-table.html` and its charts and tables show that markup; a partial that
//! fails is an error at the block.

use crate::common;

use common::*;
use scraper::Selector;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

#[test]
fn an_overridden_figure_partial_makes_the_markup_of_charts_and_tables() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("valid/figure-override"), &out);
    let doc = html(&out.join("index.html"));
    let main = doc.select(&sel("main")).next().expect("main");
    assert_eq!(main.select(&sel("figure")).count(), 0, "{}", main.html());
    assert_eq!(main.select(&sel("details")).count(), 0);

    let chart = main
        .select(&sel(
            "article.egen-figur.egen-chart#figur-1[data-number=\"1\"]",
        ))
        .next()
        .expect("the chart in the theme's markup");
    assert_eq!(texts(&doc, "#figur-1 h3.egen-rubrik"), ["Besök per kommun"]);
    // The column drawing and the phone drawing, both in the theme's frame.
    assert_eq!(
        chart
            .select(&sel(".egen-bild > .chart-wide > svg.chart-svg"))
            .count(),
        1
    );
    assert_eq!(
        chart
            .select(&sel(".egen-bild > .chart-narrow > svg.chart-svg"))
            .count(),
        1
    );
    assert_eq!(
        texts(&doc, "#figur-1 dl.egen-data dt"),
        ["Karlstad", "Arvika", "Kil"]
    );
    assert_eq!(
        texts(&doc, "#figur-1 dl.egen-data dd"),
        ["12 500", "3 400", "<5"]
    );
    assert_eq!(texts(&doc, "#figur-1 p.egen-skydd").len(), 1);
    assert_eq!(
        attrs(&doc, "#figur-1 a.egen-fil", "href"),
        ["figur-1.svg", "figur-1.csv"]
    );
    assert_eq!(
        attrs(&doc, "#figur-1 a.egen-fil", "type"),
        ["image/svg+xml", "text/csv"]
    );
    assert_eq!(
        attrs(&doc, "#figur-1 p.egen-kalla a", "href"),
        ["codebook/besok/index.html"]
    );
    assert!(out.join("figur-1.svg").is_file() && out.join("figur-1.csv").is_file());

    assert_eq!(
        texts(&doc, "article.egen-table#tabell-1 h3"),
        ["Alla besök"]
    );
    assert_eq!(main.select(&sel("#tabell-1 svg")).count(), 0);
}

#[test]
fn an_overridden_data_table_partial_is_used_inside_the_built_in_figure() {
    let (_tmp, project) = copy_fixture("valid/figure-override");
    let partials = project.join("themes/egen/templates/partials");
    std::fs::remove_file(partials.join("figure.html")).unwrap();
    std::fs::write(
        partials.join("data-table.html"),
        "<ol class=\"egen-rader\">{% for row in figure.table.rows %}<li>{{ row.0.text }}</li>{% endfor %}</ol>",
    )
    .unwrap();
    let out = project.join("ut");
    build(&project, &out);
    let doc = html(&out.join("index.html"));
    assert_eq!(
        texts(
            &doc,
            "figure.chart#figur-1 details.chart-data ol.egen-rader li"
        ),
        ["Karlstad", "Arvika", "Kil"]
    );
    assert_eq!(
        texts(
            &doc,
            "figure.data-table#tabell-1 div.table-scroll ol.egen-rader li"
        ),
        ["Karlstad", "Arvika", "Kil"]
    );
    assert_eq!(doc.select(&sel("table")).count(), 0);
}

#[test]
fn a_figure_partial_that_fails_is_an_error_at_the_block() {
    let (_tmp, project) = copy_fixture("valid/figure-override");
    std::fs::write(
        project.join("themes/egen/templates/partials/figure.html"),
        "<p>{{ figure.no_such_field }}</p>",
    )
    .unwrap();
    let o = insikt(&["check", project.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{stderr}");
    assert!(stderr.contains("_index.md:3:"), "{stderr}");
    assert!(stderr.contains("`chart` block"), "{stderr}");
    assert!(stderr.contains("partials/figure.html"), "{stderr}");
    assert!(stderr.contains("_index.md:11:"), "{stderr}");
}
