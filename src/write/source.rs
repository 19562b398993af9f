//! The source writer: a [`Document`] back into the source format, so that a
//! document read from elsewhere (a returned Word file, a merge) becomes a
//! file the secretariat edits by hand.
//!
//! What it writes reads back to the same document: the same text in every
//! view, the same changes per author. Changes are written as attributed
//! CriticMarkup, nested where the model nests them and across paragraph
//! breaks where a paragraph mark is inside a change; a substitution is
//! written as a deletion and an insertion in one group (the same model).
//! Every character that the reader would take as syntax is escaped.

use crate::house::style::Labels;
use crate::model::*;
use std::fmt::Write as _;

/// The source text of a document.
pub fn write(doc: &Document) -> String {
    let mut w = Writer::new(doc, None);
    w.whole = true;
    w.count(&doc.blocks);
    for f in &doc.footnotes {
        w.count_inlines(&f.content);
    }
    w.front_matter();
    w.out.push('\n');
    w.blocks(&doc.blocks);
    // A change over the last paragraph's mark closes after it, on a line
    // of its own with its attribution (the reader gives them back to
    // that paragraph).
    let before = w.out.len();
    w.close_to(0);
    if w.out.len() > before {
        w.out.push_str("\n\n");
    }
    w.footnotes();
    while w.out.ends_with("\n\n") {
        w.out.pop();
    }
    w.out
}

/// A TOML basic string: `"text"` with escapes.
pub fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// What is open at the current place of the text being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Change(ChangeId),
    Span(NoteId),
}

struct Writer<'a> {
    doc: &'a Document,
    out: String,
    /// Changes and noted spans open here, outermost first. Carries across
    /// paragraph breaks inside a change.
    open: Vec<Open>,
    /// The last document paragraph number written.
    number: u32,
    /// The last item number of a statement's own list.
    list_item: u32,
    /// Whether the paragraphs before, past a list's deeper items, end in
    /// a statement's list item.
    item_run: bool,
    /// Footnote labels as another source gives them (by footnote id), when
    /// writing blocks to splice into that source; numbers are then written
    /// as the model holds them.
    labels: Option<&'a [String]>,
    /// Per change: its pieces (text runs, footnote marks, paragraph
    /// marks) still to be written.
    remaining: Vec<usize>,
    /// Per change: whether it holds any piece at all.
    holds: Vec<bool>,
    /// Per group: its attributions are written.
    attributed: Vec<bool>,
    /// Groups whose end came before all their changes were written (a
    /// change over the paragraph mark after it): each is attributed as
    /// soon as its last change is written and closed.
    deferred: Vec<GroupId>,
    /// Noted spans whose end came while a change inside them goes on past
    /// it (over a paragraph mark): each closes once that change is done.
    spans_due: Vec<NoteId>,
    /// Groups that began inside a noted span, with the span.
    in_span: Vec<(NoteId, GroupId)>,
    /// Groups begun since the last piece written (a span opening here
    /// holds them).
    fresh_groups: Vec<GroupId>,
    /// The whole document is written: a group is attributed as soon as
    /// its last change closes, wherever the model has its end (a reader
    /// may have lost it with a paragraph the source has no place for).
    whole: bool,
}

/// Leaf blocks (headings, paragraphs, quotes, tables) to splice into a
/// source: `open_before` are the changes open where they start (a change
/// that spans the break before them), `labels` the footnote labels of that
/// source. Changes still open after the last block's mark stay open. No
/// trailing line break.
pub fn write_blocks(
    doc: &Document,
    blocks: &[Block],
    open_before: &[ChangeId],
    labels: &[String],
) -> String {
    let mut w = Writer::new(doc, Some(labels));
    w.count(blocks);
    // A change open where the blocks start (a paragraph mark deleted
    // before them) is theirs to close and attribute.
    for c in open_before {
        w.holds[c.0] = true;
    }
    w.open = open_before.iter().map(|&c| Open::Change(c)).collect();
    w.blocks(blocks);
    w.out.trim_end_matches('\n').to_string()
}

/// One footnote's definition, `[^label]: text`, to splice into a source.
pub fn write_footnote(
    doc: &Document,
    content: &[Inline],
    label: &str,
    labels: &[String],
) -> String {
    let mut w = Writer::new(doc, Some(labels));
    w.count_inlines(content);
    let _ = write!(w.out, "[^{label}]: ");
    w.inlines(content, false);
    w.close_to(0);
    w.out
}

