//! The report's language: its UI strings, the labels of the vocabulary, dates, numbers and
//! quotation marks.
//!
//! Swedish, Danish, Norwegian bokmål and nynorsk, Finnish and English ship built in; the
//! language is picked by `book.language` and also sets `<html lang>`. Each language's texts
//! are one TOML file beside this module (`sv.toml`, …), embedded in the binary and read into
//! the typed [`LanguageText`]: a field per key, every one required, so a missing or misspelt
//! key is a failing test rather than a failure at run time. Adding a language means a
//! variant here and its file.

mod numbers;
mod text;

pub use numbers::MINUS;
pub use text::{
    AudienceLabels, HeaderFieldLabels, KindLabels, LanguageText, PurposeLabels, RelationLabels,
    RoleLabel, RoleLabels, UiStrings,
};

use crate::vocabulary::{
    Audience, HeaderField, IndicatorType, Kind, Purpose, Relation, Role, Status,
};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// A language insikt has UI strings for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Swedish.
    Sv,
    /// Danish.
    Da,
    /// Norwegian bokmål.
    Nb,
    /// Norwegian nynorsk.
    Nn,
    /// Finnish.
    Fi,
    /// English.
    En,
}

/// Language codes accepted in `book.language`.
pub const LANGUAGE_CODES: [&str; 6] = ["sv", "da", "nb", "nn", "fi", "en"];

impl Language {
    /// Every language, in the order of [`LANGUAGE_CODES`].
    pub const ALL: [Language; 6] = [
        Language::Sv,
        Language::Da,
        Language::Nb,
        Language::Nn,
        Language::Fi,
        Language::En,
    ];

