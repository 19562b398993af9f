//! From chosen breaks to set lines: each line's boxes become positioned
//! glyph runs, its spaces take their justified widths, a hyphen is drawn
//! where a word was broken, underlines and strike-throughs are joined
//! where they meet, and a line with right-to-left text is put in visual
//! order. The last stage of setting a paragraph, and the one that labels
//! (set on one line, unbroken) share.

use super::frag::{Deco, Frag, Rgb};
use super::items::{ItemList, Piece};
use super::prepare::Paragraph;
use crate::layout::bidi;
use crate::layout::fonts::{FaceKind, Family};
use crate::layout::geom::same_position;
use crate::layout::linebreak::{Break, Item};
use crate::layout::shape::{Glyph, Shaped, Shaper};
use std::ops::Range;

/// One glyph as drawn: lengths in points.
///
/// A layout holds one of these for every glyph of the document, so it is
/// kept small: byte offsets as `u32` (a run's text is one line), 24 bytes
/// in all instead of 32.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    pub id: u16,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// The text this glyph shows, within its run's text.
    pub range: Range<u32>,
}

/// Glyphs in one face, size and colour, drawn from `x` (relative to the
/// line's left edge).
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub x: f32,
    pub rise: f32,
    pub face: FaceKind,
    /// The family `face` is of: the document's, or the one that sets
    /// Latin words in an Arabic or Chinese document.
    pub family: Family,
    pub size: f32,
    pub colour: Option<Rgb>,
    pub text: String,
    pub glyphs: Vec<PlacedGlyph>,
    pub width: f32,
}

/// A horizontal stroke: an underline (insertion) or strike-through (deletion).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decoration {
    pub x0: f32,
    pub x1: f32,
    /// Offset of the stroke's centre from the baseline, downwards positive.
    pub dy: f32,
    pub thickness: f32,
    pub colour: Option<Rgb>,
    pub strike: bool,
}

/// A square filled with an author's colour, keying a legend entry to the
/// colour of that author's changes. A shape, not a glyph: no face need
/// have one (Amiri has no ■). Its bottom stands on the baseline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Swatch {
    /// The left edge, relative to the line's left edge (as a label's runs).
    pub x: f32,
    pub side: f32,
    pub colour: Rgb,
}

/// One set line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub runs: Vec<TextRun>,
    pub decorations: Vec<Decoration>,
    /// The hanging label (paragraph number), x relative to the line (negative).
    pub label: Vec<TextRun>,
    /// A legend entry's colour key, where a label would hang.
    pub swatch: Option<Swatch>,
    /// The width the content occupies once set.
    pub width: f32,
    /// The width available.
    pub measure: f32,
    /// Adjustment ratio chosen by the line breaker.
    pub ratio: f32,
    /// Whether interword spaces were stretched or shrunk to fill the measure.
    pub justified: bool,
    /// Interword spaces in the line, their natural and their set widths (sums).
    pub spaces: usize,
    pub natural_space: f32,
    pub set_space: f32,
    /// Ends with a hyphen added by hyphenation.
    pub hyphenated: bool,
    /// The last line of its paragraph.
    pub last: bool,
    /// Set right to left (its paragraph holds right-to-left text): placed
    /// flush right on a mirrored page.
    pub rtl: bool,
    /// Footnotes referenced in this line.
    pub footnotes: Vec<usize>,
}

/// Turn the breaks chosen for `para` (over `list`) into set lines.
pub(super) fn lines_at_breaks(
    shaper: &mut Shaper,
    para: &Paragraph,
    list: &ItemList,
    breaks: &[Break],
) -> Vec<Line> {
    let mut lines = Vec::with_capacity(breaks.len());
    let mut start = 0;
    for (li, brk) in breaks.iter().enumerate() {
        // Skip what vanishes at the start of a line.
        while start < brk.at && !matches!(list.items[start], Item::Box { .. }) {
            start += 1;
        }
        let last = li + 1 == breaks.len();
        lines.push(set_line(shaper, para, list, (start, brk), (li, last)));
        start = brk.at + 1;
    }
    lines
}

