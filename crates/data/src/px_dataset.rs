//! A PC-Axis file `data/NAME.px` as a dataset: the long table from the [`crate::px`]
//! reader, published as `data/NAME.csv`, in the report's language where the file has it,
//! and the file's metadata as the codebook (title, source, contact, units and decimals per
//! measure, last updated, notes). A codebook `data/NAME.yaml` beside the file overrides and
//! adds to it (roles, purpose, indicator type).

use super::codebook::{
    Codebook, DecimalMark, Delimiter, Encoding, Field, FieldType, Measure, Role,
};
use super::marker::MarkerMeaning;
use super::px::{self, ColumnKind, LongCell, LongTable, PxFile};
use super::{identifiers, Dataset};
use insikt_core::date::Date;
use insikt_core::diagnostic::{Diagnostic, Diagnostics, Location};
use insikt_core::language::Language;
use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// How every personal-identifier error ends (see [`identifiers::check_text`]).
const IDENTIFIER_ERROR: &str = "personal identifiers must never be published";

/// The PX file of dataset `name`, relative to the project.
pub fn px_file(name: &str) -> PathBuf {
    PathBuf::from(format!("data/{name}.px"))
}

/// Reads `data/NAME.px` into a PX file, every error located in it.
pub fn read(root: &Path, name: &str) -> Result<(PxFile, String), Diagnostics> {
    let file = px_file(name);
    let bytes = std::fs::read(root.join(&file))
        .map_err(|e| Diagnostic::new(&file, format!("cannot read: {e}")))?;
    parse(&file, &bytes)
}

/// Parses a PX file's bytes (`file` names it in errors); returns it with its decoded text.
/// Errors show the line of the file they are on.
pub fn parse(file: &Path, bytes: &[u8]) -> Result<(PxFile, String), Diagnostics> {
    let located = |text: Option<&str>, e: px::PxError| {
        let at = Location::new(e.line, e.column);
        let d = match text {
            Some(text) => Diagnostic::at(file, text, at, e.message),
            None => {
                let mut d = Diagnostic::new(file, e.message);
                d.location = Some(at);
                d
            }
        };
        d.with_help(e.help)
    };
    let text = px::decoded_text(bytes).map_err(|e| Diagnostics::from(located(None, e)))?;
    let px = px::parse(bytes)
        .map_err(|list| Diagnostics(list.into_iter().map(|e| located(Some(&text), e)).collect()))?;
    Ok((px, text))
}

/// The file's language code for the report's `language`: the report's own where the file
/// has it (Norwegian files write `no`), else `None` (the file's default language).
pub fn choose_language(px: &PxFile, language: Language) -> Option<String> {
    let wanted: &[&str] = match language.code() {
        "nb" | "nn" => &["nb", "nn", "no"],
        code => &[code][..],
    };
    let wanted = wanted.iter().find(|w| {
        px.default_language()
            .into_iter()
            .chain(px.languages().iter().map(String::as_str))
            .any(|l| l.eq_ignore_ascii_case(w))
    })?;
    Some(wanted.to_string())
}

