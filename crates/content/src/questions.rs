//! Question sets and worksheets.
//!
//! A question set is a YAML file under `content/` (any `NAME.yaml` except the report's
//! `glossary.yaml`). It is parsed into the typed [`QuestionSet`] and validated once, with
//! every problem located; it then takes its place in the section tree as a page like any
//! other (title, weight, audience), rendered with the `worksheet.html` template. All
//! worksheets are also listed by audience on a generated overview page.

mod schema;

pub use schema::*;

use crate::{FrontMatter, Page};
use insikt_core::diagnostic::{yaml, yaml_keys};
use insikt_core::diagnostic::{Diagnostic, Diagnostics, Location};
use insikt_core::vocabulary::Kind;
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// True for a file under `content/` (path relative to it) that is a question set.
pub fn is_question_set(rel: &Path) -> bool {
    rel.extension().is_some_and(|e| e == "yaml") && rel != Path::new(crate::glossary::FILE)
}

/// Reads `content_dir/rel` as a page of the report with its question set, and the problems
/// found. A file that cannot be read or is not a question set in YAML becomes a stand-in
/// page without a set; a set that parses but fails validation keeps its set, so that its
/// Markdown is checked too (the build fails anyway).
pub fn load_page(content_dir: &Path, rel: &Path) -> (Page, Option<QuestionSet>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let Some((file, text)) = crate::read_source(content_dir, rel, None, &mut problems) else {
        return (Page::stand_in(rel), None, problems);
    };
    let set = match parse_yaml(&file, &text) {
        Ok(set) => set,
        Err(found) => {
            problems.extend(found.0);
            return (Page::stand_in(rel), None, problems);
        }
    };
    problems.extend(validate(&file, &text, &set).0);
    let front = FrontMatter {
        title: Some(set.title.clone()),
        summary: set.summary.clone(),
        weight: set.weight,
        kind: Some(Kind::Worksheet),
        audience: set.audience.clone(),
        purpose: set.purpose,
        draft: set.draft,
        ..FrontMatter::default()
    };
    let body_offset = text.len();
    let page = Page {
        file: Some(file),
        source: rel.to_path_buf(),
        url_dir: crate::url_dir(rel),
        title: set.title.clone(),
        title_from_heading: false,
        front,
        text,
        body_offset,
        is_section: false,
        parent: None,
        children: Vec::new(),
        depth: 0,
        glossary: None,
        stand_in: false,
    };
    (page, Some(set), problems)
}

/// Parses and validates a question set; `file` names it in messages.
pub fn parse(file: &Path, text: &str) -> Result<QuestionSet, Diagnostics> {
    let set = parse_yaml(file, text)?;
    let diagnostics = validate(file, text, &set);
    if diagnostics.is_empty() {
        Ok(set)
    } else {
        Err(diagnostics)
    }
}

/// Reads a question set's YAML into its types, without the checks of [`validate`]; every
/// unknown key is reported.
fn parse_yaml(file: &Path, text: &str) -> Result<QuestionSet, Diagnostics> {
    yaml_keys::from_str(text).map_err(|errors| {
        let found = errors
            .iter()
            .map(|e| syntax_diagnostic(file, text, yaml::location(e), &e.to_string()));
        Diagnostics(found.collect())
    })
}

/// A serde error as a diagnostic; unknown keys get the keys allowed at that place.
fn syntax_diagnostic(file: &Path, text: &str, location: Location, raw: &str) -> Diagnostic {
    // serde names the keys allowed at that place: "unknown field `x`, expected one of a, b".
    let expected: Vec<&str> = raw
        .lines()
        .next()
        .filter(|l| l.contains("unknown field"))
        .and_then(|l| l.split_once("expected "))
        .map(|(_, e)| {
            let e = e.strip_prefix("one of ").unwrap_or(e);
            e.split(", ").map(|k| k.trim_matches('`')).collect()
        })
        .unwrap_or_default();
    let keys = if expected.is_empty() {
        insikt_core::fields::of::<QuestionSet>()
    } else {
        &expected[..]
    };
    let schema = yaml::Schema {
        key_noun: "key",
        keys,
        help: "a question set is YAML; quote text that holds `:` `[` or `#`, and see docs/worksheets.md for the keys and their types",
    };
    yaml::diagnostic(file, text, location, raw, &schema)
}

