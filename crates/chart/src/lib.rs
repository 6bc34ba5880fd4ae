//! Charts and tables from datasets: the ```` ```chart ```` and ```` ```table ```` directives.
//!
//! A block's YAML becomes a [`spec::ChartSpec`] (unknown keys refused), the dataset's rows
//! become a [`model::Model`] holding exactly the numbers that are plotted, and from that one
//! model come the SVG (our own writer, [`draw`]), the data table, the `<desc>` summary and
//! the CSV download, so they cannot disagree. The result is a typed [`figure::Figure`]; the
//! HTML around it comes from the theme's partials. Rendering reads no files.

#![warn(missing_docs)]

pub mod draw;
pub mod figure;
pub mod model;
pub mod png;
pub mod spec;
pub mod svg;
mod table;

pub use table::render_table;

use figure::{DataTable, Download, Figure, FigureKind, HeaderCell, Hidden, Source};
use insikt_core::diagnostic::yaml;
use insikt_core::language::Language;
use insikt_data::marker::MarkerMeaning;
use insikt_data::privacy::Suppression;
use insikt_data::published_csv::{self, Cell};
use insikt_data::{Dataset, Datasets, Value};
use model::{Matrix, Model};
use spec::{ChartKind, ChartSpec};
use std::path::Path;

/// A chart or table block that cannot be honoured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// Line and column within the block's YAML, when the YAML itself is wrong; otherwise the
    /// error belongs at the block's opening line.
    pub yaml_location: Option<(usize, usize)>,
    /// True when the block names a dataset that could not be loaded: that dataset's errors
    /// are reported already, so the block is left out without another.
    pub unloaded: bool,
}

impl SpecError {
    /// An error about the block as a whole.
    pub fn new(message: impl Into<String>, help: impl Into<String>) -> SpecError {
        SpecError {
            message: message.into(),
            help: help.into(),
            yaml_location: None,
            unloaded: false,
        }
    }
}

/// What a directive needs from the report besides its own text.
pub struct DirectiveContext<'a> {
    /// The loaded datasets.
    pub datasets: &'a Datasets,
    /// The report's language.
    pub language: Language,
    /// Its UI strings.
    pub strings: &'a insikt_core::language::UiStrings,
    /// Relative prefix from the page to the site root.
    pub root: &'a str,
    /// Whether a PNG download is linked (the build writes it beside the SVG).
    pub png: bool,
}

/// A chart or table made from a block.
#[derive(Debug, Clone)]
pub struct Output {
    /// What to show; the theme's `partials/figure.html` makes the HTML.
    pub figure: Figure,
    /// Files to write beside the page (name, bytes): the SVG and CSV downloads.
    pub files: Vec<(String, Vec<u8>)>,
    /// The dataset used.
    pub dataset: String,
}

/// Parses a block's YAML into `T`, locating errors within the block.
pub fn parse_yaml<T: serde::de::DeserializeOwned>(body: &str) -> Result<T, SpecError> {
    serde_saphyr::from_str::<T>(body).map_err(|e| {
        let location = yaml::location(&e);
        let schema = yaml::Schema {
            key_noun: "key",
            keys: insikt_core::fields::of::<T>(),
            help: "the block's body is YAML; see the README for the keys",
        };
        let d = yaml::diagnostic(Path::new(""), body, location, &e.to_string(), &schema);
        SpecError {
            message: d.message,
            help: d.help.unwrap_or_default(),
            yaml_location: Some((location.line, location.column)),
            unloaded: false,
        }
    })
}

/// Finds the dataset a block names.
pub fn dataset<'a>(datasets: &'a Datasets, name: &str) -> Result<&'a Dataset, SpecError> {
    datasets.get(name).ok_or_else(|| {
        if datasets.failed.contains(name) {
            return SpecError {
                unloaded: true,
                ..SpecError::new(format!("`data: {name}` could not be loaded"), "")
            };
        }
        let names: Vec<&str> = datasets.by_name.keys().map(String::as_str).collect();
        let help = match insikt_core::diagnostic::did_you_mean(name, &names) {
            Some(s) => format!("did you mean `{s}`? Datasets are the CSV files in `data/`"),
            None if names.is_empty() => "there are no CSV files in `data/`".to_string(),
            None => format!("the datasets are: {}", names.join(", ")),
        };
        SpecError::new(
            format!("`data: {name}`: there is no dataset `data/{name}.csv`"),
            help,
        )
    })
}