/// The long table as CSV (comma-separated, decimal point, numbers and data symbols as the
/// file writes them): the file published as `data/NAME.csv`.
pub fn long_csv(table: &LongTable) -> String {
    let mut out = String::new();
    let names: Vec<String> = table.columns.iter().map(|c| csv_cell(&c.name)).collect();
    out.push_str(&names.join(","));
    out.push('\n');
    for row in &table.rows {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|cell| match cell {
                LongCell::Text(t) => csv_cell(t),
                LongCell::Number { text, .. } | LongCell::Symbol { text, .. } => text.clone(),
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// A CSV cell, quoted where it must be.
fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) || text.trim() != text {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A PX timestamp's date.
fn date(text: Option<&str>) -> Option<Date> {
    let t = px::Timestamp::parse(text?)?;
    Date::parse(&format!("{:04}-{:02}-{:02}", t.year, t.month, t.day))
}

/// A PX text with its `#` line breaks as spaces and without HTML tags (publishers put
/// links in SOURCE, CONTACT and NOTE; their texts stay).
fn one_line(text: &str) -> String {
    lines(text).join(" ")
}

/// The non-empty lines of a PX text, without HTML tags.
fn lines(text: &str) -> Vec<String> {
    px::split_lines(&without_tags(text))
        .into_iter()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// `text` without HTML tags: `<` followed by a letter or `/`, up to the next `>`.
fn without_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        let after = &rest[at + 1..];
        let is_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/');
        match after.find('>') {
            Some(end) if is_tag => {
                out.push_str(&rest[..at]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str(&rest[..=at]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The codebook the file's metadata makes, in `lang`, for its long `table`.
pub fn codebook(px: &PxFile, lang: Option<&str>, table: &LongTable) -> Codebook {
    let contents = px.contents_variable();
    // The variable whose values are different measures: CONTVARIABLE, else one whose
    // values have PRECISION of their own (Statistics Finland's "time used" beside a share).
    let measure_variable = contents.or_else(|| {
        px.variables()
            .iter()
            .find(|v| (0..v.len()).any(|i| px.precision(v.index(), i).is_some()))
    });
    let measure_count = measure_variable.map_or(1, |v| v.len());
    let measures: Vec<Option<usize>> = match contents {
        Some(v) => (0..v.len()).map(Some).collect(),
        None => vec![None],
    };
    let distinct = |get: &dyn Fn(Option<usize>) -> Option<String>| {
        let mut seen: Vec<String> = Vec::new();
        for m in &measures {
            if let Some(t) = get(*m).filter(|t| !t.is_empty()) {
                if !seen.contains(&t) {
                    seen.push(t);
                }
            }
        }
        seen
    };
    let sources = distinct(&|m| px.source(m, lang).map(one_line));
    let contacts = distinct(&|m| px.contact(m, lang).map(|c| lines(c).join("; ")));
    let units = distinct(&|m| px.units(m, lang).map(one_line));
    let updated = measures
        .iter()
        .filter_map(|m| date(px.last_updated(*m)))
        .max();
    let decimals: Vec<Option<u8>> = measures.iter().map(|m| px.decimals(*m)).collect();
    let whole = table.rows.iter().all(|r| match r.cells.last() {
        Some(LongCell::Number { value, .. }) => value.fract() == 0.0,
        _ => true,
    });

    let mut notes: Vec<String> = px
        .notes(lang)
        .iter()
        .map(|n| {
            let text = one_line(n.text);
            match n.variable {
                Some(v) => format!("{}: {text}", px.variables()[v].name(lang)),
                None => text,
            }
        })
        .collect();
    notes.extend(px.value_notes(lang).iter().map(|n| {
        let variable = &px.variables()[n.variable];
        let value = variable
            .values(lang)
            .get(n.value)
            .map_or("", String::as_str);
        format!("{value}: {}", one_line(n.text))
    }));
    notes.retain(|n| !n.is_empty());

    let mut fields = Vec::new();
    for column in &table.columns {
        let field = match column.kind {
            ColumnKind::Label(v) => {
                let variable = &px.variables()[v];
                let values = variable.values(lang);
                let years = variable.is_time()
                    && values.iter().all(|y| {
                        y.len() == 4 && y.parse::<u16>().is_ok_and(|y| (1800..=2100).contains(&y))
                    });
                Field {
                    kind: if years {
                        FieldType::Year
                    } else {
                        FieldType::String
                    },
                    role: Some(Role::Dimension),
                    categories: (!years).then(|| unique(values)),
                    ..field(&column.name)
                }
            }
            ColumnKind::Code(_) => Field {
                role: Some(Role::Dimension),
                ..field(&column.name)
            },
            ColumnKind::Value => Field {
                kind: FieldType::Number,
                title: px.contents(lang).map(one_line),
                // With several measures, each has its own unit and decimals (`measures:`).
                unit: (measure_count == 1 && units.len() == 1).then(|| units[0].clone()),
                // As for a CSV file without a codebook: whole numbers are taken to be
                // counts, so a small one is never published unless the codebook says
                // `role: measure`.
                role: Some(if whole { Role::Count } else { Role::Measure }),
                decimals: decimals
                    .first()
                    .copied()
                    .flatten()
                    .filter(|_| measure_count == 1)
                    .map(usize::from),
                ..field(&column.name)
            },
        };
        fields.push(field);
    }
    let measures = match measure_variable {
        Some(v) if measure_count > 1 => v
            .values(lang)
            .iter()
            .enumerate()
            .map(|(i, name)| Measure {
                name: name.clone(),
                unit: px
                    .units(contents.and(Some(i)), lang)
                    .map(one_line)
                    .filter(|u| !u.is_empty()),
                decimals: px
                    .precision(v.index(), i)
                    .or(px.decimals(None))
                    .map(usize::from),
            })
            .collect(),
        _ => Vec::new(),
    };
    Codebook {
        title: px.title(lang).map(one_line),
        description: px.description(lang).map(one_line),
        source: (!sources.is_empty()).then(|| sources.join("; ")),
        contact: (!contacts.is_empty()).then(|| contacts.join("; ")),
        updated,
        encoding: Some(Encoding::Utf8),
        delimiter: Some(Delimiter::Comma),
        decimal: Some(DecimalMark::Point),
        fields,
        markers: symbol_markers(table),
        notes,
        measures,
        ..Codebook::default()
    }
}

/// A text field named `name`, to complete.
fn field(name: &str) -> Field {
    Field {
        name: name.to_string(),
        title: None,
        description: None,
        kind: FieldType::String,
        unit: None,
        role: None,
        categories: None,
        total: None,
        identifier: None,
        identifier_reason: None,
        decimals: None,
        scale: None,
    }
}

/// `values` without repeats, in order.
fn unique(values: &[String]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    values
        .iter()
        .filter(|v| seen.insert(v.as_str()))
        .cloned()
        .collect()
}

/// What the data symbols the table uses mean, beyond the defaults every dataset knows
/// ([`crate::marker::DEFAULT_MARKERS`]: `-` zero, `.` not applicable, `..` and `...`
/// missing): PX's other kinds of missing value, `....` to `......`.
fn symbol_markers(table: &LongTable) -> std::collections::BTreeMap<String, MarkerMeaning> {
    let known = |text: &str| {
        crate::marker::DEFAULT_MARKERS
            .iter()
            .any(|(marker, _)| *marker == text)
    };
    table
        .rows
        .iter()
        .filter_map(|row| match row.cells.last() {
            Some(LongCell::Symbol { text, .. }) if !known(text) => {
                Some((text.clone(), MarkerMeaning::Missing))
            }
            _ => None,
        })
        .collect()
}

/// `file`'s codebook with `overrides` (the author's `data/NAME.yaml`) laid over it: each key
/// the author gives replaces the file's, a field replaces the field of the same name. How
/// the generated CSV is read stays the reader's.
pub fn merge(file: Codebook, overrides: Codebook) -> Codebook {
    let mut fields = file.fields;
    for f in overrides.fields {
        match fields.iter_mut().find(|g| g.name == f.name) {
            Some(g) => *g = f,
            None => fields.push(f),
        }
    }
    let or_vec = |a: Vec<String>, b: Vec<String>| if a.is_empty() { b } else { a };
    Codebook {
        title: overrides.title.or(file.title),
        description: overrides.description.or(file.description),
        source: overrides.source.or(file.source),
        owner: overrides.owner.or(file.owner),
        updated: overrides.updated.or(file.updated),
        license: overrides.license.or(file.license),
        status: overrides.status.or(file.status),
        purpose: overrides.purpose.or(file.purpose),
        audience: if overrides.audience.is_empty() {
            file.audience
        } else {
            overrides.audience
        },
        indicator_type: overrides.indicator_type.or(file.indicator_type),
        counting: overrides.counting.or(file.counting),
        known_issues: overrides.known_issues.or(file.known_issues),
        encoding: file.encoding,
        delimiter: file.delimiter,
        decimal: file.decimal,
        thousands: None,
        fields,
        missing_values: file.missing_values,
        min_count: overrides.min_count.or(file.min_count),
        allow_below_default: overrides.allow_below_default,
        suppress_zeros: overrides.suppress_zeros,
        totals: overrides.totals,
        contact: overrides.contact.or(file.contact),
        header_row: None,
        footer_lines: None,
        columns: None,
        wide: None,
        markers: {
            let mut markers = file.markers;
            markers.extend(overrides.markers);
            markers
        },
        notes: or_vec(overrides.notes, file.notes),
        measures: if overrides.measures.is_empty() {
            file.measures
        } else {
            overrides.measures
        },
    }
}

/// Checks the texts of a PX file (decoded `text`) for personal identifiers: everything in
/// it may be published. E-mail addresses and phone numbers are allowed in CONTACT, a
/// declared work contact.
pub fn check_identifiers(file: &Path, px: &PxFile, text: &str) -> Vec<Diagnostic> {
    let keywords = px.keywords();
    let data_line = text
        .lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix("DATA")
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(usize::MAX, |i| i + 1);
    let contact_lines: Vec<(usize, usize)> = keywords
        .iter()
        .enumerate()
        .filter(|(_, k)| k.name == "CONTACT")
        .map(|(i, k)| {
            let end = keywords.get(i + 1).map_or(data_line, |n| n.line);
            (k.line, end.max(k.line + 1))
        })
        .collect();
    let allowed = |_: identifiers::IdentifierKind, line: usize| {
        contact_lines.iter().any(|&(a, b)| (a..b).contains(&line))
    };
    // DATA holds only numbers and symbols: the identifier check on the table covers it.
    let head: String = text
        .split_inclusive('\n')
        .take(data_line.saturating_sub(1))
        .collect();
    identifiers::check_text(file, &head, &allowed, &|kind| match kind {
        identifiers::IdentifierKind::Email | identifiers::IdentifierKind::Phone => {
            "remove it from the file; a work contact meant to be published goes in CONTACT, or \
             under `contact:` in the codebook"
                .to_string()
        }
        _ => "remove it: a national identity number is never published".to_string(),
    })
}

/// Loads `data/NAME.px` as a dataset, in the report's `language`, with the author's
/// codebook (`(codebook, text)`) if there is one. Returns the dataset and the notes for the
/// build's output.
pub fn load(
    root: &Path,
    name: &str,
    language: Language,
    overrides: Option<Codebook>,
    yaml_text: &str,
) -> Result<(Dataset, Vec<String>), Diagnostics> {
    let file = px_file(name);
    let (px, text) = read(root, name)?;
    let mut problems = Diagnostics(check_identifiers(&file, &px, &text));
    let lang = choose_language(&px, language);
    let table = px.long_table(lang.as_deref());
    let generated = codebook(&px, lang.as_deref(), &table);
    let codebook = match overrides {
        Some(c) => merge(generated, c),
        None => generated,
    };
    let csv = long_csv(&table);
    let loaded = super::from_vec(name, csv.into_bytes(), Some((codebook, yaml_text.into())));
    let (mut dataset, _) = match loaded {
        Ok(loaded) => loaded,
        Err(found) => {
            // The CSV is made here; its problems are the PX file's. An identifier in a
            // label was reported where the file has it, with its line.
            let csv_file = PathBuf::from(format!("data/{name}.csv"));
            let located = !problems.is_empty();
            for mut d in found.0 {
                if d.file == csv_file && located && d.message.contains(IDENTIFIER_ERROR) {
                    continue;
                }
                if d.file == csv_file {
                    d.file = file.clone();
                    d.location = None;
                    d.message = format!("in the table read from it: {}", d.message);
                }
                problems.push(d);
            }
            return Err(problems);
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    dataset.csv_file = file.clone();
    // The publisher's metadata is a codebook, not one inferred from the cells.
    dataset.has_codebook = true;
    let mut note = format!(
        "{}: PC-Axis, read as {}, {} rows",
        file.display(),
        px.encoding(),
        dataset.rows
    );
    if let Some(lang) = &lang {
        let _ = write!(note, ", language `{lang}`");
    }
    Ok((dataset, vec![note]))
}

/// The codebook `insikt codebook data/NAME.px` writes for `file` (read as `px`), in `lang`:
/// everything the file says filled in (title, source, contact, last updated, units and
/// decimals per measure, notes), and placeholders (`"TODO: …"`, see
/// [`crate::placeholder`]) for what only the author knows.
pub fn stub(file: &Path, px: &PxFile, lang: Option<&str>) -> String {
    use super::stub::quote;
    let table = px.long_table(lang);
    let c = codebook(px, lang, &table);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Codebook for {}, filled in from the file{}. It overrides what the file says;\n\
         # replace every \"TODO: …\" (a build stops on them; `insikt build --drafts` shows\n\
         # them as \"to be filled in\").",
        file.display(),
        lang.map(|l| format!(" (language `{l}`)"))
            .unwrap_or_default()
    );
    let text = |out: &mut String, key: &str, value: &Option<String>, todo: &str| {
        let _ = match value {
            Some(v) => writeln!(out, "{key}: {}", quote(v)),
            None => writeln!(out, "{key}: \"TODO: {todo}\""),
        };
    };
    text(&mut out, "title", &c.title, "the dataset's title");
    if c.description.is_some() {
        text(&mut out, "description", &c.description, "");
    }
    text(&mut out, "source", &c.source, "where the numbers come from");
    text(
        &mut out,
        "contact",
        &c.contact,
        "who answers questions about the numbers",
    );
    let _ = match c.updated {
        Some(d) => writeln!(out, "updated: {d}"),
        None => writeln!(
            out,
            "updated: \"TODO: YYYY-MM-DD, the date the data are as of\""
        ),
    };
    out.push_str("purpose: \"TODO: prove | improve\"\n");
    out.push_str("indicator_type: \"TODO: activity | output | outcome | experience\"\n");
    if !c.notes.is_empty() {
        out.push_str("notes:\n");
        for n in &c.notes {
            let _ = writeln!(out, "  - {}", quote(n));
        }
    }
    if !c.measures.is_empty() {
        out.push_str("measures:\n");
        for m in &c.measures {
            let _ = writeln!(out, "  - name: {}", quote(&m.name));
            if let Some(unit) = &m.unit {
                let _ = writeln!(out, "    unit: {}", quote(unit));
            }
            if let Some(d) = m.decimals {
                let _ = writeln!(out, "    decimals: {d}");
            }
        }
    }
    out.push_str("fields:\n");
    for f in &c.fields {
        let _ = writeln!(out, "  - name: {}", quote(&f.name));
        if let Some(title) = &f.title {
            let _ = writeln!(out, "    title: {}", quote(title));
        }
        let _ = writeln!(out, "    type: {}", f.kind.key());
        match f.role {
            Some(Role::Count) => out.push_str(
                "    role: count              # counts from 1 to min_count − 1 are hidden; `measure` for published statistics\n",
            ),
            Some(Role::Measure) => out.push_str("    role: measure\n"),
            Some(Role::Dimension) => out.push_str("    role: dimension\n"),
            None => {}
        }
        if let Some(unit) = &f.unit {
            let _ = writeln!(out, "    unit: {}", quote(unit));
        }
        if let Some(d) = f.decimals {
            let _ = writeln!(out, "    decimals: {d}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "LANGUAGE=\"fi\";\nLANGUAGES=\"fi\",\"sv\";\nTITLE=\"Väestö\";\n\
        TITLE[sv]=\"Befolkning\";\nCONTENTS=\"Väestö\";\nUNITS=\"henkeä\";\n\
        SOURCE=\"<a href='https://stat.fi'>Tilastokeskus</a>\";\n\
        CONTACT=\"Maija Meikäläinen#maija@stat.fi##\";\nLAST-UPDATED=\"20240131 08:00\";\n\
        NOTE=\"Alue vuoden \"\n\"lopussa.\";\nSTUB=\"alue\";\nSTUB[sv]=\"område\";\n\
        HEADING=\"vuosi\";\nHEADING[sv]=\"år\";\nVALUES(\"alue\")=\"Koko maa\",\"Kemi, kaupunki\";\n\
        VALUES[sv](\"område\")=\"Hela landet\",\"Kemi, stad\";\nVALUES(\"vuosi\")=\"2023\";\n\
        VALUES[sv](\"år\")=\"2023\";\nTIMEVAL(\"vuosi\")=TLIST(A1),\"2023\";\nDECIMALS=0;\nDATA=\n5603851 \"..\";\n";

    fn read() -> PxFile {
        parse(Path::new("data/v.px"), FILE.as_bytes()).unwrap().0
    }

    #[test]
    fn the_reports_language_where_the_file_has_it() {
        let px = read();
        assert_eq!(choose_language(&px, Language::Sv).as_deref(), Some("sv"));
        assert_eq!(choose_language(&px, Language::Fi).as_deref(), Some("fi"));
        assert_eq!(choose_language(&px, Language::Da), None);
    }

    #[test]
    fn the_long_table_as_csv_quoted_where_needed() {
        let px = read();
        let csv = long_csv(&px.long_table(Some("sv")));
        assert_eq!(
            csv,
            "område,år,år (code),value\nHela landet,2023,2023,5603851\n\"Kemi, stad\",2023,2023,..\n"
        );
    }

    #[test]
    fn the_metadata_as_codebook_without_html() {
        let px = read();
        let table = px.long_table(Some("sv"));
        let c = codebook(&px, Some("sv"), &table);
        assert_eq!(c.title.as_deref(), Some("Befolkning"));
        assert_eq!(c.source.as_deref(), Some("Tilastokeskus"));
        assert_eq!(
            c.contact.as_deref(),
            Some("Maija Meikäläinen; maija@stat.fi")
        );
        assert_eq!(
            c.updated.map(|d| d.to_string()).as_deref(),
            Some("2024-01-31")
        );
        assert_eq!(c.notes, ["Alue vuoden lopussa."]);
        // `..` is one of the markers every dataset knows: nothing to declare.
        assert_eq!(c.missing_values, None);
        assert!(c.markers.is_empty());
        let value = c.fields.last().unwrap();
        assert_eq!(value.unit.as_deref(), Some("henkeä"));
        assert_eq!(value.decimals, Some(0));
        assert_eq!(value.role, Some(Role::Count));
        assert_eq!(
            c.fields[0].categories.as_deref(),
            Some(&["Hela landet".to_string(), "Kemi, stad".to_string()][..])
        );
        assert_eq!(c.fields[1].kind, FieldType::Year);
    }

    #[test]
    fn an_authors_codebook_overrides_key_by_key_and_field_by_field() {
        let px = read();
        let table = px.long_table(None);
        let file = codebook(&px, None, &table);
        let yaml = "source: Oma lähde\nfields:\n  - {name: value, type: number, role: measure}\n";
        let author = crate::parse_codebook(Path::new("data/v.yaml"), yaml).unwrap();
        let merged = merge(file, author);
        assert_eq!(merged.source.as_deref(), Some("Oma lähde"));
        assert_eq!(merged.title.as_deref(), Some("Väestö"));
        assert_eq!(merged.fields.len(), 4);
        assert_eq!(merged.fields[3].role, Some(Role::Measure));
        assert_eq!(merged.delimiter, Some(Delimiter::Comma));
    }

    #[test]
    fn tags_go_their_text_stays() {
        assert_eq!(without_tags("a <b>c</b> < d > e"), "a c < d > e");
        assert_eq!(without_tags("<A HREF=x TARGET=_blank>Sivut</A>"), "Sivut");
        assert_eq!(without_tags("1 < 2"), "1 < 2");
    }
}
