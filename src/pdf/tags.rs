//! The tag tree: headings, paragraphs, lists and notes in reading order,
//! built from the identifiers of the marked content drawn for each block.

use crate::layout::{BlockKind, Layout};
use crate::model::Document;
use krilla::tagging::{Identifier, ListNumbering, Node, TableHeaderScope, Tag, TagGroup, TagTree};
use std::num::NonZeroU16;

pub struct TagBuilder<'a> {
    laid: &'a Layout,
    labels: Vec<Vec<Identifier>>,
    content: Vec<Vec<Identifier>>,
    /// Table rows: (cell, identifier) per line.
    cells: Vec<Vec<(usize, Identifier)>>,
}

impl<'a> TagBuilder<'a> {
    pub fn new(laid: &'a Layout) -> Self {
        let n = laid.blocks.len();
        TagBuilder {
            laid,
            labels: vec![Vec::new(); n],
            content: vec![Vec::new(); n],
            cells: vec![Vec::new(); n],
        }
    }

    pub fn label(&mut self, block: usize, id: Identifier) {
        self.labels[block].push(id);
    }

    pub fn content(&mut self, block: usize, id: Identifier) {
        self.content[block].push(id);
    }

    pub fn cell(&mut self, block: usize, cell: usize, id: Identifier) {
        self.cells[block].push((cell, id));
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

    pub fn finish(mut self, doc: &Document) -> TagTree {
        let laid = self.laid;
        let n = laid.blocks.len();
        // Which block references each footnote first (reading order), and
        // where the agenda footnote belongs: after the masthead's agenda line.
        let mut note_blocks: Vec<Vec<usize>> = vec![Vec::new(); n];
        let footnote_block = |f: usize| {
            laid.blocks
                .iter()
                .position(|b| b.kind == BlockKind::Footnote && b.footnote == Some(f))
        };
        let mut placed = vec![false; n];
        for page in &laid.pages {
            for line in &page.lines {
                for &f in &line.line.footnotes {
                    if let Some(fb) = footnote_block(f) {
                        if !placed[fb] {
                            placed[fb] = true;
                            note_blocks[line.block].push(fb);
                        }
                    }
                }
            }
        }
        if let Some(agenda) = laid
            .blocks
            .iter()
            .position(|b| b.kind == BlockKind::Footnote && b.footnote.is_none())
        {
            let host = laid.agenda_block.unwrap_or(0);
            if host < n {
                note_blocks[host].push(agenda);
                placed[agenda] = true;
            }
        }

        let mut tree = TagTree::new().with_lang(Some(doc.meta.language.code().to_string()));
        let mut i = 0;
        while i < n {
            let b = &laid.blocks[i];
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
                    while i < n && laid.blocks[i].list == list && laid.blocks[i].kind == b.kind {
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
                    while i < n && laid.blocks[i].kind == BlockKind::TableRow {
                        let mut tr = TagGroup::new(Tag::TR);
                        let header = laid.blocks[i].header_row;
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
