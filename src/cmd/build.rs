use crate::site::{self, Inputs, OutputOrigin, OutputRequest, Site};
use std::path::Path;
use std::time::Instant;

/// `insikt build`: returns the process exit code. `force` lets the build replace a
/// non-empty folder that insikt did not make for this project.
pub fn build(dir: &Path, output: Option<&Path>, drafts: bool, force: bool) -> i32 {
    let started = Instant::now();
    let flag = |path: &Path| OutputRequest {
        path: path.to_path_buf(),
        origin: OutputOrigin::Flag,
        force,
    };
    let quick = match output {
        Some(path) => Some(flag(path)),
        None => site::configured_output(dir, force),
    };
    // A build into a folder that does not exist yet is a fresh one: the pages read for the
    // fingerprint are kept and loaded, not read twice. Into an existing output (where nothing
    // may have changed) they are only hashed, which costs less than keeping them.
    let fresh = quick.as_ref().is_none_or(|r| !r.path.exists());
    // Read before the site is loaded, so that an input edited during the build makes the
    // next build's fingerprint differ from the one recorded.
    let (inputs, read_ahead) = site::timed("fingerprint the inputs", || {
        Inputs::read(
            dir,
            &[format!("drafts={drafts}"), format!("force={force}")],
            fresh,
        )
    });
    let unchanged = site::timed("check the output against the manifest", || {
        quick.and_then(|r| site::unchanged(dir, &r, &inputs))
    });
    if let Some((summary, notes)) = unchanged {
        for note in notes {
            eprintln!("{note}");
        }
        let millis = started.elapsed().as_millis();
        eprintln!("{}", super::next_steps::unchanged(&summary, dir, millis));
        return 0;
    }
    let mut site = match Site::load_read_ahead(dir, drafts, read_ahead) {
        Ok(site) => {
            super::notes(&site);
            site
        }
        Err(d) => {
            super::report(&d, true);
            return 1;
        }
    };
    site.free_sources();
    let request = match output {
        Some(path) => flag(path),
        None => site.default_output(force),
    };
    match site.build_from(&request, &inputs) {
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
