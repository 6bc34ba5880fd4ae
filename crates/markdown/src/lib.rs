//! Markdown to HTML: CommonMark with GitHub extensions, Nordic heading ids, language quotes,
//! links between source files rewritten to relative output URLs, and directives.
//!
//! Rendering works on text already loaded; it never reads files. What it cannot resolve
//! (a link to a missing page, an unknown directive) becomes a located diagnostic.

#![warn(missing_docs)]

pub mod directive;
mod quotes;
pub mod terms;

pub use directive::{Directive, InlineUse};
pub use quotes::QuoteConverter;

use insikt_config::QuoteStyle;
use insikt_content::Page;
use insikt_core::diagnostic::{did_you_mean, Diagnostic, Location};
use insikt_core::html::escape;
use insikt_core::input::normalize;
use insikt_core::language::Language;
use insikt_core::slug::{slugify, Slugger};
use insikt_core::url::{self, encode};
use pulldown_cmark::{
    html, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use terms::TermMatcher;

/// Everything a link in Markdown may point at, as loaded, and the directives a block may
/// name.
#[derive(Debug)]
pub struct LinkTargets<'a> {
    /// Page index by source path relative to `content/`.
    pub pages: &'a HashMap<PathBuf, usize>,
    /// Each page's output folder (see [`Page::url_dir`]), by page index.
    pub url_dirs: &'a [String],
    /// Non-Markdown files under `content/`, relative to it.
    pub assets: &'a BTreeSet<PathBuf>,
    /// Files under `static/`, relative to it.
    pub statics: &'a BTreeSet<PathBuf>,
    /// The glossary's terms, to link their first use on each page.
    pub glossary: Option<&'a TermMatcher>,
    /// The names of the report's datasets (loaded or not), for links to `data/NAME.csv`.
    pub datasets: &'a BTreeSet<String>,
    /// The directives fenced blocks may name (```` ```chart ````, ```` ```table ````).
    pub directives: &'a [&'a dyn Directive],
}

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// The report's language (quotes, labels).
    pub language: Language,
    /// What to do with straight quotes.
    pub quotes: QuoteStyle,
}

/// A heading of a rendered page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// The unique id on the page.
    pub id: String,
    /// The heading's plain text.
    pub title: String,
}

/// A link to `#fragment` on page `target`, checked once every page is rendered.
#[derive(Debug, Clone)]
pub struct AnchorRef {
    /// The linked page, by index.
    pub target: usize,
    /// The fragment without `#`.
    pub fragment: String,
    /// Byte offset of the link in the source file.
    pub offset: usize,
}

/// A page's rendered body.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// All headings with their ids, in order.
    pub headings: Vec<Heading>,
    /// Links to anchors, to be checked against the target's headings.
    pub anchor_refs: Vec<AnchorRef>,
    /// Problems found.
    pub diagnostics: Vec<Diagnostic>,
    /// Files to write (path from the site root, bytes): chart downloads.
    pub files: Vec<(String, Vec<u8>)>,
    /// Datasets the page's charts, tables and inline directives use.
    pub datasets: BTreeSet<String>,
    /// The inline directives (`{{#NAME …}}`) the page uses, in reading order, with the
    /// text each rendered.
    pub inline_uses: Vec<InlineUse>,
}

/// Renders page `index` of `pages`.
pub fn render(
    pages: &[Page],
    index: usize,
    targets: &LinkTargets,
    options: RenderOptions,
) -> Rendered {
    let page = &pages[index];
    run(page, index, page.body(), None, targets, options)
}

/// Renders `markdown` that belongs to page `index` without being its body, such as a
/// question set's introduction; problems are reported at byte offset `at` of the page's file.
pub fn render_fragment(
    pages: &[Page],
    index: usize,
    markdown: &str,
    at: usize,
    targets: &LinkTargets,
    options: RenderOptions,
) -> Rendered {
    run(&pages[index], index, markdown, Some(at), targets, options)
}

/// A fenced block of a page's body whose info string starts with one of the names asked
/// for (```` ```chart ````), as [`render`] reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FencedBlock {
    /// The name (the info string's first word).
    pub name: String,
    /// The text between the fences.
    pub body: String,
    /// Byte offset of the opening fence in the body given.
    pub offset: usize,
}

