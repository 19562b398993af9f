//! From the document model to a flow of blocks to set: each block with its
//! styled fragments, hanging label, indents, spacing and keep rules, as the
//! UN house style (`templates/un.toml`) lays them out.

use super::fonts::FaceKind;
use super::inline::{Deco, Frag, Rgb};
use super::result::BlockKind;
use crate::house::style::HouseStyle;
use crate::model::*;
use crate::present::{self, Glue};

/// The side of a legend's colour swatch, as a share of the type size:
/// about the x-height, as the ■ it replaces was in Liberation Serif.
pub const SWATCH_SIDE: f32 = 0.5;

pub fn author_colour(author: AuthorId) -> Rgb {
    present::author_colour(author)
}

/// A table row: cells at their own x and width.
#[derive(Debug, Clone)]
pub struct Cell {
    pub x: f32,
    pub width: f32,
    pub frags: Vec<Frag>,
    pub align: Align,
}

/// One block of the flow, ready to be set.
#[derive(Debug, Clone)]
pub struct Flow {
    pub kind: BlockKind,
    pub frags: Vec<Frag>,
    pub label: Vec<Frag>,
    /// Where the label starts, from the left margin (or, with
    /// `label_right`, where it ends).
    pub label_x: f32,
    pub label_right: bool,
    /// A label followed by a tab (paragraph numbers, subparagraph
    /// labels): the first line's text starts at the first stop, every
    /// `tab` points from `label_x`, that clears the label; the turnovers
    /// start at `left`. `None`: the label hangs before `left`.
    pub tab: Option<f32>,
    /// Where the text starts, from the left margin.
    pub left: f32,
    /// Right indent from the right margin.
    pub right: f32,
    pub justify: bool,
    pub hyphenate: bool,
    pub size: f32,
    pub leading: f32,
    pub space_before: f32,
    pub space_after: f32,
    pub keep_with_next: bool,
    /// Outline level (1 chapter, 2 section, 3 subheading, 4 point).
    pub outline: Option<u8>,
    /// The plain text, for the outline and the heading's tag title.
    pub title: String,
    /// Non-empty for a table row.
    pub cells: Vec<Cell>,
    pub header_row: bool,
    /// Rules above and below a table row (the table's top and bottom).
    pub rule_above: bool,
    pub rule_below: bool,
    /// Consecutive list items share a list number, for tagging.
    pub list: Option<usize>,
    /// A legend entry's colour key, drawn where the label hangs.
    pub swatch: Option<Rgb>,
}

impl Flow {
    fn new(kind: BlockKind, size: f32, leading: f32) -> Flow {
        Flow {
            kind,
            frags: Vec::new(),
            label: Vec::new(),
            label_x: 0.0,
            label_right: false,
            tab: None,
            left: 0.0,
            right: 0.0,
            justify: true,
            hyphenate: true,
            size,
            leading,
            space_before: 0.0,
            space_after: 0.0,
            keep_with_next: false,
            outline: None,
            title: String::new(),
            cells: Vec::new(),
            header_row: false,
            rule_above: false,
            rule_below: false,
            list: None,
            swatch: None,
        }
    }
}

pub struct Composer<'a> {
    pub doc: &'a Document,
    pub style: &'a HouseStyle,
    pub colour: bool,
    /// The width between the margins.
    pub text_width: f32,
    pub flows: Vec<Flow>,
    next_list: usize,
}

impl<'a> Composer<'a> {
    pub fn new(doc: &'a Document, style: &'a HouseStyle, colour: bool, text_width: f32) -> Self {
        Composer {
            doc,
            style,
            colour,
            text_width,
            flows: Vec::new(),
            next_list: 0,
        }
    }

    fn change_colour(&self, rev: Rev) -> Option<Rgb> {
        if !self.colour {
            return None;
        }
        let id = rev.del.or(rev.ins)?;
        let change = self.doc.changes.get(id.0)?;
        Some(author_colour(change.author))
    }

    fn deco(rev: Rev) -> Deco {
        Deco {
            underline: rev.ins.is_some(),
            strike: rev.del.is_some(),
        }
    }

