//! The PX reader on real files as Nordic statistics offices publish them
//! (`tests/fixtures/real-data/px/`, unedited). Expected values were read from the files
//! themselves: a DATA cell's position is counted in the file, last HEADING variable fastest.

use insikt::data::px::{self, ColumnKind, DataCell, LongCell, PxFile, SymbolMeaning, TimeScale};
use proptest::prelude::*;

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/real-data/px/{name}")).unwrap()
}

fn parse(name: &str) -> PxFile {
    match px::parse(&read(name)) {
        Ok(file) => file,
        Err(errors) => panic!("{name}: {errors:#?}"),
    }
}

/// `(name, value count)` of each variable, STUB first.
fn shape(file: &PxFile, lang: Option<&str>) -> Vec<(String, usize)> {
    file.variables()
        .iter()
        .map(|v| (v.name(lang).to_string(), v.len()))
        .collect()
}

/// The labels of long-table row `i`, then its value as text.
fn row(file: &PxFile, lang: Option<&str>, i: usize) -> Vec<String> {
    let table = file.long_table(lang);
    table
        .columns
        .iter()
        .zip(&table.rows[i].cells)
        .filter(|(c, _)| !matches!(c.kind, ColumnKind::Code(_)))
        .map(|(_, cell)| match cell {
            LongCell::Text(t) => t.clone(),
            LongCell::Number { text, .. } | LongCell::Symbol { text, .. } => text.clone(),
        })
        .collect()
}

fn strings(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|t| t.to_string()).collect()
}

#[test]
fn ssb_latin1_precision_and_timeval_in_another_order() {
    let file = parse("ssb_14216.px");
    assert_eq!(file.encoding(), "windows-1252");
    assert_eq!(
        file.title(None),
        Some("14216: Areal og befolkning i tettsteder, etter tettsted, statistikkvariabel og år")
    );
    assert_eq!(
        shape(&file, None),
        [
            ("tettsted".into(), 1),
            ("statistikkvariabel".into(), 2),
            ("år".into(), 2)
        ]
    );
    assert_eq!(file.stub().len(), 1);
    assert_eq!(file.heading().len(), 2);
    // DATA: 275.87 276.30 1110887.00 1098061.00
    assert_eq!(
        row(&file, None, 0),
        strings(&["Oslo", "Areal av tettsted (km²)", "2025", "275.87"])
    );
    assert_eq!(
        row(&file, None, 1),
        strings(&["Oslo", "Areal av tettsted (km²)", "2024", "276.30"])
    );
    assert_eq!(
        row(&file, None, 3),
        strings(&["Oslo", "Bosatte", "2024", "1098061.00"])
    );
    let DataCell::Number { value, .. } = file.cells()[2] else {
        panic!("not a number")
    };
    assert_eq!(value, 1110887.0);

    // VALUES "2025","2024" while TIMEVAL lists "2024","2025": matched by code.
    let year = file.time_variable().unwrap();
    assert_eq!(year.name(None), "år");
    assert_eq!(year.variable_type(), Some("T"));
    assert_eq!(year.time_scale(), Some(TimeScale::Annual));
    assert_eq!(year.time_periods().unwrap(), ["2025", "2024"]);

    let contents = file.contents_variable().unwrap();
    assert_eq!(contents.name(None), "statistikkvariabel");
    assert_eq!(contents.codes().unwrap(), ["Areal", "Bosatte"]);
    assert_eq!(file.units(Some(0), None), Some("km²"));
    assert_eq!(file.units(Some(1), None), Some("personer"));
    assert_eq!(file.units(None, None), Some("km²"));
    // PRECISION 2 for the area, SHOWDECIMALS 0 for the rest (DECIMALS is 2).
    assert_eq!(file.decimals(Some(0)), Some(2));
    assert_eq!(file.decimals(Some(1)), Some(0));
    let table = file.long_table(None);
    assert_eq!(table.rows[0].decimals, Some(2));
    assert_eq!(table.rows[3].decimals, Some(0));
    assert_eq!(file.last_updated(Some(1)), Some("20251027 08:00"));
    assert_eq!(file.content_text("REFPERIOD", Some(0), None), Some("01.01"));
    assert_eq!(file.content_text("STOCKFA", Some(1), None), Some("S"));
    let contact = file.contact(Some(1), None).unwrap();
    assert_eq!(
        px::split_lines(contact),
        [
            "Bjørn Lie Rapp, Statistisk sentralbyrå",
            "+47 47 97 17 27",
            "rnl@ssb.no",
            "",
            "Vilni Verner Holst Bloch, Statistisk sentralbyrå",
            "+47 99 85 23 42",
            "vvh@ssb.no"
        ]
    );
    assert_eq!(file.source(None, None), Some("Statistisk sentralbyrå"));
    assert_eq!(file.matrix(), Some("14216"));
    assert_eq!(file.table_id(), Some("14216"));
    assert_eq!(file.copyright(), Some(false));
    assert_eq!(file.subject_area(None), Some("Befolkning"));
    assert_eq!(file.axis_version(), Some("2010"));
    assert_eq!(file.creation_date(), Some("20260223 22:57"));
    let symbols = file.data_symbols();
    assert_eq!(symbols.shown_as(SymbolMeaning::Missing(3)), ":");
    assert_eq!(symbols.shown_as(SymbolMeaning::Missing(6)), "......");
    assert_eq!(symbols.shown_as(SymbolMeaning::Nil), "-");
    assert_eq!(symbols.sum(), Some("."));
    // Keywords insikt does not interpret are kept.
    assert_eq!(
        file.text("META-ID", None),
        Some("KORTNAVN:beftett"),
        "unknown keywords are kept"
    );
    assert!(file
        .keywords()
        .iter()
        .any(|k| k.name == "DAYADJ" && k.params[0].text == "Bosatte"));
    assert_eq!(
        file.notes(None)[0].text,
        "Ikke medregnet personer uten opplysninger om bostedstrøk."
    );
}

