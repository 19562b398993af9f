//! Writers: each reads the model (after a view) and writes one format. No
//! writer imports another (`tests/code_shape.rs`); what they print alike
//! lives in [`crate::present`].

pub mod docx;
pub mod html;
pub mod pandoc;
pub mod pdf;
pub mod source;
pub mod text;
