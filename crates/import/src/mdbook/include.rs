//! mdBook's `{{#…}}` directives in chapter text, as mdBook's link preprocessor reads them.
//!
//! `{{#include file}}` (with `:N`, `:N:M`, `:N:`, `:M`-from-start and `:anchor` forms) is
//! replaced by the text it names, read from inside the book, its own directives resolved in
//! turn. `{{#title …}}` is removed (insikt titles pages from front matter).
//! `{{#rustdoc_include …}}`, `{{#playground …}}` and any other `{{#…}}` are left as written.
//! Each of these is noted with its file and line. Since insikt reads `{{#…}}` in text as
//! its own directives, one left in text is written escaped, `\{{#…}}`, and mdBook's escape
//! `\{{#…}}` keeps its backslash, so both show as written; in a fenced code block (where
//! insikt leaves braces alone) `\{{#…}}` is written without its backslash, as mdBook shows
//! it.

use crate::page::Origins;
use crate::source::{Refused, SourceTree};
use crate::Note;
use insikt_core::input::normalize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// How deep includes may nest (as in mdBook), so a file including itself stops.
const MAX_DEPTH: usize = 10;

/// How many includes one chapter may inline in all, so files that include each other many
/// times over cannot make the import run for ever.
const MAX_PER_CHAPTER: usize = 1000;

/// The directives of one chapter, resolved.
pub struct Expanded {
    /// The chapter's text with includes inlined.
    pub text: String,
    /// Where each part of `text` comes from.
    pub origins: Origins,
}

/// Resolves directives in the chapter texts of one book.
pub struct Includes<'a> {
    tree: &'a SourceTree,
    /// What was not kept, or kept differently.
    pub notes: Vec<Note>,
    /// How many includes were inlined.
    pub inlined: usize,
    /// Every file read by an include.
    pub included: BTreeSet<PathBuf>,
    /// Includes the chapter being read may still inline.
    budget: usize,
}

