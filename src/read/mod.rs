//! Readers: each builds a [`crate::model::Document`] through the model's
//! builder, so the model's rules have one home whatever the input.

pub mod docx;
pub mod source;
