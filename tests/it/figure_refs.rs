//! Charts and tables numbered across the report (`[figures] numbering`), their `id:`,
//! `{{#ref ID}}` on a page, across pages and in `print.html`, and the lists of figures and
//! tables in `print.html`.

use crate::common;

use common::*;
use std::path::Path;

const FIXTURE: &str = "valid/figure-refs";

/// Builds a copy of the fixture with `book.toml`'s language set to `language` and
/// `extra` appended; returns the temporary folder and the site.
fn build_with(language: &str, extra: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, project) = copy_fixture(FIXTURE);
    let toml = project.join("book.toml");
    let text = std::fs::read_to_string(&toml)
        .unwrap()
        .replace("language = \"sv\"", &format!("language = \"{language}\""));
    std::fs::write(&toml, format!("{text}{extra}")).unwrap();
    let site = tmp.path().join("site");
    build(&project, &site);
    (tmp, site)
}

/// The captions' numbers on each content page, in reading order.
fn caption_numbers(site: &Path) -> Vec<String> {
    [
        "del-1/index.html",
        "del-1/sida/index.html",
        "del-2/index.html",
    ]
    .iter()
    .flat_map(|p| texts(&html(&site.join(p)), ".chart-number"))
    .collect()
}

/// The references on a page: (text, href), the text with its no-break space as a space.
fn refs(page: &Path) -> Vec<(String, String)> {
    let doc = html(page);
    texts(&doc, "a.figure-ref")
        .into_iter()
        .map(|t| t.replace('\u{a0}', " "))
        .zip(attrs(&doc, "a.figure-ref", "href"))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn figures_and_tables_are_numbered_across_the_report_by_default() {
    let (_tmp, site) = build_with("sv", "");
    assert_eq!(
        caption_numbers(&site),
        ["Figur 1.", "Tabell 1.", "Figur 2.", "Figur 3.", "Tabell 2."]
    );
    // The anchor is the id where one is given; downloads keep the page's numbering.
    let del1 = html(&site.join("del-1/index.html"));
    assert_eq!(attrs(&del1, "figure", "id"), ["besok-staplar", "tabell-1"]);
    assert!(site.join("del-1/figur-1.svg").is_file());
    let del2 = html(&site.join("del-2/index.html"));
    assert_eq!(
        attrs(&del2, "figure", "id"),
        ["besok-linje", "besok-tabell"]
    );
    assert!(site.join("del-2/figur-1.svg").is_file());
}

#[test]
fn refs_link_within_a_page_and_across_pages_capitalised_at_sentence_starts() {
    let (_tmp, site) = build_with("sv", "");
    for page in ["index.html", "del-1/index.html", "del-2/index.html"] {
        let html = std::fs::read_to_string(site.join(page)).unwrap();
        assert!(
            ![" \n<a class=\"figure-ref\"", "(\n<a class=\"figure-ref\""]
                .iter()
                .any(|spaced| html.contains(spaced)),
            "a reference adds no space before itself in {page}"
        );
    }
    assert_eq!(
        refs(&site.join("index.html")),
        pairs(&[
            ("figur 1", "del-1/index.html#besok-staplar"),
            ("tabell 2", "del-2/index.html#besok-tabell"),
            ("Figur 3", "del-2/index.html#besok-linje"),
        ])
    );
    assert_eq!(
        refs(&site.join("del-2/index.html")),
        pairs(&[
            ("Figur 3", "#besok-linje"),
            ("tabell 2", "#besok-tabell"),
            ("figur 1", "../del-1/index.html#besok-staplar"),
            ("Tabell 2", "#besok-tabell"),
        ])
    );
    // A worksheet's texts take directives too.
    assert_eq!(
        refs(&site.join("samtal/index.html")),
        pairs(&[("figur 1", "../del-1/index.html#besok-staplar")])
    );
    // A code span shows the directive as written.
    let del1 = html(&site.join("del-1/index.html"));
    assert_eq!(texts(&del1, ".prose p code"), ["{{#ref besok-staplar}}"]);
    assert_eq!(
        refs(&site.join("del-1/index.html")),
        pairs(&[("figur 1", "#besok-staplar")])
    );
}

#[test]
fn refs_lead_to_the_figures_in_print_html() {
    let (_tmp, site) = build_with("sv", "");
    let print = html(&site.join("print.html"));
    let ids = attrs(&print, "[id]", "id");
    let hrefs = attrs(&print, ".prose a.figure-ref", "href");
    assert_eq!(hrefs.len(), 9, "{hrefs:?}");
    for href in &hrefs {
        let id = href.strip_prefix('#').expect("an in-page link");
        assert!(ids.iter().any(|i| i == id), "{href} leads nowhere");
    }
    assert!(hrefs[0].ends_with("-besok-staplar"), "{hrefs:?}");
}

#[test]
fn print_lists_figures_and_tables_after_the_contents() {
    let (_tmp, site) = build_with("sv", "");
    let print = html(&site.join("print.html"));
    assert_eq!(
        texts(&print, ".print-list h2"),
        ["Figurförteckning", "Tabellförteckning"]
    );
    assert_eq!(
        texts(&print, ".print-list-figures li .print-toc-title"),
        [
            "Figur 1. Besök per kommun 2022",
            "Figur 2. Besök per år",
            "Figur 3. Andel digitala besök 2022"
        ]
    );
    assert_eq!(
        texts(&print, ".print-list-tables li .print-toc-title"),
        [
            "Tabell 1. Besök på vårdcentraler",
            "Tabell 2. Besök alla år"
        ]
    );
    // Each entry links its figure in print.html and has a slot for its page number.
    let ids = attrs(&print, "figure[id]", "id");
    for href in attrs(&print, ".print-list a", "href") {
        assert!(ids.contains(&href[1..].to_string()), "{href} leads nowhere");
    }
    let slots = attrs(&print, ".print-list-tables .print-toc-page", "data-anchor");
    assert_eq!(slots.len(), 2);
    assert!(slots[0].ends_with("-tabell-1") && slots[1].ends_with("-besok-tabell"));
    // The lists come after the contents, before the first chapter.
    let text = std::fs::read_to_string(site.join("print.html")).unwrap();
    let toc = text.find("insikt-print-toc").unwrap();
    let list = text.find("print-list-figures").unwrap();
    let chapter = text.find("print-chapter").unwrap();
    assert!(toc < list && list < chapter);
}

#[test]
fn print_has_no_lists_without_figures_or_tables() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build(&fixture("valid/glossary-sv"), &site);
    let print = html(&site.join("print.html"));
    assert!(texts(&print, ".print-list").is_empty());
    assert_eq!(texts(&print, ".print-toc h2").len(), 1);
}

