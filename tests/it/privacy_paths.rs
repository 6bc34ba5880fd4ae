//! Privacy guarantees on every path (issue 11): personal identifiers in any written form and
//! in every kind of input file, data files under `content/`, datasets without a codebook,
//! fields described twice.

use crate::common;

use common::*;
use std::path::Path;

/// Standard output and error of `insikt check PROJECT`, with its exit code.
fn check(project: &Path) -> (Option<i32>, String) {
    let o = insikt(&["check", project.to_str().unwrap()]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.code(), text)
}

/// Every run of five digits of `number` (its digits read without separators), which a
/// message must not contain.
fn digit_runs(number: &str) -> Vec<String> {
    let digits: Vec<char> = number
        .chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '\u{ff10}'..='\u{ff19}' => char::from_u32(c as u32 - 0xff10 + '0' as u32),
            _ => None,
        })
        .collect();
    digits.windows(5).map(|w| w.iter().collect()).collect()
}

/// Asserts that `output` holds no identifier of `numbers`, nor five of its digits in a row.
fn assert_never_printed(output: &str, numbers: &[&str]) {
    for number in numbers {
        assert!(!output.contains(number), "{number} printed:\n{output}");
        for run in digit_runs(number) {
            assert!(
                !output.contains(&run),
                "{run} of {number} printed:\n{output}"
            );
        }
    }
}

#[test]
fn identifiers_are_found_in_every_kind_of_input_file() {
    let (code, out) = check(&fixture("invalid/identifiers-everywhere"));
    assert_eq!(code, Some(1), "{out}");
    for expected in [
        // Front matter.
        "content/_index.md:3:23: `an••.••••••••@••••••.••` looks like an e-mail address",
        // Prose, with an en dash.
        "content/_index.md:5:11: `81••••–••••` looks like a Swedish personnummer",
        // A code span, glued to letters.
        "content/_index.md:7:11: `81••••-••••` looks like a Swedish personnummer",
        // Raw HTML, the twelve-digit form with a space.
        "content/_index.md:9:16: `19•••••• ••••` looks like a Swedish personnummer",
        // A chart block's title.
        "content/_index.md:16:15: `13••••-••••` looks like a Finnish henkilötunnus",
        // A question set.
        "content/ark.yaml:28:37: `01••••-•••••` looks like a Norwegian fødselsnummer",
        // The glossary, with a non-breaking hyphen.
        "content/glossary.yaml:4:28: `21••••‑••••` looks like a Danish CPR number",
        // A text file beside the pages.
        "content/bilagor/anteckningar.txt:2:6: `07•-••• •• ••` looks like a phone number",
        // A file name.
        "content/81••••-••••.md: the name `81••••-••••.md` looks like it holds a Swedish personnummer",
        // A codebook's description and a field's description (full-width digits).
        "data/tal.yaml:3:34: `08-••• ••• ••` looks like a phone number",
        "data/tal.yaml:7:48: `０１•••••••••` looks like a Norwegian fødselsnummer",
        // A CSV header, and the field naming it in the codebook.
        "data/lista.csv:1:7: the header, column 2: `id ••••••-••••` looks like a Swedish personnummer",
        "data/lista.yaml:5:14: `81••••-••••` looks like a Swedish personnummer",
        // A dataset's name (its published web address `data/NAME.csv`).
        "data/besok-81••••-••••.csv: the name `besok-81••••-••••.csv` looks like it holds a Swedish personnummer",
        // book.toml's description, on every page.
        "book.toml:4:44: `19••••••–••••` looks like a Swedish personnummer",
        "15 errors found",
    ] {
        assert!(out.contains(expected), "missing `{expected}` in:\n{out}");
    }
    // Every finding shows its line masked.
    assert!(
        out.contains(" 5 | Patienten 81••••–•••• kom tillbaka."),
        "{out}"
    );
    // The codebook's owner is a declared work contact (POLICY 1): allowed.
    assert!(!out.contains("data/tal.yaml:2:"), "{out}");
    // The dates, ranges, page numbers, ISBN and 1177 on line 18 are not identifiers.
    assert!(!out.contains("content/_index.md:18:"), "{out}");
    assert_never_printed(
        &out,
        &[
            "811218-9876",
            "19811218 9876",
            "131052-308T",
            "010107-50160",
            "211062-5629",
            "070-123 45 67",
            "08-123 456 78",
            "０１０１０７５０１６０",
        ],
    );
    assert!(!out.contains("anna.svensson@"), "{out}");
}

#[test]
fn a_page_may_allow_work_contacts_with_a_reason_but_never_identity_numbers() {
    let (tmp, project) = copy_fixture("valid/attachment");
    build(&project, &tmp.path().join("public"));
    // The allowance is listed in the suppression report, with its reason.
    let report = std::fs::read_to_string(tmp.path().join("public-suppression-report.md")).unwrap();
    assert!(
        report.contains("| `content/_index.md` | phone, email allowed | Regionens växel och funktionsbrevlåda, publicerade med tillstånd |"),
        "{report}"
    );

    // Without the reason, the allowance is an error and the contacts are reported.
    let page = project.join("content/_index.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let without_reason = text.replace(
        "  reason: \"Regionens växel och funktionsbrevlåda, publicerade med tillstånd\"\n",
        "  reason: \"\"\n",
    );
    std::fs::write(&page, &without_reason).unwrap();
    let (code, out) = check(&project);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("content/_index.md:4:1: the page allows phone and email without a reason"),
        "{out}"
    );
    assert!(out.contains("looks like a phone number"), "{out}");

    // An identity number cannot be allowed.
    let with_number = text.replace("allow: [phone, email]", "allow: [phone, personnummer]");
    std::fs::write(&page, with_number).unwrap();
    let (code, out) = check(&project);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("personnummer"), "{out}");
    let with_number = text.replace("08-123 456 78", "811218-9876");
    std::fs::write(&page, with_number).unwrap();
    let (code, out) = check(&project);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("looks like a Swedish personnummer"), "{out}");
    assert!(out.contains("no setting allows one"), "{out}");
    assert_never_printed(&out, &["811218-9876"]);
}