/// The "Källa: … Data per …" line and the link to the codebook page.
pub fn source(d: &Dataset, ctx: &DirectiveContext) -> Source {
    Source {
        // An empty source is no source: never "Källa: .".
        text: d
            .codebook
            .source
            .as_deref()
            .map(|s| s.trim().trim_end_matches('.').to_string())
            .filter(|s| !s.is_empty()),
        updated: d
            .codebook
            .updated
            .map(|u| ctx.language.format_date(u.year, u.month, u.day)),
        updated_iso: d.codebook.updated.map(|u| u.to_string()),
        dataset_title: d.title().to_string(),
        codebook_href: format!(
            "{}codebook/{}/index.html",
            ctx.root,
            insikt_core::url::encode(&d.name)
        ),
        notes: d.codebook.notes.clone(),
    }
}

/// A missing value in a table.
pub fn missing_cell(numeric: bool) -> figure::Cell {
    figure::Cell {
        text: String::new(),
        header: false,
        numeric,
        missing: true,
        hidden: None,
    }
}

/// A hidden count in a table: the marker (`<5` or `×`) and what it means.
pub fn hidden_cell(
    why: Suppression,
    min_count: u32,
    numeric: bool,
    ctx: &DirectiveContext,
) -> figure::Cell {
    let label = match why {
        Suppression::Primary => &ctx.strings.suppressed_cell,
        Suppression::Secondary => &ctx.strings.secondary_cell,
    };
    figure::Cell {
        text: String::new(),
        header: false,
        numeric,
        missing: false,
        hidden: Some(Hidden {
            marker: why.marker(min_count),
            label: label.replace("{n}", &min_count.to_string()),
            secondary: why == Suppression::Secondary,
        }),
    }
}

/// A cell showing `text`.
pub fn text_cell(text: String, numeric: bool) -> figure::Cell {
    figure::Cell {
        text,
        header: false,
        numeric,
        missing: false,
        hidden: None,
    }
}

/// That small values are hidden and why, and what `×` means when secondary cells are
/// hidden too, in the report's language.
pub fn privacy_note_text(
    secondary: bool,
    min_count: u32,
    strings: &insikt_core::language::UiStrings,
) -> String {
    let mut note = strings
        .suppressed_note
        .replace("{n}", &min_count.to_string());
    if secondary {
        note.push(' ');
        note.push_str(&strings.secondary_note);
    }
    note
}

/// The chart's `caption` followed by what the publisher's markers among its values mean
/// (`.. = uppgift saknas; - = noll`), if it shows any.
fn with_marker_note(
    caption: Option<String>,
    model: &Model,
    t: &insikt_core::language::UiStrings,
) -> Option<String> {
    let matrices: Vec<&Matrix> = match model {
        Model::Matrix(m) => vec![m],
        Model::Likert(panels) => panels.iter().map(|p| &p.matrix).collect(),
        Model::Points(..) => Vec::new(),
    };
    let mut used: Vec<(&str, MarkerMeaning)> = Vec::new();
    for (marker, meaning) in matrices
        .iter()
        .flat_map(|m| m.markers.iter().flatten().flatten())
    {
        if !used.iter().any(|(m, _)| m == marker) {
            used.push((marker, *meaning));
        }
    }
    if used.is_empty() {
        return caption;
    }
    let list: Vec<String> = used
        .iter()
        .map(|(marker, meaning)| {
            let words = match meaning {
                MarkerMeaning::Zero => &t.marker_zero,
                MarkerMeaning::Missing => &t.marker_missing,
                MarkerMeaning::NotApplicable => &t.marker_not_applicable,
                MarkerMeaning::Confidential => &t.marker_confidential,
            };
            format!("{marker} = {words}")
        })
        .collect();
    let note = t.marker_note.replace("{markers}", &list.join("; "));
    Some(match caption {
        Some(c) => format!("{c} {note}"),
        None => note,
    })
}

/// Which chart or table of the report a block is.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// Which chart (or table) of its page it is, from 1: its downloads are named after it
    /// (`figur-2.svg`), and so is its anchor when the block has no `id`.
    pub on_page: usize,
    /// The number shown in its caption and in references to it (`3`, `2.3`).
    pub number: &'a str,
}

impl Place<'static> {
    /// The first chart or table of a report.
    pub const FIRST: Place<'static> = Place {
        on_page: 1,
        number: "1",
    };
}

