//! `insikt new`: a small, complete report to start from, in one of the six languages:
//! a front page, a chapter with a chart from a dataset and its codebook, a case narrative
//! and a reflection worksheet.
//!
//! The files are embedded from `templates/new/LANG/` so an installed binary needs nothing
//! beside it. Each template builds and passes `insikt check` as it stands (a test checks
//! this for every language).

use insikt_core::language::Language;
use std::path::Path;

/// The starter report's files for `language`: `(path relative to the folder, text)`.
pub fn template(language: Language) -> &'static [(&'static str, &'static str)] {
    match language {
        Language::Sv => &[
            (
                "content/reflektion.yaml",
                include_str!("../../templates/new/sv/content/reflektion.yaml"),
            ),
            (
                "book.toml",
                include_str!("../../templates/new/sv/book.toml"),
            ),
            (
                "data/dialogmoten.csv",
                include_str!("../../templates/new/sv/data/dialogmoten.csv"),
            ),
            (
                "data/dialogmoten.yaml",
                include_str!("../../templates/new/sv/data/dialogmoten.yaml"),
            ),
            (
                "content/_index.md",
                include_str!("../../templates/new/sv/content/_index.md"),
            ),
            (
                "content/bakgrund.md",
                include_str!("../../templates/new/sv/content/bakgrund.md"),
            ),
            (
                "content/fallstudie.md",
                include_str!("../../templates/new/sv/content/fallstudie.md"),
            ),
        ],
        Language::Da => &[
            (
                "content/refleksion.yaml",
                include_str!("../../templates/new/da/content/refleksion.yaml"),
            ),
            (
                "book.toml",
                include_str!("../../templates/new/da/book.toml"),
            ),
            (
                "data/dialogmoeder.csv",
                include_str!("../../templates/new/da/data/dialogmoeder.csv"),
            ),
            (
                "data/dialogmoeder.yaml",
                include_str!("../../templates/new/da/data/dialogmoeder.yaml"),
            ),
            (
                "content/_index.md",
                include_str!("../../templates/new/da/content/_index.md"),
            ),
            (
                "content/baggrund.md",
                include_str!("../../templates/new/da/content/baggrund.md"),
            ),
            (
                "content/case.md",
                include_str!("../../templates/new/da/content/case.md"),
            ),
        ],
        Language::Nb => &[
            (
                "content/refleksjon.yaml",
                include_str!("../../templates/new/nb/content/refleksjon.yaml"),
            ),
            (
                "book.toml",
                include_str!("../../templates/new/nb/book.toml"),
            ),
            (
                "data/dialogmoter.csv",
                include_str!("../../templates/new/nb/data/dialogmoter.csv"),
            ),
            (
                "data/dialogmoter.yaml",
                include_str!("../../templates/new/nb/data/dialogmoter.yaml"),
            ),
            (
                "content/_index.md",
                include_str!("../../templates/new/nb/content/_index.md"),
            ),
            (
                "content/bakgrunn.md",
                include_str!("../../templates/new/nb/content/bakgrunn.md"),
            ),
            (
                "content/case.md",
                include_str!("../../templates/new/nb/content/case.md"),
            ),
        ],
        Language::Nn => &[
            (
                "content/refleksjon.yaml",
                include_str!("../../templates/new/nn/content/refleksjon.yaml"),
            ),
            (
                "book.toml",
                include_str!("../../templates/new/nn/book.toml"),
            ),
            (
                "data/dialogmote.csv",
                include_str!("../../templates/new/nn/data/dialogmote.csv"),
            ),
            (
                "data/dialogmote.yaml",
                include_str!("../../templates/new/nn/data/dialogmote.yaml"),
            ),
            (
                "content/_index.md",
                include_str!("../../templates/new/nn/content/_index.md"),
            ),
            (
                "content/bakgrunn.md",
                include_str!("../../templates/new/nn/content/bakgrunn.md"),
            ),
            (
                "content/case.md",
                include_str!("../../templates/new/nn/content/case.md"),
            ),
        ],
        Language::Fi => &[
            (
                "content/pohdinta.yaml",
                include_str!("../../templates/new/fi/content/pohdinta.yaml"),
            ),
            (
                "book.toml",
                include_str!("../../templates/new/fi/book.toml"),
            ),
            (
                "data/vuoropuhelut.csv",
                include_str!("../../templates/new/fi/data/vuoropuhelut.csv"),
            ),
            (
                "data/vuoropuhelut.yaml",
                include_str!("../../templates/new/fi/data/vuoropuhelut.yaml"),
            ),
            (
                "content/_index.md",
                include_str!("../../templates/new/fi/content/_index.md"),
            ),
            (
                "content/tapaus.md",
                include_str!("../../templates/new/fi/content/tapaus.md"),
            ),
            (
                "content/tausta.md",
                include_str!("../../templates/new/fi/content/tausta.md"),
            ),
        ],
        Language::En => &[
            (
                "content/reflection.yaml",
                include_str!("../../templates/new/en/content/reflection.yaml"),
            ),
            (
                "book.toml",
                include_str!("../../templates/new/en/book.toml"),
            ),
            (
                "data/dialogues.csv",
                include_str!("../../templates/new/en/data/dialogues.csv"),
            ),
            (
                "data/dialogues.yaml",
                include_str!("../../templates/new/en/data/dialogues.yaml"),
            ),
            (
                "content/_index.md",
                include_str!("../../templates/new/en/content/_index.md"),
            ),
            (
                "content/background.md",
                include_str!("../../templates/new/en/content/background.md"),
            ),
            (
                "content/case-study.md",
                include_str!("../../templates/new/en/content/case-study.md"),
            ),
        ],
    }
}

/// `insikt new DIR --language LANG`: writes the starter report into `dir`, which must be
/// missing or empty. Returns the process exit code.
pub fn new(dir: &Path, language: Language) -> i32 {
    match write(dir, language) {
        Ok(()) => {
            eprintln!(
                "Wrote a new report in {} ({}).\n{}",
                dir.display(),
                language.code(),
                super::next_steps::after_new(dir)
            );
            0
        }
        Err(message) => {
            eprintln!("error: {message}");
            1
        }
    }
}

fn write(dir: &Path, language: Language) -> Result<(), String> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(format!("`{}` exists and is not a folder", dir.display()));
        }
        let mut entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
        if entries.next().is_some() {
            return Err(format!(
                "`{}` is not empty; `insikt new` writes only into a new or empty folder, so nothing was written. Choose another folder name",
                dir.display()
            ));
        }
    }
    for (rel, text) in template(language) {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
        }
        std::fs::write(&path, text)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    Ok(())
}
