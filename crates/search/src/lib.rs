//! The offline search index, built at build time.
//!
//! Every page's rendered text is split into words, lower-cased and reduced to its stem with
//! the Snowball stemmer of the report's language (Swedish, Danish, Norwegian for bokmål and
//! nynorsk, Finnish, English). The index is written as JavaScript files that assign globals,
//! so the browser can load them with `<script src>`, which works from `file://` where
//! `fetch` of local files is blocked:
//!
//! - `search-index.js`: pages (titles, section titles once and which pages are in them,
//!   folders front-coded), the sorted stems (front-coded) with their postings (runs of page numbers in base 36, or
//!   a bitmap where that is shorter), and a table from every word form that occurs in the
//!   site to its stem. The browser stems a query word by looking it up in that table, so
//!   known forms are stemmed exactly as here; an unknown form falls back to prefix matching
//!   on the stems (see `themes/default/static/search.js`).
//! - `search/text-N.js`: the plain text of [`SHARD_SIZE`] pages each, loaded only for the
//!   pages in the results, to show a snippet with the hit marked.

#![warn(missing_docs)]

use fxhash::{FxHashMap, FxHashSet};
use insikt_content::Page;
use insikt_core::language::Language;
pub use insikt_core::text::{algorithm, plain_text, words};
use insikt_markdown::Rendered;
use rayon::prelude::*;
use rust_stemmers::Stemmer;
use std::fmt::Write;
use std::io;

/// Pages per text shard.
pub const SHARD_SIZE: usize = 50;

/// At most this many characters of a page's text are kept for snippets.
const MAX_TEXT: usize = 20_000;

