//! `insikt new`: a starter report in each language that builds and passes `insikt check`,
//! and refuses to write into a folder that is not empty.

use crate::common;

use common::*;

#[test]
fn a_new_report_builds_and_checks_in_every_language() {
    for lang in ["sv", "da", "nb", "nn", "fi", "en"] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("rapport");
        let o = insikt(&["new", dir.to_str().unwrap(), "--language", lang]);
        assert!(
            o.status.success(),
            "{lang}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let book = std::fs::read_to_string(dir.join("book.toml")).unwrap();
        assert!(book.contains(&format!("language = \"{lang}\"")), "{book}");

        let o = insikt(&["check", dir.to_str().unwrap()]);
        assert!(
            o.status.success(),
            "{lang} check: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let out = tmp.path().join("site");
        build(&dir, &out);
        let front = html(&out.join("index.html"));
        assert_eq!(attrs(&front, "html", "lang"), [lang]);
        // Front page, a chapter, a case narrative and a worksheet.
        let language = insikt_core::language::Language::from_code(lang).unwrap();
        let (sheet, _) = insikt::cmd::template(language)
            .iter()
            .find(|(path, _)| path.ends_with(".yaml"))
            .expect("a worksheet");
        let sheet_dir = sheet
            .trim_start_matches("content/")
            .trim_end_matches(".yaml");
        assert!(
            out.join(sheet_dir).join("index.html").is_file(),
            "{lang}: no worksheet page"
        );
        let print = html(&out.join("print.html"));
        let kinds = texts(&print, ".print-kind");
        assert!(kinds.len() >= 2, "{lang}: {kinds:?}");
        assert!(out.join("search-index.js").is_file());
        // One dataset with its codebook page, drawn as a chart in the chapter.
        let codebook = std::fs::read_dir(out.join("codebook"))
            .unwrap_or_else(|_| panic!("{lang}: no codebook"))
            .filter(|e| e.as_ref().unwrap().path().is_dir())
            .count();
        assert_eq!(codebook, 1, "{lang}: codebook pages");
        let charts: usize = std::fs::read_dir(out.join("data"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "csv")
            })
            .count();
        assert_eq!(charts, 1, "{lang}: published datasets");
        let svgs: usize = walk_html(&out)
            .iter()
            .map(|p| attrs(&html(p), "svg[role='img']", "role").len())
            .sum();
        assert!(svgs >= 1, "{lang}: no chart drawn");
    }
}

fn walk_html(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.extend(walk_html(&p));
        } else if p.file_name().is_some_and(|n| n == "index.html") {
            out.push(p);
        }
    }
    out
}

#[test]
fn new_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("anteckningar.txt"), "mina").unwrap();
    let o = insikt(&["new", tmp.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("is not empty"), "{err}");
    assert!(!tmp.path().join("book.toml").exists());
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("anteckningar.txt")).unwrap(),
        "mina"
    );
}

#[test]
fn new_rejects_an_unknown_language_as_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let o = insikt(&[
        "new",
        tmp.path().join("x").to_str().unwrap(),
        "--language",
        "de",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown language `de`"));
}
