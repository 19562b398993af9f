//! The binary: one module per command (check, render, import, merge,
//! generate): flags, output naming, exit codes and what is reported to the
//! user; the work itself is the library's.

pub mod check;
pub mod generate;
pub mod import;
pub mod merge;
pub mod render;

use rapporteur::model::Document;
use rapporteur::read::source;
use std::path::Path;

/// A warning for each character of the source that no face can set
/// (installed or built in): the PDF could not print it.
pub fn font_warnings(path: &Path, doc: &Document) -> String {
    let Ok(text) = std::fs::read_to_string(path) else {
        return String::new();
    };
    let missing = rapporteur::layout::fallback::unsettable(doc.meta.language, &text);
    let mut out = String::new();
    let shown =
        match rapporteur::layout::fallback::face_for(rapporteur::layout::fallback::REPLACEMENT) {
            Some(_) => "the PDF prints `\u{FFFD}` in its place (its text keeps the character)",
            None => "the PDF cannot print it",
        };
    for (at, c) in missing.iter().take(20) {
        let (line, column) = source::line_column(&text, *at);
        out.push_str(&format!(
            "warning: {}:{line}:{column}: no installed font has `{c}` (U+{:04X}): {shown}\n",
            path.display(),
            *c as u32
        ));
    }
    if missing.len() > 20 {
        out.push_str(&format!(
            "warning: {}: {} more such characters\n",
            path.display(),
            missing.len() - 20
        ));
    }
    if !missing.is_empty() {
        out.push_str("help: install a font that has them (Debian: fonts-dejavu-core, fonts-symbola, fonts-noto-core), or pass --font-dir to render\n");
    }
    out
}
