//! CSV exports as statistics offices publish them (issue 13): the real files of
//! `tests/fixtures/real-data/csv/`, unedited, build in the `valid/real-csv` project, and
//! the published CSV and each chart's data table hold the source's numbers; title lines,
//! footers, files without a header row, code-like columns, markers and CRLF files.

use crate::common;

use common::*;
use insikt::data::layout::Place;
use insikt::data::marker::MarkerMeaning;
use insikt::data::privacy::{suppress, Threshold};
use insikt::data::{from_bytes, parse_codebook, Dataset, FieldType, Value};
use insikt_core::diagnostic::Diagnostics;
use scraper::Selector;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const REAL: &str = "tests/fixtures/real-data/csv";

/// The `valid/real-csv` project with the real exports copied into `data/`, built once.
fn site() -> &'static PathBuf {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = SITE.get_or_init(|| {
        let (tmp, project) = copy_fixture("valid/real-csv");
        let out = tmp.path().join("out");
        build(&project, &out);
        (tmp, out)
    });
    out
}

/// The project's data files are the real exports, byte for byte.
#[test]
fn the_fixture_holds_the_exports_unedited() {
    for entry in std::fs::read_dir(fixture("real-data/csv")).unwrap() {
        let source = entry.unwrap().path();
        if source.extension().is_some_and(|e| e == "csv") {
            let copy = fixture("valid/real-csv/data").join(source.file_name().unwrap());
            assert_eq!(
                std::fs::read(&source).unwrap(),
                std::fs::read(&copy).unwrap(),
                "{} differs from its source",
                copy.display()
            );
        }
    }
}

/// A number as the report writes it (`45 543`, `189,87`, `−3`), read back.
fn read_number(text: &str) -> Option<f64> {
    let plain: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            ',' => '.',
            '\u{2212}' => '-',
            c => c,
        })
        .collect();
    plain.parse().ok()
}

/// How many decimals a number is shown with (`81,2` → 1).
fn shown_decimals(text: &str) -> i32 {
    text.trim()
        .rsplit_once([',', '.'])
        .map_or(0, |(_, decimals)| decimals.len() as i32)
}

/// Chart `n` of the page: its data table's rows as (first cell, number in the last cell,
/// its decimals shown).
fn chart_table(n: usize) -> Vec<(String, Option<(f64, i32)>)> {
    let doc = html(&site().join("index.html"));
    let figure = Selector::parse("figure.chart").unwrap();
    let row = Selector::parse("table tbody tr").unwrap();
    let cell = Selector::parse("th, td").unwrap();
    let chart = doc.select(&figure).nth(n - 1).expect("the chart");
    chart
        .select(&row)
        .map(|tr| {
            let cells: Vec<String> = tr.select(&cell).map(|c| c.text().collect()).collect();
            (
                cells[0].trim().to_string(),
                read_number(cells.last().unwrap())
                    .map(|v| (v, shown_decimals(cells.last().unwrap()))),
            )
        })
        .collect()
}

/// Asserts that chart `n`'s table gives `label` the value `value` (to the decimals shown).
fn assert_charted(n: usize, label: &str, value: f64) {
    let table = chart_table(n);
    let found = table
        .iter()
        .find(|(l, _)| l == label)
        .unwrap_or_else(|| panic!("chart {n}: no row `{label}` in {table:?}"));
    let (got, decimals) = found
        .1
        .unwrap_or_else(|| panic!("chart {n}: `{label}` has no number"));
    assert!(
        (got - value).abs() <= 0.5 * 10f64.powi(-decimals) + 1e-9,
        "chart {n}: `{label}` is {got}, the source has {value}"
    );
}

/// The published `data/NAME.csv`.
fn published(name: &str) -> String {
    std::fs::read_to_string(site().join(format!("data/{name}.csv"))).unwrap()
}

