//! One source per output file. Every file a build writes is registered here with what it
//! is made from, once everything is loaded and rendered, and every clash is reported at
//! once: two inputs that become the same file (`fall.md` and `fall/_index.md`), an input
//! over a file insikt makes itself (`content/codebook.md`, `static/print.html`), and paths
//! that differ only in letter case, which one file system keeps apart and the next (Windows,
//! macOS, a USB stick) does not.

use insikt_core::diagnostic::{printable_path, Diagnostic};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What an output file is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file of the project, published as it is or made into a page.
    File(PathBuf),
    /// A file insikt makes from a file of the project: the chart downloads of a page.
    MadeFrom(PathBuf, &'static str),
    /// A file insikt makes for the whole report, described for the author.
    Generated(String),
}

impl Source {
    /// The project file behind it, if any: where a clash is reported.
    fn input(&self) -> Option<&Path> {
        match self {
            Source::File(p) | Source::MadeFrom(p, _) => Some(p),
            Source::Generated(_) => None,
        }
    }

    /// Files insikt makes come first, so a clash is reported at the author's file.
    fn rank(&self) -> u8 {
        match self {
            Source::Generated(_) => 0,
            Source::MadeFrom(..) => 1,
            Source::File(_) => 2,
        }
    }

    /// The source in a message.
    fn describe(&self) -> String {
        match self {
            Source::File(p) => format!("`{}`", printable_path(p)),
            Source::MadeFrom(p, what) => format!("{what} of `{}`", printable_path(p)),
            Source::Generated(what) => what.clone(),
        }
    }
}

/// Every file of the site to be built, with its source.
#[derive(Debug, Default)]
pub struct OutputRegistry {
    /// Output path (from the site root, `/`-separated) and source, in registration order.
    files: Vec<(String, Source)>,
    /// Folders insikt fills itself (path ending in `/`), where nothing else may go.
    folders: Vec<(String, Source)>,
}

impl OutputRegistry {
    /// Registers the output file `path` as made from `source`.
    pub fn file(&mut self, path: impl Into<String>, source: Source) {
        self.files.push((path.into(), source));
    }

    /// Reserves the folder `path` (ending in `/`) for the files `source` makes; other
    /// sources may put nothing in it.
    pub fn folder(&mut self, path: impl Into<String>, source: Source) {
        self.folders.push((path.into(), source));
    }

    /// One error for each output file with more than one source, in a stable order.
    pub fn clashes(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        // Same path, or the same but for letter case: insikt's own files first, then inputs
        // by path, so the error falls on the author's file, or the input that came later.
        let mut by_key: BTreeMap<String, Vec<&(String, Source)>> = BTreeMap::new();
        for entry in &self.files {
            by_key
                .entry(entry.0.to_lowercase())
                .or_default()
                .push(entry);
        }
        for claims in by_key.values_mut() {
            claims.sort_by_key(|(path, source)| (source.rank(), source.input(), path.clone()));
            claims.dedup();
            let Some((first, rest)) = claims.split_first() else {
                continue;
            };
            for other in rest {
                out.push(clash(other, first));
            }
        }
        // Inside a folder insikt fills itself.
        for (folder, owner) in &self.folders {
            let key = folder.to_lowercase();
            for (path, source) in &self.files {
                if source != owner && path.to_lowercase().starts_with(&key) {
                    let at = source.input().unwrap_or(Path::new("content"));
                    out.push(
                        Diagnostic::new(
                            at,
                            format!(
                                "{} becomes `{path}`, inside `{folder}`, where insikt writes {}",
                                source.describe(),
                                owner.describe()
                            ),
                        )
                        .with_help(format!(
                            "rename it, or move it to another folder: insikt fills `{folder}` itself"
                        )),
                    );
                }
            }
        }
        // A file where another needs a folder of the same name (`static/fall` and
        // `content/fall.md`, which becomes `fall/index.html`).
        let mut folders: BTreeMap<String, &(String, Source)> = BTreeMap::new();
        for entry in &self.files {
            let mut path = entry.0.as_str();
            while let Some((parent, _)) = path.rsplit_once('/') {
                folders.entry(parent.to_lowercase()).or_insert(entry);
                path = parent;
            }
        }
        for (path, source) in &self.files {
            if let Some((inner, inner_source)) = folders.get(&path.to_lowercase()) {
                let at = source
                    .input()
                    .or(inner_source.input())
                    .unwrap_or(Path::new("content"));
                out.push(
                    Diagnostic::new(
                        at,
                        format!(
                            "{} becomes the file `{path}`, but {} becomes `{inner}`, which needs a folder of that name",
                            source.describe(),
                            inner_source.describe()
                        ),
                    )
                    .with_help("rename one of them"),
                );
            }
        }
        out
    }
}

/// The error for `other`, which wants the path `first` has (or one differing only in case).
fn clash(other: &(String, Source), first: &(String, Source)) -> Diagnostic {
    let (path, source) = other;
    let (first_path, first_source) = first;
    let at = source
        .input()
        .or(first_source.input())
        .unwrap_or(Path::new("content"));
    if path == first_path {
        let help = match first_source {
            Source::Generated(_) | Source::MadeFrom(..) => {
                format!("rename it: insikt makes `{path}` itself")
            }
            _ => "rename or remove one of them: each file of the site comes from one source"
                .to_string(),
        };
        Diagnostic::new(
            at,
            format!(
                "{} and {} both become `{path}`",
                source.describe(),
                first_source.describe()
            ),
        )
        .with_help(help)
    } else {
        Diagnostic::new(
            at,
            format!(
                "{} becomes `{path}` and {} becomes `{first_path}`: the names differ only in \
                 letter case, so on Windows and macOS, and on a USB stick, one overwrites the other",
                source.describe(),
                first_source.describe()
            ),
        )
        .with_help("rename one of them so that the names differ in more than letter case")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(p: &str) -> Source {
        Source::File(PathBuf::from(p))
    }

    #[test]
    fn every_clash_is_reported_once_at_the_later_input() {
        let mut r = OutputRegistry::default();
        r.file("fall/index.html", file("content/fall/_index.md"));
        r.file("fall/index.html", file("content/fall.md"));
        r.file("print.html", Source::Generated("print.html".into()));
        r.file("print.html", file("static/print.html"));
        r.file("Ny/index.html", file("content/Ny.md"));
        r.file("ny/index.html", file("content/ny.md"));
        r.folder("search/", Source::Generated("the search index".into()));
        r.file(
            "search/text-0.js",
            Source::Generated("the search index".into()),
        );
        r.file("search/index.html", file("content/search.md"));
        r.file("om/index.html", file("content/om.md"));
        let found = r.clashes();
        let files: Vec<String> = found.iter().map(|d| d.file.display().to_string()).collect();
        assert_eq!(
            files,
            [
                "content/fall.md",
                "content/ny.md",
                "static/print.html",
                "content/search.md"
            ],
            "{found:?}"
        );
        let both = "`content/fall.md` and `content/fall/_index.md` both become `fall/index.html`";
        assert!(found[0].message.contains(both), "{}", found[0]);
        assert!(found[1].message.contains("letter case"), "{}", found[1]);
    }

    #[test]
    fn a_file_where_a_folder_is_needed_is_a_clash() {
        let mut r = OutputRegistry::default();
        r.file("fall/index.html", file("content/fall.md"));
        r.file("fall", file("static/fall"));
        let found = r.clashes();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].file, PathBuf::from("static/fall"));
    }
}