/// Line `li` of a paragraph (the `last` one or not): its items from
/// `start` up to the break `brk`, as positioned runs.
fn set_line(
    shaper: &mut Shaper,
    para: &Paragraph,
    list: &ItemList,
    (start, brk): (usize, &Break),
    (li, last): (usize, bool),
) -> Line {
    let (full, frags, opts) = (para.full.as_str(), &para.frags, para.opts);
    let (items, pieces) = (&list.items, &list.pieces);
    let measure = if li == 0 {
        opts.first_measure
    } else {
        opts.measure
    };
    let ratio = if last { brk.ratio.min(0.0) } else { brk.ratio };
    let justified = opts.justify && !last;
    let mut b = LineBuilder::new(measure);
    b.bidi = para.levels.is_some();
    let mut natural_space = 0.0;
    let mut set_space = 0.0;
    let mut spaces = 0;
    for i in start..brk.at {
        match (&items[i], &pieces[i]) {
            (
                Item::Box { .. },
                Piece::Word {
                    frag,
                    shaped,
                    text_start,
                    start: s,
                    end: e,
                    level,
                    family,
                },
            ) => {
                let f = frags[*frag];
                let text = &full[text_start + s..text_start + e];
                b.push_word(shaper, f, shaped, (*s, *e, text), (*level, *family));
            }
            (
                Item::Glue {
                    width,
                    stretch,
                    shrink,
                },
                Piece::Space {
                    frag,
                    deco,
                    level,
                    family,
                },
            ) => {
                let w = if opts.justify {
                    let adj = if ratio >= 0.0 {
                        ratio * stretch
                    } else {
                        ratio * shrink
                    };
                    width + adj
                } else {
                    *width
                };
                spaces += 1;
                natural_space += width;
                set_space += w;
                b.push_space(shaper, frags[*frag], *deco, w, (*level, *family));
            }
            (Item::Glue { stretch, .. }, Piece::Gap { frag, deco })
                if opts.justify && ratio > 0.0 =>
            {
                b.push_gap(shaper, frags[*frag], *deco, ratio * stretch);
            }
            _ => {}
        }
    }
    let mut hyphenated = false;
    if let (Item::Penalty { width, .. }, Piece::Hyphen { frag }) = (&items[brk.at], &pieces[brk.at])
    {
        if *width > 0.0 {
            let f = frags[*frag];
            let shaped = shaper.shape(f.face, "-");
            // The hyphen's text is a soft hyphen (U+00AD): copied or
            // extracted text shows the word whole, as PDF/UA asks.
            let level = b.levels.last().copied().unwrap_or(0);
            let family = Family::Document;
            b.push_word(shaper, f, &shaped, (0, 1, "\u{ad}"), (level, family));
            hyphenated = true;
        }
    }
    let mut line = b.finish();
    line.ratio = ratio;
    line.justified = justified;
    line.spaces = spaces;
    line.natural_space = natural_space;
    line.set_space = set_space;
    line.hyphenated = hyphenated;
    line.last = last;
    line
}

/// A line being built: runs pushed word by word and space by space in
/// logical order, their strokes merged where they meet.
pub(super) struct LineBuilder {
    x: f32,
    measure: f32,
    runs: Vec<TextRun>,
    decorations: Vec<Decoration>,
    footnotes: Vec<usize>,
    /// The line holds right-to-left text: each word and space is a run of
    /// its own, at its bidi level, and `finish` puts the runs in visual order.
    pub(super) bidi: bool,
    /// Per run, its bidi level (with `bidi`).
    levels: Vec<u8>,
    /// Per decoration, the run it underlines or strikes (with `bidi`).
    deco_runs: Vec<usize>,
}

impl LineBuilder {
    pub(super) fn new(measure: f32) -> Self {
        LineBuilder {
            x: 0.0,
            measure,
            runs: Vec::new(),
            decorations: Vec::new(),
            footnotes: Vec::new(),
            bidi: false,
            levels: Vec::new(),
            deco_runs: Vec::new(),
        }
    }

    fn run_for(&mut self, f: &Frag, (level, family): (u8, Family)) -> &mut TextRun {
        let same = !self.bidi
            && self.runs.last().is_some_and(|r| {
                r.face == f.face
                    && r.family == family
                    && r.size == f.size
                    && r.rise == f.rise
                    && r.colour == f.colour
            });
        if !same {
            self.runs.push(TextRun {
                x: self.x,
                rise: f.rise,
                face: f.face,
                family,
                size: f.size,
                colour: f.colour,
                text: String::new(),
                glyphs: Vec::new(),
                width: 0.0,
            });
            self.levels.push(level);
        }
        self.runs.last_mut().expect("just pushed")
    }

    fn decorate(&mut self, shaper: &Shaper, f: &Frag, deco: Deco, x0: f32, x1: f32) {
        let m = shaper.metrics(f.face);
        let size = f.deco_size;
        for (on, strike) in [(deco.underline, false), (deco.strike, true)] {
            if !on {
                continue;
            }
            let (pos, thick) = if strike {
                (m.strikeout_position, m.strikeout_thickness)
            } else {
                (m.underline_position, m.underline_thickness)
            };
            let dy = -(pos * size) + thick * size / 2.0;
            let thickness = (thick * size).max(0.4);
            if self.bidi {
                // Each run's strokes move with it when the line is reordered.
                self.deco_runs.push(self.runs.len().saturating_sub(1));
            } else if let Some(d) = self
                .decorations
                .iter_mut()
                .rev()
                .find(|d| d.strike == strike && d.colour == f.colour && same_position(d.x1, x0))
            {
                d.x1 = x1;
                continue;
            }
            self.decorations.push(Decoration {
                x0,
                x1,
                dy,
                thickness,
                colour: f.colour,
                strike,
            });
        }
    }

