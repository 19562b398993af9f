//! What can stop the PDF writer.

/// Why a PDF could not be written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The fonts could not be read or used.
    #[error("font: {0}")]
    Font(String),
    /// The document could not be laid out.
    #[error("layout: {0}")]
    Layout(String),
    /// krilla refused to write the file (validation, limits).
    #[error("{0}")]
    Write(String),
}
