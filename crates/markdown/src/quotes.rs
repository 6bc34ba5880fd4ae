//! Typographic quotation marks per language.
//!
//! pulldown-cmark's smart punctuation only knows English marks; a Swedish report must get
//! ”…”, a Danish one »…«, a Norwegian one «…». Straight double quotes in prose are turned
//! into the language's marks; apostrophes become ’. Code is never touched.

/// Converts straight quotes across the text events of one block.
#[derive(Debug)]
pub struct QuoteConverter {
    open: char,
    close: char,
    previous: Option<char>,
}

impl QuoteConverter {
    /// A converter writing `open` and `close` for straight double quotes.
    pub fn new((open, close): (char, char)) -> Self {
        QuoteConverter {
            open,
            close,
            previous: None,
        }
    }

    /// Forgets the preceding character: call at the start of every block.
    pub fn start_block(&mut self) {
        self.previous = None;
    }

    /// Notes text that is not converted (inline code, a link's end) as preceding context.
    pub fn saw(&mut self, c: char) {
        self.previous = Some(c);
    }

    /// Converts the quotes in `text`, which follows what was seen before in the block;
    /// `None` when it has none to convert (most text), so it is used as it is, uncopied.
    pub fn convert(&mut self, text: &str) -> Option<String> {
        // memchr2 looks at 16 or 32 bytes at a time: every text of every page is searched,
        // and most have no quote.
        if memchr::memchr2(b'"', b'\'', text.as_bytes()).is_none() {
            self.previous = text.chars().next_back().or(self.previous);
            return None;
        }
        let mut out = String::with_capacity(text.len() + 4);
        for c in text.chars() {
            let converted = match c {
                '"' => {
                    if self.opens_here() {
                        self.open
                    } else {
                        self.close
                    }
                }
                '\'' if self.previous.is_some_and(char::is_alphanumeric) => '\u{2019}',
                c => c,
            };
            out.push(converted);
            self.previous = Some(c);
        }
        Some(out)
    }

    fn opens_here(&self) -> bool {
        match self.previous {
            None => true,
            Some(p) => p.is_whitespace() || matches!(p, '(' | '[' | '{' | '–' | '—' | '-' | '/'),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use insikt_core::language::Language;

    impl QuoteConverter {
        /// `text` converted, as it will be shown.
        fn shown(&mut self, text: &str) -> String {
            self.convert(text).unwrap_or_else(|| text.to_string())
        }
    }

    #[test]
    fn swedish_danish_norwegian_marks() {
        let mut sv = QuoteConverter::new(Language::Sv.quotes());
        assert_eq!(
            sv.shown("hon sa \"data\" och gick"),
            "hon sa ”data” och gick"
        );
        let mut da = QuoteConverter::new(Language::Da.quotes());
        assert_eq!(da.shown("\"gode historier\""), "»gode historier«");
        let mut nb = QuoteConverter::new(Language::Nb.quotes());
        assert_eq!(nb.shown("(\"annet\")"), "(«annet»)");
    }

    #[test]
    fn quotes_span_text_events() {
        let mut sv = QuoteConverter::new(Language::Sv.quotes());
        let a = sv.shown("ett \"");
        sv.saw('x');
        let b = sv.shown("\" slut");
        assert_eq!(format!("{a}{b}"), "ett ”” slut");
    }

    #[test]
    fn text_without_quotes_is_used_as_it_is() {
        let mut sv = QuoteConverter::new(Language::Sv.quotes());
        assert_eq!(sv.convert("ingen citattecken här"), None);
        // What it ended with still decides the next quote: after a letter, a closing one.
        assert_eq!(sv.shown("\" slut"), "” slut");
    }

    #[test]
    fn apostrophe_only_after_letters() {
        let mut en = QuoteConverter::new(Language::En.quotes());
        assert_eq!(en.shown("the region's data"), "the region\u{2019}s data");
    }
}