impl<'a> Includes<'a> {
    /// Resolver reading from `tree`.
    pub fn new(tree: &'a SourceTree) -> Includes<'a> {
        Includes {
            tree,
            notes: Vec::new(),
            inlined: 0,
            included: BTreeSet::new(),
            budget: MAX_PER_CHAPTER,
        }
    }

    /// Resolves the directives of `text`, the text of `file` (relative to the book).
    pub fn expand(&mut self, file: &Path, text: &str) -> Expanded {
        self.budget = MAX_PER_CHAPTER;
        self.expand_from(file, text, 1, 0)
    }

    fn expand_from(
        &mut self,
        file: &Path,
        text: &str,
        first_line: usize,
        depth: usize,
    ) -> Expanded {
        let mut out = String::with_capacity(text.len());
        let mut origins = Origins::default();
        let line_at = |offset: usize| first_line + text[..offset].matches('\n').count();
        // Start of the text not yet copied, and where to look for the next directive.
        let mut copied = 0;
        let mut search = 0;
        while let Some(found) = text[search..].find("{{") {
            let at = search + found;
            if at > 0 && text.as_bytes()[at - 1] == b'\\' && text[at + 2..].starts_with('#') {
                // `\{{#…}}`: shown as written; in text insikt needs the backslash too.
                let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
                if let Some(close) = text[at..line_end].rfind("}}") {
                    if in_code_block(text, at) {
                        origins.push(out.len(), file, line_at(copied));
                        out.push_str(&text[copied..at - 1]);
                        copied = at;
                    }
                    search = at + close + 2;
                    continue;
                }
            }
            let Some(directive) = Directive::parse(&text[at..]) else {
                search = at + 2;
                continue;
            };
            let end = at + directive.len;
            let line = line_at(at);
            let written = &text[at..end];
            let replacement = match directive.name {
                "include" => self.include(file, line, written, directive.args, depth),
                "title" => {
                    self.notes.push(Note::at(
                        file,
                        line,
                        format!(
                            "`{}` removed: insikt takes a page's title from its front matter",
                            short(written)
                        ),
                    ));
                    Some(Expanded {
                        text: String::new(),
                        origins: Origins::default(),
                    })
                }
                "rustdoc_include" | "playground" | "playpen" => {
                    self.notes.push(Note::at(
                        file,
                        line,
                        format!(
                            "`{}` left as written: insikt has no runnable Rust examples; \
                             paste the code into a fenced code block",
                            short(written)
                        ),
                    ));
                    None
                }
                _ => {
                    self.notes.push(Note::at(
                        file,
                        line,
                        format!(
                            "`{}` left as written: not a directive insikt knows",
                            short(written)
                        ),
                    ));
                    None
                }
            };
            if let Some(expanded) = replacement {
                // `{{#title}}` on a line of its own is removed with its line.
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
                let (at, end) = if directive.name == "title"
                    && copied <= line_start
                    && text[line_start..at].trim().is_empty()
                    && text[end..line_end].trim().is_empty()
                {
                    (line_start, line_end)
                } else {
                    (at, end)
                };
                origins.push(out.len(), file, line_at(copied));
                out.push_str(&text[copied..at]);
                origins.append(out.len(), expanded.origins);
                out.push_str(&expanded.text);
                copied = end;
                search = end;
                continue;
            }
            if !in_code_block(text, at) {
                // Left as written: escaped, or insikt would read it as its own directive.
                origins.push(out.len(), file, line_at(copied));
                out.push_str(&text[copied..at]);
                out.push('\\');
                copied = at;
            }
            search = end;
        }
        origins.push(out.len(), file, line_at(copied));
        out.push_str(&text[copied..]);
        Expanded { text: out, origins }
    }

    /// The text `{{#include args}}` in `file` at `line` names, or `None` (noted) when it
    /// cannot be read.
    fn include(
        &mut self,
        file: &Path,
        line: usize,
        written: &str,
        args: &str,
        depth: usize,
    ) -> Option<Expanded> {
        let spec = args.split_whitespace().next().unwrap_or("");
        let (path, selection) = match spec.split_once(':') {
            Some((p, s)) => (p, Selection::parse(s)),
            None => (spec, Selection::All),
        };
        let base = file.parent().unwrap_or(Path::new(""));
        let left = |why: String| {
            Note::at(
                file,
                line,
                format!("`{}` left as written: {why}", short(written)),
            )
        };
        let Some(target) = normalize(&base.join(path)) else {
            self.notes
                .push(left("the file is outside the folder being imported".into()));
            return None;
        };
        if depth >= MAX_DEPTH {
            self.notes.push(left(format!(
                "includes nest more than {MAX_DEPTH} deep (does a file include itself?)"
            )));
            return None;
        }
        if self.budget == 0 {
            self.notes.push(left(format!(
                "the chapter already inlines {MAX_PER_CHAPTER} includes"
            )));
            return None;
        }
        self.budget -= 1;
        let source = match self.tree.read_text(&target) {
            Ok(text) => text,
            Err(Refused::Missing) => {
                self.notes
                    .push(left(format!("there is no file `{}`", target.display())));
                return None;
            }
            Err(Refused::Outside) => {
                self.notes.push(left(
                    "the file is outside the folder being imported (or reached through a link out of it)".into(),
                ));
                return None;
            }
            Err(Refused::Io(e)) => {
                self.notes
                    .push(left(format!("cannot read `{}`: {e}", target.display())));
                return None;
            }
        };
        let Some((text, first_line)) = selection.take(&source) else {
            self.notes.push(left(format!(
                "no anchor of that name in `{}`",
                target.display()
            )));
            return None;
        };
        self.included.insert(target.clone());
        self.inlined += 1;
        Some(self.expand_from(&target, &text, first_line, depth + 1))
    }
}

/// The first line of a directive as written, for messages.
fn short(written: &str) -> String {
    let line = written.lines().next().unwrap_or(written);
    if line.len() < written.len() {
        format!("{line}…")
    } else {
        line.to_string()
    }
}

/// True when byte `at` of `text` is inside a fenced code block (after an odd number of
/// lines opening or closing one).
fn in_code_block(text: &str, at: usize) -> bool {
    let fences = text[..at]
        .lines()
        .filter(|l| {
            let l = l.trim_start();
            l.starts_with("```") || l.starts_with("~~~")
        })
        .count();
    fences % 2 == 1
}

/// A `{{#name args}}` directive at the start of a text.
struct Directive<'t> {
    name: &'t str,
    args: &'t str,
    /// Its length in bytes, braces included.
    len: usize,
}

