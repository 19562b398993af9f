//! Views: the document as one reader wants to see it, derived from the full
//! document as a pure function, so every writer renders every view.
//!
//! - `all`: every change shown as a change (the default);
//! - `accepted`: every change accepted, no attributions or notes;
//! - `original`: every change rejected, no attributions or notes;
//! - `author=CODE`: what that author said: the changes it proposes (its
//!   own, and those it co-proposes without words of its own, [`proposes`])
//!   shown with its attributions and notes, and what it said of others'
//!   changes (its reasons, remarks and objections, [`is_remark`]) as its
//!   notes where their attributions stood; everyone else's changes
//!   rejected and their notes left out.
//!
//! The result is an ordinary [`Document`]: text that a view removes is gone,
//! the [`Rev`]s that remain are the changes still shown, and paragraphs whose
//! break was deleted (and accepted) are joined with the next one, as Word
//! does. The clean views number paragraphs and list items afresh, the
//! list items as Word counts them after Accept All or Reject All
//! ([`crate::model::lists`]). The id tables (`changes`, `groups`,
//! `notes`) keep their indices so ids stay valid; writers walk the
//! blocks, not the tables.

use crate::model::walk::walk_inlines;
use crate::model::*;
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ViewSpec {
    #[default]
    All,
    Accepted,
    Original,
    /// `author=CODE`, resolved against the document by [`ViewSpec::resolve`].
    Author(String),
}

impl FromStr for ViewSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "all" => Ok(ViewSpec::All),
            "accepted" => Ok(ViewSpec::Accepted),
            "original" => Ok(ViewSpec::Original),
            _ => match s.strip_prefix("author=") {
                Some(code) if !code.trim().is_empty() => Ok(ViewSpec::Author(code.trim().into())),
                _ => Err(format!(
                    "unknown view `{s}`: use all, accepted, original or author=CODE"
                )),
            },
        }
    }
}

impl fmt::Display for ViewSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ViewSpec::All => f.write_str("all"),
            ViewSpec::Accepted => f.write_str("accepted"),
            ViewSpec::Original => f.write_str("original"),
            ViewSpec::Author(code) => write!(f, "author={code}"),
        }
    }
}

/// A view resolved against one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    All,
    Accepted,
    Original,
    Author(AuthorId),
}

/// A view that does not fit the document it is asked of.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ViewError {
    #[error("view author={code}: no author `{code}` in this document; its authors are {known}")]
    UnknownAuthor { code: String, known: String },
}

impl ViewSpec {
    /// Resolve `author=CODE` against the document's authors.
    pub fn resolve(&self, doc: &Document) -> Result<View, ViewError> {
        Ok(match self {
            ViewSpec::All => View::All,
            ViewSpec::Accepted => View::Accepted,
            ViewSpec::Original => View::Original,
            ViewSpec::Author(code) => match doc.author_by_code(code) {
                Some(id) => View::Author(id),
                None => {
                    let codes: Vec<&str> = doc.authors.iter().map(|a| a.code.as_str()).collect();
                    return Err(ViewError::UnknownAuthor {
                        code: code.clone(),
                        known: codes.join(", "),
                    });
                }
            },
        })
    }
}

/// Whether `author` proposes the changes of `group`: it is the group's
/// proposer, or it co-proposes them (a later attribution without words:
/// `{>>AR<<}{>>CI<<}`, or a merged copy proposing the same). Its view
/// shows them as its own, attributed to it. The one home of this rule:
/// the review page's State filter reads it from the page's data.
pub fn proposes(doc: &Document, group: GroupId, author: AuthorId) -> bool {
    let g = doc.group(group);
    g.proposer() == author
        || g.attributions
            .iter()
            .any(|at| at.author == author && at.note.is_none())
}

/// Whether an attribution of `group` is its State's remark on a change it
/// does not propose (a reason, a support or an objection with words):
/// that State's view leaves the change out and shows these words as its
/// note where the group's attribution stood.
pub fn is_remark(doc: &Document, group: GroupId, at: &Attribution) -> bool {
    at.note.is_some() && !proposes(doc, group, at.author)
}

