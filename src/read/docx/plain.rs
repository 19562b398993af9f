//! Any Word file into a document: changes, groups and notes worked out
//! from the markup.
//!
//! - Each run of revisions of one kind and author, with nothing between
//!   them but other authors' revisions nested in them, is one change; a
//!   deletion of text another author inserted nests in that insertion
//!   (or the insertion in the deletion, when the deletion reaches beyond).
//! - Changes by one author separated only by unchanged spaces form a group,
//!   as in the source format.
//! - A comment whose range covers a group by its author is that group's
//!   reason; one by another author that covers only the group is a later
//!   attribution; other comments are span notes (with a range) or standing
//!   notes (at a point).

use super::report::Unrepresented;
use super::stories::{Comment, Raw};
use super::wml::{Item, Story};
use crate::model::*;
use crate::ooxml::style::ParagraphStyle;
use crate::ooxml::Part;
use std::collections::HashMap;

/// What the builder shares across stories.
struct Shared<'a> {
    raw: &'a Raw,
    authors: Vec<Author>,
    /// Revision date of authors the file gives none for.
    default_date: DateTime,
    /// The document's changes, groups and notes.
    model: Builder,
    comments: HashMap<&'a str, &'a Comment>,
    /// Comment id → (group, attribution index) or note, once placed.
    placed: HashMap<String, Placed>,
    /// Footnote id → its custom mark, from its first reference.
    custom_marks: HashMap<String, String>,
    unrepresented: Vec<Unrepresented>,
    labels: &'static crate::house::style::Labels,
}

#[derive(Clone, Copy)]
enum Placed {
    Group(GroupId),
    Note,
}

pub fn build(raw: &Raw, file_name: &str) -> (Document, Vec<Unrepresented>) {
    let (meta, authors) = super::front::front(raw, file_name);
    let mut shared = Shared {
        raw,
        authors,
        default_date: DateTime::from(meta.date),
        model: Builder::new(),
        comments: raw.comments.iter().map(|c| (c.id.as_str(), c)).collect(),
        placed: HashMap::new(),
        custom_marks: custom_marks(raw),
        unrepresented: Vec::new(),
        labels: crate::house::style::Labels::get(meta.language),
    };
    let body = story_inlines(&mut shared, &raw.body, None);
    let mut blocks = super::blocks::assemble(&raw.body.blocks, body, &meta.point_label);
    keep_container_ends(&mut blocks, &mut shared.unrepresented);
    let mut number = 0;
    // In the order of first reference (a footnote's own references are
    // not kept, so none is added on the way).
    for (i, id) in shared.model.footnote_keys().into_iter().enumerate() {
        let mark = shared.footnote_mark(&id);
        let content = match raw.footnotes.get(&id) {
            Some(story) => {
                let story = without_note_mark(story);
                let paras = story_inlines(&mut shared, &story, Some(&id));
                footnote_content(paras)
            }
            None => Vec::new(),
        };
        let mark = match mark {
            Some(symbol) => FootnoteMark::Symbol(symbol),
            None => {
                number += 1;
                FootnoteMark::Number(number)
            }
        };
        shared.model.define_footnote(FootnoteId(i), mark, content);
    }
    remaining_comments(&mut shared, &mut blocks);
    let doc = shared.model.finish(meta, shared.authors, blocks);
    (doc, shared.unrepresented)
}

/// A change of the break after a discussion point's or a statement's last
/// paragraph, or after the paragraph before one, would join it with the
/// other side of the block's edge, which a source cannot say (a change
/// cannot cross `:::`): the break is kept, and reported.
fn keep_container_ends(blocks: &mut [Block], unrepresented: &mut Vec<Unrepresented>) {
    keep_breaks(blocks, None, unrepresented);
}

fn keep_breaks(
    blocks: &mut [Block],
    container: Option<&str>,
    unrepresented: &mut Vec<Unrepresented>,
) {
    let n = blocks.len();
    for i in 0..n {
        let next = match blocks.get(i + 1) {
            Some(Block::Point(p)) => Some(format!("discussion point {}", p.number)),
            Some(Block::Statement(_)) => Some("a statement".to_string()),
            Some(_) => None,
            None => container.map(|c| format!("the end of {c}")),
        };
        let mark = match &mut blocks[i] {
            Block::Point(p) => {
                let what = format!("discussion point {}", p.number);
                keep_breaks(&mut p.blocks, Some(&what), unrepresented);
                continue;
            }
            Block::Statement(b) => {
                keep_breaks(b, Some("a statement"), unrepresented);
                continue;
            }
            Block::Paragraph(p) => &mut p.mark,
            Block::Heading(h) => &mut h.mark,
            Block::Quote(q) => match q.last_mut() {
                Some(Block::Paragraph(p)) => &mut p.mark,
                _ => continue,
            },
            Block::Table(_) => continue,
        };
        let Some(next) = next else { continue };
        if !mark.is_none() {
            *mark = Rev::NONE;
            unrepresented.push(Unrepresented {
                what: format!("a tracked change of the break before {next}"),
                part: Part::Document.path().into(),
                paragraph: 0,
                footnote: None,
            });
        }
    }
}

