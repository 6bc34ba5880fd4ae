//! `insikt import mdbook|zola SRC DEST`: a new insikt project made from an mdBook book or a
//! Zola site, so an author can switch in one command.
//!
//! An import reads the source once (nothing is written while reading), plans every file of
//! the new project in memory, then writes them into a staging folder beside DEST and renames
//! it into place: a failed import leaves nothing half-made. It writes only into a new or
//! empty DEST, never outside it, and reads nothing through a symbolic link (or a `..`) that
//! leads out of SRC. What cannot be kept is listed with its file and line.

#![warn(missing_docs)]

mod links;
mod mdbook;
mod output;
mod page;
mod source;
mod toml_entries;
mod zola;

use insikt_core::diagnostic::{Diagnostic, Diagnostics};
use insikt_core::language::Language;
use std::fmt;
use std::path::{Path, PathBuf};

/// What is imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An mdBook book: `book.toml`, `src/SUMMARY.md` and its chapters.
    MdBook,
    /// A Zola site: `config.toml`, `content/` with `_index.md` sections, `static/`.
    Zola,
}

impl Format {
    /// The name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::MdBook => "mdBook book",
            Format::Zola => "Zola site",
        }
    }
}

/// Something of the source the new project does not keep, or keeps differently.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Note {
    /// The source file, relative to the folder imported.
    pub file: PathBuf,
    /// The 1-based line, when the note is about one place.
    pub line: Option<usize>,
    /// What happened and why.
    pub message: String,
}

