//! Building the merged segments: the base's tokens and markers again, with
//! every State's new deletions and insertions as changes of their own
//! (nested where they fall inside another change), grouped as the source
//! format groups them, and the new comments in place.

use super::edits::{Insertion, NewNote, NewTok};
use super::flat::{Flat, Item, Place, TokKind};
use crate::model::Builder as Tables;
use crate::model::*;
use std::collections::BTreeMap;

/// Everything the copies propose, in base coordinates, in one order that
/// does not depend on the order of the copies.
#[derive(Debug, Default)]
pub(crate) struct Combined {
    /// Per base token: the States deleting it, in author order.
    pub dels: Vec<Vec<AuthorId>>,
    /// Per gap (the base token it stands before): insertions, sorted.
    pub ins: BTreeMap<usize, Vec<Insertion>>,
    /// New markers before a token, opening ones (a noted span starts).
    pub starts: BTreeMap<usize, Vec<Inline>>,
    /// New markers before a token, closing ones (a span ends, a note).
    pub ends: BTreeMap<usize, Vec<Inline>>,
}

/// One base segment as merged: its paragraphs (more than one where a State
/// inserted a paragraph break) with their marks.
#[derive(Debug, Clone, Default)]
pub(crate) struct SegOut {
    pub pieces: Vec<(Vec<Inline>, Rev)>,
    /// Per piece, a list item's kind a State's new break gave it (the
    /// copy's paragraph after the break was one).
    pub lists: Vec<Option<ParagraphKind>>,
    pub touched: bool,
}

/// A new change group and what it covers, for conflicts and comments.
#[derive(Debug, Clone)]
pub(crate) struct Region {
    pub group: GroupId,
    pub author: AuthorId,
    /// Half-positions: a base token `i` is `2i + 1`, the gap before it `2i`.
    pub from: usize,
    pub to: usize,
    pub seg: usize,
    pub deleted: String,
    pub inserted: String,
}

struct Level {
    author: AuthorId,
    kind: ChangeKind,
    change: ChangeId,
}

struct OpenGroup {
    region: Region,
    parent: Option<ChangeId>,
}

pub(crate) struct Builder<'a> {
    base: &'a Flat,
    /// The document's tables, which hand out the new ids.
    pub tables: Tables,
    combined: &'a Combined,
    pub out: Vec<SegOut>,
    pub regions: Vec<Region>,
    seg: usize,
    cur: Vec<Inline>,
    levels: Vec<Level>,
    levels_parent: Option<ChangeId>,
    group: Option<OpenGroup>,
    nested: Vec<(usize, OpenGroup)>,
    /// Spaces after the open group's last change: the group may go on.
    pending: Vec<(String, Style, Rev)>,
    /// The list item's kind of the paragraph being built (a State's new
    /// paragraph's), and of the one a new break about to be put starts.
    list: Option<ParagraphKind>,
    next_list: Option<ParagraphKind>,
}

/// What to put: text of the base or of a State, a footnote reference or
/// a break, in these changes.
struct Piece<'t> {
    what: What<'t>,
    style: Style,
    chain: Vec<ChangeId>,
    spec: Vec<(AuthorId, ChangeKind)>,
    pos: usize,
    is_space: bool,
}

#[derive(Clone, Copy)]
enum What<'t> {
    Text(&'t str),
    /// A footnote reference: put like one character of text.
    Footnote(FootnoteId),
    /// A paragraph's end.
    Break,
}

impl What<'_> {
    /// What the report shows of it.
    fn shown(self) -> &'static str {
        match self {
            What::Break => "¶",
            _ => "",
        }
    }
}

impl<'a> Builder<'a> {
    pub fn new(base: &'a Flat, tables: Tables, combined: &'a Combined) -> Self {
        Builder {
            base,
            tables,
            combined,
            out: vec![SegOut::default(); base.segs.len()],
            regions: Vec::new(),
            seg: 0,
            cur: Vec::new(),
            levels: Vec::new(),
            levels_parent: None,
            group: None,
            nested: Vec::new(),
            pending: Vec::new(),
            list: None,
            next_list: None,
        }
    }

