use crate::site::{OutputOrigin, OutputRequest, Site};
use std::path::Path;
use std::time::Instant;

/// `insikt build`: returns the process exit code. `force` lets the build replace a
/// non-empty folder that insikt did not make for this project.
pub fn build(dir: &Path, output: Option<&Path>, drafts: bool, force: bool) -> i32 {
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
    let request = match output {
        Some(path) => OutputRequest {
            path: path.to_path_buf(),
            origin: OutputOrigin::Flag,
            force,
        },
        None => site.default_output(force),
    };
    match site.build(&request) {
        Ok(summary) => {
            if let Some(report) = &summary.suppression_report {
                eprintln!(
                    "Wrote the suppression report to {} (not published).",
                    report.display()
                );
            }
            let millis = started.elapsed().as_millis();
            eprintln!("{}", super::next_steps::after_build(&summary, dir, millis));
            0
        }
        Err(d) => {
            super::report(&d, true);
            1
        }
    }
}
