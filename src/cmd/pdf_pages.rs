//! On which page of a PDF each named destination lies: `insikt pdf` prints `print.html`
//! once, reads where each chapter (`#p3`) starts, and prints it again with those numbers in
//! its contents page. Reads what Chromium (Skia) writes: a classic cross-reference table, a
//! page tree of plain objects, and the destinations as a `/Dests` dictionary in the catalog.
//! Anything else is an error, never a wrong number.

use std::collections::HashMap;

/// Named destination → page number (from 1) in the PDF `pdf`.
pub fn destination_pages(pdf: &[u8]) -> Result<HashMap<String, usize>, String> {
    let doc = Document::read(pdf)?;
    let catalog = doc.object(doc.root)?;
    let pages_root = reference_after(catalog, b"/Pages").ok_or("the catalog has no /Pages")?;
    let mut pages = Vec::new();
    doc.collect_pages(pages_root, &mut pages, 0)?;
    let page_number: HashMap<u32, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, &object)| (object, i + 1))
        .collect();
    let Some(dests) = reference_after(catalog, b"/Dests") else {
        return Ok(HashMap::new());
    };
    let dests = doc.object(dests)?;
    let mut out = HashMap::new();
    let mut rest = dests;
    // Entries: `/name [12 0 R /XYZ 0 841 0]`.
    while let Some(slash) = rest.iter().position(|&b| b == b'/') {
        rest = &rest[slash + 1..];
        let name_len = rest
            .iter()
            .position(|b| b.is_ascii_whitespace() || b"[/<>()".contains(b))
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        rest = &rest[name_len..];
        let after = trim_start(rest);
        if after.first() != Some(&b'[') {
            continue;
        }
        let Some(object) = leading_reference(&after[1..]) else {
            continue;
        };
        if let Some(&page) = page_number.get(&object) {
            out.insert(decode_name(name), page);
        }
        let close = after.iter().position(|&b| b == b']').unwrap_or(after.len());
        rest = &after[close..];
    }
    Ok(out)
}

struct Document<'a> {
    bytes: &'a [u8],
    offsets: HashMap<u32, usize>,
    root: u32,
}

impl<'a> Document<'a> {
    fn read(bytes: &'a [u8]) -> Result<Document<'a>, String> {
        let start = rfind(bytes, b"startxref").ok_or("no startxref: not a PDF")?;
        let mut words = Words::new(&bytes[start + b"startxref".len()..]);
        let xref: usize = words.number().ok_or("startxref without an offset")?;
        let mut words = Words::new(bytes.get(xref..).ok_or("startxref points past the end")?);
        if words.next() != Some(&b"xref"[..]) {
            return Err("no cross-reference table (a compressed one is not read)".into());
        }
        let mut offsets = HashMap::new();
        loop {
            let word = words.next().ok_or("the cross-reference table ends early")?;
            if word == b"trailer" {
                break;
            }
            let first: u32 = parse(word).ok_or("a bad cross-reference subsection")?;
            let count: u32 = words.number().ok_or("a bad cross-reference subsection")?;
            for k in 0..count {
                let offset: usize = words.number().ok_or("a bad cross-reference entry")?;
                words.next();
                if words.next() == Some(&b"n"[..]) {
                    offsets.insert(first + k, offset);
                }
            }
        }
        let trailer = words.rest();
        let root = reference_after(trailer, b"/Root").ok_or("the trailer has no /Root")?;
        Ok(Document {
            bytes,
            offsets,
            root,
        })
    }

    /// The text of object `n`, from its `obj` to its `endobj`.
    fn object(&self, n: u32) -> Result<&'a [u8], String> {
        let &start = self
            .offsets
            .get(&n)
            .ok_or_else(|| format!("object {n} is missing"))?;
        let body = self
            .bytes
            .get(start..)
            .ok_or_else(|| format!("object {n} lies past the end"))?;
        let end = find(body, b"endobj").ok_or_else(|| format!("object {n} has no end"))?;
        Ok(&body[..end])
    }

