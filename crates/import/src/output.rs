//! Writing the new project: only into a new or empty folder, through a staging folder beside
//! it that is renamed into place at the end, so a failed import leaves nothing half-made.

use insikt_core::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// What one file of the new project holds.
#[derive(Debug)]
pub enum Contents {
    /// Text made by the import.
    Text(String),
    /// A copy of this file of the source (already checked to be inside it).
    Copy(PathBuf),
}

/// The files of the new project, by path relative to it.
#[derive(Debug, Default)]
pub struct Files(BTreeMap<PathBuf, (Contents, PathBuf)>);

impl Files {
    /// Adds a file at `rel` made from `source` (shown if two files would land on the same
    /// path). `rel` must be relative and plain; a taken path is an error naming both sources.
    pub fn add(
        &mut self,
        rel: PathBuf,
        contents: Contents,
        source: &Path,
    ) -> Result<(), Diagnostic> {
        let plain = rel.components().all(|c| matches!(c, Component::Normal(_)));
        if !plain || rel.as_os_str().is_empty() {
            return Err(Diagnostic::new(
                source,
                format!(
                    "would be written to `{}`, outside the new project",
                    rel.display()
                ),
            ));
        }
        if let Some((_, other)) = self.0.get(&rel) {
            return Err(Diagnostic::new(
                source,
                format!(
                    "would be written to `{}`, like `{}`",
                    rel.display(),
                    other.display()
                ),
            )
            .with_help("rename one of the two files in the source, then import again"));
        }
        self.0.insert(rel, (contents, source.to_path_buf()));
        Ok(())
    }
}

/// The folder to import into, checked: missing (in a folder that exists) or empty, and not
/// a symbolic link.
#[derive(Debug)]
pub struct Dest {
    /// As the user wrote it, for messages.
    pub shown: PathBuf,
    /// Absolute, with its parent's links resolved.
    pub path: PathBuf,
    /// True when it exists (empty).
    exists: bool,
}

