//! The pager: a stepper that places slabs on the page being filled, one
//! method per decision (a keep chain that does not fit, a slab that does
//! not fit, a slab too tall for any page), each answering with a
//! [`Control`] that says where to go on from.
//!
//! Every new page starts strictly after the one before (checked in
//! [`Pager::new_page`]), which is why pagination ends however the keep
//! rules move lines back; a page left behind is never revisited.

use super::finish::finish_page;
use super::footnotes::{FootnotePart, Footnotes};
use super::page::{PageState, SlabAt, Snapshot};
use super::window::{Setter, Window};
use crate::layout::error::Error;
use crate::layout::masthead::{baseline, Masthead};
use crate::layout::result::{PageSink, Rule};

/// Where pagination goes on after placing what it could of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Control {
    /// The block is placed to its end: on to the next block.
    Next,
    /// A new page was begun: go on with this slab.
    Resume(SlabAt),
}

/// A block placed (in part) on the current page, and the page before it.
#[derive(Debug, Clone, Copy)]
pub(super) struct BlockOnPage {
    laid: usize,
    before: Snapshot,
}

/// The state of pagination between steps: the page being filled, the
/// pages made final and not yet handed on, and what is on this page.
pub(super) struct Pager<'p, 's, 'a, 'f> {
    pub(super) set: Setter<'s, 'a, 'f>,
    pub(super) win: Window,
    pub(super) notes: Footnotes,
    pub(super) head: &'p Masthead,
    pub(super) sink: &'p mut dyn PageSink,
    pub(super) body_top: f32,
    /// Where the body area of a later page ends.
    pub(super) bottom: f32,
    pub(super) page: PageState,
    /// The first slab of the current page. Each new page starts strictly
    /// after the one before, which is why pagination ends.
    pub(super) page_start: SlabAt,
    pub(super) done: Vec<PageState>,
    /// The blocks placed on the current page, in order.
    pub(super) on_page: Vec<BlockOnPage>,
}

impl Pager<'_, '_, '_, '_> {
    pub(super) fn run(&mut self) -> Result<(), Error> {
        let mut at = SlabAt { laid: 0, slab: 0 };
        loop {
            self.hand_on()?;
            let keep = self.on_page.first().map_or(at.laid, |b| b.laid);
            self.win.release(keep);
            if !self.set.ensure(&mut self.win, &mut self.notes, at.laid) {
                break;
            }
            if at.slab == 0 && !self.page.empty && !self.keep_chain_fits(at.laid) {
                self.new_page(Vec::new(), at)?;
            }
            match self.place_block(at)? {
                Control::Next => {
                    self.page.last_after = self.win.get(at.laid).after;
                    at = SlabAt {
                        laid: at.laid + 1,
                        slab: 0,
                    };
                }
                Control::Resume(next) => at = next,
            }
        }
        self.end_rule();
        let last = std::mem::replace(&mut self.page, PageState::new(0, Vec::new(), 0.0, 0.0));
        self.done.push(last);
        self.hand_on()
    }

    /// The short rule centred under the last paragraph, on its page when
    /// it fits there: it never begins a page of its own.
    fn end_rule(&mut self) {
        let style = self.set.ctx.style;
        let m = &style.masthead;
        let b = &style.body;
        let text_width = self.set.text_width;
        let mid = b.indent + (text_width - b.indent - b.right_indent) / 2.0;
        // From the last line's box to the rule's centre.
        let (size, leading) = (b.font_size, b.leading);
        let below_box = m.end_rule_drop - (leading - baseline(0.0, size, leading));
        let height = below_box + m.rule_width;
        if self.page.empty || !self.page.fits(&self.notes, 0.0, height, &[]) {
            return;
        }
        let y = self.page.y + below_box;
        self.page.rules.push(Rule {
            x0: mid - m.end_rule_width / 2.0,
            x1: mid + m.end_rule_width / 2.0,
            y,
            thickness: m.rule_width,
        });
        self.page.y = y + m.rule_width;
        self.page.empty = false;
    }

    /// Hands on the pages just made final, so that their lines are drawn
    /// and freed now.
    fn hand_on(&mut self) -> Result<(), Error> {
        for st in std::mem::take(&mut self.done) {
            let p = finish_page(&mut self.set, &self.notes, st, self.head, &mut self.win);
            self.sink.page(p, self.set.blocks)?;
        }
        Ok(())
    }

    /// Makes the current page final and begins the next, which starts at
    /// `start` with `carry` footnote parts.
    fn new_page(&mut self, carry: Vec<FootnotePart>, start: SlabAt) -> Result<(), Error> {
        if start <= self.page_start {
            return Err(Error::NoProgress {
                page: self.page.number,
                next: self.page.number + 1,
            });
        }
        self.page_start = start;
        let next = PageState::new(self.page.number + 1, carry, self.body_top, self.bottom);
        self.done.push(std::mem::replace(&mut self.page, next));
        self.on_page.clear();
        Ok(())
    }

