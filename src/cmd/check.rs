use crate::site::Site;
use std::path::Path;

/// `insikt check`: returns the process exit code.
pub fn check(dir: &Path, drafts: bool) -> i32 {
    let result = Site::load(dir, drafts).and_then(|site| {
        super::notes(&site);
        site.check()
    });
    match result {
        Ok(pages) => {
            eprintln!("{pages} pages checked, no problems found.");
            0
        }
        Err(d) => {
            super::report(&d, false);
            1
        }
    }
}