/// Each footnote's custom mark, from its first reference in the body.
fn custom_marks(raw: &Raw) -> HashMap<String, String> {
    let mut out = HashMap::new();
    super::blocks::each_item(&raw.body.blocks, &mut |item| {
        if let Item::FootnoteRef {
            id,
            custom: Some(m),
            ..
        } = item
        {
            if !m.trim().is_empty() {
                out.entry(id.clone()).or_insert_with(|| m.clone());
            }
        }
    });
    out
}

/// A footnote's story without the note's own mark (a custom mark as text
/// in the reference style, and the tab after it) at its start.
fn without_note_mark(story: &Story) -> Story {
    let mut blocks = story.blocks.clone();
    if let Some(super::wml::RawBlock::Para(p)) = blocks.first_mut() {
        let lead = p
            .items
            .iter()
            .take_while(|i| match i {
                Item::MarkText { .. } => true,
                Item::Text { text, .. } => text.trim().is_empty(),
                _ => false,
            })
            .count();
        p.items.drain(..lead);
    }
    Story {
        blocks,
        revisions: story.revisions.clone(),
    }
}

/// A footnote's paragraphs as one inline sequence, its leading mark and
/// the space after it dropped.
fn footnote_content(paras: Vec<(Vec<Inline>, Rev)>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for (i, (inlines, _)) in paras.into_iter().enumerate() {
        if i > 0 {
            out.push(Inline::Text(Run {
                text: " ".into(),
                style: Style::default(),
                rev: Rev::NONE,
            }));
        }
        out.extend(inlines);
    }
    if let Some(Inline::Text(run)) = out.first_mut() {
        run.text = run.text.trim_start().to_string();
    }
    out.retain(|i| !matches!(i, Inline::Text(r) if r.text.is_empty()));
    out
}

impl Shared<'_> {
    fn author(&mut self, name: &str, date: Option<&str>) -> AuthorId {
        super::front::author_id(&mut self.authors, name, date, self.default_date)
    }

    /// Which footnote `id` is, for a report.
    fn footnote_spot(&self, id: &str) -> super::report::InFootnote {
        self.raw
            .footnote_spots
            .get(id)
            .cloned()
            .unwrap_or(super::report::InFootnote {
                id: id.to_string(),
                mark: None,
                referred_from: None,
            })
    }

    /// The symbol of a footnote with a custom mark.
    fn footnote_mark(&self, id: &str) -> Option<String> {
        self.custom_marks.get(id).cloned()
    }
}

/// A place in a story's sequence of slots (text, footnote marks and
/// paragraph marks in reading order).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
struct Pos {
    para: usize,
    at: At,
}

/// A slot of a paragraph: one of its content items, or its mark (after
/// every item).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum At {
    Item(usize),
    Mark,
}

impl Pos {
    fn item(para: usize, item: usize) -> Pos {
        Pos {
            para,
            at: At::Item(item),
        }
    }
}

struct Slot {
    pos: Pos,
    ins: Option<ChangeId>,
    del: Option<ChangeId>,
    /// Unchanged white space.
    space: bool,
    /// The table cell it is in (each cell a region of its own; the
    /// paragraphs outside tables between two tables another): a change
    /// or a group never reaches from one region into the next, as a
    /// source cannot write one across a cell's edge.
    region: usize,
}

/// Content items of a story's paragraphs, before markers go in.
enum Content {
    Text(String, Style),
    Foot(String),
    Mark(String),
}

