//! Agreement (likert) charts: the agree share is taken from the agreeing answers whichever
//! way the scale is listed (issue 13: a Danish chart listed positive-first showed the share
//! disagreeing), with and without a "don't know" answer; a scale whose direction cannot be
//! told is an error until the chart or codebook states it.

use insikt::chart::{render_chart, DirectiveContext, Place};
use insikt::data::{from_bytes, parse_codebook, Datasets};
use insikt_core::language::Language;
use std::path::Path;

const AGREE_FIRST: [&str; 5] = [
    "Helt enig",
    "Delvis enig",
    "Hverken enig eller uenig",
    "Delvis uenig",
    "Helt uenig",
];

/// Statement A: 33 % agree, 57 % disagree; statement B: 35 % agree, 35 % disagree; 10
/// "Ved ikke" each, kept apart.
const COUNTS: [(&str, [u32; 5]); 2] = [("A", [20, 13, 10, 30, 27]), ("B", [25, 10, 30, 20, 15])];

/// The chart's `<desc>` for answers `labels` (agreeing first, as [`COUNTS`] are), listed
/// in the codebook's categories in that order or `reversed`, with the chart block's extra
/// `keys`.
fn desc(labels: [&str; 5], reversed: bool, dont_know: bool, keys: &str) -> Result<String, String> {
    let mut csv = String::from("udsagn;svar;antal\n");
    for (item, counts) in COUNTS {
        for (answer, n) in labels.iter().zip(counts) {
            csv.push_str(&format!("{item};{answer};{n}\n"));
        }
        if dont_know {
            csv.push_str(&format!("{item};Ved ikke;10\n"));
        }
    }
    let mut categories: Vec<&str> = labels.to_vec();
    if reversed {
        categories.reverse();
    }
    if dont_know {
        categories.push("Ved ikke");
    }
    let yaml = format!(
        "fields:\n  - {{name: udsagn, type: string}}\n  - {{name: svar, type: string, categories: [{}]}}\n  - {{name: antal, type: integer, role: measure}}\n",
        categories.join(", ")
    );
    let codebook = parse_codebook(Path::new("data/e.yaml"), &yaml).unwrap();
    let (d, _) = from_bytes("e", csv.as_bytes(), Some((codebook, yaml.clone()))).unwrap();
    let mut datasets = Datasets::default();
    datasets.by_name.insert("e".into(), d);
    let lang = Language::Da;
    let ctx = DirectiveContext {
        datasets: &datasets,
        language: lang,
        strings: lang.strings(),
        root: "../",
        png: false,
    };
    let dk = if dont_know {
        "dont_know: Ved ikke\n"
    } else {
        ""
    };
    let block = format!(
        "data: e\ntype: likert\nitem: udsagn\ncategory: svar\ny: antal\ntitle: Enighed\n{dk}{keys}"
    );
    match render_chart(&block, Place::FIRST, &ctx) {
        Ok(out) => {
            let svg = out.figure.svg.unwrap();
            let open = svg.find("<desc").unwrap();
            let start = open + svg[open..].find('>').unwrap() + 1;
            let end = svg.find("</desc>").unwrap();
            Ok(svg[start..end].replace('\u{a0}', " "))
        }
        Err(e) => Err(format!("{e:?}")),
    }
}

#[test]
fn the_agree_share_comes_from_the_agreeing_answers_in_either_order() {
    for reversed in [false, true] {
        for dont_know in [false, true] {
            let desc = desc(AGREE_FIRST, reversed, dont_know, "").unwrap();
            assert!(
                desc.contains("størst andel enige for B (35 %)"),
                "reversed {reversed}, don't know {dont_know}: {desc}"
            );
        }
    }
}

#[test]
fn an_unclear_scale_is_an_error_until_its_direction_is_stated() {
    let labels = [
        "Meget godt",
        "Godt",
        "Hverken eller",
        "Dårligt",
        "Meget dårligt",
    ];
    let err = desc(labels, false, false, "").unwrap_err();
    assert!(err.contains("scale: agree_first"), "{err}");
    // Stated in the chart block: the first two are the agreeing end.
    let desc = desc(labels, false, false, "scale: agree_first\n").unwrap();
    assert!(desc.contains("størst andel enige for B (35 %)"), "{desc}");
}