    /// The BCP 47 code used in `<html lang>`.
    pub fn code(self) -> &'static str {
        LANGUAGE_CODES[self as usize]
    }

    /// Parses a language code.
    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's TOML file, as embedded.
    fn source(self) -> &'static str {
        match self {
            Language::Sv => include_str!("language/sv.toml"),
            Language::Da => include_str!("language/da.toml"),
            Language::Nb => include_str!("language/nb.toml"),
            Language::Nn => include_str!("language/nn.toml"),
            Language::Fi => include_str!("language/fi.toml"),
            Language::En => include_str!("language/en.toml"),
        }
    }

    /// Every text of the language, read from its file once.
    pub fn text(self) -> &'static LanguageText {
        static TEXTS: [OnceLock<LanguageText>; 6] = [const { OnceLock::new() }; 6];
        TEXTS[self as usize].get_or_init(|| {
            // The embedded files are read whole by the test `every_language_file_is_complete`.
            LanguageText::parse(self.source())
                .unwrap_or_else(|e| panic!("the built-in language file {}.toml: {e}", self.code()))
        })
    }

    /// The UI strings (see `docs/themes.md`).
    pub fn strings(self) -> &'static UiStrings {
        &self.text().ui
    }

    /// Opening and closing double quotation marks as the language writes them.
    pub fn quotes(self) -> (char, char) {
        let [open, close] = self.text().quotes;
        (open, close)
    }

    /// A date in the language's usual long form, e.g. "1 maj 2023".
    pub fn format_date(self, year: i32, month: u32, day: u32) -> String {
        let text = self.text();
        let name = &text.months[(month.clamp(1, 12) - 1) as usize];
        text.date
            .replace("{day}", &day.to_string())
            .replace("{month}", name)
            .replace("{year}", &year.to_string())
    }

    /// The folder of the generated worksheet overview page, e.g. `arbetsblad`.
    pub fn worksheets_folder(self) -> &'static str {
        &self.text().worksheets_folder
    }

    /// The folder of the glossary page, e.g. `ordlista`.
    pub fn glossary_folder(self) -> &'static str {
        &self.text().glossary_folder
    }

    /// The label of a page kind (`chapter`, `case`, …).
    pub fn kind_label(self, kind: Kind) -> &'static str {
        let l = &self.text().kind;
        match kind {
            Kind::Chapter => &l.chapter,
            Kind::Case => &l.case,
            Kind::Story => &l.story,
            Kind::Worksheet => &l.worksheet,
            Kind::Appendix => &l.appendix,
        }
    }

    /// The label of an audience (`elected`, `managers`, …).
    pub fn audience_label(self, audience: Audience) -> &'static str {
        let l = &self.text().audience;
        match audience {
            Audience::Elected => &l.elected,
            Audience::Managers => &l.managers,
            Audience::Staff => &l.staff,
            Audience::Facilitators => &l.facilitators,
            Audience::Citizens => &l.citizens,
            Audience::DataWorkers => &l.data_workers,
        }
    }

    /// The label of a purpose (`prove` or `improve`).
    pub fn purpose_label(self, purpose: Purpose) -> &'static str {
        let l = &self.text().purpose;
        match purpose {
            Purpose::Prove => &l.prove,
            Purpose::Improve => &l.improve,
        }
    }

    /// The label of a dataset's status (`draft` or `verified`).
    pub fn status_label(self, status: Status) -> &'static str {
        let t = self.strings();
        match status {
            Status::Draft => &t.status_draft,
            Status::Verified => &t.status_verified,
        }
    }

    /// The label of an indicator type (`activity`, `output`, …).
    pub fn indicator_type_label(self, indicator: IndicatorType) -> &'static str {
        let t = self.strings();
        match indicator {
            IndicatorType::Activity => &t.indicator_activity,
            IndicatorType::Output => &t.indicator_output,
            IndicatorType::Outcome => &t.indicator_outcome,
            IndicatorType::Experience => &t.indicator_experience,
        }
    }

    /// The label of a session-header write-in field.
    pub fn header_field_label(self, field: HeaderField) -> &'static str {
        let l = &self.text().header_field;
        match field {
            HeaderField::Date => &l.date,
            HeaderField::Place => &l.place,
            HeaderField::Participants => &l.participants,
            HeaderField::Project => &l.project,
            HeaderField::Organisation => &l.organisation,
            HeaderField::Facilitator => &l.facilitator,
            HeaderField::NoteTaker => &l.note_taker,
        }
    }

    /// The name of a session role and what the person in it does.
    pub fn role_label(self, role: Role) -> (&'static str, &'static str) {
        let l = &self.text().role;
        let label = match role {
            Role::Facilitator => &l.facilitator,
            Role::NoteTaker => &l.note_taker,
            Role::Timekeeper => &l.timekeeper,
            Role::Participant => &l.participant,
            Role::DecisionMaker => &l.decision_maker,
        };
        (&label.name, &label.description)
    }

    /// How a question set relates to its source, as a phrase before the source's name.
    pub fn relation_label(self, relation: Relation) -> &'static str {
        let l = &self.text().relation;
        match relation {
            Relation::InspiredBy => &l.inspired_by,
            Relation::AdaptedFrom => &l.adapted_from,
            Relation::ReproducedFrom => &l.reproduced_from,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_file_is_complete() {
        for language in Language::ALL {
            let text = LanguageText::parse(language.source())
                .unwrap_or_else(|e| panic!("{}.toml: {e}", language.code()));
            let strings = serde_json::to_value(&text.ui).unwrap();
            let strings = strings.as_object().unwrap();
            let empty: Vec<&String> = strings
                .iter()
                .filter(|(_, v)| v.as_str().is_none_or(|s| s.trim().is_empty()))
                .map(|(k, _)| k)
                .collect();
            assert!(
                empty.is_empty(),
                "{}.toml: empty {empty:?}",
                language.code()
            );
            assert!(text.months.iter().all(|m| !m.is_empty()));
        }
    }

    #[test]
    fn a_missing_or_unknown_key_is_an_error() {
        let sv = Language::Sv.source();
        let missing = sv.replace("\nskip_to_content = ", "\nskip_to_contents = ");
        let e = LanguageText::parse(&missing).unwrap_err();
        assert!(e.contains("skip_to_contents"), "{e}");
        let dropped: String = sv
            .lines()
            .filter(|l| !l.starts_with("task_done ="))
            .map(|l| format!("{l}\n"))
            .collect();
        let e = LanguageText::parse(&dropped).unwrap_err();
        assert!(e.contains("task_done"), "{e}");
    }

    #[test]
    fn codes_round_trip() {
        for code in LANGUAGE_CODES {
            assert_eq!(Language::from_code(code).unwrap().code(), code);
        }
        assert_eq!(Language::from_code("se"), None);
    }

    #[test]
    fn dates_per_language() {
        assert_eq!(Language::Sv.format_date(2023, 5, 1), "1 maj 2023");
        assert_eq!(Language::Nb.format_date(2023, 5, 17), "17. mai 2023");
        assert_eq!(Language::En.format_date(2023, 12, 24), "24 December 2023");
    }
}
