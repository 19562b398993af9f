//! A paragraph as the line breaker sees it: boxes (shaped parts of
//! words), glue (spaces, and the stretchable gaps between full-width
//! characters) and penalties (line-break opportunities, hyphenation
//! points, forced breaks), each paired with the [`Piece`] it draws if its
//! line keeps it. Apart from shaping the lines, because a paragraph's items
//! are built again for each kind of breaking pass (with emergency cuts
//! only when the others fail), while the lines are built once.

use super::frag::{Deco, Frag, SetOptions};
use super::prepare::{is_space, Paragraph, LINE_BREAK};
use crate::layout::fonts::Family;
use crate::layout::linebreak::{Item, FIL, INFINITE_PENALTY};
use crate::layout::shape::{Shaped, Shaper};
use crate::present::script::is_full_width;
use std::ops::Range;
use std::rc::Rc;

#[derive(Debug, Clone)]
pub(super) enum Piece {
    /// Part of a word: the glyphs of `shaped` whose clusters lie in
    /// `start..end` (offsets in the shaped text).
    Word {
        frag: usize,
        shaped: Rc<Shaped>,
        text_start: usize,
        start: usize,
        end: usize,
        /// The bidi embedding level (0 in text with no right-to-left script).
        level: u8,
        family: Family,
    },
    /// Interword space, drawn when the line continues after it.
    Space {
        frag: usize,
        deco: Deco,
        level: u8,
        family: Family,
    },
    /// A glue or penalty that draws nothing.
    Nothing,
    /// A hyphenation point: draws a hyphen of this fragment if the line breaks here.
    Hyphen { frag: usize },
    /// Between two characters of Chinese (or Japanese, Korean) text: no
    /// width, but it stretches when the line is justified.
    Gap { frag: usize, deco: Deco },
}

/// How far the space between two full-width characters may stretch, as a
/// share of the type size (some 0.1 em, as CJK typesetting allows).
const WIDE_STRETCH: f32 = 0.1;

/// The end of a line that is not justified: no break before the fill, the
/// fill, a forced break.
fn end_line(list: &mut ItemList) {
    let never = Item::Penalty {
        width: 0.0,
        cost: INFINITE_PENALTY,
        flagged: false,
    };
    list.push(never, Piece::Nothing);
    let fill = Item::Glue {
        width: 0.0,
        stretch: FIL,
        shrink: 0.0,
    };
    list.push(fill, Piece::Nothing);
    let forced = Item::Penalty {
        width: 0.0,
        cost: -INFINITE_PENALTY,
        flagged: false,
    };
    list.push(forced, Piece::Nothing);
}

/// Which breaks, beyond line-break opportunities, a word offers.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cuts {
    pub(super) hyphenate: bool,
    /// Every cluster boundary, at a high cost.
    pub(super) emergency: bool,
}

/// The breaker's items and, for each, what it draws.
#[derive(Default)]
pub(super) struct ItemList {
    pub(super) items: Vec<Item>,
    pub(super) pieces: Vec<Piece>,
}

impl ItemList {
    fn push(&mut self, item: Item, piece: Piece) {
        self.items.push(item);
        self.pieces.push(piece);
    }
}

/// A break within a part of a word: the breaker's item and what it draws,
/// at a byte offset of the part.
pub(super) struct Cut {
    at: usize,
    item: Item,
    piece: Piece,
}

impl Cut {
    fn new(at: usize, item: Item, piece: Piece) -> Cut {
        Cut { at, item, piece }
    }
}

