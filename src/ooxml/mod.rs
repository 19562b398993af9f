//! What the DOCX writer and the DOCX reader share of the package, so a name
//! written by one is read by the other from the same place.

pub mod part;
pub mod provenance;
pub mod style;

pub use part::Part;
