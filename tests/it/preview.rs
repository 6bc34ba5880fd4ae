//! The site of `insikt serve` kept in memory: an edit of page bodies re-renders only those
//! pages, and once the output is settled it equals a clean build byte for byte, after any
//! series of edits; a failed edit leaves the last good site.

use crate::common;

use common::*;
use insikt::site::{Change, Preview};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

type Files = Vec<(PathBuf, Vec<u8>)>;

/// The fixture, copied, with a preview of it built into a folder of its own.
fn previewed() -> (tempfile::TempDir, PathBuf, PathBuf, Preview) {
    let (tmp, project) = copy_fixture("valid/incremental");
    let output = tmp.path().join("preview-site");
    let mut preview = Preview::new(&project, false, output.clone());
    preview.rebuild().expect("the fixture builds");
    (tmp, project, output, preview)
}

/// The site a clean build of `project` writes, in a folder of its own.
fn clean_build(project: &Path) -> Files {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(project, &site);
    snapshot(&site)
}

/// Fails with the paths that differ, rather than with two whole sites.
fn assert_same_site(got: &Files, want: &Files, step: &str) {
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
    panic!("after {step}: the previewed site differs from a clean build in {differ:?}");
}

fn edit(project: &Path, rel: &str, change: impl FnOnce(String) -> String) -> Vec<PathBuf> {
    let path = project.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, change(text)).unwrap();
    vec![path]
}

fn settle(preview: &mut Preview) {
    assert!(preview.settle(&AtomicBool::new(false)).expect("settles"));
    assert!(!preview.is_stale());
}

