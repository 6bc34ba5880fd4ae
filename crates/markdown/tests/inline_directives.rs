//! Inline directives (`{{#NAME ARGS}}`) in Markdown text, with toy directives: where they
//! are found, what they receive, and where their errors are reported.

use insikt_config::QuoteStyle;
use insikt_content::Page;
use insikt_core::diagnostic::Location;
use insikt_core::language::Language;
use insikt_markdown::directive::{BlockContext, Error, InlineContext, InlineOutput, Output};
use insikt_markdown::{render, render_fragment, Directive, LinkTargets, RenderOptions, Rendered};
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Mutex;

/// What the echo directive saw of one use: arguments, line, column, sentence start.
type Seen = (String, usize, usize, bool);

/// Echoes its arguments in `<b>`, with its first `x` capitalised at the start of a
/// sentence, and records the contexts it saw.
#[derive(Debug, Default)]
struct Echo {
    seen: Mutex<Vec<Seen>>,
}

impl Directive for Echo {
    fn name(&self) -> &str {
        "echo"
    }

    fn render_inline(&self, args: &str, at: &InlineContext) -> Result<InlineOutput, Error> {
        self.seen
            .lock()
            .unwrap()
            .push((args.to_string(), at.line, at.column, at.sentence_start));
        if args == "fail" {
            return Err(Error::new("it fails".into(), "do not".into()));
        }
        let mut text = args.to_string();
        if at.sentence_start {
            text = text.replacen('x', "X", 1);
        }
        Ok(InlineOutput {
            html: format!("<b>{}</b>", insikt_core::html::escape(&text)),
            text,
            datasets: vec!["toy".into()],
        })
    }
}

/// A block-only directive.
#[derive(Debug)]
struct Boxed;

impl Directive for Boxed {
    fn name(&self) -> &str {
        "box"
    }

    fn render_block(&self, body: &str, _: &BlockContext) -> Result<Output, Error> {
        Ok(Output {
            html: format!("<div class=\"box\">{}</div>", body.trim()),
            ..Output::default()
        })
    }
}

const FRONT: &str = "---\ntitle: Sidan\n---\n";

fn page(body: &str) -> Page {
    Page {
        file: Some(PathBuf::from("content/sida.md")),
        source: PathBuf::from("sida.md"),
        url_dir: "sida/".into(),
        front: Default::default(),
        title: "Sidan".into(),
        title_from_heading: false,
        text: format!("{FRONT}{body}"),
        body_offset: FRONT.len(),
        is_section: false,
        parent: None,
        children: Vec::new(),
        depth: 1,
        glossary: None,
        stand_in: false,
    }
}

/// Renders `body` as a Swedish page with the toy directives; returns what the echo saw.
fn run(body: &str) -> (Rendered, Vec<Seen>) {
    let echo = Echo::default();
    let rendered = with_targets(&echo, |targets, options| {
        render(&[page(body)], 0, targets, options)
    });
    (rendered, echo.seen.into_inner().unwrap())
}

fn with_targets<R>(echo: &Echo, f: impl FnOnce(&LinkTargets, RenderOptions) -> R) -> R {
    let pages = HashMap::from([(PathBuf::from("sida.md"), 0)]);
    let url_dirs = vec!["sida/".to_string()];
    let empty = BTreeSet::new();
    let datasets = BTreeSet::new();
    let targets = LinkTargets {
        pages: &pages,
        url_dirs: &url_dirs,
        assets: &empty,
        statics: &empty,
        glossary: None,
        datasets: &datasets,
        directives: &[echo, &Boxed],
    };
    let options = RenderOptions {
        language: Language::Sv,
        quotes: QuoteStyle::Language,
    };
    f(&targets, options)
}

/// The line and column of the first `needle` in the page's file.
fn location_of(body: &str, needle: &str) -> Location {
    let text = format!("{FRONT}{body}");
    Location::from_offset(&text, text.find(needle).expect("needle in body"))
}

fn errors(r: &Rendered) -> Vec<String> {
    r.diagnostics.iter().map(|d| d.to_string()).collect()
}