impl Paragraph<'_> {
    /// The breaker's items for the whole paragraph: glue for each run of
    /// spaces, boxes and penalties for each word, and the closing glue.
    pub(super) fn items(&self, shaper: &mut Shaper, cuts: Cuts) -> ItemList {
        let mut list = ItemList::default();
        let mut pos = self.content.start;
        while pos < self.content.end {
            let rest = &self.full[pos..self.content.end];
            if rest.starts_with(LINE_BREAK) {
                // A manual line break ends the line as a paragraph's end
                // does: unjustified, the rest on the next line.
                end_line(&mut list);
                pos += LINE_BREAK.len_utf8();
                let spaces = self.full[pos..self.content.end]
                    .find(|c| !is_space(c) || c == LINE_BREAK)
                    .unwrap_or(self.content.end - pos);
                pos += spaces;
            } else if rest.starts_with(is_space) {
                let len = rest
                    .find(|c| !is_space(c) || c == LINE_BREAK)
                    .unwrap_or(rest.len());
                self.add_spaces(shaper, &mut list, pos..pos + len);
                pos += len;
            } else {
                let len = rest.find(is_space).unwrap_or(rest.len());
                self.add_word(shaper, &mut list, pos..pos + len, cuts);
                pos += len;
            }
        }
        end_line(&mut list);
        list
    }

    /// A run of spaces, in the face and size of its first fragment; struck
    /// or underlined only when its two ends are.
    fn add_spaces(&self, shaper: &mut Shaper, list: &mut ItemList, span: Range<usize>) {
        let first = self.frag_of(span.start);
        let last = self.frag_of(span.end - 1);
        let f = self.frags[first];
        let deco = Deco {
            underline: f.deco.underline && self.frags[last].deco.underline,
            strike: f.deco.strike && self.frags[last].deco.strike,
        };
        let family = self.family_at(span.start);
        let width = shaper.shape_in(family, f.face, " ", false).width * f.size;
        let space = Piece::Space {
            frag: first,
            deco,
            level: self.level_at(span.start),
            family,
        };
        space_items(
            &mut list.items,
            &mut list.pieces,
            (width, f.size),
            self.opts,
            space,
        );
    }

    /// A word, up to the next space, in parts of one fragment and one bidi
    /// run each, joined where they meet.
    fn add_word(&self, shaper: &mut Shaper, list: &mut ItemList, word: Range<usize>, cuts: Cuts) {
        let mut p = word.start;
        while p < word.end {
            let fi = self.frag_of(p);
            let mut part_end = self.bounds[fi].end.min(word.end);
            if let Some(l) = &self.levels {
                part_end = l.run_end(p, part_end);
            }
            if let Some(f) = &self.families {
                part_end = f.run_end(p, part_end);
            }
            self.add_part(shaper, list, p..part_end, cuts);
            if part_end < word.end {
                let next = self.frags[self.frag_of(part_end)];
                let sides = (
                    self.full[..part_end].chars().next_back(),
                    self.full[part_end..].chars().next(),
                );
                let breakable = self.opportunities.binary_search(&part_end).is_ok();
                let this = (self.frags[fi], fi, next);
                join_parts(&mut list.items, &mut list.pieces, sides, breakable, this);
            }
            p = part_end;
        }
    }

    /// One part of a word, shaped: a box between each two cuts.
    fn add_part(&self, shaper: &mut Shaper, list: &mut ItemList, part: Range<usize>, cuts: Cuts) {
        let p = part.start;
        let fi = self.frag_of(p);
        let f = self.frags[fi];
        let level = self.level_at(p);
        let family = self.family_at(p);
        let text = &self.full[part.clone()];
        let shaped = shaper.shape_in(family, f.face, text, level % 2 == 1);
        let part_cuts = self.part_cuts(shaper, (text, &shaped), part, cuts);
        let end = Cut::new(text.len(), Item::Box { width: 0.0 }, Piece::Nothing);
        let mut s = 0;
        for Cut { at: o, item, piece } in part_cuts.into_iter().chain(std::iter::once(end)) {
            if o > s {
                let width = shaped.width_of(s, o) * f.size;
                let word = Piece::Word {
                    frag: fi,
                    shaped: shaped.clone(),
                    text_start: p,
                    start: s,
                    end: o,
                    level,
                    family,
                };
                list.push(Item::Box { width }, word);
            }
            if o != text.len() {
                list.push(item, piece);
            }
            s = o;
        }
    }

    /// Where a part may break, sorted: line-break opportunities,
    /// hyphenation points and, as a last resort, every cluster.
    fn part_cuts(
        &self,
        shaper: &mut Shaper,
        (text, shaped): (&str, &Shaped),
        part: Range<usize>,
        cuts: Cuts,
    ) -> Vec<Cut> {
        let p = part.start;
        let fi = self.frag_of(p);
        let f = self.frags[fi];
        let first = self.opportunities.partition_point(|&o| o <= p);
        // Between full-width characters, a gap that stretches; a break
        // there only where UAX #14 allows one (never before a closing mark
        // or after an opening one).
        let (wide, mut out) = wide_cuts(text, shaped, p, &self.opportunities, (f, fi));
        for &o in self.opportunities[first..]
            .iter()
            .take_while(|&&o| o < part.end)
        {
            if wide.binary_search(&(o - p)).is_ok() || !shaped.is_boundary(o - p) {
                continue;
            }
            let after_hyphen = matches!(
                self.full[..o].chars().next_back(),
                Some('-' | '‐' | '–' | '—')
            );
            let item = Item::Penalty {
                width: 0.0,
                cost: if after_hyphen { 50.0 } else { 100.0 },
                flagged: after_hyphen,
            };
            out.push(Cut::new(o - p, item, Piece::Nothing));
        }
        if cuts.hyphenate {
            if let Some(lang) = self.opts.hyphenate {
                hyphen_cuts(shaper, (text, shaped), (f, fi), lang, self.opts, &mut out);
            }
        }
        if cuts.emergency {
            emergency_cuts(shaped, &mut out);
        }
        out.sort_by_key(|c| c.at);
        out
    }
}

