//! Writing only what changed: a rebuild touches the files whose content differs from the
//! last build's, and removes the files that are gone, instead of writing a fresh tree.
//!
//! The last build's output is described by a manifest beside the output folder
//! (`.public.insikt.manifest` beside `public`, not published): for every file, a hash of its content and the file's stamp (size,
//! modification and change times, inode) as the build left it. A file counts as unchanged
//! only when its stamp on disk is still the recorded one and the new content has the
//! recorded hash; anything else on disk (a file edited or added by hand, a link, a file a
//! killed build left half-updated) is rewritten or removed, so the folder always ends equal
//! to a clean build.
//!
//! Nothing in the output changes until every file is rendered: changed files are first
//! written to a staging folder beside the output (marked, so that the next build removes it
//! if this one is killed), and [`Update::commit`] then removes the files that are gone and
//! renames each new file over the old one. If the build is killed during that step, every
//! file is either its old or its new version, never half-written (a rename is atomic), some
//! files of the old site may already be removed, and the old manifest is still in place;
//! the stamps of the files already replaced then no longer match it, so the next build
//! rewrites them and repairs everything. The manifest is replaced (also by a rename) last.

use super::output::{Output, Staging, IO_THREADS, MARK_FILE};
use siphasher::sip128::{Hasher128, SipHasher13};
use std::collections::{HashMap, HashSet};
use std::hash::Hasher;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Mutex};

/// The first line of every manifest; another first line makes the manifest unknown.
const MANIFEST_HEADER: &str = "insikt manifest 1";

/// What the file system says about a file, enough to notice that it changed since the last
/// build recorded it. The change time cannot be set by hand, and a rename gives a new inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    size: u64,
    modified: i128,
    changed: i128,
    inode: u64,
}

impl Stamp {
    #[cfg(unix)]
    fn of(meta: &std::fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        let time = |s: i64, ns: i64| i128::from(s) * 1_000_000_000 + i128::from(ns);
        Stamp {
            size: meta.size(),
            modified: time(meta.mtime(), meta.mtime_nsec()),
            changed: time(meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
        }
    }

    #[cfg(not(unix))]
    fn of(meta: &std::fs::Metadata) -> Stamp {
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        Stamp {
            size: meta.len(),
            modified,
            changed: 0,
            inode: 0,
        }
    }
}

/// The hash of a file's content in the manifest.
fn hash(bytes: &[u8]) -> u128 {
    let mut hasher = SipHasher13::new();
    hasher.write(bytes);
    hasher.finish128().as_u128()
}

/// What is in the output folder now.
#[derive(Default)]
struct Found {
    /// Every entry that is not a folder, by its `/`-separated path; the stamp only for
    /// plain files.
    files: HashMap<String, Option<Stamp>>,
    /// Entries whose names are not UTF-8: never files insikt writes.
    strays: Vec<PathBuf>,
    /// Every folder below the top, by its `/`-separated path.
    folders: Vec<String>,
}

/// Lists the output folder without following links. A missing folder is empty. Gives up
/// with [`io::ErrorKind::Interrupted`] once `stop` is true.
fn walk(root: &Path, stop: &AtomicBool) -> io::Result<Found> {
    let mut found = Found::default();
    if !root.is_dir() {
        return Ok(found);
    }
    let mut todo = vec![String::new()];
    while let Some(dir) = todo.pop() {
        if stop.load(Ordering::Relaxed) {
            return Err(io::Error::from(io::ErrorKind::Interrupted));
        }
        for entry in std::fs::read_dir(root.join(&dir))? {
            let entry = entry?;
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                found.strays.push(entry.path());
                continue;
            };
            let rel = if dir.is_empty() {
                name
            } else {
                format!("{dir}/{name}")
            };
            let kind = entry.file_type()?;
            if kind.is_dir() {
                found.folders.push(rel.clone());
                todo.push(rel);
            } else if kind.is_file() {
                found.files.insert(rel, Some(Stamp::of(&entry.metadata()?)));
            } else {
                found.files.insert(rel, None);
            }
        }
    }
    Ok(found)
}

/// One line of the manifest: `HASH SIZE MODIFIED CHANGED INODE PATH`.
fn manifest_line(rel: &str, hash: u128, stamp: &Stamp) -> String {
    format!(
        "{hash:032x} {} {} {} {} {rel}\n",
        stamp.size, stamp.modified, stamp.changed, stamp.inode
    )
}