/// Asserts that the published CSV has the line `line`.
fn assert_published(name: &str, line: &str) {
    let text = published(name);
    assert!(
        text.lines().any(|l| l == line),
        "data/{name}.csv has no line `{line}`:\n{}",
        text.lines().take(5).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn scb_export_with_notes_and_contact_lines_below_the_data() {
    assert_published("scb_befolkning", "Region;Antal");
    assert_published("scb_befolkning", "0114 Upplands Väsby;45543");
    assert_published("scb_befolkning", "2584 Kiruna;22992");
    let text = published("scb_befolkning");
    assert!(
        text.lines().last() == Some("2584 Kiruna;22992"),
        "notes published as data"
    );
    assert!(!text.contains("Johansson") && !text.contains("@scb.se"));
    assert_charted(1, "0114 Upplands Väsby", 45543.0);
    assert_charted(1, "0115 Vallentuna", 33432.0);
    assert_charted(1, "2584 Kiruna", 22992.0);
}

#[test]
fn socialstyrelsen_title_line_footer_and_decimal_comma() {
    let name = "socialstyrelsen_cancer_lunga_2019-02-21";
    assert_published(name, "År;Ålder;Män;Kvinnor");
    assert_published(name, "2017;85+;138,51;82,72");
    assert_published(name, "1970;85+;111,98;57,87");
    assert!(!published(name).contains("Socialstyrelsens statistikdatabas"));
    assert_charted(2, "1990", 189.87);
    assert_charted(2, "1995", 91.81);
    assert_charted(2, "2017", 138.51);
}

#[test]
fn ssb_title_line_and_dots_in_number_columns() {
    let name = "ssb_12817_omsetning";
    // Published in the long form its codebook declares (`wide:`).
    assert_published(name, "næring (SN2007);sysselsettingsgruppe;år;omsetning");
    assert_published(name, "C Industri;I alt;2021;885480.0");
    assert_published(name, "C Industri;0-1 sysselsatte;2016;.");
    assert_published(
        name,
        "H Transport og lagring;250 eller flere sysselsatte;2021;77866.6",
    );
    assert_charted(3, "10-19 sysselsatte", 42587.6);
    assert_charted(3, "20-49 sysselsatte", 95192.1);
    assert_charted(3, "250 eller flere sysselsatte", 429028.6);
}

#[test]
fn total_rows_are_left_out_of_charts_unless_included_and_filter_can_exclude() {
    let labels = |n| {
        chart_table(n)
            .into_iter()
            .map(|(l, _)| l)
            .collect::<Vec<_>>()
    };
    // Chart 3: `I alt` is the total of the size groups; it is not a bar beside them.
    assert!(!labels(3).contains(&"I alt".to_string()), "{:?}", labels(3));
    // Chart 9: `include_totals: true` draws it; `{not: […]}` leaves two groups out.
    assert_eq!(
        labels(9),
        [
            "I alt",
            "10-19 sysselsatte",
            "20-49 sysselsatte",
            "50-249 sysselsatte",
            "250 eller flere sysselsatte"
        ]
    );
    assert_charted(9, "I alt", 397641.3);
    assert_charted(9, "10-19 sysselsatte", 28951.0);
}

#[test]
fn codebook_statistics_leave_total_rows_out() {
    let csv = "kommun;antal\nArvika;25\nKil;12\nTotalt;37\n";
    let yaml = "fields:\n  - {name: kommun, type: string}\n  - {name: antal, type: integer, role: measure}\n";
    let (d, _) = load(csv.as_bytes(), Some(yaml)).unwrap();
    let stats = insikt::data::stats::field_stats(&d, 1);
    let numeric = stats.numeric.unwrap();
    assert_eq!((numeric.min, numeric.max, numeric.mean), (12.0, 25.0, 18.5));
}

#[test]
fn statistics_finland_title_and_blank_line_before_a_comma_header() {
    let name = "statfin_128c_2023_20250619-123755";
    assert_published(name, "Information,Decile,vuosi,tulot");
    assert_published(name, "\"6. GROSS INCOME, mean\",II,2021,26851");
    assert_published(
        name,
        "\"6. GROSS INCOME, mean\",X (Highest-income 10 %),2023,180001",
    );
    assert_charted(4, "I (Lowest-income 10 %)", 15495.0);
    assert_charted(4, "II", 25372.0);
    assert_charted(4, "X (Highest-income 10 %)", 180001.0);
}

#[test]
fn statbank_postcodes_with_a_title_and_an_unnamed_first_column() {
    assert_published(
        "dst_postnr",
        "column_1;1997;1998;1999;2000;2001;2002;2003;2004;2005",
    );
    assert_published("dst_postnr", "1050 København K;22;20;21;19;17;19;15;17;18");
    assert_published("dst_postnr", "9999 Ukendt;0;0;0;0;0;0;0;0;0");
    assert_charted(5, "1050 København K", 18.0);
    assert_charted(5, "9982 Ålbæk", 1951.0);
    assert_charted(5, "9990 Skagen", 9864.0);
}

#[test]
fn statbank_bulk_file_without_header_row_named_by_the_codebook() {
    let name = "dst_statbank_population_2020Q3";
    assert_published(name, "kvartal;civilstand;kommune;i_alt;maend;kvinder");
    assert_published(name, "2020Q3;Total;Copenhagen;633035;312306;320729");
    assert_published(name, "2020Q3;Divorced;Aalborg;17890;7624;10266");
    assert_charted(6, "Copenhagen", 633035.0);
    assert_charted(6, "Frederiksberg", 104118.0);
    assert_charted(6, "Aalborg", 217316.0);
}

#[test]
fn sotkanet_without_header_row_keeps_region_codes_as_text() {
    let name = "thl_sotkanet";
    assert_published(
        name,
        "indikaattori;indikaattori_id;alue;alue_koodi;sukupuoli;vuosi;arvo;absoluuttinen",
    );
    assert_published(name, "Koulutustasomittain;180;Espoo;049;yhteensä;2015;468;");
    assert_published(
        name,
        "Ahtaasti asuvat asuntokunnat, % kaikista asuntokunnista;183;Hyrynsalmi;105;yhteensä;2015;5.6;69",
    );
    assert_charted(7, "Espoo", 10.4);
    assert_charted(7, "Hyrynsalmi", 5.6);
    assert_charted(7, "Ilomantsi", 8.5);
}

#[test]
fn kolada_values_with_many_decimals() {
    let key = "Elever i åk. 9 med minst godkänt i svenska, matematik och engelska, fristående skolor, andel (%)";
    assert_published(
        "kolada_sthlm",
        &format!("Stockholms län (ovägt medel);{key};1998;81.17109845"),
    );
    assert_published(
        "kolada_sthlm",
        "Österåker;Kostnad individ- och familjeomsorg, kr/inv;2010;2330.001771",
    );
    assert_published(
        "kolada_sthlm",
        &format!("Stockholms län (ovägt medel);{key};2000;89.68871591"),
    );
    assert_charted(8, "1998", 81.17109845);
    assert_charted(8, "1999", 79.87288858);
    assert_charted(8, "2000", 89.68871591);
}

fn load(csv: &[u8], yaml: Option<&str>) -> Result<(Dataset, Vec<String>), Diagnostics> {
    let codebook = yaml.map(|y| {
        (
            parse_codebook(Path::new("data/t.yaml"), y).expect("codebook parses"),
            y.to_string(),
        )
    });
    from_bytes("t", csv, codebook)
}

fn errors(csv: &[u8], yaml: Option<&str>) -> Diagnostics {
    match load(csv, yaml) {
        Ok(_) => panic!("loaded"),
        Err(d) => d,
    }
}

/// (line, column) of each diagnostic.
fn places(d: &Diagnostics) -> Vec<(usize, usize)> {
    d.0.iter()
        .map(|d| d.location.map_or((0, 0), |l| (l.line, l.column)))
        .collect()
}

#[test]
fn title_lines_and_footer_are_notes_never_data() {
    let csv = "Befolkning per kommun, 2023\n\nkommun;antal\nArvika;25\nKil;12\n\nKälla: SCB, befolkningsstatistik\nFotnot: preliminära uppgifter\n";
    let (d, notes) = load(csv.as_bytes(), None).unwrap();
    assert_eq!(d.rows, 2);
    assert_eq!(d.fields[0].name, "kommun");
    assert_eq!(d.lines, [4, 5]);
    let kept: Vec<(usize, Place, &str)> = d
        .source_notes
        .iter()
        .map(|n| (n.line, n.place, n.text.as_str()))
        .collect();
    assert_eq!(
        kept,
        [
            (1, Place::Above, "Befolkning per kommun, 2023"),
            (7, Place::Below, "Källa: SCB, befolkningsstatistik"),
            (8, Place::Below, "Fotnot: preliminära uppgifter"),
        ]
    );
    assert_eq!(d.text, "kommun;antal\nArvika;25\nKil;12\n");
    assert!(
        notes.iter().any(|n| n.contains("the header is on line 3")
            && n.contains("a title on lines 1–2 above it")
            && n.contains("lines 7–8 below the data")),
        "{notes:?}"
    );
}

#[test]
fn a_footer_contact_is_not_published_and_an_identity_number_is_an_error() {
    let csv = "kommun;antal\r\nArvika;25\r\n;\r\nKontaktperson:;\r\nTomas Johansson;\r\n+46 010-479 64 26;\r\ntomas.johansson@scb.se;\r\n";
    let (d, notes) = load(csv.as_bytes(), None).unwrap();
    assert_eq!(d.rows, 1);
    // The heading "Kontaktperson:" and the lines right after it (the name, the phone, the
    // e-mail) are one contact block, left out whole; a line after a break is a note again.
    assert!(d.source_notes.is_empty(), "{:?}", d.source_notes);
    let warnings: Vec<&String> = notes
        .iter()
        .filter(|n| n.starts_with("warning") && n.contains("below the data"))
        .collect();
    assert_eq!(warnings.len(), 1, "{notes:?}");
    assert!(
        warnings[0].contains("data/t.csv:4: lines 4–7 below the data name a contact person"),
        "{warnings:?}"
    );
    assert!(warnings[0].contains("`contact:`"));

    let csv = "kommun;antal\r\nArvika;25\r\n;\r\nKälla: SCB;\r\n;\r\nKontakt:;\r\nAnna Berg;\r\n;\r\nFotnot: preliminärt;\r\n+46 010-479 50 00;\r\n";
    let (d, notes) = load(csv.as_bytes(), None).unwrap();
    let texts: Vec<&str> = d.source_notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["Källa: SCB", "Fotnot: preliminärt"]);
    let warnings: Vec<&String> = notes
        .iter()
        .filter(|n| n.starts_with("warning") && n.contains("below the data"))
        .collect();
    assert_eq!(warnings.len(), 2, "{notes:?}");
    assert!(warnings[0].contains(":6: lines 6–7 below the data name a contact person"));
    assert!(warnings[1].contains(":10:") && warnings[1].contains("phone number"));

    let csv = "kommun;antal\r\nArvika;25\r\n;\r\nAnsvarig: 811218-9876;\r\n";
    let d = errors(csv.as_bytes(), None);
    assert_eq!(places(&d), [(4, 1)], "{d:?}");
    assert!(d.0[0].message.contains("personnummer"), "{d:?}");
    assert!(!d.0[0].to_string().contains("811218-9876"));
}

#[test]
fn a_file_without_a_header_row_is_an_error_until_the_codebook_names_the_columns() {
    let csv = "\"Arvika\";\"1784\";25\n\"Kil\";\"1715\";12\n";
    let d = errors(csv.as_bytes(), None);
    assert_eq!(places(&d), [(1, 1)]);
    assert!(d.0[0].message.contains("no header row"), "{d:?}");
    assert!(
        d.0[0].help.as_deref().unwrap().contains("columns: ["),
        "{d:?}"
    );

    let yaml = "columns: [kommun, kod, antal]\nfields:\n  - {name: kommun, type: string}\n  - {name: kod, type: string}\n  - {name: antal, type: integer, role: measure}\n";
    let (d, _) = load(csv.as_bytes(), Some(yaml)).unwrap();
    assert_eq!(d.rows, 2);
    assert_eq!(d.lines, [1, 2]);
    assert_eq!(d.columns[2].get(1), Value::Number(12.0));
    assert!(d
        .text
        .starts_with("\"kommun\";\"kod\";\"antal\"\n\"Arvika\""));

    // Named columns that do not match the file's width are an error at the key.
    let yaml = "columns: [kommun, antal]\nfields:\n  - {name: kommun, type: string}\n  - {name: antal, type: integer}\n";
    let d = errors(csv.as_bytes(), Some(yaml));
    assert_eq!(d.0[0].file, Path::new("data/t.yaml"));
    assert_eq!(places(&d), [(1, 1)]);
}

#[test]
fn header_row_and_footer_lines_stated_in_the_codebook() {
    // A one-cell footer of one word is not found on its own: the codebook says so.
    let csv = "Tabell 3;;\nkommun;kön;antal\nArvika;kvinna;25\nKil;man;12\nSCB\n";
    let yaml = "header_row: 2\nfooter_lines: 1\nfields:\n  - {name: kommun, type: string}\n  - {name: kön, type: string}\n  - {name: antal, type: integer, role: measure}\n";
    let (d, _) = load(csv.as_bytes(), Some(yaml)).unwrap();
    assert_eq!(d.rows, 2);
    assert_eq!(d.lines, [3, 4]);
    let texts: Vec<&str> = d.source_notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["Tabell 3", "SCB"]);

    let yaml = "header_row: 9\nfields:\n  - {name: kommun, type: string}\n";
    let d = errors(csv.as_bytes(), Some(yaml));
    assert_eq!(d.0[0].file, Path::new("data/t.yaml"));
    assert!(d.0[0].message.contains("header_row: 9"), "{d:?}");
}

