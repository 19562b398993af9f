//! Footnotes at the foot of the page: each set once as lines, then placed
//! in parts, so that a footnote too long for the page that references it
//! runs on at the foot of the next. A stage of its own because the pager
//! asks of every slab what its footnotes would add to the page, and the
//! answer depends on what the page already holds.

use crate::house::style::HouseStyle;
use crate::layout::inline::Line;
use crate::layout::masthead::baseline;
use crate::layout::result::{Page, PlacedLine, Rule};

/// A footnote set as lines.
#[derive(Debug, Clone)]
pub(super) struct FootnoteLines {
    pub(super) block: usize,
    pub(super) lines: Vec<FootnoteLine>,
    pub(super) size: f32,
    pub(super) leading: f32,
    pub(super) gap: f32,
}

/// A line of a footnote: its lines stack at the footnote's leading.
#[derive(Debug, Clone)]
pub(super) struct FootnoteLine {
    /// From the left margin.
    pub(super) x: f32,
    pub(super) line: Line,
}

/// Which footnote a part of the foot of a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FootnoteRef {
    /// The `*` note on the agenda line, set on page 1 only.
    Agenda,
    /// The document's footnote of this index.
    Footnote(usize),
}

/// Part of a footnote on a page: its lines `from..to`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct FootnotePart {
    pub(super) note: FootnoteRef,
    pub(super) from: usize,
    pub(super) to: usize,
}

/// The footnotes set so far, and the room they take at a page's foot.
pub(super) struct Footnotes {
    /// Per footnote of the document, its lines once a block referencing
    /// it has been set.
    pub(super) notes: Vec<Option<FootnoteLines>>,
    pub(super) agenda: Option<FootnoteLines>,
    /// Between the body and the first footnote (the short rule's room).
    pub(super) space_above: f32,
}

impl Footnotes {
    pub(super) fn get(&self, n: FootnoteRef) -> Option<&FootnoteLines> {
        match n {
            FootnoteRef::Agenda => self.agenda.as_ref(),
            FootnoteRef::Footnote(i) => self.notes.get(i).and_then(|x| x.as_ref()),
        }
    }

    /// The height `parts` take at the foot of a page, the space above
    /// them included; nothing when there are none.
    pub(super) fn height(&self, parts: &[FootnotePart]) -> f32 {
        if parts.is_empty() {
            return 0.0;
        }
        let mut h = self.space_above;
        for p in parts {
            if let Some(n) = self.get(p.note) {
                h += (p.to - p.from) as f32 * n.leading + n.gap;
            }
        }
        h
    }

    /// The footnotes a slab referencing `footnotes` would add to a page
    /// holding `on_page` (those not yet on it), whole.
    pub(super) fn new_parts(
        &self,
        on_page: &[FootnotePart],
        footnotes: &[usize],
    ) -> Vec<FootnotePart> {
        let mut out = Vec::new();
        for &f in footnotes {
            let f = FootnoteRef::Footnote(f);
            if on_page.iter().any(|p| p.note == f) || out.iter().any(|p: &FootnotePart| p.note == f)
            {
                continue;
            }
            if let Some(n) = self.get(f) {
                out.push(FootnotePart {
                    note: f,
                    from: 0,
                    to: n.lines.len(),
                });
            }
        }
        out
    }
}

/// The page's footnotes, stacked up from the foot of the body area under
/// their short rule.
pub(super) fn place_footnotes(
    notes: &Footnotes,
    (parts, bottom): (&[FootnotePart], f32),
    style: &HouseStyle,
    left_margin: f32,
    page: &mut Page,
) {
    if parts.is_empty() {
        return;
    }
    let mut y = bottom - notes.height(parts);
    let fs = &style.footnote;
    // The rule starts at the text's edge, the marks hanging before it.
    page.rules.push(Rule {
        x0: left_margin + fs.indent,
        x1: left_margin + fs.indent + fs.separator_width,
        y: y + fs.space_above / 2.0,
        thickness: style.pdf.footnote_rule_width,
    });
    y += notes.space_above;
    for part in parts {
        let Some(note) = notes.get(part.note) else {
            continue;
        };
        if let FootnoteRef::Footnote(f) = part.note {
            page.footnotes.push(f);
        }
        for k in part.from..part.to {
            let FootnoteLine { x, line } = &note.lines[k];
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
