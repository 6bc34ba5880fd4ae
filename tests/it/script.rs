//! No script from data: links with script schemes are errors at their line, the JSON-LD of
//! a codebook page cannot close its `<script>` or comment out the page, and published CSVs
//! (datasets and chart downloads) neutralise cells a spreadsheet would run as formulas.

use crate::common;

use common::*;
use scraper::{Html, Selector};
use std::path::Path;

fn check_errors(fixture_name: &str) -> String {
    let o = insikt(&["check", fixture(fixture_name).to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "check should fail");
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn links_and_images_with_script_schemes_are_errors_at_their_line() {
    let err = check_errors("invalid/url-schemes");
    // javascript:, JavaScript:, vbscript:, data:text/html, data:image as a link (not an
    // image), data:text/html as an image, an autolink, a reference link, file:.
    for (line, scheme) in [
        (17, "javascript"),
        (19, "javascript"),
        (21, "vbscript"),
        (23, "data"),
        (25, "data"),
        (27, "data"),
        (29, "javascript"),
        (31, "javascript"),
        (33, "file"),
    ] {
        let at = format!("error: content/_index.md:{line}:1: ");
        let message = err
            .lines()
            .find(|l| l.starts_with(&at))
            .unwrap_or_else(|| panic!("no error at line {line}:\n{err}"));
        assert!(
            message.contains(&format!("`{scheme}:`")) && message.ends_with("is not allowed"),
            "{message}"
        );
    }
    assert!(err.contains("9 errors found"), "{err}");
    assert!(err.contains("help: links may use `https:`, `http:` or `mailto:`"));
}

#[test]
fn a_provenance_url_with_a_script_scheme_is_an_error_at_its_key() {
    let err = check_errors("invalid/provenance-url");
    assert!(
        err.contains("error: content/metod.yaml:6:8: `provenance.url: javascript:alert(7)`: the scheme `javascript:` is not allowed"),
        "{err}"
    );
}

/// The valid fixture with codebook text, CSV cells and chart categories an attacker chose,
/// built once.
fn built() -> &'static Path {
    static SITE: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let dir = shared_output("script");
        build(&fixture("valid/script-safety"), &dir);
        dir
    })
}

#[test]
fn json_ld_cannot_end_its_script_or_hide_the_codebook_page() {
    let page = std::fs::read_to_string(built().join("codebook/kontakter/index.html")).unwrap();
    let doc = Html::parse_document(&page);
    // `<!--<script>` in the title used to swallow the rest of the page into the script.
    assert_eq!(
        texts(&doc, "main h1"),
        ["Kontakter <!--<script>"],
        "the page body is there"
    );
    assert_eq!(texts(&doc, "main table.codebook-fields tbody tr").len(), 5);
    let script = Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    let json_ld: String = doc.select(&script).next().unwrap().text().collect();
    assert!(!json_ld.contains(['<', '>', '&']), "{json_ld}");
    let value: serde_json::Value = serde_json::from_str(&json_ld).unwrap();
    assert_eq!(value["name"], "Kontakter <!--<script>");
    assert_eq!(value["description"], "Text med </script> och & i.");
}

fn records(path: &Path, delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_path(path)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn the_published_dataset_neutralises_formulas_and_keeps_numbers_and_markers() {
    let rows = records(&built().join("data/kontakter.csv"), b';');
    let want: Vec<Vec<&str>> = vec![
        vec!["kommun", "ar", "besok", "antal", "kommentar"],
        vec![
            "Karlstad",
            "2021",
            "-5",
            "12",
            "'=HYPERLINK(\"https://example.org/\";\"klicka\")",
        ],
        vec!["Karlstad", "2022", "-0,5", "<5", "'+SUM(1,2)"],
        vec!["Arvika", "2021", "10", "8", "'@SUM(1)"],
        vec!["Arvika", "2022", "..", "20", "'-2+3"],
        vec!["'=Kil", "2021", "4", "7", "-"],
    ];
    assert_eq!(rows, want);
    let text = std::fs::read_to_string(built().join("data/kontakter.csv")).unwrap();
    assert!(
        text.contains(";\"'@SUM(1)\"\n"),
        "quoted as OWASP asks:\n{text}"
    );

    let package: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(built().join("data/datapackage.json")).unwrap(),
    )
    .unwrap();
    let schema = &package["resources"][0]["schema"];
    let missing: Vec<&str> = schema["missingValues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    // Every marker (issue 13: `-` is zero, `.` not applicable, `:` confidential), then the
    // hidden counts' marker.
    assert_eq!(missing, ["", "..", "...", "-", ".", ":", "NA", "<5"]);
    assert_eq!(package["resources"][0]["dialect"]["delimiter"], ";");
}

#[test]
fn a_chart_download_neutralises_formula_like_categories() {
    let rows = records(&built().join("figur-2.csv"), b',');
    assert_eq!(
        rows,
        [
            vec!["kommun", "antal"],
            vec!["Karlstad", "12"],
            vec!["Arvika", "8"],
            vec!["'=Kil", "7"]
        ]
    );
}

#[test]
fn a_line_chart_without_series_is_drawn() {
    let doc = html(&built().join("index.html"));
    assert_eq!(
        texts(&doc, "#figur-1 .chart-wide svg path.chart-line").len(),
        1
    );
    assert_eq!(
        texts(&doc, "#figur-1 table.chart-table tbody th"),
        ["2021", "2022"]
    );
    assert_eq!(
        texts(&doc, "#figur-1 table.chart-table tbody td"),
        ["\u{2212}5,0", "\u{2212}0,5"]
    );
    let rows = records(&built().join("figur-1.csv"), b',');
    assert_eq!(rows[1], ["2021", "-5"]);
}
