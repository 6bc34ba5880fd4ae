//! Rebuilding in place: a build writes only the files that changed, yet its output always
//! equals a clean build byte for byte, a failed build leaves the last good site, and a build
//! killed while it replaces files leaves each file old or new and is repaired by the next.

use crate::common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn project() -> (tempfile::TempDir, PathBuf) {
    copy_fixture("valid/incremental")
}

/// Builds `project` into its default output, `public`.
fn rebuild(project: &Path) {
    let o = insikt(&["build", project.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The site a clean build of `project` writes, in a folder of its own.
fn clean_build(project: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(project, &site);
    snapshot(&site)
}

/// Fails with the paths that differ, rather than with two whole sites.
fn assert_same_site(got: &[(PathBuf, Vec<u8>)], want: &[(PathBuf, Vec<u8>)], step: &str) {
    if got == want {
        return;
    }
    let got: BTreeMap<_, _> = got.iter().cloned().collect();
    let want: BTreeMap<_, _> = want.iter().cloned().collect();
    let differ: Vec<_> = got
        .keys()
        .chain(want.keys())
        .filter(|p| got.get(*p) != want.get(*p))
        .collect();
    panic!("after {step}: the rebuilt site differs from a clean build in {differ:?}");
}

fn edit(project: &Path, rel: &str, change: impl FnOnce(String) -> String) {
    let path = project.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, change(text)).unwrap();
}

#[test]
fn rebuilds_after_a_series_of_edits_equal_clean_builds() {
    let (_tmp, project) = project();
    rebuild(&project);
    let p = project.as_path();
    type Step = (&'static str, Box<dyn Fn(&Path)>);
    let steps: Vec<Step> = vec![
        ("nothing changed", Box::new(|_| {})),
        (
            "a page's text",
            Box::new(|p| edit(p, "content/kapitel/ovrigt.md", |t| t + "\nEn ny mening.\n")),
        ),
        (
            "a new page",
            Box::new(|p| {
                std::fs::write(p.join("content/kapitel/ny.md"), "# Ny sida\n\nNy text.\n").unwrap()
            }),
        ),
        (
            "a page removed",
            Box::new(|p| std::fs::remove_file(p.join("content/kapitel/ovrigt.md")).unwrap()),
        ),
        (
            "a dataset",
            Box::new(|p| edit(p, "data/besok.csv", |t| t.replace("14 020", "15 020"))),
        ),
        (
            "the glossary",
            Box::new(|p| {
                edit(p, "content/glossary.yaml", |t| {
                    t + "  - term: Kapitel\n    definition: En del av rapporten.\n"
                })
            }),
        ),
        (
            "a template",
            Box::new(|p| {
                edit(p, "themes/egen/templates/page.html", |t| {
                    t.replace("egen-mal", "egen-mal andra")
                })
            }),
        ),
        (
            "the title in book.toml",
            Box::new(|p| edit(p, "book.toml", |t| t.replace("Stegvis", "Steg för steg"))),
        ),
        (
            "a section renamed",
            Box::new(|p| {
                std::fs::rename(p.join("content/kapitel"), p.join("content/delar")).unwrap();
                edit(p, "content/_index.md", |t| t.replace("kapitel/", "delar/"));
            }),
        ),
        (
            "a static file added and one removed",
            Box::new(|p| {
                std::fs::write(p.join("static/ny.txt"), "ny\n").unwrap();
                std::fs::remove_file(p.join("static/logga.svg")).unwrap();
            }),
        ),
    ];
    for (step, change) in steps {
        change(p);
        rebuild(p);
        assert_same_site(&snapshot(&p.join("public")), &clean_build(p), step);
    }
}

#[test]
fn a_failed_build_after_a_rebuild_leaves_the_last_good_site() {
    let (_tmp, project) = project();
    rebuild(&project);
    edit(&project, "content/kapitel/ovrigt.md", |t| t + "\nÄndrad.\n");
    rebuild(&project);
    let good = snapshot(&project.join("public"));
    let manifest = std::fs::read(project.join(".public.insikt.manifest")).unwrap();

    edit(&project, "content/kapitel/ovrigt.md", |t| {
        t + "\nÄndrad igen.\n"
    });
    edit(&project, "content/kapitel/algoritmer.md", |t| {
        format!("---\ntitle: [oavslutad\n---\n{t}")
    });
    let o = insikt(&["build", project.to_str().unwrap()]);
    assert!(!o.status.success(), "the broken page was accepted");
    assert!(
        snapshot(&project.join("public")) == good,
        "the site changed"
    );
    assert_eq!(
        std::fs::read(project.join(".public.insikt.manifest")).unwrap(),
        manifest
    );
}

#[cfg(unix)]
#[test]
fn files_changed_or_added_by_hand_in_the_output_are_repaired() {
    let (_tmp, project) = project();
    rebuild(&project);
    let public = project.join("public");
    std::fs::write(public.join("index.html"), "ändrad för hand").unwrap();
    std::fs::write(public.join("print.html"), "").unwrap();
    std::fs::write(public.join("extra.html"), "tillagd").unwrap();
    std::fs::create_dir_all(public.join("ny/mapp")).unwrap();
    std::fs::write(public.join("ny/mapp/fil.txt"), "x").unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("keep.txt"), "utanför").unwrap();
    // A link where the site has a folder: removed, never written through.
    std::fs::remove_dir_all(public.join("kapitel/ovrigt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), public.join("kapitel/ovrigt")).unwrap();
    rebuild(&project);
    assert_same_site(&snapshot(&public), &clean_build(&project), "edits by hand");
    let left: Vec<_> = std::fs::read_dir(outside.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "something was written through the link");
}

/// A project with many pages, so that replacing its files takes a while.
fn large_project(pages: usize) -> (tempfile::TempDir, PathBuf) {
    let (tmp, project) = project();
    let section = project.join("content/massor");
    std::fs::create_dir_all(&section).unwrap();
    std::fs::write(section.join("_index.md"), "# Massor\n").unwrap();
    for i in 0..pages {
        std::fs::write(
            section.join(format!("sida-{i}.md")),
            format!("# Sida {i}\n\nEtt stycke text om sida {i}.\n"),
        )
        .unwrap();
    }
    (tmp, project)
}

/// Files in the staging folder beside `public`, if a build has one.
/// What the watcher of a running build wants next.
enum Watch {
    /// Look again in a millisecond.
    Go,
    /// Kill the build now.
    Kill,
    /// Stop looking and let the build finish.
    Leave,
}

/// Runs `insikt build PROJECT`, asking `watch` what to do about every millisecond while it
/// runs (for at most 5 minutes); true when the build succeeded.
fn watched_build(project: &Path, mut watch: impl FnMut() -> Watch) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_insikt"))
        .args(["build", project.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(300);
    while Instant::now() < deadline && child.try_wait().unwrap().is_none() {
        match watch() {
            Watch::Go => std::thread::sleep(Duration::from_millis(1)),
            Watch::Kill => {
                let _ = child.kill();
                break;
            }
            Watch::Leave => break,
        }
    }
    child.wait().unwrap().success()
}

/// Entries at the top of the staging folders beside `public`.
fn staged_files(project: &Path) -> usize {
    (staging_folders(project).iter())
        .map(|folder| std::fs::read_dir(folder).map_or(0, |d| d.count()))
        .sum()
}

#[test]
fn a_build_killed_while_replacing_files_leaves_old_or_new_files_and_is_repaired() {
    let (_tmp, project) = large_project(1500);
    let title = |p: &Path, from: &str, to: &str| edit(p, "book.toml", |t| t.replace(from, to));
    // Two versions of the site: every page differs (the title is on each), and each has a
    // page the other lacks.
    let extra = |p: &Path, name: &str, present: bool| {
        let path = p.join(format!("content/{name}.md"));
        if present {
            std::fs::write(path, format!("# {name}\n")).unwrap();
        } else {
            let _ = std::fs::remove_file(path);
        }
    };
    let version = |p: &Path, v: usize| {
        let (from, to) = if v == 0 {
            ("Andra", "Stegvis")
        } else {
            ("Stegvis", "Andra")
        };
        title(p, from, to);
        extra(p, "forsta", v == 0);
        extra(p, "andra", v == 1);
    };
    version(&project, 0);
    let clean: Vec<BTreeMap<PathBuf, Vec<u8>>> = (0..2)
        .map(|v| {
            version(&project, v);
            clean_build(&project).into_iter().collect()
        })
        .collect();
    version(&project, 0);
    rebuild(&project);

    let mut seed: u64 = 0x2545_f491;
    let mut mixed = 0;
    for round in 0..6 {
        let new = (round + 1) % 2;
        version(&project, new);
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        // Kill once the staging folder holds this many files, a point between the first
        // files staged and the renames at the end.
        let at = 1 + (seed >> 33) as usize % 1600;
        watched_build(&project, || {
            if staged_files(&project) >= at {
                Watch::Kill
            } else {
                Watch::Go
            }
        });

        let old = &clean[1 - new];
        let mut olds = 0;
        let mut news = 0;
        for (path, bytes) in snapshot(&project.join("public")) {
            let is_old = old.get(&path) == Some(&bytes);
            let is_new = clean[new].get(&path) == Some(&bytes);
            assert!(
                is_old || is_new,
                "round {round}: {} is neither its old nor its new version",
                path.display()
            );
            olds += usize::from(is_old && !is_new);
            news += usize::from(is_new && !is_old);
        }
        if olds > 0 && news > 0 {
            mixed += 1;
        }
        rebuild(&project);
        let site: BTreeMap<PathBuf, Vec<u8>> =
            snapshot(&project.join("public")).into_iter().collect();
        assert!(site == clean[new], "round {round}: not repaired");
    }
    eprintln!("{mixed} of 6 kills left a mix of old and new files");
}

#[test]
fn a_print_html_that_fails_while_it_is_written_leaves_the_last_good_site() {
    let (_tmp, project) = project();
    rebuild(&project);
    let good = snapshot(&project.join("public"));
    let manifest = std::fs::read(project.join(".public.insikt.manifest")).unwrap();
    edit(&project, "content/kapitel/ovrigt.md", |t| t + "\nÄndrad.\n");
    // The pages render, then print.html fails while it is streamed to its staged file.
    std::fs::write(
        project.join("themes/egen/templates/print.html"),
        "<html>{{ inget_sadant_namn.falt }}</html>",
    )
    .unwrap();
    let o = insikt(&["build", project.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "the broken print.html was accepted");
    assert!(stderr.contains("print.html"), "{stderr}");
    assert!(
        snapshot(&project.join("public")) == good,
        "the site changed"
    );
    assert_eq!(
        std::fs::read(project.join(".public.insikt.manifest")).unwrap(),
        manifest
    );
    assert_eq!(staged_files(&project), 0, "a staging folder was left");
}

/// Files under `dir`, counted without reading them; 0 when it is missing or vanishes.
fn count_files(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => count_files(&e.path()),
            _ => 1,
        })
        .sum()
}

/// The folders beside `public` that a build stages in.
fn staging_folders(project: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(project)
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".public.insikt-new-")
        })
        .map(|e| e.path())
        .collect()
}

#[test]
fn a_first_build_puts_the_whole_site_in_place_at_once() {
    let (_tmp, project) = large_project(1500);
    let public = project.join("public");
    let mut seen = Vec::new();
    assert!(watched_build(&project, || {
        if public.exists() {
            seen.push(count_files(&public));
        }
        Watch::Go
    }));
    let whole = count_files(&public);
    assert!(
        seen.iter().all(|&n| n == whole),
        "the output was seen partly written: {} files of {whole}",
        seen.iter().min().unwrap()
    );
    assert!(snapshot(&public) == clean_build(&project));
}

#[cfg(unix)]
#[test]
fn a_first_build_into_an_empty_folder_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (_tmp, project) = project();
    let public = project.join("public");
    std::fs::create_dir(&public).unwrap();
    std::fs::set_permissions(&public, std::fs::Permissions::from_mode(0o2750)).unwrap();
    rebuild(&project);
    assert!(public.join("index.html").is_file());
    let mode = std::fs::metadata(&public).unwrap().permissions().mode();
    assert_eq!(mode & 0o7777, 0o2750, "mode {mode:o}");
}

