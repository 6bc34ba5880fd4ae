//! Worksheets ready to render: each question set's Markdown rendered once, and the views
//! the `worksheet.html` and `worksheets.html` templates see (documented in `docs/themes.md`).

use insikt_content::questions::{offset_of, QuestionKind, QuestionSet, QuestionSets};
use insikt_content::{Content, Page};
use insikt_core::diagnostic::Diagnostics;
use insikt_core::language::Language;
use insikt_core::url::encode;
use insikt_core::vocabulary::{Audience, HeaderField};
use insikt_markdown::{self as markdown, Heading, LinkTargets, RenderOptions, Rendered};
use serde::Serialize;
use serde_saphyr::Spanned;
use std::collections::{BTreeMap, HashMap};

/// The template of a worksheet page.
pub const WORKSHEET_TEMPLATE: &str = "worksheet.html";
/// The template of the overview of all worksheets.
pub const OVERVIEW_TEMPLATE: &str = "worksheets.html";

/// Every audience, in the order the overview lists them.
const AUDIENCES: [Audience; 6] = [
    Audience::Elected,
    Audience::Managers,
    Audience::Staff,
    Audience::Facilitators,
    Audience::Citizens,
    Audience::DataWorkers,
];

/// A question set with its Markdown rendered.
#[derive(Debug)]
pub struct Worksheet {
    /// The set as validated.
    pub set: QuestionSet,
    intro: Option<String>,
    section_intros: Vec<Option<String>>,
    guidance: HashMap<String, String>,
}

/// All worksheets of a report, by page index, and the overview page listing them.
#[derive(Debug, Default)]
pub struct Worksheets {
    /// Worksheets by the index of their page.
    pub by_page: BTreeMap<usize, Worksheet>,
    /// The index of the overview page, when the report has worksheets.
    pub overview: Option<usize>,
}

impl Worksheets {
    /// Renders the Markdown of every question set in `sets` (found in `content` by source
    /// path). Each worksheet's section titles become its page's headings in `rendered`, so
    /// that links to `set.yaml#section` are checked and the table of contents lists them.
    pub fn prepare(
        content: &Content,
        sets: QuestionSets,
        overview: Option<usize>,
        targets: &LinkTargets,
        options: RenderOptions,
        rendered: &mut [Rendered],
        diagnostics: &mut Diagnostics,
    ) -> Worksheets {
        let mut by_page = BTreeMap::new();
        for (source, set) in sets {
            let Some(&index) = content.by_source.get(&source) else {
                continue;
            };
            let page = &content.pages[index];
            let mut anchor_refs = Vec::new();
            let mut inline_uses = Vec::new();
            let mut datasets = Vec::new();
            let mut fragment = |text: &Spanned<String>| {
                let at = offset_of(text, &page.text);
                let r = markdown::render_fragment(
                    &content.pages,
                    index,
                    &text.value,
                    at,
                    targets,
                    options,
                );
                diagnostics.0.extend(r.diagnostics);
                anchor_refs.extend(r.anchor_refs);
                inline_uses.extend(r.inline_uses);
                datasets.extend(r.datasets);
                r.html
            };
            let intro = set.intro.as_ref().map(&mut fragment);
            let section_intros = set
                .sections
                .iter()
                .map(|s| s.intro.as_ref().map(&mut fragment))
                .collect();
            let guidance = set
                .sections
                .iter()
                .flat_map(|s| &s.questions)
                .filter_map(|q| Some((q.id.value.clone(), fragment(q.guidance.as_ref()?))))
                .collect();
            rendered[index].anchor_refs = anchor_refs;
            rendered[index].inline_uses = inline_uses;
            rendered[index].datasets.extend(datasets);
            rendered[index].headings = set
                .sections
                .iter()
                .map(|s| Heading {
                    level: 2,
                    id: s.id.value.clone(),
                    title: s.title.clone(),
                })
                .collect();
            by_page.insert(
                index,
                Worksheet {
                    set,
                    intro,
                    section_intros,
                    guidance,
                },
            );
        }
        Worksheets { by_page, overview }
    }