/// Builds the index over `pages` (their titles and rendered bodies) and hands each of its
/// files to `write` as `(path relative to the site root, contents)`, from several threads.
/// The text shards are written as they are made, so that the pages' texts are never held
/// all at once; the first error of `write` ends the build and is returned.
pub fn build(
    language: Language,
    pages: &[Page],
    rendered: &[Rendered],
    site_title: &str,
    write: &(dyn Fn(&str, &[u8]) -> io::Result<()> + Sync),
) -> io::Result<()> {
    let algorithm = algorithm(language);
    // A shard's pages at a time: each page's text goes into its shard, and of the page only
    // its distinct word forms are kept, as numbers into the forms of its shard (a string per
    // form and page would hold tens of megabytes at 10,000 pages).
    let shards: Vec<Shard> = rendered
        .par_chunks(SHARD_SIZE)
        .enumerate()
        .map(|(n, chunk)| {
            let mut text_file = format!("window.insiktSearchText({n},[");
            let mut shard = Shard::default();
            let mut ids: FxHashMap<String, u32> = FxHashMap::default();
            // For each form of the shard, the last page that listed it (plus one).
            let mut listed_by: Vec<usize> = Vec::new();
            let mut lowered = String::new();
            for (k, r) in chunk.iter().enumerate() {
                let text = plain_text(&r.html);
                let mut add = |word: &str| {
                    let id = match ids.get(word) {
                        Some(&id) => id as usize,
                        None => {
                            let id = listed_by.len();
                            ids.insert(word.to_string(), id as u32);
                            listed_by.push(0);
                            id
                        }
                    };
                    if listed_by[id] != k + 1 {
                        listed_by[id] = k + 1;
                        shard.page_forms.push(id as u32);
                    }
                };
                for_each_word(&pages[n * SHARD_SIZE + k].title, &mut lowered, &mut add);
                for_each_word(&text, &mut lowered, &mut add);
                shard.page_ends.push(shard.page_forms.len());
                // Only the start of the text is published for snippets.
                let kept = first_chars(&text, MAX_TEXT);
                if k > 0 {
                    text_file.push(',');
                }
                json(&mut text_file, kept);
            }
            text_file.push_str("]);\n");
            write(&format!("search/text-{n}.js"), text_file.as_bytes())?;
            shard.page_forms.shrink_to_fit();
            shard.forms = vec![String::new(); ids.len()];
            for (form, id) in ids {
                shard.forms[id as usize] = form;
            }
            Ok(shard)
        })
        .collect::<io::Result<_>>()?;

    // Every distinct form, stemmed once.
    let mut all_forms: Vec<&str> = shards
        .par_iter()
        .fold(FxHashSet::default, |mut set, shard| {
            set.extend(shard.forms.iter().map(String::as_str));
            set
        })
        .reduce(FxHashSet::default, |mut a, mut b| {
            if a.len() < b.len() {
                std::mem::swap(&mut a, &mut b);
            }
            a.extend(b);
            a
        })
        .into_iter()
        .collect();
    all_forms.par_sort_unstable();
    let stemmed: Vec<String> = all_forms
        .par_iter()
        .map_init(
            || Stemmer::create(algorithm),
            |s, form| s.stem(form).into_owned(),
        )
        .collect();
    let mut stems: Vec<&str> = stemmed.iter().map(String::as_str).collect();
    stems.par_sort_unstable();
    stems.dedup();
    let stem_index: FxHashMap<&str, u32> = (stems.iter())
        .enumerate()
        .map(|(i, s)| (*s, i as u32))
        .collect();
    let form_stem: FxHashMap<&str, u32> = (all_forms.iter())
        .zip(&stemmed)
        .map(|(f, s)| (*f, stem_index[s.as_str()]))
        .collect();

    // Each page's stems found in parallel, some shards at a time; only adding the page to
    // their lists is serial.
    const SHARDS_AT_A_TIME: usize = 16;
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); stems.len()];
    for (w, window) in shards.chunks(SHARDS_AT_A_TIME).enumerate() {
        let page_stems: Vec<Vec<Vec<u32>>> = window
            .par_iter()
            .map(|shard| {
                let stem_of: Vec<u32> = (shard.forms.iter())
                    .map(|f| form_stem[f.as_str()])
                    .collect();
                let mut start = 0;
                (shard.page_ends.iter())
                    .map(|&end| {
                        let mut ids: Vec<u32> = shard.page_forms[start..end]
                            .iter()
                            .map(|&f| stem_of[f as usize])
                            .collect();
                        start = end;
                        ids.sort_unstable();
                        ids.dedup();
                        ids
                    })
                    .collect()
            })
            .collect();
        let first = w * SHARDS_AT_A_TIME * SHARD_SIZE;
        for (page, ids) in page_stems.iter().flatten().enumerate() {
            for &id in ids {
                postings[id as usize].push((first + page) as u32);
            }
        }
    }

    let mut js = String::with_capacity(1 << 16);
    js.push_str("window.insiktSearchIndex={\"v\":2,\"lang\":");
    json(&mut js, language.code());
    let _ = write!(js, ",\"shard\":{SHARD_SIZE},");
    page_list(&mut js, pages, site_title);
    // Each stem front-coded against the one before: a base-36 digit, how many UTF-16 code
    // units of it to keep (at most 35), then the rest.
    js.push_str(",\"stems\":[");
    let mut previous = "";
    let mut coded = String::new();
    for (i, s) in stems.iter().enumerate() {
        if i > 0 {
            js.push(',');
        }
        let (units, bytes) = shared_prefix(previous, s, 35);
        coded.clear();
        base36(&mut coded, units as u32);
        coded.push_str(&s[bytes..]);
        json(&mut js, &coded);
        previous = s;
    }
    js.push_str("],\"post\":[");
    let mut ranges = String::new();
    for (i, list) in postings.iter().enumerate() {
        if i > 0 {
            js.push(',');
        }
        js.push('"');
        page_numbers(&mut js, list, &mut ranges);
        js.push('"');
    }
    // Forms that differ from their stem, in the order of the forms (sorted); the others are
    // found among the stems themselves.
    js.push_str("],\"forms\":{");
    let mut first = true;
    for (form, stem) in all_forms.iter().zip(&stemmed) {
        if form == stem {
            continue;
        }
        if !first {
            js.push(',');
        }
        first = false;
        json(&mut js, form);
        let _ = write!(js, ":{}", form_stem[form]);
    }
    js.push_str("}};\n");
    write("search-index.js", js.as_bytes())
}

