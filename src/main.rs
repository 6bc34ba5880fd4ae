use clap::Parser;
use insikt::cli::{Cli, Command};

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Build {
            dir,
            output,
            drafts,
        } => insikt::cmd::build(&dir, output.as_deref(), drafts),
        Command::Check { dir, drafts } => insikt::cmd::check(&dir, drafts),
    };
    std::process::exit(code);
}
