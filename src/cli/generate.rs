//! `rapporteur generate`: a synthetic source of any size, the same bytes
//! for the same scale and seed (benchmarks and stress tests).

use clap::Args;
use rapporteur::render;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct GenerateArgs {
    /// Size relative to the bundled example (1 = about 44 points).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    scale: u32,
    /// Seed: the same scale and seed give the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write it (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Replace an existing file at -o.
    #[arg(long)]
    force: bool,
}

pub fn run(args: GenerateArgs) -> ExitCode {
    let GenerateArgs {
        scale,
        seed,
        output,
        force,
    } = args;
    if let Some(path) = output.as_ref().filter(|p| p.exists() && !force) {
        eprintln!(
            "error: {} exists; nothing written\nhelp: name another output, or pass --force to replace it",
            path.display()
        );
        return ExitCode::from(2);
    }
    let text = rapporteur::generate::document(scale, seed);
    let result = match &output {
        Some(path) => render::write_atomically(path, text.as_bytes()).map(|()| {
            eprintln!("wrote {}", path.display());
        }),
        None => std::io::stdout().lock().write_all(text.as_bytes()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