#[test]
fn scb_windows_1252_without_codepage_wrapped_notes_and_five_variables() {
    let file = parse("scb_BE0101F1_fotnoter.px");
    assert_eq!(file.encoding(), "windows-1252");
    assert_eq!(
        file.title(None),
        Some("Migration by region, age, sex, period and type")
    );
    assert_eq!(
        shape(&file, None),
        [
            ("region".into(), 4),
            ("age".into(), 5),
            ("sex".into(), 2),
            ("period".into(), 9),
            ("type".into(), 9)
        ]
    );
    assert_eq!(file.stub().len(), 3);
    assert_eq!(file.cells().len(), 4 * 5 * 2 * 9 * 9);
    assert_eq!(
        row(&file, None, 0),
        strings(&["00 Sweden", "0", "men", "1997", "Inmigrated", "192"])
    );
    // "375 415 375 415 -40 -40 0 0 0": age 2, men, 1997.
    assert_eq!(
        row(&file, None, 328),
        strings(&[
            "00 Sweden",
            "2",
            "men",
            "1997",
            "Excess of migration",
            "-40"
        ])
    );
    assert_eq!(
        row(&file, None, 2424),
        strings(&[
            "0114 Upplands Väsby",
            "4",
            "women",
            "2005",
            "Emigrants",
            "1"
        ])
    );
    let period = file.time_variable().unwrap();
    assert_eq!(period.name(None), "period");
    assert_eq!(period.codes(), None);
    assert_eq!(period.time_periods().unwrap()[8], "2005");
    let table = file.long_table(None);
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "region",
            "region (code)",
            "age",
            "age (code)",
            "sex",
            "sex (code)",
            "period",
            "period (code)",
            "type",
            "type (code)",
            "value"
        ]
    );
    assert_eq!(table.rows[2424].cells[1], LongCell::Text("0114".into()));

    let contents = file.contents_variable().unwrap();
    assert_eq!(contents.name(None), "type");
    assert_eq!(file.units(Some(4), None), Some("number"));
    assert_eq!(file.last_updated(Some(8)), Some("20060209 11:31"));
    assert_eq!(
        px::Timestamp::parse(file.last_updated(Some(8)).unwrap())
            .unwrap()
            .to_string(),
        "2006-02-09 11:31"
    );
    assert_eq!(
        file.contact(Some(0), None),
        Some("   Befolkningsstatistik, SCB#Tel: 019-17 60 10#E-mail: befolkning@scb.se")
    );
    assert_eq!(file.contact(Some(1), None), None);
    assert_eq!(file.decimals(Some(0)), Some(0));

    // Texts wrapped mid-word are joined without a space.
    let notes = file.notes(None);
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0].variable, Some(0));
    assert_eq!(
        notes[0].text,
        "Since 1 January 1999, a new regional division has been established. Parts of \
         Södertälje municipality (code 0181) have formed a new municipality called Nykvarn \
         (code 0140)."
    );
    let value_notes = file.value_notes(None);
    assert_eq!(value_notes.iter().filter(|n| n.mandatory).count(), 9);
    assert_eq!(value_notes.iter().filter(|n| !n.mandatory).count(), 4);
    let excess = value_notes
        .iter()
        .find(|n| !n.mandatory && n.value == 4)
        .unwrap();
    assert_eq!(excess.variable, 4);
    assert_eq!(
        excess.text,
        "Excess of migration is the difference between the number of inmigration and \
         outmigration"
    );
}

