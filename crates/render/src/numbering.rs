//! Charts and tables numbered across the report, their ids, and what `{{#ref ID}}` and
//! the print lists need: found before any page is rendered, since a page refers to
//! figures of pages rendered beside it in parallel.
//!
//! Each page's ```` ```chart ```` and ```` ```table ```` blocks are found as the Markdown
//! renderer finds them ([`insikt_markdown::fenced_blocks`]: one parse of a page with a
//! fence, none of a page without), and only their `id`, `title` and `data` keys are read;
//! the rest of each block is checked when it is rendered. Charts and tables are counted
//! apart ("figur 3", "tabell 1"), by `[figures] numbering`.

use insikt_chart::figure::FigureKind;
use insikt_config::Numbering;
use insikt_content::Page;
use insikt_core::diagnostic::{Diagnostic, Location};
use insikt_core::language::Language;
use insikt_core::slug::file_slug;
use insikt_data::Datasets;
use insikt_markdown::Rendered;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::{BTreeSet, HashMap};

/// A chart or table block as found before rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundBlock {
    /// Chart or table.
    pub kind: FigureKind,
    /// The block's `id`, with its line and column in the page's file.
    pub id: Option<(String, Location)>,
    /// The block's `title`, else its dataset's title (as the rendered caption).
    pub title: String,
    /// The line and column of the block's opening fence in the page's file.
    pub at: Location,
}

/// The keys read before rendering; any others are the renderer's to check.
#[derive(Deserialize)]
struct Head {
    id: Option<Spanned<String>>,
    title: Option<String>,
    data: Option<String>,
}

/// The chart and table blocks of `page`, in reading order. A block whose YAML cannot be
/// read is found without an id (its error is reported when it is rendered).
pub fn find_blocks(page: &Page, datasets: &Datasets) -> Vec<FoundBlock> {
    let body = page.body();
    if !body.contains("chart") && !body.contains("table") {
        return Vec::new();
    }
    insikt_markdown::fenced_blocks(body, &["chart", "table"])
        .into_iter()
        .map(|block| {
            let at = Location::from_offset(&page.text, page.body_offset + block.offset);
            let (id, title, data) = read_head(&block.body);
            let title = title
                .or_else(|| Some(datasets.get(data.as_deref()?)?.title().to_string()))
                .unwrap_or_default();
            FoundBlock {
                kind: if block.name == "chart" {
                    FigureKind::Chart
                } else {
                    FigureKind::Table
                },
                // The body starts on the line after the opening fence.
                id: id.map(|(id, line, column)| (id, Location::new(at.line + line, column))),
                title,
                at,
            }
        })
        .collect()
}

/// A block's `id` (with its line and column in its body), `title` and `data`.
type HeadValues = (
    Option<(String, usize, usize)>,
    Option<String>,
    Option<String>,
);

