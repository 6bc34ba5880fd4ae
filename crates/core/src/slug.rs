//! Heading ids: readable ASCII slugs with Nordic letters transliterated.

use std::collections::HashMap;

/// Turns heading text into an id: lower case, å/ä→a, ö/ø→o, æ→ae, words joined by `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let mapped: &str = match c {
            'å' | 'ä' | 'á' | 'à' | 'â' | 'ã' => "a",
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' | 'õ' => "o",
            'æ' => "ae",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'ü' | 'ú' | 'ù' | 'û' => "u",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'ß' => "ss",
            'ð' => "d",
            'þ' => "th",
            'š' => "s",
            'ž' => "z",
            c if c.is_ascii_alphanumeric() => {
                if pending_dash && !slug.is_empty() {
                    slug.push('-');
                }
                pending_dash = false;
                slug.push(c);
                continue;
            }
            c if c.is_alphanumeric() => {
                // Letters of other scripts stay as they are: ids may hold any character.
                if pending_dash && !slug.is_empty() {
                    slug.push('-');
                }
                pending_dash = false;
                slug.push(c);
                continue;
            }
            '\'' | '’' => "",
            _ => {
                pending_dash = true;
                continue;
            }
        };
        if !mapped.is_empty() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push_str(mapped);
        }
    }
    if slug.is_empty() {
        slug.push_str("avsnitt");
    }
    slug
}

/// Ids the built-in theme uses on every page; headings never get them.
const THEME_IDS: &[&str] = &[
    "main",
    "insikt-overview-title",
    "insikt-in-this-section",
    "insikt-search-input",
    "insikt-search-status",
    "insikt-search-results",
    "insikt-print-toc",
];

/// Hands out unique ids within one page: the second "Resultat" becomes `resultat-1`.
#[derive(Debug)]
pub struct Slugger {
    seen: HashMap<String, usize>,
}

impl Default for Slugger {
    fn default() -> Self {
        Slugger {
            seen: THEME_IDS.iter().map(|id| (id.to_string(), 0)).collect(),
        }
    }
}

impl Slugger {
    /// Reserves `id` exactly as given (an explicit `{#id}`), returning it.
    pub fn reserve(&mut self, id: &str) -> String {
        self.seen.entry(id.to_string()).or_insert(0);
        id.to_string()
    }

    /// A unique id for heading `text`.
    pub fn unique(&mut self, text: &str) -> String {
        let base = slugify(text);
        let Some(&last) = self.seen.get(&base) else {
            self.seen.insert(base.clone(), 0);
            return base;
        };
        let mut n = last;
        loop {
            n += 1;
            let candidate = format!("{base}-{n}");
            if !self.seen.contains_key(&candidate) {
                self.seen.insert(base, n);
                self.seen.insert(candidate.clone(), 0);
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_nordic_letters() {
        assert_eq!(
            slugify("Dataläskunnighet och datapraktik"),
            "datalaskunnighet-och-datapraktik"
        );
        assert_eq!(
            slugify("Sjælland og Ærø – første år"),
            "sjaelland-og-aero-forste-ar"
        );
        assert_eq!(slugify("Vad är AI?"), "vad-ar-ai");
        assert_eq!(slugify("  "), "avsnitt");
    }

    #[test]
    fn duplicates_get_numbers() {
        let mut s = Slugger::default();
        assert_eq!(s.unique("Resultat"), "resultat");
        assert_eq!(s.unique("Resultat"), "resultat-1");
        assert_eq!(s.unique("Resultat"), "resultat-2");
        assert_eq!(s.reserve("mitt-id"), "mitt-id");
        assert_eq!(s.unique("Mitt id"), "mitt-id-1");
        assert_eq!(s.unique("Main"), "main-1", "the theme's own id");
    }
}
