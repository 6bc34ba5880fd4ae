use crate::site::{OutputRequest, Site};
use std::collections::BTreeSet;
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Names under which Chromium is installed, tried in order on `PATH`.
const CHROMIUM_NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// The file in a PDF output folder that lists the PDFs insikt wrote there: only those are
/// ever overwritten.
const PDF_LIST: &str = ".insikt-pdf";

/// The name (without `.pdf`) of the whole report's PDF, printed from `print.html`.
const REPORT: &str = "report";

/// How often `print.html` is printed at most to get its contents page's numbers right (each
/// print reads the numbers from the one before; the second normally agrees already).
const REPORT_PASSES: usize = 4;

/// The first line of [`PDF_LIST`].
const PDF_LIST_HEADER: &str =
    "insikt pdf: files written here by `insikt pdf`, which overwrites only these";

/// `insikt pdf`: builds the site into a temporary folder, serves it on loopback and prints
/// every worksheet to `output/SET-ID.pdf` and the whole report (`print.html`) to
/// `output/report.pdf` (default `DIR/pdf`) with a local headless Chromium. The browser gets the site over `http://127.0.0.1`, never over `file://`, so
/// its own rules keep a page from showing local files (raw HTML such as
/// `<iframe src="file:///…">`). A file there that insikt did not write is never
/// overwritten, and nothing is deleted. Returns the process exit code.
pub fn pdf(dir: &Path, output: Option<&Path>, chromium: Option<&Path>, drafts: bool) -> i32 {
    let chromium = match find_chromium(chromium) {
        Ok(path) => path,
        Err(message) => {
            eprintln!("error: {message}");
            return 1;
        }
    };
    let site = match Site::load(dir, drafts) {
        Ok(site) => site,
        Err(d) => {
            super::report(&d, false);
            return 1;
        }
    };
    let worksheets = site.worksheet_files();
    if worksheets.iter().any(|(_, id)| id == REPORT) {
        eprintln!(
            "error: a question set has the id `{REPORT}`, and {REPORT}.pdf is the whole report's PDF.\n  help: give the question set another `id`"
        );
        return 1;
    }
    // The report last: its own PDF beside the worksheets'.
    let mut outputs = worksheets;
    outputs.push(("print.html".to_string(), REPORT.to_string()));
    let worksheets = outputs;
    let output = output
        .map(Path::to_path_buf)
        .unwrap_or_else(|| dir.join("pdf"));
    let written = match pdfs_written_before(&output, &worksheets) {
        Ok(written) => written,
        Err(message) => {
            eprintln!("error: {message}");
            return 1;
        }
    };
    let work = match super::temporary_folder("pdf") {
        Ok(work) => work,
        Err(e) => {
            eprintln!("error: cannot make a temporary folder: {e}");
            return 1;
        }
    };
    let result = print_all(&site, &chromium, &work, &worksheets)
        .and_then(|()| move_in(&work, &output, &worksheets, written));
    let _ = std::fs::remove_dir_all(&work);
    match result {
        Ok(()) => {
            eprintln!(
                "Wrote {} PDFs (the report and {} worksheets) into {}.",
                worksheets.len(),
                worksheets.len() - 1,
                output.display()
            );
            0
        }
        Err(message) => {
            eprintln!("error: {message}");
            1
        }
    }
}

/// The PDFs insikt wrote into `output` before, after checking that none of the files this
/// run will write is a file insikt did not write.
fn pdfs_written_before(
    output: &Path,
    worksheets: &[(String, String)],
) -> Result<BTreeSet<String>, String> {
    let list = output.join(PDF_LIST);
    let written: BTreeSet<String> = match std::fs::read_to_string(&list) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeSet::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", list.display())),
        Ok(text) => {
            let mut lines = text.lines();
            if lines.next() != Some(PDF_LIST_HEADER) || !is_plain_file(&list) {
                return Err(format!(
                    "{} was not written by insikt; insikt keeps its list of the PDFs it wrote there and does not overwrite it.\n  help: choose another folder with --output",
                    list.display()
                ));
            }
            lines.map(str::to_string).collect()
        }
    };
    let foreign: Vec<String> = worksheets
        .iter()
        .map(|(_, id)| format!("{id}.pdf"))
        .filter(|name| {
            let path = output.join(name);
            let exists = std::fs::symlink_metadata(&path).is_ok();
            exists && !(written.contains(name) && is_plain_file(&path))
        })
        .collect();
    if foreign.is_empty() {
        Ok(written)
    } else {
        Err(format!(
            "{} already holds {} that insikt did not write, and insikt does not overwrite files it did not make; nothing was written.\n  help: move {} away, or choose another folder with --output",
            output.display(),
            foreign.join(", "),
            if foreign.len() == 1 { "it" } else { "them" },
        ))
    }
}

