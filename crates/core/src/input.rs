//! The project's input files: every file insikt reads lies inside the project folder, none
//! is skipped without a word, and every published name can be part of a web address.
//!
//! Symbolic links are followed when they resolve inside the project (the link then stands
//! for the file or folder it points to); a link that leads out of the project, is broken or
//! loops is an error at the link, and nothing behind it is read. Names starting with `.`
//! (hidden files, editors' lock files) are skipped where the folder says so.

use crate::diagnostic::{control_characters, printable_path, replace_control_characters};
use crate::diagnostic::{Diagnostic, Location};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The project folder, for checking where links lead.
#[derive(Debug, Clone)]
pub struct Project {
    /// The folder as given.
    pub root: PathBuf,
    /// The folder with every link resolved; `None` when it cannot be resolved (it does not
    /// exist), and then every link is taken to lead outside.
    canonical: Option<PathBuf>,
}

/// How to walk a folder of the project.
#[derive(Debug, Clone, Copy)]
pub struct Walk {
    /// How deep to go: 1 lists the folder's own files only.
    pub max_depth: usize,
    /// Whether names starting with `.` are skipped.
    pub skip_hidden: bool,
    /// Whether the files are published under their names, which must then be safe in a
    /// web address (see [`unsafe_name`]).
    pub published: bool,
}

impl Project {
    /// The project in `root`.
    pub fn new(root: &Path) -> Project {
        Project {
            root: root.to_path_buf(),
            canonical: root.canonicalize().ok(),
        }
    }

    /// True when `path`, with its links resolved, lies inside the project.
    fn contains(&self, resolved: &Path) -> bool {
        self.canonical
            .as_ref()
            .is_some_and(|root| resolved.starts_with(root))
    }

    /// True when the folder `resolved`, where the link at `path` leads, holds the link
    /// itself: following it would go round for ever.
    fn encloses(&self, path: &Path, resolved: &Path) -> bool {
        path.parent()
            .and_then(|p| p.canonicalize().ok())
            .is_some_and(|parent| parent.starts_with(resolved))
    }

    /// Checks the project file `rel`: when it or a folder on its way is a link, it must
    /// lead to an existing place inside the project. A file that does not exist passes.
    pub fn check_file(&self, rel: &Path) -> Result<(), Diagnostic> {
        let path = self.root.join(rel);
        if std::fs::symlink_metadata(&path).is_err() {
            return Ok(());
        }
        match path.canonicalize() {
            Ok(resolved) if self.contains(&resolved) => Ok(()),
            Ok(resolved) => Err(outside(rel, &path, &resolved)),
            Err(_) => Err(broken(rel, &path)),
        }
    }

    /// The files under the project folder `folder` (relative to the project), relative to
    /// `folder`, sorted by name; with an error for each link that leads outside the project,
    /// is broken or loops, for each entry that is neither file nor folder and, for published
    /// files, for each name that cannot be part of a web address. A missing folder has no
    /// files and is no error here.
    pub fn walk(&self, folder: &Path, how: Walk) -> (Vec<PathBuf>, Vec<Diagnostic>) {
        let dir = self.root.join(folder);
        let mut files = Vec::new();
        let mut problems = Vec::new();
        if let Err(d) = self.check_file(folder) {
            return (files, vec![d]);
        }
        if !dir.is_dir() {
            return (files, problems);
        }
        let hidden = |p: &Path| {
            how.skip_hidden
                && p.strip_prefix(&dir).is_ok_and(|rel| {
                    rel.components()
                        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
                })
        };
        let mut entries = walkdir::WalkDir::new(&dir)
            .follow_links(true)
            .max_depth(how.max_depth)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = entries.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().unwrap_or(&dir).to_path_buf();
                    if !hidden(&path) {
                        let shown = folder.join(path.strip_prefix(&dir).unwrap_or(&path));
                        problems.push(walk_error(&shown, &path, &self.root, &e));
                    }
                    continue;
                }
            };
            if entry.depth() == 0 {
                continue;
            }
            let path = entry.path();
            let is_dir = entry.file_type().is_dir();
            if hidden(path) {
                if is_dir {
                    entries.skip_current_dir();
                }
                continue;
            }
            let rel = path.strip_prefix(&dir).unwrap_or(path).to_path_buf();
            let shown = folder.join(&rel);
            if entry.path_is_symlink() {
                let problem = match path.canonicalize() {
                    Ok(resolved) if is_dir && self.encloses(path, &resolved) => {
                        let shown_target = resolved
                            .strip_prefix(self.canonical.as_deref().unwrap_or(Path::new("")))
                            .unwrap_or(&resolved);
                        Some(looping(&shown, shown_target))
                    }
                    Ok(resolved) if self.contains(&resolved) => None,
                    Ok(resolved) => Some(outside(&shown, path, &resolved)),
                    Err(_) => Some(broken(&shown, path)),
                };
                if let Some(d) = problem {
                    problems.push(d);
                    if is_dir {
                        entries.skip_current_dir();
                    }
                    continue;
                }
            }
            if how.published {
                if let Some((why, suggestion)) = unsafe_name(entry.file_name()) {
                    problems.push(
                        Diagnostic::new(
                            &shown,
                            format!(
                                "the name `{}` cannot be part of a web address: {why}",
                                printable_path(Path::new(entry.file_name()))
                            ),
                        )
                        .with_help(format!(
                            "rename it, e.g. to `{suggestion}` (and change the links to it)"
                        )),
                    );
                }
            }
            if entry.file_type().is_file() {
                files.push(rel);
            } else if !is_dir {
                problems.push(
                    Diagnostic::new(&shown, "this is neither a file nor a folder")
                        .with_help("remove it: insikt reads only files and folders"),
                );
            }
        }
        (files, problems)
    }
}

