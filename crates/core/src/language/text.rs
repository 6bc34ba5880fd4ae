//! The typed contents of a language file (`sv.toml`, …): a field per key, every one
//! required, none other allowed.

use serde::{Deserialize, Serialize};

/// Everything one language file holds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageText {
    /// A date: `{day}`, `{month}` and `{year}`, e.g. `{day}. {month} {year}`.
    pub date: String,
    /// The months' names as they stand in a date.
    pub months: [String; 12],
    /// Opening and closing double quotation marks.
    pub quotes: [char; 2],
    /// The decimal mark.
    pub decimal_mark: char,
    /// The thousands separator.
    pub thousands_separator: char,
    /// A per cent value, `{n}` being the number: `{n} %`.
    pub percent: String,
    /// A difference of two per cent values, `{n}` being the number: `{n} procentenheter`.
    pub percentage_points: String,
    /// The folder of the generated worksheet overview.
    pub worksheets_folder: String,
    /// The folder of the glossary page.
    pub glossary_folder: String,
    /// The UI strings, seen by templates as `t`.
    pub ui: UiStrings,
    /// Labels of page kinds.
    pub kind: KindLabels,
    /// Labels of audiences.
    pub audience: AudienceLabels,
    /// Labels of purposes.
    pub purpose: PurposeLabels,
    /// How a question set relates to its source.
    pub relation: RelationLabels,
    /// Labels of session-header write-in fields.
    pub header_field: HeaderFieldLabels,
    /// Session roles and what each does.
    pub role: RoleLabels,
}

impl LanguageText {
    /// Reads a language file, naming the key that is missing, unknown or of the wrong type.
    pub fn parse(text: &str) -> Result<LanguageText, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }
}

