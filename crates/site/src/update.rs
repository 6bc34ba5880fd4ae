//! Writing only what changed: a rebuild touches the files whose content differs from the
//! last build's, and removes the files that are gone, instead of writing a fresh tree.
//!
//! The last build's output is described by a manifest beside the output folder
//! (`.public.insikt.manifest` beside `public`, not published): for every file, a hash of its content and the file's stamp (size,
//! modification and change times, inode) as the build left it. A file counts as unchanged
//! only when its stamp on disk is still the recorded one and the new content has the
//! recorded hash; anything else on disk (a file edited or added by hand, a link, a file a
//! killed build left half-updated) is rewritten or removed, so the folder always ends equal
//! to a clean build. With `insikt build` it also holds the fingerprint of the build's inputs
//! (see [`Inputs`]) and the stamp of the suppression report beside the output, so that the
//! next build can see without loading anything that nothing changed ([`unchanged`]).
//!
//! Nothing in the output changes until every file is rendered: changed files are first
//! written to a staging folder beside the output (marked, so that the next build removes it
//! if this one is killed), and [`Update::commit`] then removes the files that are gone and
//! renames each new file over the old one. If the build is killed during that step, every
//! file is either its old or its new version, never half-written (a rename is atomic), some
//! files of the old site may already be removed, and the old manifest is still in place;
//! the stamps of the files already replaced then no longer match it, so the next build
//! rewrites them and repairs everything. The manifest is replaced (also by a rename) last.
//!
//! A first build into a new or empty output folder has nothing to compare with: it writes
//! every file at its place in a fresh tree inside the staging folder and renames that tree
//! into place as a whole, one rename instead of one per file. Killed before that rename, it
//! leaves only the marked staging folder, which the next build removes; killed after it,
//! the site is whole and the manifest missing (or an old one that no file matches), so the
//! next build compares nothing and rewrites every file.

use super::inputs::Inputs;
use super::output::{Output, Staging, IO_THREADS, MARK_FILE};
use std::collections::{HashMap, HashSet};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Mutex};
use xxhash_rust::xxh3::{xxh3_128, Xxh3Default};

/// The first line of every manifest; another first line makes the manifest unknown (3:
/// content hashes are XXH3-128, before SipHash-1-3).
const MANIFEST_HEADER: &str = "insikt manifest 3";

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

/// The hash of a file's content in the manifest: XXH3-128, which tells whether a file
/// changed as surely as a cryptographic hash would (128 bits: an accidental collision is
/// out of reach, and whoever could make one on purpose writes the project and so the site
/// anyway) at a small part of its cost; it is made of every byte the build writes.
pub(crate) fn hash(bytes: &[u8]) -> u128 {
    xxh3_128(bytes)
}

/// The hash of the file at `path`, as [`hash`] of its bytes, read in pieces.
pub(crate) fn file_hash(path: &Path) -> io::Result<u128> {
    thread_local! {
        /// The pieces a file is read in: one per thread, since a new one for each file
        /// was filled with zeros each time (4 % of the CPU of a build with nothing changed,
        /// whose fingerprint hashes every input).
        static BUFFER: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0; 64 * 1024]);
    }
    BUFFER.with_borrow_mut(|buffer| {
        let mut hasher = Xxh3Default::new();
        let mut file = std::fs::File::open(path)?;
        loop {
            match file.read(buffer) {
                Ok(0) => return Ok(hasher.digest128()),
                Ok(n) => hasher.update(&buffer[..n]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    })
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

/// A file of the output as the manifest lists it: its path, the hash of its content and
/// its stamp.
type Listed<'a> = (&'a str, u128, Stamp);

/// What a build records beside its output, besides its files, so that the next build with
/// nothing changed can stop early and tell what this one told (see [`unchanged`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// The fingerprint of the build's inputs (see [`Inputs`]).
    pub inputs: u128,
    /// The pages, worksheets and codebook pages the build wrote.
    pub counts: [usize; 3],
    /// The notes the build printed about its datasets (how each was read, warnings).
    pub notes: Vec<String>,
}

/// The last build's manifest.
#[derive(Default)]
struct Manifest {
    /// What the build recorded, when it was a build of the whole project's inputs.
    record: Option<Record>,
    /// The stamp of the suppression report the build wrote beside the output, if any.
    report: Option<Stamp>,
    /// Every file of the output: path → (hash, stamp).
    files: HashMap<String, (u128, Stamp)>,
}

/// A note on one line of the manifest: `\`, line breaks and carriage returns escaped.
fn escape_note(note: &str) -> String {
    note.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

/// The note [`escape_note`] made `line` from.
fn unescape_note(line: &str) -> String {
    let mut note = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            note.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => note.push('\n'),
            Some('r') => note.push('\r'),
            Some(other) => note.push(other),
            None => {}
        }
    }
    note
}