/// Reads the manifest at `path`: path → (hash, stamp). A missing or unreadable manifest,
/// or a line that does not parse, gives what was read before it (the rest is rewritten).
fn read_manifest(path: &Path) -> HashMap<String, (u128, Stamp)> {
    let mut entries = HashMap::new();
    if !std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        return entries;
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return entries;
    };
    let mut lines = text.lines();
    if lines.next() != Some(MANIFEST_HEADER) {
        return entries;
    }
    for line in lines {
        let mut parts = line.splitn(6, ' ');
        let mut next = || parts.next().ok_or(());
        let parsed = (|| -> Result<(String, u128, Stamp), ()> {
            let hash = u128::from_str_radix(next()?, 16).map_err(|_| ())?;
            let size = next()?.parse().map_err(|_| ())?;
            let modified = next()?.parse().map_err(|_| ())?;
            let changed = next()?.parse().map_err(|_| ())?;
            let inode = next()?.parse().map_err(|_| ())?;
            let stamp = Stamp {
                size,
                modified,
                changed,
                inode,
            };
            Ok((next()?.to_string(), hash, stamp))
        })();
        match parsed {
            Ok((rel, hash, stamp)) => {
                entries.insert(rel, (hash, stamp));
            }
            Err(()) => break,
        }
    }
    entries
}

/// A file of the new site, and where its content waits if it changed.
struct Written {
    rel: String,
    hash: u128,
    /// The staging file holding the new content; `None` when the file on disk is current.
    staged: Option<PathBuf>,
}

/// A rebuild of an output folder in place: files are compared with the manifest, changed
/// ones staged, and all of it applied by [`Update::commit`].
pub struct Update {
    output: PathBuf,
    manifest: PathBuf,
    staging: PathBuf,
    found: Found,
    /// The hash of every file on disk that is still as the last build left it.
    current: HashMap<String, (u128, Stamp)>,
    written: Mutex<Vec<Written>>,
    next_name: AtomicU64,
    committed: bool,
}

impl Update {
    /// Lists the output folder, reads its manifest and makes the staging folder beside it,
    /// marked first (so that if this build is killed the next one knows the folder for its
    /// own and removes it). Then stages the mark of the new site. Listing the folder gives
    /// up with [`io::ErrorKind::Interrupted`] once `stop` is true.
    pub fn new(output: &Output, stop: &AtomicBool) -> io::Result<Update> {
        let found = walk(output.path(), stop)?;
        let manifest_path = output.sibling_file("manifest");
        let manifest = read_manifest(&manifest_path);
        let current = manifest
            .into_iter()
            .filter(|(rel, (_, stamp))| found.files.get(rel) == Some(&Some(*stamp)))
            .collect();
        let staging = output.sibling(&format!("new-{}", std::process::id()));
        std::fs::create_dir(&staging)?;
        std::fs::write(staging.join(MARK_FILE), output.mark())?;
        let update = Update {
            output: output.path().to_path_buf(),
            manifest: manifest_path,
            staging,
            found,
            current,
            written: Mutex::new(Vec::new()),
            next_name: AtomicU64::new(0),
            committed: false,
        };
        update.write(MARK_FILE, output.mark().as_bytes())?;
        Ok(update)
    }