    pub fn run(mut self) -> Self {
        for s in 0..self.base.segs.len() {
            let seg = &self.base.segs[s];
            if seg.place == Place::Fixed {
                continue;
            }
            self.seg = s;
            self.list = None;
            let mut anchors: Vec<Inline> = Vec::new();
            for item in &seg.items {
                match item {
                    Item::Anchor(a) => anchors.push(a.clone()),
                    Item::Tok(i) => {
                        self.gap(*i, std::mem::take(&mut anchors));
                        self.token(*i);
                    }
                }
            }
            self.gap(seg.end, anchors);
            self.token(seg.end);
        }
        self
    }

    /// Markers and insertions standing before base token `i`: closing
    /// markers first, then what States insert, then opening markers (the
    /// new before the base's).
    fn gap(&mut self, i: usize, anchors: Vec<Inline>) {
        let (closing, opening): (Vec<Inline>, Vec<Inline>) = anchors
            .into_iter()
            .partition(|a| !matches!(a, Inline::GroupStart(_) | Inline::SpanStart(_)));
        for a in closing {
            self.anchor(a, false);
        }
        if let Some(extra) = self.combined.ends.get(&i) {
            for a in extra.clone() {
                self.anchor(a, true);
            }
        }
        if let Some(list) = self.combined.ins.get(&i) {
            let chain = self.gap_chain(i);
            for ins in list {
                self.insertion(ins, &chain);
            }
        }
        // A new noted span opens outside those of the base that open
        // here, as its end closes outside theirs: a reply to a comment on
        // the same words stands after the comment it answers.
        if let Some(extra) = self.combined.starts.get(&i) {
            for a in extra.clone() {
                self.anchor(a, true);
            }
        }
        for a in opening {
            self.anchor(a, false);
        }
    }

