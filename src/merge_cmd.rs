//! `rapporteur merge BASE.md CODE=FILE.docx … [-o MERGED.md] [--report FILE.json]`:
//! States' returned copies back into the base source. Any problem: a
//! message naming the file, exit 1, nothing written.

use clap::Args;
use rapporteur::merge::{self, Copy};
use rapporteur::model::Document;
use rapporteur::render;
use rapporteur::source;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct MergeArgs {
    /// The source that was sent out.
    base: PathBuf,
    /// Each returned copy as CODE=FILE: the State's code and its Word file
    /// (.docx), or a copy given as a source (.md).
    #[arg(required = true, value_name = "CODE=FILE")]
    copies: Vec<String>,
    /// Where to write the merged source (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Where to write the report (JSON): matched and unmatched authors,
    /// new proposals, supports, objections, conflicts, what was not merged.
    #[arg(long)]
    report: Option<PathBuf>,
    /// Replace existing files at -o and --report.
    #[arg(long)]
    force: bool,
}

/// A problem, and whether it is one of usage (exit 2) or of the files (1).
struct Failure {
    message: String,
    usage: bool,
}

fn fail(message: String) -> Failure {
    Failure {
        message,
        usage: false,
    }
}

pub fn run(args: MergeArgs) -> ExitCode {
    match merge_files(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("{}", f.message.trim_end());
            ExitCode::from(if f.usage { 2 } else { 1 })
        }
    }
}

fn merge_files(args: &MergeArgs) -> Result<(), Failure> {
    let name = args.base.display().to_string();
    let bytes = std::fs::read(&args.base).map_err(|e| {
        fail(format!(
            "error: cannot read {name}: {e}\nhelp: check the path"
        ))
    })?;
    let base = source::parse_bytes(&name, &bytes).map_err(|e| fail(e.to_string()))?;
    // It parsed, so it is UTF-8.
    let base_text = String::from_utf8_lossy(&bytes).into_owned();
    let mut copies = Vec::with_capacity(args.copies.len());
    for arg in &args.copies {
        let (code, path) = split_copy(arg)?;
        for target in [&args.output, &args.report].into_iter().flatten() {
            if same_file(target, &path) || same_file(target, &args.base) {
                return Err(Failure {
                    message: format!(
                        "error: {} would overwrite an input\nhelp: name another output",
                        target.display()
                    ),
                    usage: true,
                });
            }
        }
        copies.push(read_copy(code, &path)?);
    }
    let merged = merge::merge(&base_text, &base, &copies)
        .map_err(|e| fail(format!("error: {name}: {e}")))?;
    let report = serde_json::to_string_pretty(&merged.report)
        .map_err(|e| fail(format!("error: the report: {e}")))?;
    // Everything is ready before anything is written; nothing there is
    // replaced without --force.
    for path in [&args.output, &args.report].into_iter().flatten() {
        if path.exists() && !args.force {
            return Err(Failure {
                message: format!(
                    "error: {} exists; nothing written\nhelp: name another output, or pass --force to replace it",
                    path.display()
                ),
                usage: true,
            });
        }
    }
    if let Some(path) = &args.report {
        render::write_atomically(path, format!("{report}\n").as_bytes())
            .map_err(|e| fail(format!("error: cannot write {}: {e}", path.display())))?;
        eprintln!("wrote {}", path.display());
    }
    match &args.output {
        Some(path) => {
            render::write_atomically(path, merged.source.as_bytes())
                .map_err(|e| fail(format!("error: cannot write {}: {e}", path.display())))?;
            eprintln!("wrote {}", path.display());
        }
        None => print!("{}", merged.source),
    }
    eprint!("{}", summary(&merged.report));
    Ok(())
}

/// `CODE=FILE`.
fn split_copy(arg: &str) -> Result<(String, PathBuf), Failure> {
    match arg.split_once('=') {
        Some((code, file)) if !code.trim().is_empty() && !file.is_empty() => {
            Ok((code.trim().to_string(), PathBuf::from(file)))
        }
        _ => Err(Failure {
            message: format!(
                "error: `{arg}` is not CODE=FILE\nhelp: give each copy with its State's code, e.g. US=us-comments.docx"
            ),
            usage: true,
        }),
    }
}

fn read_copy(code: String, path: &Path) -> Result<Copy, Failure> {
    let label = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let (doc, unrepresented) = match ext.as_str() {
        "md" | "txt" => (
            source::parse_file(path).map_err(|e| fail(e.to_string()))?,
            Vec::new(),
        ),
        "docx" => read_docx_copy(path)?,
        _ => {
            return Err(fail(format!(
                "error: {}: a returned copy is a Word file (.docx) or a source (.md)",
                path.display()
            )))
        }
    };
    Ok(Copy {
        code,
        doc,
        label,
        unrepresented,
    })
}

/// A returned Word file as a document, with what the reader could not
/// represent. This is the one place the DOCX reader is called from; once
/// `docx_read` is in, its body is:
///
/// ```text
/// let imported =
///     rapporteur::docx_read::read_file(path).map_err(|e| fail(format!("error: {e}")))?;
/// let unrepresented = imported.unrepresented.iter().map(|u| u.to_string()).collect();
/// Ok((imported.doc, unrepresented))
/// ```
fn read_docx_copy(path: &Path) -> Result<(Document, Vec<String>), Failure> {
    let imported =
        rapporteur::docx_read::read_file(path).map_err(|e| fail(format!("error: {e}")))?;
    let unrepresented = imported
        .unrepresented
        .iter()
        .map(ToString::to_string)
        .collect();
    Ok((imported.doc, unrepresented))
}

fn summary(report: &merge::Report) -> String {
    let mut out = String::new();
    for c in &report.copies {
        let proposals: usize = c.proposals.values().sum();
        out.push_str(&format!(
            "{} ({}): {proposals} new changes, {} supports, {} objections, {} comments",
            c.label,
            c.code,
            c.supports.len(),
            c.objections.len(),
            c.comments
        ));
        if !c.unmatched_names.is_empty() {
            out.push_str(&format!(
                "; counted as {}: {}",
                c.code,
                c.unmatched_names.join(", ")
            ));
        }
        out.push('\n');
        for u in &c.unrepresented {
            out.push_str(&format!("  not merged: {u}\n"));
        }
    }
    for conflict in &report.conflicts {
        out.push_str(&format!(
            "conflict in {}: {}\n",
            conflict.place,
            conflict
                .states
                .iter()
                .zip(&conflict.texts)
                .map(|(s, t)| format!("{s} {t}"))
                .collect::<Vec<_>>()
                .join(" / ")
        ));
    }
    out
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
