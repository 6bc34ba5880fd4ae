//! TOML front matter, between `+++` lines, as Zola and Hugo write it, read into the same
//! [`FrontMatter`] as YAML front matter. Their name for a key insikt has under another name
//! is taken (`description` is the `summary`); every other key insikt does not have is an
//! error at its line, all of them in one run, with a hint for the keys those tools have.

use super::front_matter::{foreign_key_help, FrontMatter};
use insikt_core::diagnostic::{did_you_mean, toml as toml_error, Diagnostic, Location};
use insikt_core::fields;
use serde::Deserialize;
use std::borrow::Cow;
use std::path::Path;
use toml::de::DeTable;
use toml::Spanned;

/// Zola's and Hugo's names for insikt's keys: (their name, insikt's).
const OTHER_NAMES: &[(&str, &str)] = &[("description", "summary")];

/// What to tell an author whose TOML front matter has an error with no advice of its own.
const HELP: &str = "front matter between `+++` lines is TOML (`key = value`, text in quotes); \
                    see the README's Pages section for the keys and their types";

/// Reads the TOML front matter `toml`, found at byte `offset` of the page `text`, reporting
/// every problem: each unknown key and each value of the wrong type is an error at its
/// line, and the rest is still read.
pub fn parse(
    file: &Path,
    text: &str,
    toml: &str,
    offset: usize,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let at = |start: usize| Location::from_offset(text, offset + start);
    let (mut table, syntax) = DeTable::parse_recoverable(toml);
    let mut problems: Vec<Diagnostic> = syntax
        .iter()
        .map(|e| {
            let start = e.span().map_or(0, |s| s.start);
            Diagnostic::at(file, text, at(start), toml_error::message(e)).with_help(HELP)
        })
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    let keys = fields::of::<FrontMatter>();
    let table = table.get_mut();
    let written: Vec<(String, usize)> = table
        .keys()
        .map(|k| (k.get_ref().to_string(), k.span().start))
        .collect();
    for (key, start) in written {
        if keys.contains(&key.as_str()) {
            continue;
        }
        let renamed = OTHER_NAMES.iter().find(|(other, _)| *other == key);
        let entry = table.remove_entry(key.as_str());
        match (renamed, entry) {
            (Some((_, ours)), Some((name, value))) if !table.contains_key(*ours) => {
                table.insert(Spanned::new(name.span(), Cow::Borrowed(*ours)), value);
            }
            (Some((_, ours)), _) => problems.push(
                Diagnostic::at(
                    file,
                    text,
                    at(start),
                    format!("`{key}` and `{ours}` are the same key"),
                )
                .with_help(format!("keep one of them: `{key}` is read as `{ours}`")),
            ),
            (None, _) => problems.push(unknown_key(file, text, at(start), &key, keys)),
        }
    }
    // Each round leaves out one key with a value of the wrong type; a page has few keys.
    for _ in 0..=keys.len() {
        let whole = Spanned::new(0..toml.len(), table.clone());
        match FrontMatter::deserialize(toml::de::Deserializer::from(whole)) {
            Ok(front) if problems.is_empty() => return Ok(front),
            Ok(_) => break,
            Err(e) => {
                let start = e.span().map_or(0, |s| s.start);
                problems.push(
                    Diagnostic::at(file, text, at(start), toml_error::message(&e)).with_help(HELP),
                );
                let holder = table
                    .iter()
                    .find(|(k, v)| {
                        let (k, v) = (k.span(), v.span());
                        (k.start..v.end.max(k.end)).contains(&start)
                    })
                    .map(|(k, _)| k.get_ref().to_string());
                match holder {
                    Some(key) => {
                        table.remove(key.as_str());
                    }
                    None => break,
                }
            }
        }
    }
    Err(problems)
}

/// An unknown key of TOML front matter, with what to do about it.
fn unknown_key(
    file: &Path,
    text: &str,
    location: Location,
    key: &str,
    keys: &[&str],
) -> Diagnostic {
    let help = match (foreign_key_help(key), did_you_mean(key, keys)) {
        (Some(help), _) => help.to_string(),
        (None, Some(meant)) => format!("did you mean `{meant}`? Allowed keys: {}", keys.join(", ")),
        (None, None) => format!("allowed keys: {}", keys.join(", ")),
    };
    Diagnostic::at(
        file,
        text,
        location,
        format!("unknown front matter key `{key}`"),
    )
    .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(page: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let body = page.strip_prefix("+++\n").unwrap();
        let end = body.find("+++\n").unwrap();
        parse(Path::new("a.md"), page, &body[..end], 4)
    }

    #[test]
    fn zola_front_matter_is_read_with_its_names() {
        let front = read(
            "+++\ntitle = \"Om oss\"\ndescription = \"Kort\"\nweight = 3\ndate = 2024-05-01\ndraft = true\nauthors = [\"Anna\"]\n+++\n# x\n",
        )
        .unwrap();
        assert_eq!(front.title.as_deref(), Some("Om oss"));
        assert_eq!(front.summary.as_deref(), Some("Kort"));
        assert_eq!(front.weight, Some(3));
        assert_eq!(
            front.date.map(|d| d.to_string()).as_deref(),
            Some("2024-05-01")
        );
        assert!(front.draft);
        assert_eq!(front.authors, ["Anna"]);
    }

    #[test]
    fn every_unknown_key_and_wrong_type_is_an_error_at_its_line() {
        let errors = read(
            "+++\ntitle = \"A\"\ntemplate = \"page.html\"\nweight = \"tung\"\nslug = \"a\"\n\n[taxonomies]\ntags = [\"x\"]\n+++\n",
        )
        .unwrap_err();
        let found: Vec<(usize, &str)> = errors
            .iter()
            .map(|d| (d.location.unwrap().line, d.message.as_str()))
            .collect();
        assert_eq!(errors.len(), 4, "{found:?}");
        for (line, part) in [
            (3, "`template`"),
            (5, "`slug`"),
            (7, "`taxonomies`"),
            (4, "whole number"),
        ] {
            assert!(
                found.iter().any(|(l, m)| *l == line && m.contains(part)),
                "{part} at line {line}: {found:?}"
            );
        }
        let taxonomies = errors
            .iter()
            .find(|d| d.message.contains("taxonomies"))
            .unwrap();
        assert!(
            taxonomies.help.as_deref().unwrap().contains("audience"),
            "{taxonomies}"
        );
    }

    #[test]
    fn a_key_and_its_other_name_together_are_an_error() {
        let errors = read("+++\nsummary = \"A\"\ndescription = \"B\"\n+++\n").unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].location.unwrap().line, 3);
    }

    #[test]
    fn invalid_toml_is_located() {
        let errors = read("+++\ntitle = \"A\ndraft = true\n+++\n").unwrap_err();
        assert_eq!(errors[0].location.unwrap().line, 2, "{errors:?}");
    }
}