/// A block's `id` (with its line and column in the body), `title` and `data`. Plain
/// values on top-level lines are read as they are, which is most blocks and many times
/// faster than the YAML parser; a block where any of the three is quoted, a flow or block
/// value, or written otherwise is parsed as YAML (and one that is not valid YAML has none).
fn read_head(body: &str) -> HeadValues {
    let mut id = None;
    let mut title = None;
    let mut data = None;
    for (n, line) in body.lines().enumerate() {
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        let slot = match key {
            "id" => None,
            "title" => Some(&mut title),
            "data" => Some(&mut data),
            _ => continue,
        };
        let value = rest.trim();
        let plain = rest.starts_with(' ')
            && !value.is_empty()
            && !value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!', '%', '@', '`'])
            && !value.contains(" #")
            && !value.contains(": ");
        if !plain {
            return parse_head(body);
        }
        match slot {
            Some(slot) => *slot = Some(value.to_string()),
            None => {
                let column = key.chars().count() + 1 + (rest.len() - rest.trim_start().len()) + 1;
                id = Some((value.to_string(), n + 1, column));
            }
        }
    }
    (id, title, data)
}

/// [`read_head`] by the YAML parser.
fn parse_head(body: &str) -> HeadValues {
    match serde_saphyr::from_str::<Head>(body) {
        Ok(h) => {
            let id = h.id.map(|s| {
                let line = s.referenced.line().max(1) as usize;
                let column = s.referenced.column().max(1) as usize;
                (s.value, line, column)
            });
            (id, h.title, h.data)
        }
        Err(_) => (None, None, None),
    }
}

/// A numbered chart or table of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberedFigure {
    /// Chart or table.
    pub kind: FigureKind,
    /// The page it is on, by index.
    pub page: usize,
    /// Which chart (or table) of its page it is, from 1.
    pub on_page: usize,
    /// Its anchor on the page: its `id`, else `figur-N` or `tabell-N` (N as `on_page`).
    pub anchor: String,
    /// The number shown (`3`, or `2.3` by chapter).
    pub number: String,
    /// Its title.
    pub title: String,
    /// Where its `id` is written in the page's file, else its opening fence.
    pub at: Location,
}

/// Every chart and table of the report, numbered.
#[derive(Debug)]
pub struct Figures {
    /// In reading order.
    pub all: Vec<NumberedFigure>,
    /// What was found on each page, by page index (to number again after an edit).
    found: Vec<Vec<FoundBlock>>,
    /// How they are numbered.
    numbering: Numbering,
    /// The report's language (which folder holds the worksheets).
    language: Language,
    /// Index into `all` of each figure with an `id`.
    by_id: HashMap<String, usize>,
    /// Index into `all` by page, kind and number on the page.
    by_place: HashMap<(usize, FigureKind, usize), usize>,
}

impl Figures {
    /// Numbers the blocks `found` on each page of `pages` (by page index) as `numbering`
    /// asks, in a report in `language`; a bad or repeated `id` is an error at its line.
    pub fn number(
        pages: &[Page],
        found: Vec<Vec<FoundBlock>>,
        numbering: Numbering,
        language: Language,
    ) -> (Figures, Vec<Diagnostic>) {
        let chapters = chapter_numbers(pages, language);
        let mut figures = Figures {
            all: Vec::new(),
            found: Vec::new(),
            numbering,
            language,
            by_id: HashMap::new(),
            by_place: HashMap::new(),
        };
        let mut problems = Vec::new();
        // Where each id was first given: page and line, column.
        let mut first: HashMap<String, (usize, Location)> = HashMap::new();
        let mut counters: HashMap<FigureKind, usize> = HashMap::new();
        let mut last_chapter = None;
        for (page, blocks) in found.iter().enumerate() {
            let chapter = chapters[page];
            let restart = match numbering {
                Numbering::Report => false,
                Numbering::Chapter => last_chapter != Some(chapter),
                Numbering::Page => true,
            };
            if restart {
                counters.clear();
            }
            last_chapter = Some(chapter);
            let mut on_page: HashMap<FigureKind, usize> = HashMap::new();
            for block in blocks {
                let n_page = on_page.entry(block.kind).or_insert(0);
                *n_page += 1;
                let n = counters.entry(block.kind).or_insert(0);
                *n += 1;
                let number = match (numbering, chapter) {
                    (Numbering::Chapter, Some(c)) => format!("{c}.{n}"),
                    _ => n.to_string(),
                };
                let default_anchor = match block.kind {
                    FigureKind::Chart => format!("figur-{n_page}"),
                    FigureKind::Table => format!("tabell-{n_page}"),
                };
                let mut anchor = default_anchor.clone();
                if let Some((id, at)) = &block.id {
                    match check_id(id) {
                        Err((message, help)) => {
                            problems.push(error(&pages[page], *at, message).with_help(help))
                        }
                        Ok(()) => match first.get(id) {
                            Some(&(p, was)) => {
                                problems.push(duplicate(pages, id, (page, *at), (p, was)))
                            }
                            None => {
                                first.insert(id.clone(), (page, *at));
                                anchor = id.clone();
                            }
                        },
                    }
                }
                let index = figures.all.len();
                if anchor != default_anchor {
                    figures.by_id.insert(anchor.clone(), index);
                }
                figures.by_place.insert((page, block.kind, *n_page), index);
                figures.all.push(NumberedFigure {
                    kind: block.kind,
                    page,
                    on_page: *n_page,
                    anchor,
                    number,
                    title: block.title.clone(),
                    at: block.id.as_ref().map_or(block.at, |(_, at)| *at),
                });
            }
        }
        figures.found = found;
        (figures, problems)
    }

    /// The figure with the id `id`.
    pub fn get(&self, id: &str) -> Option<&NumberedFigure> {
        self.by_id.get(id).map(|&i| &self.all[i])
    }

    /// The ids given, for suggestions.
    pub fn ids(&self) -> Vec<&str> {
        self.by_id.keys().map(String::as_str).collect()
    }

    /// The `on_page`th chart or table (`kind`) of page `page`.
    pub fn at(&self, page: usize, kind: FigureKind, on_page: usize) -> Option<&NumberedFigure> {
        self.by_place
            .get(&(page, kind, on_page))
            .map(|&i| &self.all[i])
    }

    /// An error for each id that is also the id of a heading on its page (`rendered` by
    /// page index), or one the theme's templates write (`theme_ids`, e.g. `main`), since a
    /// link to it would lead to one of the two.
    pub fn id_clashes(
        &self,
        pages: &[Page],
        rendered: &[Rendered],
        theme_ids: &BTreeSet<String>,
    ) -> Vec<Diagnostic> {
        let mut problems: Vec<Diagnostic> = Vec::new();
        for f in self.by_id.values().map(|&i| &self.all[i]) {
            if theme_ids.contains(&f.anchor) {
                problems.push(
                    error(
                        &pages[f.page],
                        f.at,
                        format!("the id `{}` is an id of the theme's pages", f.anchor),
                    )
                    .with_help("choose another id for the chart or table"),
                );
            } else if rendered
                .get(f.page)
                .is_some_and(|r| r.headings.iter().any(|h| h.id == f.anchor))
            {
                problems.push(
                    error(
                        &pages[f.page],
                        f.at,
                        format!("the id `{}` is also the id of a heading on this page", f.anchor),
                    )
                    .with_help("choose another id, or give the heading its own id: `## Rubrik {#rubrikens-id}`"),
                );
            }
        }
        problems.sort_by_key(|d| (d.file.clone(), d.location));
        problems
    }

    /// The figures after the pages `edited` (index, blocks now found on it) changed, when
    /// no other page shows or refers to anything that changed: every figure of the other
    /// pages keeps its number and anchor, and every id names the same figure with the
    /// same number as before. `None` when others change (or an id is now wrong): then
    /// every page must be rendered again.
    pub fn after_edit(
        &self,
        pages: &[Page],
        edited: Vec<(usize, Vec<FoundBlock>)>,
    ) -> Option<Figures> {
        let mut found = self.found.clone();
        let pages_edited: Vec<usize> = edited.iter().map(|(i, _)| *i).collect();
        for (i, blocks) in edited {
            *found.get_mut(i)? = blocks;
        }
        let (figures, problems) = Figures::number(pages, found, self.numbering, self.language);
        let others = |f: &Figures| -> Vec<(usize, FigureKind, String, String)> {
            f.all
                .iter()
                .filter(|g| !pages_edited.contains(&g.page))
                .map(|g| (g.page, g.kind, g.anchor.clone(), g.number.clone()))
                .collect()
        };
        let named = |f: &Figures| -> Vec<(String, usize, String)> {
            let mut ids: Vec<_> = (f.by_id.iter())
                .map(|(id, &i)| (id.clone(), f.all[i].page, f.all[i].number.clone()))
                .collect();
            ids.sort();
            ids
        };
        let local = problems.is_empty()
            && others(self) == others(&figures)
            && named(self) == named(&figures);
        local.then_some(figures)
    }
}