#[test]
fn statfin_iso_8859_15_crlf_with_english_variants() {
    let file = parse("statfin_akay_pxt_001.px");
    assert_eq!(file.encoding(), "ISO-8859-15");
    assert_eq!(file.axis_version(), Some("2006"));
    assert_eq!(file.default_language(), Some("fi"));
    assert_eq!(file.languages(), ["fi", "en"]);
    assert_eq!(file.title(None), Some("001 -- Ajankäyttö (26 lk) syksyllä"));
    assert_eq!(
        file.title(Some("en")),
        Some("001 -- Time Use (26 categories) in autumn 1979, 1987 1999 and 2009")
    );
    assert_eq!(file.title(Some("fi")), file.title(None));
    assert_eq!(file.title(Some("sv")), file.title(None), "falls back");
    assert_eq!(
        shape(&file, None),
        [
            ("Toiminto".into(), 32),
            ("Tiedot".into(), 2),
            ("Sukupuoli".into(), 3),
            ("Vuosi".into(), 4)
        ]
    );
    assert_eq!(
        shape(&file, Some("en")),
        [
            ("Activity".into(), 32),
            ("Information".into(), 2),
            ("Sex".into(), 3),
            ("Year".into(), 4)
        ]
    );
    assert_eq!(
        row(&file, None, 0),
        strings(&[
            "01-26  Yhteensä",
            "10-64 vuotiaiden käytetty aika tuntia,min/vrk",
            "Yhteensä",
            "1979",
            "24"
        ])
    );
    assert_eq!(
        row(&file, Some("en"), 38),
        strings(&[
            "01-02  Gainful employment, total",
            "Participated, %",
            "Total",
            "1999",
            "45.2"
        ])
    );
    assert_eq!(
        row(&file, None, 60),
        strings(&[
            "01     Ansiotyö",
            "Toimintoon osallistuneita %",
            "Yhteensä",
            "1979",
            "."
        ])
    );
    assert_eq!(
        file.cells()[60],
        DataCell::Symbol {
            text: ".".into(),
            meaning: SymbolMeaning::Missing(1)
        }
    );
    let en = file.long_table(Some("en"));
    assert_eq!(en.columns[0].name, "Activity");
    assert_eq!(en.columns[1].name, "Activity (code)");
    assert_eq!(file.time_variable(), None, "no TIMEVAL, no VARIABLE-TYPE");
    assert_eq!(file.contents_variable(), None);
    // PRECISION("Tiedot","10-64 vuotiaiden …")=2; SHOWDECIMALS=1 for the rest.
    assert_eq!(file.precision(1, 0), Some(2));
    assert_eq!(file.precision(1, 1), None);
    assert_eq!(en.rows[0].decimals, Some(2));
    assert_eq!(en.rows[38].decimals, Some(1));
    assert_eq!(file.units(None, None), Some("tuntia,minuuttia, %"));
    assert_eq!(file.units(None, Some("en")), Some("Hours,minutes; %"));
    assert_eq!(file.source(None, Some("en")), Some("Statistics Finland"));
    assert_eq!(file.subject_area(Some("en")), Some("Living Conditions"));
    assert_eq!(file.copyright(), Some(true));
    assert!(file.notes(None)[0]
        .text
        .contains("Käsitteet ja määritelmät</A>"));
    assert!(file.notes(Some("en"))[0]
        .text
        .starts_with("<A HREF=http://tilastokeskus.fi/meta/til/akay_en.html"));
    assert_eq!(file.notes(Some("en")).len(), 1);
}

