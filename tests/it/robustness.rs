//! No input makes insikt panic: random projects (datasets with their codebooks and chart
//! and table blocks; pages with front matter and links; question sets; glossaries) go
//! through `Site::load`, `Site::check` and the search index in-process. Errors are fine;
//! a panic fails the property.
//!
//! The input is random but shaped like the real thing (YAML in JSON's flow style built from
//! generated values, CSV cells of the column's type, real column names in chart keys), so
//! it gets past the parsers into charts, privacy and rendering; a share of it is noise.

use insikt::site::Site;
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use std::path::Path;

/// Cases per property: enough to reach the odd corners, few enough that the whole file
/// runs in seconds in a release build.
const CASES: u32 = 96;

// ---------------------------------------------------------------- values

/// Ordinary labels, as categories, answers and titles are written.
fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(vec![
            "Karlstad", "Arvika", "Kil", "Totalt", "Ja", "Nej", "Vet inte", "Instämmer helt",
            "Instämmer delvis", "Kvinnor", "Män", "Värmland – öst", "Små & stora", "a;b",
            "\"citat\"", "=HYPERLINK(\"x\")", "+SUM(1)", "@x", "-2+3", "<script>", "<!--",
            "javascript:alert(1)", "×", "<5", "١٢٣", "Dataläskunnighet",
        ])
        .prop_map(String::from),
        2 => "[A-Za-zÅÄÖåäöæøÆØ][A-Za-zÅÄÖåäöæø0-9 ,.()&'=+/-]{0,20}",
        1 => (1usize..4).prop_map(|k| "Långt ord utan slut ".repeat(k * 170)),
    ]
}

/// Any text at all, for the share of input that is noise.
fn noise() -> impl Strategy<Value = String> {
    prop_oneof![
        label(),
        any::<String>().prop_map(|s| s.chars().take(40).collect()),
        prop::sample::select(vec!["", " ", "-", "..", "NA", "rad\nbrytning", "\u{0}"])
            .prop_map(String::from),
    ]
}

/// A YAML number, odd ones included (`.nan` and infinities are YAML-only).
fn yaml_number() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (-100i64..1000).prop_map(|n| n.to_string()),
        1 => prop::sample::select(vec![
            "0", "-1e308", "1e308", "5e-324", "1e-300", "1.5", "-0.5", ".nan", ".inf", "-.inf",
            "1e400", "100000000000",
        ])
        .prop_map(String::from),
    ]
}

// ---------------------------------------------------------------- datasets

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Number,
    Integer,
    Boolean,
    Date,
    Year,
    Yearmonth,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::Text => "string",
            Kind::Number => "number",
            Kind::Integer => "integer",
            Kind::Boolean => "boolean",
            Kind::Date => "date",
            Kind::Year => "year",
            Kind::Yearmonth => "yearmonth",
        }
    }

    fn numeric(self) -> bool {
        matches!(self, Kind::Number | Kind::Integer)
    }
}

/// A cell of `kind` that reads as that type (or as a missing value).
fn valid_cell(kind: Kind, decimal: char) -> BoxedStrategy<String> {
    let pick = |v: Vec<&'static str>| prop::sample::select(v).prop_map(String::from).boxed();
    let missing = pick(vec!["", "..", "-", "NA"]);
    let typed = match kind {
        Kind::Text => label().boxed(),
        Kind::Integer => prop_oneof![
            6 => (0i64..40).prop_map(|n| n.to_string()),
            1 => (-1000i64..100_000).prop_map(|n| n.to_string()),
            1 => pick(vec!["1 234", "\u{2212}7", "+5", "0", "99999999999999999999999999"]),
            1 => Just("9".repeat(400)),
        ]
        .boxed(),
        Kind::Number => prop_oneof![
            3 => (0i64..40).prop_map(|n| n.to_string()),
            3 => (-1.0e4f64..1.0e4)
                .prop_map(move |v| format!("{v:.2}").replace('.', &decimal.to_string())),
            1 => Just(format!("0{decimal}{}1", "0".repeat(330))),
            1 => pick(vec!["1 234", "\u{2212}7", "-0", "1e5"]),
        ]
        .boxed(),
        Kind::Boolean => pick(vec!["ja", "nej", "1", "0", "true", "false"]),
        Kind::Date => pick(vec!["2023-01-31", "2024-02-29", "2022-12-01"]),
        Kind::Year => pick(vec!["2019", "2020", "2021", "2022", "2023"]),
        Kind::Yearmonth => pick(vec!["2023-01", "2023-12", "2024-06"]),
    };
    prop_oneof![8 => typed, 1 => missing].boxed()
}