/// Appends the pages' part of the index: `"titles"`, `"sections"` (each section's title
/// once), `"section"` (runs of pages with the same section: how many pages, then 0 for
/// none or the number of their section in `sections` plus one), and each page's folder front-coded against the folder of the page before it:
/// `"keep"` (how many UTF-16 code units of it to keep, as JavaScript counts) and `"path"`
/// (what follows them). A page's link is its folder and `index.html`.
fn page_list(js: &mut String, pages: &[Page], site_title: &str) {
    js.push_str("\"titles\":[");
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            js.push(',');
        }
        let title = if page.title.is_empty() {
            site_title
        } else {
            &page.title
        };
        json(js, title);
    }
    let mut sections: Vec<&str> = Vec::new();
    let mut section_of: FxHashMap<&str, usize> = FxHashMap::default();
    let mut page_section = Vec::with_capacity(pages.len());
    for page in pages {
        let section = page
            .parent
            .filter(|&p| p != 0)
            .map(|p| pages[p].title.as_str())
            .unwrap_or("");
        page_section.push(if section.is_empty() {
            0
        } else {
            *section_of.entry(section).or_insert_with(|| {
                sections.push(section);
                sections.len()
            })
        });
    }
    js.push_str("],\"sections\":[");
    for (i, section) in sections.iter().enumerate() {
        if i > 0 {
            js.push(',');
        }
        json(js, section);
    }
    // Pages come in the order of the contents, so a section's pages mostly follow on.
    js.push_str("],\"section\":[");
    let mut at = 0;
    while at < page_section.len() {
        let n = page_section[at];
        let run = page_section[at..].iter().take_while(|&&m| m == n).count();
        if at > 0 {
            js.push(',');
        }
        let _ = write!(js, "{run},{n}");
        at += run;
    }
    let folders: Vec<String> = (pages.iter())
        .map(|page| insikt_core::url::encode(&page.url_dir))
        .collect();
    let mut previous = "";
    let mut kept = Vec::with_capacity(pages.len());
    for folder in &folders {
        kept.push(shared_prefix(previous, folder, usize::MAX));
        previous = folder;
    }
    js.push_str("],\"keep\":[");
    for (i, (units, _)) in kept.iter().enumerate() {
        if i > 0 {
            js.push(',');
        }
        let _ = write!(js, "{units}");
    }
    js.push_str("],\"path\":[");
    for (i, (folder, (_, bytes))) in folders.iter().zip(&kept).enumerate() {
        if i > 0 {
            js.push(',');
        }
        json(js, &folder[*bytes..]);
    }
    js.push(']');
}

/// The characters `a` and `b` begin with alike, up to `max_units`: how many UTF-16 code
/// units they are (as JavaScript's `slice` counts) and how many bytes.
fn shared_prefix(a: &str, b: &str, max_units: usize) -> (usize, usize) {
    let mut units = 0;
    let mut bytes = 0;
    for (x, y) in a.chars().zip(b.chars()) {
        if x != y || units + x.len_utf16() > max_units {
            break;
        }
        units += x.len_utf16();
        bytes += x.len_utf8();
    }
    (units, bytes)
}

/// Appends the pages of one stem (ascending, distinct, at least one) in the shorter of two
/// forms; `ranges` is scratch space.
///
/// - Runs: tokens joined by `.`, each the distance from the last page of the token before
///   (from 0 for the first) in base 36, and, if the pages after it follow on without a gap,
///   `-` and how many of them, in base 36: `2-4.3` is pages 2 to 6 and 9.
/// - A bitmap, for a word on many pages that do not follow on: `!`, the first page in
///   base 36, `:`, then six pages a character ([`BITMAP_DIGITS`], lowest bit first).
fn page_numbers(out: &mut String, list: &[u32], ranges: &mut String) {
    ranges.clear();
    let mut last = 0;
    let mut i = 0;
    while i < list.len() {
        let mut end = i;
        while end + 1 < list.len() && list[end + 1] == list[end] + 1 {
            end += 1;
        }
        if i > 0 {
            ranges.push('.');
        }
        base36(ranges, list[i] - last);
        if end > i {
            ranges.push('-');
            base36(ranges, (end - i) as u32);
        }
        last = list[end];
        i = end + 1;
    }
    let first = list[0];
    let span = (list[list.len() - 1] - first) as usize + 1;
    let first_digits = if first == 0 {
        1
    } else {
        first.ilog(36) as usize + 1
    };
    if 2 + first_digits + span.div_ceil(6) >= ranges.len() {
        out.push_str(ranges);
        return;
    }
    let mut bits = vec![0u8; span.div_ceil(6)];
    for &page in list {
        let at = (page - first) as usize;
        bits[at / 6] |= 1 << (at % 6);
    }
    out.push('!');
    base36(out, first);
    out.push(':');
    out.extend(
        bits.iter()
            .map(|&b| char::from(BITMAP_DIGITS[usize::from(b)])),
    );
}

