//! PC-Axis files under `data/` as datasets (issue 13): the six real PX files of
//! `tests/fixtures/real-data/px/`, copied unedited into `tests/fixtures/valid/px-sv/data/`,
//! build into a report with a chart each. Every number checked here was read from the
//! source file by hand: its DATA cell counted from the STUB and HEADING values, last
//! HEADING variable fastest.

use crate::common::{build, copy_fixture, fixture, html, insikt, texts};
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The fixture built once: `(temporary folder, output folder)`.
fn built() -> &'static (tempfile::TempDir, PathBuf) {
    static BUILT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        build(&fixture("valid/px-sv"), &out);
        (tmp, out)
    })
}

/// The published CSV of `name`, as records with the header's names.
fn published(name: &str) -> Vec<Vec<(String, String)>> {
    let path = built().1.join(format!("data/{name}.csv"));
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// The value column of the one published row whose columns have the values `key`.
fn published_value(name: &str, key: &[(&str, &str)]) -> String {
    let rows = published(name);
    let found: Vec<&Vec<(String, String)>> = rows
        .iter()
        .filter(|row| {
            key.iter()
                .all(|(k, v)| row.iter().any(|(c, x)| c == k && x == v))
        })
        .collect();
    assert_eq!(found.len(), 1, "{name}: rows matching {key:?}");
    let (_, value) = found[0].iter().find(|(c, _)| c == "value").unwrap();
    value.clone()
}

/// The page with the charts.
fn page() -> Html {
    html(&built().1.join("px/index.html"))
}

/// The text of the data-table cell beside the row header `label` in figure `figure`.
fn chart_value(doc: &Html, figure: usize, label: &str) -> String {
    let rows = Selector::parse(&format!("#figur-{figure} table tbody tr")).unwrap();
    let th = Selector::parse("th").unwrap();
    let td = Selector::parse("td").unwrap();
    let text = |e: scraper::ElementRef| {
        e.text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let row = doc
        .select(&rows)
        .find(|r| r.select(&th).next().is_some_and(|h| text(h) == label))
        .unwrap_or_else(|| panic!("figure {figure} has no row `{label}`"));
    let cell = row.select(&td).next().unwrap();
    cell.text().collect::<String>().trim().to_string()
}

/// The Swedish thousands separator.
const NB: &str = "\u{a0}";

#[test]
fn scb_migration_counts_as_published() {
    let key = |age: &'static str| {
        [
            ("region", "00 Sweden"),
            ("age", age),
            ("sex", "men"),
            ("period", "1997"),
            ("type", "Inmigrated"),
        ]
    };
    let name = "scb_BE0101F1_fotnoter";
    assert_eq!(published_value(name, &key("0")), "192");
    assert_eq!(published_value(name, &key("1")), "432");
    assert_eq!(published_value(name, &key("4")), "365");
    let doc = page();
    assert_eq!(chart_value(&doc, 1, "0"), "192");
    assert_eq!(chart_value(&doc, 1, "1"), "432");
    assert_eq!(chart_value(&doc, 1, "4"), "365");
}

#[test]
fn ssb_population_with_the_decimals_of_its_measure() {
    let name = "ssb_14216";
    let key = |var: &'static str, year: &'static str| [("statistikkvariabel", var), ("år", year)];
    assert_eq!(published_value(name, &key("Bosatte", "2024")), "1098061.00");
    assert_eq!(published_value(name, &key("Bosatte", "2025")), "1110887.00");
    assert_eq!(
        published_value(name, &key("Areal av tettsted (km²)", "2024")),
        "276.30"
    );
    // Bosatte has no PRECISION: SHOWDECIMALS=0, so whole persons, not "1 098 061,00".
    let doc = page();
    assert_eq!(chart_value(&doc, 2, "2024"), format!("1{NB}098{NB}061"));
    assert_eq!(chart_value(&doc, 2, "2025"), format!("1{NB}110{NB}887"));
    // The code column keeps its leading zero.
    assert_eq!(
        published(name)[0][1],
        ("tettsted (code)".into(), "0801".into())
    );
}

#[test]
fn statistics_finland_time_use_shares() {
    let name = "statfin_akay_pxt_001";
    let key = |activity: &'static str| {
        [
            ("Toiminto", activity),
            ("Tiedot", "Toimintoon osallistuneita %"),
            ("Sukupuoli", "Yhteensä"),
            ("Vuosi", "2009"),
        ]
    };
    assert_eq!(published_value(name, &key("02     Työmatkat")), "31.8");
    assert_eq!(published_value(name, &key("01     Ansiotyö")), "38.6");
    assert_eq!(published_value(name, &key("09     Nukkuminen")), "99.7");
    let doc = page();
    assert_eq!(chart_value(&doc, 3, "02 Työmatkat"), "31,8");
    assert_eq!(chart_value(&doc, 3, "01 Ansiotyö"), "38,6");
    assert_eq!(chart_value(&doc, 3, "09 Nukkuminen"), "99,7");
}

