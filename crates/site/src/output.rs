//! Writing the site: never over a folder insikt did not make, never half-written.
//!
//! Every site insikt writes carries a mark file ([`MARK_FILE`]) naming the project it was
//! built from. [`Output::claim`] refuses an output that is empty, is the project, contains
//! it, lies inside one of its input folders, is a file or a symbolic link, or is a non-empty
//! folder without this project's mark (the last two only unless `--force`). It then takes a
//! lock beside the output, so that two builds into one folder run one after the other, and
//! removes staging folders that killed builds of this project left behind.
//!
//! Files go to a fresh staging folder beside the output, marked first; only when everything
//! is written is the old output moved aside and the new one renamed into its place.

use insikt_config::ConfigSpot;
use insikt_core::diagnostic::Diagnostic;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// The file that marks a folder as a site insikt wrote, at the top of every site.
pub const MARK_FILE: &str = ".insikt-site";

/// The first line of every mark file.
const MARK_HEADER: &str = "insikt site";

/// The project folders insikt reads from: an output inside one of them is refused.
const INPUT_FOLDERS: [&str; 4] = ["content", "data", "static", "themes"];

/// Threads that create folders, write and delete files. File-system calls wait on the disk
/// far more than they use the CPU (a `mkdir` takes about 0.3 ms on a virtual disk here), so
/// more of them than cores keep the disk busy while the cores render.
pub(super) const IO_THREADS: usize = 8;

/// Who named the output folder; a refusal points there.
#[derive(Debug, Clone)]
pub enum OutputOrigin {
    /// `--output` on the command line.
    Flag,
    /// `[build] output` in `book.toml` (its spot there), or the default `public` (`None`).
    Config(Option<ConfigSpot>),
    /// A temporary folder insikt made for itself (`serve`, `pdf`).
    Temporary,
}

/// Where a build is asked to write.
#[derive(Debug, Clone)]
pub struct OutputRequest {
    /// The output folder, relative to the current folder or absolute.
    pub path: PathBuf,
    /// Who named it.
    pub origin: OutputOrigin,
    /// Replace a non-empty folder without this project's mark (`build --force`). Never the
    /// project, a folder containing it, an input folder, a file or a symbolic link.
    pub force: bool,
}

impl OutputRequest {
    /// A folder inside a temporary folder insikt made for itself.
    pub fn temporary(path: PathBuf) -> OutputRequest {
        OutputRequest {
            path,
            origin: OutputOrigin::Temporary,
            force: false,
        }
    }
}

/// Writes `bytes` to `path` through a temporary file beside it and a rename, so that a
/// reader (another build checking the file before it takes the lock, or a person) never
/// sees it half-written, and a killed build leaves the last complete file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.insikt-tmp-{}", std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

/// Where the suppression report of a build into `output` goes: beside it, never inside, so
/// it is not published with the site (`public` → `public-suppression-report.md`).
pub fn suppression_report_path(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    output.with_file_name(format!("{name}-suppression-report.md"))
}

/// An output folder claimed by one build: checked, locked, and cleared of stale staging
/// folders. The lock is released when this is dropped.
#[derive(Debug)]
pub struct Output {
    /// The output folder, absolute, with every folder above it resolved.
    path: PathBuf,
    /// The text of this project's mark file.
    mark: String,
    /// The folder holds files that are not this project's site (replaced with `--force`).
    foreign: bool,
    _lock: Lock,
}

impl Output {
    /// Checks that a build of the project in `root` may write where `request` says, waits
    /// for any other build into the same folder, checks again and removes what killed builds
    /// of this project left beside it. `report_header` is the first line of the suppression
    /// report the build will write beside the output, if it writes one: a file there that
    /// does not begin with it is not overwritten. Nothing is written when it refuses.
    pub fn claim(
        root: &Path,
        request: &OutputRequest,
        report_header: Option<&str>,
    ) -> Result<Output, Diagnostic> {
        let checked = check(root, request, report_header)?;
        let cannot = |e: io::Error| {
            Diagnostic::new(&checked.path, format!("cannot lock the output folder: {e}"))
        };
        if let Some(parent) = checked.path.parent() {
            std::fs::create_dir_all(parent).map_err(cannot)?;
        }
        let lock = Lock::acquire(&sibling(&checked.path, "lock"), &checked.path).map_err(cannot)?;
        // Another build may have changed the folder while this one waited.
        let checked = check(root, request, report_header)?;
        let mark = mark_text(&checked.project);
        remove_stale(&checked.path, &mark);
        Ok(Output {
            path: checked.path,
            mark,
            foreign: checked.foreign,
            _lock: lock,
        })
    }