/// The fenced blocks of `body` named one of `names`, in reading order: the blocks
/// [`render`] hands to those directives, found without rendering (one pass of the Markdown
/// parser, none for a body without a fence).
pub fn fenced_blocks(body: &str, names: &[&str]) -> Vec<FencedBlock> {
    let mut blocks = Vec::new();
    if !body.contains("```") && !body.contains("~~~") {
        return blocks;
    }
    let mut open: Option<FencedBlock> = None;
    for (event, range) in Parser::new_ext(body, parser_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let name = info.split_whitespace().next().unwrap_or("");
                if names.contains(&name) {
                    open = Some(FencedBlock {
                        name: name.to_string(),
                        body: String::new(),
                        offset: range.start,
                    });
                }
            }
            Event::Text(text) => {
                if let Some(block) = open.as_mut() {
                    block.body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(open.take()),
            _ => {}
        }
    }
    blocks
}

/// The Markdown insikt reads: CommonMark with GitHub's extensions, heading ids and
/// definition lists; quotes are the quotes pass's.
fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
}

fn run<'a>(
    page: &'a Page,
    index: usize,
    body: &'a str,
    at: Option<usize>,
    targets: &'a LinkTargets<'a>,
    options: RenderOptions,
) -> Rendered {
    let _input = insikt_core::crash::processing(page.display_file());
    let mut renderer = Renderer {
        page,
        body,
        at,
        index,
        targets,
        root: "../".repeat(page.url_dir.matches('/').count()),
        quotes: (options.quotes == QuoteStyle::Language)
            .then(|| QuoteConverter::new(options.language.quotes())),
        options,
        out: Rendered::default(),
        footnotes: HashMap::new(),
        directive_uses: HashMap::new(),
        pending: None,
        sentence: Sentence::Start,
        inline_texts: Vec::new(),
        in_image: 0,
    };
    renderer.run();
    renderer.out
}

struct Renderer<'a> {
    page: &'a Page,
    /// The Markdown to render: the page's body, or a fragment.
    body: &'a str,
    /// For a fragment, where to report its problems; for a body, `None`.
    at: Option<usize>,
    index: usize,
    targets: &'a LinkTargets<'a>,
    root: String,
    quotes: Option<QuoteConverter>,
    options: RenderOptions,
    out: Rendered,
    footnotes: HashMap<String, usize>,
    /// How many blocks of each directive the page has had so far, by name.
    directive_uses: HashMap<String, usize>,
    /// An inline directive whose `}}` has not come yet.
    pending: Option<PendingInline>,
    /// Where the text so far leaves the sentence, for inline directives that capitalise.
    sentence: Sentence,
    /// The plain text of inline directives' HTML, by index in the page's events (a
    /// heading's title includes it).
    inline_texts: Vec<(usize, String)>,
    /// How many images the text is in (their description is text: a directive there gives
    /// its text, not its HTML).
    in_image: usize,
}

/// The glossary's matcher, its stemmer and which terms are linked on the page so far.
type Terms<'a> = Option<(&'a TermMatcher, rust_stemmers::Stemmer, Vec<bool>)>;

/// An inline directive being read: its `{{#` is seen, its `}}` not yet.
struct PendingInline {
    /// Byte offset of the `{{` in the Markdown rendered.
    start: usize,
    /// What follows `{{#` so far, as typed.
    text: String,
}

/// Where the text of a block stands relative to sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sentence {
    /// Nothing yet, or a sentence ended by `.`, `!` or `?` and a space.
    Start,
    /// Just after `.`, `!` or `?` with no space yet.
    Stop,
    /// Within a sentence.
    Inside,
}

/// Abbreviations with one dot that end no sentence, in the report languages (those with a
/// dot inside, `t.ex.`, `bl.a.`, `e.g.`, are recognised by it).
const ABBREVIATIONS: [&str; 16] = [
    "ca", "jfr", "jf", "resp", "osv", "etc", "nr", "vs", "evt", "mv", "ks", "esim", "kap", "fig",
    "tab", "ff",
];

