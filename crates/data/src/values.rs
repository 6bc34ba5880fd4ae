//! Numbers in the text from the data (issue 15): the arguments of the inline directives
//! `{{#value DATASET.COLUMN …}}`, `{{#updated DATASET}}` and `{{#source DATASET}}`, read into
//! a typed [`Query`] and answered from a [`Dataset`], with the privacy rule applied.
//!
//! The rule (README, *Privacy*): a value is a function of published cells only. A hidden
//! cell (`<5`, `×`, or a publisher's confidential marker such as `:`) is printed as its
//! marker; an aggregate or change that has a hidden cell among its inputs (the rows it adds
//! up, the column total of a share, either end of a change) is hidden as `×`, since
//! published figures and that aggregate together could give the hidden cell away. `count`
//! counts rows, never the values in them, and hidden cells never match a condition, so a
//! count is always shown (as a chart without `y` counts rows).
//!
//! Markdown finds the directives and reports their errors at the directive's `{{`; errors
//! here also carry the bytes of the arguments they concern, for a caret under the word.

use crate::marker::MarkerMeaning;
use crate::totals::total_values;
use crate::{Dataset, Datasets, FieldType, Value};
use insikt_core::date::Date;
use insikt_core::diagnostic::did_you_mean;
use insikt_core::language::Language;
use std::ops::Range;

/// The names of the inline directives that quote the data.
pub const DIRECTIVES: [&str; 3] = ["value", "updated", "source"];

/// The dataset that the inline directive `name` (one of [`DIRECTIVES`]) with `args`
/// quotes, when the report has it loaded.
pub fn quoted_dataset<'d>(name: &str, args: &str, datasets: &'d Datasets) -> Option<&'d Dataset> {
    match name {
        "value" => Query::parse(args).ok()?.dataset(datasets),
        "updated" | "source" => named_dataset(name, args, datasets).ok(),
        _ => None,
    }
}

/// How many candidate values or rows an error lists.
const SHOWN: usize = 8;

/// A directive's arguments that cannot be read, or a question the data cannot answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// The bytes of the arguments the problem is in (for the column of the error); `None`
    /// for the directive as a whole.
    pub span: Option<Range<usize>>,
    /// True when the cause is reported already (a dataset that failed to load): the
    /// directive gives no second error.
    pub reported: bool,
}

impl ValueError {
    fn new(message: impl Into<String>, help: impl Into<String>, span: Range<usize>) -> Self {
        ValueError {
            message: message.into(),
            help: help.into(),
            span: Some(span),
            reported: false,
        }
    }
}

/// An aggregate over the rows the conditions select.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    /// The sum of the values.
    Sum,
    /// Their mean.
    Mean,
    /// The least.
    Min,
    /// The largest.
    Max,
    /// The number of rows.
    Count,
    /// The sum as a percentage of the column's total (or of the `of` rows' total).
    Share,
}

impl Aggregate {
    const ALL: [(&'static str, Aggregate); 6] = [
        ("sum", Aggregate::Sum),
        ("mean", Aggregate::Mean),
        ("min", Aggregate::Min),
        ("max", Aggregate::Max),
        ("count", Aggregate::Count),
        ("share", Aggregate::Share),
    ];

    /// The word as written in a directive.
    pub fn key(self) -> &'static str {
        Aggregate::ALL
            .iter()
            .find(|(_, a)| *a == self)
            .map_or("", |(k, _)| k)
    }
}

/// `KEY=VALUE`: rows whose column `KEY` holds `VALUE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// The column.
    pub column: String,
    /// The value, without quotes.
    pub value: String,
    /// Where it is in the arguments.
    pub span: Range<usize>,
}

/// `change from K=V … to K=V … [percent]`: the difference between two rows (or
/// aggregates), the second minus the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The conditions of the row changed from.
    pub from: Vec<Condition>,
    /// The conditions of the row changed to.
    pub to: Vec<Condition>,
    /// The relative change in per cent instead of the difference.
    pub percent: bool,
    /// Where the word `change` is.
    pub span: Range<usize>,
}

/// The arguments of `{{#value …}}`, read and checked for form (not yet against the data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// `DATASET.COLUMN` as written.
    pub target: String,
    /// Where it is.
    pub target_span: Range<usize>,
    /// The aggregate, if any.
    pub aggregate: Option<Aggregate>,
    /// Conditions every row must meet (both rows of a change).
    pub conditions: Vec<Condition>,
    /// `share … of K=V …`: the rows whose total the share is of (default: every row).
    pub of: Vec<Condition>,
    /// `change from … to …`.
    pub change: Option<Change>,
    /// `decimals=N`.
    pub decimals: Option<usize>,
    /// `known`: an aggregate of the known values, missing ones left out. Without it, an
    /// aggregate over a missing value is missing, so a partial total never reads as the
    /// whole.
    pub known: bool,
}

/// One word of the arguments: `KEY=VALUE` (`key` set) or a plain word.
#[derive(Debug)]
struct Token {
    key: Option<String>,
    text: String,
    span: Range<usize>,
}

/// Quotation marks that open a value, and those that close one, by family (double and
/// single). Authors' editors turn `"` into the language's marks (`”…”`, `„…“`, `“…”`,
/// `«…»`; `’…’`, `‚…‘`).
const QUOTES: [(&[char], &[char]); 2] = [
    (&['"', '„', '“', '”', '«'], &['"', '“', '”', '»']),
    (&['\'', '‚', '‘', '’', '‹'], &['\'', '‘', '’', '›']),
];

/// The closing marks of the quotation mark `open`, if it opens a value.
fn closing(open: char) -> Option<&'static [char]> {
    QUOTES
        .iter()
        .find(|(opening, _)| opening.contains(&open))
        .map(|(_, closing)| *closing)
}

/// The words of `args`, with quoted keys and values read whole (`"reporting country"=DK`,
/// `enhet="Norra Värmland"`).
fn tokens(args: &str) -> Result<Vec<Token>, ValueError> {
    let mut out = Vec::new();
    let mut chars = args.char_indices().peekable();
    loop {
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        let Some(&(start, _)) = chars.peek() else {
            return Ok(out);
        };
        let mut key = None;
        let mut text = String::new();
        let mut end = start;
        if let Some((q, open)) = chars.next_if(|(_, c)| closing(*c).is_some()) {
            let (quoted, close) = read_quoted(args, &mut chars, q, open)?;
            if chars.next_if(|(_, c)| *c == '=').is_none() {
                return Err(ValueError::new(
                    "a quoted word must be a column name followed by `=`",
                    "quote a column name with spaces as `\"reporting country\"=Denmark`",
                    start..close,
                ));
            }
            key = Some(quoted);
            end = close + 1;
            if let Some((q, open)) = chars.next_if(|(_, c)| closing(*c).is_some()) {
                (text, end) = read_quoted(args, &mut chars, q, open)?;
                ends_word(&mut chars, start..end)?;
                out.push(Token {
                    key,
                    text,
                    span: start..end,
                });
                continue;
            }
        }
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            chars.next();
            end = i + c.len_utf8();
            if c == '=' && key.is_none() {
                key = Some(std::mem::take(&mut text));
                if let Some((q, open)) = chars.next_if(|(_, c)| closing(*c).is_some()) {
                    (text, end) = read_quoted(args, &mut chars, q, open)?;
                    ends_word(&mut chars, start..end)?;
                    break;
                }
                continue;
            }
            text.push(c);
        }
        out.push(Token {
            key,
            text,
            span: start..end,
        });
    }
}

