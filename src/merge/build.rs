//! Building the merged segments: the base's tokens and markers again, with
//! every State's new deletions and insertions as changes of their own
//! (nested where they fall inside another change), grouped as the source
//! format groups them, and the new comments in place.

use super::edits::{Insertion, NewNote, NewTok};
use super::flat::{At, Flat, Item, Place, TokKind};
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
    /// Per piece but the last: the kind of the paragraph a State's new
    /// break starts after it (`None`: a plain paragraph).
    pub next_kinds: Vec<Option<ParagraphKind>>,
    pub touched: bool,
}

/// A new change group and what it covers, for conflicts and comments.
#[derive(Debug, Clone)]
pub(crate) struct Region {
    pub group: GroupId,
    pub author: AuthorId,
    /// The first and last places it covers.
    pub from: At,
    pub to: At,
    pub seg: usize,
    pub deleted: String,
    pub inserted: String,
}

impl Region {
    /// Whether something at `at` is on this region or right after it (an
    /// attribution stands after the change it closes).
    pub fn touches(&self, at: At) -> bool {
        self.from <= at && at <= self.to.next()
    }
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

/// Weaves the States' edits into the base's tokens, segment by segment;
/// the model's [`Builder`] hands out every id it needs.
pub(crate) struct Weaver<'a> {
    base: &'a Flat,
    /// The document's tables, which hand out the new ids.
    pub tables: Builder,
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
}

/// What to put: text of the base or of a State, a footnote reference or
/// a break, in these changes.
struct Put<'t> {
    what: What<'t>,
    style: Style,
    chain: Vec<ChangeId>,
    spec: Vec<(AuthorId, ChangeKind)>,
    pos: At,
    is_space: bool,
}

#[derive(Clone, Copy)]
enum What<'t> {
    Text(&'t str),
    /// A footnote reference: put like one character of text.
    Footnote(FootnoteId),
    /// A paragraph's end, and the kind of a new paragraph it starts.
    Break(Option<&'t ParagraphKind>),
}

impl What<'_> {
    /// What the report shows of it.
    fn shown(self) -> &'static str {
        match self {
            What::Break(_) => "¶",
            _ => "",
        }
    }
}

impl<'a> Weaver<'a> {
    pub fn new(base: &'a Flat, tables: Builder, combined: &'a Combined) -> Self {
        Weaver {
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
        }
    }

