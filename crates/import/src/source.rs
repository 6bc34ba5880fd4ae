//! Reading the book or site being imported. Every path is resolved and checked to stay
//! inside it, so a symbolic link (or a `..` in a link or an include) never leads the import
//! to read a file elsewhere on the machine.

use super::Note;
use insikt_core::diagnostic::Diagnostic;
use insikt_core::input::normalize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The folder being imported.
#[derive(Debug)]
pub struct SourceTree {
    /// The folder, resolved (no links, absolute).
    root: PathBuf,
}

/// A file found inside the tree.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Its path relative to the tree as the author sees it (through links inside the tree).
    pub rel: PathBuf,
    /// Where it really is (inside the tree).
    pub real: PathBuf,
}

/// Why a path of the tree cannot be read.
#[derive(Debug)]
pub enum Refused {
    /// Nothing is there.
    Missing,
    /// The path, or a link on the way, leads out of the tree.
    Outside,
    /// Reading failed.
    Io(std::io::Error),
}

impl SourceTree {
    /// Opens the folder `path`.
    pub fn open(path: &Path) -> Result<SourceTree, Diagnostic> {
        let root = std::fs::canonicalize(path).map_err(|e| {
            Diagnostic::new(path, format!("cannot open the folder to import: {e}"))
                .with_help("name the folder that holds the book or site")
        })?;
        if !root.is_dir() {
            return Err(Diagnostic::new(path, "is not a folder")
                .with_help("name the folder that holds the book or site"));
        }
        Ok(SourceTree { root })
    }

    /// The folder, resolved.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where `rel` really is, if it exists inside the tree.
    pub fn resolve(&self, rel: &Path) -> Result<PathBuf, Refused> {
        let rel = normalize(rel).ok_or(Refused::Outside)?;
        let real = match std::fs::canonicalize(self.root.join(rel)) {
            Ok(real) => real,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Refused::Missing),
            Err(e) => return Err(Refused::Io(e)),
        };
        if real.starts_with(&self.root) {
            Ok(real)
        } else {
            Err(Refused::Outside)
        }
    }

    /// True when `rel` is a file inside the tree.
    pub fn is_file(&self, rel: &Path) -> bool {
        self.resolve(rel).is_ok_and(|p| p.is_file())
    }

    /// The text of the UTF-8 file `rel`, without a byte-order mark.
    pub fn read_text(&self, rel: &Path) -> Result<String, Refused> {
        let real = self.resolve(rel)?;
        let bytes = std::fs::read(real).map_err(Refused::Io)?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Refused::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "the file is not UTF-8 (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            ))
        })?;
        Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        })
    }

    /// Every file under the folder `rel`, sorted by path. Hidden files and folders (named
    /// `.…`) are left out; a link to a file or folder inside the tree is followed, one that
    /// leads out of it is skipped with a note, as is anything that is neither file nor
    /// folder.
    pub fn walk(&self, rel: &Path, notes: &mut Vec<Note>) -> Vec<SourceFile> {
        let mut files = Vec::new();
        let Ok(real) = self.resolve(rel) else {
            return files;
        };
        if !real.is_dir() {
            return files;
        }
        let mut visited = HashSet::from([real.clone()]);
        self.walk_dir(rel, &real, &mut visited, &mut files, notes);
        files.sort_by(|a, b| a.rel.cmp(&b.rel));
        files
    }

    fn walk_dir(
        &self,
        rel: &Path,
        real: &Path,
        visited: &mut HashSet<PathBuf>,
        files: &mut Vec<SourceFile>,
        notes: &mut Vec<Note>,
    ) {
        let entries = match std::fs::read_dir(real) {
            Ok(entries) => entries,
            Err(e) => {
                notes.push(Note::file(
                    rel,
                    format!("skipped: cannot read the folder: {e}"),
                ));
                return;
            }
        };
        let mut names: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        names.sort();
        for name in names {
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let child_rel = rel.join(&name);
            let child = real.join(&name);
            let Ok(meta) = std::fs::symlink_metadata(&child) else {
                continue;
            };
            let target = if meta.file_type().is_symlink() {
                match std::fs::canonicalize(&child) {
                    Ok(t) if t.starts_with(&self.root) => t,
                    Ok(_) => {
                        notes.push(Note::file(
                            &child_rel,
                            "skipped: a symbolic link to a place outside the folder being \
                             imported; copy what it points to into the folder if it belongs \
                             to the book",
                        ));
                        continue;
                    }
                    Err(_) => {
                        notes.push(Note::file(
                            &child_rel,
                            "skipped: a symbolic link to nothing",
                        ));
                        continue;
                    }
                }
            } else {
                child
            };
            if target.is_dir() {
                if visited.insert(target.clone()) {
                    self.walk_dir(&child_rel, &target, visited, files, notes);
                }
            } else if target.is_file() {
                files.push(SourceFile {
                    rel: child_rel,
                    real: target,
                });
            } else {
                notes.push(Note::file(
                    &child_rel,
                    "skipped: neither a file nor a folder",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_tree_are_skipped_and_links_inside_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::create_dir_all(root.join("src/img")).unwrap();
        std::fs::write(root.join("src/img/a.png"), "png").unwrap();
        std::fs::write(root.join("shared.md"), "shared").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), root.join("src/leak.txt"))
            .unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("src/away")).unwrap();
        std::os::unix::fs::symlink(root.join("shared.md"), root.join("src/shared.md")).unwrap();
        std::os::unix::fs::symlink(root.join("src"), root.join("src/img/loop")).unwrap();
        let tree = SourceTree::open(root).unwrap();
        let mut notes = Vec::new();
        let files: Vec<PathBuf> = tree
            .walk(Path::new("src"), &mut notes)
            .into_iter()
            .map(|f| f.rel)
            .collect();
        assert_eq!(
            files,
            [
                PathBuf::from("src/img/a.png"),
                PathBuf::from("src/shared.md")
            ]
        );
        let skipped: Vec<&Path> = notes.iter().map(|n| n.file.as_path()).collect();
        assert_eq!(skipped, [Path::new("src/away"), Path::new("src/leak.txt")]);
        assert!(matches!(
            tree.read_text(Path::new("src/leak.txt")),
            Err(Refused::Outside)
        ));
        assert!(matches!(
            tree.read_text(Path::new("../x")),
            Err(Refused::Outside)
        ));
        assert_eq!(
            tree.read_text(Path::new("src/shared.md")).unwrap(),
            "shared"
        );
    }
}
