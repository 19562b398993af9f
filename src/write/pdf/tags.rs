//! The tag tree: headings, paragraphs, lists and notes in reading order,
//! built from the identifiers of the marked content drawn for each block.

use crate::layout::{BlockInfo, BlockKind};
use crate::model::Document;
use krilla::tagging::{Identifier, ListNumbering, Node, TableHeaderScope, Tag, TagGroup, TagTree};
use std::num::NonZeroU16;

/// Gathers, page by page as they are drawn, what the tag tree needs: the
/// identifiers drawn for each block, and where each footnote is first
/// referenced. Pages are drawn as they are laid out and then dropped, so
/// nothing here looks back at them.
#[derive(Default)]
pub struct TagBuilder {
    labels: Vec<Vec<Identifier>>,
    content: Vec<Vec<Identifier>>,
    /// Table rows: (cell, identifier) per line.
    cells: Vec<Vec<(usize, Identifier)>>,
    /// The first reference to each footnote, in reading order:
    /// (referencing block, footnote).
    first_refs: Vec<(usize, usize)>,
    /// Per footnote of the document, whether it has been referenced yet.
    referenced: Vec<bool>,
    /// The ranks of the headings open at this point of the reading order.
    outline: Vec<u16>,
}

/// Where the footnotes stand in reading order.
struct NotePlaces {
    /// The footnote blocks to read after each block.
    after: Vec<Vec<usize>>,
    /// Footnote blocks read after their reference (not where they stand).
    placed: Vec<bool>,
}

/// `v[i]`, growing `v` to hold it: blocks are numbered as layout goes.
fn at<T: Default>(v: &mut Vec<T>, i: usize) -> &mut T {
    if v.len() <= i {
        v.resize_with(i + 1, T::default);
    }
    &mut v[i]
}

impl TagBuilder {
    pub fn new(doc: &Document) -> Self {
        TagBuilder {
            referenced: vec![false; doc.footnotes.len()],
            ..TagBuilder::default()
        }
    }

    pub fn label(&mut self, block: usize, id: Identifier) {
        at(&mut self.labels, block).push(id);
    }

    pub fn content(&mut self, block: usize, id: Identifier) {
        at(&mut self.content, block).push(id);
    }

    pub fn cell(&mut self, block: usize, cell: usize, id: Identifier) {
        at(&mut self.cells, block).push((cell, id));
    }

    /// The footnotes a line of `block` references; call for every content
    /// line in reading order.
    pub fn references(&mut self, block: usize, footnotes: &[usize]) {
        for &f in footnotes {
            if let Some(seen) = self.referenced.get_mut(f) {
                if !*seen {
                    *seen = true;
                    self.first_refs.push((block, f));
                }
            }
        }
    }

    /// A heading's rank in the document's outline: the title above
    /// chapters, above sections, above subheadings, above point headings.
    fn heading_rank(kind: BlockKind) -> Option<u16> {
        Some(match kind {
            BlockKind::Title => 1,
            BlockKind::Chapter | BlockKind::LegendHeading => 2,
            BlockKind::Section => 3,
            BlockKind::Subheading => 4,
            BlockKind::PointHeading => 5,
            _ => return None,
        })
    }

    /// The tag level of a heading of `rank`: one below the headings of
    /// higher rank still open. PDF/UA-1 forbids skipping a level (H3
    /// straight after H1, veraPDF's rule 7.4.2-1), and a document need
    /// not have every rank: points follow a chapter directly, and a
    /// section may have no subheading.
    fn heading_level(&mut self, rank: u16) -> u16 {
        while self.outline.last().is_some_and(|&open| open >= rank) {
            self.outline.pop();
        }
        self.outline.push(rank);
        self.outline.len() as u16
    }

    fn ids(&mut self, block: usize) -> Vec<Node> {
        let mut out: Vec<Node> = std::mem::take(&mut self.labels[block])
            .into_iter()
            .map(Node::from)
            .collect();
        out.extend(
            std::mem::take(&mut self.content[block])
                .into_iter()
                .map(Node::from),
        );
        out
    }