    /// The output folder, absolute.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The text of this project's mark file.
    pub(super) fn mark(&self) -> &str {
        &self.mark
    }

    /// True if the folder holds files that are not this project's site, so that it is
    /// replaced as a whole rather than updated.
    pub(super) fn foreign(&self) -> bool {
        self.foreign
    }

    /// `.NAME.insikt-SUFFIX` beside the output folder.
    pub(super) fn sibling(&self, suffix: &str) -> PathBuf {
        sibling(&self.path, suffix)
    }

    /// `.NAME.insikt.SUFFIX` beside the output folder: a file kept from build to build,
    /// named apart from the work folders and the lock.
    pub(super) fn sibling_file(&self, suffix: &str) -> PathBuf {
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        self.path.with_file_name(format!(".{name}.insikt.{suffix}"))
    }
}

/// An output that passed the checks, and the project it is for.
struct Checked {
    path: PathBuf,
    project: PathBuf,
    foreign: bool,
}

/// Everything [`Output::claim`] refuses, checked without writing anything.
fn check(
    root: &Path,
    request: &OutputRequest,
    report_header: Option<&str>,
) -> Result<Checked, Diagnostic> {
    let refuse = |message: String, help: String| refusal(request, message, help);
    let setting = setting_name(&request.origin);
    if request.path.as_os_str().is_empty() {
        return Err(refuse(
            format!("{setting} is empty: the site would be written over the project"),
            "name a folder of its own, e.g. `public` (the default)".into(),
        ));
    }
    let unreadable = |path: &Path, e: io::Error| {
        Diagnostic::new(
            request.path.clone(),
            format!("cannot read {}: {e}", path.display()),
        )
    };
    let project = root.canonicalize().map_err(|e| unreadable(root, e))?;
    let path = std::path::absolute(&request.path)
        .and_then(|p| resolve(&p))
        .map_err(|e| unreadable(&request.path, e))?;
    let shown = path.display();
    let mut foreign = false;
    if path == project {
        return Err(refuse(
            format!("the output folder {shown} is the project folder: building there would delete the report"),
            "write the site to a folder of its own, e.g. `public` inside the project (the default)".into(),
        ));
    }
    if project.starts_with(&path) {
        return Err(refuse(
            format!(
                "the output folder {shown} contains the project folder {}: replacing it would delete the report",
                project.display()
            ),
            "write the site to a folder of its own, e.g. `public` inside the project (the default)".into(),
        ));
    }
    for folder in INPUT_FOLDERS {
        let input = project.join(folder);
        let real = input.canonicalize().ok();
        if path.starts_with(&input) || real.is_some_and(|real| path.starts_with(real)) {
            return Err(refuse(
                format!("the output folder {shown} lies inside the project's `{folder}/` folder, which insikt reads the report from"),
                "write the site to a folder of its own, e.g. `public` inside the project (the default)".into(),
            ));
        }
    }
    // A folder above the home folder (`/home`) would take every user's home with it.
    let home = std::env::var_os("HOME").and_then(|h| PathBuf::from(h).canonicalize().ok());
    if home.is_some_and(|home| home.starts_with(&path)) {
        return Err(refuse(
            format!("the output folder {shown} is your home folder or contains it"),
            "write the site to a folder of its own, e.g. `public` inside the project (the default)"
                .into(),
        ));
    }
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(unreadable(&path, e)),
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = path
                .canonicalize()
                .or_else(|_| std::fs::read_link(&path))
                .unwrap_or_default();
            return Err(refuse(
                format!(
                    "the output {shown} is a symbolic link to {}: insikt never lists, replaces or deletes anything through a link",
                    target.display()
                ),
                format!(
                    "remove the link, or, if the site is really meant to go to {}, give that folder as {setting}",
                    target.display()
                ),
            ));
        }
        Ok(meta) if !meta.is_dir() => {
            return Err(refuse(
                format!("the output {shown} is a file, not a folder; insikt does not replace it"),
                format!("choose a folder for {setting}, or move the file away"),
            ));
        }
        Ok(_) => {
            let empty = std::fs::read_dir(&path)
                .map_err(|e| unreadable(&path, e))?
                .next()
                .is_none();
            let force_help = match request.origin {
                OutputOrigin::Config(_) => format!(
                    "choose a new or empty folder for {setting}; if everything in {shown} may be deleted, build once with `insikt build --force`"
                ),
                _ => format!(
                    "choose a new or empty folder for {setting}; if everything in {shown} may be deleted, add `--force`"
                ),
            };
            match read_mark(&path, &mark_text(&project)) {
                _ if empty => {}
                Mark::ThisProject => {}
                Mark::OtherProject if !request.force => {
                    return Err(refuse(
                        format!("the output folder {shown} holds a site insikt built from another project (or from this one before it was moved)"),
                        force_help,
                    ));
                }
                Mark::None if !request.force => {
                    return Err(refuse(
                        format!("the output folder {shown} is not empty and was not made by insikt (it has no `{MARK_FILE}` file); insikt replaces only folders it made"),
                        force_help,
                    ));
                }
                Mark::OtherProject | Mark::None => foreign = true,
            }
        }
    }
    if let Some(header) = report_header {
        check_report(&suppression_report_path(&path), header)?;
    }
    Ok(Checked {
        path,
        project,
        foreign,
    })
}

