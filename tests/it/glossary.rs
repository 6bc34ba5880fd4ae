//! The glossary: `content/glossary.yaml` becomes a page, and the first use of each term on
//! every other page links to its entry with the definition as a tooltip.

use crate::common;

use common::*;

#[test]
fn glossary_page_and_first_use_links() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("valid/glossary-sv"), &out);

    let g = html(&out.join("ordlista/index.html"));
    assert_eq!(texts(&g, "h1"), ["Ordlista"]);
    assert_eq!(
        attrs(&g, ".prose h2", "id"),
        ["algoritm", "datadrivet-system"]
    );
    assert!(texts(&g, ".prose p")
        .iter()
        .any(|t| t == "Även kallat: datadrivna system"));
    assert!(
        texts(&g, "a.term").is_empty(),
        "the glossary links to itself"
    );

    // Front page: only the first "Algoritmer" (inflected) is linked; the explicit link stays.
    let front = html(&out.join("index.html"));
    assert_eq!(texts(&front, "a.term"), ["Algoritmer"]);
    assert_eq!(
        attrs(&front, "a.term", "href"),
        ["ordlista/index.html#algoritm"]
    );
    assert_eq!(
        attrs(&front, "a.term", "aria-describedby"),
        ["insikt-term-algoritm"]
    );
    assert_eq!(
        texts(&front, "#insikt-term-algoritm"),
        ["En bestämd följd av steg."]
    );

    // Chapter: not in the heading or inside a link; the multi-word synonym is found.
    let chapter = html(&out.join("kapitel/index.html"));
    assert_eq!(
        texts(&chapter, "a.term"),
        ["algoritmen", "datadrivna system"]
    );
    assert_eq!(
        attrs(&chapter, "a.term", "href"),
        [
            "../ordlista/index.html#algoritm",
            "../ordlista/index.html#datadrivet-system"
        ]
    );
    assert!(texts(&chapter, "h2 a").is_empty());

    // Worksheets are made of several fragments: their terms are not linked.
    let sheet = html(&out.join("ark/index.html"));
    assert!(texts(&sheet, "a.term").is_empty());

    // The tooltip text is not indexed for search on the pages that use a term.
    let index = std::fs::read_to_string(out.join("search/text-0.js")).unwrap();
    assert_eq!(index.matches("En bestämd följd av steg.").count(), 1);
}

#[test]
fn a_bad_glossary_is_a_located_error() {
    let o = insikt(&["check", fixture("invalid/bad-glossary").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("content/glossary.yaml:3"), "{err}");
    assert!(err.contains("unknown glossary key `definiton`"), "{err}");
    assert!(err.contains("did you mean `definition`"), "{err}");
}