/// Reads a story's paragraphs (in reading order, table cells included)
/// into inlines with their changes, groups and comment markers.
/// In a footnote (`footnote`: its id), a footnote reference is reported and
/// not kept (no view numbers a note inside a note, and Word cannot make
/// one), and a mark typed in the reference style stays text.
fn story_inlines(
    shared: &mut Shared,
    story: &Story,
    footnote: Option<&str>,
) -> Vec<(Vec<Inline>, Rev)> {
    let in_footnote = footnote.is_some();
    let paras = super::blocks::flat_paras(&story.blocks);
    let mut slots: Vec<Slot> = Vec::new();
    let mut contents: Vec<Vec<(Content, Rev)>> = Vec::new();
    let mut anchors: Vec<(String, Pos, Anchor)> = Vec::new();
    let mut marks = Vec::new();
    let mut tracker = Tracker::default();
    let first_change = shared.model.change_count();
    let own_marks = own_marks(story);
    let regions = regions(&story.blocks);
    for (k, p) in paras.iter().enumerate() {
        if k > 0 && regions[k] != regions[k - 1] {
            tracker = Tracker::default();
        }
        let mut items = Vec::new();
        for item in &p.items {
            let pos = Pos::item(k, items.len());
            let (content, revs) = match item {
                Item::Text {
                    text,
                    bold,
                    italic,
                    revs,
                } => (
                    Content::Text(
                        without_controls(shared, text, footnote, k),
                        Style {
                            bold: *bold,
                            italic: *italic,
                        },
                    ),
                    *revs,
                ),
                Item::FootnoteRef { .. } if in_footnote => {
                    shared.unrepresented.push(Unrepresented {
                        what: "a footnote reference inside a footnote (the note it refers to \
                               is not kept)"
                            .into(),
                        part: Part::Footnotes.path().into(),
                        paragraph: k + 1,
                        footnote: footnote.map(|id| shared.footnote_spot(id)),
                    });
                    continue;
                }
                Item::FootnoteRef { id, revs, .. } => (Content::Foot(id.clone()), *revs),
                Item::MarkText { mark, revs } if in_footnote => {
                    (Content::Text(mark.clone(), Style::default()), *revs)
                }
                Item::MarkText { mark, revs } => (Content::Mark(mark.clone()), *revs),
                Item::CommentStart(id) => {
                    anchors.push((id.clone(), pos, Anchor::Start));
                    continue;
                }
                Item::CommentEnd(id) => {
                    anchors.push((id.clone(), pos, Anchor::End));
                    continue;
                }
                Item::CommentRef(id) => {
                    anchors.push((id.clone(), pos, Anchor::Ref));
                    continue;
                }
            };
            let space = matches!(&content, Content::Text(t, _) if t.trim().is_empty());
            let rev = tracker.slot(shared, story, revs);
            slots.push(Slot {
                pos,
                ins: rev.ins,
                del: rev.del,
                space: space && rev.is_none(),
                region: regions[k],
            });
            items.push((content, rev));
        }
        let rev = tracker.slot(shared, story, own_marks[k]);
        slots.push(Slot {
            pos: Pos {
                para: k,
                at: At::Mark,
            },
            ins: rev.ins,
            del: rev.del,
            space: false,
            region: regions[k],
        });
        marks.push(rev);
        contents.push(items);
    }
    if split_overlaps(shared, &mut slots, first_change) {
        for s in &slots {
            let rev = Rev {
                ins: s.ins,
                del: s.del,
            };
            match s.pos.at {
                At::Item(i) => contents[s.pos.para][i].1 = rev,
                At::Mark => marks[s.pos.para] = rev,
            }
        }
    }
    nest(shared, &slots, first_change);
    let mut markers = Markers::default();
    let reasons = reason_starts(shared, &slots, &anchors);
    group_changes(shared, &slots, first_change, &reasons, &mut markers);
    place_comments(shared, &slots, &anchors, &mut markers);
    emit(shared, contents, marks, markers)
}

/// `text` without the control characters a source cannot hold (U+0085,
/// U+000B, …; tabs and line breaks stay, as spaces), each reported where
/// it was.
fn without_controls(shared: &mut Shared, text: &str, footnote: Option<&str>, k: usize) -> String {
    let is_dropped = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let Some(c) = text.chars().find(|&c| is_dropped(c)) else {
        return text.to_string();
    };
    shared.unrepresented.push(Unrepresented {
        what: format!("a control character U+{:04X}", c as u32),
        part: match footnote {
            Some(_) => Part::Footnotes.path(),
            None => Part::Document.path(),
        }
        .into(),
        paragraph: k + 1,
        footnote: footnote.map(|id| shared.footnote_spot(id)),
    });
    text.chars().filter(|&c| !is_dropped(c)).collect()
}

/// Per paragraph in reading order ([`super::blocks::flat_paras`]): its
/// region (see [`Slot::region`]).
fn regions(blocks: &[super::wml::RawBlock]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut region = 0;
    let mut in_table = false;
    for block in blocks {
        match block {
            super::wml::RawBlock::Para(_) => {
                if in_table {
                    region += 1;
                    in_table = false;
                }
                out.push(region);
            }
            super::wml::RawBlock::Table(rows) => {
                for cell in rows.iter().flatten() {
                    region += 1;
                    out.extend(cell.paras.iter().map(|_| region));
                }
                in_table = true;
            }
        }
    }
    out
}

