//! [`Builder`]: the one way to make a document's tables of changes, change
//! groups and notes. The source parser, the DOCX readers and the merge all
//! build through it, so the rules of the tracked-change model have one home:
//!
//! - ids are handed out here, in the order things are made (source order
//!   for the parser, reading order for the readers), never computed from a
//!   table's length elsewhere;
//! - a change belongs to one group and its author is that group's
//!   proposer (the group's first attribution); a change nests in at most
//!   one other, and never in itself through a chain;
//! - a footnote's id is handed out at its first reference, by the key the
//!   reader knows it by (a source's label, a DOCX's `w:id`), and its mark
//!   and text are given once read ([`Builder::define_footnote`]);
//! - an attribution written in a source is appended as written
//!   ([`Builder::attribute`]); a comment found later on a group (a Word
//!   comment, a returned copy's) follows "the first attribution takes the
//!   reason, otherwise append one" ([`Builder::comment`]); a co-proposer is
//!   added once ([`Builder::co_propose`]).

use super::*;

/// The tables of a document under construction. See the module's notes.
#[derive(Debug, Default, Clone)]
pub struct Builder {
    changes: Vec<Change>,
    groups: Vec<ChangeGroup>,
    notes: Vec<Note>,
    /// Per footnote id: the key it was first referred to by, and its
    /// definition once given.
    footnotes: Vec<(String, Option<Footnote>)>,
    footnote_ids: std::collections::HashMap<String, FootnoteId>,
}

/// A stored table that does not hold together (an index out of range, a
/// group without attribution, a change nested in a later one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inconsistent(pub String);