/// How the user would name the output setting in a message.
fn setting_name(origin: &OutputOrigin) -> &'static str {
    match origin {
        OutputOrigin::Flag => "`--output`",
        OutputOrigin::Config(Some(_)) => "`output` in book.toml",
        OutputOrigin::Config(None) => "`[build] output` in book.toml",
        OutputOrigin::Temporary => "the temporary output folder",
    }
}

/// A refusal, pointing at `book.toml` when the output was named there.
fn refusal(request: &OutputRequest, message: String, help: String) -> Diagnostic {
    match &request.origin {
        OutputOrigin::Config(Some(spot)) => spot.error(message),
        _ => Diagnostic::new(request.path.clone(), message),
    }
    .with_help(help)
}

/// The suppression report may replace only a report insikt wrote, recognised by its first
/// line; a link there is never written through.
fn check_report(report: &Path, header: &str) -> Result<(), Diagnostic> {
    let meta = match std::fs::symlink_metadata(report) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Diagnostic::new(report, format!("cannot read: {e}"))),
        Ok(meta) => meta,
    };
    let help = "the suppression report is written beside the output folder, named after it: move this file away, or build into another output folder";
    if !meta.is_file() {
        return Err(Diagnostic::new(
            report,
            "insikt writes the build's suppression report here, but this is not a plain file (a link or a folder); insikt does not replace it",
        )
        .with_help(help));
    }
    let first_line = read_start(report).lines().next().map(str::to_string);
    if first_line.as_deref() != Some(header) {
        return Err(Diagnostic::new(
            report,
            format!("insikt writes the build's suppression report here, but this file was not written by insikt (its first line is not `{header}`); insikt does not overwrite it"),
        )
        .with_help(help));
    }
    Ok(())
}

/// The first few kilobytes of a file as text, or nothing if it cannot be read.
fn read_start(path: &Path) -> String {
    let mut start = Vec::new();
    if let Ok(file) = File::open(path) {
        let _ = file.take(4096).read_to_end(&mut start);
    }
    String::from_utf8_lossy(&start).into_owned()
}

/// `path` made absolute with every folder above its last component resolved (`..`,
/// symbolic links): the canonical path of the deepest folder that exists, then the rest.
/// The last component itself is left as it is, so a link there can be seen and refused.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    match (path.components().next_back(), path.parent()) {
        (Some(Component::Normal(name)), Some(parent)) => Ok(resolve_existing(parent)?.join(name)),
        _ => resolve_existing(path),
    }
}

/// The canonical path of the deepest ancestor of `path` that exists, with the components
/// below it appended (a `..` among them removes the one before it).
fn resolve_existing(path: &Path) -> io::Result<PathBuf> {
    let mut missing = Vec::new();
    let mut existing = path;
    let mut resolved = loop {
        match existing.canonicalize() {
            Ok(canonical) => break canonical,
            Err(e) => match (existing.components().next_back(), existing.parent()) {
                (Some(last), Some(parent)) => {
                    missing.push(last);
                    existing = parent;
                }
                _ => return Err(e),
            },
        }
    };
    for component in missing.into_iter().rev() {
        match component {
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => resolved.push(name),
            _ => {}
        }
    }
    Ok(resolved)
}

/// What a folder's mark file says.
#[derive(Debug, PartialEq, Eq)]
enum Mark {
    /// Built from the project being built now.
    ThisProject,
    /// Built by insikt from another project.
    OtherProject,
    /// No mark: insikt did not make this folder.
    None,
}

