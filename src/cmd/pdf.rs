use crate::site::{OutputRequest, Site};
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

/// `insikt pdf`: builds the site into a temporary folder and prints every worksheet to
/// `output/SET-ID.pdf` (default `DIR/pdf`) with a local headless Chromium. Returns the
/// process exit code.
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
    if worksheets.is_empty() {
        eprintln!("The report has no question sets (content/**/NAME.yaml): no PDFs to make.");
        return 0;
    }
    let output = output
        .map(Path::to_path_buf)
        .unwrap_or_else(|| dir.join("pdf"));
    let work = std::env::temp_dir().join(format!("insikt-pdf-{}", std::process::id()));
    let result = print_all(&site, &chromium, &work, &output, &worksheets);
    let _ = std::fs::remove_dir_all(&work);
    match result {
        Ok(()) => {
            eprintln!("Wrote {} PDFs into {}.", worksheets.len(), output.display());
            0
        }
        Err(message) => {
            eprintln!("error: {message}");
            1
        }
    }
}

fn print_all(
    site: &Site,
    chromium: &Path,
    work: &Path,
    output: &Path,
    worksheets: &[(String, String)],
) -> Result<(), String> {
    let site_dir = work.join("site");
    site.build(&OutputRequest::temporary(site_dir.clone()))
        .map_err(|d| d.to_string())?;
    let site_dir = site_dir
        .canonicalize()
        .map_err(|e| format!("{}: {e}", site_dir.display()))?;
    std::fs::create_dir_all(output)
        .map_err(|e| format!("cannot create {}: {e}", output.display()))?;
    for (file, id) in worksheets {
        let target = output.join(format!("{id}.pdf"));
        let url = file_url(&site_dir.join(file));
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
            ])
            .arg(format!(
                "--user-data-dir={}",
                work.join("profile").display()
            ))
            .arg(format!("--print-to-pdf={}", target.display()))
            .arg(&url)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", chromium.display()))?;
        let written = std::fs::metadata(&target)
            .map(|m| m.len() > 0)
            .unwrap_or(false);
        if !run.status.success() || !written {
            return Err(format!(
                "Chromium could not print {url} to {}:\n{}",
                target.display(),
                String::from_utf8_lossy(&run.stderr).trim()
            ));
        }
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

/// A `file://` URL for an absolute path, percent-encoding what a URL cannot hold.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for b in path.to_string_lossy().replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    if !url.starts_with("file:///") {
        url.insert(7, '/'); // Windows drive letters: file:///C:/…
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/å b/index.html")),
            "file:///tmp/%C3%A5%20b/index.html"
        );
    }

    #[test]
    fn a_missing_chromium_is_a_clear_error() {
        let e = find_chromium(Some(Path::new("/no/such/chromium"))).unwrap_err();
        assert!(e.contains("no such file"), "{e}");
    }
}
