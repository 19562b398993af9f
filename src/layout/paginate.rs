//! Pagination: body lines into pages, footnotes at the foot of the page
//! that holds their reference.
//!
//! Hand-written because pagination here is bound up with the footnotes: a
//! line can only stay on a page if the footnotes it references fit there
//! too, and the keep rules (no widow or orphan line, a heading never last
//! on a page, a point heading kept with its first lines) need to move lines
//! and headings back across decisions already taken. No crate offers
//! footnote-aware pagination; typst and TeX each carry their own.

use super::compose::{Composer, Flow, SWATCH_SIDE};
use super::error::Error;
use super::fonts::FaceKind;
use super::inline::{self, Frag, Line, SetOptions, Swatch};
use super::masthead::{baseline, label_line, Masthead};
use super::result::{push_block, BlockInfo, BlockKind, Page, PageSink, PlacedLine, Rule};
use super::shape::Shaper;
use crate::house::style::{job_line, HouseStyle, PageGeometry};
use crate::model::Document;
use std::collections::VecDeque;

pub struct Context<'a> {
    pub doc: &'a Document,
    pub style: &'a HouseStyle,
    pub geometry: &'a PageGeometry,
    pub hyphenate: Option<hypher::Lang>,
    /// The block that running heads and footers belong to.
    pub running: usize,
}

impl Context<'_> {
    /// Whether the document is set right to left (its labels too).
    fn rtl(&self) -> bool {
        super::mirror::is_rtl(self.doc.meta.language)
    }
}

/// A unit that is never split across pages: a line, or a table row.
#[derive(Debug, Clone)]
struct Slab {
    height: f32,
    /// x from the left margin, baseline from the slab's top.
    lines: Vec<(f32, f32, Line)>,
    /// x from the left margin, y from the slab's top.
    rules: Vec<Rule>,
    footnotes: Vec<usize>,
    /// The table column of each line (empty outside tables).
    cells: Vec<usize>,
}

#[derive(Debug, Clone)]
struct Laid {
    block: usize,
    before: f32,
    after: f32,
    keep_with_next: bool,
    slabs: Vec<Slab>,
    /// The fewest lines the block may leave at the foot / carry to the head of a page.
    orphans: usize,
    widows: usize,
}

/// A footnote set as lines.
#[derive(Debug, Clone)]
struct Note {
    block: usize,
    /// x from the left margin.
    lines: Vec<(f32, Line)>,
    size: f32,
    leading: f32,
    gap: f32,
}

/// Which footnote a part of the foot of a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoteRef {
    /// The `*` note on the agenda line, set on page 1 only.
    Agenda,
    /// The document's footnote of this index.
    Footnote(usize),
}

/// Part of a footnote on a page.
#[derive(Debug, Clone, Copy, PartialEq)]
struct NotePart {
    note: NoteRef,
    from: usize,
    to: usize,
}

#[derive(Debug, Clone, Copy)]
struct Snapshot {
    lines: usize,
    rules: usize,
    notes: usize,
    refs: usize,
    y: f32,
    empty: bool,
}

/// A body line placed on a page, by reference: the line itself stays in
/// its slab until the page is finished, and is then moved (not copied)
/// into the page. Copying every line as it was placed held all the
/// document's glyphs twice.
#[derive(Debug, Clone, Copy)]
struct PlacedRef {
    /// x from the left margin; the baseline.
    x: f32,
    y: f32,
    /// Index into the laid blocks, the slab within it, the line within that.
    laid: usize,
    slab: usize,
    line: usize,
    block: usize,
    cell: usize,
}

struct PageState {
    number: usize,
    lines: Vec<PlacedRef>,
    /// x from the left margin.
    rules: Vec<Rule>,
    notes: Vec<NotePart>,
    refs: Vec<usize>,
    y: f32,
    top: f32,
    /// Where the body area ends (footnotes included): page 1's is higher.
    bottom: f32,
    /// Nothing of the body placed yet.
    empty: bool,
    last_after: f32,
}

impl PageState {
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            lines: self.lines.len(),
            rules: self.rules.len(),
            notes: self.notes.len(),
            refs: self.refs.len(),
            y: self.y,
            empty: self.empty,
        }
    }

    fn restore(&mut self, s: Snapshot) {
        self.lines.truncate(s.lines);
        self.rules.truncate(s.rules);
        self.notes.truncate(s.notes);
        self.refs.truncate(s.refs);
        self.y = s.y;
        self.empty = s.empty;
    }
}

