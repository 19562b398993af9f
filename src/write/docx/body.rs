//! The model's blocks and inlines as WordprocessingML ([`wml`]): the
//! body's paragraphs and tables, runs with their revisions, comment
//! ranges, footnote references, and the footnotes they make.

use super::error::Error;
use super::marks;
use super::threads::CommentOut;
use super::units::twips;
use super::wml::{self, clean};
use crate::house::style::HouseStyle;
use crate::model::LINE_BREAK;
use crate::model::*;
use crate::ooxml::style::{CharacterStyle, ParagraphStyle};
use crate::present;
use crate::present::script::Families;
use std::collections::{HashMap, HashSet};

/// A list item's `w:numId` and `w:ilvl` ([`super::lists`]).
type ListNum = (u32, u8);

/// Comment ranges within one story (the body, or one footnote): which
/// ranges close in it, and which are open, by group and note id.
///
/// Sets and maps, not vectors as long as the document's groups and notes:
/// a story is made for every footnote, and such vectors made the DOCX
/// writer quadratic (footnotes × groups) on large documents.
struct CommentRanges {
    /// How many groups and notes the document has: ids beyond are ignored.
    groups: usize,
    notes: usize,
    group_end: HashSet<usize>,
    span_end: HashSet<usize>,
    group_started: HashSet<usize>,
    open_groups: HashMap<usize, Vec<usize>>,
    open_spans: HashMap<usize, usize>,
    /// A noted span around another on the same text (`{=={==a==}{>>Q<<}==}{>>R<<}`)
    /// is a reply to it: outer note → inner note.
    replies: HashMap<usize, usize>,
    /// Replies whose span has started, waiting for the comment they answer.
    waiting: Vec<usize>,
}

impl CommentRanges {
    fn new(doc: &Document) -> CommentRanges {
        CommentRanges {
            groups: doc.groups.len(),
            notes: doc.notes.len(),
            group_end: HashSet::new(),
            span_end: HashSet::new(),
            group_started: HashSet::new(),
            open_groups: HashMap::new(),
            open_spans: HashMap::new(),
            replies: HashMap::new(),
            waiting: Vec::new(),
        }
    }

    /// Notes which ranges close in this story; call with each of its
    /// inline sequences before writing it.
    fn scan(&mut self, inlines: &[Inline]) {
        for (i, pair) in inlines.windows(2).enumerate() {
            let [Inline::SpanStart(outer), Inline::SpanStart(inner)] = pair else {
                continue;
            };
            let end = inlines[i + 2..]
                .iter()
                .position(|x| *x == Inline::SpanEnd(*inner))
                .map(|j| i + 2 + j);
            if end.is_some_and(|j| inlines.get(j + 1) == Some(&Inline::SpanEnd(*outer))) {
                self.replies.insert(outer.0, inner.0);
            }
        }
        for inline in inlines {
            match inline {
                Inline::GroupEnd(g) if g.0 < self.groups => {
                    self.group_end.insert(g.0);
                }
                Inline::SpanEnd(n) if n.0 < self.notes => {
                    self.span_end.insert(n.0);
                }
                _ => {}
            }
        }
    }
}

/// The story the writer is in: the body, or a footnote, whose revisions
/// are counted with the footnotes part and whose comments go to its
/// reference in the body.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Place {
    Body,
    Footnote,
}

/// Where a block stands, which decides the style of its paragraphs.
#[derive(Clone, Copy, Default)]
struct Context {
    quote: bool,
    /// Inside a statement: its plain paragraphs are `StatementText`.
    statement: bool,
    /// Whether a paragraph follows these blocks in the body (see
    /// [`marks::starts_with_paragraph`]).
    then_paragraph: bool,
}

/// Writes the body (and the footnotes it refers to) as WordprocessingML,
/// collecting the comments it anchors.
pub(crate) struct BodyWriter<'a> {
    doc: &'a Document,
    style: &'static HouseStyle,
    text_width: f32,
    pub comments: Vec<CommentOut>,
    /// The footnotes as written so far (`w:footnote` elements, in id
    /// order), their revision ids placeholders like the body's.
    pub notes_xml: Vec<u8>,
    /// How many revision id placeholders `notes_xml` holds.
    pub note_revisions: u32,
    /// Footnote ids (as in `footnotes.xml`) of the model's footnotes, once
    /// referenced.
    footnote_ids: Vec<Option<u32>>,
    next_footnote: u32,
    /// The number of the first numbered paragraph: where Word's numbering starts.
    pub first_number: Option<u32>,
    /// The story being written: a flag scoped to [`Self::in_footnote`],
    /// which sets it and puts it back (pandoc's `WriterEnv`).
    place: Place,
    /// The comments the footnote being written makes (an accumulator,
    /// pandoc's `WriterState`): they are anchored at the footnote's
    /// reference in the text instead, since LibreOffice (7.4) cannot open
    /// a file with comments in footnotes.
    note_comments: Vec<usize>,
    /// The body's paragraphs and tables (the masthead's first), written as
    /// each block is finished; revision ids in it are placeholders,
    /// numbered once the comments are all known ([`super::revision_ids`]).
    pub body_xml: Vec<u8>,
    /// How many revision id placeholders `body_xml` holds.
    pub revisions: u32,
    /// Each author's revision attributes ([`wml::revision_attributes`]).
    revision_attributes: Vec<Vec<u8>>,
    /// The paragraphs joined by changed marks so far ([`marks::Chain`]).
    chain: marks::Chain,
    /// The document's lists, as Word numbers them.
    pub lists: crate::model::lists::Lists,
    /// How many list items are written so far.
    list_items: usize,
    /// Where the blocks start in the buffer they are written to: no
    /// masthead paragraph's mark is taken ([`Self::take_previous_mark`]).
    blocks_start: usize,
}

