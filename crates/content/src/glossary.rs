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

use crate::FrontMatter;
use insikt_core::diagnostic::yaml;
use insikt_core::diagnostic::{Diagnostic, Location};
use insikt_core::fields;
use insikt_core::language::Language;
use insikt_core::slug::slugify;
use insikt_core::vocabulary::{Audience, Kind, Purpose};
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
                    help: crate::front_matter::HELP,
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

#[cfg(test)]
mod tests {
    use super::*;

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