    /// Whether the keep chain starting at laid block `first` fits on this
    /// page: its first lines and, while a block keeps with the next, the
    /// next block's first lines, with their footnotes.
    fn keep_chain_fits(&mut self, first: usize) -> bool {
        let win = &mut self.win;
        let mut height = win.get(first).before.max(self.page.last_after);
        let mut foot = Vec::new();
        let mut k = first;
        loop {
            let b = win.get(k);
            let m = b.slabs.len();
            let take = if m < b.orphans + b.widows {
                m
            } else {
                b.orphans
            };
            if k > first {
                height += b.before.max(win.get(k - 1).after);
            }
            for s in &b.slabs[..take] {
                height += s.height;
                foot.extend_from_slice(&s.footnotes);
            }
            if !b.keep_with_next || !self.set.ensure(win, &mut self.notes, k + 1) {
                break;
            }
            k += 1;
        }
        let extra = self.notes.new_parts(&self.page.notes, &foot);
        self.page.fits(&self.notes, 0.0, height, &extra)
    }

    /// Places the slabs of a laid block from `at` on, as many as fit.
    fn place_block(&mut self, at: SlabAt) -> Result<Control, Error> {
        let (bi, start) = (at.laid, at.slab);
        self.on_page.push(BlockOnPage {
            laid: bi,
            before: self.page.snapshot(),
        });
        // The page as it was before each slab of this block placed on it.
        let mut snaps: Vec<Snapshot> = Vec::new();
        let n = self.win.get(bi).slabs.len();
        for j in start..n {
            let block = self.win.get(bi);
            let slab = &block.slabs[j];
            let gap = match (j == start, self.page.empty) {
                (true, false) => block.before.max(self.page.last_after),
                _ => 0.0,
            };
            let extra = self.notes.new_parts(&self.page.notes, &slab.footnotes);
            if self.page.fits(&self.notes, gap, slab.height, &extra) {
                snaps.push(self.page.snapshot());
                let here = SlabAt { laid: bi, slab: j };
                self.page.place(&self.notes, gap, slab, here, block.block);
                continue;
            }
            if self.page.empty {
                return self.place_alone(SlabAt { laid: bi, slab: j }, gap);
            }
            return self.break_before(bi, start, j, &snaps);
        }
        Ok(Control::Next)
    }

    /// The slab at `at`, alone on a page, is still too tall with its
    /// notes: place it and carry the notes that do not fit to the next
    /// page.
    fn place_alone(&mut self, at: SlabAt, gap: f32) -> Result<Control, Error> {
        let (bi, j) = (at.laid, at.slab);
        let block = self.win.get(bi);
        self.page
            .place(&self.notes, gap, &block.slabs[j], at, block.block);
        let n = block.slabs.len();
        let carry = self.page.split_notes(&self.notes);
        let next = if j + 1 < n {
            SlabAt {
                laid: bi,
                slab: j + 1,
            }
        } else {
            SlabAt {
                laid: bi + 1,
                slab: 0,
            }
        };
        self.new_page(carry, next)?;
        Ok(if next.laid == bi + 1 {
            Control::Next
        } else {
            Control::Resume(next)
        })
    }

    /// Slab `j` of laid block `bi` does not fit: break the page before it,
    /// keeping widow and orphan lines out, and moving the whole block (with
    /// the headings kept with it) when too few of its lines would stay.
    fn break_before(
        &mut self,
        bi: usize,
        start: usize,
        j: usize,
        snaps: &[Snapshot],
    ) -> Result<Control, Error> {
        let block = self.win.get(bi);
        let n = block.slabs.len();
        let here = j - start;
        let mut back = 0;
        if n - j < block.widows {
            back = (block.widows - (n - j)).min(here);
        }
        if start == 0 && here - back < block.orphans {
            if let Some(control) = self.move_chain()? {
                return Ok(control);
            }
            // The chain already starts the page: moving cannot help.
            back = back.min(here.saturating_sub(1));
        }
        let mut restart = j - back;
        if back > 0 {
            let snap = snaps[restart - start];
            if snap.empty {
                // Backing off would leave the page empty.
                restart = j;
            } else {
                self.page.restore(snap);
            }
        }
        let next = SlabAt {
            laid: bi,
            slab: restart,
        };
        self.new_page(Vec::new(), next)?;
        Ok(Control::Resume(next))
    }

    /// Moves the last block on the page, and the blocks kept with it, to a
    /// new page; `None` when they already start this page.
    fn move_chain(&mut self) -> Result<Option<Control>, Error> {
        let mut idx = self.on_page.len() - 1;
        while idx > 0 {
            let prev = self.on_page[idx - 1].laid;
            if self.win.get(prev).keep_with_next && prev + 1 == self.on_page[idx].laid {
                idx -= 1;
            } else {
                break;
            }
        }
        let BlockOnPage { laid, before } = self.on_page[idx];
        if before.empty {
            return Ok(None);
        }
        self.page.restore(before);
        let next = SlabAt { laid, slab: 0 };
        self.new_page(Vec::new(), next)?;
        Ok(Some(Control::Resume(next)))
    }
}