impl<'a> BodyWriter<'a> {
    pub fn new(doc: &'a Document, style: &'static HouseStyle, text_width: f32) -> BodyWriter<'a> {
        BodyWriter {
            doc,
            style,
            text_width,
            comments: Vec::new(),
            notes_xml: Vec::new(),
            note_revisions: 0,
            footnote_ids: vec![None; doc.footnotes.len()],
            next_footnote: 1,
            first_number: None,
            place: Place::Body,
            note_comments: Vec::new(),
            body_xml: Vec::new(),
            revisions: 0,
            revision_attributes: doc.authors.iter().map(wml::revision_attributes).collect(),
            chain: marks::Chain::default(),
            lists: crate::model::lists::Lists::of(&doc.blocks),
            list_items: 0,
            blocks_start: 0,
        }
    }

    /// The revision attributes of the author of change `id`.
    fn revision_by(&self, id: ChangeId) -> &[u8] {
        &self.revision_attributes[self.doc.change(id).author.0]
    }

    fn new_comment(&mut self, author: AuthorId, text: String, parent: Option<usize>) -> usize {
        self.comments.push(CommentOut {
            author,
            text,
            parent,
        });
        self.comments.len() - 1
    }

    /// The comments a change group carries ([`present::group_comments`]):
    /// the first opens the group's thread, the others are replies in it.
    fn group_comments(&mut self, g: GroupId) -> Vec<usize> {
        let mut parent = None;
        present::group_comments(self.doc, g)
            .into_iter()
            .map(|c| {
                let id = self.new_comment(c.author, c.text, parent.filter(|_| c.reply));
                parent.get_or_insert(id);
                id
            })
            .collect()
    }

    fn note_comment(&mut self, n: NoteId) -> Option<usize> {
        let doc = self.doc;
        let note = doc.notes.get(n.0)?;
        let text = present::named_comment(doc, note.author, &note.text);
        Some(self.new_comment(note.author, text, None))
    }

    /// Whether any footnote was written.
    pub fn has_footnotes(&self) -> bool {
        self.next_footnote > 1
    }

    /// Every block of the document, written straight as WordprocessingML
    /// ([`wml`]) into `body_xml`, after what is there (the masthead).
    pub fn body(&mut self) -> Result<(), Error> {
        let doc = self.doc;
        let mut story = CommentRanges::new(doc);
        crate::model::walk::walk_inlines(&doc.blocks, &mut |i| story.scan(i), &mut |_| {});
        let mut out = std::mem::take(&mut self.body_xml);
        self.blocks_start = out.len();
        let done = self.blocks(&mut story, &doc.blocks, Context::default(), &mut out);
        self.body_xml = out;
        done
    }

    fn blocks(
        &mut self,
        story: &mut CommentRanges,
        blocks: &[Block],
        cx: Context,
        out: &mut Vec<u8>,
    ) -> Result<(), Error> {
        self.chain = marks::Chain::default();
        for (i, block) in blocks.iter().enumerate() {
            let then_paragraph =
                marks::starts_with_paragraph(&blocks[i + 1..]).unwrap_or(cx.then_paragraph);
            let inner = Context {
                then_paragraph,
                ..cx
            };
            if !matches!(block, Block::Paragraph(_)) {
                self.chain = marks::Chain::default();
            }
            match block {
                Block::Heading(h) => {
                    let number = present::heading_number(self.doc.meta.language, h);
                    // A chapter or section without a number starts at the
                    // text's edge, as in the PDF, not where numbers hang.
                    let b = &self.style.body;
                    let indent = (number.is_none() && h.level <= 2)
                        .then(|| (twips(b.indent), twips(b.right_indent)));
                    self.start_paragraph_indented(
                        out,
                        ParagraphStyle::heading(h.level),
                        indent,
                        h.mark,
                    );
                    if let Some(n) = number {
                        label_run(out, &n, false);
                    }
                    self.inlines(story, out, &h.content, present::Edges::NONE)?;
                    wml::end_paragraph(out);
                }
                Block::Paragraph(para) => {
                    let edges = present::Edges::of_paragraph(blocks, i);
                    self.paragraph(story, para, (inner, edges), out)?
                }
                Block::Point(point) => {
                    let heading = present::point_heading(&self.doc.meta, point.number);
                    // A point every word of which one side removes: its
                    // heading goes with it on Accept All (Reject All), as
                    // the accepted (original) view drops it.
                    let rev = whole_point(&point.blocks);
                    self.start_paragraph(out, ParagraphStyle::PointHeading, None, rev);
                    if rev.is_none() {
                        wml::plain_run(out, &heading);
                    } else {
                        let mut pending = Pending {
                            rev,
                            ..Pending::default()
                        };
                        text_runs(
                            &mut pending.runs,
                            &heading,
                            Style::default(),
                            rev.del.is_some(),
                            None,
                        );
                        self.flush(out, &mut pending);
                    }
                    wml::end_paragraph(out);
                    self.blocks(story, &point.blocks, inner, out)?;
                }
                // A statement's paragraphs are unnumbered by construction
                // (the parser gives them Plain or ListItem kinds).
                Block::Statement(blocks) => {
                    let statement = Context {
                        statement: true,
                        ..inner
                    };
                    self.blocks(story, blocks, statement, out)?
                }
                Block::Quote(blocks) => {
                    let quote = Context {
                        quote: true,
                        ..inner
                    };
                    self.blocks(story, blocks, quote, out)?
                }
                Block::Table(t) => self.table(story, t, out)?,
            }
            if !matches!(block, Block::Paragraph(_)) {
                self.chain = marks::Chain::default();
            }
        }
        Ok(())
    }

    /// A paragraph; one that a change wholly deletes or inserts takes its
    /// mark and label with it ([`marks`]) when another paragraph follows.
    fn paragraph(
        &mut self,
        story: &mut CommentRanges,
        para: &crate::model::Paragraph,
        (cx, edges): (Context, present::Edges),
        out: &mut Vec<u8>,
    ) -> Result<(), Error> {
        let (style, label) = self.paragraph_style(&para.kind, cx);
        // A paragraph of standing notes alone would be an empty paragraph
        // once every change is accepted or rejected (comments stay; the
        // views drop it): its comments end the paragraph before instead.
        if crate::model::lists::joins_previous(para) && out.ends_with(END_PARAGRAPH) {
            self.chain = marks::Chain::default();
            out.truncate(out.len() - END_PARAGRAPH.len());
            self.inlines(story, out, &para.content, edges)?;
            wml::end_paragraph(out);
            return Ok(());
        }
        let whole = self.chain.whole_paragraph(&para.content, para.mark);
        // The last paragraph, or one before a table, keeps its mark: the
        // mark of the paragraph before it goes instead, as Word writes it.
        let whole = match whole {
            Some(w) if !cx.then_paragraph => para.mark.is_none().then(|| {
                self.take_previous_mark(out, w.mark);
                marks::Whole {
                    mark: Rev::NONE,
                    ..w
                }
            }),
            other => other,
        };
        let mark = whole.map_or(para.mark, |w| w.mark);
        let num = match &para.kind {
            ParagraphKind::List(_) => {
                let place = self.lists.items[self.list_items];
                self.list_items += 1;
                Some(super::lists::num_of(place))
            }
            _ => None,
        };
        self.open_paragraph(out, (style, None, num), None, mark);
        if let Some(label) = label {
            let mut pending = Pending {
                rev: whole.map_or(Rev::NONE, |w| w.label),
                runs: Vec::new(),
            };
            label_run(&mut pending.runs, &label, pending.rev.del.is_some());
            self.flush(out, &mut pending);
        }
        self.inlines(story, out, &para.content, edges)?;
        wml::end_paragraph(out);
        Ok(())
    }

    /// Gives the mark of the paragraph written last (or, where its mark
    /// already goes the same way, of the first before it whose mark stays)
    /// the revision `rev` of a wholly deleted or inserted paragraph that
    /// cannot lose its own mark; nothing when no paragraph precedes it.
    fn take_previous_mark(&mut self, out: &mut Vec<u8>, rev: Rev) {
        let mut end = out.len();
        while out[..end].ends_with(END_PARAGRAPH) {
            let Some(start) = find_last(&out[..end], b"<w:p>").filter(|&s| s >= self.blocks_start)
            else {
                return;
            };
            let Some(props_end) = find_last(&out[start..end], b"</w:pPr>").map(|p| start + p)
            else {
                return;
            };
            let props = &out[start..props_end];
            let goes = |name: &[u8]| find_last(props, name).is_some();
            if (rev.del.is_some() && goes(b"<w:del ")) || (rev.ins.is_some() && goes(b"<w:ins ")) {
                end = start;
                continue;
            }
            // A mark that goes the other way keeps it: LibreOffice reads
            // one revision of a mark, not an insertion and a deletion.
            if goes(b"<w:rPr>") {
                return;
            }
            let mut tags = b"<w:rPr>".to_vec();
            for (name, change) in [("w:ins", rev.ins), ("w:del", rev.del)] {
                if let Some(c) = change {
                    self.count_revisions(1);
                    wml::revision_mark(&mut tags, name, self.revision_by(c));
                }
            }
            tags.extend_from_slice(b"</w:rPr>");
            out.splice(props_end..props_end, tags);
            return;
        }
    }

    fn paragraph_style(
        &mut self,
        kind: &ParagraphKind,
        cx: Context,
    ) -> (ParagraphStyle, Option<String>) {
        match kind {
            ParagraphKind::Plain if cx.quote => (ParagraphStyle::Quote, None),
            ParagraphKind::Plain if cx.statement => (ParagraphStyle::StatementText, None),
            ParagraphKind::Plain => (ParagraphStyle::BodyText, None),
            ParagraphKind::Numbered(n) => {
                self.first_number.get_or_insert(*n);
                (ParagraphStyle::NumberedParagraph, None)
            }
            ParagraphKind::Sub { level, label } => {
                let label =
                    clean(&present::sub_label(self.doc.meta.language, *level, label)).into_owned();
                let style = if *level <= 1 {
                    ParagraphStyle::Subparagraph
                } else {
                    ParagraphStyle::Subparagraph2
                };
                (style, Some(label))
            }
            ParagraphKind::ListItem(n) => {
                (ParagraphStyle::StatementListItem, Some(format!("{n}.")))
            }
            // Word numbers a list's items ([`super::lists`]).
            ParagraphKind::List(_) if cx.statement => (ParagraphStyle::StatementText, None),
            ParagraphKind::List(_) => (ParagraphStyle::BodyText, None),
        }
    }

    /// Opens a paragraph; `rev` is its mark's revision: the break after
    /// the paragraph inserted or deleted with the change that spans it.
    fn start_paragraph(
        &mut self,
        out: &mut Vec<u8>,
        style: ParagraphStyle,
        align: Option<&str>,
        rev: Rev,
    ) {
        self.open_paragraph(out, (style, None, None), align, rev);
    }

    /// [`Self::start_paragraph`] with left and right indents (twips) of its own.
    fn start_paragraph_indented(
        &mut self,
        out: &mut Vec<u8>,
        style: ParagraphStyle,
        indent: Option<(i64, i64)>,
        rev: Rev,
    ) {
        self.open_paragraph(out, (style, indent, None), None, rev);
    }

    fn open_paragraph(
        &mut self,
        out: &mut Vec<u8>,
        (style, indent, num): (ParagraphStyle, Option<(i64, i64)>, Option<ListNum>),
        align: Option<&str>,
        rev: Rev,
    ) {
        self.count_revisions(rev.ins.is_some() as u32 + rev.del.is_some() as u32);
        let inserted = rev.ins.map(|c| self.revision_by(c));
        let deleted = rev.del.map(|c| self.revision_by(c));
        wml::start_paragraph(
            out,
            &wml::ParagraphProps {
                style,
                indent,
                num,
                align,
                inserted,
                deleted,
            },
        );
    }

    /// Counts revision id placeholders written to the body, or to the
    /// footnote being written (numbered with the footnotes part).
    fn count_revisions(&mut self, n: u32) {
        match self.place {
            Place::Body => self.revisions += n,
            Place::Footnote => self.note_revisions += n,
        }
    }

    /// Runs `write` with the writer in a footnote, and returns what it
    /// gives with the comments made meanwhile; the writer is back where it
    /// was after.
    fn in_footnote<T>(&mut self, write: impl FnOnce(&mut Self) -> T) -> (T, Vec<usize>) {
        let outer = std::mem::replace(&mut self.place, Place::Footnote);
        let made_before = self.note_comments.len();
        let written = write(self);
        self.place = outer;
        let made = self.note_comments.split_off(made_before);
        (written, made)
    }

    fn table(
        &mut self,
        story: &mut CommentRanges,
        t: &crate::model::Table,
        out: &mut Vec<u8>,
    ) -> Result<(), Error> {
        let columns = t.columns();
        let b = &self.style.body;
        let text = (self.text_width - b.indent - b.right_indent).max(72.0);
        // The table stands where the text block does. `w:tblInd` counts
        // from the left even in an Arabic document (LibreOffice's print
        // moves the table right as it grows, with or without
        // `w:bidiVisual`): there it is the block's end-side indent, which
        // on a Vienna page differs from the start side's.
        let indent = if self.doc.meta.language == Language::Ar {
            b.right_indent
        } else {
            b.indent
        };
        let width = (text / columns as f32).max(1.0);
        let width = twips(width) as usize;
        let header = !t.header.is_empty();
        let placed = t.placed();
        let rows: Vec<&Vec<(usize, &crate::model::Cell)>> = placed
            .iter()
            .enumerate()
            .filter(|(i, _)| *i > 0 || header)
            .map(|(_, r)| r)
            .collect();
        // A table with no rows is no table (Word rejects one).
        if rows.is_empty() {
            return Ok(());
        }
        // Borders on the table itself, not from a table style: LibreOffice
        // applies table styles as formatting at import and, with track
        // changes on, records that as revisions by an unknown author. A
        // rule above and below the table and under the header row, as the
        // PDF draws them; the header bold and repeated on each page.
        let rule = self.style.pdf.table_rule_width;
        wml::start_table(out, (columns, width), twips(indent) as i32, rule);
        // Per grid column: the rows a merged cell from above still covers
        // and its column span.
        let mut covered: Vec<(usize, usize)> = vec![(0, 1); columns];
        for (r, cells) in rows.into_iter().enumerate() {
            let head = header && r == 0;
            wml::start_row(out, head);
            let style = if head {
                ParagraphStyle::TableHeader
            } else {
                ParagraphStyle::TableText
            };
            let mut starts = cells.iter().peekable();
            let mut c = 0;
            while c < columns {
                let cell = starts.next_if(|(at, _)| *at == c).map(|(_, cell)| *cell);
                let (span, merge) = match cell {
                    Some(cell) => {
                        let span = cell.colspan.clamp(1, columns - c);
                        let merge = (cell.rowspan > 1).then_some(wml::VMerge::Restart);
                        covered[c] = (cell.rowspan.max(1), span);
                        (span, merge)
                    }
                    // A merged cell from above goes on over this row.
                    None if covered[c].0 > 0 => (covered[c].1, Some(wml::VMerge::Continue)),
                    None => (1, None),
                };
                wml::start_cell(out, width * span, head.then_some(rule), (span, merge));
                let align = match t.align.get(c) {
                    Some(Align::Center) => Some("center"),
                    Some(Align::Right) => Some("right"),
                    _ => None,
                };
                match cell {
                    Some(cell) => {
                        let mut before = Rev::NONE;
                        for p in &cell.paragraphs {
                            let edges = present::Edges {
                                before,
                                after: p.mark,
                                next: [None, None],
                            };
                            before = p.mark;
                            self.start_paragraph(out, style, align, p.mark);
                            self.inlines(story, out, &p.content, edges)?;
                            wml::end_paragraph(out);
                        }
                    }
                    None => {
                        self.start_paragraph(out, style, align, Rev::default());
                        wml::end_paragraph(out);
                    }
                }
                wml::end_cell(out);
                c += span;
            }
            for slot in &mut covered {
                slot.0 = slot.0.saturating_sub(1);
            }
            wml::end_row(out);
        }
        wml::end_table(out);
        Ok(())
    }

    /// Writes inline content into the open paragraph: runs grouped by
    /// revision, comment ranges, footnote references.
    fn inlines(
        &mut self,
        story: &mut CommentRanges,
        out: &mut Vec<u8>,
        inlines: &[Inline],
        edges: present::Edges,
    ) -> Result<(), Error> {
        // Spaces held as Word's editing holds them, so that Accept All and
        // Reject All leave the views' text (`present::word_spaces`).
        let spaced: Vec<Inline> = present::written(self.doc, inlines, edges);
        let inlines = &spaced[..];
        // The runs of the current revision, not yet written: consecutive
        // runs with one revision share one w:ins / w:del.
        let mut pending = Pending::default();
        let families = self.families(inlines);
        // Where the next text run starts in the text `families` is of.
        let mut start = 0;
        for inline in inlines {
            match inline {
                Inline::Text(run) => {
                    self.flush_unless(out, &mut pending, run.rev);
                    text_runs(
                        &mut pending.runs,
                        &run.text,
                        run.style,
                        run.rev.del.is_some(),
                        families.as_ref().map(|f| (f, start)),
                    );
                    start += run.text.len();
                }
                Inline::FootnoteRef { note, rev } => {
                    self.flush_unless(out, &mut pending, *rev);
                    let mut reference = Vec::new();
                    let comments = self.footnote_ref(*note, &mut reference)?;
                    if comments.is_empty() {
                        pending.runs.append(&mut reference);
                    } else {
                        // The note's comments stand right after its
                        // reference, which is a revision of its own.
                        self.flush(out, &mut pending);
                        pending.runs = reference;
                        self.flush(out, &mut pending);
                        comment_points(out, &comments);
                    }
                }
                marker => {
                    self.flush(out, &mut pending);
                    self.marker(story, out, marker);
                }
            }
        }
        self.flush(out, &mut pending);
        Ok(())
    }

    /// The family of each character of the text of `inlines` (their text
    /// runs joined, deleted and inserted text alike, as the PDF sets them)
    /// in an Arabic document, when it holds Latin words.
    fn families(&self, inlines: &[Inline]) -> Option<Families> {
        if self.doc.meta.language != Language::Ar {
            return None;
        }
        wml::arabic_families(&Inline::text_of(inlines))
    }

    fn marker(&mut self, story: &mut CommentRanges, out: &mut Vec<u8>, marker: &Inline) {
        if self.place == Place::Footnote {
            self.note_marker(story, marker);
            return;
        }
        let point = |out: &mut Vec<u8>, ids: &[usize]| comment_points(out, ids);
        match marker {
            Inline::GroupStart(g) => {
                let ids = self.group_comments(*g);
                if story.group_end.contains(&g.0) {
                    for &id in &ids {
                        wml::comment_start(out, id);
                    }
                    story.group_started.insert(g.0);
                    story.open_groups.insert(g.0, ids);
                } else {
                    point(out, &ids);
                }
            }
            Inline::GroupEnd(g) => {
                let started = story.group_started.contains(&g.0);
                let open = story.open_groups.remove(&g.0).unwrap_or_default();
                if !started {
                    let ids = self.group_comments(*g);
                    point(out, &ids);
                } else {
                    // Replies end inside their thread's first comment.
                    for &id in open.iter().rev() {
                        wml::comment_end(out, id, CharacterStyle::CommentReference);
                    }
                }
            }
            Inline::StandingNote(n) => {
                if let Some(id) = self.note_comment(*n) {
                    point(out, &[id]);
                }
            }
            Inline::SpanStart(n) if story.replies.contains_key(&n.0) => {
                story.waiting.push(n.0);
            }
            Inline::SpanStart(n) => {
                if let Some(id) = self.note_comment(*n) {
                    if story.span_end.contains(&n.0) {
                        wml::comment_start(out, id);
                        story.open_spans.insert(n.0, id);
                        self.answer(story, out, n.0, id);
                    } else {
                        point(out, &[id]);
                    }
                }
            }
            Inline::SpanEnd(n) => match story.open_spans.remove(&n.0) {
                Some(id) => wml::comment_end(out, id, CharacterStyle::CommentReference),
                None => {
                    if let Some(id) = self.note_comment(*n) {
                        point(out, &[id]);
                    }
                }
            },
            Inline::Text(_) | Inline::FootnoteRef { .. } => {}
        }
    }

    /// The replies waiting for note `n` (comment `id`), and theirs in turn:
    /// their ranges start here, each a reply in the thread `id` opens
    /// (`commentsExtended.xml`), so Word and LibreOffice show the answer
    /// under the question.
    fn answer(&mut self, story: &mut CommentRanges, out: &mut Vec<u8>, n: usize, id: usize) {
        let root = self.comments[id].parent.unwrap_or(id);
        let mut answered = vec![n];
        while let Some(k) = story
            .waiting
            .iter()
            .position(|w| answered.contains(&story.replies[w]))
        {
            let reply = story.waiting.remove(k);
            let note = &self.doc.notes[reply];
            let text = present::named_comment(self.doc, note.author, &note.text);
            let rid = self.new_comment(note.author, text, Some(root));
            wml::comment_start(out, rid);
            story.open_spans.insert(reply, rid);
            answered.push(reply);
        }
    }

    /// A marker inside a footnote: its comments are made, to be anchored
    /// at the footnote reference.
    fn note_marker(&mut self, story: &mut CommentRanges, marker: &Inline) {
        let ids = match marker {
            Inline::GroupStart(g) => {
                if g.0 < story.groups {
                    story.group_started.insert(g.0);
                }
                self.group_comments(*g)
            }
            Inline::GroupEnd(g) if g.0 < story.groups && !story.group_started.contains(&g.0) => {
                self.group_comments(*g)
            }
            Inline::StandingNote(n) => self.note_comment(*n).into_iter().collect(),
            Inline::SpanStart(n) => {
                let id = self.note_comment(*n);
                if n.0 < story.notes {
                    match id {
                        Some(id) => story.open_spans.insert(n.0, id),
                        None => story.open_spans.remove(&n.0),
                    };
                }
                id.into_iter().collect()
            }
            Inline::SpanEnd(n) => match story.open_spans.remove(&n.0) {
                Some(_) => Vec::new(),
                None => self.note_comment(*n).into_iter().collect(),
            },
            _ => Vec::new(),
        };
        self.note_comments.extend(ids);
    }

    /// Writes the pending runs if their revision is not `rev`, and makes
    /// `rev` the pending one.
    fn flush_unless(&mut self, out: &mut Vec<u8>, pending: &mut Pending, rev: Rev) {
        if pending.rev != rev {
            self.flush(out, pending);
            pending.rev = rev;
        }
    }

    /// Writes the pending runs, inside a `w:ins` and/or `w:del` by the
    /// authors of their revision.
    fn flush(&mut self, out: &mut Vec<u8>, pending: &mut Pending) {
        if pending.runs.is_empty() {
            return;
        }
        let rev = pending.rev;
        self.count_revisions(rev.ins.is_some() as u32 + rev.del.is_some() as u32);
        let inserted = rev.ins.map(|c| self.revision_by(c));
        let deleted = rev.del.map(|c| self.revision_by(c));
        if let Some(a) = inserted {
            wml::revision_start(out, "w:ins", a);
        }
        if let Some(a) = deleted {
            wml::revision_start(out, "w:del", a);
        }
        out.append(&mut pending.runs);
        if deleted.is_some() {
            wml::revision_end(out, "w:del");
        }
        if inserted.is_some() {
            wml::revision_end(out, "w:ins");
        }
    }

    /// A footnote reference, written as a run into `runs`: the note's
    /// first reference makes the note; a later one repeats its mark.
    /// Returns the comments made in the note, to anchor at the reference.
    fn footnote_ref(&mut self, note: FootnoteId, runs: &mut Vec<u8>) -> Result<Vec<usize>, Error> {
        let Some(footnote) = self.doc.footnotes.get(note.0) else {
            return Ok(Vec::new());
        };
        let reference = wml::RunProps {
            style: Some(CharacterStyle::FootnoteReference),
            ..Default::default()
        };
        if self.footnote_ids[note.0].is_some() || self.place == Place::Footnote {
            // A repeated reference, or one inside a note: the mark as text.
            wml::start_run(runs, reference);
            wml::text(runs, &clean(&footnote.mark.to_string()), false);
            wml::end_run(runs);
            return Ok(Vec::new());
        }
        let custom = match &footnote.mark {
            FootnoteMark::Number(_) => None,
            FootnoteMark::Symbol(s) => Some(clean(s).into_owned()),
        };
        let doc = self.doc;
        let mut story = CommentRanges::new(doc);
        story.scan(&footnote.content);
        let mut content = Vec::new();
        let (written, comments) = self.in_footnote(|w| {
            w.inlines(
                &mut story,
                &mut content,
                &footnote.content,
                present::Edges::NONE,
            )
        });
        written?;
        let id = self.push_footnote(custom.as_deref(), &content);
        self.footnote_ids[note.0] = Some(id);
        wml::start_run(runs, reference);
        wml::footnote_reference(runs, id, custom.as_deref());
        wml::end_run(runs);
        Ok(comments)
    }

    /// Writes a footnote holding one paragraph: its mark (`custom_mark`,
    /// or Word's number), then `content` (runs); returns its id.
    pub fn push_footnote(&mut self, custom_mark: Option<&str>, content: &[u8]) -> u32 {
        let id = self.next_footnote;
        self.next_footnote += 1;
        let out = &mut self.notes_xml;
        out.extend_from_slice(b"<w:footnote w:id=\"");
        out.extend_from_slice(id.to_string().as_bytes());
        out.extend_from_slice(b"\">");
        wml::start_paragraph(
            out,
            &wml::ParagraphProps {
                style: ParagraphStyle::FootnoteText,
                indent: None,
                num: None,
                align: None,
                inserted: None,
                deleted: None,
            },
        );
        wml::footnote_mark(out, custom_mark, CharacterStyle::FootnoteReference);
        out.extend_from_slice(content);
        wml::end_paragraph(out);
        out.extend_from_slice(b"</w:footnote>");
        id
    }
}

