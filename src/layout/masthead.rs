//! Page 1's masthead (un-layout.md, "First page"): "United Nations" and the
//! symbol over a rule, the organ beside the Distr./date/Original column,
//! the session, venue and agenda item, then the title and subtitle.

use super::fonts::FaceKind;
use super::inline::{self, Frag, SetOptions};
use super::result::{push_block, BlockInfo, BlockKind, Frame, PlacedLine, Rule};
use super::shape::Shaper;
use crate::house::style::{masthead_right_column, HouseStyle, Labels};
use crate::model::Document;

pub struct Masthead {
    pub lines: Vec<PlacedLine>,
    pub rules: Vec<Rule>,
    /// Where the body may begin.
    pub bottom: f32,
    /// The text of the agenda `*` footnote, if the agenda is provisional.
    pub agenda_footnote: Option<String>,
    /// The block of the agenda item line, which the `*` footnote belongs to.
    pub agenda_block: Option<usize>,
    /// The emblem's room at the top left of the band.
    pub emblem: Option<Frame>,
}

/// Baseline of a line whose box of `leading` starts at `top`.
pub fn baseline(top: f32, size: f32, leading: f32) -> f32 {
    top + leading - (leading - size) / 2.0 - 0.22 * size
}

/// Options that set a column ragged right, unhyphenated.
fn ragged(width: f32) -> SetOptions {
    SetOptions {
        first_measure: width,
        measure: width,
        justify: false,
        hyphenate: None,
        stretch: 0.0,
        shrink: 0.0,
        hyphen_penalty: 0.0,
    }
}

struct Placer<'a, 'b> {
    shaper: &'a mut Shaper<'b>,
    blocks: &'a mut Vec<BlockInfo>,
    lines: Vec<PlacedLine>,
}

impl Placer<'_, '_> {
    /// Set `frags` ragged right in a column and place it from `top`;
    /// returns the bottom of the last line.
    fn column(
        &mut self,
        kind: BlockKind,
        frags: &[Frag],
        (x, width): (f32, f32),
        top: f32,
        size: f32,
        leading: f32,
    ) -> f32 {
        let lines = inline::set(self.shaper, frags, &ragged(width));
        let title: String = frags.iter().map(|f| f.text.as_str()).collect();
        let block = push_block(self.blocks, kind, None, title);
        self.blocks[block].lines = lines.len();
        let mut y = top;
        for (index, line) in lines.into_iter().enumerate() {
            self.lines.push(PlacedLine {
                x,
                y: baseline(y, size, leading),
                line,
                block,
                index,
                cell: 0,
            });
            y += leading;
        }
        y
    }
}

/// Lays out page 1's masthead, top to bottom, numbering its blocks.
pub fn build(
    doc: &Document,
    style: &HouseStyle,
    labels: &Labels,
    shaper: &mut Shaper,
    blocks: &mut Vec<BlockInfo>,
) -> Masthead {
    let meta = &doc.meta;
    let g = style.page(meta.paper);
    let mut head = Head {
        p: Placer {
            shaper,
            blocks,
            lines: Vec::new(),
        },
        doc,
        style,
        labels,
        left: g.margin_inner,
        width: g.width - g.margin_inner - g.margin_outer,
        rules: Vec::new(),
        emblem: None,
    };
    let rule_y = head.top_line(g.header_distance);
    let block_bottom = head.organ_and_distribution(rule_y);
    let (y, agenda_footnote, agenda_block) = head.session_and_agenda(block_bottom);
    let y = head.titles(y);
    Masthead {
        lines: head.p.lines,
        rules: head.rules,
        bottom: y + style.masthead.space_after,
        agenda_footnote,
        agenda_block,
        emblem: head.emblem,
    }
}

/// The masthead being laid out: one method per band, each returning
/// where the next begins.
struct Head<'p, 'a, 'b> {
    p: Placer<'a, 'b>,
    doc: &'p Document,
    style: &'p HouseStyle,
    labels: &'p Labels,
    left: f32,
    width: f32,
    rules: Vec<Rule>,
    emblem: Option<Frame>,
}