#[test]
fn numbering_by_chapter_and_by_page() {
    let (_tmp, site) = build_with("sv", "\n[figures]\nnumbering = \"chapter\"\n");
    assert_eq!(
        caption_numbers(&site),
        [
            "Figur 1.1.",
            "Tabell 1.1.",
            "Figur 1.2.",
            "Figur 2.1.",
            "Tabell 2.1."
        ]
    );
    assert_eq!(
        refs(&site.join("index.html")),
        pairs(&[
            ("figur 1.1", "del-1/index.html#besok-staplar"),
            ("tabell 2.1", "del-2/index.html#besok-tabell"),
            ("Figur 2.1", "del-2/index.html#besok-linje"),
        ])
    );
    let (_tmp, site) = build_with("sv", "\n[figures]\nnumbering = \"page\"\n");
    assert_eq!(
        caption_numbers(&site),
        ["Figur 1.", "Tabell 1.", "Figur 1.", "Figur 1.", "Tabell 1."]
    );
}

#[test]
fn danish_and_english_words() {
    let (_tmp, site) = build_with("da", "");
    assert_eq!(
        refs(&site.join("index.html")),
        pairs(&[
            ("figur 1", "del-1/index.html#besok-staplar"),
            ("tabel 2", "del-2/index.html#besok-tabell"),
            ("Figur 3", "del-2/index.html#besok-linje"),
        ])
    );
    let print = html(&site.join("print.html"));
    assert_eq!(
        texts(&print, ".print-list h2"),
        ["Figurfortegnelse", "Tabelfortegnelse"]
    );
    let (_tmp, site) = build_with("en", "");
    assert_eq!(
        refs(&site.join("del-2/index.html")),
        pairs(&[
            ("Figure 3", "#besok-linje"),
            ("table 2", "#besok-tabell"),
            ("figure 1", "../del-1/index.html#besok-staplar"),
            ("Table 2", "#besok-tabell"),
        ])
    );
    assert_eq!(caption_numbers(&site)[4], "Table 2.");
    let print = html(&site.join("print.html"));
    assert_eq!(
        texts(&print, ".print-list h2"),
        ["List of figures", "List of tables"]
    );
}

