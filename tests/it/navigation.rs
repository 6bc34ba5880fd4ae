//! The navigation of a page shows a bounded window of its siblings, with links to the
//! section's page for the rest, so a page's size does not grow with its section.

use crate::common;

use common::*;
use scraper::Html;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Pages in the big section.
const PAGES: usize = 100;
/// Top-level pages besides the big section.
const TOP: usize = 29;

/// A report with one section of [`PAGES`] pages and [`TOP`] more top-level pages, built
/// once.
fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = SITE.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let project = tmp.path().join("rapport");
        let content = project.join("content");
        std::fs::create_dir_all(content.join("kapitel")).unwrap();
        std::fs::write(
            project.join("book.toml"),
            "[book]\ntitle = \"Stor rapport\"\nlanguage = \"sv\"\n",
        )
        .unwrap();
        std::fs::write(content.join("_index.md"), "# Start\n\nFramsidan.\n").unwrap();
        std::fs::write(
            content.join("kapitel/_index.md"),
            "---\ntitle: Kapitel\n---\n\nMånga sidor.\n",
        )
        .unwrap();
        for i in 0..PAGES {
            std::fs::write(
                content.join(format!("kapitel/sida-{i:03}.md")),
                format!("# Sida {i}\n\nText.\n"),
            )
            .unwrap();
        }
        for i in 1..=TOP {
            std::fs::write(
                content.join(format!("toppsida-{i:02}.md")),
                format!("# Toppsida {i}\n\nText.\n"),
            )
            .unwrap();
        }
        let out = tmp.path().join("site");
        build(&project, &out);
        (tmp, out)
    });
    out
}

fn page(rel: &str) -> Html {
    html(&site().join(rel))
}

/// The titles in the list of the big section (depth 1), `…` entries shown as `more`.
fn section_list(doc: &Html) -> Vec<String> {
    texts(doc, "nav.site-nav ul.nav-depth-1 > li")
        .into_iter()
        .map(|t| {
            if t.starts_with('…') {
                "more".to_string()
            } else {
                t
            }
        })
        .collect()
}

fn sida(range: std::ops::RangeInclusive<usize>) -> Vec<String> {
    range.map(|i| format!("Sida {i}")).collect()
}

#[test]
fn a_page_in_the_middle_shows_ten_siblings_on_each_side_and_links_to_the_section() {
    let doc = page("kapitel/sida-050/index.html");
    let mut want = vec!["more".to_string()];
    want.extend(sida(40..=60));
    want.push("more".into());
    assert_eq!(section_list(&doc), want);
    assert_eq!(texts(&doc, "nav.site-nav [aria-current=page]"), ["Sida 50"]);
    assert_eq!(
        attrs(
            &doc,
            "nav.site-nav ul.nav-depth-1 > li.nav-more > a",
            "href"
        ),
        ["../../kapitel/index.html", "../../kapitel/index.html"]
    );
    assert_eq!(
        texts(&doc, "nav.site-nav ul.nav-depth-1 > li.nav-more > a"),
        ["… Kapitel: alla 100 sidor", "… Kapitel: alla 100 sidor"]
    );
}

#[test]
fn pages_near_either_end_show_a_window_of_the_same_size() {
    let mut want = sida(0..=20);
    want.push("more".into());
    assert_eq!(section_list(&page("kapitel/sida-003/index.html")), want);
    let mut want = vec!["more".to_string()];
    want.extend(sida(79..=99));
    assert_eq!(section_list(&page("kapitel/sida-099/index.html")), want);
}

#[test]
fn the_section_page_lists_every_page_and_its_navigation_only_a_window() {
    let doc = page("kapitel/index.html");
    let mut want = sida(0..=20);
    want.push("more".into());
    assert_eq!(section_list(&doc), want);
    assert_eq!(
        texts(&doc, ".section-children .card-title a").len(),
        PAGES,
        "the section page lists them all"
    );
}

#[test]
fn the_top_level_is_bounded_too() {
    // 30 top-level entries: the big section first (by file name), then the others.
    let doc = page("toppsida-15/index.html");
    let top = texts(&doc, "nav.site-nav ul.nav-depth-0 > li");
    assert_eq!(top.len(), 2 * 10 + 1 + 2, "{top:?}");
    assert_eq!(top[0], "… Start: alla 30 sidor");
    assert_eq!(top[11], "Toppsida 15");
    assert_eq!(top[22], "… Start: alla 30 sidor");
    assert_eq!(
        attrs(
            &doc,
            "nav.site-nav ul.nav-depth-0 > li.nav-more > a",
            "href"
        ),
        ["../index.html", "../index.html"]
    );
    // A generated page (the codebook has none here) or the front page: the first 21.
    let front = page("index.html");
    let top = texts(&front, "nav.site-nav ul.nav-depth-0 > li");
    assert_eq!(top.len(), 22, "{top:?}");
    assert_eq!(top[21], "… Start: alla 30 sidor");
}

#[test]
fn a_page_does_not_grow_with_its_section() {
    let middle = std::fs::metadata(site().join("kapitel/sida-050/index.html"))
        .unwrap()
        .len();
    let small = std::fs::metadata(site().join("toppsida-15/index.html"))
        .unwrap()
        .len();
    // The page in a section of 100 carries at most its window more than a page beside it.
    assert!(middle < small + 4_000, "{middle} vs {small}");
}
