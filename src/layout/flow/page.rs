//! The page being filled: what is placed on it so far (by reference, the
//! lines staying in their slabs), how far down it is, and whether a slab
//! with its footnotes still fits. The pager takes a snapshot before each
//! block and slab, so that backing off (a widow, a heading kept with its
//! text) is a restore, never a search through what was placed.

use super::footnotes::{FootnotePart, Footnotes};
use super::slab::Slab;
use crate::layout::geom::fits_within;
use crate::layout::result::Rule;

/// A slab's place in the laid blocks: a laid block, and a slab of it.
/// Ordered as pagination moves through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct SlabAt {
    pub(super) laid: usize,
    pub(super) slab: usize,
}

/// What is on a page at one moment, to go back to.
#[derive(Debug, Clone, Copy)]
pub(super) struct Snapshot {
    lines: usize,
    rules: usize,
    notes: usize,
    refs: usize,
    y: f32,
    pub(super) empty: bool,
}

/// A body line placed on a page, by reference: the line itself stays in
/// its slab until the page is finished, and is then moved (not copied)
/// into the page. Copying every line as it was placed held all the
/// document's glyphs twice.
#[derive(Debug, Clone, Copy)]
pub(super) struct PlacedRef {
    /// x from the left margin; the baseline.
    pub(super) x: f32,
    pub(super) y: f32,
    /// The slab, and the line within it.
    pub(super) at: SlabAt,
    pub(super) line: usize,
    pub(super) block: usize,
    pub(super) cell: usize,
}

pub(super) struct PageState {
    pub(super) number: usize,
    pub(super) lines: Vec<PlacedRef>,
    /// x from the left margin.
    pub(super) rules: Vec<Rule>,
    pub(super) notes: Vec<FootnotePart>,
    pub(super) refs: Vec<usize>,
    pub(super) y: f32,
    pub(super) top: f32,
    /// Where the body area ends (footnotes included): page 1's is higher.
    pub(super) bottom: f32,
    /// Nothing of the body placed yet.
    pub(super) empty: bool,
    pub(super) last_after: f32,
}

impl PageState {
    pub(super) fn new(number: usize, carry: Vec<FootnotePart>, top: f32, bottom: f32) -> PageState {
        PageState {
            number,
            lines: Vec::new(),
            rules: Vec::new(),
            notes: carry,
            refs: Vec::new(),
            y: top,
            top,
            bottom,
            empty: true,
            last_after: 0.0,
        }
    }

    pub(super) fn snapshot(&self) -> Snapshot {
        Snapshot {
            lines: self.lines.len(),
            rules: self.rules.len(),
            notes: self.notes.len(),
            refs: self.refs.len(),
            y: self.y,
            empty: self.empty,
        }
    }

    pub(super) fn restore(&mut self, s: Snapshot) {
        self.lines.truncate(s.lines);
        self.rules.truncate(s.rules);
        self.notes.truncate(s.notes);
        self.refs.truncate(s.refs);
        self.y = s.y;
        self.empty = s.empty;
    }

    /// Whether `height` more, after `gap`, fits above the page's footnotes
    /// with `extra` footnote parts added to them.
    pub(super) fn fits(
        &self,
        notes: &Footnotes,
        gap: f32,
        height: f32,
        extra: &[FootnotePart],
    ) -> bool {
        let mut all = self.notes.clone();
        all.extend_from_slice(extra);
        fits_within(self.y + gap + height + notes.height(&all), self.bottom)
    }

    /// Places the slab at `at` (of block `block`) after `gap`, with the
    /// footnotes it is the first on this page to reference.
    pub(super) fn place(
        &mut self,
        notes: &Footnotes,
        gap: f32,
        slab: &Slab,
        at: SlabAt,
        block: usize,
    ) {
        self.y += gap;
        for (k, line) in slab.lines.iter().enumerate() {
            self.lines.push(PlacedRef {
                x: line.x,
                y: self.y + line.baseline,
                at,
                line: k,
                block,
                cell: slab.cells.get(k).copied().unwrap_or(0),
            });
        }
        for rule in &slab.rules {
            self.rules.push(Rule {
                y: self.y + rule.y,
                ..*rule
            });
        }
        let parts = notes.new_parts(&self.notes, &slab.footnotes);
        self.notes.extend(parts);
        for &f in &slab.footnotes {
            if !self.refs.contains(&f) {
                self.refs.push(f);
            }
        }
        self.y += slab.height;
        self.empty = false;
    }

    /// Split the page's last footnotes where they overflow; return the
    /// rest, to carry to the next page.
    pub(super) fn split_notes(&mut self, notes: &Footnotes) -> Vec<FootnotePart> {
        let mut carry = Vec::new();
        while !fits_within(notes.height(&self.notes) + self.y, self.bottom) {
            let Some(last) = self.notes.last_mut() else {
                break;
            };
            if last.to - last.from <= 1 {
                let part = self.notes.pop().expect("last exists");
                carry.insert(0, part);
                continue;
            }
            last.to -= 1;
            let note = last.note;
            let at = last.to;
            match carry.first_mut() {
                Some(c) if c.note == note && c.from == at + 1 => c.from = at,
                _ => carry.insert(
                    0,
                    FootnotePart {
                        note,
                        from: at,
                        to: at + 1,
                    },
                ),
            }
        }
        carry
    }
}