/// The front matter's TOML (without its `+++` lines): every key that
/// differs from its default, so that reading it back gives the same
/// metadata and authors. The DOCX's stored structure keeps it too
/// ([`crate::ooxml::provenance`]).
pub fn front_matter(meta: &Metadata, authors: &[Author]) -> String {
    let mut text = String::new();
    let out = &mut text;
    let _ = writeln!(out, "symbol = {}", toml_string(&meta.symbol));
    let _ = writeln!(out, "date = {}", meta.date);
    let _ = writeln!(out, "language = \"{}\"", meta.language.code());
    if let Some(d) = meta.distribution {
        let name = match d {
            Distribution::General => "General",
            Distribution::Limited => "Limited",
            Distribution::Restricted => "Restricted",
        };
        let _ = writeln!(out, "distribution = \"{name}\"");
    }
    let optional = [
        ("original", &meta.original),
        ("languages_note", &meta.languages_note),
        ("organ", &meta.organ),
        ("session", &meta.session),
        ("venue", &meta.venue),
        ("job", &meta.job),
        ("title", &meta.title),
        ("subtitle", &meta.subtitle),
    ];
    for (key, value) in optional {
        if let Some(v) = value {
            let _ = writeln!(out, "{key} = {}", toml_string(v));
        }
    }
    if meta.paper == Paper::Letter {
        out.push_str("paper = \"letter\"\n");
    }
    if meta.point_label != Labels::get(meta.language).point_label {
        let _ = writeln!(out, "point_label = {}", toml_string(&meta.point_label));
    }
    if meta.attributions == AttributionForm::Names {
        out.push_str("attributions = \"names\"\n");
    }
    if let Some(emblem) = &meta.emblem {
        let _ = writeln!(out, "emblem = {}", toml_string(&emblem.file));
    }
    if let Some(a) = meta.default_author.and_then(|a| authors.get(a.0)) {
        let code = &a.code;
        let _ = writeln!(out, "default_author = {}", toml_string(code));
    }
    if let Some(agenda) = &meta.agenda {
        out.push_str("\n[agenda]\n");
        let _ = writeln!(out, "item = {}", toml_string(&agenda.item));
        let _ = writeln!(out, "of = {}", toml_string(&agenda.of));
        if let Some(s) = &agenda.symbol {
            let _ = writeln!(out, "symbol = {}", toml_string(s));
        }
        if let Some(t) = &agenda.title {
            let _ = writeln!(out, "title = {}", toml_string(t));
        }
    }
    if !authors.is_empty() {
        out.push_str("\n[authors]\n");
        for a in authors {
            out.push_str(&author_entry(a, meta.date));
            out.push('\n');
        }
    }
    for m in &meta.merged {
        out.push('\n');
        out.push_str(&merge_record(m));
    }
    text
}

/// One `[[merged]]` table, with its line breaks.
pub fn merge_record(m: &MergeRecord) -> String {
    let mut out = String::from("[[merged]]\n");
    let _ = writeln!(out, "state = {}", toml_string(&m.state));
    let _ = writeln!(out, "file = {}", toml_string(&m.file));
    let _ = writeln!(out, "hash = {}", toml_string(&m.hash));
    let _ = writeln!(out, "ancestor = {}", toml_string(&m.ancestor));
    if let Some(d) = m.date {
        let _ = writeln!(out, "date = {d}");
    }
    out
}

