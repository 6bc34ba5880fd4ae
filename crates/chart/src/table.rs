//! The ```` ```table ```` directive: chosen columns of a dataset, filtered and sorted,
//! numbers right-aligned and formatted for the language, units in the headers, with a
//! numbered caption and the source line.

use super::spec::TableSpec;
use super::{
    dataset, hidden_cell, missing_cell, model, parse_yaml, privacy_note, source_line,
    DirectiveContext, Output, SpecError,
};
use insikt_core::html::escape;
use insikt_data::privacy::Suppression;
use insikt_data::Value;
use std::fmt::Write;

/// Renders a ```` ```table ```` block as table number `number` of its page.
pub fn render_table(
    body: &str,
    number: usize,
    ctx: &DirectiveContext,
) -> Result<Output, SpecError> {
    let spec: TableSpec = parse_yaml(body)?;
    let d = dataset(ctx.datasets, &spec.data)?;
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
    let t = ctx.strings;
    let title = spec.title.clone().unwrap_or_else(|| d.title().to_string());
    let id = format!("tabell-{number}");
    let mut html = String::new();
    let _ = write!(
        html,
        "<figure class=\"data-table\" id=\"{id}\">\n<figcaption class=\"chart-caption\" id=\"{id}-caption\"><span class=\"chart-number\">{} {number}.</span> {}</figcaption>\n<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"{id}-caption\"><table class=\"insikt-table\"><thead><tr>",
        &t.table_label,
        escape(&title)
    );
    for &c in &columns {
        let f = &d.fields[c];
        let class = if f.kind.is_numeric() {
            " class=\"num\""
        } else {
            ""
        };
        let header = match &f.unit {
            Some(u) if !f.label().to_lowercase().contains(&u.to_lowercase()) => {
                format!("{} ({u})", f.label())
            }
            _ => f.label().to_string(),
        };
        let _ = write!(html, "<th scope=\"col\"{class}>{}</th>", escape(&header));
    }
    html.push_str("</tr></thead><tbody>");
    let mut hidden = Vec::new();
    for &r in &rows {
        html.push_str("<tr>");
        for &c in &columns {
            let f = &d.fields[c];
            let cell = match &d.columns[c].get(r) {
                Value::Missing => missing_cell(ctx),
                Value::Suppressed(why) => {
                    hidden.push(*why);
                    hidden_cell(*why, d.min_count, ctx)
                }
                _ => escape(&d.display(c, r, ctx.language)),
            };
            if f.kind.is_numeric() {
                let _ = write!(html, "<td class=\"num\">{cell}</td>");
            } else {
                let _ = write!(html, "<td>{cell}</td>");
            }
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table></div>\n");
    if let Some(c) = &spec.caption {
        let _ = writeln!(html, "<p class=\"chart-note\">{}</p>", escape(c));
    }
    if !hidden.is_empty() {
        let secondary = hidden.contains(&Suppression::Secondary);
        html.push_str(&privacy_note(secondary, d.min_count, ctx));
    }
    html.push_str(&source_line(d, ctx));
    html.push_str("\n</figure>\n");
    Ok(Output {
        html,
        files: Vec::new(),
        dataset: d.name.clone(),
    })
}