impl fmt::Display for Inconsistent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }

    /// Goes on building `doc`: its tables move into the builder until
    /// [`Builder::put_into`] gives them back.
    pub fn resume(doc: &mut Document) -> Builder {
        let footnotes: Vec<_> = std::mem::take(&mut doc.footnotes)
            .into_iter()
            .enumerate()
            .map(|(i, f)| (i.to_string(), Some(f)))
            .collect();
        Builder {
            changes: std::mem::take(&mut doc.changes),
            groups: std::mem::take(&mut doc.groups),
            notes: std::mem::take(&mut doc.notes),
            footnote_ids: (0..footnotes.len())
                .map(|i| (i.to_string(), FootnoteId(i)))
                .collect(),
            footnotes,
        }
    }

    /// Gives the tables to `doc` (replacing its own).
    pub fn put_into(self, doc: &mut Document) {
        doc.footnotes = defined(self.footnotes);
        doc.changes = self.changes;
        doc.groups = self.groups;
        doc.notes = self.notes;
    }

    /// The document with these tables.
    pub fn finish(self, meta: Metadata, authors: Vec<Author>, blocks: Vec<Block>) -> Document {
        Document {
            meta,
            authors,
            blocks,
            footnotes: defined(self.footnotes),
            groups: self.groups,
            changes: self.changes,
            notes: self.notes,
        }
    }

    /// Keeps only the footnotes in `order`, in that order (their first
    /// references'), numbered again from 1; asterisk marks stay. Gives each
    /// old id its new one, `None` for a footnote dropped.
    pub fn keep_footnotes(
        footnotes: &mut Vec<Footnote>,
        order: &[FootnoteId],
    ) -> Vec<Option<FootnoteId>> {
        let mut new_id = vec![None; footnotes.len()];
        let mut kept = Vec::with_capacity(order.len());
        let mut number = 0;
        for (i, old) in order.iter().enumerate() {
            new_id[old.0] = Some(FootnoteId(i));
            let mut f = footnotes[old.0].clone();
            if let FootnoteMark::Number(_) = f.mark {
                number += 1;
                f.mark = FootnoteMark::Number(number);
            }
            kept.push(f);
        }
        *footnotes = kept;
        new_id
    }

    /// Adds a State to a document's authors, the one way an author gets
    /// its id (its place in the list, which is front-matter order).
    pub fn enlist(authors: &mut Vec<Author>, author: Author) -> AuthorId {
        authors.push(author);
        AuthorId(authors.len() - 1)
    }

    /// Tables read back from a stored structure (a DOCX rapporteur wrote):
    /// every index checked, each group's changes listed from its changes'
    /// `group`, in id order. `authors` is the number of authors.
    pub fn restore(
        changes: Vec<Change>,
        groups: Vec<Vec<Attribution>>,
        notes: Vec<Note>,
        authors: usize,
    ) -> Result<Builder, Inconsistent> {
        let bad = |what: &str| Err(Inconsistent(what.to_string()));
        for (i, c) in changes.iter().enumerate() {
            if c.group.0 >= groups.len() || c.author.0 >= authors {
                return bad("a change's group or author is out of range");
            }
            // A change nests in an earlier one: no cycles.
            if c.parent.is_some_and(|p| p.0 >= i) {
                return bad("a change nests in a later one");
            }
        }
        for n in &notes {
            let group_ok = match n.kind {
                NoteKind::Reason(g) => g.0 < groups.len(),
                NoteKind::Standing | NoteKind::Span => true,
            };
            if !group_ok || n.author.0 >= authors {
                return bad("a note's group or author is out of range");
            }
        }
        let mut out = Builder {
            changes: Vec::new(),
            groups: Vec::with_capacity(groups.len()),
            notes,
            ..Builder::default()
        };
        for attributions in groups {
            if attributions.is_empty() {
                return bad("a group without attribution");
            }
            let in_range = |a: &Attribution| {
                a.author.0 < authors && a.note.is_none_or(|n| n.0 < out.notes.len())
            };
            if !attributions.iter().all(in_range) {
                return bad("an attribution's author or note is out of range");
            }
            out.groups.push(ChangeGroup {
                changes: Vec::new(),
                attributions,
            });
        }
        for (i, c) in changes.iter().enumerate() {
            out.groups[c.group.0].changes.push(ChangeId(i));
        }
        out.changes = changes;
        Ok(out)
    }

    pub fn change(&self, id: ChangeId) -> &Change {
        &self.changes[id.0]
    }

    pub fn group(&self, id: GroupId) -> &ChangeGroup {
        &self.groups[id.0]
    }

    pub fn note(&self, id: NoteId) -> &Note {
        &self.notes[id.0]
    }

    /// The number of changes made so far: the id the next one gets.
    pub fn change_count(&self) -> usize {
        self.changes.len()
    }

    /// How many changes `c` is nested in, itself included (1 at the top).
    pub fn depth(&self, c: ChangeId) -> usize {
        std::iter::successors(Some(c), |c| self.changes[c.0].parent).count()
    }

    /// A new group whose attribution is still to come (a source gives it
    /// after the group's text): [`Builder::attribute`] names the proposer.
    pub fn open_group(&mut self) -> GroupId {
        self.groups.push(ChangeGroup {
            changes: Vec::new(),
            attributions: Vec::new(),
        });
        GroupId(self.groups.len() - 1)
    }

    /// A new group proposed by `proposer`.
    pub fn group_by(&mut self, proposer: AuthorId) -> GroupId {
        self.groups.push(ChangeGroup {
            changes: Vec::new(),
            attributions: vec![Attribution {
                author: proposer,
                note: None,
            }],
        });
        GroupId(self.groups.len() - 1)
    }

    /// A new change in `group`, nested in `parent`: its author is the
    /// group's proposer (until the group has one, the first author; the
    /// first attribution sets it).
    pub fn change_in(
        &mut self,
        kind: ChangeKind,
        group: GroupId,
        parent: Option<ChangeId>,
    ) -> ChangeId {
        let id = ChangeId(self.changes.len());
        let author = self.groups[group.0]
            .attributions
            .first()
            .map_or(AuthorId(0), |a| a.author);
        self.changes.push(Change {
            kind,
            group,
            author,
            parent: parent.filter(|p| p.0 < id.0),
        });
        self.groups[group.0].changes.push(id);
        id
    }

    /// A change by `author` whose group is found later ([`Builder::join`]),
    /// as a reader sees a revision before the ones around it. Until then
    /// it is in no group's list.
    pub fn loose_change(&mut self, kind: ChangeKind, author: AuthorId) -> ChangeId {
        self.changes.push(Change {
            kind,
            group: GroupId(usize::MAX),
            author,
            parent: None,
        });
        ChangeId(self.changes.len() - 1)
    }

    /// Puts a loose change into `group`; it takes the group's proposer.
    pub fn join(&mut self, change: ChangeId, group: GroupId) {
        let proposer = self.groups[group.0].attributions.first().map(|a| a.author);
        let c = &mut self.changes[change.0];
        c.group = group;
        if let Some(author) = proposer {
            c.author = author;
        }
        self.groups[group.0].changes.push(change);
    }

    /// Nests `change` in `parent` (replacing where it nested before),
    /// unless `parent` is nested in `change`, which would make a circle
    /// the views could never leave: then nothing changes and it says so.
    pub fn nest(&mut self, change: ChangeId, parent: ChangeId) -> bool {
        let mut at = Some(parent);
        while let Some(p) = at {
            if p == change {
                return false;
            }
            at = self.changes[p.0].parent;
        }
        self.changes[change.0].parent = Some(parent);
        true
    }

    /// An attribution as a source writes it: appended to the group's, the
    /// first naming the proposer (every change of the group takes it as
    /// its author). A reason becomes a note. Returns the reason's note.
    pub fn attribute(
        &mut self,
        group: GroupId,
        author: AuthorId,
        reason: Option<String>,
    ) -> Option<NoteId> {
        let note = reason.map(|text| self.push_note(author, text, NoteKind::Reason(group)));
        let g = &mut self.groups[group.0];
        if g.attributions.is_empty() {
            for c in &g.changes {
                self.changes[c.0].author = author;
            }
        }
        g.attributions.push(Attribution { author, note });
        note
    }

    /// A comment found on a group after the fact (a Word comment, a
    /// returned copy's): the first attribution takes it as its reason when
    /// it is the proposer's and has none yet; otherwise it is appended as
    /// an attribution of its own (`None`: an attribution without a note).
    pub fn comment(
        &mut self,
        group: GroupId,
        author: AuthorId,
        text: Option<String>,
    ) -> Option<NoteId> {
        if self.groups[group.0].attributions.is_empty() {
            return self.attribute(group, author, text);
        }
        let note = text.map(|t| self.push_note(author, t, NoteKind::Reason(group)));
        let first = &mut self.groups[group.0].attributions[0];
        if first.author == author && first.note.is_none() {
            first.note = note;
        } else {
            self.groups[group.0]
                .attributions
                .push(Attribution { author, note });
        }
        note
    }

    /// `author` proposes what the group proposes: an attribution without a
    /// note, once. Whether it was added.
    pub fn co_propose(&mut self, group: GroupId, author: AuthorId) -> bool {
        let g = &mut self.groups[group.0];
        if g.attributions.iter().any(|a| a.author == author) {
            return false;
        }
        g.attributions.push(Attribution { author, note: None });
        true
    }

    /// A later attribution as a merge adds one (a State's support,
    /// objection or comment on a change that was there): after those of
    /// authors listed before its own in `[authors]` and before the later
    /// ones of authors listed after, so that its place does not depend on
    /// which copy was merged first. A text becomes its note.
    pub fn attribute_in_order(
        &mut self,
        group: GroupId,
        author: AuthorId,
        text: Option<String>,
    ) -> Option<NoteId> {
        let note = text.map(|t| self.push_note(author, t, NoteKind::Reason(group)));
        let list = &mut self.groups[group.0].attributions;
        let mut at = list.len();
        while at > 1 && list[at - 1].author > author {
            at -= 1;
        }
        list.insert(at, Attribution { author, note });
        note
    }

    /// A merged State's comment on a change of its own: the first
    /// attribution takes it as its reason when it is the proposer's and
    /// has none yet; otherwise a later attribution in `[authors]` order
    /// ([`Builder::attribute_in_order`]).
    pub fn comment_in_order(&mut self, group: GroupId, author: AuthorId, text: String) -> NoteId {
        let first = &self.groups[group.0].attributions[0];
        if first.author == author && first.note.is_none() {
            let note = self.push_note(author, text, NoteKind::Reason(group));
            self.groups[group.0].attributions[0].note = Some(note);
            return note;
        }
        self.attribute_in_order(group, author, Some(text))
            .expect("a text makes a note")
    }

    /// [`Builder::co_propose`] as a merge adds it: once, in `[authors]`
    /// order. Whether it was added.
    pub fn co_propose_in_order(&mut self, group: GroupId, author: AuthorId) -> bool {
        if self.groups[group.0]
            .attributions
            .iter()
            .any(|a| a.author == author)
        {
            return false;
        }
        self.attribute_in_order(group, author, None);
        true
    }

    /// The changes text with revision `rev` is in, outermost first (as
    /// [`Document::change_chain`]).
    pub fn chain(&self, rev: Rev) -> Vec<ChangeId> {
        let enclosing = |c: ChangeId| {
            std::iter::successors(Some(c), |c| self.changes[c.0].parent).collect::<Vec<_>>()
        };
        let innermost = match (rev.ins, rev.del) {
            (Some(i), Some(d)) if enclosing(d).contains(&i) => Some(d),
            (Some(c), _) | (None, Some(c)) => Some(c),
            (None, None) => None,
        };
        let mut chain = innermost.map(enclosing).unwrap_or_default();
        chain.reverse();
        chain
    }

    /// A standing note or a noted span's note, by `author`.
    pub fn note_by(&mut self, author: AuthorId, text: String, kind: NoteKind) -> NoteId {
        self.push_note(author, text, kind)
    }

    /// A noted span begins: its note's author and text come at its end
    /// ([`Builder::span_note`]).
    pub fn open_span(&mut self) -> NoteId {
        self.push_note(AuthorId(0), String::new(), NoteKind::Span)
    }

    /// The note of a span opened with [`Builder::open_span`].
    pub fn span_note(&mut self, note: NoteId, author: AuthorId, text: String) {
        let n = &mut self.notes[note.0];
        n.author = author;
        n.text = text;
    }

    /// The footnote a reference by `key` is to: a new id at the first
    /// reference, in the order of first references.
    pub fn footnote(&mut self, key: &str) -> FootnoteId {
        if let Some(&id) = self.footnote_ids.get(key) {
            return id;
        }
        let id = FootnoteId(self.footnotes.len());
        self.footnotes.push((key.to_string(), None));
        self.footnote_ids.insert(key.to_string(), id);
        id
    }

    /// The footnote `key` was first referred to by, if it was.
    pub fn footnote_by_key(&self, key: &str) -> Option<FootnoteId> {
        self.footnote_ids.get(key).copied()
    }

    /// The keys of the footnotes referred to so far, in id order.
    pub fn footnote_keys(&self) -> Vec<String> {
        self.footnotes.iter().map(|(k, _)| k.clone()).collect()
    }

    /// A footnote's mark and text. One never defined (a reference to a
    /// footnote a file lacks) has no text.
    pub fn define_footnote(&mut self, id: FootnoteId, mark: FootnoteMark, content: Vec<Inline>) {
        self.footnotes[id.0].1 = Some(Footnote { mark, content });
    }

    /// The paragraph kind of a list item read or parsed
    /// ([`ListItem::kind`]: a level-1 `1.` is the document's numbering,
    /// levels, numbers and bullets kept in range).
    pub fn list_item(&self, item: ListItem) -> ParagraphKind {
        item.kind()
    }

    fn push_note(&mut self, author: AuthorId, text: String, kind: NoteKind) -> NoteId {
        self.notes.push(Note { author, text, kind });
        NoteId(self.notes.len() - 1)
    }
}

