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

    fn heading_level(kind: BlockKind) -> Option<u16> {
        Some(match kind {
            BlockKind::Title => 1,
            BlockKind::Chapter | BlockKind::LegendHeading => 2,
            BlockKind::Section => 3,
            BlockKind::Subheading => 4,
            BlockKind::PointHeading => 5,
            _ => return None,
        })
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
    /// block the agenda note belongs to.
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
        // Which block references each footnote first (reading order), and
        // where the agenda footnote belongs: after the masthead's agenda line.
        let mut note_blocks: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut by_footnote: Vec<Option<usize>> = vec![None; doc.footnotes.len()];
        for (i, b) in blocks.iter().enumerate() {
            if let (BlockKind::Footnote, Some(f)) = (b.kind, b.footnote) {
                if let Some(slot) = by_footnote.get_mut(f) {
                    slot.get_or_insert(i);
                }
            }
        }
        let mut placed = vec![false; n];
        for &(block, f) in &self.first_refs {
            if let Some(fb) = by_footnote[f] {
                placed[fb] = true;
                note_blocks[block].push(fb);
            }
        }
        if let Some(agenda) = blocks
            .iter()
            .position(|b| b.kind == BlockKind::Footnote && b.footnote.is_none())
        {
            let host = agenda_block.unwrap_or(0);
            if host < n {
                note_blocks[host].push(agenda);
                placed[agenda] = true;
            }
        }

        let mut tree = TagTree::new().with_lang(Some(doc.meta.language.code().to_string()));
        let mut i = 0;
        while i < n {
            let b = &blocks[i];
            match b.kind {
                BlockKind::Running => {
                    i += 1;
                }
                BlockKind::Footnote => {
                    // Placed after its reference; an unreferenced one stands here.
                    if !placed[i] {
                        let node = self.note(i);
                        if let Some(node) = node {
                            tree.push(node);
                        }
                    }
                    i += 1;
                }
                BlockKind::SubParagraph | BlockKind::ListItem | BlockKind::Legend
                    if b.list.is_some() =>
                {
                    let list = b.list;
                    let numbering = match b.kind {
                        BlockKind::SubParagraph => ListNumbering::LowerAlpha,
                        BlockKind::ListItem => ListNumbering::Decimal,
                        _ => ListNumbering::Square,
                    };
                    let mut l = TagGroup::new(Tag::L(numbering));
                    while i < n && blocks[i].list == list && blocks[i].kind == b.kind {
                        let mut li = TagGroup::new(Tag::LI);
                        let labels: Vec<Node> = std::mem::take(&mut self.labels[i])
                            .into_iter()
                            .map(Node::from)
                            .collect();
                        if !labels.is_empty() {
                            li.push(TagGroup::with_children(Tag::Lbl, labels));
                        }
                        let mut body: Vec<Node> = std::mem::take(&mut self.content[i])
                            .into_iter()
                            .map(Node::from)
                            .collect();
                        for fb in note_blocks[i].clone() {
                            if let Some(node) = self.note(fb) {
                                body.push(node);
                            }
                        }
                        if !body.is_empty() {
                            li.push(TagGroup::with_children(Tag::LBody, body));
                        }
                        l.push(li);
                        i += 1;
                    }
                    tree.push(l);
                }
                BlockKind::TableRow => {
                    let mut table = TagGroup::new(Tag::Table);
                    while i < n && blocks[i].kind == BlockKind::TableRow {
                        let mut tr = TagGroup::new(Tag::TR);
                        let header = blocks[i].header_row;
                        let mut lines = std::mem::take(&mut self.cells[i]);
                        lines.sort_by_key(|(c, _)| *c);
                        let mut k = 0;
                        while k < lines.len() {
                            let c = lines[k].0;
                            let mut ids: Vec<Node> = Vec::new();
                            while k < lines.len() && lines[k].0 == c {
                                ids.push(Node::from(lines[k].1));
                                k += 1;
                            }
                            if header {
                                tr.push(TagGroup::with_children(
                                    Tag::TH(TableHeaderScope::Column),
                                    ids,
                                ));
                            } else {
                                tr.push(TagGroup::with_children(Tag::TD, ids));
                            }
                        }
                        let notes: Vec<Node> = note_blocks[i]
                            .clone()
                            .into_iter()
                            .filter_map(|fb| self.note(fb))
                            .collect();
                        if !notes.is_empty() {
                            tr.push(TagGroup::with_children(Tag::TD, notes));
                        }
                        table.push(tr);
                        i += 1;
                    }
                    tree.push(table);
                }
                kind => {
                    let mut children = self.ids(i);
                    for fb in note_blocks[i].clone() {
                        if let Some(node) = self.note(fb) {
                            children.push(node);
                        }
                    }
                    if !children.is_empty() {
                        let group = match Self::heading_level(kind) {
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
                        tree.push(group);
                    }
                    i += 1;
                }
            }
        }
        tree
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
