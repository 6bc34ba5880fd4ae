//! Unit tests of the PX reader on small hand-written files.

use super::*;

/// Two variables, 2 × 2 cells.
const SMALL: &str = "STUB=\"region\";\nHEADING=\"year\";\nVALUES(\"region\")=\"A\",\"B\";\n\
                     VALUES(\"year\")=\"2023\",\"2024\";\nDATA=\n1 2\n3 4;\n";

fn ok(text: &str) -> PxFile {
    match parse(text.as_bytes()) {
        Ok(file) => file,
        Err(errors) => panic!("{errors:#?}"),
    }
}

fn errors(text: &str) -> Vec<PxError> {
    match parse(text.as_bytes()) {
        Ok(_) => panic!("no errors in {text}"),
        Err(errors) => errors,
    }
}

/// The one error of `text`: `(line, column, message)`.
fn error(text: &str) -> (usize, usize, String) {
    let errors = errors(text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = &errors[0];
    assert!(!e.help.is_empty());
    (e.line, e.column, e.message.clone())
}

fn texts(file: &PxFile) -> Vec<&str> {
    file.cells()
        .iter()
        .map(|c| match c {
            DataCell::Number { text, .. } | DataCell::Symbol { text, .. } => text.as_str(),
        })
        .collect()
}

#[test]
fn a_small_file_in_long_form_last_heading_variable_fastest() {
    let file = ok(SMALL);
    let table = file.long_table(None);
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["region", "year", "value"]);
    let rows: Vec<Vec<LongCell>> = table.rows.into_iter().map(|r| r.cells).collect();
    let text = |t: &str| LongCell::Text(t.to_string());
    let number = |t: &str, v: f64| LongCell::Number {
        text: t.to_string(),
        value: v,
    };
    assert_eq!(
        rows,
        [
            vec![text("A"), text("2023"), number("1", 1.0)],
            vec![text("A"), text("2024"), number("2", 2.0)],
            vec![text("B"), text("2023"), number("3", 3.0)],
            vec![text("B"), text("2024"), number("4", 4.0)],
        ]
    );
}

#[test]
fn two_heading_variables_and_a_stub_in_spec_order() {
    let file = ok(
        "STUB=\"s\";HEADING=\"h1\",\"h2\";VALUES(\"s\")=\"s1\",\"s2\";\
                   VALUES(\"h1\")=\"a\",\"b\";VALUES(\"h2\")=\"x\",\"y\",\"z\";\
                   DATA=1 2 3 4 5 6 7 8 9 10 11 12;",
    );
    let table = file.long_table(None);
    // Cell 9 (0-based): s2, h1 = a, h2 = x … cell 10 is s2, a, y.
    assert_eq!(
        table.rows[9].cells[..3],
        [
            LongCell::Text("s2".into()),
            LongCell::Text("b".into()),
            LongCell::Text("x".into())
        ]
    );
    assert_eq!(
        table.rows[9].cells[3],
        LongCell::Number {
            text: "10".into(),
            value: 10.0
        }
    );
    assert_eq!(
        table.rows[5].cells[..3],
        [
            LongCell::Text("s1".into()),
            LongCell::Text("b".into()),
            LongCell::Text("z".into())
        ]
    );
}

#[test]
fn numbers_keep_the_text_they_were_written_as() {
    let file = ok(&SMALL.replace("1 2\n3 4", "275.87 -0.10\n1110887.00 +5"));
    assert_eq!(texts(&file), ["275.87", "-0.10", "1110887.00", "+5"]);
    let DataCell::Number { value, .. } = file.cells()[0] else {
        panic!()
    };
    assert_eq!(value, 275.87);
}

#[test]
fn data_symbols_quoted_or_not_with_their_meanings() {
    let file = ok(&SMALL
        .replace("1 2\n3 4", "\".\" .. \"......\"\n-")
        .replace("DATA=", "DATASYMBOL2=\"..\";DATASYMBOLNIL=\"0\";DATA="));
    let meanings: Vec<SymbolMeaning> = file
        .cells()
        .iter()
        .map(|c| match c {
            DataCell::Symbol { meaning, .. } => *meaning,
            DataCell::Number { .. } => panic!("{c:?}"),
        })
        .collect();
    assert_eq!(
        meanings,
        [
            SymbolMeaning::Missing(1),
            SymbolMeaning::Missing(2),
            SymbolMeaning::Missing(6),
            SymbolMeaning::Nil
        ]
    );
    let symbols = file.data_symbols();
    assert_eq!(symbols.shown_as(SymbolMeaning::Nil), "0");
    assert_eq!(symbols.shown_as(SymbolMeaning::Missing(1)), ".");
    assert_eq!(symbols.sum(), None);
}