impl Sentence {
    /// The state after `text`. A colon does not end a sentence: in the Nordic languages
    /// and in English what follows it starts in lower case.
    fn after(self, text: &str) -> Sentence {
        let trimmed = text.trim_end();
        let spaced = trimmed.len() < text.len();
        match trimmed.chars().next_back() {
            None if spaced && self == Sentence::Stop => Sentence::Start,
            None => self,
            Some('.') if ends_in_abbreviation(trimmed) => Sentence::Inside,
            Some('.' | '!' | '?') if spaced => Sentence::Start,
            Some('.' | '!' | '?') => Sentence::Stop,
            Some(_) => Sentence::Inside,
        }
    }
}

/// Whether `text`, which ends in `.`, ends in an abbreviation (`t.ex.`, `ca.`), not a
/// sentence.
fn ends_in_abbreviation(text: &str) -> bool {
    let word = text
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches('.');
    !word.is_empty()
        && (word.contains('.') || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)))
}

/// The page's template holds its one `<h1>` (the title): if the body has `# headings` of its
/// own, every heading of the body moves one level down (`#` → `<h2>`, `##` → `<h3>`, …,
/// `<h6>` stays), keeping the body's outline under the title.
fn keep_one_h1(events: &mut [Event<'_>], headings: &mut [Heading]) {
    if !headings.iter().any(|h| h.level == 1) {
        return;
    }
    let lower = |level: HeadingLevel| match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    };
    for event in events.iter_mut() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => *level = lower(*level),
            Event::End(TagEnd::Heading(level)) => *level = lower(*level),
            _ => {}
        }
    }
    for heading in headings {
        heading.level = (heading.level + 1).min(6);
    }
}