struct Paginator {
    notes: Vec<Option<Note>>,
    agenda: Option<Note>,
    /// Where the body area of a later page ends.
    bottom: f32,
    space_above_notes: f32,
}

impl Paginator {
    fn note(&self, n: NoteRef) -> Option<&Note> {
        match n {
            NoteRef::Agenda => self.agenda.as_ref(),
            NoteRef::Footnote(i) => self.notes.get(i).and_then(|x| x.as_ref()),
        }
    }

    fn notes_height(&self, parts: &[NotePart]) -> f32 {
        if parts.is_empty() {
            return 0.0;
        }
        let mut h = self.space_above_notes;
        for p in parts {
            if let Some(n) = self.note(p.note) {
                h += (p.to - p.from) as f32 * n.leading + n.gap;
            }
        }
        h
    }

    /// The footnotes a slab would add to a page (those not yet on it).
    fn new_parts(&self, page: &PageState, footnotes: &[usize]) -> Vec<NotePart> {
        let mut out = Vec::new();
        for &f in footnotes {
            let f = NoteRef::Footnote(f);
            if page.notes.iter().any(|p| p.note == f) || out.iter().any(|p: &NotePart| p.note == f)
            {
                continue;
            }
            if let Some(n) = self.note(f) {
                out.push(NotePart {
                    note: f,
                    from: 0,
                    to: n.lines.len(),
                });
            }
        }
        out
    }

    fn fits(&self, page: &PageState, gap: f32, height: f32, extra: &[NotePart]) -> bool {
        let mut all = page.notes.clone();
        all.extend_from_slice(extra);
        page.y + gap + height + self.notes_height(&all) <= page.bottom + 0.01
    }

    /// Places slab `index` of laid block `laid` (whose block is `block`).
    fn place(
        &self,
        page: &mut PageState,
        gap: f32,
        slab: &Slab,
        (laid, block): (usize, usize),
        index: usize,
    ) {
        page.y += gap;
        for (k, (x, dy, _)) in slab.lines.iter().enumerate() {
            page.lines.push(PlacedRef {
                x: *x,
                y: page.y + dy,
                laid,
                slab: index,
                line: k,
                block,
                cell: slab.cells.get(k).copied().unwrap_or(0),
            });
        }
        for rule in &slab.rules {
            page.rules.push(Rule {
                y: page.y + rule.y,
                ..*rule
            });
        }
        let parts = self.new_parts(page, &slab.footnotes);
        page.notes.extend(parts);
        for &f in &slab.footnotes {
            if !page.refs.contains(&f) {
                page.refs.push(f);
            }
        }
        page.y += slab.height;
        page.empty = false;
    }
}

/// The least space between a label and the text its tab leads to.
const MIN_TAB_GAP: f32 = 2.0;

/// A label too wide to hang before the text (a long chapter number) as
/// the first words of the text instead: the fragments to set, or `None`
/// when the label hangs.
fn label_inlined(shaper: &mut Shaper, flow: &Flow, rtl: bool) -> Option<Vec<Frag>> {
    if flow.label.is_empty() || flow.label_right || flow.tab.is_some() {
        return None;
    }
    let width: f32 = inline::set_label_within(shaper, &flow.label, rtl)
        .iter()
        .map(|r| r.width)
        .sum();
    if flow.label_x + width <= flow.left - 2.0 {
        return None;
    }
    let mut frags = flow.label.clone();
    let last = frags.last().cloned()?;
    frags.push(Frag {
        text: " ".into(),
        ..last
    });
    frags.extend(flow.frags.iter().cloned());
    Some(frags)
}

