//! Finding link destinations and headings in Markdown, with where they are written, so an
//! import can rewrite just the destinations and leave every other byte as it was.

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The Markdown extensions insikt renders with, so links and headings are found as insikt
/// will see them.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
}

/// A link or image destination written in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    /// The bytes of the destination as written (inside `<…>` when it is so written).
    pub range: Range<usize>,
    /// The destination as Markdown reads it.
    pub url: String,
    /// True for a `src` or `href` attribute in HTML written in the Markdown, which insikt
    /// passes through as it is (so it must be a URL relative to the page's output).
    pub in_html: bool,
}

/// Every destination of an inline link or image and of a link reference definition in
/// `text`, in order. Autolinks and links to definitions are not listed (the definition is).
pub fn destinations(text: &str) -> Vec<Destination> {
    let mut found = Vec::new();
    let mut parser = Parser::new_ext(text, options()).into_offset_iter();
    for (event, range) in parser.by_ref() {
        if let Event::Html(_) | Event::InlineHtml(_) = event {
            found.extend(html_destinations(text, range));
            continue;
        }
        let (link_type, url) = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            })
            | Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) => (link_type, dest_url),
            _ => continue,
        };
        if link_type != LinkType::Inline {
            continue;
        }
        if let Some(at) = inline_destination(&text[range.clone()]) {
            found.push(Destination {
                range: range.start + at.start..range.start + at.end,
                url: url.to_string(),
                in_html: false,
            });
        }
    }
    for (_, def) in parser.reference_definitions().iter() {
        let span = def.span.clone();
        if let Some(at) = definition_destination(&text[span.clone()]) {
            found.push(Destination {
                range: span.start + at.start..span.start + at.end,
                url: def.dest.to_string(),
                in_html: false,
            });
        }
    }
    found.sort_by_key(|d| d.range.start);
    found.dedup_by_key(|d| d.range.start);
    found
}

/// The quoted `src` and `href` attribute values in the HTML at `range` of `text`.
fn html_destinations(text: &str, range: Range<usize>) -> Vec<Destination> {
    let html = &text[range.clone()];
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    for name in ["src", "href"] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(name) {
            let start = from + at;
            from = start + name.len();
            let preceded = start > 0 && lower.as_bytes()[start - 1].is_ascii_whitespace();
            let rest = &html[from..];
            let after_eq = match rest.trim_start().strip_prefix('=') {
                Some(r) if preceded => r.trim_start(),
                _ => continue,
            };
            let Some(quote) = after_eq.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            let value_start = html.len() - after_eq.len() + 1;
            let Some(len) = html[value_start..].find(quote) else {
                continue;
            };
            found.push(Destination {
                range: range.start + value_start..range.start + value_start + len,
                url: html[value_start..value_start + len].to_string(),
                in_html: true,
            });
        }
    }
    found
}

/// Where the destination is in the source of an inline link, `[text](dest "title")`: after
/// the last `](` from which a destination, an optional title and `)` run to the end.
fn inline_destination(link: &str) -> Option<Range<usize>> {
    let mut search_end = link.len();
    while let Some(open) = link[..search_end].rfind("](") {
        let start = open + 2;
        if let Some(range) = destination_at(link, start) {
            let rest = link[range.end..].trim_start_matches('>');
            let rest = rest.trim();
            let closes = rest == ")" || rest.ends_with(')') && is_title(&rest[..rest.len() - 1]);
            if closes {
                return Some(range);
            }
        }
        search_end = open;
    }
    None
}

/// Where the destination is in a reference definition, `[label]: dest "title"`.
fn definition_destination(def: &str) -> Option<Range<usize>> {
    let colon = def.find("]:")?;
    destination_at(def, colon + 2)
}

/// The destination starting at `from` (after white space): `<…>` (the range is inside the
/// brackets) or a run without white space and with balanced parentheses.
fn destination_at(text: &str, from: usize) -> Option<Range<usize>> {
    let skipped = text[from..].len() - text[from..].trim_start().len();
    let start = from + skipped;
    let rest = &text[start..];
    if let Some(inner) = rest.strip_prefix('<') {
        let end = inner.find('>')?;
        return Some(start + 1..start + 1 + end);
    }
    let mut depth = 0i32;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '(' => depth += 1,
            ')' if depth == 0 => return Some(start..start + i),
            ')' => depth -= 1,
            c if c.is_whitespace() => return Some(start..start + i),
            _ => {}
        }
    }
    Some(start..start + rest.len())
}

