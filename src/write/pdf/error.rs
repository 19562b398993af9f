//! What can stop the PDF writer.

use crate::layout;

/// Why a PDF could not be written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// krilla cannot read the fonts the layout used.
    #[error("font: {0}")]
    Font(String),
    /// The document could not be laid out (its fonts among the reasons).
    #[error(transparent)]
    Layout(#[from] layout::Error),
    /// krilla refuses the page size.
    #[error("a page of {width} × {height} pt cannot be drawn")]
    PageSize { width: f32, height: f32 },
    /// krilla refused to write the file (validation, limits).
    #[error("{0}")]
    Write(String),
}
