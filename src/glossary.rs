//! The report's glossary: `content/glossary.yaml`.
//!
//! The file becomes a page (at `ordlista/`, `ordliste/`, `sanasto/` or `glossary/` by the
//! report's language), each term a heading with its definition. On every other page the
//! first use of each term or synonym, matched case-insensitively as whole words and through
//! the language's stemmer (so inflected forms count), links to its entry and carries the
//! definition as a tooltip shown on hover and focus.
//!
//! ```yaml
//! title: Ordlista          # optional, like a page's front matter: title, summary, weight,
//! weight: 2                # kind, audience, purpose
//! intro: Här förklarar vi … (Markdown)
//! terms:
//!   - term: Algoritm
//!     definition: En algoritm är … (Markdown)
//!     synonyms: [algoritmer]
//! ```
//! A plain list of terms (without `terms:`) is accepted too.

use crate::content::FrontMatter;
use crate::search;
use insikt_core::diagnostic::yaml;
use insikt_core::diagnostic::{Diagnostic, Location};
use insikt_core::fields;
use insikt_core::language::Language;
use insikt_core::slug::slugify;
use insikt_core::vocabulary::{Audience, Kind, Purpose};
use rust_stemmers::Stemmer;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// The glossary's file name under `content/`.
pub const FILE: &str = "glossary.yaml";

/// One term.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The term as shown.
    pub term: String,
    /// Its definition (Markdown).
    pub definition: String,
    /// Other words for it, also linked.
    #[serde(default)]
    pub synonyms: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    title: Option<String>,
    summary: Option<String>,
    weight: Option<i64>,
    kind: Option<Kind>,
    #[serde(default)]
    audience: Vec<Audience>,
    purpose: Option<Purpose>,
    intro: Option<String>,
    terms: Vec<Entry>,
}

/// A loaded glossary.
#[derive(Debug, Clone)]
pub struct Glossary {
    /// The page's front matter (title, weight, …).
    pub front: FrontMatter,
    /// The intro paragraph(s), Markdown.
    pub intro: Option<String>,
    /// The terms in the order written.
    pub entries: Vec<Entry>,
}

impl Glossary {
    /// Parses `text`, the contents of `content/glossary.yaml`, with every problem found:
    /// no glossary when the YAML cannot be read as one; otherwise the glossary without the
    /// entries that are in error (an empty term or definition, a term defined twice).
    pub fn parse(text: &str) -> (Option<Glossary>, Vec<Diagnostic>) {
        let file = Path::new("content").join(FILE);
        let list_form = text
            .lines()
            .map(str::trim_start)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .is_some_and(|l| l.starts_with('-'));
        let parsed = if list_form {
            serde_saphyr::from_str::<Vec<Entry>>(text).map(|terms| File {
                title: None,
                summary: None,
                weight: None,
                kind: None,
                audience: Vec::new(),
                purpose: None,
                intro: None,
                terms,
            })
        } else {
            serde_saphyr::from_str::<File>(text)
        };
        let parsed = match parsed {
            Ok(p) => p,
            Err(e) => {
                let keys = if list_form {
                    fields::of::<Entry>().to_vec()
                } else {
                    fields::merged(&[fields::of::<File>(), fields::of::<Entry>()])
                };
                let schema = yaml::Schema {
                    key_noun: "glossary key",
                    keys: &keys,
                    help: crate::content::front_matter::HELP,
                };
                let d = yaml::diagnostic(&file, text, yaml::location(&e), &e.to_string(), &schema);
                return (None, vec![d]);
            }
        };
        let mut problems = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut entries = Vec::with_capacity(parsed.terms.len());
        for (i, entry) in parsed.terms.into_iter().enumerate() {
            let at = text
                .find(&entry.term)
                .map(|o| Location::from_offset(text, o))
                .unwrap_or_else(|| Location::new(1, 1));
            if entry.term.trim().is_empty() || entry.definition.trim().is_empty() {
                problems.push(
                    Diagnostic::at(
                        &file,
                        text,
                        at,
                        format!("term {} has an empty `term` or `definition`", i + 1),
                    )
                    .with_help("every entry needs `term: …` and `definition: …`"),
                );
                continue;
            }
            if let Some(&first) = seen.get(&slugify(&entry.term)) {
                problems.push(
                    Diagnostic::at(
                        &file,
                        text,
                        at,
                        format!(
                            "the term `{}` is defined twice (entries {} and {})",
                            entry.term,
                            first + 1,
                            i + 1
                        ),
                    )
                    .with_help("merge the two entries, or add the other word as a synonym"),
                );
                continue;
            }
            seen.insert(slugify(&entry.term), i);
            entries.push(entry);
        }
        let glossary = Glossary {
            front: FrontMatter {
                title: parsed.title,
                summary: parsed.summary,
                weight: parsed.weight,
                kind: parsed.kind,
                audience: parsed.audience,
                purpose: parsed.purpose,
                ..FrontMatter::default()
            },
            intro: parsed.intro,
            entries,
        };
        (Some(glossary), problems)
    }

    /// The anchor of entry `i` on the glossary page.
    pub fn id(&self, i: usize) -> String {
        slugify(&self.entries[i].term)
    }