    /// Inline content as fragments, in a base face and size.
    pub fn inlines(&self, inlines: &[Inline], bold: bool, italic: bool, size: f32) -> Vec<Frag> {
        let mut out: Vec<Frag> = Vec::new();
        // A deletion touching undeleted text gets a space between the two,
        // as the plain-text writer separates `~~old~~ new`: print and text
        // then read the same words.
        let mut last_deleted: Option<bool> = None;
        let face0 = FaceKind::new(bold, italic);
        let language = self.doc.meta.language;
        // ` (US: …)`, its spaces as `present` says: none after a space,
        // one before a word that follows; Chinese `（美国：…）` none.
        let gap = |out: &[Frag]| {
            let before = out.iter().rev().find_map(|f| f.text.chars().next_back());
            if present::space_before_attribution(language, before) {
                " "
            } else {
                ""
            }
        };
        let mut after_aside = false;
        let separate = |out: &mut Vec<Frag>, last: &mut Option<bool>, deleted: bool, text: &str| {
            if let Some(prev) = *last {
                let before = out.iter().rev().find_map(|f| f.text.chars().next_back());
                if prev != deleted && present::separates(before, text.chars().next()) {
                    out.push(Frag::plain(" ", face0, size));
                }
            }
            *last = Some(deleted);
        };
        for inline in inlines {
            if let Inline::Text(Run { text, .. }) = inline {
                if std::mem::take(&mut after_aside)
                    && present::space_after_attribution(language, text.chars().next())
                {
                    out.push(Frag::plain(" ", face0, size));
                }
            }
            match inline {
                Inline::Text(run) => {
                    separate(
                        &mut out,
                        &mut last_deleted,
                        run.rev.del.is_some(),
                        &run.text,
                    );
                    let face = FaceKind::new(bold || run.style.bold, italic ^ run.style.italic);
                    out.push(Frag {
                        text: run.text.clone(),
                        face,
                        size,
                        rise: 0.0,
                        deco_size: size,
                        deco: Self::deco(run.rev),
                        colour: self.change_colour(run.rev),
                        footnote: None,
                    });
                }
                Inline::FootnoteRef { note, rev } => {
                    let Some(f) = self.doc.footnotes.get(note.0) else {
                        continue;
                    };
                    let mark = f.mark.to_string();
                    separate(&mut out, &mut last_deleted, rev.del.is_some(), &mark);
                    out.push(Frag {
                        text: f.mark.to_string(),
                        face: FaceKind::new(bold, italic),
                        size: size * self.style.pdf.superscript_scale,
                        rise: size * self.style.pdf.superscript_rise,
                        deco_size: size,
                        deco: Self::deco(*rev),
                        colour: self.change_colour(*rev),
                        footnote: Some(note.0),
                    });
                }
                Inline::GroupStart(_) | Inline::SpanStart(_) => {}
                Inline::GroupEnd(g) => {
                    if self.doc.groups.get(g.0).is_none() {
                        continue;
                    }
                    last_deleted = Some(false);
                    // Each State's words in its own colour (`--colour`).
                    let mut gap = gap(&out);
                    for (author, words) in
                        present::group_attribution_pieces(self.doc, *g, Glue::NoBreak)
                    {
                        out.push(Frag {
                            colour: self.colour.then(|| author_colour(author)),
                            ..Frag::plain(
                                format!("{gap}{words}"),
                                FaceKind::new(bold, italic),
                                size,
                            )
                        });
                        gap = "";
                    }
                    after_aside = true;
                }
                Inline::StandingNote(n) | Inline::SpanEnd(n) => {
                    let Some(note) = self.doc.notes.get(n.0) else {
                        continue;
                    };
                    let aside =
                        present::attribution(self.doc, note.author, Some(*n), Glue::NoBreak);
                    last_deleted = Some(false);
                    let gap = gap(&out);
                    out.push(Frag {
                        colour: self.colour.then(|| author_colour(note.author)),
                        ..Frag::plain(format!("{gap}{aside}"), FaceKind::new(bold, italic), size)
                    });
                    after_aside = true;
                }
            }
        }
        out
    }

