//! From a dataset and a chart block to exactly the numbers that are plotted: rows filtered,
//! categories ordered, values per category and series. The drawing, the data table and
//! the CSV download are all made from this one model.

use super::spec::{ChartKind, ChartSpec, OneOrMany, Scalar, Sort};
use super::SpecError;
use insikt_core::language::Language;
use insikt_data::codebook::ScaleOrder;
use insikt_data::marker::MarkerMeaning;
use insikt_data::privacy::Suppression;
use insikt_data::{Dataset, FieldType, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Values by category and series: bars, stacks and lines.
#[derive(Debug, Clone)]
pub struct Matrix {
    /// Category labels in order (x axis).
    pub categories: Vec<String>,
    /// Series labels in order; one empty label when there is no `series`.
    pub series: Vec<String>,
    /// `values[series][category]`; `None` where the data has no value or it is hidden.
    pub values: Vec<Vec<Option<f64>>>,
    /// `hidden[series][category]`: why a value is not published, where it is not.
    pub hidden: Vec<Vec<Option<Suppression>>>,
    /// `markers[series][category]`: the publisher's marker written in place of the value
    /// (`..`, `:`, or `-` for zero) and what it means, where there is one.
    pub markers: Vec<Vec<Option<(String, MarkerMeaning)>>>,
}

impl Matrix {
    /// The values of category `c` across all series, a missing value counted as zero
    /// (what a stacked or agreement bar adds up).
    pub fn column(&self, c: usize) -> Vec<f64> {
        self.values.iter().map(|s| s[c].unwrap_or(0.0)).collect()
    }

    /// A matrix of `values` with nothing hidden.
    pub fn new(
        categories: Vec<String>,
        series: Vec<String>,
        values: Vec<Vec<Option<f64>>>,
    ) -> Self {
        let hidden = values.iter().map(|s| vec![None; s.len()]).collect();
        let markers = values.iter().map(|s| vec![None; s.len()]).collect();
        Matrix {
            categories,
            series,
            values,
            hidden,
            markers,
        }
    }

    /// Whether any value is hidden.
    pub fn any_hidden(&self) -> bool {
        self.hidden.iter().flatten().any(Option::is_some)
    }

    /// The matrix without the series that have nothing to draw (no value and nothing
    /// hidden), so a legend names only what the chart shows; the matrix itself when no
    /// series would be left.
    pub fn drawn_series(&self) -> Matrix {
        let drawn: Vec<usize> = (0..self.series.len())
            .filter(|&s| {
                self.values[s].iter().any(Option::is_some)
                    || self.hidden[s].iter().any(Option::is_some)
            })
            .collect();
        if drawn.is_empty() || drawn.len() == self.series.len() {
            return self.clone();
        }
        Matrix {
            categories: self.categories.clone(),
            series: drawn.iter().map(|&s| self.series[s].clone()).collect(),
            values: drawn.iter().map(|&s| self.values[s].clone()).collect(),
            hidden: drawn.iter().map(|&s| self.hidden[s].clone()).collect(),
            markers: drawn.iter().map(|&s| self.markers[s].clone()).collect(),
        }
    }

    /// Hides every value of each category that has a hidden value, for charts that show
    /// a category's values as shares of its total: the shares would give the count away.
    pub fn hide_categories_with_hidden_values(&mut self) {
        for c in 0..self.categories.len() {
            if !self.hidden.iter().any(|s| s[c].is_some()) {
                continue;
            }
            for (values, hidden) in self.values.iter_mut().zip(&mut self.hidden) {
                if hidden[c].is_none() && values[c].is_some() {
                    hidden[c] = Some(Suppression::Secondary);
                }
                values[c] = None;
            }
        }
    }
}

/// A labelled point (scatter).
#[derive(Debug, Clone)]
pub struct Point {
    /// The label.
    pub label: String,
    /// x value.
    pub x: f64,
    /// y value.
    pub y: f64,
}

/// A likert panel: statements × ordered answers, with the "don't know" answer apart.
#[derive(Debug, Clone)]
pub struct LikertPanel {
    /// The group value, when there are panels.
    pub group: Option<String>,
    /// Statements × answers (answers are the series).
    pub matrix: Matrix,
    /// The "don't know" value per statement.
    pub dont_know: Vec<Option<f64>>,
    /// Why a "don't know" value is hidden, where it is.
    pub dont_know_hidden: Vec<Option<Suppression>>,
}

/// A scatter point that cannot be drawn because a coordinate is a hidden count: each
/// coordinate is a [`Value::Number`] or a [`Value::Suppressed`].
#[derive(Debug, Clone)]
pub struct HiddenPoint<'d> {
    /// The label.
    pub label: String,
    /// x.
    pub x: Value<'d>,
    /// y.
    pub y: Value<'d>,
}

