//! The question-set file format (`content/**/NAME.yaml`), as typed serde structures.
//!
//! Every struct refuses unknown keys. Values whose position matters for later checks
//! (ids, `skip_to`, Markdown fields) are [`Spanned`], so validation can point at them.

use insikt_core::vocabulary::{Audience, HeaderField, Purpose, Relation, Role};
use serde::Deserialize;
use serde_saphyr::Spanned;

/// A question set: one worksheet.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionSet {
    /// A stable id, unique in the report (used to key saved answers).
    pub id: Spanned<String>,
    /// The worksheet's title.
    pub title: String,
    /// Raised when questions change so much that saved answers no longer fit.
    #[serde(default = "first_version")]
    pub version: u32,
    /// A sentence or two shown in overviews.
    pub summary: Option<String>,
    /// Order within the section; lower first, then by file name.
    pub weight: Option<i64>,
    /// Left out of the build unless drafts are asked for.
    #[serde(default)]
    pub draft: bool,
    /// Who answers the questions.
    #[serde(default)]
    pub audience: Vec<Audience>,
    /// Why the worksheet exists.
    pub purpose: Option<Purpose>,
    /// Introduction, Markdown.
    pub intro: Option<Spanned<String>>,
    /// Where the questions come from.
    pub provenance: Option<Provenance>,
    /// How a group session with the worksheet is run.
    pub session: Option<Session>,
    /// The sections, in order.
    pub sections: Vec<Section>,
}

fn first_version() -> u32 {
    1
}

/// Where a question set's questions come from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The work the questions come from or build on.
    pub source: String,
    /// Who made it.
    pub author: Option<String>,
    /// A link to it: `https:`, `http:`, `mailto:` or relative.
    pub url: Option<Spanned<String>>,
    /// The licence of the source.
    pub license: Option<String>,
    /// How this set relates to the source.
    pub relation: Relation,
    /// Anything else to say about the source.
    pub note: Option<String>,
}

/// How a session with the worksheet is run: the facilitator's part.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// How long the session takes, as written, e.g. `3 timmar`.
    pub duration: Option<String>,
    /// The roles in the room.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Write-in fields at the top of the form.
    #[serde(default)]
    pub header: Vec<HeaderField>,
    /// What to bring.
    #[serde(default)]
    pub materials: Vec<String>,
    /// The session's timetable.
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
}

/// One step of a session's timetable.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// How long, or when, as written: `15 min`, `13.00`.
    pub time: String,
    /// What happens.
    pub activity: String,
}

/// A section of a worksheet.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Unique in the set; the section's anchor and the target of `skip_to`.
    pub id: Spanned<String>,
    /// The section's title.
    pub title: String,
    /// Introduction, Markdown.
    pub intro: Option<Spanned<String>>,
    /// Start the section on a new sheet of paper.
    #[serde(default)]
    pub new_page: bool,
    /// The questions, in order.
    pub questions: Vec<Question>,
}

/// One question.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Unique in the set; the answer's name.
    pub id: Spanned<String>,
    /// What kind of answer it takes.
    pub kind: QuestionKind,
    /// The question (for `group`: the headline question).
    pub text: String,
    /// A short hint shown under the question.
    pub hint: Option<String>,
    /// Sub-questions (`group` only).
    #[serde(default)]
    pub sub: Vec<String>,
    /// Answer options (`choice` and `checklist`).
    #[serde(default)]
    pub options: Vec<String>,
    /// The scale (`scale` only).
    pub scale: Option<Scale>,
    /// Help for the facilitator or reader, Markdown, shown on demand.
    pub guidance: Option<Spanned<String>>,
    /// Room for the answer on paper (`open` and `group`).
    pub space: Option<Space>,
    /// "If no, go to section …": a later section's id (`yes-no`, `yes-no-unknown`).
    pub skip_to: Option<Spanned<String>>,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionKind {
    /// Free text.
    Open,
    /// Yes or no.
    YesNo,
    /// Yes, no or don't know.
    YesNoUnknown,
    /// One of `options`.
    Choice,
    /// A point on a numbered scale.
    Scale,
    /// Any of `options`, ticked.
    Checklist,
    /// A headline question with sub-questions, each answered in free text.
    Group,
    /// Text to read, no answer.
    Info,
}

impl QuestionKind {
    /// The key used in the YAML and in CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            QuestionKind::Open => "open",
            QuestionKind::YesNo => "yes-no",
            QuestionKind::YesNoUnknown => "yes-no-unknown",
            QuestionKind::Choice => "choice",
            QuestionKind::Scale => "scale",
            QuestionKind::Checklist => "checklist",
            QuestionKind::Group => "group",
            QuestionKind::Info => "info",
        }
    }
}

/// A numbered scale.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// The lowest point.
    pub from: u8,
    /// The highest point.
    pub to: u8,
    /// What the lowest point means.
    pub low: Option<String>,
    /// What the highest point means.
    pub high: Option<String>,
}

/// How much room an answer gets on paper (and how tall its text area is on screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Space {
    /// A few lines.
    Small,
    /// A paragraph.
    #[default]
    Medium,
    /// Half a page.
    Large,
    /// A whole page (a long session's notes).
    Page,
}

impl Space {
    /// The key used in the YAML and in CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            Space::Small => "small",
            Space::Medium => "medium",
            Space::Large => "large",
            Space::Page => "page",
        }
    }

    /// Rows of the text area on screen.
    pub fn rows(self) -> u8 {
        match self {
            Space::Small => 3,
            Space::Medium => 6,
            Space::Large => 12,
            Space::Page => 20,
        }
    }
}