impl<'t> Directive<'t> {
    /// Reads `{{ #name args }}` as mdBook's pattern does: white space may follow `{{`; the
    /// name is letters, digits and `_`; white space, then arguments up to the first `}`,
    /// which must be the first of `}}`.
    fn parse(text: &'t str) -> Option<Directive<'t>> {
        let rest = text.strip_prefix("{{")?;
        let rest = rest.trim_start();
        let rest = rest.strip_prefix('#')?;
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if name_len == 0 {
            return None;
        }
        let name = &rest[..name_len];
        let after_name = &rest[name_len..];
        if !after_name.starts_with(char::is_whitespace) {
            return None;
        }
        let close = after_name.find('}')?;
        if !after_name[close..].starts_with("}}") {
            return None;
        }
        let args = after_name[..close].trim();
        if args.is_empty() {
            return None;
        }
        let consumed = text.len() - after_name.len() + close + 2;
        Some(Directive {
            name,
            args,
            len: consumed,
        })
    }
}

/// Which lines of a file an include takes.
#[derive(Debug, PartialEq, Eq)]
enum Selection {
    /// All of it.
    All,
    /// Lines `start..end`, 0-based, end exclusive.
    Lines(usize, Option<usize>),
    /// The lines between `ANCHOR: name` and `ANCHOR_END: name`.
    Anchor(String),
}

impl Selection {
    /// mdBook's forms: `N` (line N), `N:M`, `N:`, `:M`, or an anchor name.
    fn parse(spec: &str) -> Selection {
        let mut parts = spec.splitn(2, ':');
        let first = parts.next().unwrap_or("");
        let second = parts.next();
        let start = match first.parse::<usize>() {
            Ok(n) => Some(n.saturating_sub(1)),
            Err(_) if first.is_empty() => None,
            Err(_) => return Selection::Anchor(first.to_string()),
        };
        let end = second.map(|s| s.parse::<usize>());
        match (start, end) {
            (Some(s), Some(Ok(e))) => Selection::Lines(s, Some(e)),
            (Some(s), Some(Err(_))) => Selection::Lines(s, None),
            (Some(s), None) => Selection::Lines(s, Some(s + 1)),
            (None, Some(Ok(e))) => Selection::Lines(0, Some(e)),
            (None, _) => Selection::All,
        }
    }