    /// The tree of `blocks`, the layout's; `agenda_block` is the masthead
    /// block the agenda note belongs to. One method per kind of block,
    /// each returning the tag it makes and the block after the ones it took.
    pub fn finish(
        mut self,
        doc: &Document,
        blocks: &[BlockInfo],
        agenda_block: Option<usize>,
    ) -> TagTree {
        let n = blocks.len();
        self.labels.resize_with(n, Vec::new);
        self.content.resize_with(n, Vec::new);
        self.cells.resize_with(n, Vec::new);
        let notes = self.place_notes(doc, blocks, agenda_block);
        let mut tree = TagTree::new().with_lang(Some(doc.meta.language.code().to_string()));
        let mut i = 0;
        while i < n {
            let b = &blocks[i];
            let (node, next) = match b.kind {
                BlockKind::Running => (None, i + 1),
                // Placed after its reference; an unreferenced one stands here.
                BlockKind::Footnote if notes.placed[i] => (None, i + 1),
                BlockKind::Footnote => (self.note(i), i + 1),
                BlockKind::SubParagraph
                | BlockKind::ListItem
                | BlockKind::Bullet
                | BlockKind::Legend
                    if b.list.is_some() =>
                {
                    self.list(blocks, i, &notes)
                }
                BlockKind::TableRow => self.table(blocks, i, &notes),
                _ => (self.paragraph(&blocks[i], i, &notes), i + 1),
            };
            if let Some(node) = node {
                tree.push(node);
            }
            i = next;
        }
        tree
    }

    /// Where each footnote goes in reading order: after the block that
    /// first references it, the agenda note after the masthead's agenda
    /// line.
    fn place_notes(
        &self,
        doc: &Document,
        blocks: &[BlockInfo],
        agenda_block: Option<usize>,
    ) -> NotePlaces {
        let n = blocks.len();
        let mut places = NotePlaces {
            after: vec![Vec::new(); n],
            placed: vec![false; n],
        };
        let mut by_footnote: Vec<Option<usize>> = vec![None; doc.footnotes.len()];
        for (i, b) in blocks.iter().enumerate() {
            if let (BlockKind::Footnote, Some(f)) = (b.kind, b.footnote) {
                if let Some(slot) = by_footnote.get_mut(f) {
                    slot.get_or_insert(i);
                }
            }
        }
        for &(block, f) in &self.first_refs {
            if let Some(fb) = by_footnote[f] {
                places.placed[fb] = true;
                places.after[block].push(fb);
            }
        }
        let agenda = blocks
            .iter()
            .position(|b| b.kind == BlockKind::Footnote && b.footnote.is_none());
        if let Some(agenda) = agenda {
            let host = agenda_block.unwrap_or(0);
            if host < n {
                places.after[host].push(agenda);
                places.placed[agenda] = true;
            }
        }
        places
    }

    /// The notes that go after block `i`.
    fn notes_after(&mut self, i: usize, notes: &NotePlaces) -> Vec<Node> {
        notes.after[i]
            .iter()
            .filter_map(|&fb| self.note(fb))
            .collect()
    }

    /// A run of subparagraphs, list items or legend entries of one list.
    fn list(
        &mut self,
        blocks: &[BlockInfo],
        first: usize,
        notes: &NotePlaces,
    ) -> (Option<Node>, usize) {
        let b = &blocks[first];
        let numbering = match b.kind {
            BlockKind::SubParagraph => ListNumbering::LowerAlpha,
            BlockKind::ListItem => ListNumbering::Decimal,
            BlockKind::Bullet => ListNumbering::Disc,
            _ => ListNumbering::Square,
        };
        let mut list = TagGroup::new(Tag::L(numbering));
        let mut i = first;
        while i < blocks.len() && blocks[i].list == b.list && blocks[i].kind == b.kind {
            let mut item = TagGroup::new(Tag::LI);
            let labels: Vec<Node> = std::mem::take(&mut self.labels[i])
                .into_iter()
                .map(Node::from)
                .collect();
            if !labels.is_empty() {
                item.push(TagGroup::with_children(Tag::Lbl, labels));
            }
            let mut body: Vec<Node> = std::mem::take(&mut self.content[i])
                .into_iter()
                .map(Node::from)
                .collect();
            body.extend(self.notes_after(i, notes));
            if !body.is_empty() {
                item.push(TagGroup::with_children(Tag::LBody, body));
            }
            list.push(item);
            i += 1;
        }
        (Some(list.into()), i)
    }