/// What a view does with one change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Keep,
    Accept,
    Reject,
}

struct Viewer<'a> {
    doc: &'a Document,
    view: View,
}

impl Viewer<'_> {
    fn outcome(&self, id: ChangeId) -> Outcome {
        match self.view {
            View::All => Outcome::Keep,
            View::Accepted => Outcome::Accept,
            View::Original => Outcome::Reject,
            View::Author(a) if proposes(self.doc, self.doc.change(id).group, a) => Outcome::Keep,
            View::Author(_) => Outcome::Reject,
        }
    }

    /// The revision state of text under this view, or `None` if the text is
    /// not in the view at all. Every change the text is nested in counts:
    /// text France inserted into a United States insertion is gone when the
    /// United States' insertion is rejected, and text deleted by both France
    /// and the United States shows as the United States' deletion in the
    /// United States' view.
    fn rev(&self, rev: Rev) -> Option<Rev> {
        // The innermost change: the other one, if any, encloses it.
        let Some(innermost) = self.doc.innermost(rev) else {
            return Some(Rev::NONE);
        };
        let mut shown = Rev::NONE;
        for c in self.doc.enclosing(innermost) {
            let outcome = self.outcome(c);
            match self.doc.change(c).kind {
                ChangeKind::Insertion => {
                    if outcome == Outcome::Reject {
                        return None;
                    }
                    if outcome == Outcome::Keep && shown.ins.is_none() {
                        shown.ins = Some(c);
                    }
                }
                ChangeKind::Deletion => {
                    if outcome == Outcome::Accept {
                        return None;
                    }
                    if outcome == Outcome::Keep && shown.del.is_none() {
                        shown.del = Some(c);
                    }
                }
            }
        }
        Some(shown)
    }

    fn shows_note(&self, id: NoteId) -> bool {
        match self.view {
            View::All => true,
            View::Accepted | View::Original => false,
            View::Author(a) => self.doc.note(id).author == a,
        }
    }

    /// A group's attribution shows when one of its changes is shown, and
    /// that change's text is in the view (not inside a change the view
    /// removes).
    fn shows_group(&self, id: GroupId) -> bool {
        self.doc
            .group(id)
            .changes
            .iter()
            .any(|&c| self.outcome(c) == Outcome::Keep && self.around_shown(c))
    }

    /// Whether the changes `c` is nested in are all in the view (none an
    /// insertion rejected or a deletion accepted).
    fn around_shown(&self, c: ChangeId) -> bool {
        self.doc
            .enclosing(c)
            .skip(1)
            .all(|a| match self.doc.change(a).kind {
                ChangeKind::Insertion => self.outcome(a) != Outcome::Reject,
                ChangeKind::Deletion => self.outcome(a) != Outcome::Accept,
            })
    }

    /// What `a` said of a group its view leaves out, as notes where the
    /// group's attribution stood; nothing where that place itself is gone
    /// (inside a change the view removes), as the attribution would be.
    fn remarks(&self, a: AuthorId, g: GroupId) -> Vec<NoteId> {
        let group = self.doc.group(g);
        let place = group.changes.last().is_none_or(|&c| self.around_shown(c));
        if !place {
            return Vec::new();
        }
        group
            .attributions
            .iter()
            .filter(|at| at.author == a && is_remark(self.doc, g, at))
            .filter_map(|at| at.note)
            .collect()
    }

    /// The inlines a view keeps, with spaces folded and runs joined.
    fn inlines(&self, inlines: &[Inline]) -> Vec<Inline> {
        tidy(self.kept(inlines, crate::present::spacing::Edges::NONE))
    }

    /// The inlines a view keeps, as they are, with a space between the
    /// words of two change groups that touch (`{++manually++}{>>FR<<}{++in
    /// person++}{>>CA<<}` accepted reads "manually in person": print sets
    /// an attribution between them, the clean text a space).
    fn kept(&self, inlines: &[Inline], edges: crate::present::spacing::Edges) -> Vec<Inline> {
        let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
        // The group of the last text kept, if a change's, and its last character.
        let mut last: Option<(Option<GroupId>, Option<char>)> = None;
        // The spaces as Word holds them: a change takes the space beside it
        // that its removal would leave over, so that the views are what
        // Accept All and Reject All leave of the DOCX.
        // A State's view is neither: some changes of a group of touching
        // ones stay and others go, and a space moved into a change that
        // goes would take the space its neighbour that stays needs
        // (`Meet {++manually++}{>>CA<<}{++in person++}{>>NO<<}`, Norway's
        // view): there the document's own spaces stand, folded by `tidy`.
        let moved = match self.view {
            View::Author(_) => inlines
                .iter()
                .map(|i| (i.clone(), crate::present::spacing::SpaceOrigin::Same))
                .collect(),
            _ => crate::present::spacing::word_spaces(self.doc, inlines, edges),
        };
        let spaced: Vec<Inline> = moved
            .into_iter()
            .filter(|(_, origin)| {
                !matches!(
                    origin,
                    crate::present::spacing::SpaceOrigin::Added
                        | crate::present::spacing::SpaceOrigin::Anchor(_)
                )
            })
            .map(|(inline, _)| inline)
            .collect();
        for inline in &spaced {
            match inline {
                Inline::Text(run) => {
                    if let Some(rev) = self.rev(run.rev) {
                        let group = self
                            .doc
                            .innermost(run.rev)
                            .map(|c| self.doc.change(c).group);
                        if let Some((Some(before), end)) = last {
                            if group.is_some_and(|g| g != before)
                                && crate::present::spacing::separates(end, run.text.chars().next())
                            {
                                out.push(Inline::Text(Run {
                                    text: " ".into(),
                                    style: run.style,
                                    rev: Rev::NONE,
                                }));
                            }
                        }
                        last = Some((group, run.text.chars().next_back()));
                        out.push(Inline::Text(Run {
                            text: run.text.clone(),
                            style: run.style,
                            rev,
                        }));
                    }
                }
                Inline::FootnoteRef { note, rev } => {
                    if let Some(rev) = self.rev(*rev) {
                        out.push(Inline::FootnoteRef { note: *note, rev });
                    }
                }
                Inline::GroupStart(g) | Inline::GroupEnd(g) => {
                    if self.shows_group(*g) {
                        out.push(inline.clone());
                    } else if let (View::Author(a), Inline::GroupEnd(g)) = (self.view, inline) {
                        // What the author said of another State's change
                        // (its reason, remark or objection) stands where
                        // the attribution would, as its note.
                        out.extend(self.remarks(a, *g).into_iter().map(Inline::StandingNote));
                    }
                }
                Inline::StandingNote(n) | Inline::SpanStart(n) | Inline::SpanEnd(n) => {
                    if self.shows_note(*n) {
                        out.push(inline.clone());
                    }
                }
            }
        }
        out
    }

    /// A table cell in this view: its paragraphs as the body's are (a
    /// paragraph whose mark the view removes joins the next, one whose
    /// every word it removes is gone); the cell keeps its place and spans.
    fn cell(&self, cell: &Cell) -> Cell {
        let mut paragraphs: Vec<CellParagraph> = Vec::with_capacity(cell.paragraphs.len());
        let mut pending: Option<Vec<Inline>> = None;
        let mut before = Rev::NONE;
        for p in &cell.paragraphs {
            let edges = crate::present::spacing::Edges {
                before,
                after: p.mark,
                next: [None, None],
            };
            before = p.mark;
            let mut content = self.kept(&p.content, edges);
            let had_text = has_text(&p.content);
            if let Some(mut joined) = pending.take() {
                joined.append(&mut content);
                content = joined;
            }
            let Some(mark) = self.rev(p.mark) else {
                pending = Some(content);
                continue;
            };
            let content = tidy(content);
            if had_text && !has_text(&content) {
                continue;
            }
            paragraphs.push(CellParagraph { content, mark });
        }
        if let Some(content) = pending {
            paragraphs.push(CellParagraph {
                content: tidy(content),
                mark: Rev::NONE,
            });
        }
        // A cell left with words keeps no empty paragraph; an empty cell
        // keeps one.
        if paragraphs.iter().any(|p| has_text(&p.content)) {
            paragraphs.retain(|p| has_text(&p.content));
        }
        if paragraphs.is_empty() {
            paragraphs.push(CellParagraph {
                content: Vec::new(),
                mark: Rev::NONE,
            });
        }
        if let Some(last) = paragraphs.last_mut() {
            last.mark = Rev::NONE;
        }
        Cell {
            paragraphs,
            colspan: cell.colspan,
            rowspan: cell.rowspan,
        }
    }

    fn blocks(&self, blocks: &[Block], items: &mut ListItems) -> Vec<Block> {
        let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
        // A paragraph whose mark this view removes waits here to be joined
        // with the next paragraph.
        let mut pending: Option<Pending> = None;
        for (i, block) in blocks.iter().enumerate() {
            let block = match block {
                Block::Paragraph(p) => match self.paragraph(blocks, i, p, &mut pending, items) {
                    Some(block) => block,
                    None => continue,
                },
                Block::Heading(h) => {
                    let content = self.inlines(&h.content);
                    let mark = self.rev(h.mark);
                    // A heading inside removed text goes with it, and the
                    // paragraphs around it join.
                    if mark.is_none() && !has_text(&content) {
                        continue;
                    }
                    flush(&mut pending, &mut out, items);
                    Block::Heading(Heading {
                        level: h.level,
                        number: h.number.clone(),
                        content,
                        mark: mark.unwrap_or_default(),
                    })
                }
                other => {
                    flush(&mut pending, &mut out, items);
                    match other {
                        Block::Heading(_) => unreachable!("handled above"),
                        Block::Point(p) => {
                            let kept_before = items.kept.len();
                            let blocks = self.blocks(&p.blocks, items);
                            // A point every word of which the clean text
                            // removes goes with its heading; a view that
                            // shows changes keeps it, struck.
                            if matches!(self.view, View::Accepted | View::Original)
                                && blocks_have_text(&p.blocks)
                                && !blocks_have_text(&blocks)
                            {
                                items.kept.truncate(kept_before);
                                continue;
                            }
                            Block::Point(Point {
                                number: p.number,
                                blocks,
                            })
                        }
                        Block::Statement(b) => Block::Statement(self.blocks(b, items)),
                        Block::Quote(b) => Block::Quote(self.blocks(b, items)),
                        Block::Table(t) => Block::Table(Table {
                            align: t.align.clone(),
                            header: t.header.iter().map(|c| self.cell(c)).collect(),
                            rows: t
                                .rows
                                .iter()
                                .map(|r| r.iter().map(|c| self.cell(c)).collect())
                                .collect(),
                        }),
                        Block::Paragraph(_) => unreachable!("handled above"),
                    }
                }
            };
            out.push(block);
        }
        flush(&mut pending, &mut out, items);
        out
    }

    /// Paragraph `i` of `blocks` in this view: joined to the paragraphs
    /// before it whose marks the view removes (`pending`), and waiting
    /// there itself if its own mark goes; `None` when it waits or is gone.
    fn paragraph(
        &self,
        blocks: &[Block],
        i: usize,
        p: &Paragraph,
        pending: &mut Option<Pending>,
        items: &mut ListItems,
    ) -> Option<Block> {
        // Tidied only once joined: the spaces at a removed break
        // belong to the joined text.
        let edges = crate::present::spacing::Edges::of_paragraph(blocks, i);
        let mut content = self.kept(&p.content, edges);
        let had_text = has_text(&p.content);
        let mut kind = p.kind.clone();
        let mut item = matches!(kind, ParagraphKind::List(_)).then(|| items.next());
        if let Some(prev) = pending.take() {
            // The joined paragraph keeps the first one's kind (its number).
            let mut joined = prev.paragraph.content;
            joined.append(&mut content);
            content = joined;
            kind = prev.paragraph.kind;
            item = prev.item;
        }
        let Some(mark) = self.rev(p.mark) else {
            *pending = Some(Pending {
                paragraph: Paragraph {
                    kind,
                    content,
                    mark: Rev::NONE,
                },
                item,
            });
            return None;
        };
        let para = Paragraph {
            kind,
            content: tidy(content),
            mark,
        };
        // A paragraph whose every word this view removes is gone.
        if had_text && !has_text(&para.content) {
            return None;
        }
        items.keep(item);
        Some(Block::Paragraph(para))
    }
}

