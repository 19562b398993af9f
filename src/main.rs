//! The `rapporteur` command: its subcommands and flags; each command's
//! work is in [`cli`], each a thin layer over the library.
//!
//! Exit status: 0 success, 1 a source or output problem, 2 a usage error.

mod cli;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "rapporteur",
    version,
    about = "Compile States' proposed changes into UN documents: DOCX with real tracked changes, typeset PDF, plain text"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check sources for errors without writing anything.
    Check {
        /// Print counts: points, authors, changes and notes per author.
        #[arg(long)]
        stats: bool,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Render sources to DOCX, PDF and/or plain text.
    Render(cli::render::RenderArgs),
    /// Read a Word file (.docx) back into a source.
    Import(cli::import::ImportArgs),
    /// Merge States' returned copies into the source that was sent out.
    Merge(cli::merge::MergeArgs),
    /// Write a synthetic source (for benchmarks and stress tests).
    Generate(cli::generate::GenerateArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { stats, files } => cli::check::run(&files, stats),
        Command::Render(args) => cli::render::run(args),
        Command::Import(args) => cli::import::run(args),
        Command::Merge(args) => cli::merge::run(args),
        Command::Generate(args) => cli::generate::run(args),
    }
}
