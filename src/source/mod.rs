//! The source reader: one UTF-8 file (TOML front matter, a small Markdown
//! dialect, CriticMarkup with authors) into one [`Document`].
//!
//! The reader collects every problem it finds instead of stopping at the
//! first, so a writer of sources fixes a file in one pass. Each problem has a
//! byte range in the file; [`Errors`] renders them with codespan-reporting as
//! `file:line:column`, the line, a caret and what to do.

mod body;
mod front;
mod inline;

pub use body::Spans;

use crate::model::Document;
use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;
use std::fmt;
use std::ops::Range;

/// Inputs larger than this are refused before parsing: a conference
/// document is well under a megabyte, and the bound keeps memory in check.
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;
/// Changes nested deeper than this are refused (no real document nests
/// more than two or three).
pub const MAX_NESTING: usize = 64;
/// More footnotes than this are refused.
pub const MAX_FOOTNOTES: usize = 10_000;
/// Reported problems are capped: past this many, the rest is noise.
const MAX_PROBLEMS: usize = 100;

/// One problem in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte range in the file.
    pub range: Range<usize>,
    /// What is wrong, in one line.
    pub message: String,
    /// What the caret points at.
    pub label: String,
    /// What to do about it.
    pub help: String,
}

/// Every problem found in one file, with the file's text to show them.
#[derive(Debug, Clone)]
pub struct Errors {
    name: String,
    text: String,
    problems: Vec<Problem>,
}

impl Errors {
    fn new(name: &str, text: &str, mut problems: Vec<Problem>) -> Errors {
        problems.sort_by_key(|p| (p.range.start, p.range.end));
        problems.dedup();
        problems.truncate(MAX_PROBLEMS);
        Errors {
            name: name.to_string(),
            text: text.to_string(),
            problems,
        }
    }

    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// 1-based line and column (in characters) of a problem's start.
    pub fn line_column(&self, problem: &Problem) -> (usize, usize) {
        line_column(&self.text, problem.range.start)
    }

    /// `file:line:column: message` for each problem, one per line: the
    /// short form, for tests and editors.
    pub fn short(&self) -> String {
        let mut out = String::new();
        for p in &self.problems {
            let (line, col) = self.line_column(p);
            out.push_str(&format!("{}:{line}:{col}: {}\n", self.name, p.message));
        }
        out
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = SimpleFile::new(self.name.as_str(), self.text.as_str());
        let config = term::Config::default();
        for p in &self.problems {
            let (line, col) = self.line_column(p);
            // Keep the range inside the text and on char boundaries, so the
            // renderer never fails on a problem at the very end.
            let start = floor_char_boundary(&self.text, p.range.start.min(self.text.len()));
            let end = floor_char_boundary(&self.text, p.range.end.clamp(start, self.text.len()));
            if let Some(window) = long_line_window(&self.text, start, end) {
                // codespan prints the whole line: for a line of megabytes show
                // a window around the problem instead.
                writeln!(f, "error: {}:{line}:{col}: {}", self.name, p.message)?;
                writeln!(f, "  │ …{}…", window.text)?;
                writeln!(
                    f,
                    "  │  {}{} {}",
                    " ".repeat(window.caret),
                    "^".repeat(window.width.max(1)),
                    p.label
                )?;
                writeln!(f, "  = help: {}\n", p.help)?;
                continue;
            }
            let diagnostic = Diagnostic::error()
                .with_message(format!("{}:{line}:{col}: {}", self.name, p.message))
                .with_label(Label::primary((), start..end).with_message(&p.label))
                .with_note(format!("help: {}", p.help));
            match term::emit_into_string(&config, &file, &diagnostic) {
                Ok(s) => f.write_str(&s)?,
                Err(_) => writeln!(f, "error: {}:{line}:{col}: {}", self.name, p.message)?,
            }
        }
        let n = self.problems.len();
        writeln!(
            f,
            "{}: {n} error{} found; no output written",
            self.name,
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Errors {}

/// Lines longer than this are shown as a window around the problem.
const LONG_LINE: usize = 400;

struct Window {
    text: String,
    /// Characters before the caret.
    caret: usize,
    width: usize,
}

fn long_line_window(text: &str, start: usize, end: usize) -> Option<Window> {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if line_end - line_start <= LONG_LINE {
        return None;
    }
    let from = floor_char_boundary(text, start.saturating_sub(60).max(line_start));
    let to = floor_char_boundary(text, (start + 60).min(line_end));
    let shown = text[from..to].replace('\t', " ");
    Some(Window {
        caret: text[from..start].chars().count(),
        width: text[start..end.min(to).max(start)].chars().count(),
        text: shown,
    })
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

/// Collects problems while reading.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    pub problems: Vec<Problem>,
}

impl Sink {
    pub fn error(
        &mut self,
        range: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
        help: impl Into<String>,
    ) {
        if self.problems.len() < MAX_PROBLEMS * 2 {
            self.problems.push(Problem {
                range,
                message: message.into(),
                label: label.into(),
                help: help.into(),
            });
        }
    }
}

/// Parse a source file given as bytes: checks that it is UTF-8 first.
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<Document, Errors> {
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
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(name, text),
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

/// Parse a source file.
pub fn parse(name: &str, text: &str) -> Result<Document, Errors> {
    parse_with_spans(name, text).map(|(doc, _)| doc)
}

/// Parse a source file, and say where each block stands in it.
pub fn parse_with_spans(name: &str, text: &str) -> Result<(Document, Spans), Errors> {
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
    let front = front::parse(text, &mut sink);
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

/// Read and parse a file from disk.
pub fn parse_file(path: &std::path::Path) -> Result<Document, ReadError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| ReadError::Io(name.clone(), e))?;
    parse_bytes(&name, &bytes).map_err(ReadError::Source)
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