#[test]
fn a_cell_written_as_a_declared_symbol_has_its_meaning() {
    let file = ok(&SMALL
        .replace("1 2\n3 4", "\":\" 2 3 4")
        .replace("DATA=", "DATASYMBOL3=\":\";\nDATA="));
    assert_eq!(
        file.cells()[0],
        DataCell::Symbol {
            text: ":".into(),
            meaning: SymbolMeaning::Missing(3)
        }
    );
}

#[test]
fn cells_may_be_separated_by_commas_semicolons_and_tabs() {
    let file = ok(&SMALL.replace("1 2\n3 4;", "1,2;\t3\r\n4;"));
    assert_eq!(texts(&file), ["1", "2", "3", "4"]);
}

#[test]
fn a_cell_that_is_neither_number_nor_symbol_is_located() {
    let (line, column, message) = error(&SMALL.replace("3 4", "3 4x"));
    assert_eq!((line, column), (7, 3));
    assert!(message.contains("4x"), "{message}");
    let (line, column, message) = error(&SMALL.replace("3 4", "3 \"n/a\""));
    assert_eq!((line, column), (7, 3));
    assert!(message.contains("\"n/a\""), "{message}");
}

#[test]
fn many_bad_cells_are_reported_twenty_then_counted() {
    let cells = ["x"; 4].join(" ");
    let mut text = SMALL.replace("1 2\n3 4", &cells);
    text = text.replace("\"A\",\"B\"", &vec!["\"A\""; 25].join(","));
    text = text.replace(&cells, &vec!["x"; 50].join(" "));
    let errors = errors(&text);
    assert_eq!(errors.len(), 21, "{errors:#?}");
    assert!(errors[20].message.starts_with("30 more cells"));
}

#[test]
fn too_few_cells_are_located_at_the_end_of_data() {
    let (line, column, message) = error(&SMALL.replace("3 4;", "3;"));
    assert_eq!((line, column), (7, 2));
    assert!(
        message.contains("3 cells, 1 fewer than the 4") && message.contains("region 2 × year 2"),
        "{message}"
    );
}

#[test]
fn too_many_cells_are_located_at_the_first_extra_one() {
    let (line, column, message) = error(&SMALL.replace("3 4;", "3 4\n5 6;"));
    assert_eq!((line, column), (8, 1));
    assert!(message.contains("2 more than the 4"), "{message}");
}

#[test]
fn a_values_list_that_does_not_match_data_is_reported_with_each_count() {
    let (_, _, message) = error(&SMALL.replace("\"A\",\"B\"", "\"A\",\"B\",\"C\""));
    assert!(message.contains("region 3 × year 2"), "{message}");
}

#[test]
fn an_unterminated_string_is_located_at_its_opening_quote() {
    let text = "TITLE=\"Population;\nSTUB=\"region\";";
    let errors = errors(&format!("{text}\n{}", &SMALL[15..]));
    assert_eq!((errors[0].line, errors[0].column), (1, 7));
    assert!(errors[0].message.contains("no closing double quote"));
}

#[test]
fn texts_continued_over_lines_are_joined() {
    let file = ok(&format!(
        "TITLE=\"Migration by re\"\n\"gion\"\r\n  \"!\";\n{SMALL}"
    ));
    assert_eq!(file.title(None), Some("Migration by region!"));
}

#[test]
fn a_missing_semicolon_is_reported_and_reading_goes_on() {
    let errors = errors(&format!(
        "TITLE=\"x\"\nCONTENTS=\"y\";\nUNITS=\"a\" \"b\" c;\n{SMALL}"
    ));
    let located: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(located, [(1, 10), (3, 14)], "{errors:#?}");
    assert!(errors[0].message.contains("TITLE is not ended with ;"));
}

