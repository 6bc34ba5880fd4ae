//! The subcommands: thin wrappers over [`crate::site`].

mod build;
mod check;
mod codebook;
mod import;
mod new;
mod next_steps;
mod pdf;
mod pdf_pages;
mod serve;

pub use build::build;
pub use check::check;
pub use codebook::codebook;
pub use import::import;
pub use new::{new, template};
pub use pdf::pdf;
pub use serve::serve;

use insikt_core::diagnostic::Diagnostics;

/// Prints every diagnostic and a one-line count to standard error.
pub(crate) fn report(diagnostics: &Diagnostics, building: bool) {
    eprint!("{diagnostics}");
    let n = diagnostics.len();
    let plural = if n == 1 { "" } else { "s" };
    if building {
        eprintln!(
            "{n} error{plural} found; nothing was written, the previous output is unchanged."
        );
    } else {
        eprintln!("{n} error{plural} found.");
    }
}

/// Prints how each dataset was read and the warnings about datasets.
pub(crate) fn notes(site: &crate::site::Site) {
    for note in &site.datasets.notes {
        eprintln!("{note}");
    }
}

/// Makes a new folder of insikt's own under the system's temporary folder, readable only by
/// the user where the system allows. A name that exists (another user's, or a link planted
/// there) is never reused.
pub(crate) fn temporary_folder(purpose: &str) -> std::io::Result<std::path::PathBuf> {
    let base = std::env::temp_dir();
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    let mut attempt = 0;
    loop {
        let dir = base.join(format!("insikt-{purpose}-{}-{attempt}", std::process::id()));
        match builder.create(&dir) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            result => return result.map(|()| dir),
        }
    }
}
