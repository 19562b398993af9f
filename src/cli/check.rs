//! `rapporteur check`: read sources and report their errors, the
//! characters the fonts lack and, with `--stats`, each State's counts.

use rapporteur::model::Document;
use rapporteur::read::source::{self, ReadError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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

pub fn run(files: &[PathBuf], stats: bool) -> ExitCode {
    let mut failed = false;
    for path in files {
        match read(path) {
            Some(doc) => {
                eprint!("{}", super::font_warnings(path, &doc));
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
    let stats = rapporteur::model::stats::stats(doc);
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