#[test]
fn statistics_finland_electricity_in_swedish() {
    // The file is Finnish with `[sv]` and `[en]` variants: the report is Swedish.
    let name = "statfin_salatuo_12b4_utf8";
    let key = |source: &'static str| {
        [
            ("År", "2024"),
            ("Elproduktion och konsumtion, GWh", source),
            ("Uppgifter", "Mängd, GWh"),
        ]
    };
    assert_eq!(published_value(name, &key("KÄRNKRAFT")), "31128");
    assert_eq!(
        published_value(name, &key("Vindkraft (Förnybara energikälla)")),
        "20237"
    );
    assert_eq!(
        published_value(name, &key("Vattenkraft (Förnybara energikälla)")),
        "14132"
    );
    let doc = page();
    assert_eq!(chart_value(&doc, 4, "KÄRNKRAFT"), format!("31{NB}128"));
    assert_eq!(
        chart_value(&doc, 4, "Vindkraft (Förnybara energikälla)"),
        format!("20{NB}237")
    );
    assert_eq!(
        chart_value(&doc, 4, "Vattenkraft (Förnybara energikälla)"),
        format!("14{NB}132")
    );
}

#[test]
fn statistics_greenland_price_index_with_missing_periods() {
    let name = "statgl_PRXPRISH";
    assert_eq!(published_value(name, &[("time", "1972 January")]), "5.7");
    assert_eq!(published_value(name, &[("time", "1976 July")]), "10.0");
    // `"..."` is a data symbol, published and shown as written (a kind of missing).
    assert_eq!(published_value(name, &[("time", "1971 July")]), "...");
    let doc = page();
    assert_eq!(chart_value(&doc, 5, "1972 January"), "5,7");
    assert_eq!(chart_value(&doc, 5, "1976 July"), "10,0");
    assert_eq!(chart_value(&doc, 5, "1971 July"), "...");
}

#[test]
fn nordic_statistics_gdp_with_showdecimals() {
    let name = "nordic_NAAC01";
    let key = |year: &'static str| {
        [
            ("reporting country", "Denmark"),
            (
                "national accounts indicator",
                "Gross domestic product (GDP)",
            ),
            ("unit", "Current prices, million euro"),
            ("time", year),
        ]
    };
    assert_eq!(published_value(name, &key("1995")), "141441.40");
    assert_eq!(published_value(name, &key("2000")), "178018.10");
    assert_eq!(published_value(name, &key("2022")), "375241.10");
    // SHOWDECIMALS=1.
    let doc = page();
    assert_eq!(chart_value(&doc, 6, "1995"), format!("141{NB}441,4"));
    assert_eq!(chart_value(&doc, 6, "2000"), format!("178{NB}018,1"));
    assert_eq!(chart_value(&doc, 6, "2022"), format!("375{NB}241,1"));
}

#[test]
fn the_metadata_is_the_source_line_and_codebook() {
    let doc = page();
    let body = texts(&doc, "figure").join(" | ");
    assert!(body.contains("Statistics Sweden"), "{body}");
    assert!(body.contains("9 februari 2006"), "{body}");
    // Links in SOURCE are text, not markup: the text stays, the tags go.
    assert!(body.contains("Eurostat [nama_10_gdp]"), "{body}");
    assert!(!body.contains("<a href"), "{body}");
    let codebook = html(&built().1.join("codebook/ssb_14216/index.html"));
    let text = texts(&codebook, "main").join(" ");
    assert!(text.contains("Statistisk sentralbyrå"), "{text}");
    assert!(
        text.contains("Ikke medregnet personer uten opplysninger om bostedstrøk"),
        "the NOTE is on the codebook page: {text}"
    );
}