/// The footnotes in id order; one never defined is numbered in order with
/// no text (a reader reports why).
fn defined(footnotes: Vec<(String, Option<Footnote>)>) -> Vec<Footnote> {
    footnotes
        .into_iter()
        .map(|(_, f)| {
            f.unwrap_or(Footnote {
                mark: FootnoteMark::Number(0),
                content: Vec::new(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const US: AuthorId = AuthorId(0);
    const FR: AuthorId = AuthorId(1);

    #[test]
    fn the_first_attribution_names_the_proposer_of_every_change() {
        let mut b = Builder::new();
        let g = b.open_group();
        let del = b.change_in(ChangeKind::Deletion, g, None);
        let ins = b.change_in(ChangeKind::Insertion, g, Some(del));
        b.attribute(g, FR, Some("why".into()));
        b.attribute(g, US, None);
        assert_eq!(b.change(del).author, FR);
        assert_eq!(b.change(ins).author, FR);
        assert_eq!(b.change(ins).parent, Some(del));
        assert_eq!(b.group(g).changes, vec![del, ins]);
        assert_eq!(b.group(g).proposer(), FR);
        let reason = b.group(g).attributions[0].note.expect("a reason");
        assert_eq!(b.note(reason).kind, NoteKind::Reason(g));
        assert_eq!(b.group(g).attributions[1].note, None);
    }

    #[test]
    fn a_later_comment_is_the_first_reason_or_an_attribution_of_its_own() {
        let mut b = Builder::new();
        let g = b.group_by(US);
        let first = b.comment(g, US, Some("first".into()));
        assert_eq!(b.group(g).attributions.len(), 1);
        assert_eq!(b.group(g).attributions[0].note, first);
        // The proposer's first attribution has its reason now: a second
        // comment by the proposer is appended.
        b.comment(g, US, Some("again".into()));
        b.comment(g, FR, None);
        let by: Vec<_> = b.group(g).attributions.iter().map(|a| a.author).collect();
        assert_eq!(by, vec![US, US, FR]);
        assert_eq!(b.group(g).attributions[2].note, None);
    }

    #[test]
    fn a_source_attribution_is_appended_as_written() {
        let mut b = Builder::new();
        let g = b.open_group();
        b.attribute(g, US, None);
        b.attribute(g, US, Some("reason".into()));
        assert_eq!(b.group(g).attributions.len(), 2);
    }

    #[test]
    fn a_co_proposer_is_added_once() {
        let mut b = Builder::new();
        let g = b.group_by(US);
        assert!(b.co_propose(g, FR));
        assert!(!b.co_propose(g, FR));
        assert!(!b.co_propose(g, US));
        assert_eq!(b.group(g).attributions.len(), 2);
    }

    #[test]
    fn a_merge_adds_later_attributions_in_authors_order() {
        const CA: AuthorId = AuthorId(2);
        let mut b = Builder::new();
        let g = b.group_by(FR);
        b.attribute_in_order(g, CA, Some("accepts".into()));
        b.attribute_in_order(g, US, Some("rejects".into()));
        // The proposer's own comment is its reason; a co-proposer once.
        b.comment_in_order(g, FR, "why".into());
        assert!(
            !b.co_propose_in_order(g, US),
            "the United States is there already"
        );
        assert!(!b.co_propose_in_order(g, CA));
        let by: Vec<_> = b.group(g).attributions.iter().map(|a| a.author).collect();
        assert_eq!(by, vec![FR, US, CA]);
        let first = b.group(g).attributions[0].note.expect("the reason");
        assert_eq!(b.note(first).text, "why");
        // Nested changes: the chain runs outermost first.
        let del = b.change_in(ChangeKind::Deletion, g, None);
        let h = b.group_by(CA);
        let inner = b.change_in(ChangeKind::Deletion, h, Some(del));
        let rev = Rev {
            ins: None,
            del: Some(inner),
        };
        assert_eq!(b.chain(rev), vec![del, inner]);
    }

    #[test]
    fn loose_changes_take_their_groups_proposer_and_never_nest_in_a_circle() {
        let mut b = Builder::new();
        let a = b.loose_change(ChangeKind::Insertion, FR);
        let c = b.loose_change(ChangeKind::Deletion, US);
        let g = b.group_by(US);
        b.join(a, g);
        assert_eq!(b.change(a).author, US);
        assert_eq!(b.change(a).group, g);
        assert!(b.nest(c, a));
        assert!(!b.nest(a, c), "a nested in c nested in a");
        assert!(!b.nest(a, a));
        assert_eq!(b.change(a).parent, None);
        assert_eq!(b.depth(c), 2);
    }

    #[test]
    fn a_span_gets_its_note_at_its_end_and_ids_follow_the_order_of_making() {
        let mut b = Builder::new();
        let span = b.open_span();
        let standing = b.note_by(FR, "note".into(), NoteKind::Standing);
        b.span_note(span, US, "question".into());
        assert_eq!((span, standing), (NoteId(0), NoteId(1)));
        assert_eq!(b.note(span).author, US);
        assert_eq!(b.note(span).text, "question");
    }

    #[test]
    fn footnote_ids_follow_first_references_and_take_their_definitions() {
        let mut b = Builder::new();
        let second = b.footnote("w:id=7");
        let first_again = b.footnote("w:id=7");
        let other = b.footnote("w:id=2");
        assert_eq!(
            (second, first_again, other),
            (FootnoteId(0), FootnoteId(0), FootnoteId(1))
        );
        assert_eq!(b.footnote_keys(), vec!["w:id=7", "w:id=2"]);
        b.define_footnote(other, FootnoteMark::Symbol("*".into()), Vec::new());
        let doc = b.finish(
            crate::read::source::parse("f", "+++\nsymbol = \"X\"\ndate = 2020-01-01\n+++\n")
                .unwrap()
                .meta,
            Vec::new(),
            Vec::new(),
        );
        assert_eq!(doc.footnotes.len(), 2);
        assert_eq!(doc.footnotes[1].mark, FootnoteMark::Symbol("*".into()));
    }

    #[test]
    fn resumed_tables_go_on_from_the_documents_ids_and_come_back_whole() {
        let source = "+++\nsymbol = \"X\"\ndate = 2020-01-01\n[authors]\n\
                      US = \"United States\"\nFR = \"France\"\n+++\n\n\
                      Text {++new++}{>>US: why<<} and a note.[^1]\n\n[^1]: Note.\n";
        let parsed = crate::read::source::parse("r.md", source).unwrap();
        let mut doc = parsed.clone();
        let b = Builder::resume(&mut doc);
        assert!(doc.changes.is_empty() && doc.footnotes.is_empty());
        b.put_into(&mut doc);
        assert_eq!(doc, parsed, "nothing made, nothing changed");
        let mut b = Builder::resume(&mut doc);
        let g = b.group_by(FR);
        let c = b.change_in(ChangeKind::Deletion, g, None);
        let n = b.note_by(FR, "see".into(), NoteKind::Standing);
        assert_eq!(
            (g, c, n),
            (
                GroupId(parsed.groups.len()),
                ChangeId(parsed.changes.len()),
                NoteId(parsed.notes.len())
            )
        );
        assert_eq!(b.footnote_by_key("0"), Some(FootnoteId(0)));
        b.put_into(&mut doc);
        assert_eq!(doc.footnotes, parsed.footnotes);
        assert_eq!(doc.changes[c.0].author, FR);
        assert_eq!(doc.groups[..parsed.groups.len()], parsed.groups[..]);
    }

    #[test]
    fn a_comment_on_an_unattributed_group_names_its_proposer() {
        let mut b = Builder::new();
        let g = b.open_group();
        let c = b.change_in(ChangeKind::Insertion, g, None);
        let reason = b.comment(g, FR, Some("why".into()));
        assert_eq!(b.group(g).proposer(), FR);
        assert_eq!(b.change(c).author, FR, "the change made before takes it");
        assert_eq!(b.group(g).attributions[0].note, reason);
        // A change made after takes the proposer at once.
        let later = b.change_in(ChangeKind::Deletion, g, None);
        assert_eq!(b.change(later).author, FR);
    }

    #[test]
    fn a_change_nests_only_in_one_made_before_it_and_chains_run_outermost_first() {
        let mut b = Builder::new();
        let g = b.group_by(US);
        let del = b.change_in(ChangeKind::Deletion, g, None);
        let h = b.group_by(FR);
        let ins = b.change_in(ChangeKind::Insertion, h, Some(del));
        assert_eq!(b.change(ins).parent, Some(del));
        // A parent not made yet is no parent.
        let early = b.change_in(ChangeKind::Deletion, h, Some(ChangeId(9)));
        assert_eq!(b.change(early).parent, None);
        // Text France inserted inside the deletion, deleted with it.
        let both = Rev {
            ins: Some(ins),
            del: Some(del),
        };
        assert_eq!(b.chain(both), vec![del, ins]);
        // Text inserted, and deleted by a change nested in the insertion.
        let again = b.change_in(ChangeKind::Deletion, g, Some(ins));
        let inner = Rev {
            ins: Some(ins),
            del: Some(again),
        };
        assert_eq!(b.chain(inner), vec![del, ins, again]);
        assert_eq!(b.chain(Rev::NONE), Vec::<ChangeId>::new());
        assert_eq!(b.depth(again), 3);
    }

    #[test]
    fn restored_tables_are_checked_and_groups_list_their_changes() {
        let change = |group, parent| Change {
            kind: ChangeKind::Insertion,
            group: GroupId(group),
            author: US,
            parent,
        };
        let attributed = || {
            vec![Attribution {
                author: US,
                note: None,
            }]
        };
        let b = Builder::restore(
            vec![
                change(1, None),
                change(0, Some(ChangeId(0))),
                change(1, None),
            ],
            vec![attributed(), attributed()],
            Vec::new(),
            1,
        )
        .expect("consistent");
        assert_eq!(b.group(GroupId(1)).changes, vec![ChangeId(0), ChangeId(2)]);
        let later_parent = Builder::restore(
            vec![change(0, Some(ChangeId(0)))],
            vec![attributed()],
            Vec::new(),
            1,
        );
        assert!(later_parent.is_err());
        let unattributed = Builder::restore(vec![change(0, None)], vec![Vec::new()], Vec::new(), 1);
        assert!(unattributed.is_err());
        let no_such_note = Builder::restore(
            Vec::new(),
            vec![vec![Attribution {
                author: US,
                note: Some(NoteId(0)),
            }]],
            Vec::new(),
            1,
        );
        assert!(no_such_note.is_err());
    }
}