impl Head<'_, '_, '_> {
    /// A line set unbroken at `x`, in a block of its own.
    fn single(&mut self, title: String, frags: &[Frag], x: impl Fn(f32) -> f32, y: f32) {
        let block = push_block(self.p.blocks, BlockKind::Masthead, None, title);
        self.p.blocks[block].lines = 1;
        let runs = inline::set_label(self.p.shaper, frags);
        let width: f32 = runs.iter().map(|r| r.width).sum();
        self.p.lines.push(PlacedLine {
            x: x(width),
            y,
            line: label_line(runs),
            block,
            index: 0,
            cell: 0,
        });
    }

    /// "United Nations" after the emblem's room, the symbol right (its
    /// first component large), over a rule; returns the rule's y.
    fn top_line(&mut self, top: f32) -> f32 {
        let m = &self.style.masthead;
        let meta = &self.doc.meta;
        let (left, width) = (self.left, self.width);
        let top_base = top + m.symbol_first_size;
        let un = self.labels.united_nations.clone();
        let frags = [Frag::plain(
            un.clone(),
            FaceKind::Regular,
            m.united_nations_size,
        )];
        let un_x = left + m.emblem_column;
        self.single(un, &frags, |_| un_x, top_base - m.united_nations_raise);
        let (first, rest) = match meta.symbol.find('/') {
            Some(i) => meta.symbol.split_at(i),
            None => (meta.symbol.as_str(), ""),
        };
        let symbol = [
            Frag::plain(first, FaceKind::Regular, m.symbol_first_size),
            Frag::plain(rest, FaceKind::Regular, m.symbol_rest_size),
        ];
        self.single(meta.symbol.clone(), &symbol, |w| left + width - w, top_base);
        let rule_y = top_base + m.top_rule_drop;
        self.rules.push(Rule {
            x0: left,
            x1: left + width,
            y: rule_y,
            thickness: m.rule_width,
        });
        rule_y
    }

    /// The organ (after the emblem's room, bold, large) beside the
    /// Distr./date/Original column, over the heavy rule, which closes the
    /// band at its fixed depth; returns the rule's y.
    fn organ_and_distribution(&mut self, rule_y: f32) -> f32 {
        let m = &self.style.masthead;
        let meta = &self.doc.meta;
        let (left, width) = (self.left, self.width);
        let col_top = rule_y + m.column_drop;
        let mut organ_bottom = col_top;
        if let Some(organ) = &meta.organ {
            let column = m.right_column - m.organ_gap - m.emblem_column;
            let size = m.organ_size_for(organ);
            let frags = vec![Frag::plain(organ.clone(), FaceKind::Bold, size)];
            organ_bottom = self.p.column(
                BlockKind::Masthead,
                &frags,
                (left + m.emblem_column, column),
                col_top,
                size,
                size * m.line_spacing,
            );
        }
        let info_leading = self.style.body.leading;
        let mut right_y = col_top + m.right_column_drop;
        for l in &masthead_right_column(meta) {
            if l.is_empty() {
                right_y += info_leading;
                continue;
            }
            let frags = vec![Frag::plain(l.clone(), FaceKind::Regular, m.info_size)];
            right_y = self.p.column(
                BlockKind::Masthead,
                &frags,
                (left + m.right_column, width - m.right_column),
                right_y,
                m.info_size,
                info_leading,
            );
        }
        let emblem_bottom = rule_y + m.emblem_drop + m.emblem_height;
        let block_bottom =
            (rule_y + m.band).max(organ_bottom.max(right_y).max(emblem_bottom) + m.rule_drop);
        self.rules.push(Rule {
            x0: left,
            x1: left + width,
            y: block_bottom,
            thickness: m.heavy_rule_width,
        });
        self.emblem = Some(Frame {
            x: left + m.emblem_x,
            y: rule_y + m.emblem_drop,
            width: m.emblem_width,
            height: m.emblem_height,
        });
        block_bottom
    }

    /// One line of the session/agenda column, below the last.
    fn info(&mut self, f: &[Frag], y: f32) -> f32 {
        let m = &self.style.masthead;
        let col = (self.width * m.info_width).min(m.right_column);
        self.p.column(
            BlockKind::Masthead,
            f,
            (self.left, col),
            y,
            m.info_size,
            self.style.body.leading,
        )
    }

    /// Session, venue, agenda item and its title: a narrow column, left.
    /// Returns where it ends, the agenda note's text and the agenda line's
    /// block.
    fn session_and_agenda(&mut self, block_bottom: f32) -> (f32, Option<String>, Option<usize>) {
        let style = self.style;
        let m = &style.masthead;
        let meta = &self.doc.meta;
        let labels = self.labels;
        let mut y = block_bottom + m.info_drop;
        for line in [&meta.session, &meta.venue].into_iter().flatten() {
            let f = vec![Frag::plain(line.clone(), FaceKind::Bold, m.info_size)];
            y = self.info(&f, y);
        }
        let mut agenda_footnote = None;
        let mut agenda_block = None;
        if let Some(agenda) = &meta.agenda {
            let line = labels.agenda_line(agenda);
            let note = line.note.clone();
            let mut f = vec![Frag::plain(line.before, FaceKind::Regular, m.info_size)];
            if note.is_some() {
                f.push(Frag {
                    rise: m.info_size * style.pdf.superscript_rise,
                    ..Frag::plain(
                        "*",
                        FaceKind::Regular,
                        m.info_size * style.pdf.superscript_scale,
                    )
                });
            }
            // Chinese puts the mark inside the line: 临时议程*项目2.
            f.push(Frag::plain(line.after, FaceKind::Regular, m.info_size));
            y = self.info(&f, y);
            agenda_block = Some(self.p.blocks.len() - 1);
            if let Some(title) = &agenda.title {
                let f = vec![Frag::plain(title.clone(), FaceKind::Bold, m.info_size)];
                y = self.info(&f, y);
            }
            agenda_footnote = note;
        }
        (y, agenda_footnote, agenda_block)
    }

    /// Title and subtitle, in the body's text block.
    fn titles(&mut self, mut y: f32) -> f32 {
        let style = self.style;
        let m = &style.masthead;
        let meta = &self.doc.meta;
        let (left, width) = (self.left, self.width);
        let indent = style.body.indent;
        let measure = width - indent - style.body.right_indent;
        if let Some(title) = &meta.title {
            y += m.title_space_before;
            let f = vec![Frag::plain(title.clone(), FaceKind::Bold, m.title_size)];
            y = self.p.column(
                BlockKind::Title,
                &f,
                (left + indent, measure),
                y,
                m.title_size,
                m.title_size * m.line_spacing,
            );
        }
        if let Some(subtitle) = &meta.subtitle {
            y += m.subtitle_space_before;
            let f = vec![Frag::plain(
                subtitle.clone(),
                FaceKind::Bold,
                m.subtitle_size,
            )];
            y = self.p.column(
                BlockKind::Subtitle,
                &f,
                (left + indent, measure),
                y,
                m.subtitle_size,
                m.subtitle_size * m.line_spacing,
            );
        }
        y
    }
}

/// A line holding runs set unbroken.
pub fn label_line(runs: Vec<super::inline::TextRun>) -> super::inline::Line {
    let width = runs.iter().map(|r| r.x + r.width).fold(0.0, f32::max);
    super::inline::Line {
        runs,
        width,
        measure: width,
        last: true,
        ..Default::default()
    }
}