/// A table row: every cell set ragged; the row is one slab.
fn set_row(shaper: &mut Shaper, ctx: &Context, flow: &Flow) -> Slab {
    let leading = flow.leading;
    let base = baseline(0.0, flow.size, leading);
    let pad = ctx.style.pdf.table_cell_padding;
    let mut lines = Vec::new();
    let mut rows = 1usize;
    let mut footnotes = Vec::new();
    let mut cells = Vec::new();
    for (ci, cell) in flow.cells.iter().enumerate() {
        let set = inline::set(
            shaper,
            &cell.frags,
            &SetOptions {
                first_measure: cell.width,
                measure: cell.width,
                justify: false,
                hyphenate: ctx.hyphenate.filter(|_| ctx.style.pdf.hyphenate),
                stretch: ctx.style.pdf.space_stretch,
                shrink: ctx.style.pdf.space_shrink,
                hyphen_penalty: ctx.style.pdf.hyphen_penalty,
            },
        );
        rows = rows.max(set.len());
        for (i, l) in set.into_iter().enumerate() {
            for f in &l.footnotes {
                if !footnotes.contains(f) {
                    footnotes.push(*f);
                }
            }
            let free = (cell.width - l.width).max(0.0);
            let shift = match cell.align {
                crate::model::Align::Right => free,
                crate::model::Align::Center => free / 2.0,
                _ => 0.0,
            };
            lines.push((cell.x + shift, pad + base + i as f32 * leading, l));
            cells.push(ci);
        }
    }
    let height = rows as f32 * leading + 2.0 * pad;
    let rule = |y: f32| Rule {
        x0: flow.cells.first().map_or(0.0, |c| c.x),
        x1: flow.cells.last().map_or(0.0, |c| c.x + c.width),
        y,
        thickness: ctx.style.pdf.table_rule_width,
    };
    let mut rules = Vec::new();
    if flow.header_row || flow.rule_below {
        rules.push(rule(height));
    }
    if flow.rule_above {
        rules.push(rule(0.0));
    }
    Slab {
        height,
        lines,
        rules,
        footnotes,
        cells,
    }
}

fn set_flow(shaper: &mut Shaper, ctx: &Context, flow: &Flow, text_width: f32) -> Vec<Slab> {
    let leading = flow.leading;
    let base = baseline(0.0, flow.size, leading);
    if !flow.cells.is_empty() {
        return vec![set_row(shaper, ctx, flow)];
    }
    let measure = (text_width - flow.left - flow.right).max(10.0);
    let inlined = label_inlined(shaper, flow, ctx.rtl());
    let label: &[Frag] = if inlined.is_some() { &[] } else { &flow.label };
    let runs = (!label.is_empty()).then(|| inline::set_label_within(shaper, label, ctx.rtl()));
    let label_width: f32 = runs.iter().flatten().map(|r| r.width).sum();
    // A label and a tab: the first line starts at the first stop past it.
    let first_indent = match flow.tab {
        Some(tab) if runs.is_some() && tab > 0.0 => {
            let mut stop = flow.label_x + tab;
            while stop < flow.label_x + label_width + MIN_TAB_GAP {
                stop += tab;
            }
            (stop - flow.left).min(measure - 10.0).max(0.0)
        }
        _ => 0.0,
    };
    let mut lines = inline::set(
        shaper,
        inlined.as_deref().unwrap_or(&flow.frags),
        &SetOptions {
            first_measure: measure - first_indent,
            measure,
            justify: flow.justify,
            hyphenate: if flow.hyphenate && ctx.style.pdf.hyphenate {
                ctx.hyphenate
            } else {
                None
            },
            stretch: ctx.style.pdf.space_stretch,
            shrink: ctx.style.pdf.space_shrink,
            hyphen_penalty: ctx.style.pdf.hyphen_penalty,
        },
    );
    if let Some(runs) = runs {
        if lines.is_empty() {
            let mut l = label_line(Vec::new());
            l.measure = measure - first_indent;
            l.width = 0.0;
            lines.push(l);
        }
        let start = if flow.label_right {
            flow.label_x - label_width
        } else {
            flow.label_x
        };
        let shift = start - flow.left - first_indent;
        lines[0].label = runs
            .into_iter()
            .map(|mut r| {
                r.x += shift;
                r
            })
            .collect();
    }
    if let (Some(colour), Some(first)) = (flow.swatch, lines.first_mut()) {
        first.swatch = Some(Swatch {
            x: flow.label_x - flow.left,
            side: flow.size * SWATCH_SIDE,
            colour,
        });
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| Slab {
            height: leading,
            footnotes: l.footnotes.clone(),
            lines: vec![(flow.left + if i == 0 { first_indent } else { 0.0 }, base, l)],
            rules: Vec::new(),
            cells: Vec::new(),
        })
        .collect()
}

/// The laid blocks that pagination may still reach.
///
/// A block is set when the paginator reaches it, or when a keep chain
/// looks ahead to it, and dropped once the pages holding its lines are
/// finished. Setting every block before paginating held all the
/// document's glyphs at once: half the peak memory of a large PDF.
struct Window {
    flows: std::vec::IntoIter<Flow>,
    /// The block number of the next flow.
    next_block: usize,
    laid: VecDeque<Laid>,
    /// The index, among all laid blocks, of `laid[0]`.
    first: usize,
    /// Slabs set so far: they bound the paginator's steps.
    slabs: usize,
}

