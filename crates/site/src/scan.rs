//! The identifier scan: every text the report publishes from `content/` — pages with their
//! front matter, Markdown prose, code, raw HTML and directive blocks, question sets, the
//! glossary, text-like files beside the pages, and the names of files and folders — is
//! looked at for personal identifiers, on the text the loaders already hold, in parallel.
//! (CSV cells and headers and codebooks are checked as the datasets load.)
//!
//! Data files belong in `data/`: a CSV, TSV or spreadsheet under `content/` is an error
//! unless a page declares it an attachment (`attachments: [bilagor/raw.csv]`, relative to
//! the page), and an attachment is scanned like any other text.

use insikt_content::identifier_allowance::{AllowedIdentifier, IdentifierAllowance};
use insikt_content::{Content, Page};
use insikt_core::diagnostic::{printable_path, Diagnostic, Location};
use insikt_core::input::normalize;
use insikt_data::identifiers::{self, IdentifierKind};
use insikt_data::Datasets;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Extensions of files under `content/` that are published as text and scanned.
const TEXT_EXTENSIONS: [&str; 9] = [
    "csv", "tsv", "txt", "json", "xml", "html", "htm", "md", "svg",
];

/// Extensions of data files, which belong in `data/` unless declared an attachment.
const DATA_EXTENSIONS: [&str; 2] = ["csv", "tsv"];

/// Extensions of spreadsheets, which cannot be scanned as text and so cannot be attached.
const SPREADSHEET_EXTENSIONS: [&str; 5] = ["xlsx", "xls", "ods", "xlsm", "numbers"];

/// The lower-case extension of `path`.
fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Scans everything `content` publishes (files read from `root`), `book.toml`'s texts and
/// the names of the datasets (`data/NAME.csv` is a published web address), returning every
/// problem.
pub(super) fn scan(root: &Path, content: &Content, datasets: &Datasets) -> Vec<Diagnostic> {
    let pages: Vec<&Page> = content
        .pages
        .iter()
        .filter(|p| p.file.is_some() && !p.stand_in)
        .collect();
    let attachments = attachments(&pages);
    let mut out: Vec<Diagnostic> = pages
        .par_iter()
        .flat_map_iter(|page| scan_page(root, page))
        .collect();
    out.extend(check_attachments(content, &attachments));
    out.par_extend(
        content
            .assets
            .par_iter()
            .filter(|rel| TEXT_EXTENSIONS.contains(&extension(rel).as_str()))
            .flat_map_iter(|rel| scan_asset(root, rel)),
    );
    let names = pages
        .iter()
        .map(|p| p.source.as_path())
        .chain(content.assets.iter().map(PathBuf::as_path));
    out.extend(scan_names("content", names));
    let dataset_files: Vec<PathBuf> = datasets
        .by_name
        .keys()
        .map(|name| PathBuf::from(format!("{name}.csv")))
        .collect();
    out.extend(scan_names(
        "data",
        dataset_files.iter().map(PathBuf::as_path),
    ));
    out.extend(scan_config(root));
    out
}

/// `book.toml`: its title, authors, organisation and description are on every page. No
/// identifier is allowed there (a work contact belongs in a dataset's codebook).
fn scan_config(root: &Path) -> Vec<Diagnostic> {
    let file = Path::new(insikt_config::CONFIG_FILE);
    let Ok(text) = std::fs::read_to_string(root.join(file)) else {
        return Vec::new();
    };
    identifiers::check_text(file, &text, &|_, _| false, &|_| {
        "remove it from book.toml: its texts are published on every page".to_string()
    })
}

/// The pages' declared attachments (relative to `content/`), each with the page declaring
/// it; a path that leaves `content/` is kept as written, to be reported.
fn attachments<'a>(pages: &[&'a Page]) -> BTreeMap<PathBuf, &'a Page> {
    let mut out = BTreeMap::new();
    for page in pages {
        let folder = page.source.parent().unwrap_or(Path::new(""));
        for a in &page.front.attachments {
            let resolved = normalize(&folder.join(a)).unwrap_or_else(|| PathBuf::from(a));
            out.entry(resolved).or_insert(*page);
        }
    }
    out
}