/// The error for a link at `shown` (`path` on disk) that resolves to `resolved`, outside.
fn outside(shown: &Path, path: &Path, resolved: &Path) -> Diagnostic {
    let what = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => "this symbolic link",
        _ => "a symbolic link on its path",
    };
    Diagnostic::new(
        shown,
        format!(
            "{what} leads outside the project folder, to `{}`",
            printable_path(resolved)
        ),
    )
    .with_help(
        "insikt reads only files inside the project, so that a report never publishes other \
         files of the computer it is built on: copy the file or folder into the project",
    )
}

/// The error for a link at `shown` (`path` on disk) whose target does not exist.
fn broken(shown: &Path, path: &Path) -> Diagnostic {
    let message = match std::fs::read_link(path) {
        Ok(target) => format!(
            "this symbolic link leads to `{}`, which does not exist",
            printable_path(&target)
        ),
        Err(_) => "a symbolic link on its path leads to nothing that exists".to_string(),
    };
    Diagnostic::new(shown, message).with_help("correct the link, or remove it")
}

/// The error for a link at `shown` that leads back to `target`, a folder it is in.
fn looping(shown: &Path, target: &Path) -> Diagnostic {
    let target = if target.as_os_str().is_empty() {
        "the project folder".to_string()
    } else {
        format!("`{}`", printable_path(target))
    };
    Diagnostic::new(
        shown,
        format!("this symbolic link leads back to {target}, a folder it is in: a loop"),
    )
    .with_help("remove the link, or point it at a folder outside its own path")
}

/// A walk error at `shown` (`path` on disk, in the project at `root`) in the author's terms.
fn walk_error(shown: &Path, path: &Path, root: &Path, e: &walkdir::Error) -> Diagnostic {
    if let Some(ancestor) = e.loop_ancestor() {
        return looping(shown, ancestor.strip_prefix(root).unwrap_or(ancestor));
    }
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && std::fs::metadata(path).is_err()
    {
        return broken(shown, path);
    }
    let why = e
        .io_error()
        .map(|io| io.to_string())
        .unwrap_or_else(|| e.to_string());
    Diagnostic::new(shown, format!("cannot read it: {why}"))
        .with_help("check that the file or folder may be read by you")
}

/// Characters a published name may not hold besides control characters: they end or
/// change a URL (`:` starts a scheme such as `javascript:`, `?` a query, `#` a fragment,
/// `%` an escape), are not allowed in Windows file names, or would need encoding in every
/// link (a space).
const UNSAFE_IN_NAMES: &[char] = &[' ', ':', '?', '#', '%', '\\', '"', '<', '>', '|', '*'];

/// Why the file or folder name `name` cannot be a segment of a web address, and a safe
/// name to suggest instead; `None` when it can.
pub fn unsafe_name(name: &OsStr) -> Option<(String, String)> {
    let Some(text) = name.to_str() else {
        let lossy = name.to_string_lossy().replace('\u{fffd}', "-");
        return Some(("it is not valid UTF-8".to_string(), lossy));
    };
    let bad = |c: char| c.is_control() || UNSAFE_IN_NAMES.contains(&c);
    if !text.chars().any(bad) {
        return None;
    }
    let mut found: Vec<String> = Vec::new();
    for c in text.chars().filter(|&c| bad(c)) {
        let shown = match c {
            ' ' => "a space".to_string(),
            c if c.is_control() => "a control character".to_string(),
            c => format!("`{c}`"),
        };
        if !found.contains(&shown) {
            found.push(shown);
        }
    }
    let mut suggestion = String::with_capacity(text.len());
    for c in text.chars() {
        if !bad(c) {
            suggestion.push(c);
        } else if !suggestion.ends_with('-') {
            suggestion.push('-');
        }
    }
    let last = found.pop().unwrap_or_default();
    let why = if found.is_empty() {
        format!("it holds {last}")
    } else {
        format!("it holds {} and {last}", found.join(", "))
    };
    Some((why, suggestion))
}