/// Makes a ```` ```chart ```` block into the chart at `place`.
pub fn render_chart(body: &str, place: Place, ctx: &DirectiveContext) -> Result<Output, SpecError> {
    let spec: ChartSpec = parse_yaml(body)?;
    spec.check()?;
    let d = dataset(ctx.datasets, &spec.data)?;
    let lang = ctx.language;
    let t = ctx.strings;
    let mut model = model::build(&spec, d, lang)?;
    let y_col = match &spec.y {
        Some(y) => d.column_index(y),
        None => None,
    };
    // The rows drawn, for the unit and decimals of the measure they hold (issue 13).
    let rows = model::filter_rows(d, &spec.filter)?;
    let mut unit = spec
        .unit
        .clone()
        .or_else(|| y_col.and_then(|c| d.unit(c, &rows).map(str::to_string)));
    let mut decimals = spec
        .decimals
        .unwrap_or_else(|| y_col.map_or(0, |c| d.decimals(c, &rows)));
    if spec.kind == ChartKind::StackedBar && spec.percent {
        if let Model::Matrix(m) = &mut model {
            m.hide_categories_with_hidden_values();
            to_percent(m);
        }
        unit = Some("%".into());
        decimals = spec.decimals.unwrap_or(1);
    }
    let field_title = |key: &Option<String>| {
        key.as_deref()
            .and_then(|k| d.column_index(k))
            .map(|c| d.fields[c].label().to_string())
    };
    let x_title = spec.x_title.clone().or_else(|| match spec.kind {
        ChartKind::Likert => field_title(&spec.item),
        _ => field_title(&spec.x),
    });
    let y_title = spec.y_title.clone().or_else(|| match (&spec.y, spec.kind) {
        (None, ChartKind::Bar | ChartKind::GroupedBar | ChartKind::StackedBar) => {
            Some(t.row_count.clone())
        }
        _ => field_title(&spec.y).map(|l| match unit.as_deref() {
            Some(u) if u != "%" && !l.to_lowercase().contains(&u.to_lowercase()) => {
                format!("{l} ({u})")
            }
            _ => l,
        }),
    });
    let title = spec.title.clone().unwrap_or_else(|| d.title().to_string());
    let file = format!("figur-{}", place.on_page);
    let id = spec.id.clone().unwrap_or_else(|| file.clone());
    let value = |v: f64| lang.format_with_unit(v, decimals, unit.as_deref());
    let tick = |v: f64, dec: usize| lang.format_with_unit(v, dec, unit.as_deref());
    let point_unit = |key: &Option<String>| {
        key.as_deref()
            .and_then(|k| d.column_index(k))
            .map(|c| (d.unit(c, &rows).map(str::to_string), d.decimals(c, &rows)))
            .unwrap_or((None, 0))
    };
    let (x_unit, x_decimals) = point_unit(&spec.x);
    let (y_unit, y_decimals) = point_unit(&spec.y);
    let point_text = |p: &model::Point| {
        format!(
            "{} ({}; {})",
            p.label,
            lang.format_with_unit(p.x, x_decimals, x_unit.as_deref()),
            lang.format_with_unit(p.y, y_decimals, y_unit.as_deref())
        )
    };
    let hidden = hidden_kinds(&model);
    let mut desc = describe(&model, &title, t, &value, &point_text, lang);
    if hidden.0 > 0 {
        desc.push(' ');
        desc.push_str(&t.desc_hidden.replace("{n}", &hidden.0.to_string()));
    }
    let marker = |why: Suppression| why.marker(d.min_count);
    let narrow_id = format!("{id}-smal");
    let draw = |width: f64| {
        let frame = draw::Frame {
            id: if width < draw::WIDTH { &narrow_id } else { &id },
            title: &title,
            desc: &desc,
            x_title: x_title.as_deref(),
            y_title: y_title.as_deref(),
            value: &value,
            tick: &tick,
            marker: &marker,
            missing: draw::MISSING,
            width,
        };
        draw_model(&frame, &model, &spec, t, lang, x_unit.as_deref())
    };
    let svg = draw(draw::WIDTH);
    let svg_narrow = draw(draw::NARROW_WIDTH);
    let (table, csv) = data_table(
        &model,
        &spec,
        d,
        ctx,
        x_title.as_deref(),
        y_title.as_deref(),
        &value,
    );
    let mut downloads = vec![Download {
        file: format!("{file}.svg"),
        label: t.download_svg.clone(),
        media_type: "image/svg+xml",
    }];
    if ctx.png {
        downloads.push(Download {
            file: format!("{file}.png"),
            label: t.download_png.clone(),
            media_type: "image/png",
        });
    }
    downloads.push(Download {
        file: format!("{file}.csv"),
        label: t.download_csv.clone(),
        media_type: "text/csv",
    });
    let files = vec![
        (format!("{file}.svg"), svg.clone().into_bytes()),
        (format!("{file}.csv"), csv.into_bytes()),
    ];
    Ok(Output {
        figure: Figure {
            kind: FigureKind::Chart,
            chart_type: Some(spec.kind.key()),
            id,
            number: place.number.to_string(),
            title,
            svg: Some(svg),
            svg_narrow: Some(svg_narrow),
            table,
            note: with_marker_note(spec.caption.clone(), &model, t),
            privacy_note: (hidden.0 > 0).then(|| privacy_note_text(hidden.1, d.min_count, t)),
            source: source(d, ctx),
            downloads,
        },
        files,
        dataset: d.name.clone(),
    })
}