#[test]
fn a_previewed_site_equals_a_clean_build_after_a_series_of_edits() {
    let (_tmp, project, output, mut preview) = previewed();
    // (what changed, whether the change is taken without loading the whole site, the edit)
    type Step = (&'static str, bool, Box<dyn Fn(&Path) -> Vec<PathBuf>>);
    let steps: Vec<Step> = vec![
        (
            "a page's text",
            true,
            Box::new(|p| edit(p, "content/kapitel/ovrigt.md", |t| t + "\nEn ny mening.\n")),
        ),
        (
            "a dataset",
            true,
            Box::new(|p| edit(p, "data/besok.csv", |t| t.replace("14 020", "15 020"))),
        ),
        (
            "a codebook's titles",
            true,
            Box::new(|p| {
                edit(p, "data/besok.yaml", |t| {
                    t.replace("Besök på vårdcentraler", "Besök i primärvården")
                        .replace("title: Kommun", "title: Kommunen")
                })
            }),
        ),
        (
            "a page's chart removed",
            true,
            Box::new(|p| {
                edit(p, "content/kapitel/besok.md", |t| {
                    t[..t.find("```chart").unwrap()].to_string() + "Inget diagram.\n"
                })
            }),
        ),
        (
            "two pages' text, a heading and a link to it",
            true,
            Box::new(|p| {
                let mut paths = edit(p, "content/kapitel/algoritmer.md", |t| {
                    t + "\n## Nytt avsnitt\n\nMer om datadrivna system.\n"
                });
                paths.extend(edit(p, "content/kapitel/ovrigt.md", |t| {
                    t + "\nSe [det nya](algoritmer.md#nytt-avsnitt).\n"
                }));
                paths
            }),
        ),
        (
            "a page's title",
            false,
            Box::new(|p| {
                edit(p, "content/kapitel/algoritmer.md", |t| {
                    t.replace("# Algoritmer", "# Algoritmer och data")
                })
            }),
        ),
        (
            "a page's chart added again",
            true,
            Box::new(|p| {
                edit(p, "content/kapitel/besok.md", |t| {
                    t + "\n```chart\ndata: besok\ntype: bar\nx: kommun\ny: besok\nfilter: {ar: 2021}\ntitle: Besök 2021\n```\n"
                })
            }),
        ),
        (
            "the glossary",
            false,
            Box::new(|p| {
                edit(p, "content/glossary.yaml", |t| {
                    t + "  - term: Kapitel\n    definition: En del av rapporten.\n"
                })
            }),
        ),
        (
            "a template",
            false,
            Box::new(|p| {
                edit(p, "themes/egen/templates/page.html", |t| {
                    t.replace("egen-mal", "egen-mal andra")
                })
            }),
        ),
        (
            "the title in book.toml",
            false,
            Box::new(|p| edit(p, "book.toml", |t| t.replace("Stegvis", "Steg för steg"))),
        ),
        (
            "a page's text again, after the full builds",
            true,
            Box::new(|p| edit(p, "content/kapitel/_index.md", |t| t + "\nMer inledning.\n")),
        ),
    ];
    for (step, alone, change) in steps {
        let paths = change(&project);
        let taken = preview.change(&paths).expect(step);
        assert_eq!(
            matches!(taken, Change::Pages(_)),
            alone,
            "{step}: {taken:?}"
        );
        let want = clean_build(&project);
        if alone {
            // The edited pages are current before the rest of the output settles.
            let got: BTreeMap<_, _> = snapshot(&output).into_iter().collect();
            let mut current = Vec::new();
            for path in &paths {
                match path.strip_prefix(project.join("content")) {
                    Ok(rel) => current.push(match rel.file_name() {
                        Some(n) if n == "_index.md" => rel.parent().unwrap().join("index.html"),
                        _ => rel.with_extension("").join("index.html"),
                    }),
                    // The fixture's one dataset: its published copy and the page charting it.
                    Err(_) => current
                        .extend(["data/besok.csv", "kapitel/besok/index.html"].map(PathBuf::from)),
                }
            }
            for page in current {
                let wanted = want.iter().find(|(p, _)| *p == page).expect("page built");
                assert!(
                    got.get(&page) == Some(&wanted.1),
                    "{step}: {page:?} is not current"
                );
            }
        }
        settle(&mut preview);
        assert_same_site(&snapshot(&output), &want, step);
    }
}

#[test]
fn a_failed_edit_leaves_the_last_good_site_until_the_project_is_valid_again() {
    let (_tmp, project, output, mut preview) = previewed();
    let good = snapshot(&output);

    let broken = edit(&project, "content/kapitel/ovrigt.md", |t| {
        t + "\nSe [saknat](algoritmer.md#saknas).\n"
    });
    let error = preview
        .change(&broken)
        .expect_err("a link to a missing heading");
    assert!(error.to_string().contains("#saknas"), "{error}");
    settle(&mut preview);
    assert!(snapshot(&output) == good, "the site changed");

    // Another page's valid edit is taken with the broken one, so it fails too.
    let other = edit(&project, "content/kapitel/algoritmer.md", |t| {
        t + "\nMer.\n"
    });
    assert!(
        preview.change(&other).is_err(),
        "the broken page was forgotten"
    );
    settle(&mut preview);
    assert!(snapshot(&output) == good, "the site changed");

    let fixed = edit(&project, "content/kapitel/ovrigt.md", |t| {
        t.replace("\nSe [saknat](algoritmer.md#saknas).\n", "\nRättad.\n")
    });
    // Both pages edited since the last good site are taken, without a full build.
    let taken = preview.change(&fixed).expect("valid again");
    assert!(
        matches!(taken, Change::Pages(ref p) if p.len() == 2),
        "{taken:?}"
    );
    settle(&mut preview);
    assert_same_site(&snapshot(&output), &clean_build(&project), "the fix");
}

#[test]
fn edited_pages_not_yet_settled_stay_when_the_next_edit_fails() {
    let (_tmp, project, output, mut preview) = previewed();
    let paths = edit(&project, "content/kapitel/algoritmer.md", |t| {
        t + "\nEn ny mening.\n"
    });
    assert!(matches!(preview.change(&paths), Ok(Change::Pages(_))));
    let want = clean_build(&project);
    let broken = edit(&project, "content/kapitel/ovrigt.md", |t| {
        t + "\n[Trasig](saknas.md)\n"
    });
    assert!(preview.change(&broken).is_err());
    settle(&mut preview);
    assert_same_site(
        &snapshot(&output),
        &want,
        "a failed edit after a pending one",
    );
}

#[test]
fn settling_gives_way_to_the_next_edit() {
    let (_tmp, project, output, mut preview) = previewed();
    let print = std::fs::read(output.join("print.html")).unwrap();
    let paths = edit(&project, "content/kapitel/ovrigt.md", |t| {
        t + "\nUtskrift.\n"
    });
    assert!(matches!(preview.change(&paths), Ok(Change::Pages(_))));
    assert!(preview.is_stale());
    let stopped = preview.settle(&AtomicBool::new(true)).expect("no error");
    assert!(!stopped, "a stopped settle reported the output complete");
    assert!(preview.is_stale());
    assert_eq!(std::fs::read(output.join("print.html")).unwrap(), print);
    settle(&mut preview);
    let now = String::from_utf8(std::fs::read(output.join("print.html")).unwrap()).unwrap();
    assert!(
        now.contains("Utskrift."),
        "print.html did not follow the edit"
    );
}

#[test]
fn an_invalid_dataset_edit_leaves_the_last_good_site() {
    let (_tmp, project, output, mut preview) = previewed();
    let good = snapshot(&output);
    let broken = edit(&project, "data/besok.csv", |t| t.replace("14 020", "många"));
    let error = preview.change(&broken).expect_err("text in a count column");
    assert!(error.to_string().contains("data/besok.csv"), "{error}");
    settle(&mut preview);
    assert!(snapshot(&output) == good, "the site changed");
    let fixed = edit(&project, "data/besok.csv", |t| t.replace("många", "14 021"));
    preview.change(&fixed).expect("valid again");
    settle(&mut preview);
    assert_same_site(&snapshot(&output), &clean_build(&project), "the fix");
}

#[test]
fn a_save_caught_half_written_is_taken_whole_with_the_next_change() {
    let (_tmp, project, output, mut preview) = previewed();
    let csv = project.join("data/besok.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    std::fs::write(&csv, "").unwrap();
    assert!(preview.change(std::slice::from_ref(&csv)).is_err());
    std::fs::write(&csv, text.replace("14 020", "15 020")).unwrap();
    let taken = preview
        .change(std::slice::from_ref(&csv))
        .expect("whole again");
    assert!(matches!(taken, Change::Pages(_)), "{taken:?}");
    settle(&mut preview);
    assert_same_site(&snapshot(&output), &clean_build(&project), "the whole save");
}
