//! `book.toml`: the report's typed configuration.
//!
//! Unknown keys and values of the wrong type are errors that name the key, point at its
//! line and suggest the key that was probably meant.

#![warn(missing_docs)]

mod privacy;

pub use privacy::{check_min_count, PrivacyConfig, LOWEST_MIN_COUNT};

use insikt_core::date::Date;
use insikt_core::diagnostic::toml as toml_error;
use insikt_core::diagnostic::{did_you_mean, Diagnostic, Location};
use insikt_core::fields;
use insikt_core::input::{read_text, Project};
use insikt_core::language::{Language, LANGUAGE_CODES};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};

/// The name of the configuration file at the project root.
pub const CONFIG_FILE: &str = "book.toml";

/// The whole configuration of a report project.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `[book]`: what the report is.
    pub book: BookConfig,
    /// `[build]`: where and how to build.
    #[serde(default)]
    pub build: BuildConfig,
    /// `[privacy]`: small-number suppression.
    #[serde(default)]
    pub privacy: PrivacyConfig,
    /// `[theme]`: which theme to use.
    #[serde(default)]
    pub theme: ThemeConfig,
    /// `[markdown]`: how Markdown is turned into HTML.
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// `[figures]`: how charts and tables are numbered.
    #[serde(default)]
    pub figures: FiguresConfig,
}

/// `[book]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookConfig {
    /// The report's title.
    pub title: String,
    /// An optional subtitle, e.g. "Insiktsrapport".
    pub subtitle: Option<String>,
    /// The report's language; picks UI strings, number and date formats and quotes.
    #[serde(deserialize_with = "deserialize_language")]
    pub language: Language,
    /// The authors.
    #[serde(default)]
    pub authors: Vec<String>,
    /// The publishing organisation.
    pub organisation: Option<String>,
    /// The publication date.
    pub date: Option<Date>,
    /// A one-paragraph description, used for `<meta name="description">`.
    pub description: Option<String>,
}

/// `[build]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BuildConfig {
    /// The output folder, relative to the project. Default `public`.
    pub output: PathBuf,
    /// Whether pages with `draft: true` are built. Default false.
    pub drafts: bool,
    /// Whether every chart also gets a PNG download (rasterised with resvg; about 40 ms
    /// per chart, so off by default). Default false.
    pub chart_png: bool,
    /// Where `output` is written in `book.toml`; `None` when it is not (the default).
    #[serde(skip)]
    pub output_spot: Option<ConfigSpot>,
}

/// Where a value is written in `book.toml`, so that an error about it, found after the
/// file was read, can still point at its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigSpot {
    /// The value's line and column.
    pub location: Location,
    /// The text of that line.
    pub line: String,
}

impl ConfigSpot {
    /// An error about the value at this spot.
    pub fn error(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: PathBuf::from(CONFIG_FILE),
            location: Some(self.location),
            message: message.into(),
            help: None,
            source_line: Some(self.line.clone()),
        }
    }
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            output: PathBuf::from("public"),
            drafts: false,
            chart_png: false,
            output_spot: None,
        }
    }
}

/// `[theme]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ThemeConfig {
    /// The theme folder under `themes/`; templates there override the built-in ones.
    pub name: String,
}

impl Default for ThemeConfig {
    fn default() -> Self {
        ThemeConfig {
            name: "default".into(),
        }
    }
}

/// `[markdown]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// How straight double quotes in prose are written out.
    pub quotes: QuoteStyle,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            quotes: QuoteStyle::Language,
        }
    }
}

/// `[figures]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FiguresConfig {
    /// How charts and tables are numbered. Default `report`.
    pub numbering: Numbering,
}

/// How charts and tables are numbered (charts and tables each on their own: "figur 3",
/// "tabell 1").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Numbering {
    /// Through the whole report in reading order: the report is read, and printed, as a
    /// whole.
    #[default]
    Report,
    /// Within each chapter (a page or section under the front page, worksheets left
    /// out), with its number: "figur 2.3" is the third figure of the second chapter. The
    /// front page's own figures have plain numbers.
    Chapter,
    /// Within each page.
    Page,
}