/// The digits of a postings bitmap: a character for each six bits.
const BITMAP_DIGITS: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The word forms of a shard's pages.
#[derive(Default)]
struct Shard {
    /// Every distinct form in the shard's pages.
    forms: Vec<String>,
    /// The distinct forms of each page, as indexes into `forms`, one page after another.
    page_forms: Vec<u32>,
    /// Where each page's forms end in `page_forms`.
    page_ends: Vec<usize>,
}

/// Calls `each` with every word of `text` as [`words`] gives them, in order, without a new
/// string for each word: a word that is lower case already (most of them) is handed over as
/// it is, any other is lower-cased into `lowered`.
///
/// The text is scanned byte by byte. ASCII and the letters of Latin-1 (U+00C0 to U+00FF,
/// two bytes starting with `C3`: å ä ö æ ø é ü and their capitals) are classified and
/// lower-cased by their bytes; only another character that is not ASCII is decoded, and a
/// word holding one is lower-cased as [`str::to_lowercase`] does.
fn for_each_word(text: &str, lowered: &mut String, mut each: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut at = 0;
    loop {
        // Up to the start of the next word.
        while at < len {
            let b = bytes[at];
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    break;
                }
                at += 1;
            } else {
                let (kind, n) = classify(text, at);
                if kind != Kind::Other {
                    break;
                }
                at += n;
            }
        }
        if at >= len {
            return;
        }
        let start = at;
        // Whether a byte-wise lowering is needed (ASCII or Latin-1 capitals), and whether
        // the word holds another character that is not ASCII.
        let mut upper = false;
        let mut wide = false;
        while at < len {
            // Small ASCII letters and digits, most of a word, in a tight loop.
            while at < len && SMALL_OR_DIGIT[usize::from(bytes[at])] {
                at += 1;
            }
            let Some(&b) = bytes.get(at) else {
                break;
            };
            if b < 0x80 {
                if !b.is_ascii_uppercase() {
                    break;
                }
                upper = true;
                at += 1;
            } else {
                let (kind, n) = classify(text, at);
                match kind {
                    Kind::Other => break,
                    Kind::Latin1Upper => upper = true,
                    Kind::Latin1Lower => {}
                    Kind::Wide => wide = true,
                }
                at += n;
            }
        }
        let word = &text[start..at];
        if wide {
            let lower = word.chars().all(|c| {
                if c.is_ascii() {
                    !c.is_ascii_uppercase()
                } else {
                    c.to_lowercase().eq(std::iter::once(c))
                }
            });
            if lower {
                each(word);
            } else {
                lowered.clear();
                lowered.push_str(&word.to_lowercase());
                each(lowered);
            }
        } else if upper {
            // ASCII capitals and those of Latin-1 (U+00C0 to U+00DE but ×) have their small
            // letter 0x20 further on.
            lowered.clear();
            lowered.extend(word.chars().map(|c| match c {
                'A'..='Z' | '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{de}' => {
                    char::from_u32(c as u32 + 0x20).unwrap_or(c)
                }
                _ => c,
            }));
            each(lowered);
        } else {
            each(word);
        }
    }
}

/// The small ASCII letters and the digits.
const SMALL_OR_DIGIT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x80 {
        table[b] = (b as u8).is_ascii_lowercase() || (b as u8).is_ascii_digit();
        b += 1;
    }
    table
};

