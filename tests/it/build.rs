//! Building valid fixture projects: pages, navigation, links, languages, determinism and
//! the output swap.

use crate::common;

use common::*;

#[test]
fn every_content_file_becomes_a_page_and_drafts_are_left_out() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("valid/report-sv"), &out);
    for page in [
        "index.html",
        "sammanfattning/index.html",
        "ordlista/index.html",
        "kapitel/index.html",
        "kapitel/fall/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page} missing");
    }
    assert!(!out.join("kapitel/utkast").exists(), "draft was built");
    assert!(out.join("assets/insikt.css").is_file());
    assert!(
        out.join("bilder/logga.svg").is_file(),
        "static file not copied"
    );
    let nav = texts(&html(&out.join("index.html")), "nav a");
    assert!(
        !nav.iter().any(|t| t.contains("Utkast")),
        "draft in navigation: {nav:?}"
    );
}

#[test]
fn drafts_are_built_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = insikt(&[
        "build",
        fixture("valid/report-sv").to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--drafts",
    ]);
    assert!(o.status.success());
    assert!(out.join("kapitel/utkast/index.html").is_file());
}

#[test]
fn page_structure_language_and_metadata() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("valid/report-sv"), &out);
    let doc = html(&out.join("sammanfattning/index.html"));
    assert_eq!(attrs(&doc, "html", "lang"), ["sv"]);
    assert_eq!(texts(&doc, "h1"), ["Sammanfattning"]);
    assert_eq!(
        texts(&doc, "title"),
        ["Sammanfattning – Testrapport om dataläskunnighet"]
    );
    // Duplicate headings get distinct ids; the table of contents lists them.
    assert_eq!(attrs(&doc, "main h2", "id"), ["resultat", "resultat-1"]);
    let toc = attrs(&doc, "nav a[href^='#']", "href");
    assert!(toc.contains(&"#resultat-1".to_string()), "toc: {toc:?}");
    // Swedish quotes in prose, code untouched.
    let body = texts(&doc, "main p").join(" ");
    assert!(body.contains("”data”"), "{body}");
    assert!(
        !body.contains('“'),
        "English quotes in a Swedish report: {body}"
    );
    assert_eq!(texts(&doc, "main code"), ["\"kod\""]);
    // Badges in the report's language.
    let all = texts(&doc, "body").join(" ");
    for label in ["Kapitel", "Förtroendevalda", "Lärande och förbättring"] {
        assert!(all.contains(label), "badge {label} missing");
    }
    // Extensions: footnote, task list, table with alignment, strikethrough.
    assert_eq!(attrs(&doc, "sup.footnote-ref a", "href"), ["#fn-kalla"]);
    assert_eq!(attrs(&doc, "[id='fn-kalla']", "class"), ["footnote"]);
    assert_eq!(
        attrs(&doc, ".task-marker", "aria-label"),
        ["Klart", "Inte klart"]
    );
    assert_eq!(texts(&doc, "main table td"), ["Karlstad", "12,5 %"]);
    assert_eq!(texts(&doc, "main del"), ["struket"]);
}

#[test]
fn links_are_relative_and_name_files() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("valid/report-sv"), &out);
    let doc = html(&out.join("sammanfattning/index.html"));
    let main_links = attrs(&doc, "main a", "href");
    assert!(
        main_links.contains(&"../kapitel/fall/index.html#vad-hande".to_string()),
        "{main_links:?}"
    );
    // A fragment written with Nordic letters is transliterated like the heading id.
    assert!(
        main_links.contains(&"../ordlista/index.html#datalaskunnighet-1".to_string()),
        "{main_links:?}"
    );
    for file in [
        "index.html",
        "sammanfattning/index.html",
        "kapitel/fall/index.html",
    ] {
        let doc = html(&out.join(file));
        for attr in ["href", "src"] {
            for url in attrs(&doc, &format!("[{attr}]"), attr) {
                assert!(!url.starts_with('/'), "{file}: absolute link {url}");
                assert!(!url.contains("://"), "{file}: link to another host {url}");
                let path = url.split('#').next().unwrap();
                assert!(
                    path.is_empty() || !path.ends_with('/'),
                    "{file}: link to a folder {url} does not open over file://"
                );
                if !path.is_empty() {
                    let target = out.join(file).parent().unwrap().join(path);
                    assert!(target.exists(), "{file}: {url} points to a missing file");
                }
            }
        }
    }
    let section = html(&out.join("kapitel/index.html"));
    assert_eq!(attrs(&section, "main img", "src"), ["../bilder/logga.svg"]);
}

