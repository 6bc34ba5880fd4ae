//! The site of a preview (`insikt serve`) kept in memory between edits.
//!
//! An edit of page bodies alone, or of datasets (see [`Site::edit`]), re-renders just the
//! pages it reaches and writes their files at once; the files made from every page (`print.html`, the search
//! index, the codebook's lists of pages) are brought up to date afterwards by
//! [`Preview::settle`], a build of the site in memory that writes only what changed and
//! gives way to the next edit. Any other change, and every change after a failed full
//! build, loads and builds the whole site again. A failed edit leaves the site in memory
//! as it was, and its files are taken again with the next change (so a save caught half
//! written is taken whole with the rest of it). Once settled, the output equals a clean build of
//! the project byte for byte.

use super::edit::{write_edited, Edit};
use super::{BuildSummary, OutputRequest, Site};
use insikt_core::diagnostic::{Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

/// A project previewed into an output folder of its own.
pub struct Preview {
    root: PathBuf,
    drafts: bool,
    output: PathBuf,
    /// The last good site; `None` until a build succeeded.
    site: Option<Site>,
    /// True while the output's files made from every page lag behind `site`.
    stale: bool,
    /// The files changed since `site` last matched the project on disk: after a failed
    /// edit (or one caught half-saved), the next change is taken together with them.
    unsynced: Vec<PathBuf>,
    /// True after a failed full build: the next change loads everything again.
    must_reload: bool,
}

/// What a change to the project did to the output.
#[derive(Debug)]
pub enum Change {
    /// Edited pages were re-rendered and written, by index; the rest waits for
    /// [`Preview::settle`].
    Pages(Vec<usize>),
    /// The whole site was loaded and built.
    Built(BuildSummary),
}

impl Preview {
    /// A preview of the project in `root` into the folder `output` (which it owns); nothing
    /// is built yet.
    pub fn new(root: &Path, drafts: bool, output: PathBuf) -> Preview {
        Preview {
            root: root.to_path_buf(),
            drafts,
            output,
            site: None,
            stale: false,
            unsynced: Vec::new(),
            must_reload: false,
        }
    }

    /// Loads and builds the whole site; on failure the last good output stays.
    pub fn rebuild(&mut self) -> Result<BuildSummary, Diagnostics> {
        let result = Site::load(&self.root, self.drafts).and_then(|site| {
            let summary = site.build(&self.request())?;
            Ok((site, summary))
        });
        match result {
            Ok((site, summary)) => {
                self.site = Some(site);
                self.stale = false;
                self.unsynced.clear();
                self.must_reload = false;
                Ok(summary)
            }
            Err(d) => {
                self.must_reload = true;
                Err(d)
            }
        }
    }

    /// Takes the changes to the files `changed` (below the project folder), together with
    /// those of earlier changes that failed: only the edited pages or datasets when the
    /// changes allow it, else the whole site.
    pub fn change(&mut self, changed: &[PathBuf]) -> Result<Change, Diagnostics> {
        for path in changed {
            if !self.unsynced.contains(path) {
                self.unsynced.push(path.clone());
            }
        }
        if let Some(site) = self.site.as_mut().filter(|_| !self.must_reload) {
            match site.edit(&self.unsynced) {
                Edit::Applied(files) => {
                    self.unsynced.clear();
                    self.stale = true;
                    let _phase = super::timings::Phase::start("edit: write the files");
                    write_edited(&self.output, &files).map_err(|e| {
                        self.must_reload = true;
                        Diagnostics::from(Diagnostic::new(
                            &self.output,
                            format!("cannot write the output: {e}"),
                        ))
                    })?;
                    return Ok(Change::Pages(files.pages));
                }
                Edit::Failed(d) => return Err(d),
                Edit::Reload => {}
            }
        }
        self.rebuild().map(Change::Built)
    }

    /// True while files made from every page (`print.html`, the search index) lag behind
    /// the pages.
    pub fn is_stale(&self) -> bool {
        self.stale
    }

    /// Brings the whole output up to date with the last good site, writing only what
    /// changed, unless `stop` becomes true first (then the output keeps the pages written
    /// and `Ok(false)` is returned). `Ok(true)` when the output is complete.
    pub fn settle(&mut self, stop: &AtomicBool) -> Result<bool, Diagnostics> {
        let Some(site) = self.site.as_ref().filter(|_| self.stale) else {
            return Ok(true);
        };
        let done = site.build_unless(&self.request(), stop)?.is_some();
        self.stale = !done;
        Ok(done)
    }

    fn request(&self) -> OutputRequest {
        OutputRequest::temporary(self.output.clone())
    }
}
