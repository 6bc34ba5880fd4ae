use crate::site::Site;
use insikt_data::values::{Query, DIRECTIVES};
use std::fmt::Write;
use std::path::Path;

/// `insikt check`: returns the process exit code. With `values`, prints every value the
/// text quotes from the data to standard output, page by page in reading order.
pub fn check(dir: &Path, drafts: bool, values: bool) -> i32 {
    let result = Site::load(dir, drafts).and_then(|site| {
        super::notes(&site);
        let pages = site.check()?;
        if values {
            print!("{}", quoted_values(&site));
        }
        Ok(pages)
    });
    match result {
        Ok(pages) => {
            eprintln!("{pages} pages checked, no problems found.");
            0
        }
        Err(d) => {
            super::report(&d, false);
            1
        }
    }
}

/// Each page quoting the data, by its title and file, then each of its directives at
/// `FILE:LINE:COLUMN`, as written, and what it printed (`hidden (<5)` for a value that is
/// not published).
fn quoted_values(site: &Site) -> String {
    let mut out = String::new();
    for (page, rendered) in site.content.pages.iter().zip(&site.rendered) {
        let uses: Vec<_> = rendered
            .inline_uses
            .iter()
            .filter(|u| DIRECTIVES.contains(&u.name.as_str()))
            .collect();
        if uses.is_empty() {
            continue;
        }
        let file = page.display_file();
        let _ = writeln!(out, "{} ({})", page.title, file.display());
        for u in uses {
            let hidden = (u.name == "value")
                .then(|| Query::parse(&u.args).and_then(|q| q.resolve(&site.datasets)))
                .and_then(Result::ok)
                .and_then(|r| r.hidden().map(str::to_string));
            let shown = match hidden {
                Some(marker) => format!("hidden ({marker})"),
                None => u.text.clone(),
            };
            let _ = writeln!(
                out,
                "  {}:{}:{}  {{{{#{} {}}}}}  {shown}",
                file.display(),
                u.line,
                u.column,
                u.name,
                u.args
            );
        }
    }
    out
}
