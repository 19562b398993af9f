//! `rapporteur merge BASE.md CODE=FILE.docx … [-o MERGED.md] [--report FILE.json]`:
//! States' returned copies back into the base source. Any problem: a
//! message naming the file, exit 1, nothing written.

use clap::Args;
use rapporteur::merge::{self, Copy, Options};
use rapporteur::model::Document;
use rapporteur::read::source;
use rapporteur::render;
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
    /// Count a reviewer as a State for this run: --author "Wanjiru Kamau=KE"
    /// (the name as the copies sign their changes and comments; repeat for
    /// more). The report shows how each reviewer was counted.
    #[arg(long = "author", value_name = "NAME=CODE")]
    authors: Vec<String>,
    /// Add a State that [authors] does not list yet (its copy is given as
    /// CODE=FILE); without it an unknown code is an error.
    #[arg(long = "new-author", value_name = "CODE")]
    new_authors: Vec<String>,
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
    let options = Options {
        reviewers: args
            .authors
            .iter()
            .map(|a| reviewer(a))
            .collect::<Result<_, _>>()?,
        new_authors: args.new_authors.clone(),
    };
    let merged = merge::merge(&base_text, &base, &copies, &options).map_err(|e| match e {
        merge::MergeError::Mistake(m) => Failure {
            message: format!("error: {m}"),
            usage: true,
        },
        e => fail(format!("error: {name}: {e}")),
    })?;
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

/// `NAME=CODE` (the name may hold `=`: the code is after the last one).
fn reviewer(arg: &str) -> Result<(String, String), Failure> {
    match arg.rsplit_once('=') {
        Some((name, code)) if !name.trim().is_empty() && !code.trim().is_empty() => {
            Ok((name.trim().to_string(), code.trim().to_string()))
        }
        _ => Err(Failure {
            message: format!(
                "error: --author `{arg}` is not NAME=CODE\nhelp: give the reviewer's name as the copies sign it and the State's code, e.g. --author \"Wanjiru Kamau=KE\""
            ),
            usage: true,
        }),
    }
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
    let bytes = std::fs::read(path).map_err(|e| {
        fail(format!(
            "error: cannot read {}: {e}\nhelp: check the path",
            path.display()
        ))
    })?;
    let hash = rapporteur::ooxml::provenance::fingerprint_bytes(&bytes);
    let (doc, unrepresented, ancestor) = match ext.as_str() {
        "md" | "txt" => (
            source::parse_file(path).map_err(|e| fail(e.to_string()))?,
            Vec::new(),
            None,
        ),
        "docx" => read_docx_copy(path, &bytes)?,
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
        ancestor,
        hash,
    })
}

/// A returned Word file as a document, with what the reader could not
/// represent and the version it was made from, when it carries it.
fn read_docx_copy(
    path: &Path,
    bytes: &[u8],
) -> Result<(Document, Vec<String>, Option<Document>), Failure> {
    let name = path.display().to_string();
    let imported =
        rapporteur::read::docx::read(bytes, &name).map_err(|e| fail(format!("error: {e}")))?;
    let unrepresented = imported
        .unrepresented
        .iter()
        .map(ToString::to_string)
        .collect();
    // The stored source is the one rapporteur wrote; one that does not
    // read (damaged by hand) is no ancestor: the copy falls back.
    let ancestor = imported
        .ancestor
        .as_deref()
        .and_then(|text| source::parse(&name, text).ok());
    Ok((imported.doc, unrepresented, ancestor))
}

fn summary(report: &merge::Report) -> String {
    let mut out = String::new();
    for c in &report.copies {
        if c.already_merged {
            out.push_str(&format!(
                "{} ({}): already merged (the record in the front matter lists it): nothing changed\n",
                c.label, c.code
            ));
            continue;
        }
        let proposals: usize = c.proposals.values().sum();
        out.push_str(&format!(
            "{} ({}): {proposals} new changes, {} supports, {} objections, {} comments\n",
            c.label,
            c.code,
            c.supports.len(),
            c.objections.len(),
            c.comments
        ));
        if c.fallback {
            out.push_str("  merged against the base given: the copy does not carry the version it was made from\n");
        }
        for m in &c.matched_authors {
            out.push_str(&format!(
                "  reviewer {} counted as {} ({})\n",
                m.name, m.code, m.by
            ));
        }
        for name in &c.unmatched_names {
            out.push_str(&format!(
                "  reviewer {name} counted as {} (the copy's State: not in [authors]; --author \"{name}=CODE\" says otherwise)\n",
                c.code
            ));
        }
        for u in &c.unrepresented {
            out.push_str(&format!("  not merged: {u}\n"));
        }
    }
    for conflict in &report.conflicts {
        let pairs = conflict
            .states
            .iter()
            .zip(&conflict.texts)
            .map(|(s, t)| format!("{s} {t}"))
            .collect::<Vec<_>>()
            .join(" / ");
        out.push_str(&format!("conflict in {}: {pairs}\n", conflict.place));
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