impl<'a> Writer<'a> {
    fn new(doc: &'a Document, labels: Option<&'a [String]>) -> Writer<'a> {
        Writer {
            doc,
            out: String::new(),
            open: Vec::new(),
            number: 0,
            list_item: 0,
            item_run: false,
            labels,
            remaining: vec![0; doc.changes.len()],
            holds: vec![false; doc.changes.len()],
            attributed: vec![false; doc.groups.len()],
            deferred: Vec::new(),
            spans_due: Vec::new(),
            in_span: Vec::new(),
            fresh_groups: Vec::new(),
            whole: false,
        }
    }

    /// Counts the pieces of every change in `blocks` (see `remaining`).
    fn count(&mut self, blocks: &[Block]) {
        let doc = self.doc;
        let (remaining, holds) = (&mut self.remaining, &mut self.holds);
        let mut add = |rev: Rev| {
            for c in doc.change_chain(rev) {
                remaining[c.0] += 1;
                holds[c.0] = true;
            }
        };
        let mut marks = Vec::new();
        crate::model::walk::walk_inlines(
            blocks,
            &mut |inlines| {
                for inline in inlines {
                    if let Some(rev) = piece_rev(inline) {
                        add(rev);
                    }
                }
            },
            &mut |mark| marks.push(mark),
        );
        for mark in marks {
            add(mark);
        }
    }

    fn count_inlines(&mut self, inlines: &[Inline]) {
        for rev in inlines.iter().filter_map(piece_rev) {
            for c in self.doc.change_chain(rev) {
                self.remaining[c.0] += 1;
                self.holds[c.0] = true;
            }
        }
    }

    /// A piece with revision `rev` is written.
    fn written(&mut self, rev: Rev) {
        self.fresh_groups.clear();
        for c in self.doc.change_chain(rev) {
            self.remaining[c.0] = self.remaining[c.0].saturating_sub(1);
        }
    }

    /// Whether all of the group's changes are written and closed.
    fn group_done(&self, g: GroupId) -> bool {
        let changes = &self.doc.group(g).changes;
        changes.iter().all(|c| self.remaining[c.0] == 0)
            && !self
                .open
                .iter()
                .any(|o| matches!(o, Open::Change(c) if changes.contains(c)))
    }

    /// A change closed: its group is attributed if this was its last
    /// change and its end came (or the whole document is written).
    fn closed(&mut self, c: ChangeId) {
        let g = self.doc.change(c).group;
        let due = self.whole || self.deferred.contains(&g);
        if due && !self.attributed[g.0] && self.group_done(g) {
            self.deferred.retain(|&d| d != g);
            self.attributions(g);
        }
        // A span that waited for this change ends after it.
        if self.remaining[c.0] == 0 {
            while let Some(&Open::Span(n)) = self.open.last() {
                if !self.spans_due.contains(&n) {
                    break;
                }
                self.open.pop();
                self.end_span(n);
            }
        }
    }

    /// `==}` and the span's note.
    fn end_span(&mut self, n: NoteId) {
        self.spans_due.retain(|&d| d != n);
        self.out.push_str("==}");
        let text = self.note_text(self.doc.note(n));
        self.out.push_str(&text);
    }

    fn front_matter(&mut self) {
        self.out.push_str("+++\n");
        self.out
            .push_str(&front_matter(&self.doc.meta, &self.doc.authors));
        self.out.push_str("+++\n");
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            if !matches!(block, Block::Paragraph(_)) {
                self.item_run = false;
            }
            match block {
                // A heading with no words (its break changed) has nothing
                // to head: a source writes it as the paragraph it is.
                Block::Heading(h) if !has_words(&h.content) => self.paragraph(&Paragraph {
                    kind: ParagraphKind::Plain,
                    content: h.content.clone(),
                    mark: h.mark,
                }),
                Block::Heading(h) => {
                    self.out.push_str(&"#".repeat(h.level.max(1) as usize));
                    self.out.push(' ');
                    self.inlines(&h.content, false);
                    if h.number.is_none() && h.level <= 2 {
                        self.out.push_str(" {-}");
                    }
                    self.mark(h.mark);
                }
                Block::Paragraph(p) => self.paragraph(p),
                Block::Point(p) => {
                    self.end_spans_before_fence();
                    let _ = writeln!(self.out, "::: point {}", p.number);
                    // A source's point holds no `:::` block: one a reader
                    // found inside it (a statement's list after a point's
                    // text, in a Word file) follows the point.
                    let cut = p
                        .blocks
                        .iter()
                        .position(|b| matches!(b, Block::Point(_) | Block::Statement(_)))
                        .unwrap_or(p.blocks.len());
                    self.blocks_in_container(&p.blocks[..cut]);
                    self.blocks(&p.blocks[cut..]);
                }
                Block::Statement(b) => {
                    self.end_spans_before_fence();
                    self.out.push_str("::: statement\n");
                    self.list_item = 0;
                    self.item_run = false;
                    self.blocks_in_container(b);
                }
                Block::Quote(b) => self.quote(b),
                Block::Table(t) => self.table(t),
            }
        }
    }

    /// A noted span still open cannot cross a `:::` fence: it ends with
    /// the text of the paragraph before the fence.
    fn end_spans_before_fence(&mut self) {
        if !self.open.iter().any(|o| matches!(o, Open::Span(_))) {
            return;
        }
        let text_end = self.out.trim_end_matches('\n').len();
        let breaks = self.out.len() - text_end;
        self.out.truncate(text_end);
        self.close_to(0);
        self.out.push_str(&"\n".repeat(breaks.max(1)));
    }

    fn blocks_in_container(&mut self, blocks: &[Block]) {
        self.blocks(blocks);
        if matches!(blocks.last(), Some(Block::Paragraph(_) | Block::Heading(_))) {
            self.end_spans_before_fence();
        }
        self.close_to(0);
        // A container's last paragraph ends with a blank line: the fence
        // goes right after its text.
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        self.out.push_str(":::\n\n");
    }

    fn paragraph(&mut self, p: &Paragraph) {
        match &p.kind {
            ParagraphKind::Plain => {}
            // Numbers are written as they are while they run on, so that a
            // reader of the source sees them; `#.` otherwise.
            ParagraphKind::Numbered(n) => {
                self.number += 1;
                let expected = if self.labels.is_some() {
                    *n
                } else {
                    self.number
                };
                write_number(&mut self.out, *n, expected);
            }
            ParagraphKind::ListItem(n) => {
                // A State's own list may restart at 1, and start at any
                // number where no item is before it (`source::body`).
                let follows = *n == 1 || *n == self.list_item + 1 || !self.item_run;
                self.list_item = if follows { *n } else { self.list_item + 1 };
                let expected = if self.labels.is_some() {
                    *n
                } else {
                    self.list_item
                };
                write_number(&mut self.out, *n, expected);
            }
            ParagraphKind::Sub { label, .. } => {
                let _ = write!(self.out, "({label}) ");
            }
            ParagraphKind::List(item) => write_list_label(&mut self.out, item),
        }
        self.item_run = match p.kind {
            ParagraphKind::ListItem(_) => true,
            ParagraphKind::List(_) | ParagraphKind::Sub { .. } => self.item_run,
            _ => false,
        };
        let at_line_start = matches!(p.kind, ParagraphKind::Plain);
        self.inlines(&p.content, at_line_start);
        self.mark(p.mark);
    }

    fn quote(&mut self, blocks: &[Block]) {
        let mut first = true;
        for block in blocks {
            let Block::Paragraph(p) = block else {
                // The reader makes quotes of paragraphs only; anything else
                // is written after the quote as it is.
                self.blocks(std::slice::from_ref(block));
                continue;
            };
            if !first {
                self.out.push_str(">\n");
            }
            first = false;
            self.out.push_str("> ");
            self.inlines(&p.content, false);
            self.close_for_mark(p.mark);
            self.out.push('\n');
        }
        self.out.push('\n');
    }

    fn table(&mut self, t: &Table) {
        if !t.is_pipe() {
            return self.grid_table(t);
        }
        let cells = |w: &mut Writer, row: &[Cell]| {
            w.out.push('|');
            for cell in row {
                w.out.push(' ');
                let start = w.out.len();
                w.inlines(&cell.paragraphs[0].content, false);
                w.close_to(0);
                let text = w.out.split_off(start);
                w.out.push_str(&escape_pipes(&text));
                w.out.push_str(" |");
            }
            w.out.push('\n');
        };
        cells(self, &t.header);
        self.out.push('|');
        for a in &t.align {
            self.out.push_str(match a {
                Align::Default => " --- |",
                Align::Left => " :--- |",
                Align::Center => " :---: |",
                Align::Right => " ---: |",
            });
        }
        self.out.push('\n');
        for row in &t.rows {
            cells(self, row);
        }
        self.out.push('\n');
    }

    /// A table of cells with several paragraphs or spans: a grid table
    /// (docs/source-format.md §6, "Tables"), each cell's paragraphs
    /// written as the body's are, a blank line between them.
    fn grid_table(&mut self, t: &Table) {
        let text = crate::grid::write_table(t, "", &mut |cell| {
            let start = self.out.len();
            for (i, p) in cell.paragraphs.iter().enumerate() {
                self.inlines(&p.content, false);
                if i + 1 < cell.paragraphs.len() {
                    self.mark(p.mark);
                }
            }
            self.close_to(0);
            self.out.split_off(start)
        });
        self.out.push_str(&text);
        self.out.push('\n');
    }

    fn footnotes(&mut self) {
        let mut number = 0;
        for f in &self.doc.footnotes {
            let label = match &f.mark {
                FootnoteMark::Number(_) => {
                    number += 1;
                    number.to_string()
                }
                FootnoteMark::Symbol(s) => s.clone(),
            };
            let _ = write!(self.out, "[^{label}]: ");
            self.inlines(&f.content, false);
            self.close_to(0);
            self.out.push_str("\n\n");
        }
    }

    /// The label a footnote reference is written with (see [`Self::footnotes`]).
    fn footnote_label(&self, id: FootnoteId) -> String {
        if let Some(label) = self.labels.and_then(|l| l.get(id.0)) {
            return label.clone();
        }
        match &self.doc.footnote(id).mark {
            FootnoteMark::Symbol(s) => s.clone(),
            FootnoteMark::Number(_) => {
                let n = self.doc.footnotes[..=id.0]
                    .iter()
                    .filter(|f| matches!(f.mark, FootnoteMark::Number(_)))
                    .count();
                n.to_string()
            }
        }
    }

    /// The end of a paragraph: the changes its mark is in stay open over
    /// the blank line.
    fn mark(&mut self, mark: Rev) {
        self.close_for_mark(mark);
        self.out.push_str("\n\n");
    }

    fn close_for_mark(&mut self, mark: Rev) {
        let want = self.doc.change_chain(mark);
        self.reach(&want);
        self.written(mark);
    }

    fn inlines(&mut self, inlines: &[Inline], at_line_start: bool) {
        let mut line_start = at_line_start;
        // The last character of text written in this paragraph: a space
        // of a change after it (or at the start) is one the reader would
        // fold away.
        let mut before: Option<char> = None;
        let mut i = 0;
        while i < inlines.len() {
            match &inlines[i] {
                Inline::Text(run) => {
                    // Runs side by side in one change are written together:
                    // their emphasis as it changes from one to the next.
                    let mut runs = vec![(run.text.as_str(), run.style)];
                    while let Some(Inline::Text(next)) = inlines.get(i + 1) {
                        if next.rev != run.rev {
                            break;
                        }
                        runs.push((next.text.as_str(), next.style));
                        self.written(next.rev);
                        i += 1;
                    }
                    let want = self.doc.change_chain(run.rev);
                    self.reach(&want);
                    self.written(run.rev);
                    let start = line_start && self.out.ends_with('\n');
                    // A change of one space alone keeps it without `\`
                    // (the reader's rule for `{++ ++}`).
                    let lone = runs.len() == 1
                        && run.text == " "
                        && !shares_change(inlines[..i].iter().rev(), run.rev)
                        && !shares_change(inlines[i + 1..].iter(), run.rev);
                    let keep = Keep {
                        spaces: run.rev != Rev::NONE && !lone,
                        before,
                    };
                    self.out.push_str(&styled_runs(&runs, start, keep));
                    before = runs.iter().rev().find_map(|(t, _)| t.chars().next_back());
                    line_start = false;
                }
                Inline::FootnoteRef { note, rev } => {
                    let want = self.doc.change_chain(*rev);
                    self.reach(&want);
                    self.written(*rev);
                    let label = self.footnote_label(*note);
                    let _ = write!(self.out, "[^{label}]");
                    line_start = false;
                }
                Inline::GroupStart(g) => {
                    let spans = self.open.iter().filter_map(|o| match o {
                        Open::Span(n) => Some((*n, *g)),
                        Open::Change(_) => None,
                    });
                    self.in_span.extend(spans.collect::<Vec<_>>());
                    self.fresh_groups.push(*g);
                }
                Inline::GroupEnd(g) => self.group_end(*g),
                Inline::StandingNote(n) => {
                    let note = self.doc.note(*n);
                    let text = self.note_text(note);
                    self.out.push_str(&text);
                    line_start = false;
                }
                Inline::SpanStart(n) => {
                    let fresh = self.fresh_groups.iter().map(|&g| (*n, g));
                    self.in_span.extend(fresh.collect::<Vec<_>>());
                    self.out.push_str("{==");
                    self.open.push(Open::Span(*n));
                    line_start = false;
                }
                Inline::SpanEnd(n) => {
                    if let Some(at) = self.open.iter().position(|o| *o == Open::Span(*n)) {
                        // A group begun inside it whose end came, its last
                        // change still to be written (over a mark).
                        let waiting = self
                            .in_span
                            .iter()
                            .any(|&(s, g)| s == *n && self.deferred.contains(&g));
                        let goes_on = waiting
                            || self.open[at + 1..]
                                .iter()
                                .any(|o| matches!(o, Open::Change(c) if self.remaining[c.0] > 0));
                        if goes_on {
                            self.spans_due.push(*n);
                        } else {
                            self.close_to(at + 1);
                            self.open.pop();
                            self.end_span(*n);
                        }
                    }
                }
            }
            i += 1;
        }
    }

    /// Close the group's changes (and anything inside them), then write its
    /// attributions.
    fn group_end(&mut self, g: GroupId) {
        let group = self.doc.group(g);
        if self.attributed[g.0] {
            return;
        }
        if !group.changes.iter().any(|c| self.holds[c.0]) {
            // Nothing of it is left to write (a reader dropped the mark it
            // changed): its reasons stand as notes, its codes go.
            self.attributed[g.0] = true;
            for a in &group.attributions {
                if let Some(n) = a.note {
                    let text = self.note_text(self.doc.note(n));
                    self.out.push_str(&text);
                }
            }
            return;
        }
        if group.changes.iter().any(|c| self.remaining[c.0] > 0) {
            if !self.deferred.contains(&g) {
                self.deferred.push(g);
            }
            return;
        }
        if let Some(at) = self
            .open
            .iter()
            .position(|o| matches!(o, Open::Change(c) if group.changes.contains(c)))
        {
            self.close_to(at);
        }
        self.attributions(g);
    }

    /// A group's attributions, `{>>US<<}{>>FR: reason<<}`.
    fn attributions(&mut self, g: GroupId) {
        if std::mem::replace(&mut self.attributed[g.0], true) {
            return;
        }
        let group = self.doc.group(g);
        for a in &group.attributions {
            let code = &self.doc.author(a.author).code;
            let text = a.note.map(|n| self.doc.note(n).text.as_str());
            self.out.push_str(&attribution(code, text));
        }
    }

    fn note_text(&self, note: &Note) -> String {
        attribution(&self.doc.author(note.author).code, Some(&note.text))
    }

    /// Open and close changes so that exactly `want` is open (noted spans
    /// stay open while the changes under them do).
    fn reach(&mut self, want: &[ChangeId]) {
        let mut matched = 0;
        let mut keep = 0;
        for (i, o) in self.open.iter().enumerate() {
            match o {
                Open::Span(_) => keep = i + 1,
                Open::Change(c) if want.get(matched) == Some(c) => {
                    matched += 1;
                    keep = i + 1;
                }
                Open::Change(_) => break,
            }
        }
        self.close_to(keep);
        for &c in &want[matched..] {
            self.out.push_str(match self.doc.change(c).kind {
                ChangeKind::Insertion => "{++",
                ChangeKind::Deletion => "{--",
            });
            self.open.push(Open::Change(c));
        }
    }

    /// Close what is open above `depth` (changes only: a span closes at
    /// its end, with its note).
    fn close_to(&mut self, depth: usize) {
        while self.open.len() > depth {
            match self.open.pop().expect("longer than depth") {
                Open::Change(c) => {
                    self.out.push_str(match self.doc.change(c).kind {
                        ChangeKind::Insertion => "++}",
                        ChangeKind::Deletion => "--}",
                    });
                    self.closed(c);
                }
                Open::Span(n) => self.end_span(n),
            }
        }
    }
}

