//! Loading CSV as people export it, and validating it against its codebook: each variant
//! of encoding, delimiter and number format, and each mismatch with its located error.

use crate::common;

use insikt::data::codebook::{Delimiter, Encoding};
use insikt::data::{from_bytes, parse_codebook, Dataset};
use insikt_core::diagnostic::{Diagnostics, Location};
use std::path::Path;

fn load(csv: &[u8], yaml: Option<&str>) -> Result<Dataset, Diagnostics> {
    let codebook = yaml.map(|y| {
        (
            parse_codebook(Path::new("data/t.yaml"), y).expect("codebook parses"),
            y.to_string(),
        )
    });
    from_bytes("t", csv, codebook).map(|(d, _)| d)
}

fn numbers(d: &Dataset, column: &str) -> Vec<Option<f64>> {
    let c = d.column_index(column).unwrap();
    d.columns[c].iter().map(|v| v.number()).collect()
}

#[test]
fn utf8_with_byte_order_mark_and_commas() {
    let d = load(b"\xEF\xBB\xBFkommun,antal\nV\xC3\xA4rmland,12\n", None).unwrap();
    assert!(d.detected.bom);
    assert_eq!(d.detected.encoding, Encoding::Utf8);
    assert_eq!(d.detected.delimiter, Delimiter::Comma);
    assert_eq!(
        d.fields[0].name, "kommun",
        "BOM left in the first column name"
    );
    assert_eq!(numbers(&d, "antal"), [Some(12.0)]);
}

#[test]
fn windows_1252_reference_file_as_excel_saves_it() {
    let bytes = std::fs::read(common::fixture(
        "valid/csv/varmland-aktiviteter.win1252.csv",
    ))
    .unwrap();
    let (d, notes) = from_bytes("varmland-aktiviteter", &bytes, None).unwrap();
    assert_eq!(d.detected.encoding, Encoding::Windows1252);
    assert_eq!(d.detected.delimiter, Delimiter::Semicolon);
    assert_eq!(d.rows, 16);
    assert!(d
        .text
        .contains("Dataläskunnighet;Produktion och lansering av podcast"));
    assert!(notes[0].contains("Windows-1252"), "{notes:?}");
    assert!(notes[1].contains("no codebook"), "{notes:?}");
    // The inferred codebook found the three focus areas as categories.
    assert_eq!(
        d.fields[0].categories.as_deref().unwrap(),
        ["Datapraktik", "Dataläskunnighet", "Övrigt"]
    );
}

#[test]
fn semicolons_decimal_comma_spaced_thousands_minus_signs_and_missing_markers() {
    let csv = "namn;värde\na;12,5\nb;1 234,5\nc;1\u{a0}234\nd;1\u{202f}000\ne;\u{2212}67\nf;-3,25\ng;..\nh;-\ni;NA\nj;\n";
    let d = load(csv.as_bytes(), None).unwrap();
    assert_eq!(d.detected.decimal, ',');
    assert_eq!(
        numbers(&d, "värde"),
        [
            Some(12.5),
            Some(1234.5),
            Some(1234.0),
            Some(1000.0),
            Some(-67.0),
            Some(-3.25),
            None,
            // `-` is the statistics offices' zero (issue 13), shown as written.
            Some(0.0),
            None,
            None
        ]
    );
    assert_eq!(d.columns[1].decimals, 2);
}

#[test]
fn tabs_and_declared_point_thousands() {
    let yaml = "decimal: \",\"\nthousands: \".\"\nfields:\n  - {name: a, type: string}\n  - {name: b, type: number}\n";
    let d = load(b"a\tb\nx\t1.234.567,5\n", Some(yaml)).unwrap();
    assert_eq!(d.detected.delimiter, Delimiter::Tab);
    assert_eq!(numbers(&d, "b"), [Some(1234567.5)]);
}

#[test]
fn declared_missing_values_replace_the_defaults() {
    let yaml = "missing_values: [\"x\"]\nfields:\n  - {name: a, type: integer}\n";
    let d = load(b"a\n1\nx\n", Some(yaml)).unwrap();
    assert_eq!(numbers(&d, "a"), [Some(1.0), None]);
}

