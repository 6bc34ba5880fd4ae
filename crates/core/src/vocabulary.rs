//! The vocabulary authors write in front matter, codebooks and question sets: what a page
//! is, who it is for, why a number is published, a dataset's status and indicator type, and
//! the parts of a worksheet session. Each value has a stable key (as written, and in CSS
//! classes); its label in each language is in [`crate::language`].

use serde::Deserialize;

/// What kind of text a page is; shown as a badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// An ordinary chapter.
    Chapter,
    /// A case narrative: a story told to illustrate indicators.
    Case,
    /// A shorter story.
    Story,
    /// A worksheet.
    Worksheet,
    /// An appendix.
    Appendix,
}

impl Kind {
    /// The key used in front matter and CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Chapter => "chapter",
            Kind::Case => "case",
            Kind::Story => "story",
            Kind::Worksheet => "worksheet",
            Kind::Appendix => "appendix",
        }
    }
}

/// Who a page, dataset or worksheet is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    /// Elected officials.
    Elected,
    /// Managers.
    Managers,
    /// Staff in the services.
    Staff,
    /// Workshop facilitators.
    Facilitators,
    /// Citizens and service users.
    Citizens,
    /// People who work with data.
    DataWorkers,
}

impl Audience {
    /// Every audience, in the order overviews list them.
    pub const ALL: [Audience; 6] = [
        Audience::Elected,
        Audience::Managers,
        Audience::Staff,
        Audience::Facilitators,
        Audience::Citizens,
        Audience::DataWorkers,
    ];

    /// The key used in front matter and CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            Audience::Elected => "elected",
            Audience::Managers => "managers",
            Audience::Staff => "staff",
            Audience::Facilitators => "facilitators",
            Audience::Citizens => "citizens",
            Audience::DataWorkers => "data-workers",
        }
    }
}

/// Why a number or text is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Purpose {
    /// Accountability upward and outward.
    Prove,
    /// Learning in practice.
    Improve,
}

impl Purpose {
    /// The key used in front matter and CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            Purpose::Prove => "prove",
            Purpose::Improve => "improve",
        }
    }
}

/// Quality status of a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not yet checked.
    Draft,
    /// Checked by its owner.
    Verified,
}

impl Status {
    /// The key as written.
    pub fn key(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Verified => "verified",
        }
    }
}

/// What kind of indicator a dataset holds (activity is not outcome).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IndicatorType {
    /// What was done.
    Activity,
    /// What was produced.
    Output,
    /// What changed for people.
    Outcome,
    /// How people experienced it.
    Experience,
}

impl IndicatorType {
    /// The key as written.
    pub fn key(self) -> &'static str {
        match self {
            IndicatorType::Activity => "activity",
            IndicatorType::Output => "output",
            IndicatorType::Outcome => "outcome",
            IndicatorType::Experience => "experience",
        }
    }
}

/// How a question set relates to its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// Written afresh, following the source's idea and structure.
    InspiredBy,
    /// The source's questions, reworded or translated.
    AdaptedFrom,
    /// The source's questions as published (mind the licence).
    ReproducedFrom,
}

impl Relation {
    /// The key used in the YAML and in CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            Relation::InspiredBy => "inspired-by",
            Relation::AdaptedFrom => "adapted-from",
            Relation::ReproducedFrom => "reproduced-from",
        }
    }
}

/// A role in a group session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Leads the conversation.
    Facilitator,
    /// Writes down answers, action points and decisions.
    NoteTaker,
    /// Keeps the session to time.
    Timekeeper,
    /// Takes part and answers.
    Participant,
    /// Owns the decision the session prepares.
    DecisionMaker,
}

impl Role {
    /// The key used in the YAML and in CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            Role::Facilitator => "facilitator",
            Role::NoteTaker => "note-taker",
            Role::Timekeeper => "timekeeper",
            Role::Participant => "participant",
            Role::DecisionMaker => "decision-maker",
        }
    }
}

/// A write-in field of the session header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeaderField {
    /// The date of the session.
    Date,
    /// Where it is held.
    Place,
    /// Who takes part.
    Participants,
    /// The project or question under discussion.
    Project,
    /// The organisation or unit.
    Organisation,
    /// Who leads the session.
    Facilitator,
    /// Who takes notes.
    NoteTaker,
}

impl HeaderField {
    /// The key used in the YAML, and the answer's name (`session.KEY`).
    pub fn key(self) -> &'static str {
        match self {
            HeaderField::Date => "date",
            HeaderField::Place => "place",
            HeaderField::Participants => "participants",
            HeaderField::Project => "project",
            HeaderField::Organisation => "organisation",
            HeaderField::Facilitator => "facilitator",
            HeaderField::NoteTaker => "note-taker",
        }
    }
}
