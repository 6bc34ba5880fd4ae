//! Charts and tables: every chart type built from a fixture project and its SVG parsed
//! (role, title, desc, bars and points, the data table's numbers as the CSV's formatted for
//! the language), errors at the directive's line, codebook pages and downloads, and a
//! property test over random datasets.

use crate::common;

use common::*;
use insikt::chart::figure::Figure;
use insikt::chart::{render_chart, DirectiveContext, Place};
use insikt::data::{from_bytes, Datasets};
use insikt_core::language::Language;
use proptest::prelude::*;
use scraper::{ElementRef, Html, Selector};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The charts fixture, built once per test run.
fn site() -> &'static PathBuf {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = shared_output("charts");
        build(&fixture("valid/charts-sv"), &dir);
        dir
    })
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn figures() -> Vec<String> {
    let doc = html(&site().join("diagram/index.html"));
    doc.select(&sel("figure.chart")).map(|f| f.html()).collect()
}

fn figure(n: usize) -> Html {
    Html::parse_fragment(&figures()[n - 1])
}

fn count(doc: &Html, selector: &str) -> usize {
    doc.select(&sel(selector)).count()
}

fn text(e: ElementRef) -> String {
    e.text().collect::<String>()
}

/// The data table as rows of cell texts (header row first).
fn table(doc: &Html) -> Vec<Vec<String>> {
    doc.select(&sel("table tr"))
        .map(|tr| tr.select(&sel("th, td")).map(text).collect())
        .collect()
}

const NBSP: &str = "\u{a0}";

#[test]
fn every_chart_is_an_accessible_svg_with_caption_source_and_table() {
    let figs = figures();
    assert_eq!(figs.len(), 8);
    for (i, f) in figs.iter().enumerate() {
        let doc = Html::parse_fragment(f);
        let svg = doc.select(&sel("svg")).next().expect("an inline svg");
        assert_eq!(svg.value().attr("role"), Some("img"));
        let id = format!("figur-{}", i + 1);
        assert_eq!(
            svg.value().attr("aria-labelledby"),
            Some(format!("{id}-title {id}-desc").as_str())
        );
        let title = doc.select(&sel("svg > title")).next().map(text).unwrap();
        let desc = doc.select(&sel("svg > desc")).next().map(text).unwrap();
        assert!(!title.is_empty() && desc.len() > title.len(), "{desc}");
        let caption = doc.select(&sel("figcaption")).next().map(text).unwrap();
        assert!(
            caption.starts_with(&format!("Figur {}.", i + 1)),
            "{caption}"
        );
        assert_eq!(count(&doc, "details > summary"), 1);
        assert_eq!(count(&doc, "details table"), 1);
        assert!(site().join(format!("diagram/{id}.svg")).is_file());
        assert!(site().join(format!("diagram/{id}.csv")).is_file());
    }
    // The first chart's source line carries the codebook's "data as of".
    let doc = figure(1);
    let source = doc.select(&sel(".chart-source")).next().map(text).unwrap();
    assert_eq!(
        source,
        "Källa: Testdata. Data per 31 januari 2023. Kodbok: Besök på vårdcentraler"
    );
}

#[test]
fn bar_chart_draws_one_bar_per_category_and_tables_the_formatted_values() {
    let doc = figure(1);
    assert_eq!(count(&doc, ".chart-wide rect.chart-bar"), 3);
    assert_eq!(
        table(&doc),
        [
            vec!["Kommun".to_string(), "Besök".into()],
            vec!["Karlstad".into(), format!("14{NBSP}020")],
            vec!["Arvika".into(), format!("3{NBSP}350")],
            vec!["Kil".into(), format!("1{NBSP}010")],
        ]
    );
    let desc = doc.select(&sel("desc")).next().map(text).unwrap();
    assert_eq!(
        desc,
        format!("Besök per kommun 2022. 3 värden, högst Karlstad (14{NBSP}020), lägst Kil (1{NBSP}010).")
    );
    // Horizontal, sorted descending.
    let doc = figure(2);
    let rows: Vec<String> = table(&doc)
        .into_iter()
        .skip(1)
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(rows, ["Karlstad", "Arvika", "Kil"]);
}

#[test]
fn grouped_and_stacked_bars() {
    let doc = figure(3);
    // 3 municipalities × 2 years, Kil 2021 missing: 5 bars and a missing cell, shown with
    // the file's marker (issue 13).
    assert_eq!(count(&doc, ".chart-wide rect.chart-bar"), 5);
    let t = table(&doc);
    assert_eq!(t[0], ["Kommun", "2021", "2022"]);
    assert_eq!(t[3], ["Kil", "..", &format!("1{NBSP}010")]);
    let doc = figure(4);
    assert_eq!(count(&doc, ".chart-wide rect.chart-bar"), 8);
    // 100 % stacks: the table holds the plotted shares.
    let doc = figure(5);
    let t = table(&doc);
    assert_eq!(
        t[1],
        [
            "2020",
            &format!("74,4{NBSP}%"),
            &format!("20,2{NBSP}%"),
            &format!("5,4{NBSP}%")
        ]
    );
}

