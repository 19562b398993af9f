//! Setting a block: the composer's flow becomes slabs, the units the pager
//! never splits across pages (a line of a paragraph, or a whole table
//! row). A stage of its own because what it makes depends only on the
//! block, never on the page it lands on: the pager can look ahead at a
//! block's slabs (its keep chain) before deciding where any of them goes.

use super::context::Context;
use crate::layout::compose::{Flow, SWATCH_SIDE};
use crate::layout::inline::{self, Frag, Line, SetOptions, Swatch};
use crate::layout::masthead::{baseline, label_line};
use crate::layout::result::Rule;
use crate::layout::shape::Shaper;

/// A unit that is never split across pages: a line, or a table row.
#[derive(Debug, Clone)]
pub(super) struct Slab {
    pub(super) height: f32,
    pub(super) lines: Vec<SlabLine>,
    /// x from the left margin, y from the slab's top.
    pub(super) rules: Vec<Rule>,
    pub(super) footnotes: Vec<usize>,
    /// The table column of each line (empty outside tables).
    pub(super) cells: Vec<usize>,
}

/// A line of a slab, where it stands in the slab.
#[derive(Debug, Clone)]
pub(super) struct SlabLine {
    /// From the left margin.
    pub(super) x: f32,
    /// From the slab's top.
    pub(super) baseline: f32,
    pub(super) line: Line,
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
            lines.push(SlabLine {
                x: cell.x + shift,
                baseline: pad + base + i as f32 * leading,
                line: l,
            });
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

/// Set a block's flow as slabs: a table row as one, a paragraph as one per
/// line, its label hung (or set inline) on the first.
pub(super) fn set_flow(
    shaper: &mut Shaper,
    ctx: &Context,
    flow: &Flow,
    text_width: f32,
) -> Vec<Slab> {
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
            lines: vec![SlabLine {
                x: flow.left + if i == 0 { first_indent } else { 0.0 },
                baseline: base,
                line: l,
            }],
            rules: Vec::new(),
            cells: Vec::new(),
        })
        .collect()
}
