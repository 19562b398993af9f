//! What every stage of pagination reads and none changes: the document,
//! its house style and page, and the block running heads belong to. A
//! module of its own so that every stage can read it and none depends on
//! another for it.

use crate::house::style::{HouseStyle, PageGeometry};
use crate::model::Document;

pub struct Context<'a> {
    pub doc: &'a Document,
    pub style: &'a HouseStyle,
    pub geometry: &'a PageGeometry,
    pub hyphenate: Option<hypher::Lang>,
    /// The block that running heads and footers belong to.
    pub running: usize,
}

impl Context<'_> {
    /// Whether the document is set right to left (its labels too).
    pub(super) fn rtl(&self) -> bool {
        crate::layout::mirror::is_rtl(self.doc.meta.language)
    }
}
