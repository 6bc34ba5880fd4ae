//! What `insikt build` and `insikt new` end with: page counts that match the files a reader
//! can open, the front page as a `file://` URL, and commands that work when pasted.

use crate::common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The HTML files under `dir`, at any depth.
fn html_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            if p.is_dir() {
                html_files(&p)
            } else {
                usize::from(p.extension().is_some_and(|e| e == "html"))
            }
        })
        .sum()
}

/// The number written just before `word` in `line` (`5 codebook pages` → 5).
fn number_before(line: &str, word: &str) -> usize {
    let at = line
        .find(word)
        .unwrap_or_else(|| panic!("no `{word}` in {line}"));
    let number = line[..at].trim_end().rsplit(' ').next().unwrap();
    number
        .parse()
        .unwrap_or_else(|_| panic!("no number before `{word}` in {line}"))
}

/// The path a `file://` URL names, percent-decoded.
fn path_of_file_url(url: &str) -> PathBuf {
    let encoded = url
        .strip_prefix("file://")
        .expect("a file:// URL")
        .as_bytes();
    let mut bytes = Vec::new();
    let mut i = 0;
    while i < encoded.len() {
        if encoded[i] == b'%' {
            let hex = std::str::from_utf8(&encoded[i + 1..i + 3]).unwrap();
            bytes.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            bytes.push(encoded[i]);
            i += 1;
        }
    }
    PathBuf::from(String::from_utf8(bytes).unwrap())
}

/// The texts between backticks in `text`.
fn commands(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

#[test]
fn a_build_counts_what_a_reader_can_open_and_says_how_to_open_it() {
    let tmp = tempfile::tempdir().unwrap();
    // A space and a Nordic letter, which a URL must encode.
    let out = tmp.path().join("webbplats för läsare");
    let example = env!("CARGO_MANIFEST_DIR");
    let o = insikt(&["build", example, "--output", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    let [built, open] = lines[lines.len() - 2..] else {
        panic!("{stderr}")
    };

    assert!(built.starts_with("Built "), "{built}");
    let total = number_before(built, "pages into");
    assert_eq!(total, html_files(&out), "{built}");
    assert!(total > 20, "the example report has more pages: {built}");
    let codebook = number_before(built, "codebook pages");
    assert_eq!(codebook, html_files(&out.join("codebook")), "{built}");
    let pages = number_before(built, "pages,");
    let worksheets = number_before(built, "worksheets");
    assert_eq!(pages + worksheets + codebook + 1, total, "{built}");
    assert!(built.ends_with(" and print.html."), "{built}");

    let url = open
        .split(' ')
        .find(|w| w.starts_with("file://"))
        .unwrap_or_else(|| panic!("no file:// URL in {open}"));
    assert!(!url.contains(' ') && !url.contains('ö'), "{url}");
    assert_eq!(
        path_of_file_url(url),
        out.join("index.html"),
        "the URL names the built front page"
    );
    assert!(
        commands(open).contains(&format!("insikt serve {example}").as_str()),
        "{open}"
    );
}

#[test]
fn insikt_new_ends_with_commands_that_build_the_report() {
    let tmp = tempfile::tempdir().unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_insikt"));
    let o = Command::new(bin)
        .args(["new", "Min rapport", "--language", "sv"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    let commands = commands(&stderr);
    assert_eq!(
        commands,
        [
            "cd 'Min rapport' && insikt build",
            "insikt serve 'Min rapport'"
        ],
        "{stderr}"
    );

    // Pasted into a shell that finds `insikt` on PATH, as after `cargo install`.
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let o = Command::new("sh")
        .args(["-c", commands[0]])
        .env("PATH", path)
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(tmp.path().join("Min rapport/public/index.html").is_file());
}