/// Comments anchored at one point, each range nested in the one before,
/// so that a reply's range lies in its thread's first comment's.
fn comment_points(out: &mut Vec<u8>, ids: &[usize]) {
    for &id in ids {
        wml::comment_start(out, id);
    }
    for &id in ids.iter().rev() {
        wml::comment_end(out, id, CharacterStyle::CommentReference);
    }
}

/// How [`wml::end_paragraph`] ends a paragraph.
const END_PARAGRAPH: &[u8] = b"</w:p>";

/// Where `needle` last occurs in `hay`.
fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Runs of one revision, written once the revision changes.
#[derive(Default)]
struct Pending {
    rev: Rev,
    runs: Vec<u8>,
}

/// A label (heading number, `(a)`, `1.`) and the tab after it.
fn label_run(out: &mut Vec<u8>, label: &str, deleted: bool) {
    wml::start_run(
        out,
        wml::RunProps {
            rtl: crate::present::script::has_rtl(label),
            ..wml::RunProps::default()
        },
    );
    wml::text(out, label, deleted);
    wml::tab(out);
    wml::end_run(out);
}

/// A text's runs, split where its script's family changes
/// ([`wml::script_pieces`]): `families` of the text of the inlines it
/// stands in, which starts at their byte `start`.
fn text_runs(
    out: &mut Vec<u8>,
    text: &str,
    style: crate::model::Style,
    deleted: bool,
    families: Option<(&Families, usize)>,
) {
    for (piece, rtl) in wml::script_pieces(text, families) {
        text_run(out, piece, style, deleted, rtl);
    }
}

