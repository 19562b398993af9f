//! Body blocks: headings, numbered and lettered paragraphs, `:::` point and
//! statement blocks, quotes, pipe tables and footnote definitions, read line
//! by line. Each finished block's text goes through the one [`Inlines`]
//! reader in document order, so changes may span paragraph breaks.

use super::diagnostics::Sink;
use super::front::Front;
use super::inline::{Inlines, JoinedLines};
use crate::house::style::Labels;
use crate::model::*;
use std::collections::BTreeMap;
use std::ops::Range;

/// A block whose lines are still being collected.
enum Pending {
    Paragraph {
        kind: ParagraphKind,
        flat: JoinedLines,
    },
    Footnote {
        label: String,
        range: Range<usize>,
        flat: JoinedLines,
    },
    /// Lines of a quote, paragraphs split at blank `>` lines.
    Quote(Vec<JoinedLines>),
    /// (file offset, line) of each table row.
    Table(Vec<(usize, String)>),
    /// (file offset, line) of each line of a grid table.
    Grid(Vec<(usize, String)>),
}

enum ContainerKind {
    Root,
    Point(u32),
    Statement,
}

struct Container {
    kind: ContainerKind,
    blocks: Vec<Block>,
    /// The fence line that opened it.
    open: Range<usize>,
}

struct Reader<'a> {
    inlines: Inlines<'a>,
    containers: Vec<Container>,
    pending: Option<Pending>,
    /// Last document paragraph number.
    paragraph: u32,
    /// Last item number of a statement's own list.
    list_item: u32,
    /// Last point number, and where it was opened.
    point: Option<u32>,
    /// After a wrong paragraph or point number: the number it should have
    /// been. The next may follow either, so one mistake is one error.
    paragraph_meant: Option<u32>,
    point_meant: Option<u32>,
    chapter: u32,
    section: u32,
    /// The last `(a)`-level label, to tell `(i)` the letter from `(i)` the numeral.
    last_letter: Option<String>,
    /// The label of the last list item at each level (index 0 level 1),
    /// to tell `i.` the letter (after `h.`) from `i.` the numeral.
    list_labels: Vec<ListLabel>,
    footnote_defs: BTreeMap<String, (Vec<Inline>, Range<usize>)>,
    /// Where the block being collected stands in the file.
    pending_span: Option<Range<usize>>,
    spans: Spans,
    /// Footnote label → where its definition stands.
    footnote_spans: BTreeMap<String, Range<usize>>,
}

/// Where each block stands in the file, for tools that rewrite a source
/// in place (a merge splices changed blocks into the text around them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spans {
    /// One range per heading, paragraph (outside quotes), quote and table,
    /// in document order (the order of [`crate::model::walk::walk_inlines`]'s
    /// blocks, a quote or table counting once). From the first character
    /// of the block's first line to the last of its last line.
    pub blocks: Vec<Range<usize>>,
    /// Per footnote (by [`FootnoteId`]): the range of its definition.
    pub footnotes: Vec<Range<usize>>,
    /// Per footnote: the label its source gives it (`1`, `f3`, `**`).
    pub footnote_labels: Vec<String>,
}

