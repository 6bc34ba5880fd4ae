//! Question sets as worksheets: valid sets in Swedish, Danish and Norwegian become form
//! pages in the section tree and on an overview page; broken sets give located errors.

use crate::common;

use common::*;
use scraper::{Html, Selector};
use std::path::Path;

fn built(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture(name), &out);
    (tmp, out)
}

fn count(doc: &Html, selector: &str) -> usize {
    doc.select(&Selector::parse(selector).unwrap()).count()
}

/// Every form control on the page has a label tied to it, by `for` or by wrapping.
fn assert_every_control_labelled(doc: &Html) {
    let labels = attrs(doc, "label[for]", "for");
    for id in attrs(doc, "form textarea, form input:not([type=file])", "id") {
        assert!(labels.contains(&id), "control #{id} has no label");
    }
}

#[test]
fn swedish_set_becomes_a_worksheet_page_with_every_kind_of_question() {
    let (_tmp, out) = built("valid/worksheets-sv");
    let doc = html(&out.join("reflektion/ark/index.html"));
    assert_eq!(texts(&doc, "h1"), ["Ett arbetsblad med alla frågetyper"]);
    assert_every_control_labelled(&doc);

    // open: a text area sized by `space`, with its hint
    let q1 = attrs(&doc, "textarea[name=q1]", "rows");
    assert_eq!(q1, ["12"], "space: large");
    assert_eq!(
        attrs(&doc, "textarea[name=q1]", "aria-describedby"),
        ["h-q1"]
    );
    // yes-no, yes-no-unknown, choice, scale: radio groups in fieldsets with legends
    assert_eq!(
        attrs(&doc, "input[type=radio][name=q2]", "value"),
        ["yes", "no"]
    );
    assert_eq!(
        texts(&doc, "#q-q3 label"),
        ["Ja", "Nej", "Vet inte"],
        "yes-no-unknown in Swedish"
    );
    assert_eq!(count(&doc, "fieldset#q-q3 > legend"), 1);
    assert_eq!(
        attrs(&doc, "input[type=radio][name=q4]", "value"),
        ["Varje vecka", "Varje månad", "Sällan"]
    );
    assert_eq!(
        attrs(&doc, "input[type=radio][name=q5]", "value"),
        ["1", "2", "3", "4", "5"]
    );
    assert!(texts(&doc, "#q-q5 .ws-scale-ends")[0].contains("1 = inte alls"));
    // checklist: checkboxes
    assert_eq!(count(&doc, "input[type=checkbox][name=q6]"), 3);
    // group: headline question with a text area per sub-question
    assert_eq!(attrs(&doc, "#q-q8 textarea", "name"), ["q8.1", "q8.2"]);
    assert_eq!(
        texts(&doc, "#q-q8 .ws-sub-text"),
        ["7a Vem ser rådata?", "7b Vem ser resultaten?"]
    );
    // info: text, no number and no control
    assert_eq!(texts(&doc, "#q-q7"), ["Nu handlar det om åtkomst."]);

    // branching in words, linked on screen
    assert_eq!(
        texts(&doc, "#q-q2 .ws-skip"),
        ["Om nej, gå till avsnitt 3 (Åtkomst)."]
    );
    assert_eq!(attrs(&doc, "#q-q2 .ws-skip a", "href"), ["#atkomst"]);
    // a section that asks for a new sheet of paper
    assert_eq!(attrs(&doc, "section.ws-new-page h2", "id"), ["atkomst"]);
    // guidance on demand, with its link rewritten
    assert_eq!(texts(&doc, "#q-q3 details summary"), ["Vägledning"]);
    assert_eq!(
        attrs(&doc, "#q-q3 details a", "href"),
        ["../../reflektion/index.html"]
    );

    // session header write-in fields and the facilitator's part
    assert_eq!(
        attrs(&doc, ".ws-session textarea, .ws-session input", "name"),
        ["session.date", "session.participants", "session.project"]
    );
    assert_eq!(
        texts(&doc, ".ws-session label"),
        ["Datum", "Deltagare", "Projekt"]
    );
    assert_eq!(texts(&doc, ".ws-roles dt"), ["Samtalsledare", "Antecknare"]);
    assert_eq!(texts(&doc, ".ws-agenda tbody td"), ["10 min", "Inledning"]);
    assert_eq!(texts(&doc, ".ws-materials li"), ["Pennor"]);
    assert_eq!(
        texts(&doc, ".ws-provenance"),
        ["Inspirerat av Ett påhittat original. Licens: CC BY 4.0."]
    );

    // answers are kept under site title, set id and version
    assert_eq!(
        attrs(&doc, "form#ws-form", "data-storage-key"),
        ["insikt:Arbetsblad i test:testark:v3"]
    );
    // the worksheet's own stylesheet and script, on worksheet pages only
    let css = attrs(&doc, "link[rel=stylesheet]", "href");
    assert!(
        css.contains(&"../../assets/worksheet.css".to_string()),
        "{css:?}"
    );
    assert!(
        out.join("assets/worksheet.css").is_file() && out.join("assets/worksheet.js").is_file()
    );
    let front = attrs(
        &html(&out.join("index.html")),
        "link[rel=stylesheet], script",
        "href",
    );
    assert!(!front.iter().any(|h| h.contains("worksheet")), "{front:?}");
    // the tools need JavaScript, so they start hidden
    assert_eq!(count(&doc, "#ws-tools[hidden]"), 1);
    // the table of contents lists the sections
    assert_eq!(texts(&doc, ".toc a"), ["Början", "Mitten", "Åtkomst"]);
}