    pub fn run(mut self) -> Self {
        for s in 0..self.base.segs.len() {
            let seg = &self.base.segs[s];
            if seg.place == Place::Fixed {
                continue;
            }
            self.seg = s;
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
            let piece = Put {
                what: if t.is_break {
                    What::Break(t.starts.as_ref())
                } else {
                    What::Text(&t.text)
                },
                style: style_of(t),
                chain: chain.to_vec(),
                spec,
                pos: At::gap(ins.gap),
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
            TokKind::Break => What::Break(None),
            TokKind::Footnote(note) => What::Footnote(note),
            _ => What::Text(t.text()),
        };
        let piece = Put {
            what,
            style: t.style,
            chain: self.tables.chain(t.rev),
            spec,
            pos: At::token(i),
            is_space: t.is_space(),
        };
        self.put(piece);
    }

    fn put(&mut self, p: Put) {
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
    fn note_text(&mut self, p: &Put, level: usize) {
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
            What::Break(next) => {
                self.end_segment(rev, next.cloned());
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
    fn end_segment(&mut self, rev: Rev, next: Option<ParagraphKind>) {
        let content = std::mem::take(&mut self.cur);
        let out = &mut self.out[self.seg];
        out.pieces.push((content, rev));
        out.next_kinds.push(next);
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

    fn open_group(&mut self, author: AuthorId, parent: Option<ChangeId>, pos: At) {
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
        pos: At,
    ) -> GroupId {
        let group = self.new_group(author);
        let region = self.region(group, author, pos);
        self.nested.push((level, OpenGroup { region, parent }));
        group
    }

    fn region(&self, group: GroupId, author: AuthorId, pos: At) -> Region {
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
fn rev_of(doc: &Builder, chain: &[ChangeId], new: &[(ChangeKind, ChangeId)]) -> Rev {
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
    tables: &mut Builder,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merge::flat::flatten;

    const US: AuthorId = AuthorId(0);
    const FR: AuthorId = AuthorId(1);

    /// A base document with one paragraph (or what `body` has).
    fn base(body: &str) -> Document {
        let source = format!(
            "+++\nsymbol = \"X/1\"\ndate = 2020-10-09\n[authors]\n\
             US = \"United States\"\nFR = \"France\"\n+++\n\n{body}"
        );
        crate::read::source::parse("base.md", &source).expect("the base parses")
    }

    /// The base token with this text (the first one).
    fn tok(flat: &Flat, text: &str) -> usize {
        flat.toks
            .iter()
            .position(|t| t.text() == text)
            .unwrap_or_else(|| panic!("no token {text:?}"))
    }

    fn word(text: &str) -> NewTok {
        NewTok {
            text: text.into(),
            is_break: false,
            is_space: text.trim().is_empty(),
            italic: false,
            bold: false,
            del: None,
            ends: None,
            starts: None,
        }
    }

    /// Builds the merge of `combined` over `doc`.
    fn build<'a>(doc: &mut Document, flat: &'a Flat, combined: &'a Combined) -> Weaver<'a> {
        Weaver::new(flat, Builder::resume(doc), combined).run()
    }

    /// The segment's paragraphs as a reviewer reads them: `<` `>` a
    /// group's start and end, `[-FR:old-]` deleted by France, `[+US:new+]`
    /// inserted by the United States, `{` `}` a noted span, `*` a note.
    fn shown(b: &Weaver, seg: usize) -> Vec<String> {
        let code = |c: ChangeId| ["US", "FR"][b.tables.change(c).author.0];
        let piece = |inlines: &[Inline]| -> String {
            inlines
                .iter()
                .map(|i| match i {
                    Inline::Text(run) => match (run.rev.ins, run.rev.del) {
                        (None, None) => run.text.clone(),
                        (Some(i), None) => format!("[+{}:{}+]", code(i), run.text),
                        (None, Some(d)) => format!("[-{}:{}-]", code(d), run.text),
                        (Some(i), Some(d)) => {
                            format!("[+{}-{}:{}-+]", code(i), code(d), run.text)
                        }
                    },
                    Inline::GroupStart(_) => "<".into(),
                    Inline::GroupEnd(_) => ">".into(),
                    Inline::SpanStart(_) => "{".into(),
                    Inline::SpanEnd(_) => "}".into(),
                    Inline::StandingNote(_) => "*".into(),
                    Inline::FootnoteRef { .. } => "^".into(),
                })
                .collect()
        };
        b.out[seg].pieces.iter().map(|(p, _)| piece(p)).collect()
    }

    /// Per base token, the States deleting it.
    fn deleting(flat: &Flat, words: &[(&str, &[AuthorId])]) -> Vec<Vec<AuthorId>> {
        let mut dels = vec![Vec::new(); flat.toks.len()];
        for (text, by) in words {
            dels[tok(flat, text)] = by.to_vec();
        }
        dels
    }

    #[test]
    fn a_deleted_word_is_a_group_of_its_own_and_the_space_after_stays_outside() {
        let mut doc = base("Some old text.\n");
        let flat = flatten(&doc);
        let combined = Combined {
            dels: deleting(&flat, &[("old", &[FR])]),
            ..Combined::default()
        };
        let b = build(&mut doc, &flat, &combined);
        assert_eq!(shown(&b, 0), ["Some <[-FR:old-]> text."]);
        assert!(b.out[0].touched);
        let [region] = &b.regions[..] else {
            panic!("one region: {:?}", b.regions)
        };
        let old = tok(&flat, "old");
        assert_eq!((region.from, region.to), (At::token(old), At::token(old)));
        assert_eq!((region.author, region.deleted.as_str()), (FR, "old"));
        assert_eq!(b.tables.group(region.group).proposer(), FR);
    }

    #[test]
    fn one_states_deletions_a_space_apart_share_a_group() {
        let mut doc = base("Some old words here.\n");
        let flat = flatten(&doc);
        let combined = Combined {
            dels: deleting(&flat, &[("old", &[FR]), ("words", &[FR])]),
            ..Combined::default()
        };
        let b = build(&mut doc, &flat, &combined);
        assert_eq!(shown(&b, 0), ["Some <[-FR:old-] [-FR:words-]> here."]);
        let [region] = &b.regions[..] else {
            panic!("one group: {:?}", b.regions)
        };
        assert_eq!(b.tables.group(region.group).changes.len(), 2);
    }

    #[test]
    fn two_states_deletions_apart_are_two_groups() {
        let mut doc = base("Some old words here.\n");
        let flat = flatten(&doc);
        let combined = Combined {
            dels: deleting(&flat, &[("old", &[FR]), ("words", &[US])]),
            ..Combined::default()
        };
        let b = build(&mut doc, &flat, &combined);
        assert_eq!(shown(&b, 0), ["Some <[-FR:old-]> <[-US:words-]> here."]);
        let proposers: Vec<_> = b
            .regions
            .iter()
            .map(|r| b.tables.group(r.group).proposer())
            .collect();
        assert_eq!(proposers, [FR, US]);
    }

    #[test]
    fn a_deletion_and_an_insertion_by_one_state_are_one_replacement() {
        let mut doc = base("Some old text.\n");
        let flat = flatten(&doc);
        let gap = tok(&flat, "old") + 1;
        let mut ins = BTreeMap::new();
        ins.insert(
            gap,
            vec![Insertion {
                gap,
                author: FR,
                toks: vec![word("new")],
            }],
        );
        let combined = Combined {
            dels: deleting(&flat, &[("old", &[FR])]),
            ins,
            ..Combined::default()
        };
        let b = build(&mut doc, &flat, &combined);
        assert_eq!(shown(&b, 0), ["Some <[-FR:old-][+FR:new+]> text."]);
        let [region] = &b.regions[..] else {
            panic!("one group: {:?}", b.regions)
        };
        assert_eq!(
            (region.deleted.as_str(), region.inserted.as_str()),
            ("old", "new")
        );
        // The insertion stands in the gap after the word.
        assert_eq!(region.to, At::gap(gap));
        let kinds: Vec<_> = b
            .tables
            .group(region.group)
            .changes
            .iter()
            .map(|&c| b.tables.change(c).kind)
            .collect();
        assert_eq!(kinds, [ChangeKind::Deletion, ChangeKind::Insertion]);
    }

    #[test]
    fn a_word_two_states_delete_nests_the_second_deletion_in_the_first() {
        let mut doc = base("Some old text.\n");
        let flat = flatten(&doc);
        let combined = Combined {
            dels: deleting(&flat, &[("old", &[US, FR])]),
            ..Combined::default()
        };
        let b = build(&mut doc, &flat, &combined);
        // The text shows the innermost deletion, France's.
        assert_eq!(shown(&b, 0), ["Some <<[-FR:old-]>> text."]);
        let groups: Vec<&ChangeGroup> = b.regions.iter().map(|r| b.tables.group(r.group)).collect();
        let [inner, outer] = &groups[..] else {
            panic!("two groups: {:?}", b.regions)
        };
        assert_eq!((outer.proposer(), inner.proposer()), (US, FR));
        let (us, fr) = (outer.changes[0], inner.changes[0]);
        assert_eq!(b.tables.change(fr).parent, Some(us));
        assert_eq!(b.tables.depth(fr), 2);
    }

    #[test]
    fn an_insertion_inside_a_base_change_nests_in_it() {
        let mut doc = base("Some {++new words++}{>>US<<} here.\n");
        let flat = flatten(&doc);
        let base_change = flat.toks[tok(&flat, "words")].rev.ins.expect("inserted");
        let gap = tok(&flat, "words");
        let mut ins = BTreeMap::new();
        ins.insert(
            gap,
            vec![Insertion {
                gap,
                author: FR,
                toks: vec![word("good"), word(" ")],
            }],
        );
        let combined = Combined {
            dels: vec![Vec::new(); flat.toks.len()],
            ins,
            ..Combined::default()
        };
        let b = build(&mut doc, &flat, &combined);
        assert_eq!(
            shown(&b, 0),
            ["Some <[+US:new +]<[+FR:good +]>[+US:words+]> here."]
        );
        let [region] = &b.regions[..] else {
            panic!("one new group: {:?}", b.regions)
        };
        let new = b.tables.group(region.group).changes[0];
        assert_eq!(b.tables.change(new).parent, Some(base_change));
        assert_eq!(b.tables.change(new).author, FR);
    }

    #[test]
    fn an_inserted_paragraph_break_splits_the_segment_and_carries_the_insertion() {
        let mut doc = base("First part second part.\n");
        let flat = flatten(&doc);
        let gap = tok(&flat, "second");
        let mut ins = BTreeMap::new();
        ins.insert(
            gap,
            vec![Insertion {
                gap,
                author: US,
                toks: vec![NewTok::paragraph_break()],
            }],
        );
        let combined = Combined {
            dels: vec![Vec::new(); flat.toks.len()],
            ins,
            ..Combined::default()
        };
        let b = build(&mut doc, &flat, &combined);
        assert_eq!(shown(&b, 0), ["First part <", ">second part."]);
        let marks: Vec<Rev> = b.out[0].pieces.iter().map(|(_, mark)| *mark).collect();
        let new = b.tables.group(b.regions[0].group).changes[0];
        assert_eq!(
            marks,
            [
                Rev {
                    ins: Some(new),
                    del: None
                },
                Rev::NONE
            ]
        );
        assert_eq!(b.regions[0].inserted, "¶");
    }

    #[test]
    fn a_comment_on_untouched_words_is_a_span_and_one_over_a_deletion_stands() {
        let mut doc = base("Some old text here.\n");
        let flat = flatten(&doc);
        let mut combined = Combined {
            dels: deleting(&flat, &[("old", &[FR])]),
            ..Combined::default()
        };
        let span = |from: &str, to: &str| NewNote::Span {
            from: tok(&flat, from),
            to: tok(&flat, to),
            author: US,
            text: "why".into(),
        };
        let notes = [span("text", "here"), span("Some", "old")];
        let mut tables = Builder::resume(&mut doc);
        place_notes(&notes, &mut tables, &mut combined, &flat);
        let kinds: Vec<NoteKind> = (0..2).map(|n| tables.note(NoteId(n)).kind).collect();
        assert_eq!(kinds, [NoteKind::Span, NoteKind::Standing]);
        let b = Weaver::new(&flat, tables, &combined).run();
        assert_eq!(shown(&b, 0), ["Some <[-FR:old-]>* {text here}."]);
    }
}
