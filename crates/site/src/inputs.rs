//! The fingerprint of everything a build's output depends on, so that a build with nothing
//! changed can see so without loading the project (see [`super::unchanged`]).
//!
//! It covers the bytes and names of every file the build may read (`book.toml` and every
//! file under `content/`, `data/`, `static/` and `themes/`, hidden ones too, links followed
//! and their targets named), the insikt program that builds (its version and the file it runs
//! from: a new build of insikt is a new file), the project's place and the build's options.
//! It is taken before the build reads anything, so a file edited while the build runs
//! makes the next build's fingerprint differ from the recorded one. The bytes of the
//! Markdown pages read for it are kept and loaded, so each page is read once and the pages
//! built are the ones fingerprinted.

use insikt_core::input::ReadAhead;
use rayon::prelude::*;
use siphasher::sip128::{Hasher128, SipHasher13};
use std::hash::Hasher;
use std::io;
use std::path::{Path, PathBuf};

/// The project files and folders a build reads from.
const INPUTS: [&str; 5] = [
    insikt_config::CONFIG_FILE,
    "content",
    "data",
    "static",
    "themes",
];

/// How deep links may lead inside the input folders before the project counts as
/// unreadable (a link loop): then there is no fingerprint and every build is a full one.
const MAX_DEPTH: usize = 64;

/// The fingerprint of a build's inputs; `None` when some input could not be read, so that
/// such a build is never taken as unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inputs(pub(super) Option<u128>);

/// One entry of the input folders: a file, a folder (its contents are entries of their
/// own), or a link that leads nowhere readable.
struct Entry {
    rel: PathBuf,
    /// True for a folder.
    folder: bool,
    /// The file to read; empty for a folder, a broken link and what is neither.
    path: PathBuf,
    /// Where a link on the way leads, as written in it; empty for a plain path.
    links: String,
}

impl Inputs {
    /// Reads the inputs of a build of the project in `root` with `options` (each a name and
    /// its value as the build was asked, e.g. `drafts=true`). With `keep_pages`, the bytes of
    /// the Markdown pages under `content/` are kept as they were read, for loading them
    /// without reading them again (see [`crate::Site::load_read_ahead`]): the site is then
    /// built from exactly what was fingerprinted. Nothing is kept when some input cannot be
    /// read.
    pub fn read(root: &Path, options: &[String], keep_pages: bool) -> (Inputs, ReadAhead) {
        let mut kept = keep_pages.then(ReadAhead::default);
        match fingerprint(root, options, kept.as_mut()) {
            Ok(hash) => (Inputs(Some(hash)), kept.unwrap_or_default()),
            Err(_) => (Inputs(None), ReadAhead::default()),
        }
    }
}

/// True for a file the fingerprint keeps the bytes of: a Markdown page under `content/`,
/// which loading reads whole.
fn kept(rel: &Path) -> bool {
    rel.starts_with("content") && rel.extension().is_some_and(|e| e == "md")
}

fn fingerprint(
    root: &Path,
    options: &[String],
    mut keep: Option<&mut ReadAhead>,
) -> io::Result<u128> {
    let mut hasher = SipHasher13::new();
    field(&mut hasher, env!("CARGO_PKG_VERSION").as_bytes());
    field(&mut hasher, program_identity()?.as_bytes());
    let root = root.canonicalize()?;
    field(&mut hasher, root.as_os_str().as_encoded_bytes());
    for option in options {
        field(&mut hasher, option.as_bytes());
    }
    let mut entries = Vec::new();
    for input in INPUTS {
        list(
            &root,
            Path::new(input),
            None,
            String::new(),
            0,
            &mut entries,
        )?;
    }
    // In the order of the names' bytes, which compares faster than paths do (component by
    // component): the order only has to be the same for the same files.
    entries.par_sort_unstable_by(|a, b| {
        (a.rel.as_os_str().as_encoded_bytes())
            .cmp(b.rel.as_os_str().as_encoded_bytes())
            .then(a.folder.cmp(&b.folder))
    });
    let keeping = keep.is_some();
    // Each entry's name, kind, links and content are hashed where its file is read, in
    // parallel; only those hashes are hashed in order.
    let hashes: Vec<(u128, Option<Vec<u8>>)> = entries
        .par_iter()
        .map(|e| {
            let (content, bytes) = if e.path.as_os_str().is_empty() || !keeping || !kept(&e.rel) {
                (content_hash(&e.path)?, None)
            } else {
                let bytes = std::fs::read(&e.path)?;
                (super::update::hash(&bytes), Some(bytes))
            };
            let mut entry = SipHasher13::new();
            field(&mut entry, e.rel.as_os_str().as_encoded_bytes());
            field(&mut entry, &[u8::from(e.folder)]);
            field(&mut entry, e.links.as_bytes());
            field(&mut entry, &content.to_le_bytes());
            Ok((entry.finish128().as_u128(), bytes))
        })
        .collect::<io::Result<_>>()?;
    for (entry, (hash, bytes)) in entries.into_iter().zip(hashes) {
        field(&mut hasher, &hash.to_le_bytes());
        if let (Some(keep), Some(bytes)) = (keep.as_mut(), bytes) {
            keep.keep(entry.rel, bytes);
        }
    }
    Ok(hasher.finish128().as_u128())
}

