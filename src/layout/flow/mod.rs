//! Pagination: body lines into pages, footnotes at the foot of the page
//! that holds their reference.
//!
//! Hand-written because pagination here is bound up with the footnotes: a
//! line can only stay on a page if the footnotes it references fit there
//! too, and the keep rules (no widow or orphan line, a heading never last
//! on a page, a point heading kept with its first lines) need to move lines
//! and headings back across decisions already taken. No crate offers
//! footnote-aware pagination; typst and TeX each carry their own.
//!
//! By stage, as typst's `flow/` is split (collect, compose, distribute):
//!
//! - `slab` sets one block as slabs, the units never split across pages;
//! - `window` sets blocks (and the footnotes they first reference) as the
//!   pager reaches them, and lets them go once their pages are final;
//! - `footnotes` holds the set footnotes and what they take of a page;
//! - `page` is the page being filled: whether a slab fits, placing it,
//!   snapshots to back off to;
//! - `pager` decides, slab by slab, what goes on which page;
//! - `finish` turns a final page into a [`Page`]: lines, footnotes,
//!   running head and footer.
//!
//! [`Page`]: crate::layout::Page

mod context;
mod finish;
mod footnotes;
mod page;
mod pager;
mod slab;
mod window;

pub use context::Context;

use super::compose::Composer;
use super::error::Error;
use super::fonts::FaceKind;
use super::inline::Frag;
use super::masthead::Masthead;
use super::result::{BlockInfo, PageSink};
use super::shape::Shaper;
use footnotes::{FootnotePart, FootnoteRef, Footnotes};
use page::{PageState, SlabAt};
use pager::Pager;
use window::{Setter, Window};

/// Fill pages with the composer's flows, handing each page to `sink` as
/// soon as it is final (a page left behind is never revisited: backing
/// off and moving a block only undo what is on the current page).
pub fn paginate(
    ctx: &Context,
    shaper: &mut Shaper,
    composer: &mut Composer,
    head: Masthead,
    blocks: &mut Vec<BlockInfo>,
    sink: &mut dyn PageSink,
) -> Result<(), Error> {
    let g = ctx.geometry;
    let text_width = g.width - g.margin_inner - g.margin_outer;
    let body_top = g.margin_top;
    let win = Window::number_flows(composer, blocks);
    let mut set = Setter {
        ctx,
        shaper,
        composer,
        blocks,
        text_width,
    };
    // The agenda footnote is set first, page 1 showing it: its block comes
    // before the footnotes' (`super::layout` numbers it last again).
    let fs = &ctx.style.footnote;
    let agenda = head.agenda_footnote.as_ref().map(|text| {
        let mut flow = set.composer.footnote("*", false, &[]);
        flow.frags = vec![Frag::plain(text.clone(), FaceKind::Regular, fs.font_size)];
        set.set_footnote(flow, None)
    });
    let notes = Footnotes {
        notes: vec![None; ctx.doc.footnotes.len()],
        agenda,
        space_above: fs.space_above + ctx.style.pdf.footnote_rule_gap,
    };
    let mut first = PageState::new(1, Vec::new(), body_top, g.height - g.first_margin_bottom);
    first.y = head.bottom.max(body_top);
    first.top = first.y;
    if let Some(a) = &notes.agenda {
        first.notes.push(FootnotePart {
            note: FootnoteRef::Agenda,
            from: 0,
            to: a.lines.len(),
        });
    }
    let mut pager = Pager {
        set,
        win,
        notes,
        head: &head,
        sink,
        body_top,
        bottom: g.height - g.margin_bottom,
        page: first,
        page_start: SlabAt { laid: 0, slab: 0 },
        done: Vec::new(),
        on_page: Vec::new(),
    };
    pager.run()
}