#[test]
fn crlf_files_report_the_right_line_and_column() {
    let text = SMALL.replace('\n', "\r\n").replace("3 4", "3 x");
    let (line, column, _) = error(&text);
    assert_eq!((line, column), (7, 3));
}

#[test]
fn keywords_in_any_order_and_unknown_ones_are_kept() {
    let file = ok(
        "VALUES(\"year\")=\"2023\";FOO-BAR(\"x\")=YES;HEADING=\"year\";\
                   DATA=7;",
    );
    assert_eq!(file.variables()[0].name(None), "year");
    assert_eq!(file.stub().len(), 0);
    let foo = file
        .keywords()
        .iter()
        .find(|k| k.name == "FOO-BAR")
        .unwrap();
    assert_eq!(foo.text(), Some("YES"));
    assert_eq!(foo.params[0].text, "x");
}

#[test]
fn missing_values_for_a_variable_are_located_at_its_name() {
    let missing = errors(&SMALL.replace("VALUES(\"year\")=\"2023\",\"2024\";\n", ""));
    assert_eq!(missing.len(), 1, "{missing:#?}");
    assert_eq!((missing[0].line, missing[0].column), (2, 9));
    assert_eq!(missing[0].message, "the variable \"year\" has no VALUES");
    // A misspelt name: both the unknown name and the variable without values are reported.
    let misspelt = errors(&SMALL.replace("VALUES(\"year\")", "VALUES(\"yr\")"));
    let messages: Vec<&str> = misspelt.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "the variable \"year\" has no VALUES",
            "VALUES(\"yr\") names the variable \"yr\", which is not in STUB or HEADING"
        ]
    );
    assert!(misspelt[1].help.contains("\"region\", \"year\""));
}

#[test]
fn codes_must_match_values() {
    let (line, column, message) =
        error(&SMALL.replace("DATA=", "CODES(\"region\")=\"01\";\nDATA="));
    assert_eq!((line, column), (5, 17));
    assert!(
        message.contains("1 codes, but VALUES(\"region\") lists 2"),
        "{message}"
    );
}

#[test]
fn no_stub_or_heading_and_no_data_are_errors() {
    let (_, _, message) = error("TITLE=\"x\";DATA=1;");
    assert!(message.contains("no STUB or HEADING"));
    let (line, _, message) = error("STUB=\"a\";\nVALUES(\"a\")=\"x\";\n");
    assert_eq!(message, "the file has no DATA");
    assert_eq!(line, 3);
}

#[test]
fn a_keyword_after_data_is_an_error() {
    let errors = errors(&format!("{SMALL}NOTE=\"late\";\n"));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!((errors[0].line, errors[0].column), (8, 1));
    assert_eq!(errors[0].message, "NOTE comes after DATA");
}

#[test]
fn a_keyword_given_twice_is_an_error_but_notes_may_repeat() {
    let (line, _, message) = error(&format!("TITLE=\"a\";\nTITLE=\"b\";\n{SMALL}"));
    assert_eq!(line, 2);
    assert!(message.contains("given twice (first on line 1)"));
    let file = ok(&format!("NOTE=\"a\";\nNOTE=\"b\";\n{SMALL}"));
    assert_eq!(file.notes(None).len(), 2);
}

#[test]
fn a_note_on_an_unknown_value_is_an_error_naming_the_values() {
    let errors = errors(&SMALL.replace("DATA=", "VALUENOTE(\"region\",\"C\")=\"x\";\nDATA="));
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].line, errors[0].column), (5, 20));
    assert!(errors[0].help.contains("\"A\", \"B\""), "{:?}", errors[0]);
}

#[test]
fn a_measure_without_contvariable_is_an_error() {
    let (_, _, message) = error(&SMALL.replace("DATA=", "UNITS(\"A\")=\"kg\";DATA="));
    assert!(message.contains("no CONTVARIABLE"), "{message}");
}

#[test]
fn keys_are_reported_as_not_supported() {
    let (_, _, message) = error(&SMALL.replace("DATA=", "KEYS(\"region\")=VALUES;DATA="));
    assert!(message.contains("KEYS"));
}