/// The stamp in the manifest's words: four numbers, or `-` for none.
fn stamp_text(stamp: Option<&Stamp>) -> String {
    match stamp {
        Some(s) => format!("{} {} {} {}", s.size, s.modified, s.changed, s.inode),
        None => "-".to_string(),
    }
}

/// The stamp [`stamp_text`] wrote: `Err` when it does not parse, `Ok(None)` for `-`.
fn parse_stamp(text: &str) -> Result<Option<Stamp>, ()> {
    if text == "-" {
        return Ok(None);
    }
    let numbers: Vec<&str> = text.split(' ').collect();
    let [size, modified, changed, inode] = numbers[..] else {
        return Err(());
    };
    Ok(Some(Stamp {
        size: size.parse().map_err(|_| ())?,
        modified: modified.parse().map_err(|_| ())?,
        changed: changed.parse().map_err(|_| ())?,
        inode: inode.parse().map_err(|_| ())?,
    }))
}

/// Writes the manifest to `out`: its header, the record, the report's stamp, then one line
/// per file, `HASH SIZE MODIFIED CHANGED INODE PATH`, in the order of the paths (`files` is
/// sorted here).
fn write_manifest(
    out: &mut impl Write,
    record: Option<&Record>,
    report: Option<&Stamp>,
    files: &mut [Listed],
) -> io::Result<()> {
    writeln!(out, "{MANIFEST_HEADER}")?;
    match record {
        Some(r) => {
            let [pages, worksheets, codebook] = r.counts;
            writeln!(
                out,
                "inputs {:032x} {pages} {worksheets} {codebook} {}",
                r.inputs,
                r.notes.len()
            )?;
            for note in &r.notes {
                writeln!(out, "{}", escape_note(note))?;
            }
        }
        None => writeln!(out, "inputs -")?,
    }
    writeln!(out, "report {}", stamp_text(report))?;
    files.sort_unstable_by_key(|(rel, _, _)| *rel);
    // A name with a line break cannot be listed; such a file is rewritten every time.
    for (rel, hash, stamp) in files.iter().filter(|(r, _, _)| !r.contains(['\n', '\r'])) {
        writeln!(
            out,
            "{hash:032x} {} {} {} {} {rel}",
            stamp.size, stamp.modified, stamp.changed, stamp.inode
        )?;
    }
    Ok(())
}

/// Reads the manifest at `path`. A missing, unreadable or unknown manifest is empty; a
/// file line that does not parse ends the files read (the rest is rewritten).
fn read_manifest(path: &Path) -> Manifest {
    if !std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        return Manifest::default();
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return Manifest::default();
    };
    let mut lines = text.lines();
    if lines.next() != Some(MANIFEST_HEADER) {
        return Manifest::default();
    }
    let Ok((record, report)) = read_header(&mut lines) else {
        return Manifest::default();
    };
    let mut files = HashMap::new();
    for line in lines {
        let mut parts = line.splitn(6, ' ');
        let mut next = || parts.next().ok_or(());
        let parsed = (|| -> Result<(String, u128, Stamp), ()> {
            let hash = u128::from_str_radix(next()?, 16).map_err(|_| ())?;
            let stamp = [next()?, next()?, next()?, next()?].join(" ");
            let stamp = parse_stamp(&stamp)?.ok_or(())?;
            Ok((next()?.to_string(), hash, stamp))
        })();
        match parsed {
            Ok((rel, hash, stamp)) => {
                files.insert(rel, (hash, stamp));
            }
            Err(()) => break,
        }
    }
    Manifest {
        record,
        report,
        files,
    }
}

