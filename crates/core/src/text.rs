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
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut out, &rest[..lt]);
        if let Some((_, close)) = SKIPPED
            .iter()
            .find(|(open, _)| rest[lt..].starts_with(open))
        {
            match rest[lt..].find(close) {
                Some(end) => {
                    out.push(' ');
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
                    out.push(' ');
                }
                rest = &rest[lt + gt + 1..];
            }
            None => {
                rest = "";
            }
        }
    }
    push_decoded(&mut out, rest);
    let mut collapsed = String::with_capacity(out.len());
    for word in out.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    collapsed
}

/// True for tags inside running text, which must not split a word (`<em>`, `</a>`, …).
fn is_inline_tag(tag: &str) -> bool {
    let name = tag.trim_start_matches('/');
    let name = name
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or("");
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

fn push_decoded(out: &mut String, text: &str) {
    if !text.contains('&') {
        out.push_str(text);
        return;
    }
    out.push_str(
        &text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&"),
    );
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

    #[test]
    fn plain_text_drops_tags_and_decodes() {
        assert_eq!(
            plain_text("<p>Vård &amp; <em>omsorg</em>s</p><p>x &lt; y</p>"),
            "Vård & omsorgs x < y"
        );
    }
}
