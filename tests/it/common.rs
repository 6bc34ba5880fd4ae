//! Shared helpers for the integration tests: fixture projects, running the binary, reading
//! the built HTML.

use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use std::process::Output;

/// The fixture project `name` under `tests/fixtures/`, e.g. `valid/report-sv`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A fresh copy of a fixture in a temporary folder (so tests may edit it).
pub fn copy_fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dest = tmp.path().join(name);
    copy_dir(&fixture(name), &dest);
    (tmp, dest)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The output folder (not yet made) of a site that the tests of one run build once and
/// share, named after `name`. Its parent is new and unique, inside the target's temporary
/// folder: a folder named after the process id could be one an earlier run left behind,
/// built from another checkout, which insikt rightly refuses to overwrite.
pub fn shared_output(name: &str) -> PathBuf {
    tempfile::Builder::new()
        .prefix(&format!("{name}-"))
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap()
        .keep()
        .join("site")
}

/// Appends `text` to the file `rel` of `project` (a setting added to `book.toml`, a line
/// to a page).
pub fn append(project: &Path, rel: &str, text: &str) {
    let path = project.join(rel);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(text.as_bytes());
    std::fs::write(path, bytes).unwrap();
}

/// Runs the `insikt` binary with `args`.
pub fn insikt(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_insikt"))
        .args(args)
        .output()
        .expect("run insikt")
}

/// Builds `project` into `out` with the binary, panicking with its output on failure.
pub fn build(project: &Path, out: &Path) {
    let o = insikt(&[
        "build",
        project.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(
        o.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Parses an output HTML file.
pub fn html(path: &Path) -> Html {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Html::parse_document(&text)
}

/// Texts of all elements matching `selector`.
pub fn texts(doc: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Values of attribute `attr` of all elements matching `selector`.
pub fn attrs(doc: &Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walk(dir)
        .into_iter()
        .map(|p| {
            (
                p.strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