/// The mark file of a site built from `project` (its canonical path). It names the project
/// by a fingerprint of its path rather than the path itself: the mark is published with the
/// site, and the path would tell every reader the author's user name and folders.
fn mark_text(project: &Path) -> String {
    format!(
        "{MARK_HEADER}\nproject: {:016x}\ninsikt: {}\n\nThis folder is a site written by insikt. insikt replaces or deletes a folder\nonly when this file names the project being built.\n",
        fingerprint(project),
        env!("CARGO_PKG_VERSION")
    )
}

/// FNV-1a (64 bits) of the path's bytes: stable across runs and versions of Rust, unlike
/// the standard library's hasher.
fn fingerprint(path: &Path) -> u64 {
    path.as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
            (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
}

/// Reads the mark in `dir` and compares it with this project's mark `expected`. Only a
/// plain file counts: a link named like the mark proves nothing about the folder.
fn read_mark(dir: &Path, expected: &str) -> Mark {
    let file = dir.join(MARK_FILE);
    if !std::fs::symlink_metadata(&file).is_ok_and(|m| m.is_file()) {
        return Mark::None;
    }
    let text = read_start(&file);
    let mut lines = text.lines();
    if lines.next() != Some(MARK_HEADER) {
        return Mark::None;
    }
    let project = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("project: "))
            .map(str::to_string)
    };
    if project(&text).is_some() && project(&text) == project(expected) {
        Mark::ThisProject
    } else {
        Mark::OtherProject
    }
}

/// `.NAME.insikt-SUFFIX` beside the output folder `NAME`.
fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    output.with_file_name(format!(".{name}.insikt-{suffix}"))
}

/// Removes the staging and old folders beside `output` that builds of this project left
/// when they were killed: only folders with insikt's names for them that carry this
/// project's mark, and empty ones with those names (killed before the mark was written);
/// and the temporary file of a suppression report whose writing was killed (a regular file
/// named after this output's report and a process number).
/// Called with the output's lock held, so no running build is using them.
fn remove_stale(output: &Path, mark: &str) {
    let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else {
        return;
    };
    let name = name.to_string_lossy();
    let prefixes = [
        format!(".{name}.insikt-new-"),
        format!(".{name}.insikt-old-"),
    ];
    // What `write_atomically` leaves of the suppression report when killed mid-write.
    let report_temporary = suppression_report_path(output)
        .file_name()
        .map(|n| format!(".{}.insikt-tmp-", n.to_string_lossy()));
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let pid = file_name.to_str().and_then(|n| {
            report_temporary
                .as_deref()
                .and_then(|prefix| n.strip_prefix(prefix))
        });
        if let Some(pid) = pid {
            let path = entry.path();
            let is_file = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
            if is_file && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) {
                let _ = std::fs::remove_file(&path);
            }
            continue;
        }
        let Some(rest) = file_name
            .to_str()
            .and_then(|n| prefixes.iter().find_map(|p| n.strip_prefix(p.as_str())))
        else {
            continue;
        };
        let path = entry.path();
        let is_folder = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
        if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) || !is_folder {
            continue;
        }
        if read_mark(&path, mark) == Mark::ThisProject {
            if let Err(e) = remove_concurrently(&path) {
                eprintln!(
                    "warning: cannot remove {}, left by an interrupted build: {e}",
                    path.display()
                );
            }
        } else {
            // Succeeds only for an empty folder.
            let _ = std::fs::remove_dir(&path);
        }
    }
}

/// An exclusive lock on a file beside the output, held while a build writes it.
#[derive(Debug)]
struct Lock {
    path: PathBuf,
    _file: File,
}

impl Lock {
    /// Locks `path`, waiting (with a message) while another build holds it.
    fn acquire(path: &Path, output: &Path) -> io::Result<Lock> {
        loop {
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    eprintln!(
                        "Another insikt build is writing {}; waiting for it to finish.",
                        output.display()
                    );
                    file.lock()?;
                }
                Err(TryLockError::Error(e)) => return Err(e),
            }
            // The build before may have removed the file while this one waited; then this
            // lock is on a file no other build can find, and the lock is taken again.
            if still_at(&file, path) {
                return Ok(Lock {
                    path: path.to_path_buf(),
                    _file: file,
                });
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked; a build waiting on it sees that and locks anew.
        if cfg!(unix) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// True if `file` is still the file at `path`.
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere the lock file is never removed, so it is always the one at its path.
#[cfg(not(unix))]
fn still_at(_: &File, _: &Path) -> bool {
    true
}

/// A folder being filled with a new site, swapped into place by [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates an empty staging folder next to the output and marks it first, so that if
    /// the build is killed the next one knows the folder for its own.
    pub fn new(output: &Output) -> io::Result<Staging> {
        let dir = sibling(&output.path, &format!("new-{}", std::process::id()));
        std::fs::create_dir(&dir)?;
        let staging = Staging {
            dir,
            target: output.path.clone(),
            committed: false,
        };
        staging.write(MARK_FILE, output.mark.as_bytes())?;
        Ok(staging)
    }

    /// Writes `bytes` to `rel` (a `/`-separated path) inside the staging folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)
    }