/// A paragraph whose mark a view removes, waiting to be joined with the
/// next: its list item's index among the full document's, if it is one.
struct Pending {
    paragraph: Paragraph,
    item: Option<usize>,
}

/// The list items of the full document a view keeps, for counting them
/// again as Word does ([`crate::model::lists::renumber`]).
#[derive(Debug, Default)]
struct ListItems {
    /// The full document's list items met so far.
    seen: usize,
    /// The index among the full document's items of each list item of
    /// the view, in order.
    kept: Vec<usize>,
}

impl ListItems {
    /// The index of the next list item of the full document.
    fn next(&mut self) -> usize {
        self.seen += 1;
        self.seen - 1
    }

    fn keep(&mut self, item: Option<usize>) {
        self.kept.extend(item);
    }
}

/// Removing text leaves the spaces that stood on both sides of it: fold
/// them into one and drop a space left before punctuation, as an editor
/// accepting the change would. (A change already holds the space its
/// removal leaves over where Word would, `spacing::word_spaces`; this
/// folds what it cannot move.) The spaces the source itself has at a
/// paragraph's ends stay, as they do in Word.
fn tidy(mut out: Vec<Inline>) -> Vec<Inline> {
    fold_spaces(&mut out);
    // Join runs that nothing tells apart any more, so that accepted text
    // is one run, as a reader would type it.
    let mut joined: Vec<Inline> = Vec::with_capacity(out.len());
    for inline in out {
        if let (Some(Inline::Text(prev)), Inline::Text(run)) = (joined.last_mut(), &inline) {
            if prev.style == run.style && prev.rev == run.rev {
                prev.text.push_str(&run.text);
                continue;
            }
        }
        joined.push(inline);
    }
    joined
}