fn is_plain_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

/// Builds the site into `work`, serves it on 127.0.0.1 for as long as Chromium prints, and
/// prints every worksheet into `work/pdf/`.
fn print_all(
    site: &Site,
    chromium: &Path,
    work: &Path,
    worksheets: &[(String, String)],
) -> Result<(), String> {
    let site_dir = work.join("site");
    site.build(&OutputRequest::temporary(site_dir.clone()))
        .map_err(|d| d.to_string())?;
    let printed = work.join("pdf");
    std::fs::create_dir(&printed)
        .map_err(|e| format!("cannot create {}: {e}", printed.display()))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .map_err(|e| format!("cannot start a server for Chromium: {e}"))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .map_err(|e| format!("cannot start a server for Chromium: {e}"))?;
        let port = listener
            .local_addr()
            .map_err(|e| format!("cannot start a server for Chromium: {e}"))?
            .port();
        let server = tokio::spawn(async move {
            axum::serve(listener, super::serve::static_site(site_dir)).await
        });
        let chromium = chromium.to_path_buf();
        let work = work.to_path_buf();
        let worksheets = worksheets.to_vec();
        // The anchors in print.html's lists of figures and tables.
        let listed: BTreeSet<String> = (site.figures.all.iter())
            .map(|f| format!("{}-{}", crate::render::print::page_anchor(f.page), f.anchor))
            .collect();
        let printing = tokio::task::spawn_blocking(move || {
            for (file, id) in &worksheets {
                let url = format!("http://127.0.0.1:{port}/{}", url_path(file));
                let target = printed.join(format!("{id}.pdf"));
                if id == REPORT {
                    print_report(&chromium, &work, &url, &target, &listed)?;
                } else {
                    print_one(&chromium, &work, &url, &target)?;
                }
            }
            Ok(())
        })
        .await;
        server.abort();
        printing.map_err(|e| format!("printing stopped: {e}"))?
    })
}

/// Prints `print.html` at `url` to `target` until the page numbers in its contents agree
/// with the pages where the chapters start: each print's chapter pages (read from its
/// named destinations `p1`, `p2`, …) go into the next as `?pages=p1.3,p2.5,…`, which the
/// page's script writes into the contents; so do the pages of the charts and tables
/// `listed_figures` (their anchors, `p3-figur-1`) in the lists of figures and tables.
fn print_report(
    chromium: &Path,
    work: &Path,
    url: &str,
    target: &Path,
    listed_figures: &BTreeSet<String>,
) -> Result<(), String> {
    let mut given = String::new();
    for _ in 0..REPORT_PASSES {
        let page_url = if given.is_empty() {
            url.to_string()
        } else {
            format!("{url}?pages={given}")
        };
        print_one(chromium, work, &page_url, target)?;
        let pdf =
            std::fs::read(target).map_err(|e| format!("cannot read {}: {e}", target.display()))?;
        let starts = super::pdf_pages::destination_pages(&pdf)
            .map_err(|e| format!("cannot read the page numbers of {}: {e}", target.display()))?;
        // Chapters (`p3`) and the charts and tables in the lists of figures and tables
        // (`p3-figur-1`, `p3-besok-per-ar`).
        let mut anchors: Vec<((usize, &str), usize)> = starts
            .iter()
            .filter_map(|(name, &page)| {
                let rest = name.strip_prefix('p')?;
                let (index, figure) = rest.split_once('-').unwrap_or((rest, ""));
                let index = index.parse::<usize>().ok()?;
                let listed = figure.is_empty() || listed_figures.contains(name.as_str());
                listed.then_some(((index, figure), page))
            })
            .collect();
        anchors.sort_unstable();
        let found: Vec<String> = anchors
            .iter()
            .map(|((i, figure), page)| match *figure {
                "" => format!("p{i}.{page}"),
                figure => format!("p{i}-{figure}.{page}"),
            })
            .collect();
        let found = found.join(",");
        if found == given {
            return Ok(());
        }
        given = found;
    }
    Err(format!(
        "the page numbers of the report's contents did not settle after {REPORT_PASSES} prints of {url}"
    ))
}

