//! A chart block repeated on many pages is drawn once and numbered on each page
//! (`insikt_render::FigureCache`), its HTML made once with a slot for the number when the
//! theme's figure partials are the built-in ones: the site must be the same as when every
//! block is drawn and put through the templates on its own, and `serve`'s dataset edits
//! must draw the dataset's charts again.

use crate::common;

use common::*;
use insikt::site::{Change, Edit, Preview, Site};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

const FIXTURE: &str = "valid/repeated-charts";

/// The chart blocks of the project's pages, each made different from every other by a
/// YAML comment that changes nothing drawn: then no drawing can be shared.
fn make_every_block_distinct(project: &Path) {
    let mut count = 0;
    for page in walk_md(&project.join("content")) {
        let text = std::fs::read_to_string(&page).unwrap();
        let mut out = String::new();
        for (k, part) in text.split("```chart\n").enumerate() {
            if k > 0 {
                count += 1;
                out.push_str(&format!("```chart\n# block {count}\n"));
            }
            out.push_str(part);
        }
        std::fs::write(&page, out).unwrap();
    }
    assert!(count >= 10, "the fixture repeats its blocks: {count}");
}

fn walk_md(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk_md(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
    found
}

fn built(project: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(project, &site);
    snapshot(&site)
}

fn same_files(got: &[(PathBuf, Vec<u8>)], want: &[(PathBuf, Vec<u8>)], what: &str) {
    let paths = |s: &[(PathBuf, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(paths(got), paths(want), "{what}: other files");
    for ((path, a), (_, b)) in got.iter().zip(want) {
        assert!(a == b, "{what}: {} differs", path.display());
    }
}

/// A theme `eget` whose figure partial is the built-in one with a comment added: the same
/// HTML, made by the templates for every figure, since the partial is not the built-in one.
fn use_a_copy_of_the_figure_partial(project: &Path) {
    let partials = project.join("themes/eget/templates/partials");
    std::fs::create_dir_all(&partials).unwrap();
    let built_in = common::fixture("../../themes/default/templates/partials/figure.html");
    let text = std::fs::read_to_string(built_in).unwrap();
    std::fs::write(
        partials.join("figure.html"),
        format!("{{# a copy #}}{text}"),
    )
    .unwrap();
    let config = project.join("book.toml");
    let toml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, toml + "\n[theme]\nname = \"eget\"\n").unwrap();
}

#[test]
fn repeated_chart_blocks_make_the_site_that_blocks_drawn_one_by_one_make() {
    let (_tmp, project) = copy_fixture(FIXTURE);
    let shared = built(&project);
    make_every_block_distinct(&project);
    same_files(&shared, &built(&project), "blocks drawn one by one");
    use_a_copy_of_the_figure_partial(&project);
    same_files(
        &shared,
        &built(&project),
        "each figure through the templates",
    );

    // The same block is numbered and named for each place it has.
    let out = tempfile::tempdir().unwrap();
    build(&project, out.path());
    let kil = html(&out.path().join("norr/inland/kil/index.html"));
    assert_eq!(
        texts(&kil, "figure.chart .chart-number"),
        ["Figur 1.3.", "Figur 1.4."]
    );
    assert_eq!(attrs(&kil, "figure.chart", "id"), ["figur-1", "figur-2"]);
    let arvika = html(&out.path().join("syd/arvika/index.html"));
    assert_eq!(
        texts(&arvika, "figure.chart .chart-number"),
        ["Figur 2.2.", "Figur 2.3."]
    );
    assert_eq!(
        attrs(&arvika, "figure.chart", "id"),
        ["figur-1", "arvika-2022"]
    );
    let deep = attrs(&kil, "figure.chart .chart-source a", "href");
    assert_eq!(deep, ["../../../codebook/besok/index.html"; 2]);
}

#[test]
fn a_dataset_edit_draws_its_repeated_charts_again() {
    let (tmp, project) = copy_fixture(FIXTURE);
    // With the PNG downloads, which are drawn once for each SVG too.
    let config = project.join("book.toml");
    let toml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, toml + "\n[build]\nchart_png = true\n").unwrap();
    let output = tmp.path().join("preview-site");
    let mut preview = Preview::new(&project, false, output.clone());
    preview.rebuild().expect("the fixture builds");
    let csv = project.join("data/besok.csv");
    for (from, to) in [("14 020", "15 020"), ("18,75", "19,5"), ("15 020", "9 999")] {
        let text = std::fs::read_to_string(&csv).unwrap();
        std::fs::write(&csv, text.replace(from, to)).unwrap();
        let taken = preview.change(std::slice::from_ref(&csv)).expect("valid");
        assert!(matches!(taken, Change::Pages(_)), "{taken:?}");
        assert!(preview.settle(&AtomicBool::new(false)).expect("settles"));
        let want = built(&project);
        assert!(want
            .iter()
            .any(|(p, _)| p.ends_with("norr/inland/kil/figur-2.png")));
        same_files(&snapshot(&output), &want, to);
    }
}

#[test]
fn a_failed_dataset_edit_leaves_no_chart_of_the_data_it_refused() {
    let (_tmp, project) = copy_fixture(FIXTURE);
    let mut site = Site::load(&project, false).expect("loads");
    let csv = project.join("data/besok.csv");
    let codebook = project.join("data/besok.yaml");
    let (csv_text, codebook_text) = (
        std::fs::read_to_string(&csv).unwrap(),
        std::fs::read_to_string(&codebook).unwrap(),
    );
    // New counts, which the bar charts draw, and a column the line charts plot made text:
    // the bar charts are drawn from the new data before the line charts fail.
    std::fs::write(&csv, csv_text.replace("14 020", "15 020")).unwrap();
    std::fs::write(
        &codebook,
        codebook_text.replace(
            "{name: andel_digitala, title: Andel digitala besök, type: number",
            "{name: andel_digitala, title: Andel digitala besök, type: string",
        ),
    )
    .unwrap();
    let refused = site.edit(&[csv.clone(), codebook.clone()]);
    assert!(matches!(refused, Edit::Failed(_)), "{refused:?}");
    std::fs::write(&csv, &csv_text).unwrap();
    std::fs::write(&codebook, &codebook_text).unwrap();

    // A page edit then draws its charts from the data the site kept.
    let page = project.join("content/syd/_index.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text + "\nEn mening till.\n").unwrap();
    let Edit::Applied(files) = site.edit(&[page]) else {
        panic!("a page's text is an edit of that page");
    };
    let want = built(&project);
    for (rel, bytes) in &files.write {
        let wanted = want.iter().find(|(p, _)| p == Path::new(rel));
        let wanted = wanted.unwrap_or_else(|| panic!("{rel} is not in a clean build"));
        assert!(&wanted.1 == bytes, "{rel} differs from a clean build");
    }
}