/// What a character that is not ASCII is to [`for_each_word`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Neither a letter nor a digit.
    Other,
    /// A capital letter of Latin-1 (U+00C0 to U+00DE but ×).
    Latin1Upper,
    /// A small letter of Latin-1 (U+00DF to U+00FF but ÷).
    Latin1Lower,
    /// Any other letter or digit.
    Wide,
}

/// The kind of the character that starts at byte `at` of `text` (not ASCII), and its
/// length in bytes.
fn classify(text: &str, at: usize) -> (Kind, usize) {
    let bytes = text.as_bytes();
    if bytes[at] == 0xC3 {
        // A character from U+00C0 to U+00FF: its second byte is `80` to `BF`.
        return match bytes[at + 1] {
            0x97 | 0xB7 => (Kind::Other, 2),
            0x80..=0x9E => (Kind::Latin1Upper, 2),
            _ => (Kind::Latin1Lower, 2),
        };
    }
    let c = text[at..].chars().next().unwrap_or(' ');
    let kind = if c.is_alphanumeric() {
        Kind::Wide
    } else {
        Kind::Other
    };
    (kind, c.len_utf8())
}

/// Appends `s` as a JSON string that is also safe inside a `<script>` file. Runs of text
/// that need no escape are copied whole; the text is scanned byte by byte, as everything
/// escaped is ASCII but U+2028 and U+2029 (`E2 80 A8`, `E2 80 A9` in UTF-8), and every
/// position where one of them starts is the start of a character.
fn json(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        // Most bytes need no escape: stepped over in a tight loop.
        while at < bytes.len() && !ESCAPE_START[usize::from(bytes[at])] {
            at += 1;
        }
        let Some(&b) = bytes.get(at) else {
            break;
        };
        let (escaped, len) = match b {
            b'"' => ("\\\"", 1),
            b'\\' => ("\\\\", 1),
            b'<' => ("\\u003c", 1),
            0xE2 if bytes.get(at + 1) == Some(&0x80) => match bytes.get(at + 2) {
                Some(0xA8) => ("\\u2028", 3),
                Some(0xA9) => ("\\u2029", 3),
                _ => {
                    at += 1;
                    continue;
                }
            },
            b if b < 0x20 => ("", 1),
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&s[copied..at]);
        if escaped.is_empty() {
            let _ = write!(out, "\\u{:04x}", b);
        } else {
            out.push_str(escaped);
        }
        at += len;
        copied = at;
    }
    out.push_str(&s[copied..]);
    out.push('"');
}

/// The first `n` characters of `text` (all of it if it has fewer).
fn first_chars(text: &str, n: usize) -> &str {
    // A text of `n` bytes or fewer has at most `n` characters.
    if text.len() <= n {
        return text;
    }
    let mut seen = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        // Every byte but a continuation byte (`10xxxxxx`) starts a character.
        if b & 0xC0 != 0x80 {
            if seen == n {
                return &text[..i];
            }
            seen += 1;
        }
    }
    text
}

/// The bytes where [`json`] may have to escape something: control characters, `"`, `\\`,
/// `<`, and `E2`, which starts U+2028 and U+2029.
const ESCAPE_START: [bool; 256] = {
    let mut start = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        start[b] = true;
        b += 1;
    }
    start[b'"' as usize] = true;
    start[b'\\' as usize] = true;
    start[b'<' as usize] = true;
    start[0xE2] = true;
    start
};