#[test]
fn line_chart_has_one_line_per_series_and_a_gap_for_missing_values() {
    let doc = figure(6);
    let paths: Vec<String> = doc
        .select(&sel(".chart-wide path.chart-line"))
        .map(|p| p.value().attr("d").unwrap().to_string())
        .collect();
    assert_eq!(paths.len(), 3);
    // Kil has no value for 2021: its line starts again (two `M`, no `L`).
    assert_eq!(paths[2].matches('M').count(), 2, "{}", paths[2]);
}

#[test]
fn scatter_labels_points_and_draws_quadrants() {
    let doc = figure(7);
    assert_eq!(count(&doc, ".chart-wide circle.chart-point"), 2);
    let labels: Vec<String> = doc
        .select(&sel(".chart-wide .chart-point-label"))
        .map(text)
        .collect();
    assert_eq!(labels, ["Region A", "Region B"]);
    assert_eq!(
        table(&doc)[1],
        // A column is shown with the most decimals any of its cells has.
        [
            "Region A",
            &format!("80{NBSP}%"),
            &format!("\u{2212}67,0{NBSP}%")
        ]
    );
    assert_eq!(table(&doc)[2][2], format!("35,5{NBSP}%"));
    assert_eq!(
        doc.select(&sel(".chart-wide line[stroke-dasharray]"))
            .count(),
        2,
        "two quadrant lines"
    );
}

#[test]
fn likert_keeps_dont_know_apart_and_panels_per_group() {
    let doc = figure(8);
    // 2 groups × 2 statements × 5 answers (don't know not in the bars).
    assert_eq!(count(&doc, ".chart-wide rect.chart-bar"), 20);
    let panels: Vec<String> = doc
        .select(&sel(".chart-wide .chart-panel"))
        .map(text)
        .collect();
    assert_eq!(panels, ["Chefer", "Medarbetare"]);
    let t = table(&doc);
    assert_eq!(t[0].last().unwrap(), "Vet inte");
    assert_eq!(t[0].len(), 2 + 6);
    assert_eq!(
        t[1][0..3],
        [
            "Chefer",
            "Data hjälper mig i mitt arbete",
            &format!("5{NBSP}%")
        ]
    );
    let desc = doc.select(&sel("desc")).next().map(text).unwrap();
    assert!(
        desc.contains("Data hjälper mig i mitt arbete (63\u{a0}%)"),
        "{desc}"
    );
}

#[test]
fn table_directive_formats_sorts_and_right_aligns() {
    let doc = html(&site().join("diagram/index.html"));
    let t = doc.select(&sel("figure.data-table")).next().unwrap();
    let frag = Html::parse_fragment(&t.html());
    assert_eq!(
        frag.select(&sel("figcaption")).next().map(text).unwrap(),
        "Tabell 1. Besök 2022"
    );
    let rows = table(&frag);
    assert_eq!(
        rows[0],
        ["År", "Kommun", "Besök", "Andel digitala besök (%)"]
    );
    assert_eq!(
        rows[1],
        // 18.75 in the CSV: one decimal for data that is not whole numbers (issue 13).
        ["2022", "Karlstad", &format!("14{NBSP}020"), "18,8"]
    );
    assert_eq!(rows[3][0..2], ["2022", "Kil"]);
    assert_eq!(frag.select(&sel("td.num")).count(), 6);
}

