//! A build with nothing changed since the last one: it sees so from the fingerprint of its
//! inputs and the stamps of the output's files, writes nothing and says so; anything else
//! (any input, an option, the output touched by hand, another build of insikt) makes a full
//! build, whose output equals a clean build byte for byte.

use crate::common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Output;

const SKIPPED: &str = "Nothing changed since the last build";

/// Writes `bytes` over the file at `path` and gives it back its modification time.
fn write_keeping_modified(path: &Path, bytes: &[u8]) {
    let modified = std::fs::metadata(path).unwrap().modified().unwrap();
    std::fs::write(path, bytes).unwrap();
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
}

fn project() -> (tempfile::TempDir, PathBuf) {
    copy_fixture("valid/incremental")
}

/// Runs `program build project ARGS`, which must succeed, and returns its standard error.
fn build_with(program: &Path, project: &Path, args: &[&str]) -> String {
    let run = || {
        std::process::Command::new(program)
            .arg("build")
            .arg(project)
            .args(args)
            .output()
    };
    // A program just written may still be open for writing in a child another test
    // started meanwhile (until it runs its own program): then try again.
    let mut o: std::io::Result<Output> = run();
    for _ in 0..100 {
        match &o {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                std::thread::sleep(std::time::Duration::from_millis(20));
                o = run();
            }
            _ => break,
        }
    }
    let o = o.expect("run insikt");
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "build failed:\n{stderr}");
    stderr
}

/// Builds `project` into its default output with the test's insikt.
fn rebuild(project: &Path, args: &[&str]) -> String {
    build_with(Path::new(env!("CARGO_BIN_EXE_insikt")), project, args)
}

/// The site a clean build of `project` writes, in a folder of its own.
fn clean_build(project: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(project, &site);
    snapshot(&site)
}

/// Every file below `dir` with its modification time, to show nothing was written.
fn times(dir: &Path) -> Vec<(PathBuf, std::time::SystemTime)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let meta = std::fs::symlink_metadata(entry.path()).unwrap();
        if meta.is_dir() {
            out.extend(times(&entry.path()));
        } else {
            out.push((entry.path(), meta.modified().unwrap()));
        }
    }
    out.sort();
    out
}

/// Builds once, changes the project with `change`, builds again: the second build must not
/// be skipped, and its output must equal a clean build.
fn assert_rebuilt_after(what: &str, change: impl FnOnce(&Path), args: &[&str]) {
    let (_tmp, project) = project();
    rebuild(&project, args);
    assert!(rebuild(&project, args).contains(SKIPPED), "{what}: no skip");
    change(&project);
    let stderr = rebuild(&project, args);
    assert!(!stderr.contains(SKIPPED), "{what}: skipped:\n{stderr}");
    assert!(
        snapshot(&project.join("public")) == clean_build(&project),
        "{what}: the site differs from a clean build"
    );
    assert!(
        rebuild(&project, args).contains(SKIPPED),
        "{what}: the build after it was not skipped"
    );
}

#[test]
fn a_build_with_nothing_changed_writes_nothing_and_says_so() {
    let (_tmp, project) = project();
    let first = rebuild(&project, &[]);
    assert!(!first.contains(SKIPPED), "{first}");
    let manifest = project.join(".public.insikt.manifest");
    let report = project.join("public-suppression-report.md");
    let mut before = times(&project.join("public"));
    before.extend(
        times(&project)
            .into_iter()
            .filter(|(p, _)| *p == manifest || *p == report),
    );
    std::thread::sleep(std::time::Duration::from_millis(20));

    let second = rebuild(&project, &[]);
    assert!(second.contains(SKIPPED), "{second}");
    // The dataset's notes are told again, and the pages counted as a build counts them.
    assert!(second.contains("data/besok.csv: read as UTF-8"), "{second}");
    assert!(second.contains("the 9 pages in"), "{second}");
    let mut after = times(&project.join("public"));
    after.extend(
        times(&project)
            .into_iter()
            .filter(|(p, _)| *p == manifest || *p == report),
    );
    assert_eq!(before, after, "a file was written");
    assert!(snapshot(&project.join("public")) == clean_build(&project));
}