#[test]
fn an_unknown_numbering_is_an_error_at_its_line() {
    let (tmp, project) = copy_fixture(FIXTURE);
    let toml = project.join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{text}[figures]\nnumbering = \"kapitel\"\n")).unwrap();
    let o = insikt(&[
        "build",
        project.to_str().unwrap(),
        "--output",
        tmp.path().join("site").to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("book.toml:5:"), "{err}");
    assert!(err.contains("chapter"), "{err}");
}

#[test]
fn bad_unknown_and_repeated_ids_are_located_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let o = insikt(&[
        "build",
        fixture("invalid/figure-refs").to_str().unwrap(),
        "--output",
        tmp.path().join("site").to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    for expected in [
        // Columns count characters: "Åäö, se " is 8.
        "content/_index.md:7:9: `{{#ref}}`: there is no chart or table with the id `besok-stapel`",
        "did you mean `{{#ref besok-staplar}}`?",
        "content/_index.md:7:35: `{{#ref}}`: needs one id",
        "content/a.md:16:5: the id `Besök Tabell` is not a valid id",
        "`id: besok-tabell`",
        "content/b.md:16:5: the id `besok-staplar` is used twice: here and at content/a.md:7:5",
        "content/b.md:21:5: the id `tabell-1` is kept for charts and tables without an id",
        "content/a.md:7:5: the id `besok-staplar` is also the id of a heading on this page",
        // The theme's own ids (the main content's `id="main"`, the skip link's target).
        "content/b.md:26:5: the id `main` is an id of the theme's pages",
    ] {
        assert!(err.contains(expected), "{expected:?} missing from:\n{err}");
    }
    assert!(!tmp.path().join("site").exists(), "nothing is written");
}

#[test]
fn an_edit_that_renumbers_other_pages_renders_everything_again() {
    use insikt::site::{Edit, Site};
    let (_tmp, project) = copy_fixture(FIXTURE);
    let mut site = Site::load(&project, false).expect("loads");
    let append = |rel: &str, text: &str| {
        let path = project.join(rel);
        let old = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, old + text).unwrap();
        vec![path]
    };
    let chart =
        "\n```chart\ndata: besok\ntype: bar\nx: kommun\ny: besok\nfilter: {ar: 2020}\n```\n";
    // After the report's last chart: no other page changes, so the edit is taken alone.
    let changed = append("content/del-2.md", chart);
    assert!(matches!(site.edit(&changed), Edit::Applied(_)));
    let numbers: Vec<&str> = site.figures.all.iter().map(|f| f.number.as_str()).collect();
    assert_eq!(numbers, ["1", "1", "2", "3", "2", "4"]);
    // Before it: figure 3 on del-2.md and the references to it become figure 4.
    let changed = append("content/del-1/sida.md", chart);
    assert!(matches!(site.edit(&changed), Edit::Reload));
    let mut site = Site::load(&project, false).expect("loads");
    // Text alone.
    let changed = append("content/del-1/sida.md", "\nMer text.\n");
    assert!(matches!(site.edit(&changed), Edit::Applied(_)));
}
