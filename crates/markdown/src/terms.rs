//! Glossary terms in running text: the first use of each term or synonym on a page,
//! matched case-insensitively as whole words and through the language's stemmer (so
//! inflected forms count). The glossary file itself is read by [`insikt_content::glossary`].

use insikt_content::glossary::Glossary;
use insikt_core::language::Language;
use insikt_core::text;
use rust_stemmers::Stemmer;
use std::collections::HashMap;

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
        let algorithm = text::algorithm(language);
        let stemmer = Stemmer::create(algorithm);
        let mut by_first: HashMap<String, Vec<(Vec<String>, usize)>> = HashMap::new();
        for (i, e) in glossary.entries.iter().enumerate() {
            for name in std::iter::once(&e.term).chain(&e.synonyms) {
                let stems: Vec<String> = text::words(name)
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
                .map(|e| text::plain_text(&e.definition.replace(['*', '_', '`'], "")))
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
}