#[test]
fn statfin_utf8_codepage_wins_over_charset_ansi_three_languages() {
    let file = parse("statfin_salatuo_12b4_utf8.px");
    assert_eq!(file.encoding(), "UTF-8");
    assert_eq!(file.languages(), ["fi", "sv", "en"]);
    assert_eq!(
        file.title(Some("sv")),
        Some("Elproduktion och totalkonsumtion efter År, Elproduktion och konsumtion, GWh och Uppgifter")
    );
    assert_eq!(
        shape(&file, None),
        [
            ("Vuosi".into(), 25),
            ("Sähkön tuotanto ja kulutus, GWh".into(), 20),
            ("Tiedot".into(), 4)
        ]
    );
    assert_eq!(
        shape(&file, Some("sv")),
        [
            ("År".into(), 25),
            ("Elproduktion och konsumtion, GWh".into(), 20),
            ("Uppgifter".into(), 4)
        ]
    );
    assert_eq!(
        row(&file, None, 0),
        strings(&["2000", "YDINVOIMA", "Määrä, GWh", "21575"])
    );
    assert_eq!(
        row(&file, Some("sv"), 1996),
        strings(&["2024", "TOTALT KONSUMTIONEN AV EL", "Mängd, GWh", "83053"])
    );
    assert_eq!(
        row(&file, Some("en"), 1999),
        strings(&[
            "2024",
            "TOTAL CONSUMPTION OF ELECTRICITY",
            "Share of total production, %",
            "."
        ])
    );
    let missing = file
        .cells()
        .iter()
        .filter(|c| matches!(c, DataCell::Symbol { text, meaning: SymbolMeaning::Missing(1) } if text == "."))
        .count();
    assert_eq!(missing, 70);

    let year = file.time_variable().unwrap();
    assert_eq!(year.variable_type(), Some("Time"));
    assert_eq!(year.time_periods().unwrap()[24], "2024");
    assert_eq!(
        file.contents_variable().unwrap().name(Some("en")),
        "Information"
    );
    assert_eq!(file.units(None, None), Some(""));
    assert_eq!(file.units(Some(0), Some("sv")), Some("GWh"));
    assert_eq!(file.units(Some(1), Some("en")), Some("%"));
    assert_eq!(file.decimals(Some(0)), Some(0));
    assert_eq!(file.decimals(Some(1)), Some(1));
    assert_eq!(file.last_updated(Some(2)), Some("20251127 08:00"));
    assert_eq!(
        file.contact(Some(0), Some("sv")),
        Some("<A HREF='https://stat.fi/sv/statistik/salatuo' TARGET=_blank>Statistikens webbsidor</A>")
    );
    assert_eq!(
        file.source(None, Some("en")),
        Some("Statistics Finland, production of electricity and heat")
    );
    let sv_notes: Vec<&str> = file
        .value_notes(Some("sv"))
        .iter()
        .map(|n| n.text)
        .collect();
    assert_eq!(
        sv_notes,
        [
            "Mängd, GWh",
            "Årsförändrings %",
            "Andel av totalkonsumtion %",
            "Del av totaelproduktion"
        ]
    );
    let notes = file.notes(Some("en"));
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[1].variable, Some(1));
    assert_eq!(notes[1].text, "Electricity production and consumption");
    assert_eq!(file.text("NEXT-UPDATE", None), Some("20261125 08:00"));
}