#[test]
fn downloads_codebook_pages_and_datapackage() {
    let csv = std::fs::read_to_string(site().join("diagram/figur-1.csv")).unwrap();
    assert_eq!(csv, "Kommun,Besök\nKarlstad,14020\nArvika,3350\nKil,1010\n");
    let svg = std::fs::read_to_string(site().join("diagram/figur-1.svg")).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    let package: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site().join("data/datapackage.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(package["resources"].as_array().unwrap().len(), 3);
    assert_eq!(package["resources"][0]["name"], "besok");
    let doc = html(&site().join("codebook/besok/index.html"));
    assert_eq!(texts(&doc, "h1"), ["Besök på vårdcentraler"]);
    assert!(count_sel(&doc, "script[type=\"application/ld+json\"]") == 1);
    // A distribution chart per field: frequencies for year and category, bins for numbers.
    assert_eq!(count_sel(&doc, ".codebook-field svg[role=img]"), 4);
    let bins: Vec<String> = doc
        .select(&sel("#falt-3 ~ .chart-frame .chart-text"))
        .map(text)
        .collect();
    assert!(
        bins.contains(&format!("10{NBSP}000–15{NBSP}000")),
        "{bins:?}"
    );
    assert_eq!(texts(&doc, ".codebook ul li a")[..1], ["Alla diagramtyper"]);
    let index = html(&site().join("codebook/index.html"));
    assert_eq!(
        attrs(&index, "tbody th a", "href"),
        [
            "besok/index.html",
            "enkat/index.html",
            "position/index.html"
        ]
    );
    // A link to data/besok.csv goes to its codebook page.
    let front = html(&site().join("index.html"));
    assert!(attrs(&front, "main a", "href").contains(&"codebook/besok/index.html".to_string()));
}

fn count_sel(doc: &Html, s: &str) -> usize {
    doc.select(&sel(s)).count()
}

fn check_with_page(body: &str) -> String {
    let (_tmp, project) = copy_fixture("valid/charts-sv");
    std::fs::write(project.join("content/diagram.md"), body).unwrap();
    let o = insikt(&["check", project.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_missing_dataset_or_column_is_an_error_at_the_directive() {
    let err = check_with_page(
        "# Sida\n\nText.\n\n```chart\ndata: besk\ntype: bar\nx: kommun\ny: besok\n```\n",
    );
    assert!(err.contains("content/diagram.md:5:1: `chart` block: `data: besk`: there is no dataset `data/besk.csv`"), "{err}");
    assert!(err.contains("did you mean `besok`?"), "{err}");
    let err =
        check_with_page("# Sida\n\n```chart\ndata: besok\ntype: bar\nx: kommun\ny: besk\n```\n");
    assert!(err.contains("content/diagram.md:3:1: `chart` block: `y: besk`: the dataset `besok` has no column `besk`"), "{err}");
    let err = check_with_page("# Sida\n\n```table\ndata: besok\ncolumns: [ar, kommuner]\n```\n");
    assert!(
        err.contains("content/diagram.md:3:1: `table` block: `columns: kommuner`"),
        "{err}"
    );
    // A filter value that no row holds (a typo) is an error naming the values there are,
    // not an empty chart.
    let err = check_with_page(
        "# Sida\n\n```chart\ndata: besok\ntype: bar\nx: kommun\ny: besok\nfilter: {ar: 2021, kommun: {not: Kiil}}\n```\n",
    );
    assert!(
        err.contains("content/diagram.md:3:1: `chart` block: `filter: kommun: Kiil`: no row of the dataset `besok` has `Kiil` in `kommun`"),
        "{err}"
    );
    assert!(err.contains("did you mean `Kil`?"), "{err}");
    // An unknown key is located inside the block.
    let err =
        check_with_page("# Sida\n\n```chart\ndata: besok\ntype: bar\nx: kommun\ntitel: X\n```\n");
    assert!(
        err.contains("content/diagram.md:7:1: `chart` block: unknown key `titel`"),
        "{err}"
    );
}

fn random_chart(
    categories: &[String],
    values: &[(f64, usize)],
    lang: Language,
) -> (Figure, Vec<String>) {
    let mut csv = String::from("kategori;varde\n");
    let mut expected = Vec::new();
    for (c, (v, d)) in categories.iter().zip(values) {
        let written = format!("{:.*}", d, v).replace('.', ",");
        csv.push_str(&format!("{c};{written}\n"));
        expected.push(written);
    }
    let yaml = "decimal: \",\"\nfields:\n  - {name: kategori, type: string}\n  - {name: varde, type: number}\n";
    let codebook = insikt::data::parse_codebook(std::path::Path::new("data/r.yaml"), yaml).unwrap();
    let (d, _) = from_bytes("r", csv.as_bytes(), Some((codebook, yaml.to_string()))).unwrap();
    // The dataset's decimals (issue 13): whole numbers for whole-number data, else one.
    let all: Vec<usize> = (0..d.rows).collect();
    let decimals = d.decimals(1, &all);
    let expected = d.columns[1]
        .iter()
        .map(|v| lang.format_number(v.number().unwrap(), decimals))
        .collect();
    let mut datasets = Datasets::default();
    datasets.by_name.insert("r".into(), d);
    let strings = lang.strings();
    let ctx = DirectiveContext {
        datasets: &datasets,
        language: lang,
        strings,
        root: "../",
        png: false,
    };
    let out = render_chart(
        "data: r\ntype: bar\nx: kategori\ny: varde\n",
        Place::FIRST,
        &ctx,
    )
    .unwrap();
    (out.figure, expected)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn every_plotted_number_equals_the_source_and_every_category_appears_once(
        rows in proptest::collection::btree_map("[A-Za-zÅÄÖåäöæø][a-zåäöæø ]{0,20}[a-zåäö]", (-1.0e7f64..1.0e7, 0usize..4), 1..12),
        lang in prop_oneof![Just(Language::Sv), Just(Language::Da), Just(Language::Nb), Just(Language::Fi), Just(Language::En)],
    ) {
        let categories: Vec<String> = rows.keys().cloned().collect();
        let values: Vec<(f64, usize)> = rows.values().copied().collect();
        let (figure, expected) = random_chart(&categories, &values, lang);
        let body: Vec<Vec<String>> = figure
            .table
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.clone()).collect())
            .collect();
        prop_assert_eq!(body.len(), categories.len());
        for (row, (cat, want)) in body.iter().zip(categories.iter().zip(&expected)) {
            prop_assert_eq!(&row[0], cat);
            prop_assert_eq!(&row[1], want);
        }
        for cat in &categories {
            prop_assert_eq!(body.iter().filter(|r| &r[0] == cat).count(), 1);
        }
        let svg = Html::parse_fragment(figure.svg.as_deref().unwrap_or_default());
        prop_assert_eq!(count(&svg, "rect.chart-bar"), categories.len());
    }
}

#[test]
fn check_reports_how_each_csv_was_read_and_warns_without_a_codebook() {
    let (_tmp, project) = copy_fixture("valid/charts-sv");
    std::fs::remove_file(project.join("data/position.yaml")).unwrap();
    let o = insikt(&["check", project.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("data/besok.csv: read as UTF-8, delimiter `;`, decimal mark `,`"),
        "{err}"
    );
    assert!(
        err.contains("data/enkat.csv: read as UTF-8, delimiter tab, decimal mark `.`"),
        "{err}"
    );
    assert!(
        err.contains("warning: data/position.csv has no codebook `data/position.yaml`"),
        "{err}"
    );
}

#[test]
fn danish_and_english_numbers_in_charts() {
    for (lang, want) in [("da", "14\u{a0}020"), ("en", "14,020")] {
        let (_tmp, project) = copy_fixture("valid/charts-sv");
        let toml = std::fs::read_to_string(project.join("book.toml")).unwrap();
        std::fs::write(
            project.join("book.toml"),
            toml.replace("\"sv\"", &format!("\"{lang}\"")),
        )
        .unwrap();
        let out = project.join("site");
        build(&project, &out);
        let doc =
            Html::parse_document(&std::fs::read_to_string(out.join("diagram/index.html")).unwrap());
        let f = doc.select(&sel("figure.chart")).next().unwrap();
        let frag = Html::parse_fragment(&f.html());
        assert_eq!(table(&frag)[1][1], want);
        let caption = frag.select(&sel("figcaption")).next().map(text).unwrap();
        assert!(
            caption.starts_with(if lang == "da" {
                "Figur 1."
            } else {
                "Figure 1."
            }),
            "{caption}"
        );
    }
}

#[test]
fn chart_png_downloads_when_asked() {
    let (_tmp, project) = copy_fixture("valid/charts-sv");
    append(&project, "book.toml", "\n[build]\nchart_png = true\n");
    let out = project.join("site");
    build(&project, &out);
    let png = std::fs::read(out.join("diagram/figur-8.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // 700 SVG units at 2 pixels each.
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1400);
    let doc = html(&out.join("diagram/index.html"));
    assert!(attrs(&doc, ".chart-downloads a", "href").contains(&"figur-8.png".to_string()));
    // Off by default.
    assert!(!site().join("diagram/figur-1.png").exists());
    assert!(!attrs(
        &html(&site().join("diagram/index.html")),
        ".chart-downloads a",
        "href"
    )
    .iter()
    .any(|h| h.ends_with(".png")));
}

#[test]
fn print_html_keeps_chart_ids_unique_and_pattern_fills_resolved() {
    let print = std::fs::read_to_string(site().join("print.html")).unwrap();
    let doc = Html::parse_document(&print);
    let ids: Vec<String> = doc
        .select(&sel("[id]"))
        .map(|e| e.value().attr("id").unwrap().to_string())
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "duplicate ids in print.html");
    let fills: Vec<&str> = print
        .split("url(#")
        .skip(1)
        .map(|r| r.split(')').next().unwrap())
        .collect();
    assert!(!fills.is_empty());
    for f in fills {
        assert!(ids.iter().any(|i| i == f), "fill url(#{f}) has no pattern");
    }
}