    fn collect_pages(&self, node: u32, pages: &mut Vec<u32>, depth: usize) -> Result<(), String> {
        if depth > 64 {
            return Err("the page tree is too deep".into());
        }
        let object = self.object(node)?;
        if find(object, b"/Type /Pages").is_none() {
            pages.push(node);
            return Ok(());
        }
        let kids = find(object, b"/Kids").ok_or("a page tree node has no /Kids")?;
        let list = &object[kids + b"/Kids".len()..];
        let open = list.iter().position(|&b| b == b'[').ok_or("bad /Kids")?;
        let close = list.iter().position(|&b| b == b']').ok_or("bad /Kids")?;
        let mut words = Words::new(&list[open + 1..close]);
        while let Some(kid) = words.number::<u32>() {
            words.next();
            words.next();
            self.collect_pages(kid, pages, depth + 1)?;
        }
        Ok(())
    }
}

/// The object number of the reference `N 0 R` after `key` in `dict`.
fn reference_after(dict: &[u8], key: &[u8]) -> Option<u32> {
    let mut at = 0;
    while let Some(found) = find(&dict[at..], key) {
        let after = &dict[at + found + key.len()..];
        // `/Pages` must not match `/PagesX`.
        if after.first().is_some_and(|b| b.is_ascii_whitespace()) {
            return leading_reference(after);
        }
        at += found + key.len();
    }
    None
}

/// `N G R` at the start of `text` (after white space): N.
fn leading_reference(text: &[u8]) -> Option<u32> {
    let mut words = Words::new(text);
    let n = words.number()?;
    words.number::<u32>()?;
    // `R` may be followed directly by a delimiter: `1 0 R>>`, `4 0 R]`, `5 0 R/Info`.
    let r = words.next()?;
    let delimited = r.len() == 1 || matches!(r[1], b'>' | b']' | b'/' | b'<' | b'[');
    (r[0] == b'R' && delimited).then_some(n)
}

/// A PDF name with its `#xx` escapes decoded.
fn decode_name(name: &[u8]) -> String {
    let mut out = Vec::with_capacity(name.len());
    let mut i = 0;
    while i < name.len() {
        if name[i] == b'#' {
            if let Some(b) = name
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(name[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

struct Words<'a> {
    rest: &'a [u8],
}

impl<'a> Words<'a> {
    fn new(text: &'a [u8]) -> Words<'a> {
        Words { rest: text }
    }

    fn next(&mut self) -> Option<&'a [u8]> {
        let text = trim_start(self.rest);
        if text.is_empty() {
            self.rest = text;
            return None;
        }
        let len = text
            .iter()
            .position(|b| b.is_ascii_whitespace())
            .unwrap_or(text.len());
        self.rest = &text[len..];
        Some(&text[..len])
    }

    fn number<T: std::str::FromStr>(&mut self) -> Option<T> {
        parse(self.next()?)
    }

    fn rest(&self) -> &'a [u8] {
        self.rest
    }
}

fn parse<T: std::str::FromStr>(word: &[u8]) -> Option<T> {
    std::str::from_utf8(word).ok()?.parse().ok()
}

fn trim_start(text: &[u8]) -> &[u8] {
    let skip = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    &text[skip..]
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF as Chromium writes one: two pages under a page tree, two destinations.
    fn sample() -> Vec<u8> {
        let objects = [
            "<</Type /Catalog\n/Pages 2 0 R\n/Dests 5 0 R>>",
            "<</Type /Pages\n/Count 2\n/Kids [4 0 R 3 0 R]>>",
            "<</Type /Page\n/Parent 2 0 R>>",
            "<</Type /Page\n/Parent 2 0 R>>",
            "<</p1 [4 0 R /XYZ 0 841 0]\n/p2-a#2Db [3 0 R /XYZ 0 300 0]>>",
        ];
        let mut pdf = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
        }
        let xref = pdf.len();
        pdf.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for offset in offsets {
            pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        pdf.extend_from_slice(
            format!("trailer\n<</Size 6\n/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
        );
        pdf
    }

    #[test]
    fn finds_the_page_of_each_destination_in_page_tree_order() {
        let pages = destination_pages(&sample()).unwrap();
        assert_eq!(pages.get("p1"), Some(&1));
        assert_eq!(pages.get("p2-a-b"), Some(&2));
        assert_eq!(pages.len(), 2);
    }

    #[test]
    fn what_it_cannot_read_is_an_error() {
        assert!(destination_pages(b"not a pdf").is_err());
        let mut truncated = sample();
        truncated.truncate(truncated.len() / 2);
        assert!(destination_pages(&truncated).is_err());
    }
}
