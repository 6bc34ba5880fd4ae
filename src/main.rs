use clap::Parser;
use insikt::cli::{Cli, Command};

/// Rendering allocates many short-lived strings on every worker thread at once; glibc's
/// allocator spends a tenth of a 10,000-page build in its arena locks and free lists.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    insikt_core::crash::install_hook();
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Build {
            dir,
            output,
            drafts,
            force,
        } => insikt::cmd::build(&dir, output.as_deref(), drafts, force),
        Command::Check {
            dir,
            drafts,
            values,
        } => insikt::cmd::check(&dir, drafts, values),
        Command::Pdf {
            dir,
            output,
            chromium,
            drafts,
        } => insikt::cmd::pdf(&dir, output.as_deref(), chromium.as_deref(), drafts),
        Command::Serve {
            dir,
            port,
            bind,
            drafts,
        } => insikt::cmd::serve(&dir, port, bind, drafts),
        Command::New { dir, language } => insikt::cmd::new(&dir, language),
        Command::Import { from, src, dest } => insikt::cmd::import(from.into(), &src, &dest),
        Command::Codebook { csv, stdout, force } => insikt::cmd::codebook(&csv, stdout, force),
    };
    std::process::exit(code);
}
