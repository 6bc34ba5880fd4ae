//! Keywords to a table: languages, variables with their values, codes and time, what each
//! keyword with parameters is about, decimals, and the DATA cells checked against the
//! variables.

use super::data::{self, DataSymbols};
use super::syntax::{DataPart, Item, Keyword, KeywordValue, Position, Syntax};
use super::time::TimeScale;
use super::{Localized, Placement, PxError, PxFile, Target, Time, Variable};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

/// What the parameters of a keyword the reader interprets name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// No parameters: the table.
    Table,
    /// `("variable")`.
    Variable,
    /// `("measure")`: a value of the CONTVARIABLE.
    Content,
    /// `("variable","value")`.
    Value,
}

impl Shape {
    fn params(self) -> usize {
        match self {
            Shape::Table => 0,
            Shape::Variable | Shape::Content => 1,
            Shape::Value => 2,
        }
    }
}

/// The shapes a keyword the reader interprets can have; `None` for the others, which are
/// kept as written.
fn shapes(name: &str) -> Option<&'static [Shape]> {
    use Shape::*;
    Some(match name {
        "TITLE" | "CONTENTS" | "DESCRIPTION" | "MATRIX" | "TABLEID" | "SUBJECT-AREA"
        | "SUBJECT-CODE" | "CREATION-DATE" | "COPYRIGHT" | "DECIMALS" | "SHOWDECIMALS"
        | "LANGUAGE" | "LANGUAGES" | "CHARSET" | "CODEPAGE" | "AXIS-VERSION" | "STUB"
        | "HEADING" | "CONTVARIABLE" | "DATASYMBOL1" | "DATASYMBOL2" | "DATASYMBOL3"
        | "DATASYMBOL4" | "DATASYMBOL5" | "DATASYMBOL6" | "DATASYMBOLNIL" | "DATASYMBOLSUM" => {
            &[Table]
        }
        "UNITS" | "LAST-UPDATED" | "CONTACT" | "SOURCE" | "STOCKFA" | "REFPERIOD"
        | "BASEPERIOD" | "CFPRICES" | "DAYADJ" | "SEASADJ" => &[Table, Content],
        "NOTE" | "NOTEX" => &[Table, Variable],
        "VALUES" | "CODES" | "TIMEVAL" | "VARIABLECODE" | "VARIABLE-TYPE" => &[Variable],
        "VALUENOTE" | "VALUENOTEX" | "PRECISION" => &[Value],
        _ => return None,
    })
}

fn is_list(name: &str) -> bool {
    matches!(name, "STUB" | "HEADING" | "LANGUAGES" | "VALUES" | "CODES")
}

fn is_note(name: &str) -> bool {
    matches!(name, "NOTE" | "NOTEX" | "VALUENOTE" | "VALUENOTEX")
}

/// A keyword's language as an index key: lower case.
fn language_of(keyword: &Keyword) -> Option<String> {
    keyword.language.as_ref().map(|l| l.to_lowercase())
}

/// `NAME[lang]("a","b")`, to name a keyword in a message.
fn head(keyword: &Keyword) -> String {
    let mut head = keyword.name.clone();
    if let Some(lang) = &keyword.language {
        head.push_str(&format!("[{lang}]"));
    }
    if !keyword.params.is_empty() {
        let params: Vec<String> = keyword
            .params
            .iter()
            .map(|p| format!("\"{}\"", p.text))
            .collect();
        head.push_str(&format!("({})", params.join(",")));
    }
    head
}

/// A short list of names for a message: the first few, quoted.
fn listing<S: AsRef<str>>(names: &[S]) -> String {
    const SHOWN: usize = 8;
    let mut text: Vec<String> = names
        .iter()
        .take(SHOWN)
        .map(|n| format!("\"{}\"", n.as_ref()))
        .collect();
    if names.len() > SHOWN {
        text.push(format!("and {} more", names.len() - SHOWN));
    }
    text.join(", ")
}

