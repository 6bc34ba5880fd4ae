use crate::data;
use std::path::Path;

/// `insikt codebook data/NAME.csv`: writes an inferred codebook stub beside the CSV (or
/// prints it), never overwriting one. Returns the process exit code.
pub fn codebook(csv: &Path, stdout: bool) -> i32 {
    let Some(name) = csv.file_stem().and_then(|s| s.to_str()) else {
        eprintln!("error: `{}` is not a CSV file name", csv.display());
        return 2;
    };
    let _input = insikt_core::crash::processing(csv);
    let bytes = match std::fs::read(csv) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {}: cannot read: {e}", csv.display());
            return 1;
        }
    };
    let (dataset, notes) = match data::from_vec(name, bytes, None) {
        Ok(d) => d,
        Err(d) => {
            super::report(&d, false);
            return 1;
        }
    };
    let stub = data::stub::write(&dataset);
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
    let target = csv.with_extension("yaml");
    if target.exists() {
        eprintln!(
            "error: {} already exists; nothing was written (use --stdout to see the stub)",
            target.display()
        );
        return 1;
    }
    if let Err(e) = std::fs::write(&target, stub) {
        eprintln!("error: {}: cannot write: {e}", target.display());
        return 1;
    }
    if let Some(note) = notes.first() {
        eprintln!("{note}");
    }
    eprintln!(
        "Wrote {}: complete the empty keys (source, owner, updated, descriptions).",
        target.display()
    );
    0
}