#[derive(Debug, Clone)]
struct Column {
    name: String,
    kind: Kind,
    role: Option<&'static str>,
    unit: Option<String>,
    categories: bool,
    total: bool,
    cells: Vec<String>,
}

fn column(rows: usize, decimal: char, broken: bool) -> impl Strategy<Value = Column> {
    let names = prop_oneof![
        6 => prop::sample::select(vec![
            "kommun", "ar", "varde", "antal", "kategori", "svar", "pastaende", "grupp",
            "kvinnor", "man", "totalt", "andel",
        ])
        .prop_map(String::from),
        1 => label(),
    ];
    let kind = prop::sample::select(vec![
        Kind::Text,
        Kind::Text,
        Kind::Number,
        Kind::Integer,
        Kind::Integer,
        Kind::Boolean,
        Kind::Date,
        Kind::Year,
        Kind::Yearmonth,
    ]);
    (
        names,
        kind,
        prop::sample::select(vec![
            None,
            Some("count"),
            Some("measure"),
            Some("dimension"),
        ]),
        prop::option::weighted(0.3, prop_oneof![Just("%".to_string()), label()]),
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.1),
    )
        .prop_flat_map(move |(name, kind, role, unit, categories, total)| {
            let cell = if broken {
                prop_oneof![12 => valid_cell(kind, decimal), 1 => noise().boxed()].boxed()
            } else {
                valid_cell(kind, decimal)
            };
            prop::collection::vec(cell, rows).prop_map(move |cells| Column {
                name: name.clone(),
                kind,
                // A count must be a number field: only broken input says otherwise.
                role: role.filter(|r| broken || *r != "count" || kind.numeric()),
                unit: unit.clone(),
                categories,
                total,
                cells,
            })
        })
}

#[derive(Debug, Clone)]
struct DatasetFiles {
    csv: Vec<u8>,
    codebook: Option<String>,
    /// Column names with their kinds.
    columns: Vec<(String, Kind)>,
    /// Values found in the cells, for filters and `order`.
    values: Vec<String>,
}

fn dataset() -> impl Strategy<Value = DatasetFiles> {
    let rows = prop_oneof![10 => 0usize..14, 1 => Just(1000usize)];
    let delimiter = prop::sample::select(vec![b';', b',', b'\t']);
    let decimal = prop::sample::select(vec![',', '.']);
    let broken = prop::bool::weighted(0.2);
    (rows, delimiter, decimal, broken)
        .prop_flat_map(|(rows, delimiter, decimal, broken)| {
            (
                prop::collection::vec(column(rows, decimal, broken), 1..6),
                Just(delimiter),
                Just(decimal),
                codebook_extras(),
                prop::option::of(prop::collection::vec(any::<u8>(), 0..200)),
                any::<bool>(),
                Just(broken),
            )
        })
        .prop_map(
            |(mut columns, delimiter, decimal, extras, noise, ragged, broken)| {
                // Only broken input has trailing bytes or a row too short.
                let noise = noise.filter(|_| broken);
                let ragged = ragged && broken;
                // Header names are unique, as the loader demands.
                for i in 0..columns.len() {
                    if columns[..i].iter().any(|c| c.name == columns[i].name) {
                        columns[i].name = format!("{}_{i}", columns[i].name);
                    }
                }
                let mut csv = Vec::new();
                write_record(&mut csv, delimiter, columns.iter().map(|c| c.name.as_str()));
                let rows = columns[0].cells.len();
                for r in 0..rows {
                    let mut record: Vec<&str> =
                        columns.iter().map(|c| c.cells[r].as_str()).collect();
                    if ragged && r == rows / 2 {
                        record.pop();
                    }
                    write_record(&mut csv, delimiter, record);
                }
                if let Some(noise) = noise {
                    csv.extend(noise);
                }
                let distinct = |c: &Column| {
                    let mut v: Vec<String> = Vec::new();
                    for cell in &c.cells {
                        let cell = cell.trim().to_string();
                        if !["", "..", "-", "NA"].contains(&cell.as_str()) && !v.contains(&cell) {
                            v.push(cell);
                        }
                    }
                    v
                };
                let fields: Vec<Value> = columns
                    .iter()
                    .map(|c| {
                        let mut f = Map::new();
                        f.insert("name".into(), json!(c.name));
                        f.insert("type".into(), json!(c.kind.key()));
                        if let Some(r) = c.role {
                            f.insert("role".into(), json!(r));
                        }
                        if let Some(u) = &c.unit {
                            f.insert("unit".into(), json!(u));
                        }
                        let values = distinct(c);
                        if c.categories && c.kind == Kind::Text {
                            let mut cats = values.clone();
                            cats.reverse();
                            f.insert("categories".into(), json!(cats));
                        }
                        if c.total && !c.kind.numeric() {
                            if let Some(t) = values.first() {
                                f.insert("total".into(), json!(t));
                            }
                        }
                        Value::Object(f)
                    })
                    .collect();
                let codebook = extras.map(|mut extras| {
                    extras.insert("fields".into(), Value::Array(fields));
                    extras.insert("decimal".into(), json!(decimal.to_string()));
                    serde_json::to_string_pretty(&Value::Object(extras)).unwrap()
                });
                let values = columns
                    .iter()
                    .flat_map(|c| c.cells.iter().take(5).cloned())
                    .collect();
                DatasetFiles {
                    csv,
                    codebook,
                    columns: columns.iter().map(|c| (c.name.clone(), c.kind)).collect(),
                    values,
                }
            },
        )
}

