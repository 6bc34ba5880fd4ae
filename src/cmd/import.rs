//! `insikt import mdbook|zola SRC DEST`: prints what the import did and what it did not
//! keep, each with its file and line.

use crate::import::{self, Format, Report};
use std::fmt::Write as _;
use std::path::Path;

/// Imports the book or site in `src` into the new project `dest`. Returns the process exit
/// code.
pub fn import(format: Format, src: &Path, dest: &Path) -> i32 {
    match import::import(format, src, dest) {
        Ok(report) => {
            eprint!("{}", summary(format, src, dest, &report));
            0
        }
        Err(diagnostics) => {
            eprint!("{diagnostics}");
            let n = diagnostics.len();
            let plural = if n == 1 { "" } else { "s" };
            eprintln!("{n} error{plural} found; nothing was written.");
            1
        }
    }
}

/// The report printed after a successful import.
fn summary(format: Format, src: &Path, dest: &Path, report: &Report) -> String {
    let mut out = String::new();
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let _ = writeln!(
        out,
        "Imported the {} in {} into {}:",
        format.name(),
        src.display(),
        dest.display()
    );
    let _ = writeln!(
        out,
        "  {} written, {} copied",
        count(report.pages, "page", "pages"),
        count(report.assets, "other file", "other files")
    );
    let _ = write!(
        out,
        "  {} rewritten",
        count(report.links_rewritten, "link", "links")
    );
    if format == Format::MdBook {
        let _ = write!(
            out,
            ", {} inlined",
            count(report.includes_inlined, "include", "includes")
        );
    }
    out.push('\n');
    if !report.moved.is_empty() {
        let _ = writeln!(
            out,
            "Moved to follow the nesting of the chapters ({}):",
            report.moved.len()
        );
        for (from, to) in &report.moved {
            let _ = writeln!(out, "  {} → {}", from.display(), to.display());
        }
    }
    if report.not_kept.is_empty() {
        out.push_str("Everything was kept.\n");
    } else {
        let _ = writeln!(
            out,
            "Not kept, or kept differently ({}):",
            report.not_kept.len()
        );
        for note in &report.not_kept {
            let _ = writeln!(out, "  {note}");
        }
    }
    let _ = writeln!(out, "Build it with `insikt build {}`.", dest.display());
    out
}