/// Reads a quoted text opened by `open` at byte `q` of `args`: the text and the byte
/// offset just past its closing mark.
fn read_quoted(
    args: &str,
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    q: usize,
    open: char,
) -> Result<(String, usize), ValueError> {
    let closers = closing(open).unwrap_or_default();
    let Some((close, c)) = chars.find(|(_, c)| closers.contains(c)) else {
        return Err(ValueError::new(
            "a quoted value is not closed",
            "end the value with a quotation mark: `enhet=\"Norra Värmland\"`",
            q..args.len(),
        ));
    };
    Ok((
        args[q + open.len_utf8()..close].to_string(),
        close + c.len_utf8(),
    ))
}

/// An error unless the word `span` that ends in a quotation mark is followed by a space or
/// the end.
fn ends_word(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    span: Range<usize>,
) -> Result<(), ValueError> {
    if chars.peek().is_some_and(|(_, c)| !c.is_whitespace()) {
        return Err(ValueError::new(
            "a quoted value must be followed by a space",
            "put a space between the closing quotation mark and the next word",
            span,
        ));
    }
    Ok(())
}

/// Where conditions go while reading the arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Both,
    From,
    To,
    Of,
}

/// The syntax, for help texts.
const SYNTAX: &str = "write `{{#value DATASET.COLUMN KEY=VALUE …}}`, optionally with one of \
    `sum` `mean` `min` `max` `count` `share`, `change from KEY=VALUE to KEY=VALUE` (and \
    `percent`), `of KEY=VALUE` (for `share`), `known` (missing values left out of an aggregate) \
    and `decimals=N`";

impl Query {
    /// Reads the arguments of `{{#value ARGS}}`.
    pub fn parse(args: &str) -> Result<Query, ValueError> {
        let mut words = tokens(args)?.into_iter();
        let Some(target) = words.next().filter(|t| t.key.is_none()) else {
            return Err(ValueError::new(
                "the dataset and column to show are missing",
                SYNTAX,
                0..args.len(),
            ));
        };
        let mut query = Query {
            target: target.text,
            target_span: target.span,
            aggregate: None,
            conditions: Vec::new(),
            of: Vec::new(),
            change: None,
            decimals: None,
            known: false,
        };
        let mut into = Place::Both;
        let mut percent = None;
        let mut known = None;
        let mut of_span = None;
        for word in words {
            let span = word.span.clone();
            if let Some(key) = word.key {
                if key == "decimals" {
                    match word.text.parse::<usize>() {
                        Ok(n) if n <= 10 => query.decimals = Some(n),
                        _ => {
                            return Err(ValueError::new(
                                format!("`decimals={}` is not a number of decimals", word.text),
                                "write a whole number from 0 to 10: `decimals=1`",
                                span,
                            ))
                        }
                    }
                    continue;
                }
                if key.is_empty() || word.text.is_empty() {
                    return Err(ValueError::new(
                        format!("`{}` is not a condition", &args[span.clone()]),
                        "write a condition as COLUMN=VALUE, quoting a value with spaces: \
                         `enhet=\"Norra Värmland\"`",
                        span,
                    ));
                }
                let condition = Condition {
                    column: key,
                    value: word.text,
                    span,
                };
                let list = match into {
                    Place::Both => &mut query.conditions,
                    Place::Of => &mut query.of,
                    Place::From | Place::To => {
                        let change = query.change.as_mut().expect("`from` follows `change`");
                        if into == Place::From {
                            &mut change.from
                        } else {
                            &mut change.to
                        }
                    }
                };
                if let Some(twice) = list.iter().find(|c| c.column == condition.column) {
                    return Err(ValueError::new(
                        format!(
                            "`{}` is named twice (`{}={}` before)",
                            condition.column, twice.column, twice.value
                        ),
                        "a row has one value in a column: keep one condition on it",
                        condition.span,
                    ));
                }
                list.push(condition);
                continue;
            }
            let text = word.text.as_str();
            if let Some((_, aggregate)) = Aggregate::ALL.iter().find(|(k, _)| *k == text) {
                if let Some(first) = query.aggregate {
                    return Err(ValueError::new(
                        format!("two aggregates: `{}` and `{text}`", first.key()),
                        "a value has at most one of `sum` `mean` `min` `max` `count` `share`",
                        span,
                    ));
                }
                query.aggregate = Some(*aggregate);
                continue;
            }
            match (text, into) {
                ("change", _) if query.change.is_none() => {
                    query.change = Some(Change {
                        from: Vec::new(),
                        to: Vec::new(),
                        percent: false,
                        span,
                    });
                    into = Place::Both;
                }
                ("from", _) if query.change.as_ref().is_some_and(|c| c.from.is_empty()) => {
                    into = Place::From;
                }
                ("to", Place::From) => into = Place::To,
                ("of", _) if of_span.is_none() => {
                    of_span = Some(span);
                    into = Place::Of;
                }
                ("percent", _) if percent.is_none() => percent = Some(span),
                ("known", _) if known.is_none() => known = Some(span),
                _ => {
                    let words: Vec<&str> = Aggregate::ALL
                        .iter()
                        .map(|(k, _)| *k)
                        .chain(["change", "from", "to", "of", "percent", "known", "decimals"])
                        .collect();
                    let help = match did_you_mean(text, &words) {
                        Some(w) if w != text => format!("did you mean `{w}`? {SYNTAX}"),
                        _ => SYNTAX.to_string(),
                    };
                    return Err(ValueError::new(
                        format!("`{text}` is not understood here"),
                        help,
                        span,
                    ));
                }
            }
        }
        if let Some(change) = &mut query.change {
            fn keys(list: &[Condition]) -> Vec<&str> {
                let mut keys: Vec<&str> = list.iter().map(|c| c.column.as_str()).collect();
                keys.sort_unstable();
                keys
            }
            if change.from.is_empty() || change.to.is_empty() {
                return Err(ValueError::new(
                    "`change` needs the two rows: `change from KEY=VALUE to KEY=VALUE`",
                    "e.g. `change from ar=2020 to ar=2023`; conditions for both rows go before \
                     `change`",
                    change.span.clone(),
                ));
            }
            if keys(&change.from) != keys(&change.to) {
                return Err(ValueError::new(
                    format!(
                        "`change from` names {} but `to` names {}",
                        keys(&change.from).join(", "),
                        keys(&change.to).join(", ")
                    ),
                    "`from` and `to` name the same columns; conditions for both rows go before \
                     `change`",
                    change.span.clone(),
                ));
            }
            change.percent = percent.is_some();
        } else if let Some(span) = percent {
            return Err(ValueError::new(
                "`percent` belongs to a change",
                "write `change from KEY=VALUE to KEY=VALUE percent` for the change in per cent",
                span,
            ));
        }
        if let Some(span) = known {
            if matches!(query.aggregate, None | Some(Aggregate::Count)) {
                return Err(ValueError::new(
                    "`known` belongs to an aggregate of numbers",
                    "write `sum known`, `mean known`, `min known`, `max known` or `share known`: \
                     the aggregate of the known values, missing ones left out",
                    span,
                ));
            }
            query.known = true;
        }
        if let Some(span) = of_span {
            if query.aggregate != Some(Aggregate::Share) || query.of.is_empty() {
                return Err(ValueError::new(
                    "`of` names the rows a `share` is of",
                    "write `share KEY=VALUE of KEY=VALUE`: the share of the first rows in the \
                     total of the second",
                    span,
                ));
            }
        }
        Ok(query)
    }