    /// The view of the worksheet on page `index` of `pages`, if it is one.
    pub fn view<'a>(
        &'a self,
        pages: &[Page],
        index: usize,
        language: Language,
        site_title: &str,
    ) -> Option<WorksheetView<'a>> {
        let ws = self.by_page.get(&index)?;
        let set = &ws.set;
        let t = language.strings();
        let root = "../".repeat(pages[index].url_dir.matches('/').count());
        let session = set.session.clone().unwrap_or_default();
        let option = |qid: &str, n: usize, value: String, label: String| OptionView {
            id: format!("a-{qid}-{n}"),
            value,
            label,
        };
        // Questions are numbered through the whole set, texts to read are not.
        let mut counter = 0;
        let numbers: Vec<Vec<String>> = set
            .sections
            .iter()
            .map(|s| {
                s.questions
                    .iter()
                    .map(|q| {
                        if q.kind == QuestionKind::Info {
                            String::new()
                        } else {
                            counter += 1;
                            counter.to_string()
                        }
                    })
                    .collect()
            })
            .collect();
        let sections = set
            .sections
            .iter()
            .enumerate()
            .map(|(si, s)| SectionView {
                id: &s.id.value,
                number: si + 1,
                title: &s.title,
                intro_html: ws.section_intros[si].as_deref(),
                new_page: s.new_page,
                questions: s
                    .questions
                    .iter()
                    .enumerate()
                    .map(|(qi, q)| {
                        let qid = q.id.value.as_str();
                        let yes_no = |unknown: bool| {
                            let mut o = vec![
                                option(qid, 1, "yes".into(), t.ws_yes.clone()),
                                option(qid, 2, "no".into(), t.ws_no.clone()),
                            ];
                            if unknown {
                                o.push(option(qid, 3, "unknown".into(), t.ws_unknown.clone()));
                            }
                            o
                        };
                        let from_list = |list: &[String]| {
                            list.iter()
                                .enumerate()
                                .map(|(i, l)| option(qid, i + 1, l.clone(), l.clone()))
                                .collect()
                        };
                        let options: Vec<OptionView> = match q.kind {
                            QuestionKind::YesNo => yes_no(false),
                            QuestionKind::YesNoUnknown => yes_no(true),
                            QuestionKind::Choice | QuestionKind::Checklist => from_list(&q.options),
                            QuestionKind::Scale => q
                                .scale
                                .as_ref()
                                .map(|sc| {
                                    (sc.from..=sc.to)
                                        .enumerate()
                                        .map(|(i, v)| {
                                            option(qid, i + 1, v.to_string(), v.to_string())
                                        })
                                        .collect()
                                })
                                .unwrap_or_default(),
                            QuestionKind::Open | QuestionKind::Group | QuestionKind::Info => {
                                Vec::new()
                            }
                        };
                        let number = numbers[si][qi].clone();
                        let skip = q.skip_to.as_ref().and_then(|target| {
                            let (ti, ts) = set
                                .sections
                                .iter()
                                .enumerate()
                                .find(|(_, s)| s.id.value == target.value)?;
                            Some(SkipView {
                                lead: &t.ws_skip_if_no,
                                target: format!(
                                    "{} ({})",
                                    &t.ws_section_n.replace("{n}", &(ti + 1).to_string()),
                                    ts.title
                                ),
                                href: format!("#{}", ts.id.value),
                            })
                        });
                        let space = q.space.unwrap_or_default();
                        QuestionView {
                            id: qid,
                            number: number.clone(),
                            kind: q.kind.key(),
                            input: match q.kind {
                                QuestionKind::Open | QuestionKind::Group => "text",
                                QuestionKind::Checklist => "checkbox",
                                QuestionKind::Info => "none",
                                _ => "radio",
                            },
                            text: &q.text,
                            hint: q.hint.as_deref(),
                            guidance_html: ws.guidance.get(qid).map(String::as_str),
                            space: space.key(),
                            rows: space.rows(),
                            options,
                            scale_low: q.scale.as_ref().and_then(|s| s.low.as_deref()),
                            scale_high: q.scale.as_ref().and_then(|s| s.high.as_deref()),
                            sub: q
                                .sub
                                .iter()
                                .enumerate()
                                .map(|(i, text)| SubView {
                                    id: format!("a-{qid}-{}", i + 1),
                                    name: format!("{qid}.{}", i + 1),
                                    number: format!("{number}{}", sub_letter(i)),
                                    text,
                                })
                                .collect(),
                            skip,
                        }
                    })
                    .collect(),
            })
            .collect();
        let pack = (!session.roles.is_empty()
            || !session.agenda.is_empty()
            || !session.materials.is_empty())
        .then(|| PackView {
            roles: session
                .roles
                .iter()
                .map(|&r| {
                    let (label, description) = language.role_label(r);
                    RoleView {
                        key: r.key(),
                        label,
                        description,
                    }
                })
                .collect(),
            agenda: session
                .agenda
                .iter()
                .map(|a| AgendaView {
                    time: a.time.clone(),
                    activity: a.activity.clone(),
                })
                .collect(),
            materials: session.materials.clone(),
        });
        Some(WorksheetView {
            id: &set.id.value,
            version: set.version,
            storage_key: format!("insikt:{site_title}:{}:v{}", set.id.value, set.version),
            intro_html: ws.intro.as_deref(),
            provenance: set.provenance.as_ref().map(|p| ProvenanceView {
                relation: p.relation.key(),
                relation_label: language.relation_label(p.relation),
                source: &p.source,
                author: p.author.as_deref(),
                url: p.url.as_ref().map(|u| u.value.as_str()),
                license: p.license.as_deref(),
                note: p.note.as_deref(),
            }),
            duration: session.duration.clone(),
            header: session
                .header
                .iter()
                .map(|&f| HeaderView {
                    key: f.key(),
                    name: format!("session.{}", f.key()),
                    id: format!("session-{}", f.key()),
                    label: language.header_field_label(f),
                    multiline: f == HeaderField::Participants,
                })
                .collect(),
            pack,
            question_count: set.sections.iter().map(|s| s.questions.len()).sum(),
            sections,
            overview_href: self
                .overview
                .map(|o| format!("{root}{}index.html", encode(&pages[o].url_dir))),
        })
    }

    /// The overview of all worksheets, seen from page `index` (the overview page itself).
    pub fn overview_view(&self, pages: &[Page], index: usize, language: Language) -> OverviewView {
        let root = "../".repeat(pages[index].url_dir.matches('/').count());
        let t = language.strings();
        let entry = |(&i, ws): (&usize, &Worksheet)| OverviewEntry {
            title: ws.set.title.clone(),
            href: format!("{root}{}index.html", encode(&pages[i].url_dir)),
            summary: ws.set.summary.clone(),
            questions: ws.set.sections.iter().map(|s| s.questions.len()).sum(),
            duration: ws.set.session.as_ref().and_then(|s| s.duration.clone()),
        };
        let mut groups: Vec<OverviewGroup> = AUDIENCES
            .iter()
            .map(|&a| OverviewGroup {
                key: a.key(),
                label: language.audience_label(a),
                worksheets: self
                    .by_page
                    .iter()
                    .filter(|(_, ws)| ws.set.audience.contains(&a))
                    .map(entry)
                    .collect(),
            })
            .filter(|g| !g.worksheets.is_empty())
            .collect();
        let others: Vec<OverviewEntry> = self
            .by_page
            .iter()
            .filter(|(_, ws)| ws.set.audience.is_empty())
            .map(entry)
            .collect();
        if !others.is_empty() {
            groups.push(OverviewGroup {
                key: "none",
                label: &t.ws_no_audience,
                worksheets: others,
            });
        }
        OverviewView { groups }
    }
}