/// Value labels and codes of one variable, for finding a value named in a keyword.
struct ValueIndex {
    /// `language (None: default)` → label → value index.
    labels: HashMap<Option<String>, HashMap<String, usize>>,
    codes: HashMap<String, usize>,
}

impl ValueIndex {
    fn find(&self, lang: &Option<String>, name: &str) -> Option<usize> {
        [lang, &None]
            .iter()
            .find_map(|l| self.labels.get(*l).and_then(|m| m.get(name)))
            .or_else(|| self.codes.get(name))
            .copied()
    }
}

/// DECIMALS, SHOWDECIMALS and PRECISION per `(variable, value)`.
struct Decimals {
    decimals: Option<u8>,
    show_decimals: Option<u8>,
    precision: HashMap<(usize, usize), u8>,
}

struct Builder<'a> {
    keywords: &'a [Keyword],
    errors: &'a mut Vec<PxError>,
    /// Keywords whose error was reported; not interpreted further.
    broken: Vec<bool>,
    index: HashMap<(String, Option<String>, Target), usize>,
    /// What each keyword recorded in `index` is about.
    targets: Vec<Option<Target>>,
    notes: Vec<(usize, Target)>,
    /// `language (None: default)` → variable name → variable index.
    variable_names: HashMap<Option<String>, HashMap<String, usize>>,
    /// Whether an error makes the table unusable (later checks would only repeat it).
    fatal: bool,
}

pub(super) fn build(
    text: &str,
    syntax: Syntax,
    encoding: &'static str,
    errors: &mut Vec<PxError>,
) -> Option<PxFile> {
    let Syntax {
        keywords,
        data,
        end,
    } = syntax;
    let mut b = Builder {
        keywords: &keywords,
        broken: vec![false; keywords.len()],
        targets: vec![None; keywords.len()],
        errors,
        index: HashMap::new(),
        notes: Vec::new(),
        variable_names: HashMap::new(),
        fatal: false,
    };
    b.check_shapes();
    b.index_table_keywords();

    let default_language = b.table_text("LANGUAGE").map(str::to_string);
    let variants = b.variant_languages();
    let languages = match b.table_list("LANGUAGES") {
        Some(items) => items.iter().map(|i| i.text.clone()).collect(),
        None => default_language
            .iter()
            .cloned()
            .chain(variants.iter().cloned())
            .collect(),
    };

    let mut variables = b.variables(&variants)?;
    let stub_len = variables
        .iter()
        .filter(|v| v.placement == Placement::Stub)
        .count();
    b.index_keywords_on_variables(&variables);
    b.values(&mut variables);
    let contents_variable = b.contents_variable(&variables);
    if let Some(c) = contents_variable {
        variables[c].contents = true;
    }
    let value_index = value_index(&variables);
    b.index_keywords_on_values(&variables, contents_variable, &value_index);
    let Decimals {
        decimals,
        show_decimals,
        precision,
    } = b.decimals();
    let data_symbols = b.data_symbols();
    b.notes.sort_unstable_by_key(|&(i, _)| i);

    let Some(data) = data else {
        b.errors.push(end.error(
            "the file has no DATA",
            "A PX file ends with DATA= and the table's cells, closed with ;",
        ));
        return None;
    };
    let cells = data::cells(text, &data, &data_symbols, b.errors);
    if !b.fatal {
        b.check_cell_count(&variables, &data);
    }
    let Builder {
        index,
        notes,
        fatal,
        ..
    } = b;
    if fatal {
        return None;
    }
    Some(PxFile {
        encoding,
        keywords,
        default_language,
        languages,
        variables,
        stub_len,
        contents_variable,
        index,
        notes,
        decimals,
        show_decimals,
        precision,
        data_symbols,
        cells,
    })
}

impl<'a> Builder<'a> {
    fn error(&mut self, at: Position, message: String, help: impl Into<String>) {
        self.errors.push(at.error(message, help));
    }