#[test]
fn code_like_columns_stay_text() {
    let csv = "\"kommun\";\"kod\";\"id\";\"antal\"\n\"Espoo\";\"049\";\"180\";468\n\"Kil\";\"1715\";\"3113\";12\n";
    let (d, _) = load(csv.as_bytes(), None).unwrap();
    assert_eq!(d.fields[1].kind, FieldType::String, "leading zeros");
    assert_eq!(d.fields[2].kind, FieldType::String, "quoted ids");
    assert_eq!(d.fields[3].kind, FieldType::Integer);
    assert_eq!(d.columns[1].get(0), Value::Text("049"));
    assert_eq!(
        d.display(2, 1, insikt_core::language::Language::Sv),
        "3113",
        "no thousands space in an id"
    );
}

#[test]
fn markers_have_meanings_and_a_dot_keeps_a_number_column_numeric() {
    let csv = "år;värde\n2016;.\n2017;12.5\n2018;-\n2019;..\n2020;:\n";
    let (d, _) = load(csv.as_bytes(), None).unwrap();
    assert_eq!(d.fields[1].kind, FieldType::Number);
    let c = &d.columns[1];
    assert_eq!(c.get(0), Value::Missing);
    assert_eq!(c.marker(0), Some((".", MarkerMeaning::NotApplicable)));
    assert_eq!(c.get(2), Value::Number(0.0), "SCB's `-` is zero");
    assert_eq!(c.marker(2), Some(("-", MarkerMeaning::Zero)));
    assert_eq!(c.marker(3), Some(("..", MarkerMeaning::Missing)));
    assert_eq!(c.marker(4), Some((":", MarkerMeaning::Confidential)));
    let sv = insikt_core::language::Language::Sv;
    assert_eq!(d.display(1, 0, sv), ".");
    assert_eq!(d.display(1, 2, sv), "-");

    let yaml = "markers: {\"..\": confidential, \"-\": missing}\nfields:\n  - {name: år, type: year}\n  - {name: värde, type: number}\n";
    let (d, _) = load(csv.as_bytes(), Some(yaml)).unwrap();
    assert_eq!(d.columns[1].get(2), Value::Missing);
    assert_eq!(
        d.columns[1].marker(3),
        Some(("..", MarkerMeaning::Confidential))
    );
}

