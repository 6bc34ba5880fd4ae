//! Taking edits of pages and datasets into a loaded site without loading everything again.
//!
//! A page's text reaches other pages only through its front matter and title (navigation,
//! section lists, the indicators), through its headings (links to its anchors from other
//! pages) and through its charts and tables (their numbers and ids, which other pages show
//! and refer to). So when an edit leaves a page's front matter text and title as they
//! were, and every other page's figures and every id's figure as they were, the
//! site after it differs from the site before in that page's loaded text and rendered
//! Markdown alone, plus what is made from every page at build time (`print.html`, the
//! search index, the codebook's lists of pages). A dataset reaches the pages whose charts
//! and tables use it, those whose text quotes its values (`{{#value …}}`), and those naming
//! it as an indicator (its title); as long as the set of
//! datasets stays the same (no dataset added, removed or failing), nothing else at load
//! time depends on its content. Such edits are re-rendered here; any other change asks for
//! a new [`Site::load`].

use super::timings::Phase;
use super::{check_anchors, scan, MarkdownInputs, OutputFiles, Site};
use insikt_content::Page;
use insikt_core::crash;
use insikt_core::diagnostic::{Diagnostic, Diagnostics};
use insikt_data::{datapackage, identifiers};
use insikt_markdown::{self as markdown, Rendered};
use insikt_render::numbering;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What became of edits to a loaded site.
#[derive(Debug)]
pub enum Edit {
    /// The site in memory took the edits. The pages' new files are listed; the files
    /// made from every page (`print.html`, the search index) lag behind until the next
    /// build of the site.
    Applied(EditedFiles),
    /// The edits are not of page bodies alone: load the site again.
    Reload,
    /// An edited page is not valid: the site in memory is as it was.
    Failed(Diagnostics),
}

/// The files of edited pages, to write over the last build's output.
#[derive(Debug, Default)]
pub struct EditedFiles {
    /// The edited pages, by index.
    pub pages: Vec<usize>,
    /// Files to write (path from the site root, content): each page and its chart
    /// downloads.
    pub write: Vec<(String, Vec<u8>)>,
    /// Files the pages no longer make (chart downloads of a removed chart).
    pub remove: Vec<String>,
}

impl Site {
    /// Takes the edits of the files `changed` (paths below the project folder, absolute or
    /// relative to it) when they are edits of Markdown pages that leave each page's front
    /// matter and title as they were, or edits of loaded datasets (their CSV files or
    /// codebooks); see the module documentation for why nothing else then changes. The
    /// site is left as it was when an edit is not valid.
    pub fn edit(&mut self, changed: &[PathBuf]) -> Edit {
        if let Some(indices) = self.edited_pages(changed) {
            self.edit_pages(indices)
        } else if let Some(names) = self.edited_datasets(changed) {
            self.edit_datasets(names)
        } else {
            Edit::Reload
        }
    }

