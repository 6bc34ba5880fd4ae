//! The crate graph points one way: a test over `cargo metadata` that fails when an insikt
//! crate depends on one it must not (the rules of issue 12, in `LAYER_RULES`).
//!
//! The check is a function over the metadata JSON, so the tests below can feed it a graph
//! with a forbidden edge and see it refused.

use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;

/// The binary package: the command line and its commands.
const BINARY: &str = "insikt";

/// The site crate: load → validate → render → write. Only the binary drives it.
const SITE: &str = "insikt-site";

/// The lowest crate: it depends on no other insikt crate.
const CORE: &str = "insikt-core";

/// Each insikt crate with the insikt crates it must never depend on. Every workspace crate is
/// named here, so a new crate cannot join the graph without rules of its own.
const LAYER_RULES: &[(&str, &[&str])] = &[
    (CORE, &[]),
    ("insikt-config", &["insikt-data"]),
    (
        "insikt-data",
        &[
            "insikt-render",
            "insikt-markdown",
            "insikt-chart",
            "insikt-search",
            "insikt-content",
        ],
    ),
    ("insikt-content", &[]),
    (
        "insikt-chart",
        &["insikt-render", "insikt-markdown", "insikt-content"],
    ),
    ("insikt-markdown", &["insikt-data", "insikt-chart"]),
    ("insikt-search", &[]),
    ("insikt-render", &[]),
    ("insikt-import", &[]),
    (SITE, &[]),
    (BINARY, &[]),
];

/// Every broken rule in `metadata` (the JSON of `cargo metadata --format-version 1`), one
/// sentence each; empty when the graph is as it should be. Dev-dependencies are left out:
/// they never reach a built binary, and cargo allows them to point upward.
fn layer_violations(metadata: &Value) -> Vec<String> {
    let packages = metadata["packages"]
        .as_array()
        .expect("`packages` is a list in cargo metadata");
    let members: BTreeSet<&str> = packages
        .iter()
        .filter_map(|p| p["name"].as_str())
        .filter(|name| *name == BINARY || name.starts_with("insikt-"))
        .collect();
    let mut found = Vec::new();
    for name in &members {
        if !LAYER_RULES.iter().any(|(known, _)| known == name) {
            found.push(format!(
                "crate `{name}` has no layer rules: add it to LAYER_RULES in tests/it/architecture.rs with the crates it must never depend on"
            ));
        }
    }
    for package in packages {
        let Some(name) = package["name"].as_str() else {
            continue;
        };
        if !members.contains(name) {
            continue;
        }
        let forbidden: &[&str] = LAYER_RULES
            .iter()
            .find(|(known, _)| *known == name)
            .map_or(&[], |(_, forbidden)| forbidden);
        let dependencies = package["dependencies"].as_array().into_iter().flatten();
        for dependency in dependencies.filter(|d| d["kind"].as_str() != Some("dev")) {
            let Some(target) = dependency["name"].as_str() else {
                continue;
            };
            if !members.contains(target) {
                continue;
            }
            if target == BINARY {
                found.push(format!(
                    "`{name}` depends on the binary package `{BINARY}`: nothing may"
                ));
            } else if target == SITE && name != BINARY {
                found.push(format!(
                    "`{name}` depends on `{SITE}`: only the binary `{BINARY}` may"
                ));
            } else if name == CORE {
                found.push(format!(
                    "`{CORE}` depends on `{target}`: the core depends on no other insikt crate"
                ));
            } else if forbidden.contains(&target) {
                found.push(format!(
                    "`{name}` depends on `{target}`, which it must never do (issue 12's layer rules)"
                ));
            }
        }
    }
    found
}

/// The workspace's metadata, as cargo reports it.
fn workspace_metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo metadata");
    assert!(
        output.status.success(),
        "cargo metadata failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON")
}

/// A package of a test graph: its name and its dependencies as (name, kind).
type Package<'a> = (&'a str, &'a [(&'a str, Option<&'a str>)]);

