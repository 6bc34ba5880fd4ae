//! The privacy guard: small counts hidden in every output, totals protected, thresholds
//! checked, the suppression report written beside the output.
//!
//! The fixture `valid/privacy-sv` has three datasets:
//! - `kontakter`: counts 0–10 by year and sex, with `Totalt` rows;
//! - `enheter`: a wide table with a total column and a total row;
//! - `distinkt`: `min_count: 1000` and counts no other part of the site can contain
//!   (787 hidden as small, 1523 hidden to protect it), so a scan of every output file for
//!   them is meaningful.

use crate::common;

use common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The fixture built once: (output folder, standard error of the build).
fn site() -> &'static (PathBuf, String) {
    static SITE: OnceLock<(PathBuf, String)> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = shared_output("privacy");
        let o = insikt(&[
            "build",
            fixture("valid/privacy-sv").to_str().unwrap(),
            "--output",
            dir.to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(o.status.success(), "build failed:\n{stderr}");
        (dir, stderr)
    })
}

/// The ways a whole number may be written in the output: plain, with a space, no-break
/// space or narrow no-break space between thousands, or with `.` or `,`.
fn spellings(n: u32) -> Vec<String> {
    let plain = n.to_string();
    if n < 1000 {
        return vec![plain];
    }
    let (high, low) = (n / 1000, n % 1000);
    let mut out = vec![plain];
    for sep in [" ", "\u{a0}", "\u{202f}", ".", ","] {
        out.push(format!("{high}{sep}{low:03}"));
    }
    out
}

/// Where `number` occurs in `text` as a number of its own (not inside a longer number or a
/// word, like `#787` in a colour or `a1523`).
fn occurrences(text: &str, number: &str) -> usize {
    text.match_indices(number)
        .filter(|(i, _)| {
            let mut before = text[..*i].chars().rev();
            let (b1, b2) = (before.next(), before.next());
            // `12.787` and `3,787` continue another number; `,787` after a word does not.
            let continues = match b1 {
                Some('.' | ',') => b2.is_some_and(|c| c.is_ascii_digit()),
                Some(c) => c.is_alphanumeric() || c == '#',
                None => false,
            };
            let after = text[i + number.len()..].chars().next();
            !continues && !after.is_some_and(|c| c.is_ascii_digit())
        })
        .count()
}