    /// Loads pages `indices` again and re-renders them.
    fn edit_pages(&mut self, indices: Vec<usize>) -> Edit {
        let content_dir = self.root.join("content");
        let mut problems = Vec::new();
        let mut loaded = Vec::with_capacity(indices.len());
        for &i in &indices {
            let old = &self.content.pages[i];
            let (mut page, found) = insikt_content::load_page(&content_dir, &old.source);
            if !same_place(old, &page) {
                return Edit::Reload;
            }
            page.parent = old.parent;
            page.children = old.children.clone();
            page.depth = old.depth;
            problems.extend(found);
            loaded.push((i, page));
        }
        // A chart or table added, removed or given another id may renumber or rename
        // figures that other pages show or refer to: then everything is rendered again.
        let blocks = (loaded.iter())
            .map(|(i, page)| (*i, numbering::find_blocks(page, &self.datasets)))
            .collect();
        let Some(figures) = self.figures.after_edit(&self.content.pages, blocks) else {
            return Edit::Reload;
        };
        let old_figures = std::mem::replace(&mut self.figures, figures);
        let old_pages: Vec<Page> = loaded
            .into_iter()
            .map(|(i, page)| std::mem::replace(&mut self.content.pages[i], page))
            .collect();
        let rendered = self.render_markdown(&indices);
        for (&i, r) in indices.iter().zip(&rendered) {
            problems.extend(r.diagnostics.iter().cloned());
            problems.extend(scan::scan_page(&self.root, &self.content.pages[i]));
            problems.extend(scan::scan_filled_in(&self.content.pages[i], r));
        }
        let mut diagnostics = Diagnostics(problems);
        let old_rendered = self.replace_rendered(&indices, rendered, &mut diagnostics);
        let clashes =
            (self.figures).id_clashes(&self.content.pages, &self.rendered, &self.theme.fixed_ids());
        diagnostics.0.extend(clashes);
        let mut files = EditedFiles {
            pages: indices.clone(),
            ..EditedFiles::default()
        };
        if diagnostics.is_empty() {
            for (&i, old) in indices.iter().zip(&old_rendered) {
                if let Err(d) = self.page_files(i, old, &mut files) {
                    diagnostics.push(d);
                }
            }
        }
        if !diagnostics.is_empty() {
            for ((&i, page), r) in indices.iter().zip(old_pages).zip(old_rendered) {
                self.content.pages[i] = page;
                self.rendered[i] = r;
            }
            self.figures = old_figures;
            return failed(diagnostics);
        }
        Edit::Applied(files)
    }

    /// The Markdown of the pages `indices`, rendered again (in parallel).
    fn render_markdown(&self, indices: &[usize]) -> Vec<Rendered> {
        let inputs = MarkdownInputs {
            content: &self.content,
            config: &self.config,
            datasets: &self.datasets,
            statics: &self.statics,
            renderer: Some(&self.renderer),
            figures: &self.figures,
            made: &self.made,
        };
        inputs.with_targets(|targets, options| {
            indices
                .par_iter()
                .map(|&i| markdown::render(&self.content.pages, i, targets, options))
                .collect()
        })
    }

    /// Loads the datasets `names` again and re-renders the pages that show them (their
    /// charts and tables, the values their text quotes, or their titles as a page's
    /// indicators).
    fn edit_datasets(&mut self, names: BTreeSet<String>) -> Edit {
        let mut phase = Phase::start("dataset edit: load the datasets");
        let mut problems = Diagnostics::default();
        let mut loaded = Vec::with_capacity(names.len());
        for name in &names {
            match insikt_data::load_one(&self.root, name, &self.config.privacy, self.data_load) {
                Ok((dataset, _)) => loaded.push((name, dataset)),
                Err(d) => problems.extend(d),
            }
        }
        if !problems.is_empty() {
            return failed(problems);
        }
        let mut old_datasets = Vec::with_capacity(loaded.len());
        for (name, dataset) in loaded {
            if let Some(slot) = self.datasets.by_name.get_mut(name) {
                old_datasets.push((name, std::mem::replace(slot, dataset)));
            }
        }
        self.renderer.update_datasets(&self.datasets);
        self.made.forget(&names);
        let pages = &self.content.pages;
        let indices: Vec<usize> = (0..pages.len())
            .filter(|&i| {
                self.rendered[i].datasets.iter().any(|d| names.contains(d))
                    || pages[i].front.indicators.iter().any(|d| names.contains(d))
            })
            .collect();
        Phase::next(
            &mut phase,
            "dataset edit: Markdown of the pages using them (parallel)",
        );
        let rendered = self.render_markdown(&indices);
        let mut diagnostics = Diagnostics::default();
        for (&i, r) in indices.iter().zip(&rendered) {
            diagnostics.0.extend(r.diagnostics.iter().cloned());
            diagnostics
                .0
                .extend(scan::scan_filled_in(&self.content.pages[i], r));
        }
        Phase::next(&mut phase, "dataset edit: anchors");
        let old_rendered = self.replace_rendered(&indices, rendered, &mut diagnostics);
        let mut files = EditedFiles {
            pages: indices.clone(),
            ..EditedFiles::default()
        };
        Phase::next(&mut phase, "dataset edit: pages (parallel)");
        if diagnostics.is_empty() {
            let results: Vec<Result<EditedFiles, Diagnostic>> = indices
                .par_iter()
                .zip(&old_rendered)
                .map(|(&i, old)| {
                    let mut page = EditedFiles::default();
                    self.page_files(i, old, &mut page).map(|()| page)
                })
                .collect();
            for r in results {
                match r {
                    Ok(page) => {
                        files.write.extend(page.write);
                        files.remove.extend(page.remove);
                    }
                    Err(d) => diagnostics.push(d),
                }
            }
        }
        if !diagnostics.is_empty() {
            for (&i, r) in indices.iter().zip(old_rendered) {
                self.rendered[i] = r;
            }
            for (name, dataset) in old_datasets {
                if let Some(slot) = self.datasets.by_name.get_mut(name) {
                    *slot = dataset;
                }
            }
            self.renderer.update_datasets(&self.datasets);
            self.made.forget(&names);
            return failed(diagnostics);
        }
        Phase::next(&mut phase, "dataset edit: published CSV, datapackage.json");
        for name in &names {
            if let Some(d) = self.datasets.by_name.get(name) {
                let csv = insikt_data::published_csv::dataset(d);
                files
                    .write
                    .push((format!("data/{name}.csv"), csv.into_bytes()));
            }
        }
        let package = datapackage::datapackage(&self.datasets, &self.config.book.title);
        files
            .write
            .push(("data/datapackage.json".to_string(), package.into_bytes()));
        Edit::Applied(files)
    }