/// Broken CSV texts, one per located error kind, each with a title line above.
const BROKEN: &[(&str, &str)] = &[
    (
        "a cell of the wrong type",
        "kommun;antal\nArvika;25\nKil;tolv\n",
    ),
    ("a ragged row", "kommun;antal\nArvika;25\nKil;12;3\n"),
    (
        "a quote never closed",
        "kommun;antal\nArvika;25\n\"Kil;12\n",
    ),
    (
        "text after a closing quote",
        "kommun;antal\nArvika;25\n\"Kil\"x;12\n",
    ),
    (
        "a control character",
        "kommun;antal\nArvika;25\nK\u{1b}il;12\n",
    ),
    (
        "a personal identifier",
        "kommun;antal\nArvika;25\n811218-9876;12\n",
    ),
    ("a column twice", "kommun;kommun\nArvika;25\n"),
    (
        "a quoted cell over two lines",
        "kommun;antal\n\"Ar\nvika\";25\nKil;tolv\n",
    ),
    (
        "a title line",
        "Tabell 1: antal\n\nkommun;antal\nArvika;25\nKil;tolv\n",
    ),
];

#[test]
fn crlf_files_report_the_same_lines_and_columns_as_lf_files() {
    let yaml = "fields:\n  - {name: kommun, type: string}\n  - {name: antal, type: integer, role: measure}\n";
    for (what, lf) in BROKEN {
        let crlf = lf.replace('\n', "\r\n");
        let at_lf = places(&errors(lf.as_bytes(), Some(yaml)));
        let at_crlf = places(&errors(crlf.as_bytes(), Some(yaml)));
        assert!(
            !at_lf.is_empty() && at_lf.iter().all(|&(l, _)| l > 0),
            "{what}: {at_lf:?}"
        );
        assert_eq!(at_lf, at_crlf, "{what}");
    }
    // The title line case: the error is on the file's line 5, column 5.
    let crlf = BROKEN[8].1.replace('\n', "\r\n");
    assert_eq!(places(&errors(crlf.as_bytes(), Some(yaml))), [(5, 5)]);
}

