//! Text as search and the glossary see it: the plain text of rendered HTML, its words, and
//! the Snowball stemming algorithm of each language (so inflected forms count as one).

use crate::language::Language;
use rust_stemmers::Algorithm;

/// The Snowball algorithm for a language (nynorsk uses the Norwegian stemmer).
pub fn algorithm(language: Language) -> Algorithm {
    match language {
        Language::Sv => Algorithm::Swedish,
        Language::Da => Algorithm::Danish,
        Language::Nb | Language::Nn => Algorithm::Norwegian,
        Language::Fi => Algorithm::Finnish,
        Language::En => Algorithm::English,
    }
}

/// Splits text into lower-cased words (runs of letters and digits).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The plain text of an HTML fragment: tags dropped, the few entities the renderer
/// writes decoded, block ends turned into spaces, glossary tooltips and a chart's phone
/// drawing (a second copy of the chart's text, `div.chart-narrow`) left out.
pub fn plain_text(html: &str) -> String {
    /// Elements left out, by their opening and their end (they hold no element of the same
    /// name).
    const SKIPPED: &[(&str, &str)] = &[
        ("<span class=\"term-tip\"", "</span>"),
        ("<div class=\"chart-narrow\"", "</div>"),
    ];
    let mut out = Collapsed {
        text: String::with_capacity(html.len()),
        space: false,
    };
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_decoded(&rest[..lt]);
        if let Some((_, close)) = SKIPPED
            .iter()
            .find(|(open, _)| rest[lt..].starts_with(open))
        {
            match rest[lt..].find(close) {
                Some(end) => {
                    out.space = true;
                    rest = &rest[lt + end + close.len()..];
                    continue;
                }
                None => {
                    rest = "";
                    break;
                }
            }
        }
        match rest[lt..].find('>') {
            Some(gt) => {
                if !is_inline_tag(&rest[lt + 1..lt + gt]) {
                    out.space = true;
                }
                rest = &rest[lt + gt + 1..];
            }
            None => {
                rest = "";
            }
        }
    }
    out.push_decoded(rest);
    out.text
}

/// Text with its runs of white space (as [`char::is_whitespace`] sees it) made single
/// spaces and none at either end, built in one pass.
struct Collapsed {
    text: String,
    /// Whether white space came after the last character pushed.
    space: bool,
}

impl Collapsed {
    /// Appends `text` with the few entities the renderer writes decoded (none of them is
    /// white space, so it can be collapsed as it is).
    fn push_decoded(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut copied = 0;
        let mut at = 0;
        while at < bytes.len() {
            // Most bytes are ASCII that stands for itself: stepped over in a tight loop.
            while at < bytes.len() && PLAIN[usize::from(bytes[at])] {
                at += 1;
            }
            let Some(&b) = bytes.get(at) else {
                break;
            };
            let (replacement, len) = match b {
                // A single space between two characters that are not white space (most
                // spaces) stays in the run being copied: the run starts with such a
                // character, and every entity stands for one.
                b' ' if at > copied
                    && bytes
                        .get(at + 1)
                        .is_some_and(|&next| next < 0x80 && !is_ascii_space(next)) =>
                {
                    at += 1;
                    continue;
                }
                b if is_ascii_space(b) => (None, 1),
                b'&' => match ENTITIES.iter().find(|(e, _)| text[at..].starts_with(e)) {
                    Some((entity, decoded)) => (Some(*decoded), entity.len()),
                    None => {
                        at += 1;
                        continue;
                    }
                },
                b if b < 0x80 => {
                    at += 1;
                    continue;
                }
                _ => {
                    // `at` is the start of a character: every byte before it that was
                    // stepped over one at a time is ASCII.
                    let c = text[at..].chars().next().unwrap_or(' ');
                    if !c.is_whitespace() {
                        at += c.len_utf8();
                        continue;
                    }
                    (None, c.len_utf8())
                }
            };
            self.push_word(&text[copied..at]);
            match replacement {
                Some(decoded) => self.push_word(decoded),
                None => self.space = true,
            }
            at += len;
            copied = at;
        }
        self.push_word(&text[copied..]);
    }

    /// Appends `word`, which holds no white space, after a space if white space came before.
    fn push_word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if self.space && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.space = false;
        self.text.push_str(word);
    }
}

/// The bytes [`Collapsed::push_decoded`] copies as they are without looking further: ASCII
/// but white space and `&`.
const PLAIN: [bool; 256] = {
    let mut plain = [false; 256];
    let mut b = 0;
    while b < 0x80 {
        plain[b] = !is_ascii_space(b as u8) && b != b'&' as usize;
        b += 1;
    }
    plain
};

/// The ASCII characters [`char::is_whitespace`] is true for.
const fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// The entities the renderer writes, and what they stand for.
const ENTITIES: [(&str, &str); 5] = [
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", "\""),
    ("&#39;", "'"),
    ("&amp;", "&"),
];

/// True for tags inside running text, which must not split a word (`<em>`, `</a>`, …).
fn is_inline_tag(tag: &str) -> bool {
    let tag = tag.trim_start_matches('/');
    let end = tag
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(tag.len());
    let name = &tag[..end];
    matches!(
        name,
        "a" | "em"
            | "strong"
            | "code"
            | "span"
            | "mark"
            | "sup"
            | "sub"
            | "del"
            | "abbr"
            | "dfn"
            | "s"
            | "kbd"
            | "q"
            | "small"
            | "b"
            | "i"
            | "u"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_charts_phone_drawing_is_read_once() {
        let html = "<figure><div class=\"chart-wide\"><svg><text>Kil</text></svg></div>\
                    <div class=\"chart-narrow\"><svg><text>Kil</text></svg></div>\
                    <p>Källa</p></figure>";
        assert_eq!(plain_text(html), "Kil Källa");
    }

    /// White space of every kind is collapsed as `split_whitespace` does, across tags and
    /// entities, and entities decode as the replacements one after the other did.
    #[test]
    fn white_space_and_entities_as_one_pass() {
        fn reference(text: &str) -> String {
            let decoded = text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            decoded.split_whitespace().collect::<Vec<_>>().join(" ")
        }
        for text in [
            "",
            "   ",
            " a\t\n\r\u{b}\u{c}b ",
            "x\u{a0}y\u{2003}z\u{3000}\u{85}w\u{1c}v\u{2028}u",
            "&amp;lt; &&lt;amp; &quot;&#39;&gt;&amp &lt",
            "å&amp;ä ö\u{feff}€",
        ] {
            assert_eq!(plain_text(text), reference(text), "{text:?}");
        }
        assert_eq!(
            plain_text(" <p> a <em>b</em>c</p>\n<p>\u{a0}d&amp;</p> "),
            "a bc d&"
        );
    }

    #[test]
    fn inline_tags_by_name() {
        for (tag, inline) in [
            ("em", true),
            ("/em", true),
            ("span class=\"x\"", true),
            ("a\thref=\"#\"", true),
            ("b/", true),
            ("//i", true),
            ("p", false),
            ("emx", false),
            ("", false),
            ("a\u{a0}x", true),
            ("a\u{e5} x", false),
            ("\u{e5}", false),
        ] {
            assert_eq!(is_inline_tag(tag), inline, "{tag:?}");
        }
    }

    #[test]
    fn plain_text_drops_tags_and_decodes() {
        assert_eq!(
            plain_text("<p>Vård &amp; <em>omsorg</em>s</p><p>x &lt; y</p>"),
            "Vård & omsorgs x < y"
        );
    }
}