impl Note {
    /// A note about line `line` of `file`.
    pub fn at(file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Note {
        Note {
            file: file.into(),
            line: Some(line),
            message: message.into(),
        }
    }

    /// A note about the whole of `file`.
    pub fn file(file: impl AsRef<Path>, message: impl Into<String>) -> Note {
        Note {
            file: file.as_ref().to_path_buf(),
            line: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Keys and file names come from the source; control characters would break the
        // one-line-per-note layout (and the comments in the new book.toml).
        let clean = |s: &str| -> String {
            s.chars()
                .map(|c| if c.is_control() { '?' } else { c })
                .collect()
        };
        let file = clean(&self.file.to_string_lossy());
        match self.line {
            Some(line) => write!(f, "{file}:{line}: {}", clean(&self.message)),
            None => write!(f, "{file}: {}", clean(&self.message)),
        }
    }
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Report {
    /// Pages written (sections included).
    pub pages: usize,
    /// Other files copied (images and the like).
    pub assets: usize,
    /// Links whose destination was changed.
    pub links_rewritten: usize,
    /// `{{#include}}` directives replaced by the text they name.
    pub includes_inlined: usize,
    /// Pages that did not land where their source path alone would put them:
    /// (source file, new file).
    pub moved: Vec<(PathBuf, PathBuf)>,
    /// Everything not kept, or kept differently, sorted by file and line.
    pub not_kept: Vec<Note>,
}

/// The new project, planned: its files and what the import did.
#[derive(Debug, Default)]
struct Plan {
    files: output::Files,
    report: Report,
    /// The folders of the source whose files are all read (the import must not write
    /// inside them).
    read_dirs: Vec<PathBuf>,
}

/// Imports the book or site in `src` as a new insikt project in `dest`, which must be
/// missing (in a folder that exists) or empty. On error nothing is written.
pub fn import(format: Format, src: &Path, dest: &Path) -> Result<Report, Diagnostics> {
    let dest = output::check_dest(dest)?;
    let tree = source::SourceTree::open(src)?;
    let plan = match format {
        Format::MdBook => mdbook::plan(&tree)?,
        Format::Zola => zola::plan(&tree)?,
    };
    if let Some(dir) = plan.read_dirs.iter().find(|d| dest.path.starts_with(d)) {
        return Err(Diagnostic::new(
            &dest.shown,
            format!("lies inside `{}`, which is being imported", dir.display()),
        )
        .with_help("choose a folder outside the book's or site's source folders")
        .into());
    }
    dest.write(&plan.files)?;
    let mut report = plan.report;
    report.not_kept.sort();
    report.not_kept.dedup();
    Ok(report)
}

/// The insikt language for a source's language code, and a note when it is not the same
/// language (insikt has UI strings for six).
fn language(code: &str) -> (Language, Option<String>) {
    let lower = code.trim().to_ascii_lowercase();
    let primary = lower.split(['-', '_']).next().unwrap_or("");
    if let Some(language) = Language::from_code(primary) {
        return (language, None);
    }
    if primary == "no" {
        return (
            Language::Nb,
            Some(format!(
                "language `{code}` (Norwegian) is set to Norwegian bokmål, `nb`; use `nn` for nynorsk"
            )),
        );
    }
    (
        Language::En,
        Some(format!(
            "language `{code}` is not one insikt has (sv, da, nb, nn, fi, en); the report is \
             set to English, `en`: change `language` in book.toml if another fits better"
        )),
    )
}

/// The new `book.toml`.
#[derive(Debug)]
struct NewConfig {
    title: String,
    language: Language,
    authors: Vec<String>,
    description: Option<String>,
    output: Option<String>,
    /// Where the settings came from, e.g. `book.toml`.
    from: String,
    /// The settings not kept, listed in a comment at the top.
    not_kept: Vec<Note>,
}

impl NewConfig {
    fn to_toml(&self) -> String {
        let string = |s: &str| toml::Value::String(s.to_string()).to_string();
        let mut out = format!("# Made by `insikt import` from {}.\n", self.from);
        if !self.not_kept.is_empty() {
            out.push_str("# Not kept (insikt has no such setting, or does it its own way):\n");
            for note in &self.not_kept {
                out.push_str(&format!("#   {note}\n"));
            }
        }
        out.push_str("\n[book]\n");
        out.push_str(&format!("title = {}\n", string(&self.title)));
        out.push_str(&format!("language = \"{}\"\n", self.language.code()));
        if !self.authors.is_empty() {
            let list: Vec<String> = self.authors.iter().map(|a| string(a)).collect();
            out.push_str(&format!("authors = [{}]\n", list.join(", ")));
        }
        if let Some(d) = &self.description {
            out.push_str(&format!("description = {}\n", string(d)));
        }
        if let Some(o) = &self.output {
            out.push_str(&format!("\n[build]\noutput = {}\n", string(o)));
        }
        out
    }
}

/// An output folder from the source's settings, if insikt can use it as it is: a plain
/// relative path.
fn plain_output(dir: &str) -> bool {
    let path = Path::new(dir);
    !dir.trim().is_empty()
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// `Err` with the errors gathered while planning, sorted, or `Ok` when there are none.
fn errors_or(diagnostics: Diagnostics) -> Result<(), Diagnostics> {
    if diagnostics.is_empty() {
        Ok(())
    } else {
        let mut diagnostics = diagnostics;
        diagnostics.sort();
        Err(diagnostics)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_map_to_the_nearest() {
        assert_eq!(language("sv-SE"), (Language::Sv, None));
        assert_eq!(language("EN"), (Language::En, None));
        assert_eq!(language("nn"), (Language::Nn, None));
        let (l, note) = language("no");
        assert_eq!(l, Language::Nb);
        assert!(note.unwrap().contains("bokmål"));
        let (l, note) = language("de");
        assert_eq!(l, Language::En);
        assert!(note.unwrap().contains("`de`"));
    }

    #[test]
    fn the_new_book_toml_parses_and_lists_what_is_not_kept() {
        let config = NewConfig {
            title: "A \"book\"".into(),
            language: Language::Fi,
            authors: vec!["X".into()],
            description: Some("Line\nbreak".into()),
            output: Some("book".into()),
            from: "book.toml".into(),
            not_kept: vec![Note::at("book.toml", 4, "`a.b\nc`: no")],
        };
        let text = config.to_toml();
        assert!(text.contains("#   book.toml:4: `a.b?c`: no\n"), "{text}");
        let (parsed, problems) = insikt_config::Config::parse(&text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(parsed.book.title, "A \"book\"");
        assert_eq!(parsed.book.language, Language::Fi);
        assert_eq!(parsed.build.output, PathBuf::from("book"));
    }

    #[test]
    fn outputs_must_be_plain_relative_paths() {
        assert!(plain_output("book"));
        assert!(plain_output("out/site"));
        assert!(!plain_output("../x"));
        assert!(!plain_output("/tmp/x"));
        assert!(!plain_output(""));
    }
}