/// The texts of each element matching `selector`, every text node separated by a space.
fn cells(doc: &scraper::Html, selector: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| {
            e.text()
                .flat_map(str::split_whitespace)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Every file under `dir`, as text (lossy for binary files).
fn all_files(dir: &Path) -> Vec<(PathBuf, String)> {
    snapshot(dir)
        .into_iter()
        .map(|(p, bytes)| (p, String::from_utf8_lossy(&bytes).into_owned()))
        .collect()
}

#[test]
fn no_hidden_count_appears_in_any_output_file() {
    let (dir, _) = site();
    let files = all_files(dir);
    assert!(files.len() > 20, "the site has {} files", files.len());
    // 787 is small under min_count 1000; 1523 is hidden so that 787 cannot be worked out
    // from the total 6906; 2762 would be their mean with the published counts (a statistic
    // over hidden values).
    for hidden in [787, 1523, 2762] {
        for spelling in spellings(hidden) {
            for (path, text) in &files {
                assert_eq!(
                    occurrences(text, &spelling),
                    0,
                    "{spelling:?} (hidden) is in {}",
                    path.display()
                );
            }
        }
    }
    // The scan finds what is published: it would find a leak.
    for published in [2719, 1877, 6906] {
        let found: Vec<&PathBuf> = files
            .iter()
            .filter(|(_, text)| {
                spellings(published)
                    .iter()
                    .any(|s| occurrences(text, s) > 0)
            })
            .map(|(p, _)| p)
            .collect();
        for expected in [
            "data/distinkt.csv",
            "diagram/index.html",
            "diagram/figur-6.csv",
            "diagram/figur-6.svg",
            "print.html",
        ] {
            assert!(
                found.iter().any(|p| p.ends_with(expected)),
                "{published} is published but not found in {expected}; found in {found:?}"
            );
        }
    }
}

#[test]
fn the_published_csv_marks_hidden_cells() {
    let (dir, _) = site();
    let csv = std::fs::read_to_string(dir.join("data/kontakter.csv")).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(
        rows,
        [
            "ar;kon;antal",
            "2021;kvinna;<5",
            "2021;man;×",
            "2021;Totalt;11",
            "2022;kvinna;10",
            "2022;man;0",
            "2022;Totalt;10",
            "2023;kvinna;×",
            "2023;man;<5",
            // `×` (at least 5) and `<5` under 8 would tell the reader the small count is
            // 1–3 (the bounds rule), so the total is hidden too.
            "2023;Totalt;×",
        ]
    );
    let wide = std::fs::read_to_string(dir.join("data/enheter.csv")).unwrap();
    for row in wide.lines().skip(1) {
        let cells: Vec<&str> = row.split(',').collect();
        let hidden = cells.iter().filter(|c| **c == "<5" || **c == "×").count();
        assert_ne!(hidden, 1, "one hidden cell beside its row total: {row}");
        for c in &cells[1..] {
            if let Ok(n) = c.parse::<u32>() {
                assert!(n == 0 || n >= 5, "small count published: {row}");
            }
        }
    }
    let package = std::fs::read_to_string(dir.join("data/datapackage.json")).unwrap();
    let package: serde_json::Value = serde_json::from_str(&package).unwrap();
    let resources = package["resources"].as_array().unwrap();
    let kontakter = resources.iter().find(|r| r["name"] == "kontakter").unwrap();
    let missing = kontakter["schema"]["missingValues"].as_array().unwrap();
    assert!(missing.contains(&"<5".into()) && missing.contains(&"×".into()));
}

#[test]
fn tables_and_chart_data_show_markers_and_a_note() {
    let (dir, _) = site();
    let doc = html(&dir.join("diagram/index.html"));
    // The ```table``` of kontakter, rows in file order.
    let rows = cells(&doc, "#tabell-1 tbody tr");
    assert_eq!(
        rows[0],
        "2021 kvinna <5 färre än 5, dolt av integritetsskäl"
    );
    assert_eq!(
        rows[1],
        "2021 man × dolt så att små tal inte kan räknas fram"
    );
    assert_eq!(rows[2], "2021 Totalt 11");
    // Each chart and table with hidden cells has the note; the others do not.
    let notes = texts(&doc, "figure .privacy-note");
    assert_eq!(notes.len(), 10, "{notes:?}");
    assert!(notes[0].starts_with("Antal under 5 visas som ”<5”"));
    assert!(notes[0].contains("”×”"));
    // The chart data tables: no hidden count, in any of the kontakter charts.
    for n in 1..=4 {
        let cells = cells(&doc, &format!("#figur-{n} table tbody tr"));
        for row in &cells {
            let hidden: &[&str] = match &row[..4] {
                "2021" => &["3", "8"],
                "2023" => &["6", "2", "8"],
                _ => &[],
            };
            for small in hidden {
                assert!(
                    !row.split(' ').any(|w| w == *small),
                    "figure {n}: {row:?} shows {small}"
                );
            }
        }
        let csv = std::fs::read_to_string(dir.join(format!("diagram/figur-{n}.csv"))).unwrap();
        for line in csv
            .lines()
            .filter(|l| l.starts_with("2021") || l.starts_with("2023"))
        {
            let values: Vec<&str> = line.split(',').skip(1).collect();
            assert!(
                values.iter().all(|v| ["<5", "×", "11", "0"].contains(v)),
                "figure {n}: {line}"
            );
        }
    }
    // The charts mark each hidden count as a gap on the baseline with its marker, never
    // as a box with a height that reads as a value, and say so in their description.
    let gaps = doc
        .select(&scraper::Selector::parse("#figur-3 .chart-wide line.chart-hidden").unwrap())
        .count();
    assert_eq!(gaps, 4);
    assert_eq!(
        doc.select(&scraper::Selector::parse("#figur-3 .chart-wide rect.chart-hidden").unwrap())
            .count(),
        0
    );
    let markers = texts(&doc, "#figur-3 .chart-wide .chart-marker");
    assert_eq!(markers.len(), 4, "{markers:?}");
    assert!(markers.iter().all(|m| m == "<5" || m == "×"), "{markers:?}");
    let desc = texts(&doc, "#figur-3 svg desc");
    assert!(
        desc[0].contains("4 värden är dolda av integritetsskäl"),
        "{desc:?}"
    );
    // A 100 % stack would give a hidden count away through the shares: the whole year
    // is hidden.
    let shares = cells(&doc, "#figur-4 table tbody tr");
    assert_eq!(
        shares[0],
        "2021 <5 färre än 5, dolt av integritetsskäl × dolt så att små tal inte kan räknas fram"
    );
}

#[test]
fn an_agreement_bar_with_a_hidden_answer_count_is_hidden_whole() {
    let (dir, _) = site();
    let doc = html(&dir.join("diagram/index.html"));
    // "Jag förstår diagrammen" has 2 who disagree: its shares would give the 2 away, so its
    // bar is one placeholder; "Vet inte" is kept apart and still shown (6).
    let rows = cells(&doc, "#figur-7 table tbody tr");
    assert_eq!(
        rows[0],
        "Jag förstår diagrammen <5 färre än 5, dolt av integritetsskäl \
         × dolt så att små tal inte kan räknas fram × dolt så att små tal inte kan räknas fram 6"
    );
    // "Tabellerna är lätta att läsa": only its "Vet inte" (3) is hidden; its bar is drawn.
    assert_eq!(
        rows[1],
        "Tabellerna är lätta att läsa 9 11 15 <5 färre än 5, dolt av integritetsskäl"
    );
    let svg = doc
        .select(&scraper::Selector::parse("#figur-7 svg").unwrap())
        .next()
        .unwrap();
    let hidden = svg
        .select(&scraper::Selector::parse("rect.chart-hidden").unwrap())
        .count();
    assert_eq!(hidden, 1);
    let bars = svg
        .select(&scraper::Selector::parse("rect.chart-bar").unwrap())
        .count();
    assert_eq!(bars, 3, "only the second statement's answers are drawn");
    let labels: Vec<String> = svg.text().map(str::to_string).collect();
    // The first statement's agree share (20 of 34 = 59 %) is not written.
    assert!(!labels.iter().any(|l| l.contains("59")), "{labels:?}");
}

#[test]
fn codebook_statistics_leave_hidden_counts_out() {
    let (dir, _) = site();
    let doc = html(&dir.join("codebook/kontakter/index.html"));
    let stats = cells(&doc, "#falt-3 + dl div");
    assert!(stats.contains(&"Antal 4".to_string()), "{stats:?}");
    assert!(
        stats.contains(&"Dolda (små tal) 5".to_string()),
        "{stats:?}"
    );
    assert!(stats.contains(&"Minsta 0".to_string()), "{stats:?}");
    // The `Totalt` rows (11 in 2021) are left out of the statistics (issue 13).
    assert!(stats.contains(&"Största 10".to_string()), "{stats:?}");
    assert_eq!(texts(&doc, ".privacy-note").len(), 1);
}

#[test]
fn the_suppression_report_is_beside_the_output_not_in_it() {
    let (dir, stderr) = site();
    let report_path = insikt::site::suppression_report_path(dir);
    assert_eq!(report_path.parent(), dir.parent());
    assert!(
        stderr.contains("suppression report"),
        "the build names the report: {stderr}"
    );
    let report = std::fs::read_to_string(&report_path).unwrap();
    assert!(
        report.contains("| 2 | antal | ar=2021, kon=kvinna | primary | primary: a small count |"),
        "{report}"
    );
    assert!(
        report.contains("| 3 | antal | ar=2021, kon=man | secondary | line rule: the total row on line 4, column `antal` |"),
        "{report}"
    );
    assert!(
        report.contains("| 2 | man | enhet=Arvika | secondary |"),
        "{report}"
    );
    assert!(report.contains("min_count 1000; 2 cells hidden: 1 primary, 1 secondary."));
    for (path, text) in all_files(dir) {
        assert!(
            !text.contains("Suppression report"),
            "{} holds the report",
            path.display()
        );
    }
}

#[test]
fn a_threshold_below_three_needs_allow_below_default() {
    let (_tmp, project) = copy_fixture("valid/privacy-sv");
    let toml = project.join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, text.replace("min_count = 5", "min_count = 2")).unwrap();
    let o = insikt(&["check", project.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(stderr.contains("book.toml:6:"), "{stderr}");
    assert!(stderr.contains("allow_below_default"), "{stderr}");

    std::fs::write(
        &toml,
        text.replace("min_count = 5", "min_count = 2\nallow_below_default = true"),
    )
    .unwrap();
    let o = insikt(&["check", project.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: book.toml: `min_count = 2` is below 3"),
        "{stderr}"
    );

    let yaml = project.join("data/distinkt.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, text.replace("min_count: 1000", "min_count: 1")).unwrap();
    std::fs::write(&toml, "[book]\ntitle = \"T\"\nlanguage = \"sv\"\n").unwrap();
    let o = insikt(&["check", project.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(stderr.contains("data/distinkt.yaml:3:"), "{stderr}");
}

#[test]
fn zeros_are_shown_unless_the_codebook_hides_them() {
    let (tmp, project) = copy_fixture("valid/privacy-sv");
    let yaml = project.join("data/kontakter.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("suppress_zeros: true\n{text}")).unwrap();
    let out = tmp.path().join("out");
    build(&project, &out);
    let csv = std::fs::read_to_string(out.join("data/kontakter.csv")).unwrap();
    assert!(csv.contains("2022;man;<5"), "{csv}");
    // The zero beside 10 under the total 10 takes the 10 with it.
    assert!(csv.contains("2022;kvinna;×"), "{csv}");
    let (dir, _) = site();
    let csv = std::fs::read_to_string(dir.join("data/kontakter.csv")).unwrap();
    assert!(csv.contains("2022;man;0"));
}

#[test]
fn codebook_mistakes_that_would_publish_small_counts_are_errors() {
    let (_tmp, project) = copy_fixture("valid/privacy-sv");
    let edit = |file: &str, from: &str, to: &str| {
        let path = project.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit("data/enheter.yaml", "totals: [totalt]", "totals: [totlat]");
    edit("data/kontakter.yaml", "total: Totalt", "total: Total");
    edit(
        "data/distinkt.yaml",
        "    type: integer\n    role: count",
        "    type: string\n    role: count",
    );
    let o = insikt(&["check", project.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        stderr.contains(
            "data/enheter.yaml:20:1: `totals` names `totlat`, which is not a count field"
        ) && stderr.contains("did you mean `totalt`?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("data/kontakter.yaml:8:")
            && stderr.contains("says `total: Total`, but no row has `Total`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("data/distinkt.yaml:")
            && stderr
                .contains("the field `antal` is a count (`role: count`) but its type is `string`"),
        "{stderr}"
    );
    assert!(stderr.contains("3 errors found"), "{stderr}");
}

/// A build that succeeds with identity-number-shaped values where they are allowed (a field
/// declared `identifier: false`, with a reason) and with every kind of message a dataset can
/// give — notes on undeclared totals, on counts inferred without a codebook, on cells whose
/// range the totals still narrow — never repeats such a value on standard output or error.
#[test]
fn messages_of_a_successful_build_never_repeat_an_identity_number() {
    let (tmp, project) = copy_fixture("valid/privacy-sv");
    let data = project.join("data");
    std::fs::write(
        data.join("arenden.csv"),
        "arende;kon;antal\n811218-9876;kvinna;3\n811218-9876;man;9\n811218-9876;Summa;12\n\
         19811218-9876;kvinna;1\n19811218-9876;man;1\n19811218-9876;Summa;2\n",
    )
    .unwrap();
    std::fs::write(
        data.join("arenden.yaml"),
        "title: Ärenden\nsource: Testdata\nfields:\n  - name: arende\n    type: string\n    \
         identifier: false\n    identifier_reason: \"Ärendenummer, inga personnummer\"\n  \
         - name: kon\n    type: string\n  - name: antal\n    type: integer\n    role: count\n",
    )
    .unwrap();
    // Without a codebook: counts inferred, a total column recognised by its name.
    std::fs::write(data.join("utan.csv"), "enhet;kvinnor;man;Totalt\nA;4;4;8\n").unwrap();
    let out = tmp.path().join("out");
    let o = insikt(&[
        "build",
        project.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    let messages = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success(), "{messages}");
    assert!(
        messages.contains("taken to be"),
        "the build gave notes: {messages}"
    );
    assert!(messages.contains("still narrow"), "{messages}");
    let digits: String = messages.chars().filter(char::is_ascii_digit).collect();
    for number in ["8112189876", "198112189876"] {
        assert!(
            !digits.contains(number),
            "{number} in the messages: {messages}"
        );
    }
    for fragment in ["811218", "9876"] {
        assert!(
            !messages.contains(fragment),
            "{fragment} in the messages: {messages}"
        );
    }
}
