//! The report's language: built-in UI strings, labels, dates and quotation marks.
//!
//! Swedish, Danish, Norwegian bokmål and nynorsk, Finnish and English ship built in; the
//! language is picked by `book.language` and also sets `<html lang>`.

mod data_strings;
mod numbers;

pub use data_strings::DATA_KEYS;
pub use numbers::{MINUS, NBSP};

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
                "Sök i rapporten",
                "{n} träffar för ”{q}”",
                "1 träff för ”{q}”",
                "Inga träffar för ”{q}”",
                "Laddar sökindex …",
                "Hela rapporten på en sida (för utskrift)",
                "Innehållsförteckning",
                "Ordlista",
                "Även kallat",
                "{section}: alla {n} sidor",
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
                "Søg i rapporten",
                "{n} resultater for »{q}«",
                "1 resultat for »{q}«",
                "Ingen resultater for »{q}«",
                "Indlæser søgeindeks …",
                "Hele rapporten på én side (til udskrift)",
                "Indholdsfortegnelse",
                "Ordliste",
                "Også kaldet",
                "{section}: alle {n} sider",
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
                "Søk i rapporten",
                "{n} treff for «{q}»",
                "1 treff for «{q}»",
                "Ingen treff for «{q}»",
                "Laster søkeindeks …",
                "Hele rapporten på én side (for utskrift)",
                "Innholdsfortegnelse",
                "Ordliste",
                "Også kalt",
                "{section}: alle {n} sider",
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
                "Søk i rapporten",
                "{n} treff for «{q}»",
                "1 treff for «{q}»",
                "Ingen treff for «{q}»",
                "Lastar søkjeindeks …",
                "Heile rapporten på éi side (for utskrift)",
                "Innhaldsliste",
                "Ordliste",
                "Også kalla",
                "{section}: alle {n} sidene",
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
                "Hae raportista",
                "{n} osumaa haulla ”{q}”",
                "1 osuma haulla ”{q}”",
                "Ei osumia haulla ”{q}”",
                "Ladataan hakuhakemistoa …",
                "Koko raportti yhdellä sivulla (tulostettavaksi)",
                "Sisällysluettelo",
                "Sanasto",
                "Myös",
                "{section}: kaikki {n} sivua",
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
                "Search the report",
                "{n} results for “{q}”",
                "1 result for “{q}”",
                "No results for “{q}”",
                "Loading the search index …",
                "The whole report on one page (for printing)",
                "Table of contents",
                "Glossary",
                "Also called",
                "{section}: all {n} pages",
            ],
        };
        keys.iter()
            .copied()
            .zip(values)
            .chain(self.worksheet_strings())
            .chain(self.data_strings())
            .collect()
    }

    /// The label of a page kind (`chapter`, `case`, …).
    pub fn kind_label(self, kind: crate::vocabulary::Kind) -> &'static str {
        use crate::vocabulary::Kind::*;
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
    pub fn audience_label(self, audience: crate::vocabulary::Audience) -> &'static str {
        use crate::vocabulary::Audience::*;
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
    pub fn purpose_label(self, purpose: crate::vocabulary::Purpose) -> &'static str {
        use crate::vocabulary::Purpose::*;
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

    /// The worksheet UI strings (keys `ws_*`, see `docs/themes.md`), part of [`Self::ui_strings`].
    fn worksheet_strings(self) -> impl Iterator<Item = (&'static str, &'static str)> {
        let values: [&str; WORKSHEET_KEYS.len()] = match self {
            Language::Sv => [
                "Arbetsblad",
                "Alla arbetsblad i rapporten, ordnade efter vem de är skrivna för. Varje arbetsblad kan fyllas i på skärmen eller skrivas ut.",
                "Övriga", "frågor", "Tid", "Dina svar",
                "Svaren sparas bara i den här webbläsaren på den här datorn. De skickas aldrig någonstans.",
                "Sparat i webbläsaren", "Exportera som Markdown", "Exportera som JSON",
                "Importera svar (JSON)", "Rensa svaren",
                "Vill du ta bort alla svar på det här arbetsbladet? Det går inte att ångra.",
                "Svaren är borttagna.", "Svaren är importerade.",
                "Filen innehåller inte svar på det här arbetsbladet.", "Ja", "Nej", "Vet inte",
                "Om nej, gå till", "avsnitt {n}", "Vägledning", "Om samtalet", "För samtalsledaren",
                "Roller", "Upplägg", "Material", "Aktivitet", "Källa", "Licens", "(inget svar)",
                "Alla arbetsblad", "Exporterad", "Avsnitt",
            ],
            Language::Da => [
                "Arbejdsark",
                "Alle rapportens arbejdsark, ordnet efter hvem de er skrevet til. Hvert ark kan udfyldes på skærmen eller printes.",
                "Øvrige", "spørgsmål", "Tid", "Dine svar",
                "Svarene gemmes kun i denne browser på denne computer. De sendes aldrig nogen steder hen.",
                "Gemt i browseren", "Eksportér som Markdown", "Eksportér som JSON",
                "Importér svar (JSON)", "Ryd svarene",
                "Vil du slette alle svar på dette arbejdsark? Det kan ikke fortrydes.",
                "Svarene er slettet.", "Svarene er importeret.",
                "Filen indeholder ikke svar på dette arbejdsark.", "Ja", "Nej", "Ved ikke",
                "Hvis nej, gå til", "afsnit {n}", "Vejledning", "Om mødet", "Til facilitatoren",
                "Roller", "Program", "Materialer", "Aktivitet", "Kilde", "Licens", "(intet svar)",
                "Alle arbejdsark", "Eksporteret", "Afsnit",
            ],
            Language::Nb => [
                "Arbeidsark",
                "Alle arbeidsarkene i rapporten, ordnet etter hvem de er skrevet for. Hvert ark kan fylles ut på skjermen eller skrives ut.",
                "Andre", "spørsmål", "Tid", "Dine svar",
                "Svarene lagres bare i denne nettleseren på denne datamaskinen. De sendes aldri noe sted.",
                "Lagret i nettleseren", "Eksporter som Markdown", "Eksporter som JSON",
                "Importer svar (JSON)", "Tøm svarene",
                "Vil du slette alle svarene på dette arbeidsarket? Det kan ikke angres.",
                "Svarene er slettet.", "Svarene er importert.",
                "Filen inneholder ikke svar på dette arbeidsarket.", "Ja", "Nei", "Vet ikke",
                "Hvis nei, gå til", "del {n}", "Veiledning", "Om samlingen", "For samtalelederen",
                "Roller", "Opplegg", "Materiell", "Aktivitet", "Kilde", "Lisens", "(ikke besvart)",
                "Alle arbeidsark", "Eksportert", "Del",
            ],
            Language::Nn => [
                "Arbeidsark",
                "Alle arbeidsarka i rapporten, ordna etter kven dei er skrivne for. Kvart ark kan fyllast ut på skjermen eller skrivast ut.",
                "Andre", "spørsmål", "Tid", "Svara dine",
                "Svara blir berre lagra i denne nettlesaren på denne datamaskina. Dei blir aldri sende nokon stad.",
                "Lagra i nettlesaren", "Eksporter som Markdown", "Eksporter som JSON",
                "Importer svar (JSON)", "Tøm svara",
                "Vil du slette alle svara på dette arbeidsarket? Det kan ikkje angrast.",
                "Svara er sletta.", "Svara er importerte.",
                "Fila inneheld ikkje svar på dette arbeidsarket.", "Ja", "Nei", "Veit ikkje",
                "Viss nei, gå til", "del {n}", "Rettleiing", "Om samlinga", "For samtaleleiaren",
                "Roller", "Opplegg", "Materiell", "Aktivitet", "Kjelde", "Lisens", "(ikkje svara)",
                "Alle arbeidsark", "Eksportert", "Del",
            ],
            Language::Fi => [
                "Työarkit",
                "Kaikki raportin työarkit ryhmiteltyinä sen mukaan, kenelle ne on kirjoitettu. Jokaisen arkin voi täyttää näytöllä tai tulostaa.",
                "Muut", "kysymystä", "Kesto", "Vastauksesi",
                "Vastaukset tallentuvat vain tähän selaimeen tällä koneella. Niitä ei lähetetä minnekään.",
                "Tallennettu selaimeen", "Vie Markdown-tiedostona", "Vie JSON-tiedostona",
                "Tuo vastaukset (JSON)", "Tyhjennä vastaukset",
                "Haluatko poistaa kaikki tämän työarkin vastaukset? Poistoa ei voi perua.",
                "Vastaukset on poistettu.", "Vastaukset on tuotu.",
                "Tiedostossa ei ole tämän työarkin vastauksia.", "Kyllä", "Ei", "En tiedä",
                "Jos ei, siirry kohtaan", "osio {n}", "Ohjeita", "Tilaisuuden tiedot", "Fasilitaattorille",
                "Roolit", "Kulku", "Tarvikkeet", "Toiminta", "Lähde", "Lisenssi", "(ei vastausta)",
                "Kaikki työarkit", "Viety", "Osio",
            ],
            Language::En => [
                "Worksheets",
                "All the report's worksheets, grouped by who they are written for. Each can be filled in on screen or printed.",
                "Others", "questions", "Time", "Your answers",
                "Answers are saved only in this browser on this computer. They are never sent anywhere.",
                "Saved in the browser", "Export as Markdown", "Export as JSON",
                "Import answers (JSON)", "Clear answers",
                "Delete all answers on this worksheet? This cannot be undone.",
                "The answers have been deleted.", "The answers have been imported.",
                "The file holds no answers to this worksheet.", "Yes", "No", "Don't know",
                "If no, go to", "section {n}", "Guidance", "About the session", "For the facilitator",
                "Roles", "Plan", "Materials", "Activity", "Source", "Licence", "(no answer)",
                "All worksheets", "Exported", "Section",
            ],
        };
        WORKSHEET_KEYS.iter().copied().zip(values)
    }

    /// The folder of the generated worksheet overview page, e.g. `arbetsblad`.
    pub fn worksheets_folder(self) -> &'static str {
        match self {
            Language::Sv => "arbetsblad",
            Language::Da => "arbejdsark",
            Language::Nb | Language::Nn => "arbeidsark",
            Language::Fi => "tyoarkit",
            Language::En => "worksheets",
        }
    }

    /// The label of a session-header write-in field.
    pub fn header_field_label(self, field: crate::vocabulary::HeaderField) -> &'static str {
        use crate::vocabulary::HeaderField::*;
        let labels: [&str; 7] = match self {
            Language::Sv => [
                "Datum",
                "Plats",
                "Deltagare",
                "Projekt",
                "Verksamhet",
                "Samtalsledare",
                "Antecknare",
            ],
            Language::Da => [
                "Dato",
                "Sted",
                "Deltagere",
                "Projekt",
                "Organisation",
                "Facilitator",
                "Referent",
            ],
            Language::Nb => [
                "Dato",
                "Sted",
                "Deltakere",
                "Prosjekt",
                "Virksomhet",
                "Samtaleleder",
                "Referent",
            ],
            Language::Nn => [
                "Dato",
                "Stad",
                "Deltakarar",
                "Prosjekt",
                "Verksemd",
                "Samtaleleiar",
                "Referent",
            ],
            Language::Fi => [
                "Päivämäärä",
                "Paikka",
                "Osallistujat",
                "Hanke",
                "Organisaatio",
                "Fasilitaattori",
                "Kirjuri",
            ],
            Language::En => [
                "Date",
                "Place",
                "Participants",
                "Project",
                "Organisation",
                "Facilitator",
                "Note-taker",
            ],
        };
        labels[match field {
            Date => 0,
            Place => 1,
            Participants => 2,
            Project => 3,
            Organisation => 4,
            Facilitator => 5,
            NoteTaker => 6,
        }]
    }

    /// The name of a session role and what the person in it does.
    pub fn role_label(self, role: crate::vocabulary::Role) -> (&'static str, &'static str) {
        use crate::vocabulary::Role::*;
        let labels: [(&str, &str); 5] = match self {
            Language::Sv => [
                ("Samtalsledare", "Leder samtalet, håller ordning på frågorna och ser till att alla kommer till tals."),
                ("Antecknare", "Skriver ner svar, oenigheter, åtgärder och beslut."),
                ("Tidhållare", "Håller tiden och säger till när det är dags att gå vidare."),
                ("Deltagare", "Svarar utifrån sin kunskap om projektet och verksamheten."),
                ("Beslutsfattare", "Äger beslutet som samtalet förbereder och tar emot åtgärderna."),
            ],
            Language::Da => [
                ("Facilitator", "Leder samtalen, holder styr på spørgsmålene og sørger for, at alle kommer til orde."),
                ("Referent", "Skriver svar, uenigheder, handlinger og beslutninger ned."),
                ("Tidtager", "Holder øje med tiden og siger til, når det er tid til at gå videre."),
                ("Deltager", "Svarer ud fra sin viden om projektet og praksis."),
                ("Beslutningstager", "Ejer den beslutning, samtalen forbereder, og modtager handlingerne."),
            ],
            Language::Nb => [
                ("Samtaleleder", "Leder samtalen, holder orden på spørsmålene og sørger for at alle kommer til orde."),
                ("Referent", "Skriver ned svar, uenighet, tiltak og beslutninger."),
                ("Tidtaker", "Holder tiden og sier fra når det er på tide å gå videre."),
                ("Deltaker", "Svarer ut fra sin kunnskap om prosjektet og virksomheten."),
                ("Beslutningstaker", "Eier beslutningen samtalen forbereder, og tar imot tiltakene."),
            ],
            Language::Nn => [
                ("Samtaleleiar", "Leier samtalen, held orden på spørsmåla og syter for at alle kjem til orde."),
                ("Referent", "Skriv ned svar, usemje, tiltak og avgjerder."),
                ("Tidtakar", "Held tida og seier frå når det er på tide å gå vidare."),
                ("Deltakar", "Svarar ut frå kunnskapen sin om prosjektet og verksemda."),
                ("Avgjerdstakar", "Eig avgjerda samtalen førebur, og tek imot tiltaka."),
            ],
            Language::Fi => [
                ("Fasilitaattori", "Johtaa keskustelua, pitää kysymykset järjestyksessä ja huolehtii, että kaikki pääsevät ääneen."),
                ("Kirjuri", "Kirjaa vastaukset, erimielisyydet, toimenpiteet ja päätökset."),
                ("Ajanottaja", "Seuraa aikaa ja kertoo, kun on aika siirtyä eteenpäin."),
                ("Osallistuja", "Vastaa oman hanke- ja toimintatuntemuksensa pohjalta."),
                ("Päättäjä", "Omistaa päätöksen, jota keskustelu valmistelee, ja ottaa vastaan toimenpiteet."),
            ],
            Language::En => [
                ("Facilitator", "Leads the conversation, keeps to the questions and makes sure everyone is heard."),
                ("Note-taker", "Writes down answers, disagreements, action points and decisions."),
                ("Timekeeper", "Keeps time and says when it is time to move on."),
                ("Participant", "Answers from what they know of the project and the service."),
                ("Decision-maker", "Owns the decision the session prepares and receives the action points."),
            ],
        };
        labels[match role {
            Facilitator => 0,
            NoteTaker => 1,
            Timekeeper => 2,
            Participant => 3,
            DecisionMaker => 4,
        }]
    }

    /// How a question set relates to its source, as a phrase before the source's name.
    pub fn relation_label(self, relation: crate::vocabulary::Relation) -> &'static str {
        use crate::vocabulary::Relation::*;
        let labels: [&str; 3] = match self {
            Language::Sv => ["Inspirerat av", "Bearbetat efter", "Återgivet ur"],
            Language::Da => ["Inspireret af", "Bearbejdet efter", "Gengivet fra"],
            Language::Nb => ["Inspirert av", "Bearbeidet etter", "Gjengitt fra"],
            Language::Nn => ["Inspirert av", "Bearbeidd etter", "Attgjeve frå"],
            Language::Fi => ["Innoittajana", "Muokattu lähteestä", "Lainattu lähteestä"],
            Language::En => ["Inspired by", "Adapted from", "Reproduced from"],
        };
        labels[match relation {
            InspiredBy => 0,
            AdaptedFrom => 1,
            ReproducedFrom => 2,
        }]
    }
}

