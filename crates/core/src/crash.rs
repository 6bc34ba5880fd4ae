//! What an author sees if insikt panics: a short note that this is a bug in insikt, the
//! input file it was working on and where to report it, instead of a backtrace.
//!
//! Each place that works on one input file (on whichever thread, rayon's included) marks
//! it with [`processing`]; the panic hook reads the mark of the thread that panicked.

use std::cell::RefCell;
use std::panic::PanicHookInfo;
use std::path::{Path, PathBuf};

thread_local! {
    static CURRENT: RefCell<Option<PathBuf>> = const { RefCell::new(None) };
}

/// Marks `file` as the input this thread is working on until the guard is dropped, when
/// the previous mark (if any) is restored.
#[must_use = "the mark lasts as long as the guard"]
pub fn processing(file: impl AsRef<Path>) -> Processing {
    let previous = CURRENT.with(|c| c.replace(Some(file.as_ref().to_path_buf())));
    Processing { previous }
}

/// Keeps an input file marked as being processed; see [`processing`].
#[derive(Debug)]
pub struct Processing {
    previous: Option<PathBuf>,
}

impl Drop for Processing {
    fn drop(&mut self) {
        let previous = self.previous.take();
        let _ = CURRENT.try_with(|c| *c.borrow_mut() = previous);
    }
}

/// The input file this thread is working on, if one is marked.
pub fn current_input() -> Option<PathBuf> {
    CURRENT
        .try_with(|c| c.try_borrow().ok().and_then(|c| c.clone()))
        .ok()
        .flatten()
}

/// Where bugs are reported.
fn report_to() -> &'static str {
    match option_env!("CARGO_PKG_REPOSITORY") {
        Some(r) if !r.is_empty() => r,
        _ => "the insikt project's issue tracker",
    }
}

/// The message printed for a panic with `details` (where it happened and what it said)
/// while working on `input`.
pub fn message(input: Option<&Path>, details: &str) -> String {
    let place = match input {
        Some(file) => format!("while processing `{}`", file.display()),
        None => "while building the report".to_string(),
    };
    format!(
        "error: insikt stopped {place}. This is a bug in insikt, not a mistake in your report.\n  \
         Please report it to {}, with the input file (or a smaller copy that shows the same) \
         and this line:\n  {details}\n",
        report_to()
    )
}

/// Installs the panic hook: the short message of [`message`] on standard error, and the
/// usual panic output with its backtrace only when `RUST_BACKTRACE` asks for it.
pub fn install_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info: &PanicHookInfo| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| info.payload().downcast_ref::<String>().map(String::as_str))
            .unwrap_or("panic");
        let details = match info.location() {
            Some(l) => format!(
                "panicked at {}:{}:{}: {what}",
                l.file(),
                l.line(),
                l.column()
            ),
            None => format!("panicked: {what}"),
        };
        eprint!("{}", message(current_input().as_deref(), &details));
        if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
            default(info);
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_nest_and_are_restored() {
        assert_eq!(current_input(), None);
        {
            let _outer = processing("data/a.csv");
            {
                let _inner = processing("content/b.md");
                assert_eq!(current_input(), Some(PathBuf::from("content/b.md")));
            }
            assert_eq!(current_input(), Some(PathBuf::from("data/a.csv")));
        }
        assert_eq!(current_input(), None);
    }

    #[test]
    fn the_message_names_the_file_and_says_it_is_a_bug() {
        let m = message(
            Some(Path::new("content/kapitel.md")),
            "panicked at x.rs:1:2: boom",
        );
        assert!(m.contains("`content/kapitel.md`"), "{m}");
        assert!(m.contains("bug in insikt"), "{m}");
        assert!(m.contains("panicked at x.rs:1:2: boom"), "{m}");
    }
}