/// The model drawn as SVG in `frame`, as the block's spec asks.
fn draw_model(
    frame: &draw::Frame,
    model: &Model,
    spec: &ChartSpec,
    t: &insikt_core::language::UiStrings,
    lang: Language,
    x_unit: Option<&str>,
) -> String {
    match (model, spec.kind) {
        (Model::Matrix(m), ChartKind::Line) => draw::lines(frame, m, spec.y_range),
        (Model::Matrix(m), kind) => draw::bars(
            frame,
            m,
            kind == ChartKind::StackedBar,
            spec.orientation,
            spec.y_range
                .or((kind == ChartKind::StackedBar && spec.percent).then_some([0.0, 100.0])),
        ),
        (Model::Points(p, _), _) => draw::scatter(
            frame,
            &|v, dec| lang.format_with_unit(v, dec, x_unit),
            p,
            spec.quadrants.map(|q| (q.x, q.y)),
            spec.x_range,
            spec.y_range,
        ),
        (Model::Likert(panels), _) => draw::likert(
            frame,
            panels,
            &t.agree_share,
            spec.dont_know.as_deref(),
            &|v| lang.format_with_unit(v, 0, Some("%")),
        ),
    }
}

/// How many values of the model are hidden, and whether any of them is secondary.
fn hidden_kinds(model: &Model) -> (usize, bool) {
    let cells: Vec<Suppression> = match model {
        Model::Matrix(m) => m.hidden.iter().flatten().flatten().copied().collect(),
        Model::Points(_, hidden) => hidden
            .iter()
            .flat_map(|p| [&p.x, &p.y])
            .filter_map(|v| match v {
                Value::Suppressed(why) => Some(*why),
                _ => None,
            })
            .collect(),
        Model::Likert(panels) => panels
            .iter()
            .flat_map(|p| p.matrix.hidden.iter().flatten().chain(&p.dont_know_hidden))
            .flatten()
            .copied()
            .collect(),
    };
    (cells.len(), cells.contains(&Suppression::Secondary))
}

/// Replaces each category's values by their share of the category's total, in per cent.
fn to_percent(m: &mut Matrix) {
    for c in 0..m.categories.len() {
        let total: f64 = m.values.iter().filter_map(|s| s[c]).sum();
        for s in &mut m.values {
            if let Some(v) = s[c].as_mut() {
                *v = if total == 0.0 {
                    0.0
                } else {
                    *v / total * 100.0
                };
            }
        }
    }
}