pub(crate) fn parse(text: &str, front: Front, sink: &mut Sink) -> Option<(Document, Spans)> {
    let body_start = front.body_start?;
    let language = front.meta.as_ref().map_or(Language::En, |m| m.language);
    let quotes = Labels::get(language).quotes.clone();
    let authors = front.authors.as_deref();
    let default_author = front.meta.as_ref().and_then(|m| m.default_author);
    let mut r = Reader {
        inlines: Inlines::new(authors, default_author, quotes),
        containers: vec![Container {
            kind: ContainerKind::Root,
            blocks: Vec::new(),
            open: 0..0,
        }],
        pending: None,
        paragraph: 0,
        list_item: 0,
        point: None,
        paragraph_meant: None,
        point_meant: None,
        chapter: 0,
        section: 0,
        last_letter: None,
        list_labels: Vec::new(),
        footnote_defs: BTreeMap::new(),
        pending_span: None,
        spans: Spans::default(),
        footnote_spans: BTreeMap::new(),
    };

    let mut offset = body_start;
    for raw_line in text[body_start..].split_inclusive('\n') {
        let line_start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        r.line(line, line_start, sink);
    }
    r.flush(sink);
    while r.containers.len() > 1 {
        let c = r.containers.pop().expect("more than one");
        sink.error(
            c.open.clone(),
            "this `:::` block is never closed",
            "opened here",
            "close it with a line `:::`",
        );
    }
    r.inlines.end_container("the document", sink);

    // Footnotes, in the order of their first reference.
    let agenda_star = front.meta.as_ref().is_some_and(|m| {
        m.agenda
            .as_ref()
            .and_then(|a| Labels::get(m.language).agenda_note(a))
            .is_some()
    });
    let mut number = 0;
    let labels = r.inlines.model.footnote_keys();
    for (i, label) in labels.iter().enumerate() {
        let first_ref = r.inlines.footnote_first[label].clone();
        let content = match r.footnote_defs.remove(label) {
            Some((content, _)) => content,
            None => {
                sink.error(
                    first_ref.clone(),
                    format!("footnote `[^{label}]` is referenced but never defined"),
                    "referenced here",
                    format!("add a paragraph `[^{label}]: text of the note` anywhere in the body"),
                );
                Vec::new()
            }
        };
        let mark = if label.chars().all(|c| c == '*') {
            if agenda_star && label == "*" {
                sink.error(
                    first_ref,
                    "`[^*]` is taken by the agenda footnote",
                    "the agenda footnote is marked `*`",
                    "mark this note `[^**]` instead",
                );
            }
            FootnoteMark::Symbol(label.clone())
        } else {
            number += 1;
            FootnoteMark::Number(number)
        };
        r.inlines
            .model
            .define_footnote(FootnoteId(i), mark, content);
    }
    for (label, (_, range)) in std::mem::take(&mut r.footnote_defs) {
        sink.error(
            range,
            format!("footnote `[^{label}]` is defined but never referenced"),
            "defined here",
            format!("reference it with `[^{label}]` in the text, or delete the definition"),
        );
    }

    let mut root = r.containers.pop().expect("root");
    let mut spans = std::mem::take(&mut r.spans);
    attach_trailing_ends(&mut root.blocks, &mut spans);
    for label in &labels {
        spans.footnote_labels.push(label.clone());
        spans
            .footnotes
            .push(r.footnote_spans.get(label).cloned().unwrap_or(0..0));
    }
    let inlines = r.inlines;
    let meta = front.meta?;
    let authors = front.authors.clone()?;
    let doc = inlines.model.finish(meta, authors, root.blocks);
    Some((doc, spans))
}

/// A last paragraph holding nothing but the ends of groups and of noted
/// spans (`++}{>>US<<}`,
/// after a change over the mark of the paragraph before, which is how a
/// change over a document's last break is written) is not a paragraph:
/// its group ends go to the end of the paragraph before, whose mark the
/// change holds.
fn attach_trailing_ends(blocks: &mut Vec<Block>, spans: &mut Spans) {
    let [.., before, Block::Paragraph(last)] = blocks.as_mut_slice() else {
        return;
    };
    let only_ends = !last.content.is_empty()
        && last.mark.is_none()
        && last.kind == ParagraphKind::Plain
        && last
            .content
            .iter()
            .all(|i| matches!(i, Inline::GroupEnd(_) | Inline::SpanEnd(_)));
    let (content, mark) = match before {
        Block::Paragraph(p) => (&mut p.content, p.mark),
        Block::Heading(h) => (&mut h.content, h.mark),
        _ => return,
    };
    if !only_ends || mark.is_none() {
        return;
    }
    content.append(&mut last.content);
    blocks.pop();
    if let Some(end) = spans.blocks.pop().map(|s| s.end) {
        if let Some(span) = spans.blocks.last_mut() {
            span.end = end;
        }
    }
}

