//! HTML escaping: the one function every part of insikt (and Tera, for the templates) uses to
//! put text into markup.

/// Escapes text for HTML, copying unchanged runs whole (Tera calls this for every value).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_characters_only() {
        assert_eq!(
            escape("Ärende <a> & \"b\" 'c' / d"),
            "Ärende &lt;a&gt; &amp; &quot;b&quot; &#39;c&#39; / d"
        );
        assert_eq!(escape("åäö"), "åäö");
    }
}
