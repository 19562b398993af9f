//! The model's blocks and inlines as docx-rs paragraphs: runs with their
//! revisions, comment ranges, footnote references.

use super::fixup;
use super::parts::{CommentOut, FootnoteOut};
use super::styles;
use super::units::twips;
use super::xml::{self, Elem};
use super::Error;
use crate::model::*;
use crate::style::{HouseStyle, Labels};
use docx_rs::{
    AlignmentType, Comment, Delete, FootnoteReference, Insert, Paragraph, Run, RunChild, Table,
    TableCell, TableRow, WidthType,
};
use std::collections::{HashMap, HashSet};

/// What the document body holds, in order.
pub(crate) enum Child {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

/// Comment ranges within one story (the body, or one footnote): which
/// ranges close in it, and which are open, by group and note id.
///
/// Sets and maps, not vectors as long as the document's groups and notes:
/// a story is made for every footnote, and such vectors made the DOCX
/// writer quadratic (footnotes × groups) on large documents.
struct Story {
    /// How many groups and notes the document has: ids beyond are ignored.
    groups: usize,
    notes: usize,
    group_end: HashSet<usize>,
    span_end: HashSet<usize>,
    group_started: HashSet<usize>,
    open_groups: HashMap<usize, Vec<usize>>,
    open_spans: HashMap<usize, usize>,
}

impl Story {
    fn new(doc: &Document) -> Story {
        Story {
            groups: doc.groups.len(),
            notes: doc.notes.len(),
            group_end: HashSet::new(),
            span_end: HashSet::new(),
            group_started: HashSet::new(),
            open_groups: HashMap::new(),
            open_spans: HashMap::new(),
        }
    }

    /// Notes which ranges close in this story; call with each of its
    /// inline sequences before writing it.
    fn scan(&mut self, inlines: &[Inline]) {
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

/// Where a block stands, which decides the style of its paragraphs.
#[derive(Clone, Copy, Default)]
struct Context {
    quote: bool,
}

pub(crate) struct Builder<'a> {
    doc: &'a Document,
    labels: &'static Labels,
    style: &'static HouseStyle,
    text_width: f32,
    pub comments: Vec<CommentOut>,
    pub footnotes: Vec<FootnoteOut>,
    /// Footnote ids (as in `footnotes.xml`) of the model's footnotes, once
    /// referenced.
    footnote_ids: Vec<Option<u32>>,
    next_footnote: u32,
    /// The number of the first numbered paragraph: where Word's numbering starts.
    pub first_number: Option<u32>,
    /// While a footnote's content is written: the comments it makes. They
    /// are anchored at the footnote's reference in the text instead, since
    /// LibreOffice (7.4) cannot open a file with comments in footnotes.
    note_comments: Option<Vec<usize>>,
    /// The body's paragraphs and tables as patched XML, written as each
    /// block is finished (see [`Builder::emit`]); revision ids in it are
    /// placeholders, numbered once the comments are all known.
    pub body_xml: Vec<u8>,
    /// How many revision id placeholders `body_xml` holds.
    pub revisions: u32,
}

/// Text as XML 1.0 can carry it: control characters other than tab and
/// newline are dropped, newlines become spaces.
pub(crate) fn clean_text(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || *c == '\t' || *c == '\n')
        .map(|c| if c == '\n' { ' ' } else { c })
        .filter(|c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        .collect()
}

impl<'a> Builder<'a> {
    pub fn new(
        doc: &'a Document,
        labels: &'static Labels,
        style: &'static HouseStyle,
        text_width: f32,
    ) -> Builder<'a> {
        Builder {
            doc,
            labels,
            style,
            text_width,
            comments: Vec::new(),
            footnotes: Vec::new(),
            footnote_ids: vec![None; doc.footnotes.len()],
            next_footnote: 1,
            first_number: None,
            note_comments: None,
            body_xml: Vec::new(),
            revisions: 0,
        }
    }