    /// Records `bytes` as the content of `rel` (a `/`-separated path) in the new site, and
    /// stages it unless the file on disk already holds exactly that.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.record(rel, hash(bytes), |staged| std::fs::write(staged, bytes))
    }

    /// Like [`Update::write`] with the content given in pieces, one after the other.
    pub fn write_parts(&self, rel: &str, parts: &[&str]) -> io::Result<()> {
        let mut hasher = SipHasher13::new();
        for part in parts {
            hasher.write(part.as_bytes());
        }
        let hash = hasher.finish128().as_u128();
        self.record(rel, hash, |staged| write_parts(staged, parts))
    }

    /// Like [`Update::write`] with the content of the file `from`, read in pieces.
    pub fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        let mut hasher = SipHasher13::new();
        let mut file = std::fs::File::open(from)?;
        let mut buffer = vec![0; 64 * 1024];
        loop {
            let n = file.read(&mut buffer)?;
            if n == 0 {
                break;
            }
            hasher.write(&buffer[..n]);
        }
        let hash = hasher.finish128().as_u128();
        self.record(rel, hash, |staged| std::fs::copy(from, staged).map(|_| ()))
    }

    fn record(
        &self,
        rel: &str,
        hash: u128,
        stage: impl FnOnce(&Path) -> io::Result<()>,
    ) -> io::Result<()> {
        let staged = if self.current.get(rel).is_some_and(|(h, _)| *h == hash) {
            None
        } else {
            let name = self.next_name.fetch_add(1, Ordering::Relaxed);
            let staged = self.staging.join(format!("{name}"));
            stage(&staged)?;
            Some(staged)
        };
        self.written
            .lock()
            .map_err(|_| io::Error::other("a writer failed"))?
            .push(Written {
                rel: rel.to_string(),
                hash,
                staged,
            });
        Ok(())
    }

    /// Applies the new site and returns how many files it wrote: removes the files that are
    /// gone (and folders left empty), renames every staged file into place (the mark first,
    /// so that the output is known as insikt's before anything else is in it), then
    /// replaces the manifest.
    pub fn commit(mut self) -> io::Result<usize> {
        let written = std::mem::take(
            &mut *self
                .written
                .lock()
                .map_err(|_| io::Error::other("a writer failed"))?,
        );
        let changed = written.iter().filter(|w| w.staged.is_some()).count();
        let new: HashSet<&str> = written.iter().map(|w| w.rel.as_str()).collect();
        let mut gone: Vec<PathBuf> = self
            .found
            .files
            .keys()
            .filter(|rel| !new.contains(rel.as_str()))
            .map(|rel| self.output.join(rel))
            .collect();
        gone.append(&mut self.found.strays);
        in_parallel(gone, |path| match std::fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        })?;
        let mut needed: HashSet<&str> = HashSet::new();
        for rel in &new {
            let mut rest = *rel;
            while let Some((parent, _)) = rest.rsplit_once('/') {
                if !needed.insert(parent) {
                    break;
                }
                rest = parent;
            }
        }
        let mut empty: Vec<&String> = self
            .found
            .folders
            .iter()
            .filter(|f| !needed.contains(f.as_str()))
            .collect();
        // Deepest first, so that a folder is empty when its turn comes.
        empty.sort_by_key(|f| std::cmp::Reverse(f.matches('/').count()));
        for folder in empty {
            let _ = std::fs::remove_dir(self.output.join(folder));
        }

        std::fs::create_dir_all(&self.output)?;
        let (mark, rest): (Vec<&Written>, Vec<&Written>) =
            written.iter().partition(|w| w.rel == MARK_FILE);
        let stamps = Mutex::new(HashMap::new());
        let place = |w: &Written| -> io::Result<()> {
            let to = self.output.join(&w.rel);
            let stamp = match &w.staged {
                Some(staged) => {
                    if let Some(parent) = to.parent() {
                        std::fs::create_dir_all(parent)?;
                    }
                    std::fs::rename(staged, &to)?;
                    Stamp::of(&std::fs::symlink_metadata(&to)?)
                }
                None => self.current[&w.rel].1,
            };
            stamps
                .lock()
                .map_err(|_| io::Error::other("a writer failed"))?
                .insert(w.rel.clone(), (w.hash, stamp));
            Ok(())
        };
        for w in mark {
            place(w)?;
        }
        in_parallel(rest, place)?;

        let stamps = stamps
            .into_inner()
            .map_err(|_| io::Error::other("a writer failed"))?;
        let mut rels: Vec<&String> = stamps.keys().collect();
        rels.sort();
        let mut text = format!("{MANIFEST_HEADER}\n");
        // A name with a line break cannot be listed; such a file is rewritten every time.
        for rel in rels.into_iter().filter(|r| !r.contains(['\n', '\r'])) {
            let (hash, stamp) = &stamps[rel];
            text.push_str(&manifest_line(rel, *hash, stamp));
        }
        let staged = self.staging.join("manifest");
        std::fs::write(&staged, text)?;
        std::fs::rename(&staged, &self.manifest)?;
        self.committed = true;
        std::fs::remove_dir_all(&self.staging)?;
        Ok(changed)
    }
}

impl Drop for Update {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Where a build writes: in place, only what changed ([`Update`]), or, when the output
/// folder holds files that are not this project's site (`--force`), a fresh folder that
/// replaces it as a whole ([`Staging`]).
pub enum Writer {
    /// A fresh folder swapped in for a foreign one.
    Replace(Staging),
    /// An update of the last build's output (or of a new or empty folder).
    Update(Box<Update>),
}

impl Writer {
    /// Prepares to write the site into `output`; gives up with
    /// [`io::ErrorKind::Interrupted`] once `stop` is true.
    pub fn new(output: &Output, stop: &AtomicBool) -> io::Result<Writer> {
        Ok(if output.foreign() {
            Writer::Replace(Staging::new(output)?)
        } else {
            Writer::Update(Box::new(Update::new(output, stop)?))
        })
    }