#[test]
fn the_suppression_report_names_the_file_lines_of_a_crlf_export_with_a_title() {
    let csv = "Antal per kommun\r\n\r\nkommun;antal\r\nArvika;25\r\nKil;2\r\n\"Sunne\r\nAB\";3\r\n";
    let yaml = "fields:\n  - {name: kommun, type: string}\n  - {name: antal, type: integer, role: count}\n";
    let (mut d, _) = load(csv.as_bytes(), Some(yaml)).unwrap();
    suppress(
        &mut d,
        Threshold {
            min_count: 5,
            suppress_zeros: false,
        },
    );
    let lines: Vec<usize> = d.suppressed.iter().map(|s| s.line).collect();
    assert_eq!(lines, [5, 6]);
}

/// The README's table of the real files names each one.
#[test]
fn every_real_export_is_described_in_its_readme() {
    let readme = std::fs::read_to_string(Path::new(REAL).join("README.md")).unwrap();
    for entry in std::fs::read_dir(REAL).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".csv") {
            assert!(readme.contains(&name), "{name} is not in the README");
        }
    }
}

#[test]
fn one_column_per_year_is_charted_as_a_trend() {
    // SSB: `Omsetning (mill. kr) *` columns as `år` and `omsetning`.
    assert_charted(10, "2016", 521467.4);
    assert_charted(10, "2019", 626851.8);
    assert_charted(10, "2021", 674761.0);
    // Statistics Finland: the columns `2020` … `2023` listed.
    assert_charted(11, "2020", 27071.0);
    assert_charted(11, "2022", 25801.0);
    assert_charted(11, "2023", 25372.0);
}