#[test]
fn every_kind_of_input_makes_a_full_build() {
    type Change = (&'static str, Box<dyn Fn(&Path)>);
    let changes: Vec<Change> = vec![
        (
            "a page",
            Box::new(|p| append(p, "content/kapitel/ovrigt.md", "\nEn ny mening.\n")),
        ),
        (
            "a page's bytes, same size",
            Box::new(|p| {
                let path = p.join("content/kapitel/ovrigt.md");
                let text = std::fs::read_to_string(&path).unwrap();
                let i = text.rfind(|c: char| c.is_ascii_lowercase()).unwrap();
                let mut bytes = text.into_bytes();
                bytes[i] = if bytes[i] == b'x' { b'y' } else { b'x' };
                // Even with its old modification time.
                write_keeping_modified(&path, &bytes);
            }),
        ),
        (
            "a new page",
            Box::new(|p| std::fs::write(p.join("content/ny.md"), "# Ny\n\nText.\n").unwrap()),
        ),
        (
            "a page removed",
            Box::new(|p| std::fs::remove_file(p.join("content/kapitel/ovrigt.md")).unwrap()),
        ),
        (
            "a page renamed",
            Box::new(|p| {
                std::fs::rename(
                    p.join("content/kapitel/ovrigt.md"),
                    p.join("content/kapitel/annat.md"),
                )
                .unwrap()
            }),
        ),
        (
            "a dataset",
            Box::new(|p| {
                let path = p.join("data/besok.csv");
                let text = std::fs::read_to_string(&path).unwrap();
                std::fs::write(&path, text.replace("14 020", "15 020")).unwrap();
            }),
        ),
        (
            "a codebook",
            Box::new(|p| append(p, "data/besok.yaml", "known_issues: Inga kända.\n")),
        ),
        (
            "the glossary",
            Box::new(|p| {
                append(
                    p,
                    "content/glossary.yaml",
                    "  - term: Kapitel\n    definition: En del av rapporten.\n",
                )
            }),
        ),
        (
            "a question set",
            Box::new(|p| {
                std::fs::write(
                    p.join("content/ark.yaml"),
                    "id: ark\ntitle: Ett arbetsblad\nsections:\n  - id: start\n    title: Början\n    questions:\n      - id: q1\n        kind: open\n        text: Vad vill ni uppnå?\n",
                )
                .unwrap()
            }),
        ),
        (
            "a template of the theme",
            Box::new(|p| append(p, "themes/egen/templates/page.html", "\n")),
        ),
        (
            "a static file",
            Box::new(|p| append(p, "static/logga.svg", "\n")),
        ),
        (
            "an attachment under content/",
            Box::new(|p| std::fs::write(p.join("content/kapitel/bilaga.txt"), "bilaga\n").unwrap()),
        ),
        (
            "book.toml",
            Box::new(|p| {
                let path = p.join("book.toml");
                let text = std::fs::read_to_string(&path).unwrap();
                std::fs::write(&path, text.replace("Stegvis", "Steg för steg")).unwrap();
            }),
        ),
    ];
    for (what, change) in changes {
        assert_rebuilt_after(what, change, &[]);
    }
}

#[test]
fn an_option_makes_a_full_build() {
    let (_tmp, project) = project();
    std::fs::write(
        project.join("content/utkast.md"),
        "---\ntitle: Utkast\ndraft: true\n---\n\nInte klar.\n",
    )
    .unwrap();
    rebuild(&project, &[]);
    let with_drafts = rebuild(&project, &["--drafts"]);
    assert!(!with_drafts.contains(SKIPPED), "{with_drafts}");
    assert!(project.join("public/utkast/index.html").is_file());
    assert!(rebuild(&project, &["--drafts"]).contains(SKIPPED));
    let without = rebuild(&project, &[]);
    assert!(!without.contains(SKIPPED), "{without}");
    assert!(!project.join("public/utkast").exists());
}

#[test]
fn an_output_changed_by_hand_makes_a_full_build() {
    type Change = (&'static str, Box<dyn Fn(&Path)>);
    let changes: Vec<Change> = vec![
        (
            "a page deleted",
            Box::new(|p| std::fs::remove_file(p.join("public/index.html")).unwrap()),
        ),
        (
            "a page edited",
            Box::new(|p| append(p, "public/kapitel/ovrigt/index.html", "<!-- x -->")),
        ),
        (
            "a page edited, size and modification time kept",
            Box::new(|p| {
                let path = p.join("public/print.html");
                let mut bytes = std::fs::read(&path).unwrap();
                let last = bytes.len() - 2;
                bytes[last] ^= 1;
                write_keeping_modified(&path, &bytes);
            }),
        ),
        (
            "a file added",
            Box::new(|p| std::fs::write(p.join("public/extra.html"), "x").unwrap()),
        ),
        (
            "an empty folder added",
            Box::new(|p| std::fs::create_dir(p.join("public/tom")).unwrap()),
        ),
        (
            "the suppression report deleted",
            Box::new(|p| std::fs::remove_file(p.join("public-suppression-report.md")).unwrap()),
        ),
        (
            "the manifest deleted",
            Box::new(|p| std::fs::remove_file(p.join(".public.insikt.manifest")).unwrap()),
        ),
    ];
    for (what, change) in changes {
        assert_rebuilt_after(what, change, &[]);
    }
    // Without its mark the folder is no longer known as insikt's: refused, not skipped.
    let (_tmp, unmarked) = project();
    rebuild(&unmarked, &[]);
    std::fs::remove_file(unmarked.join("public/.insikt-site")).unwrap();
    let o = insikt(&["build", unmarked.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success() && !stderr.contains(SKIPPED), "{stderr}");
    // The suppression report is written again.
    let (_tmp, reported) = project();
    rebuild(&reported, &[]);
    std::fs::remove_file(reported.join("public-suppression-report.md")).unwrap();
    rebuild(&reported, &[]);
    assert!(reported.join("public-suppression-report.md").is_file());
}

#[cfg(unix)]
#[test]
fn another_build_of_insikt_makes_a_full_build() {
    let (_tmp, project) = project();
    rebuild(&project, &[]);
    // The same program with a byte more at its end: it runs as before, but is another file.
    let bin = tempfile::tempdir().unwrap();
    let other = bin.path().join("insikt");
    let mut bytes = std::fs::read(env!("CARGO_BIN_EXE_insikt")).unwrap();
    bytes.push(0);
    std::fs::write(&other, bytes).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&other, std::fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = build_with(&other, &project, &[]);
    assert!(!stderr.contains(SKIPPED), "{stderr}");
    assert!(build_with(&other, &project, &[]).contains(SKIPPED));
    let stderr = rebuild(&project, &[]);
    assert!(!stderr.contains(SKIPPED), "{stderr}");
    assert!(snapshot(&project.join("public")) == clean_build(&project));
}

#[test]
fn a_failed_build_is_never_taken_for_an_unchanged_one() {
    let (_tmp, project) = project();
    rebuild(&project, &[]);
    let page = project.join("content/kapitel/ovrigt.md");
    let good = std::fs::read(&page).unwrap();
    std::fs::write(&page, "---\ntitle: [oavslutad\n---\n").unwrap();
    for _ in 0..2 {
        let o = insikt(&["build", project.to_str().unwrap()]);
        assert!(!o.status.success(), "the broken page was accepted");
    }
    std::fs::write(&page, good).unwrap();
    assert!(rebuild(&project, &[]).contains(SKIPPED));
}

#[test]
fn templates_cannot_read_the_environment() {
    let (_tmp, project) = project();
    let template = project.join("themes/egen/templates/page.html");
    let text = std::fs::read_to_string(&template).unwrap();
    let text = text.replace(
        "{{ page.content",
        "{{ get_env(name=\"HOME\") }}{{ page.content",
    );
    std::fs::write(&template, text).unwrap();
    let o = insikt(&["build", project.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "get_env was allowed:\n{stderr}");
    assert!(stderr.contains("`get_env` is not available"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_link_led_elsewhere_makes_a_full_build() {
    let (_tmp, project) = project();
    std::fs::write(project.join("static/a.txt"), "a\n").unwrap();
    let link = project.join("static/lank.txt");
    std::os::unix::fs::symlink("a.txt", &link).unwrap();
    rebuild(&project, &[]);
    assert!(rebuild(&project, &[]).contains(SKIPPED));
    // The same bytes, but outside the project: an error, never a build with nothing changed.
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("a.txt"), "a\n").unwrap();
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(outside.path().join("a.txt"), &link).unwrap();
    let o = insikt(&["build", project.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{stderr}");
    assert!(stderr.contains("leads outside the project"), "{stderr}");
}

#[test]
fn a_first_build_into_an_empty_folder_is_whole_and_recorded() {
    let (_tmp, project) = project();
    std::fs::create_dir(project.join("public")).unwrap();
    rebuild(&project, &[]);
    assert!(snapshot(&project.join("public")) == clean_build(&project));
    // The files were staged in a folder that became the output; their stamps hold.
    assert!(rebuild(&project, &[]).contains(SKIPPED));
}