/// The one-sentence summary for `<desc>`.
fn describe(
    model: &Model,
    title: &str,
    t: &insikt_core::language::UiStrings,
    value: &dyn Fn(f64) -> String,
    point_text: &dyn Fn(&model::Point) -> String,
    lang: Language,
) -> String {
    let fill = |template: &str, pairs: &[(&str, String)]| {
        let mut s = template.replace("{title}", title.trim_end_matches('.'));
        for (k, v) in pairs {
            s = s.replace(&format!("{{{k}}}"), v);
        }
        s
    };
    match model {
        Model::Matrix(m) => {
            let mut all: Vec<(String, f64)> = Vec::new();
            for (s, series) in m.values.iter().enumerate() {
                for (c, v) in series.iter().enumerate() {
                    if let Some(v) = v {
                        let label = if m.series.len() > 1 {
                            format!("{} – {}", m.categories[c], m.series[s])
                        } else {
                            m.categories[c].clone()
                        };
                        all.push((label, *v));
                    }
                }
            }
            let max = all
                .iter()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .cloned()
                .unwrap_or_default();
            let min = all
                .iter()
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .cloned()
                .unwrap_or_default();
            fill(
                &t.desc_values,
                &[
                    ("n", all.len().to_string()),
                    ("max_label", max.0),
                    ("max", value(max.1)),
                    ("min_label", min.0),
                    ("min", value(min.1)),
                ],
            )
        }
        Model::Points(points, _) => {
            let list: Vec<String> = points.iter().take(10).map(point_text).collect();
            fill(
                &t.desc_points,
                &[("n", points.len().to_string()), ("points", list.join(", "))],
            )
        }
        Model::Likert(panels) => {
            let mut best = (String::new(), f64::NEG_INFINITY);
            let mut n = 0;
            for p in panels {
                let from = draw::agree_from(p.matrix.series.len());
                for (c, item) in p.matrix.categories.iter().enumerate() {
                    n += 1;
                    let values = p.matrix.column(c);
                    let total: f64 = values.iter().sum();
                    if total > 0.0 {
                        let share = values[from..].iter().sum::<f64>() / total * 100.0;
                        if share > best.1 {
                            best = (item.clone(), share);
                        }
                    }
                }
            }
            fill(
                &t.desc_likert,
                &[
                    ("n", n.to_string()),
                    ("max_label", best.0),
                    ("max", lang.format_with_unit(best.1.max(0.0), 0, Some("%"))),
                ],
            )
        }
    }
}

/// The chart's data table and the CSV of exactly the plotted numbers.
#[allow(clippy::too_many_arguments)]
fn data_table(
    model: &Model,
    spec: &ChartSpec,
    d: &Dataset,
    ctx: &DirectiveContext,
    x_title: Option<&str>,
    y_title: Option<&str>,
    value: &dyn Fn(f64) -> String,
) -> (DataTable, String) {
    let mut header: Vec<String> = Vec::new();
    let mut rows: Vec<(Vec<String>, Vec<Value>)> = Vec::new();
    let cell = |v: Option<f64>, why: Option<Suppression>| match (v, why) {
        (_, Some(why)) => Value::Suppressed(why),
        (Some(v), None) => Value::Number(v),
        (None, None) => Value::Missing,
    };
    let label_of = |key: &Option<String>| {
        key.as_deref()
            .and_then(|k| d.column_index(k))
            .map(|c| d.fields[c].label().to_string())
            .unwrap_or_default()
    };
    let mut row_headers = 1;
    // The publisher's marker of each value, where a matrix has one (shown for a missing value).
    let mut row_markers: Vec<Vec<Option<(String, MarkerMeaning)>>> = Vec::new();
    let mut cell_fmt: Vec<Box<dyn Fn(f64) -> String + '_>> = Vec::new();
    match model {
        Model::Matrix(m) => {
            header.push(x_title.unwrap_or("").to_string());
            if m.series.len() > 1 {
                header.extend(m.series.iter().cloned());
            } else {
                header.push(y_title.unwrap_or("").to_string());
            }
            for (c, cat) in m.categories.iter().enumerate() {
                let values = m
                    .values
                    .iter()
                    .zip(&m.hidden)
                    .map(|(v, h)| cell(v[c], h[c]))
                    .collect();
                rows.push((vec![cat.clone()], values));
                row_markers.push(m.markers.iter().map(|s| s[c].clone()).collect());
            }
        }
        Model::Points(points, hidden) => {
            header.push(label_of(&spec.label));
            header.push(
                x_title
                    .map(str::to_string)
                    .unwrap_or_else(|| label_of(&spec.x)),
            );
            header.push(
                y_title
                    .map(str::to_string)
                    .unwrap_or_else(|| label_of(&spec.y)),
            );
            for p in points {
                rows.push((
                    vec![p.label.clone()],
                    vec![Value::Number(p.x), Value::Number(p.y)],
                ));
            }
            for p in hidden {
                rows.push((vec![p.label.clone()], vec![p.x, p.y]));
            }
            let drawn = model::filter_rows(d, &spec.filter).unwrap_or_default();
            for key in [&spec.x, &spec.y] {
                let (unit, dec) = key
                    .as_deref()
                    .and_then(|k| d.column_index(k))
                    .map(|c| (d.unit(c, &drawn).map(str::to_string), d.decimals(c, &drawn)))
                    .unwrap_or((None, 0));
                let lang = ctx.language;
                cell_fmt.push(Box::new(move |v| {
                    lang.format_with_unit(v, dec, unit.as_deref())
                }));
            }
        }
        Model::Likert(panels) => {
            let grouped = panels.iter().any(|p| p.group.is_some());
            if grouped {
                header.push(label_of(&spec.group));
                row_headers = 2;
            }
            header.push(x_title.unwrap_or("").to_string());
            if let Some(p) = panels.first() {
                header.extend(p.matrix.series.iter().cloned());
            }
            if let Some(dk) = &spec.dont_know {
                header.push(dk.clone());
            }
            for p in panels {
                for (c, item) in p.matrix.categories.iter().enumerate() {
                    let mut heads = Vec::new();
                    if grouped {
                        heads.push(p.group.clone().unwrap_or_default());
                    }
                    heads.push(item.clone());
                    let mut values: Vec<Value> = p
                        .matrix
                        .values
                        .iter()
                        .zip(&p.matrix.hidden)
                        .map(|(v, h)| cell(v[c], h[c]))
                        .collect();
                    if spec.dont_know.is_some() {
                        values.push(cell(p.dont_know[c], p.dont_know_hidden[c]));
                    }
                    rows.push((heads, values));
                }
            }
        }
    }
    let header_cells = header
        .iter()
        .enumerate()
        .map(|(i, h)| HeaderCell {
            text: h.clone(),
            numeric: i >= row_headers,
        })
        .collect();
    let mut csv = String::new();
    published_csv::write_row(&mut csv, ',', header.iter().map(|h| Cell::Text(h)));
    let mut table_rows = Vec::with_capacity(rows.len());
    for (r, (heads, values)) in rows.iter().enumerate() {
        let mut cells: Vec<figure::Cell> = heads
            .iter()
            .map(|h| figure::Cell {
                header: true,
                ..text_cell(h.clone(), false)
            })
            .collect();
        for (i, v) in values.iter().enumerate() {
            cells.push(match v {
                Value::Number(v) => text_cell(
                    match cell_fmt.get(i) {
                        Some(f) => f(*v),
                        None => value(*v),
                    },
                    true,
                ),
                Value::Suppressed(why) => hidden_cell(*why, d.min_count, true, ctx),
                _ => match row_markers.get(r).and_then(|m| m.get(i)).cloned().flatten() {
                    Some((marker, _)) => figure::Cell {
                        text: marker,
                        ..missing_cell(true)
                    },
                    None => missing_cell(true),
                },
            });
        }
        table_rows.push(cells);
        let numbers: Vec<String> = values
            .iter()
            .map(|v| match v {
                Value::Number(v) => format!("{v}"),
                Value::Suppressed(why) => why.marker(d.min_count),
                _ => String::new(),
            })
            .collect();
        published_csv::write_row(
            &mut csv,
            ',',
            heads
                .iter()
                .map(|h| Cell::Text(h))
                .chain(numbers.iter().map(|n| Cell::Plain(n))),
        );
    }
    (
        DataTable {
            header: header_cells,
            rows: table_rows,
        },
        csv,
    )
}

