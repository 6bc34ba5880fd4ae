use crate::data;
use std::path::Path;

/// `insikt codebook data/NAME.csv` (or `data/NAME.px`): writes a codebook beside the file
/// (or prints it): inferred from a CSV file's cells, filled in from a PX file's metadata,
/// with placeholders for what the author must fill in. Never overwrites one without
/// `force`. Returns the process exit code.
pub fn codebook(file: &Path, stdout: bool, force: bool) -> i32 {
    let Some(name) = file.file_stem().and_then(|s| s.to_str()) else {
        eprintln!("error: `{}` is not a CSV or PX file name", file.display());
        return 2;
    };
    let _input = insikt_core::crash::processing(file);
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {}: cannot read: {e}", file.display());
            return 1;
        }
    };
    let is_px = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("px"));
    let (stub, note, fill_in) = if is_px {
        let (px, _) = match data::px_dataset::parse(file, &bytes) {
            Ok(read) => read,
            Err(d) => {
                super::report(&d, false);
                return 1;
            }
        };
        // The labels are the report's language's, so the codebook's field names match
        // those the build reads.
        let lang = report_language(file)
            .and_then(|language| data::px_dataset::choose_language(&px, language));
        (
            data::px_dataset::stub(file, &px, lang.as_deref()),
            None,
            "the \"TODO: …\" keys (purpose, indicator type, and what the file leaves out)",
        )
    } else {
        match data::from_vec(name, bytes, None) {
            Ok((dataset, notes)) => (
                data::stub::write(&dataset),
                notes.into_iter().next(),
                "the \"TODO: …\" keys (source, owner, updated, descriptions)",
            ),
            Err(d) => {
                super::report(&d, false);
                return 1;
            }
        }
    };
    if stdout {
        use std::io::Write;
        return match std::io::stdout().lock().write_all(stub.as_bytes()) {
            Ok(()) => 0,
            // A reader such as `head` may close the pipe early; the stub was not wanted whole.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
            Err(e) => {
                eprintln!("error: cannot write to standard output: {e}");
                1
            }
        };
    }
    let target = file.with_extension("yaml");
    if target.exists() && !force {
        eprintln!(
            "error: {} already exists; nothing was written (use --stdout to see the stub, \
             --force to replace the file)",
            target.display()
        );
        return 1;
    }
    if let Err(e) = std::fs::write(&target, stub) {
        eprintln!("error: {}: cannot write: {e}", target.display());
        return 1;
    }
    if let Some(note) = note {
        eprintln!("{note}");
    }
    eprintln!("Wrote {}: fill in {fill_in}.", target.display());
    0
}

/// The language of the report the data file belongs to: `book.toml`'s in the folder above
/// `data/`, if there is one.
fn report_language(file: &Path) -> Option<insikt_core::language::Language> {
    let project = file.parent()?.parent()?;
    let text = std::fs::read_to_string(project.join(insikt_config::CONFIG_FILE)).ok()?;
    Some(insikt_config::Config::parse(&text).0.book.language)
}