/// Data files and spreadsheets under `content/` that are not attachments, and
/// attachments that are not files there or cannot be scanned.
fn check_attachments(content: &Content, attachments: &BTreeMap<PathBuf, &Page>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rel in &content.assets {
        let ext = extension(rel);
        let file = Path::new("content").join(rel);
        if SPREADSHEET_EXTENSIONS.contains(&ext.as_str()) {
            let attached = attachments.contains_key(rel);
            out.push(
                Diagnostic::new(
                    &file,
                    "a spreadsheet under `content/` would be published unchecked",
                )
                .with_help(if attached {
                    "a spreadsheet cannot be checked for personal identifiers, so it cannot be an attachment: export it as CSV (UTF-8) and attach that instead, or move the data to `data/`"
                } else {
                    "data belongs in `data/`: export it as CSV to `data/NAME.csv`, where it gets a codebook and the privacy guard; to publish a file as it is, export it as CSV and declare it under `attachments:` in the front matter of the page that links to it"
                }),
            );
        } else if DATA_EXTENSIONS.contains(&ext.as_str()) && !attachments.contains_key(rel) {
            out.push(
                Diagnostic::new(
                    &file,
                    "a data file under `content/` would be published without a codebook or the privacy guard",
                )
                .with_help(format!(
                    "move it to `data/`, where small counts are hidden and a codebook describes it; to publish it as it is, declare it in the front matter of the page that links to it: `attachments: [{}]` (relative to that page)",
                    rel.file_name().map(printable_path_str).unwrap_or_default()
                )),
            );
        }
    }
    for (rel, page) in attachments {
        if !content.assets.contains(rel) {
            let text = &page.text;
            let location = text
                .find("attachments")
                .map_or(Location::new(1, 1), |o| Location::from_offset(text, o));
            out.push(
                Diagnostic::at(
                    page.display_file(),
                    text,
                    location,
                    format!(
                        "the attachment `{}` is not a file under `content/`",
                        printable_path(rel)
                    ),
                )
                .with_help(
                    "name the file relative to this page, e.g. `attachments: [bilagor/tabell.csv]`",
                ),
            );
        }
    }
    out
}

/// A file name for a message.
fn printable_path_str(name: &std::ffi::OsStr) -> String {
    printable_path(Path::new(name))
}

/// The identifiers in one page's source text (the glossary's YAML for the glossary page),
/// except the e-mail addresses and phone numbers its front matter allows.
pub(super) fn scan_page(root: &Path, page: &Page) -> Vec<Diagnostic> {
    let file = page.display_file();
    let glossary_text;
    let text = if page.glossary.is_some() {
        // The page holds Markdown made from the glossary; its lines are not the file's.
        match std::fs::read_to_string(root.join(&file)) {
            Ok(t) => {
                glossary_text = t;
                glossary_text.as_str()
            }
            Err(_) => return Vec::new(),
        }
    } else {
        page.text.as_str()
    };
    let allowance = page.front.identifiers.as_ref();
    let mut out = Vec::new();
    if let Some(a) = allowance.filter(|a| a.reason.trim().is_empty()) {
        let at = text
            .find("identifiers")
            .map_or(Location::new(1, 1), |o| Location::from_offset(text, o));
        let kinds: Vec<&str> = a.allow.iter().map(|k| k.key()).collect();
        out.push(
            Diagnostic::at(
                &file,
                text,
                at,
                format!(
                    "the page allows {} without a reason",
                    kinds.join(" and ")
                ),
            )
            .with_help("give the reason with `reason: \"…\"` beside `allow:`: whose work contact it is and that it may be published"),
        );
    }
    let allowed = |kind: IdentifierKind, _line: usize| allowance.is_some_and(|a| allows(a, kind));
    out.extend(identifiers::check_text(&file, text, &allowed, &|kind| {
        page_help(kind)
    }));
    out
}

/// True when `allowance` lets a page publish identifiers of `kind`.
pub(crate) fn allows(allowance: &IdentifierAllowance, kind: IdentifierKind) -> bool {
    !allowance.reason.trim().is_empty()
        && allowance.allow.iter().any(|a| match a {
            AllowedIdentifier::Phone => kind == IdentifierKind::Phone,
            AllowedIdentifier::Email => kind == IdentifierKind::Email,
        })
}

/// The advice for an identifier of `kind` found in a page.
fn page_help(kind: IdentifierKind) -> String {
    match kind {
        IdentifierKind::Phone | IdentifierKind::Email => format!(
            "remove it; if it is a work contact meant to be published, allow it in the page's front matter: `identifiers: {{allow: [{}], reason: \"…\"}}`",
            if kind == IdentifierKind::Phone { "phone" } else { "email" }
        ),
        _ => "remove it: a national identity number is never published, and no setting allows one".to_string(),
    }
}

/// The identifiers in a text-like file under `content/`, read as UTF-8 (other bytes
/// replaced, which leaves every digit, `@` and separator where it was).
fn scan_asset(root: &Path, rel: &Path) -> Vec<Diagnostic> {
    let file = Path::new("content").join(rel);
    let Ok(bytes) = std::fs::read(root.join(&file)) else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(&bytes);
    identifiers::check_text(&file, &text, &|_, _| false, &|_| {
        "remove it from the file: files under `content/` are published as they are".to_string()
    })
}