/// Files of the project read before it is loaded, by path relative to the project
/// (`content/a.md`): the fingerprint of a build's inputs reads every input, and loading
/// takes the pages from here instead of reading them a second time, which also makes what
/// is loaded exactly what was fingerprinted.
#[derive(Debug, Default)]
pub struct ReadAhead(std::collections::HashMap<PathBuf, Vec<u8>>);

impl ReadAhead {
    /// Keeps `bytes`, read from the project file `rel`.
    pub fn keep(&mut self, rel: PathBuf, bytes: Vec<u8>) {
        self.0.insert(rel, bytes);
    }

    /// Takes the bytes read from the project file `rel`, when they were kept.
    pub fn take(&mut self, rel: &Path) -> Option<Vec<u8>> {
        self.0.remove(rel)
    }
}

/// Reads the UTF-8 text file `path`, shown as `shown` in messages: the text without a
/// byte-order mark, with each control character reported (see
/// [`control_characters`]) and replaced by U+FFFD. Unreadable or not UTF-8 is an error.
pub fn read_text(path: &Path, shown: &Path) -> Result<(String, Vec<Diagnostic>), Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::new(shown, format!("cannot read the file: {e}")))?;
    text_of(bytes, shown)
}

/// The text of a file read as `bytes`, as [`read_text`] gives it.
pub fn text_of(bytes: Vec<u8>, shown: &Path) -> Result<(String, Vec<Diagnostic>), Diagnostic> {
    let mut text = utf8(shown, bytes)?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    let problems = control_characters(shown, &text);
    if !problems.is_empty() {
        text = replace_control_characters(text);
    }
    Ok((text, problems))
}

/// `bytes` as UTF-8, or an error at the line and column of the first byte that is not.
pub fn utf8(shown: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let text = String::from_utf8_lossy(bytes);
        let before = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
        let location = Location::from_offset(before, before.len());
        let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
        let help = if utf16 {
            "the file is saved as UTF-16: save it as UTF-8 in your editor"
        } else {
            "save the file as UTF-8 in your editor; a single byte like this is often å, ä, ö \
             or another letter saved as Windows-1252 (\"ANSI\")"
        };
        Diagnostic::at(
            shown,
            &text,
            location,
            format!(
                "the file is not UTF-8: the byte 0x{:02X} here is not valid UTF-8",
                bytes[valid]
            ),
        )
        .with_help(help)
    })
}

/// Resolves `.` and `..` in a relative path without touching the file system; `None` if the
/// path is absolute or climbs above its start (`a/../../b`), so a link or include can never
/// name a file outside the folder it is resolved in.
pub fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            std::path::Component::Normal(n) => out.push(n),
            std::path::Component::RootDir | std::path::Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_stays_inside() {
        assert_eq!(
            normalize(Path::new("a/./b/../c.md")),
            Some(PathBuf::from("a/c.md"))
        );
        assert_eq!(normalize(Path::new("a/../../c")), None);
        assert_eq!(normalize(Path::new("../x.md")), None);
        assert_eq!(normalize(Path::new("/etc/passwd")), None);
    }

    #[test]
    fn unsafe_names_get_a_suggestion() {
        let check = |n: &str| unsafe_name(OsStr::new(n));
        assert_eq!(check("fallstudie.md"), None);
        assert_eq!(check("åtgärder-2023_v2.md"), None);
        let (why, suggestion) = check("javascript:alert(1).md").unwrap();
        assert_eq!(why, "it holds `:`");
        assert_eq!(suggestion, "javascript-alert(1).md");
        let (why, suggestion) = check("Min bild #2?.png").unwrap();
        assert_eq!(why, "it holds a space, `#` and `?`");
        assert_eq!(suggestion, "Min-bild-2-.png");
        let (why, _) = check("a\nb.md").unwrap();
        assert_eq!(why, "it holds a control character");
    }

    #[test]
    fn invalid_utf8_is_located_by_line_and_column() {
        let e = utf8(Path::new("a.md"), b"rad ett\nr\xe5d tv\xe5\n".to_vec()).unwrap_err();
        assert_eq!(e.location, Some(Location::new(2, 2)));
        assert!(e.message.contains("0xE5"), "{e}");
        assert_eq!(e.source_line.as_deref(), Some("r\u{fffd}d tv\u{fffd}"));
    }
}