/// How straight quotes typed in Markdown appear in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuoteStyle {
    /// The language's own marks: Swedish ”…”, Danish »…«, Norwegian «…».
    Language,
    /// Exactly as typed.
    AsTyped,
}

fn deserialize_language<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Language, D::Error> {
    let code = String::deserialize(d)?;
    Language::from_code(&code).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "unknown language `{code}`; expected one of {}",
            LANGUAGE_CODES.join(", ")
        ))
    })
}

/// Keys allowed in each table, for "did you mean" suggestions.
fn known_keys() -> Vec<&'static str> {
    fields::merged(&[
        fields::of::<Config>(),
        fields::of::<BookConfig>(),
        fields::of::<BuildConfig>(),
        fields::of::<PrivacyConfig>(),
        fields::of::<ThemeConfig>(),
        fields::of::<MarkdownConfig>(),
        fields::of::<FiguresConfig>(),
    ])
}

impl Config {
    /// Reads and validates `book.toml` in `project`. A missing file is an error on its own
    /// (the folder is probably not a report); otherwise the configuration comes with every
    /// problem found and, where the file has errors, is what could be read of it (see
    /// [`Config::parse`]), so that the rest of the report is still checked.
    pub fn load(project: &Project) -> Result<(Config, Vec<Diagnostic>), Diagnostic> {
        let file = Path::new(CONFIG_FILE);
        let path = project.root.join(file);
        if std::fs::symlink_metadata(&path).is_err() {
            return Err(Diagnostic::new(
                CONFIG_FILE,
                format!("there is no {CONFIG_FILE} in {}", project.root.display()),
            )
            .with_help("run insikt in a report folder, or create one with `insikt new DIR`"));
        }
        let read = project
            .check_file(file)
            .and_then(|()| read_text(&path, file));
        match read {
            Ok((text, mut problems)) => {
                let (config, errors) = Config::parse(&text);
                problems.extend(errors);
                Ok((config, problems))
            }
            Err(d) => Ok((Config::fallback(Language::En), vec![d])),
        }
    }

    /// Parses the text of `book.toml`, reporting every error: each key that is unknown or
    /// has a value of the wrong type is reported and left out, and the rest is read again.
    /// When the file cannot be read that way, the configuration is the defaults with the
    /// file's language if it names a valid one (else English).
    pub fn parse(text: &str) -> (Config, Vec<Diagnostic>) {
        let (mut table, syntax) = DeTable::parse_recoverable(text);
        let mut problems: Vec<Diagnostic> = syntax.iter().map(|e| toml_error(text, e)).collect();
        let language = table
            .get_ref()
            .get("book")
            .and_then(|b| match b.get_ref() {
                DeValue::Table(book) => book.get("language"),
                _ => None,
            })
            .and_then(|l| match l.get_ref() {
                DeValue::String(code) => Language::from_code(code),
                _ => None,
            })
            .unwrap_or(Language::En);
        let mut removed: Vec<String> = Vec::new();
        // Each round leaves out one more bad key; a file has far fewer than this.
        for _ in 0..64 {
            match Config::deserialize(toml::de::Deserializer::from(table.clone())) {
                Ok(mut config) => {
                    config.build.output_spot = output_spot(text);
                    problems.extend(config.check(text));
                    return (config, problems);
                }
                Err(e) => {
                    // A required key left out for its bad value is reported already.
                    let missing = e
                        .message()
                        .strip_prefix("missing field `")
                        .and_then(|rest| rest.split('`').next());
                    if missing.is_some_and(|key| removed.iter().any(|r| r == key)) {
                        break;
                    }
                    problems.push(toml_error(text, &e));
                    match e
                        .span()
                        .and_then(|span| remove_at(table.get_mut(), span.start))
                    {
                        Some(key) => removed.push(key),
                        None => break,
                    }
                }
            }
        }
        (Config::fallback(language), problems)
    }

