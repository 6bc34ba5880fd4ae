//! The ```` ```table ```` directive: chosen columns of a dataset, filtered and sorted,
//! numbers right-aligned and formatted for the language, units in the headers, with a
//! numbered caption and the source line.

use super::figure::{Cell, DataTable, Figure, FigureKind, HeaderCell};
use super::spec::TableSpec;
use super::{
    dataset, hidden_cell, missing_cell, model, parse_yaml, privacy_note_text, source, text_cell,
    DirectiveContext, Output, Place, SpecError,
};
use insikt_data::privacy::Suppression;
use insikt_data::Value;

/// Makes a ```` ```table ```` block into the table at `place`.
pub fn render_table(body: &str, place: Place, ctx: &DirectiveContext) -> Result<Output, SpecError> {
    let spec: TableSpec = parse_yaml(body)?;
    let d = dataset(ctx.datasets, &spec.data)?;
    if let Some(n) = spec.decimals.filter(|&n| n > super::spec::MAX_DECIMALS) {
        return Err(SpecError::new(
            format!("`decimals: {n}` is more than a table can show"),
            format!("give at most {}", super::spec::MAX_DECIMALS),
        ));
    }
    let columns: Vec<usize> = match &spec.columns {
        Some(names) => names
            .iter()
            .map(|n| model::column(d, "columns", n))
            .collect::<Result<_, _>>()?,
        None => (0..d.fields.len()).collect(),
    };
    let mut rows = model::filter_rows(d, &spec.filter)?;
    if let Some(sort) = &spec.sort {
        let (name, descending) = match sort.strip_prefix('-') {
            Some(n) => (n, true),
            None => (sort.as_str(), false),
        };
        let c = model::column(d, "sort", name)?;
        let values = &d.columns[c];
        rows.sort_by(|&a, &b| {
            let ord = match (&values.get(a), &values.get(b)) {
                (Value::Number(x), Value::Number(y)) => x.total_cmp(y),
                (Value::Text(x), Value::Text(y)) => x.cmp(y),
                // Hidden counts sort with the missing values, so their place says nothing.
                (Value::Missing | Value::Suppressed(_), Value::Missing | Value::Suppressed(_)) => {
                    std::cmp::Ordering::Equal
                }
                (Value::Missing | Value::Suppressed(_), _) => std::cmp::Ordering::Greater,
                (_, Value::Missing | Value::Suppressed(_)) => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Equal,
            };
            if descending {
                ord.reverse()
            } else {
                ord
            }
        });
    }
    let header = columns
        .iter()
        .map(|&c| {
            let f = &d.fields[c];
            let text = match &f.unit {
                Some(u) if !f.label().to_lowercase().contains(&u.to_lowercase()) => {
                    format!("{} ({u})", f.label())
                }
                _ => f.label().to_string(),
            };
            HeaderCell {
                text,
                numeric: f.kind.is_numeric(),
            }
        })
        .collect();
    let mut hidden = Vec::new();
    let rows = rows
        .iter()
        .map(|&r| {
            columns
                .iter()
                .map(|&c| {
                    let numeric = d.fields[c].kind.is_numeric();
                    match &d.columns[c].get(r) {
                        // A publisher's marker (`..`, `:`) is shown as written.
                        Value::Missing => Cell {
                            text: d.display(c, r, ctx.language),
                            ..missing_cell(numeric)
                        },
                        Value::Suppressed(why) => {
                            hidden.push(*why);
                            hidden_cell(*why, d.min_count, numeric, ctx)
                        }
                        _ => text_cell(d.display_with(c, r, ctx.language, spec.decimals), numeric),
                    }
                })
                .collect::<Vec<Cell>>()
        })
        .collect();
    let privacy_note = (!hidden.is_empty()).then(|| {
        let secondary = hidden.contains(&Suppression::Secondary);
        privacy_note_text(secondary, d.min_count, ctx.strings)
    });
    Ok(Output {
        figure: Figure {
            kind: FigureKind::Table,
            chart_type: None,
            id: spec
                .id
                .clone()
                .unwrap_or_else(|| format!("tabell-{}", place.on_page)),
            number: place.number.to_string(),
            title: spec.title.clone().unwrap_or_else(|| d.title().to_string()),
            svg: None,
            svg_narrow: None,
            table: DataTable { header, rows },
            note: spec.caption.clone(),
            privacy_note,
            source: source(d, ctx),
            downloads: Vec::new(),
        },
        files: Vec::new(),
        dataset: d.name.clone(),
    })
}