/// What a chart plots (hidden scatter points borrow from the dataset `'d`).
#[derive(Debug, Clone)]
pub enum Model<'d> {
    /// Bars, stacks, lines.
    Matrix(Matrix),
    /// Scatter points, and those with a hidden coordinate.
    Points(Vec<Point>, Vec<HiddenPoint<'d>>),
    /// Likert panels.
    Likert(Vec<LikertPanel>),
}

/// Resolves column `name` of `dataset`, or an error naming the key and the columns.
pub fn column(dataset: &Dataset, key: &str, name: &str) -> Result<usize, SpecError> {
    dataset.column_index(name).ok_or_else(|| {
        let names: Vec<&str> = dataset.fields.iter().map(|f| f.name.as_str()).collect();
        let help = match insikt_core::diagnostic::did_you_mean(name, &names) {
            Some(s) => format!("did you mean `{s}`? The columns are: {}", names.join(", ")),
            None => format!("the columns are: {}", names.join(", ")),
        };
        SpecError::new(
            format!(
                "`{key}: {name}`: the dataset `{}` has no column `{name}`",
                dataset.name
            ),
            help,
        )
    })
}

fn required<'a>(
    value: &'a Option<String>,
    key: &str,
    kind: ChartKind,
) -> Result<&'a str, SpecError> {
    value.as_deref().ok_or_else(|| {
        SpecError::new(
            format!("a `{}` chart needs `{key}`", kind.key()),
            format!("add `{key}: COLUMN` to the block"),
        )
    })
}

fn numeric(dataset: &Dataset, c: usize, key: &str) -> Result<(), SpecError> {
    let f = &dataset.fields[c];
    if f.kind.is_numeric() {
        Ok(())
    } else {
        Err(SpecError::new(
            format!(
                "`{key}: {}` is not a number column (its type is `{}`)",
                f.name,
                f.kind.key()
            ),
            "plot a column of type `number` or `integer`, or correct its type in the codebook",
        ))
    }
}

/// The most series (or likert answers) a chart draws. Beyond a handful they cannot be
/// told apart, and each one is a column of the data table for every category, so a column
/// with a value per row would make the chart grow with the square of the rows.
pub const MAX_SERIES: usize = 40;

fn few_enough(dataset: &Dataset, c: usize, key: &str, count: usize) -> Result<(), SpecError> {
    if count <= MAX_SERIES {
        return Ok(());
    }
    Err(SpecError::new(
        format!(
            "`{key}: {}` has {count} different values; a chart draws at most {MAX_SERIES}",
            dataset.fields[c].name
        ),
        "choose a column with fewer values, or keep fewer rows with `filter`",
    ))
}

/// The rows that pass `filter`, in file order.
pub fn filter_rows(
    dataset: &Dataset,
    filter: &BTreeMap<String, OneOrMany>,
) -> Result<Vec<usize>, SpecError> {
    let mut conditions = Vec::new();
    for (name, values) in filter {
        let c = column(dataset, "filter", name)?;
        let (values, not) = values.values();
        // A value no row holds is a typo, not a wish for an empty chart.
        if let Some(absent) = values
            .iter()
            .find(|v| !(0..dataset.rows).any(|row| matches(&dataset.columns[c].get(row), v)))
        {
            return Err(absent_value(dataset, c, name, absent));
        }
        conditions.push((c, values, not));
    }
    Ok((0..dataset.rows)
        .filter(|&row| {
            conditions.iter().all(|(c, values, not)| {
                let cell = dataset.columns[*c].get(row);
                *not != values.iter().any(|v| matches(&cell, v))
            })
        })
        .collect())
}

/// Whether a cell holds the filter's value (a number written as text matches the number).
fn matches(cell: &Value, value: &Scalar) -> bool {
    match (cell, value) {
        (Value::Number(a), Scalar::Number(b)) => a == b,
        (Value::Number(a), Scalar::Text(b)) => b.parse::<f64>().is_ok_and(|b| *a == b),
        (Value::Text(a), Scalar::Text(b)) => a == b,
        (Value::Text(a), Scalar::Number(b)) => a.parse::<f64>().is_ok_and(|a| a == *b),
        (Value::Missing | Value::Suppressed(_), _) => false,
    }
}

