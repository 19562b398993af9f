//! From styled text fragments to justified lines: whitespace becomes glue,
//! words become shaped boxes, Unicode line-break opportunities and
//! hyphenation points become penalties; [`super::linebreak`] chooses the
//! breaks, and the chosen lines come back as positioned glyph runs with
//! their underlines and strike-throughs.

use super::bidi::{self, Levels};
use super::fonts::{FaceKind, Family};
use super::linebreak::{self, Break, Item, Params, FIL, INFINITE_PENALTY};
use super::shape::{Glyph, Shaped, Shaper};
use crate::present::script::{is_full_width, Families};
use std::ops::Range;
use std::rc::Rc;

/// An RGB colour.
pub type Rgb = [u8; 3];

/// How a piece of text is marked as a proposed change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Deco {
    pub underline: bool,
    pub strike: bool,
}

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Frag {
    pub text: String,
    pub face: FaceKind,
    pub size: f32,
    /// Raise above the baseline (superscript footnote marks).
    pub rise: f32,
    /// The size underlines and strike-throughs are drawn for: the text's
    /// size even under a smaller superscript mark.
    pub deco_size: f32,
    pub deco: Deco,
    pub colour: Option<Rgb>,
    /// The footnote this fragment references (its mark).
    pub footnote: Option<usize>,
}

impl Frag {
    pub fn plain(text: impl Into<String>, face: FaceKind, size: f32) -> Frag {
        Frag {
            text: text.into(),
            face,
            size,
            rise: 0.0,
            deco_size: size,
            deco: Deco::default(),
            colour: None,
            footnote: None,
        }
    }
}

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

/// How to set one paragraph.
#[derive(Debug, Clone, Copy)]
pub struct SetOptions {
    pub first_measure: f32,
    pub measure: f32,
    pub justify: bool,
    pub hyphenate: Option<hypher::Lang>,
    /// How far interword space may stretch and shrink, as shares of its width.
    pub stretch: f32,
    pub shrink: f32,
    /// The cost of a break at a hyphenation point.
    pub hyphen_penalty: f32,
}

#[derive(Debug, Clone)]
enum Piece {
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

/// A manual line break (`w:br`, a source line ending in `\\`): the
/// model holds it as this character in the text.
const LINE_BREAK: char = crate::model::LINE_BREAK;

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

fn is_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' && c != '\u{2007}'
}

/// Set `frags` as lines. Never returns a line wider than its measure unless
/// a single glyph is wider than the measure.
pub fn set(shaper: &mut Shaper, frags: &[Frag], opts: &SetOptions) -> Vec<Line> {
    match Paragraph::new(frags, opts, shaper) {
        Some(paragraph) => paragraph.set(shaper),
        None => Vec::new(),
    }
}

/// One attempt at breaking a paragraph. Passes of rising tolerance, as TeX
/// does: the first set of breaks that keeps every line within tolerance
/// wins; the last may also cut words at any cluster. When none succeeds
/// (a glyph wider than the measure), lines are filled first-fit.
#[derive(Debug, Clone, Copy)]
enum Pass {
    /// Break at line-break opportunities and hyphenation points.
    Optimal { tolerance: f32 },
    /// Any tolerance, and any cluster boundary as a costly break.
    Emergency,
}

const PASSES: [Pass; 5] = [
    Pass::Optimal { tolerance: 1.0 },
    Pass::Optimal { tolerance: 1.2 },
    Pass::Optimal { tolerance: 2.5 },
    Pass::Optimal { tolerance: 50.0 },
    Pass::Emergency,
];

/// Which breaks, beyond line-break opportunities, a word offers.
#[derive(Debug, Clone, Copy)]
struct Cuts {
    hyphenate: bool,
    /// Every cluster boundary, at a high cost.
    emergency: bool,
}

/// The breaker's items and, for each, what it draws.
#[derive(Default)]
struct ItemList {
    items: Vec<Item>,
    pieces: Vec<Piece>,
}

impl ItemList {
    fn push(&mut self, item: Item, piece: Piece) {
        self.items.push(item);
        self.pieces.push(piece);
    }
}