impl<'a> Renderer<'a> {
    fn run(&mut self) {
        let body = self.body;
        let options = parser_options();
        // About one event for every 32 bytes of Markdown in prose: most pages need no
        // growing of the list, which the events are dropped from once the page is written.
        let mut events: Vec<Event<'a>> = Vec::with_capacity(body.len() / 32);
        let mut slugger = Slugger::default();
        let mut heading_start: Option<usize> = None;
        let mut in_code = false;
        let mut skipping_title = false;
        let mut first_block = true;
        let mut directive: Option<(String, usize, String)> = None;
        let mut in_link = 0usize;
        // Glossary terms are linked in whole page bodies only: a page made of several
        // fragments (a worksheet) would link the same term once per fragment.
        let mut terms: Terms<'a> = self
            .targets
            .glossary
            .filter(|g| g.page != self.index && self.at.is_none())
            .map(|g| (g, g.stemmer(), vec![false; g.ids.len()]));

        for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
            let offset = self.at.unwrap_or(self.page.body_offset + range.start);
            if directive.is_some() {
                match event {
                    Event::Text(t) => {
                        if let Some((_, _, text)) = directive.as_mut() {
                            text.push_str(&t);
                        }
                    }
                    Event::End(TagEnd::CodeBlock) => {
                        if let Some((name, at, text)) = directive.take() {
                            events.push(Event::Html(self.directive(&name, &text, at).into()));
                        }
                    }
                    _ => {}
                }
                continue;
            }
            if skipping_title {
                if matches!(event, Event::End(TagEnd::Heading(_))) {
                    skipping_title = false;
                }
                continue;
            }
            if let Some(pending) = self.pending.as_mut() {
                match event {
                    Event::Text(_) => {}
                    Event::SoftBreak | Event::HardBreak => {
                        pending.text.push(' ');
                        continue;
                    }
                    _ => self.unclosed(&mut events),
                }
            }
            let starts_block = matches!(
                event,
                Event::Start(
                    Tag::Paragraph
                        | Tag::Heading { .. }
                        | Tag::Item
                        | Tag::TableCell
                        | Tag::BlockQuote(_)
                        | Tag::DefinitionListTitle
                        | Tag::DefinitionListDefinition
                )
            );
            if starts_block {
                if let Some(q) = self.quotes.as_mut() {
                    q.start_block();
                }
                self.sentence = Sentence::Start;
            }
            let is_first_block = first_block && matches!(event, Event::Start(_));
            if matches!(event, Event::Start(_)) {
                first_block = false;
            }
            match event {
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                }) if is_first_block && self.at.is_none() && self.page.title_from_heading => {
                    skipping_title = true;
                }
                Event::Start(Tag::Heading { .. }) => {
                    heading_start = Some(events.len());
                    events.push(event);
                }
                Event::End(TagEnd::Heading(level)) => {
                    if let Some(start) = heading_start.take() {
                        self.finish_heading(&mut events, start, level, &mut slugger);
                    }
                    events.push(Event::End(TagEnd::Heading(level)));
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref info)))
                    if self
                        .find_directive(info.split_whitespace().next().unwrap_or(""))
                        .is_some() =>
                {
                    let name = info.split_whitespace().next().unwrap_or("").to_string();
                    directive = Some((name, offset, String::new()));
                }
                Event::Start(Tag::CodeBlock(_)) => {
                    in_code = true;
                    events.push(event);
                }
                Event::End(TagEnd::CodeBlock) => {
                    in_code = false;
                    events.push(event);
                }
                Event::Text(text) if !in_code => {
                    // Where the text stands in the Markdown, when it is a plain slice of it
                    // (an entity such as `&amp;` is not).
                    let raw_start =
                        (body.get(range.clone()) == Some(&*text)).then_some(range.start);
                    let link_terms = in_link == 0 && heading_start.is_none();
                    self.text(&mut events, text, raw_start, &mut terms, link_terms);
                }
                Event::SoftBreak | Event::HardBreak => {
                    self.sentence = self.sentence.after(" ");
                    events.push(event);
                }
                Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                    in_link = in_link.saturating_sub(1);
                    if matches!(event, Event::End(TagEnd::Image)) {
                        self.in_image = self.in_image.saturating_sub(1);
                    }
                    events.push(event);
                }
                Event::Code(code) => {
                    if let (Some(q), Some(c)) = (self.quotes.as_mut(), code.chars().last()) {
                        q.saw(c);
                    }
                    self.sentence = self.sentence.after(&code);
                    events.push(Event::Code(code));
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    in_link += 1;
                    let dest_url = self.link(link_type, &dest_url, offset, false);
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: dest_url.into(),
                        title,
                        id,
                    }));
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    in_link += 1;
                    self.in_image += 1;
                    let dest_url = self.link(link_type, &dest_url, offset, true);
                    events.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url: dest_url.into(),
                        title,
                        id,
                    }));
                }
                Event::FootnoteReference(label) => {
                    self.sentence = Sentence::Inside;
                    let n = self.footnote_number(&label);
                    let id = slugify(&label);
                    events.push(Event::InlineHtml(
                        format!(
                            "<sup class=\"footnote-ref\"><a href=\"#fn-{id}\" id=\"fnref-{id}\">{n}</a></sup>"
                        )
                        .into(),
                    ));
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let n = self.footnote_number(&label);
                    let id = slugify(&label);
                    events.push(Event::Html(
                        format!(
                            "<div class=\"footnote\" id=\"fn-{id}\"><span class=\"footnote-label\">{n}</span>"
                        )
                        .into(),
                    ));
                }
                Event::End(TagEnd::FootnoteDefinition) => {
                    events.push(Event::Html("</div>\n".into()));
                }
                Event::TaskListMarker(done) => {
                    let strings = self.options.language.strings();
                    let (mark, label) = if done {
                        ("\u{2611}", &strings.task_done)
                    } else {
                        ("\u{2610}", &strings.task_open)
                    };
                    events.push(Event::InlineHtml(
                        format!("<span class=\"task-marker\" role=\"img\" aria-label=\"{label}\">{mark}</span> ")
                            .into(),
                    ));
                }
                other => events.push(other),
            }
        }
        if self.pending.is_some() {
            self.unclosed(&mut events);
        }
        if self.at.is_none() {
            keep_one_h1(&mut events, &mut self.out.headings);
        }
        self.out.html.reserve(body.len() * 3 / 2);
        html::push_html(&mut self.out.html, events.into_iter());
    }

    fn finish_heading(
        &mut self,
        events: &mut [Event<'a>],
        start: usize,
        level: HeadingLevel,
        slugger: &mut Slugger,
    ) {
        let mut title = String::new();
        for (i, e) in events.iter().enumerate().skip(start + 1) {
            match e {
                Event::Text(t) | Event::Code(t) => title.push_str(t),
                Event::InlineHtml(_) => {
                    if let Some((_, text)) = self.inline_texts.iter().rev().find(|(at, _)| *at == i)
                    {
                        title.push_str(text);
                    }
                }
                _ => {}
            }
        }
        let Event::Start(Tag::Heading {
            id, classes, attrs, ..
        }) = &events[start]
        else {
            return;
        };
        let id = match id {
            Some(explicit) => slugger.reserve(explicit),
            None => slugger.unique(&title),
        };
        events[start] = Event::Start(Tag::Heading {
            level,
            id: Some(id.clone().into()),
            classes: classes.clone(),
            attrs: attrs.clone(),
        });
        self.out.headings.push(Heading {
            level: level as u8,
            id,
            title: title.trim().to_string(),
        });
    }

    /// `text` as HTML with the first use of each glossary term linked, or `None` when
    /// it holds no term not yet linked on this page.
    fn link_terms(
        &self,
        text: &str,
        glossary: &TermMatcher,
        stemmer: &rust_stemmers::Stemmer,
        used: &mut [bool],
    ) -> Option<String> {
        let found = glossary.find(text, stemmer, used);
        if found.is_empty() {
            return None;
        }
        let href = format!(
            "{}{}index.html",
            self.root,
            encode(&self.targets.url_dirs[glossary.page])
        );
        let mut out = String::with_capacity(text.len() + 256);
        let mut last = 0;
        for m in found {
            let id = &glossary.ids[m.entry];
            out.push_str(&escape(&text[last..m.start]));
            out.push_str(&format!(
                "<span class=\"term-wrap\"><a class=\"term\" href=\"{href}#{id}\" aria-describedby=\"insikt-term-{id}\">{}</a><span class=\"term-tip\" role=\"tooltip\" id=\"insikt-term-{id}\">{}</span></span>",
                escape(&text[m.start..m.end]),
                escape(&glossary.definitions[m.entry])
            ));
            last = m.end;
        }
        out.push_str(&escape(&text[last..]));
        Some(out)
    }

    /// Renders a text event: its inline directives, its quotes and glossary terms.
    /// `raw_start` is the byte offset of `text` in the Markdown when the text is a slice of
    /// it; a text that is not (an entity) opens no directive.
    fn text(
        &mut self,
        events: &mut Vec<Event<'a>>,
        text: CowStr<'a>,
        raw_start: Option<usize>,
        terms: &mut Terms<'a>,
        link_terms: bool,
    ) {
        // Most text has no `{` at all, which memchr tells at 16 or 32 bytes a step, before
        // a substring search (every text event of every page comes here).
        let opens = memchr::memchr(b'{', text.as_bytes()).is_some() && text.contains("{{#");
        if self.pending.is_none() && !opens {
            self.push_text(events, text, terms, link_terms);
            return;
        }
        let mut rest: &str = &text;
        let mut at = raw_start;
        loop {
            if let Some(pending) = self.pending.as_mut() {
                let close = rest.find("}}");
                let opener = rest.find("{{#");
                match (close, opener) {
                    (Some(i), o) if o.is_none_or(|o| o > i) => {
                        pending.text.push_str(&rest[..i]);
                        self.finish_inline(events);
                        rest = &rest[i + 2..];
                        at = at.map(|a| a + i + 2);
                    }
                    (_, Some(o)) => {
                        // Another directive opens before this one closes.
                        pending.text.push_str(&rest[..o]);
                        self.unclosed(events);
                        rest = &rest[o..];
                        at = at.map(|a| a + o);
                    }
                    (_, None) => {
                        pending.text.push_str(rest);
                        return;
                    }
                }
                continue;
            }
            let Some((a, j)) = at.and_then(|a| Some((a, self.find_opener(rest, a)?))) else {
                if !rest.is_empty() {
                    self.push_text(events, rest.to_string().into(), terms, link_terms);
                }
                return;
            };
            if j > 0 {
                self.push_text(events, rest[..j].to_string().into(), terms, link_terms);
            }
            self.pending = Some(PendingInline {
                start: a + j,
                text: String::new(),
            });
            rest = &rest[j + 3..];
            at = Some(a + j + 3);
        }
    }

    /// The byte index in `text` of the first `{{#` not escaped by a backslash; `text`
    /// starts at byte `at` of the Markdown (where the escaping backslash is seen).
    fn find_opener(&self, text: &str, at: usize) -> Option<usize> {
        text.match_indices("{{#").map(|(i, _)| i).find(|&i| {
            let before = &self.body.as_bytes()[..at + i];
            let backslashes = before.iter().rev().take_while(|&&b| b == b'\\').count();
            backslashes % 2 == 0
        })
    }

    /// Pushes plain text with its quotes converted and glossary terms linked.
    fn push_text(
        &mut self,
        events: &mut Vec<Event<'a>>,
        text: CowStr<'a>,
        terms: &mut Terms<'a>,
        link_terms: bool,
    ) {
        self.sentence = self.sentence.after(&text);
        let text = match self.quotes.as_mut() {
            Some(q) => q.convert(&text).map_or(text, CowStr::from),
            None => text,
        };
        let linked = match terms.as_mut() {
            Some((g, stemmer, used)) if link_terms => self.link_terms(&text, g, stemmer, used),
            _ => None,
        };
        match linked {
            Some(html) => events.push(Event::InlineHtml(html.into())),
            None => events.push(Event::Text(text)),
        }
    }

    /// The file offset to report a problem at byte `start` of the Markdown rendered (a
    /// fragment's problems are reported at the fragment).
    fn file_offset(&self, start: usize) -> usize {
        self.at.unwrap_or(self.page.body_offset + start)
    }

    /// Reports the pending inline directive as not closed and keeps its text as typed.
    fn unclosed(&mut self, events: &mut Vec<Event<'a>>) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        let name = pending.text.split_whitespace().next().unwrap_or("");
        self.error(
            self.file_offset(pending.start),
            format!("`{{{{#{name}` is not closed by `}}}}`"),
            "close the directive with `}}` in the same paragraph, heading, list item or table cell (its arguments cannot hold Markdown such as `*`, links or code); write `\\{{#` to show the braces as text",
        );
        let text = format!("{{{{#{}", pending.text);
        self.sentence = self.sentence.after(&text);
        events.push(Event::Text(text.into()));
    }

    /// Renders the pending inline directive, whose `}}` has come.
    fn finish_inline(&mut self, events: &mut Vec<Event<'a>>) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        let offset = self.file_offset(pending.start);
        let (name, args, args_start) = match pending.text.split_once(char::is_whitespace) {
            Some((name, rest)) => {
                let args = rest.trim();
                let start = pending.text.len() - rest.trim_start().len();
                (name, args, start)
            }
            None => (pending.text.as_str(), "", pending.text.len()),
        };
        let literal = format!("{{{{#{}}}}}", pending.text);
        let Some(directive) = self.find_directive(name) else {
            let known: Vec<&str> = self.targets.directives.iter().map(|d| d.name()).collect();
            let (message, mut help) = if name.is_empty() {
                (
                    "an inline directive needs a name right after `{{#`".to_string(),
                    String::new(),
                )
            } else {
                let help = match did_you_mean(name, &known) {
                    Some(near) => format!("did you mean `{{{{#{near}}}}}`? "),
                    None => String::new(),
                };
                (format!("there is no directive `{{{{#{name}}}}}`"), help)
            };
            help.push_str(&format!(
                "the directives are {}; write `\\{{{{#` to show the braces as text",
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            self.error(offset, message, &help);
            self.sentence = self.sentence.after(&literal);
            events.push(Event::Text(literal.into()));
            return;
        };
        let location = Location::from_offset(&self.page.text, offset);
        let at = directive::InlineContext {
            language: self.options.language,
            root: &self.root,
            page: self.index,
            source: &self.page.source,
            url_dir: &self.page.url_dir,
            line: location.line,
            column: location.column,
            sentence_start: self.sentence == Sentence::Start,
        };
        match directive.render_inline(args, &at) {
            Ok(output) => {
                if let (Some(q), Some(c)) = (self.quotes.as_mut(), output.text.chars().last()) {
                    q.saw(c);
                }
                self.sentence = self.sentence.after(&output.text);
                self.out.datasets.extend(output.datasets);
                self.inline_texts.push((events.len(), output.text.clone()));
                self.out.inline_uses.push(InlineUse {
                    name: name.to_string(),
                    args: args.to_string(),
                    line: location.line,
                    column: location.column,
                    text: output.text.clone(),
                });
                if self.in_image > 0 {
                    events.push(Event::Text(output.text.into()));
                } else {
                    events.push(Event::InlineHtml(output.html.into()));
                }
            }
            Err(e) => {
                self.sentence = Sentence::Inside;
                if !e.reported {
                    // At the word the error is about, where the directive stands in the
                    // file as typed (not where an escape or a quote marker came between).
                    let typed = format!("{{{{#{}", pending.text);
                    let at_word = e.args_span.filter(|_| {
                        self.at.is_none()
                            && (self.page.text.get(offset..)).is_some_and(|s| s.starts_with(&typed))
                    });
                    let location = match at_word {
                        Some(span) => Location::from_offset(
                            &self.page.text,
                            offset + 3 + args_start + span.start,
                        ),
                        None => location,
                    };
                    self.out.diagnostics.push(
                        Diagnostic::at(
                            self.page.display_file(),
                            &self.page.text,
                            location,
                            format!("`{{{{#{name}}}}}`: {}", e.message),
                        )
                        .with_help(e.help),
                    );
                }
            }
        }
    }

    fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.footnotes.len() + 1;
        *self.footnotes.entry(label.to_string()).or_insert(next)
    }

    fn error(&mut self, offset: usize, message: String, help: &str) {
        let location = Location::from_offset(&self.page.text, offset);
        self.out.diagnostics.push(
            Diagnostic::at(self.page.display_file(), &self.page.text, location, message)
                .with_help(help),
        );
    }

    /// The directive called `name`, if any.
    fn find_directive(&self, name: &str) -> Option<&'a dyn Directive> {
        self.targets
            .directives
            .iter()
            .copied()
            .find(|d| d.name() == name)
    }

    /// Renders a directive's block (such as ```` ```chart ````); blocks are numbered per
    /// page and directive in reading order.
    fn directive(&mut self, name: &str, body: &str, offset: usize) -> String {
        let Some(directive) = self.find_directive(name) else {
            return String::new();
        };
        let number = self.directive_uses.entry(name.to_string()).or_insert(0);
        *number += 1;
        let at = directive::BlockContext {
            language: self.options.language,
            root: &self.root,
            page: self.index,
            number: *number,
        };
        match directive.render_block(body, &at) {
            Ok(output) => {
                for (file, bytes) in output.files {
                    self.out
                        .files
                        .push((format!("{}{file}", self.page.url_dir), bytes));
                }
                self.out.datasets.extend(output.datasets);
                output.html
            }
            Err(e) if e.reported => String::new(),
            Err(e) => {
                let location = match e.body_location {
                    // The body starts on the line after the opening fence.
                    Some((line, column)) => {
                        let fence = Location::from_offset(&self.page.text, offset);
                        Location::new(fence.line + line, column)
                    }
                    None => Location::from_offset(&self.page.text, offset),
                };
                self.out.diagnostics.push(
                    Diagnostic::at(
                        self.page.display_file(),
                        &self.page.text,
                        location,
                        format!("`{name}` block: {}", e.message),
                    )
                    .with_help(e.help),
                );
                String::new()
            }
        }
    }

    /// Rewrites a link written to a source file into a relative output URL.
    fn link(&mut self, link_type: LinkType, dest: &str, offset: usize, image: bool) -> String {
        if matches!(link_type, LinkType::Email) || dest.is_empty() {
            return dest.to_string();
        }
        let what = if image { "image" } else { "link" };
        if let Some(scheme) = url::refused_scheme(dest, image) {
            let shown = url::shorten(dest);
            let message = if image {
                format!("the image `{shown}` uses `{scheme}:`, which is not allowed")
            } else {
                format!("link to `{shown}`: the scheme `{scheme}:` is not allowed")
            };
            self.error(offset, message, url::HELP);
            return String::new();
        }
        if is_external(dest) {
            if image && !url::is_inline_image(dest) {
                self.error(
                    offset,
                    format!("the image `{dest}` is on another host"),
                    "reports must work offline and fetch nothing from other hosts: save the image under `static/` and link it as `/name.png`",
                );
            }
            return dest.to_string();
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(normalize_fragment(f))),
            None => (dest, None),
        };
        let fragment = fragment.as_deref();
        let path = path.split('?').next().unwrap_or("");
        if path.is_empty() {
            if let Some(f) = fragment {
                self.out.anchor_refs.push(AnchorRef {
                    target: self.index,
                    fragment: f.to_string(),
                    offset,
                });
            }
            return fragment_suffix(fragment);
        }
        if let Some(static_path) = path.strip_prefix('/') {
            if self.targets.statics.contains(Path::new(static_path)) {
                return format!(
                    "{}{}{}",
                    self.root,
                    encode(static_path),
                    fragment_suffix(fragment)
                );
            }
            self.error(
                offset,
                format!("link to `{dest}`: there is no file `static/{static_path}`"),
                "links starting with `/` point into the project's `static/` folder",
            );
            return dest.to_string();
        }
        let base = self.page.source.parent().unwrap_or(Path::new(""));
        if let Some(name) = self.dataset_link(base, path) {
            return format!(
                "{}codebook/{}/index.html{}",
                self.root,
                encode(&name),
                fragment_suffix(fragment)
            );
        }
        let Some(resolved) = normalize(&base.join(path)) else {
            self.error(
                offset,
                format!("link to `{dest}` points outside `content/`"),
                "link to pages with paths relative to this file, e.g. `../kapitel.md`",
            );
            return dest.to_string();
        };
        let page_index = if path.ends_with('/') || resolved.as_os_str().is_empty() {
            self.targets
                .pages
                .get(&resolved.join(insikt_content::SECTION_INDEX))
                .copied()
        } else {
            self.targets.pages.get(&resolved).copied().or_else(|| {
                self.targets
                    .pages
                    .get(&resolved.join(insikt_content::SECTION_INDEX))
                    .copied()
            })
        };
        if let Some(target) = page_index {
            if let Some(f) = fragment {
                self.out.anchor_refs.push(AnchorRef {
                    target,
                    fragment: f.to_string(),
                    offset,
                });
            }
            let url_dir = &self.targets.url_dirs[target];
            return format!(
                "{}{}index.html{}",
                self.root,
                encode(url_dir),
                fragment_suffix(fragment)
            );
        }
        if self.targets.assets.contains(&resolved) {
            let asset = resolved.to_string_lossy().replace('\\', "/");
            return format!(
                "{}{}{}",
                self.root,
                encode(&asset),
                fragment_suffix(fragment)
            );
        }
        self.error(
            offset,
            format!("{what} to `{dest}`: there is no file `content/{}`", resolved.display()),
            "write links to the source file relative to this one, e.g. `[text](../avsnitt/sida.md#rubrik)`",
        );
        dest.to_string()
    }
}

