//! Command-line arguments.

use clap::{Parser, Subcommand};
use insikt_core::language::Language;
use std::net::IpAddr;
use std::path::PathBuf;

/// insikt: reflection and insight reports as accessible websites.
#[derive(Debug, Parser)]
#[command(name = "insikt", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site.
    Build {
        /// The report folder (with book.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Where to write the site (default: `[build] output` in book.toml, or `public`).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Replace the output folder even if it is not empty and insikt did not make it
        /// for this report (everything in it is deleted). Never the report folder, a
        /// folder containing it, its input folders, a file or a symbolic link.
        #[arg(long)]
        force: bool,
    },
    /// Validate everything and write nothing.
    Check {
        /// The report folder (with book.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print every value the text quotes from the data (`{{#value …}}`,
        /// `{{#updated …}}`, `{{#source …}}`) with where it is and what it shows.
        #[arg(long)]
        values: bool,
    },
    /// Make a PDF of every worksheet with a local Chromium (A4, tagged, fonts embedded).
    Pdf {
        /// The report folder (with book.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Where to write the PDFs (default: `pdf/` in the report folder).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// The Chromium or Chrome to use (default: the first of chromium, chromium-browser,
        /// google-chrome on PATH).
        #[arg(long)]
        chromium: Option<PathBuf>,
        /// Include question sets marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Preview the site on 127.0.0.1, rebuilding and reloading on every change.
    Serve {
        /// The report folder (with book.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The port to listen on.
        #[arg(long, short, default_value_t = 3000)]
        port: u16,
        /// The address to listen on; only loopback unless you ask for another.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Start a new report from a template, in a new or empty folder.
    New {
        /// The folder to create (must be missing or empty).
        dir: PathBuf,
        /// The report's language: sv, da, nb, nn, fi or en.
        #[arg(long, short, default_value = "sv", value_parser = parse_language)]
        language: Language,
    },
    /// Make a new insikt project from an mdBook book or a Zola site.
    Import {
        /// What the source is.
        from: ImportFrom,
        /// The book's or site's folder (with `book.toml` or `config.toml`).
        src: PathBuf,
        /// The new project's folder (must be missing or empty).
        dest: PathBuf,
    },
    /// Write a codebook for a CSV or PX file (`data/NAME.yaml` beside it): inferred from a
    /// CSV file, filled in from a PX file's metadata; "TODO: …" marks what to fill in.
    Codebook {
        /// The CSV or PX file, e.g. `data/datasprintar.csv` or `data/folkmangd.px`.
        csv: PathBuf,
        /// Print the stub instead of writing the file.
        #[arg(long)]
        stdout: bool,
        /// Replace an existing codebook.
        #[arg(long)]
        force: bool,
    },
}

/// What `insikt import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFrom {
    /// An mdBook book: `book.toml`, `src/SUMMARY.md` and its chapters.
    Mdbook,
    /// A Zola site: `config.toml`, `content/` and `static/`.
    Zola,
}

impl From<ImportFrom> for crate::import::Format {
    fn from(from: ImportFrom) -> Self {
        match from {
            ImportFrom::Mdbook => crate::import::Format::MdBook,
            ImportFrom::Zola => crate::import::Format::Zola,
        }
    }
}

fn parse_language(code: &str) -> Result<Language, String> {
    Language::from_code(code).ok_or_else(|| {
        format!(
            "unknown language `{code}`; choose one of {}",
            insikt_core::language::LANGUAGE_CODES.join(", ")
        )
    })
}