    /// The datasets whose files are `changed`, when every changed path is the CSV file or
    /// codebook of a dataset that loaded and whose CSV file still exists, and the report has
    /// no worksheets (whose question sets may hold charts); `None` otherwise.
    fn edited_datasets(&self, changed: &[PathBuf]) -> Option<BTreeSet<String>> {
        if !self.worksheets.by_page.is_empty() {
            return None;
        }
        let mut names = BTreeSet::new();
        for path in changed {
            let rel = path.strip_prefix(&self.root).unwrap_or(path);
            let file = rel.strip_prefix("data").ok()?;
            if file.components().count() != 1 {
                return None;
            }
            let ext = file.extension().and_then(|e| e.to_str())?;
            let name = file.file_stem().and_then(|s| s.to_str())?;
            if !matches!(ext, "csv" | "px" | "yaml") || !self.datasets.by_name.contains_key(name) {
                return None;
            }
            // Exactly one data file (a CSV or a PX file): anything else is for a full
            // build to report.
            let is_file = |ext: &str| {
                let path = self.root.join("data").join(format!("{name}.{ext}"));
                std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
            };
            if is_file("csv") == is_file("px") {
                return None;
            }
            names.insert(name.to_string());
        }
        (!names.is_empty()).then_some(names)
    }

    /// Adds page `i`'s files to `files`: the page, its chart downloads (with their PNGs
    /// when the report asks for them), and the downloads of `old`, its Markdown before the
    /// edit, that it no longer makes, to remove.
    fn page_files(
        &self,
        i: usize,
        old: &Rendered,
        files: &mut EditedFiles,
    ) -> Result<(), Diagnostic> {
        let page = &self.content.pages[i];
        let html = self.render_page(i)?;
        files.write.push((page.output_file(), html));
        let png = self.config.build.chart_png;
        let new = &self.rendered[i];
        for (rel, bytes) in &new.files {
            files.write.push((rel.clone(), bytes.clone()));
            if let Some(svg) = rel.strip_suffix(".svg").filter(|_| png) {
                let _input = crash::processing(rel.as_str());
                let drawn = (self.rasterizer().png_once(bytes)).map_err(|e| {
                    Diagnostic::new(rel.as_str(), format!("cannot draw the chart as PNG: {e}"))
                })?;
                files.write.push((format!("{svg}.png"), drawn.to_vec()));
            }
        }
        for (rel, _) in &old.files {
            if !new.files.iter().any(|(r, _)| r == rel) {
                files.remove.push(rel.clone());
                if let Some(svg) = rel.strip_suffix(".svg").filter(|_| png) {
                    files.remove.push(format!("{svg}.png"));
                }
            }
        }
        Ok(())
    }

