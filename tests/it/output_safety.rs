//! Output safety: a build replaces only a folder insikt made for this project. Every refused
//! build is run against a throw-away folder standing for the user's home folder; afterwards
//! every file in it (and in the project) must be there, byte for byte, and nothing new may
//! have appeared anywhere.

use crate::common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// One entry of a folder tree, read without following symbolic links.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Entry {
    Folder,
    File(Vec<u8>),
    Link(PathBuf),
}

/// Every entry under `dir` (folders, files, links), by path relative to `dir`.
fn tree(dir: &Path) -> Vec<(PathBuf, Entry)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(folder) = todo.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let kind = std::fs::symlink_metadata(&path).unwrap().file_type();
            let rel = path.strip_prefix(dir).unwrap().to_path_buf();
            if kind.is_symlink() {
                out.push((rel, Entry::Link(std::fs::read_link(&path).unwrap())));
            } else if kind.is_dir() {
                out.push((rel, Entry::Folder));
                todo.push(path);
            } else {
                out.push((rel, Entry::File(std::fs::read(&path).unwrap())));
            }
        }
    }
    out.sort();
    out
}

/// A throw-away world: `home/` full of the user's files and `work/report/`, a project with
/// datasets (so a build also writes a suppression report).
struct World {
    tmp: tempfile::TempDir,
    home: PathBuf,
    work: PathBuf,
    project: PathBuf,
}

fn world() -> World {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    for (rel, text) in [
        ("anteckningar.txt", "inköpslista\n"),
        (".bashrc", "export EDITOR=nano\n"),
        ("Dokument/budget.csv", "år;belopp\n2024;12\n"),
        ("Dokument/foton/semester.jpg", "\u{ff}\u{d8}jpeg"),
        (".config/app/inställningar.toml", "tema = \"mörk\"\n"),
    ] {
        let path = home.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    std::fs::create_dir_all(home.join("Tom mapp")).unwrap();
    let work = tmp.path().join("work");
    let project = work.join("report");
    copy_into(&fixture("valid/privacy-sv"), &project);
    World {
        tmp,
        home,
        work,
        project,
    }
}

fn copy_into(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_into(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Runs insikt with `args` in the folder `cwd`.
fn run_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_insikt"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run insikt")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

impl World {
    fn root(&self) -> &Path {
        self.tmp.path()
    }

    /// Runs insikt in `cwd` and asserts that it refused with exit 1, saying `expected`,
    /// and changed nothing at all in the world. Returns standard error.
    fn refused(&self, cwd: &Path, args: &[&str], expected: &str) -> String {
        let before = tree(self.root());
        let o = run_in(cwd, args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?} was not refused:\n{err}");
        assert!(
            err.contains(expected),
            "{args:?}: expected `{expected}` in:\n{err}"
        );
        assert_eq!(
            tree(self.root()),
            before,
            "{args:?} changed files although it was refused:\n{err}"
        );
        err
    }

    fn set_output_in_book_toml(&self, value: &str) {
        let path = self.project.join("book.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(path, format!("{text}\n[build]\noutput = \"{value}\"\n")).unwrap();
    }

    fn project_str(&self) -> &str {
        self.project.to_str().unwrap()
    }
}

#[test]
fn the_home_folder_given_as_output_is_refused() {
    let w = world();
    let home = w.home.to_str().unwrap();
    w.refused(
        w.root(),
        &["build", w.project_str(), "--output", home],
        "was not made by insikt",
    );
}

/// `--force` replaces a folder insikt did not make, but never one holding the home folder:
/// with `-o /home --force` every user's home would go.
#[test]
fn a_folder_that_contains_the_home_folder_is_refused_even_with_force() {
    let w = world();
    let before = tree(w.root());
    let o = Command::new(env!("CARGO_BIN_EXE_insikt"))
        .args([
            "build",
            w.project_str(),
            "--output",
            w.home.to_str().unwrap(),
            "--force",
        ])
        .current_dir(w.root())
        .env("HOME", w.home.join("Dokument"))
        .output()
        .expect("run insikt");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "not refused:\n{err}");
    assert!(err.contains("is your home folder or contains it"), "{err}");
    assert_eq!(
        tree(w.root()),
        before,
        "changed files although refused:\n{err}"
    );
}