/// `a`, `b`, … for sub-questions; numbers past `z`.
fn sub_letter(i: usize) -> String {
    match u8::try_from(i) {
        Ok(n) if n < 26 => char::from(b'a' + n).to_string(),
        _ => format!(".{}", i + 1),
    }
}

/// What `worksheet.html` sees as `worksheet`.
#[derive(Debug, Serialize)]
pub struct WorksheetView<'a> {
    /// The set's id.
    pub id: &'a str,
    /// The set's version.
    pub version: u32,
    /// The browser storage key of the answers: site title, set id and version.
    pub storage_key: String,
    /// The introduction as HTML.
    pub intro_html: Option<&'a str>,
    /// Where the questions come from.
    pub provenance: Option<ProvenanceView<'a>>,
    /// How long a session takes.
    pub duration: Option<String>,
    /// The session header's write-in fields.
    pub header: Vec<HeaderView>,
    /// The facilitator's part: roles, plan, materials.
    pub pack: Option<PackView>,
    /// Number of questions.
    pub question_count: usize,
    /// The sections with their questions.
    pub sections: Vec<SectionView<'a>>,
    /// The overview of all worksheets.
    pub overview_href: Option<String>,
}

/// A question set's source.
#[derive(Debug, Serialize)]
pub struct ProvenanceView<'a> {
    /// `inspired-by`, `adapted-from` or `reproduced-from`.
    pub relation: &'static str,
    /// The relation as a phrase: "Inspirerat av".
    pub relation_label: &'static str,
    /// The source's name.
    pub source: &'a str,
    /// Its author.
    pub author: Option<&'a str>,
    /// A link to it.
    pub url: Option<&'a str>,
    /// Its licence.
    pub license: Option<&'a str>,
    /// A note.
    pub note: Option<&'a str>,
}