fn base36(out: &mut String, mut n: u32) {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [0u8; 8];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = DIGITS[(n % 36) as usize];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    // The digits are ASCII, each its own character.
    out.extend(buf[i..].iter().map(|&b| char::from(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_forms_share_a_stem() {
        let sv = Stemmer::create(algorithm(Language::Sv));
        assert_eq!(sv.stem("sjukvården"), sv.stem("sjukvård"));
        let da = Stemmer::create(algorithm(Language::Da));
        assert_eq!(da.stem("kommunerne"), da.stem("kommune"));
        let nb = Stemmer::create(algorithm(Language::Nb));
        assert_eq!(nb.stem("kommunene"), nb.stem("kommune"));
    }

    fn fast_words(text: &str) -> Vec<String> {
        let mut lowered = String::new();
        let mut found = Vec::new();
        for_each_word(text, &mut lowered, |w| found.push(w.to_string()));
        found
    }

    #[test]
    fn fast_words_are_words() {
        for text in [
            "Ärende 12, ÅSA och åsa; İstanbul ǅemal ΣΟΦΙΑ x--y ½ 3² Region HALLAND mOdell",
            "",
            " \u{a0}—",
            "ÅÄÖ",
            "end.«Citat»ord\u{2028}x\u{0}y",
            "ÆRØ×ÿ÷ßÞþ Œuvre ĀBC ÉcoleΣ",
        ] {
            assert_eq!(
                fast_words(text),
                words(text).collect::<Vec<_>>(),
                "{text:?}"
            );
        }
        // Every character up to U+0600, alone, beside ASCII letters of both cases and beside
        // a Latin-1 capital.
        for c in (0..0x600).filter_map(char::from_u32) {
            let text = format!("{c} a{c}B Ö{c}x {c}{c}");
            assert_eq!(fast_words(&text), words(&text).collect::<Vec<_>>(), "{c:?}");
        }
    }

    #[test]
    fn first_chars_cuts_at_a_character() {
        assert_eq!(first_chars("åäö", 2), "åä");
        assert_eq!(first_chars("åäö", 3), "åäö");
        assert_eq!(first_chars("abc", 5), "abc");
        assert_eq!(first_chars("a€b", 2), "a€");
        assert_eq!(first_chars("", 0), "");
        assert_eq!(first_chars("ab", 0), "");
    }

    fn page(n: usize, title: &str) -> Page {
        Page {
            file: None,
            source: format!("p{n}.md").into(),
            url_dir: format!("p{n}/"),
            front: Default::default(),
            title: title.to_string(),
            title_from_heading: false,
            text: String::new(),
            body_offset: 0,
            is_section: false,
            parent: None,
            children: Vec::new(),
            depth: 1,
            glossary: None,
            stand_in: false,
        }
    }

    /// The files [`build`] writes for `pages`, by path.
    fn built(
        language: Language,
        pages: &[Page],
        rendered: &[Rendered],
        site_title: &str,
    ) -> std::collections::BTreeMap<String, Vec<u8>> {
        let files = std::sync::Mutex::new(std::collections::BTreeMap::new());
        build(language, pages, rendered, site_title, &|rel, bytes| {
            files
                .lock()
                .unwrap()
                .insert(rel.to_string(), bytes.to_vec());
            Ok(())
        })
        .unwrap();
        files.into_inner().unwrap()
    }

    /// The JSON value a script file assigns or passes: what follows `prefix`, without the
    /// closing `end`.
    fn script_value(script: &[u8], prefix: &str, end: &str) -> serde_json::Value {
        let script = std::str::from_utf8(script).unwrap();
        let value = script
            .strip_prefix(prefix)
            .unwrap()
            .strip_suffix(end)
            .unwrap();
        serde_json::from_str(value).unwrap()
    }

    /// Over more pages than the index takes at a time (shards are made in parallel, pages'
    /// stems found some shards at a time), every page is found by exactly the stems of its
    /// words, every form that is not its own stem is in the forms table, and each shard
    /// holds its pages' texts in order.
    #[test]
    fn many_pages_are_indexed_as_their_words_say() {
        let count = 17 * SHARD_SIZE + 7;
        let pages: Vec<Page> = (0..count).map(|n| page(n, &format!("Sida {n}"))).collect();
        let rendered: Vec<Rendered> = (0..count)
            .map(|n| Rendered {
                html: format!(
                    "<p>Kommunerna ord{} och ord{} <em>vård</em>{}</p>",
                    n % 7,
                    n % 13,
                    if n % 5 == 0 { " Sjukvården" } else { "" }
                ),
                ..Rendered::default()
            })
            .collect();
        let files = built(Language::Sv, &pages, &rendered, "Rapport");
        assert_eq!(files.len(), 1 + count.div_ceil(SHARD_SIZE));

        let index = script_value(
            &files["search-index.js"],
            "window.insiktSearchIndex=",
            ";\n",
        );
        let stems = unfront(index["stems"].as_array().unwrap());
        let stems: Vec<&str> = stems.iter().map(String::as_str).collect();
        assert!(stems.windows(2).all(|w| w[0] < w[1]));
        let mut found: Vec<std::collections::BTreeSet<&str>> = vec![Default::default(); count];
        for (stem, list) in stems.iter().zip(index["post"].as_array().unwrap()) {
            let list = decode(list.as_str().unwrap());
            assert!(
                list.windows(2).all(|w| w[0] < w[1]),
                "pages listed once, in order"
            );
            for page in list {
                found[page as usize].insert(stem);
            }
        }
        let stemmer = Stemmer::create(algorithm(Language::Sv));
        let mut forms = std::collections::BTreeMap::new();
        for (n, r) in rendered.iter().enumerate() {
            let text = plain_text(&r.html);
            let mut expected = std::collections::BTreeSet::new();
            for word in words(&pages[n].title).chain(words(&text)) {
                let stem = stemmer.stem(&word).into_owned();
                if stem != word {
                    forms.insert(word, stems.binary_search(&stem.as_str()).unwrap());
                }
                expected.insert(stem);
            }
            let found: std::collections::BTreeSet<String> =
                found[n].iter().map(|s| s.to_string()).collect();
            assert_eq!(found, expected, "page {n}");
        }
        let table: std::collections::BTreeMap<String, usize> =
            (index["forms"].as_object().unwrap().iter())
                .map(|(form, stem)| (form.clone(), stem.as_u64().unwrap() as usize))
                .collect();
        assert_eq!(table, forms);

        for (n, chunk) in rendered.chunks(SHARD_SIZE).enumerate() {
            let shard = script_value(
                &files[&format!("search/text-{n}.js")],
                &format!("window.insiktSearchText({n},"),
                ");\n",
            );
            let texts: Vec<String> = chunk.iter().map(|r| plain_text(&r.html)).collect();
            assert_eq!(shard, serde_json::json!(texts));
        }
    }

    /// Front-coded stems as `search.js` reads them: a base-36 digit, how many UTF-16 code
    /// units of the stem before to keep, then the rest.
    fn unfront(coded: &[serde_json::Value]) -> Vec<String> {
        let mut previous: Vec<u16> = Vec::new();
        let mut stems = Vec::new();
        for c in coded {
            let c = c.as_str().unwrap();
            previous.truncate(usize::from_str_radix(&c[..1], 36).unwrap());
            previous.extend(c[1..].encode_utf16());
            stems.push(String::from_utf16(&previous).unwrap());
        }
        stems
    }

    /// The pages of a stem as `search.js` reads them.
    fn decode(list: &str) -> Vec<u32> {
        let mut pages = Vec::new();
        if let Some(bitmap) = list.strip_prefix('!') {
            let (first, bits) = bitmap.split_once(':').unwrap();
            let first = u32::from_str_radix(first, 36).unwrap();
            for (i, c) in bits.bytes().enumerate() {
                let b = BITMAP_DIGITS.iter().position(|&d| d == c).unwrap();
                for k in 0..6 {
                    if b & (1 << k) != 0 {
                        pages.push(first + (i * 6 + k) as u32);
                    }
                }
            }
            return pages;
        }
        let mut last = 0;
        for token in list.split('.') {
            let (delta, run) = token.split_once('-').unwrap_or((token, "0"));
            last += u32::from_str_radix(delta, 36).unwrap();
            pages.push(last);
            for _ in 0..u32::from_str_radix(run, 36).unwrap() {
                last += 1;
                pages.push(last);
            }
        }
        pages
    }

    /// Lists of every shape come back as they went in, each in the shorter form.
    #[test]
    fn page_numbers_are_runs_or_a_bitmap() {
        let encode = |list: &[u32]| {
            let mut out = String::new();
            page_numbers(&mut out, list, &mut String::new());
            out
        };
        assert_eq!(encode(&[0]), "0");
        assert_eq!(encode(&[5]), "5");
        assert_eq!(encode(&[2, 3, 4, 5, 6, 9]), "2-4.3");
        assert_eq!(encode(&[0, 1, 2, 40, 41]), "0-2.12-1");
        let every_other: Vec<u32> = (0..400).map(|n| 37 + 2 * n).collect();
        assert_eq!(
            encode(&every_other),
            format!("!11:{}", "V".repeat(400 / 3) + "B")
        );
        let mut state = 7u32;
        let lists: Vec<Vec<u32>> = vec![
            (0..1000).collect(),
            (0..1000).filter(|n| n % 3 != 0).collect(),
            (0..5000).filter(|n| n % 97 == 5).collect(),
            (0..3000)
                .filter(|_| {
                    state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    state >> 16 & 3 != 0
                })
                .collect(),
            vec![0, 36, 36 * 36, 36 * 36 * 36, u32::MAX / 2],
        ];
        for list in lists {
            let encoded = encode(&list);
            assert_eq!(decode(&encoded), list, "{encoded}");
            let mut runs = String::new();
            page_numbers(&mut runs, &list, &mut String::new());
            assert!(encoded.len() <= runs.len());
        }
    }

    /// Section titles are listed once; each page's folder is what it keeps of the one before
    /// (counted in UTF-16 code units, as JavaScript counts) and the rest.
    #[test]
    fn pages_are_listed_with_sections_once_and_folders_front_coded() {
        let mut pages = vec![page(0, ""), page(1, "Hälsa"), page(2, "Sjukvård 2")];
        pages[0].url_dir = String::new();
        pages[1].url_dir = "hälsa/".into();
        pages[2].url_dir = "hälsa/𝄞 vård/".into();
        pages[2].parent = Some(1);
        let mut third = page(3, "Tandvård");
        third.url_dir = "hälsa/𝄞 tand/".into();
        third.parent = Some(1);
        pages.push(third);
        let mut js = String::from("{");
        page_list(&mut js, &pages, "Rapport");
        js.push('}');
        let v: serde_json::Value = serde_json::from_str(&js).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "titles": ["Rapport", "Hälsa", "Sjukvård 2", "Tandvård"],
                "sections": ["Hälsa"],
                "section": [2, 0, 2, 1],
                "keep": [0, 0, 6, 11],
                "path": ["", "hälsa/", "𝄞%20vård/", "tand/"],
            })
        );
    }

    /// Stems sharing more than 35 UTF-16 code units, and characters outside the BMP, come
    /// back as they went in.
    #[test]
    fn stems_are_front_coded() {
        let long = "x".repeat(40);
        let pages = vec![page(0, "")];
        let stems = [
            "a".to_string(),
            "ab".to_string(),
            "b𝐀c".to_string(),
            "b𝐀d".to_string(),
            format!("{long}a"),
            format!("{long}b"),
        ];
        let text = stems.join(" ");
        let rendered = vec![Rendered {
            html: format!("<p>{text}</p>"),
            ..Rendered::default()
        }];
        // English: none of these words is changed by its stemmer.
        let files = built(Language::En, &pages, &rendered, "R");
        let index = script_value(
            &files["search-index.js"],
            "window.insiktSearchIndex=",
            ";\n",
        );
        let coded = index["stems"].as_array().unwrap();
        assert_eq!(coded[3], "3d", "b𝐀 is three UTF-16 code units");
        assert_eq!(coded[5], format!("z{}b", "x".repeat(5)));
        assert_eq!(unfront(coded), stems);
    }

    #[test]
    fn base36_and_json() {
        let mut s = String::new();
        base36(&mut s, 0);
        s.push(' ');
        base36(&mut s, 71);
        assert_eq!(s, "0 1z");
        let mut j = String::new();
        json(&mut j, "a\"</script>");
        assert_eq!(j, "\"a\\\"\\u003c/script>\"");
        let mut j = String::new();
        json(&mut j, "\u{2028}å\u{2029}\u{1}\\é€\u{2027}\u{20ac}\n\u{1f}");
        assert_eq!(j, "\"\\u2028å\\u2029\\u0001\\\\é€\u{2027}€\\u000a\\u001f\"");
    }
}