    /// The defaults, in `language`, for a `book.toml` that cannot be read.
    fn fallback(language: Language) -> Config {
        Config {
            book: BookConfig {
                title: String::new(),
                subtitle: None,
                language,
                authors: Vec::new(),
                organisation: None,
                date: None,
                description: None,
            },
            build: BuildConfig::default(),
            privacy: PrivacyConfig::default(),
            theme: ThemeConfig::default(),
            markdown: MarkdownConfig::default(),
            figures: FiguresConfig::default(),
        }
    }

    /// What the types cannot check: a title that is there, and a sane privacy threshold.
    fn check(&self, text: &str) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        if let Some(spot) = &self.build.output_spot {
            if self.build.output.as_os_str().is_empty() {
                problems.push(spot
                    .error("`output` is empty: the site would be written over the project")
                    .with_help("name a folder of its own, e.g. `output = \"public\"` (the default), or leave the key out"));
            }
        }
        if self.book.title.trim().is_empty() {
            let offset = text.find("title").unwrap_or(0);
            problems.push(
                Diagnostic::at(
                    CONFIG_FILE,
                    text,
                    Location::from_offset(text, offset),
                    "`book.title` is empty",
                )
                .with_help("give the report a title"),
            );
        }
        if let Err(d) = check_min_count(
            self.privacy.min_count,
            self.privacy.allow_below_default,
            Path::new(CONFIG_FILE),
            text,
        ) {
            problems.push(d);
        }
        problems
    }
}

/// Where `[build] output` is written in `text`, if it is.
fn output_spot(text: &str) -> Option<ConfigSpot> {
    #[derive(Deserialize)]
    struct Book {
        build: Option<Build>,
    }
    #[derive(Deserialize)]
    struct Build {
        output: Option<toml::Spanned<String>>,
    }
    let book: Book = toml::from_str(text).ok()?;
    let span = book.build?.output?.span();
    let location = Location::from_offset(text, span.start);
    let line = text.lines().nth(location.line - 1)?;
    Some(ConfigSpot {
        location,
        line: line.trim_end_matches('\r').to_string(),
    })
}

/// Removes the key whose name or value holds byte `at` of the file (the place of an error),
/// looking into tables for the innermost one; returns the key's name.
fn remove_at(table: &mut DeTable, at: usize) -> Option<String> {
    let holds =
        |span: std::ops::Range<usize>| span.start <= at && at < span.end.max(span.start + 1);
    let mut hit = None;
    for (key, value) in table.iter_mut() {
        let key_holds = holds(key.span());
        let value_holds = holds(value.span());
        // A table's span need not cover its keys, so look into every table.
        if let DeValue::Table(inner) = value.get_mut() {
            if let Some(name) = remove_at(inner, at) {
                return Some(name);
            }
            if !key_holds {
                continue;
            }
        } else if !key_holds && !value_holds {
            continue;
        }
        hit = Some(key.get_ref().to_string());
        break;
    }
    let name = hit?;
    table.remove(name.as_str()).map(|_| name)
}

