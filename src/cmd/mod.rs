//! The subcommands: thin wrappers over [`crate::site`].

mod build;
mod check;
mod codebook;
mod new;
mod pdf;
mod serve;

pub use build::build;
pub use check::check;
pub use codebook::codebook;
pub use new::{new, template};
pub use pdf::pdf;
pub use serve::serve;

use crate::diagnostic::Diagnostics;

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