    /// The answer from `datasets`.
    pub fn resolve(&self, datasets: &Datasets) -> Result<Resolved, ValueError> {
        let (dataset, column) = self.target(datasets)?;
        let table = Table {
            dataset,
            column,
            totals: total_values(dataset),
        };
        let both = table.conditions(&self.conditions)?;
        let of = table.conditions(&self.of)?;
        let measure = |extra: &[Condition]| -> Result<Answer, ValueError> {
            let mut conditions = both.clone();
            conditions.extend(table.conditions(extra)?);
            conditions.extend(of.iter().cloned());
            table.measure(self, &conditions, &of)
        };
        let Some(change) = &self.change else {
            return Ok(measure(&[])?.resolved(self));
        };
        let (from, to) = (measure(&change.from)?, measure(&change.to)?);
        Ok(match (from, to) {
            (Answer::Text(_) | Answer::Date(_), _) | (_, Answer::Text(_) | Answer::Date(_)) => {
                return Err(ValueError::new(
                    format!(
                        "`change` needs numbers; `{}` holds text",
                        dataset.fields[column].name
                    ),
                    "name a column of numbers",
                    self.target_span.clone(),
                ))
            }
            (Answer::Hidden(_), _) | (_, Answer::Hidden(_)) => Resolved::Hidden("×".into()),
            (Answer::Marker(m), _) | (_, Answer::Marker(m)) => Resolved::Marker(m),
            (Answer::Number(a), Answer::Number(b)) if change.percent => {
                if a.value == 0.0 {
                    Resolved::Marker("..".into())
                } else {
                    Resolved::Number(Number {
                        value: (b.value - a.value) / a.value.abs() * 100.0,
                        exact: None,
                        decimals: self.decimals.unwrap_or(1),
                        unit: Unit::Percent,
                        signed: true,
                        year: false,
                    })
                }
            }
            (Answer::Number(a), Answer::Number(b)) => Resolved::Number(Number {
                value: b.value - a.value,
                exact: None,
                decimals: self.decimals.unwrap_or(a.decimals.max(b.decimals)),
                unit: match a.unit {
                    Unit::Percent => Unit::PercentagePoints,
                    unit => unit,
                },
                signed: true,
                year: false,
            }),
        })
    }

    /// The name of the dataset the query asks, when the report has it.
    pub fn dataset<'d>(&self, datasets: &'d Datasets) -> Option<&'d Dataset> {
        self.target(datasets).ok().map(|(d, _)| d)
    }

    /// The dataset and column `DATASET.COLUMN` names (a dataset's name may hold a `.`).
    fn target<'d>(&self, datasets: &'d Datasets) -> Result<(&'d Dataset, usize), ValueError> {
        let span = self.target_span.clone();
        let split = self
            .target
            .match_indices('.')
            .map(|(i, _)| (&self.target[..i], &self.target[i + 1..]))
            .find(|(name, _)| datasets.is_known(name));
        let Some((name, column)) = split else {
            if let Some(dataset) = datasets.get(&self.target) {
                let names: Vec<&str> = dataset.fields.iter().map(|f| f.name.as_str()).collect();
                return Err(ValueError::new(
                    format!("`{}` names a dataset but not its column", self.target),
                    format!(
                        "write `{}.COLUMN`; the columns: {}",
                        self.target,
                        list(names.into_iter())
                    ),
                    span,
                ));
            }
            let name = self.target.split('.').next().unwrap_or_default();
            return Err(unknown_dataset(datasets, name, span));
        };
        let Some(dataset) = datasets.get(name) else {
            return Err(ValueError {
                reported: true,
                ..ValueError::new(
                    format!("the dataset `{name}` could not be loaded"),
                    "",
                    span,
                )
            });
        };
        match dataset.column_index(column) {
            Some(c) => Ok((dataset, c)),
            None => Err(unknown_column(dataset, column, span)),
        }
    }
}

/// The error for a dataset name that is not one of the report's.
fn unknown_dataset(datasets: &Datasets, name: &str, span: Range<usize>) -> ValueError {
    let names: Vec<&str> = datasets
        .by_name
        .keys()
        .chain(&datasets.failed)
        .map(String::as_str)
        .collect();
    let help = match did_you_mean(name, &names) {
        Some(s) => format!("did you mean `{s}`? Write `DATASET.COLUMN`, the dataset being the name of its file in `data/`"),
        None if names.is_empty() => "the report has no datasets: put NAME.csv in `data/`".into(),
        None => format!("the report's datasets: {}", list(names.iter().copied())),
    };
    ValueError::new(format!("the report has no dataset `{name}`"), help, span)
}

/// The error for a column the dataset does not have.
fn unknown_column(dataset: &Dataset, column: &str, span: Range<usize>) -> ValueError {
    let names: Vec<&str> = dataset.fields.iter().map(|f| f.name.as_str()).collect();
    let help = match did_you_mean(column, &names) {
        Some(s) => format!(
            "did you mean `{s}`? The columns: {}",
            list(names.iter().copied())
        ),
        None => format!("the columns: {}", list(names.iter().copied())),
    };
    ValueError::new(
        format!("the dataset `{}` has no column `{column}`", dataset.name),
        help,
        span,
    )
}

/// At most [`SHOWN`] of `items`, comma-separated, with "…" for the rest.
fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.collect();
    let mut out = items
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > SHOWN {
        out.push_str(", …");
    }
    out
}

/// `column=value` as a directive takes it: either quoted where it holds a space, so an
/// error's suggestion can be copied as it stands.
fn condition_text(column: &str, value: &str) -> String {
    format!("{}={}", quoted(column), quoted(value))
}

/// A value as a condition would write it: quoted when it holds a space.
fn quoted(value: &str) -> String {
    if value.contains(char::is_whitespace) {
        format!("\"{value}\"")
    } else {
        value.to_string()
    }
}