/// `project`'s build output (stderr) and whether it succeeded.
fn try_build(project: &Path) -> (bool, String) {
    let out = project.parent().unwrap().join("out");
    let o = insikt(&[
        "build",
        project.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn a_codebook_beside_a_px_file_adds_roles_and_purpose() {
    let (_tmp, project) = copy_fixture("valid/px-sv");
    // Whole numbers are taken to be counts, so SCB's small migration counts are hidden;
    // the codebook says they are published statistics.
    std::fs::write(
        project.join("data/scb_BE0101F1_fotnoter.yaml"),
        "purpose: prove\nfields:\n  - name: value\n    type: number\n    role: measure\n",
    )
    .unwrap();
    let (ok, stderr) = try_build(&project);
    assert!(ok, "{stderr}");
    let out = project.parent().unwrap().join("out");
    let csv = std::fs::read_to_string(out.join("data/scb_BE0101F1_fotnoter.csv")).unwrap();
    // Vallentuna, age 3, women, 2005, Outmigrated: 4 people, published as the office did.
    assert!(
        csv.contains("0115 Vallentuna,0115,3,3,women,2,2005,2005,Outmigrated,BE0101F2,4\n"),
        "{csv}"
    );
}

#[test]
fn an_identity_number_in_a_px_note_stops_the_build_a_contact_does_not() {
    let (_tmp, project) = copy_fixture("valid/px-sv");
    let path = project.join("data/ssb_14216.px");
    let bytes = std::fs::read(&path).unwrap();
    let text: String = bytes.iter().map(|&b| b as char).collect();
    // SSB's CONTACT has phone numbers and e-mail addresses: declared work contacts.
    assert!(text.contains("rnl@ssb.no"));
    let broken = text.replacen(
        "NOTE=\"Ikke medregnet",
        "NOTE=\"Kontakt 811218-9876 om dette. Ikke medregnet",
        1,
    );
    assert_ne!(broken, text);
    let latin1: Vec<u8> = broken.chars().map(|c| c as u32 as u8).collect();
    std::fs::write(&path, latin1).unwrap();
    let (ok, stderr) = try_build(&project);
    assert!(!ok, "{stderr}");
    assert!(stderr.contains("data/ssb_14216.px"), "{stderr}");
    assert!(stderr.contains("personnummer"), "{stderr}");
    // At its line in the PX file, once.
    let line = broken.lines().position(|l| l.contains("811218")).unwrap() + 1;
    assert!(
        stderr.contains(&format!("data/ssb_14216.px:{line}:")),
        "{stderr}"
    );
    assert_eq!(stderr.matches("personnummer").count(), 1, "{stderr}");
    assert!(!stderr.contains("rnl@"), "{stderr}");
    assert!(!stderr.contains("811218-9876"), "masked: {stderr}");
}

#[test]
fn published_px_contacts_are_listed_in_the_suppression_report() {
    let report =
        std::fs::read_to_string(built().1.with_file_name("out-suppression-report.md")).unwrap();
    assert!(
        report.contains("| `data/ssb_14216.px` CONTACT | contact details published |"),
        "{report}"
    );
}

/// The PX files of the fixture.
const FILES: [&str; 6] = [
    "nordic_NAAC01",
    "scb_BE0101F1_fotnoter",
    "ssb_14216",
    "statfin_akay_pxt_001",
    "statfin_salatuo_12b4_utf8",
    "statgl_PRXPRISH",
];

#[test]
fn insikt_codebook_fills_in_a_px_files_metadata_and_the_report_builds_with_it() {
    let (_tmp, project) = copy_fixture("valid/px-sv");
    for name in FILES {
        let px = project.join(format!("data/{name}.px"));
        let o = insikt(&["codebook", px.to_str().unwrap()]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let yaml_path = project.join(format!("data/{name}.yaml"));
        let yaml = std::fs::read_to_string(&yaml_path).unwrap();
        // Only what the file cannot say is left to fill in.
        let placeholders = insikt::data::placeholder::find(&yaml);
        let keys: Vec<&str> = placeholders.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["purpose", "indicator_type"], "{name}:\n{yaml}");
        let filled = insikt::data::placeholder::replace(&yaml, &placeholders, None);
        let codebook = insikt::data::parse_codebook(&yaml_path, &filled)
            .unwrap_or_else(|e| panic!("{name}: {e:?}\n{yaml}"));
        assert!(codebook.title.is_some(), "{name}");
        assert!(codebook.source.is_some(), "{name}");
        assert!(codebook.contact.is_some(), "{name}");
        assert!(codebook.updated.is_some(), "{name}");
        let value = codebook.fields.iter().find(|f| f.name == "value").unwrap();
        let has_units = value.unit.is_some()
            || (!codebook.measures.is_empty()
                && codebook.measures.iter().all(|m| m.unit.is_some()));
        assert!(has_units, "{name}:\n{yaml}");
        // Filled in, the codebook builds: its field names are the report's language's.
        let done = yaml
            .replace("purpose: \"TODO: prove | improve\"", "purpose: prove")
            .replace(
                "indicator_type: \"TODO: activity | output | outcome | experience\"",
                "indicator_type: output",
            );
        std::fs::write(&yaml_path, done).unwrap();
    }
    let ssb = std::fs::read_to_string(project.join("data/ssb_14216.yaml")).unwrap();
    assert!(ssb.contains("source: \"Statistisk sentralbyrå\""), "{ssb}");
    assert!(ssb.contains("updated: 2025-10-27"), "{ssb}");
    assert!(ssb.contains("rnl@ssb.no"), "{ssb}");
    assert!(ssb.contains("unit: \"personer\""), "{ssb}");
    let fi = std::fs::read_to_string(project.join("data/statfin_salatuo_12b4_utf8.yaml")).unwrap();
    assert!(
        fi.contains("name: \"Elproduktion och konsumtion, GWh\""),
        "Swedish: {fi}"
    );
    let (ok, stderr) = try_build(&project);
    assert!(ok, "{stderr}");
}

/// The body rows of table `number` as cell texts.
fn table_rows(doc: &Html, number: usize) -> Vec<Vec<String>> {
    let rows = Selector::parse(&format!("#tabell-{number} tbody tr")).unwrap();
    let cells = Selector::parse("th, td").unwrap();
    doc.select(&rows)
        .map(|r| {
            r.select(&cells)
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn each_measure_has_its_decimals_and_a_table_block_may_set_them() {
    let doc = page();
    // Areal has PRECISION 2, Bosatte the table's SHOWDECIMALS 0.
    assert_eq!(
        table_rows(&doc, 1),
        [
            ["Areal av tettsted (km²)", "2025", "275,87"],
            ["Areal av tettsted (km²)", "2024", "276,30"],
            ["Bosatte", "2025", &format!("1{NB}110{NB}887")],
            ["Bosatte", "2024", &format!("1{NB}098{NB}061")],
        ]
    );
    assert_eq!(
        table_rows(&doc, 2),
        [
            ["Areal av tettsted (km²)", "2025", "275,9"],
            ["Areal av tettsted (km²)", "2024", "276,3"],
            ["Bosatte", "2025", &format!("1{NB}110{NB}887,0")],
            ["Bosatte", "2024", &format!("1{NB}098{NB}061,0")],
        ]
    );
}

#[test]
fn a_codebook_field_sets_its_decimals() {
    let (_tmp, project) = copy_fixture("valid/charts-sv");
    let path = project.join("data/besok.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    // `andel` is written 18.75: one decimal by default, two as the codebook says.
    let edited = yaml.replace("unit: \"%\"}", "unit: \"%\", decimals: 2}");
    assert_ne!(edited, yaml, "{yaml}");
    std::fs::write(&path, edited).unwrap();
    let (ok, stderr) = try_build(&project);
    assert!(ok, "{stderr}");
    let doc = html(&project.parent().unwrap().join("out/diagram/index.html"));
    assert_eq!(table_rows(&doc, 1)[0][3], "18,75");
}

#[test]
fn more_digits_than_a_float_holds_are_shown_as_the_source_wrote_them() {
    let (_tmp, project) = copy_fixture("valid/charts-sv");
    std::fs::write(
        project.join("data/andel.csv"),
        "kommun;andel\nKil;123,427407879097371\nArvika;0,578947368421053\n",
    )
    .unwrap();
    std::fs::write(
        project.join("data/andel.yaml"),
        "title: Andel\nsource: FHI\nupdated: 2024-01-01\ndecimal: \",\"\nfields:\n  - {name: kommun, type: string}\n  - {name: andel, type: number, decimals: 15}\n",
    )
    .unwrap();
    std::fs::write(
        project.join("content/andel.md"),
        "---\ntitle: Andel\n---\n\n```table\ndata: andel\n```\n",
    )
    .unwrap();
    let (ok, stderr) = try_build(&project);
    assert!(ok, "{stderr}");
    let doc = html(&project.parent().unwrap().join("out/andel/index.html"));
    let rows = table_rows(&doc, 1);
    // Formatted from the float, the first would end in …373.
    assert_eq!(rows[0][1], "123,427407879097371");
    assert_eq!(rows[1][1], "0,578947368421053");
}
