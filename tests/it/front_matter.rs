//! Front matter as authors coming from Zola or Hugo write it (TOML between `+++` lines),
//! and unknown keys: every one of them reported in one run, in pages (YAML and TOML),
//! question sets and codebooks.

use crate::common;

use common::*;

#[test]
fn toml_front_matter_is_read_like_yaml_front_matter() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("valid/toml-front-matter"), &out);

    let front = html(&out.join("index.html"));
    assert_eq!(texts(&front, "h1"), ["Startsidan"]);
    assert_eq!(
        texts(&front, "p.lead"),
        ["En rapport vars sidor har TOML-huvuden."],
        "Zola's `description` is the summary"
    );

    let second = html(&out.join("kapitel/andra/index.html"));
    assert_eq!(texts(&second, "h1.page-title"), ["Andra kapitlet"]);
    assert_eq!(texts(&second, "p.lead"), ["Det som kommer sist."]);
    assert_eq!(
        attrs(&second, ".page-meta time", "datetime"),
        ["2024-05-01"]
    );
    let meta = texts(&second, ".page-meta").join(" ");
    assert!(
        meta.contains("Anna Berg") && meta.contains("Olle Ek"),
        "{meta}"
    );
    let body = texts(&second, ".prose").join(" ");
    assert!(
        !body.contains("+++") && !body.contains("title ="),
        "the front matter is not printed as text: {body}"
    );
    assert!(body.contains("Text i det andra kapitlet."), "{body}");

    let first = html(&out.join("kapitel/forsta/index.html"));
    assert_eq!(texts(&first, "h1.page-title"), ["Första kapitlet"]);
    assert_eq!(texts(&first, ".badge-kind.kind-case").len(), 1);
    assert_eq!(attrs(&first, ".audience-managers", "class").len(), 1);

    assert!(
        !out.join("kapitel/utkast").exists(),
        "draft = true is a draft"
    );
    let nav = texts(&html(&out.join("kapitel/index.html")), "nav a");
    let place = |title: &str| nav.iter().position(|t| t == title).expect(title);
    assert!(
        place("Första kapitlet") < place("Andra kapitlet"),
        "ordered by weight: {nav:?}"
    );
}

#[test]
fn every_unknown_key_is_reported_in_one_run() {
    let project = fixture("invalid/unknown-keys");
    let o = insikt(&["check", project.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    for (place, key) in [
        ("content/yaml-sida.md:2:1", "titel"),
        ("content/yaml-sida.md:4:1", "tags"),
        ("content/yaml-sida.md:7:1", "sumary"),
        ("content/toml-sida.md:3:1", "template"),
        ("content/toml-sida.md:5:1", "slug"),
        ("content/toml-sida.md:7:2", "taxonomies"),
        ("content/fragor.yaml:2:1", "titel"),
        ("content/fragor.yaml:14:9", "txt"),
        ("content/fragor.yaml:10:9", "hnit"),
        ("data/besok.yaml:2:1", "ownr"),
        ("data/besok.yaml:7:5", "titel"),
        ("data/besok.yaml:11:5", "rol"),
    ] {
        let reported = stderr
            .lines()
            .any(|l| l.contains(place) && l.contains(&format!("`{key}`")));
        assert!(reported, "`{key}` at {place} not reported:\n{stderr}");
    }
    // A key Zola or Hugo has gets a hint of what to do in insikt.
    assert!(stderr.contains("no tags or taxonomies"), "{stderr}");
    assert!(stderr.contains("rename or move the file"), "{stderr}");
}