/// The error for a filter value that no row of column `c` holds, naming the values it has.
fn absent_value(dataset: &Dataset, c: usize, name: &str, absent: &Scalar) -> SpecError {
    let wanted = match absent {
        Scalar::Number(n) => n.to_string(),
        Scalar::Text(t) => t.clone(),
    };
    let mut held: Vec<String> = Vec::new();
    for row in 0..dataset.rows {
        let label = match dataset.columns[c].get(row) {
            Value::Number(n) => n.to_string(),
            Value::Text(t) => t.to_string(),
            Value::Missing | Value::Suppressed(_) => continue,
        };
        if !held.contains(&label) {
            held.push(label);
        }
        if held.len() > 200 {
            break;
        }
    }
    let candidates: Vec<&str> = held.iter().map(String::as_str).collect();
    let shown = candidates
        .iter()
        .take(12)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    let more = if held.len() > 12 { ", …" } else { "" };
    let help = match insikt_core::diagnostic::did_you_mean(&wanted, &candidates) {
        Some(s) => format!("did you mean `{s}`? The column holds: {shown}{more}"),
        None => format!("the column holds: {shown}{more}"),
    };
    SpecError::new(
        format!(
            "`filter: {name}: {wanted}`: no row of the dataset `{}` has `{wanted}` in `{name}`",
            dataset.name
        ),
        help,
    )
}

/// The distinct labels of column `c` over `rows`, ordered: codebook categories, else by
/// value for ordered types, else first appearance.
fn ordered_labels(dataset: &Dataset, c: usize, rows: &[usize], language: Language) -> Vec<String> {
    let field = &dataset.fields[c];
    let mut seen: Vec<(String, Option<f64>)> = Vec::new();
    let mut known: HashSet<String> = HashSet::new();
    for &row in rows {
        let v = &dataset.columns[c].get(row);
        if *v == Value::Missing {
            continue;
        }
        let label = dataset.display(c, row, language);
        if known.insert(label.clone()) {
            seen.push((label, v.number()));
        }
    }
    if let Some(categories) = &field.categories {
        let declared: HashSet<&str> = categories.iter().map(String::as_str).collect();
        let mut out: Vec<String> = categories
            .iter()
            .filter(|c| known.contains(c.as_str()))
            .cloned()
            .collect();
        out.extend(
            seen.into_iter()
                .map(|(l, _)| l)
                .filter(|l| !declared.contains(l.as_str())),
        );
        return out;
    }
    match field.kind {
        FieldType::Number | FieldType::Integer | FieldType::Year => {
            seen.sort_by(|a, b| a.1.unwrap_or(0.0).total_cmp(&b.1.unwrap_or(0.0)))
        }
        FieldType::Date | FieldType::Yearmonth => seen.sort_by(|a, b| a.0.cmp(&b.0)),
        _ => {}
    }
    seen.into_iter().map(|(l, _)| l).collect()
}

