//! Page 1's masthead (un-layout.md, "First page"): "United Nations" and the
//! symbol over a rule, the organ beside the Distr./date/Original column,
//! the session, venue and agenda item, then the title and subtitle.

use super::fonts::FaceKind;
use super::inline::{self, Frag, SetOptions};
use super::result::{push_block, BlockInfo, BlockKind, PlacedLine, Rule};
use super::shape::Shaper;
use crate::model::Document;
use crate::style::{masthead_right_column, HouseStyle, Labels};

pub struct Masthead {
    pub lines: Vec<PlacedLine>,
    pub rules: Vec<Rule>,
    /// Where the body may begin.
    pub bottom: f32,
    /// The text of the agenda `*` footnote, if the agenda is provisional.
    pub agenda_footnote: Option<String>,
    /// The block of the agenda item line, which the `*` footnote belongs to.
    pub agenda_block: Option<usize>,
}

/// Baseline of a line whose box of `leading` starts at `top`.
pub fn baseline(top: f32, size: f32, leading: f32) -> f32 {
    top + leading - (leading - size) / 2.0 - 0.22 * size
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
        let lines = inline::set(
            self.shaper,
            frags,
            &SetOptions {
                first_measure: width,
                measure: width,
                justify: false,
                hyphenate: None,
                stretch: 0.0,
                shrink: 0.0,
                hyphen_penalty: 0.0,
            },
        );
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

pub fn build(
    doc: &Document,
    style: &HouseStyle,
    labels: &Labels,
    shaper: &mut Shaper,
    blocks: &mut Vec<BlockInfo>,
) -> Result<Masthead, String> {
    let meta = &doc.meta;
    let m = &style.masthead;
    let g = style.page(meta.paper);
    let left = g.margin_inner;
    let width = g.width - g.margin_inner - g.margin_outer;
    let mut rules = Vec::new();
    let mut p = Placer {
        shaper,
        blocks,
        lines: Vec::new(),
    };

    // Top line: "United Nations" left, the symbol right, large first component.
    let top = g.header_distance;
    let top_base = top + m.symbol_first_size;
    let un = vec![Frag::plain(
        labels.united_nations.clone(),
        FaceKind::Regular,
        m.united_nations_size,
    )];
    let block = push_block(
        p.blocks,
        BlockKind::Masthead,
        None,
        labels.united_nations.clone(),
    );
    p.blocks[block].lines = 1;
    let line = inline::set_label(p.shaper, &un);
    p.lines.push(PlacedLine {
        x: left,
        y: top_base,
        line: label_line(line),
        block,
        index: 0,
        cell: 0,
    });
    let (first, rest) = match meta.symbol.find('/') {
        Some(i) => meta.symbol.split_at(i),
        None => (meta.symbol.as_str(), ""),
    };
    let symbol = vec![
        Frag::plain(first, FaceKind::Regular, m.symbol_first_size),
        Frag::plain(rest, FaceKind::Regular, m.symbol_rest_size),
    ];
    let runs = inline::set_label(p.shaper, &symbol);
    let sw: f32 = runs.iter().map(|r| r.width).sum();
    let block = push_block(p.blocks, BlockKind::Masthead, None, meta.symbol.clone());
    p.blocks[block].lines = 1;
    p.lines.push(PlacedLine {
        x: left + width - sw,
        y: top_base,
        line: label_line(runs),
        block,
        index: 0,
        cell: 0,
    });
    let rule_y = top_base + 6.0;
    rules.push(Rule {
        x0: left,
        x1: left + width,
        y: rule_y,
        thickness: m.rule_width,
    });

    // Organ (left, bold, large) beside the Distr./date/Original column.
    let col_top = rule_y + 8.0;
    let mut organ_bottom = col_top;
    if let Some(organ) = &meta.organ {
        let frags = vec![Frag::plain(organ.clone(), FaceKind::Bold, m.organ_size)];
        organ_bottom = p.column(
            BlockKind::Masthead,
            &frags,
            (left, m.right_column - 24.0),
            col_top,
            m.organ_size,
            m.organ_size * 1.15,
        );
    }
    let info_leading = style.body.leading;
    let mut right_y = col_top + 2.0;
    let right: Vec<String> = masthead_right_column(meta);
    for l in &right {
        if l.is_empty() {
            right_y += info_leading;
            continue;
        }
        let frags = vec![Frag::plain(l.clone(), FaceKind::Regular, m.info_size)];
        right_y = p.column(
            BlockKind::Masthead,
            &frags,
            (left + m.right_column, width - m.right_column),
            right_y,
            m.info_size,
            info_leading,
        );
    }
    let block_bottom = organ_bottom.max(right_y) + 4.0;
    rules.push(Rule {
        x0: left,
        x1: left + width,
        y: block_bottom,
        thickness: style.pdf.organ_rule_width,
    });

    // Session, venue, agenda item and its title: a narrow column, left.
    let mut y = block_bottom + 10.0;
    let col = (width * 0.55).min(m.right_column);
    // Each line of this column: set at the info size, below the last.
    let info = |p: &mut Placer, f: &[Frag], y: f32| {
        p.column(
            BlockKind::Masthead,
            f,
            (left, col),
            y,
            m.info_size,
            info_leading,
        )
    };
    for line in [&meta.session, &meta.venue].into_iter().flatten() {
        let f = vec![Frag::plain(line.clone(), FaceKind::Bold, m.info_size)];
        y = info(&mut p, &f, y);
    }
    let mut agenda_footnote = None;
    let mut agenda_block = None;
    if let Some(agenda) = &meta.agenda {
        let note = agenda.footnote_text();
        let mut f = vec![Frag::plain(
            labels.agenda_item(&agenda.item, &agenda.of),
            FaceKind::Regular,
            m.info_size,
        )];
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
        y = info(&mut p, &f, y);
        agenda_block = Some(p.blocks.len() - 1);
        if let Some(title) = &agenda.title {
            let f = vec![Frag::plain(title.clone(), FaceKind::Bold, m.info_size)];
            y = info(&mut p, &f, y);
        }
        agenda_footnote = note;
    }

    // Title and subtitle, at the body's indent.
    let indent = style.body.indent;
    if let Some(title) = &meta.title {
        y += m.title_space_before;
        let f = vec![Frag::plain(title.clone(), FaceKind::Bold, m.title_size)];
        y = p.column(
            BlockKind::Title,
            &f,
            (left + indent, width - indent - style.body.hanging),
            y,
            m.title_size,
            m.title_size * 1.15,
        );
    }
    if let Some(subtitle) = &meta.subtitle {
        y += 8.0;
        let f = vec![Frag::plain(
            subtitle.clone(),
            FaceKind::Bold,
            m.subtitle_size,
        )];
        y = p.column(
            BlockKind::Subtitle,
            &f,
            (left + indent, width - indent),
            y,
            m.subtitle_size,
            info_leading,
        );
    }
    Ok(Masthead {
        lines: p.lines,
        rules,
        bottom: y + 6.0,
        agenda_footnote,
        agenda_block,
    })
}

/// A line holding runs set unbroken.
pub fn label_line(runs: Vec<super::inline::TextRun>) -> super::inline::Line {
    let width = runs.iter().map(|r| r.x + r.width).fold(0.0, f32::max);
    super::inline::Line {
        runs,
        decorations: Vec::new(),
        label: Vec::new(),
        width,
        measure: width,
        ratio: 0.0,
        justified: false,
        spaces: 0,
        natural_space: 0.0,
        set_space: 0.0,
        hyphenated: false,
        last: true,
        footnotes: Vec::new(),
    }
}

/// The Code 39 bars of a job number's digits between asterisks
/// (`V.20-05590` → `*2005590*`), as (x offset, width) pairs for a narrow
/// bar of `narrow` points; wide elements are 2.5 times as wide. Returns the
/// bars and the total width, or nothing when the job has no digits.
pub fn code39(job: &str, narrow: f32) -> Option<(Vec<(f32, f32)>, f32)> {
    // Bar, space, bar, … for each character: 1 marks a wide element.
    fn pattern(c: char) -> Option<[u8; 9]> {
        Some(match c {
            '0' => [0, 0, 0, 1, 1, 0, 1, 0, 0],
            '1' => [1, 0, 0, 1, 0, 0, 0, 0, 1],
            '2' => [0, 0, 1, 1, 0, 0, 0, 0, 1],
            '3' => [1, 0, 1, 1, 0, 0, 0, 0, 0],
            '4' => [0, 0, 0, 1, 1, 0, 0, 0, 1],
            '5' => [1, 0, 0, 1, 1, 0, 0, 0, 0],
            '6' => [0, 0, 1, 1, 1, 0, 0, 0, 0],
            '7' => [0, 0, 0, 1, 0, 0, 1, 0, 1],
            '8' => [1, 0, 0, 1, 0, 0, 1, 0, 0],
            '9' => [0, 0, 1, 1, 0, 0, 1, 0, 0],
            '*' => [0, 1, 0, 0, 1, 0, 1, 0, 0],
            _ => return None,
        })
    }
    let digits: String = job.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    let wide = narrow * 2.5;
    let mut bars = Vec::new();
    let mut x = 0.0;
    for c in std::iter::once('*')
        .chain(digits.chars())
        .chain(std::iter::once('*'))
    {
        let p = pattern(c)?;
        for (i, w) in p.iter().enumerate() {
            let width = if *w == 1 { wide } else { narrow };
            if i % 2 == 0 {
                bars.push((x, width));
            }
            x += width;
        }
        x += narrow; // the gap between characters
    }
    Some((bars, x - narrow))
}

#[cfg(test)]
mod tests {
    use super::code39;

    #[test]
    fn code39_of_a_job_number() {
        let (bars, width) = code39("V.20-05590", 1.0).unwrap();
        // *2005590*: nine characters of five bars each.
        assert_eq!(bars.len(), 45);
        // Each character is 6 narrow and 3 wide elements; one narrow gap between.
        assert!((width - (9.0 * 13.5 + 8.0)).abs() < 1e-3, "{width}");
        // The start character: narrow bar, wide space, narrow bar, narrow
        // space, wide bar, narrow space, wide bar, narrow space, narrow bar.
        let start: Vec<f32> = bars[..5].iter().map(|b| b.1).collect();
        assert_eq!(start, vec![1.0, 1.0, 2.5, 2.5, 1.0]);
        assert!((bars[1].0 - 3.5).abs() < 1e-3);
        assert!(code39("no digits", 1.0).is_none());
    }
}
