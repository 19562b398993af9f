//! What can stop the PDF writer.

use std::fmt;

/// Why a PDF could not be written.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The fonts could not be read or used.
    Font(String),
    /// The document could not be laid out.
    Layout(String),
    /// krilla refused to write the file (validation, limits).
    Write(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Font(m) => write!(f, "font: {m}"),
            Error::Layout(m) => write!(f, "layout: {m}"),
            Error::Write(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}