#[test]
fn a_first_build_writes_the_same_site_as_an_update_of_a_marked_folder() {
    let (_tmp, project) = project();
    let out = tempfile::tempdir().unwrap();
    let fresh = out.path().join("fresh");
    build(&project, &fresh);
    // A folder holding only this project's mark is updated file by file.
    let updated = out.path().join("updated");
    std::fs::create_dir(&updated).unwrap();
    std::fs::copy(fresh.join(".insikt-site"), updated.join(".insikt-site")).unwrap();
    build(&project, &updated);
    assert_same_site(&snapshot(&fresh), &snapshot(&updated), "a first build");
}

#[test]
fn a_first_build_killed_leaves_no_output_and_the_next_build_removes_its_leftovers() {
    let (_tmp, project) = large_project(1500);
    let public = project.join("public");
    let clean: BTreeMap<PathBuf, Vec<u8>> = clean_build(&project).into_iter().collect();
    let mut seed: u64 = 0x9e37_79b9;
    let mut killed = 0;
    for round in 0..3 {
        let _ = std::fs::remove_dir_all(&public);
        let _ = std::fs::remove_file(project.join(".public.insikt.manifest"));
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        // Kill once the fresh tree holds this many pages' folders.
        let at = 1 + (seed >> 33) as usize % 1400;
        let succeeded = watched_build(&project, || {
            let pages: usize = (staging_folders(&project).iter())
                .map(|s| std::fs::read_dir(s.join("site/massor")).map_or(0, |d| d.count()))
                .sum();
            if pages >= at {
                Watch::Kill
            } else {
                Watch::Go
            }
        });
        killed += usize::from(!succeeded);
        assert!(
            !public.exists() || snapshot(&public).into_iter().collect::<BTreeMap<_, _>>() == clean,
            "round {round}: a killed first build left part of a site"
        );
        rebuild(&project);
        let site: BTreeMap<PathBuf, Vec<u8>> = snapshot(&public).into_iter().collect();
        assert!(site == clean, "round {round}: not the whole site");
        assert_eq!(
            staging_folders(&project),
            Vec::<PathBuf>::new(),
            "round {round}"
        );
    }
    assert!(killed > 0, "no build was killed midway");
}