/// A small horizontal bar chart of a categorical field's frequencies (codebook pages),
/// drawn at the phone width: its frame is narrow on every screen.
pub fn frequency_chart(
    id: &str,
    title: &str,
    frequencies: &[(String, usize)],
    lang: Language,
    strings: &insikt_core::language::UiStrings,
) -> String {
    let matrix = Matrix::new(
        frequencies.iter().map(|(k, _)| k.clone()).collect(),
        vec![String::new()],
        vec![frequencies.iter().map(|(_, n)| Some(*n as f64)).collect()],
    );
    let value = |v: f64| lang.format_number(v, 0);
    let tick = |v: f64, d: usize| lang.format_number(v, d);
    let desc = describe(
        &Model::Matrix(matrix.clone()),
        title,
        strings,
        &value,
        &|p| p.label.clone(),
        lang,
    );
    let frame = draw::Frame {
        id,
        title,
        desc: &desc,
        x_title: None,
        y_title: None,
        value: &value,
        tick: &tick,
        marker: &|why| why.marker(0),
        missing: draw::MISSING,
        width: draw::NARROW_WIDTH,
    };
    // Counts: whole-number ticks, at least 0–5.
    let most = frequencies.iter().map(|(_, n)| *n).max().unwrap_or(0) as f64;
    let top = insikt_core::scale::nice_scale(0.0, most).1.max(5.0);
    draw::bars(
        &frame,
        &matrix,
        false,
        spec::Orientation::Horizontal,
        Some([0.0, top]),
    )
}