/// Builds the model a chart plots.
pub fn build<'d>(
    spec: &ChartSpec,
    dataset: &'d Dataset,
    language: Language,
) -> Result<Model<'d>, SpecError> {
    let mut rows = filter_rows(dataset, &spec.filter)?;
    if !spec.include_totals {
        // A total row is not drawn beside its parts, unless the filter picks it.
        let named: Vec<usize> = spec
            .filter
            .iter()
            .filter(|(_, values)| !values.values().1)
            .filter_map(|(k, _)| dataset.column_index(k))
            .collect();
        let totals = insikt_data::totals::total_rows(dataset, &named);
        rows.retain(|&r| !totals[r]);
    }
    match spec.kind {
        ChartKind::Scatter => {
            let x = column(dataset, "x", required(&spec.x, "x", spec.kind)?)?;
            let y = column(dataset, "y", required(&spec.y, "y", spec.kind)?)?;
            numeric(dataset, x, "x")?;
            numeric(dataset, y, "y")?;
            let label = match &spec.label {
                Some(l) => Some(column(dataset, "label", l)?),
                None => None,
            };
            let mut points = Vec::new();
            let mut hidden = Vec::new();
            for &r in &rows {
                let label = || {
                    label
                        .map(|l| dataset.display(l, r, language))
                        .unwrap_or_else(|| (r + 1).to_string())
                };
                let (xv, yv) = (dataset.columns[x].get(r), dataset.columns[y].get(r));
                match (xv, yv) {
                    (Value::Number(xn), Value::Number(yn)) => points.push(Point {
                        label: label(),
                        x: xn,
                        y: yn,
                    }),
                    (Value::Missing, _) | (_, Value::Missing) => {}
                    _ => hidden.push(HiddenPoint {
                        label: label(),
                        x: xv,
                        y: yv,
                    }),
                }
            }
            Ok(Model::Points(points, hidden))
        }
        ChartKind::Likert => {
            let item = column(dataset, "item", required(&spec.item, "item", spec.kind)?)?;
            let category = column(
                dataset,
                "category",
                required(&spec.category, "category", spec.kind)?,
            )?;
            let y = column(dataset, "y", required(&spec.y, "y", spec.kind)?)?;
            numeric(dataset, y, "y")?;
            let group = match &spec.group {
                Some(g) => Some(column(dataset, "group", g)?),
                None => None,
            };
            let groups: Vec<Option<String>> = match group {
                Some(g) => ordered_labels(dataset, g, &rows, language)
                    .into_iter()
                    .map(Some)
                    .collect(),
                None => vec![None],
            };
            let mut answers = ordered_labels(dataset, category, &rows, language);
            few_enough(dataset, category, "category", answers.len())?;
            if let Some(dk) = &spec.dont_know {
                if !answers.contains(dk) {
                    return Err(SpecError::new(
                        format!(
                            "`dont_know: {dk}` is not an answer in the column `{}`",
                            dataset.fields[category].name
                        ),
                        format!("the answers are: {}", answers.join(", ")),
                    ));
                }
                answers.retain(|a| a != dk);
            }
            // Answers run from disagreeing to agreeing, so the agree share is taken from
            // the agreeing end: a scale listed the other way round is turned.
            let order = spec
                .scale
                .or(dataset.fields[category].scale)
                .or_else(|| ScaleOrder::infer(answers.first()?, answers.last()?));
            match order {
                Some(ScaleOrder::DisagreeFirst) => {}
                Some(ScaleOrder::AgreeFirst) => answers.reverse(),
                None => {
                    return Err(SpecError::new(
                        format!(
                            "the direction of the answer scale of `{}` is unclear: {}",
                            dataset.fields[category].name,
                            answers.join(", ")
                        ),
                        "say which end agrees: `scale: disagree_first` or `scale: agree_first`, in the chart block or on the field in the codebook",
                    ))
                }
            }
            let mut panels = Vec::new();
            for g in groups {
                let panel_rows: Vec<usize> = rows
                    .iter()
                    .copied()
                    .filter(|&r| match (group, &g) {
                        (Some(gc), Some(gv)) => dataset.display(gc, r, language) == *gv,
                        _ => true,
                    })
                    .collect();
                let items = ordered_labels(dataset, item, &panel_rows, language);
                let mut series = answers.clone();
                if let Some(dk) = &spec.dont_know {
                    series.push(dk.clone());
                }
                let mut matrix = fill(
                    dataset,
                    &panel_rows,
                    item,
                    Some(category),
                    Some(y),
                    items,
                    series,
                    language,
                )?;
                let (dont_know, dont_know_hidden) = if spec.dont_know.is_some() {
                    matrix.series.pop();
                    (
                        {
                            matrix.markers.pop();
                            matrix.values.pop().unwrap_or_default()
                        },
                        matrix.hidden.pop().unwrap_or_default(),
                    )
                } else {
                    let n = matrix.categories.len();
                    (vec![None; n], vec![None; n])
                };
                // An agreement bar shows shares of its statement's answers ("don't know"
                // apart), so one hidden answer count hides the statement's whole bar.
                matrix.hide_categories_with_hidden_values();
                panels.push(LikertPanel {
                    group: g,
                    matrix,
                    dont_know,
                    dont_know_hidden,
                });
            }
            Ok(Model::Likert(panels))
        }
        _ => {
            let x = column(dataset, "x", required(&spec.x, "x", spec.kind)?)?;
            let y = match &spec.y {
                Some(y) => {
                    let c = column(dataset, "y", y)?;
                    numeric(dataset, c, "y")?;
                    Some(c)
                }
                None if spec.kind == ChartKind::Line => {
                    return Err(SpecError::new(
                        "a `line` chart needs `y`",
                        "add `y: COLUMN` with the values to draw",
                    ))
                }
                None => None,
            };
            let series = match &spec.series {
                Some(s) => Some(column(dataset, "series", s)?),
                None if matches!(spec.kind, ChartKind::GroupedBar | ChartKind::StackedBar) => {
                    return Err(SpecError::new(
                        format!("a `{}` chart needs `series`", spec.kind.key()),
                        "add `series: COLUMN`: one bar per value of that column",
                    ))
                }
                None => None,
            };
            let mut categories = ordered_labels(dataset, x, &rows, language);
            if let Some(order) = &spec.order {
                let mut ordered: Vec<String> = order
                    .iter()
                    .filter(|o| categories.contains(o))
                    .cloned()
                    .collect();
                ordered.extend(categories.into_iter().filter(|c| !order.contains(c)));
                categories = ordered;
            }
            let series_labels = match series {
                Some(s) => {
                    let labels = ordered_labels(dataset, s, &rows, language);
                    few_enough(dataset, s, "series", labels.len())?;
                    labels
                }
                None => vec![String::new()],
            };
            let mut matrix = fill(
                dataset,
                &rows,
                x,
                series,
                y,
                categories,
                series_labels,
                language,
            )?;
            if let Some(sort @ (Sort::Ascending | Sort::Descending)) = spec.sort {
                let totals: Vec<f64> = (0..matrix.categories.len())
                    .map(|c| matrix.values.iter().filter_map(|s| s[c]).sum())
                    .collect();
                let mut idx: Vec<usize> = (0..matrix.categories.len()).collect();
                idx.sort_by(|a, b| totals[*a].total_cmp(&totals[*b]));
                if sort == Sort::Descending {
                    idx.reverse();
                }
                matrix.categories = idx.iter().map(|&i| matrix.categories[i].clone()).collect();
                for s in &mut matrix.values {
                    *s = idx.iter().map(|&i| s[i]).collect();
                }
                for s in &mut matrix.hidden {
                    *s = idx.iter().map(|&i| s[i]).collect();
                }
                for s in &mut matrix.markers {
                    *s = idx.iter().map(|&i| s[i].clone()).collect();
                }
            }
            Ok(Model::Matrix(matrix))
        }
    }
}