/// Prints the page at `url` to `target` with Chromium.
fn print_one(chromium: &Path, work: &Path, url: &str, target: &Path) -> Result<(), String> {
    let run = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
            "--export-tagged-pdf",
            "--generate-pdf-document-outline",
        ])
        .arg(format!(
            "--user-data-dir={}",
            work.join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", target.display()))
        .arg(url)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", chromium.display()))?;
    let written = std::fs::metadata(target)
        .map(|m| m.len() > 0)
        .unwrap_or(false);
    if !run.status.success() || !written {
        return Err(format!(
            "Chromium could not print {url}:\n{}",
            String::from_utf8_lossy(&run.stderr).trim()
        ));
    }
    Ok(())
}

/// Moves the printed PDFs from `work/pdf/` into `output`, each through a temporary name and
/// a rename (which replaces a file and never writes through a link), and adds each to the
/// list of PDFs insikt wrote there once it is in place.
fn move_in(
    work: &Path,
    output: &Path,
    worksheets: &[(String, String)],
    mut written: BTreeSet<String>,
) -> Result<(), String> {
    std::fs::create_dir_all(output)
        .map_err(|e| format!("cannot create {}: {e}", output.display()))?;
    for (_, id) in worksheets {
        let name = format!("{id}.pdf");
        let target = output.join(&name);
        let partial = output.join(format!(".{name}.insikt-partial"));
        std::fs::copy(work.join("pdf").join(&name), &partial)
            .and_then(|_| std::fs::rename(&partial, &target))
            .map_err(|e| {
                let _ = std::fs::remove_file(&partial);
                format!("cannot write {}: {e}", target.display())
            })?;
        written.insert(name);
        let list: String = std::iter::once(PDF_LIST_HEADER.to_string())
            .chain(written.iter().cloned())
            .map(|line| line + "\n")
            .collect();
        std::fs::write(output.join(PDF_LIST), list)
            .map_err(|e| format!("cannot write {}: {e}", output.join(PDF_LIST).display()))?;
        eprintln!("  {}", target.display());
    }
    Ok(())
}

/// The Chromium to use: `given`, or the first of [`CHROMIUM_NAMES`] on `PATH`.
fn find_chromium(given: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(path) = given {
        return if path.is_file() {
            Ok(path.to_path_buf())
        } else {
            Err(format!("--chromium {}: no such file", path.display()))
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .flat_map(|dir| CHROMIUM_NAMES.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| {
            format!(
                "no Chromium found on PATH (looked for {}).\n  help: install one — Debian/Ubuntu: `sudo apt install chromium`; Fedora: `sudo dnf install chromium`; macOS or Windows: install Google Chrome — or give its path with `--chromium PATH`",
                CHROMIUM_NAMES.join(", ")
            )
        })
}

/// A site-relative file path as the path of a URL, percent-encoding what a URL cannot hold.
fn url_path(file: &str) -> String {
    let mut url = String::new();
    for b in file.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths_are_encoded() {
        assert_eq!(url_path("å b/index.html"), "%C3%A5%20b/index.html");
    }

    #[test]
    fn a_missing_chromium_is_a_clear_error() {
        let e = find_chromium(Some(Path::new("/no/such/chromium"))).unwrap_err();
        assert!(e.contains("no such file"), "{e}");
    }
}