/// The record and the report's stamp, from the lines after the manifest's first.
fn read_header<'a>(
    lines: &mut impl Iterator<Item = &'a str>,
) -> Result<(Option<Record>, Option<Stamp>), ()> {
    let inputs = lines
        .next()
        .and_then(|l| l.strip_prefix("inputs "))
        .ok_or(())?;
    let record = if inputs == "-" {
        None
    } else {
        let numbers: Vec<&str> = inputs.split(' ').collect();
        let [hash, pages, worksheets, codebook, notes] = numbers[..] else {
            return Err(());
        };
        let count = |n: &str| n.parse::<usize>().map_err(|_| ());
        let notes = (0..count(notes)?)
            .map(|_| lines.next().map(unescape_note).ok_or(()))
            .collect::<Result<_, ()>>()?;
        Some(Record {
            inputs: u128::from_str_radix(hash, 16).map_err(|_| ())?,
            counts: [count(pages)?, count(worksheets)?, count(codebook)?],
            notes,
        })
    };
    let report = lines
        .next()
        .and_then(|l| l.strip_prefix("report "))
        .ok_or(())?;
    Ok((record, parse_stamp(report)?))
}

/// The record of the last build into `output` if nothing changed since: the build's inputs
/// have the recorded fingerprint `inputs`, the output folder holds exactly the files the
/// manifest lists (and the folders they need), each with the stamp it recorded, and the
/// suppression report `report` beside it is as that build left it. Only looks (`stat`),
/// never reads a file of the output.
pub fn unchanged(output: &Output, inputs: &Inputs, report: &Path) -> Option<Record> {
    let inputs = inputs.0?;
    if output.foreign() {
        return None;
    }
    let manifest = read_manifest(&output.sibling_file("manifest"));
    let record = manifest.record.filter(|r| r.inputs == inputs)?;
    if let Some(stamp) = manifest.report {
        let now = std::fs::symlink_metadata(report).ok()?;
        if !now.is_file() || Stamp::of(&now) != stamp {
            return None;
        }
    }
    let found = walk(output.path(), &AtomicBool::new(false)).ok()?;
    if !found.strays.is_empty() || found.files.len() != manifest.files.len() {
        return None;
    }
    let same = manifest
        .files
        .iter()
        .all(|(rel, (_, stamp))| found.files.get(rel) == Some(&Some(*stamp)));
    let needed = needed_folders(manifest.files.keys().map(String::as_str));
    let no_others = found.folders.iter().all(|f| needed.contains(f.as_str()));
    (same && no_others).then_some(record)
}

/// Every folder the files `rels` are in, as `/`-separated paths.
fn needed_folders<'a>(rels: impl Iterator<Item = &'a str>) -> HashSet<&'a str> {
    let mut needed: HashSet<&str> = HashSet::new();
    for rel in rels {
        let mut rest = rel;
        while let Some((parent, _)) = rest.rsplit_once('/') {
            if !needed.insert(parent) {
                break;
            }
            rest = parent;
        }
    }
    needed
}

/// A file of the new site, and where its content waits if it changed.
struct Written {
    rel: String,
    hash: u128,
    staged: Staged,
}

/// Where the content of a file of the new site is.
enum Staged {
    /// In the output already: the file on disk holds exactly this content.
    Current,
    /// In this staging file, to be renamed over the file in the output.
    At(PathBuf),
    /// At its place in the fresh tree, with the stamp it was written with, which the rename
    /// of the whole tree keeps.
    InTree(Stamp),
}