impl Reader<'_> {
    fn in_statement(&self) -> bool {
        self.containers
            .iter()
            .any(|c| matches!(c.kind, ContainerKind::Statement))
    }

    fn push_block(&mut self, block: Block) {
        self.containers
            .last_mut()
            .expect("root is never popped")
            .blocks
            .push(block);
    }

    fn line(&mut self, line: &str, start: usize, sink: &mut Sink) {
        self.line_markup(line, start, sink);
        if self.pending.is_some() {
            let trimmed = line.trim();
            let at = start + (line.len() - line.trim_start().len());
            let end = at + trimmed.len();
            match &mut self.pending_span {
                Some(span) => span.end = end,
                None => self.pending_span = Some(at..end),
            }
        }
    }

    fn line_markup(&mut self, line: &str, start: usize, sink: &mut Sink) {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let at = start + indent;
        let trimmed = trimmed.trim_end();
        if trimmed.is_empty() {
            self.flush(sink);
            return;
        }
        if let Some(rest) = trimmed.strip_prefix(":::") {
            self.flush(sink);
            self.fence(rest.trim(), at..at + trimmed.len(), sink);
            return;
        }
        if let Some(Pending::Grid(lines)) = &mut self.pending {
            if trimmed.starts_with(['|', '+']) {
                lines.push((at, trimmed.to_string()));
                return;
            }
        }
        if is_grid_border(trimmed) {
            self.flush(sink);
            self.pending = Some(Pending::Grid(vec![(at, trimmed.to_string())]));
            return;
        }
        if trimmed.starts_with('|') {
            if let Some(Pending::Table(rows)) = &mut self.pending {
                rows.push((at, trimmed.to_string()));
                return;
            }
            self.flush(sink);
            self.pending = Some(Pending::Table(vec![(at, trimmed.to_string())]));
            return;
        }
        if let Some(rest) = trimmed.strip_prefix('>') {
            let (content, skip) = match rest.strip_prefix(' ') {
                Some(c) => (c, 2),
                None => (rest, 1),
            };
            if !matches!(self.pending, Some(Pending::Quote(_))) {
                self.flush(sink);
                self.pending = Some(Pending::Quote(vec![JoinedLines::new()]));
            }
            if let Some(Pending::Quote(paras)) = &mut self.pending {
                if content.trim().is_empty() {
                    if !paras.last().is_some_and(|p| p.is_empty()) {
                        paras.push(JoinedLines::new());
                    }
                } else {
                    paras
                        .last_mut()
                        .expect("never empty")
                        .push(content, at + skip);
                }
            }
            return;
        }
        if let Some(level) = heading_level(trimmed) {
            self.flush(sink);
            self.heading(level, trimmed, at, sink);
            return;
        }
        if let Some((kind, skip)) = self.list_marker(trimmed, columns(&line[..indent]), at, sink) {
            self.flush(sink);
            let mut flat = JoinedLines::new();
            let content = &trimmed[skip..];
            let lead = content.len() - content.trim_start().len();
            flat.push(content.trim_start(), at + skip + lead);
            self.pending = Some(Pending::Paragraph { kind, flat });
            return;
        }
        if let Some((label, skip)) = footnote_definition(trimmed) {
            self.flush(sink);
            let mut flat = JoinedLines::new();
            let content = &trimmed[skip..];
            let lead = content.len() - content.trim_start().len();
            flat.push(content.trim_start(), at + skip + lead);
            self.pending = Some(Pending::Footnote {
                label: label.to_string(),
                range: at..at + skip,
                flat,
            });
            return;
        }
        match &mut self.pending {
            Some(Pending::Paragraph { flat, .. }) | Some(Pending::Footnote { flat, .. }) => {
                flat.push(trimmed, at);
            }
            _ => {
                self.flush(sink);
                let mut flat = JoinedLines::new();
                flat.push(trimmed, at);
                self.pending = Some(Pending::Paragraph {
                    kind: ParagraphKind::Plain,
                    flat,
                });
            }
        }
    }

    fn fence(&mut self, rest: &str, range: Range<usize>, sink: &mut Sink) {
        let mut words = rest.split_whitespace();
        match words.next() {
            None => {
                if self.containers.len() == 1 {
                    sink.error(
                        range,
                        "`:::` closes nothing",
                        "no `::: point` or `::: statement` is open",
                        "remove this line, or open a block with `::: point N` or `::: statement`",
                    );
                    return;
                }
                let what = match self.containers.last().map(|c| &c.kind) {
                    Some(ContainerKind::Point(_)) => "the point",
                    _ => "the statement",
                };
                self.inlines.end_container(what, sink);
                let c = self.containers.pop().expect("checked");
                let block = match c.kind {
                    ContainerKind::Point(number) => Block::Point(Point {
                        number,
                        blocks: c.blocks,
                    }),
                    _ => Block::Statement(c.blocks),
                };
                self.push_block(block);
            }
            Some("point") => {
                if self.containers.len() > 1 {
                    sink.error(
                        range,
                        "a point cannot start inside another block",
                        "the previous `:::` block is still open",
                        "close the previous point or statement with a line `:::` first",
                    );
                    return;
                }
                let number = match (words.next().map(str::parse::<u32>), words.next()) {
                    (Some(Ok(n)), None) if n > 0 => n,
                    _ => {
                        sink.error(
                            range.clone(),
                            "a point needs its number",
                            "expected `::: point N`",
                            "write the point's number after `point`, e.g. `::: point 5`",
                        );
                        self.point.map_or(1, |p| p + 1)
                    }
                };
                if let Some(prev) = self.point {
                    let meant = self.point_meant.take();
                    if number != prev + 1 && meant.is_none_or(|m| number != m + 1) {
                        sink.error(
                            range.clone(),
                            format!("point {number} follows point {prev}"),
                            format!("expected point {}", prev + 1),
                            "points are numbered 1, 2, 3, … without gaps: renumber this point",
                        );
                        self.point_meant = Some(prev + 1);
                    }
                }
                self.inlines
                    .end_container("the text before the point", sink);
                self.point = Some(number);
                self.containers.push(Container {
                    kind: ContainerKind::Point(number),
                    blocks: Vec::new(),
                    open: range,
                });
            }
            Some("statement") => {
                if self.containers.len() > 1 {
                    sink.error(
                        range,
                        "a statement cannot start inside another block",
                        "the previous `:::` block is still open",
                        "close the previous point or statement with a line `:::` first",
                    );
                    return;
                }
                if let Some(extra) = words.next() {
                    sink.error(
                        range.clone(),
                        format!("unexpected `{extra}` after `::: statement`"),
                        "here",
                        "a statement block opens with the line `::: statement` alone",
                    );
                }
                self.inlines
                    .end_container("the text before the statement", sink);
                self.list_item = 0;
                self.containers.push(Container {
                    kind: ContainerKind::Statement,
                    blocks: Vec::new(),
                    open: range,
                });
            }
            Some(other) => sink.error(
                range,
                format!("unknown block `::: {other}`"),
                "not a block kind",
                "use `::: point N`, `::: statement`, or `:::` to close",
            ),
        }
    }

    fn heading(&mut self, level: usize, line: &str, at: usize, sink: &mut Sink) {
        // Lettered runs do not continue across a heading.
        self.last_letter = None;
        self.list_labels.clear();
        let mut content = line[level..].trim();
        let lead = line[level..].len() - line[level..].trim_start().len();
        // Changes opened over the heading's break may follow `{-}`.
        let mut cut = content.len();
        while content[..cut].ends_with("{++") || content[..cut].ends_with("{--") {
            cut -= 3;
        }
        let openers = &content[cut..];
        let numbered = match content[..cut].trim_end().strip_suffix("{-}") {
            Some(c) => {
                content = c.trim_end();
                false
            }
            None => true,
        };
        if content.is_empty() {
            sink.error(
                at..at + line.len(),
                "a heading with no text",
                "empty heading",
                "write the heading's text after the `#`",
            );
            return;
        }
        let number = match (numbered, level) {
            (true, 1) => {
                self.chapter += 1;
                self.section = 0;
                Some(roman(self.chapter, true))
            }
            (true, 2) => {
                self.section += 1;
                Some(letters(self.section, true))
            }
            _ => None,
        };
        let mut flat = JoinedLines::new();
        flat.push(content, at + level + lead);
        if !numbered && !openers.is_empty() {
            flat.append(openers, at + line.trim_end().len() - openers.len());
        }
        self.spans.blocks.push(at..at + line.len());
        let (inlines, mark) = self.inlines.paragraph(&flat, sink);
        self.push_block(Block::Heading(Heading {
            level: level.min(6) as u8,
            number,
            content: inlines,
            mark,
        }));
    }

    /// A paragraph's list marker: `12.`, `#.`, `(a)`, `(iv)`. Returns the
    /// paragraph kind and the marker's length.
    fn list_marker(
        &mut self,
        line: &str,
        indent: usize,
        at: usize,
        sink: &mut Sink,
    ) -> Option<(ParagraphKind, usize)> {
        let statement = self.in_statement();
        let level = (1 + indent / 4).min(usize::from(ListItem::MAX_LEVEL)) as u8;
        if let Some((label, skip)) = self.list_label(line, level) {
            if level > 1
                || !matches!(
                    label,
                    ListLabel::Number {
                        style: NumberStyle::Decimal,
                        form: LabelForm::Period,
                        ..
                    }
                )
            {
                self.list_labels.truncate(usize::from(level) - 1);
                self.list_labels
                    .resize(usize::from(level) - 1, ListLabel::Bullet(BULLETS[0]));
                self.list_labels.push(label);
                let kind = self.inlines.model.list_item(ListItem { level, label });
                return Some((kind, skip));
            }
        }
        if let Some(rest) = line.strip_prefix("#.") {
            if parted(rest) {
                return Some((self.next_number(None, statement, at..at + 2, sink), 2));
            }
        }
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && digits <= 6 && line[digits..].starts_with('.') {
            let rest = &line[digits + 1..];
            if parted(rest) {
                let n: u32 = line[..digits].parse().ok()?;
                let range = at..at + digits + 1;
                return Some((
                    self.next_number(Some(n), statement, range, sink),
                    digits + 1,
                ));
            }
        }
        if let Some(rest) = line.strip_prefix('(') {
            let close = rest.find(')')?;
            let label = &rest[..close];
            let after = &rest[close + 1..];
            if !label.is_empty()
                && label.len() <= 6
                && label.bytes().all(|b| b.is_ascii_lowercase())
                && parted(after)
            {
                let level = self.sub_level(label)?;
                if level == 1 {
                    self.last_letter = Some(label.to_string());
                }
                return Some((
                    ParagraphKind::Sub {
                        level,
                        label: label.to_string(),
                    },
                    close + 2,
                ));
            }
        }
        None
    }

    /// A list item's label other than `#.`, `(a)` and a level-1 `12.`
    /// (those are the document's own): a bullet (`-`, `•`, …), `a)`,
    /// `a.`, `(A)`, `A)`, `A.` (two spaces or a tab after it, as initials
    /// are not a list), the same in roman numerals, `1)`, `(1)`, and an
    /// indented `1.`. Returns the label and the marker's length.
    fn list_label(&self, line: &str, level: u8) -> Option<(ListLabel, usize)> {
        let first = line.chars().next()?;
        if first == '-' || BULLETS.contains(&first) {
            let skip = first.len_utf8();
            let bullet = if first == '-' { BULLETS[0] } else { first };
            return parted(&line[skip..]).then_some((ListLabel::Bullet(bullet), skip));
        }
        let (open, body) = match line.strip_prefix('(') {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        let len = body
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if len == 0 || len > 6 {
            return None;
        }
        let (marker, after) = body.split_at(len);
        let (form, rest) = match (open, after.as_bytes().first()) {
            (true, Some(b')')) => (LabelForm::Parens, &after[1..]),
            (false, Some(b')')) => (LabelForm::Paren, &after[1..]),
            (false, Some(b'.')) => (LabelForm::Period, &after[1..]),
            _ => return None,
        };
        if !parted(rest) {
            return None;
        }
        let upper = marker.bytes().all(|b| b.is_ascii_uppercase());
        let lower = marker.bytes().all(|b| b.is_ascii_lowercase());
        let digits = marker.bytes().all(|b| b.is_ascii_digit());
        // `(a)` and `(iv)` are subparagraphs; `12.` unindented the
        // document's numbering (the caller's).
        if (lower && form == LabelForm::Parens) || !(upper || lower || digits) {
            return None;
        }
        if upper && form == LabelForm::Period && !rest.starts_with("  ") && !rest.starts_with('\t')
        {
            return None;
        }
        let skip = usize::from(open) + len + 1;
        let previous = self.list_labels.get(usize::from(level) - 1).copied();
        let (style, number) = if digits {
            (
                NumberStyle::Decimal,
                marker.parse().ok().filter(|&n| n > 0)?,
            )
        } else {
            read_number(&marker.to_ascii_lowercase(), upper, form, previous)?
        };
        Some((
            ListLabel::Number {
                style,
                form,
                number,
            },
            skip,
        ))
    }

    /// `(i)` is a numeral unless it continues `(h)`; likewise `(v)`, `(x)`.
    fn sub_level(&self, label: &str) -> Option<u8> {
        let is_roman = is_roman(label);
        let is_letters = label.chars().all(|c| label.starts_with(c));
        let continues_letters = |l: &str| {
            self.last_letter.as_deref().is_some_and(|prev| {
                let p = prev.as_bytes();
                let c = l.as_bytes();
                p.len() == c.len() && c[0] == p[0] + 1
            })
        };
        match (is_roman, is_letters) {
            (true, true) if continues_letters(label) => Some(1),
            (true, _) => Some(2),
            (false, true) => Some(1),
            (false, false) => None,
        }
    }

    fn next_number(
        &mut self,
        explicit: Option<u32>,
        statement: bool,
        range: Range<usize>,
        sink: &mut Sink,
    ) -> ParagraphKind {
        // A numbered paragraph starts its own lettered run.
        self.last_letter = None;
        if statement {
            // A State's own list: it may restart at 1, and start at any
            // number (Word's "start at", a list going on after other
            // paragraphs); within a run of items the numbers follow.
            let starts = !self.in_item_run();
            let n = match explicit {
                None => self.list_item + 1,
                Some(n) if n == 1 || n == self.list_item + 1 || starts => n,
                Some(n) => {
                    sink.error(
                        range,
                        format!("list item {n} follows item {}", self.list_item),
                        format!("expected {} (or 1 to start a new list)", self.list_item + 1),
                        "number the items 1, 2, 3, …, or write `#.` to number them automatically",
                    );
                    n
                }
            };
            self.list_item = n;
            return ParagraphKind::ListItem(n);
        }
        let expected = self.paragraph + 1;
        let meant = self.paragraph_meant.take();
        let n = match explicit {
            None => expected,
            Some(n) if n == expected || meant.is_some_and(|m| n == m + 1) => n,
            Some(n) => {
                self.paragraph_meant = Some(expected);
                sink.error(
                    range,
                    format!("paragraph {n} follows paragraph {}", self.paragraph),
                    format!("expected {expected}"),
                    "paragraph numbers run through the document without gaps: renumber, or write `#.` to number automatically",
                );
                n
            }
        };
        self.paragraph = n;
        ParagraphKind::Numbered(n)
    }

    /// Whether the paragraph before (the one being collected, or the
    /// last of the open container), past the deeper items of a list, is
    /// a statement's list item: a run of items goes on.
    fn in_item_run(&self) -> bool {
        if let Some(Pending::Paragraph { kind, .. }) = &self.pending {
            if !matches!(kind, ParagraphKind::List(_) | ParagraphKind::Sub { .. }) {
                return matches!(kind, ParagraphKind::ListItem(_));
            }
        }
        let blocks = &self.containers.last().expect("root").blocks;
        for block in blocks.iter().rev() {
            match block {
                Block::Paragraph(p) if matches!(p.kind, ParagraphKind::ListItem(_)) => return true,
                Block::Paragraph(p)
                    if matches!(p.kind, ParagraphKind::List(_) | ParagraphKind::Sub { .. }) => {}
                _ => return false,
            }
        }
        false
    }

    /// Turn the block being collected into a block.
    fn flush(&mut self, sink: &mut Sink) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        let span = self.pending_span.take().unwrap_or(0..0);
        match &pending {
            Pending::Footnote { label, .. } => {
                self.footnote_spans.insert(label.clone(), span);
            }
            _ => self.spans.blocks.push(span),
        }
        match pending {
            Pending::Paragraph { kind, flat } => {
                let (content, mark) = self.inlines.paragraph(&flat, sink);
                self.push_block(Block::Paragraph(Paragraph {
                    kind,
                    content,
                    mark,
                }));
            }
            Pending::Footnote { label, range, flat } => {
                self.inlines.in_footnote = true;
                let (content, _) = self.inlines.paragraph(&flat, sink);
                self.inlines.in_footnote = false;
                self.inlines.end_container("the footnote", sink);
                match self.footnote_defs.entry(label) {
                    std::collections::btree_map::Entry::Occupied(e) => sink.error(
                        range,
                        format!("footnote `[^{}]` is defined twice", e.key()),
                        "second definition",
                        "give each footnote its own label, or delete one definition",
                    ),
                    std::collections::btree_map::Entry::Vacant(e) => {
                        e.insert((content, range));
                    }
                }
            }
            Pending::Quote(paras) => {
                let mut blocks = Vec::new();
                for flat in paras.iter().filter(|f| !f.is_empty()) {
                    let (content, mark) = self.inlines.paragraph(flat, sink);
                    blocks.push(Block::Paragraph(Paragraph {
                        kind: ParagraphKind::Plain,
                        content,
                        mark,
                    }));
                }
                self.push_block(Block::Quote(blocks));
            }
            Pending::Table(rows) => self.table(rows, sink),
            Pending::Grid(lines) => self.grid(lines, sink),
        }
    }

    /// A grid table: cells of paragraphs, spanning columns and rows.
    fn grid(&mut self, lines: Vec<(usize, String)>, sink: &mut Sink) {
        let borrowed: Vec<(usize, &str)> = lines.iter().map(|(at, l)| (*at, l.as_str())).collect();
        let read = match crate::grid::read(&borrowed) {
            Ok(read) => read,
            Err(e) => {
                let (at, line) = &lines[e.line];
                sink.error(
                    at + e.byte..at + line.len(),
                    format!("this grid table is not well formed: {}", e.message),
                    "here",
                    "draw each cell's borders with `+` at the corners, `-` (or `=` under the header) across and `|` down, as in docs/source-format.md",
                );
                return;
            }
        };
        let mut rows: Vec<Vec<Cell>> = (0..read.rows).map(|_| Vec::new()).collect();
        for c in &read.cells {
            let mut paragraphs = Vec::new();
            let mut flat = JoinedLines::new();
            let mut pending_blank = false;
            let mut flats = Vec::new();
            for (at, text) in &c.lines {
                let trimmed = text.trim();
                if trimmed.is_empty() {
                    pending_blank = true;
                    continue;
                }
                if pending_blank && !flat.is_empty() {
                    flats.push(std::mem::replace(&mut flat, JoinedLines::new()));
                }
                pending_blank = false;
                let lead = text.len() - text.trim_start().len();
                flat.push(trimmed, at + lead);
            }
            flats.push(flat);
            for flat in &flats {
                let (content, mark) = self.inlines.paragraph(flat, sink);
                paragraphs.push(CellParagraph { content, mark });
            }
            self.inlines.end_container("the table cell", sink);
            if let Some(last) = paragraphs.last_mut() {
                last.mark = Rev::NONE;
            }
            rows[c.row].push(Cell {
                paragraphs,
                colspan: c.colspan,
                rowspan: c.rowspan,
            });
        }
        let mut rows = rows.into_iter();
        let header = rows.next().unwrap_or_default();
        self.push_block(Block::Table(Table {
            align: read.align,
            header,
            rows: rows.collect(),
        }));
    }

    fn table(&mut self, rows: Vec<(usize, String)>, sink: &mut Sink) {
        let (head_at, head) = &rows[0];
        let Some((delim_at, delim)) = rows.get(1) else {
            sink.error(
                *head_at..head_at + head.len(),
                "a table needs a delimiter row under its header",
                "header row with no `|---|---|` under it",
                "add a row like `| --- | --- |` (one `---` per column) under the header",
            );
            return;
        };
        let delim_cells = split_cells(delim, *delim_at);
        let mut align = Vec::new();
        for (cell, range) in &delim_cells {
            let c = cell.trim();
            let dashes = c.trim_matches(':');
            if dashes.is_empty() || !dashes.bytes().all(|b| b == b'-') {
                sink.error(
                    range.clone(),
                    "a table's second row must be its delimiter row",
                    "not `---`",
                    "write `---` in each cell of the second row (`:---`, `:---:`, `---:` to align)",
                );
                return;
            }
            align.push(match (c.starts_with(':'), c.ends_with(':')) {
                (true, true) => Align::Center,
                (true, false) => Align::Left,
                (false, true) => Align::Right,
                (false, false) => Align::Default,
            });
        }
        // The header says how many columns there are: a delimiter row
        // with another count is the row to blame.
        let columns = split_cells(head, *head_at).len();
        if align.len() != columns {
            sink.error(
                *delim_at..delim_at + delim.len(),
                format!(
                    "the delimiter row has {}, the header has {}",
                    cells_word(align.len()),
                    cells_word(columns)
                ),
                "here",
                "write one `---` for each cell of the header",
            );
            align.resize(columns, Align::Default);
        }
        let mut cells_of = |line: &str, at: usize, sink: &mut Sink| -> Vec<Cell> {
            let cells = split_cells(line, at);
            if cells.len() != align.len() && at != *head_at {
                sink.error(
                    at..at + line.len(),
                    format!(
                        "this row has {}, the table has {} {}",
                        cells_word(cells.len()),
                        align.len(),
                        if align.len() == 1 {
                            "column"
                        } else {
                            "columns"
                        }
                    ),
                    "here",
                    "give every row the same number of `|`-separated cells as the header",
                );
            }
            cells
                .into_iter()
                .map(|(text, range)| {
                    let mut flat = JoinedLines::new();
                    let lead = text.len() - text.trim_start().len();
                    flat.push(text.trim(), range.start + lead);
                    let (content, _) = self.inlines.paragraph(&flat, sink);
                    self.inlines.end_container("the table cell", sink);
                    Cell::of(content)
                })
                .collect()
        };
        let header = cells_of(head, *head_at, sink);
        let body = rows[2..]
            .iter()
            .map(|(at, line)| cells_of(line, *at, sink))
            .collect();
        self.push_block(Block::Table(Table {
            align,
            header,
            rows: body,
        }));
    }
}

