//! The mirrored page of a right-to-left document (Arabic): everything laid
//! out for a left-to-right page is reflected about the page's centre line,
//! so that indents, hanging numbers and labels, masthead columns, the
//! footnote separator and the running heads change sides. A line's content
//! is not reflected (its runs are already in visual order): it goes flush
//! right in its reflected box, as every paragraph of an Arabic document is
//! set right to left, except a masthead line of Latin text only (the
//! English Distr. column), which goes flush left.

use super::result::{Page, PlacedLine, Rule};
use crate::model::Language;

/// Whether documents in `language` are set right to left on mirrored pages.
pub fn is_rtl(language: Language) -> bool {
    matches!(language, Language::Ar)
}

/// Reflect a page laid out left to right, `width` points wide;
/// `masthead` tells the blocks of the masthead.
pub fn mirror(page: &mut Page, width: f32, masthead: &dyn Fn(usize) -> bool) {
    for line in page.lines.iter_mut().chain(page.running.iter_mut()) {
        let rtl = line.line.rtl || !masthead(line.block);
        mirror_line(line, width, rtl);
    }
    for rule in page
        .rules
        .iter_mut()
        .chain(page.running_rules.iter_mut())
        .chain(page.barcode.iter_mut())
    {
        mirror_rule(rule, width);
    }
    if let Some(frame) = &mut page.emblem {
        frame.x = width - frame.x - frame.width;
    }
}

fn mirror_line(placed: &mut PlacedLine, width: f32, rtl: bool) {
    let line = &placed.line;
    // The box the line was set in: its measure, or its width for a line
    // set unbroken (labels, running heads).
    let measure = if line.measure.is_finite() && line.measure > 0.0 {
        line.measure
    } else {
        line.width
    };
    let old_x = placed.x;
    let box_x = width - old_x - measure;
    placed.x = if rtl {
        box_x + (measure - line.width).max(0.0)
    } else {
        box_x
    };
    // A hanging label (paragraph number) goes to the other side too, as a
    // whole: its runs are already in visual order (`1 -` set right to
    // left), so they keep their order and move by the same amount.
    // Where a piece that ended at `end` of the old line starts on the
    // reflected one (both relative to their line).
    let new_x = placed.x;
    let reflected = |end: f32| width - (old_x + end) - new_x;
    let label = &mut placed.line.label;
    if let (Some(start), Some(end)) = (
        label.iter().map(|r| r.x).reduce(f32::min),
        label.iter().map(|r| r.x + r.width).reduce(f32::max),
    ) {
        let shift = reflected(end) - start;
        for run in label.iter_mut() {
            run.x += shift;
        }
    }
    // A legend's swatch hangs where a label does.
    if let Some(swatch) = &mut placed.line.swatch {
        swatch.x = reflected(swatch.x + swatch.side);
    }
}

fn mirror_rule(rule: &mut Rule, width: f32) {
    let (x0, x1) = (width - rule.x1, width - rule.x0);
    rule.x0 = x0;
    rule.x1 = x1;
}