    /// Push the glyphs of `shaped` whose clusters lie in `s..e`, showing
    /// `text`, at bidi `level`, shaped in `family`.
    pub(super) fn push_word(
        &mut self,
        shaper: &Shaper,
        f: &Frag,
        shaped: &Shaped,
        (s, e, text): (usize, usize, &str),
        level: (u8, Family),
    ) {
        if let Some(n) = f.footnote {
            if !self.footnotes.contains(&n) {
                self.footnotes.push(n);
            }
        }
        let x0 = self.x;
        let size = f.size;
        let glyphs: Vec<&Glyph> = shaped
            .glyphs
            .iter()
            .filter(|g| g.cluster >= s && g.cluster < e)
            .collect();
        // Each cluster's text runs to the next cluster's start.
        let mut starts: Vec<usize> = glyphs.iter().map(|g| g.cluster).collect();
        starts.sort_unstable();
        starts.dedup();
        let run = self.run_for(f, level);
        let base = run.text.len();
        run.text.push_str(text);
        let mut width = 0.0;
        for g in glyphs {
            let k = starts.partition_point(|&c| c <= g.cluster);
            // The last cluster ends with the text, which may be longer than
            // the shaped one (a hyphen drawn for a soft hyphen).
            let end = starts.get(k).copied().unwrap_or(s + text.len());
            run.glyphs.push(PlacedGlyph {
                id: g.id,
                advance: g.advance * size,
                x_offset: g.x_offset * size,
                y_offset: g.y_offset * size,
                range: (base + (g.cluster - s)) as u32..(base + (end - s)) as u32,
            });
            width += g.advance * size;
        }
        run.width += width;
        self.x += width;
        self.decorate(shaper, f, f.deco, x0, self.x);
    }

    fn push_space(
        &mut self,
        shaper: &mut Shaper,
        f: &Frag,
        deco: Deco,
        width: f32,
        (level, family): (u8, Family),
    ) {
        let x0 = self.x;
        // The space is a real space glyph, so text extraction and screen
        // readers see word boundaries; its advance is the set width.
        if self.bidi {
            self.run_for(f, (level, family));
        }
        // The glyph of the face of the run it joins.
        let (face, family) = self
            .runs
            .last()
            .map_or((f.face, family), |r| (r.face, r.family));
        let id = shaper
            .shape_in(family, face, " ", false)
            .glyphs
            .first()
            .map_or(3, |g| g.id);
        if let Some(run) = self.runs.last_mut() {
            let base = run.text.len();
            run.text.push(' ');
            run.glyphs.push(PlacedGlyph {
                id,
                advance: width,
                x_offset: 0.0,
                y_offset: 0.0,
                range: base as u32..base as u32 + 1,
            });
            run.width += width;
        }
        self.x += width;
        self.decorate(shaper, f, deco, x0, self.x);
    }

    /// Widen the space after the last glyph by `width` (between two
    /// full-width characters of a justified line).
    fn push_gap(&mut self, shaper: &Shaper, f: &Frag, deco: Deco, width: f32) {
        let x0 = self.x;
        let Some(run) = self.runs.last_mut() else {
            return;
        };
        let Some(glyph) = run.glyphs.last_mut() else {
            return;
        };
        glyph.advance += width;
        run.width += width;
        self.x += width;
        self.decorate(shaper, f, deco, x0, self.x);
    }

    /// Give each run its place in visual order (the runs stay in logical
    /// order, so that the PDF's text reads in logical order); strokes move
    /// with their runs.
    fn reorder(&mut self) {
        if !self.bidi || self.levels.iter().all(|&l| l == 0) {
            return;
        }
        let mut shift = vec![0.0; self.runs.len()];
        let mut x = 0.0;
        for i in bidi::visual_order(&self.levels) {
            let run = &mut self.runs[i];
            shift[i] = x - run.x;
            run.x = x;
            x += run.width;
        }
        for (d, &r) in self.decorations.iter_mut().zip(&self.deco_runs) {
            let dx = shift.get(r).copied().unwrap_or(0.0);
            d.x0 += dx;
            d.x1 += dx;
        }
    }

    pub(super) fn finish(mut self) -> Line {
        self.reorder();
        // A paragraph with right-to-left text is set right to left (bidi
        // levels are only worked out for such text).
        let rtl = self.bidi;
        // Lines are kept until their page is drawn, the whole document's
        // at once: drop the spare capacity the pushes left (a quarter of
        // the glyph storage on average).
        for run in &mut self.runs {
            run.glyphs.shrink_to_fit();
            run.text.shrink_to_fit();
        }
        Line {
            runs: self.runs,
            decorations: self.decorations,
            width: self.x,
            measure: self.measure,
            rtl,
            footnotes: self.footnotes,
            ..Line::default()
        }
    }
}