/// The codebook's keys besides `fields`; `None`: no codebook (it is inferred).
fn codebook_extras() -> impl Strategy<Value = Option<Map<String, Value>>> {
    prop::option::weighted(
        0.85,
        (
            label(),
            prop::option::of(3u32..12),
            any::<bool>(),
            prop::option::weighted(0.2, prop::collection::vec(label(), 0..3)),
            prop::option::weighted(
                0.05,
                prop::collection::vec(
                    prop::sample::select(vec!["totalt", "kvinnor", "antal"]),
                    1..3,
                ),
            ),
        )
            .prop_map(|(title, min_count, zeros, missing, totals)| {
                let mut m = Map::new();
                m.insert("title".into(), json!(title));
                m.insert("source".into(), json!("Påhittat"));
                if let Some(n) = min_count {
                    m.insert("min_count".into(), json!(n));
                }
                m.insert("suppress_zeros".into(), json!(zeros));
                if let Some(mut mv) = missing {
                    mv.extend(["", "..", "-", "NA"].map(String::from));
                    m.insert("missing_values".into(), json!(mv));
                }
                if let Some(t) = totals {
                    m.insert("totals".into(), json!(t));
                }
                m
            }),
    )
}

// ---------------------------------------------------------------- chart and table blocks

/// A chart or table block's YAML for a dataset with `columns`: mostly keys that fit the
/// chart type and the columns' kinds, sometimes any column for any key.
fn block(columns: Vec<(String, Kind)>, values: Vec<String>) -> impl Strategy<Value = String> {
    let names: Vec<String> = columns.iter().map(|(n, _)| n.clone()).collect();
    let numeric: Vec<String> = columns
        .iter()
        .filter(|(_, k)| k.numeric())
        .map(|(n, _)| n.clone())
        .collect();
    let numeric = if numeric.is_empty() {
        names.clone()
    } else {
        numeric
    };
    let mut any_column = names.clone();
    any_column.push("finns_inte".into());
    let value = if values.is_empty() {
        label().boxed()
    } else {
        prop_oneof![3 => prop::sample::select(values), 1 => label()].boxed()
    };
    let chart_type = prop::sample::select(vec![
        "bar",
        "grouped-bar",
        "stacked-bar",
        "likert",
        "line",
        "scatter",
    ]);
    let range = || {
        prop::option::weighted(
            0.2,
            prop_oneof![
                4 => (-1000i64..1000, 1i64..1000).prop_map(|(lo, span)| (lo.to_string(), (lo + span).to_string())),
                1 => (yaml_number(), yaml_number()),
            ],
        )
    };
    let fitting = (
        prop::sample::select(names.clone()),
        prop::sample::select(numeric.clone()),
        prop::sample::select(names.clone()),
        prop::sample::select(numeric),
    );
    let random_keys = prop::collection::vec(
        (
            prop::sample::select(vec![
                "x",
                "y",
                "series",
                "label",
                "item",
                "category",
                "group",
                "dont_know",
            ]),
            prop::sample::select(any_column),
        ),
        0..2,
    );
    (
        prop::bool::weighted(0.8),
        chart_type,
        fitting,
        prop_oneof![3 => Just(Vec::new()), 1 => random_keys],
        prop::collection::vec((prop::sample::select(names), value.clone()), 0..2),
        (range(), range()),
        prop::option::weighted(0.2, 0usize..14),
        prop::option::weighted(
            0.5,
            (
                any::<bool>(),
                prop::sample::select(vec!["none", "ascending", "descending"]),
                prop::sample::select(vec!["vertical", "horizontal"]),
                prop::collection::vec(value.clone(), 0..4),
                prop::option::of(label()),
                prop::option::of((yaml_number(), yaml_number())),
                prop::option::of(label()),
            ),
        ),
    )
        .prop_map(
            move |(
                is_chart,
                kind,
                (a, n1, b, n2),
                keys,
                filter,
                (x_range, y_range),
                decimals,
                extra,
            )| {
                let mut pairs: Vec<(String, String)> = Vec::new();
                if is_chart {
                    let fitting: Vec<(&str, &String)> = match kind {
                        "scatter" => vec![("x", &n1), ("y", &n2), ("label", &a)],
                        "likert" => vec![("item", &a), ("category", &b), ("y", &n1)],
                        "grouped-bar" | "stacked-bar" => {
                            vec![("x", &a), ("series", &b), ("y", &n1)]
                        }
                        _ => vec![("x", &a), ("y", &n1)],
                    };
                    for (k, v) in fitting {
                        pairs.push((k.into(), v.clone()));
                    }
                } else {
                    pairs.push(("columns".into(), a.clone()));
                    pairs.push(("sort".into(), format!("-{b}")));
                }
                for (k, v) in keys {
                    match pairs.iter_mut().find(|(key, _)| key == k) {
                        Some(p) => p.1 = v,
                        None if is_chart => pairs.push((k.into(), v)),
                        None => {}
                    }
                }
                let mut lines = vec!["data: \"d\"".to_string()];
                if is_chart {
                    lines.push(format!("type: {kind}"));
                }
                for (k, v) in pairs {
                    if k == "columns" {
                        lines.push(format!("columns: [{}]", json!(v)));
                    } else {
                        lines.push(format!("{k}: {}", json!(v)));
                    }
                }
                if !filter.is_empty() {
                    let f: Vec<String> = filter
                        .iter()
                        .map(|(k, v)| format!("{}: {}", json!(k), json!(v)))
                        .collect();
                    lines.push(format!("filter: {{{}}}", f.join(", ")));
                }
                if is_chart {
                    if let Some((lo, hi)) = x_range {
                        lines.push(format!("x_range: [{lo}, {hi}]"));
                    }
                    if let Some((lo, hi)) = y_range {
                        lines.push(format!("y_range: [{lo}, {hi}]"));
                    }
                    if let Some(d) = decimals {
                        lines.push(format!("decimals: {d}"));
                    }
                    if let Some((percent, sort, orientation, order, title, quadrants, unit)) =
                        &extra
                    {
                        if kind == "stacked-bar" {
                            lines.push(format!("percent: {percent}"));
                        }
                        if kind.ends_with("bar") {
                            lines.push(format!("sort: {sort}"));
                            lines.push(format!("orientation: {orientation}"));
                        }
                        lines.push(format!("order: {}", json!(order)));
                        if let Some(t) = title {
                            lines.push(format!("title: {}", json!(t)));
                            lines.push(format!("x_title: {}", json!(t)));
                        }
                        if let (Some((qx, qy)), "scatter") = (quadrants, kind) {
                            lines.push(format!("quadrants: {{x: {qx}, y: {qy}}}"));
                        }
                        if let Some(u) = unit {
                            lines.push(format!("unit: {}", json!(u)));
                        }
                    }
                }
                let name = if is_chart { "chart" } else { "table" };
                format!("```{name}\n{}\n```\n", lines.join("\n"))
            },
        )
}

