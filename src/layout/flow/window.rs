//! The blocks the pager may still reach, set as it reaches them.
//!
//! A block is set when the pager reaches it, or when a keep chain looks
//! ahead to it, and dropped once the pages holding its lines are
//! finished. Setting every block before paginating held all the
//! document's glyphs at once: half the peak memory of a large PDF. The
//! footnotes a block is the first to reference are set with it.

use super::context::Context;
use super::footnotes::{FootnoteLine, FootnoteLines, Footnotes};
use super::slab::{set_flow, Slab};
use crate::layout::compose::{Composer, Flow};
use crate::layout::result::{push_block, BlockInfo, BlockKind};
use crate::layout::shape::Shaper;
use std::collections::VecDeque;

/// A block set as slabs, with what pagination keeps of its flow.
#[derive(Debug, Clone)]
pub(super) struct Laid {
    pub(super) block: usize,
    pub(super) before: f32,
    pub(super) after: f32,
    pub(super) keep_with_next: bool,
    pub(super) slabs: Vec<Slab>,
    /// The fewest lines the block may leave at the foot / carry to the head of a page.
    pub(super) orphans: usize,
    pub(super) widows: usize,
}

/// The laid blocks that pagination may still reach.
pub(super) struct Window {
    pub(super) flows: std::vec::IntoIter<Flow>,
    /// The block number of the next flow.
    pub(super) next_block: usize,
    pub(super) laid: VecDeque<Laid>,
    /// The index, among all laid blocks, of `laid[0]`.
    pub(super) first: usize,
}

impl Window {
    /// Numbers every flow's block now, though each is set only when
    /// reached, so that the body's blocks come first and in order; the
    /// window takes the flows to set them as they are reached.
    pub(super) fn number_flows(composer: &mut Composer, blocks: &mut Vec<BlockInfo>) -> Window {
        let mut flows = std::mem::take(&mut composer.flows);
        let first_block = blocks.len();
        for flow in &mut flows {
            let block = push_block(blocks, flow.kind, None, std::mem::take(&mut flow.title));
            blocks[block].outline = flow.outline;
            blocks[block].list = flow.list;
            blocks[block].header_row = flow.header_row;
        }
        Window {
            flows: flows.into_iter(),
            next_block: first_block,
            laid: VecDeque::new(),
            first: 0,
        }
    }

    /// How many laid blocks have been set (dropped ones included).
    pub(super) fn len(&self) -> usize {
        self.first + self.laid.len()
    }

    pub(super) fn get(&self, i: usize) -> &Laid {
        &self.laid[i - self.first]
    }

    pub(super) fn get_mut(&mut self, i: usize) -> &mut Laid {
        &mut self.laid[i - self.first]
    }

    /// Drop the laid blocks before `keep`, which no page can reach again.
    pub(super) fn release(&mut self, keep: usize) {
        while self.first < keep && self.laid.pop_front().is_some() {
            self.first += 1;
        }
    }
}

/// What setting blocks and finishing pages needs.
pub(super) struct Setter<'s, 'a, 'f> {
    pub(super) ctx: &'s Context<'a>,
    pub(super) shaper: &'s mut Shaper<'f>,
    pub(super) composer: &'s Composer<'a>,
    pub(super) blocks: &'s mut Vec<BlockInfo>,
    pub(super) text_width: f32,
}

impl Setter<'_, '_, '_> {
    /// Set a footnote and number its block.
    pub(super) fn set_footnote(&mut self, flow: Flow, id: Option<usize>) -> FootnoteLines {
        let slabs = set_flow(self.shaper, self.ctx, &flow, self.text_width);
        let block = push_block(self.blocks, BlockKind::Footnote, id, String::new());
        self.blocks[block].lines = slabs.len();
        FootnoteLines {
            block,
            lines: slabs
                .into_iter()
                .flat_map(|s| {
                    s.lines.into_iter().map(|l| FootnoteLine {
                        x: l.x,
                        line: l.line,
                    })
                })
                .collect(),
            size: flow.size,
            leading: flow.leading,
            gap: flow.space_after,
        }
    }

    /// Set the next flow, and the footnotes it is the first to reference;
    /// false when all are set. A flow that sets no lines adds no laid block.
    pub(super) fn set_next(&mut self, win: &mut Window, notes: &mut Footnotes) -> bool {
        let Some(flow) = win.flows.next() else {
            return false;
        };
        let block = win.next_block;
        win.next_block += 1;
        let slabs = set_flow(self.shaper, self.ctx, &flow, self.text_width);
        self.blocks[block].lines = slabs.iter().map(|s| s.lines.len()).sum();
        if slabs.is_empty() {
            return true;
        }
        // Blocks are set in order, so footnotes are set (and their blocks
        // numbered) in order of first reference, as when every block was
        // set before any footnote.
        for slab in &slabs {
            for &f in &slab.footnotes {
                if notes.notes.get(f).is_some_and(|n| n.is_none()) {
                    let note = &self.ctx.doc.footnotes[f];
                    let superscript = matches!(note.mark, crate::model::FootnoteMark::Number(_));
                    let flow =
                        self.composer
                            .footnote(&note.mark.to_string(), superscript, &note.content);
                    notes.notes[f] = Some(self.set_footnote(flow, Some(f)));
                }
            }
        }
        let n = slabs.len();
        let pdf = &self.ctx.style.pdf;
        let (orphans, widows) = if flow.kind.is_heading() {
            (n, n)
        } else if flow.cells.is_empty() {
            (pdf.orphans.max(1), pdf.widows.max(1))
        } else {
            (1, 1)
        };
        win.laid.push_back(Laid {
            block,
            before: flow.space_before,
            after: flow.space_after,
            keep_with_next: flow.keep_with_next,
            slabs,
            orphans,
            widows,
        });
        true
    }

    /// Set flows until laid block `i` exists; false if there is none.
    pub(super) fn ensure(&mut self, win: &mut Window, notes: &mut Footnotes, i: usize) -> bool {
        while win.len() <= i {
            if !self.set_next(win, notes) {
                return false;
            }
        }
        true
    }
}
