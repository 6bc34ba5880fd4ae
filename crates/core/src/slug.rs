//! Slugs: heading ids and file names, readable ASCII with Nordic and other Latin letters
//! transliterated from one table.

use std::collections::HashMap;

/// The ASCII spelling of a Latin letter that has one (`å` → `a`, `æ` → `ae`), lower case.
fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'å' | 'ä' | 'á' | 'à' | 'â' | 'ã' => "a",
        'ö' | 'ø' | 'ó' | 'ò' | 'ô' | 'õ' => "o",
        'æ' => "ae",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'ü' | 'ú' | 'ù' | 'û' => "u",
        'í' | 'ì' | 'î' | 'ï' => "i",
        'ß' => "ss",
        'ð' => "d",
        'þ' => "th",
        'ç' => "c",
        'ñ' => "n",
        'š' => "s",
        'ž' => "z",
        _ => return None,
    })
}

/// What a slug makes of one (lower-case) character.
enum SlugChar {
    /// Part of a word, as written.
    Keep,
    /// Part of a word, spelled this way.
    Spell(&'static str),
    /// Left out without breaking the word.
    Drop,
    /// Ends a word.
    Separate,
}

/// Builds a slug: words joined by single `-`, no `-` at either end.
fn slug_words(text: &str, classify: impl Fn(char) -> SlugChar) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    let mut add = |c: char| {
        let spelling = match classify(c) {
            SlugChar::Keep => None,
            SlugChar::Spell(spelling) => Some(spelling),
            SlugChar::Drop => return,
            SlugChar::Separate => {
                pending_dash = true;
                return;
            }
        };
        if pending_dash && !slug.is_empty() {
            slug.push('-');
        }
        pending_dash = false;
        match spelling {
            Some(spelling) => slug.push_str(spelling),
            None => slug.push(c),
        }
    };
    for c in text.chars() {
        // An ASCII character lowers to one: most of a heading skips the full mapping
        // (every heading of every page gets a slug).
        if c.is_ascii() {
            add(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut add);
        }
    }
    slug
}

/// The common classification: ASCII letters and digits kept, Latin letters spelled in ASCII.
fn latin(c: char) -> Option<SlugChar> {
    if c.is_ascii_alphanumeric() {
        Some(SlugChar::Keep)
    } else {
        transliterate(c).map(SlugChar::Spell)
    }
}

/// Turns heading text into an id: lower case, å/ä→a, ö/ø→o, æ→ae, words joined by `-`.
/// Letters of other scripts stay as they are (ids may hold any character) and apostrophes
/// vanish (`don't` → `dont`); text with nothing left becomes `avsnitt`.
pub fn slugify(text: &str) -> String {
    let slug = slug_words(text, |c| match c {
        '\'' | '’' => SlugChar::Drop,
        c => latin(c).unwrap_or(if c.is_alphanumeric() {
            SlugChar::Keep
        } else {
            SlugChar::Separate
        }),
    });
    if slug.is_empty() {
        "avsnitt".to_string()
    } else {
        slug
    }
}

/// A name for a file or folder made from `text`: lower-case ASCII letters and digits with
/// Latin letters transliterated, everything else (apostrophes too) turned into single `-`.
/// Text with nothing left gives an empty name, for the caller to replace.
pub fn file_slug(text: &str) -> String {
    slug_words(text, |c| latin(c).unwrap_or(SlugChar::Separate))
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
#[derive(Debug, Default)]
pub struct Slugger {
    /// Ids handed out or reserved → the last number given to a duplicate of it. The
    /// [`THEME_IDS`] count as seen (with 0) without being in it: a page's slugger is made
    /// for every page.
    seen: HashMap<String, usize>,
}

impl Slugger {
    /// Reserves `id` exactly as given (an explicit `{#id}`), returning it.
    pub fn reserve(&mut self, id: &str) -> String {
        self.seen.entry(id.to_string()).or_insert(0);
        id.to_string()
    }

    /// The last number given to a duplicate of `id` (0: none yet), if `id` is taken.
    fn last(&self, id: &str) -> Option<usize> {
        self.seen
            .get(id)
            .copied()
            .or_else(|| THEME_IDS.contains(&id).then_some(0))
    }

    /// A unique id for heading `text`.
    pub fn unique(&mut self, text: &str) -> String {
        let base = slugify(text);
        let Some(last) = self.last(&base) else {
            self.seen.insert(base.clone(), 0);
            return base;
        };
        let mut n = last;
        loop {
            n += 1;
            let candidate = format!("{base}-{n}");
            if self.last(&candidate).is_none() {
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
        assert_eq!(slugify("Don't – Façade"), "dont-facade");
        assert_eq!(slugify("Ελλάδα 2"), "ελλάδα-2");
    }

    #[test]
    fn file_slugs_are_plain_ascii() {
        assert_eq!(file_slug("Läsa & skriva: Del 2"), "lasa-skriva-del-2");
        assert_eq!(file_slug("  --  "), "");
        assert_eq!(file_slug("My_Post"), "my-post");
        assert_eq!(file_slug("Don't"), "don-t");
        assert_eq!(file_slug("Ελλάδα 2"), "2");
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