/// File and folder names under `folder` (`content`, `data`) that hold a personal
/// identifier; each folder is reported once.
fn scan_names<'a>(folder: &str, paths: impl Iterator<Item = &'a Path>) -> Vec<Diagnostic> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for path in paths {
        let mut so_far = PathBuf::from(folder);
        for part in path.components() {
            so_far.push(part);
            let name = part.as_os_str().to_string_lossy();
            let Some(found) = identifiers::find_all(&name, false).first().copied() else {
                continue;
            };
            if !seen.insert(so_far.clone()) {
                continue;
            }
            let shown: PathBuf = so_far
                .components()
                .map(|c| {
                    let n = c.as_os_str().to_string_lossy();
                    identifiers::masked_text(&n).unwrap_or_else(|| n.into_owned())
                })
                .collect();
            out.push(
                Diagnostic::new(
                    &shown,
                    format!(
                        "the name `{}` looks like it holds {}; names of published files are part of their web address",
                        identifiers::masked_text(&name).unwrap_or_default(),
                        found.kind.describe()
                    ),
                )
                .with_help("rename the file or folder (and the links to it)"),
            );
        }
    }
    out
}

/// The identifier exemptions in force, for the suppression report: codebook fields
/// declared `identifier: false`, pages allowing work contacts, and codebook owners and
/// contacts (a PX file's CONTACT) that publish contact details; each with its reason. Empty when there are none.
pub(super) fn exemptions(content: &Content, datasets: &Datasets) -> String {
    let mut lines = Vec::new();
    for d in datasets.by_name.values() {
        for f in d.fields.iter().filter(|f| f.identifier == Some(false)) {
            lines.push(format!(
                "| `{}` field `{}` | not checked | {} |",
                d.csv_file.display(),
                f.name,
                f.identifier_reason
                    .as_deref()
                    .unwrap_or("")
                    .replace('|', "\\|")
            ));
        }
        let owner = d.codebook.owner.as_deref().unwrap_or("");
        if !identifiers::find_all(owner, false).is_empty() {
            lines.push(format!(
                "| `data/{}.yaml` `owner` | contact details published | declared work contact |",
                d.name
            ));
        }
        let contact = d.codebook.contact.as_deref().unwrap_or("");
        if !identifiers::find_all(contact, false).is_empty() {
            let key = if d.csv_file.extension().is_some_and(|e| e == "px") {
                format!("`{}` CONTACT", d.csv_file.display())
            } else {
                format!("`data/{}.yaml` `contact`", d.name)
            };
            lines.push(format!(
                "| {key} | contact details published | declared work contact |"
            ));
        }
    }
    for page in &content.pages {
        let Some(a) = &page.front.identifiers else {
            continue;
        };
        let kinds: Vec<&str> = a.allow.iter().map(|k| k.key()).collect();
        lines.push(format!(
            "| `{}` | {} allowed | {} |",
            page.display_file().display(),
            kinds.join(", "),
            a.reason.replace('|', "\\|")
        ));
    }
    if lines.is_empty() {
        return String::new();
    }
    let rows: String = lines
        .iter()
        .map(|l| format!("{}\n", l.replace('\n', " ")))
        .collect();
    format!("\n## Identifier exemptions\n\n| where | what | reason |\n|---|---|---|\n{rows}")
}

/// The identifiers that values quoted from the data form with the text around them
/// (`811218-{{#value …}}`): each line of `page` holding a directive that quotes the data
/// is checked with the directives replaced by what they printed (`rendered`), as the page
/// is. Lines whose source holds an identifier are left to [`scan_page`].
pub(super) fn scan_filled_in(page: &Page, rendered: &insikt_markdown::Rendered) -> Vec<Diagnostic> {
    let uses: Vec<&insikt_markdown::InlineUse> = rendered
        .inline_uses
        .iter()
        .filter(|u| insikt_data::values::DIRECTIVES.contains(&u.name.as_str()))
        .collect();
    if uses.is_empty() || page.glossary.is_some() {
        return Vec::new();
    }
    let mut lines: Vec<String> = page.text.lines().map(|_| String::new()).collect();
    for (i, source) in page.text.lines().enumerate() {
        let mut on_line: Vec<_> = uses.iter().filter(|u| u.line == i + 1).collect();
        if on_line.is_empty() || !identifiers::find_all(source, false).is_empty() {
            continue;
        }
        on_line.sort_by_key(|u| std::cmp::Reverse(u.column));
        let mut filled = source.to_string();
        for u in on_line {
            // A worksheet's text gives the column where the text starts: the directive is
            // the first one from there.
            let Some((from, _)) = filled.char_indices().nth(u.column.saturating_sub(1)) else {
                continue;
            };
            let Some(start) = filled[from..].find(&format!("{{{{#{}", u.name)) else {
                continue;
            };
            let start = from + start;
            let end = filled[start..]
                .find("}}")
                .map_or(filled.len(), |e| start + e + 2);
            filled.replace_range(start..end, &u.text);
        }
        lines[i] = filled;
    }
    let text = lines.join("\n");
    let allowance = page.front.identifiers.as_ref();
    let allowed = |kind: IdentifierKind, _line: usize| allowance.is_some_and(|a| allows(a, kind));
    identifiers::check_text(&page.display_file(), &text, &allowed, &|kind| {
        format!(
            "the value quoted from the data makes an identifier with the text beside it; {}",
            page_help(kind)
        )
    })
}
