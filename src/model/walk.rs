//! Walks over the model that every reader of it needs in the same order.

use crate::model::*;

/// Calls `f` with every inline sequence in the blocks (headings, paragraphs,
/// table cells) in document order, and `mark` with every paragraph mark.
pub fn walk_inlines(blocks: &[Block], f: &mut dyn FnMut(&[Inline]), mark: &mut dyn FnMut(Rev)) {
    for block in blocks {
        match block {
            Block::Heading(h) => {
                f(&h.content);
                mark(h.mark);
            }
            Block::Paragraph(p) => {
                f(&p.content);
                mark(p.mark);
            }
            Block::Point(p) => walk_inlines(&p.blocks, f, mark),
            Block::Statement(b) | Block::Quote(b) => walk_inlines(b, f, mark),
            Block::Table(t) => {
                for cell in t.header.iter().chain(t.rows.iter().flatten()) {
                    for p in &cell.paragraphs {
                        f(&p.content);
                        mark(p.mark);
                    }
                }
            }
        }
    }
}