impl Window {
    /// How many laid blocks have been set (dropped ones included).
    fn len(&self) -> usize {
        self.first + self.laid.len()
    }

    fn get(&self, i: usize) -> &Laid {
        &self.laid[i - self.first]
    }

    fn get_mut(&mut self, i: usize) -> &mut Laid {
        &mut self.laid[i - self.first]
    }

    /// Drop the laid blocks before `keep`, which no page can reach again.
    fn release(&mut self, keep: usize) {
        while self.first < keep && self.laid.pop_front().is_some() {
            self.first += 1;
        }
    }
}

/// What setting blocks and finishing pages needs.
struct Setter<'s, 'a, 'f> {
    ctx: &'s Context<'a>,
    shaper: &'s mut Shaper<'f>,
    composer: &'s Composer<'a>,
    blocks: &'s mut Vec<BlockInfo>,
    text_width: f32,
}

impl Setter<'_, '_, '_> {
    /// Set a footnote and number its block.
    fn note(&mut self, flow: Flow, id: Option<usize>) -> Note {
        let slabs = set_flow(self.shaper, self.ctx, &flow, self.text_width);
        let block = push_block(self.blocks, BlockKind::Footnote, id, String::new());
        self.blocks[block].lines = slabs.len();
        Note {
            block,
            lines: slabs
                .into_iter()
                .flat_map(|s| s.lines.into_iter().map(|(x, _, l)| (x, l)))
                .collect(),
            size: flow.size,
            leading: flow.leading,
            gap: flow.space_after,
        }
    }

    /// Set the next flow, and the footnotes it is the first to reference;
    /// false when all are set. A flow that sets no lines adds no laid block.
    fn set_next(&mut self, win: &mut Window, pg: &mut Paginator) -> bool {
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
                if pg.notes.get(f).is_some_and(|n| n.is_none()) {
                    let note = &self.ctx.doc.footnotes[f];
                    let superscript = matches!(note.mark, crate::model::FootnoteMark::Number(_));
                    let flow =
                        self.composer
                            .footnote(&note.mark.to_string(), superscript, &note.content);
                    pg.notes[f] = Some(self.note(flow, Some(f)));
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
        win.slabs += n;
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
    fn ensure(&mut self, win: &mut Window, pg: &mut Paginator, i: usize) -> bool {
        while win.len() <= i {
            if !self.set_next(win, pg) {
                return false;
            }
        }
        true
    }
}

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
    let win = number_flows(composer, blocks);
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
        set.note(flow, None)
    });
    let pg = Paginator {
        notes: vec![None; ctx.doc.footnotes.len()],
        agenda,
        bottom: g.height - g.margin_bottom,
        space_above_notes: fs.space_above + ctx.style.pdf.footnote_rule_gap,
    };
    let mut first = PageState::new(1, Vec::new(), body_top, g.height - g.first_margin_bottom);
    first.y = head.bottom.max(body_top);
    first.top = first.y;
    if let Some(a) = &pg.agenda {
        first.notes.push(NotePart {
            note: NoteRef::Agenda,
            from: 0,
            to: a.lines.len(),
        });
    }
    let mut pager = Pager {
        set,
        win,
        pg,
        head: &head,
        sink,
        body_top,
        page: first,
        page_start: (0, 0),
        done: Vec::new(),
        on_page: Vec::new(),
    };
    pager.run()
}

/// Numbers every flow's block now, though each is set only when reached,
/// so that the body's blocks come first and in order; the window takes
/// the flows to set them as they are reached.
fn number_flows(composer: &mut Composer, blocks: &mut Vec<BlockInfo>) -> Window {
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
        slabs: 0,
    }
}

impl PageState {
    fn new(number: usize, carry: Vec<NotePart>, top: f32, bottom: f32) -> PageState {
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
}

/// Where pagination goes on after placing what it could of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Control {
    /// The block is placed to its end: on to the next block.
    Next,
    /// A new page was begun: go on with this slab of this laid block.
    Resume { block: usize, slab: usize },
}

/// The state of pagination between steps: the page being filled, the
/// pages made final and not yet handed on, and what is on this page.
struct Pager<'p, 's, 'a, 'f> {
    set: Setter<'s, 'a, 'f>,
    win: Window,
    pg: Paginator,
    head: &'p Masthead,
    sink: &'p mut dyn PageSink,
    body_top: f32,
    page: PageState,
    /// The first (laid block, slab) of the current page. Each new page
    /// starts strictly after the one before, which is why pagination ends.
    page_start: (usize, usize),
    done: Vec<PageState>,
    /// Per block placed on the current page: (laid index, page before it).
    on_page: Vec<(usize, Snapshot)>,
}

