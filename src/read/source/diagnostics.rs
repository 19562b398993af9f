//! Problems found while reading, collected rather than thrown, and their
//! rendering with codespan-reporting as `file:line:column`, the line, a
//! caret and what to do.

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;
use std::fmt;
use std::ops::Range;

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
    pub(super) fn new(name: &str, text: &str, mut problems: Vec<Problem>) -> Errors {
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

pub(super) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
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
