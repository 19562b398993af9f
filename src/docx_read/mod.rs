//! The DOCX reader: a Word file (from Word, LibreOffice or rapporteur)
//! back into a [`Document`], every tracked change attributed to its
//! author, comments as reasons or notes.
//!
//! The package is opened as hostile ([`package`], [`xml`]); its stories
//! are read into a form close to the markup ([`wml`]); then either the
//! structure rapporteur stored beside the text ([`crate::provenance`]) is
//! laid back over the words ([`structured`]), or, for any other Word file
//! (or a rendered one edited since), changes, groups and notes are worked
//! out from the markup ([`plain`]). What the model cannot hold is returned
//! as [`Unrepresented`], with where it stands.

mod blocks;
mod front;
mod package;
mod plain;
mod stories;
mod structured;
mod wml;
mod xml;

use crate::model::Document;
use std::fmt;

pub use package::{MAX_FILE_BYTES, MAX_PART_BYTES, MAX_RATIO, MAX_TOTAL_BYTES};
pub use xml::MAX_DEPTH;

/// What the reader gives back.
#[derive(Debug, Clone)]
pub struct Imported {
    pub doc: Document,
    /// What the file holds and the document cannot: to report, never drop.
    pub unrepresented: Vec<Unrepresented>,
    /// How the structure was found.
    pub origin: Origin,
}

/// Where the document's structure came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// From the structure rapporteur stored when it rendered the file,
    /// which matched the text: the document rendered, exactly. `base` is
    /// that document's fingerprint.
    Rendered { base: String },
    /// Rendered by rapporteur (fingerprint `base`) but changed since: the
    /// front matter and author codes are the rendered ones, changes and
    /// notes are read from the Word markup.
    EditedSinceRendered { base: String },
    /// Any other Word file.
    Word,
}

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

/// A DOCX that could not be read: names the file and says why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxReadError {
    pub file: String,
    pub problem: Problem,
}

impl fmt::Display for DocxReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.file, self.problem)
    }
}

impl std::error::Error for DocxReadError {}

/// Reads a DOCX given as bytes; `file_name` names it in errors.
pub fn read(bytes: &[u8], file_name: &str) -> Result<Imported, DocxReadError> {
    let err = |problem| DocxReadError {
        file: file_name.to_string(),
        problem,
    };
    let package = package::Package::open(bytes).map_err(err)?;
    let raw = stories::Raw::read(&package).map_err(err)?;
    if let Some(overlay) = &raw.overlay {
        match structured::build(&raw, overlay) {
            Ok(doc) if crate::provenance::document_fingerprint(&doc) == overlay.check => {
                return Ok(Imported {
                    doc,
                    unrepresented: raw.unrepresented.clone(),
                    origin: Origin::Rendered {
                        base: overlay.check.clone(),
                    },
                });
            }
            _ => {}
        }
    }
    let (doc, mut unrepresented) = plain::build(&raw, file_name);
    let origin = match &raw.overlay {
        Some(o) => Origin::EditedSinceRendered {
            base: o.check.clone(),
        },
        None => Origin::Word,
    };
    let mut all = raw.unrepresented.clone();
    all.append(&mut unrepresented);
    Ok(Imported {
        doc,
        unrepresented: all,
        origin,
    })
}

/// Reads a DOCX file from disk.
pub fn read_file(path: &std::path::Path) -> Result<Imported, DocxReadError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| DocxReadError {
        file: name.clone(),
        problem: Problem::Broken(format!("cannot be read: {e}")),
    })?;
    read(&bytes, &name)
}