/// A space, a tab or a no-break space after a marker (Word copies a
/// numbered paragraph as `1.` and a tab), or nothing.
fn parted(rest: &str) -> bool {
    rest.is_empty() || rest.starts_with([' ', '\t', '\u{a0}', '\u{202f}'])
}

/// The columns of a line's indentation, a tab counting four.
fn columns(indent: &str) -> usize {
    indent.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

/// A letter or roman label (lower case) read in the light of the item
/// before it at its level: the next letter after a letter (`h.` then
/// `i.`), the next numeral after a numeral; otherwise `i` and numerals of
/// more than one character (`ii`, `iv`) are roman, other single or
/// repeated letters (`c`, `v`, `aa`) are letters. `upper` for `A`, `I`.
pub fn read_number(
    marker: &str,
    upper: bool,
    form: LabelForm,
    previous: Option<ListLabel>,
) -> Option<(NumberStyle, u32)> {
    let (letter, numeral) = if upper {
        (NumberStyle::UpperLetter, NumberStyle::UpperRoman)
    } else {
        (NumberStyle::LowerLetter, NumberStyle::LowerRoman)
    };
    let as_letters = {
        let c = marker.as_bytes()[0];
        marker
            .bytes()
            .all(|b| b == c)
            .then(|| (u32::from(c - b'a') + 1) + 26 * (marker.len() as u32 - 1))
    };
    let as_roman = from_roman(marker);
    if let Some(ListLabel::Number {
        style,
        form: f,
        number,
    }) = previous
    {
        if f == form && style == letter && as_letters == Some(number + 1) {
            return Some((letter, number + 1));
        }
        if f == form && style == numeral && as_roman == Some(number + 1) {
            return Some((numeral, number + 1));
        }
    }
    match (as_roman, as_letters) {
        (Some(n), _) if marker == "i" || marker.len() > 1 => Some((numeral, n)),
        (_, Some(n)) => Some((letter, n)),
        (Some(n), None) => Some((numeral, n)),
        (None, None) => None,
    }
}

/// The value of a lower-case roman numeral written as [`roman`] writes
/// it (`iv`, not `iiii`).
fn from_roman(s: &str) -> Option<u32> {
    let digit = |c: u8| match c {
        b'i' => Some(1i64),
        b'v' => Some(5),
        b'x' => Some(10),
        b'l' => Some(50),
        b'c' => Some(100),
        b'd' => Some(500),
        b'm' => Some(1000),
        _ => None,
    };
    let values: Vec<i64> = s.bytes().map(digit).collect::<Option<_>>()?;
    let mut n = 0i64;
    for (i, v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|next| next > v) {
            n -= v;
        } else {
            n += v;
        }
    }
    let n = u32::try_from(n).ok().filter(|&n| n > 0)?;
    (roman(n, false) == s).then_some(n)
}