/// Whether `inlines` hold any text but white space.
fn has_words(inlines: &[Inline]) -> bool {
    inlines
        .iter()
        .any(|i| matches!(i, Inline::Text(r) if !r.text.trim().is_empty()))
}

/// Whether the nearest piece of `pieces` is in one of `rev`'s changes.
fn shares_change<'i>(mut pieces: impl Iterator<Item = &'i Inline>, rev: Rev) -> bool {
    pieces.find_map(piece_rev).is_some_and(|r| {
        (rev.ins.is_some() && r.ins == rev.ins) || (rev.del.is_some() && r.del == rev.del)
    })
}

/// The revision of a piece a change holds: a text run or a footnote mark.
fn piece_rev(inline: &Inline) -> Option<Rev> {
    match inline {
        Inline::Text(run) => Some(run.rev),
        Inline::FootnoteRef { rev, .. } => Some(*rev),
        _ => None,
    }
}

fn write_number(out: &mut String, n: u32, expected: u32) {
    if n == expected {
        let _ = write!(out, "{n}. ");
    } else {
        out.push_str("#. ");
    }
}

/// A list item's marker as the parser reads it (`source::body`): four
/// spaces for each level below the first, `-` for `•`, two spaces after
/// an upper-case letter or numeral with a full stop (`A.  `).
fn write_list_label(out: &mut String, item: &ListItem) {
    out.push_str(&"    ".repeat(usize::from(item.level.saturating_sub(1))));
    match item.label {
        ListLabel::Bullet('•') => out.push_str("- "),
        ListLabel::Bullet(c) => {
            out.push(c);
            out.push(' ');
        }
        ListLabel::Number { style, form, .. } => {
            out.push_str(&item.label_text());
            let upper = matches!(style, NumberStyle::UpperLetter | NumberStyle::UpperRoman);
            out.push_str(if upper && form == LabelForm::Period {
                "  "
            } else {
                " "
            });
        }
    }
}