fn toml_error(text: &str, e: &toml::de::Error) -> Diagnostic {
    let raw = e.message().trim();
    let span = e.span();
    let location = toml_error::location(text, e);
    let mut diagnostic = Diagnostic::at(CONFIG_FILE, text, location, toml_error::message(e));
    if let Some(unknown) = raw
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
    {
        diagnostic.message = format!("unknown key `{unknown}`");
        let allowed = raw
            .split_once("expected ")
            .map(|(_, list)| list.to_string())
            .unwrap_or_default();
        let help = match did_you_mean(unknown, &known_keys()) {
            Some(s) => format!("did you mean `{s}`? (allowed here: {allowed})"),
            None => format!("allowed here: {allowed}"),
        };
        diagnostic = diagnostic.with_help(help);
    } else if raw.starts_with("missing field") {
        diagnostic = diagnostic.with_help("add the key; see the README's book.toml section");
    } else if raw == "duplicate key" {
        let key = span
            .and_then(|s| text.get(s))
            .map(|k| k.trim_matches(['[', ']', ' ']).to_string())
            .unwrap_or_default();
        diagnostic.message = format!("`{key}` appears twice");
        diagnostic = diagnostic.with_help("keep one of the two: a key or table may appear once");
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one error `text` has.
    fn error(text: &str) -> Diagnostic {
        let (_, mut problems) = Config::parse(text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        problems.remove(0)
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let (c, problems) = Config::parse("[book]\ntitle = \"T\"\nlanguage = \"da\"\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(c.book.language, Language::Da);
        assert_eq!(c.build.output, PathBuf::from("public"));
        assert_eq!(c.privacy.min_count, 5);
        assert_eq!(c.theme.name, "default");
    }

    #[test]
    fn an_empty_output_is_an_error_at_its_line() {
        let (_, errors) =
            Config::parse("[book]\ntitle = \"T\"\nlanguage = \"sv\"\n[build]\noutput = \"\"\n");
        let [e] = errors.as_slice() else {
            panic!("one error expected: {errors:?}")
        };
        assert_eq!(e.location, Some(Location::new(5, 10)));
        assert!(e.message.contains("`output` is empty"), "{}", e.message);
        let (c, errors) =
            Config::parse("[book]\ntitle = \"T\"\nlanguage = \"sv\"\n[build]\noutput = \"ut\"\n");
        assert!(errors.is_empty(), "{errors:?}");
        let spot = c.build.output_spot.unwrap();
        assert_eq!(spot.location, Location::new(5, 10));
        assert_eq!(spot.line, "output = \"ut\"");
    }

    #[test]
    fn toml_date_is_read() {
        let (c, _) = Config::parse("[book]\ntitle = \"T\"\nlanguage = \"sv\"\ndate = 2023-05-01\n");
        assert_eq!(c.book.date.unwrap().to_string(), "2023-05-01");
    }

    #[test]
    fn unknown_key_is_located_with_suggestion() {
        let e = error("[book]\ntitle = \"T\"\nlanguage = \"sv\"\nsubtitel = \"x\"\n");
        assert_eq!(e.location.unwrap().line, 4);
        assert!(
            e.message.contains("unknown key `subtitel`"),
            "{}",
            e.message
        );
        assert!(e.help.unwrap().contains("did you mean `subtitle`"));
    }

    #[test]
    fn wrong_type_and_bad_language_are_errors() {
        let e = error("[book]\ntitle = 5\nlanguage = \"sv\"\n");
        assert_eq!(e.location.unwrap().line, 2);
        let e = error("[book]\ntitle = \"T\"\nlanguage = \"se\"\n");
        assert!(e.message.contains("unknown language `se`"), "{}", e.message);
    }

    #[test]
    fn every_bad_key_is_reported_and_the_rest_kept() {
        let text = "[book]\ntitle = \"T\"\nlanguage = \"nb\"\nsubtitel = \"x\"\n\n[build]\ndrafts = \"ja\"\nchart_png = true\n\n[themes]\nname = \"x\"\n";
        let (c, problems) = Config::parse(text);
        let lines: Vec<usize> = problems
            .iter()
            .filter_map(|d| d.location.map(|l| l.line))
            .collect();
        assert_eq!(lines, [4, 7, 10], "{problems:?}");
        assert_eq!(c.book.language, Language::Nb);
        assert!(c.build.chart_png);
    }

    #[test]
    fn unreadable_config_falls_back_to_its_language() {
        let (c, problems) = Config::parse("[book]\nlanguage = \"fi\"\n");
        assert_eq!(c.book.language, Language::Fi);
        assert!(
            problems[0].message.contains("the key `title` is missing"),
            "{problems:?}"
        );
        let (c, problems) = Config::parse("[book\ntitle = 'x'\n");
        assert_eq!(c.book.language, Language::En);
        assert!(!problems.is_empty());
    }

    #[test]
    fn library_terms_do_not_reach_the_author() {
        let e = error("[book]\ntitle = \"T\"\nlanguage = \"sv\"\ntitle = \"U\"\n");
        assert_eq!(e.message, "`title` appears twice");
        let e = error("book = 5\n");
        assert!(!e.message.contains("BookConfig"), "{}", e.message);
        let e = error("[book]\ntitle = \"T\"\nlanguage = \"sv\"\n[privacy]\nmin_count = -1\n");
        assert!(!e.message.contains("u32"), "{}", e.message);
    }
}
