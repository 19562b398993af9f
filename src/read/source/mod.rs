//! The source reader: one UTF-8 file (TOML front matter, a small Markdown
//! dialect, CriticMarkup with authors) into one [`Document`].
//!
//! The reader collects every problem it finds instead of stopping at the
//! first, so a writer of sources fixes a file in one pass. Each problem has a
//! byte range in the file; [`Errors`] renders them with codespan-reporting as
//! `file:line:column`, the line, a caret and what to do.

mod body;
mod diagnostics;
mod front;
pub(crate) use front::{initials_of, name_typography};
mod inline;
mod limits;

pub use diagnostics::{line_column, Errors, Problem};
pub use limits::{MAX_FOOTNOTES, MAX_INPUT_BYTES, MAX_NESTING};

pub use body::Spans;

use crate::model::Document;
use diagnostics::{floor_char_boundary, Sink};
use std::fmt;
use std::path::Path;

/// Parse a source file given as bytes: checks that it is UTF-8 first.
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<Document, Errors> {
    parse_bytes_in(name, bytes, None)
}

/// [`parse_bytes`], the emblem read from `base` if the source names one.
fn parse_bytes_in(name: &str, bytes: &[u8], base: Option<&Path>) -> Result<Document, Errors> {
    if bytes.len() > MAX_INPUT_BYTES {
        let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
        return Err(Errors::new(
            name,
            &shown,
            vec![Problem {
                range: 0..0,
                message: format!(
                    "the file has {} bytes; sources are limited to {} MiB",
                    bytes.len(),
                    MAX_INPUT_BYTES / (1024 * 1024)
                ),
                label: "file starts here".into(),
                help: "split the document into several sources".into(),
            }],
        ));
    }
    if let Some(problem) = not_a_source(bytes) {
        let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
        return Err(Errors::new(name, &shown, vec![problem]));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_in(name, text, base).map(|(doc, _)| doc),
        Err(e) => {
            let at = e.valid_up_to();
            let text = String::from_utf8_lossy(bytes).into_owned();
            // Map the byte offset to the lossy text: everything before `at`
            // is unchanged, so the offset holds.
            Err(Errors::new(
                name,
                &text,
                vec![Problem {
                    range: at..at + 1,
                    message: "the file is not valid UTF-8".into(),
                    label: format!("byte 0x{:02X} is not UTF-8", bytes[at]),
                    help: "save the file as UTF-8 (in most editors: Save As, encoding UTF-8)"
                        .into(),
                }],
            ))
        }
    }
}

/// A Word file or a PDF where a source was expected: what it is and
/// what to do (a Word file is read back with `import`).
pub fn not_a_source(bytes: &[u8]) -> Option<Problem> {
    let (what, help) = if bytes.starts_with(b"PK\x03\x04") {
        (
            "a Word file (DOCX) or another zip file",
            "read a Word file into a source first: rapporteur import FILE.docx -o FILE.md, then use FILE.md",
        )
    } else if bytes.starts_with(b"%PDF-") {
        (
            "a PDF",
            "a PDF cannot be read back; use the source it was rendered from, or `rapporteur import` the DOCX",
        )
    } else {
        return None;
    };
    Some(Problem {
        range: 0..0,
        message: format!("this is {what}, not a source"),
        label: "file starts here".into(),
        help: help.into(),
    })
}

/// Parse a source file.
pub fn parse(name: &str, text: &str) -> Result<Document, Errors> {
    parse_with_spans(name, text).map(|(doc, _)| doc)
}

/// Parse a source file, and say where each block stands in it.
pub fn parse_with_spans(name: &str, text: &str) -> Result<(Document, Spans), Errors> {
    parse_in(name, text, None)
}

/// Parse a source whose emblem, if it names one, is read from `base`.
fn parse_in(name: &str, text: &str, base: Option<&Path>) -> Result<(Document, Spans), Errors> {
    let mut sink = Sink::default();
    if text.len() > MAX_INPUT_BYTES {
        sink.error(
            0..0,
            format!(
                "the file has {} bytes; sources are limited to {} MiB",
                text.len(),
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
            "file starts here",
            "split the document into several sources",
        );
        return Err(Errors::new(
            name,
            &text[..floor_char_boundary(text, 200)],
            sink.problems,
        ));
    }
    if text.trim().is_empty() {
        sink.error(
            0..0,
            "the file is empty",
            "nothing here",
            "a source starts with a `+++` line, TOML front matter (symbol, date, …), a closing `+++` line, then the body",
        );
        return Err(Errors::new(name, text, sink.problems));
    }
    control_characters(text, &mut sink);
    let front = front::parse(text, &mut sink, base);
    let doc = body::parse(text, front, &mut sink);
    match doc {
        Some(doc) if sink.problems.is_empty() => Ok(doc),
        _ => Err(Errors::new(name, text, sink.problems)),
    }
}

/// Control characters (other than tab and line breaks) have no place in a
/// document and no glyph in any font: report each where it stands.
fn control_characters(text: &str, sink: &mut Sink) {
    for (at, c) in text.char_indices() {
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
            sink.error(
                at..at + c.len_utf8(),
                format!("a control character U+{:04X} in the text", c as u32),
                "invisible character here",
                "delete it (it often comes from copying out of another program)",
            );
        }
    }
}

/// Read and parse a file from disk, and the emblem it names (a file
/// beside it, or relative to its folder).
pub fn parse_file(path: &std::path::Path) -> Result<Document, ReadError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| ReadError::Io(name.clone(), e))?;
    let base = path.parent().unwrap_or(Path::new(""));
    parse_bytes_in(&name, &bytes, Some(base)).map_err(ReadError::Source)
}

/// A file that could not be read, or that has errors.
#[derive(Debug)]
pub enum ReadError {
    Io(String, std::io::Error),
    Source(Errors),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(name, e) => writeln!(f, "error: cannot read {name}: {e}"),
            ReadError::Source(errors) => errors.fmt(f),
        }
    }
}

impl std::error::Error for ReadError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters() {
        let text = "ab\ncé d";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        // "é" is two bytes: the space after it is column 3.
        assert_eq!(line_column(text, 6), (2, 3));
    }
}
