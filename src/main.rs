//! The `rapporteur` command: a thin layer over the library.
//!
//! Exit status: 0 success, 1 a source or output problem, 2 a usage error.

use clap::{Args, Parser, Subcommand};
use rapporteur::model::Document;
use rapporteur::render::{self, Format, Options};
use rapporteur::source::{self, ReadError};
use rapporteur::view::{self, ViewSpec};
use std::io::Write;
use std::path::{Path, PathBuf};
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
    Render(RenderArgs),
}

#[derive(Args)]
struct RenderArgs {
    /// Formats to write, comma-separated: docx, pdf, md.
    #[arg(long, value_delimiter = ',', default_value = "docx,pdf")]
    to: Vec<Format>,
    /// Which changes to show: all, accepted, original or author=CODE.
    #[arg(long, default_value = "all")]
    view: ViewSpec,
    /// Output file (one input, one format) or directory. Without it, files
    /// go next to the input, and md goes to standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// DOCX: do not turn on track changes for the reader's own edits.
    #[arg(long)]
    no_track: bool,
    /// PDF: print each author's changes in a colour of its own, with a legend.
    #[arg(long, alias = "color")]
    colour: bool,
    /// PDF: use the fonts in this directory instead of the built-in ones.
    #[arg(long)]
    font_dir: Option<PathBuf>,
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { stats, files } => check(&files, stats),
        Command::Render(args) => render_files(args),
    }
}

/// Read every file, printing the errors of those that fail.
fn read(path: &Path) -> Option<Document> {
    match source::parse_file(path) {
        Ok(doc) => Some(doc),
        Err(e) => {
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "{e}");
            if let ReadError::Io(..) = e {
                let _ = writeln!(stderr, "help: check the path");
            }
            None
        }
    }
}

fn check(files: &[PathBuf], stats: bool) -> ExitCode {
    let mut failed = false;
    for path in files {
        match read(path) {
            Some(doc) => {
                if stats {
                    print!("{}", stats_table(path, &doc));
                } else {
                    println!("{}: ok", path.display());
                }
            }
            None => failed = true,
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn stats_table(path: &Path, doc: &Document) -> String {
    let stats = view::stats(doc);
    let total_changes: usize = stats.iter().map(|(_, s)| s.changes()).sum();
    let total_notes: usize = stats.iter().map(|(_, s)| s.notes).sum();
    let mut out = format!(
        "{}: {} points, {} authors, {} changes, {} notes, {} footnotes\n",
        path.display(),
        doc.points().len(),
        doc.authors.len(),
        total_changes,
        total_notes,
        doc.footnotes.len(),
    );
    let width = doc
        .authors
        .iter()
        .map(|a| a.code.chars().count().max(a.name.chars().count()))
        .max()
        .unwrap_or(4)
        .max(6);
    out.push_str(&format!(
        "  {:<width$}  {:<width$}  {:>10}  {:>9}  {:>7}  {:>5}\n",
        "code", "name", "insertions", "deletions", "changes", "notes"
    ));
    for (id, s) in &stats {
        let a = doc.author(*id);
        out.push_str(&format!(
            "  {:<width$}  {:<width$}  {:>10}  {:>9}  {:>7}  {:>5}\n",
            a.code,
            a.name,
            s.insertions,
            s.deletions,
            s.changes(),
            s.notes
        ));
    }
    out
}

fn render_files(args: RenderArgs) -> ExitCode {
    let mut formats = args.to.clone();
    formats.sort();
    formats.dedup();
    let options = Options {
        view: args.view.clone(),
        no_track: args.no_track,
        colour: args.colour,
        font_dir: args.font_dir.clone(),
    };
    let many = args.files.len() > 1 || formats.len() > 1;
    if let Some(out) = &args.output {
        if many && out.is_file() {
            eprintln!(
                "error: -o {} is a file, but {} outputs are to be written\nhelp: give a directory with -o",
                out.display(),
                args.files.len() * formats.len()
            );
            return ExitCode::from(2);
        }
    }
    let mut failed = false;
    for path in &args.files {
        let Some(doc) = read(path) else {
            failed = true;
            continue;
        };
        // Render every format first: a file with any problem writes nothing.
        let mut outputs = Vec::new();
        for &format in &formats {
            match render::render(&doc, format, &options) {
                Ok(bytes) => outputs.push((format, bytes)),
                Err(e) => {
                    eprintln!("error: {}: {e}", path.display());
                    if let render::RenderError::View(_) = e {
                        return ExitCode::from(2);
                    }
                    failed = true;
                }
            }
        }
        if outputs.len() != formats.len() {
            continue;
        }
        for (format, bytes) in outputs {
            let target = match output_path(path, format, args.output.as_deref(), many) {
                Some(t) => t,
                None => {
                    // md with no -o: standard output.
                    let mut stdout = std::io::stdout().lock();
                    if stdout.write_all(&bytes).is_err() {
                        failed = true;
                    }
                    continue;
                }
            };
            match render::write_atomically(&target, &bytes) {
                Ok(()) => eprintln!("wrote {}", target.display()),
                Err(e) => {
                    eprintln!("error: cannot write {}: {e}", target.display());
                    failed = true;
                }
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Where one output goes. `None`: standard output.
fn output_path(input: &Path, format: Format, output: Option<&Path>, many: bool) -> Option<PathBuf> {
    let stem = input.file_stem().unwrap_or_default();
    let file_name = PathBuf::from(stem).with_extension(format.extension());
    match output {
        None if format == Format::Md && !many => None,
        None => Some(input.with_extension(format.extension())),
        Some(out) => {
            let is_dir = many || out.is_dir() || out.to_string_lossy().ends_with('/');
            if is_dir {
                Some(out.join(file_name))
            } else {
                Some(out.to_path_buf())
            }
        }
    }
}