/// A condition resolved to a column.
#[derive(Debug, Clone)]
struct ColumnCondition<'q> {
    column: usize,
    condition: &'q Condition,
}

/// One dataset's column being asked about.
struct Table<'d> {
    dataset: &'d Dataset,
    column: usize,
    /// Per column, the value marking its total rows (see [`total_values`]), found once.
    totals: Vec<Option<String>>,
}

/// A cell as a value sees it.
enum Cell<'d> {
    Number(f64),
    Text(&'d str),
    /// A publisher's marker for a value that is not there (`..`), or an empty cell.
    Missing(&'d str),
    /// A publisher's marker for a value that cannot exist (`.`): no part of any total.
    NotApplicable(&'d str),
    /// Not published: its marker.
    Hidden(String),
}

/// What one row set gives before a change is taken.
enum Answer {
    Number(Number),
    Text(String),
    Date(Date),
    Marker(String),
    Hidden(String),
}

impl Answer {
    fn resolved(self, query: &Query) -> Resolved {
        match self {
            Answer::Number(mut n) => {
                if let Some(d) = query.decimals {
                    n.decimals = d;
                }
                Resolved::Number(n)
            }
            Answer::Text(t) => Resolved::Text(t),
            Answer::Date(d) => Resolved::Date(d),
            Answer::Marker(m) => Resolved::Marker(m),
            Answer::Hidden(m) => Resolved::Hidden(m),
        }
    }
}

impl<'d> Table<'d> {
    fn cell(&self, column: usize, row: usize) -> Cell<'d> {
        let d = self.dataset;
        let col = &d.columns[column];
        if let Some((marker, meaning)) = col.marker(row) {
            return match meaning {
                MarkerMeaning::Zero => Cell::Number(0.0),
                MarkerMeaning::Confidential => Cell::Hidden(marker.to_string()),
                MarkerMeaning::Missing => Cell::Missing(marker),
                MarkerMeaning::NotApplicable => Cell::NotApplicable(marker),
            };
        }
        match col.get(row) {
            Value::Number(n) => Cell::Number(n),
            Value::Text(t) => Cell::Text(t),
            Value::Missing => Cell::Missing(".."),
            Value::Suppressed(why) => Cell::Hidden(why.marker(d.min_count)),
        }
    }

    /// The cell's text as a condition would name it; `None` for a cell without a value.
    fn label(&self, column: usize, row: usize) -> Option<String> {
        match self.dataset.columns[column].get(row) {
            Value::Number(n) => Some(n.to_string()),
            Value::Text(t) => Some(t.to_string()),
            Value::Missing | Value::Suppressed(_) => None,
        }
    }

    /// The conditions with their columns, each value checked to be in its column.
    fn conditions<'q>(
        &self,
        given: &'q [Condition],
    ) -> Result<Vec<ColumnCondition<'q>>, ValueError> {
        let d = self.dataset;
        given
            .iter()
            .map(|condition| {
                let Some(column) = d.column_index(&condition.column) else {
                    return Err(unknown_column(d, &condition.column, condition.span.clone()));
                };
                let resolved = ColumnCondition { column, condition };
                if !(0..d.rows).any(|row| self.matches(&resolved, row)) {
                    let held = self.distinct(column, 0..d.rows);
                    let names: Vec<&str> = held.iter().map(String::as_str).collect();
                    let help = match did_you_mean(&condition.value, &names) {
                        Some(s) => format!(
                            "did you mean `{}`? The column holds: {}",
                            condition_text(&condition.column, s),
                            list(names.iter().copied())
                        ),
                        None => format!("the column holds: {}", list(names.iter().copied())),
                    };
                    return Err(ValueError::new(
                        format!(
                            "no row of `{}` has `{}` in `{}`",
                            d.name, condition.value, condition.column
                        ),
                        help,
                        condition.span.clone(),
                    ));
                }
                Ok(resolved)
            })
            .collect()
    }

    /// Whether `row` meets `condition`; a cell without a published value meets none.
    fn matches(&self, condition: &ColumnCondition, row: usize) -> bool {
        let wanted = condition.condition.value.as_str();
        match self.dataset.columns[condition.column].get(row) {
            Value::Text(t) => t == wanted,
            Value::Number(n) => wanted
                .replace(',', ".")
                .replace('\u{2212}', "-")
                .parse::<f64>()
                .is_ok_and(|w| w == n),
            Value::Missing | Value::Suppressed(_) => false,
        }
    }

    /// The distinct labels of `column` in `rows`, in order of appearance.
    fn distinct(&self, column: usize, rows: impl Iterator<Item = usize>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for row in rows {
            if let Some(label) = self.label(column, row) {
                if !out.contains(&label) {
                    out.push(label);
                }
            }
        }
        out
    }

    /// The rows meeting every condition, without the total rows of columns no condition
    /// names (a `Totalt` row is not a part of the sum it is).
    fn rows(&self, conditions: &[ColumnCondition]) -> Vec<usize> {
        let totals: Vec<(usize, &str)> = (self.totals.iter().enumerate())
            .filter(|(c, _)| !conditions.iter().any(|n| n.column == *c))
            .filter_map(|(c, total)| Some((c, total.as_deref()?)))
            .collect();
        let columns = &self.dataset.columns;
        (0..self.dataset.rows)
            .filter(|&row| {
                conditions.iter().all(|c| self.matches(c, row))
                    && !totals
                        .iter()
                        .any(|&(c, total)| columns[c].get(row) == Value::Text(total))
            })
            .collect()
    }

    /// The value, aggregate or share of the rows `conditions` select.
    fn measure(
        &self,
        query: &Query,
        conditions: &[ColumnCondition],
        of: &[ColumnCondition],
    ) -> Result<Answer, ValueError> {
        let d = self.dataset;
        let field = &d.fields[self.column];
        let rows = self.rows(conditions);
        let unit = match d.unit(self.column, &rows) {
            Some("%") => Unit::Percent,
            _ => Unit::None,
        };
        let Some(aggregate) = query.aggregate else {
            return match rows.as_slice() {
                [row] => Ok(match self.cell(self.column, *row) {
                    Cell::Number(n) => Answer::Number(Number {
                        value: n,
                        exact: d.columns[self.column].exact_text(*row).map(str::to_string),
                        decimals: d.decimals(self.column, &[*row]),
                        unit,
                        signed: false,
                        year: field.kind == FieldType::Year,
                    }),
                    Cell::Text(t) => match (field.kind, Date::parse(t)) {
                        (FieldType::Date, Some(date)) => Answer::Date(date),
                        _ => Answer::Text(t.to_string()),
                    },
                    Cell::Missing(m) | Cell::NotApplicable(m) => Answer::Marker(m.to_string()),
                    Cell::Hidden(m) => Answer::Hidden(m),
                }),
                _ => Err(self.not_one_row(query, conditions, &rows)),
            };
        };
        if rows.is_empty() && aggregate != Aggregate::Count {
            return Err(self.not_one_row(query, conditions, &rows));
        }
        if aggregate == Aggregate::Count {
            return Ok(Answer::Number(Number {
                value: rows.len() as f64,
                exact: None,
                decimals: 0,
                unit: Unit::None,
                signed: false,
                year: false,
            }));
        }
        if field.kind == FieldType::Date && matches!(aggregate, Aggregate::Min | Aggregate::Max) {
            // The earliest or latest date; a missing one may be either, unless `known`.
            let cells = || rows.iter().map(|&row| self.cell(self.column, row));
            if !query.known && cells().any(|cell| matches!(cell, Cell::Missing(_))) {
                return Ok(Answer::Marker("..".into()));
            }
            let dates = cells().filter_map(|cell| match cell {
                Cell::Text(t) => Date::parse(t),
                _ => None,
            });
            let date = if aggregate == Aggregate::Min {
                dates.min()
            } else {
                dates.max()
            };
            return Ok(date.map_or(Answer::Marker("..".into()), Answer::Date));
        }
        if !field.kind.is_numeric() && field.kind != FieldType::Year {
            return Err(ValueError::new(
                format!(
                    "`{}` needs numbers; `{}` holds text",
                    aggregate.key(),
                    field.name
                ),
                "name a column of numbers, or use `count` to count rows",
                query.target_span.clone(),
            ));
        }
        let numbers = match self.numbers(&rows, query.known) {
            Ok(numbers) => numbers,
            Err(hidden) => return Ok(hidden),
        };
        if numbers.is_empty() {
            return Ok(Answer::Marker("..".into()));
        }
        let sum: f64 = numbers.iter().sum();
        let decimals = d.decimals(self.column, &rows);
        let number = |value: f64, decimals: usize, unit: Unit, year: bool| {
            Answer::Number(Number {
                value,
                exact: None,
                decimals,
                unit,
                signed: false,
                year,
            })
        };
        let year = field.kind == FieldType::Year;
        Ok(match aggregate {
            Aggregate::Sum => number(sum, decimals, unit, false),
            Aggregate::Mean => number(sum / numbers.len() as f64, decimals.max(1), unit, false),
            Aggregate::Min => number(
                numbers.iter().copied().fold(f64::INFINITY, f64::min),
                decimals,
                unit,
                year,
            ),
            Aggregate::Max => number(
                numbers.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                decimals,
                unit,
                year,
            ),
            Aggregate::Share => {
                let all = self.rows(of);
                let total: f64 = match self.numbers(&all, query.known) {
                    Ok(numbers) => numbers.iter().sum(),
                    Err(hidden) => return Ok(hidden),
                };
                if total == 0.0 {
                    Answer::Marker("..".into())
                } else {
                    number(sum / total * 100.0, 1, Unit::Percent, false)
                }
            }
            Aggregate::Count => unreachable!("counted above"),
        })
    }

    /// The published numbers of the column in `rows` (not-applicable cells left out, and
    /// missing ones when `known`), the hidden answer when one of them is not published, or
    /// the missing marker when one is missing and not `known`.
    fn numbers(&self, rows: &[usize], known: bool) -> Result<Vec<f64>, Answer> {
        let mut out = Vec::with_capacity(rows.len());
        let mut missing = false;
        for &row in rows {
            match self.cell(self.column, row) {
                Cell::Number(n) => out.push(n),
                Cell::Hidden(_) => return Err(Answer::Hidden("×".into())),
                Cell::Missing(_) => missing = true,
                Cell::NotApplicable(_) | Cell::Text(_) => {}
            }
        }
        if missing && !known {
            return Err(Answer::Marker("..".into()));
        }
        Ok(out)
    }

    /// The error for conditions that select no row, or several where one is needed.
    fn not_one_row(
        &self,
        query: &Query,
        conditions: &[ColumnCondition],
        rows: &[usize],
    ) -> ValueError {
        let d = self.dataset;
        let written: Vec<String> = conditions
            .iter()
            .map(|c| condition_text(&c.condition.column, &c.condition.value))
            .collect();
        let span = query.target_span.start
            ..conditions
                .iter()
                .map(|c| c.condition.span.end)
                .max()
                .unwrap_or(query.target_span.end)
                .max(query.target_span.end);
        if rows.is_empty() {
            // Which values the last condition could take, given the others.
            let help = conditions
                .iter()
                .enumerate()
                .rev()
                .find_map(|(i, c)| {
                    let others: Vec<ColumnCondition> = conditions
                        .iter()
                        .enumerate()
                        .filter(|(j, _)| *j != i)
                        .map(|(_, c)| c.clone())
                        .collect();
                    let rows = self.rows(&others);
                    let values = self.distinct(c.column, rows.into_iter());
                    (!values.is_empty()).then(|| {
                        let others: Vec<String> = others
                            .iter()
                            .map(|c| condition_text(&c.condition.column, &c.condition.value))
                            .collect();
                        format!(
                            "rows with {} have `{}`: {}",
                            others.join(" "),
                            c.condition.column,
                            list(values.iter().map(String::as_str))
                        )
                    })
                })
                .unwrap_or_else(|| "change or remove a condition".into());
            return ValueError::new(
                format!(
                    "no row of `{}` has {}",
                    d.name,
                    if written.is_empty() {
                        "a value".into()
                    } else {
                        written.join(" and ")
                    }
                ),
                help,
                span,
            );
        }
        // The columns whose values differ among the rows: a condition on one narrows them.
        let named: Vec<usize> = conditions.iter().map(|c| c.column).collect();
        let mut narrowing: Vec<(usize, Vec<String>)> = (0..d.fields.len())
            .filter(|c| *c != self.column && !named.contains(c))
            .map(|c| (c, self.distinct(c, rows.iter().copied())))
            .filter(|(_, values)| values.len() > 1)
            .collect();
        // Dimensions (text, years, dates) first: a row is named by them, not by its numbers.
        narrowing.sort_by_key(|(c, _)| d.fields[*c].kind.is_numeric());
        let by_column: Vec<String> = narrowing
            .iter()
            .take(3)
            .map(|(c, values)| {
                format!(
                    "`{}` ({})",
                    d.fields[*c].name,
                    list(values.iter().map(String::as_str))
                )
            })
            .collect();
        let examples: Vec<String> = rows
            .iter()
            .take(3)
            .map(|&row| {
                narrowing
                    .iter()
                    .take(2)
                    .filter_map(|(c, _)| {
                        self.label(*c, row)
                            .map(|v| condition_text(&d.fields[*c].name, &v))
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let message = if written.is_empty() {
            format!(
                "`{}` has {} rows, and a value is one row: name it with conditions",
                d.name,
                rows.len()
            )
        } else {
            format!(
                "{} selects {} rows of `{}`, and a value is one row",
                written.join(" "),
                rows.len(),
                d.name
            )
        };
        ValueError::new(
            message,
            format!(
                "add a condition on {}, e.g. {}; or use an aggregate (`sum`, `mean`, …)",
                by_column.join(" or "),
                examples.join("; ")
            ),
            span,
        )
    }
}

/// How a number is written after it. Word units (`personer`) are not written: the sentence
/// around the value names what is counted ("28 deltagare").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// No unit.
    None,
    /// `12,5 %`.
    Percent,
    /// A difference of per cent values: `+5,5 procentenheter`.
    PercentagePoints,
}

/// A number to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// The value.
    pub value: f64,
    /// The source's text where it has more digits than the value holds.
    pub exact: Option<String>,
    /// Decimals to show.
    pub decimals: usize,
    /// The unit written after it.
    pub unit: Unit,
    /// A change: `+` before a number above zero.
    pub signed: bool,
    /// A year: written as is (`2023`, not `2 023`).
    pub year: bool,
}

/// The answer to a [`Query`].
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    /// A number.
    Number(Number),
    /// A text cell, as written.
    Text(String),
    /// A date cell (shown as the report writes dates).
    Date(Date),
    /// A cell without a value, as its marker (`..`).
    Marker(String),
    /// Not published: the hidden cell's marker (`<5`, `×`, a confidential `:`), or `×` for
    /// an aggregate or change with a hidden input.
    Hidden(String),
}

