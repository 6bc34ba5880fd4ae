//! Located, human-readable build errors.
//!
//! Every input error insikt reports names the file, line and column, shows the offending
//! source line with a caret under the column, says what is wrong and, where it can, how to
//! fix it. A build collects all of them before it stops, so an author fixes a batch at once.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a source file, 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Location {
    /// A location from 1-based line and column.
    pub fn new(line: usize, column: usize) -> Self {
        Location { line, column }
    }

    /// The location of byte `offset` in `text`.
    pub fn from_offset(text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location { line, column }
    }
}

/// One error (or warning) about the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the problem is in, relative to the project where possible.
    pub file: PathBuf,
    /// Where in the file; `None` when the problem concerns the whole file.
    pub location: Option<Location>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
    /// The source line at `location`, shown under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// An error concerning a whole file.
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            location: None,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    /// An error at `location` in `file`, whose text is `source` (used to show the line).
    pub fn at(
        file: impl Into<PathBuf>,
        source: &str,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        let source_line = source
            .lines()
            .nth(location.line.saturating_sub(1))
            .map(|l| l.trim_end_matches('\r').to_string());
        Diagnostic {
            file: file.into(),
            location: Some(location),
            message: message.into(),
            help: None,
            source_line,
        }
    }

    /// Adds advice on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        match self.location {
            Some(loc) => writeln!(
                f,
                "error: {file}:{}:{}: {}",
                loc.line, loc.column, self.message
            )?,
            None => writeln!(f, "error: {file}: {}", self.message)?,
        }
        if let (Some(loc), Some(line)) = (self.location, &self.source_line) {
            let number = loc.line.to_string();
            let pad = " ".repeat(number.len());
            writeln!(f, " {pad} |")?;
            writeln!(f, " {number} | {line}")?;
            let indent: String = line
                .chars()
                .take(loc.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, " {pad} | {indent}^")?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "  help: {help}")?;
        }
        Ok(())
    }
}

/// All problems found in one run, in a stable order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds all of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// True when nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of diagnostics.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Sorts by file and position, so output does not depend on thread scheduling.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.location, &a.message).cmp(&(&b.file, b.location, &b.message))
        });
        self.0.dedup();
    }

    /// Iterates over the diagnostics.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// The closest of `candidates` to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// `path` relative to `base` when it lies inside it, for shorter messages.
pub fn relative_to(path: &Path, base: &Path) -> PathBuf {
    path.strip_prefix(base).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_to_location_counts_characters() {
        let text = "ab\nåäö x\n";
        let off = text.find('x').unwrap();
        assert_eq!(Location::from_offset(text, off), Location::new(2, 5));
    }

    #[test]
    fn display_shows_line_and_caret() {
        let d = Diagnostic::at("a.md", "one\ntwo three\n", Location::new(2, 5), "bad")
            .with_help("fix it");
        let s = d.to_string();
        assert!(s.contains("a.md:2:5: bad"), "{s}");
        assert!(s.contains(" 2 | two three"), "{s}");
        assert!(s.contains("   |     ^"), "{s}");
        assert!(s.contains("help: fix it"), "{s}");
    }

    #[test]
    fn suggestion_for_typo() {
        assert_eq!(did_you_mean("titel", &["title", "language"]), Some("title"));
        assert_eq!(did_you_mean("zzz", &["title", "language"]), None);
    }
}