fn fold_spaces(out: &mut Vec<Inline>) {
    let mut last_text: Option<usize> = None;
    // An attribution or a note the view shows stands between the text
    // before it and the text after: their spaces are not neighbours
    // (`القائمة (المغرب) لتبادل` keeps the space after the attribution).
    let mut aside = false;
    let mut i = 0;
    while i < out.len() {
        if matches!(
            out[i],
            Inline::GroupEnd(_) | Inline::StandingNote(_) | Inline::SpanEnd(_)
        ) {
            aside = true;
        }
        if let Inline::Text(run) = &out[i] {
            let starts_punct = run.text.starts_with(['.', ',', ';', ':', ')']);
            let starts_space = run.text.starts_with(' ');
            if let Some(j) = last_text.filter(|_| !aside) {
                let prev_space = matches!(&out[j], Inline::Text(p) if p.text.ends_with(' '));
                if prev_space && starts_space {
                    if let Inline::Text(run) = &mut out[i] {
                        run.text.remove(0);
                    }
                } else if prev_space && starts_punct {
                    if let Inline::Text(p) = &mut out[j] {
                        p.text.pop();
                    }
                }
            }
            aside = false;
            let empty = matches!(&out[i], Inline::Text(r) if r.text.is_empty());
            if empty {
                out.remove(i);
                continue;
            }
            last_text = Some(i);
        }
        i += 1;
    }
    out.retain(|i| !matches!(i, Inline::Text(r) if r.text.is_empty()));
}