fn one_error(result: Result<Dataset, Diagnostics>) -> insikt_core::diagnostic::Diagnostic {
    let e = result.expect_err("should fail");
    assert_eq!(e.len(), 1, "{e}");
    e.0[0].clone()
}

#[test]
fn a_ragged_row_names_its_line() {
    let e = one_error(load(b"a;b\n1;2\n3\n", None));
    assert_eq!(e.file, Path::new("data/t.csv"));
    assert_eq!(e.location, Some(Location::new(3, 1)));
    assert_eq!(e.message, "row 3 has 1 cells, the header has 2");
}

#[test]
fn an_unreadable_number_names_row_column_and_text() {
    let yaml = "fields:\n  - {name: namn, type: string}\n  - {name: antal, type: integer}\n";
    let e = one_error(load(b"namn;antal\nKil;12\nArvika;12,5\n", Some(yaml)));
    assert_eq!(e.file, Path::new("data/t.csv"));
    assert_eq!(e.location, Some(Location::new(3, 8)));
    assert_eq!(
        e.message,
        "row 3, column `antal`: `12,5` is not a whole number"
    );
    assert!(e.to_string().contains(" 3 | Arvika;12,5"), "{e}");
}

#[test]
fn a_codebook_field_missing_from_the_csv_points_at_the_codebook() {
    let yaml = "title: T\nfields:\n  - name: a\n    type: string\n  - name: deltagare\n    type: integer\n";
    let e = one_error(load(b"a\nx\n", Some(yaml)));
    assert_eq!(e.file, Path::new("data/t.yaml"));
    assert_eq!(e.location, Some(Location::new(5, 5)));
    assert_eq!(
        e.message,
        "the field `deltagare` is not a column of `data/t.csv`"
    );
}

#[test]
fn a_csv_column_missing_from_the_codebook_points_at_the_header() {
    let yaml = "fields:\n  - {name: kommun, type: string}\n";
    let e = one_error(load(b"kommun;antl\nKil;3\n", Some(yaml)));
    assert_eq!(e.file, Path::new("data/t.csv"));
    assert_eq!(e.location, Some(Location::new(1, 8)));
    assert_eq!(e.message, "the column `antl` is not in the codebook");
}

#[test]
fn a_value_outside_the_categories_is_located() {
    let yaml = "fields:\n  - {name: svar, type: string, categories: [Ja, Nej]}\n";
    let e = one_error(load(b"svar\nJa\nKanske\n", Some(yaml)));
    assert_eq!(e.location, Some(Location::new(3, 1)));
    assert_eq!(
        e.message,
        "row 3, column `svar`: `Kanske` is not one of the field's categories: Ja, Nej"
    );
}

#[test]
fn wrong_types_for_dates_and_years() {
    let yaml = "fields:\n  - {name: d, type: date}\n  - {name: y, type: year}\n";
    let e = load(b"d;y\n2022-02-30;22\n", Some(yaml)).unwrap_err();
    let messages: Vec<&str> = e.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "row 2, column `d`: `2022-02-30` is not a date (`YYYY-MM-DD`)",
            "row 2, column `y`: `22` is not a year (`YYYY`)"
        ]
    );
}

#[test]
fn codebook_yaml_errors_are_located_with_suggestions() {
    let e = parse_codebook(
        Path::new("data/t.yaml"),
        "title: T\nowner: X\nupdatd: 2023-01-01\n",
    )
    .unwrap_err()
    .0
    .remove(0);
    assert_eq!(e.location.unwrap().line, 3);
    assert_eq!(e.message, "unknown codebook key `updatd`");
    assert!(e.help.unwrap().contains("`updated`"));
    let e = parse_codebook(
        Path::new("data/t.yaml"),
        "fields:\n  - name: a\n    type: integr\n",
    )
    .unwrap_err()
    .0
    .remove(0);
    assert_eq!(e.location.unwrap().line, 3);
    assert!(e.help.unwrap().contains("`integer`"));
}

#[test]
fn utf8_declared_but_windows_1252_given_is_an_error() {
    let yaml = "encoding: utf-8\nfields:\n  - {name: a, type: string}\n";
    let e = one_error(load(b"a\nV\xE4rmland\n", Some(yaml)));
    assert!(e.message.contains("not valid UTF-8"), "{e}");
}

