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
    /// 1-based paragraph number within the part (0: outside paragraphs);
    /// in a footnote, within that footnote.
    pub paragraph: usize,
    /// The footnote it is in, if any.
    pub footnote: Option<InFootnote>,
}

/// Which footnote a report is in, as a reader of the file finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InFootnote {
    /// Its `w:id` in `word/footnotes.xml`.
    pub id: String,
    /// Its mark as the document prints it ("2", "*"): numbered footnotes
    /// count in the order of their first reference in the body. `None`
    /// when nothing in the body refers to it.
    pub mark: Option<String>,
    /// The paragraph of `word/document.xml` (1-based, as
    /// [`Unrepresented::paragraph`] counts) that first refers to it.
    pub referred_from: Option<usize>,
}

impl fmt::Display for Unrepresented {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(note) = &self.footnote {
            match (&note.mark, note.referred_from) {
                (Some(mark), Some(p)) => write!(
                    f,
                    "footnote {mark} (its reference in {}, paragraph {p})",
                    crate::ooxml::Part::Document.path()
                )?,
                _ => write!(
                    f,
                    "{}, footnote w:id=\"{}\" (not referred to in the text)",
                    self.part, note.id
                )?,
            }
            if self.paragraph > 1 {
                write!(f, ", its paragraph {}", self.paragraph)?;
            }
            return write!(f, ": {} (not kept)", self.what);
        }
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