/// A paragraph whose break was removed but that has nothing to join with
/// (it ends its container) stays, unless it has no words left.
fn flush(pending: &mut Option<Pending>, out: &mut Vec<Block>, items: &mut ListItems) {
    if let Some(Pending {
        paragraph: mut p,
        item,
    }) = pending.take()
    {
        p.content = tidy(p.content);
        if has_text(&p.content) {
            items.keep(item);
            out.push(Block::Paragraph(p));
        }
    }
}

/// Whether any paragraph, heading or cell of `blocks` has text.
fn blocks_have_text(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| match b {
        Block::Paragraph(p) => has_text(&p.content),
        Block::Heading(h) => has_text(&h.content),
        Block::Point(p) => blocks_have_text(&p.blocks),
        Block::Statement(b) | Block::Quote(b) => blocks_have_text(b),
        Block::Table(t) => t
            .header
            .iter()
            .chain(t.rows.iter().flatten())
            .any(|c| c.paragraphs.iter().any(|p| has_text(&p.content))),
    })
}

fn has_text(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| match i {
        Inline::Text(r) => !r.text.trim().is_empty(),
        Inline::FootnoteRef { .. } | Inline::StandingNote(_) => true,
        _ => false,
    })
}

/// The document as `view` shows it.
pub fn apply(doc: &Document, view: View) -> Document {
    if view == View::All {
        return doc.clone();
    }
    let viewer = Viewer { doc, view };
    let mut out = doc.clone();
    // A change the view does not show encloses nothing any more: what was
    // nested in it stands alone (and counts alone in `stats`).
    for change in &mut out.changes {
        if change
            .parent
            .is_some_and(|p| viewer.outcome(p) != Outcome::Keep)
        {
            change.parent = None;
        }
    }
    let mut items = ListItems::default();
    out.blocks = viewer.blocks(&doc.blocks, &mut items);
    for footnote in &mut out.footnotes {
        footnote.content = viewer.inlines(&footnote.content);
    }
    renumber_footnotes(&mut out);
    // The clean texts are numbered afresh, as an editor accepting or
    // rejecting every change would leave them; a view that shows changes
    // keeps the numbers the changes refer to.
    if matches!(view, View::Accepted | View::Original) {
        let mut n = 0;
        crate::model::walk::renumber_paragraphs(&mut out.blocks, &mut n);
        // Word's lists count the items they keep: the runs are the full
        // document's, as the DOCX holds them.
        let lists = crate::model::lists::Lists::of(&doc.blocks);
        crate::model::lists::renumber(&mut out.blocks, &lists, &items.kept);
    }
    // An author view shows that author's attributions only.
    if let View::Author(a) = view {
        for group in &mut out.groups {
            let own: Vec<Attribution> = group
                .attributions
                .iter()
                .filter(|at| at.author == a)
                .cloned()
                .collect();
            if !own.is_empty() {
                group.attributions = own;
            }
        }
    }
    out
}