/// Each paragraph's own mark revisions ([`own_mark`]), in reading order
/// (table cells included), with Word's form for a paragraph whose mark
/// cannot go undone: the body's last paragraph (Word never deletes the
/// final mark) and one right before a table (it would join the table).
/// A delegate who deletes such a paragraph deletes its words and the
/// mark *before* it, the previous paragraph's; rapporteur's writer does
/// the same for a break a change spans there. That mark belongs to the
/// whole-paragraph change too: the previous paragraph keeps its mark, as
/// it does when the deleted paragraph is followed by another.
fn own_marks(story: &Story) -> Vec<super::wml::RevisionRefs> {
    let mut marks = Vec::new();
    // Each block: its paragraph and that paragraph's index, or a table.
    let mut blocks: Vec<Option<(usize, &super::wml::Para)>> = Vec::new();
    for block in &story.blocks {
        match block {
            super::wml::RawBlock::Para(p) => {
                blocks.push(Some((marks.len(), p)));
                marks.push(own_mark(story, p));
            }
            super::wml::RawBlock::Table(rows) => {
                blocks.push(None);
                marks.extend(super::wml::table_paras(rows).map(|p| own_mark(story, p)));
            }
        }
    }
    for (i, block) in blocks.iter().enumerate() {
        let Some((k, p)) = *block else { continue };
        // The last paragraph of the text: before a table, at the end, or
        // before the rule rapporteur draws under the text.
        let mark_stays = match blocks.get(i + 1) {
            None | Some(None) => true,
            Some(Some((_, next))) => {
                next.style.as_deref() == Some(ParagraphStyle::EndRule.id())
                    && blocks.get(i + 2).is_none()
            }
        };
        if mark_stays {
            for kind in [ChangeKind::Deletion, ChangeKind::Insertion] {
                shifted_mark(story, &blocks[..i], (k, p), kind, &mut marks);
            }
        }
    }
    marks
}

/// The author of a change of `kind` that holds every word of `p` (its
/// last word's revision), if one does.
fn whole_by<'s>(story: &'s Story, p: &super::wml::Para, kind: ChangeKind) -> Option<&'s str> {
    let words = paragraph_words(p);
    if !words.iter().all(|r| of_kind(*r, kind).is_some()) {
        return None;
    }
    let last = words.last().and_then(|r| of_kind(*r, kind))?;
    story.revisions.get(last).map(|r| r.author.as_str())
}

/// The mark of kind `kind` that a wholly changed paragraph `p` whose own
/// mark stays took from the paragraph before it (past paragraphs of that
/// change that took their own): no longer that paragraph's, when its
/// last word is not in the change (a change from inside it that runs on
/// into `p` stays one change).
fn shifted_mark(
    story: &Story,
    before: &[Option<(usize, &super::wml::Para)>],
    (k, p): (usize, &super::wml::Para),
    kind: ChangeKind,
    marks: &mut [super::wml::RevisionRefs],
) {
    let Some(author) = whole_by(story, p, kind) else {
        return;
    };
    if of_kind(marks[k], kind).is_some() {
        return;
    }
    let by_author = |i: Option<usize>| {
        i.and_then(|i| story.revisions.get(i))
            .is_some_and(|r| r.author == author)
    };
    for block in before.iter().rev() {
        let Some((j, prev)) = *block else { return };
        if whole_by(story, prev, kind) == Some(author) && of_kind(marks[j], kind).is_none() {
            continue;
        }
        let last_word_in = paragraph_words(prev)
            .last()
            .is_some_and(|r| by_author(of_kind(*r, kind)));
        if by_author(of_kind(marks[j], kind)) && !last_word_in {
            match kind {
                ChangeKind::Deletion => marks[j].del = None,
                ChangeKind::Insertion => marks[j].ins = None,
            }
        }
        return;
    }
}

/// The revision of kind `kind` among `revs`.
fn of_kind(revs: super::wml::RevisionRefs, kind: ChangeKind) -> Option<usize> {
    match kind {
        ChangeKind::Deletion => revs.del,
        ChangeKind::Insertion => revs.ins,
    }
}

/// The revisions of a paragraph's words and footnote marks.
fn paragraph_words(p: &super::wml::Para) -> Vec<super::wml::RevisionRefs> {
    p.items
        .iter()
        .filter_map(|item| match item {
            Item::Text { text, revs, .. } if !text.trim().is_empty() => Some(*revs),
            Item::FootnoteRef { revs, .. } | Item::MarkText { revs, .. } => Some(*revs),
            _ => None,
        })
        .collect()
}

/// The revisions of a paragraph's mark that are its own, not those of a
/// whole-paragraph change. A paragraph whose every word one author
/// deletes (inserts) goes (comes) with its mark, as Word deletes a
/// selected paragraph and as rapporteur writes one (`docx::marks`): that
/// mark's revision belongs to the paragraph's change and does not join
/// the paragraph with the next one in any view. The next paragraph's
/// words then start a change of their own.
fn own_mark(story: &Story, p: &super::wml::Para) -> super::wml::RevisionRefs {
    let author = |i: Option<usize>| i.and_then(|i| story.revisions.get(i)).map(|r| &r.author);
    let words = paragraph_words(p);
    let Some(last) = words.last() else {
        return p.mark;
    };
    let mut mark = p.mark;
    if words.iter().all(|r| r.del.is_some()) && author(mark.del) == author(last.del) {
        mark.del = None;
    }
    if words.iter().all(|r| r.ins.is_some()) && author(mark.ins) == author(last.ins) {
        mark.ins = None;
    }
    mark
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Start,
    End,
    Ref,
}