/// `{>>CODE<<}` or `{>>CODE: text<<}`.
pub fn attribution(code: &str, text: Option<&str>) -> String {
    match text.filter(|t| !t.trim().is_empty()) {
        Some(t) => format!("{{>>{code}: {}<<}}", escape_note(t)),
        None => format!("{{>>{code}<<}}"),
    }
}

/// One `[authors]` line: the short form where it says everything.
pub fn author_entry(a: &Author, doc_date: Date) -> String {
    let key = if a
        .code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        a.code.clone()
    } else {
        toml_string(&a.code)
    };
    let default_date = a.date == DateTime::from(doc_date);
    if default_date && a.aliases.is_empty() {
        return format!("{key} = {}", toml_string(&a.name));
    }
    let mut entry = format!("{key} = {{ name = {}", toml_string(&a.name));
    if !default_date {
        let _ = write!(entry, ", date = {}", a.date);
    }
    if !a.aliases.is_empty() {
        let list: Vec<String> = a.aliases.iter().map(|s| toml_string(s)).collect();
        let _ = write!(entry, ", aliases = [{}]", list.join(", "));
    }
    entry.push_str(" }");
    entry
}

/// Runs side by side, each with its emphasis: `*` and `**` toggle italics
/// and bold where the emphasis changes, so that emphasis on part of a
/// word stays one toggle per change (`j*um**ped***`, never the ambiguous
/// `j*um****ped***`). A toggle opens before a non-space and closes after
/// one: spaces at a change of emphasis stand outside it.
fn styled_runs(runs: &[(&str, Style)], line_start: bool, keep: Keep) -> String {
    let full: String = runs.iter().map(|(t, _)| *t).collect();
    // The same length: each line end is one space.
    let full = one_line(&full);
    let mut out = String::with_capacity(full.len() + 8);
    let mut open = Style::default();
    let mut spaces = String::new();
    let mut at = 0;
    for &(text, style) in runs {
        let range = at..at + text.len();
        at = range.end;
        let escaped = escape_range(&full, range, line_start, keep);
        let (lead, core, trail) = split_spaces(&escaped);
        if core.is_empty() {
            // Emphasis the spaces lack closes before them (what they have
            // and the text before lacks cannot open before a space).
            let kept = Style {
                italic: open.italic && style.italic,
                bold: open.bold && style.bold,
            };
            out.push_str(toggles(open, kept, false));
            open = kept;
            spaces.push_str(&escaped);
            continue;
        }
        out.push_str(toggles(open, style, false));
        out.push_str(&spaces);
        out.push_str(lead);
        out.push_str(toggles(open, style, true));
        out.push_str(core);
        spaces = trail.to_string();
        open = style;
    }
    out.push_str(toggles(open, Style::default(), false));
    out.push_str(&spaces);
    out
}

