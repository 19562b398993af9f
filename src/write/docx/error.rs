//! Why a DOCX could not be written.

use super::threads::MAX_COMMENTS;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The revision ids written do not match those counted (a bug here).
    #[error("DOCX: {seen} revision id placeholders for {count} revisions")]
    RevisionIds { seen: u32, count: u32 },
    /// The zip package could not be written.
    #[error("DOCX: cannot write the package: {0}")]
    Zip(String),
    /// More comments than Word opens in one file.
    #[error(
        "DOCX: the document has {0} comments, and Word opens no file with more than {max} \
         (MS-OI29500 §2.1.315); split the document, or render it as PDF",
        max = MAX_COMMENTS
    )]
    TooManyComments(usize),
    /// The emblem the front matter names cannot be put in.
    #[error("DOCX: the emblem `{file}`: {why}")]
    Emblem { file: String, why: String },
}