/// Adds `bytes` to `hasher` after their length, so that no two lists of fields hash alike
/// by where one ends and the next begins.
fn field(hasher: &mut SipHasher13, bytes: &[u8]) {
    hasher.write_usize(bytes.len());
    hasher.write(bytes);
}

/// The file the running program was started from, as the file system knows it: its size,
/// times and inode change with every new build of insikt.
fn program_identity() -> io::Result<String> {
    let exe = std::env::current_exe()?;
    let meta = std::fs::metadata(&exe)?;
    #[cfg(unix)]
    let stamp = {
        use std::os::unix::fs::MetadataExt;
        format!(
            "{} {} {} {}.{} {}.{}",
            meta.dev(),
            meta.ino(),
            meta.size(),
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ctime(),
            meta.ctime_nsec()
        )
    };
    #[cfg(not(unix))]
    let stamp = format!("{} {:?}", meta.len(), meta.modified()?);
    Ok(format!("{} {stamp}", exe.display()))
}

/// Adds the files at `rel` (relative to `root`, canonical; a file or a folder, links within
/// the project followed) to
/// `entries`; `kind` is its type when the folder listing told it. A missing path adds
/// nothing; a broken link, or something neither file nor folder (never opened: a pipe
/// would wait for ever), is an entry without content.
fn list(
    root: &Path,
    rel: &Path,
    kind: Option<std::fs::FileType>,
    mut links: String,
    depth: usize,
    entries: &mut Vec<Entry>,
) -> io::Result<()> {
    if depth > MAX_DEPTH {
        return Err(io::Error::other("links lead too deep"));
    }
    let path = root.join(rel);
    let kind = match kind {
        Some(kind) => kind,
        None => match std::fs::symlink_metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            other => other?.file_type(),
        },
    };
    let mut entry = Entry {
        rel: rel.to_path_buf(),
        folder: false,
        path: PathBuf::new(),
        links: String::new(),
    };
    let is_folder = if kind.is_file() || kind.is_dir() {
        kind.is_dir()
    } else {
        if kind.is_symlink() {
            links.push_str(&std::fs::read_link(&path)?.to_string_lossy());
            links.push('\0');
            // A link out of the project fails the build, which never reads there; reading
            // it here would only cost time (a link to a large file elsewhere is read whole).
            if !std::fs::canonicalize(&path).is_ok_and(|target| target.starts_with(root)) {
                entry.links = links;
                entries.push(entry);
                return Ok(());
            }
        }
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => true,
            Ok(meta) if meta.is_file() => false,
            _ => {
                entry.links = links;
                entries.push(entry);
                return Ok(());
            }
        }
    };
    entry.links.clone_from(&links);
    if !is_folder {
        entry.path = path;
        entries.push(entry);
        return Ok(());
    }
    entry.folder = true;
    entries.push(entry);
    for item in std::fs::read_dir(&path)? {
        let item = item?;
        let rel = rel.join(item.file_name());
        list(
            root,
            &rel,
            Some(item.file_type()?),
            links.clone(),
            depth + 1,
            entries,
        )?;
    }
    Ok(())
}

/// The hash of the bytes of the file at `path`, as [`super::update::hash`] gives it; 0 for
/// no path (a folder, a broken link).
fn content_hash(path: &Path) -> io::Result<u128> {
    if path.as_os_str().is_empty() {
        return Ok(0);
    }
    super::update::file_hash(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_fingerprinted_are_the_pages_loaded() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let write = |rel: &str, text: &str| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "book.toml",
            "[book]\ntitle = \"Rapport\"\nlanguage = \"sv\"\n",
        );
        write("content/_index.md", "# Start\n");
        write("content/del/_index.md", "# Del\n");
        write("content/del/sida.md", "---\ntitle: \"Före\"\n---\nText.\n");
        let (inputs, read_ahead) = Inputs::read(root, &[], true);
        assert!(inputs.0.is_some());
        // Edited after the fingerprint was taken, before the load: the site is built from
        // what was fingerprinted, and the next build's fingerprint differs.
        write("content/del/sida.md", "---\ntitle: \"Efter\"\n---\nText.\n");
        let site = crate::Site::load_read_ahead(root, false, read_ahead)
            .unwrap_or_else(|d| panic!("{d:?}"));
        let page = &site.content.pages[site.content.by_source[Path::new("del/sida.md")]];
        assert_eq!(page.title, "Före");
        let (again, not_kept) = Inputs::read(root, &[], false);
        assert_ne!(again, inputs);
        assert_eq!(
            again,
            Inputs::read(root, &[], true).0,
            "keeping changes no fingerprint"
        );
        let site =
            crate::Site::load_read_ahead(root, false, not_kept).unwrap_or_else(|d| panic!("{d:?}"));
        let page = &site.content.pages[site.content.by_source[Path::new("del/sida.md")]];
        assert_eq!(page.title, "Efter");
    }
}
