//! `SUMMARY.md`: the chapters of an mdBook book, in order and nested, with their titles.
//!
//! As mdBook reads it: an optional `# Summary` title; prefix chapters (links outside a
//! list) before the numbered chapters; numbered chapters as nested lists, between which part
//! titles (`# Part`) and separators (`---`) may stand; suffix chapters after them. A link
//! with no destination, `[Title]()`, is a draft chapter with no file.

use insikt_core::diagnostic::{Diagnostic, Location};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::path::Path;

/// How deep chapters may nest (each level is a folder in the new project).
const MAX_DEPTH: usize = 32;

/// One chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// The title written in `SUMMARY.md`.
    pub title: String,
    /// The file, relative to the source folder, as written; `None` for a draft.
    pub path: Option<String>,
    /// The line in `SUMMARY.md`.
    pub line: usize,
    /// Chapters nested under it.
    pub children: Vec<Chapter>,
}

/// What `SUMMARY.md` holds besides chapters, which insikt's navigation has no place for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Extra {
    /// A part title, `# Part`.
    Part(String),
    /// A separator line.
    Separator,
}

/// The parsed summary.
#[derive(Debug, Default)]
pub struct Summary {
    /// The top-level chapters in order: prefix, numbered, suffix.
    pub chapters: Vec<Chapter>,
    /// Part titles and separators, with their lines.
    pub extras: Vec<(usize, Extra)>,
}

/// Parses the text of `SUMMARY.md` (`file` is its path, for errors).
pub fn parse(file: &Path, text: &str) -> Result<Summary, Vec<Diagnostic>> {
    let line_of = |offset: usize| Location::from_offset(text, offset).line;
    let error = |offset: usize, message: &str, help: &str| {
        Diagnostic::at(file, text, Location::from_offset(text, offset), message).with_help(help)
    };
    let mut errors = Vec::new();
    let mut summary = Summary::default();
    // Chapters in reading order with their nesting level (1 = top).
    let mut flat: Vec<(usize, Chapter)> = Vec::new();
    let mut list_depth = 0usize;
    // For each open list item: its offset and whether its chapter link was seen.
    let mut items: Vec<(usize, bool)> = Vec::new();
    // The link being read: destination, title so far, offset.
    let mut link: Option<(String, String, usize)> = None;
    // The heading being read: its text, offset, and whether it opens the file (the
    // summary's own title rather than a part title).
    let mut heading: Option<(String, usize, bool)> = None;
    let mut seen_block = false;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                heading = Some((String::new(), range.start, !seen_block));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((title, at, opens_file)) = heading.take() {
                    if !opens_file {
                        summary
                            .extras
                            .push((line_of(at), Extra::Part(title.trim().to_string())));
                    }
                }
            }
            Event::Start(Tag::List(_)) => {
                list_depth += 1;
                if list_depth == MAX_DEPTH + 1 {
                    errors.push(error(
                        range.start,
                        &format!("chapters nested more than {MAX_DEPTH} deep"),
                        "nest chapters less deeply",
                    ));
                }
            }
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Item) => items.push((range.start, false)),
            Event::End(TagEnd::Item) => {
                if let Some((at, false)) = items.pop() {
                    errors.push(error(
                        at,
                        "a list item in SUMMARY.md without a chapter link",
                        "write each chapter as `- [Title](path/to/file.md)`, or `- [Title]()` for a draft",
                    ));
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((dest_url.to_string(), String::new(), range.start));
            }
            Event::End(TagEnd::Link) => {
                let Some((dest, title, at)) = link.take() else {
                    continue;
                };
                let chapter = Chapter {
                    title: title.trim().to_string(),
                    path: (!dest.trim().is_empty()).then(|| dest.trim().to_string()),
                    line: line_of(at),
                    children: Vec::new(),
                };
                if list_depth == 0 {
                    flat.push((1, chapter));
                } else if let Some((_, seen)) = items.last_mut() {
                    // Only an item's first link is its chapter; mdBook ignores the rest.
                    if !*seen {
                        *seen = true;
                        flat.push((list_depth, chapter));
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, title, _)) = link.as_mut() {
                    title.push_str(&t);
                } else if let Some((title, _, _)) = heading.as_mut() {
                    title.push_str(&t);
                }
            }
            Event::Rule => summary
                .extras
                .push((line_of(range.start), Extra::Separator)),
            _ => {}
        }
        seen_block = true;
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    summary.chapters = nest(flat);
    Ok(summary)
}

/// Builds the tree from chapters in reading order with their levels.
fn nest(flat: Vec<(usize, Chapter)>) -> Vec<Chapter> {
    let mut top: Vec<Chapter> = Vec::new();
    // The open chain of chapters, each with its level.
    let mut chain: Vec<(usize, Chapter)> = Vec::new();
    let close = |chain: &mut Vec<(usize, Chapter)>, top: &mut Vec<Chapter>| {
        let (_, done) = chain.pop().expect("not empty");
        match chain.last_mut() {
            Some((_, parent)) => parent.children.push(done),
            None => top.push(done),
        }
    };
    for (level, chapter) in flat {
        while chain.last().is_some_and(|(l, _)| *l >= level) {
            close(&mut chain, &mut top);
        }
        chain.push((level, chapter));
    }
    while !chain.is_empty() {
        close(&mut chain, &mut top);
    }
    top
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(chapters: &[Chapter]) -> Vec<String> {
        chapters
            .iter()
            .map(|c| {
                if c.children.is_empty() {
                    c.title.clone()
                } else {
                    format!("{}({})", c.title, titles(&c.children).join(","))
                }
            })
            .collect()
    }

    #[test]
    fn reads_prefix_numbered_nested_parts_drafts_and_suffix() {
        let text = "# Summary\n\n[Intro](README.md)\n\n# Guide\n\n- [One](one.md)\n  - [`a` b](one/a.md)\n    - [Deep](one/deep.md)\n  - [Draft]()\n- [Two *x*](two.md)\n\n---\n\n<!-- a comment -->\n\n# Reference\n\n* [Three](three/README.md)\n\n[Thanks](thanks.md)\n";
        let s = parse(Path::new("SUMMARY.md"), text).unwrap();
        assert_eq!(
            titles(&s.chapters),
            ["Intro", "One(a b(Deep),Draft)", "Two x", "Three", "Thanks"]
        );
        assert_eq!(s.chapters[1].children[1].path, None);
        assert_eq!(s.chapters[1].children[0].line, 8);
        assert_eq!(
            s.extras,
            [
                (5, Extra::Part("Guide".into())),
                (13, Extra::Separator),
                (17, Extra::Part("Reference".into())),
            ]
        );
    }

    #[test]
    fn nesting_is_limited() {
        let text: String = (0..40)
            .map(|i| format!("{}- [C{i}](c{i}.md)\n", "  ".repeat(i)))
            .collect();
        let e = parse(Path::new("SUMMARY.md"), &text).unwrap_err();
        assert!(e[0].message.contains("more than 32 deep"), "{}", e[0]);
    }

    #[test]
    fn an_item_without_a_link_is_an_error_at_its_line() {
        let text = "# Summary\n\n- [One](one.md)\n- Two\n";
        let e = parse(Path::new("SUMMARY.md"), text).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].location.unwrap().line, 4, "{}", e[0]);
    }
}