/// The UI strings (documented in `docs/themes.md`, where templates see them as `t.KEY`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiStrings {
    /// English: “Skip to content”.
    pub skip_to_content: String,
    /// English: “Contents”.
    pub navigation: String,
    /// English: “You are here”.
    pub breadcrumbs: String,
    /// English: “On this page”.
    pub on_this_page: String,
    /// English: “Previous”.
    pub previous: String,
    /// English: “Next”.
    pub next: String,
    /// English: “Contents”.
    pub contents: String,
    /// English: “Home”.
    pub home: String,
    /// English: “Menu”.
    pub menu: String,
    /// English: “Authors”.
    pub authors: String,
    /// English: “Date”.
    pub date: String,
    /// English: “Type”.
    pub kind: String,
    /// English: “Audience”.
    pub audience: String,
    /// English: “Purpose”.
    pub purpose: String,
    /// English: “Why this case”.
    pub selection_reason: String,
    /// English: “Indicators”.
    pub indicators: String,
    /// English: “In this section”.
    pub in_this_section: String,
    /// English: “Made with insikt”.
    pub made_with: String,
    /// English: “Done”.
    pub task_done: String,
    /// English: “Not done”.
    pub task_open: String,
    /// English: “Search the report”.
    pub search_label: String,
    /// English: “{n} results for “{q}””.
    pub search_results: String,
    /// English: “1 result for “{q}””.
    pub search_one_result: String,
    /// English: “No results for “{q}””.
    pub search_no_results: String,
    /// English: “Loading the search index …”.
    pub search_loading: String,
    /// English: “The whole report on one page (for printing)”.
    pub print_report: String,
    /// English: “Table of contents”.
    pub print_toc: String,
    /// English: “List of figures” (in `print.html`, after the contents).
    pub print_list_of_figures: String,
    /// English: “List of tables”.
    pub print_list_of_tables: String,
    /// English: “Glossary”.
    pub glossary: String,
    /// English: “Also called”.
    pub glossary_synonyms: String,
    /// English: “{section}: all {n} pages”.
    pub nav_all_pages: String,
    // Worksheets.
    /// English: “Worksheets”.
    pub ws_overview_title: String,
    /// English: “All the report's worksheets, grouped by who they are written for. Each can be filled in on screen or printed.”.
    pub ws_overview_intro: String,
    /// English: “Others”.
    pub ws_no_audience: String,
    /// English: “questions”.
    pub ws_questions: String,
    /// English: “Time”.
    pub ws_duration: String,
    /// English: “Your answers”.
    pub ws_your_answers: String,
    /// English: “Answers are saved only in this browser on this computer. They are never sent anywhere.”.
    pub ws_privacy_note: String,
    /// English: “Saved in the browser”.
    pub ws_saved: String,
    /// English: “Export as Markdown”.
    pub ws_export_md: String,
    /// English: “Export as JSON”.
    pub ws_export_json: String,
    /// English: “Import answers (JSON)”.
    pub ws_import: String,
    /// English: “Clear answers”.
    pub ws_clear: String,
    /// English: “Delete all answers on this worksheet? This cannot be undone.”.
    pub ws_confirm_clear: String,
    /// English: “The answers have been deleted.”.
    pub ws_cleared: String,
    /// English: “The answers have been imported.”.
    pub ws_imported: String,
    /// English: “The file holds no answers to this worksheet.”.
    pub ws_import_failed: String,
    /// English: “Yes”.
    pub ws_yes: String,
    /// English: “No”.
    pub ws_no: String,
    /// English: “Don't know”.
    pub ws_unknown: String,
    /// English: “If no, go to”.
    pub ws_skip_if_no: String,
    /// English: “section {n}”.
    pub ws_section_n: String,
    /// English: “Guidance”.
    pub ws_guidance: String,
    /// English: “About the session”.
    pub ws_session: String,
    /// English: “For the facilitator”.
    pub ws_facilitator_pack: String,
    /// English: “Roles”.
    pub ws_roles: String,
    /// English: “Plan”.
    pub ws_agenda: String,
    /// English: “Materials”.
    pub ws_materials: String,
    /// English: “Activity”.
    pub ws_activity: String,
    /// English: “Source”.
    pub ws_source: String,
    /// English: “Licence”.
    pub ws_license: String,
    /// English: “(no answer)”.
    pub ws_no_answer: String,
    /// English: “All worksheets”.
    pub ws_all: String,
    /// English: “Exported”.
    pub ws_exported: String,
    /// English: “Section”.
    pub ws_section: String,
    /// English: “Print”.
    pub ws_print: String,
    /// English: “Save and share” (the disclosure holding save, export, import and clear).
    pub ws_save_share: String,
    /// English: “About this worksheet” (the disclosure holding its introduction and the
    /// facilitator's pack).
    pub ws_about: String,
    // Datasets, charts, tables and the codebook.
    /// English: “Figure”.
    pub figure: String,
    /// English: “Table”.
    pub table_label: String,
    /// English: “Source”.
    pub source: String,
    /// English: “Data as of”.
    pub data_as_of: String,
    /// English: “Show data as a table”.
    pub show_table: String,
    /// English: “Download”.
    pub download: String,
    /// English: “the chart (SVG)”.
    pub download_svg: String,
    /// English: “an image (PNG)”.
    pub download_png: String,
    /// English: “the data (CSV)”.
    pub download_csv: String,
    /// English: “Codebook”.
    pub codebook: String,
    /// English: “The codebook describes every dataset in the report: what each column means, how it is counted, where the numbers come from and how fresh they are.”.
    pub codebook_intro: String,
    /// English: “Dataset”.
    pub dataset: String,
    /// English: “Status”.
    pub status: String,
    /// English: “Owner”.
    pub owner: String,
    /// English: “Data as of”.
    pub updated: String,
    /// English: “Licence”.
    pub license: String,
    /// English: “Indicator type”.
    pub indicator_type: String,
    /// English: “How it is counted”.
    pub counting: String,
    /// English: “Known issues”.
    pub known_issues: String,
    /// English: “Contact” (a dataset's declared work contact).
    pub contact: String,
    /// English: “Notes” (a dataset's notes, such as a PX file's NOTE).
    pub notes: String,
    /// English: “Measures” (a dataset's measures with their units).
    pub measures: String,
    /// English: “to be filled in” (a codebook placeholder in a draft build).
    pub to_be_filled_in: String,
    /// English: “Notes in the source file”.
    pub source_notes: String,
    /// English: “Description”.
    pub description: String,
    /// English: “Fields”.
    pub fields: String,
    /// English: “Field”.
    pub field: String,
    /// English: “Type”.
    pub field_type: String,
    /// English: “text” (a field of type `string`).
    pub type_string: String,
    /// English: “number” (type `number`).
    pub type_number: String,
    /// English: “whole number” (type `integer`).
    pub type_integer: String,
    /// English: “yes/no” (type `boolean`).
    pub type_boolean: String,
    /// English: “date” (type `date`).
    pub type_date: String,
    /// English: “year” (type `year`).
    pub type_year: String,
    /// English: “year and month” (type `yearmonth`).
    pub type_yearmonth: String,
    /// English: “Unit”.
    pub unit: String,
    /// English: “Categories”.
    pub categories: String,
    /// English: “Missing”.
    pub missing: String,
    /// English: “Count”.
    pub count: String,
    /// English: “Minimum”.
    pub min: String,
    /// English: “Maximum”.
    pub max: String,
    /// English: “Mean”.
    pub mean: String,
    /// English: “Median”.
    pub median: String,
    /// English: “Frequencies”.
    pub frequencies: String,
    /// English: “Used on”.
    pub used_on: String,
    /// English: “Quoted in the text of” (the pages whose text quotes a dataset's values).
    pub quoted_on: String,
    /// English: “rows”.
    pub rows: String,
    /// English: “Draft”.
    pub status_draft: String,
    /// English: “Verified”.
    pub status_verified: String,
    /// English: “Number of rows”.
    pub row_count: String,
    /// English: “Share agreeing”.
    pub agree_share: String,
    /// English: “{title}. {n} values, highest {max_label} ({max}), lowest {min_label} ({min}).”.
    pub desc_values: String,
    /// English: “{title}. {n} points: {points}.”.
    pub desc_points: String,
    /// English: “{title}. Answers to {n} statements; the largest share agreeing for {max_label} ({max}).”.
    pub desc_likert: String,
    /// English: “missing”.
    pub missing_value: String,
    /// English: “This codebook was inferred from the CSV file and has not been completed by an owner.”.
    pub inferred_codebook: String,
    /// English: “Activity”.
    pub indicator_activity: String,
    /// English: “Output”.
    pub indicator_output: String,
    /// English: “Outcome”.
    pub indicator_outcome: String,
    /// English: “Experience”.
    pub indicator_experience: String,
    /// English: “Downloads”.
    pub downloads: String,
    /// English: “Counts below {n} are shown as “<{n}”, not as numbers, so that no individual can be recognised.”.
    pub suppressed_note: String,
    /// English: “Symbols: {markers}.”.
    pub marker_note: String,
    /// English: “zero”.
    pub marker_zero: String,
    /// English: “not available”.
    pub marker_missing: String,
    /// English: “not applicable”.
    pub marker_not_applicable: String,
    /// English: “confidential”.
    pub marker_confidential: String,
    /// English: “Values marked “×” are hidden too, so that the small numbers cannot be worked out from the totals.”.
    pub secondary_note: String,
    /// English: “fewer than {n}, hidden for privacy”.
    pub suppressed_cell: String,
    /// English: “hidden so that small numbers cannot be worked out”.
    pub secondary_cell: String,
    /// English: “Hidden (small numbers)”.
    pub suppressed_count: String,
    /// English: “{n} values are hidden for privacy.”.
    pub desc_hidden: String,
    // Labels of the vocabulary (`insikt_core::vocabulary`), by key.
}

