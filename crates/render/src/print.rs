//! `print.html`: the whole report on one page, in reading order.
//!
//! Each page's rendered body is included as it is (so charts, tables and worksheets that
//! the Markdown renderer produced come along), with its ids prefixed by `p{index}-` so they
//! stay unique, its links rewritten from the page's folder to the site root, and links to
//! other pages of the report turned into in-page anchors (`#p{index}` or
//! `#p{index}-heading`). Headings are shifted one level down under each page's title.

use insikt_content::Page;
use std::collections::HashMap;
use std::fmt::Write;

/// The anchor of page `index` in `print.html`.
pub fn page_anchor(index: usize) -> String {
    format!("p{index}")
}

/// Whether `page` is printed in the appendix: worksheets are forms to copy and fill in,
/// so on paper they follow the report, led by their overview page.
pub fn in_appendix(page: &Page, language: insikt_core::language::Language) -> bool {
    page.front.kind == Some(insikt_core::vocabulary::Kind::Worksheet)
        || page.url_dir.strip_suffix('/') == Some(language.worksheets_folder())
}

/// What [`chapter_placeholder`] begins with. A NUL character never comes out of the
/// Markdown renderer (it replaces it) nor of the templates' escaping of text.
const PLACEHOLDER_START: &str = "\u{0}insikt-chapter-";

/// The stand-in for page `index`'s body in the rendered `print.html` template.
pub fn chapter_placeholder(index: usize) -> String {
    format!("{PLACEHOLDER_START}{index}\u{0}")
}

/// A piece of `print.html`: text of the rendered template, or the place of a page's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text of the rendered template, as it is.
    Text(&'a str),
    /// The body of page `index` (see [`rewrite_body`]).
    Chapter(usize),
}

/// `print.html` as pieces to write one after the other: the rendered template `frame`
/// cut at each placeholder of one of the `chapters` pages' bodies (wherever and as often
/// as the template put it), so that the bodies can be made as the file is written rather
/// than held all at once.
pub fn pieces(frame: &str, chapters: usize) -> Vec<Piece<'_>> {
    let mut pieces = Vec::with_capacity(2 * chapters + 1);
    let mut rest = frame;
    while let Some(at) = rest.find(PLACEHOLDER_START) {
        let after = &rest[at + PLACEHOLDER_START.len()..];
        let chapter = after
            .find('\u{0}')
            .and_then(|end| Some((after[..end].parse::<usize>().ok()?, end)))
            .filter(|&(i, _)| i < chapters);
        match chapter {
            Some((i, end)) => {
                pieces.push(Piece::Text(&rest[..at]));
                pieces.push(Piece::Chapter(i));
                rest = &after[end + 1..];
            }
            None => {
                let skip = at + PLACEHOLDER_START.len();
                pieces.push(Piece::Text(&rest[..skip]));
                rest = &rest[skip..];
            }
        }
    }
    pieces.push(Piece::Text(rest));
    pieces
}

/// Rewrites page `index`'s body for `print.html` (see the module docs).
/// `by_url` maps each page's `url_dir` to its index.
pub fn rewrite_body(
    html: &str,
    index: usize,
    pages: &[Page],
    by_url: &HashMap<&str, usize>,
) -> String {
    let base = &pages[index].url_dir;
    let shifted = if index == 0 {
        html.to_string()
    } else {
        shift_headings(html)
    };
    let mut out = String::with_capacity(shifted.len() + 256);
    // Every attribute rewritten here ends in `="`: the text is scanned once for that, and
    // the name before it decides (searching for each attribute anew after every match made
    // this quadratic in the number of attributes per page).
    let mut copied = 0;
    let mut from = 0;
    while let Some(found) = shifted[from..].find("=\"") {
        let at = from + found;
        let before = &shifted[copied..at];
        let after = &shifted[at + 2..];
        let attribute = if before.ends_with(" fill") && after.starts_with("url(#") {
            Some((Attribute::Fill, at + 2 + "url(#".len()))
        } else {
            REWRITTEN
                .iter()
                .find(|(name, _)| before.ends_with(name))
                .map(|&(_, kind)| (kind, at + 2))
        };
        let Some((kind, value_start)) = attribute else {
            from = at + 2;
            continue;
        };
        let Some(len) = shifted[value_start..].find('"') else {
            break;
        };
        let value = &shifted[value_start..value_start + len];
        out.push_str(&shifted[copied..value_start]);
        match kind {
            Attribute::Href => out.push_str(&rewrite_url(value, base, index, by_url, true)),
            Attribute::Src => out.push_str(&rewrite_url(value, base, index, by_url, false)),
            // A chart's pattern fill, `url(#figur-2-p1)`: the pattern's id is prefixed too.
            Attribute::Fill => {
                let _ = write!(out, "p{index}-{value}");
            }
            Attribute::Ids => {
                // An id, or a space-separated list of ids.
                for (k, id) in value.split(' ').enumerate() {
                    if k > 0 {
                        out.push(' ');
                    }
                    if !id.is_empty() {
                        let _ = write!(out, "p{index}-{id}");
                    }
                }
            }
        }
        copied = value_start + len;
        from = copied;
    }
    out.push_str(&shifted[copied..]);
    out
}

