//! Reader tools: the search index (stemmed per language) and `print.html`.

use crate::common;

use common::*;
use scraper::Selector;
use std::collections::HashSet;
use std::path::Path;

/// The search index of a built site, read the way `search.js` reads it.
struct Index {
    pages: Vec<(String, String, String)>,
    stems: Vec<String>,
    post: Vec<String>,
    forms: serde_json::Map<String, serde_json::Value>,
}

impl Index {
    fn read(site: &Path) -> Index {
        let js = std::fs::read_to_string(site.join("search-index.js")).unwrap();
        let json = js
            .trim()
            .strip_prefix("window.insiktSearchIndex=")
            .and_then(|s| s.strip_suffix(';'))
            .expect("search-index.js assigns window.insiktSearchIndex");
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        let strings = |key: &str| -> Vec<String> {
            v[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        };
        let numbers = |key: &str| -> Vec<usize> {
            v[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_u64().unwrap() as usize)
                .collect()
        };
        assert_eq!(v["v"], 2, "the format's version");
        let (titles, sections) = (strings("titles"), strings("sections"));
        // Runs of pages with the same section: how many, then which.
        let section: Vec<usize> = (numbers("section").chunks(2))
            .flat_map(|run| std::iter::repeat_n(run[1], run[0]))
            .collect();
        assert_eq!(section.len(), titles.len());
        let (keep, path) = (numbers("keep"), strings("path"));
        // A folder keeps UTF-16 code units of the one before, as JavaScript's `slice` does.
        let mut folder: Vec<u16> = Vec::new();
        let mut pages = Vec::new();
        for (i, title) in titles.into_iter().enumerate() {
            folder.truncate(keep[i]);
            folder.extend(path[i].encode_utf16());
            let section = match section[i] {
                0 => String::new(),
                n => sections[n - 1].clone(),
            };
            let href = String::from_utf16(&folder).unwrap() + "index.html";
            pages.push((title, href, section));
        }
        Index {
            pages,
            stems: strings("stems")
                .iter()
                .scan(Vec::<u16>::new(), |previous, coded| {
                    // A base-36 digit, how many UTF-16 code units of the stem before to keep.
                    previous.truncate(usize::from_str_radix(&coded[..1], 36).unwrap());
                    previous.extend(coded[1..].encode_utf16());
                    Some(String::from_utf16(previous).unwrap())
                })
                .collect(),
            post: strings("post"),
            forms: v["forms"].as_object().unwrap().clone(),
        }
    }

    /// The stems a query word matches: its form, an exact stem, else the prefix fallback.
    fn stems_for(&self, word: &str) -> Vec<usize> {
        if let Some(n) = self.forms.get(word) {
            return vec![n.as_u64().unwrap() as usize];
        }
        if let Some(i) = self.stems.iter().position(|s| s == word) {
            return vec![i];
        }
        let mut out: Vec<usize> = (0..self.stems.len())
            .filter(|&i| self.stems[i].starts_with(word))
            .collect();
        for len in (3..word.chars().count()).rev() {
            let prefix: String = word.chars().take(len).collect();
            if let Some(i) = self.stems.iter().position(|s| *s == prefix) {
                out.push(i);
                break;
            }
        }
        out
    }

    /// The pages of stem `n`: runs of page numbers, or a bitmap.
    fn postings(&self, n: usize) -> Vec<usize> {
        const BITS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut pages = Vec::new();
        if let Some(bitmap) = self.post[n].strip_prefix('!') {
            let (first, bits) = bitmap.split_once(':').unwrap();
            let first = usize::from_str_radix(first, 36).unwrap();
            for (i, c) in bits.chars().enumerate() {
                let b = BITS.find(c).unwrap();
                pages.extend(
                    (0..6)
                        .filter(|k| b & (1 << k) != 0)
                        .map(|k| first + i * 6 + k),
                );
            }
            return pages;
        }
        let mut last = 0;
        for token in self.post[n].split('.') {
            let (delta, run) = token.split_once('-').unwrap_or((token, "0"));
            last += usize::from_str_radix(delta, 36).unwrap();
            pages.push(last);
            for _ in 0..usize::from_str_radix(run, 36).unwrap() {
                last += 1;
                pages.push(last);
            }
        }
        pages
    }

    /// Hrefs of the pages found for one query word.
    fn find(&self, word: &str) -> Vec<String> {
        let mut pages = HashSet::new();
        for s in self.stems_for(word) {
            pages.extend(self.postings(s));
        }
        let mut hrefs: Vec<String> = pages.into_iter().map(|p| self.pages[p].1.clone()).collect();
        hrefs.sort();
        hrefs
    }
}

fn built(fixture_name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture(fixture_name), &out);
    (tmp, out)
}

