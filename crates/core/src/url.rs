//! URLs: which ones from the input may become a link, and how a path is written into one.
//!
//! Links may use `http`, `https`, `mailto` and relative paths, and images also
//! `data:image/…`. Any other scheme (`javascript:`, `vbscript:`, `data:` for anything but an
//! image, `file:`) is refused, so no report can put script behind a link its reader clicks.
//! Markdown links and a question set's `provenance.url` are checked by the same rule.

/// Schemes a link may use.
const ALLOWED: &[&str] = &["http", "https", "mailto"];

/// The URL's scheme, lower-cased, as a browser reads it: leading spaces and control
/// characters are skipped and tabs and line breaks anywhere are ignored (so
/// `java\tscript:` is `javascript:`). `None` for a relative URL.
pub fn scheme(url: &str) -> Option<String> {
    let mut scheme = String::new();
    let chars = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    for c in chars {
        match c {
            ':' if !scheme.is_empty() => return Some(scheme),
            c if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
            c if !scheme.is_empty() && (c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) => {
                scheme.push(c)
            }
            _ => return None,
        }
    }
    None
}

/// The scheme of `url` when a link or image (`image`) must not use it; `None` when the
/// URL is relative or allowed.
pub fn refused_scheme(url: &str, image: bool) -> Option<String> {
    let scheme = scheme(url)?;
    if ALLOWED.contains(&scheme.as_str()) {
        return None;
    }
    if image && scheme == "data" && is_inline_image(url) {
        return None;
    }
    Some(scheme)
}

/// True for `data:image/…`, an image written into the page itself.
pub fn is_inline_image(url: &str) -> bool {
    let compact: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take("data:image/".len())
        .collect();
    compact.eq_ignore_ascii_case("data:image/")
}

/// `url` for a message: at most 60 characters, cut with `…` (a `data:` URL can be long).
pub fn shorten(url: &str) -> String {
    match url.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &url[..at]),
        None => url.to_string(),
    }
}

/// What to tell an author whose link uses a refused scheme.
pub const HELP: &str = "links may use `https:`, `http:` or `mailto:`, or point to a file of the report with a relative path; other schemes such as `javascript:` or `data:` could run code in the reader's browser";

/// Percent-encodes the few characters that would break a relative URL path.
pub fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            '%' => out.push_str("%25"),
            '"' => out.push_str("%22"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_read_as_a_browser_reads_them() {
        assert_eq!(scheme("https://example.org").as_deref(), Some("https"));
        assert_eq!(scheme("JavaScript:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(
            scheme(" \u{1}java\tscr\nipt:x").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme("kapitel.md#del:1"), None);
        assert_eq!(scheme("../a.md"), None);
        assert_eq!(scheme("//cdn.example.org/x.js"), None);
        assert_eq!(scheme("java%73cript:x"), None);
        assert_eq!(scheme(":x"), None);
    }

    #[test]
    fn only_web_mail_relative_and_inline_images_pass() {
        for ok in [
            "https://a.se",
            "HTTP://a.se",
            "mailto:a@b.se",
            "a.md",
            "/x.png",
            "#id",
        ] {
            assert_eq!(refused_scheme(ok, false), None, "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "vbscript:x",
            "data:text/html,<b>",
            "file:///etc/passwd",
        ] {
            assert!(refused_scheme(bad, false).is_some(), "{bad}");
            assert!(refused_scheme(bad, true).is_some(), "{bad}");
        }
        assert_eq!(refused_scheme("data:image/png;base64,AAAA", true), None);
        assert_eq!(refused_scheme("DATA:Image/svg+xml,<svg/>", true), None);
        assert_eq!(
            refused_scheme("data:image/png;base64,AAAA", false).as_deref(),
            Some("data")
        );
    }
}