#[test]
fn decimals_must_be_a_small_whole_number() {
    let (_, _, message) = error(&format!("DECIMALS=two;\n{SMALL}"));
    assert!(message.contains("not a number of decimals"), "{message}");
    assert_eq!(ok(&format!("DECIMALS=3;\n{SMALL}")).decimals(None), Some(3));
}

#[test]
fn languages_fall_back_to_the_default_and_match_by_position() {
    let file = ok(
        "LANGUAGE=\"sv\";LANGUAGES=\"sv\",\"en\";TITLE=\"Folkmängd\";\
                   TITLE[en]=\"Population\";STUB=\"region\";STUB[en]=\"area\";\
                   VALUES(\"region\")=\"Väsby\",\"Täby\";VALUES[en](\"area\")=\"Vasby\",\"Taby\";\
                   NOTE=\"not\";NOTE(\"region\")=\"rnot\";NOTE[en](\"area\")=\"anote\";\
                   VALUENOTE[en](\"area\",\"Taby\")=\"t\";DATA=1 2;",
    );
    assert_eq!(file.title(Some("EN")), Some("Population"));
    assert_eq!(file.title(Some("fi")), Some("Folkmängd"));
    let region = &file.variables()[0];
    assert_eq!(region.name(Some("en")), "area");
    assert_eq!(region.values(Some("en")), ["Vasby", "Taby"]);
    assert_eq!(region.values(None), ["Väsby", "Täby"]);
    let notes: Vec<(Option<usize>, &str)> = file
        .notes(Some("en"))
        .iter()
        .map(|n| (n.variable, n.text))
        .collect();
    assert_eq!(notes, [(None, "not"), (Some(0), "anote")]);
    assert_eq!(file.value_notes(Some("en"))[0].value, 1);
    assert!(file.value_notes(None).is_empty());
}

#[test]
fn a_language_variant_with_another_number_of_values_is_an_error() {
    let (_, _, message) = error(&SMALL.replace("DATA=", "VALUES[en](\"region\")=\"A\";DATA="));
    assert!(message.contains("lists 1 values, but VALUES(\"region\") lists 2"));
}

#[test]
fn timeval_by_code_by_position_and_as_a_range() {
    // TIMEVAL lists the codes in another order: matched by code.
    let file = ok(&SMALL.replace(
        "DATA=",
        "CODES(\"year\")=\"y23\",\"y24\";TIMEVAL(\"year\")=TLIST(A1),\"y24\",\"y23\";DATA=",
    ));
    assert_eq!(file.variables()[1].time_periods().unwrap(), ["y23", "y24"]);
    // Labels that are not periods: by position.
    let file = ok(&SMALL
        .replace("\"2023\",\"2024\"", "\"2023 H1\",\"2023 H2\"")
        .replace(
            "DATA=",
            "TIMEVAL(\"year\")=TLIST(H1),\"20231\",\"20232\";DATA=",
        ));
    assert_eq!(
        file.time_variable().unwrap().time_periods().unwrap(),
        ["20231", "20232"]
    );
    let file = ok(&SMALL.replace(
        "DATA=",
        "TIMEVAL(\"year\")=TLIST(A1, \"2023\" - \"2024\");DATA=",
    ));
    let year = file.time_variable().unwrap();
    assert_eq!(year.time_scale(), Some(TimeScale::Annual));
    assert_eq!(year.time_periods().unwrap(), ["2023", "2024"]);
    assert_eq!(file.long_table(None).columns[2].name, "year (code)");
    // TLIST(Q1) alone: the labels are the periods.
    let file = ok(&SMALL
        .replace("\"2023\",\"2024\"", "\"20231\",\"20232\"")
        .replace("DATA=", "TIMEVAL(\"year\")=TLIST(Q1);DATA="));
    let quarter = file.time_variable().unwrap();
    assert_eq!(quarter.time_scale(), Some(TimeScale::Quarterly));
    assert_eq!(quarter.time_periods().unwrap(), ["20231", "20232"]);
}