/// How [`rewrite_body`] rewrites an attribute's value.
#[derive(Clone, Copy)]
enum Attribute {
    /// A link, rewritten to the site root or to an anchor in `print.html`.
    Href,
    /// An image or other embedded file, rewritten to the site root.
    Src,
    /// A chart's `fill="url(#…)"`.
    Fill,
    /// An id or a space-separated list of ids, prefixed with the page's.
    Ids,
}

/// The attributes [`rewrite_body`] rewrites (besides `fill="url(#…)"`), with a space before.
const REWRITTEN: [(&str, Attribute); 7] = [
    (" id", Attribute::Ids),
    (" href", Attribute::Href),
    (" src", Attribute::Src),
    (" for", Attribute::Ids),
    (" aria-describedby", Attribute::Ids),
    (" aria-labelledby", Attribute::Ids),
    (" aria-controls", Attribute::Ids),
];

fn rewrite_url(
    value: &str,
    base: &str,
    index: usize,
    by_url: &HashMap<&str, usize>,
    link: bool,
) -> String {
    if let Some(fragment) = value.strip_prefix('#') {
        return format!("#p{index}-{fragment}");
    }
    if value.starts_with("//") || has_scheme(value) {
        return value.to_string();
    }
    let (path, fragment) = match value.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (value, None),
    };
    let resolved = resolve(base, path);
    if link {
        if let Some(dir) = resolved.strip_suffix("index.html") {
            if let Some(&target) = by_url.get(dir) {
                return match fragment {
                    Some(f) => format!("#p{target}-{f}"),
                    None => format!("#{}", page_anchor(target)),
                };
            }
        }
    }
    match fragment {
        Some(f) => format!("{resolved}#{f}"),
        None => resolved,
    }
}

