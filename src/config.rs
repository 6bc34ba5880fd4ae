//! `book.toml`: the report's typed configuration.
//!
//! Unknown keys and values of the wrong type are errors that name the key, point at its
//! line and suggest the key that was probably meant.

use crate::date::Date;
use crate::diagnostic::{did_you_mean, Diagnostic, Location};
use crate::i18n::{Language, LANGUAGE_CODES};
use serde::Deserialize;
use std::path::{Path, PathBuf};

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

/// `[privacy]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PrivacyConfig {
    /// Counts from 1 to `min_count - 1` are suppressed. Default 5; a codebook may set its
    /// own.
    pub min_count: u32,
    /// Allows a `min_count` below 3 (with a warning in every build). Default false.
    pub allow_below_default: bool,
}

impl Default for PrivacyConfig {
    fn default() -> Self {
        PrivacyConfig {
            min_count: 5,
            allow_below_default: false,
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
const KNOWN_KEYS: &[&str] = &[
    "book",
    "build",
    "privacy",
    "theme",
    "markdown",
    "title",
    "subtitle",
    "language",
    "authors",
    "organisation",
    "date",
    "description",
    "output",
    "drafts",
    "chart_png",
    "min_count",
    "allow_below_default",
    "name",
    "quotes",
];

impl Config {
    /// Reads and validates `book.toml` in `root`.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::new(CONFIG_FILE, format!("cannot read {}: {e}", path.display()))
                .with_help("run insikt in a report folder, or create one with `insikt new DIR`")
        })?;
        Config::parse(&text)
    }

    /// Parses the text of `book.toml`.
    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        let mut config: Config = toml::from_str(text).map_err(|e| toml_error(text, &e))?;
        config.build.output_spot = output_spot(text);
        if let Some(spot) = &config.build.output_spot {
            if config.build.output.as_os_str().is_empty() {
                return Err(spot
                    .error("`output` is empty: the site would be written over the project")
                    .with_help("name a folder of its own, e.g. `output = \"public\"` (the default), or leave the key out"));
            }
        }
        if config.book.title.trim().is_empty() {
            let offset = text.find("title").unwrap_or(0);
            return Err(Diagnostic::at(
                CONFIG_FILE,
                text,
                Location::from_offset(text, offset),
                "`book.title` is empty",
            )
            .with_help("give the report a title"));
        }
        crate::data::privacy::check_min_count(
            config.privacy.min_count,
            config.privacy.allow_below_default,
            Path::new(CONFIG_FILE),
            text,
        )?;
        Ok(config)
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

fn toml_error(text: &str, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().to_string();
    let location = e
        .span()
        .map(|span| Location::from_offset(text, span.start))
        .unwrap_or(Location::new(1, 1));
    let mut diagnostic = Diagnostic::at(CONFIG_FILE, text, location, message.clone());
    if let Some(unknown) = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
    {
        diagnostic.message = format!("unknown key `{unknown}`");
        let allowed = message
            .split_once("expected ")
            .map(|(_, list)| list.to_string())
            .unwrap_or_default();
        let help = match did_you_mean(unknown, KNOWN_KEYS) {
            Some(s) => format!("did you mean `{s}`? (allowed here: {allowed})"),
            None => format!("allowed here: {allowed}"),
        };
        diagnostic = diagnostic.with_help(help);
    } else if message.starts_with("missing field") {
        diagnostic = diagnostic.with_help("add the key; see the README's book.toml section");
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_config_gets_defaults() {
        let c = Config::parse("[book]\ntitle = \"T\"\nlanguage = \"da\"\n").unwrap();
        assert_eq!(c.book.language, Language::Da);
        assert_eq!(c.build.output, PathBuf::from("public"));
        assert_eq!(c.privacy.min_count, 5);
        assert_eq!(c.theme.name, "default");
    }

    #[test]
    fn an_empty_output_is_an_error_at_its_line() {
        let e = Config::parse("[book]\ntitle = \"T\"\nlanguage = \"sv\"\n[build]\noutput = \"\"\n")
            .unwrap_err();
        assert_eq!(e.location, Some(Location::new(5, 10)));
        assert!(e.message.contains("`output` is empty"), "{}", e.message);
        let c =
            Config::parse("[book]\ntitle = \"T\"\nlanguage = \"sv\"\n[build]\noutput = \"ut\"\n")
                .unwrap();
        let spot = c.build.output_spot.unwrap();
        assert_eq!(spot.location, Location::new(5, 10));
        assert_eq!(spot.line, "output = \"ut\"");
    }

    #[test]
    fn toml_date_is_read() {
        let c =
            Config::parse("[book]\ntitle = \"T\"\nlanguage = \"sv\"\ndate = 2023-05-01\n").unwrap();
        assert_eq!(c.book.date.unwrap().to_string(), "2023-05-01");
    }

    #[test]
    fn unknown_key_is_located_with_suggestion() {
        let e = Config::parse("[book]\ntitle = \"T\"\nlanguage = \"sv\"\nsubtitel = \"x\"\n")
            .unwrap_err();
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
        let e = Config::parse("[book]\ntitle = 5\nlanguage = \"sv\"\n").unwrap_err();
        assert_eq!(e.location.unwrap().line, 2);
        let e = Config::parse("[book]\ntitle = \"T\"\nlanguage = \"se\"\n").unwrap_err();
        assert!(e.message.contains("unknown language `se`"), "{}", e.message);
    }
}