fn is_title(text: &str) -> bool {
    let t = text.trim();
    t.is_empty()
        || t.len() >= 2
            && matches!(
                (t.chars().next(), t.chars().last()),
                (Some('"'), Some('"')) | (Some('\''), Some('\'')) | (Some('('), Some(')'))
            )
}

/// Replaces each range of `text` with its new text; ranges must not overlap.
pub fn replace(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len() + edits.len() * 8);
    let mut at = 0;
    for (range, new) in edits {
        out.push_str(&text[at..range.start]);
        out.push_str(&new);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A heading as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Its text without Markdown marks.
    pub text: String,
    /// An id given with `{#id}`.
    pub explicit_id: Option<String>,
    /// True for a level-1 heading that is the text's first block.
    pub opens_text: bool,
}

/// The headings of `text`, in order.
pub fn headings(text: &str) -> Vec<Heading> {
    let mut found = Vec::new();
    let mut current: Option<Heading> = None;
    let mut first_block = true;
    for event in Parser::new_ext(text, options()) {
        let starts = matches!(event, Event::Start(_));
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some(Heading {
                    text: String::new(),
                    explicit_id: id.map(|i| i.to_string()),
                    opens_text: first_block && level == HeadingLevel::H1,
                });
            }
            Event::End(TagEnd::Heading(_)) => found.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = current.as_mut() {
                    h.text.push_str(&t);
                }
            }
            _ => {}
        }
        if starts {
            first_block = false;
        }
    }
    found
}

/// True for a destination with a URL scheme (`https:`, `mailto:`) or a host (`//…`).
pub fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Decodes `%XX` escapes (as a browser does before asking for a file); other text is kept.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dests(text: &str) -> Vec<(&str, String)> {
        destinations(text)
            .into_iter()
            .map(|d| (&text[d.range], d.url))
            .collect()
    }

    #[test]
    fn finds_inline_links_images_and_definitions() {
        let text = "See [a](../a/README.md#h \"T\") and ![i](img/x.png).\n\n\
                    [b][r] and [c](<my file.md>)\n\n```\n[no](x.md)\n```\n\n[r]: b.md\n";
        assert_eq!(
            dests(text),
            [
                ("../a/README.md#h", "../a/README.md#h".to_string()),
                ("img/x.png", "img/x.png".to_string()),
                ("my file.md", "my file.md".to_string()),
                ("b.md", "b.md".to_string()),
            ]
        );
    }

    #[test]
    fn finds_src_and_href_in_html() {
        let text = "<img alt=\"x\" src=\"img/a.svg\" class=\"c\" />\n\nText <a HREF='b.md#h'>b</a> and data-src=\"no\".\n\n```html\n<img src=\"code.png\">\n```\n";
        let found: Vec<(&str, bool)> = destinations(text)
            .into_iter()
            .map(|d| (&text[d.range], d.in_html))
            .collect();
        assert_eq!(found, [("img/a.svg", true), ("b.md#h", true)]);
    }

    #[test]
    fn nested_brackets_and_parentheses() {
        let text = "[a [b] c](x_(1).md) ![alt [l](in.md)](out.png)";
        let found = dests(text);
        assert!(
            found.contains(&("x_(1).md", "x_(1).md".to_string())),
            "{found:?}"
        );
        assert!(
            found.contains(&("out.png", "out.png".to_string())),
            "{found:?}"
        );
        assert!(found.contains(&("in.md", "in.md".to_string())), "{found:?}");
    }

    #[test]
    fn replace_keeps_other_bytes() {
        let text = "[a](x.md) and [b](y.md)";
        let edits = destinations(text)
            .into_iter()
            .map(|d| (d.range, format!("new-{}", d.url)))
            .collect();
        assert_eq!(replace(text, edits), "[a](new-x.md) and [b](new-y.md)");
    }

    #[test]
    fn headings_with_explicit_ids_and_the_opening_heading() {
        let h = headings("# Title\n\nText\n\n## A `b` {#c}\n\n# Later\n");
        assert_eq!(h.len(), 3);
        assert!(h[0].opens_text);
        assert_eq!(h[1].text, "A b");
        assert_eq!(h[1].explicit_id.as_deref(), Some("c"));
        assert!(!h[2].opens_text);
        assert!(!headings("Text\n\n# Late\n")[0].opens_text);
    }

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("my%20file.md"), "my file.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("a%2"), "a%2");
    }
}
