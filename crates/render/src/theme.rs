//! The theme: Tera templates and static files, built in and overridable per project.

use insikt_config::CONFIG_FILE;
use insikt_core::diagnostic::{Diagnostic, Diagnostics};
use insikt_core::input::{read_text, Project, Walk};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

/// The built-in theme's templates, embedded so an installed binary needs no files beside it.
const BUILT_IN_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../../themes/default/templates/base.html"),
    ),
    (
        "index.html",
        include_str!("../../../themes/default/templates/index.html"),
    ),
    (
        "section.html",
        include_str!("../../../themes/default/templates/section.html"),
    ),
    (
        "page.html",
        include_str!("../../../themes/default/templates/page.html"),
    ),
    (
        "print.html",
        include_str!("../../../themes/default/templates/print.html"),
    ),
    (
        "codebook-index.html",
        include_str!("../../../themes/default/templates/codebook-index.html"),
    ),
    (
        "codebook.html",
        include_str!("../../../themes/default/templates/codebook.html"),
    ),
    (
        "macros.html",
        include_str!("../../../themes/default/templates/macros.html"),
    ),
    (
        "worksheet.html",
        include_str!("../../../themes/default/templates/worksheet.html"),
    ),
    (
        "worksheets.html",
        include_str!("../../../themes/default/templates/worksheets.html"),
    ),
    (
        "partials/figure.html",
        include_str!("../../../themes/default/templates/partials/figure.html"),
    ),
    (
        "partials/data-table.html",
        include_str!("../../../themes/default/templates/partials/data-table.html"),
    ),
    (
        "partials/hidden-value.html",
        include_str!("../../../themes/default/templates/partials/hidden-value.html"),
    ),
    (
        "partials/ref.html",
        include_str!("../../../themes/default/templates/partials/ref.html"),
    ),
];

/// The built-in theme's static files, written to `assets/`.
const BUILT_IN_STATIC: &[(&str, &[u8])] = &[
    (
        "insikt.css",
        include_bytes!("../../../themes/default/static/insikt.css"),
    ),
    (
        "chart.css",
        include_bytes!("../../../themes/default/static/chart.css"),
    ),
    (
        "insikt.js",
        include_bytes!("../../../themes/default/static/insikt.js"),
    ),
    (
        "worksheet.css",
        include_bytes!("../../../themes/default/static/worksheet.css"),
    ),
    (
        "worksheet.js",
        include_bytes!("../../../themes/default/static/worksheet.js"),
    ),
    (
        "search.js",
        include_bytes!("../../../themes/default/static/search.js"),
    ),
    (
        "reader.css",
        include_bytes!("../../../themes/default/static/reader.css"),
    ),
];

/// A theme as loaded: the built-in files with the project's overrides applied.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Template name → (source file for messages, text).
    pub templates: BTreeMap<String, (String, String)>,
    /// Path under `assets/` → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Path under `assets/` → the project file it comes from, for the files the project's
    /// theme adds or replaces (the others are built in).
    pub static_sources: BTreeMap<String, PathBuf>,
}

impl Theme {
    /// True when the template `name` is the built-in one (the project's theme does not
    /// replace it).
    pub fn is_built_in(&self, name: &str) -> bool {
        let built_in = BUILT_IN_TEMPLATES.iter().find(|(n, _)| *n == name);
        match (built_in, self.templates.get(name)) {
            (Some((_, text)), Some((_, loaded))) => text == loaded,
            _ => false,
        }
    }

    /// The ids the templates write as they are (`id="main"`), not made from a value: an
    /// element of the page may not take one of them.
    pub fn fixed_ids(&self) -> BTreeSet<String> {
        let mut ids = BTreeSet::new();
        for (_, text) in self.templates.values() {
            for (at, _) in text.match_indices("id=\"") {
                let rest = &text[at + 4..];
                let Some(end) = rest.find('"') else { continue };
                let id = &rest[..end];
                let fixed = !id.is_empty()
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                // `data-id="…"` and the like are not ids.
                let attribute_start = text[..at].ends_with(|c: char| c.is_whitespace());
                if fixed && attribute_start {
                    ids.insert(id.to_string());
                }
            }
        }
        ids
    }

    /// The built-in theme overlaid with `themes/name/{templates,static}` of `project` where
    /// present. Problems go to `diagnostics`; a theme that does not exist is reported and the
    /// built-in one used, so the rest of the report is still checked.
    pub fn load(project: &Project, name: &str, diagnostics: &mut Diagnostics) -> Theme {
        let mut theme = Theme {
            templates: BUILT_IN_TEMPLATES
                .iter()
                .map(|(n, t)| {
                    (
                        n.to_string(),
                        (format!("(built-in theme) {n}"), t.to_string()),
                    )
                })
                .collect(),
            statics: BUILT_IN_STATIC
                .iter()
                .map(|(n, b)| (n.to_string(), b.to_vec()))
                .collect(),
            static_sources: BTreeMap::new(),
        };
        let one_folder = matches!(
            Path::new(name).components().collect::<Vec<_>>()[..],
            [Component::Normal(_)]
        );
        if !one_folder {
            diagnostics.push(
                Diagnostic::new(
                    CONFIG_FILE,
                    format!("the theme name `{name}` is not the name of a folder"),
                )
                .with_help("`[theme] name` names a folder under `themes/`, e.g. `name = \"egen\"`"),
            );
            return theme;
        }
        let theme_dir = Path::new("themes").join(name);
        if let Err(d) = project.check_file(&theme_dir) {
            diagnostics.push(d);
            return theme;
        }
        if name != "default" && !project.root.join(&theme_dir).is_dir() {
            diagnostics.push(
                Diagnostic::new(
                    CONFIG_FILE,
                    format!(
                        "the theme `{name}` does not exist: there is no folder `themes/{name}/`"
                    ),
                )
                .with_help("create the folder, or remove `[theme] name` to use the built-in theme"),
            );
            return theme;
        }
        for (sub, is_template) in [("templates", true), ("static", false)] {
            let folder = theme_dir.join(sub);
            let walk = Walk {
                max_depth: usize::MAX,
                skip_hidden: false,
                published: !is_template,
            };
            let (files, problems) = project.walk(&folder, walk);
            diagnostics.0.extend(problems);
            for rel in files {
                let path = project.root.join(&folder).join(&rel);
                let shown = folder.join(&rel);
                let name = rel.to_string_lossy().replace('\\', "/");
                if is_template {
                    match read_text(&path, &shown) {
                        Ok((text, problems)) => {
                            diagnostics.0.extend(problems);
                            let shown = shown.to_string_lossy().into_owned();
                            theme.templates.insert(name, (shown, text));
                        }
                        Err(d) => diagnostics.push(d),
                    }
                } else {
                    match std::fs::read(&path) {
                        Ok(bytes) => {
                            theme.statics.insert(name.clone(), bytes);
                            theme.static_sources.insert(name, shown);
                        }
                        Err(e) => diagnostics
                            .push(Diagnostic::new(shown, format!("cannot read the file: {e}"))),
                    }
                }
            }
        }
        theme
    }
}