/// Each label's position (the first, should a label repeat).
fn index_of(labels: &[String]) -> HashMap<&str, usize> {
    let mut index = HashMap::with_capacity(labels.len());
    for (i, l) in labels.iter().enumerate() {
        index.entry(l.as_str()).or_insert(i);
    }
    index
}

/// Values per category (column `x`) and series (column `series`): the `y` value of the one
/// matching row, or the number of matching rows when there is no `y`.
#[allow(clippy::too_many_arguments)]
fn fill(
    dataset: &Dataset,
    rows: &[usize],
    x: usize,
    series: Option<usize>,
    y: Option<usize>,
    categories: Vec<String>,
    series_labels: Vec<String>,
    language: Language,
) -> Result<Matrix, SpecError> {
    let mut values = vec![vec![None; categories.len()]; series_labels.len()];
    let mut hidden = vec![vec![None; categories.len()]; series_labels.len()];
    let mut markers = vec![vec![None; categories.len()]; series_labels.len()];
    let category_index = index_of(&categories);
    let series_index = index_of(&series_labels);
    for &r in rows {
        if dataset.columns[x].get(r) == Value::Missing {
            continue;
        }
        let cat = dataset.display(x, r, language);
        let Some(&ci) = category_index.get(cat.as_str()) else {
            continue;
        };
        let si = match series {
            Some(s) => {
                let label = dataset.display(s, r, language);
                match series_index.get(label.as_str()) {
                    Some(&i) => i,
                    None => continue,
                }
            }
            None => 0,
        };
        match y {
            Some(y) => {
                let cell = &dataset.columns[y].get(r);
                let v = cell.number();
                let taken = values[si][ci].is_some() || hidden[si][ci].is_some();
                if taken && (v.is_some() || matches!(cell, Value::Suppressed(_))) {
                    let which = if series.is_some() {
                        format!("`{cat}` / `{}`", series_labels[si])
                    } else {
                        format!("`{cat}`")
                    };
                    return Err(SpecError::new(
                        format!(
                            "several rows of `{}` have a value for {which}; a chart plots one value each",
                            dataset.name
                        ),
                        "add a `filter` that keeps one row per bar or point, or a `series`",
                    ));
                }
                if v.is_some() {
                    values[si][ci] = v;
                }
                if let Value::Suppressed(why) = cell {
                    hidden[si][ci] = Some(*why);
                }
                if let Some((marker, meaning)) = dataset.columns[y].marker(r) {
                    markers[si][ci] = Some((marker.to_string(), meaning));
                }
            }
            None => *values[si][ci].get_or_insert(0.0) += 1.0,
        }
    }
    Ok(Matrix {
        categories,
        series: series_labels,
        values,
        hidden,
        markers,
    })
}
