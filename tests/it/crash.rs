//! A panic that slips through prints a short message saying it is a bug in insikt and
//! naming the input file being processed (also on a rayon thread), not a backtrace.
//!
//! The hook is process-wide, so the panic is made in a child process: this test binary
//! run again with [`CHILD`] set, which runs only the panicking test.

use rayon::prelude::*;
use std::process::Command;

/// Set in the child process that panics.
const CHILD: &str = "INSIKT_CRASH_TEST_CHILD";

#[test]
fn child_panics_while_processing_a_file() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    insikt_core::crash::install_hook();
    let _outer = insikt_core::crash::processing("book.toml");
    (0..8).into_par_iter().for_each(|i| {
        let _input = insikt_core::crash::processing(format!("content/sida-{i}.md"));
        if i == 5 {
            panic!("an index out of bounds");
        }
    });
}

#[test]
fn a_panic_says_it_is_a_bug_names_the_input_and_prints_no_backtrace() {
    let o = Command::new(std::env::current_exe().unwrap())
        .args([
            "crash::child_panics_while_processing_a_file",
            "--exact",
            "--nocapture",
        ])
        .env(CHILD, "1")
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains("error: insikt stopped while processing `content/sida-5.md`. This is a bug in insikt, not a mistake in your report."),
        "{err}"
    );
    assert!(err.contains("Please report it to "), "{err}");
    assert!(
        err.contains("panicked at tests/it/crash.rs:") && err.contains(": an index out of bounds"),
        "{err}"
    );
    assert!(!err.contains("stack backtrace"), "{err}");
    assert!(!err.contains("RUST_BACKTRACE"), "{err}");
}

#[test]
fn a_reader_that_closes_the_pipe_early_is_not_a_crash() {
    // `insikt codebook data/x.csv --stdout | head`: a stub larger than a pipe's buffer.
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("bred.csv");
    let header: Vec<String> = (0..5000).map(|i| format!("kolumn_{i}")).collect();
    let row: Vec<&str> = (0..5000).map(|_| "7").collect();
    std::fs::write(&csv, format!("{}\n{}\n", header.join(";"), row.join(";"))).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_insikt"))
        .args(["codebook", csv.to_str().unwrap(), "--stdout"])
        .env_remove("RUST_BACKTRACE")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(!err.contains("bug in insikt"), "{err}");
}