/// Each page's chapter number: the place, from 1, of the page under the front page that it
/// is or is in, in the contents; `None` for the front page. The worksheets, printed as an
/// appendix, are in no chapter and count none.
fn chapter_numbers(pages: &[Page], language: Language) -> Vec<Option<usize>> {
    let mut chapter_of_top: HashMap<usize, usize> = HashMap::new();
    let mut next = 0;
    (0..pages.len())
        .map(|i| {
            let mut top = i;
            while let Some(parent) = pages[top].parent {
                if pages[parent].parent.is_none() {
                    break;
                }
                top = parent;
            }
            // The front page is in no chapter.
            pages[top].parent?;
            if crate::print::in_appendix(&pages[top], language) {
                return None;
            }
            Some(*chapter_of_top.entry(top).or_insert_with(|| {
                next += 1;
                next
            }))
        })
        .collect()
}

/// An id is a slug: lower-case letters a–z, digits and `-`, so it is the same in every
/// address and in `print.html`'s prefixed anchors; `figur-N` and `tabell-N` are the
/// anchors of the blocks without an id.
fn check_id(id: &str) -> Result<(), (String, String)> {
    let generated = ["figur-", "tabell-"].iter().any(|prefix| {
        id.strip_prefix(prefix)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    });
    if generated {
        return Err((
            format!("the id `{id}` is kept for charts and tables without an id"),
            "choose a name that says what the figure shows, e.g. `id: besok-per-kommun`"
                .to_string(),
        ));
    }
    if !id.is_empty() && file_slug(id) == id {
        return Ok(());
    }
    let suggestion = file_slug(id);
    let help = if suggestion.is_empty() {
        "write an id of lower-case letters a–z, digits and `-`, e.g. `id: deltagare-per-ar`"
            .to_string()
    } else {
        format!("write it with lower-case letters a–z, digits and `-`: `id: {suggestion}`")
    };
    Err((format!("the id `{id}` is not a valid id"), help))
}

