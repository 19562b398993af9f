//! What can stop the layout: each variant says what went wrong, so that a
//! writer can report it (or act on it) without reading a sentence.

use super::fonts::FaceKind;

/// Why a document could not be laid out.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The family could not be found or read ([`super::fonts`] says why).
    #[error("font: {0}")]
    Font(String),
    /// The shaper cannot read one face of the family.
    #[error("font: the {0:?} face cannot be read as an OpenType font")]
    UnreadableFace(FaceKind),
    /// The margins leave too little width for text.
    #[error(
        "the page leaves {text_width:.0} pt between its margins; \
         text needs at least {MIN_TEXT_WIDTH:.0} pt"
    )]
    PageTooNarrow { text_width: f32 },
    /// Pagination would start a page where the one before it started: a
    /// fault of the paginator, stopped instead of looping.
    #[error(
        "pagination made no progress: page {next} would start where page {page} did \
         (a fault in rapporteur; please report it with the source)"
    )]
    NoProgress { page: usize, next: usize },
    /// The receiver of the pages stopped taking them (the PDF writer, when
    /// it could not draw one: its own error says why).
    #[error("the pages' receiver stopped: {0}")]
    Sink(String),
}

/// The narrowest text a page may leave between its margins, in points.
pub const MIN_TEXT_WIDTH: f32 = 100.0;
