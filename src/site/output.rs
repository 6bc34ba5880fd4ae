//! Writing the site so that a failed build never replaces the last good one.
//!
//! Files go to a fresh folder beside the output; only when everything is written is the
//! old output moved aside and the new one renamed into its place.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Mutex};

/// Threads that create folders, write and delete files. File-system calls wait on the disk
/// far more than they use the CPU (a `mkdir` takes about 0.3 ms on a virtual disk here), so
/// more of them than cores keep the disk busy while the cores render.
const IO_THREADS: usize = 8;

/// A folder being filled with a new site, swapped into place by [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates an empty staging folder next to `target`.
    pub fn new(target: &Path) -> io::Result<Staging> {
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.insikt-new-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    /// Writes `bytes` to `rel` (a `/`-separated path) inside the staging folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)
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

    /// Copies the file `from` to `rel` inside the staging folder.
    pub fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from, path).map(|_| ())
    }

    /// Replaces the target folder with the staged site.
    pub fn commit(mut self) -> io::Result<()> {
        let old = self.dir.with_file_name(
            self.dir
                .file_name()
                .map(|n| n.to_string_lossy().replace("insikt-new", "insikt-old"))
                .unwrap_or_default(),
        );
        if self.target.exists() {
            if old.exists() {
                std::fs::remove_dir_all(&old)?;
            }
            std::fs::rename(&self.target, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            // Put the last good site back before giving up.
            if old.exists() {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(e);
        }
        self.committed = true;
        if old.exists() {
            remove_concurrently(&old)?;
        }
        Ok(())
    }
}

/// Removes a folder tree, its top-level entries spread over [`IO_THREADS`] threads.
fn remove_concurrently(dir: &Path) -> io::Result<()> {
    let entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    let next = Mutex::new(entries.into_iter());
    std::thread::scope(|scope| {
        for _ in 0..IO_THREADS {
            scope.spawn(|| loop {
                let Some(path) = next.lock().ok().and_then(|mut it| it.next()) else {
                    return;
                };
                let _ = if path.is_dir() {
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