#[test]
fn statgl_windows_1252_half_years_and_three_languages() {
    let file = parse("statgl_PRXPRISH.px");
    assert_eq!(file.encoding(), "windows-1252");
    assert_eq!(file.languages(), ["en", "da", "kl"]);
    assert_eq!(
        file.title(None),
        Some("Consumer price index by time and type")
    );
    assert_eq!(
        file.title(Some("da")),
        Some("Forbrugerpristal efter tid og type")
    );
    assert_eq!(
        file.title(Some("kl")),
        Some("Atuisunut aki kingorna piffissaq aamma type")
    );
    assert_eq!(
        shape(&file, Some("da")),
        [("tid".into(), 106), ("type".into(), 1)]
    );
    assert_eq!(
        row(&file, None, 0),
        strings(&[
            "1971 January",
            "Rate of change from the same period the previous year",
            "..."
        ])
    );
    assert_eq!(
        row(&file, Some("da"), 47),
        strings(&[
            "1994 juli",
            "Ændring i procent pr. løbende 12 måneder",
            "-0.1"
        ])
    );
    assert_eq!(
        row(&file, Some("kl"), 105),
        strings(&[
            "2023 juulimi",
            "Qaammatini 12-ni ingerlaavartumik procentip allanngortarnera",
            "2.5"
        ])
    );
    assert_eq!(
        file.cells()[0],
        DataCell::Symbol {
            text: "...".into(),
            meaning: SymbolMeaning::Missing(3)
        }
    );
    let DataCell::Number { value, .. } = file.cells()[47] else {
        panic!("not a number")
    };
    assert_eq!(value, -0.1);
    // TIMEVAL(H1) codes "19711" … differ from the labels "1971 January" …: by position.
    let time = file.time_variable().unwrap();
    assert_eq!(time.time_scale(), Some(TimeScale::HalfYear));
    assert_eq!(time.time_periods().unwrap()[47], "19942");
    let table = file.long_table(Some("da"));
    assert_eq!(table.columns[1].name, "tid (code)");
    assert_eq!(table.rows[47].cells[1], LongCell::Text("19942".into()));
    assert_eq!(file.source(None, Some("da")), Some("Grønlands Statistik"));
    assert_eq!(file.units(None, Some("kl")), Some("naleqqersuut"));
    assert_eq!(file.decimals(None), Some(1));
    assert_eq!(
        px::split_lines(file.notes(Some("da"))[0].text),
        [
            "Indeks 1971=100, prisændringer er indtil januar 2010 beregnet på et decimal, fra januar 2010 er indeks 2008=100.",
            "Signaturforklaring:",
            "... Oplysninger foreligger ikke"
        ]
    );
    assert!(file
        .description(None)
        .unwrap()
        .ends_with("<em>[PREPRISH]</em>"));
}

#[test]
fn nordic_iso_8859_15_crlf_missing_values_and_html_notes() {
    let file = parse("nordic_NAAC01.px");
    assert_eq!(file.encoding(), "ISO-8859-15");
    assert_eq!(
        file.title(None),
        Some("NAAC01: National accounts, supply and demand, million euro by reporting country, national accounts indicator, unit and time")
    );
    assert_eq!(
        shape(&file, None),
        [
            ("reporting country".into(), 10),
            ("national accounts indicator".into(), 8),
            ("unit".into(), 3),
            ("time".into(), 28)
        ]
    );
    assert_eq!(file.stub().len(), 3);
    assert_eq!(
        row(&file, None, 0),
        strings(&[
            "Denmark",
            "Gross domestic product (GDP)",
            "Current prices, million euro",
            "1995",
            "141441.40"
        ])
    );
    assert_eq!(
        row(&file, None, 3275),
        strings(&[
            "Åland",
            "Export of goods and services",
            "Percent of GDP, %",
            "2022",
            ".."
        ])
    );
    assert_eq!(
        row(&file, None, 4747),
        strings(&[
            "Sweden",
            "Gross domestic product (GDP)",
            "Chain linked volumes (2010), million euro",
            "2010",
            "374695.20"
        ])
    );
    let missing = file
        .cells()
        .iter()
        .filter(|c| {
            matches!(
                c,
                DataCell::Symbol {
                    meaning: SymbolMeaning::Missing(2),
                    ..
                }
            )
        })
        .count();
    assert_eq!(missing, 1445);
    assert_eq!(file.decimals(None), Some(1));

    // HTML in NOTE is kept as text, joined over the lines it was wrapped on.
    let note = file.notes(None)[0].text;
    assert!(note.contains(
        "<a href='https://ec.europa.eu/eurostat/en/web/products-manuals-and-guidelines/-/KS-02-13-269' target='_blank'>ESA 2010 publication</a>"
    ));
    assert!(file
        .source(None, None)
        .unwrap()
        .contains("Ålands statistik- och utredningsbyrå (ÅSUB)"));
    let value_notes = file.value_notes(None);
    assert_eq!(value_notes.len(), 8);
    let aland = value_notes
        .iter()
        .find(|n| n.variable == 0 && n.value == 4)
        .unwrap();
    assert!(aland
        .text
        .starts_with("GDP figures for Åland have a longer lag"));
    assert!(aland.text.contains("statistics/bnp_meddelande_2019.pdf"));
    let year_2010 = value_notes.iter().find(|n| n.variable == 3).unwrap();
    assert_eq!(year_2010.value, 15);
}

