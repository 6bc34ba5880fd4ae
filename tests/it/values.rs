//! Numbers in the text from the data (issue 15): `{{#value …}}`, `{{#updated …}}` and
//! `{{#source …}}` in prose, table cells and worksheet texts, formatted in the report's
//! language, hidden where the privacy rule says, listed on the codebook page and by
//! `insikt check --values`; their errors located with a suggestion.

use crate::common::*;
use std::path::Path;

/// The valid fixture built in `language` (its `book.toml` rewritten), with the output.
fn built(language: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, project) = copy_fixture("valid/inline-values");
    let toml = project.join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        text.replace("language = \"sv\"", &format!("language = \"{language}\"")),
    )
    .unwrap();
    let out = tmp.path().join("out");
    build(&project, &out);
    (tmp, out)
}

/// The text of the front page's paragraphs and table cells as written (no-break spaces
/// kept), one string.
fn prose(out: &Path) -> String {
    let doc = html(&out.join("index.html"));
    let selector = scraper::Selector::parse("main p, main td").unwrap();
    doc.select(&selector)
        .map(|e| e.text().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn values_in_swedish() {
    let (_tmp, out) = built("sv");
    let text = prose(&out);
    for expected in [
        "var det 1\u{a0}042 besök år 2023, +1\u{a0}014 jämfört med 2020 (+3\u{a0}621\u{a0}%)",
        "Andelen ökade med +5,5\u{a0}procentenheter till 18,0\u{a0}%.",
        "I Kil var det <5 besök år 2020.",
        "Alla enheter hade × besök år 2020 och 1\u{a0}074 år 2023, fördelat på 3 enheter.",
        "Data per 1 mars 2023. Källa: Verksamhetens egna listor.",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    // Table cells.
    let doc = html(&out.join("index.html"));
    assert_eq!(texts(&doc, "main td"), ["Kil", "12", "Arvika", "20"]);
    // Hidden values link the codebook page's privacy note, which is there.
    assert_eq!(texts(&doc, "a.hidden-value"), ["<5", "×"]);
    let hrefs = attrs(&doc, "a.hidden-value", "href");
    assert_eq!(hrefs[0], "codebook/besok/index.html#privacy-note");
    let notes = attrs(&doc, "a.hidden-value", "title");
    assert!(notes[0].contains("Antal under 5"), "{notes:?}");
    let codebook = html(&out.join("codebook/besok/index.html"));
    assert_eq!(texts(&codebook, "#privacy-note").len(), 1);
}

#[test]
fn values_in_danish_and_english() {
    let (_tmp, out) = built("da");
    let text = prose(&out);
    for expected in [
        "1\u{a0}042 besök år 2023, +1\u{a0}014 jämfört med 2020 (+3\u{a0}621\u{a0}%)",
        "+5,5\u{a0}procentpoint till 18,0\u{a0}%",
        "Data per 1. marts 2023.",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    let (_tmp, out) = built("en");
    let text = prose(&out);
    for expected in [
        "1,042 besök år 2023, +1,014 jämfört med 2020 (+3,621%)",
        "+5.5\u{a0}percentage points till 18.0%",
        "× besök år 2020 och 1,074 år 2023",
        "Data per 1 March 2023.",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
}

#[test]
fn values_in_worksheet_texts() {
    let (_tmp, out) = built("sv");
    let sheet = std::fs::read_to_string(out.join("reflektion/ark/index.html")).unwrap();
    assert!(sheet.contains("Kil hade 12 besök år 2023."), "{sheet}");
    assert!(sheet.contains("Besöken ökade med +1\u{a0}014."), "{sheet}");
}

#[test]
fn codebook_pages_list_the_pages_quoting_them() {
    let (_tmp, out) = built("sv");
    let besok = html(&out.join("codebook/besok/index.html"));
    let quoting = texts(&besok, "ul.quoted-on a");
    assert_eq!(quoting, ["Siffror ur data", "Samtal om besöken"]);
    let orort = html(&out.join("codebook/orort/index.html"));
    assert!(texts(&orort, "ul.quoted-on a").is_empty());
}

#[test]
fn check_values_lists_every_quoted_value() {
    let project = fixture("valid/inline-values");
    let o = insikt(&["check", project.to_str().unwrap(), "--values"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Siffror ur data (content/_index.md)");
    assert_eq!(
        lines[1],
        "  content/_index.md:5:26  {{#value besok.antal enhet=\"Norra Värmland\" ar=2023}}  1\u{a0}042"
    );
    assert!(
        lines.contains(
            &"  content/_index.md:9:15  {{#value besok.antal enhet=Kil ar=2020}}  hidden (<5)"
        ),
        "{out}"
    );
    assert!(
        lines.contains(&"  content/_index.md:9:89  {{#value besok.antal sum ar=2020}}  hidden (×)"),
        "{out}"
    );
    assert!(
        lines.contains(&"  content/_index.md:11:10  {{#updated besok}}  1 mars 2023"),
        "{out}"
    );
    let sheet = lines
        .iter()
        .position(|l| l.starts_with("Samtal om besöken"))
        .expect(&out);
    assert!(
        lines[sheet + 1].contains("{{#value besok.antal enhet=Kil ar=2023}}  12"),
        "{out}"
    );
    // Without the flag nothing is listed.
    let o = insikt(&["check", project.to_str().unwrap()]);
    assert!(o.stdout.is_empty());
}

#[test]
fn errors_are_located_with_a_suggestion() {
    let o = insikt(&["check", fixture("invalid/inline-values").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    for expected in [
        "content/_index.md:5:25: ",
        "the report has no dataset `besk`",
        "did you mean `besok`?",
        "content/_index.md:7:24: ",
        "the dataset `besok` has no column `antl`",
        "did you mean `antal`?",
        // At the condition the error is about, not at the `{{`.
        "content/_index.md:9:35: ",
        "no row of `besok` has `Kill` in `enhet`",
        "did you mean `enhet=Kil`?",
        "content/_index.md:11:21: ",
        "no row of `besok` has enhet=Arvika and ar=2020",
        "rows with enhet=Arvika have `ar`: 2023",
        "content/_index.md:13:23: ",
        "enhet=Kil selects 2 rows of `besok`",
        "add a condition on `ar` (2020, 2023) or `start` (2020-04-01, 2023-04-01)",
        "e.g. ar=2020 start=2020-04-01; ar=2023 start=2023-04-01",
        "content/_index.md:15:25: ",
        "the dataset `nummer` has no date",
        // The value makes an identity number with the text before it: found, masked.
        "content/_index.md:17:44: ",
        "looks like a Swedish personnummer",
        // Also in a worksheet's text.
        "content/samtal/ark.yaml:8:24: ",
        // Not in a title, which reaches the navigation and search as written.
        "content/rubrik.md:1:9: ",
        "cannot be used in front matter or in a title",
    ] {
        assert!(err.contains(expected), "{expected:?} not in:\n{err}");
    }
    assert!(!err.contains("811218-9876"), "{err}");
}

#[test]
fn a_dataset_edit_in_serve_renders_the_pages_quoting_it_again() {
    use insikt::site::{Change, Preview};
    let (tmp, project) = copy_fixture("valid/inline-values");
    // Without worksheets, a dataset edit re-renders only the pages it reaches.
    std::fs::remove_dir_all(project.join("content/reflektion")).unwrap();
    let output = tmp.path().join("preview-site");
    let mut preview = Preview::new(&project, false, output.clone());
    preview.rebuild().expect("the fixture builds");
    let csv = project.join("data/besok.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    std::fs::write(&csv, text.replace(";1042;", ";1043;")).unwrap();
    let taken = preview.change(&[csv]).expect("the edit is taken");
    assert!(
        matches!(taken, Change::Pages(ref pages) if pages == &[0]),
        "{taken:?}"
    );
    let text = prose(&output);
    assert!(
        text.contains("var det 1\u{a0}043 besök år 2023, +1\u{a0}015"),
        "{text}"
    );
}

#[test]
fn every_starter_report_quotes_its_dataset() {
    for language in ["sv", "da", "nb", "nn", "fi", "en"] {
        let tmp = tempfile::tempdir().unwrap();
        let project = tmp.path().join("rapport");
        let o = insikt(&["new", project.to_str().unwrap(), "--language", language]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let o = insikt(&["check", project.to_str().unwrap(), "--values"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let listed = String::from_utf8(o.stdout).unwrap();
        let values: Vec<&str> = listed
            .lines()
            .filter(|l| l.starts_with("  "))
            .filter_map(|l| l.rsplit("  ").next())
            .collect();
        assert_eq!(values, ["15", "+7"], "{language}: {listed}");
    }
}