#[test]
fn worksheets_take_their_place_in_navigation_and_links() {
    let (_tmp, out) = built("valid/worksheets-sv");
    let section = html(&out.join("reflektion/index.html"));
    let hrefs = attrs(&section, ".prose a", "href");
    assert_eq!(
        hrefs,
        [
            "../reflektion/ark/index.html",
            "../reflektion/ark/index.html#atkomst"
        ],
        "links to ark.yaml resolve to the worksheet page"
    );
    let doc = html(&out.join("reflektion/ark/index.html"));
    assert!(texts(&doc, ".site-nav a").contains(&"Ett arbetsblad med alla frågetyper".to_string()));
    // weight 1 puts it before the page of weight 2
    assert_eq!(
        attrs(&doc, "a[rel=next]", "href"),
        ["../../reflektion/vagledning/index.html"]
    );
    assert_eq!(
        texts(&doc, ".badge-kind dd, .badge-kind .badge"),
        ["Arbetsblad"]
    );
}

#[test]
fn overview_lists_worksheets_by_audience() {
    let (_tmp, out) = built("valid/worksheets-sv");
    let doc = html(&out.join("arbetsblad/index.html"));
    assert_eq!(texts(&doc, "h1"), ["Arbetsblad"]);
    // a set appears under each of its audiences, in the fixed audience order
    assert_eq!(
        texts(&doc, ".ws-overview-group h2"),
        ["Chefer och ledare", "Samtalsledare"]
    );
    assert_eq!(
        attrs(&doc, ".ws-overview-group a", "href"),
        [
            "../reflektion/ark/index.html",
            "../reflektion/ark/index.html"
        ]
    );
    assert_eq!(texts(&doc, ".card-meta")[0], "8 frågor · Tid: 2 timmar");
    let home = html(&out.join("index.html"));
    assert!(attrs(&home, ".site-nav a", "href").contains(&"arbetsblad/index.html".to_string()));
}

#[test]
fn danish_and_norwegian_sets_use_their_language() {
    let (_tmp, out) = built("valid/worksheets-da");
    let doc = html(&out.join("spoergsmaal/index.html"));
    assert_every_control_labelled(&doc);
    assert_eq!(texts(&doc, "#q-l2 label"), ["Ja", "Nej", "Ved ikke"]);
    assert_eq!(
        texts(&doc, "#q-l2 .ws-skip"),
        ["Hvis nej, gå til afsnit 2 (Magt over systemerne)."]
    );
    assert_eq!(texts(&doc, ".ws-session label"), ["Dato", "Deltagere"]);
    assert_eq!(attrs(&doc, "#q-l1 textarea", "name"), ["l1.1", "l1.2"]);
    assert_eq!(
        texts(&doc, "[data-action=export-md]"),
        ["Eksportér som Markdown"]
    );
    let overview = html(&out.join("arbejdsark/index.html"));
    assert_eq!(texts(&overview, ".ws-overview-group h2"), ["Ledere"]);

    let (_tmp, out) = built("valid/worksheets-nb");
    let doc = html(&out.join("refleksjon/index.html"));
    assert_every_control_labelled(&doc);
    assert_eq!(texts(&doc, "#q-f1 label"), ["Ja", "Nei"]);
    assert_eq!(attrs(&doc, "html", "lang"), ["nb"]);
    assert_eq!(texts(&doc, "[data-action=clear]"), ["Tøm svarene"]);
    assert!(out.join("arbeidsark/index.html").is_file());
}