/// Continues a change over adjacent slots of the same author and kind.
#[derive(Default)]
struct Tracker {
    /// The previous slot's changes and their revisions' authors.
    ins: Option<(ChangeId, String)>,
    del: Option<(ChangeId, String)>,
}

impl Tracker {
    fn slot(&mut self, shared: &mut Shared, story: &Story, revs: super::wml::RevisionRefs) -> Rev {
        let mut rev = Rev::NONE;
        for (which, kind) in [
            (revs.ins, ChangeKind::Insertion),
            (revs.del, ChangeKind::Deletion),
        ] {
            let prev = match kind {
                ChangeKind::Insertion => &mut self.ins,
                ChangeKind::Deletion => &mut self.del,
            };
            let Some(r) = which.and_then(|i| story.revisions.get(i)) else {
                *prev = None;
                continue;
            };
            let id = match prev {
                Some((c, author)) if *author == r.author => *c,
                _ => {
                    let author = shared.author(&r.author, r.date.as_deref());
                    shared.model.loose_change(kind, author)
                }
            };
            *prev = Some((id, r.author.clone()));
            match kind {
                ChangeKind::Insertion => rev.ins = Some(id),
                ChangeKind::Deletion => rev.del = Some(id),
            }
        }
        rev
    }
}

/// Text inserted by one author and deleted by another: the deletion nests
/// in the insertion, unless it reaches beyond it (then the insertion nests
/// in the deletion).
fn nest(shared: &mut Shared, slots: &[Slot], first: usize) {
    let (count, pairs) = overlaps(shared, slots, first);
    // The builder refuses a nesting that would make a circle (which
    // overlapping revisions could ask for): views follow parents to the top.
    for ((i, d), shared_slots) in pairs {
        let (i, d) = (ChangeId(i), ChangeId(d));
        if count[d.0 - first] != shared_slots && count[i.0 - first] == shared_slots {
            shared.model.nest(i, d);
        } else {
            shared.model.nest(d, i);
        }
    }
}

/// Per change of this story (from `first`), how many slots it holds; and
/// per insertion and deletion that share slots, how many, in id order.
#[allow(clippy::type_complexity)]
fn overlaps(
    shared: &Shared,
    slots: &[Slot],
    first: usize,
) -> (Vec<usize>, Vec<((usize, usize), usize)>) {
    let n = shared.model.change_count() - first;
    let mut count = vec![0usize; n];
    let mut both: HashMap<(usize, usize), usize> = HashMap::new();
    for s in slots {
        for c in [s.ins, s.del].into_iter().flatten() {
            count[c.0 - first] += 1;
        }
        if let (Some(i), Some(d)) = (s.ins, s.del) {
            *both.entry((i.0, d.0)).or_default() += 1;
        }
    }
    let mut pairs: Vec<_> = both.into_iter().collect();
    pairs.sort();
    (count, pairs)
}

/// An insertion and a deletion that share text, each reaching beyond
/// the other (a deletion of the end of an insertion and of the mark
/// after it), cannot nest either way: the deletion is split, its part
/// inside the insertion staying and the rest becoming a deletion of its
/// own by the same author. Whether anything was split.
fn split_overlaps(shared: &mut Shared, slots: &mut [Slot], first: usize) -> bool {
    let mut split = false;
    loop {
        let (count, pairs) = overlaps(shared, slots, first);
        let crossing = pairs
            .into_iter()
            .find(|&((i, d), both)| count[i - first] != both && count[d - first] != both);
        let Some(((i, d), _)) = crossing else {
            return split;
        };
        let (i, d) = (ChangeId(i), ChangeId(d));
        let author = shared.model.change(d).author;
        let rest = shared.model.loose_change(ChangeKind::Deletion, author);
        for s in slots.iter_mut() {
            if s.del == Some(d) && s.ins != Some(i) {
                s.del = Some(rest);
            }
        }
        split = true;
    }
}

/// Group markers and comment markers, by where they go.
#[derive(Default)]
struct Markers {
    /// (position, order, inline): `order` sorts markers at one position.
    at: Vec<(Pos, Order, Inline)>,
}

/// How markers at one position follow each other: what closes before
/// what opens, so that a group or a noted span ending where another
/// begins is closed first; inner groups (deeper nesting) close before
/// outer ones and open after them.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Order {
    /// A group's end, by nesting depth (the deepest first).
    GroupEnd(std::cmp::Reverse<usize>),
    SpanEnd,
    Standing,
    /// A group's start, by nesting depth (the shallowest first).
    GroupStart(usize),
    SpanStart,
}