#[test]
fn codebook_stub_command_writes_an_inferred_codebook() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("besok.csv");
    std::fs::write(
        &csv,
        "ar;kommun;besok;andel\n2020;Kil;12;1,5\n2021;Kil;14;2,5\n2021;Arvika;..;3\n",
    )
    .unwrap();
    let o = common::insikt(&["codebook", csv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stub = std::fs::read_to_string(tmp.path().join("besok.yaml")).unwrap();
    // What the author must fill in is a placeholder; with them taken out, it parses.
    let placeholders = insikt::data::placeholder::find(&stub);
    let keys: Vec<&str> = placeholders.iter().map(|p| p.key.as_str()).collect();
    for key in ["source", "owner", "updated", "unit", "description"] {
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }
    let filled = insikt::data::placeholder::replace(&stub, &placeholders, None);
    let codebook =
        parse_codebook(Path::new("besok.yaml"), &filled).expect("the stub is a valid codebook");
    let kinds: Vec<&str> = codebook.fields.iter().map(|f| f.kind.key()).collect();
    assert_eq!(kinds, ["year", "string", "integer", "number"]);
    assert!(stub.contains("delimiter: \";\""), "{stub}");
    assert!(stub.contains("decimal: \",\""), "{stub}");
    assert!(stub.contains("encoding: utf-8"), "{stub}");
    // Never overwrites.
    let o = common::insikt(&["codebook", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
}

/// Every run of five digits in `identifier`.
fn five_digit_runs(identifier: &str) -> Vec<String> {
    let digits: Vec<char> = identifier.chars().filter(char::is_ascii_digit).collect();
    digits
        .windows(5)
        .map(|w| w.iter().collect::<String>())
        .collect()
}

#[test]
fn personal_identifiers_stop_the_build_without_being_printed() {
    let o = common::insikt(&[
        "check",
        common::fixture("invalid/identifiers").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    for expected in [
        "data/kontakter.csv:2:19: row 2, column `kontakt`: `81••••-••••` looks like a Swedish personnummer; personal identifiers must never be published",
        "data/kontakter.csv:3:22: row 3, column `kontakt`: `an••.••••••••@••••••.••` looks like an e-mail address",
        "data/kontakter.csv:4:13: row 4, column `kontakt`: `Ri•• •••-••• •• •• ••••• ••:••` looks like a phone number",
        "data/kontakter.csv:5:37: row 5, column `antal`: `01•••••••••` looks like a Norwegian fødselsnummer",
        " 2 | Vårdcentralen Kil;81••••-••••;12",
        "declare `identifier: false` with `identifier_reason:` in `data/kontakter.yaml`",
        "4 errors found",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
    // The case numbers declared `identifier: false` are not reported.
    assert!(!err.contains("arenden"), "{err}");
    for identifier in [
        "811218-9876",
        "anna.svensson@region.se",
        "070-123 45 67",
        "01010750160",
    ] {
        assert!(!err.contains(identifier), "{identifier} printed:\n{err}");
        for run in five_digit_runs(identifier) {
            assert!(!err.contains(&run), "{run} of {identifier} printed:\n{err}");
        }
    }
    assert!(!err.contains("anna.svensson"), "{err}");
}

#[test]
fn a_field_declared_not_to_hold_identifiers_needs_a_reason() {
    let (_tmp, project) = common::copy_fixture("invalid/identifiers");
    std::fs::remove_file(project.join("data/kontakter.csv")).unwrap();
    std::fs::remove_file(project.join("data/kontakter.yaml")).unwrap();
    // With its reason, the field of case numbers that look like CPR numbers builds.
    common::build(&project, &project.join("public"));

    let codebook = project.join("data/arenden.yaml");
    let yaml = std::fs::read_to_string(&codebook).unwrap();
    let without_reason: String = yaml
        .lines()
        .filter(|l| !l.contains("identifier_reason"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&codebook, &without_reason).unwrap();
    let o = common::insikt(&["check", project.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("data/arenden.yaml:7:5: the field `arende` is declared `identifier: false` without a reason"),
        "{err}"
    );
    assert!(err.contains(" 7 |     identifier: false"), "{err}");
    assert!(
        err.contains("help: give the reason with `identifier_reason:"),
        "{err}"
    );
    assert!(err.contains("1 error found"), "{err}");

    // Without the declaration, every case number is reported.
    let scanned: String = without_reason
        .lines()
        .filter(|l| !l.contains("identifier"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&codebook, scanned).unwrap();
    let o = common::insikt(&["check", project.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("data/arenden.csv:2:1: row 2, column `arende`: `15••••-••••` looks like a Danish CPR number"),
        "{err}"
    );
    assert!(err.contains("3 errors found"), "{err}");
}

#[test]
fn an_identifier_in_a_number_column_is_reported_as_one_not_as_a_bad_number() {
    // `identifier: true` is the default: the field is checked.
    let yaml = "fields:\n  - {name: namn, type: string}\n  - {name: antal, type: integer, identifier: true}\n";
    let e = one_error(load(
        b"namn;antal\nKil;12\nArvika;811218-9876\n",
        Some(yaml),
    ));
    assert_eq!(e.location, Some(Location::new(3, 8)));
    assert_eq!(
        e.message,
        "row 3, column `antal`: `81••••-••••` looks like a Swedish personnummer; personal identifiers must never be published"
    );
    assert_eq!(e.source_line.as_deref(), Some("Arvika;81••••-••••"));
    // A number of eight digits in a number column is a count, not a phone number.
    assert!(load(b"namn;antal\nKil;12345678\n", Some(yaml)).is_ok());
}

#[test]
fn a_ragged_row_is_shown_with_its_identifiers_masked() {
    let yaml = "fields:\n  - {name: namn, type: string}\n  - {name: antal, type: integer}\n";
    let e = load(b"namn;antal\nArvika;811218-9876;12\n", Some(yaml)).unwrap_err();
    assert_eq!(e.len(), 2, "{e}");
    assert!(e.0[0].message.contains("row 2 has 3 cells"), "{e}");
    assert_eq!(e.0[0].source_line.as_deref(), Some("Arvika;81••••-••••;12"));
    // The cell of a ragged row is still looked at, and reported as what it is.
    assert!(
        e.0[1].message.contains("looks like a Swedish personnummer"),
        "{e}"
    );
    assert!(!e.to_string().contains("811218"), "{e}");
}

#[test]
fn identifier_findings_are_capped_per_file() {
    let mut csv = String::from("kontakt\n");
    for _ in 0..25 {
        csv.push_str("anna@region.se\n");
    }
    let yaml = "fields:\n  - {name: kontakt, type: string}\n";
    let e = load(csv.as_bytes(), Some(yaml)).unwrap_err();
    assert_eq!(e.len(), 21);
    assert_eq!(
        e.0[20].message,
        "5 more cells look like personal identifiers"
    );
}

/// A dataset of the fixture `invalid/csv-problems`, which has one broken CSV per kind of
/// problem, loaded with its codebook.
fn broken(name: &str) -> Diagnostics {
    let dir = common::fixture("invalid/csv-problems/data");
    let csv = std::fs::read(dir.join(format!("{name}.csv"))).unwrap();
    let yaml = std::fs::read_to_string(dir.join(format!("{name}.yaml"))).unwrap();
    let codebook = parse_codebook(Path::new(&format!("data/{name}.yaml")), &yaml).unwrap();
    match from_bytes(name, &csv, Some((codebook, yaml))) {
        Ok(_) => panic!("data/{name}.csv loaded without an error"),
        Err(e) => e,
    }
}

/// Each diagnostic as `file:line:column: message`.
fn located(e: &Diagnostics) -> Vec<String> {
    e.iter()
        .map(|d| match d.location {
            Some(l) => format!(
                "{}:{}:{}: {}",
                d.file.display(),
                l.line,
                l.column,
                d.message
            ),
            None => format!("{}: {}", d.file.display(), d.message),
        })
        .collect()
}

#[test]
fn control_characters_in_a_csv_are_errors_at_their_line_and_column() {
    let e = broken("kontroll");
    assert_eq!(
        located(&e),
        [
            "data/kontroll.csv:2:4: the control character U+0000 (NUL) has no place in a CSV file",
            "data/kontroll.csv:3:4: the control character U+0007 (BEL) has no place in a CSV file",
            "data/kontroll.csv:5:1: the control character U+001B (ESC) has no place in a CSV file",
        ]
    );
    // Shown, not sent to the terminal.
    assert_eq!(e.0[0].source_line.as_deref(), Some("Kil\u{2400};12"));
    let printed = e.to_string();
    assert!(
        !printed.contains(['\u{0}', '\u{7}', '\u{1b}']),
        "{printed:?}"
    );
}

#[test]
fn invalid_utf8_in_a_csv_declared_utf8_is_located_by_line_and_column() {
    let e = broken("latin1");
    assert_eq!(
        located(&e),
        ["data/latin1.csv:3:2: the file is declared UTF-8, but the byte 0xE4 here is not valid UTF-8"]
    );
    assert_eq!(e.0[0].source_line.as_deref(), Some("V\u{fffd}rmland;7"));
}

#[test]
fn a_ragged_row_an_unknown_column_a_bad_cell_and_a_missing_field_are_reported_in_one_run() {
    let e = broken("blandat");
    assert_eq!(
        located(&e),
        [
            "data/blandat.csv:3:1: row 3 has 2 cells, the header has 3",
            "data/blandat.csv:1:14: the column `andel` is not in the codebook",
            "data/blandat.yaml:5:6: the field `ar` is not a column of `data/blandat.csv`",
            "data/blandat.csv:4:7: row 4, column `antal`: `tolv` is not a whole number",
        ]
    );
}

#[test]
fn line_numbers_in_a_crlf_csv_are_right() {
    let e = broken("crlf");
    assert_eq!(
        located(&e),
        ["data/crlf.csv:4:9: row 4, column `antal`: `x` is not a whole number"]
    );
    assert_eq!(e.0[0].source_line.as_deref(), Some("\"Sunne\";x"));
    // The lines kept for the suppression report, and ragged rows.
    let d = load(b"a;b\r\n\r\nx;1\r\ny;2\r\n", None).unwrap();
    assert_eq!(d.lines, [3, 4]);
    let e = one_error(load(b"a;b\r\nx;1\r\ny\r\n", None));
    assert_eq!(e.location, Some(Location::new(3, 1)));
    assert_eq!(e.source_line.as_deref(), Some("y"));
}

#[test]
fn every_csv_problem_of_a_report_is_reported_in_one_check() {
    let o = common::insikt(&[
        "check",
        common::fixture("invalid/csv-problems").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    for expected in [
        "data/blandat.csv:1:14:",
        "data/blandat.csv:3:1:",
        "data/blandat.csv:4:7:",
        "data/blandat.yaml:5:6:",
        "data/crlf.csv:4:9:",
        "data/kontroll.csv:2:4:",
        "data/kontroll.csv:3:4:",
        "data/kontroll.csv:5:1:",
        "data/latin1.csv:3:2:",
        "9 errors found",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
}

#[test]
fn ragged_rows_are_capped_per_file() {
    let mut csv = String::from("a;b\n");
    for _ in 0..1000 {
        csv.push_str("1\n");
    }
    let e = load(csv.as_bytes(), None).unwrap_err();
    assert_eq!(e.len(), 21);
    assert_eq!(
        e.0[20].message,
        "980 more rows have the wrong number of cells"
    );
}

#[test]
fn a_header_that_looks_like_an_identifier_is_reported_and_never_quoted() {
    let yaml = "fields:\n  - {name: kommun, type: string}\n";
    let e = load(b"kommun;811218-9876\nKil;1\n", Some(yaml)).unwrap_err();
    assert_eq!(
        located(&e),
        ["data/t.csv:1:8: the header, column 2: `81••••-••••` looks like a Swedish personnummer; personal identifiers must never be published"]
    );
    assert!(!e.to_string().contains("811218"), "{e}");
}

#[test]
fn quoted_cells_may_have_spaces_around_them() {
    let d = load(
        b"namn, antal\n\"Kil, Arvika\", 12\n \"Sunne\" ,\"1 234\"\n",
        None,
    )
    .unwrap();
    assert_eq!(
        d.display(0, 0, insikt_core::language::Language::En),
        "Kil, Arvika"
    );
    assert_eq!(
        d.display(0, 1, insikt_core::language::Language::En),
        "Sunne"
    );
    assert_eq!(numbers(&d, "antal"), [Some(12.0), Some(1234.0)]);
}