const WIDE_YAML: &str = "wide: {columns: \"antal *\", name: år, value: antal}\nfields:\n  - {name: kommun, type: string}\n  - {name: år, type: year}\n  - {name: antal, type: integer, role: measure}\n";

#[test]
fn wide_columns_become_long_rows_with_their_source_lines() {
    let csv = "kommun;antal 2021;antal 2022\r\nArvika;25;..\r\nKil;12;14\r\n";
    let (d, _) = load(csv.as_bytes(), Some(WIDE_YAML)).unwrap();
    let names: Vec<&str> = d.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["kommun", "år", "antal"]);
    assert_eq!(d.rows, 4);
    assert_eq!(d.lines, [2, 2, 3, 3]);
    let values: Vec<Value> = d.columns[2].iter().collect();
    assert_eq!(
        values,
        [
            Value::Number(25.0),
            Value::Missing,
            Value::Number(12.0),
            Value::Number(14.0)
        ]
    );
    assert_eq!(d.columns[1].get(3), Value::Number(2022.0));
    assert_eq!(d.columns[2].marker(1), Some(("..", MarkerMeaning::Missing)));
    assert_eq!(
        d.text,
        "kommun;år;antal\nArvika;2021;25\nArvika;2022;..\nKil;2021;12\nKil;2022;14\n"
    );
}