/// The folder inside the staging folder where a first build makes its fresh tree.
const TREE: &str = "site";

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
    /// The fresh tree inside the staging folder, when the output is new or empty: every
    /// file is written at its place there, and the tree replaces the output as a whole.
    tree: Option<PathBuf>,
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
            .files
            .into_iter()
            .filter(|(rel, (_, stamp))| found.files.get(rel) == Some(&Some(*stamp)))
            .collect();
        let staging = output.sibling(&format!("new-{}", std::process::id()));
        std::fs::create_dir(&staging)?;
        std::fs::write(staging.join(MARK_FILE), output.mark())?;
        let empty = found.files.is_empty() && found.folders.is_empty() && found.strays.is_empty();
        let tree = empty.then(|| staging.join(TREE));
        if let Some(tree) = &tree {
            std::fs::create_dir(tree)?;
        }
        let update = Update {
            output: output.path().to_path_buf(),
            manifest: manifest_path,
            staging,
            found,
            current,
            written: Mutex::new(Vec::new()),
            next_name: AtomicU64::new(0),
            tree,
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

    /// Like [`Update::write`] with the content written by `fill`, piece by piece, so that
    /// it is never held whole. It is staged as it is written, and the staged file is
    /// dropped again when the file on disk already holds exactly that.
    pub fn write_stream(
        &self,
        rel: &str,
        fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let staged = match &self.tree {
            Some(tree) => in_tree(tree, rel)?,
            None => self.next_staging_file(),
        };
        let mut out = HashingWriter {
            file: io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&staged)?),
            hasher: Xxh3Default::new(),
        };
        fill(&mut out)?;
        out.file.flush()?;
        let hash = out.hasher.digest128();
        let stamp = Stamp::of(&out.file.get_ref().metadata()?);
        drop(out);
        let staged = if self.tree.is_some() {
            Staged::InTree(stamp)
        } else if self.current.get(rel).is_some_and(|(h, _)| *h == hash) {
            std::fs::remove_file(&staged)?;
            Staged::Current
        } else {
            Staged::At(staged)
        };
        self.push(rel, hash, staged)
    }

    /// Like [`Update::write`] with the content of the file `from`, read in pieces.
    pub fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        let hash = file_hash(from)?;
        self.record(rel, hash, |staged| std::fs::copy(from, staged).map(|_| ()))
    }

    fn record(
        &self,
        rel: &str,
        hash: u128,
        stage: impl FnOnce(&Path) -> io::Result<()>,
    ) -> io::Result<()> {
        let staged = if let Some(tree) = &self.tree {
            let path = in_tree(tree, rel)?;
            stage(&path)?;
            Staged::InTree(Stamp::of(&std::fs::symlink_metadata(&path)?))
        } else if self.current.get(rel).is_some_and(|(h, _)| *h == hash) {
            Staged::Current
        } else {
            let staged = self.next_staging_file();
            stage(&staged)?;
            Staged::At(staged)
        };
        self.push(rel, hash, staged)
    }

    /// A new name for a staged file: a number, unique in the staging folder.
    fn next_staging_file(&self) -> PathBuf {
        let name = self.next_name.fetch_add(1, Ordering::Relaxed);
        self.staging.join(format!("{name}"))
    }

    /// Lists `rel`, with content of hash `hash`, as a file of the new site, its content
    /// where `staged` says.
    fn push(&self, rel: &str, hash: u128, staged: Staged) -> io::Result<()> {
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
    /// so that the output is known as insikt's before anything else is in it), writes
    /// `beside` (the suppression report: its path and bytes), then replaces the manifest,
    /// with `record` when the build read the whole project (`insikt build`).
    pub fn commit(
        mut self,
        beside: Option<(&Path, &[u8])>,
        record: Option<&Record>,
    ) -> io::Result<usize> {
        let mut written = std::mem::take(
            &mut *self
                .written
                .lock()
                .map_err(|_| io::Error::other("a writer failed"))?,
        );
        let changed = (written.iter())
            .filter(|w| !matches!(w.staged, Staged::Current))
            .count();
        if let Some(tree) = self.tree.take() {
            // The site takes the place of an empty folder someone made for it, so it keeps
            // that folder's permissions (a web server's group may need them).
            if let Ok(folder) = std::fs::metadata(&self.output) {
                std::fs::set_permissions(&tree, folder.permissions())?;
            }
            // The output is missing or an empty folder, which a rename replaces; it fails
            // on a folder that is no longer empty.
            match std::fs::rename(&tree, &self.output) {
                Ok(()) => {
                    let mut files: Vec<Listed> = (written.iter())
                        .filter_map(|w| match w.staged {
                            Staged::InTree(stamp) => Some((w.rel.as_str(), w.hash, stamp)),
                            _ => None,
                        })
                        .collect();
                    self.finish(beside, record, &mut files)?;
                    return Ok(changed);
                }
                // Something appeared in the output meanwhile (or it is a mount point): the
                // files are moved in one by one instead, as for an update.
                Err(_) => {
                    for w in &mut written {
                        if let Staged::InTree(_) = w.staged {
                            w.staged = Staged::At(tree.join(&w.rel));
                        }
                    }
                }
            }
        }
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
        let needed = needed_folders(new.iter().copied());
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
        let (mark, rest): (Vec<_>, Vec<_>) = written
            .iter()
            .enumerate()
            .partition(|(_, w)| w.rel == MARK_FILE);
        // Each file's stamp, by its place in `written`.
        let stamps = Mutex::new(Vec::with_capacity(written.len()));
        let place = |(i, w): (usize, &Written)| -> io::Result<()> {
            let to = self.output.join(&w.rel);
            let stamp = match &w.staged {
                Staged::At(staged) => {
                    if let Some(parent) = to.parent() {
                        std::fs::create_dir_all(parent)?;
                    }
                    std::fs::rename(staged, &to)?;
                    Stamp::of(&std::fs::symlink_metadata(&to)?)
                }
                Staged::Current => self.current[&w.rel].1,
                Staged::InTree(stamp) => *stamp,
            };
            stamps
                .lock()
                .map_err(|_| io::Error::other("a writer failed"))?
                .push((i, stamp));
            Ok(())
        };
        for w in mark {
            place(w)?;
        }
        in_parallel(rest, place)?;

        let mut files: Vec<Listed> = (stamps.into_inner())
            .map_err(|_| io::Error::other("a writer failed"))?
            .into_iter()
            .map(|(i, stamp)| (written[i].rel.as_str(), written[i].hash, stamp))
            .collect();
        self.finish(beside, record, &mut files)?;
        Ok(changed)
    }

    /// The last steps of [`Update::commit`], once every file is in place: writes `beside`,
    /// replaces the manifest and removes the staging folder.
    fn finish(
        &mut self,
        beside: Option<(&Path, &[u8])>,
        record: Option<&Record>,
        files: &mut [Listed],
    ) -> io::Result<()> {
        let report = match beside {
            Some((path, bytes)) => {
                super::output::write_atomically(path, bytes)?;
                Some(Stamp::of(&std::fs::symlink_metadata(path)?))
            }
            None => None,
        };
        let staged = self.staging.join("manifest");
        let mut out = io::BufWriter::new(std::fs::File::create(&staged)?);
        write_manifest(&mut out, record, report.as_ref(), files)?;
        out.into_inner().map_err(io::IntoInnerError::into_error)?;
        std::fs::rename(&staged, &self.manifest)?;
        self.committed = true;
        std::fs::remove_dir_all(&self.staging)
    }
}