/// Keys of the built-in UI strings, in the order of the tables above.
const UI_KEYS: [&str; 30] = [
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
    "search_label",
    "search_results",
    "search_one_result",
    "search_no_results",
    "search_loading",
    "print_report",
    "print_toc",
    "glossary",
    "glossary_synonyms",
    "nav_all_pages",
];

/// Keys of the worksheet UI strings, in the order of [`Language::worksheet_strings`].
const WORKSHEET_KEYS: [&str; 34] = [
    "ws_overview_title",
    "ws_overview_intro",
    "ws_no_audience",
    "ws_questions",
    "ws_duration",
    "ws_your_answers",
    "ws_privacy_note",
    "ws_saved",
    "ws_export_md",
    "ws_export_json",
    "ws_import",
    "ws_clear",
    "ws_confirm_clear",
    "ws_cleared",
    "ws_imported",
    "ws_import_failed",
    "ws_yes",
    "ws_no",
    "ws_unknown",
    "ws_skip_if_no",
    "ws_section_n",
    "ws_guidance",
    "ws_session",
    "ws_facilitator_pack",
    "ws_roles",
    "ws_agenda",
    "ws_materials",
    "ws_activity",
    "ws_source",
    "ws_license",
    "ws_no_answer",
    "ws_all",
    "ws_exported",
    "ws_section",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_string() {
        for code in LANGUAGE_CODES {
            let lang = Language::from_code(code).unwrap();
            let strings = lang.ui_strings();
            assert_eq!(
                strings.len(),
                UI_KEYS.len() + WORKSHEET_KEYS.len() + DATA_KEYS.len()
            );
            assert!(strings.values().all(|s| !s.is_empty()));
        }
    }

    #[test]
    fn dates_per_language() {
        assert_eq!(Language::Sv.format_date(2023, 5, 1), "1 maj 2023");
        assert_eq!(Language::Nb.format_date(2023, 5, 17), "17. mai 2023");
    }
}