/// `escaped` as its leading spaces, the rest, and its trailing spaces,
/// a kept space `\ ` counted as a space (emphasis opens and closes on
/// the far side of it).
fn split_spaces(escaped: &str) -> (&str, &str, &str) {
    let mut start = 0;
    loop {
        let rest = &escaped[start..];
        if rest.starts_with("\\ ") {
            start += 2;
        } else if let Some(c) = rest.chars().next().filter(|c| c.is_whitespace()) {
            start += c.len_utf8();
        } else {
            break;
        }
    }
    let mut end = escaped.len();
    while end > start {
        let head = &escaped[start..end];
        if head.ends_with("\\ ") && !ends_escaped(&head[..head.len() - 2]) {
            end -= 2;
        } else if let Some(c) = head.chars().next_back().filter(|c| c.is_whitespace()) {
            end -= c.len_utf8();
        } else {
            break;
        }
    }
    (&escaped[..start], &escaped[start..end], &escaped[end..])
}

/// Whether `s` ends in an odd number of backslashes (its last one escapes
/// what follows).
fn ends_escaped(s: &str) -> bool {
    s.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
}

/// The markers that turn emphasis `from` into `to`: those that open
/// (`opening`) or those that close.
fn toggles(from: Style, to: Style, opening: bool) -> &'static str {
    let bold = from.bold != to.bold && to.bold == opening;
    let italic = from.italic != to.italic && to.italic == opening;
    match (bold, italic) {
        (true, true) => "***",
        (true, false) => "**",
        (false, true) => "*",
        (false, false) => "",
    }
}