/// A run of text; deleted text is `w:delText`, tabs are `w:tab`, manual
/// line breaks `w:br` ([`LINE_BREAK`]). Nothing
/// is written for a run with no text.
fn text_run(out: &mut Vec<u8>, text: &str, style: crate::model::Style, deleted: bool, rtl: bool) {
    let text = clean(text);
    if text.is_empty() {
        return;
    }
    wml::start_run(
        out,
        wml::RunProps {
            style: None,
            bold: style.bold,
            italic: style.italic,
            rtl,
        },
    );
    let mut parts = text.split(['\t', LINE_BREAK]);
    let mut at = 0;
    for part in parts.by_ref() {
        if at > 0 {
            // What ended the part before: a tab or a manual line break.
            match text[..at].chars().next_back() {
                Some(LINE_BREAK) => wml::line_break(out),
                _ => wml::tab(out),
            }
        }
        if !part.is_empty() {
            wml::text(out, part, deleted);
        }
        at += part.len();
        at += text[at..].chars().next().map_or(0, char::len_utf8);
    }
    wml::end_run(out);
}

/// The revision a point's heading takes: the first word's deletion when
/// every word of the point is deleted, its insertion when every word is
/// inserted; none otherwise.
fn whole_point(blocks: &[Block]) -> Rev {
    fn words(blocks: &[Block], out: &mut Vec<Rev>) {
        let of = |inlines: &[Inline], out: &mut Vec<Rev>| {
            out.extend(inlines.iter().filter_map(|i| match i {
                Inline::Text(r) if !r.text.trim().is_empty() => Some(r.rev),
                Inline::FootnoteRef { rev, .. } => Some(*rev),
                _ => None,
            }))
        };
        for b in blocks {
            match b {
                Block::Paragraph(p) => of(&p.content, out),
                Block::Heading(h) => of(&h.content, out),
                Block::Point(p) => words(&p.blocks, out),
                Block::Statement(b) | Block::Quote(b) => words(b, out),
                Block::Table(t) => {
                    for c in t.header.iter().chain(t.rows.iter().flatten()) {
                        for p in &c.paragraphs {
                            of(&p.content, out);
                        }
                    }
                }
            }
        }
    }
    let mut revs = Vec::new();
    words(blocks, &mut revs);
    let Some(first) = revs.first() else {
        return Rev::NONE;
    };
    if revs.iter().all(|r| r.del.is_some()) {
        Rev {
            ins: None,
            del: first.del,
        }
    } else if revs.iter().all(|r| r.ins.is_some()) {
        Rev {
            ins: first.ins,
            del: None,
        }
    } else {
        Rev::NONE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The body and footnotes a document's blocks make, written as the
    /// DOCX writer writes them.
    fn written(body: &str) -> BodyWriter<'static> {
        let source = format!(
            "+++\nsymbol = \"X/1\"\ndate = 2020-01-01\n[authors]\nUS = \"United States\"\nCA = \"Canada\"\n+++\n\n{body}"
        );
        let doc = crate::read::source::parse("t.md", &source).expect("parses");
        let doc: &'static Document = Box::leak(Box::new(doc));
        let mut builder = BodyWriter::new(doc, HouseStyle::un(), 450.0);
        builder.body().expect("writes");
        builder
    }

    fn count(hay: &[u8], needle: &str) -> usize {
        hay.windows(needle.len())
            .filter(|w| *w == needle.as_bytes())
            .count()
    }

    #[test]
    fn a_footnotes_comments_stand_at_its_reference_and_its_revisions_count_with_it() {
        let b = written(
            "A {++b++}{>>US: why<<} c.[^1] D {--e--}{>>CA<<} f.\n\n\
             [^1]: A {++note++}{>>CA: because<<} text.\n",
        );
        // Two comments (Canada's deletion gives no reason), none in the
        // footnote: the note's stands at its reference.
        assert_eq!(b.comments.len(), 2);
        assert_eq!(count(&b.notes_xml, "<w:commentRangeStart"), 0);
        assert_eq!(count(&b.body_xml, "<w:commentRangeStart"), 2);
        let reference = find_last(&b.body_xml, b"<w:footnoteReference").unwrap();
        let anchored = find_last(&b.body_xml, b"<w:commentReference w:id=\"1\"").unwrap();
        assert!(reference < anchored);
        // The body's two revisions, the footnote's one: each counted where
        // it is written, the body's after the footnote too.
        assert_eq!(b.revisions, 2);
        assert_eq!(b.note_revisions, 1);
        assert_eq!(b.place, Place::Body);
        assert!(b.note_comments.is_empty());
    }

    #[test]
    fn after_a_footnote_the_writer_is_back_in_the_body() {
        let b = written(
            "A text.[^1] Then {++more++}{>>US: why<<}.[^2]\n\n\
             [^1]: The first {--note--}{>>CA: because<<}.\n\n\
             [^2]: The second.\n",
        );
        // The second reference is a reference (one inside a note would be
        // its mark as text), and the insertion between counts as the body's.
        assert_eq!(count(&b.notes_xml, "<w:footnote w:id="), 2);
        assert_eq!(count(&b.body_xml, "<w:footnoteReference"), 2);
        assert_eq!((b.revisions, b.note_revisions), (1, 1));
        assert_eq!(count(&b.body_xml, "<w:commentRangeStart"), 2);
    }

    #[test]
    fn in_footnote_puts_the_place_back_and_hands_over_only_its_comments() {
        let mut b = written("A text.\n");
        b.note_comments = vec![7];
        let ((), made) = b.in_footnote(|w| {
            assert_eq!(w.place, Place::Footnote);
            w.count_revisions(2);
            w.note_comments.push(8);
        });
        assert_eq!(made, [8]);
        assert_eq!(b.note_comments, [7]);
        assert_eq!(b.place, Place::Body);
        assert_eq!((b.revisions, b.note_revisions), (0, 2));
    }
}