#[test]
fn timeval_errors() {
    let (_, _, message) = error(&SMALL.replace(
        "DATA=",
        "TIMEVAL(\"year\")=TLIST(A1,\"2023\"-\"2030\");DATA=",
    ));
    assert!(
        message.contains("more periods than the variable has values"),
        "{message}"
    );
    let (_, _, message) =
        error(&SMALL.replace("DATA=", "TIMEVAL(\"year\")=TLIST(X9),\"1\",\"2\";DATA="));
    assert!(message.contains("\"X9\""), "{message}");
    let (_, _, message) =
        error(&SMALL.replace("DATA=", "TIMEVAL(\"year\")=TLIST(A1),\"2023\";DATA="));
    assert!(message.contains("lists 1 periods"), "{message}");
    let (_, _, message) = error(&SMALL.replace("DATA=", "TIMEVAL(\"year\")=\"2023\";DATA="));
    assert!(message.contains("is not a time list"), "{message}");
}

#[test]
fn time_ranges_of_each_scale() {
    assert_eq!(
        TimeScale::HalfYear.expand("20231", "20242", 9).unwrap(),
        ["20231", "20232", "20241", "20242"]
    );
    assert_eq!(
        TimeScale::Quarterly.expand("20234", "20242", 9).unwrap(),
        ["20234", "20241", "20242"]
    );
    assert_eq!(
        TimeScale::Monthly.expand("202311", "202402", 9).unwrap(),
        ["202311", "202312", "202401", "202402"]
    );
    // 2020 has an ISO week 53, 2021 does not.
    assert_eq!(
        TimeScale::Weekly.expand("202052", "202101", 9).unwrap(),
        ["202052", "202053", "202101"]
    );
    assert!(TimeScale::Weekly.expand("202153", "202201", 9).is_err());
    assert!(TimeScale::Annual.expand("2024", "2023", 9).is_err());
    assert!(TimeScale::Annual.expand("0000", "9999", 100).is_err());
    assert!(TimeScale::Monthly.expand("202313", "202401", 9).is_err());
}

#[test]
fn encoding_rules() {
    // No CHARSET and no CODEPAGE: UTF-8 when valid …
    let utf8 = format!("TITLE=\"Väsby\";\n{SMALL}");
    let file = ok(&utf8);
    assert_eq!(
        (file.encoding(), file.title(None)),
        ("UTF-8", Some("Väsby"))
    );
    // … else Latin-1.
    let latin1: Vec<u8> = utf8.chars().map(|c| c as u8).collect();
    let file = parse(&latin1).unwrap();
    assert_eq!(file.title(None), Some("Väsby"));
    // CHARSET="ANSI" is Windows-1252: 0x80 is the euro sign.
    let mut ansi = b"CHARSET=\"ANSI\";TITLE=\"\x80 \xe4\";".to_vec();
    ansi.extend_from_slice(SMALL.as_bytes());
    assert_eq!(parse(&ansi).unwrap().title(None), Some("€ ä"));
    // ISO-8859-15 has the euro sign at 0xA4 (Latin-1's ¤).
    let mut latin9 = b"CODEPAGE=\"ISO-8859-15\";TITLE=\"\xa4\";".to_vec();
    latin9.extend_from_slice(SMALL.as_bytes());
    assert_eq!(parse(&latin9).unwrap().title(None), Some("€"));
    let mut latin1 = b"CODEPAGE=\"iso-8859-1\";TITLE=\"\xa4\";".to_vec();
    latin1.extend_from_slice(SMALL.as_bytes());
    assert_eq!(parse(&latin1).unwrap().title(None), Some("¤"));
    // A UTF-8 CODEPAGE wins over CHARSET="ANSI".
    let utf8 = format!("CHARSET=\"ANSI\";\nCODEPAGE=\"utf-8\";\nTITLE=\"km²\";\n{SMALL}");
    assert_eq!(ok(&utf8).title(None), Some("km²"));
    // A byte-order mark means UTF-8.
    let bom = format!("\u{feff}CHARSET=\"ANSI\";TITLE=\"Åland\";{SMALL}");
    assert_eq!(ok(&bom).title(None), Some("Åland"));
}