#[test]
fn an_error_in_a_wide_file_points_at_the_source_cell() {
    let csv = "kommun;antal 2021;antal 2022\r\nArvika;25;3\r\nKil;12;tolv\r\n";
    let d = errors(csv.as_bytes(), Some(WIDE_YAML));
    assert_eq!(places(&d), [(3, 8)], "{d:?}");
    assert!(d.0[0].message.contains("`antal 2022`"), "{d:?}");
    // A varying part that is not a year is an error at its header cell.
    let csv = "kommun;antal 2021;antal totalt\nArvika;25;3\n";
    let d = errors(csv.as_bytes(), Some(WIDE_YAML));
    assert_eq!(places(&d), [(1, 19)], "{d:?}");
}

#[test]
fn a_chart_shows_the_publishers_markers_and_explains_them() {
    let doc = html(&site().join("index.html"));
    let figure = Selector::parse("figure.chart").unwrap();
    let chart = doc.select(&figure).nth(2).expect("chart 3");
    let cells: Vec<String> = chart
        .select(&Selector::parse("table tbody tr td").unwrap())
        .map(|c| c.text().collect::<String>().trim().to_string())
        .collect();
    // SSB's `.` for the two smallest size groups, as written.
    assert_eq!(cells.iter().filter(|c| *c == ".").count(), 2, "{cells:?}");
    let note: String = chart
        .select(&Selector::parse(".chart-note").unwrap())
        .map(|n| n.text().collect::<String>())
        .collect();
    assert_eq!(note, "Teckenförklaring: . = uppgift kan inte förekomma.");
}

#[test]
fn an_empty_row_inside_the_data_does_not_end_it() {
    let csv = "kommun;antal\nArvika;25\n;\nKil;12\n;\nKälla: SCB;\n";
    let (d, _) = load(csv.as_bytes(), None).unwrap();
    assert_eq!(d.lines, [2, 3, 4]);
    let texts: Vec<&str> = d.source_notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["Källa: SCB"]);
}

#[test]
fn the_codebook_page_lists_the_exports_notes_without_its_contacts() {
    let doc = html(&site().join("codebook/scb_befolkning/index.html"));
    let notes: Vec<String> = doc
        .select(&Selector::parse(".source-notes li").unwrap())
        .map(|n| n.text().collect())
        .collect();
    assert!(
        notes.contains(&"Senaste uppdatering:".to_string()),
        "{notes:?}"
    );
    assert!(
        notes.contains(&"Intern referenskod:".to_string()),
        "{notes:?}"
    );
    assert!(
        !notes.iter().any(|n| n.contains("@") || n.contains("479")),
        "{notes:?}"
    );
}