fn has_scheme(value: &str) -> bool {
    match value.find(':') {
        Some(i) => {
            let scheme = &value[..i];
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Resolves `path`, relative to the folder `base` (`a/b/`), to a path from the site root.
fn resolve(base: &str, path: &str) -> String {
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    out
}

/// `<h2>`…`<h5>` become `<h3>`…`<h6>`; `<h6>` stays.
fn shift_headings(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let bytes = html.as_bytes();
    let mut last = 0;
    let mut from = 0;
    // Only tags can be headings: the text between them is skipped by `find` (memchr).
    while let Some(found) = html[from..].find('<') {
        let i = from + found;
        if i + 3 >= bytes.len() {
            break;
        }
        let digit_at = match bytes[i + 1] {
            b'h' => i + 2,
            b'/' if bytes[i + 2] == b'h' => i + 3,
            _ => {
                from = i + 1;
                continue;
            }
        };
        if digit_at < bytes.len() && (b'1'..=b'5').contains(&bytes[digit_at]) {
            let after = bytes.get(digit_at + 1).copied().unwrap_or(b' ');
            if after == b'>' || after == b' ' {
                out.push_str(&html[last..digit_at]);
                out.push((bytes[digit_at] + 1) as char);
                last = digit_at + 1;
            }
        }
        // Past the digit place, as the byte there is never a tag's start; a character that
        // is not ASCII is stepped over by `find`.
        from = digit_at + usize::from(bytes[digit_at].is_ascii());
    }
    out.push_str(&html[last..]);
    out
}

/// The body of a page rendered through the theme: what lies between
/// `<div class="page-body">` and the end of `<main>` (or the pager), without that `<div>`.
pub fn page_body(html: &str) -> &str {
    const START: &str = "<div class=\"page-body\">";
    let Some(start) = html.find(START).map(|s| s + START.len()) else {
        return "";
    };
    let rest = &html[start..];
    let end = rest
        .find("<nav class=\"pager\"")
        .or_else(|| rest.find("</main>"))
        .unwrap_or(rest.len());
    let body = &rest[..end];
    body.rfind("</div>").map_or(body, |close| &body[..close])
}

/// The generated table of contents: a nested list of every page under the front page but
/// those of the appendix, then a list of the `appendix` pages. Each entry has an empty
/// `span.print-toc-page[data-anchor]` for its page number, which `insikt pdf` fills in.
pub fn toc_html(pages: &[Page], site_title: &str, appendix: &[usize]) -> String {
    let mut out = String::new();
    write_toc(&mut out, pages, &pages[0].children, site_title, appendix);
    if !appendix.is_empty() {
        out.push_str("\n<ol class=\"print-toc-appendix\">");
        for &i in appendix {
            write_entry(&mut out, pages, i, site_title);
            out.push_str("</li>");
        }
        out.push_str("\n</ol>");
    }
    out
}

fn write_toc(
    out: &mut String,
    pages: &[Page],
    level: &[usize],
    site_title: &str,
    appendix: &[usize],
) {
    out.push_str("<ol>");
    for &i in level.iter().filter(|&&i| !appendix.contains(&i)) {
        write_entry(out, pages, i, site_title);
        if !pages[i].children.is_empty() {
            write_toc(out, pages, &pages[i].children, site_title, appendix);
        }
        out.push_str("</li>");
    }
    out.push_str("\n</ol>");
}

fn write_entry(out: &mut String, pages: &[Page], i: usize, site_title: &str) {
    let title = if pages[i].title.is_empty() {
        site_title
    } else {
        &pages[i].title
    };
    let anchor = page_anchor(i);
    let _ = write!(
        out,
        "\n<li><a href=\"#{anchor}\"><span class=\"print-toc-title\">{}</span> <span class=\"print-toc-page\" data-anchor=\"{anchor}\"></span></a>",
        super::escape(title)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_paths() {
        assert_eq!(resolve("a/b/", "../c/index.html"), "a/c/index.html");
        assert_eq!(resolve("", "bilder/x.svg"), "bilder/x.svg");
        assert_eq!(resolve("a/", "../../x"), "x");
    }

    #[test]
    fn chapters_fill_their_placeholders() {
        let frame = format!(
            "<main>{}|{}|{}</main>\u{0}insikt-chapter-x",
            chapter_placeholder(1),
            chapter_placeholder(0),
            chapter_placeholder(1)
        );
        let chapters = ["noll", "ett"];
        let filled: String = pieces(&frame, chapters.len())
            .into_iter()
            .map(|p| match p {
                Piece::Text(text) => text,
                Piece::Chapter(i) => chapters[i],
            })
            .collect();
        assert_eq!(filled, "<main>ett|noll|ett</main>\u{0}insikt-chapter-x");
    }

    #[test]
    fn shifts_headings_once() {
        assert_eq!(
            shift_headings("<h2 id=\"a\">A</h2><h5>B</h5><h6>C</h6><hr>"),
            "<h3 id=\"a\">A</h3><h6>B</h6><h6>C</h6><hr>"
        );
        // Ends of text, characters that are not ASCII where a digit would be, a tag start
        // right after `<h` (not a heading, as before), `<hr>` and `<header>`.
        for (html, shifted) in [
            ("</h2", "</h3"),
            ("<h2", "<h2"),
            ("<h2>", "<h3>"),
            ("a<hé<h1 x>é</h1>", "a<hé<h2 x>é</h2>"),
            ("<h<h2>", "<h<h2>"),
            ("</hé>ö<h4><hr><header></h4>", "</hé>ö<h5><hr><header></h5>"),
        ] {
            assert_eq!(shift_headings(html), shifted, "{html:?}");
        }
    }
}