    /// The pages whose source files are `changed`, when every changed path is the Markdown
    /// file of a page that is neither the glossary, a worksheet nor a stand-in, and still
    /// exists; `None` otherwise.
    fn edited_pages(&self, changed: &[PathBuf]) -> Option<Vec<usize>> {
        let mut indices = Vec::new();
        for path in changed {
            let rel = path.strip_prefix(&self.root).unwrap_or(path);
            let source = rel.strip_prefix("content").ok()?;
            if source.extension().is_none_or(|e| e != "md") {
                return None;
            }
            let &i = self.content.by_source.get(source)?;
            let page = &self.content.pages[i];
            let worksheet =
                self.worksheets.by_page.contains_key(&i) || self.worksheets.overview == Some(i);
            if page.stand_in || page.glossary.is_some() || worksheet {
                return None;
            }
            if !std::fs::symlink_metadata(self.root.join(rel)).is_ok_and(|m| m.is_file()) {
                return None;
            }
            indices.push(i);
        }
        indices.sort_unstable();
        indices.dedup();
        (!indices.is_empty()).then_some(indices)
    }

    /// Puts `rendered` in place of the Markdown of pages `indices`, checks what that can
    /// break on other pages (links to their anchors, clashes of their files), and returns
    /// the Markdown they had.
    fn replace_rendered(
        &mut self,
        indices: &[usize],
        rendered: Vec<Rendered>,
        diagnostics: &mut Diagnostics,
    ) -> Vec<Rendered> {
        let old: Vec<Rendered> = indices
            .iter()
            .zip(rendered)
            .map(|(&i, r)| std::mem::replace(&mut self.rendered[i], r))
            .collect();
        check_anchors(&self.content, &self.rendered, diagnostics);
        if self.files_renamed(indices, &old) {
            diagnostics
                .0
                .extend(self.output_files().registry().clashes());
        }
        old
    }

    /// True when pages `indices` make other chart downloads than `old`, their Markdown
    /// before the edit, did: only then can the files of the site clash anew.
    fn files_renamed(&self, indices: &[usize], old: &[Rendered]) -> bool {
        indices.iter().zip(old).any(|(&i, old)| {
            let new = &self.rendered[i].files;
            new.len() != old.files.len() || new.iter().zip(&old.files).any(|(n, o)| n.0 != o.0)
        })
    }

    /// Every file of the site with its source, for the output checks.
    pub(crate) fn output_files(&self) -> OutputFiles<'_> {
        OutputFiles {
            content: &self.content,
            overview: self.worksheets.overview,
            rendered: &self.rendered,
            statics: &self.statics,
            theme: &self.theme,
            datasets: &self.datasets,
            chart_png: self.config.build.chart_png,
        }
    }
}

/// `diagnostics` as a failed edit reports them: identifiers masked, in order.
fn failed(mut diagnostics: Diagnostics) -> Edit {
    diagnostics
        .0
        .iter_mut()
        .for_each(identifiers::mask_diagnostic);
    diagnostics.sort();
    Edit::Failed(diagnostics)
}

/// True when `new`, the page loaded again, keeps `old`'s front matter text and title, so
/// that no other page's view of it changes.
fn same_place(old: &Page, new: &Page) -> bool {
    !new.stand_in
        && old.text[..old.body_offset] == new.text[..new.body_offset]
        && old.title == new.title
        && old.title_from_heading == new.title_from_heading
        && old.is_section == new.is_section
}