#[test]
fn broken_sets_are_reported_together_with_file_line_and_column() {
    let o = insikt(&[
        "check",
        fixture("invalid/broken-questions").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("content/dublett.yaml:10:13: duplicate id `f1`"),
        "{err}"
    );
    assert!(err.contains("`f1` is already used on line 7"), "{err}");
    assert!(
        err.contains("content/okand-typ.yaml:8:15: unknown value `yes-or-no`"),
        "{err}"
    );
    assert!(err.contains("did you mean `yes-no`?"), "{err}");
    assert!(
        err.contains("content/hopp.yaml:10:18: `skip_to: del3` names no section of this set"),
        "{err}"
    );
    assert!(err.contains("Sections: del1, del2"), "{err}");
    assert!(
        err.contains("content/fel-typ.yaml:3:10: expected a whole number"),
        "{err}"
    );
    assert!(err.contains(" 3 | version: första"), "{err}");
    assert!(err.contains("4 errors"), "{err}");
}

#[test]
fn what_a_kind_needs_is_checked() {
    let (_tmp, project) = copy_fixture("valid/worksheets-nb");
    let set = project.join("content/refleksjon.yaml");
    let text = std::fs::read_to_string(&set).unwrap();
    let broken = text
        .replace("kind: yes-no\n", "kind: group\n        skip_to: kunnskap\n")
        .replace("space: small", "space: huge");
    std::fs::write(&set, broken).unwrap();
    let o = insikt(&["check", project.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    // serde stops at the first type error: fix it and look again
    assert!(
        err.contains("refleksjon.yaml:15:16: unknown value `huge`"),
        "{err}"
    );
    std::fs::write(
        &set,
        std::fs::read_to_string(&set)
            .unwrap()
            .replace("huge", "small"),
    )
    .unwrap();
    let o = insikt(&["check", project.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("refleksjon.yaml:8:13: question `f1`: a `group` question needs sub-questions"),
        "{err}"
    );
    assert!(
        err.contains("`skip_to` (\"if no, go to …\") needs a `yes-no`"),
        "{err}"
    );
    assert!(err.contains("points back to an earlier section"), "{err}");
}

#[test]
fn a_link_to_a_missing_worksheet_section_is_an_error() {
    let (_tmp, project) = copy_fixture("valid/worksheets-sv");
    let index = project.join("content/reflektion/_index.md");
    let text = std::fs::read_to_string(&index)
        .unwrap()
        .replace("#atkomst", "#okand");
    std::fs::write(&index, text).unwrap();
    let o = insikt(&["check", project.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("content/reflektion/_index.md:6:"), "{err}");
    assert!(err.contains("#okand"), "{err}");
}

#[test]
fn the_example_report_has_its_worksheets() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(Path::new(env!("CARGO_MANIFEST_DIR")), &out);
    for (page, questions) in [
        ("reflektion/fortroendevalda/index.html", 3),
        ("reflektion/chefer/index.html", 2),
        ("insatser/dataetiskt-samtal/index.html", 44),
        ("checklista-for-dataarbete/index.html", 7),
    ] {
        let doc = html(&out.join(page));
        assert_every_control_labelled(&doc);
        assert_eq!(
            count(&doc, ".ws-q-number") - count(&doc, ".ws-sub .ws-q-number"),
            questions,
            "{page}"
        );
    }
    let deda = html(&out.join("insatser/dataetiskt-samtal/index.html"));
    assert_eq!(
        texts(&deda, ".ws-section-title").len(),
        13,
        "project, eleven clusters, actions and decision"
    );
    assert!(texts(&deda, ".ws-provenance")[0]
        .starts_with("Inspirerat av Data Ethics Decision Aid (DEDA), Utrecht Data School"));
    let elected = html(&out.join("reflektion/fortroendevalda/index.html"));
    for q in ["#q-k1", "#q-p1", "#q-s1"] {
        let subs = count(&elected, &format!("{q} .ws-sub"));
        assert!((3..=5).contains(&subs), "{q}: {subs} sub-questions");
    }
}

#[test]
fn pdf_without_chromium_says_how_to_get_one() {
    let o = insikt(&[
        "pdf",
        fixture("valid/worksheets-nb").to_str().unwrap(),
        "--chromium",
        "/no/such/chromium",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--chromium /no/such/chromium: no such file"),
        "{err}"
    );

    let o = std::process::Command::new(env!("CARGO_BIN_EXE_insikt"))
        .args(["pdf", fixture("valid/worksheets-nb").to_str().unwrap()])
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no Chromium found on PATH"), "{err}");
    assert!(err.contains("apt install chromium"), "{err}");
}
