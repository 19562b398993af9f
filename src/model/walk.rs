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

/// Calls `f` with every inline sequence in the blocks, to change it, in
/// the order of [`walk_inlines`].
pub fn walk_inlines_mut(blocks: &mut [Block], f: &mut dyn FnMut(&mut Vec<Inline>)) {
    for block in blocks {
        match block {
            Block::Heading(h) => f(&mut h.content),
            Block::Paragraph(p) => f(&mut p.content),
            Block::Point(p) => walk_inlines_mut(&mut p.blocks, f),
            Block::Statement(b) | Block::Quote(b) => walk_inlines_mut(b, f),
            Block::Table(t) => {
                for cell in t.header.iter_mut().chain(t.rows.iter_mut().flatten()) {
                    for p in &mut cell.paragraphs {
                        f(&mut p.content);
                    }
                }
            }
        }
    }
}

/// Numbers the document's numbered paragraphs 1, 2, … in order from
/// `n + 1` (points' paragraphs included; a State's own lists and quotes are
/// not document paragraphs), as Word's numbering counts them.
pub fn renumber_paragraphs(blocks: &mut [Block], n: &mut u32) {
    for block in blocks {
        match block {
            Block::Paragraph(p) => {
                if let ParagraphKind::Numbered(k) = &mut p.kind {
                    *n += 1;
                    *k = *n;
                }
            }
            Block::Point(p) => renumber_paragraphs(&mut p.blocks, n),
            // A State's own lists and quotes are not document paragraphs.
            Block::Statement(_) | Block::Quote(_) | Block::Heading(_) | Block::Table(_) => {}
        }
    }
}