impl Pager<'_, '_, '_, '_> {
    fn run(&mut self) -> Result<(), Error> {
        let (mut block, mut slab) = (0, 0);
        loop {
            self.hand_on()?;
            let keep = self.on_page.first().map_or(block, |&(i, _)| i);
            self.win.release(keep);
            if !self.set.ensure(&mut self.win, &mut self.pg, block) {
                break;
            }
            if slab == 0 && !self.page.empty && !self.keep_chain_fits(block) {
                self.new_page(Vec::new(), (block, 0))?;
            }
            match self.place_block(block, slab)? {
                Control::Next => {
                    self.page.last_after = self.win.get(block).after;
                    (block, slab) = (block + 1, 0);
                }
                Control::Resume { block: b, slab: s } => (block, slab) = (b, s),
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
        if self.page.empty || !self.pg.fits(&self.page, 0.0, height, &[]) {
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
            let p = finish(&mut self.set, &self.pg, st, self.head, &mut self.win);
            self.sink.page(p, self.set.blocks)?;
        }
        Ok(())
    }

    /// Makes the current page final and begins the next, which starts at
    /// `start` (a laid block and slab) with `carry` footnote parts.
    fn new_page(&mut self, carry: Vec<NotePart>, start: (usize, usize)) -> Result<(), Error> {
        if start <= self.page_start {
            return Err(Error::NoProgress {
                page: self.page.number,
                next: self.page.number + 1,
            });
        }
        self.page_start = start;
        let next = PageState::new(self.page.number + 1, carry, self.body_top, self.pg.bottom);
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
            if !b.keep_with_next || !self.set.ensure(win, &mut self.pg, k + 1) {
                break;
            }
            k += 1;
        }
        let extra = self.pg.new_parts(&self.page, &foot);
        self.pg.fits(&self.page, 0.0, height, &extra)
    }

    /// Places the slabs of laid block `bi` from `start` on, as many as fit.
    fn place_block(&mut self, bi: usize, start: usize) -> Result<Control, Error> {
        self.on_page.push((bi, self.page.snapshot()));
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
            let extra = self.pg.new_parts(&self.page, &slab.footnotes);
            if self.pg.fits(&self.page, gap, slab.height, &extra) {
                snaps.push(self.page.snapshot());
                self.pg
                    .place(&mut self.page, gap, slab, (bi, block.block), j);
                continue;
            }
            if self.page.empty {
                return self.place_alone(bi, j, gap);
            }
            return self.break_before(bi, start, j, &snaps);
        }
        Ok(Control::Next)
    }