#[test]
fn navigation_breadcrumbs_and_reading_order() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("valid/report-sv"), &out);
    let doc = html(&out.join("kapitel/fall/index.html"));
    assert_eq!(
        texts(&doc, "nav[aria-label='Du är här'] a"),
        ["Testrapport", "Insatser"]
    );
    let current = texts(&doc, "nav a[aria-current='page']");
    assert!(
        current.contains(&"Vårdcentralen".to_string()),
        "{current:?}"
    );
    // Reading order: front page, weight 1, 2, 3 (section), then its pages.
    let front = html(&out.join("index.html"));
    let rel_next = attrs(&front, "a[rel='next']", "href");
    assert_eq!(rel_next, ["sammanfattning/index.html"]);
    let prev = attrs(&doc, "a[rel='prev']", "href");
    assert_eq!(
        prev,
        ["../../kapitel/index.html"],
        "the case's previous page is its section"
    );
    // The case narrative shows why it was chosen.
    let body = texts(&doc, "body").join(" ");
    assert!(
        body.contains("Fallet visar hur data från egna system"),
        "{body}"
    );
    assert!(body.contains("Fallstudie"));
}

#[test]
fn front_page_shows_report_and_sections() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("valid/report-sv"), &out);
    let doc = html(&out.join("index.html"));
    let body = texts(&doc, "body").join(" ");
    for s in [
        "Insiktsrapport",
        "Region Testland",
        "1 maj 2023",
        "Vad regionen gjorde.",
    ] {
        assert!(body.contains(s), "front page lacks {s}: {body}");
    }
    assert_eq!(texts(&doc, "h1").len(), 1);
}

#[test]
fn danish_and_norwegian_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let da = tmp.path().join("da");
    build(&fixture("valid/report-da"), &da);
    let doc = html(&da.join("interviews/index.html"));
    assert_eq!(attrs(&doc, "html", "lang"), ["da"]);
    assert!(texts(&doc, "main p").join(" ").contains("»gode historier«"));
    assert!(texts(&doc, "a").contains(&"Spring til indholdet".to_string()));
    assert_eq!(
        attrs(&doc, "main h2", "id"),
        ["sma-teams-pa-to-til-fem-personer"]
    );
    assert!(texts(&doc, "body")
        .join(" ")
        .contains("Dokumentere resultater"));

    let nb = tmp.path().join("nb");
    build(&fixture("valid/report-nb"), &nb);
    let doc = html(&nb.join("legevakt/index.html"));
    assert_eq!(attrs(&doc, "html", "lang"), ["nb"]);
    assert!(texts(&doc, "main p").join(" ").contains("«annet»"));
    assert_eq!(
        attrs(&doc, "main h2", "id"),
        ["saerlige-utfordringer-pa-okten"]
    );
    assert!(texts(&doc, "a").contains(&"Hopp til innholdet".to_string()));
}

#[test]
fn building_twice_gives_identical_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(&fixture("valid/report-sv"), &a);
    build(&fixture("valid/report-sv"), &b);
    assert_eq!(snapshot(&a), snapshot(&b));
}