/// Footnotes whose every reference a view removed are gone; the rest are
/// numbered again in order of first reference.
fn renumber_footnotes(doc: &mut Document) {
    let mut order: Vec<FootnoteId> = Vec::new();
    let mut seen = vec![false; doc.footnotes.len()];
    walk_inlines(
        &doc.blocks,
        &mut |inlines| {
            for inline in inlines {
                if let Inline::FootnoteRef { note, .. } = inline {
                    if !seen[note.0] {
                        seen[note.0] = true;
                        order.push(*note);
                    }
                }
            }
        },
        &mut |_| {},
    );
    if order.len() == doc.footnotes.len() && order.iter().enumerate().all(|(i, f)| f.0 == i) {
        return;
    }
    let new_id = Builder::keep_footnotes(&mut doc.footnotes, &order);
    remap_footnotes(&mut doc.blocks, &new_id);
}

fn remap_footnotes(blocks: &mut [Block], new_id: &[Option<FootnoteId>]) {
    crate::model::walk::walk_inlines_mut(blocks, &mut |inlines| {
        for inline in inlines.iter_mut() {
            if let Inline::FootnoteRef { note, .. } = inline {
                *note = new_id[note.0].expect("every remaining reference was counted");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(src: &str, view: View) -> String {
        let full = format!(
            "+++\nsymbol = \"X\"\ndate = 2020-01-01\n[authors]\nUS = \"United States\"\n+++\n{src}"
        );
        let doc = crate::read::source::parse("t.md", &full).unwrap_or_else(|e| panic!("{e}"));
        let out = crate::write::text::write(&apply(&doc, view));
        // The body follows the masthead's last line, the date.
        let body = out.split_once("1 January 2020\n").expect("masthead").1;
        body.trim().to_string()
    }

    #[test]
    fn nested_changes_follow_the_change_they_are_in() {
        let head = "+++\nsymbol = \"X\"\ndate = 2020-01-01\n[authors]\nUS = \"United States\"\nCA = \"Canada\"\n+++\n";
        let view = |src: &str, code: &str| {
            let doc = crate::read::source::parse("t.md", &format!("{head}{src}"))
                .unwrap_or_else(|e| panic!("{e}"));
            let v = ViewSpec::Author(code.into()).resolve(&doc).unwrap();
            let out = crate::write::text::write(&apply(&doc, v));
            out.split_once("1 January 2020\n")
                .unwrap()
                .1
                .trim()
                .to_string()
        };
        // Canada's insertion inside a United States insertion that Canada's
        // view rejects: gone with it.
        assert_eq!(
            view("P {++a {++b++}{>>CA<<} c++}{>>US<<} t.\n", "CA"),
            "P t."
        );
        // Text deleted by both: the United States' view strikes it whole.
        assert_eq!(
            view("Q {--a {--b--}{>>CA<<} c--}{>>US<<} t.\n", "US"),
            "Q ~~a b c~~ (US) t."
        );
    }

    #[test]
    fn views_drop_footnotes_of_removed_text_and_renumber() {
        let src = "1. B {++new[^n]++}{>>US<<} text[^m].\n\n2. {--Gone.--}{>>US<<}\n\n3. Last.\n\n[^n]: N.\n\n[^m]: M.\n";
        let original = text(src, View::Original);
        assert!(original.starts_with("1. B text[^1]."), "{original}");
        assert!(original.contains("[^1]: M."), "{original}");
        assert!(!original.contains("N."), "{original}");
        let accepted = text(src, View::Accepted);
        assert!(accepted.contains("\n\n2. Last."), "{accepted}");
    }

    #[test]
    fn a_heading_inside_an_accepted_deletion_goes_with_it() {
        let src = "1. Keep {--this\n\n## Heading in deletion\n\nGone--}{>>US<<} next.\n";
        assert_eq!(text(src, View::Accepted), "1. Keep next.");
    }

    #[test]
    fn rejecting_an_inserted_break_keeps_the_spaces_around_it() {
        let src = "Text {++across\n\nparagraphs++}{>>US<<} end.\n";
        assert_eq!(text(src, View::Original), "Text end.");
        assert_eq!(text(src, View::Accepted), "Text across\n\nparagraphs end.");
    }

    #[test]
    fn an_attribution_keeps_the_space_after_it_when_a_nested_change_goes() {
        let head = "+++\nsymbol = \"X\"\ndate = 2020-01-01\n[authors]\nUS = \"United States\"\nCA = \"Canada\"\n+++\n";
        let src = "A {++b {++c++}{>>CA<<}++}{>>US<<} d.\n";
        let doc = crate::read::source::parse("t.md", &format!("{head}{src}")).unwrap();
        let v = ViewSpec::Author("US".into()).resolve(&doc).unwrap();
        let out = crate::write::text::write(&apply(&doc, v));
        assert!(out.trim_end().ends_with("A b (US) d."), "{out}");
    }

    #[test]
    fn accepting_a_deletion_folds_the_spaces_and_keeps_punctuation_tight() {
        let src = "States {--really--}{>>US<<} should act {--now--}{>>US<<}.\n";
        assert_eq!(text(src, View::Accepted), "States should act.");
        assert_eq!(text(src, View::Original), "States really should act now.");
    }
}
