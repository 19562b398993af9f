//! Helpers for the PDF tests: the example document, renders, and
//! the external tools (poppler-utils, qpdf) the checks run.

pub use super::tools;

use rapporteur::model::Document;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub const EXAMPLE: &str = "examples/firearms-comments.md";

pub fn parse(path: &str) -> Document {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    match rapporteur::read::source::parse(path, &text) {
        Ok(doc) => doc,
        Err(e) => panic!("{path} does not parse: {e:?}"),
    }
}

pub fn example() -> &'static Document {
    static DOC: OnceLock<Document> = OnceLock::new();
    DOC.get_or_init(|| parse(EXAMPLE))
}

/// The example rendered with default options, written to a file that
/// lives as long as the test process.
pub fn example_pdf() -> &'static Path {
    static FILE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = FILE.get_or_init(|| {
        let bytes =
            rapporteur::write::pdf::write(example(), &Default::default()).expect("example renders");
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("firearms-comments.pdf");
        std::fs::write(&path, bytes).expect("write pdf");
        (dir, path)
    });
    path
}

/// Write bytes to a temporary PDF file.
pub fn temp_pdf(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, bytes).expect("write pdf");
    (dir, path)
}

pub use tools::{libreoffice_print, missing, Tool};

/// Runs an external tool (the test checked `missing` first).
pub fn run(tool: Tool, args: &[&str]) -> (bool, String, String) {
    tools::run(tool, args)
}

pub fn poppler(tool: Tool, args: &[&str]) -> String {
    let (ok, out, err) = run(tool, args);
    assert!(ok, "{} {args:?} failed: {err}", tool.program());
    out
}

/// pdftotext of a page range (or the whole file), plain reading order.
pub fn pdftotext(pdf: &Path, pages: Option<(usize, usize)>) -> String {
    let mut args: Vec<String> = Vec::new();
    if let Some((f, l)) = pages {
        args.extend(["-f".into(), f.to_string(), "-l".into(), l.to_string()]);
    }
    args.push(pdf.to_str().expect("utf-8 path").into());
    args.push("-".into());
    let refs: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    poppler(Tool::Pdftotext, &refs)
}

pub fn page_count(pdf: &Path) -> usize {
    let info = poppler(Tool::Pdfinfo, &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports Pages")
}