/// Writes `files` into the site folder `output` (over [`IO_THREADS`](super::output::IO_THREADS)
/// threads: writing files waits on the disk far more than it uses the CPU) and removes the
/// files they replace.
///
/// A file the folder has already is written over in place (see [`overwrite`]): making a
/// new file for each and renaming it over the old one cost the kernel 20 times as much
/// (allocating an inode among those just freed, and ext4 writing out the data of a file
/// renamed over another at once), about 0.3 s for the 1,500 files of a dataset edit of 500
/// pages. So a request for a file while it is being written may get a mix of the old and
/// the new text; the pages reload when the edit is done, and then get the new one.
pub(crate) fn write_edited(output: &Path, files: &EditedFiles) -> std::io::Result<()> {
    super::update::in_parallel(files.write.iter().collect(), |(rel, bytes)| {
        let path = output.join(rel);
        if overwrite(&path, bytes)? {
            return Ok(());
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        super::output::write_atomically(&path, bytes)
    })?;
    for rel in &files.remove {
        match std::fs::remove_file(output.join(rel)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// Writes `bytes` over the file at `path` in place, when it is a regular file of one name
/// (not a link to another file, and no other name for the same file, whose text would
/// change with it): true when written, false when there is no such file.
#[cfg(unix)]
fn overwrite(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    use std::io::Write;
    use std::os::unix::fs::MetadataExt;
    let named = match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.nlink() == 1 => m,
        Ok(_) => return Ok(false),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    // The file opened must be the one looked at: a name replaced in between by a link is
    // not followed.
    let opened = file.metadata()?;
    if (opened.dev(), opened.ino()) != (named.dev(), named.ino()) {
        return Ok(false);
    }
    // Not truncated first: on ext4 a file truncated to nothing is written out at once when
    // closed.
    file.write_all(bytes)?;
    file.set_len(bytes.len() as u64)?;
    Ok(true)
}

/// Files are replaced whole on other systems.
#[cfg(not(unix))]
fn overwrite(_path: &Path, _bytes: &[u8]) -> std::io::Result<bool> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(write: &[(&str, &str)]) -> EditedFiles {
        EditedFiles {
            pages: Vec::new(),
            write: (write.iter())
                .map(|(rel, text)| (rel.to_string(), text.as_bytes().to_vec()))
                .collect(),
            remove: Vec::new(),
        }
    }

    #[test]
    fn an_edit_writes_over_its_files_and_makes_new_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path();
        std::fs::create_dir_all(out.join("a")).unwrap();
        std::fs::write(out.join("a/index.html"), "a longer text than the new one").unwrap();
        write_edited(
            out,
            &files(&[("a/index.html", "short"), ("b/c/figur-1.svg", "<svg/>")]),
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "short"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("b/c/figur-1.svg")).unwrap(),
            "<svg/>"
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_edit_never_writes_through_a_link_to_another_file() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        std::fs::create_dir_all(&out).unwrap();
        let elsewhere = tmp.path().join("elsewhere.txt");
        let other_name = tmp.path().join("other-name.txt");
        std::fs::write(&elsewhere, "keep").unwrap();
        std::fs::write(&other_name, "keep too").unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("linked.html")).unwrap();
        std::fs::hard_link(&other_name, out.join("hard.html")).unwrap();
        write_edited(
            &out,
            &files(&[("linked.html", "new"), ("hard.html", "new too")]),
        )
        .unwrap();
        assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "keep");
        assert_eq!(std::fs::read_to_string(&other_name).unwrap(), "keep too");
        assert_eq!(
            std::fs::read_to_string(out.join("linked.html")).unwrap(),
            "new"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("hard.html")).unwrap(),
            "new too"
        );
        assert!(!std::fs::symlink_metadata(out.join("linked.html"))
            .unwrap()
            .is_symlink());
    }
}