    fn plain_text(inlines: &[Inline]) -> String {
        let mut s = String::new();
        for i in inlines {
            if let Inline::Text(r) = i {
                if r.rev.del.is_none() {
                    s.push_str(&r.text);
                }
            }
        }
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn body_flow(&self, kind: BlockKind) -> Flow {
        let b = &self.style.body;
        let mut f = Flow::new(kind, b.font_size, b.leading);
        f.left = b.indent;
        f.label_x = b.number_indent - b.hanging;
        f.right = b.right_indent;
        f.space_after = b.space_after;
        f
    }

    fn heading(&mut self, h: &Heading) {
        let hs = &self.style.heading;
        let (kind, size, before, after) = match h.level {
            1 => (
                BlockKind::Chapter,
                hs.chapter_size,
                hs.chapter_space_before,
                hs.chapter_space_after,
            ),
            2 => (
                BlockKind::Section,
                hs.section_size,
                hs.section_space_before,
                hs.section_space_after,
            ),
            _ => (
                BlockKind::Subheading,
                hs.sub_size,
                hs.sub_space_before,
                hs.sub_space_after,
            ),
        };
        let mut f = self.body_flow(kind);
        f.size = size;
        f.leading = (size * 1.2).max(self.style.body.leading);
        f.space_before = before;
        f.space_after = after;
        f.justify = false;
        f.hyphenate = false;
        f.keep_with_next = true;
        f.outline = Some(h.level.clamp(1, 3));
        f.frags = self.inlines(&h.content, true, false, size);
        if let Some(label) = present::heading_number(self.doc.meta.language, h) {
            f.title = format!("{label} {}", Self::plain_text(&h.content));
            if super::mirror::is_rtl(self.doc.meta.language) {
                // Arabic sets "أولا - مقدمة" as one line of text, its
                // number (a word) too wide to hang in the indent.
                f.frags
                    .insert(0, Frag::plain(label + " ", FaceKind::Bold, size));
            } else {
                f.label = vec![Frag::plain(label, FaceKind::Bold, size)];
            }
        } else {
            f.title = Self::plain_text(&h.content);
        }
        self.flows.push(f);
    }

    fn paragraph(&mut self, p: &Paragraph, quote: bool) {
        let b = &self.style.body;
        let mut f = self.body_flow(BlockKind::Paragraph);
        f.frags = self.inlines(&p.content, false, false, b.font_size);
        match &p.kind {
            ParagraphKind::Plain => {}
            ParagraphKind::Numbered(_) => {
                f.label_x = b.number_indent;
                f.tab = Some(b.hanging);
                let label = present::paragraph_label(self.doc.meta.language, &p.kind);
                f.label = vec![Frag::plain(
                    label.unwrap_or_default(),
                    FaceKind::Regular,
                    b.font_size,
                )];
            }
            ParagraphKind::Sub { level, label } => {
                f.kind = BlockKind::SubParagraph;
                f.label_x = if *level <= 1 {
                    b.sub_indent
                } else {
                    b.subsub_indent
                };
                f.tab = Some(b.sub_hanging);
                f.label = vec![Frag::plain(
                    present::sub_label(self.doc.meta.language, *level, label),
                    FaceKind::Regular,
                    b.font_size,
                )];
            }
            ParagraphKind::ListItem(n) => {
                f.kind = BlockKind::ListItem;
                f.label_x = b.sub_indent;
                f.tab = Some(b.sub_hanging);
                f.label = vec![Frag::plain(format!("{n}."), FaceKind::Regular, b.font_size)];
            }
            // A list item stands as a subparagraph of its level's degree
            // does: the label one tab further in per level, a tab, the
            // turnovers back at the text's edge.
            ParagraphKind::List(item) => {
                f.kind = match item.label {
                    ListLabel::Bullet(_) => BlockKind::Bullet,
                    ListLabel::Number {
                        style: NumberStyle::Decimal,
                        ..
                    } => BlockKind::ListItem,
                    ListLabel::Number { .. } => BlockKind::SubParagraph,
                };
                let step = b.subsub_indent - b.sub_indent;
                f.label_x = b.sub_indent + step * f32::from(item.level - 1);
                f.tab = Some(b.sub_hanging);
                f.label = vec![Frag::plain(
                    item.label_text(),
                    FaceKind::Regular,
                    b.font_size,
                )];
            }
        }
        if matches!(
            f.kind,
            BlockKind::SubParagraph | BlockKind::ListItem | BlockKind::Bullet
        ) {
            let continues = self
                .flows
                .last()
                .is_some_and(|prev| prev.kind == f.kind && prev.list.is_some());
            if !continues {
                self.next_list += 1;
            }
            f.list = Some(self.next_list);
        }
        if quote {
            f.kind = if f.kind == BlockKind::Paragraph {
                BlockKind::Quote
            } else {
                f.kind
            };
            let shift = b.quote_indent - b.indent;
            f.left += shift;
            f.label_x += shift;
            f.right += b.quote_indent - b.indent;
        }
        self.flows.push(f);
    }

    fn table(&mut self, t: &Table) {
        let b = &self.style.body;
        let left = b.indent;
        let width = self.text_width - left - b.right_indent;
        let cols = t.columns();
        let gap = 6.0;
        let col_w = width / cols as f32;
        let placed = t.placed();
        // Each row's cells at their grid columns; a cell spanning columns
        // is as wide as they are, one spanning rows is set in the row it
        // starts in (the rows below leave its columns empty), and a
        // cell's paragraphs each start a line.
        let row = |this: &Self, cells: &[(usize, &crate::model::Cell)], header: bool| -> Flow {
            let mut f = this.body_flow(BlockKind::TableRow);
            f.space_after = 0.0;
            f.header_row = header;
            f.justify = false;
            f.hyphenate = true;
            f.size = b.table_size;
            f.leading = b.table_leading;
            let blank = |i: usize| Cell {
                x: left + col_w * i as f32,
                width: (col_w - gap).max(1.0),
                frags: Vec::new(),
                align: t.align.get(i).copied().unwrap_or(Align::Default),
            };
            let mut at = 0;
            for &(i, cell) in cells {
                f.cells.extend((at..i).map(blank));
                let span = cell.colspan.max(1);
                let mut frags = Vec::new();
                for (k, p) in cell.paragraphs.iter().enumerate() {
                    if k > 0 {
                        frags.extend(this.inlines(
                            &[Inline::Text(Run {
                                text: LINE_BREAK.to_string(),
                                style: Style::default(),
                                rev: Rev::NONE,
                            })],
                            header,
                            false,
                            f.size,
                        ));
                    }
                    frags.extend(this.inlines(&p.content, header, false, f.size));
                }
                f.cells.push(Cell {
                    x: left + col_w * i as f32,
                    width: (col_w * span as f32 - gap).max(1.0),
                    frags,
                    align: t.align.get(i).copied().unwrap_or(Align::Default),
                });
                at = i + span;
            }
            f.cells.extend((at..cols).map(blank));
            f
        };
        if !t.header.is_empty() {
            let mut f = row(self, &placed[0], true);
            f.space_before = b.space_after;
            self.flows.push(f);
        }
        for (i, r) in placed.iter().skip(1).enumerate() {
            let mut f = row(self, r, false);
            if i == 0 && t.header.is_empty() {
                f.space_before = b.space_after;
            }
            self.flows.push(f);
        }
        let first = self.flows.len() - t.rows.len() - usize::from(!t.header.is_empty());
        if let Some(top) = self.flows.get_mut(first) {
            top.rule_above = true;
        }
        if let Some(last) = self.flows.last_mut() {
            last.space_after = b.space_after;
            last.rule_below = true;
        }
    }

    pub fn blocks(&mut self, blocks: &[Block], quote: bool) {
        for block in blocks {
            match block {
                Block::Heading(h) => self.heading(h),
                Block::Paragraph(p) => self.paragraph(p, quote),
                Block::Point(p) => {
                    let hs = &self.style.heading;
                    let mut f = self.body_flow(BlockKind::PointHeading);
                    f.space_before = hs.point_space_before;
                    f.space_after = hs.point_space_after;
                    f.justify = false;
                    f.hyphenate = false;
                    f.keep_with_next = true;
                    f.outline = Some(4);
                    let label = present::point_heading(&self.doc.meta, p.number);
                    f.title = label.clone();
                    f.frags = vec![Frag::plain(label, FaceKind::Italic, f.size)];
                    self.flows.push(f);
                    self.blocks(&p.blocks, quote);
                }
                Block::Statement(b) => self.blocks(b, quote),
                Block::Quote(b) => self.blocks(b, true),
                Block::Table(t) => self.table(t),
            }
        }
    }

    /// The legend of authors and their change counts, for `--colour`: a
    /// heading, then a line per author with a change or a note, keyed by a
    /// swatch of the author's colour, in the document's language.
    pub fn legend(&mut self, stats: &[(AuthorId, crate::model::stats::AuthorStats)]) {
        let language = self.doc.meta.language;
        let title = present::legend_heading(language);
        let hs = &self.style.heading;
        let b = &self.style.body;
        let mut h = self.body_flow(BlockKind::LegendHeading);
        h.size = hs.sub_size;
        h.space_before = hs.section_space_before * 2.0;
        h.space_after = hs.sub_space_after;
        h.justify = false;
        h.hyphenate = false;
        h.keep_with_next = true;
        h.outline = Some(1);
        h.title = title.to_string();
        h.frags = vec![Frag::plain(title, FaceKind::Bold, h.size)];
        self.flows.push(h);
        self.next_list += 1;
        for (author, s) in stats {
            if s.changes() == 0 && s.notes == 0 {
                continue;
            }
            let a = self.doc.author(*author);
            let colour = author_colour(*author);
            let mut f = self.body_flow(BlockKind::Legend);
            f.justify = false;
            f.space_after = 2.0;
            f.left = b.indent + 14.0;
            f.label_x = b.indent;
            f.list = Some(self.next_list);
            f.swatch = Some(colour);
            let line = present::legend_entry(language, &a.code, &a.name, s);
            let code = Frag {
                colour: Some(colour),
                deco: Deco {
                    underline: true,
                    strike: false,
                },
                ..Frag::plain(line.code, FaceKind::Bold, b.font_size)
            };
            let words = |text: String| Frag::plain(text, FaceKind::Regular, b.font_size);
            f.frags = [words(line.before), code, words(line.after)]
                .into_iter()
                .filter(|frag| !frag.text.is_empty())
                .collect();
            // The legend is read as one list: its lines keep together.
            f.keep_with_next = true;
            self.flows.push(f);
        }
        if let Some(last) = self.flows.last_mut() {
            last.keep_with_next = false;
        }
    }

    /// A footnote's text as a flow (9 pt), its mark hanging to the left of
    /// the text, set as a superscript when it is a number.
    pub fn footnote(&self, mark: &str, superscript: bool, content: &[Inline]) -> Flow {
        let fs = &self.style.footnote;
        let mut f = Flow::new(BlockKind::Footnote, fs.font_size, fs.leading);
        f.left = fs.indent;
        // Marks of any width ("*", "**", "12") end just before the text.
        f.label_x = fs.indent - fs.hanging / 3.0;
        f.label_right = true;
        f.right = self.style.body.right_indent;
        f.space_after = self.style.pdf.footnote_gap;
        f.label = vec![if superscript {
            Frag {
                rise: fs.font_size * self.style.pdf.superscript_rise,
                ..Frag::plain(
                    mark,
                    FaceKind::Regular,
                    fs.font_size * self.style.pdf.superscript_scale,
                )
            }
        } else {
            Frag::plain(mark, FaceKind::Regular, fs.font_size)
        }];
        f.frags = self.inlines(content, false, false, fs.font_size);
        f
    }
}