#[test]
fn a_file_put_in_the_empty_output_during_a_first_build_is_kept_and_the_site_moved_in() {
    let (_tmp, project) = large_project(1500);
    let public = project.join("public");
    std::fs::create_dir(&public).unwrap();
    // Once the build writes its fresh tree, the output is no longer empty.
    let mut placed = false;
    let succeeded = watched_build(&project, || {
        if (staging_folders(&project).iter()).any(|s| s.join("site/massor").is_dir()) {
            std::fs::write(public.join("egen.txt"), "min fil").unwrap();
            placed = true;
            Watch::Leave
        } else {
            Watch::Go
        }
    });
    assert!(placed, "the build was never caught writing its fresh tree");
    assert!(succeeded);
    let mut site: BTreeMap<PathBuf, Vec<u8>> = snapshot(&public).into_iter().collect();
    assert_eq!(
        site.remove(Path::new("egen.txt")),
        Some(b"min fil".to_vec())
    );
    let clean: BTreeMap<PathBuf, Vec<u8>> = clean_build(&project).into_iter().collect();
    assert!(site == clean, "the site was not moved in whole");
    assert_eq!(staging_folders(&project), Vec::<PathBuf>::new());
    // The next build removes what the site does not have.
    rebuild(&project);
    assert!(snapshot(&public).into_iter().collect::<BTreeMap<_, _>>() == clean);
}