    /// The glossary page's Markdown: the intro, then each term as a heading with its id.
    pub fn markdown(&self, language: Language) -> String {
        let also = &language.strings().glossary_synonyms;
        let mut out = String::new();
        if let Some(intro) = &self.intro {
            out.push_str(intro.trim());
            out.push_str("\n\n");
        }
        for (i, e) in self.entries.iter().enumerate() {
            out.push_str(&format!(
                "## {} {{#{}}}\n\n{}\n\n",
                e.term.trim(),
                self.id(i),
                e.definition.trim()
            ));
            if !e.synonyms.is_empty() {
                out.push_str(&format!("*{also}: {}*\n\n", e.synonyms.join(", ")));
            }
        }
        out
    }
}

/// Finds glossary terms in running text.
#[derive(Debug)]
pub struct TermMatcher {
    algorithm: rust_stemmers::Algorithm,
    /// First stem → (stems of the whole term or synonym, entry).
    by_first: HashMap<String, Vec<(Vec<String>, usize)>>,
    /// Entry ids (anchors on the glossary page).
    pub ids: Vec<String>,
    /// Entry definitions as plain text, for the tooltip.
    pub definitions: Vec<String>,
    /// The glossary page's index.
    pub page: usize,
}

/// A term found in a text: byte range and entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermMatch {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// The entry.
    pub entry: usize,
}

impl TermMatcher {
    /// A matcher for `glossary`, whose page is page `page`.
    pub fn new(glossary: &Glossary, language: Language, page: usize) -> TermMatcher {
        let algorithm = search::algorithm(language);
        let stemmer = Stemmer::create(algorithm);
        let mut by_first: HashMap<String, Vec<(Vec<String>, usize)>> = HashMap::new();
        for (i, e) in glossary.entries.iter().enumerate() {
            for name in std::iter::once(&e.term).chain(&e.synonyms) {
                let stems: Vec<String> = search::words(name)
                    .map(|w| stemmer.stem(&w).into_owned())
                    .collect();
                if let Some(first) = stems.first() {
                    let list = by_first.entry(first.clone()).or_default();
                    list.push((stems, i));
                    // Longest first, so "datadrivet system" wins over "data".
                    list.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
                }
            }
        }
        TermMatcher {
            algorithm,
            by_first,
            ids: (0..glossary.entries.len())
                .map(|i| glossary.id(i))
                .collect(),
            definitions: glossary
                .entries
                .iter()
                .map(|e| search::plain_text(&e.definition.replace(['*', '_', '`'], "")))
                .collect(),
            page,
        }
    }

    /// A stemmer of the glossary's language.
    pub fn stemmer(&self) -> Stemmer {
        Stemmer::create(self.algorithm)
    }

    /// Terms in `text` whose entry is not yet `used`, marking them used.
    pub fn find(&self, text: &str, stemmer: &Stemmer, used: &mut [bool]) -> Vec<TermMatch> {
        let words: Vec<(usize, usize, String)> = word_spans(text)
            .map(|(s, e)| (s, e, stemmer.stem(&text[s..e].to_lowercase()).into_owned()))
            .collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let mut advanced = false;
            if let Some(candidates) = self.by_first.get(&words[i].2) {
                for (stems, entry) in candidates {
                    if used[*entry] || i + stems.len() > words.len() {
                        continue;
                    }
                    if stems.iter().zip(&words[i..]).all(|(s, w)| *s == w.2) {
                        used[*entry] = true;
                        out.push(TermMatch {
                            start: words[i].0,
                            end: words[i + stems.len() - 1].1,
                            entry: *entry,
                        });
                        i += stems.len();
                        advanced = true;
                        break;
                    }
                }
            }
            if !advanced {
                i += 1;
            }
        }
        out
    }
}

/// Byte ranges of the words (runs of letters and digits) in `text`.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = None;
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || loop {
        match chars.next() {
            Some((i, c)) if c.is_alphanumeric() => {
                if start.is_none() {
                    start = Some(i);
                }
                let next_is_word = chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
                if !next_is_word {
                    let s = start.take().unwrap_or(i);
                    return Some((s, i + c.len_utf8()));
                }
            }
            Some(_) => {}
            None => return None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Glossary {
        let (g, problems) = Glossary::parse(
            "terms:\n  - term: Algoritm\n    definition: En regel.\n  - term: Datadrivet system\n    definition: Ett system.\n    synonyms: [datadrivna system]\n  - term: Data\n    definition: Uppgifter.\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        g.unwrap()
    }

    #[test]
    fn first_use_only_with_inflections_and_longest_match() {
        let g = glossary();
        let m = TermMatcher::new(&g, Language::Sv, 1);
        let s = m.stemmer();
        let mut used = vec![false; 3];
        let text = "Algoritmerna i datadrivna system styr. En algoritm till, och data.";
        let found = m.find(text, &s, &mut used);
        let words: Vec<&str> = found.iter().map(|f| &text[f.start..f.end]).collect();
        assert_eq!(words, ["Algoritmerna", "datadrivna system", "data"]);
        assert!(m.find("algoritm", &s, &mut used).is_empty());
    }

    #[test]
    fn errors_are_located_and_typed() {
        let (g, problems) = Glossary::parse("terms:\n  - term: A\n    defintion: x\n");
        assert!(g.is_none());
        let e = &problems[0];
        assert!(
            e.message.contains("unknown glossary key `defintion`"),
            "{}",
            e.message
        );
        assert_eq!(e.location.map(|l| l.line), Some(3));
        let (g, problems) = Glossary::parse(
            "- term: A\n  definition: x\n- term: a\n  definition: y\n- term: ''\n  definition: z\n",
        );
        assert_eq!(g.unwrap().entries.len(), 1, "the first of the two is kept");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].message.contains("defined twice"),
            "{}",
            problems[0]
        );
    }
}
