//! `insikt import mdbook|zola`: a book or site imported into a new project that builds, with
//! the source's order and titles, working links and inlined includes; and what it refuses.

use crate::common;

use common::*;
use std::path::{Path, PathBuf};

/// Imports the fixture `name` with `format` into a new folder, returning the temporary
/// folder, the new project and what the command printed.
fn import(format: &str, name: &str) -> (tempfile::TempDir, PathBuf, String) {
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("report");
    let o = insikt(&[
        "import",
        format,
        fixture(name).to_str().unwrap(),
        dest.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "import failed:\n{err}");
    (tmp, dest, err)
}

/// The file a relative `href` or `src` on the page `page` points at.
fn target(page: &Path, link: &str) -> PathBuf {
    let path = link.split('#').next().unwrap();
    page.parent().unwrap().join(path)
}

#[test]
fn an_mdbook_book_builds_in_the_order_and_with_the_titles_of_its_summary() {
    let (tmp, project, printed) = import("mdbook", "valid/import-mdbook");
    let site = tmp.path().join("site");
    build(&project, &site);

    // SUMMARY.md's order and titles: the prefix chapter (titled in SUMMARY.md, not by its
    // heading), the README section with its nested chapters, a chapter nested in a sibling
    // file's section, the suffix chapter; the draft is left out.
    let print = html(&site.join("print.html"));
    let order = [
        "Before you start",
        "Reading data",
        "Tables",
        "Charts",
        "Colours",
        "Writing",
        "Thanks",
    ];
    assert_eq!(texts(&print, ".print-chapter-title"), order);
    let colours = site.join("reading/charts/colours/index.html");
    let nav = texts(&html(&colours), ".site-nav .nav-link");
    let mut expected = vec!["Home"];
    expected.extend(order);
    assert_eq!(nav, expected);

    // The front page is the book's README.
    let front = html(&site.join("index.html"));
    assert_eq!(texts(&front, ".hero-title"), ["Introduction"]);

    // The include's lines 2 to 3, and only those.
    let tables_file = site.join("reading/tables/index.html");
    let tables = html(&tables_file);
    assert_eq!(texts(&tables, "pre code"), ["Kil;12 Arvika;30"]);

    // Links between chapters resolve, anchors mapped to insikt's ids (mdBook's
    // `#okabeito` is insikt's `#okabe-ito`); the image was copied beside the pages.
    let to_colours = attrs(&tables, "a[href*='colours']", "href");
    assert_eq!(
        to_colours,
        ["../../reading/charts/colours/index.html#okabe-ito"]
    );
    assert_eq!(attrs(&html(&colours), "h2#okabe-ito", "id"), ["okabe-ito"]);
    for (page, doc) in [
        (&tables_file, &tables),
        (&site.join("index.html"), &front),
        (&colours, &html(&colours)),
    ] {
        for href in attrs(doc, ".prose a[href]", "href") {
            assert!(
                target(page, &href).is_file(),
                "{href} from {}",
                page.display()
            );
        }
    }
    let charts_file = site.join("reading/charts/index.html");
    // Markdown and HTML images alike (insikt leaves HTML as it is, so the import writes
    // the built file's path there).
    let images = attrs(&html(&charts_file), ".prose img", "src");
    assert_eq!(images.len(), 2);
    for src in &images {
        assert!(target(&charts_file, src).is_file(), "{images:?}");
    }

    // What was not kept is listed with file and line, in the output and in book.toml.
    for expected in [
        "Imported the mdBook book",
        "9 pages written",
        "1 include inlined",
        "src/charts.md → content/reading/charts/_index.md",
        "src/SUMMARY.md:6: part title `# Guide` not kept",
        "src/writing.md:7: `{{#playground example.rs}}` left as written",
        "src/writing.md:3: `{{#title Writing well}}` removed",
        "book.toml:13: `output.html.additional-css` not kept",
        "src/notes.md: not imported",
    ] {
        assert!(
            printed.contains(expected),
            "{expected:?} missing from:\n{printed}"
        );
    }
    let book = std::fs::read_to_string(project.join("book.toml")).unwrap();
    assert!(book.starts_with("# Made by `insikt import`"), "{book}");
    assert!(
        book.contains("#   book.toml:17: `preprocessor.katex.after` not kept"),
        "{book}"
    );
    assert!(book.contains("output = \"book\""), "{book}");
}

#[test]
fn a_zola_site_builds_in_its_order_with_bundles_and_internal_links() {
    let (tmp, project, printed) = import("zola", "valid/import-zola");
    let site = tmp.path().join("site");
    build(&project, &site);

    // Root pages by weight, then sections by weight; "Tjänster" sorted by date (newest
    // first), then its subsection; "Rapporter" by title, Å as A.
    let order = [
        "Om rapporten",
        "Bakgrund",
        "Tjänster",
        "Dagverksamhet",
        "Hemtjänst",
        "Landsbygd",
        "Färjor",
        "Rapporter",
        "Årsrapport",
        "Budget",
    ];
    let print = html(&site.join("print.html"));
    assert_eq!(texts(&print, ".print-chapter-title"), order);
    let ferries = site.join("services/rural/ferries/index.html");
    let nav = texts(&html(&ferries), ".site-nav .nav-link");
    assert_eq!(
        nav,
        [
            "Startsida",
            "Om rapporten",
            "Bakgrund",
            "Tjänster",
            "Dagverksamhet",
            "Hemtjänst",
            "Landsbygd",
            "Färjor",
            "Rapporter",
        ]
    );

    // A page's `slug` names its file, so its URL is Zola's.
    assert!(site.join("reports/budget-2024/index.html").is_file());

    // The bundle keeps its URL (its date taken off, as Zola does) and its image.
    let bundle = site.join("services/day-centre/index.html");
    let doc = html(&bundle);
    let images = attrs(&doc, ".prose img", "src");
    assert_eq!(images.len(), 1);
    assert!(target(&bundle, &images[0]).is_file(), "{images:?}");

    // `@/` links and URL links resolve; the anchor is kept.
    let front = html(&site.join("index.html"));
    assert_eq!(
        attrs(&front, ".prose a", "href"),
        ["bakgrund/index.html#why-it-matters"]
    );
    for page in [&bundle, &ferries, &site.join("om/index.html")] {
        for href in attrs(&html(page), ".prose a[href]", "href") {
            assert!(
                target(page, &href).is_file(),
                "{href} from {}",
                page.display()
            );
        }
    }
    assert_eq!(
        attrs(&html(&ferries), ".prose a", "href"),
        ["../../../services/day-centre/index.html"]
    );

    for expected in [
        "Imported the Zola site",
        "content/services/2024-03-01-day-centre/index.md:7: shortcode `{{ youtube(id=\"dQw4w9WgXcQ\") }}` left as written",
        "content/services/_index.md:5: `paginate_by` not kept",
        "content/om.md:5: `aliases` not kept",
        "config.toml:1: `base_url` not kept",
        "templates: not imported",
    ] {
        assert!(printed.contains(expected), "{expected:?} missing from:\n{printed}");
    }
    let om = std::fs::read_to_string(project.join("content/om.md")).unwrap();
    assert!(om.contains("summary: \"Who wrote this and why.\""), "{om}");
    assert!(om.contains("authors: [\"Eva Ek\"]"), "{om}");
    let book = std::fs::read_to_string(project.join("book.toml")).unwrap();
    assert!(book.contains("language = \"sv\""), "{book}");
}

#[test]
fn import_refuses_a_folder_that_is_not_empty_and_leaves_it_alone() {
    for format in ["mdbook", "zola"] {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("report");
        std::fs::create_dir(&dest).unwrap();
        std::fs::write(dest.join("notes.txt"), "mine").unwrap();
        let source = fixture(if format == "mdbook" {
            "valid/import-mdbook"
        } else {
            "valid/import-zola"
        });
        let o = insikt(&[
            "import",
            format,
            source.to_str().unwrap(),
            dest.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1), "{format}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("is not empty"), "{err}");
        assert_eq!(
            snapshot(tmp.path()).len(),
            1,
            "{format}: something was written"
        );
        assert_eq!(
            std::fs::read_to_string(dest.join("notes.txt")).unwrap(),
            "mine"
        );
    }
}

#[test]
fn a_failed_import_writes_nothing() {
    let (tmp, book) = copy_fixture("valid/import-mdbook");
    let summary = book.join("src/SUMMARY.md");
    let text = std::fs::read_to_string(&summary).unwrap();
    std::fs::write(&summary, text.replace("thanks.md", "missing.md")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("report");
    let o = insikt(&[
        "import",
        "mdbook",
        book.to_str().unwrap(),
        dest.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("src/SUMMARY.md:17:1: chapter `Thanks`"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert!(
        std::fs::read_dir(out.path()).unwrap().next().is_none(),
        "no folder, no staging folder left behind"
    );
    drop(tmp);
}

#[test]
fn import_refuses_a_destination_inside_the_folders_it_reads() {
    let (_tmp, book) = copy_fixture("valid/import-mdbook");
    let dest = book.join("src/insikt");
    let o = insikt(&[
        "import",
        "mdbook",
        book.to_str().unwrap(),
        dest.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("which is being imported"));
    assert!(!dest.exists());
}

#[cfg(unix)]
#[test]
fn nothing_is_read_through_a_link_out_of_the_book() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "TOP SECRET").unwrap();
    let (_tmp, book) = copy_fixture("valid/import-mdbook");
    let secret = outside.path().join("secret.txt");
    std::os::unix::fs::symlink(&secret, book.join("src/secret.txt")).unwrap();
    std::os::unix::fs::symlink(&secret, book.join("listings/leak.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), book.join("src/away")).unwrap();
    let thanks = book.join("src/thanks.md");
    std::fs::write(
        &thanks,
        format!(
            "# Thanks\n\n{{{{#include ../listings/leak.txt}}}}\n{{{{#include {}}}}}\n",
            secret.display()
        ),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("report");
    let o = insikt(&[
        "import",
        "mdbook",
        book.to_str().unwrap(),
        dest.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    for (path, bytes) in snapshot(&dest) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("TOP SECRET"),
            "{} holds the secret",
            path.display()
        );
    }
    assert!(
        err.contains("src/secret.txt: skipped: a symbolic link"),
        "{err}"
    );
    assert!(err.contains("src/away: skipped: a symbolic link"), "{err}");
    assert!(
        err.contains("src/thanks.md:3: `{{#include ../listings/leak.txt}}` left as written"),
        "{err}"
    );
    assert!(err.contains("src/thanks.md:4:"), "{err}");
}