/// Labels of [`crate::vocabulary::Kind`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindLabels {
    /// `chapter`.
    pub chapter: String,
    /// `case`.
    pub case: String,
    /// `story`.
    pub story: String,
    /// `worksheet`.
    pub worksheet: String,
    /// `appendix`.
    pub appendix: String,
}

/// Labels of [`crate::vocabulary::Audience`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AudienceLabels {
    /// `elected`.
    pub elected: String,
    /// `managers`.
    pub managers: String,
    /// `staff`.
    pub staff: String,
    /// `facilitators`.
    pub facilitators: String,
    /// `citizens`.
    pub citizens: String,
    /// `data-workers`.
    pub data_workers: String,
}

/// Labels of [`crate::vocabulary::Purpose`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PurposeLabels {
    /// `prove`.
    pub prove: String,
    /// `improve`.
    pub improve: String,
}

/// Labels of [`crate::vocabulary::Relation`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RelationLabels {
    /// `inspired-by`.
    pub inspired_by: String,
    /// `adapted-from`.
    pub adapted_from: String,
    /// `reproduced-from`.
    pub reproduced_from: String,
}

/// Labels of [`crate::vocabulary::HeaderField`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HeaderFieldLabels {
    /// `date`.
    pub date: String,
    /// `place`.
    pub place: String,
    /// `participants`.
    pub participants: String,
    /// `project`.
    pub project: String,
    /// `organisation`.
    pub organisation: String,
    /// `facilitator`.
    pub facilitator: String,
    /// `note-taker`.
    pub note_taker: String,
}

/// Labels of [`crate::vocabulary::Role`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RoleLabels {
    /// `facilitator`.
    pub facilitator: RoleLabel,
    /// `note-taker`.
    pub note_taker: RoleLabel,
    /// `timekeeper`.
    pub timekeeper: RoleLabel,
    /// `participant`.
    pub participant: RoleLabel,
    /// `decision-maker`.
    pub decision_maker: RoleLabel,
}

/// A session role's name and what the person in it does.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleLabel {
    /// The role's name.
    pub name: String,
    /// What the person in it does.
    pub description: String,
}