/// A write-in field of the session header.
#[derive(Debug, Serialize)]
pub struct HeaderView {
    /// `date`, `participants`, ….
    pub key: &'static str,
    /// The answer's name: `session.date`.
    pub name: String,
    /// The input's id.
    pub id: String,
    /// The label.
    pub label: &'static str,
    /// True for fields that need more than a line (participants).
    pub multiline: bool,
}

/// The facilitator's part of a worksheet.
#[derive(Debug, Serialize)]
pub struct PackView {
    /// Roles in the room.
    pub roles: Vec<RoleView>,
    /// The timetable.
    pub agenda: Vec<AgendaView>,
    /// What to bring.
    pub materials: Vec<String>,
}

/// A role with what it does.
#[derive(Debug, Serialize)]
pub struct RoleView {
    /// `facilitator`, `note-taker`, ….
    pub key: &'static str,
    /// The role's name.
    pub label: &'static str,
    /// What the person in the role does.
    pub description: &'static str,
}

/// A step of the timetable.
#[derive(Debug, Serialize)]
pub struct AgendaView {
    /// When or how long.
    pub time: String,
    /// What happens.
    pub activity: String,
}

/// A section of a worksheet.
#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    /// The section's id, also its anchor.
    pub id: &'a str,
    /// 1-based.
    pub number: usize,
    /// Title.
    pub title: &'a str,
    /// Introduction as HTML.
    pub intro_html: Option<&'a str>,
    /// Starts a new sheet of paper.
    pub new_page: bool,
    /// Questions.
    pub questions: Vec<QuestionView<'a>>,
}

/// A question.
#[derive(Debug, Serialize)]
pub struct QuestionView<'a> {
    /// The question's id: the answer's name (`a-ID` is its control's id).
    pub id: &'a str,
    /// The question's number in the set (empty for `info`).
    pub number: String,
    /// The kind's key: `open`, `yes-no`, ….
    pub kind: &'static str,
    /// The control: `text`, `radio`, `checkbox` or `none`.
    pub input: &'static str,
    /// The question.
    pub text: &'a str,
    /// A short hint.
    pub hint: Option<&'a str>,
    /// Guidance as HTML.
    pub guidance_html: Option<&'a str>,
    /// `small`, `medium` or `large`.
    pub space: &'static str,
    /// Text-area rows.
    pub rows: u8,
    /// Radio or checkbox options.
    pub options: Vec<OptionView>,
    /// What the lowest point of a scale means.
    pub scale_low: Option<&'a str>,
    /// What the highest point of a scale means.
    pub scale_high: Option<&'a str>,
    /// Sub-questions of a group.
    pub sub: Vec<SubView<'a>>,
    /// "If no, go to …".
    pub skip: Option<SkipView>,
}

/// A radio button or checkbox.
#[derive(Debug, Serialize)]
pub struct OptionView {
    /// The input's id.
    pub id: String,
    /// The value saved.
    pub value: String,
    /// The label.
    pub label: String,
}

/// A sub-question of a group.
#[derive(Debug, Serialize)]
pub struct SubView<'a> {
    /// The text area's id.
    pub id: String,
    /// The answer's name: `ID.N`.
    pub name: String,
    /// `3b`: the question's number and a letter.
    pub number: String,
    /// The question.
    pub text: &'a str,
}

/// Branching in words: "Om nej, gå till" + "avsnitt 3 (Åtkomst)".
#[derive(Debug, Serialize)]
pub struct SkipView {
    /// The words before the target.
    pub lead: &'static str,
    /// The target section, numbered and named.
    pub target: String,
    /// Its anchor.
    pub href: String,
}

/// What `worksheets.html` sees as `overview`.
#[derive(Debug, Serialize)]
pub struct OverviewView {
    /// Worksheets by audience; a set appears under each of its audiences.
    pub groups: Vec<OverviewGroup>,
}

/// The worksheets for one audience.
#[derive(Debug, Serialize)]
pub struct OverviewGroup {
    /// The audience key, or `none`.
    pub key: &'static str,
    /// The audience's label.
    pub label: &'static str,
    /// Its worksheets.
    pub worksheets: Vec<OverviewEntry>,
}

/// A worksheet in the overview.
#[derive(Debug, Serialize)]
pub struct OverviewEntry {
    /// Title.
    pub title: String,
    /// Relative href.
    pub href: String,
    /// Summary.
    pub summary: Option<String>,
    /// Number of questions.
    pub questions: usize,
    /// Session duration.
    pub duration: Option<String>,
}