/// Text as the reader reads it back: syntax characters escaped. At the
/// start of a line, the first character is escaped too when the line
/// would otherwise read as block markup (`# `, `12. `, `(a) `, `> `, …).
/// Control characters, which a source cannot hold, are left out (the
/// import warns of them where it finds them).
pub fn escape_text(text: &str, line_start: bool) -> String {
    let text = one_line(text);
    escape_range(&text, 0..text.len(), line_start, Keep::default())
}

/// Text with its line ends as spaces (a paragraph's text is one line of
/// a source; a manual line break is [`LINE_BREAK`]).
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['\n', '\r']) {
        text.replace(['\n', '\r'], " ").into()
    } else {
        text.into()
    }
}

/// Which spaces the writer keeps from folding with `\ `: in a change
/// (`spaces`), a space at a paragraph's start or after another space
/// (`before` is the text's character before the range, if any), since
/// each of a change's characters is its author's (`{++ \ ++}` inserts
/// two spaces, `Hello {--\ Del --}` deletes the space after a space).
#[derive(Debug, Clone, Copy, Default)]
struct Keep {
    spaces: bool,
    before: Option<char>,
}

/// [`escape_text`] of the characters of `text` in `range`, read in
/// context: whether `-` starts `--` depends on what follows the range.
/// `text` is [`one_line`] already.
fn escape_range(text: &str, range: std::ops::Range<usize>, line_start: bool, keep: Keep) -> String {
    let mut out = String::with_capacity(range.len() + 8);
    if line_start && range.start == 0 && starts_block_syntax(text) {
        out.push('\\');
    }
    let bytes = text.as_bytes();
    for (i, c) in text[range.clone()].char_indices() {
        let i = i + range.start;
        if c.is_control() && c != '\t' {
            continue;
        }
        if c == LINE_BREAK {
            // A manual line break: `\` ending the line; the next line is
            // read as the paragraph's, so it is escaped as a line start.
            out.push_str("\\\n");
            if starts_block_syntax(&text[i + c.len_utf8()..]) {
                out.push('\\');
            }
            continue;
        }
        let rest = &bytes[i..];
        let before = text[..i].chars().next_back().or(keep.before);
        let escape = match c {
            ' ' => keep.spaces && before.is_none_or(char::is_whitespace),
            '\\' | '*' | '"' | '\'' | '{' => true,
            '[' => rest.starts_with(b"[^"),
            '-' => rest.starts_with(b"--"),
            '+' => rest.starts_with(b"++}"),
            '~' => rest.starts_with(b"~~}") || rest.starts_with(b"~>"),
            '=' => rest.starts_with(b"==}"),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn starts_block_syntax(text: &str) -> bool {
    let t = text.trim_start();
    if t.starts_with([':', '|', '>', '#', '[', '(']) {
        return true;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && t[digits..].starts_with('.') {
        return true;
    }
    // A list item's marker and a space: a bullet, `a)`, `iv.`, `A.` (read
    // as a marker or not where it stands: the escape is harmless).
    let parted =
        |rest: &str| rest.is_empty() || rest.starts_with([' ', '\t', '\u{a0}', '\u{202f}']);
    if let Some(c) = t
        .chars()
        .next()
        .filter(|c| *c == '-' || BULLETS.contains(c))
    {
        return parted(&t[c.len_utf8()..]);
    }
    let word = t.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let marker = &t[..word];
    let lower = marker.to_ascii_lowercase();
    let same_case = marker.bytes().all(|b| b.is_ascii_digit())
        || marker.bytes().all(|b| b.is_ascii_lowercase())
        || marker.bytes().all(|b| b.is_ascii_uppercase());
    let a_number = marker.bytes().all(|b| b.is_ascii_digit())
        || marker.bytes().all(|b| b == marker.as_bytes()[0])
        || lower.bytes().all(|b| b"ivxlcdm".contains(&b));
    // An upper-case letter or numeral with a full stop is a marker only
    // before two spaces or a tab (`A. Smith` is not).
    let upper_stop = marker.bytes().all(|b| b.is_ascii_uppercase()) && t[word..].starts_with('.');
    let after = t.get(word + 1..).unwrap_or("");
    (1..=6).contains(&word)
        && same_case
        && a_number
        && t[word..].starts_with([')', '.'])
        && parted(after)
        && (!upper_stop || after.starts_with("  ") || after.starts_with('\t'))
}

/// The text of a note inside `{>>…<<}`: the reader folds spaces, makes
/// quotes typographic and takes `\` as an escape, and `<<}` would end it.
fn escape_note(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
            continue;
        }
        let rest = &bytes[i..];
        let escape = match c {
            '\\' | '"' | '\'' => true,
            '-' => rest.starts_with(b"--"),
            '<' => i > 0 && bytes[i - 1] == b'<',
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

/// In a table cell, `|` ends the cell unless escaped.
fn escape_pipes(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut prev_backslash = false;
    for c in cell.chars() {
        if c == '|' && !prev_backslash {
            out.push('\\');
        }
        prev_backslash = c == '\\' && !prev_backslash;
        out.push(c);
    }
    out
}
