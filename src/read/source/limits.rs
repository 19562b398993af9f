//! Bounds on what a source may ask of the reader, so that a hostile or
//! broken file costs little.

/// Inputs larger than this are refused before parsing: a conference
/// document is well under a megabyte, and the bound keeps memory in check.
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;
/// Changes nested deeper than this are refused (no real document nests
/// more than two or three).
pub const MAX_NESTING: usize = 64;
/// More footnotes than this are refused.
pub const MAX_FOOTNOTES: usize = 10_000;