#[test]
fn the_example_report_builds_identically_twice() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(root, &a);
    build(root, &b);
    let first = snapshot(&a);
    assert!(first.len() > 10, "the example report has pages");
    assert_eq!(first, snapshot(&b));
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let (tmp, project) = copy_fixture("valid/report-sv");
    let out = tmp.path().join("public");
    build(&project, &out);
    let before = snapshot(&out);
    std::fs::write(
        project.join("content/sammanfattning.md"),
        "---\ntitle: Trasig\nweight: tung\n---\nText.\n",
    )
    .unwrap();
    let o = insikt(&[
        "build",
        project.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(snapshot(&out), before, "the last good site changed");
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("insikt-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn a_successful_rebuild_replaces_the_site_completely() {
    let (tmp, project) = copy_fixture("valid/report-sv");
    let out = tmp.path().join("public");
    build(&project, &out);
    std::fs::remove_file(project.join("content/ordlista.md")).unwrap();
    std::fs::write(
        project.join("content/sammanfattning.md"),
        "---\ntitle: Sammanfattning\n---\nKort.\n",
    )
    .unwrap();
    build(&project, &out);
    assert!(
        !out.join("ordlista").exists(),
        "a removed page stayed in the output"
    );
}

#[test]
fn check_writes_nothing() {
    let (tmp, project) = copy_fixture("valid/report-sv");
    let o = insikt(&["check", project.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!project.join("public").exists());
    let entries: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(entries.len(), 1, "check created files");
}

#[test]
fn config_output_is_used_by_default() {
    let (_tmp, project) = copy_fixture("valid/report-nb");
    append(&project, "book.toml", "\n[build]\noutput = \"ut\"\n");
    let o = insikt(&["build", project.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(project.join("ut/index.html").is_file());
}

#[test]
fn a_project_theme_overrides_one_template_and_adds_static_files() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("valid/theme-override"), &out);
    let page = html(&out.join("side/index.html"));
    assert_eq!(
        texts(&page, ".egen-mal p"),
        ["Ho sa \"hei\"."],
        "as-typed quotes, own template"
    );
    assert_eq!(attrs(&page, "html", "lang"), ["nn"]);
    assert!(texts(&page, "a").contains(&"Hopp til innhaldet".to_string()));
    // Templates not overridden come from the built-in theme.
    let front = html(&out.join("index.html"));
    assert!(texts(&front, ".egen-mal").is_empty());
    assert_eq!(texts(&front, "h1"), ["Framside"]);
    assert!(out.join("assets/egen.css").is_file());
    assert!(out.join("assets/insikt.css").is_file());
}

#[test]
fn a_missing_theme_is_an_error() {
    let (_tmp, project) = copy_fixture("valid/theme-override");
    std::fs::remove_dir_all(project.join("themes")).unwrap();
    let o = insikt(&["check", project.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("the theme `egen` does not exist"), "{err}");
}

#[test]
fn navigation_lists_only_the_current_path_below_the_top_level() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("rapport");
    std::fs::create_dir_all(project.join("content")).unwrap();
    std::fs::write(
        project.join("book.toml"),
        "[book]\ntitle = \"Stor\"\nlanguage = \"sv\"\n",
    )
    .unwrap();
    std::fs::write(project.join("content/_index.md"), "Start.\n").unwrap();
    for s in ["a", "b", "c"] {
        let dir = project.join("content").join(s);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("_index.md"),
            format!("---\ntitle: Avsnitt {s}\n---\nText.\n"),
        )
        .unwrap();
        for p in 1..=3 {
            std::fs::write(
                dir.join(format!("sida{p}.md")),
                format!("---\ntitle: Sida {s}{p}\n---\nText.\n"),
            )
            .unwrap();
        }
    }
    let out = tmp.path().join("site");
    build(&project, &out);
    let doc = html(&out.join("b/sida2/index.html"));
    let nav = texts(&doc, ".site-nav .nav-link");
    for expected in [
        "Avsnitt a",
        "Avsnitt b",
        "Avsnitt c",
        "Sida b1",
        "Sida b2",
        "Sida b3",
    ] {
        assert!(
            nav.contains(&expected.to_string()),
            "{expected} missing from {nav:?}"
        );
    }
    for hidden in ["Sida a1", "Sida c3"] {
        assert!(
            !nav.contains(&hidden.to_string()),
            "{hidden} listed on another section's page"
        );
    }
    assert_eq!(texts(&doc, ".site-nav [aria-current='page']"), ["Sida b2"]);
}