    /// The ids of footnotes whose mark is a symbol, not a number.
    pub fn custom_mark_ids(&self) -> Vec<u32> {
        self.footnotes
            .iter()
            .filter(|f| f.custom_mark.is_some())
            .map(|f| f.id)
            .collect()
    }

    fn author(&self, id: AuthorId) -> &'a Author {
        self.doc.author(id)
    }

    fn change_author(&self, id: ChangeId) -> &'a Author {
        self.author(self.doc.change(id).author)
    }

    fn new_comment(&mut self, author: AuthorId, text: String) -> usize {
        let a = self.author(author);
        self.comments.push(CommentOut {
            author: a.name.clone(),
            initials: a.initials.clone(),
            date: a.date.to_string(),
            text,
        });
        self.comments.len() - 1
    }

    /// The comments a change group carries: the reason of each attribution
    /// that gives one, and for a later attribution without one (a
    /// co-proposal) a comment saying so, by that author.
    fn group_comments(&mut self, g: GroupId) -> Vec<usize> {
        let Some(group) = self.doc.groups.get(g.0) else {
            return Vec::new();
        };
        let mut ids = Vec::new();
        for (i, at) in group.attributions.iter().enumerate() {
            let text = match at.note {
                Some(n) => self.doc.note(n).text.clone(),
                None if i > 0 => self
                    .labels
                    .also_proposed
                    .replace("{}", &self.author(at.author).name),
                None => continue,
            };
            ids.push(self.new_comment(at.author, text));
        }
        ids
    }

    fn note_comment(&mut self, n: NoteId) -> Option<usize> {
        let note = self.doc.notes.get(n.0)?;
        Some(self.new_comment(note.author, note.text.clone()))
    }

    /// The body: every block, in order.
    pub fn body(&mut self, out: &mut Vec<Child>) -> Result<(), Error> {
        let doc = self.doc;
        let mut story = Story::new(doc);
        crate::view::walk_inlines(&doc.blocks, &mut |i| story.scan(i), &mut |_| {});
        self.blocks(&mut story, &doc.blocks, Context::default(), out)?;
        self.emit(out)
    }

    /// Builds the finished body children in `out` to XML with docx-rs,
    /// patches them, appends them to `body_xml` and empties `out`.
    ///
    /// Called after every block, so that docx-rs's tree of one block, not
    /// of the whole body, exists at a time: building its whole Document,
    /// then its whole XML, then a tree of that to patch held the body
    /// several times over and made large documents slower per byte than
    /// small ones. The patches only look within one body child. Revision
    /// ids are numbered after the comments, whose count is known only at
    /// the end, so they are written as placeholders here
    /// ([`fixup::number_revisions`]).
    fn emit(&mut self, out: &mut Vec<Child>) -> Result<(), Error> {
        if out.is_empty() {
            return Ok(());
        }
        // A footnote reference in a child was made with the child, so the
        // custom marks known now cover every reference in `out`.
        let custom_marks = self.custom_mark_ids();
        for child in out.drain(..) {
            let bytes = match child {
                Child::Paragraph(p) => docx_rs::BuildXML::build(&*p),
                Child::Table(t) => docx_rs::BuildXML::build(&*t),
            };
            let mut part = xml::parse(&bytes)?;
            super::tidy(&mut part.root);
            self.revisions += fixup::placeholder_revisions(&mut part.root);
            fixup::mark_custom_footnotes(&mut part.root, &custom_marks);
            xml::serialize_elem_into(&mut self.body_xml, &part.root);
        }
        Ok(())
    }

    fn blocks(
        &mut self,
        story: &mut Story,
        blocks: &[Block],
        cx: Context,
        out: &mut Vec<Child>,
    ) -> Result<(), Error> {
        for block in blocks {
            match block {
                Block::Heading(h) => {
                    let mut p = Paragraph::new().style(styles::heading(h.level));
                    if let Some(n) = &h.number {
                        p = p.add_run(Run::new().add_text(format!("{n}.")).add_tab());
                    }
                    p = self.inlines(story, p, &h.content)?;
                    out.push(Child::Paragraph(Box::new(self.mark(p, h.mark))));
                }
                Block::Paragraph(para) => {
                    let (style, label) = self.paragraph_style(&para.kind, cx);
                    let mut p = Paragraph::new().style(style);
                    if let Some(label) = label {
                        p = p.add_run(Run::new().add_text(label).add_tab());
                    }
                    p = self.inlines(story, p, &para.content)?;
                    out.push(Child::Paragraph(Box::new(self.mark(p, para.mark))));
                }
                Block::Point(point) => {
                    let heading = format!("{} {}", self.doc.meta.point_label, point.number);
                    out.push(Child::Paragraph(Box::new(
                        Paragraph::new()
                            .style(styles::POINT_HEADING)
                            .add_run(Run::new().add_text(clean_text(&heading))),
                    )));
                    self.blocks(story, &point.blocks, cx, out)?;
                }
                // A statement's paragraphs are unnumbered by construction
                // (the parser gives them Plain or ListItem kinds).
                Block::Statement(inner) => self.blocks(story, inner, cx, out)?,
                Block::Quote(inner) => self.blocks(story, inner, Context { quote: true }, out)?,
                Block::Table(t) => {
                    // A table with no rows is no table (Word rejects one).
                    if let Some(table) = self.table(story, t)? {
                        out.push(Child::Table(Box::new(table)));
                    }
                }
            }
            self.emit(out)?;
        }
        Ok(())
    }

    fn paragraph_style(
        &mut self,
        kind: &ParagraphKind,
        cx: Context,
    ) -> (&'static str, Option<String>) {
        let french_style = matches!(self.doc.meta.language, Language::Fr | Language::Es);
        match kind {
            ParagraphKind::Plain if cx.quote => (styles::QUOTE, None),
            ParagraphKind::Plain => (styles::BODY_TEXT, None),
            ParagraphKind::Numbered(n) => {
                self.first_number.get_or_insert(*n);
                (styles::NUMBERED_PARAGRAPH, None)
            }
            ParagraphKind::Sub { level, label } => {
                let label = clean_text(label);
                let label = if french_style {
                    format!("{label})")
                } else {
                    format!("({label})")
                };
                let style = if *level <= 1 {
                    styles::SUBPARAGRAPH
                } else {
                    styles::SUBPARAGRAPH_2
                };
                (style, Some(label))
            }
            ParagraphKind::ListItem(n) => (styles::LIST_ITEM, Some(format!("{n}."))),
        }
    }

    /// The paragraph mark's revision: the break after the paragraph
    /// inserted or deleted with the change that spans it.
    fn mark(&self, mut p: Paragraph, rev: Rev) -> Paragraph {
        if let Some(c) = rev.ins {
            let a = self.change_author(c);
            p = p.insert(a.name.clone(), a.date.to_string());
        }
        if let Some(c) = rev.del {
            let a = self.change_author(c);
            p = p.delete(a.name.clone(), a.date.to_string());
        }
        p
    }

    fn table(
        &mut self,
        story: &mut Story,
        t: &crate::model::Table,
    ) -> Result<Option<Table>, Error> {
        let columns = t
            .rows
            .iter()
            .map(Vec::len)
            .chain([t.header.len()])
            .max()
            .unwrap_or(1)
            .max(1);
        let indent = self.style.body.indent;
        let width = ((self.text_width - indent).max(72.0) / columns as f32).max(1.0);
        let width = twips(width) as usize;
        let mut rows = Vec::new();
        for (r, cells) in std::iter::once(&t.header).chain(t.rows.iter()).enumerate() {
            if r == 0 && cells.is_empty() {
                continue;
            }
            let mut out = Vec::new();
            for c in 0..columns {
                let mut p = Paragraph::new().style(styles::TABLE_TEXT);
                match t.align.get(c) {
                    Some(Align::Center) => p = p.align(AlignmentType::Center),
                    Some(Align::Right) => p = p.align(AlignmentType::Right),
                    _ => {}
                }
                if let Some(content) = cells.get(c) {
                    p = self.inlines(story, p, content)?;
                }
                out.push(
                    TableCell::new()
                        .add_paragraph(p)
                        .width(width, WidthType::Dxa),
                );
            }
            rows.push(TableRow::new(out));
        }
        if rows.is_empty() {
            return Ok(None);
        }
        // Borders on the table itself, not from a table style: LibreOffice
        // applies table styles as formatting at import and, with track
        // changes on, records that as revisions by an unknown author.
        Ok(Some(
            Table::new(rows)
                .set_grid(vec![width; columns])
                .indent(twips(indent) as i32),
        ))
    }

    /// Adds inline content to a paragraph: runs grouped by revision,
    /// comment ranges, footnote references.
    fn inlines(
        &mut self,
        story: &mut Story,
        mut p: Paragraph,
        inlines: &[Inline],
    ) -> Result<Paragraph, Error> {
        let mut pending: Option<(Rev, Vec<Run>)> = None;
        for inline in inlines {
            let (rev, run) = match inline {
                Inline::Text(run) => (
                    run.rev,
                    text_run(&run.text, run.style, run.rev.del.is_some()),
                ),
                Inline::FootnoteRef { note, rev } => {
                    let (run, comments) = self.footnote_ref(*note)?;
                    if !comments.is_empty() {
                        // The note's comments stand right after its reference.
                        p = self.flush(p, pending.take());
                        p = self.flush(p, Some((*rev, vec![run])));
                        for id in comments {
                            p = p.add_comment_start(Comment::new(id)).add_comment_end(id);
                        }
                        continue;
                    }
                    (*rev, run)
                }
                marker => {
                    p = self.flush(p, pending.take());
                    p = self.marker(story, p, marker);
                    continue;
                }
            };
            match &mut pending {
                Some((r, runs)) if *r == rev => runs.push(run),
                _ => {
                    p = self.flush(p, pending.take());
                    pending = Some((rev, vec![run]));
                }
            }
        }
        Ok(self.flush(p, pending))
    }

    fn marker(&mut self, story: &mut Story, mut p: Paragraph, marker: &Inline) -> Paragraph {
        if self.note_comments.is_some() {
            self.note_marker(story, marker);
            return p;
        }
        let point = |mut p: Paragraph, ids: &[usize]| {
            for &id in ids {
                p = p.add_comment_start(Comment::new(id)).add_comment_end(id);
            }
            p
        };
        match marker {
            Inline::GroupStart(g) => {
                let ids = self.group_comments(*g);
                if story.group_end.contains(&g.0) {
                    for &id in &ids {
                        p = p.add_comment_start(Comment::new(id));
                    }
                    story.group_started.insert(g.0);
                    story.open_groups.insert(g.0, ids);
                } else {
                    p = point(p, &ids);
                }
            }
            Inline::GroupEnd(g) => {
                let started = story.group_started.contains(&g.0);
                let open = story.open_groups.remove(&g.0).unwrap_or_default();
                if !started {
                    let ids = self.group_comments(*g);
                    p = point(p, &ids);
                } else {
                    for id in open {
                        p = p.add_comment_end(id);
                    }
                }
            }
            Inline::StandingNote(n) => {
                if let Some(id) = self.note_comment(*n) {
                    p = point(p, &[id]);
                }
            }
            Inline::SpanStart(n) => {
                if let Some(id) = self.note_comment(*n) {
                    if story.span_end.contains(&n.0) {
                        p = p.add_comment_start(Comment::new(id));
                        story.open_spans.insert(n.0, id);
                    } else {
                        p = point(p, &[id]);
                    }
                }
            }
            Inline::SpanEnd(n) => match story.open_spans.remove(&n.0) {
                Some(id) => p = p.add_comment_end(id),
                None => {
                    if let Some(id) = self.note_comment(*n) {
                        p = point(p, &[id]);
                    }
                }
            },
            Inline::Text(_) | Inline::FootnoteRef { .. } => {}
        }
        p
    }

    /// A marker inside a footnote: its comments are made, to be anchored
    /// at the footnote reference.
    fn note_marker(&mut self, story: &mut Story, marker: &Inline) {
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
        if let Some(list) = &mut self.note_comments {
            list.extend(ids);
        }
    }

    fn flush(&self, p: Paragraph, pending: Option<(Rev, Vec<Run>)>) -> Paragraph {
        let Some((rev, runs)) = pending else {
            return p;
        };
        let del = rev.del.map(|c| {
            let a = self.change_author(c);
            runs.iter()
                .fold(Delete::new(), |d, r| d.add_run(r.clone()))
                .author(a.name.clone())
                .date(a.date.to_string())
        });
        match (rev.ins, del) {
            (None, None) => runs.into_iter().fold(p, |p, r| p.add_run(r)),
            (None, Some(del)) => p.add_delete(del),
            (Some(c), del) => {
                let a = self.change_author(c);
                let ins = match del {
                    Some(del) => Insert::new_with_del(del),
                    None => runs
                        .into_iter()
                        .fold(Insert::new_with_empty(), |i, r| i.add_run(r)),
                };
                p.add_insert(ins.author(a.name.clone()).date(a.date.to_string()))
            }
        }
    }

    /// A footnote reference: the note's first reference makes the note;
    /// a later one repeats its mark. Also returns the comments made in the
    /// note, to anchor at the reference.
    fn footnote_ref(&mut self, note: FootnoteId) -> Result<(Run, Vec<usize>), Error> {
        let Some(footnote) = self.doc.footnotes.get(note.0) else {
            return Ok((Run::new(), Vec::new()));
        };
        if self.footnote_ids[note.0].is_some() || self.note_comments.is_some() {
            // A repeated reference, or one inside a note: the mark as text.
            return Ok((
                Run::new()
                    .style(styles::FOOTNOTE_REFERENCE)
                    .add_text(clean_text(&footnote.mark.to_string())),
                Vec::new(),
            ));
        }
        let custom = match &footnote.mark {
            FootnoteMark::Number(_) => None,
            FootnoteMark::Symbol(s) => Some(clean_text(s)),
        };
        let doc = self.doc;
        let mut story = Story::new(doc);
        story.scan(&footnote.content);
        let p = Paragraph::new().style(styles::FOOTNOTE_TEXT);
        self.note_comments = Some(Vec::new());
        let p = self.inlines(&mut story, p, &footnote.content);
        let comments = self.note_comments.take().unwrap_or_default();
        let id = self.add_footnote(custom.clone(), p?)?;
        self.footnote_ids[note.0] = Some(id);
        Ok((reference_run(id, custom), comments))
    }

    /// Adds a footnote whose content is `p` and returns its id.
    pub fn add_footnote(
        &mut self,
        custom_mark: Option<String>,
        p: Paragraph,
    ) -> Result<u32, Error> {
        let id = self.next_footnote;
        self.next_footnote += 1;
        let paragraph: Elem = xml::parse(&docx_rs::BuildXML::build(&p))?.root;
        self.footnotes.push(FootnoteOut {
            id,
            custom_mark,
            paragraph,
        });
        Ok(id)
    }
}

/// The run that refers to footnote `id`, with its custom mark if any.
pub(crate) fn reference_run(id: u32, custom_mark: Option<String>) -> Run {
    let mut run = Run::new().style(styles::FOOTNOTE_REFERENCE);
    run.children
        .push(RunChild::FootnoteReference(FootnoteReference::new(
            id as usize,
        )));
    if let Some(mark) = custom_mark {
        run = run.add_text(mark);
    }
    run
}

/// A run of text; deleted text is `w:delText`, tabs are `w:tab`.
pub(crate) fn text_run(text: &str, style: crate::model::Style, deleted: bool) -> Run {
    let mut run = Run::new();
    if style.bold {
        run = run.bold();
    }
    if style.italic {
        run = run.italic();
    }
    for (i, part) in clean_text(text).split('\t').enumerate() {
        if i > 0 {
            run = run.add_tab();
        }
        if !part.is_empty() {
            run = if deleted {
                run.add_delete_text(part)
            } else {
                run.add_text(part)
            };
        }
    }
    run
}