// ---------------------------------------------------------------- pages, sets, glossary

fn front_matter() -> impl Strategy<Value = String> {
    let pick = |v: Vec<&'static str>| prop::sample::select(v).prop_map(|s| json!(s));
    let fitting = prop_oneof![
        label().prop_map(|t| ("title", json!(t))),
        label().prop_map(|t| ("summary", json!(t))),
        (-5i64..5).prop_map(|w| ("weight", json!(w))),
        pick(vec!["chapter", "case", "story", "worksheet", "appendix"]).prop_map(|v| ("kind", v)),
        prop::collection::vec(
            pick(vec!["elected", "staff", "citizens", "data-workers"]),
            0..3
        )
        .prop_map(|v| ("audience", json!(v))),
        pick(vec!["prove", "improve"]).prop_map(|v| ("purpose", v)),
        prop::collection::vec(label(), 0..3).prop_map(|v| ("authors", json!(v))),
        pick(vec!["2023-05-01", "2024-02-29"]).prop_map(|v| ("date", v)),
        prop::collection::vec(label(), 0..2).prop_map(|v| ("indicators", json!(v))),
        label().prop_map(|t| ("selection_reason", json!(t))),
    ];
    let broken = prop_oneof![
        noise().prop_map(|t| ("weight", json!(t))),
        noise().prop_map(|t| ("audience", json!(t))),
        noise().prop_map(|t| ("titel", json!(t))),
        pick(vec!["2023-02-30", "igår"]).prop_map(|v| ("date", v)),
        Just(("draft", json!(true))),
    ];
    prop::collection::vec(prop_oneof![30 => fitting, 1 => broken], 0..6).prop_map(|pairs| {
        let m: Map<String, Value> = pairs.into_iter().map(|(k, v)| (k.into(), v)).collect();
        format!("---\n{}\n---\n", serde_json::to_string_pretty(&m).unwrap())
    })
}