/// The path of `rel` in the fresh tree `tree`, with the folders it is in made.
fn in_tree(tree: &Path, rel: &str) -> io::Result<PathBuf> {
    let path = tree.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    Ok(path)
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

    /// Writes the file `rel` of the new site with `fill`, piece by piece.
    pub fn write_stream(
        &self,
        rel: &str,
        fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        match self {
            Writer::Replace(s) => s.write_with(rel, |path| {
                let mut file = io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
                fill(&mut file)?;
                file.flush()
            }),
            Writer::Update(u) => u.write_stream(rel, fill),
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
        produce: impl FnOnce(&(dyn Fn(String, Vec<u8>) -> io::Result<()> + Sync)) -> R,
    ) -> io::Result<R> {
        /// Files handed to a writer at a time: one message per file woke a writer thread
        /// per file, which cost more than the writing on a fast disk.
        const BATCH: usize = 16;
        let (sender, receiver) = mpsc::sync_channel::<Vec<(String, Vec<u8>)>>(IO_THREADS);
        let receiver = Mutex::new(receiver);
        let queue_failed = || io::Error::other("the output queue failed");
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
                                Ok(batch) => {
                                    for (rel, bytes) in batch {
                                        self.write(&rel, &bytes)?;
                                    }
                                }
                                Err(_) => return Ok(()),
                            }
                        }
                    })
                })
                .collect();
            let send = |batch: Vec<(String, Vec<u8>)>| {
                sender
                    .send(batch)
                    .map_err(|_| io::Error::other("the output writers stopped"))
            };
            let pending = Mutex::new(Vec::with_capacity(BATCH));
            let queue = |rel: String, bytes: Vec<u8>| {
                let full = {
                    let mut pending = pending.lock().map_err(|_| queue_failed())?;
                    pending.push((rel, bytes));
                    if pending.len() < BATCH {
                        return Ok(());
                    }
                    std::mem::replace(&mut *pending, Vec::with_capacity(BATCH))
                };
                send(full)
            };
            let result = produce(&queue);
            let rest = pending.into_inner().map_err(|_| queue_failed())?;
            // When the writers stopped, their error is the one to report.
            let flushed = if rest.is_empty() { Ok(()) } else { send(rest) };
            drop(sender);
            for writer in writers {
                writer
                    .join()
                    .map_err(|_| io::Error::other("a writer thread panicked"))??;
            }
            flushed.map(|()| result)
        })
    }

    /// Puts the new site in place and writes `beside` (the suppression report) after it
    /// (see [`Update::commit`] and [`Staging::commit`]); an update records `record` in its
    /// manifest.
    pub fn commit(self, beside: Option<(&Path, &[u8])>, record: Option<&Record>) -> io::Result<()> {
        match self {
            Writer::Replace(s) => {
                s.commit()?;
                match beside {
                    Some((path, bytes)) => super::output::write_atomically(path, bytes),
                    None => Ok(()),
                }
            }
            Writer::Update(u) => u.commit(beside, record).map(|_| ()),
        }
    }
}

