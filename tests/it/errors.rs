//! Broken fixture projects: every error names file, line and column, shows the source line
//! and says how to fix it; all errors of a build are reported; exit codes are 1 and 2.

use crate::common;

use common::*;

fn check(name: &str) -> (i32, String) {
    let o = insikt(&["check", fixture(name).to_str().unwrap()]);
    (
        o.status.code().unwrap(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn bad_toml_syntax() {
    let (code, err) = check("invalid/broken-toml");
    assert_eq!(code, 1);
    assert!(err.contains("book.toml:2:"), "{err}");
    assert!(
        err.contains("title = \"Trasig"),
        "source line not shown: {err}"
    );
}

#[test]
fn unknown_config_key_suggests_the_right_one() {
    let (code, err) = check("invalid/unknown-key");
    assert_eq!(code, 1);
    assert!(
        err.contains("book.toml:4:1: unknown key `subtitel`"),
        "{err}"
    );
    assert!(err.contains("did you mean `subtitle`?"), "{err}");
}

#[test]
fn bad_front_matter_yaml() {
    let (code, err) = check("invalid/bad-yaml");
    assert_eq!(code, 1);
    assert!(err.contains("content/sida.md:3:"), "{err}");
    assert!(err.contains("summary: [inte stängd"), "{err}");
}

#[test]
fn front_matter_of_the_wrong_type() {
    let (code, err) = check("invalid/wrong-type");
    assert_eq!(code, 1);
    assert!(
        err.contains("content/sida.md:3:9: expected a whole number"),
        "{err}"
    );
    assert!(err.contains(" 3 | weight: tung"), "{err}");
}

#[test]
fn every_broken_link_is_reported_at_its_line() {
    let (code, err) = check("invalid/broken-link");
    assert_eq!(code, 1);
    assert!(
        err.contains("content/sida.md:4:4: link to `finns-inte.md`: there is no file"),
        "{err}"
    );
    assert!(
        err.contains("content/sida.md:6:5: link to `#saknas-har`"),
        "{err}"
    );
    assert!(
        err.contains("content/annan.md:6:10: link to `../utanfor.md` points outside"),
        "{err}"
    );
    assert!(err.contains("3 errors found"), "{err}");
}

#[test]
fn empty_content_folder() {
    let (code, err) = check("invalid/empty-content");
    assert_eq!(code, 1);
    assert!(err.contains("`content/` holds no Markdown pages"), "{err}");
    assert!(
        err.contains("help: add at least `content/_index.md`"),
        "{err}"
    );
}

#[test]
fn a_broken_build_writes_no_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = insikt(&[
        "build",
        fixture("invalid/broken-link").to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists());
}

#[test]
fn usage_errors_exit_2() {
    let o = insikt(&["bild"]);
    assert_eq!(o.status.code(), Some(2));
    let o = insikt(&["build", "--no-such-flag"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_missing_project_is_explained() {
    let tmp = tempfile::tempdir().unwrap();
    let o = insikt(&["check", tmp.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("book.toml") && err.contains("insikt new"),
        "{err}"
    );
}