/// Checks that `dest` may be written: a new folder in a folder that exists, or an empty
/// folder. Nothing is written.
pub fn check_dest(dest: &Path) -> Result<Dest, Diagnostic> {
    let refuse = |message: String| {
        Diagnostic::new(dest, message).with_help(
            "`insikt import` writes only into a new or empty folder, so nothing was written; \
             choose another folder name",
        )
    };
    let named = matches!(dest.components().next_back(), Some(Component::Normal(_)));
    match std::fs::symlink_metadata(dest) {
        Ok(meta) if meta.file_type().is_symlink() => Err(refuse(
            "is a symbolic link; insikt writes through no link".into(),
        )),
        Ok(meta) if !meta.is_dir() => Err(refuse("exists and is not a folder".into())),
        Ok(_) => {
            let mut entries = std::fs::read_dir(dest)
                .map_err(|e| refuse(format!("cannot read the folder: {e}")))?;
            if entries.next().is_some() {
                return Err(refuse("is not empty".into()));
            }
            let path = std::fs::canonicalize(dest)
                .map_err(|e| refuse(format!("cannot resolve the folder: {e}")))?;
            if path.parent().is_none() {
                return Err(refuse("is the root of the file system".into()));
            }
            Ok(Dest {
                shown: dest.to_path_buf(),
                path,
                exists: true,
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && named => {
            let parent = match dest.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            let parent = std::fs::canonicalize(parent).map_err(|_| {
                refuse(format!(
                    "the folder `{}` it would be made in does not exist",
                    parent.display()
                ))
            })?;
            let name = dest.file_name().expect("a named path");
            Ok(Dest {
                shown: dest.to_path_buf(),
                path: parent.join(name),
                exists: false,
            })
        }
        Err(e) => Err(refuse(format!("cannot be used: {e}"))),
    }
}

impl Dest {
    /// Writes `files` into a staging folder beside the destination and renames it into
    /// place. On failure the staging folder is removed and the destination left as it was.
    pub fn write(&self, files: &Files) -> Result<(), Diagnostic> {
        let staging = self.make_staging()?;
        let result = write_all(&staging, files).and_then(|()| {
            if self.exists {
                // The folder the user made stays (with its permissions); what is in the
                // staging folder moves into it.
                move_entries(&staging, &self.path)?;
                std::fs::remove_dir(&staging)
            } else {
                std::fs::rename(&staging, &self.path)
            }
        });
        result.map_err(|e| {
            // The staging folder is ours, made just now; nothing else is in it.
            let _ = std::fs::remove_dir_all(&staging);
            Diagnostic::new(&self.shown, format!("cannot write the new project: {e}")).with_help(
                "nothing was written; fix the cause (space, permissions) and import again",
            )
        })
    }

    fn make_staging(&self) -> Result<PathBuf, Diagnostic> {
        let parent = self.path.parent().expect("checked to have a parent");
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut attempt = 0;
        loop {
            let staging = parent.join(format!(
                ".{name}.insikt-import-{}-{attempt}",
                std::process::id()
            ));
            match std::fs::create_dir(&staging) {
                Ok(()) => return Ok(staging),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(e) => {
                    return Err(Diagnostic::new(
                        &self.shown,
                        format!(
                            "cannot make a staging folder in `{}`: {e}",
                            parent.display()
                        ),
                    )
                    .with_help(
                        "nothing was written; the import needs to write beside the new folder",
                    ))
                }
            }
        }
    }
}

/// Moves every entry of `from` into `to`, which must not hold entries of the same names; on
/// failure the entries already moved are moved back.
fn move_entries(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut names: Vec<_> = std::fs::read_dir(from)?
        .map(|e| e.map(|e| e.file_name()))
        .collect::<Result<_, _>>()?;
    names.sort();
    let mut moved = Vec::new();
    for name in names {
        let target = to.join(&name);
        let result = if std::fs::symlink_metadata(&target).is_ok() {
            Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!("`{}` appeared while the import ran", target.display()),
            ))
        } else {
            std::fs::rename(from.join(&name), &target)
        };
        if let Err(e) = result {
            for done in moved.iter().rev() {
                let _ = std::fs::rename(to.join(done), from.join(done));
            }
            return Err(e);
        }
        moved.push(name);
    }
    Ok(())
}

fn write_all(staging: &Path, files: &Files) -> std::io::Result<()> {
    for (rel, (contents, _)) in &files.0 {
        let path = staging.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        match contents {
            Contents::Text(text) => std::io::Write::write_all(&mut file, text.as_bytes())?,
            Contents::Copy(from) => {
                let mut source = std::fs::File::open(from)?;
                std::io::copy(&mut source, &mut file)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_path_and_a_path_outside_are_refused() {
        let mut files = Files::default();
        files
            .add(
                "content/a.md".into(),
                Contents::Text("a".into()),
                Path::new("src/a.md"),
            )
            .unwrap();
        let e = files
            .add(
                "content/a.md".into(),
                Contents::Text("b".into()),
                Path::new("src/b.md"),
            )
            .unwrap_err();
        assert!(e.message.contains("like `src/a.md`"), "{e}");
        assert!(files
            .add("../x".into(), Contents::Text(String::new()), Path::new("x"))
            .is_err());
        assert!(files
            .add("/x".into(), Contents::Text(String::new()), Path::new("x"))
            .is_err());
    }

    #[test]
    fn writes_through_staging_and_refuses_a_full_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("new");
        let checked = check_dest(&dest).unwrap();
        let mut files = Files::default();
        files
            .add(
                "content/_index.md".into(),
                Contents::Text("x".into()),
                Path::new("s"),
            )
            .unwrap();
        checked.write(&files).unwrap();
        assert_eq!(
            std::fs::read_to_string(dest.join("content/_index.md")).unwrap(),
            "x"
        );
        let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no staging folder left behind");
        let e = check_dest(&dest).unwrap_err();
        assert!(e.message.contains("not empty"), "{e}");
        assert!(check_dest(&tmp.path().join("missing/new")).is_err());
    }

    #[test]
    fn an_empty_folder_is_filled_in_place() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("empty");
        std::fs::create_dir(&dest).unwrap();
        let checked = check_dest(&dest).unwrap();
        let mut files = Files::default();
        files
            .add(
                "book.toml".into(),
                Contents::Text("x".into()),
                Path::new("s"),
            )
            .unwrap();
        files
            .add(
                "content/a.md".into(),
                Contents::Text("a".into()),
                Path::new("s"),
            )
            .unwrap();
        // A file that appears meanwhile is never replaced; nothing is left half-moved.
        std::fs::write(dest.join("content"), "mine").unwrap();
        assert!(checked.write(&files).is_err());
        assert_eq!(
            std::fs::read_to_string(dest.join("content")).unwrap(),
            "mine"
        );
        assert!(!dest.join("book.toml").exists());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
        std::fs::remove_file(dest.join("content")).unwrap();
        checked.write(&files).unwrap();
        assert_eq!(
            std::fs::read_to_string(dest.join("content/a.md")).unwrap(),
            "a"
        );
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_as_destination_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("real")).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("real"), tmp.path().join("link")).unwrap();
        let e = check_dest(&tmp.path().join("link")).unwrap_err();
        assert!(e.message.contains("symbolic link"), "{e}");
    }
}