impl Resolved {
    /// The value as a reader sees it in `language`.
    pub fn format(&self, language: Language) -> String {
        match self {
            Resolved::Number(n) => n.format(language),
            Resolved::Text(t) => t.clone(),
            Resolved::Date(d) => language.format_date(d.year, d.month, d.day),
            Resolved::Marker(m) | Resolved::Hidden(m) => m.clone(),
        }
    }

    /// The marker, when the value is not published.
    pub fn hidden(&self) -> Option<&str> {
        match self {
            Resolved::Hidden(m) => Some(m),
            _ => None,
        }
    }
}

impl Number {
    /// The number as a reader sees it in `language`.
    pub fn format(&self, language: Language) -> String {
        if self.year && self.value.fract() == 0.0 {
            return format!("{}", self.value);
        }
        let number = match &self.exact {
            Some(text) => language
                .format_decimal(text, self.decimals)
                .unwrap_or_else(|| language.format_number(self.value, self.decimals)),
            None if self.signed => language.format_signed(self.value, self.decimals),
            None => language.format_number(self.value, self.decimals),
        };
        match self.unit {
            Unit::None => number,
            Unit::Percent => language.percent(&number),
            Unit::PercentagePoints => language.percentage_points(&number),
        }
    }
}

/// The dataset `{{#updated NAME}}` or `{{#source NAME}}` names: `args` is its name alone.
fn named_dataset<'d>(
    directive: &str,
    args: &str,
    datasets: &'d Datasets,
) -> Result<&'d Dataset, ValueError> {
    let words = tokens(args)?;
    let [word] = words.as_slice() else {
        let span = words
            .get(1)
            .map_or(0..args.len(), |w| w.span.start..args.len());
        return Err(ValueError::new(
            "it takes the name of one dataset",
            format!("write `{{{{#{directive} DATASET}}}}`, the dataset being the name of its file in `data/`"),
            span,
        ));
    };
    if word.key.is_some() || !datasets.is_known(&word.text) {
        return Err(unknown_dataset(
            datasets,
            &args[word.span.clone()],
            word.span.clone(),
        ));
    }
    datasets.get(&word.text).ok_or_else(|| ValueError {
        reported: true,
        ..ValueError::new("", "", word.span.clone())
    })
}

