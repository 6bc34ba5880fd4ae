//! Placeholders in codebooks (issue 13, item 8): `insikt codebook` marks what the author
//! must fill in with `"TODO: …"`; a build stops on each, naming it at file:line:col; a
//! draft build shows them as "to be filled in", and never "Källa: . Data per 1 januari
//! 2000".

use crate::common::{copy_fixture, html, insikt, texts};

/// A project with a CSV dataset and the codebook `insikt codebook` wrote for it.
fn project_with_stub() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, project) = copy_fixture("valid/charts-sv");
    std::fs::remove_file(project.join("data/besok.yaml")).unwrap();
    let csv = project.join("data/besok.csv");
    let o = insikt(&["codebook", csv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (tmp, project)
}

fn run(args: &[&str]) -> (bool, String) {
    let o = insikt(args);
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn a_build_and_a_check_stop_on_each_placeholder_at_its_place() {
    let (_tmp, project) = project_with_stub();
    let stub = std::fs::read_to_string(project.join("data/besok.yaml")).unwrap();
    let line = |key: &str| {
        stub.lines()
            .position(|l| l.starts_with(&format!("{key}:")))
            .unwrap()
            + 1
    };
    let out = project.parent().unwrap().join("out");
    for args in [
        vec!["check", project.to_str().unwrap()],
        vec![
            "build",
            project.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ],
    ] {
        let (ok, stderr) = run(&args);
        assert!(!ok, "{stderr}");
        for key in ["source", "owner", "updated"] {
            let at = format!("data/besok.yaml:{}:", line(key));
            assert!(
                stderr.contains(&at) && stderr.contains(&format!("`{key}` is still a placeholder")),
                "{key} at {at}: {stderr}"
            );
        }
    }
    assert!(!out.exists());
}

#[test]
fn a_draft_build_shows_them_as_to_be_filled_in() {
    let (_tmp, project) = project_with_stub();
    let out = project.parent().unwrap().join("out");
    let (ok, stderr) = run(&[
        "build",
        project.to_str().unwrap(),
        "--drafts",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("is still a placeholder"), "{stderr}");
    let page = html(&out.join("diagram/index.html"));
    let sources = texts(&page, ".chart-source");
    let besok: Vec<&String> = sources
        .iter()
        .filter(|s| s.contains("besok") || s.contains("ska fyllas i"))
        .collect();
    assert!(!besok.is_empty(), "{sources:?}");
    for s in &besok {
        assert!(s.contains("Källa: ska fyllas i."), "{s}");
        assert!(!s.contains("2000"), "{s}");
        assert!(!s.contains("TODO"), "{s}");
    }
}

#[test]
fn an_older_stubs_empty_source_and_date_stop_the_build() {
    // What `insikt codebook` wrote before: published, "Källa: . Data per 1 januari 2000".
    let (_tmp, project) = copy_fixture("valid/charts-sv");
    let path = project.join("data/besok.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    let edited: Vec<String> = yaml
        .lines()
        .map(|l| {
            if l.starts_with("source:") {
                "source: \"\"".to_string()
            } else if l.starts_with("updated:") {
                "updated: 2000-01-01        # \"data as of\": YYYY-MM-DD".to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&path, edited.join("\n")).unwrap();
    let line = |key: &str| edited.iter().position(|l| l.starts_with(key)).unwrap() + 1;
    let (ok, stderr) = run(&["check", project.to_str().unwrap()]);
    assert!(!ok, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "data/besok.yaml:{}:9: `source` is still a placeholder",
            line("source:")
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "data/besok.yaml:{}:10: `updated` is still a placeholder",
            line("updated:")
        )),
        "{stderr}"
    );
    // A draft shows no "Källa: ." either.
    let out = project.parent().unwrap().join("out");
    let (ok, stderr) = run(&[
        "build",
        project.to_str().unwrap(),
        "--drafts",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(ok, "{stderr}");
    let page = html(&out.join("diagram/index.html"));
    for s in texts(&page, ".chart-source") {
        assert!(!s.contains("Källa: ."), "{s}");
        assert!(!s.contains("2000"), "{s}");
    }
}

#[test]
fn codebook_never_overwrites_without_force() {
    let (_tmp, project) = project_with_stub();
    let csv = project.join("data/besok.csv");
    let yaml = project.join("data/besok.yaml");
    std::fs::write(&yaml, "title: Mine\n").unwrap();
    let (ok, stderr) = run(&["codebook", csv.to_str().unwrap()]);
    assert!(!ok);
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&yaml).unwrap(), "title: Mine\n");
    let (ok, stderr) = run(&["codebook", csv.to_str().unwrap(), "--force"]);
    assert!(ok, "{stderr}");
    assert!(std::fs::read_to_string(&yaml).unwrap().contains("TODO"));
}