    /// The selected text (lines joined by `\n`, as mdBook joins them) and the 1-based line
    /// it starts at; `None` when an anchor is not found.
    fn take(&self, text: &str) -> Option<(String, usize)> {
        match self {
            Selection::All => Some((text.lines().collect::<Vec<_>>().join("\n"), 1)),
            Selection::Lines(start, end) => {
                let lines = text.lines().skip(*start);
                let taken: Vec<&str> = match end {
                    Some(e) => lines.take(e.saturating_sub(*start)).collect(),
                    None => lines.collect(),
                };
                Some((taken.join("\n"), start + 1))
            }
            Selection::Anchor(name) => {
                let mut kept = Vec::new();
                let mut first_line = None;
                for (i, line) in text.lines().enumerate() {
                    if first_line.is_some() {
                        match marker(line, "ANCHOR_END:") {
                            Some(n) if n == name => break,
                            Some(_) => {}
                            None if marker(line, "ANCHOR:").is_none() => kept.push(line),
                            None => {}
                        }
                    } else if marker(line, "ANCHOR:") == Some(name.as_str()) {
                        first_line = Some(i + 2);
                    }
                }
                first_line.map(|l| (kept.join("\n"), l))
            }
        }
    }
}

/// The anchor name after `marker` in `line` (`ANCHOR: name`), if the line has one.
fn marker<'l>(line: &'l str, marker: &str) -> Option<&'l str> {
    let at = line.find(marker)?;
    let rest = line[at + marker.len()..].trim_start();
    let len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    (len > 0).then(|| &rest[..len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selections_follow_mdbook() {
        assert_eq!(Selection::parse("2"), Selection::Lines(1, Some(2)));
        assert_eq!(Selection::parse("2:4"), Selection::Lines(1, Some(4)));
        assert_eq!(Selection::parse("2:"), Selection::Lines(1, None));
        assert_eq!(Selection::parse(":3"), Selection::Lines(0, Some(3)));
        assert_eq!(Selection::parse("main"), Selection::Anchor("main".into()));
        let text = "one\ntwo\nthree\nfour\n";
        assert_eq!(
            Selection::parse("2:3").take(text),
            Some(("two\nthree".into(), 2))
        );
        assert_eq!(Selection::parse("4").take(text), Some(("four".into(), 4)));
        let code = "a\n// ANCHOR: x\nb\n// ANCHOR: y\nc\n// ANCHOR_END: y\n// ANCHOR_END: x\nd\n";
        assert_eq!(Selection::parse("x").take(code), Some(("b\nc".into(), 3)));
        assert_eq!(Selection::parse("z").take(code), None);
    }

    #[test]
    fn directives_are_read_like_mdbook() {
        let d = Directive::parse("{{#include file.rs:2:3}} rest").unwrap();
        assert_eq!((d.name, d.args, d.len), ("include", "file.rs:2:3", 24));
        let d = Directive::parse("{{ #title  Hello }}").unwrap();
        assert_eq!((d.name, d.args), ("title", "Hello"));
        assert!(Directive::parse("{{#include}}").is_none());
        assert!(Directive::parse("{{ name(x) }}").is_none());
        assert!(Directive::parse("{{#include a}b}}").is_none());
    }

    #[test]
    fn files_including_each_other_stop() {
        let tmp = tempfile::tempdir().unwrap();
        let many = "{{#include a.md}}".repeat(20);
        std::fs::write(tmp.path().join("a.md"), &many).unwrap();
        let tree = SourceTree::open(tmp.path()).unwrap();
        let mut includes = Includes::new(&tree);
        includes.expand(Path::new("a.md"), &many);
        assert_eq!(includes.inlined, MAX_PER_CHAPTER);
    }

    #[test]
    fn directives_left_in_code_blocks_are_not_escaped() {
        let tmp = tempfile::tempdir().unwrap();
        let tree = SourceTree::open(tmp.path()).unwrap();
        let mut includes = Includes::new(&tree);
        let text = "```\n{{#playground a.rs}}\n\\{{#include x}}\n```\n{{#playground b.rs}}\n";
        let out = includes.expand(Path::new("src/ch.md"), text);
        assert_eq!(
            out.text,
            "```\n{{#playground a.rs}}\n{{#include x}}\n```\n\\{{#playground b.rs}}\n"
        );
    }

    #[test]
    fn includes_are_inlined_and_others_noted() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::create_dir_all(root.join("listings")).unwrap();
        std::fs::write(root.join("listings/main.rs"), "fn a() {}\nfn main() {}\n").unwrap();
        std::fs::write(
            root.join("src/part.md"),
            "Part with {{#include ../listings/main.rs:2}}.",
        )
        .unwrap();
        let tree = SourceTree::open(root).unwrap();
        let mut includes = Includes::new(&tree);
        let text = "# T\n{{#title X}}\n{{#include part.md}}\n\\{{#include kept}}\n{{#playground a.rs}}\n{{#include ../../etc/passwd}}\n{{#include nope.md}}\n";
        let out = includes.expand(Path::new("src/ch.md"), text);
        assert_eq!(
            out.text,
            "# T\nPart with fn main() {}.\n\\{{#include kept}}\n\\{{#playground a.rs}}\n\\{{#include ../../etc/passwd}}\n\\{{#include nope.md}}\n"
        );
        assert_eq!(includes.inlined, 2);
        let lines: Vec<Option<usize>> = includes.notes.iter().map(|n| n.line).collect();
        assert_eq!(lines, [Some(2), Some(5), Some(6), Some(7)]);
        // Lines after an include are located in the chapter's own file.
        let at = out.text.find("{{#playground").unwrap();
        assert_eq!(
            out.origins.locate(&out.text, at),
            (PathBuf::from("src/ch.md"), 5)
        );
        let at = out.text.find("fn main").unwrap();
        assert_eq!(
            out.origins.locate(&out.text, at),
            (PathBuf::from("listings/main.rs"), 2)
        );
    }
}
