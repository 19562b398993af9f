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

#[cfg(test)]
mod tests {
    //! The pager on blocks of slabs made by hand, on pages of exactly
    //! [`ROOM`] points: ten lines of [`LEAD`] each, so that every test
    //! says in lines where a page breaks.

    use super::*;
    use crate::house::style::HouseStyle;
    use crate::layout::compose::Composer;
    use crate::layout::flow::context::Context;
    use crate::layout::flow::footnotes::{FootnoteLine, FootnoteLines};
    use crate::layout::flow::slab::{Slab, SlabLine};
    use crate::layout::flow::window::Laid;
    use crate::layout::fonts::Fonts;
    use crate::layout::inline::Line;
    use crate::layout::result::{BlockInfo, Page};
    use crate::layout::shape::Shaper;
    use std::collections::VecDeque;

    /// A body line's height.
    const LEAD: f32 = 10.0;
    /// A page's body area, footnotes included: ten lines.
    const ROOM: f32 = 10.0 * LEAD;
    /// Between the body and the footnotes.
    const ABOVE_NOTES: f32 = 5.0;
    /// Footnote blocks are numbered from here, body blocks from 0.
    const NOTE_BLOCKS: usize = 100;

    fn slab(height: f32, footnotes: Vec<usize>) -> Slab {
        Slab {
            height,
            lines: vec![SlabLine {
                x: 0.0,
                baseline: height,
                line: Line::default(),
            }],
            rules: Vec::new(),
            footnotes,
            cells: Vec::new(),
        }
    }

    /// A paragraph of `lines` lines: no widow or orphan line (two of each).
    fn laid_paragraph(lines: usize) -> Laid {
        Laid {
            block: 0,
            before: 0.0,
            after: 0.0,
            keep_with_next: false,
            slabs: (0..lines).map(|_| slab(LEAD, Vec::new())).collect(),
            orphans: 2,
            widows: 2,
        }
    }

    /// A one-line heading, kept with what follows.
    fn laid_heading() -> Laid {
        Laid {
            keep_with_next: true,
            orphans: 1,
            widows: 1,
            ..laid_paragraph(1)
        }
    }

    /// A footnote of `lines` lines.
    fn footnote_of(lines: usize) -> FootnoteLines {
        FootnoteLines {
            block: 0,
            lines: (0..lines)
                .map(|_| FootnoteLine {
                    x: 0.0,
                    line: Line::default(),
                })
                .collect(),
            size: 8.0,
            leading: LEAD,
            gap: 0.0,
        }
    }

    /// Paginates `blocks` (numbered in order) with `notes` (numbered from
    /// [`NOTE_BLOCKS`]); the pages, or the pager's error.
    fn pages_of(blocks: Vec<Laid>, notes: Vec<FootnoteLines>) -> Result<Vec<Page>, Error> {
        let (run, pages) = with_pager(blocks, notes, |pager| pager.run());
        run.map(|()| pages)
    }