#[test]
fn a_file_that_is_not_what_its_codepage_says_is_located() {
    let mut bytes = b"CODEPAGE=\"utf-8\";\nTITLE=\"V\xe4sby\";".to_vec();
    bytes.extend_from_slice(SMALL.as_bytes());
    let errors = parse(&bytes).unwrap_err();
    assert_eq!((errors[0].line, errors[0].column), (2, 9));
    assert!(errors[0].message.contains("0xE4"));
    assert!(errors[0].help.contains("windows-1252"));
    let mut bytes = b"TITLE=\"x\";\nCODEPAGE=\"klingon\";".to_vec();
    bytes.extend_from_slice(SMALL.as_bytes());
    let errors = parse(&bytes).unwrap_err();
    assert_eq!((errors[0].line, errors[0].column), (2, 10));
    assert!(errors[0].message.contains("\"klingon\""));
}

#[test]
fn timestamps_and_line_breaks() {
    let t = Timestamp::parse("20251027 08:00").unwrap();
    assert_eq!(
        (t.year, t.month, t.day, t.hour, t.minute),
        (2025, 10, 27, 8, 0)
    );
    assert_eq!(
        Timestamp::parse("20251027").unwrap().to_string(),
        "2025-10-27 00:00"
    );
    assert_eq!(Timestamp::parse("2025-10-27"), None);
    assert_eq!(Timestamp::parse("20251327 08:00"), None);
    assert_eq!(Timestamp::parse("2025ö027 08:00"), None);
    assert_eq!(split_lines("a# b##c#"), ["a", "b", "", "c"]);
}

#[test]
fn errors_are_capped_at_fifty() {
    let text: String = (0..80).map(|_| "!;\n").collect();
    let errors = errors(&text);
    assert_eq!(errors.len(), 50);
    assert!(errors[49].message.contains("more errors"));
}

/// The fastest of three runs of `work`, in seconds.
fn fastest_of_three(work: impl Fn()) -> f64 {
    (0..3)
        .map(|_| {
            let start = std::time::Instant::now();
            work();
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Asserts that four times the input costs clearly less than sixteen times the work:
/// linear work gives a ratio near 4, quadratic near 16. A ratio, not a time limit, so the
/// test holds on a slow or busy machine and in debug builds.
fn assert_linear(small: impl Fn(), large: impl Fn()) {
    let ratio = fastest_of_three(large) / fastest_of_three(small).max(1e-4);
    assert!(ratio < 9.0, "4× the input took {ratio:.1}× the time");
}

/// A table of `rows` × 1 000 cells.
fn cells_text(rows: usize) -> String {
    let values: Vec<String> = (0..1000).map(|i| format!("\"v{i}\"")).collect();
    let rows_values: Vec<String> = (0..rows).map(|i| format!("\"r{i}\"")).collect();
    let mut text = format!(
        "STUB=\"a\";HEADING=\"b\";VALUES(\"a\")={};VALUES(\"b\")={};\nDATA=\n",
        rows_values.join(","),
        values.join(",")
    );
    for _ in 0..rows {
        text.push_str(&"12.5 \"..\" ".repeat(500));
        text.push('\n');
    }
    text.push(';');
    text
}

#[test]
fn reading_is_linear_in_the_file_size() {
    let (small, large) = (cells_text(50), cells_text(200));
    assert_eq!(ok(&large).cells().len(), 200_000);
    assert_linear(|| drop(ok(&small)), || drop(ok(&large)));
}

/// Metadata with `n` variables, `n` languages each with a wrong STUB, `n` notes on unknown
/// variables.
fn slow_metadata_text(n: usize) -> String {
    let mut text = String::from("STUB=");
    text.push_str(
        &(0..n)
            .map(|i| format!("\"v{i}\""))
            .collect::<Vec<_>>()
            .join(",\n"),
    );
    text.push_str(";\n");
    for i in 0..n {
        text.push_str(&format!(
            "VALUES(\"v{i}\")=\"a\";\nSTUB[l{i}]=\"x\";\nNOTE(\"nope{i}\")=\"x\";\n"
        ));
    }
    text.push_str("DATA=1;\n");
    text
}

#[test]
fn metadata_built_to_be_slow_stays_linear() {
    // Work per keyword must not grow with the number of variables or languages.
    let (small, large) = (slow_metadata_text(2_500), slow_metadata_text(10_000));
    assert_eq!(errors(&large).len(), 50);
    assert_linear(|| drop(errors(&small)), || drop(errors(&large)));
}
