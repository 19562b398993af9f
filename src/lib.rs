//! rapporteur: one plain-text source of discussion points and States'
//! proposed changes, read into one document model, written as DOCX (real
//! tracked changes and comments), PDF (typeset UN document) or plain text.
//!
//! Readers → model → writers, as pandoc is built:
//! [`source`] parses a file into a [`model::Document`]; [`view`] derives the
//! accepted, original or one-author document from it; each writer only
//! reads the model.

pub mod barcode;
pub mod bundled_fonts;
pub mod docx;
pub mod docx_read;
pub mod generate;
pub mod html;
pub mod layout;
pub mod merge;
pub mod model;
pub mod pandoc;
pub mod pdf;
pub mod present;
pub mod provenance;
pub mod render;
pub mod script;
pub mod source;
pub mod source_write;
pub mod spacing;
pub mod style;
pub mod text;
pub mod view;
