//! rapporteur's integration tests, one binary (as ripgrep's
//! `tests/tests.rs`): one link instead of one per file, one support module
//! all of them share. The modules are grouped by what a user does; each
//! file keeps its name, so `cargo test --test tests docx_word::` runs one
//! file and `cargo test NAME` one test, as before. `tests/code_shape.rs`,
//! which reads `src/` as text and shares nothing with these, stays a
//! binary of its own.

mod support;

/// The commands as a user meets them, and what every output says.
mod cli;
/// The DOCX rapporteur writes, checked by Word's rules and by the tools.
mod docx;
/// The review page (`render --to html`).
mod html;
/// Reading a Word file back (`rapporteur import`).
mod import;
/// The merge of the States' returned copies.
mod merge;
/// The PDF: layout, text, tags, the tools' reading.
mod pdf;
/// The source format: what the parser takes and gives back.
mod source;
