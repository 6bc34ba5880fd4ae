//! `insikt pdf` writes the whole report as `report.pdf` (issue 14 item 8): tagged, fonts
//! embedded, bookmarks, and a contents page whose numbers are the pages where the chapters
//! start; a figure's title is on the page of its chart. Needs Chromium and poppler-utils
//! (`scripts/setup-test-env.sh` installs both).

use crate::common;

use common::*;
use std::path::Path;
use std::process::Command;

fn tool(name: &str, args: &[&str], pdf: &Path) -> String {
    let o = Command::new(name)
        .args(args)
        .arg(pdf)
        .args(if name == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{name} (poppler-utils) is needed: {e}"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The text of page `n` (from 1).
fn page_text(pdf: &Path, n: usize) -> String {
    let n = n.to_string();
    tool(
        "pdftotext",
        &["-enc", "UTF-8", "-layout", "-f", &n, "-l", &n],
        pdf,
    )
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_report_pdf_is_tagged_embeds_its_fonts_and_its_contents_numbers_are_true() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("pdf");
    let o = insikt(&[
        "pdf",
        fixture("valid/pages").to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = out.join("report.pdf");
    assert!(out.join("samtal.pdf").is_file(), "the worksheet's own PDF");

    let info = tool("pdfinfo", &[], &pdf);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("Title:           Sidor att läsa"), "{info}");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");

    let fonts = tool("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // name, type (one or two words), encoding, emb, sub, uni, object, id
        let emb = columns[columns.len() - 5];
        assert_eq!(emb, "yes", "a font not embedded: {row}");
    }

    // Page 1 is the cover, page 2 the contents: `Title … N` for each chapter. The cover
    // has no page number and no title in its margin (the worksheets' page rule, later in
    // the cascade, put both there).
    let cover = squash(&page_text(&pdf, 1));
    assert!(cover.contains("Sidor att läsa"));
    assert!(!cover.contains(&format!("1 / {pages}")), "{cover}");
    let contents = page_text(&pdf, 2);
    let mut entries = Vec::new();
    for line in contents.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if let Some((last, title)) = words.split_last() {
            // The page number in the margin (`2 / 7`) is not an entry.
            let title = title.join(" ");
            if let (Ok(n), false) = (last.parse::<usize>(), title.ends_with('/')) {
                entries.push((title, n));
            }
        }
    }
    let titles: Vec<&str> = entries.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Bakgrund",
            "Fall",
            "Diagram",
            "En vårdcentral",
            "Arbetsblad",
            "Ett samtal"
        ],
        "{contents}"
    );
    let mut last = 2;
    for (title, n) in &entries {
        assert!(
            *n > last || title == "En vårdcentral" || title == "Diagram",
            "{entries:?}"
        );
        assert!(*n <= pages, "{entries:?}");
        let text = page_text(&pdf, *n);
        assert!(
            text.lines().any(|l| squash(l) == *title),
            "page {n} does not start `{title}`:\n{text}"
        );
        last = *n;
    }

    // Each figure's title is on the page of its chart (whose labels are text in the PDF),
    // and the list of figures after the contents gives that page.
    let list = page_text(&pdf, 3);
    assert!(list.contains("Figurförteckning"), "{list}");
    for (caption, label) in [
        ("Besök per kommun 2020", "Arvika"),
        ("Besök 2021", "Karlstad"),
        ("Besök per kommun och år", "Arvika"),
    ] {
        // The last page with the title: the list of figures names it too.
        let page = (4..=pages)
            .rev()
            .find(|&n| squash(&page_text(&pdf, n)).contains(caption))
            .unwrap_or_else(|| panic!("no page with `{caption}`"));
        assert!(
            page_text(&pdf, page).contains(label),
            "`{caption}` is on page {page} without its chart"
        );
        let entry = list
            .lines()
            .map(squash)
            .find(|l| l.contains(&format!(". {caption} ")) || l.ends_with(&format!(". {caption}")))
            .unwrap_or_else(|| panic!("`{caption}` is not in the list of figures:\n{list}"));
        assert!(
            entry.ends_with(&format!(" {page}")),
            "the list gives `{entry}`, the chart is on page {page}"
        );
    }
}