#[test]
fn an_absolute_output_in_book_toml_is_refused_at_its_line() {
    let w = world();
    w.set_output_in_book_toml(w.home.to_str().unwrap());
    let err = w.refused(
        w.root(),
        &["build", w.project_str()],
        "was not made by insikt",
    );
    assert!(
        err.contains("book.toml:9:"),
        "not located in book.toml:\n{err}"
    );
}

#[test]
fn an_empty_output_in_book_toml_is_refused_at_its_line() {
    let w = world();
    w.set_output_in_book_toml("");
    let err = w.refused(w.root(), &["build", w.project_str()], "is empty");
    assert!(
        err.contains("book.toml:9:"),
        "not located in book.toml:\n{err}"
    );
    // An empty `--output` is a usage error (exit 2) before anything is read.
    let before = tree(w.root());
    let o = run_in(w.root(), &["build", w.project_str(), "--output", ""]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(tree(w.root()), before);
}

#[test]
fn the_project_and_its_input_folders_are_refused_even_with_force() {
    let w = world();
    for force in [false, true] {
        let mut args = vec!["build", w.project_str(), "--output", w.project_str()];
        if force {
            args.push("--force");
        }
        w.refused(w.root(), &args, "is the project folder");
        for input in ["content", "data", "content/deeper/new"] {
            let out = w.project.join(input);
            let mut args = vec!["build", w.project_str(), "--output", out.to_str().unwrap()];
            if force {
                args.push("--force");
            }
            w.refused(w.root(), &args, "inside the project's `");
        }
    }
}

#[test]
fn dot_as_output_inside_the_project_is_the_project() {
    let w = world();
    w.refused(
        &w.project,
        &["build", "--output", "."],
        "is the project folder",
    );
    w.refused(
        &w.project.join("content"),
        &["build", "..", "--output", "../content/../."],
        "is the project folder",
    );
}

#[test]
fn a_folder_that_contains_the_project_is_refused_even_with_force() {
    let w = world();
    for force in [false, true] {
        let mut args = vec![
            "build",
            w.project_str(),
            "--output",
            w.work.to_str().unwrap(),
        ];
        if force {
            args.push("--force");
        }
        w.refused(w.root(), &args, "contains the project");
        let mut args = vec!["build", ".", "--output", ".."];
        if force {
            args.push("--force");
        }
        w.refused(&w.project, &args, "contains the project");
    }
}

#[test]
fn a_public_that_is_a_symlink_is_never_followed() {
    let w = world();
    std::os::unix::fs::symlink(&w.home, w.project.join("public")).unwrap();
    for force in [false, true] {
        let mut args = vec!["build", w.project_str()];
        if force {
            args.push("--force");
        }
        let err = w.refused(w.root(), &args, "is a symbolic link");
        assert!(err.contains(w.home.to_str().unwrap()), "{err}");
    }
}

#[test]
fn a_symlinked_parent_is_resolved_before_comparing() {
    let w = world();
    let link = w.root().join("genväg");
    std::os::unix::fs::symlink(&w.project, &link).unwrap();
    let out = link.join("content");
    w.refused(
        w.root(),
        &["build", w.project_str(), "--output", out.to_str().unwrap()],
        "inside the project's `content/`",
    );
}

#[test]
fn an_output_that_is_a_file_is_refused() {
    let w = world();
    let file = w.home.join("anteckningar.txt");
    for force in [false, true] {
        let mut args = vec!["build", w.project_str(), "--output", file.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        w.refused(w.root(), &args, "is a file");
    }
}

#[test]
fn a_non_empty_folder_without_the_mark_needs_force() {
    let w = world();
    let docs = w.home.join("Dokument");
    let err = w.refused(
        w.root(),
        &["build", w.project_str(), "--output", docs.to_str().unwrap()],
        "was not made by insikt",
    );
    assert!(err.contains("--force"), "the help names --force:\n{err}");

    let o = run_in(
        w.root(),
        &[
            "build",
            w.project_str(),
            "--output",
            docs.to_str().unwrap(),
            "--force",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(docs.join("index.html").is_file());
    assert!(docs.join(".insikt-site").is_file());
    assert!(
        !docs.join("budget.csv").exists(),
        "--force replaces the folder"
    );
    // Everything else in the home folder is as it was.
    assert!(w.home.join(".bashrc").is_file());
    assert!(w.home.join(".config/app/inställningar.toml").is_file());
    // From now on the folder is insikt's: no --force needed.
    let o = run_in(
        w.root(),
        &["build", w.project_str(), "--output", docs.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn an_empty_folder_is_used_and_marked() {
    let w = world();
    let empty = w.home.join("Tom mapp");
    let o = run_in(
        w.root(),
        &[
            "build",
            w.project_str(),
            "--output",
            empty.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(empty.join("index.html").is_file());
    assert!(empty.join(".insikt-site").is_file());
}

#[test]
fn rebuilding_over_its_own_output_works_twice() {
    let w = world();
    for _ in 0..3 {
        let o = run_in(&w.project, &["build"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let public = w.project.join("public");
    assert!(public.join("index.html").is_file());
    let mark = std::fs::read_to_string(public.join(".insikt-site")).unwrap();
    assert!(mark.starts_with("insikt site"), "{mark}");
    assert!(
        !mark.contains(w.root().to_str().unwrap()),
        "the mark is published: it must not give away the author's folders:\n{mark}"
    );
    let names: Vec<String> = std::fs::read_dir(&w.project)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.contains("insikt-")),
        "leftovers beside the output: {names:?}"
    );
    assert!(names.contains(&"public-suppression-report.md".to_string()));
}

#[test]
fn a_folder_marked_by_another_project_needs_force() {
    let w = world();
    let out = w.root().join("site");
    let other = w.root().join("other");
    copy_into(&fixture("valid/report-sv"), &other);
    build(&other, &out);
    let err = w.refused(
        w.root(),
        &["build", w.project_str(), "--output", out.to_str().unwrap()],
        "another project",
    );
    assert!(err.contains("--force"), "{err}");
    let o = run_in(
        w.root(),
        &[
            "build",
            w.project_str(),
            "--output",
            out.to_str().unwrap(),
            "--force",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("diagram/index.html").is_file());
}

#[test]
fn a_suppression_report_insikt_did_not_write_is_never_overwritten() {
    let w = world();
    std::fs::write(
        w.project.join("public-suppression-report.md"),
        "# Mina anteckningar\n\nViktigt.\n",
    )
    .unwrap();
    w.refused(&w.project, &["build"], "public-suppression-report.md");
    // Its own report from an earlier build is replaced as before.
    std::fs::remove_file(w.project.join("public-suppression-report.md")).unwrap();
    for _ in 0..2 {
        let o = run_in(&w.project, &["build"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    // A report path that is a symbolic link is not written through.
    let report = w.project.join("public-suppression-report.md");
    std::fs::remove_file(&report).unwrap();
    std::os::unix::fs::symlink(w.home.join("anteckningar.txt"), &report).unwrap();
    w.refused(&w.project, &["build"], "public-suppression-report.md");
}

#[test]
fn folders_that_only_look_like_staging_folders_are_left_alone() {
    let w = world();
    let lookalike = w.project.join(".public.insikt-new-4242");
    std::fs::create_dir_all(&lookalike).unwrap();
    std::fs::write(lookalike.join("mitt.txt"), "mitt").unwrap();
    let o = run_in(&w.project, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(lookalike.join("mitt.txt")).unwrap(),
        "mitt"
    );
}
