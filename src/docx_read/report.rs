//! What the reader reports: things the document cannot hold, and why a
//! file could not be read.

use std::fmt;

/// Something in the file that the document cannot hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unrepresented {
    /// "an image or drawing", "a formatting change (w:rPrChange)", …
    pub what: String,
    /// The part it is in: `word/document.xml`, `word/footnotes.xml`, …
    pub part: String,
    /// 1-based paragraph number within the part (0: outside paragraphs).
    pub paragraph: usize,
}

impl fmt::Display for Unrepresented {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.paragraph == 0 {
            write!(f, "{}: {} (not kept)", self.part, self.what)
        } else {
            write!(
                f,
                "{}, paragraph {}: {} (not kept)",
                self.part, self.paragraph, self.what
            )
        }
    }
}

/// Why a file could not be read, without the file's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    NotZip(String),
    NotDocx(String),
    Broken(String),
    TooLarge(String),
    Xml(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NotZip(e) => write!(
                f,
                "is not a DOCX file: not a zip package ({e}); is it truncated, or a .doc?"
            ),
            Problem::NotDocx(e) => write!(f, "is not a Word document: {e}"),
            Problem::Broken(e) => write!(f, "is damaged: {e}"),
            Problem::TooLarge(e) => write!(f, "is refused: {e}"),
            Problem::Xml(e) => write!(f, "has a malformed or refused XML part: {e}"),
        }
    }
}