    /// Does `f` with a pager over `blocks` and `notes`; what it returns,
    /// and the pages handed on.
    fn with_pager<R>(
        mut blocks: Vec<Laid>,
        mut notes: Vec<FootnoteLines>,
        f: impl FnOnce(&mut Pager) -> R,
    ) -> (R, Vec<Page>) {
        let text = "+++\nsymbol = \"X/1\"\ndate = 2020-01-01\n+++\n\nText.\n";
        let doc = crate::read::source::parse("pager.md", text).expect("parses");
        let style = HouseStyle::of(&doc.meta);
        let geometry = style.page(doc.meta.paper);
        let fonts = Fonts::builtin();
        let mut shaper = Shaper::new(&fonts, "en").expect("shaper");
        let text_width = geometry.width - geometry.margin_inner - geometry.margin_outer;
        let composer = Composer::new(&doc, style, false, text_width);
        let ctx = Context {
            doc: &doc,
            style,
            geometry,
            hyphenate: None,
            running: 0,
        };
        let mut infos: Vec<BlockInfo> = Vec::new();
        for (i, b) in blocks.iter_mut().enumerate() {
            b.block = i;
        }
        for (i, n) in notes.iter_mut().enumerate() {
            n.block = NOTE_BLOCKS + i;
        }
        let head = Masthead {
            lines: Vec::new(),
            rules: Vec::new(),
            bottom: 0.0,
            agenda_footnote: None,
            agenda_block: None,
            emblem: None,
        };
        let mut pages = Vec::new();
        let mut sink = |page: Page, _: &[BlockInfo]| {
            pages.push(page);
            Ok(())
        };
        let top = geometry.margin_top;
        let mut pager = Pager {
            set: Setter {
                ctx: &ctx,
                shaper: &mut shaper,
                composer: &composer,
                blocks: &mut infos,
                text_width,
            },
            win: Window {
                flows: Vec::new().into_iter(),
                next_block: 0,
                laid: VecDeque::from(blocks),
                first: 0,
            },
            notes: Footnotes {
                notes: notes.into_iter().map(Some).collect(),
                agenda: None,
                space_above: ABOVE_NOTES,
            },
            head: &head,
            sink: &mut sink,
            body_top: top,
            bottom: top + ROOM,
            page: PageState::new(1, Vec::new(), top, top + ROOM),
            page_start: SlabAt { laid: 0, slab: 0 },
            done: Vec::new(),
            on_page: Vec::new(),
        };
        let r = f(&mut pager);
        drop(pager);
        (r, pages)
    }

    /// Per page, the body lines on it as (block, slab).
    fn body(pages: &[Page]) -> Vec<Vec<(usize, usize)>> {
        pages
            .iter()
            .map(|p| {
                p.lines
                    .iter()
                    .filter(|l| l.block < NOTE_BLOCKS)
                    .map(|l| (l.block, l.index))
                    .collect()
            })
            .collect()
    }

    /// The page (from 0) that holds line `slab` of `block`.
    fn page_of(pages: &[Page], block: usize, slab: usize) -> usize {
        body(pages)
            .iter()
            .position(|p| p.contains(&(block, slab)))
            .unwrap_or_else(|| panic!("line {slab} of block {block} is on no page"))
    }