    /// Checks the parameter count and the kind of value of each keyword the reader
    /// interprets.
    fn check_shapes(&mut self) {
        let keywords = self.keywords;
        for (i, keyword) in keywords.iter().enumerate() {
            let name = keyword.name.as_str();
            if name == "KEYS" {
                self.broken[i] = true;
                self.fatal = true;
                self.errors.push(keyword.position().error(
                    "KEYS (DATA written row by row with keys) is not supported yet",
                    "Save the table again without KEYS (PxWeb's and PC-Axis' PX downloads \
                     have none), or export it as CSV",
                ));
                continue;
            }
            let Some(shapes) = shapes(name) else {
                continue;
            };
            let count = keyword.params.len();
            if !shapes.iter().any(|s| s.params() == count) {
                let expected: Vec<String> = shapes
                    .iter()
                    .map(|s| match s {
                        Shape::Table => format!("{name}=…"),
                        Shape::Variable => format!("{name}(\"variable\")=…"),
                        Shape::Content => format!("{name}(\"measure\")=…"),
                        Shape::Value => format!("{name}(\"variable\",\"value\")=…"),
                    })
                    .collect();
                self.broken[i] = true;
                self.errors.push(keyword.position().error(
                    format!("{} has {count} names in parentheses", head(keyword)),
                    format!("Write it as {}", expected.join(" or ")),
                ));
                continue;
            }
            let problem = match (&keyword.value, name) {
                (KeywordValue::TimeList { .. }, "TIMEVAL") => None,
                (_, "TIMEVAL") => Some((
                    "is not a time list".to_string(),
                    "Write TIMEVAL(\"variable\")=TLIST(A1),\"2023\",\"2024\"; with A1, H1, Q1, \
                     M1 or W1"
                        .to_string(),
                )),
                (KeywordValue::TimeList { .. }, _) => Some((
                    "has a TLIST, which only TIMEVAL takes".to_string(),
                    "Write the value in double quotes".to_string(),
                )),
                (KeywordValue::List(items), _) if is_list(name) && items.is_empty() => Some((
                    "lists nothing".to_string(),
                    format!("List the names in double quotes, as in {name}=\"a\",\"b\";"),
                )),
                (KeywordValue::List(items), _) if !is_list(name) && items.len() != 1 => Some((
                    if items.is_empty() {
                        "has no value".to_string()
                    } else {
                        format!("has {} texts separated by commas", items.len())
                    },
                    format!(
                        "{name} takes one text; a long text goes on over lines as \"…\" \
                         \"…\" with no comma between the pieces"
                    ),
                )),
                _ => None,
            };
            if let Some((message, help)) = problem {
                self.broken[i] = true;
                self.errors.push(
                    keyword
                        .value_position()
                        .error(format!("{} {message}", head(keyword)), help),
                );
            }
        }
    }

    /// Records a keyword for `target`; a second one for the same target is an error.
    fn insert(&mut self, i: usize, target: Target) {
        let keywords = self.keywords;
        let keyword = &keywords[i];
        let key = (keyword.name.clone(), language_of(keyword), target);
        match self.index.entry(key) {
            Entry::Vacant(entry) => {
                entry.insert(i);
                self.targets[i] = Some(target);
            }
            Entry::Occupied(entry) => {
                let first = &keywords[*entry.get()];
                if shapes(&keyword.name).is_some() {
                    let message = format!(
                        "{} is given twice (first on line {})",
                        head(keyword),
                        first.line
                    );
                    self.error(
                        keyword.position(),
                        message,
                        "Keep one of them: insikt cannot tell which is right",
                    );
                }
            }
        }
    }

    fn index_table_keywords(&mut self) {
        let keywords = self.keywords;
        for (i, keyword) in keywords.iter().enumerate() {
            if self.broken[i] || !keyword.params.is_empty() {
                continue;
            }
            if is_note(&keyword.name) {
                self.notes.push((i, Target::Table));
            } else {
                self.insert(i, Target::Table);
            }
        }
    }

