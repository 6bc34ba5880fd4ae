//! The report's language: built-in UI strings, labels, dates and quotation marks.
//!
//! Swedish, Danish, Norwegian bokmål and nynorsk, Finnish and English ship built in; the
//! language is picked by `book.language` and also sets `<html lang>`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    /// The BCP 47 code used in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Sv => "sv",
            Language::Da => "da",
            Language::Nb => "nb",
            Language::Nn => "nn",
            Language::Fi => "fi",
            Language::En => "en",
        }
    }

    /// Parses a language code.
    pub fn from_code(code: &str) -> Option<Language> {
        Some(match code {
            "sv" => Language::Sv,
            "da" => Language::Da,
            "nb" => Language::Nb,
            "nn" => Language::Nn,
            "fi" => Language::Fi,
            "en" => Language::En,
            _ => return None,
        })
    }

    /// Opening and closing double quotation marks as the language writes them.
    pub fn quotes(self) -> (char, char) {
        match self {
            // Swedish and Finnish use the same closing mark on both sides.
            Language::Sv | Language::Fi => ('\u{201D}', '\u{201D}'),
            Language::Da => ('\u{00BB}', '\u{00AB}'),
            Language::Nb | Language::Nn => ('\u{00AB}', '\u{00BB}'),
            Language::En => ('\u{201C}', '\u{201D}'),
        }
    }

    /// A date in the language's usual long form, e.g. "1 maj 2023".
    pub fn format_date(self, year: i32, month: u32, day: u32) -> String {
        let months: [&str; 12] = match self {
            Language::Sv => [
                "januari",
                "februari",
                "mars",
                "april",
                "maj",
                "juni",
                "juli",
                "augusti",
                "september",
                "oktober",
                "november",
                "december",
            ],
            Language::Da => [
                "januar",
                "februar",
                "marts",
                "april",
                "maj",
                "juni",
                "juli",
                "august",
                "september",
                "oktober",
                "november",
                "december",
            ],
            Language::Nb | Language::Nn => [
                "januar",
                "februar",
                "mars",
                "april",
                "mai",
                "juni",
                "juli",
                "august",
                "september",
                "oktober",
                "november",
                "desember",
            ],
            Language::Fi => [
                "tammikuuta",
                "helmikuuta",
                "maaliskuuta",
                "huhtikuuta",
                "toukokuuta",
                "kesäkuuta",
                "heinäkuuta",
                "elokuuta",
                "syyskuuta",
                "lokakuuta",
                "marraskuuta",
                "joulukuuta",
            ],
            Language::En => [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ],
        };
        let name = months[(month.clamp(1, 12) - 1) as usize];
        match self {
            Language::Sv => format!("{day} {name} {year}"),
            Language::Da | Language::Nb | Language::Nn | Language::Fi => {
                format!("{day}. {name} {year}")
            }
            Language::En => format!("{day} {name} {year}"),
        }
    }

    /// The built-in UI strings, by key (see `docs/themes.md`).
    pub fn ui_strings(self) -> BTreeMap<&'static str, &'static str> {
        let keys = UI_KEYS;
        let values: [&str; UI_KEYS.len()] = match self {
            Language::Sv => [
                "Hoppa till innehållet",
                "Innehåll",
                "Du är här",
                "På denna sida",
                "Föregående",
                "Nästa",
                "Innehåll",
                "Startsida",
                "Meny",
                "Författare",
                "Datum",
                "Typ",
                "Målgrupp",
                "Syfte",
                "Varför detta fall",
                "Indikatorer",
                "I detta avsnitt",
                "Skapad med insikt",
                "Klart",
                "Inte klart",
            ],
            Language::Da => [
                "Spring til indholdet",
                "Indhold",
                "Du er her",
                "På denne side",
                "Forrige",
                "Næste",
                "Indhold",
                "Forside",
                "Menu",
                "Forfattere",
                "Dato",
                "Type",
                "Målgruppe",
                "Formål",
                "Hvorfor denne case",
                "Indikatorer",
                "I dette afsnit",
                "Lavet med insikt",
                "Færdig",
                "Ikke færdig",
            ],
            Language::Nb => [
                "Hopp til innholdet",
                "Innhold",
                "Du er her",
                "På denne siden",
                "Forrige",
                "Neste",
                "Innhold",
                "Forside",
                "Meny",
                "Forfattere",
                "Dato",
                "Type",
                "Målgruppe",
                "Formål",
                "Hvorfor denne casen",
                "Indikatorer",
                "I denne delen",
                "Laget med insikt",
                "Ferdig",
                "Ikke ferdig",
            ],
            Language::Nn => [
                "Hopp til innhaldet",
                "Innhald",
                "Du er her",
                "På denne sida",
                "Førre",
                "Neste",
                "Innhald",
                "Framside",
                "Meny",
                "Forfattarar",
                "Dato",
                "Type",
                "Målgruppe",
                "Føremål",
                "Kvifor denne casen",
                "Indikatorar",
                "I denne delen",
                "Laga med insikt",
                "Ferdig",
                "Ikkje ferdig",
            ],
            Language::Fi => [
                "Siirry sisältöön",
                "Sisältö",
                "Olet tässä",
                "Tällä sivulla",
                "Edellinen",
                "Seuraava",
                "Sisällys",
                "Etusivu",
                "Valikko",
                "Tekijät",
                "Päivämäärä",
                "Tyyppi",
                "Kohderyhmä",
                "Tarkoitus",
                "Miksi tämä tapaus",
                "Indikaattorit",
                "Tässä osiossa",
                "Tehty insiktillä",
                "Valmis",
                "Kesken",
            ],
            Language::En => [
                "Skip to content",
                "Contents",
                "You are here",
                "On this page",
                "Previous",
                "Next",
                "Contents",
                "Home",
                "Menu",
                "Authors",
                "Date",
                "Type",
                "Audience",
                "Purpose",
                "Why this case",
                "Indicators",
                "In this section",
                "Made with insikt",
                "Done",
                "Not done",
            ],
        };
        keys.iter().copied().zip(values).collect()
    }

    /// The label of a page kind (`chapter`, `case`, …).
    pub fn kind_label(self, kind: crate::content::Kind) -> &'static str {
        use crate::content::Kind::*;
        let labels: [&str; 5] = match self {
            Language::Sv => [
                "Kapitel",
                "Fallstudie",
                "Berättelse",
                "Arbetsblad",
                "Bilaga",
            ],
            Language::Da => ["Kapitel", "Case", "Fortælling", "Arbejdsark", "Bilag"],
            Language::Nb => ["Kapittel", "Case", "Fortelling", "Arbeidsark", "Vedlegg"],
            Language::Nn => ["Kapittel", "Case", "Forteljing", "Arbeidsark", "Vedlegg"],
            Language::Fi => ["Luku", "Tapaustutkimus", "Kertomus", "Työarkki", "Liite"],
            Language::En => ["Chapter", "Case study", "Story", "Worksheet", "Appendix"],
        };
        labels[match kind {
            Chapter => 0,
            Case => 1,
            Story => 2,
            Worksheet => 3,
            Appendix => 4,
        }]
    }

    /// The label of an audience (`elected`, `managers`, …).
    pub fn audience_label(self, audience: crate::content::Audience) -> &'static str {
        use crate::content::Audience::*;
        let labels: [&str; 6] = match self {
            Language::Sv => [
                "Förtroendevalda",
                "Chefer och ledare",
                "Medarbetare",
                "Samtalsledare",
                "Medborgare",
                "Dig som jobbar med data",
            ],
            Language::Da => [
                "Politikere",
                "Ledere",
                "Medarbejdere",
                "Facilitatorer",
                "Borgere",
                "Dig der arbejder med data",
            ],
            Language::Nb => [
                "Folkevalgte",
                "Ledere",
                "Ansatte",
                "Samtaleledere",
                "Innbyggere",
                "Deg som jobber med data",
            ],
            Language::Nn => [
                "Folkevalde",
                "Leiarar",
                "Tilsette",
                "Samtaleleiarar",
                "Innbyggjarar",
                "Deg som jobbar med data",
            ],
            Language::Fi => [
                "Luottamushenkilöt",
                "Johto",
                "Henkilöstö",
                "Fasilitaattorit",
                "Kansalaiset",
                "Datan parissa työskentelevät",
            ],
            Language::En => [
                "Elected officials",
                "Managers",
                "Staff",
                "Facilitators",
                "Citizens",
                "People who work with data",
            ],
        };
        labels[match audience {
            Elected => 0,
            Managers => 1,
            Staff => 2,
            Facilitators => 3,
            Citizens => 4,
            DataWorkers => 5,
        }]
    }

    /// The label of a purpose (`prove` or `improve`).
    pub fn purpose_label(self, purpose: crate::content::Purpose) -> &'static str {
        use crate::content::Purpose::*;
        match (self, purpose) {
            (Language::Sv, Prove) => "Visa resultat",
            (Language::Sv, Improve) => "Lärande och förbättring",
            (Language::Da, Prove) => "Dokumentere resultater",
            (Language::Da, Improve) => "Læring og forbedring",
            (Language::Nb, Prove) => "Dokumentere resultater",
            (Language::Nb, Improve) => "Læring og forbedring",
            (Language::Nn, Prove) => "Dokumentere resultat",
            (Language::Nn, Improve) => "Læring og forbetring",
            (Language::Fi, Prove) => "Tulosten osoittaminen",
            (Language::Fi, Improve) => "Oppiminen ja kehittäminen",
            (Language::En, Prove) => "Accountability",
            (Language::En, Improve) => "Learning and improvement",
        }
    }
}

/// Keys of the built-in UI strings, in the order of the tables above.
const UI_KEYS: [&str; 20] = [
    "skip_to_content",
    "navigation",
    "breadcrumbs",
    "on_this_page",
    "previous",
    "next",
    "contents",
    "home",
    "menu",
    "authors",
    "date",
    "kind",
    "audience",
    "purpose",
    "selection_reason",
    "indicators",
    "in_this_section",
    "made_with",
    "task_done",
    "task_open",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_string() {
        for code in LANGUAGE_CODES {
            let lang = Language::from_code(code).unwrap();
            let strings = lang.ui_strings();
            assert_eq!(strings.len(), UI_KEYS.len());
            assert!(strings.values().all(|s| !s.is_empty()));
        }
    }

    #[test]
    fn dates_per_language() {
        assert_eq!(Language::Sv.format_date(2023, 5, 1), "1 maj 2023");
        assert_eq!(Language::Nb.format_date(2023, 5, 17), "17. mai 2023");
    }
}