/// A metadata document with `packages` as (name, [(dependency, kind)]).
fn graph(packages: &[Package]) -> Value {
    let packages: Vec<Value> = packages
        .iter()
        .map(|(name, dependencies)| {
            let dependencies: Vec<Value> = dependencies
                .iter()
                .map(|(target, kind)| serde_json::json!({"name": target, "kind": kind}))
                .collect();
            serde_json::json!({"name": name, "dependencies": dependencies})
        })
        .collect();
    serde_json::json!({ "packages": packages })
}

#[test]
fn the_workspace_crates_keep_the_layer_rules() {
    let metadata = workspace_metadata();
    let names: Vec<&str> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(
        names.contains(&BINARY) && names.contains(&"insikt-core"),
        "the workspace should hold `{BINARY}` and `insikt-core`, found {names:?}"
    );
    let violations = layer_violations(&metadata);
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn a_forbidden_edge_added_to_the_real_graph_is_refused() {
    let mut metadata = workspace_metadata();
    let core = metadata["packages"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["name"] == "insikt-core")
        .expect("insikt-core in the workspace");
    core["dependencies"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"name": BINARY, "kind": null}));
    assert_eq!(
        layer_violations(&metadata),
        ["`insikt-core` depends on the binary package `insikt`: nothing may"]
    );
}

#[test]
fn each_rule_of_issue_12_is_checked() {
    let forbidden = [
        ("insikt-data", "insikt-render"),
        ("insikt-data", "insikt-markdown"),
        ("insikt-data", "insikt-chart"),
        ("insikt-data", "insikt-search"),
        ("insikt-data", "insikt-content"),
        ("insikt-chart", "insikt-render"),
        ("insikt-chart", "insikt-markdown"),
        ("insikt-chart", "insikt-content"),
        ("insikt-config", "insikt-data"),
        (CORE, "insikt-config"),
        (CORE, "insikt-data"),
        (CORE, "insikt-render"),
        ("insikt-markdown", "insikt-data"),
        ("insikt-markdown", "insikt-chart"),
        ("insikt-render", SITE),
        ("insikt-import", SITE),
        (SITE, BINARY),
    ];
    for (from, to) in forbidden {
        let metadata = graph(&[(from, &[(to, None)]), (to, &[])]);
        let violations = layer_violations(&metadata);
        assert_eq!(
            violations.len(),
            1,
            "{from} → {to} should be refused, got {violations:?}"
        );
        assert!(violations[0].contains(from) && violations[0].contains(to));
    }
}

#[test]
fn allowed_edges_and_dev_dependencies_pass() {
    let metadata = graph(&[
        ("insikt-core", &[("serde", None)]),
        ("insikt-config", &[("insikt-core", None)]),
        (
            "insikt-data",
            &[("insikt-core", None), ("insikt-config", None)],
        ),
        (
            "insikt-chart",
            &[("insikt-core", None), ("insikt-data", None)],
        ),
        ("insikt-markdown", &[("insikt-core", None)]),
        (
            "insikt-render",
            &[("insikt-chart", None), ("insikt-markdown", None)],
        ),
        (
            "insikt-site",
            &[("insikt-render", None), ("insikt-data", None)],
        ),
        ("insikt", &[("insikt-site", None), ("insikt-import", None)]),
        ("insikt-import", &[("insikt-content", None)]),
        ("insikt-content", &[("insikt-core", None)]),
        // A test-only dependency may point upward: it never reaches a built binary.
        (
            "insikt-search",
            &[("insikt-core", None), ("insikt", Some("dev"))],
        ),
    ]);
    assert_eq!(layer_violations(&metadata), Vec::<String>::new());
}

#[test]
fn a_crate_without_rules_is_refused() {
    let metadata = graph(&[
        ("insikt-core", &[]),
        ("insikt-widgets", &[("insikt-core", None)]),
    ]);
    let violations = layer_violations(&metadata);
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert!(violations[0].contains("`insikt-widgets` has no layer rules"));
}
