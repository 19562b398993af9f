//! What one returned copy proposes, read off its alignment with the base:
//! new deletions (tracked or not), new insertions, acceptances and
//! rejections of changes already in the base, and new comments.

use super::align::Alignment;
use super::flat::{Flat, Item, Place, TokKind};
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

/// A token of text a copy inserts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct NewTok {
    /// Its text (none for a paragraph's break).
    pub text: String,
    pub is_break: bool,
    pub is_space: bool,
    pub italic: bool,
    pub bold: bool,
    /// Deleted again in the copy, by this author.
    pub del: Option<AuthorId>,
    /// A paragraph's break: the kinds in the copy of the paragraph it ends
    /// and of the one it starts (Enter in a numbered paragraph makes a
    /// numbered one, in a list a new item).
    pub ends: Option<ParagraphKind>,
    pub starts: Option<ParagraphKind>,
}

impl NewTok {
    pub fn paragraph_break() -> NewTok {
        NewTok {
            text: String::new(),
            is_break: true,
            is_space: false,
            italic: false,
            bold: false,
            del: None,
            ends: None,
            starts: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Insertion {
    /// The base token it stands before.
    pub gap: usize,
    pub author: AuthorId,
    pub toks: Vec<NewTok>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum NewNote {
    /// A comment standing at a place.
    Standing {
        gap: usize,
        author: AuthorId,
        text: String,
    },
    /// A comment on base tokens `from..=to`.
    Span {
        from: usize,
        to: usize,
        author: AuthorId,
        text: String,
    },
    /// A comment on a change that was in the base.
    OnGroup {
        group: GroupId,
        author: AuthorId,
        text: String,
    },
    /// A comment on the copy's own change at this place.
    OnNew {
        gap: usize,
        author: AuthorId,
        text: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Verdict {
    Support,
    Objection,
}

/// Everything one copy proposes, in base coordinates.
#[derive(Debug, Default)]
pub(crate) struct Edits {
    pub dels: Vec<(usize, AuthorId)>,
    pub ins: Vec<Insertion>,
    pub verdicts: BTreeSet<(GroupId, AuthorId, Verdict)>,
    pub notes: Vec<NewNote>,
    /// Copy author name → the code it was matched to.
    pub matched: BTreeMap<String, String>,
    /// Of those, the names counted as a State by `--author`.
    pub given: BTreeSet<String>,
    pub unmatched: BTreeSet<String>,
    pub unrepresented: Vec<String>,
    /// Where the copy adds paragraphs, as conferences name them: "12 bis".
    pub new_paragraphs: Vec<String>,
}

pub(crate) struct Context<'a> {
    pub base: &'a Flat,
    pub base_doc: &'a Document,
    /// The merged document's authors (the base's and any added).
    pub authors: &'a [Author],
    /// Reviewer names counted as a State for this run (`--author`).
    pub reviewers: &'a [(String, AuthorId)],
    pub copy: &'a Flat,
    pub copy_doc: &'a Document,
    pub al: &'a Alignment,
    /// The copy's State.
    pub state: AuthorId,
}

pub(crate) fn read(cx: &Context) -> Edits {
    let mut e = Edits::default();
    base_tokens(cx, &mut e);
    copy_tokens(cx, &mut e);
    tidy(cx, &mut e);
    name_new_paragraphs(cx, &mut e);
    notes(cx, &mut e);
    e
}

/// Latin ordinals, as conferences number paragraphs added between two.
const ORDINALS: [&str; 9] = [
    "bis",
    "ter",
    "quater",
    "quinquies",
    "sexies",
    "septies",
    "octies",
    "novies",
    "decies",
];

fn name_new_paragraphs(cx: &Context, e: &mut Edits) {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for ins in &e.ins {
        let seg = cx.base.toks[ins.gap.min(cx.base.toks.len() - 1)].seg;
        let label = cx.base.segs[seg].label.clone();
        for _ in ins.toks.iter().filter(|t| t.is_break) {
            let n = count.entry(label.clone()).or_default();
            let ordinal = ORDINALS.get(*n).copied().unwrap_or("…");
            *n += 1;
            e.new_paragraphs
                .push(match label.strip_prefix("paragraph ") {
                    Some(number) => format!("{number} {ordinal}"),
                    None => format!("{label}, new paragraph {}", *n),
                });
        }
    }
}

/// Changes of white space alone are no proposals (views fold spaces): they
/// come from words removed next to them. An insertion that replaces words
/// its author deletes goes after them, as Word records a substitution.
fn tidy(cx: &Context, e: &mut Edits) {
    let deleted: BTreeSet<(usize, AuthorId)> = e.dels.iter().copied().collect();
    let space = |i: usize| cx.base.toks[i].is_space();
    let mut keep = vec![true; e.dels.len()];
    let mut k = 0;
    while k < e.dels.len() {
        let (start, author) = e.dels[k];
        let mut end = k + 1;
        while end < e.dels.len() && e.dels[end] == (e.dels[end - 1].0 + 1, author) {
            end += 1;
        }
        if (k..end).all(|i| space(e.dels[i].0)) {
            keep[k..end].iter_mut().for_each(|x| *x = false);
        }
        let _ = start;
        k = end;
    }
    let mut flags = keep.into_iter();
    e.dels.retain(|_| flags.next().unwrap_or(true));
    e.ins
        .retain(|ins| !ins.toks.iter().all(|t| t.is_space && !t.is_break));
    for ins in &mut e.ins {
        while deleted.contains(&(ins.gap, ins.author)) {
            ins.gap += 1;
        }
    }
}

impl Context<'_> {
    /// The State a copy's revision or comment author belongs to.
    fn resolve(&self, who: AuthorId, e: &mut Edits) -> AuthorId {
        let a = self.copy_doc.author(who);
        let given = self
            .reviewers
            .iter()
            .find(|(name, _)| name.trim().to_lowercase() == a.name.trim().to_lowercase());
        if let Some(&(_, id)) = given {
            e.matched
                .insert(a.name.clone(), self.authors[id.0].code.clone());
            e.given.insert(a.name.clone());
            return id;
        }
        let found = self
            .authors
            .iter()
            .position(|m| m.answers_to(&a.name) || m.answers_to(&a.code));
        match found {
            Some(i) => {
                e.matched
                    .insert(a.name.clone(), self.authors[i].code.clone());
                AuthorId(i)
            }
            None => {
                e.unmatched.insert(a.name.clone());
                self.state
            }
        }
    }

    fn copy_author(&self, change: ChangeId, e: &mut Edits) -> AuthorId {
        self.resolve(self.copy_doc.change(change).author, e)
    }

    /// Whether a base break may be deleted: a paragraph followed by a
    /// paragraph of the same block (not a heading, cell or container end).
    fn joinable(&self, tok: usize) -> bool {
        let seg = self.base.toks[tok].seg;
        self.base.segs[seg].place == Place::Paragraph
            && self
                .base
                .segs
                .get(seg + 1)
                .is_some_and(|s| s.place == Place::Paragraph)
    }

    fn where_(&self, tok: usize) -> String {
        let seg = self.base.toks[tok.min(self.base.toks.len() - 1)].seg;
        self.base.segs[seg].label.clone()
    }
}

fn base_tokens(cx: &Context, e: &mut Edits) {
    // How many tokens of each base insertion the copy dropped: all of
    // them is a rejection, some of them a deletion inside it.
    let mut total = vec![0usize; cx.base_doc.changes.len()];
    let mut gone = vec![0usize; cx.base_doc.changes.len()];
    for (i, t) in cx.base.toks.iter().enumerate() {
        for c in [t.rev.ins, t.rev.del].into_iter().flatten() {
            total[c.0] += 1;
            if cx.al.base_to_copy[i].is_none() {
                gone[c.0] += 1;
            }
        }
    }
    let all_gone = |c: &ChangeId| gone[c.0] == total[c.0];
    for (i, b) in cx.base.toks.iter().enumerate() {
        if b.kind == TokKind::Fixed {
            continue;
        }
        match cx.al.base_to_copy[i] {
            Some(j) => {
                let c = &cx.copy.toks[j];
                if let (None, Some(d)) = (b.rev.del, c.rev.del) {
                    let author = cx.copy_author(d, e);
                    new_deletion(cx, e, i, author);
                }
                if let (Some(d), None) = (b.rev.del, c.rev.del) {
                    let g = cx.base_doc.change(d).group;
                    e.verdicts.insert((g, cx.state, Verdict::Objection));
                }
                if let (Some(x), None) = (b.rev.ins, c.rev.ins) {
                    let g = cx.base_doc.change(x).group;
                    e.verdicts.insert((g, cx.state, Verdict::Support));
                }
            }
            None => {
                // A deletion gone whole was accepted; words gone from
                // one are already deleted: nothing to propose.
                if let Some(d) = b.rev.del {
                    if all_gone(&d) {
                        let g = cx.base_doc.change(d).group;
                        e.verdicts.insert((g, cx.state, Verdict::Support));
                    }
                } else if let Some(x) = b.rev.ins.filter(all_gone) {
                    let g = cx.base_doc.change(x).group;
                    e.verdicts.insert((g, cx.state, Verdict::Objection));
                } else {
                    new_deletion(cx, e, i, cx.state);
                }
            }
        }
    }
}

fn new_deletion(cx: &Context, e: &mut Edits, tok: usize, author: AuthorId) {
    let b = &cx.base.toks[tok];
    if b.kind == TokKind::Break && !cx.joinable(tok) {
        if b.rev.is_none() {
            e.unrepresented.push(format!(
                "{}: a break that cannot be removed (after a heading, a cell, a footnote or at the end of a block) was removed",
                cx.where_(tok)
            ));
        }
        return;
    }
    if b.rev.del.is_some() {
        return;
    }
    e.dels.push((tok, author));
}

fn copy_tokens(cx: &Context, e: &mut Edits) {
    // The copy's changes that were the base's (some of their text is
    // matched to text in a change of the base): text typed into one of
    // them without tracking is the copy's State's.
    let carried: BTreeSet<ChangeId> = cx
        .copy
        .toks
        .iter()
        .zip(&cx.al.copy_to_base)
        .filter(|(_, m)| m.is_some_and(|b| !cx.base.toks[b].rev.is_none()))
        .flat_map(|(t, _)| [t.rev.ins, t.rev.del])
        .flatten()
        .collect();
    let mut current: Option<Insertion> = None;
    for (j, c) in cx.copy.toks.iter().enumerate() {
        if cx.al.copy_to_base[j].is_some() {
            flush(cx, e, current.take());
            continue;
        }
        let gap = cx.al.gap_of(j);
        match c.kind {
            TokKind::Fixed => {
                flush(cx, e, current.take());
                continue;
            }
            TokKind::Footnote(_) => {
                e.unrepresented.push(format!(
                    "{}: a new footnote (its reference and text are not merged)",
                    cx.where_(gap)
                ));
                continue;
            }
            TokKind::Break if cx.copy.segs[c.seg].place != Place::Paragraph => {
                e.unrepresented.push(format!(
                    "{}: a new break in a heading, cell, quote or footnote (merged as a space)",
                    cx.where_(gap)
                ));
            }
            _ => {}
        }
        let author = match c.rev.ins {
            Some(i) if !carried.contains(&i) => cx.copy_author(i, e),
            _ => cx.state,
        };
        // Text typed into a change that was the base's is in it already.
        let del = c
            .rev
            .del
            .filter(|d| !carried.contains(d))
            .map(|d| cx.copy_author(d, e));
        let paragraph_break =
            c.kind == TokKind::Break && cx.copy.segs[c.seg].place == Place::Paragraph;
        let kind_of = |seg: usize| {
            cx.copy
                .segs
                .get(seg)
                .filter(|s| paragraph_break && s.place == Place::Paragraph)
                .and_then(|s| s.kind.clone())
        };
        let tok = NewTok {
            text: if c.kind == TokKind::Break && !paragraph_break {
                " ".into()
            } else {
                c.text().to_string()
            },
            is_break: paragraph_break,
            is_space: c.kind == TokKind::Space || (c.kind == TokKind::Break && !paragraph_break),
            italic: c.style.italic,
            bold: c.style.bold,
            del,
            ends: kind_of(c.seg),
            starts: kind_of(c.seg + 1),
        };
        match &mut current {
            Some(ins) if ins.gap == gap && ins.author == author => ins.toks.push(tok),
            _ => {
                flush(cx, e, current.take());
                current = Some(Insertion {
                    gap,
                    author,
                    toks: vec![tok],
                });
            }
        }
    }
    flush(cx, e, current);
}

/// Keep an insertion; one that ends with a new paragraph's break at the
/// start of a paragraph is slid to the end of the paragraph before, so that
/// the new paragraph follows it (the way Word records it) and the next
/// paragraph keeps its number.
fn flush(cx: &Context, e: &mut Edits, ins: Option<Insertion>) {
    let Some(mut ins) = ins else { return };
    let ends_with_break = ins.toks.last().is_some_and(|t| t.is_break);
    let prev_is_break = ins.gap > 0 && {
        let p = &cx.base.toks[ins.gap - 1];
        p.kind == TokKind::Break && cx.base.segs[p.seg].place == Place::Paragraph
    };
    if ends_with_break && prev_is_break && !ins.toks[0].is_break {
        let mut last = ins.toks.pop().expect("ends with a break");
        // Now it starts the new paragraph it ended.
        last.starts = last.ends.clone();
        ins.toks.insert(0, last);
        ins.gap -= 1;
    }
    // Before a block's edge (a point's end, the footnotes) there is no
    // paragraph to hold the text: it is a new paragraph after the last one.
    let at_edge = cx
        .base
        .toks
        .get(ins.gap)
        .is_none_or(|t| t.kind == TokKind::Fixed);
    if at_edge {
        if !prev_is_break {
            e.unrepresented.push(format!(
                "{}: new text where no paragraph can hold it: “{}”",
                cx.where_(ins.gap.saturating_sub(1)),
                ins.toks
                    .iter()
                    .map(|t| if t.is_break { " " } else { t.text.as_str() })
                    .collect::<String>()
                    .trim()
            ));
            return;
        }
        let last = match ins.toks.last() {
            Some(t) if t.is_break => ins.toks.pop(),
            _ => None,
        };
        if !ins.toks[0].is_break {
            let mut first = NewTok::paragraph_break();
            first.starts = last.and_then(|t| t.ends);
            ins.toks.insert(0, first);
        }
        ins.gap -= 1;
    }
    // A paragraph's leading or trailing new break with nothing else is
    // still a new (empty) paragraph: nothing to propose. Inside a
    // paragraph it splits it in two (Enter pressed mid-sentence).
    let text_at = |i: usize| {
        cx.base
            .toks
            .get(i)
            .is_some_and(|t| !matches!(t.kind, TokKind::Break | TokKind::Fixed))
    };
    let inside = ins.gap > 0 && text_at(ins.gap - 1) && text_at(ins.gap);
    if ins.toks.iter().all(|t| t.is_break || t.is_space)
        && ins.toks.iter().any(|t| t.is_break)
        && !inside
    {
        return;
    }
    e.ins.push(ins);
}

fn notes(cx: &Context, e: &mut Edits) {
    let known: BTreeSet<(usize, String)> = cx
        .base_doc
        .notes
        .iter()
        .map(|n| (n.author.0, n.text.trim().to_string()))
        .collect();
    // The first copy token of each copy change: to tell whether a comment
    // on a change is on a base change or on the copy's own.
    let mut first_tok: BTreeMap<ChangeId, usize> = BTreeMap::new();
    for (j, t) in cx.copy.toks.iter().enumerate() {
        for c in [t.rev.ins, t.rev.del].into_iter().flatten() {
            first_tok.entry(c).or_insert(j);
        }
    }
    let gap_at = |p: usize| match cx.al.copy_to_base.get(p).copied().flatten() {
        Some(b) => b,
        None => cx.al.gap_of(p.min(cx.copy.toks.len())),
    };
    for seg in &cx.copy.segs {
        let mut next_tok = seg.end;
        let mut span_from: BTreeMap<NoteId, usize> = BTreeMap::new();
        // Walk items, tracking the next token's index.
        let mut positions = Vec::with_capacity(seg.items.len());
        for item in seg.items.iter().rev() {
            if let Item::Tok(t) = item {
                next_tok = *t;
            }
            positions.push(next_tok);
        }
        positions.reverse();
        for (item, &p) in seg.items.iter().zip(&positions) {
            let Item::Anchor(inline) = item else {
                continue;
            };
            match inline {
                Inline::StandingNote(n) => {
                    if let Some((author, text)) = new_note(cx, e, &known, *n) {
                        let gap = gap_at(p);
                        e.notes.push(NewNote::Standing { gap, author, text });
                    }
                }
                Inline::SpanStart(n) => {
                    span_from.insert(*n, p);
                }
                Inline::SpanEnd(n) => {
                    let Some((author, text)) = new_note(cx, e, &known, *n) else {
                        continue;
                    };
                    let from = span_from.get(n).copied().unwrap_or(p);
                    let matched: Vec<usize> =
                        (from..p).filter_map(|j| cx.al.copy_to_base[j]).collect();
                    match (matched.first(), matched.last()) {
                        (Some(&from), Some(&to)) => e.notes.push(NewNote::Span {
                            from,
                            to,
                            author,
                            text,
                        }),
                        _ => e.notes.push(NewNote::Standing {
                            gap: gap_at(p),
                            author,
                            text,
                        }),
                    }
                }
                Inline::GroupEnd(g) => {
                    let group = cx.copy_doc.group(*g);
                    let on_base = group
                        .changes
                        .iter()
                        .filter_map(|c| first_tok.get(c))
                        .filter_map(|&j| cx.al.copy_to_base[j])
                        .find_map(|b| {
                            let r = cx.base.toks[b].rev;
                            r.del.or(r.ins)
                        })
                        .map(|c| cx.base_doc.change(c).group);
                    for at in &group.attributions {
                        let Some(n) = at.note else { continue };
                        let Some((author, text)) = new_note(cx, e, &known, n) else {
                            continue;
                        };
                        e.notes.push(match on_base {
                            Some(group) => NewNote::OnGroup {
                                group,
                                author,
                                text,
                            },
                            None => NewNote::OnNew {
                                gap: gap_at(p),
                                author,
                                text,
                            },
                        });
                    }
                }
                _ => {}
            }
        }
    }
}

/// A copy's note that the base does not hold: its author and text.
fn new_note(
    cx: &Context,
    e: &mut Edits,
    known: &BTreeSet<(usize, String)>,
    n: NoteId,
) -> Option<(AuthorId, String)> {
    let note = cx.copy_doc.note(n);
    let text = note.text.trim().to_string();
    let author = cx.resolve(note.author, e);
    if text.is_empty() || known.contains(&(author.0, text.clone())) {
        return None;
    }
    Some((author, text))
}