/// Where "after the slot at `pos`" is: after a paragraph's mark, the
/// start of the next paragraph (a group that ends with a mark is
/// attributed there, as a source writes `{++⏎⏎++}{>>US<<}`; after the
/// story's last paragraph, markers go to its end).
fn after(pos: Pos) -> Pos {
    match pos.at {
        At::Item(i) => Pos::item(pos.para, i + 1),
        At::Mark => Pos::item(pos.para + 1, 0),
    }
}

/// Where each top-level comment's range starts (a slot index), with its
/// author, for authors who have changes: a State's comment that starts
/// there gives a reason to the group that starts there.
fn reason_starts(
    shared: &Shared,
    slots: &[Slot],
    anchors: &[(String, Pos, Anchor)],
) -> Vec<(usize, AuthorId)> {
    anchors
        .iter()
        .filter(|(_, _, anchor)| *anchor == Anchor::Start)
        .filter_map(|(id, pos, _)| {
            let comment = shared.comments.get(id.as_str())?;
            if comment.parent.is_some() {
                return None;
            }
            let name = comment.author.trim();
            let author = shared.authors.iter().position(|a| {
                fold_name(&a.name) == fold_name(name)
                    || a.aliases.iter().any(|x| fold_name(x) == fold_name(name))
            })?;
            Some((slot_index(slots, *pos), AuthorId(author)))
        })
        .collect()
}

/// Changes by one author with nothing but unchanged spaces between them
/// form one group, as in the source format, unless a comment of that
/// author starts between them: two groups side by side, the second with
/// its own reason (`{++a++}{>>US<<} {--b--}{>>US: why<<}`).
fn group_changes(
    shared: &mut Shared,
    slots: &[Slot],
    first: usize,
    reasons: &[(usize, AuthorId)],
    markers: &mut Markers,
) {
    let n = shared.model.change_count() - first;
    let mut span: Vec<Option<(usize, usize)>> = vec![None; n];
    for (i, s) in slots.iter().enumerate() {
        for c in [s.ins, s.del].into_iter().flatten() {
            let e = &mut span[c.0 - first];
            *e = Some(e.map_or((i, i), |(a, _)| (a, i)));
        }
    }
    let mut order: Vec<usize> = (0..n).filter(|&c| span[c].is_some()).collect();
    order.sort_by_key(|&c| (span[c].map(|s| s.0), c));
    // The group open at each nesting parent, with its proposer and last slot.
    let mut open: HashMap<Option<ChangeId>, (GroupId, AuthorId, usize)> = HashMap::new();
    let mut group_span: HashMap<usize, (usize, usize, usize)> = HashMap::new();
    for c in order {
        let id = ChangeId(first + c);
        let (start, end) = span[c].unwrap_or((0, 0));
        let change = shared.model.change(id);
        let (author, parent) = (change.author, change.parent);
        let joins = open.get(&parent).filter(|(_, a, last)| {
            *a == author
                && *last < start
                && slots[*last].region == slots[start].region
                && slots[last + 1..start].iter().all(|s| s.space)
                && !reasons
                    .iter()
                    .any(|&(at, by)| by == author && *last < at && at <= start)
        });
        let g = match joins {
            Some((g, _, _)) => *g,
            None => shared.model.group_by(author),
        };
        shared.model.join(id, g);
        let d = shared.model.depth(id);
        let e = group_span.entry(g.0).or_insert((start, end, d));
        e.0 = e.0.min(start);
        e.1 = e.1.max(end);
        open.insert(parent, (g, author, e.1));
    }
    for (g, (start, end, d)) in group_span {
        markers.at.push((
            slots[start].pos,
            Order::GroupStart(d),
            Inline::GroupStart(GroupId(g)),
        ));
        markers.at.push((
            after(slots[end].pos),
            Order::GroupEnd(std::cmp::Reverse(d)),
            Inline::GroupEnd(GroupId(g)),
        ));
    }
}

/// The slot range of each group of this story: first and last slot.
fn group_slots(shared: &Shared, slots: &[Slot]) -> HashMap<usize, (usize, usize)> {
    let mut out: HashMap<usize, (usize, usize)> = HashMap::new();
    for (i, s) in slots.iter().enumerate() {
        for c in [s.ins, s.del].into_iter().flatten() {
            let g = shared.model.change(c).group.0;
            let e = out.entry(g).or_insert((i, i));
            e.0 = e.0.min(i);
            e.1 = e.1.max(i);
        }
    }
    out
}

/// Index of the first slot at or after `pos`.
fn slot_index(slots: &[Slot], pos: Pos) -> usize {
    slots.partition_point(|s| s.pos < pos)
}

