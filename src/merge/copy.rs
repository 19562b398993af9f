//! What the merge is given: the returned copies and the options of the run.

use crate::model::Document;

/// A copy returned by a State.
#[derive(Debug, Clone)]
pub struct Copy {
    /// The State's code: the author its untracked edits and unknown
    /// reviewers belong to.
    pub code: String,
    pub doc: Document,
    /// Where it came from, for the report: the file name.
    pub label: String,
    /// What the reader of the copy could not represent (images, format
    /// changes, …), to be listed in the report with the merge's own.
    pub unrepresented: Vec<String>,
    /// The version the copy was made from, as the copy carries it (a DOCX
    /// rendered by rapporteur holds its source); `None`: the copy is
    /// merged against the base given, and the report says so.
    pub ancestor: Option<Document>,
    /// FNV-1a 64 of the file's bytes ([`crate::ooxml::provenance::fingerprint_bytes`]):
    /// how the record knows a copy already merged.
    pub hash: String,
}

/// What the person merging says for this run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Reviewer names counted as a State (`--author "Wanjiru Kamau=KE"`):
    /// (name, code).
    pub reviewers: Vec<(String, String)>,
    /// Codes not in `[authors]` to add as new authors (`--new-author`).
    pub new_authors: Vec<String>,
}

/// How a copy's ancestor was had: its fingerprint, and whether it is the
/// base given because the copy did not carry one.
pub(crate) type Ancestry = (String, bool);
