//! From styled text fragments to justified lines, by stage as typst's
//! `inline/` is split:
//!
//! - `prepare` joins a paragraph's fragments and works out what every
//!   position needs (bidi level, font family, break opportunities);
//! - `items` turns it into the breaker's boxes, glue and penalties:
//!   whitespace becomes glue, words become shaped boxes, Unicode
//!   line-break opportunities and hyphenation points become penalties;
//! - [`super::linebreak`] chooses the breaks (optimal fit, first fit as
//!   the last resort);
//! - `line` turns the chosen lines into positioned glyph runs with their
//!   underlines and strike-throughs.
//!
//! This module holds the two ways in: [`set`] for a paragraph, broken into
//! lines, and [`set_label`] for a label on one line.

mod frag;
mod items;
mod line;
mod prepare;

pub use frag::{Deco, Frag, Rgb, SetOptions};
pub use line::{Decoration, Line, PlacedGlyph, Swatch, TextRun};

use super::bidi::Levels;
use super::fonts::Family;
use super::linebreak::{self, Params};
use super::shape::Shaper;
use items::Cuts;
use line::{lines_at_breaks, LineBuilder};
use prepare::{families_of, Paragraph};

/// Set `frags` as lines. Never returns a line wider than its measure unless
/// a single glyph is wider than the measure.
pub fn set(shaper: &mut Shaper, frags: &[Frag], opts: &SetOptions) -> Vec<Line> {
    match Paragraph::new(frags, opts, shaper) {
        Some(paragraph) => break_paragraph(&paragraph, shaper),
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

/// Break a paragraph into lines: the optimal passes in turn, and
/// first-fit breaking when only a glyph wider than the measure defeats
/// them all.
fn break_paragraph(para: &Paragraph, shaper: &mut Shaper) -> Vec<Line> {
    let measure = |line: usize| para.measure(line);
    let normal = Cuts {
        hyphenate: true,
        emergency: false,
    };
    let mut list = para.items(shaper, normal);
    for pass in PASSES {
        let tolerance = match pass {
            Pass::Optimal { tolerance } => tolerance,
            Pass::Emergency => {
                let emergency = Cuts {
                    hyphenate: true,
                    emergency: true,
                };
                list = para.items(shaper, emergency);
                f32::INFINITY
            }
        };
        let params = Params {
            tolerance,
            ..Params::default()
        };
        if let Some(breaks) = linebreak::break_lines(&list.items, &measure, &params) {
            return lines_at_breaks(shaper, para, &list, &breaks);
        }
    }
    let last_resort = Cuts {
        hyphenate: false,
        emergency: true,
    };
    let list = para.items(shaper, last_resort);
    let breaks = linebreak::first_fit(&list.items, &measure);
    lines_at_breaks(shaper, para, &list, &breaks)
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
    use crate::layout::fonts::{FaceKind, Fonts};
    use crate::layout::geom::fits_within;

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
            assert!(
                fits_within(l.width, l.measure),
                "{} > {}",
                l.width,
                l.measure
            );
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