    /// The changes both sides of a gap are in: what an insertion there
    /// nests in.
    fn gap_chain(&self, i: usize) -> Vec<ChangeId> {
        let right = self.tables.chain(self.base.toks[i].rev);
        if i == 0 {
            return Vec::new();
        }
        let left = self.tables.chain(self.base.toks[i - 1].rev);
        left.iter()
            .zip(&right)
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| *a)
            .collect()
    }

    fn insertion(&mut self, ins: &Insertion, chain: &[ChangeId]) {
        for t in &ins.toks {
            let mut spec = vec![(ins.author, ChangeKind::Insertion)];
            if let Some(d) = t.del {
                spec.push((d, ChangeKind::Deletion));
            }
            if t.is_break {
                self.next_list = t.lists.1.clone();
            }
            let piece = Piece {
                what: if t.is_break {
                    What::Break
                } else {
                    What::Text(&t.text)
                },
                style: style_of(t),
                chain: chain.to_vec(),
                spec,
                pos: 2 * ins.gap,
                is_space: t.is_space,
            };
            self.put(piece);
        }
    }

    fn token(&mut self, i: usize) {
        let t = &self.base.toks[i];
        let spec = self
            .combined
            .dels
            .get(i)
            .map(|d| d.iter().map(|&a| (a, ChangeKind::Deletion)).collect())
            .unwrap_or_default();
        let what = match t.kind {
            TokKind::Break => What::Break,
            TokKind::Footnote(note) => What::Footnote(note),
            _ => What::Text(t.text()),
        };
        let piece = Piece {
            what,
            style: t.style,
            chain: self.tables.chain(t.rev),
            spec,
            pos: 2 * i + 1,
            is_space: t.is_space(),
        };
        self.put(piece);
    }

    fn put(&mut self, p: Piece) {
        if p.spec.is_empty() {
            self.end_nested(0);
            self.levels.clear();
            if self.group.is_some() {
                if let (true, What::Text(text)) = (p.is_space, p.what) {
                    let rev = rev_of(&self.tables, &p.chain, &[]);
                    self.pending.push((text.to_string(), p.style, rev));
                    return;
                }
                self.close_group();
            }
            let rev = rev_of(&self.tables, &p.chain, &[]);
            self.emit(p.what, p.style, rev);
            return;
        }
        let parent = p.chain.last().copied();
        let (author, _) = p.spec[0];
        let continues = self
            .group
            .as_ref()
            .is_some_and(|g| g.region.author == author && g.parent == parent);
        if continues {
            self.flush_pending();
        } else {
            self.close_group();
            self.open_group(author, parent, p.pos);
        }
        let mut keep = 0;
        while keep < p.spec.len()
            && keep < self.levels.len()
            && self.levels[keep].author == p.spec[keep].0
            && self.levels[keep].kind == p.spec[keep].1
            && (keep > 0 || self.levels_parent == parent)
        {
            keep += 1;
        }
        self.end_nested(keep.max(1));
        self.levels.truncate(keep);
        for k in keep..p.spec.len() {
            let (author, kind) = p.spec[k];
            let change_parent = if k == 0 {
                parent
            } else {
                Some(self.levels[k - 1].change)
            };
            let group = if k == 0 {
                self.group.as_ref().expect("opened above").region.group
            } else {
                self.open_nested(k, author, change_parent, p.pos)
            };
            // The group's proposer is `author`: the change takes it.
            let change = self.tables.change_in(kind, group, change_parent);
            self.levels.push(Level {
                author,
                kind,
                change,
            });
        }
        self.levels_parent = parent;
        let ids: Vec<(ChangeKind, ChangeId)> =
            self.levels.iter().map(|l| (l.kind, l.change)).collect();
        let rev = rev_of(&self.tables, &p.chain, &ids);
        self.note_text(&p, 0);
        for k in 1..self.levels.len() {
            self.note_text(&p, k);
        }
        self.out[self.seg].touched = true;
        self.emit(p.what, p.style, rev);
    }

    /// Keep the deleted and inserted text of the groups a piece falls in.
    fn note_text(&mut self, p: &Piece, level: usize) {
        let kind = p.spec[level].1;
        let text = match p.what {
            What::Text(text) => text,
            other => other.shown(),
        };
        let region = if level == 0 {
            self.group.as_mut().map(|g| &mut g.region)
        } else {
            self.nested
                .iter_mut()
                .find(|(l, _)| *l == level)
                .map(|(_, g)| &mut g.region)
        };
        if let Some(r) = region {
            r.to = r.to.max(p.pos);
            r.from = r.from.min(p.pos);
            match kind {
                ChangeKind::Deletion => r.deleted.push_str(text),
                ChangeKind::Insertion => r.inserted.push_str(text),
            }
        }
    }

    fn emit(&mut self, what: What, style: Style, rev: Rev) {
        let text = match what {
            What::Text(text) => text,
            What::Footnote(note) => {
                self.cur.push(Inline::FootnoteRef { note, rev });
                return;
            }
            What::Break => {
                self.end_segment(rev);
                return;
            }
        };
        if let Some(Inline::Text(run)) = self.cur.last_mut() {
            if run.style == style && run.rev == rev {
                run.text.push_str(text);
                return;
            }
        }
        self.cur.push(Inline::Text(Run {
            text: text.to_string(),
            style,
            rev,
        }));
    }

    /// A paragraph of the segment ends, with this mark.
    fn end_segment(&mut self, rev: Rev) {
        let content = std::mem::take(&mut self.cur);
        let out = &mut self.out[self.seg];
        out.pieces.push((content, rev));
        out.lists.push(self.list.take());
        self.list = self.next_list.take();
        if rev != self.base.segs[self.seg].mark || out.pieces.len() > 1 {
            out.touched = true;
        }
    }

    fn anchor(&mut self, a: Inline, new: bool) {
        self.close_group();
        if new {
            self.out[self.seg].touched = true;
        }
        self.cur.push(a);
    }

    fn new_group(&mut self, author: AuthorId) -> GroupId {
        let id = self.tables.group_by(author);
        self.cur.push(Inline::GroupStart(id));
        id
    }

    fn open_group(&mut self, author: AuthorId, parent: Option<ChangeId>, pos: usize) {
        let group = self.new_group(author);
        self.group = Some(OpenGroup {
            region: self.region(group, author, pos),
            parent,
        });
        self.levels.clear();
    }

    fn open_nested(
        &mut self,
        level: usize,
        author: AuthorId,
        parent: Option<ChangeId>,
        pos: usize,
    ) -> GroupId {
        let group = self.new_group(author);
        let region = self.region(group, author, pos);
        self.nested.push((level, OpenGroup { region, parent }));
        group
    }

    fn region(&self, group: GroupId, author: AuthorId, pos: usize) -> Region {
        Region {
            group,
            author,
            from: pos,
            to: pos,
            seg: self.seg,
            deleted: String::new(),
            inserted: String::new(),
        }
    }

    /// Close the nested groups at `level` and deeper.
    fn end_nested(&mut self, level: usize) {
        while self.nested.last().is_some_and(|(l, _)| *l >= level) {
            let (_, g) = self.nested.pop().expect("checked");
            self.cur.push(Inline::GroupEnd(g.region.group));
            self.regions.push(g.region);
        }
    }

    fn close_group(&mut self) {
        self.end_nested(0);
        if let Some(g) = self.group.take() {
            self.cur.push(Inline::GroupEnd(g.region.group));
            self.out[self.seg].touched = true;
            self.regions.push(g.region);
        }
        self.levels.clear();
        self.flush_pending();
    }

    fn flush_pending(&mut self) {
        for (text, style, rev) in std::mem::take(&mut self.pending) {
            self.emit(What::Text(&text), style, rev);
        }
    }
}