/// The top border of a grid table: `+`, then `-`, `=` and `:` with `+`
/// between, ending in `+` (`+---+:--:+`).
fn is_grid_border(line: &str) -> bool {
    line.len() >= 3
        && line.starts_with('+')
        && line.ends_with('+')
        && line[1..].starts_with(['-', '=', ':'])
        && line.bytes().all(|b| matches!(b, b'+' | b'-' | b'=' | b':'))
}

/// `#` to `######` followed by a space.
fn heading_level(line: &str) -> Option<usize> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        Some(hashes)
    } else {
        None
    }
}

/// `[^label]:` at the start of a line: the label and the marker's length.
fn footnote_definition(line: &str) -> Option<(&str, usize)> {
    let rest = line.strip_prefix("[^")?;
    let close = rest.find("]:")?;
    let label = &rest[..close];
    if label.is_empty() || label.contains(char::is_whitespace) || label.contains(['[', ']']) {
        return None;
    }
    Some((label, close + 4))
}

fn is_roman(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| b"ivxlcdm".contains(&b))
        && (1..400).any(|n| roman(n, false) == s)
}

/// Split a pipe-table row into cells, honouring `\|`.
fn split_cells(line: &str, at: usize) -> Vec<(String, Range<usize>)> {
    let inner_start = usize::from(line.starts_with('|'));
    let mut inner_end = line.len();
    if line.ends_with('|') && !line.ends_with("\\|") && line.len() > inner_start {
        inner_end -= 1;
    }
    let inner = &line[inner_start..inner_end.max(inner_start)];
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut cell_start = 0;
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(|&(_, n)| n == '|') => {
                cell.push_str("\\|");
                chars.next();
            }
            '|' => {
                let start = at + inner_start + cell_start;
                cells.push((std::mem::take(&mut cell), start..at + inner_start + i));
                cell_start = i + 1;
            }
            c => cell.push(c),
        }
    }
    let start = at + inner_start + cell_start;
    cells.push((cell, start..at + inner_start + inner.len()));
    cells
}

/// `1 cell`, `3 cells`.
fn cells_word(n: usize) -> String {
    if n == 1 {
        "1 cell".into()
    } else {
        format!("{n} cells")
    }
}