    /// A run of table rows: one table, a cell per column, header cells
    /// for a header row.
    fn table(
        &mut self,
        blocks: &[BlockInfo],
        first: usize,
        notes: &NotePlaces,
    ) -> (Option<Node>, usize) {
        let mut table = TagGroup::new(Tag::Table);
        let mut i = first;
        while i < blocks.len() && blocks[i].kind == BlockKind::TableRow {
            let mut row = TagGroup::new(Tag::TR);
            let header = blocks[i].header_row;
            let mut lines = std::mem::take(&mut self.cells[i]);
            lines.sort_by_key(|(c, _)| *c);
            for cell in lines.chunk_by(|(a, _), (b, _)| a == b) {
                let ids: Vec<Node> = cell.iter().map(|&(_, id)| Node::from(id)).collect();
                row.push(if header {
                    TagGroup::with_children(Tag::TH(TableHeaderScope::Column), ids)
                } else {
                    TagGroup::with_children(Tag::TD, ids)
                });
            }
            let notes = self.notes_after(i, notes);
            if !notes.is_empty() {
                row.push(TagGroup::with_children(Tag::TD, notes));
            }
            table.push(row);
            i += 1;
        }
        (Some(table.into()), i)
    }

    /// A heading (with its level and title) or a paragraph.
    fn paragraph(&mut self, b: &BlockInfo, i: usize, notes: &NotePlaces) -> Option<Node> {
        let mut children = self.ids(i);
        children.extend(self.notes_after(i, notes));
        if children.is_empty() {
            return None;
        }
        let group = match Self::heading_rank(b.kind).map(|r| self.heading_level(r)) {
            Some(level) => TagGroup::with_children(
                Tag::Hn(
                    NonZeroU16::new(level).expect("levels start at 1"),
                    Some(if b.title.is_empty() {
                        "Heading".to_string()
                    } else {
                        b.title.clone()
                    }),
                ),
                children,
            ),
            None => TagGroup::with_children(Tag::P, children),
        };
        Some(group.into())
    }

    fn note(&mut self, block: usize) -> Option<Node> {
        let mut children = Vec::new();
        let labels: Vec<Node> = std::mem::take(&mut self.labels[block])
            .into_iter()
            .map(Node::from)
            .collect();
        if !labels.is_empty() {
            children.push(Node::from(TagGroup::with_children(Tag::Lbl, labels)));
        }
        let body: Vec<Node> = std::mem::take(&mut self.content[block])
            .into_iter()
            .map(Node::from)
            .collect();
        if !body.is_empty() {
            children.push(Node::from(TagGroup::with_children(Tag::P, body)));
        }
        if children.is_empty() {
            return None;
        }
        Some(Node::from(TagGroup::with_children(Tag::Note, children)))
    }
}

#[cfg(test)]
mod tests {
    use super::TagBuilder;

    #[test]
    fn heading_levels_follow_the_outline_without_skipping() {
        // Title, chapter, two points, a section, a point, a subheading, a
        // point, the legend's heading, a subheading.
        let ranks = [1, 2, 5, 5, 3, 5, 4, 5, 2, 4];
        let mut tags = TagBuilder::default();
        let levels: Vec<u16> = ranks.iter().map(|&r| tags.heading_level(r)).collect();
        assert_eq!(levels, [1, 2, 3, 3, 3, 4, 4, 5, 2, 3]);
    }
}