#[test]
fn prose_heading_list_item_link_and_emphasis() {
    let body = "## Rubrik {{#echo h}}\n\nEtt {{#echo a}} två.\n\n- punkt {{#echo b}}\n\n[länk {{#echo c}}](sida.md) och *{{#echo d}}*\n";
    let (r, seen) = run(body);
    assert!(r.diagnostics.is_empty(), "{:?}", errors(&r));
    assert!(
        r.html.contains("<h2 id=\"rubrik-h\">Rubrik <b>h</b></h2>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<p>Ett <b>a</b> två.</p>"), "{}", r.html);
    assert!(r.html.contains("punkt <b>b</b>"), "{}", r.html);
    assert!(
        r.html
            .contains("<a href=\"../sida/index.html\">länk <b>c</b></a>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<em><b>d</b></em>"), "{}", r.html);
    let args: Vec<&str> = seen.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(args, ["h", "a", "b", "c", "d"]);
    assert_eq!(r.headings[0].title, "Rubrik h");
    assert_eq!(r.inline_uses.len(), 5);
    let a = &r.inline_uses[1];
    assert_eq!(
        (a.name.as_str(), a.args.as_str(), a.text.as_str()),
        ("echo", "a", "a")
    );
    let at = location_of(body, "{{#echo a");
    assert_eq!((a.line, a.column), (at.line, at.column));
    assert!(r.datasets.contains("toy"));
}

#[test]
fn table_cell() {
    let body = "| a | b |\n|---|---|\n| {{#echo x=\"Norra Värmland\"}} | 2 |\n";
    let (r, seen) = run(body);
    assert!(r.diagnostics.is_empty(), "{:?}", errors(&r));
    assert!(
        r.html
            .contains("<td><b>X=&quot;Norra Värmland&quot;</b></td>"),
        "{}",
        r.html
    );
    assert_eq!(seen[0].0, "x=\"Norra Värmland\"");
    assert!(seen[0].3, "first in its cell: the start of a sentence");
}

#[test]
fn code_spans_code_blocks_and_escapes_are_left_alone() {
    let body =
        "Kod `{{#echo a}}` och \\{{#echo b}} här.\n\n```\n{{#echo c}}\n```\n\n    {{#echo d}}\n";
    let (r, seen) = run(body);
    assert!(r.diagnostics.is_empty(), "{:?}", errors(&r));
    assert!(seen.is_empty(), "{seen:?}");
    assert!(r.html.contains("<code>{{#echo a}}</code>"), "{}", r.html);
    assert!(r.html.contains("och {{#echo b}} här"), "{}", r.html);
    assert!(r.html.contains("{{#echo c}}\n</code>"), "{}", r.html);
    assert!(r.html.contains("{{#echo d}}\n</code>"), "{}", r.html);
    assert!(r.inline_uses.is_empty());
}

#[test]
fn an_escaped_backslash_does_not_escape_the_directive() {
    let (r, seen) = run("Ett \\\\{{#echo a}}\n");
    assert!(r.diagnostics.is_empty(), "{:?}", errors(&r));
    assert_eq!(seen.len(), 1);
    assert!(r.html.contains("Ett \\<b>a</b>"), "{}", r.html);
}

#[test]
fn arguments_arrive_as_typed_across_split_text_and_lines() {
    // `[`, `]` and an entity split the text into several events; the quotes would be
    // turned into ” ” in the text; the line break inside the braces reads as a space.
    let body = "Ett {{#echo enhet=\"Norra Värmland\" [a] b&amp;c\nar=2023}} och \"citat\".\n";
    let (r, seen) = run(body);
    assert!(r.diagnostics.is_empty(), "{:?}", errors(&r));
    assert_eq!(seen[0].0, "enhet=\"Norra Värmland\" [a] b&c ar=2023");
    assert!(r.html.contains("och ”citat”."), "{}", r.html);
}

#[test]
fn several_directives_in_one_text() {
    let (r, seen) = run("{{#echo x1}}, {{#echo x2}}. {{#echo x3}}: {{#echo x4}}\n");
    assert!(r.diagnostics.is_empty(), "{:?}", errors(&r));
    let starts: Vec<bool> = seen.iter().map(|s| s.3).collect();
    assert_eq!(starts, [true, false, true, false]);
    assert!(
        r.html
            .contains("<b>X1</b>, <b>x2</b>. <b>X3</b>: <b>x4</b>"),
        "{}",
        r.html
    );
}

#[test]
fn sentence_starts_after_stops_and_in_each_block() {
    let body = "Slut.\n{{#echo x1}} och slut!{{#echo x2}}\n\n*{{#echo x3}}*\n\n- {{#echo x4}}\n";
    let (_, seen) = run(body);
    let starts: Vec<bool> = seen.iter().map(|s| s.3).collect();
    assert_eq!(starts, [true, false, true, true]);
}