impl Renderer<'_> {
    /// The dataset a link such as `../../data/datasprintar.csv` (relative to the page's
    /// file under `content/`) points at: its CSV or its codebook.
    fn dataset_link(&self, base: &Path, path: &str) -> Option<String> {
        let resolved = normalize(&Path::new("content").join(base).join(path))?;
        let rest = resolved.strip_prefix("data").ok()?;
        let file = rest.to_str()?;
        let name = file
            .strip_suffix(".csv")
            .or_else(|| file.strip_suffix(".yaml"))?;
        self.targets
            .datasets
            .contains(name)
            .then(|| name.to_string())
    }
}

/// Authors may write an anchor with its Nordic letters (`#dataläskunnighet`); generated ids
/// are transliterated, so such fragments are transliterated the same way.
fn normalize_fragment(fragment: &str) -> String {
    if fragment.is_ascii() {
        fragment.to_string()
    } else {
        slugify(fragment)
    }
}

fn fragment_suffix(fragment: Option<&str>) -> String {
    fragment.map(|f| format!("#{f}")).unwrap_or_default()
}

/// True for links with a URL scheme (`https:`, `mailto:`) or a host (`//example.org`).
fn is_external(dest: &str) -> bool {
    dest.starts_with("//") || url::scheme(dest).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_links_are_recognised() {
        assert!(is_external("https://example.org"));
        assert!(is_external("mailto:a@b.se"));
        assert!(is_external("//cdn.example.org/x.js"));
        assert!(!is_external("../kapitel.md"));
        assert!(!is_external("kapitel.md#del:1"));
    }
}
