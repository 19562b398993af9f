//! A page made final: its lines moved out of their slabs into the page,
//! its footnotes placed, the running head, footer and (page 1) barcode
//! added, and the whole mirrored for a right-to-left document. A stage of
//! its own because nothing here can change where a line goes: it runs once
//! per page, after every decision about that page is taken.

use super::context::Context;
use super::footnotes::{place_footnotes, Footnotes};
use super::page::PageState;
use super::window::{Setter, Window};
use crate::house::style::job_line;
use crate::layout::fonts::FaceKind;
use crate::layout::inline::{self, Frag};
use crate::layout::masthead::{label_line, Masthead};
use crate::layout::result::{BlockKind, Page, PlacedLine, Rule};
use crate::layout::shape::Shaper;

/// Turn a final page's state into a page: its lines moved out of their
/// slabs, its footnotes, running heads and footers added.
pub(super) fn finish_page(
    set: &mut Setter,
    notes: &Footnotes,
    st: PageState,
    head: &Masthead,
    win: &mut Window,
) -> Page {
    let ctx = set.ctx;
    let g = ctx.geometry;
    let style = ctx.style;
    let meta = &ctx.doc.meta;
    let odd = st.number % 2 == 1;
    let left_margin = if odd { g.margin_inner } else { g.margin_outer };
    let right_edge = g.width - if odd { g.margin_outer } else { g.margin_inner };
    let mut page = Page {
        number: st.number,
        lines: Vec::new(),
        running: Vec::new(),
        rules: Vec::new(),
        running_rules: Vec::new(),
        barcode: Vec::new(),
        footnotes: Vec::new(),
        references: st.refs,
        body_top: st.top,
        body_bottom: st.bottom,
        emblem: None,
    };
    if st.number == 1 {
        page.lines.extend(head.lines.iter().cloned());
        page.rules.extend(head.rules.iter().copied());
        page.emblem = head.emblem;
    }
    for r in st.lines {
        // Each slab stands on exactly one finished page (a page's
        // lines that are backed off are truncated from it before the
        // slab is placed again), so its lines can be moved out.
        let slab = &mut win.get_mut(r.at.laid).slabs[r.at.slab];
        let line = std::mem::take(&mut slab.lines[r.line].line);
        page.lines.push(PlacedLine {
            x: left_margin + r.x,
            y: r.y,
            line,
            block: r.block,
            index: r.at.slab,
            cell: r.cell,
        });
    }
    for rule in st.rules {
        page.rules.push(Rule {
            x0: left_margin + rule.x0,
            x1: left_margin + rule.x1,
            ..rule
        });
    }
    place_footnotes(notes, (&st.notes, st.bottom), style, left_margin, &mut page);
    let furniture = Furniture {
        ctx,
        number: st.number,
        left: left_margin,
        right: right_edge,
        job: job_line(meta),
    };
    furniture.place(set.shaper, &mut page);
    if crate::layout::mirror::is_rtl(meta.language) {
        let blocks = &set.blocks;
        let masthead = |b: usize| blocks.get(b).is_some_and(|b| b.kind == BlockKind::Masthead);
        crate::layout::mirror::mirror(&mut page, g.width, &masthead);
    }
    page
}

/// A page's running head, footer and (page 1) barcode.
struct Furniture<'c, 'a> {
    ctx: &'c Context<'a>,
    number: usize,
    /// The body's left and right edges on this page.
    left: f32,
    right: f32,
    /// "V.20-05590 (E)"
    job: Option<String>,
}

/// Where a line of running text stands: its baseline at `y`, starting at
/// `x` or, when `align_right`, ending there.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    x: f32,
    y: f32,
    align_right: bool,
}

impl Furniture<'_, '_> {
    fn place(&self, shaper: &mut Shaper, page: &mut Page) {
        if self.number == 1 {
            self.first_page(shaper, page);
        } else {
            self.head(shaper, page);
            self.foot(shaper, page);
        }
    }

    /// A line of running text where `at` says.
    fn line(&self, shaper: &mut Shaper, page: &mut Page, at: Anchor, frags: Vec<Frag>) {
        let line = label_line(inline::set_label(shaper, &frags));
        let x = if at.align_right {
            at.x - line.width
        } else {
            at.x
        };
        page.running.push(PlacedLine {
            x,
            y: at.y,
            line,
            block: self.ctx.running,
            index: 0,
            cell: 0,
        });
    }

    fn frags(&self, text: &str, face: FaceKind) -> Vec<Frag> {
        vec![Frag::plain(text, face, self.ctx.style.running.size)]
    }

    fn foot_y(&self) -> f32 {
        let g = self.ctx.geometry;
        g.height - g.footer_distance
    }

    /// Page 1: the job number at the foot, left, with its barcode under
    /// it, as on UN documents.
    fn first_page(&self, shaper: &mut Shaper, page: &mut Page) {
        let Some(job) = &self.job else {
            return;
        };
        let g = self.ctx.geometry;
        let rs = &self.ctx.style.running;
        let job_y = g.height - g.first_footer_distance;
        let frags = vec![Frag::plain(job.as_str(), FaceKind::Regular, rs.job_size)];
        let at = Anchor {
            x: self.left,
            y: job_y,
            align_right: false,
        };
        self.line(shaper, page, at, frags);
        if let Some((bars, _)) = crate::house::barcode::code39(job, rs.barcode_module) {
            let y = job_y + rs.barcode_drop + rs.barcode_height / 2.0;
            for (bx, bw) in bars {
                page.barcode.push(Rule {
                    x0: self.left + bx,
                    x1: self.left + bx + bw,
                    y,
                    thickness: rs.barcode_height,
                });
            }
        }
    }

    /// The symbol at the outer edge over a rule.
    fn head(&self, shaper: &mut Shaper, page: &mut Page) {
        let rs = &self.ctx.style.running;
        let head_y = self.ctx.geometry.header_distance + rs.size + rs.head_drop;
        let symbol = self.frags(&self.ctx.doc.meta.symbol, FaceKind::Bold);
        let odd = self.number % 2 == 1;
        let at = Anchor {
            x: if odd { self.right } else { self.left },
            y: head_y,
            align_right: odd,
        };
        self.line(shaper, page, at, symbol);
        page.running_rules.push(Rule {
            x0: self.left,
            x1: self.right,
            y: head_y + rs.rule_gap,
            thickness: rs.rule_width,
        });
    }

    /// The page number at the outer edge, the job number at the inner.
    fn foot(&self, shaper: &mut Shaper, page: &mut Page) {
        let y = self.foot_y();
        let number = self.frags(&self.number.to_string(), FaceKind::Bold);
        let (outer, inner, outer_right) = if self.number % 2 == 1 {
            (self.right, self.left, true)
        } else {
            (self.left, self.right, false)
        };
        let at = Anchor {
            x: outer,
            y,
            align_right: outer_right,
        };
        self.line(shaper, page, at, number);
        if let Some(job) = &self.job {
            let job = self.frags(job, FaceKind::Regular);
            let at = Anchor {
                x: inner,
                y,
                align_right: !outer_right,
            };
            self.line(shaper, page, at, job);
        }
    }
}
