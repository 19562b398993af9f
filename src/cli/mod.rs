//! The binary's own modules: commands whose work is mostly reporting to the
//! user, apart from the library.

pub mod import;
pub mod merge;