fn style_of(t: &NewTok) -> Style {
    Style {
        italic: t.italic,
        bold: t.bold,
    }
}

/// The revision state of text in these changes (outermost first).
fn rev_of(doc: &Tables, chain: &[ChangeId], new: &[(ChangeKind, ChangeId)]) -> Rev {
    let mut rev = Rev::NONE;
    let kinds = chain
        .iter()
        .map(|&c| (doc.change(c).kind, c))
        .chain(new.iter().copied());
    for (kind, c) in kinds {
        match kind {
            ChangeKind::Insertion => rev.ins = Some(c),
            ChangeKind::Deletion => rev.del = Some(c),
        }
    }
    rev
}

/// New notes become markers (spans, standing notes) before the build, or
/// attributions on groups after it; a note is given its id here.
pub(crate) fn place_notes(
    notes: &[NewNote],
    tables: &mut Tables,
    combined: &mut Combined,
    base: &Flat,
) {
    for note in notes {
        match note {
            NewNote::Standing { gap, author, text } => {
                let id = tables.note_by(*author, text.clone(), NoteKind::Standing);
                combined
                    .ends
                    .entry(*gap)
                    .or_default()
                    .push(Inline::StandingNote(id));
            }
            NewNote::Span {
                from,
                to,
                author,
                text,
            } => {
                // A span must not cross a change's edge or a break, and
                // nothing new may fall inside it: else a standing note.
                let simple = base.toks[*from].seg == base.toks[*to].seg
                    && (*from..=*to).all(|i| {
                        base.toks[i].rev == base.toks[*from].rev
                            && combined.dels.get(i).is_none_or(|d| d.is_empty())
                    })
                    && (*from + 1..=*to).all(|g| !combined.ins.contains_key(&g));
                if simple {
                    let id = tables.note_by(*author, text.clone(), NoteKind::Span);
                    combined
                        .starts
                        .entry(*from)
                        .or_default()
                        .push(Inline::SpanStart(id));
                    combined
                        .ends
                        .entry(*to + 1)
                        .or_default()
                        .insert(0, Inline::SpanEnd(id));
                } else {
                    let id = tables.note_by(*author, text.clone(), NoteKind::Standing);
                    combined
                        .ends
                        .entry(*to + 1)
                        .or_default()
                        .push(Inline::StandingNote(id));
                }
            }
            NewNote::OnGroup { .. } | NewNote::OnNew { .. } => {}
        }
    }
}