/// A file being written, and the hash of what was written to it.
struct HashingWriter<W> {
    file: W,
    hasher: Xxh3Default,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = self.file.write(bytes)?;
        self.hasher.update(&bytes[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Runs `work` on every item over [`IO_THREADS`] threads; the first error is returned
/// after all threads stopped taking items.
pub(super) fn in_parallel<T: Send>(
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
    fn manifests_read_back() {
        let tmp = tempfile::tempdir().unwrap();
        let stamp = Stamp {
            size: 12,
            modified: -5,
            changed: 1_700_000_000_123_456_789,
            inode: 42,
        };
        let files: HashMap<String, (u128, Stamp)> = [
            ("a b/index.html".to_string(), (7, stamp)),
            ("c.html".to_string(), (u128::MAX, stamp)),
        ]
        .into();
        let record = Record {
            inputs: 99,
            counts: [3, 1, 2],
            notes: vec!["two\nlines \\n".into(), "a\r\\".into(), String::new()],
        };
        let path = tmp.path().join("manifest");
        let write = |record: Option<&Record>, report: Option<&Stamp>| {
            let mut listed: Vec<Listed> = (files.iter())
                .map(|(rel, (hash, stamp))| (rel.as_str(), *hash, *stamp))
                .collect();
            let mut out = Vec::new();
            write_manifest(&mut out, record, report, &mut listed).unwrap();
            std::fs::write(&path, out).unwrap();
        };
        write(Some(&record), Some(&stamp));
        let read = read_manifest(&path);
        assert_eq!(read.files, files);
        assert_eq!(read.record, Some(record));
        assert_eq!(read.report, Some(stamp));
        write(None, None);
        let read = read_manifest(&path);
        assert_eq!((read.record, read.report, read.files), (None, None, files));
        std::fs::write(&path, "insikt manifest 1\n").unwrap();
        assert!(read_manifest(&path).files.is_empty());
        // A manifest of the version before, whose hashes were made another way, is unknown:
        // every file is written again.
        let lines = format!("inputs -\nreport -\n{:032x} 12 -5 7 42 c.html\n", 7);
        std::fs::write(&path, format!("{MANIFEST_HEADER}\n{lines}")).unwrap();
        assert_eq!(read_manifest(&path).files.len(), 1);
        std::fs::write(&path, format!("insikt manifest 2\n{lines}")).unwrap();
        assert!(read_manifest(&path).files.is_empty());
    }
}