    /// Slab `j`, alone on a page, is still too tall with its notes: place
    /// it and carry the notes that do not fit to the next page.
    fn place_alone(&mut self, bi: usize, j: usize, gap: f32) -> Result<Control, Error> {
        let block = self.win.get(bi);
        self.pg
            .place(&mut self.page, gap, &block.slabs[j], (bi, block.block), j);
        let n = block.slabs.len();
        let carry = split_notes(&self.pg, &mut self.page);
        let next = if j + 1 < n { (bi, j + 1) } else { (bi + 1, 0) };
        self.new_page(carry, next)?;
        Ok(match next {
            (b, 0) if b == bi + 1 => Control::Next,
            (block, slab) => Control::Resume { block, slab },
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
        self.new_page(Vec::new(), (bi, restart))?;
        Ok(Control::Resume {
            block: bi,
            slab: restart,
        })
    }

    /// Moves the last block on the page, and the blocks kept with it, to a
    /// new page; `None` when they already start this page.
    fn move_chain(&mut self) -> Result<Option<Control>, Error> {
        let mut idx = self.on_page.len() - 1;
        while idx > 0 {
            let prev = self.on_page[idx - 1].0;
            if self.win.get(prev).keep_with_next && prev + 1 == self.on_page[idx].0 {
                idx -= 1;
            } else {
                break;
            }
        }
        let (from_block, snap) = self.on_page[idx];
        if snap.empty {
            return Ok(None);
        }
        self.page.restore(snap);
        self.new_page(Vec::new(), (from_block, 0))?;
        Ok(Some(Control::Resume {
            block: from_block,
            slab: 0,
        }))
    }
}

/// Split the page's last footnotes where they overflow; return the rest.
fn split_notes(pg: &Paginator, page: &mut PageState) -> Vec<NotePart> {
    let mut carry = Vec::new();
    while pg.notes_height(&page.notes) + page.y > page.bottom + 0.01 {
        let Some(last) = page.notes.last_mut() else {
            break;
        };
        if last.to - last.from <= 1 {
            let part = page.notes.pop().expect("last exists");
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
                NotePart {
                    note,
                    from: at,
                    to: at + 1,
                },
            ),
        }
    }
    carry
}

/// Turn a final page's state into a page: its lines moved out of their
/// slabs, its footnotes, running heads and footers added.
fn finish(
    set: &mut Setter,
    pg: &Paginator,
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
        let line = std::mem::take(&mut win.get_mut(r.laid).slabs[r.slab].lines[r.line].2);
        page.lines.push(PlacedLine {
            x: left_margin + r.x,
            y: r.y,
            line,
            block: r.block,
            index: r.slab,
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
    place_footnotes(pg, (&st.notes, st.bottom), style, left_margin, &mut page);
    let furniture = Furniture {
        ctx,
        number: st.number,
        left: left_margin,
        right: right_edge,
        job: job_line(meta),
    };
    furniture.place(set.shaper, &mut page);
    if super::mirror::is_rtl(meta.language) {
        let blocks = &set.blocks;
        let masthead = |b: usize| blocks.get(b).is_some_and(|b| b.kind == BlockKind::Masthead);
        super::mirror::mirror(&mut page, g.width, &masthead);
    }
    page
}

/// The page's footnotes, stacked up from the foot of the body area under
/// their short rule.
fn place_footnotes(
    pg: &Paginator,
    (notes, bottom): (&[NotePart], f32),
    style: &HouseStyle,
    left_margin: f32,
    page: &mut Page,
) {
    if notes.is_empty() {
        return;
    }
    let mut y = bottom - pg.notes_height(notes);
    let fs = &style.footnote;
    // The rule starts at the text's edge, the marks hanging before it.
    page.rules.push(Rule {
        x0: left_margin + fs.indent,
        x1: left_margin + fs.indent + fs.separator_width,
        y: y + fs.space_above / 2.0,
        thickness: style.pdf.footnote_rule_width,
    });
    y += pg.space_above_notes;
    for part in notes {
        let Some(note) = pg.note(part.note) else {
            continue;
        };
        if let NoteRef::Footnote(f) = part.note {
            page.footnotes.push(f);
        }
        for k in part.from..part.to {
            let (x, line) = &note.lines[k];
            page.lines.push(PlacedLine {
                x: left_margin + x,
                y: baseline(y, note.size, note.leading),
                line: line.clone(),
                block: note.block,
                index: k,
                cell: 0,
            });
            y += note.leading;
        }
        y += note.gap;
    }
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

impl Furniture<'_, '_> {
    fn place(&self, shaper: &mut Shaper, page: &mut Page) {
        if self.number == 1 {
            self.first_page(shaper, page);
        } else {
            self.head(shaper, page);
            self.foot(shaper, page);
        }
    }

    /// A line of running text at `x`, or ending at `x` when `align_right`.
    fn line(
        &self,
        shaper: &mut Shaper,
        page: &mut Page,
        (x, y): (f32, f32),
        frags: Vec<Frag>,
        align_right: bool,
    ) {
        let line = label_line(inline::set_label(shaper, &frags));
        let x = if align_right { x - line.width } else { x };
        page.running.push(PlacedLine {
            x,
            y,
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
        self.line(shaper, page, (self.left, job_y), frags, false);
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
        if self.number % 2 == 1 {
            self.line(shaper, page, (self.right, head_y), symbol, true);
        } else {
            self.line(shaper, page, (self.left, head_y), symbol, false);
        }
        page.running_rules.push(Rule {
            x0: self.left,
            x1: self.right,
            y: head_y + rs.rule_gap,
            thickness: rs.rule_width,
        });
    }

    /// The page number at the outer edge, the job number at the inner.
    fn foot(&self, shaper: &mut Shaper, page: &mut Page) {
        let foot_y = self.foot_y();
        let number = self.frags(&self.number.to_string(), FaceKind::Bold);
        let (outer, inner, outer_right) = if self.number % 2 == 1 {
            (self.right, self.left, true)
        } else {
            (self.left, self.right, false)
        };
        self.line(shaper, page, (outer, foot_y), number, outer_right);
        if let Some(job) = &self.job {
            let job = self.frags(job, FaceKind::Regular);
            self.line(shaper, page, (inner, foot_y), job, !outer_right);
        }
    }
}