/// Checks what the types cannot: id syntax and uniqueness, what each kind needs,
/// and that every `skip_to` names a later section.
fn validate<'s>(file: &Path, text: &str, set: &'s QuestionSet) -> Diagnostics {
    let mut out = Diagnostics::default();
    let at = |s: &Spanned<String>| location(s);
    let mut error = |loc: Location, message: String, help: &str| {
        let mut d = Diagnostic::at(file, text, loc, message);
        if !help.is_empty() {
            d = d.with_help(help);
        }
        out.push(d);
    };
    let id_help = "ids are letters a–z, digits, `-` and `_`, starting with a letter or digit";
    if !valid_id(&set.id.value) {
        error(
            at(&set.id),
            format!("the set id `{}` is not a valid id", set.id.value),
            id_help,
        );
    }
    if let Some(url) = set.provenance.as_ref().and_then(|p| p.url.as_ref()) {
        if let Some(scheme) = insikt_core::url::refused_scheme(&url.value, false) {
            error(
                at(url),
                format!(
                    "`provenance.url: {}`: the scheme `{scheme}:` is not allowed",
                    insikt_core::url::shorten(&url.value)
                ),
                insikt_core::url::HELP,
            );
        }
    }
    if set.sections.is_empty() {
        error(
            Location::new(1, 1),
            "the question set has no sections".into(),
            "add `sections:` with at least one section and its `questions:`",
        );
    }
    let mut seen: HashMap<&str, Location> = HashMap::new();
    let mut section_index: HashMap<&str, usize> = HashMap::new();
    let mut check_id = |id: &'s Spanned<String>, error: &mut dyn FnMut(Location, String, &str)| {
        if !valid_id(&id.value) {
            error(at(id), format!("`{}` is not a valid id", id.value), id_help);
        } else if let Some(first) = seen.get(id.value.as_str()) {
            error(
                at(id),
                format!("duplicate id `{}`", id.value),
                &format!(
                    "ids must be unique within a question set (sections and questions alike); `{}` is already used on line {}",
                    id.value, first.line
                ),
            );
        } else {
            seen.insert(&id.value, at(id));
        }
    };
    for (i, section) in set.sections.iter().enumerate() {
        check_id(&section.id, &mut error);
        section_index.entry(section.id.value.as_str()).or_insert(i);
        if section.questions.is_empty() {
            error(
                at(&section.id),
                format!("the section `{}` has no questions", section.id.value),
                "add `questions:` to the section, or remove it",
            );
        }
        for q in &section.questions {
            check_id(&q.id, &mut error);
        }
    }
    for (i, section) in set.sections.iter().enumerate() {
        for q in &section.questions {
            check_question(q, &mut error);
            let Some(target) = &q.skip_to else { continue };
            match section_index.get(target.value.as_str()) {
                Some(&t) if t > i => {}
                Some(_) => error(
                    at(target),
                    format!(
                        "`skip_to: {}` points back to an earlier section (or its own)",
                        target.value
                    ),
                    "`skip_to` means \"if no, go to section …\": name a later section",
                ),
                None => {
                    let ids: Vec<&str> = set.sections.iter().map(|s| s.id.value.as_str()).collect();
                    let help = match insikt_core::diagnostic::did_you_mean(&target.value, &ids) {
                        Some(s) => format!("did you mean `{s}`? Sections: {}", ids.join(", ")),
                        None => {
                            format!("`skip_to` names a section id; sections: {}", ids.join(", "))
                        }
                    };
                    error(
                        at(target),
                        format!("`skip_to: {}` names no section of this set", target.value),
                        &help,
                    );
                }
            }
        }
    }
    out
}