fn place_comments(
    shared: &mut Shared,
    slots: &[Slot],
    anchors: &[(String, Pos, Anchor)],
    markers: &mut Markers,
) {
    let groups = group_slots(shared, slots);
    let mut starts: HashMap<&str, Pos> = HashMap::new();
    let mut done: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (id, pos, anchor) in anchors {
        match anchor {
            Anchor::Start => {
                starts.entry(id).or_insert(*pos);
            }
            Anchor::End | Anchor::Ref => {
                if !done.insert(id.as_str()) {
                    continue;
                }
                let start = starts.get(id.as_str()).copied().unwrap_or(*pos);
                place_comment(shared, slots, &groups, id, start, *pos, markers);
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn place_comment(
    shared: &mut Shared,
    slots: &[Slot],
    groups: &HashMap<usize, (usize, usize)>,
    id: &str,
    start: Pos,
    end: Pos,
    markers: &mut Markers,
) {
    let Some(comment) = shared.comments.get(id).copied() else {
        return;
    };
    if comment.text.trim().is_empty() {
        shared.unrepresented.push(Unrepresented {
            what: format!("an empty comment by {}", comment.author),
            part: Part::Comments.path().into(),
            paragraph: 0,
            footnote: None,
        });
        shared.placed.insert(id.to_string(), Placed::Note);
        return;
    }
    let author = shared.author(&comment.author, comment.date.as_deref());
    let (a, b) = (slot_index(slots, start), slot_index(slots, end));
    // Replies go where the comment they answer went.
    if let Some(Placed::Group(g)) = comment
        .parent
        .as_deref()
        .and_then(|p| shared.placed.get(p))
        .copied()
    {
        attribute(shared, g, author, comment, id);
        return;
    }
    // Groups the range covers (a point just after a group counts as on it).
    let mut covered: Vec<usize> = groups
        .iter()
        .filter(|(_, &(s, e))| (a <= s && e < b.max(a)) || (a == b && e + 1 == a))
        .map(|(&g, _)| g)
        .collect();
    covered.sort();
    let other_text = (a..b.min(slots.len())).any(|i| {
        !slots[i].space
            && slots[i].ins.is_none()
            && slots[i].del.is_none()
            && slots[i].pos.at != At::Mark
    });
    let own = covered.iter().copied().find(|&g| {
        let g = shared.model.group(GroupId(g));
        g.proposer() == author && g.attributions[0].note.is_none()
    });
    let target = own.or_else(|| (!other_text && covered.len() == 1).then(|| covered[0]));
    if let Some(g) = target {
        attribute(shared, GroupId(g), author, comment, id);
        return;
    }
    let kind = if a == b {
        NoteKind::Standing
    } else {
        NoteKind::Span
    };
    let n = shared.model.note_by(author, comment.text.clone(), kind);
    shared.placed.insert(id.to_string(), Placed::Note);
    if kind == NoteKind::Standing {
        markers
            .at
            .push((end, Order::Standing, Inline::StandingNote(n)));
    } else {
        let (start, end) = whole_groups(slots, groups, (a, b)).unwrap_or((start, end));
        markers
            .at
            .push((start, Order::SpanStart, Inline::SpanStart(n)));
        markers.at.push((end, Order::SpanEnd, Inline::SpanEnd(n)));
    }
}

/// A noted span over slots `a..b` widened to hold whole every group it
/// cuts (a source's `{==…==}` nests with changes, and a group ends at the
/// first thing that is not a space): its new start and end, when it has
/// to widen (past a paragraph's mark if the group goes on over it).
fn whole_groups(
    slots: &[Slot],
    groups: &HashMap<usize, (usize, usize)>,
    (mut a, mut b): (usize, usize),
) -> Option<(Pos, Pos)> {
    let (a0, b0) = (a, b);
    loop {
        let (mut wa, mut wb) = (a, b);
        for &(s, e) in groups.values() {
            if s < wa && wa <= e {
                wa = s;
            }
            if s < wb && wb <= e {
                wb = e + 1;
            }
        }
        if (wa, wb) == (a, b) {
            break;
        }
        (a, b) = (wa, wb);
    }
    let last = slots.get(b.checked_sub(1)?)?;
    if (a, b) == (a0, b0) {
        return None;
    }
    Some((slots[a].pos, after(last.pos)))
}

/// A comment on a group: the proposer's reason, or another author's
/// attribution (with no note for rapporteur's "also proposed by" text).
fn attribute(shared: &mut Shared, g: GroupId, author: AuthorId, comment: &Comment, id: &str) {
    shared.placed.insert(id.to_string(), Placed::Group(g));
    let name = &shared.authors[author.0].name;
    let co_proposal = crate::present::comment::is_co_proposal(shared.labels, &comment.text, name);
    let note_text = (!co_proposal).then(|| comment.text.clone());
    shared.model.comment(g, author, note_text);
}

/// Comments never anchored in any story: standing notes at the end of the
/// body, so that none is lost.
fn remaining_comments(shared: &mut Shared, blocks: &mut Vec<Block>) {
    let raw = shared.raw;
    for c in &raw.comments {
        if shared.placed.contains_key(&c.id) || c.text.trim().is_empty() {
            continue;
        }
        let author = shared.author(&c.author, c.date.as_deref());
        // A reply Word anchored nowhere: with the comment it answers.
        let parent = c
            .parent
            .as_deref()
            .and_then(|p| shared.placed.get(p))
            .copied();
        if let Some(Placed::Group(g)) = parent {
            attribute(shared, g, author, c, &c.id);
            continue;
        }
        let n = shared
            .model
            .note_by(author, c.text.clone(), NoteKind::Standing);
        shared.placed.insert(c.id.clone(), Placed::Note);
        blocks.push(Block::Paragraph(Paragraph {
            kind: ParagraphKind::Plain,
            content: vec![Inline::StandingNote(n)],
            mark: Rev::NONE,
        }));
    }
}

/// The paragraphs' inlines with their markers in place.
fn emit(
    shared: &mut Shared,
    contents: Vec<Vec<(Content, Rev)>>,
    marks: Vec<Rev>,
    mut markers: Markers,
) -> Vec<(Vec<Inline>, Rev)> {
    markers.at.sort_by_key(|(pos, order, _)| (*pos, *order));
    let mut at = markers.at.into_iter().peekable();
    let mut out = Vec::with_capacity(contents.len());
    for (k, (items, mark)) in contents.into_iter().zip(marks).enumerate() {
        let mut inlines = Vec::with_capacity(items.len());
        for (i, (content, rev)) in items.into_iter().enumerate() {
            while let Some((_, _, m)) = at.next_if(|(p, _, _)| *p <= Pos::item(k, i)) {
                push_marker(&mut inlines, m);
            }
            match content {
                Content::Text(text, style) => inlines.push(Inline::Text(Run { text, style, rev })),
                Content::Foot(id) => {
                    let note = shared.reference(&id);
                    inlines.push(Inline::FootnoteRef { note, rev });
                }
                Content::Mark(mark) => match shared.reference_by_mark(&mark) {
                    Some(note) => inlines.push(Inline::FootnoteRef { note, rev }),
                    None => inlines.push(Inline::Text(Run {
                        text: mark,
                        style: Style::default(),
                        rev,
                    })),
                },
            }
        }
        while let Some((_, _, m)) = at.next_if(|(p, _, _)| p.para <= k) {
            push_marker(&mut inlines, m);
        }
        // Spaces that begin a paragraph are layout, unless the break before
        // it is inserted or deleted: then they part the words it joins.
        if out
            .last()
            .is_none_or(|(_, m): &(Vec<Inline>, Rev)| m.is_none())
        {
            trim_start(&mut inlines);
        }
        // A break inserted or deleted joins this paragraph with the next in
        // one view with nothing between them, as Word's Accept All and
        // Reject All join them: the file's own spaces, if any, part the
        // words.
        out.push((inlines, mark));
    }
    // Markers past the end (none in practice) go to the last paragraph.
    if let Some((last, _)) = out.last_mut() {
        last.extend(at.map(|(_, _, m)| m));
    }
    out
}

/// A note's end stands after the words it is on, not after the space
/// that Word's range took in with them: `officers (US: …) and`, as the
/// source writes it.
fn push_marker(inlines: &mut Vec<Inline>, marker: Inline) {
    let moves = matches!(marker, Inline::SpanEnd(_) | Inline::StandingNote(_));
    if let (true, Some(Inline::Text(run))) = (moves, inlines.last_mut()) {
        let kept = run.text.trim_end().len();
        if run.rev.is_none() && kept > 0 && kept < run.text.len() {
            let space = run.text.split_off(kept);
            let style = run.style;
            inlines.push(marker);
            inlines.push(Inline::Text(Run {
                text: space,
                style,
                rev: Rev::NONE,
            }));
            return;
        }
    }
    inlines.push(marker);
}

/// A paragraph starts with its first word, as in the source.
fn trim_start(inlines: &mut Vec<Inline>) {
    let first = inlines.iter().position(|i| matches!(i, Inline::Text(_)));
    if let Some(Inline::Text(run)) = first.map(|f| &mut inlines[f]) {
        if run.rev.is_none() {
            run.text = run.text.trim_start().to_string();
            if run.text.is_empty() {
                inlines.remove(first.unwrap_or_default());
            }
        }
    }
}

impl Shared<'_> {
    fn reference(&mut self, id: &str) -> FootnoteId {
        self.model.footnote(id)
    }

    /// A mark typed in the reference style: the footnote it repeats.
    fn reference_by_mark(&mut self, mark: &str) -> Option<FootnoteId> {
        let mark = mark.trim();
        let mut number = 0;
        for (i, id) in self.model.footnote_keys().iter().enumerate() {
            match self.footnote_mark(id) {
                Some(symbol) if symbol == mark => return Some(FootnoteId(i)),
                Some(_) => {}
                None => {
                    number += 1;
                    if mark == number.to_string() {
                        return Some(FootnoteId(i));
                    }
                }
            }
        }
        None
    }
}