    /// Per page, footnote `note`'s lines on it.
    fn note_lines(pages: &[Page], note: usize) -> Vec<Vec<usize>> {
        pages
            .iter()
            .map(|p| {
                p.lines
                    .iter()
                    .filter(|l| l.block == NOTE_BLOCKS + note)
                    .map(|l| l.index)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_heading_is_kept_with_the_first_lines_of_its_text() {
        // Eight lines, then a heading: it fits with one line under it,
        // but its paragraph may not leave one line alone.
        let pages = pages_of(
            vec![laid_paragraph(8), laid_heading(), laid_paragraph(4)],
            Vec::new(),
        )
        .unwrap();
        assert_eq!(page_of(&pages, 1, 0), 1, "{:?}", body(&pages));
        assert_eq!(page_of(&pages, 2, 0), 1);
        assert_eq!(body(&pages)[0].len(), 8, "page 1 ends with the first block");
        // A block that does not keep with the next stays where it fits.
        let loose = Laid {
            keep_with_next: false,
            ..laid_heading()
        };
        let pages = pages_of(
            vec![laid_paragraph(8), loose, laid_paragraph(4)],
            Vec::new(),
        )
        .unwrap();
        assert_eq!(page_of(&pages, 1, 0), 0, "{:?}", body(&pages));
    }

    #[test]
    fn no_paragraph_leaves_a_single_line_at_the_foot_of_a_page() {
        let pages = pages_of(vec![laid_paragraph(9), laid_paragraph(5)], Vec::new()).unwrap();
        let lines = body(&pages);
        assert_eq!(lines[0].len(), 9, "{lines:?}");
        assert!((0..5).all(|k| page_of(&pages, 1, k) == 1), "{lines:?}");
    }

    #[test]
    fn no_paragraph_carries_a_single_line_to_the_head_of_a_page() {
        // Five lines would fit under the first paragraph; the sixth would
        // stand alone at the head of page 2, so the fifth goes with it.
        let pages = pages_of(vec![laid_paragraph(5), laid_paragraph(6)], Vec::new()).unwrap();
        let lines = body(&pages);
        let of_second = |p: &Vec<(usize, usize)>| p.iter().filter(|l| l.0 == 1).count();
        assert_eq!(
            lines.iter().map(of_second).collect::<Vec<_>>(),
            vec![4, 2],
            "{lines:?}"
        );
    }

    #[test]
    fn a_footnote_lands_on_the_page_of_its_reference() {
        // The ninth line fits on page 1, but not with its two-line note
        // (80 + 10 + 5 + 20 > 100): line and note go to page 2 together.
        let mut referencing = laid_paragraph(1);
        referencing.slabs[0].footnotes = vec![0];
        referencing.orphans = 1;
        referencing.widows = 1;
        let blocks = vec![laid_paragraph(8), referencing, laid_paragraph(2)];
        let pages = pages_of(blocks, vec![footnote_of(2)]).unwrap();
        assert_eq!(page_of(&pages, 1, 0), 1, "{:?}", body(&pages));
        assert_eq!(note_lines(&pages, 0), vec![vec![], vec![0, 1]]);
        assert!(pages[1].footnotes.contains(&0) && pages[1].references.contains(&0));
        assert!(pages[0].footnotes.is_empty() && pages[0].references.is_empty());
    }

    #[test]
    fn a_footnote_too_long_for_its_page_runs_on_to_the_next() {
        // One line with a fifteen-line note: the line and as much of the
        // note as fits (10 + 5 + 8 × 10 ≤ 100) on page 1, the rest on 2.
        let mut referencing = laid_paragraph(1);
        referencing.slabs[0].footnotes = vec![0];
        let pages = pages_of(vec![referencing, laid_paragraph(2)], vec![footnote_of(15)]).unwrap();
        let parts = note_lines(&pages, 0);
        assert_eq!(parts[0], (0..8).collect::<Vec<_>>(), "{parts:?}");
        assert_eq!(parts[1], (8..15).collect::<Vec<_>>(), "{parts:?}");
        assert_eq!(page_of(&pages, 0, 0), 0);
        assert_eq!(page_of(&pages, 1, 0), 1, "the text goes on under the note");
    }

    #[test]
    fn a_slab_taller_than_a_page_gets_a_page_and_pagination_goes_on() {
        let tall = |height: f32| Laid {
            slabs: vec![slab(height, Vec::new())],
            orphans: 1,
            widows: 1,
            ..laid_paragraph(1)
        };
        let blocks = vec![
            laid_paragraph(3),
            tall(2.5 * ROOM),
            tall(3.0 * ROOM),
            laid_paragraph(3),
        ];
        let pages = pages_of(blocks, Vec::new()).unwrap();
        assert_eq!(
            body(&pages),
            vec![
                vec![(0, 0), (0, 1), (0, 2)],
                vec![(1, 0)],
                vec![(2, 0)],
                vec![(3, 0), (3, 1), (3, 2)],
            ]
        );
    }

    #[test]
    fn a_long_paragraph_fills_page_after_page() {
        let pages = pages_of(vec![laid_paragraph(25)], Vec::new()).unwrap();
        let counts: Vec<usize> = body(&pages).iter().map(Vec::len).collect();
        assert_eq!(counts, vec![10, 10, 5]);
    }

    #[test]
    fn a_page_that_would_not_move_on_is_refused() {
        // Each new page must start after the one before: asked to start
        // two pages at the same slab, the pager stops with an error
        // instead of making pages for ever.
        let (twice, _) = with_pager(vec![laid_paragraph(3)], Vec::new(), |pager| {
            let second = SlabAt { laid: 0, slab: 1 };
            pager
                .new_page(Vec::new(), second)
                .expect("page 2 starts later");
            pager.new_page(Vec::new(), second)
        });
        assert_eq!(twice, Err(Error::NoProgress { page: 2, next: 3 }));
    }
}
