//! What insikt reads: links stay inside the project, every published name is safe in a web
//! address, each file of the site has one source, text is clean UTF-8, and one run reports
//! every error of every input.

use crate::common;

use common::*;
use std::path::{Path, PathBuf};

/// `insikt check DIR`: exit code and standard error.
fn check(dir: &Path) -> (i32, String) {
    let o = insikt(&["check", dir.to_str().unwrap()]);
    (
        o.status.code().unwrap(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A report in a temporary folder: `rapport/` with a Swedish `book.toml`, a front page and
/// `files` (path from the project, contents) written over them.
fn project(files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("rapport");
    let defaults: [(&str, &[u8]); 2] = [
        (
            "book.toml",
            b"[book]\ntitle = \"Rapport\"\nlanguage = \"sv\"\n",
        ),
        ("content/_index.md", b"# Rapport\n\nText.\n"),
    ];
    for (path, bytes) in defaults.iter().chain(files) {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    (tmp, root)
}

/// The number of errors the run reported, from its last line.
fn error_count(err: &str) -> usize {
    let last = err.lines().last().unwrap_or("");
    last.split(' ').next().unwrap_or("").parse().unwrap_or(0)
}

#[test]
fn every_kind_of_error_is_reported_in_one_run() {
    let (code, err) = check(&fixture("invalid/all-errors"));
    assert_eq!(code, 1);
    for expected in [
        "book.toml:4:1: unknown key `subtitel`",
        "content/trasig.md:3:9: expected a whole number",
        "content/fragor.yaml:10:9: the key `kind` appears twice",
        "content/glossary.yaml:3:5: unknown glossary key `defintion`",
        "data/kodbok.yaml:4:11: unknown value `text`",
        "data/celler.csv:3:8: row 3, column `antal`: `tolv` is not a whole number",
        "content/trasig.md:6:23: link to `finns-inte.md`",
        "content/trasig.md:20:1: `chart` block: unknown key `titel`",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
    // Pages and datasets with errors are still known: links and charts naming them give
    // no second error.
    assert_eq!(error_count(&err), 8, "{err}");
    for leak in ["DuplicateKeyPolicy", "Options", "struct ", "u32", "i64"] {
        assert!(!err.contains(leak), "`{leak}` leaked into:\n{err}");
    }
}

#[test]
fn an_invalid_book_toml_still_checks_the_report_in_its_language() {
    let (_tmp, root) = project(&[
        (
            "book.toml",
            b"[book]\ntitle = \"Rapport\"\nlanguage = \"da\"\nundertitel = \"x\"\n\n[build]\ndrafts = \"ja\"\n",
        ),
        (
            "content/glossary.yaml",
            b"terms:\n  - term: Data\n    definition: Tal.\n",
        ),
        ("content/ordliste.md", b"# Ordliste\n"),
        ("content/side.md", b"[her](mangler.md)\n"),
    ]);
    let (code, err) = check(&root);
    assert_eq!(code, 1);
    assert!(
        err.contains("book.toml:4:1: unknown key `undertitel`"),
        "{err}"
    );
    assert!(err.contains("book.toml:7:10: expected a boolean"), "{err}");
    // The Danish glossary folder: the language was read from the invalid file.
    assert!(err.contains("both become `ordliste/index.html`"), "{err}");
    assert!(
        err.contains("content/side.md:1:1: link to `mangler.md`"),
        "{err}"
    );
    assert_eq!(error_count(&err), 4, "{err}");
}

#[test]
fn one_source_per_file_of_the_site() {
    let (code, err) = check(&fixture("invalid/collisions"));
    assert_eq!(code, 1);
    for expected in [
        "error: content/fallstudie.md: `content/fallstudie.md` and `content/fallstudie/_index.md` both become `fallstudie/index.html`",
        "error: content/bakgrund.yaml: `content/bakgrund.yaml` and `content/bakgrund.md` both become `bakgrund/index.html`",
        "error: content/arbetsblad.md: `content/arbetsblad.md` and the overview of the worksheets both become `arbetsblad/index.html`",
        "error: content/ordlista.md: `content/ordlista.md` and the glossary page",
        "error: content/codebook.md: `content/codebook.md` becomes `codebook/index.html`, inside `codebook/`",
        "error: content/assets/search.js: `content/assets/search.js` and the built-in theme's `search.js`",
        "error: content/data/besok.csv: `content/data/besok.csv` and the published copy of `data/besok.csv`",
        "error: content/kapitel/figur-1.svg: `content/kapitel/figur-1.svg` and a chart download of `content/kapitel.md`",
        "error: content/data/besok.csv: a data file under `content/` would be published without a codebook",
        "error: static/index.html: `static/index.html` and `content/_index.md` both become `index.html`",
        "error: static/print.html:",
        "error: static/search-index.js:",
        "error: static/kapitel: `static/kapitel` becomes the file `kapitel`, but `content/kapitel.md` becomes `kapitel/index.html`",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
    assert_eq!(error_count(&err), 13, "{err}");
}

/// Names git cannot hold on every system are made in the test.
#[test]
fn names_that_differ_only_in_letter_case_clash() {
    let (_tmp, root) = project(&[
        ("content/Fall.md", b"# Fall\n"),
        ("content/fall.md", b"# fall\n"),
        ("content/bilder/Logo.svg", b"<svg/>"),
        ("static/bilder/logo.svg", b"<svg/>"),
    ]);
    let (code, err) = check(&root);
    assert_eq!(code, 1);
    assert!(
        err.contains("error: content/fall.md: `content/fall.md` becomes `fall/index.html` and `content/Fall.md` becomes `Fall/index.html`: the names differ only in letter case"),
        "{err}"
    );
    assert!(
        err.contains("error: static/bilder/logo.svg: `static/bilder/logo.svg` becomes `bilder/logo.svg` and `content/bilder/Logo.svg`"),
        "{err}"
    );
    assert_eq!(error_count(&err), 2, "{err}");
}

#[cfg(unix)]
#[test]
fn unsafe_names_are_errors_with_a_suggested_name() {
    let (_tmp, root) = project(&[
        ("content/javascript:alert(1).md", b"# Klicka\n"),
        ("content/Min bild.png", b"png"),
        ("content/rad\nbryt.md", b"# Rad\n"),
        ("content/mapp?/_index.md", b"# Mapp\n"),
        ("static/100%.txt", b"x"),
        ("data/mina data.csv", b"a,b\n1,2\n"),
    ]);
    let (code, err) = check(&root);
    assert_eq!(code, 1);
    for (file, why, suggestion) in [
        (
            "content/javascript:alert(1).md",
            "`:`",
            "javascript-alert(1).md",
        ),
        ("content/Min bild.png", "a space", "Min-bild.png"),
        (
            "content/rad\u{240a}bryt.md",
            "a control character",
            "rad-bryt.md",
        ),
        ("content/mapp?", "`?`", "mapp-"),
        ("static/100%.txt", "`%`", "100-.txt"),
        ("data/mina data.csv", "a space", "mina-data.csv"),
    ] {
        let line = format!("error: {file}: the name ");
        let at = err
            .find(&line)
            .unwrap_or_else(|| panic!("no `{line}` in:\n{err}"));
        let message = &err[at..];
        assert!(message.contains(&format!("it holds {why}")), "{message}");
        assert!(
            message.contains(&format!("e.g. to `{suggestion}`")),
            "{message}"
        );
    }
    assert_eq!(error_count(&err), 6, "{err}");
}

#[cfg(unix)]
#[test]
fn links_out_of_the_project_are_errors_and_nothing_is_published() {
    use std::os::unix::fs::symlink;
    let (tmp, root) = project(&[
        (
            "book.toml",
            b"[book]\ntitle = \"Rapport\"\nlanguage = \"sv\"\n\n[theme]\nname = \"egen\"\n",
        ),
        ("content/sida.md", b"# Sida\n"),
        ("static/ok.txt", b"ok"),
        ("data/ok.csv", b"a,b\n1,2\n"),
        ("themes/egen/static/ok.css", b"body{}"),
    ]);
    let outside = tmp.path().join("hemligt");
    std::fs::create_dir_all(outside.join("mapp")).unwrap();
    std::fs::write(outside.join("lösen.md"), "# HEMLIGT lösenord\n").unwrap();
    std::fs::write(outside.join("mapp/a.md"), "# HEMLIGT\n").unwrap();
    std::fs::write(outside.join("pw.csv"), "user;uid\nHEMLIGT;0\n").unwrap();
    symlink(outside.join("lösen.md"), root.join("content/lösen.md")).unwrap();
    symlink("../../hemligt/mapp", root.join("content/mapp")).unwrap();
    symlink(outside.join("pw.csv"), root.join("data/pw.csv")).unwrap();
    symlink(outside.join("pw.csv"), root.join("static/pw.csv")).unwrap();
    symlink(&outside, root.join("themes/egen/templates")).unwrap();

    let (code, err) = check(&root);
    assert_eq!(code, 1);
    for file in [
        "content/lösen.md",
        "content/mapp",
        "data/pw.csv",
        "static/pw.csv",
        "themes/egen/templates",
    ] {
        let line = format!("error: {file}: this symbolic link leads outside the project folder");
        assert!(err.contains(&line), "no `{line}` in:\n{err}");
    }
    assert_eq!(error_count(&err), 5, "{err}");
    assert!(!err.contains("HEMLIGT"), "{err}");

    let out = tmp.path().join("site");
    let o = insikt(&[
        "build",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists());
}

#[cfg(unix)]
#[test]
fn a_book_toml_outside_the_project_is_not_read() {
    let (tmp, root) = project(&[("content/sida.md", b"[x](saknas.md)\n")]);
    let config = root.join("book.toml");
    let outside = tmp.path().join("book.toml");
    std::fs::rename(&config, &outside).unwrap();
    std::os::unix::fs::symlink(&outside, &config).unwrap();
    let (code, err) = check(&root);
    assert_eq!(code, 1);
    assert!(
        err.contains("error: book.toml: this symbolic link leads outside the project folder"),
        "{err}"
    );
    assert!(
        err.contains("content/sida.md:1:1: link to `saknas.md`"),
        "{err}"
    );
    assert_eq!(error_count(&err), 2, "{err}");
}

#[cfg(unix)]
#[test]
fn links_inside_the_project_are_followed() {
    use std::os::unix::fs::symlink;
    let (tmp, root) = project(&[
        ("delat/text.md", b"# Delad text\n\nStycket finns en gang.\n"),
        (
            "delat/logo.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
        ("kallor/besok.csv", b"kommun,antal\nKil,12\n"),
        (
            "content/_index.md",
            b"# Rapport\n\n[Texten](kopia.md), ![logo](/logo.svg) och [data](../data/besok.csv).\n",
        ),
    ]);
    symlink("../delat/text.md", root.join("content/kopia.md")).unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    symlink("../delat/logo.svg", root.join("static/logo.svg")).unwrap();
    std::fs::create_dir_all(root.join("data")).unwrap();
    symlink("../kallor/besok.csv", root.join("data/besok.csv")).unwrap();
    let out = tmp.path().join("site");
    build(&root, &out);
    let page = std::fs::read_to_string(out.join("kopia/index.html")).unwrap();
    assert!(page.contains("Stycket finns en gang."), "{page}");
    assert!(out.join("logo.svg").is_file());
    assert!(out.join("codebook/besok/index.html").is_file());
}

#[cfg(unix)]
#[test]
fn broken_links_and_loops_are_errors() {
    use std::os::unix::fs::symlink;
    let (_tmp, root) = project(&[]);
    symlink("finns-inte.md", root.join("content/borta.md")).unwrap();
    symlink("..", root.join("content/runt")).unwrap();
    std::fs::create_dir_all(root.join("content/del")).unwrap();
    std::fs::write(root.join("content/del/_index.md"), "# Del\n").unwrap();
    symlink("../../content", root.join("content/del/tillbaka")).unwrap();
    let (code, err) = check(&root);
    assert_eq!(code, 1);
    assert!(
        err.contains("error: content/borta.md: this symbolic link leads to `finns-inte.md`, which does not exist"),
        "{err}"
    );
    assert!(
        err.contains("error: content/runt: this symbolic link leads back to the project folder, a folder it is in: a loop"),
        "{err}"
    );
    assert!(
        err.contains("error: content/del/tillbaka: this symbolic link leads back to `content`, a folder it is in: a loop"),
        "{err}"
    );
    assert_eq!(error_count(&err), 3, "{err}");
}

#[test]
fn control_characters_are_errors_in_every_text_input() {
    let (_tmp, root) = project(&[
        (
            "book.toml",
            b"[book]\ntitle = \"Rap\x1b[2Jport\"\nlanguage = \"sv\"\n\n[theme]\nname = \"egen\"\n",
        ),
        ("content/sida.md", b"---\ntitle: Sida\n---\n\nEtt\x00 ord.\n"),
        (
            "content/fragor.yaml",
            b"id: fragor\ntitle: Fr\x07gor\nsections:\n  - id: s1\n    title: S\n    questions:\n      - id: q1\n        kind: open\n        text: Vad?\n",
        ),
        (
            "content/glossary.yaml",
            b"terms:\n  - term: Ord\n    definition: Ett\x0b ord.\n",
        ),
        ("data/besok.csv", b"kommun,antal\nKil,12\n"),
        (
            "data/besok.yaml",
            b"title: Bes\xc2\x85k\nfields:\n  - name: kommun\n    type: string\n  - name: antal\n    type: integer\n",
        ),
        (
            "themes/egen/templates/page.html",
            b"{% extends \"base.html\" %}\n\x7f\n",
        ),
    ]);
    let (code, err) = check(&root);
    assert_eq!(code, 1);
    for expected in [
        "book.toml:2:13: the control character U+001B (ESC)",
        "content/sida.md:5:4: the control character U+0000 (NUL)",
        "content/fragor.yaml:2:10: the control character U+0007 (BEL)",
        "content/glossary.yaml:3:20: the control character U+000B (vertical tab)",
        "data/besok.yaml:1:11: the control character U+0085 (next line)",
        "themes/egen/templates/page.html:2:1: the control character U+007F (DEL)",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
    assert_eq!(error_count(&err), 6, "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\0'), "{err:?}");
}

#[test]
fn text_that_is_not_utf8_is_located_by_line_and_column() {
    let (_tmp, root) = project(&[
        ("content/sida.md", b"# Sida\n\nVi s\xe5g det.\n"),
        ("content/utf16.md", b"\xff\xfe#\x00 \x00A\x00"),
        (
            "book.toml",
            b"[book]\ntitle = \"H\xe4lsa\"\nlanguage = \"sv\"\n",
        ),
    ]);
    let (code, err) = check(&root);
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "content/sida.md:3:5: the file is not UTF-8: the byte 0xE5 here is not valid UTF-8"
        ),
        "{err}"
    );
    assert!(err.contains(" 3 | Vi s\u{fffd}g det."), "{err}");
    assert!(err.contains("content/utf16.md:1:1:"), "{err}");
    assert!(err.contains("the file is saved as UTF-16"), "{err}");
    assert!(
        err.contains("book.toml:2:11: the file is not UTF-8"),
        "{err}"
    );
    assert!(!err.contains("offset"), "{err}");
    assert_eq!(error_count(&err), 3, "{err}");
}

#[test]
fn hidden_files_in_data_are_left_out() {
    let (tmp, root) = project(&[
        ("data/besok.csv", b"kommun,antal\nKil,12\n"),
        (
            "data/._besok.csv",
            b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X",
        ),
        (
            "data/.~lock.besok.csv#",
            b",user,host,01.01.2024 10:00,user;",
        ),
    ]);
    let out = tmp.path().join("site");
    build(&root, &out);
    assert!(out.join("data/besok.csv").is_file());
    assert!(!out.join("codebook/._besok").exists());
}