    /// Makes the file `rel` inside the staging folder with `make`, given its path.
    pub fn write_with(
        &self,
        rel: &str,
        make: impl FnOnce(&Path) -> io::Result<()>,
    ) -> io::Result<()> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        make(&path)
    }

    /// Copies the file `from` to `rel` inside the staging folder.
    pub fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from, path).map(|_| ())
    }

    /// Replaces the output folder with the staged site.
    pub fn commit(mut self) -> io::Result<()> {
        let old = self.dir.with_file_name(
            self.dir
                .file_name()
                .map(|n| n.to_string_lossy().replace("insikt-new", "insikt-old"))
                .unwrap_or_default(),
        );
        let moved_aside = match std::fs::symlink_metadata(&self.target) {
            Ok(meta) if meta.is_dir() => {
                std::fs::rename(&self.target, &old)?;
                true
            }
            Ok(_) => {
                return Err(io::Error::other(
                    "the output is no longer a folder; nothing was replaced",
                ))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(e) => return Err(e),
        };
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            // Put the last good site back before giving up.
            if moved_aside {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(e);
        }
        self.committed = true;
        if moved_aside {
            remove_concurrently(&old)?;
        }
        Ok(())
    }
}

/// Removes a folder tree, its top-level entries spread over [`IO_THREADS`] threads. The
/// mark goes last, so a removal that is interrupted leaves a folder still known as insikt's.
fn remove_concurrently(dir: &Path) -> io::Result<()> {
    let entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .filter(|p| !p.as_ref().is_ok_and(|p| p.ends_with(MARK_FILE)))
        .collect::<io::Result<_>>()?;
    let next = Mutex::new(entries.into_iter());
    std::thread::scope(|scope| {
        for _ in 0..IO_THREADS {
            scope.spawn(|| loop {
                let Some(path) = next.lock().ok().and_then(|mut it| it.next()) else {
                    return;
                };
                let is_folder = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
                let _ = if is_folder {
                    std::fs::remove_dir_all(&path)
                } else {
                    std::fs::remove_file(&path)
                };
            });
        }
    });
    std::fs::remove_dir_all(dir)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_through_missing_folders_and_dot_dot() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        std::fs::create_dir(base.join("a")).unwrap();
        assert_eq!(
            resolve(&base.join("a/missing/../b")).unwrap(),
            base.join("a/b")
        );
        assert_eq!(resolve(&base.join("a/..")).unwrap(), base);
        assert_eq!(resolve(&base.join("a/./x/y")).unwrap(), base.join("a/x/y"));
    }

    #[cfg(unix)]
    #[test]
    fn the_last_component_is_not_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        std::fs::create_dir(base.join("real")).unwrap();
        std::os::unix::fs::symlink(base.join("real"), base.join("link")).unwrap();
        assert_eq!(resolve(&base.join("link")).unwrap(), base.join("link"));
        assert_eq!(
            resolve(&base.join("link/site")).unwrap(),
            base.join("real/site")
        );
    }

    #[test]
    fn marks_name_the_project_without_its_path() {
        let mark = mark_text(Path::new("/home/anna/rapport"));
        assert!(!mark.contains("anna"), "{mark}");
        assert_ne!(mark, mark_text(Path::new("/home/anna/rapport2")));
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join(MARK_FILE), &mark).unwrap();
        assert_eq!(read_mark(tmp.path(), &mark), Mark::ThisProject);
        let other = mark_text(Path::new("/srv/annan"));
        assert_eq!(read_mark(tmp.path(), &other), Mark::OtherProject);
        std::fs::write(tmp.path().join(MARK_FILE), "project: x\n").unwrap();
        assert_eq!(read_mark(tmp.path(), &mark), Mark::None);
    }
}