#[test]
fn data_files_under_content_must_move_to_data_or_be_attachments() {
    let (code, out) = check(&fixture("invalid/content-data-files"));
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("content/bilagor/raw.csv: a data file under `content/` would be published without a codebook or the privacy guard"),
        "{out}"
    );
    assert!(out.contains("move it to `data/`"), "{out}");
    assert!(out.contains("`attachments: [raw.csv]`"), "{out}");
    assert!(
        out.contains("content/bilagor/tabell.xlsx: a spreadsheet under `content/` would be published unchecked"),
        "{out}"
    );
    assert!(out.contains("2 errors found"), "{out}");
}

#[test]
fn an_attachment_is_published_and_still_scanned() {
    let (tmp, project) = copy_fixture("valid/attachment");
    let out = tmp.path().join("public");
    build(&project, &out);
    assert!(out.join("bilagor/enkat.csv").is_file());

    std::fs::write(
        project.join("content/bilagor/enkat.csv"),
        "fraga;svar\nVem?;Patient 811218-9876\n",
    )
    .unwrap();
    let (code, text) = check(&project);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains(
            "content/bilagor/enkat.csv:2:14: `81••••-••••` looks like a Swedish personnummer"
        ),
        "{text}"
    );
    assert_never_printed(&text, &["811218-9876"]);

    // An attachment that is not there, and a spreadsheet declared one.
    let page = project.join("content/_index.md");
    let front = std::fs::read_to_string(&page).unwrap().replace(
        "[bilagor/enkat.csv]",
        "[bilagor/enkat.csv, bilagor/saknas.csv, tabell.xlsx]",
    );
    std::fs::write(&page, front).unwrap();
    std::fs::write(project.join("content/tabell.xlsx"), b"PK\x03\x04").unwrap();
    let (_, text) = check(&project);
    assert!(
        text.contains("the attachment `bilagor/saknas.csv` is not a file under `content/`"),
        "{text}"
    );
    assert!(
        text.contains("export it as CSV (UTF-8) and attach that instead"),
        "{text}"
    );
}

#[test]
fn whole_numbers_without_a_codebook_are_counts() {
    let (tmp, project) = copy_fixture("valid/codebook-less-counts");
    let out = tmp.path().join("public");
    let o = insikt(&[
        "build",
        project.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.contains("data/besok.csv: without a codebook, the columns of whole numbers `besok`, `nya` are taken to be counts"),
        "{stderr}"
    );
    let csv = std::fs::read_to_string(out.join("data/besok.csv")).unwrap();
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(';').collect()).collect();
    // `3,0` (besok, Kil) and `3` (nya, Sunne) are hidden; the shares are not counts.
    assert_eq!(rows[1][1], "<5", "{csv}");
    assert_eq!(rows[3][2], "<5", "{csv}");
    assert_eq!(rows[1][3], "12,5", "{csv}");
    assert_eq!(rows[2][1], "25,0", "{csv}");

    // A codebook can say otherwise.
    std::fs::write(
        project.join("data/besok.yaml"),
        "title: Besök\nfields:\n  - {name: enhet, type: string}\n  - {name: besok, type: number, role: measure}\n  - {name: nya, type: integer, role: measure}\n  - {name: andel, type: number}\n",
    )
    .unwrap();
    build(&project, &out);
    let csv = std::fs::read_to_string(out.join("data/besok.csv")).unwrap();
    assert!(csv.contains("Kil;3,0;1 000;12,5"), "{csv}");
}

#[test]
fn a_field_described_twice_is_an_error_at_the_second() {
    let (code, out) = check(&fixture("invalid/duplicate-field"));
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("data/besok.yaml:7:5: the field `antal` is described twice; the first description is on line 5"),
        "{out}"
    );
    assert!(out.contains("1 error found"), "{out}");
}

#[test]
fn the_suppression_report_lists_fields_not_checked_and_contacts_published() {
    let (tmp, project) = copy_fixture("invalid/identifiers");
    std::fs::remove_file(project.join("data/kontakter.csv")).unwrap();
    std::fs::remove_file(project.join("data/kontakter.yaml")).unwrap();
    let codebook = project.join("data/arenden.yaml");
    let yaml = std::fs::read_to_string(&codebook).unwrap();
    std::fs::write(
        &codebook,
        format!("owner: \"Anna Svensson, anna.svensson@region.se, 070-123 45 67\"\n{yaml}"),
    )
    .unwrap();
    build(&project, &tmp.path().join("public"));
    let report = std::fs::read_to_string(tmp.path().join("public-suppression-report.md")).unwrap();
    assert!(report.contains("## Identifier exemptions"), "{report}");
    assert!(
        report.contains("| `data/arenden.csv` field `arende` | not checked | Ärendenummer"),
        "{report}"
    );
    assert!(
        report.contains(
            "| `data/arenden.yaml` `owner` | contact details published | declared work contact |"
        ),
        "{report}"
    );

    // Anywhere else in the codebook, the same contact is an error.
    std::fs::write(
        &codebook,
        yaml.replacen(
            "title:",
            "description: \"Frågor: 070-123 45 67\"\ntitle:",
            1,
        ),
    )
    .unwrap();
    let (code, out) = check(&project);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("data/arenden.yaml:1:23: `07•-••• •• ••` looks like a phone number"),
        "{out}"
    );
    assert!(out.contains("goes under `contact:` (or `owner:`)"), "{out}");
}