/// The glue of an interword space: stretching and shrinking when the
/// paragraph is justified; ragged right, as Knuth and Plass set it, the
/// stretch at a line's end only when the line breaks here. `(width, size)`:
/// the space's width and the type size.
fn space_items(
    items: &mut Vec<Item>,
    pieces: &mut Vec<Piece>,
    (width, size): (f32, f32),
    opts: &SetOptions,
    space: Piece,
) {
    if opts.justify {
        items.push(Item::Glue {
            width,
            stretch: width * opts.stretch,
            shrink: width * opts.shrink,
        });
        pieces.push(space);
        return;
    }
    let r = 3.0 * size;
    items.push(Item::Glue {
        width: 0.0,
        stretch: r,
        shrink: 0.0,
    });
    pieces.push(Piece::Nothing);
    items.push(Item::Penalty {
        width: 0.0,
        cost: 0.0,
        flagged: false,
    });
    pieces.push(Piece::Nothing);
    items.push(Item::Glue {
        width,
        stretch: -r,
        shrink: 0.0,
    });
    pieces.push(space);
}

/// A gap between two full-width characters: glue of no width that
/// stretches, a break only where UAX #14 allows one (never before a closing
/// mark or after an opening one): else an infinite penalty stands before it.
fn wide_gap(breakable: bool, size: f32, gap: Piece) -> Vec<(Item, Piece)> {
    let mut out = Vec::with_capacity(2);
    if !breakable {
        let never = Item::Penalty {
            width: 0.0,
            cost: INFINITE_PENALTY,
            flagged: false,
        };
        out.push((never, Piece::Nothing));
    }
    let glue = Item::Glue {
        width: 0.0,
        stretch: WIDE_STRETCH * size,
        shrink: 0.0,
    };
    out.push((glue, gap));
    out
}

/// The gaps between full-width characters of a part that starts at `p`
/// in the paragraph: their offsets in the part, and their cuts.
fn wide_cuts(
    text: &str,
    shaped: &Shaped,
    p: usize,
    opportunities: &[usize],
    (f, fi): (&Frag, usize),
) -> (Vec<usize>, Vec<Cut>) {
    let wide = wide_gaps(text, shaped);
    let mut cuts = Vec::new();
    for &o in &wide {
        let breakable = opportunities.binary_search(&(p + o)).is_ok();
        let gap = Piece::Gap {
            frag: fi,
            deco: f.deco,
        };
        for (item, piece) in wide_gap(breakable, f.size, gap) {
            cuts.push(Cut::new(o, item, piece));
        }
    }
    (wide, cuts)
}

/// Hyphenation points of a part as cuts (a flagged penalty that draws a
/// hyphen), where no other cut is.
fn hyphen_cuts(
    shaper: &mut Shaper,
    (text, shaped): (&str, &Shaped),
    (f, fi): (&Frag, usize),
    lang: hypher::Lang,
    opts: &SetOptions,
    cuts: &mut Vec<Cut>,
) {
    let hyphen = shaper.width(f.face, "-") * f.size;
    for o in shaper.hyphenation(text, lang).iter().copied() {
        if shaped.is_boundary(o) && !cuts.iter().any(|c| c.at == o) {
            let item = Item::Penalty {
                width: hyphen,
                cost: opts.hyphen_penalty,
                flagged: true,
            };
            cuts.push(Cut::new(o, item, Piece::Hyphen { frag: fi }));
        }
    }
}

/// Every cluster boundary as a costly cut: the last resort for a word
/// wider than the measure.
fn emergency_cuts(shaped: &Shaped, cuts: &mut Vec<Cut>) {
    for g in &shaped.glyphs {
        if g.cluster > 0 && !cuts.iter().any(|c| c.at == g.cluster) {
            let item = Item::Penalty {
                width: 0.0,
                cost: 5000.0,
                flagged: false,
            };
            cuts.push(Cut::new(g.cluster, item, Piece::Nothing));
        }
    }
}

/// Between two parts of one word (two fragments, or two bidi runs): a
/// stretchable gap when either side is full-width, else a break penalty
/// where UAX #14 allows a break; `before` and `after`: the characters
/// either side.
fn join_parts(
    items: &mut Vec<Item>,
    pieces: &mut Vec<Piece>,
    (before, after): (Option<char>, Option<char>),
    breakable: bool,
    (f, fi, next): (&Frag, usize, &Frag),
) {
    if before.is_some_and(is_full_width) || after.is_some_and(is_full_width) {
        let gap = Piece::Gap {
            frag: fi,
            deco: Deco {
                underline: f.deco.underline && next.deco.underline,
                strike: f.deco.strike && next.deco.strike,
            },
        };
        for (item, piece) in wide_gap(breakable, f.size, gap) {
            items.push(item);
            pieces.push(piece);
        }
    } else if breakable {
        items.push(Item::Penalty {
            width: 0.0,
            cost: 100.0,
            flagged: false,
        });
        pieces.push(Piece::Nothing);
    }
}

/// Offsets in `text` (shaped as `shaped`) between two clusters where
/// either side is a full-width character.
fn wide_gaps(text: &str, shaped: &Shaped) -> Vec<usize> {
    if !text.chars().any(is_full_width) {
        return Vec::new();
    }
    let mut starts: Vec<usize> = shaped.glyphs.iter().map(|g| g.cluster).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        if let Some(b) = prev {
            if (is_full_width(b) || is_full_width(c)) && starts.binary_search(&i).is_ok() {
                out.push(i);
            }
        }
        prev = Some(c);
    }
    out
}
