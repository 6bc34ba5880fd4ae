//! How charts read (issue 14 items 2 and 3, issue 13 item 10): a phone drawing beside the
//! column drawing, value labels on every bar or on none, short words never hyphenated,
//! missing values as marked gaps, only drawn series in the legend, axis labels inside the
//! drawing. Each chart is rendered from a small dataset by `render_chart` and its SVG parsed.

use insikt::chart::figure::Figure;
use insikt::chart::{render_chart, DirectiveContext, Place};
use insikt::data::{from_bytes, parse_codebook, Datasets};
use insikt_core::language::Language;
use scraper::{ElementRef, Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Chart `block` (its YAML) of dataset `d`: `csv` (`;`-separated) described by the
/// codebook `fields` (YAML list items).
fn chart(csv: &str, fields: &str, block: &str) -> Figure {
    let yaml = format!("decimal: \",\"\nfields:\n{fields}");
    let codebook = parse_codebook(std::path::Path::new("data/d.yaml"), &yaml).unwrap();
    let (d, _) = from_bytes("d", csv.as_bytes(), Some((codebook, yaml.clone()))).unwrap();
    let mut datasets = Datasets::default();
    datasets.by_name.insert("d".into(), d);
    let lang = Language::Sv;
    let ctx = DirectiveContext {
        datasets: &datasets,
        language: lang,
        strings: lang.strings(),
        root: "../",
        png: false,
    };
    render_chart(&format!("data: d\n{block}"), Place::FIRST, &ctx)
        .unwrap()
        .figure
}

const FIELDS: &str = "  - {name: ort, type: string}\n  - {name: ar, type: string}\n  - {name: antal, type: number}\n";

fn svg(markup: &str) -> Html {
    Html::parse_fragment(markup)
}

fn text(e: ElementRef) -> String {
    e.text().collect()
}

fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector)).map(text).collect()
}

fn number(e: ElementRef, attr: &str) -> f64 {
    e.value().attr(attr).unwrap().parse().unwrap()
}

/// The viewBox width of the drawing.
fn view_width(doc: &Html) -> f64 {
    let svg = doc.select(&sel("svg")).next().unwrap();
    let view_box = svg.value().attr("viewBox").unwrap();
    view_box.split(' ').nth(2).unwrap().parse().unwrap()
}

#[test]
fn a_chart_has_a_phone_drawing_with_lying_bars_and_ids_of_its_own() {
    let csv = "ort;ar;antal\nKarlstad;2022;14020\nArvika;2022;3350\nKil;2022;1010\n";
    let f = chart(csv, FIELDS, "type: bar\nx: ort\ny: antal\n");
    let wide = svg(f.svg.as_deref().unwrap());
    let narrow = svg(f.svg_narrow.as_deref().unwrap());
    assert_eq!(view_width(&wide), 700.0);
    assert_eq!(view_width(&narrow), 360.0);
    // Standing in the column (one width), lying on the phone (one height).
    let sizes = |doc: &Html, attr: &str| -> Vec<f64> {
        doc.select(&sel("rect.chart-bar"))
            .map(|r| number(r, attr))
            .collect()
    };
    let same = |v: Vec<f64>| v.len() == 3 && v.iter().all(|x| *x == v[0]);
    assert!(same(sizes(&wide, "width")), "{:?}", sizes(&wide, "width"));
    assert!(
        same(sizes(&narrow, "height")),
        "{:?}",
        sizes(&narrow, "height")
    );
    // No id of one drawing is in the other, and each drawing names its own title.
    let ids = |doc: &Html| -> Vec<String> {
        doc.select(&sel("[id]"))
            .map(|e| e.value().attr("id").unwrap().to_string())
            .collect()
    };
    let (wide_ids, narrow_ids) = (ids(&wide), ids(&narrow));
    assert!(!wide_ids.is_empty() && !narrow_ids.is_empty());
    assert!(
        wide_ids.iter().all(|id| !narrow_ids.contains(id)),
        "{wide_ids:?} {narrow_ids:?}"
    );
    let labelled_by = narrow.select(&sel("svg")).next().unwrap();
    for id in labelled_by
        .value()
        .attr("aria-labelledby")
        .unwrap()
        .split(' ')
    {
        assert!(
            narrow_ids.iter().any(|i| i == id),
            "{id} is not in the phone drawing"
        );
    }
}

#[test]
fn a_value_label_on_every_bar_or_on_none() {
    // Standing bars of many sizes: the widest label (the tallest bar) does not fit over its
    // bar, so no bar is labelled, rather than every bar but the tallest.
    let mut csv = String::from("ort;ar;antal\n");
    for (i, v) in [12, 7, 1_234_567, 9, 15, 4, 3, 8, 11, 6, 2, 10]
        .iter()
        .enumerate()
    {
        csv.push_str(&format!("O{i};2022;{v}\n"));
    }
    let f = chart(&csv, FIELDS, "type: bar\nx: ort\ny: antal\n");
    let wide = svg(f.svg.as_deref().unwrap());
    let labels: Vec<String> = texts(&wide, "text.chart-text")
        .into_iter()
        .filter(|t| ["12", "7", "9", "15", "1\u{a0}234\u{a0}567"].contains(&t.as_str()))
        .collect();
    assert!(labels.is_empty(), "{labels:?}");
    // Three bars whose labels fit: all three labelled.
    let csv = "ort;ar;antal\nA;2022;28\nB;2022;5\nC;2022;17\n";
    let f = chart(csv, FIELDS, "type: bar\nx: ort\ny: antal\n");
    for markup in [f.svg.unwrap(), f.svg_narrow.unwrap()] {
        let doc = svg(&markup);
        let all = texts(&doc, "text.chart-text");
        for v in ["28", "5", "17"] {
            assert!(all.iter().any(|t| t == v), "{v} not labelled: {all:?}");
        }
    }
}