/// Markdown with headings, links of every kind, footnotes, tables and raw HTML; the links
/// that cannot resolve are rare, so most pages get through to the templates.
fn markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        18 => label(),
        6 => label().prop_map(|t| format!("## {t}\n")),
        12 => prop::sample::select(vec![
            "<https://example.org>",
            "[webb](https://example.org/sida?a=1#b)",
            "[mejl](mailto:a@example.org)",
            "![punkt](data:image/png;base64,AAAA)",
            "Fotnot[^1].\n\n[^1]: Text.",
            "| a | b |\n|---|---|\n| 1 | 2 |",
            "- [ ] uppgift\n- [x] klar",
            "<div class=\"ruta\">HTML</div>",
            "Term\n: Definition",
            "*betoning* och **stark** och ~~struken~~ och `kod`",
            "> citat med \"citattecken\" och 'enkla'",
            "```\nkod\n```",
        ])
        .prop_map(String::from),
        1 => prop::sample::select(vec![
            "[saknas](saknas.md)",
            "[rubrik](#finns-inte)",
            "[farlig](javascript:alert(1))",
            "![bild](https://example.org/x.png)",
            "[x][ref]\n\n[ref]: vbscript:x",
            "```chart\ndata: ingen\n```",
            "```chart\n",
        ])
        .prop_map(String::from),
        1 => noise(),
    ];
    prop::collection::vec(piece, 0..10).prop_map(|p| p.join("\n\n"))
}

