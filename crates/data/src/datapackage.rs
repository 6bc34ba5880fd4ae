//! The Frictionless Data Package (v2) describing every dataset, written as
//! `data/datapackage.json`, and the schema.org `Dataset` JSON-LD of a codebook page.

use super::{Dataset, Datasets};
use crate::published_csv::published_text;
use serde_json::{json, Map, Value};

/// The `datapackage.json` for all datasets, pretty-printed.
pub fn datapackage(datasets: &Datasets, title: &str) -> String {
    let resources: Vec<Value> = datasets.by_name.values().map(resource).collect();
    let package = json!({
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "insikt-report-data",
        "title": title,
        "resources": resources,
    });
    serde_json::to_string_pretty(&package).unwrap_or_default() + "\n"
}

fn resource(d: &Dataset) -> Value {
    let c = &d.codebook;
    let mut r = Map::new();
    r.insert("name".into(), json!(d.name));
    r.insert("path".into(), json!(format!("{}.csv", d.name)));
    r.insert("format".into(), json!("csv"));
    r.insert("mediatype".into(), json!("text/csv"));
    r.insert("encoding".into(), json!("utf-8"));
    r.insert("title".into(), json!(d.title()));
    if let Some(v) = &c.description {
        r.insert("description".into(), json!(v));
    }
    if let Some(v) = &c.source {
        r.insert("sources".into(), json!([{ "title": v }]));
    }
    if let Some(v) = &c.license {
        r.insert("licenses".into(), json!([{ "name": v }]));
    }
    r.insert(
        "dialect".into(),
        json!({ "delimiter": (d.detected.delimiter.byte() as char).to_string(), "header": true }),
    );
    let fields: Vec<Value> = d
        .fields
        .iter()
        .map(|f| {
            let mut m = Map::new();
            m.insert("name".into(), json!(published_text(&f.name)));
            m.insert("type".into(), json!(f.kind.key()));
            if let Some(t) = &f.title {
                m.insert("title".into(), json!(t));
            }
            if let Some(t) = &f.description {
                m.insert("description".into(), json!(t));
            }
            if let Some(cats) = &f.categories {
                m.insert("categories".into(), json!(cats));
            }
            if f.kind == super::FieldType::Number && d.detected.decimal != '.' {
                m.insert("decimalChar".into(), json!(d.detected.decimal.to_string()));
            }
            if let Some(u) = &f.unit {
                m.insert("x-unit".into(), json!(u));
            }
            Value::Object(m)
        })
        .collect();
    // Every marker, a zero too: the package's readers see no number in its cells.
    let declared: Vec<String> = super::marker::markers(
        c.missing_values.as_deref(),
        &c.markers.clone().into_iter().collect::<Vec<_>>(),
    )
    .into_iter()
    .map(|(m, _)| m)
    .collect();
    let mut missing: Vec<String> = declared
        .iter()
        .map(|m| published_text(m).into_owned())
        .collect();
    // Hidden counts are published as their markers; readers of the package see no value.
    for s in &d.suppressed {
        let marker = s.why.marker(d.min_count);
        if !missing.contains(&marker) {
            missing.push(marker);
        }
    }
    r.insert(
        "schema".into(),
        json!({ "fields": fields, "missingValues": missing }),
    );
    Value::Object(r)
}

/// The schema.org `Dataset` JSON-LD for a codebook page, safe to put in a `<script>`.
pub fn json_ld(d: &Dataset, csv_href: &str) -> String {
    let c = &d.codebook;
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert("@type".into(), json!("Dataset"));
    m.insert("name".into(), json!(d.title()));
    m.insert(
        "description".into(),
        json!(c.description.as_deref().unwrap_or(d.title())),
    );
    if let Some(v) = &c.license {
        m.insert("license".into(), json!(v));
    }
    if let Some(v) = &c.owner {
        m.insert(
            "creator".into(),
            json!({ "@type": "Organization", "name": v }),
        );
    }
    if let Some(v) = c.updated {
        m.insert("dateModified".into(), json!(v.to_string()));
    }
    m.insert(
        "variableMeasured".into(),
        json!(d.fields.iter().map(|f| f.label()).collect::<Vec<_>>()),
    );
    m.insert(
        "distribution".into(),
        json!([{ "@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": csv_href }]),
    );
    script_safe(&serde_json::to_string(&Value::Object(m)).unwrap_or_default())
}

/// JSON that can stand inside a `<script>` element: `<`, `>` and `&` (which only occur
/// inside strings) as `\u003c`, `\u003e`, `\u0026`, so no text from a codebook can close
/// the element or open an HTML comment (`<!--`) that hides the rest of the page.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::script_safe;

    #[test]
    fn script_safe_json_has_no_markup_characters_and_reads_back_the_same() {
        let json =
            serde_json::to_string(&serde_json::json!({"name": "<!--<script>a & b</script>"}))
                .unwrap();
        let safe = script_safe(&json);
        assert!(!safe.contains(['<', '>', '&']), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], "<!--<script>a & b</script>");
    }
}