/// Checks that a question has what its kind needs and nothing it cannot use.
fn check_question(q: &Question, error: &mut dyn FnMut(Location, String, &str)) {
    use QuestionKind::*;
    let loc = location(&q.id);
    let id = &q.id.value;
    let kind = q.kind.key();
    let mut needs = |ok: bool, message: String, help: &str| {
        if !ok {
            error(loc, message, help);
        }
    };
    needs(
        q.kind == Group || q.sub.is_empty(),
        format!("question `{id}`: `sub` is only for `kind: group`, not `{kind}`"),
        "make the question `kind: group`, or remove `sub`",
    );
    needs(
        q.kind != Group || !q.sub.is_empty(),
        format!("question `{id}`: a `group` question needs sub-questions in `sub`"),
        "add `sub: [\"…\", \"…\"]`, or use `kind: open`",
    );
    let has_options = matches!(q.kind, Choice | Checklist);
    needs(
        has_options || q.options.is_empty(),
        format!("question `{id}`: `options` is only for `choice` and `checklist`, not `{kind}`"),
        "remove `options`, or change the kind",
    );
    needs(
        !has_options || q.options.len() >= if q.kind == Choice { 2 } else { 1 },
        format!("question `{id}`: a `{kind}` question needs its `options`"),
        "add `options: [\"…\", \"…\"]`",
    );
    match (&q.scale, q.kind) {
        (None, Scale) => needs(
            false,
            format!("question `{id}`: a `scale` question needs `scale: {{from: 1, to: 5}}`"),
            "",
        ),
        (Some(s), Scale) => needs(
            s.from < s.to && s.to - s.from <= 10,
            format!(
                "question `{id}`: the scale must run upwards over at most 11 points, not {}–{}",
                s.from, s.to
            ),
            "e.g. `scale: {from: 1, to: 5, low: \"…\", high: \"…\"}`",
        ),
        (Some(_), _) => needs(
            false,
            format!("question `{id}`: `scale` is only for `kind: scale`, not `{kind}`"),
            "remove `scale`, or change the kind",
        ),
        (None, _) => {}
    }
    needs(
        q.space.is_none() || matches!(q.kind, Open | Group),
        format!("question `{id}`: `space` is only for `open` and `group` questions, not `{kind}`"),
        "remove `space`",
    );
    needs(
        q.skip_to.is_none() || matches!(q.kind, YesNo | YesNoUnknown),
        format!("question `{id}`: `skip_to` (\"if no, go to …\") needs a `yes-no` or `yes-no-unknown` question, not `{kind}`"),
        "change the kind, or remove `skip_to`",
    );
}

/// An id made of ASCII letters, digits, `-` and `_`, not starting with `-` or `_`.
fn valid_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Where a spanned value was written.
fn location<T>(s: &Spanned<T>) -> Location {
    Location::new(
        s.referenced.line().max(1) as usize,
        s.referenced.column().max(1) as usize,
    )
}

/// The byte offset of a spanned value in its file, for Markdown diagnostics.
pub fn offset_of<T>(s: &Spanned<T>, text: &str) -> usize {
    match s.referenced.span().byte_offset() {
        Some(o) => (o as usize).min(text.len()),
        None => {
            let loc = location(s);
            let line_start: usize = text
                .split_inclusive('\n')
                .take(loc.line - 1)
                .map(str::len)
                .sum();
            line_start.min(text.len())
        }
    }
}

/// Question sets by source path relative to `content/`.
pub type QuestionSets = std::collections::BTreeMap<PathBuf, QuestionSet>;

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<QuestionSet, Diagnostics> {
        parse(Path::new("content/a.yaml"), text)
    }

    const MINIMAL: &str = "id: a\ntitle: A\nsections:\n  - id: s1\n    title: S\n    questions:\n      - id: q1\n        kind: open\n        text: Varför?\n";

    #[test]
    fn minimal_set_parses() {
        let set = parse_str(MINIMAL).unwrap();
        assert_eq!(set.version, 1);
        assert_eq!(set.sections[0].questions[0].kind, QuestionKind::Open);
    }

    #[test]
    fn a_provenance_url_with_a_script_scheme_is_refused_at_its_line() {
        let text = MINIMAL.replace(
            "title: A\n",
            "title: A\nprovenance:\n  source: S\n  relation: inspired-by\n  url: \"javascript:alert(1)\"\n",
        );
        let e = parse_str(&text).unwrap_err();
        let d = &e.0[0];
        assert_eq!(d.location.unwrap(), Location::new(6, 8), "{d}");
        assert!(d.message.contains("`javascript:`"), "{d}");
        let ok = text.replace("javascript:alert(1)", "https://example.org/metod");
        assert!(parse_str(&ok).is_ok());
    }

    #[test]
    fn ids_are_checked() {
        assert!(valid_id("k1") && valid_id("a_b-2"));
        assert!(!valid_id("-a") && !valid_id("å") && !valid_id("a b") && !valid_id(""));
    }

    #[test]
    fn unknown_question_key_lists_question_keys() {
        let text = MINIMAL.replace("kind: open", "kind: open\n        spce: large");
        let e = parse_str(&text).unwrap_err();
        let d = &e.0[0];
        assert_eq!(d.location.unwrap().line, 9, "{d}");
        assert!(d.message.contains("unknown key `spce`"), "{d}");
        assert!(
            d.help.as_deref().unwrap().contains("did you mean `space`"),
            "{d}"
        );
    }
}