/// Reading is linear in the file size and never panics: not on random bytes, and not on
/// real files with bytes changed, inserted or removed.
mod never_panics {
    use super::*;

    const FILES: [&str; 6] = [
        "nordic_NAAC01.px",
        "scb_BE0101F1_fotnoter.px",
        "ssb_14216.px",
        "statfin_akay_pxt_001.px",
        "statfin_salatuo_12b4_utf8.px",
        "statgl_PRXPRISH.px",
    ];

    fn check(bytes: &[u8]) {
        match px::parse(bytes) {
            Ok(file) => {
                let table = file.long_table(file.languages().last().map(String::as_str));
                assert_eq!(table.rows.len(), file.cells().len());
                for variable in file.variables() {
                    for lang in file.languages() {
                        assert_eq!(variable.values(Some(lang)).len(), variable.len());
                    }
                }
            }
            Err(errors) => {
                assert!(!errors.is_empty());
                assert!(errors.iter().all(|e| e.line >= 1 && e.column >= 1));
            }
        }
    }

    /// An edit: at a fraction of the file, replace (0), insert (1) or remove (2) bytes.
    fn edit() -> impl Strategy<Value = (f64, u8, Vec<u8>)> {
        (
            0.0..1.0f64,
            0u8..3,
            proptest::collection::vec(
                prop_oneof![
                    Just(b'"'),
                    Just(b';'),
                    Just(b','),
                    Just(b'='),
                    Just(b'\n'),
                    Just(b'('),
                    Just(b'['),
                    Just(b'.'),
                    Just(b'-'),
                    any::<u8>()
                ],
                1..4,
            ),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn on_edited_real_files(file in 0usize..6, edits in proptest::collection::vec(edit(), 1..6)) {
            let mut bytes = read(FILES[file]);
            for (at, kind, new) in edits {
                let i = ((bytes.len() as f64) * at) as usize;
                let i = i.min(bytes.len());
                match kind {
                    0 => {
                        let end = (i + new.len()).min(bytes.len());
                        bytes.splice(i..end, new);
                    }
                    1 => {
                        bytes.splice(i..i, new);
                    }
                    _ => {
                        let end = (i + new.len() * 7).min(bytes.len());
                        bytes.drain(i..end);
                    }
                }
            }
            check(&bytes);
        }

        #[test]
        fn on_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            check(&bytes);
        }

        #[test]
        fn on_random_px_like_text(text in "([A-Z]{1,6}(\\[[a-z]{2}\\])?(\\(\"[a-z]{1,3}\"(,\"[a-z]{1,3}\")?\\))?=(\"[a-zå ]{0,5}\"|[0-9.-]{1,4}|TLIST\\([AHQMW]1(,\"[0-9]{4,6}\"-\"[0-9]{4,6}\")?\\))(,\"[a-z]{0,3}\")*;\r?\n){0,12}(DATA=([0-9.\" -]{1,5}[ ,;\n]){0,20})?") {
            check(text.as_bytes());
        }
    }
}