#[test]
fn more_than_six_groups_of_three_bars_carry_no_value_labels() {
    let mut csv = String::from("ort;ar;antal\n");
    for o in 0..7 {
        for y in 2020..2023 {
            csv.push_str(&format!("Ort {o};{y};{}\n", 101 + o * 10 + y - 2020));
        }
    }
    let f = chart(
        &csv,
        FIELDS,
        "type: grouped-bar\nx: ort\nseries: ar\ny: antal\n",
    );
    let doc = svg(f.svg.as_deref().unwrap());
    assert_eq!(doc.select(&sel("rect.chart-bar")).count(), 21);
    let values: Vec<String> = texts(&doc, "text")
        .into_iter()
        // The values end in 1, 2 or 3; the ticks in 0, the legend says years.
        .filter(|t| t.parse::<u32>().is_ok_and(|n| n < 2000 && n % 10 != 0))
        .collect();
    assert!(values.is_empty(), "{values:?}");
}

#[test]
fn short_words_are_never_hyphenated() {
    // Fourteen places: standing, a bar's slot holds four characters; "Falun" must not
    // become "Fal-un". The chart lies down instead, every name whole.
    let places = [
        "Falun",
        "Borlänge",
        "Avesta",
        "Hedemora",
        "Ludvika",
        "Mora",
        "Leksand",
        "Rättvik",
        "Orsa",
        "Malung",
        "Vansbro",
        "Gagnef",
        "Säter",
        "Smedjebacken",
    ];
    let mut csv = String::from("ort;ar;antal\n");
    for (i, p) in places.iter().enumerate() {
        csv.push_str(&format!("{p};2022;{}\n", 10 + i));
    }
    let f = chart(&csv, FIELDS, "type: bar\nx: ort\ny: antal\n");
    for markup in [f.svg.unwrap(), f.svg_narrow.unwrap()] {
        let doc = svg(&markup);
        let all = texts(&doc, "text");
        for t in &all {
            assert!(!t.ends_with('-') && !t.ends_with('…'), "{t:?} in {all:?}");
        }
        for p in places {
            assert!(all.iter().any(|t| t == p), "{p} not written whole: {all:?}");
        }
    }
}

#[test]
fn a_missing_value_is_a_marked_gap_without_a_bar() {
    // Kil has no 2021 row: where its bar would stand, a dashed mark and "..".
    let csv = "ort;ar;antal\nKarlstad;2021;13250\nKarlstad;2022;14020\nKil;2022;1010\n";
    for kind in ["grouped-bar", "line"] {
        let f = chart(
            csv,
            FIELDS,
            &format!(
                "type: {kind}\nx: {}\nseries: {}\ny: antal\n",
                if kind == "line" { "ar" } else { "ort" },
                if kind == "line" { "ort" } else { "ar" }
            ),
        );
        for markup in [f.svg.unwrap(), f.svg_narrow.unwrap()] {
            let doc = svg(&markup);
            assert_eq!(doc.select(&sel("line.chart-gap")).count(), 1, "{kind}");
            assert_eq!(texts(&doc, ".chart-marker"), [".."], "{kind}");
        }
    }
    let f = chart(
        csv,
        FIELDS,
        "type: grouped-bar\nx: ort\nseries: ar\ny: antal\n",
    );
    assert_eq!(
        svg(f.svg.as_deref().unwrap())
            .select(&sel("rect.chart-bar"))
            .count(),
        3
    );
}

#[test]
fn the_legend_names_only_series_that_are_drawn() {
    // The 2023 rows have no numbers: no bar, so no legend swatch either.
    let csv = "ort;ar;antal\nA;2022;5\nB;2022;7\nA;2023;\nB;2023;\nA;2021;4\nB;2021;6\n";
    let f = chart(
        csv,
        FIELDS,
        "type: grouped-bar\nx: ort\nseries: ar\ny: antal\n",
    );
    for markup in [f.svg.unwrap(), f.svg_narrow.unwrap()] {
        let all = texts(&svg(&markup), "text");
        assert!(all.iter().any(|t| t == "2022"), "{all:?}");
        assert!(!all.iter().any(|t| t == "2023"), "{all:?}");
    }
    // The table still has the column.
    assert!(f.table.header.iter().any(|h| h.text == "2023"));
}

#[test]
fn axis_labels_stay_inside_the_drawing() {
    // A lying 100 % stack: its "100 %" tick label is centred on the plot's right end, and
    // its value axis has a long title.
    let csv = "ort;ar;antal\nA;2022;5\nA;2021;7\nB;2022;4\nB;2021;6\n";
    let f = chart(
        csv,
        FIELDS,
        "type: stacked-bar\npercent: true\norientation: horizontal\nx: ort\nseries: ar\ny: antal\ny_title: Deltagare utöver arbetsgruppen (personer), andel per år\n",
    );
    for markup in [f.svg.unwrap(), f.svg_narrow.unwrap()] {
        let doc = svg(&markup);
        let width = view_width(&doc);
        for t in doc.select(&sel("text")) {
            // Turned titles have no x; they are placed by a transform.
            let Some(x) = t.value().attr("x") else {
                continue;
            };
            let chars = text(t).chars().count() as f64;
            // Characters measured as the drawing measures them (8.2 units at 14).
            let (x, w) = (x.parse::<f64>().unwrap(), chars * 8.2);
            let (from, to) = match t.value().attr("text-anchor") {
                Some("middle") => (x - w / 2.0, x + w / 2.0),
                Some("end") => (x - w, x),
                _ => (x, x + w),
            };
            assert!(
                from >= 0.0 && to <= width,
                "{:?} reaches {from}–{to} of {width}",
                text(t)
            );
        }
    }
}