/// `{{#updated DATASET}}`: the dataset and its codebook's "data as of" date, in `language`.
pub fn updated<'d>(
    args: &str,
    datasets: &'d Datasets,
    language: Language,
) -> Result<(&'d Dataset, String), ValueError> {
    let dataset = named_dataset("updated", args, datasets)?;
    match dataset.codebook.updated {
        Some(date) => Ok((
            dataset,
            language.format_date(date.year, date.month, date.day),
        )),
        None => Err(ValueError::new(
            format!("the dataset `{}` has no date", dataset.name),
            format!(
                "add `updated: YYYY-MM-DD` (the date the data is as of) to `data/{}.yaml`",
                dataset.name
            ),
            0..args.len(),
        )),
    }
}

/// `{{#source DATASET}}`: the dataset and its codebook's source.
pub fn source<'d>(args: &str, datasets: &'d Datasets) -> Result<(&'d Dataset, String), ValueError> {
    let dataset = named_dataset("source", args, datasets)?;
    match dataset
        .codebook
        .source
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        Some(source) => Ok((dataset, source.to_string())),
        None => Err(ValueError::new(
            format!("the dataset `{}` has no source", dataset.name),
            format!(
                "add `source:` (where the numbers come from) to `data/{}.yaml`",
                dataset.name
            ),
            0..args.len(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::privacy::{suppress, Threshold};
    use std::path::Path;

    const CODEBOOK: &str = "title: Besök
source: Verksamhetens egna listor
updated: 2023-03-01
fields:
  - {name: enhet, type: string, total: Totalt}
  - {name: ar, type: year}
  - {name: antal, type: integer, role: count, unit: personer}
  - {name: andel, type: number, role: measure, unit: \"%\"}
  - {name: start, type: date}
";

    /// `besok` (counts with one under 5, a total row) and `stor` (large numbers).
    fn datasets() -> Datasets {
        let csv = "enhet;ar;antal;andel;start
Norra Värmland;2020;28;12,5;2020-03-01
Norra Värmland;2023;1042;18;2023-03-01
Kil;2020;3;5,0;2020-04-01
Kil;2023;12;7,5;2023-04-01
Arvika;2023;20;..;2023-05-01
Totalt;2023;1074;;
";
        let codebook = crate::parse_codebook(Path::new("data/besok.yaml"), CODEBOOK).unwrap();
        let (mut besok, _) =
            crate::from_bytes("besok", csv.as_bytes(), Some((codebook, CODEBOOK.into()))).unwrap();
        suppress(
            &mut besok,
            Threshold {
                min_count: 5,
                suppress_zeros: false,
            },
        );
        let mut datasets = Datasets::default();
        datasets.by_name.insert("besok".into(), besok);
        datasets.failed.insert("trasig".into());
        datasets
    }

    fn value(args: &str) -> Result<Resolved, ValueError> {
        Query::parse(args)?.resolve(&datasets())
    }

    fn shown(args: &str, language: Language) -> String {
        match value(args) {
            Ok(v) => v.format(language),
            Err(e) => panic!("{args}: {} ({})", e.message, e.help),
        }
    }

    fn error(args: &str) -> ValueError {
        match value(args) {
            Ok(v) => panic!("{args}: no error but {v:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn one_row_by_conditions_with_spaces_and_any_quotes() {
        for args in [
            "besok.antal enhet=\"Norra Värmland\" ar=2023",
            "besok.antal ar=2023 enhet=”Norra Värmland”",
            "besok.antal enhet=„Norra Värmland“ ar=2023",
            "besok.antal enhet=“Norra Värmland” ar=2023",
            "besok.antal enhet='Norra Värmland' ar=2023",
            "besok.antal enhet=’Norra Värmland’ ar=2023",
            // A column name may be quoted too (PX variables have spaces: "reporting country").
            "besok.antal \"enhet\"=\"Norra Värmland\" „ar“=2023",
        ] {
            assert_eq!(shown(args, Language::Sv), "1\u{a0}042", "{args}");
        }
        let unquoted = error("besok.antal \"enhet\" ar=2023");
        assert!(unquoted.message.contains("followed by `=`"), "{unquoted:?}");
        assert_eq!(
            shown("besok.antal enhet=\"Norra Värmland\" ar=2023", Language::En),
            "1,042"
        );
        // A per cent unit is written, a word unit (`personer`) is the sentence's.
        let andel = "besok.andel enhet=\"Norra Värmland\" ar=2023";
        assert_eq!(shown(andel, Language::Sv), "18,0\u{a0}%");
        assert_eq!(shown(andel, Language::Da), "18,0\u{a0}%");
        assert_eq!(shown(andel, Language::En), "18.0%");
        assert_eq!(
            shown(&format!("{andel} decimals=0"), Language::Sv),
            "18\u{a0}%"
        );
        assert_eq!(shown("besok.enhet ar=2023 antal=12", Language::Sv), "Kil");
        assert_eq!(shown("besok.ar enhet=Arvika", Language::Sv), "2023");
        assert_eq!(
            shown("besok.start enhet=Kil ar=2020", Language::Sv),
            "1 april 2020"
        );
        assert_eq!(
            shown("besok.start enhet=Kil ar=2020", Language::En),
            "1 April 2020"
        );
        assert_eq!(shown("besok.start min", Language::Sv), "1 mars 2020");
        assert_eq!(
            shown("besok.start max ar=2023", Language::Da),
            "1. maj 2023"
        );
        // A missing cell is its marker.
        assert_eq!(
            value("besok.andel enhet=Arvika").unwrap(),
            Resolved::Marker("..".into())
        );
    }

    #[test]
    fn aggregates_leave_out_total_rows() {
        assert_eq!(shown("besok.antal sum ar=2023", Language::Sv), "1\u{a0}074");
        assert_eq!(shown("besok.antal sum ar=2023", Language::En), "1,074");
        assert_eq!(shown("besok.antal mean ar=2023", Language::Da), "358,0");
        assert_eq!(shown("besok.antal min ar=2023", Language::Sv), "12");
        assert_eq!(shown("besok.antal max ar=2023", Language::Sv), "1\u{a0}042");
        assert_eq!(shown("besok.antal count ar=2023", Language::Sv), "3");
        // The total row counts only when a condition names it.
        assert_eq!(shown("besok.antal count", Language::Sv), "5");
        assert_eq!(shown("besok.antal count enhet=Totalt", Language::Sv), "1");
        // Arvika's share for 2023 is missing, so no aggregate over it is known …
        for aggregate in ["sum", "mean", "min", "max", "share"] {
            assert_eq!(
                value(&format!("besok.andel {aggregate} ar=2023")).unwrap(),
                Resolved::Marker("..".into()),
                "{aggregate}"
            );
        }
        // … unless `known` asks for the aggregate of the known values.
        assert_eq!(
            shown("besok.andel max ar=2023 known", Language::Sv),
            "18,0\u{a0}%"
        );
        assert_eq!(
            shown("besok.andel mean known ar=2023", Language::En),
            "12.8%"
        );
        let share = "besok.antal share enhet=\"Norra Värmland\" of ar=2023";
        assert_eq!(shown(share, Language::Sv), "97,0\u{a0}%");
        assert_eq!(shown(share, Language::En), "97.0%");
        assert_eq!(
            shown(&format!("{share} decimals=0"), Language::Da),
            "97\u{a0}%"
        );
    }

    #[test]
    fn changes_have_a_sign() {
        let change = "besok.antal enhet=\"Norra Värmland\" change from ar=2020 to ar=2023";
        assert_eq!(shown(change, Language::Sv), "+1\u{a0}014");
        assert_eq!(shown(change, Language::En), "+1,014");
        assert_eq!(
            shown(&format!("{change} percent decimals=0"), Language::Da),
            "+3\u{a0}621\u{a0}%"
        );
        let back = "besok.antal enhet=\"Norra Värmland\" change from ar=2023 to ar=2020 percent";
        assert_eq!(shown(back, Language::Sv), "\u{2212}97,3\u{a0}%");
        assert_eq!(shown(back, Language::En), "\u{2212}97.3%");
        // A difference of per cent values is in percentage points.
        let points = "besok.andel enhet=\"Norra Värmland\" change from ar=2020 to ar=2023";
        assert_eq!(shown(points, Language::Sv), "+5,5\u{a0}procentenheter");
        assert_eq!(shown(points, Language::Da), "+5,5\u{a0}procentpoint");
        assert_eq!(shown(points, Language::En), "+5.5\u{a0}percentage points");
        // A change of sums.
        assert_eq!(
            shown(
                "besok.antal sum change from ar=2020 to ar=2023",
                Language::Sv
            ),
            "×"
        );
    }

    #[test]
    fn hidden_counts_and_what_would_reveal_them() {
        let hidden = |args: &str| value(args).unwrap().hidden().map(str::to_string);
        assert_eq!(
            hidden("besok.antal enhet=Kil ar=2020").as_deref(),
            Some("<5")
        );
        assert_eq!(shown("besok.antal enhet=Kil ar=2020", Language::Sv), "<5");
        for args in [
            "besok.antal sum ar=2020",
            "besok.antal sum",
            "besok.antal mean ar=2020",
            "besok.antal min enhet=Kil",
            "besok.antal max ar=2020",
            // The column total has the hidden cell.
            "besok.antal share enhet=\"Norra Värmland\" ar=2020",
            "besok.antal share enhet=\"Norra Värmland\"",
            "besok.antal enhet=Kil change from ar=2020 to ar=2023",
            "besok.antal enhet=Kil change from ar=2020 to ar=2023 percent",
        ] {
            assert_eq!(hidden(args).as_deref(), Some("×"), "{args}");
        }
        // Rows are counted whatever they hold; aggregates of published cells are shown.
        assert_eq!(shown("besok.antal count ar=2020", Language::Sv), "2");
        assert_eq!(
            shown("besok.antal sum enhet=Kil ar=2023", Language::Sv),
            "12"
        );
        assert_eq!(
            shown("besok.antal share enhet=Kil of ar=2023", Language::Sv),
            "1,1\u{a0}%"
        );
    }

    #[test]
    fn zero_or_several_rows_name_the_candidates() {
        let e = error("besok.antal enhet=Arvika ar=2020");
        assert_eq!(e.message, "no row of `besok` has enhet=Arvika and ar=2020");
        assert!(
            e.help.contains("rows with enhet=Arvika have `ar`: 2023"),
            "{}",
            e.help
        );
        let e = error("besok.antal enhet=Kil");
        assert_eq!(
            e.message,
            "enhet=Kil selects 2 rows of `besok`, and a value is one row"
        );
        assert!(e.help.contains("`ar` (2020, 2023)"), "{}", e.help);
        assert!(e.help.contains("e.g. ar=2020"), "{}", e.help);
        let e = error("besok.antal ar=2023");
        assert!(
            e.help.contains("`enhet` (Norra Värmland, Kil, Arvika)"),
            "{}",
            e.help
        );
        assert!(e.help.contains("enhet=\"Norra Värmland\""), "{}", e.help);
        assert_eq!(e.span, Some(0..19));
    }

    #[test]
    fn unknown_names_get_a_suggestion_at_their_place() {
        let e = error("besk.antal ar=2023");
        assert_eq!(e.message, "the report has no dataset `besk`");
        assert!(e.help.starts_with("did you mean `besok`?"), "{}", e.help);
        assert_eq!(e.span, Some(0..10));
        let e = error("besok.antl ar=2023");
        assert_eq!(e.message, "the dataset `besok` has no column `antl`");
        assert!(e.help.starts_with("did you mean `antal`?"), "{}", e.help);
        let e = error("besok.antal ar=2023 enhet=Kill");
        assert_eq!(e.message, "no row of `besok` has `Kill` in `enhet`");
        assert!(
            e.help.starts_with("did you mean `enhet=Kil`?"),
            "{}",
            e.help
        );
        assert_eq!(e.span, Some(20..30));
        let e = error("besok.antal ar=2023 enhett=Kil");
        assert!(e.help.starts_with("did you mean `enhet`?"), "{}", e.help);
        let e = error("besok.antal enhet=\"Norra Varmland\" ar=2023");
        assert!(
            e.help
                .starts_with("did you mean `enhet=\"Norra Värmland\"`?"),
            "{}",
            e.help
        );
        assert!(error("trasig.antal").reported);
        let e = error("besok");
        assert_eq!(e.message, "`besok` names a dataset but not its column");
        assert!(
            e.help
                .starts_with("write `besok.COLUMN`; the columns: enhet, ar"),
            "{}",
            e.help
        );
        let e = error("besok.antal");
        assert_eq!(
            e.message,
            "`besok` has 5 rows, and a value is one row: name it with conditions"
        );
    }

    #[test]
    fn malformed_arguments() {
        let parse = |args: &str| Query::parse(args).unwrap_err();
        let e = parse("besok.antal enhet=\"Norra Värmland ar=2023");
        assert_eq!(e.message, "a quoted value is not closed");
        assert_eq!(e.span, Some(18..42));
        let e = parse("besok.antal summa");
        assert!(e.help.starts_with("did you mean `sum`?"), "{}", e.help);
        assert_eq!(e.span, Some(12..17));
        assert!(parse("")
            .message
            .contains("dataset and column to show are missing"));
        assert!(parse("besok.antal sum mean")
            .message
            .contains("two aggregates"));
        assert!(parse("besok.antal change from ar=2020")
            .message
            .contains("needs the two rows"));
        assert!(
            parse("besok.antal change from ar=2020 to ar=2023 enhet=Kil")
                .help
                .contains("conditions for both rows go before `change`")
        );
        assert!(parse("besok.antal percent ar=2020")
            .message
            .contains("belongs to a change"));
        assert!(parse("besok.antal decimals=x")
            .message
            .contains("not a number of decimals"));
        assert!(parse("besok.antal ar=2020 ar=2023")
            .message
            .contains("named twice"));
        assert!(parse("besok.antal sum of ar=2020").message.contains("`of`"));
        assert!(parse("besok.antal enhet=")
            .message
            .contains("not a condition"));
        for args in ["besok.antal known ar=2020", "besok.antal count known"] {
            assert!(
                parse(args)
                    .message
                    .contains("`known` belongs to an aggregate"),
                "{args}"
            );
        }
    }

    #[test]
    fn a_suggested_condition_can_be_copied_as_it_stands() {
        let csv = "reporting country;year;v\nDenmark;1996;1\nDenmark;1997;2\nÅland;1996;3\n";
        let (dataset, _) = crate::from_bytes("nordic", csv.as_bytes(), None).unwrap();
        let mut datasets = Datasets::default();
        datasets.by_name.insert("nordic".into(), dataset);
        let error = |args: &str| Query::parse(args).unwrap().resolve(&datasets).unwrap_err();
        let e = error("nordic.v \"reporting country\"=Danmark year=1996");
        assert!(
            e.help
                .starts_with("did you mean `\"reporting country\"=Denmark`?"),
            "{}",
            e.help
        );
        let e = error("nordic.v year=1996");
        assert!(
            e.help.contains("\"reporting country\"=Denmark"),
            "{}",
            e.help
        );
        let suggested = "nordic.v \"reporting country\"=Denmark year=1996";
        assert!(Query::parse(suggested).unwrap().resolve(&datasets).is_ok());
    }

    #[test]
    fn not_applicable_cells_are_no_part_of_a_total() {
        let csv = "grupp;enhet;antal;start\nx;A;10;2023-05-01\nx;B;.;2023-06-01\ny;C;5;2023-07-01\ny;D;..;\n";
        let (dataset, _) = crate::from_bytes("na", csv.as_bytes(), None).unwrap();
        let mut datasets = Datasets::default();
        datasets.by_name.insert("na".into(), dataset);
        let value = |args: &str| Query::parse(args).unwrap().resolve(&datasets).unwrap();
        assert_eq!(value("na.antal enhet=B"), Resolved::Marker(".".into()));
        assert_eq!(value("na.antal sum grupp=x").format(Language::Sv), "10");
        assert_eq!(value("na.antal sum"), Resolved::Marker("..".into()));
        assert_eq!(value("na.antal sum known").format(Language::Sv), "15");
        // A missing date may be the earliest or the latest.
        assert_eq!(value("na.start max"), Resolved::Marker("..".into()));
        assert_eq!(
            value("na.start max known").format(Language::Sv),
            "1 juli 2023"
        );
    }

    #[test]
    fn updated_and_source() {
        let d = datasets();
        assert_eq!(updated("besok", &d, Language::Sv).unwrap().1, "1 mars 2023");
        assert_eq!(
            updated(" besok ", &d, Language::Da).unwrap().1,
            "1. marts 2023"
        );
        assert_eq!(
            updated("besok", &d, Language::En).unwrap().1,
            "1 March 2023"
        );
        assert_eq!(source("besok", &d).unwrap().1, "Verksamhetens egna listor");
        let e = source("besko", &d).unwrap_err();
        assert!(e.help.starts_with("did you mean `besok`?"), "{}", e.help);
        assert!(updated("besok extra", &d, Language::Sv).is_err());
        assert!(updated("trasig", &d, Language::Sv).unwrap_err().reported);
    }
}
