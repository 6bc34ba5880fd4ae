//! The subcommands: thin wrappers over [`crate::site`].

mod build;
mod check;

pub use build::build;
pub use check::check;

use crate::diagnostic::Diagnostics;

/// Prints every diagnostic and a one-line count to standard error.
pub(crate) fn report(diagnostics: &Diagnostics) {
    eprint!("{diagnostics}");
    let n = diagnostics.len();
    eprintln!(
        "{n} error{} found; nothing was written, the previous output is unchanged.",
        if n == 1 { "" } else { "s" }
    );
}