fn question_set() -> impl Strategy<Value = String> {
    let question = (
        prop::sample::select(vec![
            "open",
            "yes-no",
            "yes-no-unknown",
            "choice",
            "scale",
            "checklist",
            "group",
            "info",
        ]),
        label(),
        prop::collection::vec(label(), 2..4),
        (1u8..3, 2u8..9),
        prop::option::weighted(0.3, markdown()),
        prop::option::weighted(0.3, label()),
    )
        .prop_map(|(kind, text, options, (from, span), guidance, hint)| {
            let mut q = Map::new();
            q.insert("kind".into(), json!(kind));
            q.insert("text".into(), json!(text));
            match kind {
                "choice" | "checklist" => {
                    q.insert("options".into(), json!(options));
                }
                "group" => {
                    q.insert("sub".into(), json!(options));
                }
                "scale" => {
                    q.insert(
                        "scale".into(),
                        json!({"from": from, "to": from + span, "low": "lite", "high": "mycket"}),
                    );
                }
                "open" => {
                    q.insert("space".into(), json!("large"));
                }
                _ => {}
            }
            if let Some(g) = guidance {
                q.insert("guidance".into(), json!(g));
            }
            if let Some(h) = hint {
                q.insert("hint".into(), json!(h));
            }
            q
        });
    let section = (
        label(),
        prop::collection::vec(question, 1..4),
        prop::option::weighted(0.5, markdown()),
        any::<bool>(),
    );
    let breakage = prop::option::weighted(
        0.2,
        prop::sample::select(vec![
            ("skip_to", json!("s0")),
            ("kind", json!("essay")),
            ("options", json!([])),
            ("scale", json!({"from": 5, "to": 1})),
            ("id", json!("-x")),
            ("id", json!("q0_0")),
            ("text", json!(["lista"])),
        ]),
    );
    (
        label(),
        prop::collection::vec(section, 1..4),
        prop::sample::select(vec![
            None,
            None,
            Some("https://example.org"),
            Some("mailto:a@example.org"),
            Some("relativ.md"),
            Some("javascript:alert(1)"),
        ]),
        prop::option::of(markdown()),
        breakage,
    )
        .prop_map(|(title, sections, url, intro, breakage)| {
            let count = sections.len();
            let sections: Vec<Value> = sections
                .into_iter()
                .enumerate()
                .map(|(s, (title, questions, intro, new_page))| {
                    let questions: Vec<Value> = questions
                        .into_iter()
                        .enumerate()
                        .map(|(i, mut q)| {
                            q.insert("id".into(), json!(format!("q{s}_{i}")));
                            let yes_no = matches!(q["kind"].as_str(), Some("yes-no" | "yes-no-unknown"));
                            if yes_no && s + 1 < count {
                                q.insert("skip_to".into(), json!(format!("s{}", count - 1)));
                            }
                            Value::Object(q)
                        })
                        .collect();
                    json!({"id": format!("s{s}"), "title": title, "intro": intro.unwrap_or_default(),
                           "new_page": new_page, "questions": questions})
                })
                .collect();
            let mut set = json!({"id": "ark", "title": title, "sections": sections,
                                 "audience": ["staff"], "intro": intro.unwrap_or_default()});
            if let Some(u) = url {
                set["provenance"] = json!({"source": "Källa", "relation": "inspired-by", "url": u});
            }
            if let Some((key, value)) = breakage {
                set["sections"][0]["questions"][0][key] = value;
            }
            serde_json::to_string_pretty(&set).unwrap()
        })
}

fn glossary() -> impl Strategy<Value = String> {
    let definition = (label(), markdown()).prop_map(|(a, b)| format!("{a} {b}"));
    let entry = (label(), definition, prop::collection::vec(label(), 0..3)).prop_map(
        |(term, definition, synonyms)| {
            json!({"term": term, "definition": definition, "synonyms": synonyms})
        },
    );
    (
        prop::collection::vec(entry, 1..5),
        prop::option::of(markdown()),
    )
        .prop_map(|(terms, intro)| {
            serde_json::to_string_pretty(
                &json!({"title": "Ordlista", "terms": terms, "intro": intro.unwrap_or_default()}),
            )
            .unwrap()
        })
}

// ---------------------------------------------------------------- the properties

fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Loads and checks the project at `root` as `insikt check` does, and builds its search
/// index; returns whether it was valid. Errors are fine: only a panic fails.
fn load_and_check(root: &Path) -> bool {
    match Site::load(root, false) {
        Ok(site) => {
            let checked = site.check().is_ok();
            insikt::search::build(
                site.config.book.language,
                &site.content.pages,
                &site.rendered,
                &site.config.book.title,
                &|_, _| Ok(()),
            )
            .unwrap();
            checked
        }
        Err(_) => false,
    }
}

const BOOK: &str = "[book]\ntitle = \"Slump\"\nlanguage = \"sv\"\n";

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_datasets_with_charts_and_tables_never_panic(
        (data, blocks) in dataset().prop_flat_map(|d| {
            let blocks = prop::collection::vec(block(d.columns.clone(), d.values.clone()), 1..4);
            (Just(d), blocks)
        }),
        language in prop::sample::select(vec!["sv", "da", "nb", "nn", "fi", "en"]),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(root, "book.toml", BOOK.replace("\"sv\"", &format!("\"{language}\"")));
        write(root, "data/d.csv", &data.csv);
        if let Some(c) = &data.codebook {
            write(root, "data/d.yaml", c);
        }
        write(root, "content/_index.md", format!("# Diagram\n\n{}", blocks.join("\n")));
        load_and_check(root);
    }

    #[test]
    fn random_pages_question_sets_and_glossaries_never_panic(
        pages in prop::collection::vec((front_matter(), markdown()), 1..4),
        set in prop::option::of(question_set()),
        terms in prop::option::of(glossary()),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(root, "book.toml", BOOK);
        for (i, (front, body)) in pages.iter().enumerate() {
            let rel = match i {
                0 => "content/_index.md".to_string(),
                1 => "content/kapitel/_index.md".to_string(),
                _ => format!("content/kapitel/sida-{i}.md"),
            };
            write(root, &rel, format!("{front}{body}\n"));
        }
        if pages.len() < 2 {
            write(root, "content/kapitel/_index.md", "# Kapitel\n");
        }
        if let Some(set) = &set {
            write(root, "content/kapitel/ark.yaml", set);
        }
        if let Some(g) = &terms {
            write(root, "content/glossary.yaml", g);
        }
        load_and_check(root);
    }
}

