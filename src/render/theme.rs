//! The theme: Tera templates and static files, built in and overridable per project.

use crate::diagnostic::{relative_to, Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::Path;

/// The built-in theme's templates, embedded so an installed binary needs no files beside it.
const BUILT_IN_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "section.html",
        include_str!("../../themes/default/templates/section.html"),
    ),
    (
        "page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "print.html",
        include_str!("../../themes/default/templates/print.html"),
    ),
    (
        "codebook-index.html",
        include_str!("../../themes/default/templates/codebook-index.html"),
    ),
    (
        "codebook.html",
        include_str!("../../themes/default/templates/codebook.html"),
    ),
    (
        "macros.html",
        include_str!("../../themes/default/templates/macros.html"),
    ),
    (
        "worksheet.html",
        include_str!("../../themes/default/templates/worksheet.html"),
    ),
    (
        "worksheets.html",
        include_str!("../../themes/default/templates/worksheets.html"),
    ),
];

/// The built-in theme's static files, written to `assets/`.
const BUILT_IN_STATIC: &[(&str, &[u8])] = &[
    (
        "insikt.css",
        include_bytes!("../../themes/default/static/insikt.css"),
    ),
    (
        "chart.css",
        include_bytes!("../../themes/default/static/chart.css"),
    ),
    (
        "insikt.js",
        include_bytes!("../../themes/default/static/insikt.js"),
    ),
    (
        "worksheet.css",
        include_bytes!("../../themes/default/static/worksheet.css"),
    ),
    (
        "worksheet.js",
        include_bytes!("../../themes/default/static/worksheet.js"),
    ),
    (
        "search.js",
        include_bytes!("../../themes/default/static/search.js"),
    ),
    (
        "reader.css",
        include_bytes!("../../themes/default/static/reader.css"),
    ),
];

/// A theme as loaded: the built-in files with the project's overrides applied.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Template name → (source file for messages, text).
    pub templates: BTreeMap<String, (String, String)>,
    /// Path under `assets/` → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The built-in theme overlaid with `root/themes/name/{templates,static}` where present.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostics> {
        let mut templates: BTreeMap<String, (String, String)> = BUILT_IN_TEMPLATES
            .iter()
            .map(|(n, t)| {
                (
                    n.to_string(),
                    (format!("(built-in theme) {n}"), t.to_string()),
                )
            })
            .collect();
        let mut statics: BTreeMap<String, Vec<u8>> = BUILT_IN_STATIC
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
        let theme_dir = root.join("themes").join(name);
        if name != "default" && !theme_dir.is_dir() {
            return Err(Diagnostic::new(
                "book.toml",
                format!("the theme `{name}` does not exist: there is no folder `themes/{name}/`"),
            )
            .with_help("create the folder, or remove `[theme] name` to use the built-in theme")
            .into());
        }
        let mut diagnostics = Diagnostics::default();
        for (sub, is_template) in [("templates", true), ("static", false)] {
            let dir = theme_dir.join(sub);
            if !dir.is_dir() {
                continue;
            }
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let Ok(entry) = entry else { continue };
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = relative_to(entry.path(), &dir)
                    .to_string_lossy()
                    .replace('\\', "/");
                let shown = relative_to(entry.path(), root)
                    .to_string_lossy()
                    .into_owned();
                if is_template {
                    match std::fs::read_to_string(entry.path()) {
                        Ok(text) => {
                            templates.insert(rel, (shown, text));
                        }
                        Err(e) => diagnostics.push(Diagnostic::new(
                            shown,
                            format!("cannot read the template: {e}"),
                        )),
                    }
                } else {
                    match std::fs::read(entry.path()) {
                        Ok(bytes) => {
                            statics.insert(rel, bytes);
                        }
                        Err(e) => {
                            diagnostics.push(Diagnostic::new(shown, format!("cannot read: {e}")))
                        }
                    }
                }
            }
        }
        if diagnostics.is_empty() {
            Ok(Theme { templates, statics })
        } else {
            Err(diagnostics)
        }
    }
}
