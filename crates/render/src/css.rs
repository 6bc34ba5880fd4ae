//! Text as a CSS string, for the `css_string` template filter: a page's title in
//! `<style>:root { --print-title: … }</style>`, which the print style sheets show in the page
//! margins (`@page` margin boxes take no text from the document itself in Chromium).

use std::collections::HashMap;
use std::fmt::Write;

/// `text` as a quoted CSS string in which every character but ASCII letters, digits,
/// spaces and non-ASCII letters is a hexadecimal escape: safe inside `<style>` (no `<`, `>`,
/// `&`, quote or backslash is left) and in any CSS value.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == ' ' || (!c.is_ascii() && c.is_alphanumeric()) {
            out.push(c);
        } else {
            // The trailing space ends the escape; CSS drops it.
            let _ = write!(out, "\\{:x} ", u32::from(c));
        }
    }
    out.push('"');
    out
}

/// The `css_string` filter: a string value as [`css_string`] (use it with `| safe`).
pub fn css_string_filter(
    value: &tera::Value,
    _: &HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("css_string takes a string"))?;
    Ok(tera::Value::String(css_string(text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_could_end_the_string_or_the_style() {
        assert_eq!(css_string("Åsa 1"), "\"Åsa 1\"");
        assert_eq!(
            css_string("a\"</style>\\\n"),
            "\"a\\22 \\3c \\2f style\\3e \\5c \\a \""
        );
    }
}
