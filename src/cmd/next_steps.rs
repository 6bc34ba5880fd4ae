//! What `insikt build` and `insikt new` tell an author to do next: commands they can paste
//! into the shell, and the built front page as a `file://` URL a terminal lets them click.

use crate::site::BuildSummary;
use std::path::Path;

/// The last lines of a build: how many pages of each kind a reader finds (so the total is
/// the number of HTML files written), and how to look at them.
pub fn after_build(summary: &BuildSummary, project: &Path, millis: u128) -> String {
    format!(
        "Built {} into {} in {millis} ms: {}.\n{}",
        count(summary.html_pages(), "page", "pages"),
        summary.output.display(),
        kinds(summary),
        how_to_look(summary, project),
    )
}

/// The last lines of a build that found nothing changed since the last one, and wrote
/// nothing.
pub fn unchanged(summary: &BuildSummary, project: &Path, millis: u128) -> String {
    format!(
        "Nothing changed since the last build: the {} in {} are up to date ({}); \
         nothing was written (checked in {millis} ms).\n{}",
        count(summary.html_pages(), "page", "pages"),
        summary.output.display(),
        kinds(summary),
        how_to_look(summary, project),
    )
}

/// The pages of each kind: `17 pages, 2 worksheets and print.html`.
fn kinds(summary: &BuildSummary) -> String {
    let mut kinds = vec![count(summary.pages, "page", "pages")];
    if summary.worksheets > 0 {
        kinds.push(count(summary.worksheets, "worksheet", "worksheets"));
    }
    if summary.codebook_pages > 0 {
        kinds.push(count(
            summary.codebook_pages,
            "codebook page",
            "codebook pages",
        ));
    }
    kinds.push("print.html".to_string());
    let last = kinds.pop().unwrap_or_default();
    format!("{} and {last}", kinds.join(", "))
}

/// How to look at the built site.
fn how_to_look(summary: &BuildSummary, project: &Path) -> String {
    format!(
        "Open {} in a browser, or preview the report with `{}` (it rebuilds as you edit).",
        file_url(&summary.output.join("index.html")),
        command("insikt serve", project),
    )
}

/// The lines `insikt new` ends with: how to build and preview the report in `dir`.
pub fn after_new(dir: &Path) -> String {
    let cd = command("cd", dir);
    let build = if cd == "cd" {
        "insikt build".to_string()
    } else {
        format!("{cd} && insikt build")
    };
    format!(
        "Next: `{build}` writes the site into {}, \
         or `{}` previews it at http://127.0.0.1:3000/ and rebuilds as you edit.",
        dir.join("public").display(),
        command("insikt serve", dir),
    )
}

/// `program` with `dir` as its argument, quoted for a POSIX shell when it needs it; the
/// current folder is left out, as every command defaults to it.
fn command(program: &str, dir: &Path) -> String {
    let text = dir.to_string_lossy();
    if text.is_empty() || text == "." {
        return program.to_string();
    }
    let plain = text
        .chars()
        .all(|c| c.is_alphanumeric() || "/._-+,:@=".contains(c));
    if plain {
        format!("{program} {text}")
    } else {
        format!("{program} '{}'", text.replace('\'', r"'\''"))
    }
}

/// `path` as a `file://` URL: absolute (joined to the current folder when relative), with
/// every byte outside the unreserved characters percent-encoded, so a terminal takes the
/// whole path as one link and a browser opens it.
pub fn file_url(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = absolute.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        // A Windows path, `C:/…`, goes after a third slash.
        url.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'.' | b'_' | b'~' | b':' => {
                url.push(byte as char)
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn file_urls_are_absolute_and_encoded() {
        assert_eq!(
            file_url(Path::new("/home/anna/Min rapport/public/index.html")),
            "file:///home/anna/Min%20rapport/public/index.html"
        );
        assert_eq!(
            file_url(Path::new("/r/årsrapport#1/index.html")),
            "file:///r/%C3%A5rsrapport%231/index.html"
        );
        let relative = file_url(Path::new("public/index.html"));
        assert!(relative.starts_with("file:///"), "{relative}");
        assert!(relative.ends_with("/public/index.html"), "{relative}");
    }

    #[test]
    fn commands_quote_what_the_shell_would_split() {
        assert_eq!(command("insikt serve", Path::new(".")), "insikt serve");
        assert_eq!(command("insikt serve", Path::new("")), "insikt serve");
        assert_eq!(
            command("insikt serve", Path::new("rapporter/2024")),
            "insikt serve rapporter/2024"
        );
        assert_eq!(
            command("cd", Path::new("Min rapport's")),
            r"cd 'Min rapport'\''s'"
        );
        assert_eq!(command("cd", Path::new("årsrapport")), "cd årsrapport");
    }

    #[test]
    fn a_build_lists_each_kind_of_page_and_the_total() {
        let summary = BuildSummary {
            pages: 17,
            worksheets: 2,
            codebook_pages: 5,
            output: PathBuf::from("/r/public"),
            suppression_report: None,
        };
        let text = after_build(&summary, Path::new("."), 12);
        assert!(
            text.starts_with(
                "Built 25 pages into /r/public in 12 ms: 17 pages, 2 worksheets, \
                 5 codebook pages and print.html.\n"
            ),
            "{text}"
        );
        assert!(text.contains("file:///r/public/index.html"), "{text}");
        assert!(text.contains("`insikt serve`"), "{text}");

        let summary = BuildSummary {
            pages: 1,
            worksheets: 0,
            codebook_pages: 0,
            output: PathBuf::from("/r/public"),
            suppression_report: None,
        };
        let text = after_build(&summary, Path::new("rapport"), 3);
        assert!(
            text.starts_with("Built 2 pages into /r/public in 3 ms: 1 page and print.html.\n"),
            "{text}"
        );
        assert!(text.contains("`insikt serve rapport`"), "{text}");
    }
}
