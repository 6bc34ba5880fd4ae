//! Pages as readers meet them (issue 14): one `<h1>` per page, a case's indicators by title
//! linked to the codebook, the codebook in the navigation, codebook types in the report's
//! language without repeated heading text, the front page's contents first, worksheets with
//! one "save and share" disclosure and a print button, and `print.html` as a document with
//! page-number slots in its contents and the worksheets as an appendix.

use crate::common;

use common::*;
use scraper::Html;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The `valid/pages` fixture, built once.
fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            let out = tempfile::tempdir().unwrap();
            let site = out.path().join("site");
            build(&fixture("valid/pages"), &site);
            (out, site)
        })
        .1
}

fn page(rel: &str) -> Html {
    html(&site().join(rel))
}

#[test]
fn a_title_repeated_as_the_first_heading_is_shown_once_and_body_headings_move_down() {
    let doc = page("fall/vardcentral/index.html");
    assert_eq!(texts(&doc, "h1"), ["En vårdcentral"]);
    // `# Första delen` and `## Detaljer` keep their order under the title.
    assert_eq!(texts(&doc, ".prose h2"), ["Första delen"]);
    assert_eq!(texts(&doc, ".prose h3"), ["Detaljer"]);
    assert_eq!(texts(&doc, ".toc a"), ["Första delen", "Detaljer"]);
}

#[test]
fn every_page_has_one_h1() {
    for rel in [
        "index.html",
        "fall/index.html",
        "fall/vardcentral/index.html",
        "fall/arbetsblad/index.html",
        "codebook/index.html",
        "codebook/besok/index.html",
        "print.html",
    ] {
        assert_eq!(texts(&page(rel), "h1").len(), 1, "{rel}");
    }
}

#[test]
fn indicators_are_dataset_titles_linked_to_their_codebook_pages() {
    let doc = page("fall/vardcentral/index.html");
    assert_eq!(
        texts(&doc, ".indicator-list li"),
        ["Besök på vårdcentraler", "okand"]
    );
    assert_eq!(
        attrs(&doc, ".indicator-list a", "href"),
        ["../../codebook/besok/index.html"]
    );
    assert!(texts(&doc, ".indicator-list code").is_empty());
}

#[test]
fn the_navigation_links_the_codebook() {
    let doc = page("fall/vardcentral/index.html");
    assert_eq!(
        attrs(&doc, ".site-nav .nav-codebook a", "href"),
        ["../../codebook/index.html"]
    );
    assert_eq!(texts(&doc, ".site-nav .nav-codebook a"), ["Kodbok"]);
    let index = page("codebook/index.html");
    assert_eq!(
        attrs(&index, ".nav-codebook a[aria-current=page]", "href"),
        ["../codebook/index.html"]
    );
}

#[test]
fn codebook_types_are_in_the_reports_language_and_headings_do_not_repeat() {
    let doc = page("codebook/besok/index.html");
    assert_eq!(
        texts(&doc, ".codebook-fields td:nth-child(2)"),
        ["år", "text", "text", "heltal"]
    );
    // `svar` has no title: its heading says it once.
    let headings = texts(&doc, ".codebook-field h3");
    assert_eq!(headings, ["År ar", "Kommun kommun", "svar", "Besök besok"]);
    // Every answer differs: no chart of equal bars.
    assert!(texts(&doc, "#falt-3 ~ .chart-frame").is_empty());
}

#[test]
fn the_front_page_shows_its_contents_before_its_text() {
    let text = std::fs::read_to_string(site().join("index.html")).unwrap();
    let cards = text.find("class=\"overview\"").expect("contents cards");
    let prose = text.find("Förstasidans text").expect("front page text");
    assert!(cards < prose, "the contents come first");
}

#[test]
fn a_worksheet_has_a_print_button_and_one_save_and_share_disclosure() {
    let doc = page("fall/arbetsblad/index.html");
    assert_eq!(texts(&doc, "button[data-action=print]"), ["Skriv ut"]);
    assert_eq!(
        texts(&doc, "details.ws-tools > summary"),
        ["Spara och dela"]
    );
    for action in ["export-md", "export-json", "import", "clear"] {
        assert_eq!(
            attrs(
                &doc,
                &format!("details.ws-tools button[data-action={action}]"),
                "type"
            ),
            ["button"],
            "{action}"
        );
    }
    // Introduction behind "about", before the questions.
    assert_eq!(
        texts(&doc, "details.ws-about > summary"),
        ["Om arbetsbladet"]
    );
    assert_eq!(
        texts(&doc, "details.ws-about .ws-intro"),
        ["Läs detta först."]
    );
    // The title for the printed page margins, as an escaped CSS string.
    assert!(
        std::fs::read_to_string(site().join("fall/arbetsblad/index.html"))
            .unwrap()
            .contains("--print-title: \"Ett samtal\";")
    );
    // `space: page` asks for a whole page.
    assert_eq!(
        texts(&doc, ".ws-space-page .ws-q-text"),
        ["2 Vad hände sedan?"]
    );
}

#[test]
fn print_html_puts_worksheets_in_an_appendix_with_page_number_slots() {
    let doc = page("print.html");
    let chapters = attrs(&doc, "article.print-chapter", "class");
    // The overview and the worksheet, after every other chapter.
    let first = chapters
        .iter()
        .position(|c| c.contains("print-appendix"))
        .expect("an appendix");
    assert_eq!(chapters.len() - first, 2, "{chapters:?}");
    assert!(chapters[first..]
        .iter()
        .all(|c| c.contains("print-appendix")));
    assert_eq!(
        texts(&doc, ".print-toc-appendix .print-toc-title"),
        ["Arbetsblad", "Ett samtal"]
    );
    let slots = attrs(&doc, ".print-toc .print-toc-page", "data-anchor");
    let links: Vec<String> = attrs(&doc, ".print-toc a", "href")
        .into_iter()
        .map(|h| h.trim_start_matches('#').to_string())
        .collect();
    assert_eq!(slots, links);
}
