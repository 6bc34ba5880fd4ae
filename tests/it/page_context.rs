//! A page's template context holds only its own keys: the part every page shares is made
//! once and the rest replaced for each page, so what a worksheet page or the worksheets'
//! overview adds (`worksheet`, `overview`) must not reach the pages rendered after it.

use crate::common;

use common::*;

#[test]
fn a_page_rendered_after_a_worksheet_does_not_see_its_keys() {
    let (_tmp, project) = copy_fixture("valid/worksheets-sv");
    append(&project, "book.toml", "\n[theme]\nname = \"egen\"\n");
    let templates = project.join("themes/egen/templates");
    std::fs::create_dir_all(&templates).unwrap();
    // Marks a page that sees a worksheet's or the overview's key, and shows the shared
    // part (UI strings, report title) beside the page's own.
    std::fs::write(
        templates.join("page.html"),
        "{% extends \"base.html\" %}{% block main %}\
         {% if worksheet %}<p class=\"leak\">worksheet</p>{% endif %}\
         {% if overview %}<p class=\"leak\">overview</p>{% endif %}\
         <p class=\"shared\">{{ t.home }} / {{ site.title }} / {{ lang }} / {{ page.title }}</p>\
         {% endblock main %}",
    )
    .unwrap();
    // After the worksheet (weight 1) and the overview in reading order.
    std::fs::write(
        project.join("content/reflektion/sist.md"),
        "---\ntitle: \"Sist\"\nweight: 99\n---\n\nSist.\n",
    )
    .unwrap();
    std::fs::write(
        project.join("content/zz-sist.md"),
        "---\ntitle: \"Allra sist\"\nweight: 99\n---\n\nAllra sist.\n",
    )
    .unwrap();
    let out = project.parent().unwrap().join("site");
    // One thread renders the pages in reading order, one after the other.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_insikt"))
        .args(["build", project.to_str().unwrap(), "--output"])
        .arg(&out)
        .env("RAYON_NUM_THREADS", "1")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for (file, title) in [
        ("reflektion/vagledning/index.html", "Vägledning"),
        ("reflektion/sist/index.html", "Sist"),
        ("zz-sist/index.html", "Allra sist"),
    ] {
        let doc = html(&out.join(file));
        assert_eq!(texts(&doc, ".leak"), Vec::<String>::new(), "{file}");
        assert_eq!(
            texts(&doc, ".shared"),
            [format!("Startsida / Arbetsblad i test / sv / {title}")],
            "{file}"
        );
    }
    // The worksheet and the overview still get theirs.
    assert!(
        std::fs::read_to_string(out.join("reflektion/ark/index.html"))
            .unwrap()
            .contains("Ett arbetsblad med alla frågetyper")
    );
}