#[test]
fn no_sentence_starts_after_a_colon_or_an_abbreviation() {
    let body = "Se t.ex. {{#echo x1}}, bl.a. {{#echo x2}}, ca. {{#echo x3}} och följande: \
                {{#echo x4}}. Slut. {{#echo x5}}\n";
    let (r, seen) = run(body);
    assert!(r.diagnostics.is_empty(), "{:?}", errors(&r));
    let starts: Vec<bool> = seen.iter().map(|s| s.3).collect();
    assert_eq!(starts, [false, false, false, false, true]);
}

#[test]
fn unknown_name_is_located_with_a_suggestion() {
    let body = "Första raden.\n\nÅäö ö {{#ecko a}} slut\n";
    let (r, _) = run(body);
    assert_eq!(r.diagnostics.len(), 1, "{:?}", errors(&r));
    let d = &r.diagnostics[0];
    assert_eq!(d.location, Some(location_of(body, "{{#ecko")));
    assert_eq!(d.location.unwrap().column, 7, "columns count characters");
    assert!(d.message.contains("ecko"), "{}", d.message);
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("did you mean `{{#echo}}`"),
        "{d}"
    );
    assert!(
        r.html.contains("{{#ecko a}}"),
        "the text is kept: {}",
        r.html
    );
}

#[test]
fn unclosed_directive_is_located() {
    let body = "Rad ett.\n\nRad två med å {{#echo a och inget slut\n\nNästa {{#echo b}}\n";
    let (r, seen) = run(body);
    assert_eq!(r.diagnostics.len(), 1, "{:?}", errors(&r));
    let d = &r.diagnostics[0];
    assert_eq!(d.location, Some(location_of(body, "{{#echo a")));
    assert!(d.message.contains("not closed"), "{}", d.message);
    assert!(r.html.contains("{{#echo a och inget slut"), "{}", r.html);
    assert_eq!(seen.len(), 1, "the next paragraph's directive still works");
}

#[test]
fn a_directive_cannot_hold_markup_or_another_directive() {
    let (r, _) = run("A {{#echo *b*}} c\n\nD {{#echo e {{#echo f}}\n");
    assert_eq!(r.diagnostics.len(), 2, "{:?}", errors(&r));
    assert!(r
        .diagnostics
        .iter()
        .all(|d| d.message.contains("not closed")));
    assert_eq!(r.inline_uses.len(), 1, "the inner one renders");
}

#[test]
fn errors_of_the_directive_and_block_only_directives_are_located() {
    let body = "Ett {{#echo fail}}\n\nTvå {{#box}}\n";
    let (r, _) = run(body);
    assert_eq!(r.diagnostics.len(), 2, "{:?}", errors(&r));
    assert_eq!(
        r.diagnostics[0].location,
        Some(location_of(body, "{{#echo"))
    );
    assert!(r.diagnostics[0].message.contains("it fails"));
    assert_eq!(r.diagnostics[1].location, Some(location_of(body, "{{#box")));
    assert!(
        r.diagnostics[1]
            .message
            .contains("`{{#box}}`: cannot be used inline"),
        "{}",
        r.diagnostics[1].message
    );
}

#[test]
fn inline_only_directives_refuse_blocks() {
    let (r, _) = run("```echo\na\n```\n");
    assert_eq!(r.diagnostics.len(), 1, "{:?}", errors(&r));
    assert!(r.diagnostics[0]
        .message
        .contains("cannot be used as a block"));
    let (r, _) = run("```box\na\n```\n");
    assert!(r.html.contains("<div class=\"box\">a</div>"), "{}", r.html);
}

#[test]
fn fragments_render_directives_at_the_fragment() {
    let echo = Echo::default();
    let r = with_targets(&echo, |targets, options| {
        let pages = [page("Intro\n")];
        let text = "Text {{#echo a}} och {{#nej}}";
        render_fragment(&pages, 0, text, FRONT.len(), targets, options)
    });
    assert!(r.html.contains("Text <b>a</b>"), "{}", r.html);
    assert_eq!(r.inline_uses.len(), 1);
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].location, Some(Location::new(4, 1)));
}

#[test]
fn in_an_image_description_only_the_text_is_used() {
    let (r, seen) = run("![Bild {{#echo a&amp;b}}](bild.png)\n");
    assert_eq!(seen.len(), 1);
    assert!(!r.html.contains("<b>"), "{}", r.html);
    assert!(r.html.contains("alt=\"Bild a&amp;b\""), "{}", r.html);
}