fn error(page: &Page, at: Location, message: String) -> Diagnostic {
    Diagnostic::at(page.display_file(), &page.text, at, message)
}

/// The id `id` given at `now` after `first` (page index, location).
fn duplicate(
    pages: &[Page],
    id: &str,
    now: (usize, Location),
    first: (usize, Location),
) -> Diagnostic {
    let was = &pages[first.0];
    error(
        &pages[now.0],
        now.1,
        format!(
            "the id `{id}` is used twice: here and at {}:{}:{}",
            was.display_file().display(),
            first.1.line,
            first.1.column
        ),
    )
    .with_help("give each chart and table its own id: `{{#ref ID}}` must name one of them")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_values_are_read_and_others_parsed_as_yaml() {
        let body =
            "data: besok\nid:   besok-per-ar\ntype: bar\nfilter: {ar: 2022}\ntitle: Besök per år\n";
        let (id, title, data) = read_head(body);
        assert_eq!(id, Some(("besok-per-ar".to_string(), 2, 7)));
        assert_eq!(title.as_deref(), Some("Besök per år"));
        assert_eq!(data.as_deref(), Some("besok"));
        // Quoted, with a colon, or with a comment: as YAML reads it.
        let body = "data: besok\ntitle: \"Besök: per år\"\nid: a-b # kommentar\n";
        assert_eq!(read_head(body), parse_head(body));
        let (id, title, _) = read_head(body);
        assert_eq!(title.as_deref(), Some("Besök: per år"));
        assert_eq!(id.map(|i| i.0).as_deref(), Some("a-b"));
        // Not YAML: nothing.
        assert_eq!(read_head("title: \"öppen\n"), (None, None, None));
    }
}
