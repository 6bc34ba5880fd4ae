//! Command-line arguments.

use clap::{Parser, Subcommand};
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
    },
    /// Validate everything and write nothing.
    Check {
        /// The report folder (with book.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
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
}