#[test]
fn swedish_index_finds_inflected_forms() {
    let (_tmp, site) = built("valid/search-sv");
    let index = Index::read(&site);
    assert_eq!(index.find("sjukvård"), ["halsa/index.html"]);
    assert_eq!(index.find("sjukvårdens"), ["halsa/index.html"]);
    assert_eq!(index.find("personal"), ["halsa/index.html"]);
    assert!(index.find("kommun").is_empty());
    let text = std::fs::read_to_string(site.join("search/text-0.js")).unwrap();
    assert!(text.starts_with("window.insiktSearchText(0,["));
    assert!(text.contains("Personalen inom sjukvården har mycket att göra."));
    assert_eq!(
        index.pages[1],
        ("Hälsa".into(), "halsa/index.html".into(), String::new())
    );
}

#[test]
fn danish_and_norwegian_indexes_find_inflected_forms() {
    let (_tmp, site) = built("valid/search-da");
    let index = Index::read(&site);
    assert_eq!(index.find("kommune"), ["kommuner/index.html"]);
    assert_eq!(index.find("kommunerne"), ["kommuner/index.html"]);
    assert_eq!(index.find("erfaring"), ["kommuner/index.html"]);

    let (_tmp, site) = built("valid/search-nb");
    let index = Index::read(&site);
    assert_eq!(index.find("kommune"), ["kommuner/index.html"]);
    assert_eq!(index.find("styringsdata"), ["kommuner/index.html"]);
    assert_eq!(index.find("fylkeskommune"), ["kommuner/index.html"]);
}

/// The page list is stored compactly (sections once, folders front-coded); read back, every
/// page has its title, a link to a page that exists and its section's title.
#[test]
fn the_index_lists_every_page_with_its_link_and_section() {
    let (_tmp, site) = built("valid/report-sv");
    let index = Index::read(&site);
    for (title, href, _) in &index.pages {
        assert!(site.join(href).is_file(), "{title}: {href}");
    }
    let entry = |href: &str| {
        let page = index.pages.iter().find(|p| p.1 == href).unwrap();
        (page.0.as_str(), page.2.as_str())
    };
    assert_eq!(entry("index.html").1, "");
    assert_eq!(entry("kapitel/index.html"), ("Insatser", ""));
    assert_eq!(
        entry("kapitel/fall/index.html"),
        ("Vårdcentralen", "Insatser")
    );
    assert_eq!(entry("sammanfattning/index.html").1, "");
}

#[test]
fn every_page_loads_the_search_script_but_not_the_index() {
    let (_tmp, site) = built("valid/report-sv");
    let doc = html(&site.join("kapitel/fall/index.html"));
    assert_eq!(
        attrs(&doc, "script[src]", "src"),
        ["../../assets/insikt.js", "../../assets/search.js"]
    );
    assert_eq!(
        attrs(&doc, ".site-search", "data-index"),
        ["../../search-index.js"]
    );
    assert_eq!(
        attrs(&doc, "#insikt-search-status", "aria-live"),
        ["polite"]
    );
    assert_eq!(attrs(&doc, ".print-link a", "href"), ["../../print.html"]);
}

#[test]
fn print_html_holds_every_page_with_anchored_links() {
    let (_tmp, site) = built("valid/report-sv");
    let doc = html(&site.join("print.html"));
    assert_eq!(texts(&doc, "h1"), ["Testrapport om dataläskunnighet"]);
    assert_eq!(
        texts(&doc, ".print-chapter-title"),
        ["Sammanfattning", "Ordlista", "Insatser", "Vårdcentralen"]
    );
    assert_eq!(
        attrs(&doc, ".print-toc a", "href"),
        ["#p1", "#p2", "#p3", "#p4"]
    );
    // Ids are unique; every in-page link names one of them.
    let ids = attrs(&doc, "[id]", "id");
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids: {ids:?}");
    let hrefs = attrs(&doc, "a[href]", "href");
    for h in &hrefs {
        if let Some(f) = h.strip_prefix('#') {
            assert!(unique.contains(&f.to_string()), "link to missing #{f}");
        }
    }
    // Links between pages became anchors; headings got their page's prefix.
    assert!(hrefs.contains(&"#p4-vad-hande".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"#p3".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"#p1".to_string()), "{hrefs:?}");
    assert!(!hrefs
        .iter()
        .any(|h| h.ends_with("index.html") && h != "index.html"));
    // Static files are linked from the site root.
    assert_eq!(attrs(&doc, "main img", "src"), ["bilder/logga.svg"]);
    // The page's anchor is its title, an h2; headings inside the page sit below it.
    let sel = Selector::parse("h2#p4").unwrap();
    assert_eq!(doc.select(&sel).count(), 1, "the page title is an h2");
}