    fn table_keyword(&self, name: &str, lang: Option<&str>) -> Option<&'a Keyword> {
        let keywords = self.keywords;
        self.index
            .get(&(name.to_string(), lang.map(str::to_string), Target::Table))
            .map(|&i| &keywords[i])
    }

    fn table_text(&self, name: &str) -> Option<&'a str> {
        self.table_keyword(name, None).and_then(Keyword::text)
    }

    fn table_list(&self, name: &str) -> Option<&'a [Item]> {
        Self::list_of(self.table_keyword(name, None)?)
    }

    fn list_of(keyword: &Keyword) -> Option<&[Item]> {
        match &keyword.value {
            KeywordValue::List(items) => Some(items),
            KeywordValue::TimeList { .. } => None,
        }
    }

    /// The languages of `[lang]` variants, lower case, in order of first use.
    fn variant_languages(&self) -> Vec<String> {
        let mut seen = HashSet::new();
        self.keywords
            .iter()
            .filter_map(language_of)
            .filter(|lang| seen.insert(lang.clone()))
            .collect()
    }

    /// The variables from STUB and HEADING, with their names in each language.
    fn variables(&mut self, variants: &[String]) -> Option<Vec<Variable>> {
        let stub = self.table_list("STUB").unwrap_or_default();
        let heading = self.table_list("HEADING").unwrap_or_default();
        if stub.is_empty() && heading.is_empty() {
            self.error(
                Position { line: 1, column: 1 },
                "the file has no STUB or HEADING, so it has no variables".to_string(),
                "Name the table's variables: STUB=\"…\"; for those down the side, \
                 HEADING=\"…\"; for those across the top",
            );
            self.fatal = true;
            return None;
        }
        let mut default_names = HashMap::new();
        for (i, item) in stub.iter().chain(heading).enumerate() {
            if default_names.insert(item.text.clone(), i).is_some() {
                self.fatal = true;
                self.error(
                    item.position(),
                    format!(
                        "the variable \"{}\" is named twice in STUB and HEADING",
                        item.text
                    ),
                    "Each variable of the table has its own name",
                );
            }
        }
        self.variable_names.insert(None, default_names);

        let mut names: Vec<Localized<String>> = stub
            .iter()
            .chain(heading)
            .map(|item| Localized {
                default: item.text.clone(),
                variants: Vec::new(),
            })
            .collect();
        // A variant STUB[lang] or HEADING[lang] names the same variables, by position; only
        // the names it gives are stored, so the work is that of reading it.
        for lang in variants {
            let mut translated = HashMap::new();
            for (keyword, default, offset) in [("STUB", stub, 0), ("HEADING", heading, stub.len())]
            {
                let Some(variant) = self.table_keyword(keyword, Some(lang)) else {
                    continue;
                };
                let items = Self::list_of(variant).unwrap_or_default();
                if items.len() != default.len() {
                    let message = format!(
                        "{} names {} variables, but {keyword} names {}",
                        head(variant),
                        items.len(),
                        default.len()
                    );
                    self.error(
                        variant.value_position(),
                        message,
                        "A language variant lists the same variables in the same order, \
                         translated",
                    );
                    continue;
                }
                for (i, item) in items.iter().enumerate() {
                    names[offset + i]
                        .variants
                        .push((lang.clone(), item.text.clone()));
                    translated.entry(item.text.clone()).or_insert(offset + i);
                }
            }
            if !translated.is_empty() {
                self.variable_names.insert(Some(lang.clone()), translated);
            }
        }
        Some(
            names
                .into_iter()
                .enumerate()
                .map(|(index, names)| Variable {
                    index,
                    placement: if index < stub.len() {
                        Placement::Stub
                    } else {
                        Placement::Heading
                    },
                    names,
                    values: Localized {
                        default: Vec::new(),
                        variants: Vec::new(),
                    },
                    codes: None,
                    time: None,
                    declared_time: false,
                    contents: false,
                    code: None,
                    kind: None,
                })
                .collect(),
        )
    }

    /// The variable a keyword in `lang` names: by its name in `lang`, else in the default
    /// language.
    fn find_variable(&self, lang: &Option<String>, name: &str) -> Option<usize> {
        [lang, &None]
            .iter()
            .find_map(|l| self.variable_names.get(*l).and_then(|m| m.get(name)))
            .copied()
    }

    fn unknown_variable(&mut self, keyword: &Keyword, param: &Item, variables: &[Variable]) {
        let lang = keyword.language.as_deref();
        let shown: Vec<&str> = variables.iter().take(9).map(|v| v.name(lang)).collect();
        let mut names = listing(&shown[..shown.len().min(8)]);
        if variables.len() > 8 {
            names.push_str(&format!(" and {} more", variables.len() - 8));
        }
        let message = format!(
            "{} names the variable \"{}\", which is not in STUB or HEADING",
            head(keyword),
            param.text
        );
        self.error(
            param.position(),
            message,
            format!("The variables are {names}; names must match exactly"),
        );
    }

    /// VALUES, CODES, TIMEVAL, VARIABLECODE, VARIABLE-TYPE and the notes on a variable.
    fn index_keywords_on_variables(&mut self, variables: &[Variable]) {
        let keywords = self.keywords;
        for (i, keyword) in keywords.iter().enumerate() {
            let on_variable = shapes(&keyword.name)
                .is_some_and(|s| s.contains(&Shape::Variable) && keyword.params.len() == 1);
            if self.broken[i] || !on_variable {
                continue;
            }
            let Some(variable) = self.find_variable(&language_of(keyword), &keyword.params[0].text)
            else {
                self.broken[i] = true;
                self.unknown_variable(keyword, &keyword.params[0], variables);
                continue;
            };
            if is_note(&keyword.name) {
                self.notes.push((i, Target::Variable(variable)));
            } else {
                self.insert(i, Target::Variable(variable));
            }
        }
    }

    fn on_variable(&self, name: &str, lang: Option<&str>, variable: usize) -> Option<&'a Keyword> {
        let keywords = self.keywords;
        self.index
            .get(&(
                name.to_string(),
                lang.map(str::to_string),
                Target::Variable(variable),
            ))
            .map(|&i| &keywords[i])
    }

    /// Each variable's values in each language, codes, time and type.
    fn values(&mut self, variables: &mut [Variable]) {
        let keywords = self.keywords;
        let stub_len = variables
            .iter()
            .filter(|v| v.placement == Placement::Stub)
            .count();
        for variable in variables.iter_mut() {
            let i = variable.index;
            let name = variable.names.default.clone();
            let Some(values) = self
                .on_variable("VALUES", None, i)
                .and_then(Self::list_of)
                .map(|items| items.iter().map(|i| i.text.clone()).collect::<Vec<_>>())
            else {
                self.fatal = true;
                let (list, position) = match variable.placement {
                    Placement::Stub => ("STUB", i),
                    Placement::Heading => ("HEADING", i - stub_len),
                };
                let at = self
                    .table_list(list)
                    .and_then(|items| items.get(position))
                    .map_or(Position { line: 1, column: 1 }, Item::position);
                self.error(
                    at,
                    format!("the variable \"{name}\" has no VALUES"),
                    format!("Add VALUES(\"{name}\")=\"…\",\"…\"; listing its values in DATA order"),
                );
                continue;
            };
            variable.values.default = values;
            if let Some(keyword) = self.on_variable("CODES", None, i) {
                if self.check_codes(keyword, &name, variable.len()) {
                    let codes = Self::list_of(keyword).unwrap_or_default();
                    variable.codes = Some(codes.iter().map(|i| i.text.clone()).collect());
                }
            }
            variable.kind = self
                .on_variable("VARIABLE-TYPE", None, i)
                .and_then(Keyword::text)
                .map(str::to_string);
            variable.declared_time = variable
                .kind
                .as_deref()
                .is_some_and(|k| k.eq_ignore_ascii_case("T") || k.eq_ignore_ascii_case("Time"));
            variable.code = self
                .on_variable("VARIABLECODE", None, i)
                .and_then(Keyword::text)
                .map(str::to_string);
        }

        // Language variants of VALUES and CODES, and TIMEVAL (the default language's, else
        // the first variant's), found in one pass over the keywords.
        let mut timeval: Vec<Option<&Keyword>> = vec![None; variables.len()];
        for (k, keyword) in keywords.iter().enumerate() {
            let Some(Target::Variable(v)) = self.targets[k] else {
                continue;
            };
            let variable = &mut variables[v];
            if variable.is_empty() {
                continue;
            }
            let lang = language_of(keyword);
            let name = variable.names.default.clone();
            match (keyword.name.as_str(), lang) {
                ("TIMEVAL", None) => timeval[v] = Some(keyword),
                ("TIMEVAL", Some(_)) => {
                    timeval[v].get_or_insert(keyword);
                }
                ("CODES", Some(_)) => {
                    self.check_codes(keyword, &name, variable.len());
                }
                ("VALUES", Some(lang)) => {
                    let items = Self::list_of(keyword).unwrap_or_default();
                    if items.len() == variable.len() {
                        let texts = items.iter().map(|i| i.text.clone()).collect();
                        variable.values.variants.push((lang, texts));
                    } else {
                        self.fatal = true;
                        let message = format!(
                            "{} lists {} values, but VALUES(\"{name}\") lists {}",
                            head(keyword),
                            items.len(),
                            variable.len()
                        );
                        self.error(
                            keyword.value_position(),
                            message,
                            "A language variant lists the same values in the same order, \
                             translated",
                        );
                    }
                }
                _ => {}
            }
        }
        for (variable, keyword) in variables.iter_mut().zip(timeval) {
            if let Some(keyword) = keyword {
                variable.time = self.time(keyword, variable);
            }
        }
    }

    fn check_codes(&mut self, keyword: &Keyword, name: &str, count: usize) -> bool {
        let codes = Self::list_of(keyword).unwrap_or_default().len();
        if codes != count {
            self.fatal = true;
            let message = format!(
                "{} lists {codes} codes, but VALUES(\"{name}\") lists {count} values",
                head(keyword)
            );
            self.error(
                keyword.value_position(),
                message,
                "Give one code per value, in the same order as VALUES",
            );
        }
        codes == count
    }

    /// TIMEVAL's scale and each value's period. TIMEVAL lists the periods in the spec's
    /// format, which are the variable's codes: they are matched to the values by code (or by
    /// label) when every value has one, else by position.
    fn time(&mut self, keyword: &Keyword, variable: &Variable) -> Option<Time> {
        let KeywordValue::TimeList {
            scale,
            range,
            periods,
        } = &keyword.value
        else {
            return None;
        };
        let Some(time_scale) = TimeScale::parse(&scale.text) else {
            self.error(
                scale.position(),
                format!(
                    "{} has the time scale \"{}\", which PX does not have",
                    head(keyword),
                    scale.text
                ),
                "Use A1 (years), H1 (half-years), Q1 (quarters), M1 (months) or W1 (weeks)",
            );
            return None;
        };
        let count = variable.len();
        let listed: Vec<String> = match range {
            Some((from, to)) => match time_scale.expand(&from.text, &to.text, count) {
                Ok(periods) => periods,
                Err(reason) => {
                    self.error(
                        from.position(),
                        format!("{} cannot be read: {reason}", head(keyword)),
                        "A range runs from the first to the last period, as in \
                         TLIST(A1,\"2019\"-\"2024\"), and has one period per value",
                    );
                    return None;
                }
            },
            // TLIST(A1) alone: the codes (else the labels) are the periods.
            None if periods.is_empty() => variable
                .codes
                .clone()
                .unwrap_or_else(|| variable.values.default.clone()),
            None => periods.iter().map(|p| p.text.clone()).collect(),
        };
        let position: HashMap<&str, usize> = listed
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_str(), i))
            .collect();
        let matched = |names: &[String]| -> Option<Vec<String>> {
            names
                .iter()
                .map(|n| position.get(n.as_str()).map(|&i| listed[i].clone()))
                .collect()
        };
        if let Some(periods) = variable
            .codes
            .as_deref()
            .and_then(&matched)
            .or_else(|| matched(variable.values.default.as_slice()))
        {
            return Some(Time {
                scale: time_scale,
                periods,
            });
        }
        if listed.len() != count {
            self.fatal = true;
            let message = format!(
                "{} lists {} periods, but VALUES(\"{}\") lists {count} values",
                head(keyword),
                listed.len(),
                variable.names.default
            );
            self.error(
                keyword.value_position(),
                message,
                "TIMEVAL gives one period per value of the time variable",
            );
            return None;
        }
        Some(Time {
            scale: time_scale,
            periods: listed,
        })
    }

    fn contents_variable(&mut self, variables: &[Variable]) -> Option<usize> {
        let keyword = self.table_keyword("CONTVARIABLE", None)?;
        let name = keyword.text()?;
        let found = self.find_variable(&None, name);
        if found.is_none() {
            self.fatal = true;
            let param = Item {
                text: name.to_string(),
                quoted: true,
                line: keyword.value_position().line,
                column: keyword.value_position().column,
            };
            self.unknown_variable(keyword, &param, variables);
        }
        found
    }

    /// The keywords on a measure (`UNITS("Bosatte")`) and on a value
    /// (`VALUENOTE("region","Oslo")`, PRECISION).
    fn index_keywords_on_values(
        &mut self,
        variables: &[Variable],
        contents_variable: Option<usize>,
        values: &[ValueIndex],
    ) {
        let keywords = self.keywords;
        for (i, keyword) in keywords.iter().enumerate() {
            let Some(shapes) = shapes(&keyword.name) else {
                continue;
            };
            if self.broken[i] {
                continue;
            }
            let lang = language_of(keyword);
            let target = match keyword.params.as_slice() {
                [measure] if shapes.contains(&Shape::Content) => {
                    let Some(c) = contents_variable else {
                        self.broken[i] = true;
                        let message = format!(
                            "{} is given for the measure \"{}\", but the file has no CONTVARIABLE",
                            head(keyword),
                            measure.text
                        );
                        let help = format!(
                            "Add CONTVARIABLE=\"…\"; naming the variable whose values are the \
                             measures, or write {}=… for the whole table",
                            keyword.name
                        );
                        self.error(keyword.position(), message, help);
                        continue;
                    };
                    match values[c].find(&lang, &measure.text) {
                        Some(v) => Target::Content(v),
                        None => {
                            self.broken[i] = true;
                            self.unknown_value(keyword, measure, &variables[c], &lang);
                            continue;
                        }
                    }
                }
                [variable, value] if shapes.contains(&Shape::Value) => {
                    let Some(var) = self.find_variable(&lang, &variable.text) else {
                        self.broken[i] = true;
                        self.unknown_variable(keyword, variable, variables);
                        continue;
                    };
                    match values[var].find(&lang, &value.text) {
                        Some(v) => Target::Value(var, v),
                        None => {
                            self.broken[i] = true;
                            self.unknown_value(keyword, value, &variables[var], &lang);
                            continue;
                        }
                    }
                }
                _ => continue,
            };
            if is_note(&keyword.name) {
                self.notes.push((i, target));
            } else {
                self.insert(i, target);
            }
        }
    }

    fn unknown_value(
        &mut self,
        keyword: &Keyword,
        param: &Item,
        variable: &Variable,
        lang: &Option<String>,
    ) {
        let name = variable.name(lang.as_deref()).to_string();
        let values = listing(variable.values(lang.as_deref()));
        let message = format!(
            "{} names \"{}\", which is not a value of \"{name}\"",
            head(keyword),
            param.text
        );
        self.error(
            param.position(),
            message,
            format!("The values of \"{name}\" are {values}; names must match exactly"),
        );
    }

    /// DECIMALS, SHOWDECIMALS and PRECISION.
    fn decimals(&mut self) -> Decimals {
        let decimals = self.decimals_of("DECIMALS");
        let show_decimals = self.decimals_of("SHOWDECIMALS");
        let mut precision = HashMap::new();
        let keywords = self.keywords;
        let mut keys: Vec<(Option<String>, Target)> = self
            .index
            .keys()
            .filter(|(name, _, _)| name == "PRECISION")
            .map(|(_, lang, target)| (lang.clone(), *target))
            .collect();
        // The default language's PRECISION wins over a variant's.
        keys.sort_by_key(|(lang, _)| lang.is_none());
        for (lang, target) in keys {
            let Target::Value(variable, value) = target else {
                continue;
            };
            let key = ("PRECISION".to_string(), lang, target);
            let keyword = &keywords[self.index[&key]];
            if let Some(n) = self.decimals_value(keyword) {
                precision.insert((variable, value), n);
            }
        }
        Decimals {
            decimals,
            show_decimals,
            precision,
        }
    }

    fn decimals_of(&mut self, name: &str) -> Option<u8> {
        let keyword = self.table_keyword(name, None)?;
        self.decimals_value(keyword)
    }

    fn decimals_value(&mut self, keyword: &Keyword) -> Option<u8> {
        let text = keyword.text()?;
        match text.parse::<u8>() {
            Ok(n) if n <= 15 => Some(n),
            _ => {
                let message = format!(
                    "{} is \"{text}\", not a number of decimals from 0 to 15",
                    head(keyword)
                );
                self.error(
                    keyword.value_position(),
                    message,
                    format!("Write the number of decimals, as in {}=1;", head(keyword)),
                );
                None
            }
        }
    }

    fn data_symbols(&self) -> DataSymbols {
        let mut symbols = DataSymbols::default();
        for (n, shown) in symbols.missing.iter_mut().enumerate() {
            if let Some(text) = self.table_text(&format!("DATASYMBOL{}", n + 1)) {
                *shown = text.to_string();
            }
        }
        if let Some(text) = self.table_text("DATASYMBOLNIL") {
            symbols.nil = text.to_string();
        }
        symbols.sum = self.table_text("DATASYMBOLSUM").map(str::to_string);
        symbols
    }

    /// DATA has one cell per combination of values.
    fn check_cell_count(&mut self, variables: &[Variable], data: &DataPart) {
        let expected = variables
            .iter()
            .try_fold(1usize, |n, v| n.checked_mul(v.len()));
        let breakdown = variables
            .iter()
            .map(|v| format!("{} {}", v.names.default, v.len()))
            .collect::<Vec<_>>()
            .join(" × ");
        let found = data.tokens.len();
        let Some(expected) = expected else {
            self.error(
                data.keyword,
                format!("the variables make too many cells to hold ({breakdown})"),
                "Check the VALUES lists",
            );
            return;
        };
        let help = "DATA has one cell per combination of values of the variables: check \
                    that each VALUES list is complete and that no cell is missing or extra \
                    (a number must not contain spaces or commas: 1 234 and 1,5 are two cells)";
        if found < expected {
            self.error(
                data.end,
                format!(
                    "DATA has {found} cells, {} fewer than the {expected} the variables make \
                     ({breakdown})",
                    expected - found
                ),
                help,
            );
        } else if found > expected {
            self.error(
                data.tokens[expected].at,
                format!(
                    "DATA has {found} cells, {} more than the {expected} the variables make \
                     ({breakdown}); this is the first cell too many",
                    found - expected
                ),
                help,
            );
        }
    }
}

/// Labels (per language) and codes of each variable's values.
fn value_index(variables: &[Variable]) -> Vec<ValueIndex> {
    let map = |names: &[String]| -> HashMap<String, usize> {
        // The first of two equal names wins.
        names
            .iter()
            .enumerate()
            .rev()
            .map(|(i, n)| (n.clone(), i))
            .collect()
    };
    variables
        .iter()
        .map(|v| {
            let mut labels = HashMap::new();
            labels.insert(None, map(&v.values.default));
            for (lang, values) in &v.values.variants {
                labels.insert(Some(lang.clone()), map(values));
            }
            ValueIndex {
                labels,
                codes: v.codes.as_deref().map(map).unwrap_or_default(),
            }
        })
        .collect()
}
