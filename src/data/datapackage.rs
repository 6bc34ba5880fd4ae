//! The Frictionless Data Package (v2) describing every dataset, written as
//! `data/datapackage.json`, and the schema.org `Dataset` JSON-LD of a codebook page.

use super::{Dataset, Datasets};
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
            m.insert("name".into(), json!(f.name));
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
    let mut missing = c.missing_values.clone().unwrap_or_else(|| {
        super::DEFAULT_MISSING
            .iter()
            .map(|s| s.to_string())
            .collect()
    });
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
    serde_json::to_string(&Value::Object(m))
        .unwrap_or_default()
        .replace("</", "<\\/")
}
