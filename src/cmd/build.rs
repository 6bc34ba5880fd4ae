use crate::site::Site;
use std::path::Path;
use std::time::Instant;

/// `insikt build`: returns the process exit code.
pub fn build(dir: &Path, output: Option<&Path>, drafts: bool) -> i32 {
    let started = Instant::now();
    let site = match Site::load(dir, drafts) {
        Ok(site) => {
            super::notes(&site);
            site
        }
        Err(d) => {
            super::report(&d, true);
            return 1;
        }
    };
    let output = output
        .map(Path::to_path_buf)
        .unwrap_or_else(|| site.default_output());
    match site.build(&output) {
        Ok(summary) => {
            eprintln!(
                "Built {} pages into {} in {} ms.",
                summary.pages,
                summary.output.display(),
                started.elapsed().as_millis()
            );
            if let Some(report) = summary.suppression_report {
                eprintln!(
                    "Wrote the suppression report to {} (not published).",
                    report.display()
                );
            }
            0
        }
        Err(d) => {
            super::report(&d, true);
            1
        }
    }
}