/// A break within a part of a word, at a byte offset of the part.
type Cut = (usize, Item, Piece);

/// A paragraph ready to set: its fragments' text joined, with bidi levels
/// and the line-break opportunities of UAX #14.
struct Paragraph<'a> {
    /// The fragments that hold text.
    frags: Vec<&'a Frag>,
    full: String,
    /// Where each fragment lies in `full`.
    bounds: Vec<Range<usize>>,
    /// `full` without its leading and trailing spaces, which never print.
    content: Range<usize>,
    /// Levels when the text holds right-to-left script: its words are
    /// shaped in their direction and each line is reordered for display.
    levels: Option<Levels>,
    /// The family of each character, when Latin words have a family of
    /// their own and the text holds some: parts are shaped in theirs.
    families: Option<Families>,
    /// Offsets inside `content` where UAX #14 allows a break.
    opportunities: Vec<usize>,
    opts: &'a SetOptions,
}

impl<'a> Paragraph<'a> {
    /// `None` when nothing but spaces would print.
    fn new(frags: &'a [Frag], opts: &'a SetOptions, shaper: &Shaper) -> Option<Self> {
        let frags: Vec<&Frag> = frags.iter().filter(|f| !f.text.is_empty()).collect();
        if frags.is_empty() {
            return None;
        }
        let mut full = String::new();
        let mut bounds = Vec::with_capacity(frags.len());
        for f in &frags {
            let start = full.len();
            full.push_str(&f.text);
            bounds.push(start..full.len());
        }
        let content_start = full.find(|c| !is_space(c)).unwrap_or(full.len());
        let content_end = full
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_space(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        if content_start >= content_end {
            return None;
        }
        let levels = Levels::in_document(&full, shaper.rtl_document());
        let families = families_of(&full, shaper);
        // A URL never breaks, not even at its own hyphens and slashes.
        let urls = super::hyphenate::url_spans(&full);
        let opportunities = unicode_linebreak::linebreaks(&full)
            .map(|(i, _)| i)
            .filter(|&i| i > content_start && i < content_end)
            .filter(|&i| !urls.iter().any(|u| u.start < i && i < u.end))
            .collect();
        Some(Paragraph {
            frags,
            full,
            bounds,
            content: content_start..content_end,
            levels,
            families,
            opportunities,
            opts,
        })
    }

    fn level_at(&self, pos: usize) -> u8 {
        self.levels.as_ref().map_or(0, |l| l.at(pos))
    }

    fn family_at(&self, pos: usize) -> Family {
        self.families
            .as_ref()
            .map_or(Family::Document, |f| f.at(pos))
    }

    /// The fragment that holds byte `pos` of the text.
    fn frag_of(&self, pos: usize) -> usize {
        self.bounds
            .partition_point(|r| r.end <= pos)
            .min(self.bounds.len() - 1)
    }

    fn measure(&self, line: usize) -> f32 {
        if line == 0 {
            self.opts.first_measure
        } else {
            self.opts.measure
        }
    }

    /// Break into lines: the optimal passes in turn, and first-fit breaking
    /// when only a glyph wider than the measure defeats them all.
    fn set(&self, shaper: &mut Shaper) -> Vec<Line> {
        let measure = |line: usize| self.measure(line);
        let normal = Cuts {
            hyphenate: true,
            emergency: false,
        };
        let mut list = self.items(shaper, normal);
        for pass in PASSES {
            let tolerance = match pass {
                Pass::Optimal { tolerance } => tolerance,
                Pass::Emergency => {
                    let emergency = Cuts {
                        hyphenate: true,
                        emergency: true,
                    };
                    list = self.items(shaper, emergency);
                    f32::INFINITY
                }
            };
            let params = Params {
                tolerance,
                ..Params::default()
            };
            if let Some(breaks) = linebreak::break_lines(&list.items, &measure, &params) {
                return self.assemble(shaper, &list, &breaks);
            }
        }
        let last_resort = Cuts {
            hyphenate: false,
            emergency: true,
        };
        let list = self.items(shaper, last_resort);
        let breaks = greedy(&list.items, &measure);
        self.assemble(shaper, &list, &breaks)
    }

    fn assemble(&self, shaper: &mut Shaper, list: &ItemList, breaks: &[Break]) -> Vec<Line> {
        assemble(
            shaper,
            (&self.full, self.levels.is_some()),
            &self.frags,
            &list.items,
            &list.pieces,
            breaks,
            self.opts,
        )
    }

    /// The breaker's items for the whole paragraph: glue for each run of
    /// spaces, boxes and penalties for each word, and the closing glue.
    fn items(&self, shaper: &mut Shaper, cuts: Cuts) -> ItemList {
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
                self.push_space(shaper, &mut list, pos..pos + len);
                pos += len;
            } else {
                let len = rest.find(is_space).unwrap_or(rest.len());
                self.push_word(shaper, &mut list, pos..pos + len, cuts);
                pos += len;
            }
        }
        end_line(&mut list);
        list
    }

    /// A run of spaces, in the face and size of its first fragment; struck
    /// or underlined only when its two ends are.
    fn push_space(&self, shaper: &mut Shaper, list: &mut ItemList, span: Range<usize>) {
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
    fn push_word(&self, shaper: &mut Shaper, list: &mut ItemList, word: Range<usize>, cuts: Cuts) {
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
            self.push_part(shaper, list, p..part_end, cuts);
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
    fn push_part(&self, shaper: &mut Shaper, list: &mut ItemList, part: Range<usize>, cuts: Cuts) {
        let p = part.start;
        let fi = self.frag_of(p);
        let f = self.frags[fi];
        let level = self.level_at(p);
        let family = self.family_at(p);
        let text = &self.full[part.clone()];
        let shaped = shaper.shape_in(family, f.face, text, level % 2 == 1);
        let part_cuts = self.part_cuts(shaper, (text, &shaped), part, cuts);
        let end = (text.len(), Item::Box { width: 0.0 }, Piece::Nothing);
        let mut s = 0;
        for (o, item, piece) in part_cuts.into_iter().chain(std::iter::once(end)) {
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
            out.push((o - p, item, Piece::Nothing));
        }
        if cuts.hyphenate {
            if let Some(lang) = self.opts.hyphenate {
                hyphen_cuts(shaper, (text, shaped), (f, fi), lang, self.opts, &mut out);
            }
        }
        if cuts.emergency {
            emergency_cuts(shaped, &mut out);
        }
        out.sort_by_key(|c| c.0);
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
            cuts.push((o, item, piece));
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
        if shaped.is_boundary(o) && !cuts.iter().any(|c| c.0 == o) {
            let item = Item::Penalty {
                width: hyphen,
                cost: opts.hyphen_penalty,
                flagged: true,
            };
            cuts.push((o, item, Piece::Hyphen { frag: fi }));
        }
    }
}

/// Every cluster boundary as a costly cut: the last resort for a word
/// wider than the measure.
fn emergency_cuts(shaped: &Shaped, cuts: &mut Vec<Cut>) {
    for g in &shaped.glyphs {
        if g.cluster > 0 && !cuts.iter().any(|c| c.0 == g.cluster) {
            let item = Item::Penalty {
                width: 0.0,
                cost: 5000.0,
                flagged: false,
            };
            cuts.push((g.cluster, item, Piece::Nothing));
        }
    }
}

/// Between two parts of one word (two fragments, or two bidi runs): a
/// stretchable gap when either side is full-width, else a break penalty
/// where UAX #14 allows a break. `sides`: the characters either side.
fn join_parts(
    items: &mut Vec<Item>,
    pieces: &mut Vec<Piece>,
    sides: (Option<char>, Option<char>),
    breakable: bool,
    (f, fi, next): (&Frag, usize, &Frag),
) {
    if sides.0.is_some_and(is_full_width) || sides.1.is_some_and(is_full_width) {
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

/// First-fit breaking at every legal break, for text no optimal set exists for.
fn greedy(items: &[Item], measure: &dyn Fn(usize) -> f32) -> Vec<Break> {
    let mut breaks = Vec::new();
    let mut width = 0.0;
    let mut last_legal: Option<usize> = None;
    let mut line = 0;
    let mut i = 0;
    while i < items.len() {
        match items[i] {
            Item::Box { width: w } => {
                if width + w > measure(line) && width > 0.0 {
                    if let Some(b) = last_legal.take() {
                        breaks.push(Break { at: b, ratio: 0.0 });
                        line += 1;
                        width = 0.0;
                        i = b + 1;
                        while i < items.len() && !matches!(items[i], Item::Box { .. }) {
                            if let Item::Penalty { cost, .. } = items[i] {
                                if cost <= -INFINITE_PENALTY {
                                    break;
                                }
                            }
                            i += 1;
                        }
                        continue;
                    }
                }
                width += w;
            }
            Item::Glue { width: w, .. } => {
                if i > 0 && matches!(items[i - 1], Item::Box { .. }) {
                    last_legal = Some(i);
                }
                width += w;
            }
            Item::Penalty { cost, .. } => {
                if cost <= -INFINITE_PENALTY {
                    // A manual line break, or the paragraph's end.
                    breaks.push(Break { at: i, ratio: 0.0 });
                    line += 1;
                    width = 0.0;
                    last_legal = None;
                }
                if cost < INFINITE_PENALTY {
                    last_legal = Some(i);
                }
            }
        }
        i += 1;
    }
    breaks
}

/// Turn the chosen breaks into positioned runs.
fn assemble(
    shaper: &mut Shaper,
    (full, bidi): (&str, bool),
    frags: &[&Frag],
    items: &[Item],
    pieces: &[Piece],
    breaks: &[Break],
    opts: &SetOptions,
) -> Vec<Line> {
    let mut lines = Vec::with_capacity(breaks.len());
    let mut start = 0;
    for (li, brk) in breaks.iter().enumerate() {
        // Skip what vanishes at the start of a line.
        while start < brk.at && !matches!(items[start], Item::Box { .. }) {
            start += 1;
        }
        let last = li + 1 == breaks.len();
        let measure = if li == 0 {
            opts.first_measure
        } else {
            opts.measure
        };
        let ratio = if last { brk.ratio.min(0.0) } else { brk.ratio };
        let justified = opts.justify && !last;
        let mut b = LineBuilder::new(measure);
        b.bidi = bidi;
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
        if let (Item::Penalty { width, .. }, Piece::Hyphen { frag }) =
            (&items[brk.at], &pieces[brk.at])
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
        lines.push(line);
        start = brk.at + 1;
    }
    lines
}

struct LineBuilder {
    x: f32,
    measure: f32,
    runs: Vec<TextRun>,
    decorations: Vec<Decoration>,
    footnotes: Vec<usize>,
    /// The line holds right-to-left text: each word and space is a run of
    /// its own, at its bidi level, and `finish` puts the runs in visual order.
    bidi: bool,
    /// Per run, its bidi level (with `bidi`).
    levels: Vec<u8>,
    /// Per decoration, the run it underlines or strikes (with `bidi`).
    deco_runs: Vec<usize>,
}

impl LineBuilder {
    fn new(measure: f32) -> Self {
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
            } else if let Some(d) =
                self.decorations.iter_mut().rev().find(|d| {
                    d.strike == strike && d.colour == f.colour && (d.x1 - x0).abs() < 0.01
                })
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
    fn push_word(
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
        level: (u8, Family),
    ) {
        let x0 = self.x;
        // The space is a real space glyph, so text extraction and screen
        // readers see word boundaries; its advance is the set width.
        if self.bidi {
            self.run_for(f, level);
        }
        // The glyph of the face of the run it joins.
        let (face, family) = self
            .runs
            .last()
            .map_or((f.face, level.1), |r| (r.face, r.family));
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

    fn finish(mut self) -> Line {
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
            label: Vec::new(),
            swatch: None,
            width: self.x,
            measure: self.measure,
            ratio: 0.0,
            justified: false,
            spaces: 0,
            natural_space: 0.0,
            set_space: 0.0,
            hyphenated: false,
            last: false,
            rtl,
            footnotes: self.footnotes,
        }
    }
}

/// The family of each character of `text`, when the shaper has a family
/// for Latin words (the built-in one, [`Fonts::latin_family`]) and `text`
/// holds some.
///
/// [`Fonts::latin_family`]: super::fonts::Fonts::latin_family
fn families_of(text: &str, shaper: &Shaper) -> Option<Families> {
    let base = if shaper.has_latin_family() {
        Families::of(
            text,
            shaper.latin_neutrals(),
            crate::house::fonts::builtin_latin_has,
        )
    } else {
        None
    };
    // A character its family's face lacks goes to a face found on the
    // system that has it (`fallback`); one that no face has, to the face
    // that sets the replacement character in its place.
    Families::with_fallbacks(
        text,
        base,
        |family, c| {
            if shaper.family_has(family, c) || c.is_control() {
                return None;
            }
            let i = super::fallback::face_or_replacement(c)?;
            Some(Family::Fallback(u16::try_from(i).ok()?))
        },
        super::fallback::joins_previous,
    )
}

/// Set a label (paragraph number, footnote mark) on one line, unbroken.
pub fn set_label(shaper: &mut Shaper, frags: &[Frag]) -> Vec<TextRun> {
    set_label_within(shaper, frags, false)
}

/// Set a label on one line, unbroken, as part of a right-to-left
/// paragraph when `rtl` (Arabic `1 -` reads from the right: the number,
/// then the hyphen).
pub fn set_label_within(shaper: &mut Shaper, frags: &[Frag], rtl: bool) -> Vec<TextRun> {
    let full: String = frags.iter().map(|f| f.text.as_str()).collect();
    let levels = Levels::within(&full, rtl);
    let families = families_of(&full, shaper);
    let mut b = LineBuilder::new(f32::INFINITY);
    b.bidi = levels.is_some();
    let mut at = 0;
    for f in frags {
        let mut p = 0;
        while p < f.text.len() {
            // Runs of one bidi level and one family, each shaped in its
            // direction and its family.
            let (mut end, level) = match &levels {
                Some(l) => (l.run_end(at + p, at + f.text.len()) - at, l.at(at + p)),
                None => (f.text.len(), 0),
            };
            let family = match &families {
                Some(fs) => {
                    end = fs.run_end(at + p, at + end) - at;
                    fs.at(at + p)
                }
                None => Family::Document,
            };
            let text = &f.text[p..end];
            let shaped = shaper.shape_in(family, f.face, text, level % 2 == 1);
            b.push_word(shaper, f, &shaped, (0, text.len(), text), (level, family));
            p = end;
        }
        at += f.text.len();
    }
    b.finish().runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::fonts::Fonts;

    #[test]
    fn justified_lines_fill_the_measure_and_never_exceed_it() {
        let fonts = Fonts::builtin();
        let mut shaper = Shaper::new(&fonts, "en").unwrap();
        let text = "The meeting was held in a so-called hybrid/Chair format in view of the COVID-19 pandemic. Due to this format, with all delegates connected remotely via an interpretation platform and limited meeting times, it was not possible to follow established practice of fully negotiating the draft recommendations line-by-line during the Working Group.";
        let frags = vec![Frag::plain(text, FaceKind::Regular, 10.0)];
        let opts = SetOptions {
            first_measure: 200.0,
            measure: 200.0,
            justify: true,
            hyphenate: Some(hypher::Lang::English),
            stretch: 0.5,
            shrink: 0.4,
            hyphen_penalty: 100.0,
        };
        let lines = set(&mut shaper, &frags, &opts);
        assert!(lines.len() > 5);
        for l in &lines {
            assert!(l.width <= l.measure + 0.01, "{} > {}", l.width, l.measure);
            if !l.last {
                assert!((l.width - l.measure).abs() < 0.05, "{}", l.width);
            }
        }
        let joined: String = lines
            .iter()
            .map(|l| {
                let t: String = l.runs.iter().map(|r| r.text.as_str()).collect();
                if l.hyphenated {
                    t.trim_end_matches('\u{ad}').to_string()
                } else if t.ends_with('-') || t.ends_with('/') {
                    t
                } else {
                    t + " "
                }
            })
            .collect();
        assert_eq!(joined.trim_end(), text);
    }
}