    /// Writes `bytes` as the file `rel` (a `/`-separated path) of the new site.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        match self {
            Writer::Replace(s) => s.write(rel, bytes),
            Writer::Update(u) => u.write(rel, bytes),
        }
    }

    /// Writes the pieces `parts`, one after the other, as the file `rel` of the new site.
    pub fn write_parts(&self, rel: &str, parts: &[&str]) -> io::Result<()> {
        match self {
            Writer::Replace(s) => s.write_with(rel, |path| write_parts(path, parts)),
            Writer::Update(u) => u.write_parts(rel, parts),
        }
    }

    /// Copies the file `from` as the file `rel` of the new site.
    pub fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        match self {
            Writer::Replace(s) => s.copy(from, rel),
            Writer::Update(u) => u.copy(from, rel),
        }
    }

    /// Runs `produce` with a function that queues a file for writing; [`IO_THREADS`] threads
    /// write the queue while `produce` runs. The queue is bounded, so memory stays small.
    pub fn write_concurrently<R>(
        &self,
        produce: impl FnOnce(&(dyn Fn(String, String) -> io::Result<()> + Sync)) -> R,
    ) -> io::Result<R> {
        let (sender, receiver) = mpsc::sync_channel::<(String, String)>(IO_THREADS * 16);
        let receiver = Mutex::new(receiver);
        std::thread::scope(|scope| {
            let writers: Vec<_> = (0..IO_THREADS)
                .map(|_| {
                    scope.spawn(|| -> io::Result<()> {
                        loop {
                            let next = receiver
                                .lock()
                                .map_err(|_| io::Error::other("writer failed"))?
                                .recv();
                            match next {
                                Ok((rel, text)) => self.write(&rel, text.as_bytes())?,
                                Err(_) => return Ok(()),
                            }
                        }
                    })
                })
                .collect();
            let queue = move |rel: String, text: String| {
                sender
                    .send((rel, text))
                    .map_err(|_| io::Error::other("the output writers stopped"))
            };
            let result = produce(&queue);
            drop(queue);
            for writer in writers {
                writer
                    .join()
                    .map_err(|_| io::Error::other("a writer thread panicked"))??;
            }
            Ok(result)
        })
    }

    /// Puts the new site in place (see [`Update::commit`] and [`Staging::commit`]).
    pub fn commit(self) -> io::Result<()> {
        match self {
            Writer::Replace(s) => s.commit(),
            Writer::Update(u) => u.commit().map(|_| ()),
        }
    }
}

/// Writes `parts` one after the other to the file `path`.
fn write_parts(path: &Path, parts: &[&str]) -> io::Result<()> {
    let mut file = io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    for part in parts {
        file.write_all(part.as_bytes())?;
    }
    file.flush()
}

/// Runs `work` on every item over [`IO_THREADS`] threads; the first error is returned
/// after all threads stopped taking items.
fn in_parallel<T: Send>(
    items: Vec<T>,
    work: impl Fn(T) -> io::Result<()> + Sync,
) -> io::Result<()> {
    let next = Mutex::new(items.into_iter());
    let failed: Mutex<Option<io::Error>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..IO_THREADS {
            scope.spawn(|| loop {
                if failed.lock().map_or(true, |f| f.is_some()) {
                    return;
                }
                let Some(item) = next.lock().ok().and_then(|mut it| it.next()) else {
                    return;
                };
                if let Err(e) = work(item) {
                    if let Ok(mut f) = failed.lock() {
                        f.get_or_insert(e);
                    }
                }
            });
        }
    });
    match failed.into_inner() {
        Ok(Some(e)) => Err(e),
        Ok(None) => Ok(()),
        Err(_) => Err(io::Error::other("a writer thread panicked")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_lines_read_back() {
        let tmp = tempfile::tempdir().unwrap();
        let stamp = Stamp {
            size: 12,
            modified: -5,
            changed: 1_700_000_000_123_456_789,
            inode: 42,
        };
        let text = format!(
            "{MANIFEST_HEADER}\n{}{}",
            manifest_line("a b/index.html", 7, &stamp),
            manifest_line("c.html", u128::MAX, &stamp)
        );
        let path = tmp.path().join("manifest");
        std::fs::write(&path, text).unwrap();
        let read = read_manifest(&path);
        assert_eq!(read["a b/index.html"], (7, stamp));
        assert_eq!(read["c.html"], (u128::MAX, stamp));
        std::fs::write(&path, "other\n").unwrap();
        assert!(read_manifest(&path).is_empty());
    }
}
