//! rapporteur: one plain-text source of discussion points and States'
//! proposed changes, read into one document model, written as DOCX (real
//! tracked changes and comments), PDF (typeset UN document), HTML, plain
//! text or Markdown.
//!
//! Readers → model → writers, as pandoc is built; the tree shows the layers:
//!
//! - [`read`]: the source parser and the DOCX reader, each building a
//!   [`model::Document`] through [`model::builder`];
//! - [`model`]: the document, its builder, and what is derived from it as a
//!   pure function ([`model::view`]: accepted, original or one State's
//!   document; its statistics and walks);
//! - [`merge`]: States' returned copies folded back into one document;
//! - [`present`]: what every writer prints the same way (labels,
//!   attributions, spacing around changes, scripts), over the model;
//! - [`house`]: the house style as data (templates, palette, fonts, the
//!   barcode and the emblem);
//! - [`ooxml`]: what the DOCX writer and reader share of the package;
//! - [`layout`]: the PDF's layout engine (shaping, line breaking,
//!   pagination), which only the PDF writer uses;
//! - [`write`]: one writer per format, none importing another.
//!
//! [`render`] runs the pipeline (view, then writer) for the command line.

pub mod generate;
pub mod grid;
pub mod house;
pub mod layout;
pub mod merge;
pub mod model;
pub mod ooxml;
pub mod present;
pub mod read;
pub mod render;
pub mod write;