/// The chart corners named in the brief, each drawn in every chart type that takes it:
/// one row, all values equal, all missing, all hidden, negative ranges, huge numbers,
/// 1,000 categories and a 10 KB label.
#[test]
fn chart_corner_cases_render() {
    let long = "Långt namn ".repeat(1000);
    let many: String = (0..1000).map(|i| format!("k{i};{i}\n")).collect();
    let cases: Vec<(&str, String)> = vec![
        ("one row", "kategori;varde\nA;5\n".into()),
        ("all equal", "kategori;varde\nA;7\nB;7\nC;7\n".into()),
        ("all missing", "kategori;varde\nA;..\nB;\nC;NA\n".into()),
        ("all hidden", "kategori;varde\nA;1\nB;2\nC;3\n".into()),
        ("negative", "kategori;varde\nA;-5\nB;-300\nC;-0,5\n".into()),
        (
            "huge",
            format!(
                "kategori;varde\nA;{}\nB;-{}\nC;1\n",
                "9".repeat(300),
                "9".repeat(400)
            ),
        ),
        ("1000 categories", format!("kategori;varde\n{many}")),
        ("10 KB label", format!("kategori;varde\n{long};4\nB;5\n")),
        ("no rows", "kategori;varde\n".into()),
    ];
    let codebook = "fields:\n  - {name: kategori, type: string}\n  - {name: varde, type: number, role: count}\n";
    let charts = [
        "type: bar\nx: kategori\ny: varde",
        "type: bar\nx: kategori\ny: varde\norientation: horizontal\nsort: descending",
        "type: bar\nx: kategori",
        "type: grouped-bar\nx: kategori\ny: varde\nseries: kategori",
        "type: stacked-bar\nx: kategori\ny: varde\nseries: kategori\npercent: true",
        "type: line\nx: kategori\ny: varde",
        "type: line\nx: kategori\ny: varde\ny_range: [-1000, -10]",
        "type: scatter\nx: varde\ny: varde\nlabel: kategori\nquadrants: {x: 0, y: 0}",
        "type: likert\nitem: kategori\ncategory: kategori\ny: varde",
    ];
    for (name, csv) in &cases {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(root, "book.toml", BOOK);
        write(root, "data/d.csv", csv);
        write(root, "data/d.yaml", codebook);
        let blocks: String = charts
            .iter()
            .map(|c| format!("```chart\ndata: d\n{c}\n```\n\n"))
            .collect();
        write(
            root,
            "content/_index.md",
            format!("# Hörn\n\n{blocks}```table\ndata: d\n```\n"),
        );
        match Site::load(root, false) {
            Ok(site) => {
                if let Err(e) = site.check() {
                    panic!("{name}: {e}");
                }
            }
            Err(e) => {
                // Only the chart kinds that cannot take this data may refuse it.
                for d in e.iter() {
                    assert!(
                        d.message.contains("several rows")
                            || d.message.contains("a chart draws at most")
                            || d.message.contains("`dont_know")
                            || d.message.contains("is not a number column")
                            // Answers `A`, `B`, `C` are no agreement scale (issue 13).
                            || d.message.contains("direction of the answer scale"),
                        "{name}: {d}"
                    );
                }
            }
        }
    }
}

/// Appends one CSV record, quoting a cell that holds the delimiter, a quote or a line break.
fn write_record<'a>(out: &mut Vec<u8>, delimiter: u8, cells: impl IntoIterator<Item = &'a str>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(delimiter);
        }
        if cell
            .bytes()
            .any(|b| b == delimiter || matches!(b, b'"' | b'\n' | b'\r'))
        {
            out.push(b'"');
            out.extend(cell.replace('"', "\"\"").bytes());
            out.push(b'"');
        } else {
            out.extend(cell.bytes());
        }
    }
    out.push(b'\n');
}
