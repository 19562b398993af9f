//! The DOCX reader: a Word file (from Word, LibreOffice or rapporteur)
//! back into a [`Document`], every tracked change attributed to its
//! author, comments as reasons or notes.
//!
//! The package is opened as hostile ([`package`], [`xml`]); its stories
//! are read into a form close to the markup ([`wml`]); then either the
//! structure rapporteur stored beside the text ([`crate::ooxml::provenance`]) is
//! laid back over the words ([`structured`]), or, for any other Word file
//! (or a rendered one edited since), changes, groups and notes are worked
//! out from the markup ([`plain`]). What the model cannot hold is returned
//! as [`Unrepresented`], with where it stands.

mod blocks;
mod front;
mod masthead;
mod numbering;
mod package;
mod plain;
mod report;
mod stories;
mod structured;
mod wml;
mod xml;

use crate::model::Document;
use std::fmt;

pub use package::{MAX_FILE_BYTES, MAX_PART_BYTES, MAX_RATIO, MAX_TOTAL_BYTES};
pub use report::{Problem, Unrepresented};
pub use xml::MAX_DEPTH;

/// What the reader gives back.
#[derive(Debug, Clone)]
pub struct Imported {
    pub doc: Document,
    /// What the file holds and the document cannot: to report, never drop.
    pub unrepresented: Vec<Unrepresented>,
    /// How the structure was found.
    pub origin: Origin,
    /// The source of the version the file was rendered from, when the
    /// file carries it (`crate::ooxml::provenance::Overlay::source`): a merge's
    /// ancestor for this copy.
    pub ancestor: Option<String>,
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
            Ok(doc) if crate::ooxml::provenance::document_fingerprint(&doc) == overlay.check => {
                return Ok(Imported {
                    doc,
                    unrepresented: raw.unrepresented.clone(),
                    origin: Origin::Rendered {
                        base: overlay.check.clone(),
                    },
                    ancestor: overlay.source.clone(),
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
        ancestor: raw.overlay.as_ref().and_then(|o| o.source.clone()),
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
