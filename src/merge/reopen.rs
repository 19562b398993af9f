//! Later changes merged again: where a copy's edit meets a change made
//! after the copy was sent (another State's proposal, merged before it),
//! that change is taken out of the current source and merged again beside
//! the copy's, as if both copies had come at once. So one copy at a time,
//! in any order, gives what merging them together gives: two States
//! proposing the same words make one change, co-proposed (the State listed
//! first in `[authors]` its proposer), and two States changing the same
//! words differently nest in the order of `[authors]`, whichever came
//! first.
//!
//! Only a change that can be taken out whole is: a group of top-level
//! changes over words of one paragraph (no break, no footnote), with
//! nothing nested in it, no note or other change inside it, made after
//! every copy of the pass was sent. Anything else stays as it is and the
//! copy's edit is carried over onto it (`rebase.rs`), a conflict reported.

use super::align::{self, Alignment};
use super::edits::{Edits, Insertion, NewNote, NewTok};
use super::flat::{self, Flat, Item, TokKind};
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

/// One copy's edits in the current source's tokens, and the current
/// changes its ancestor lacks (`None`: its ancestor is the current source).
pub(crate) struct Reading<'a> {
    pub edits: &'a Edits,
    pub since: Option<&'a BTreeSet<ChangeId>>,
}

/// The current source with some later groups taken out, and what they
/// proposed, as edits of their States in its tokens.
pub(crate) struct Reopened {
    pub doc: Document,
    pub flat: Flat,
    /// Their deletions, insertions and notes (each group's reason and
    /// later attributions with a note, as comments on a State's own change).
    pub edits: Edits,
    /// Later attributions without a note (co-proposers): half-position,
    /// proposer, co-proposer.
    pub co: Vec<(flat::At, AuthorId, AuthorId)>,
    /// Where each taken-out group was (proposer, half-position): a
    /// conflict there is with a change made after the copy was sent.
    pub at: Vec<(AuthorId, flat::At)>,
}

/// Where a set of nested groups' words are in the current tokens.
#[derive(Debug, Clone, Default)]
struct Extent {
    groups: BTreeSet<GroupId>,
    first: usize,
    last: usize,
    simple: bool,
}

/// The later groups the copies' edits meet that can be taken out whole
/// (with the groups nested in them or around them).
pub(crate) fn groups(cur: &Flat, doc: &Document, readings: &[Reading]) -> BTreeSet<GroupId> {
    let mut out = BTreeSet::new();
    if readings.iter().any(|r| r.since.is_none()) {
        return out;
    }
    let all = extents(cur, doc);
    let candidates: Vec<Extent> = all
        .into_iter()
        .filter(|x| {
            x.simple
                && readings.iter().all(|r| {
                    let since = r.since.expect("checked above");
                    x.groups
                        .iter()
                        .all(|&g| doc.group(g).changes.iter().all(|c| since.contains(c)))
                })
        })
        .collect();
    let mut taken: Vec<bool> = candidates
        .iter()
        .map(|x| {
            readings.iter().any(|r| {
                r.edits
                    .dels
                    .iter()
                    .any(|&(t, _)| x.first <= t && t <= x.last)
                    || r.edits
                        .ins
                        .iter()
                        .any(|i| x.first <= i.gap && i.gap <= x.last + 1)
            })
        })
        .collect();
    // With the changes next to them: merging at once, those too would
    // have been beside the copies' (a deletion and the insertion after it
    // are one proposal even when they are two groups).
    let mut grew = true;
    while grew {
        grew = false;
        for i in 0..candidates.len() {
            if taken[i] {
                continue;
            }
            let x = &candidates[i];
            let touches = candidates
                .iter()
                .zip(&taken)
                .any(|(y, &t)| t && x.first <= y.last + 1 && y.first <= x.last + 1);
            if touches {
                taken[i] = true;
                grew = true;
            }
        }
    }
    for (x, t) in candidates.into_iter().zip(taken) {
        if t {
            out.extend(x.groups);
        }
    }
    out
}

/// The groups with text, joined where one nests in another, each set's
/// extent, and whether it can be taken out whole.
fn extents(cur: &Flat, doc: &Document) -> Vec<Extent> {
    // Groups joined by nesting: each group's root.
    let mut root: Vec<usize> = (0..doc.groups.len()).collect();
    fn find(root: &mut [usize], g: usize) -> usize {
        let mut r = g;
        while root[r] != r {
            r = root[r];
        }
        root[g] = r;
        r
    }
    for c in &doc.changes {
        if let Some(p) = c.parent {
            let (a, b) = (
                find(&mut root, c.group.0),
                find(&mut root, doc.change(p).group.0),
            );
            root[a.max(b)] = a.min(b);
        }
    }
    let mut sets: BTreeMap<usize, Extent> = BTreeMap::new();
    let mut seg_of: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, t) in cur.toks.iter().enumerate() {
        let changes: Vec<ChangeId> = [t.rev.ins, t.rev.del].into_iter().flatten().collect();
        let Some(&c) = changes.first() else { continue };
        let r = find(&mut root, doc.change(c).group.0);
        let x = sets.entry(r).or_insert_with(|| Extent {
            first: i,
            last: i,
            simple: true,
            ..Extent::default()
        });
        let seg = *seg_of.entry(r).or_insert(t.seg);
        x.simple &= seg == t.seg
            && matches!(t.kind, TokKind::Word | TokKind::Space | TokKind::Sign)
            && changes
                .iter()
                .all(|&c| find(&mut root, doc.change(c).group.0) == r);
        x.last = i;
        x.groups
            .extend(changes.iter().map(|&c| doc.change(c).group));
    }
    // Every group of the nest, those whose words are all inside others'
    // (only the innermost change is on a word) included.
    for g in 0..doc.groups.len() {
        let r = find(&mut root, g);
        if let Some(x) = sets.get_mut(&r) {
            x.groups.insert(GroupId(g));
        }
    }
    // Nothing else inside: no other change's words, no note or marker but
    // the groups' own.
    for (&r, x) in sets.iter_mut() {
        if !x.simple {
            continue;
        }
        let mut inside = false;
        for item in &cur.segs[seg_of[&r]].items {
            match item {
                Item::Tok(t) => {
                    inside |= *t == x.first;
                    let rev = cur.toks[*t].rev;
                    let foreign = [rev.ins, rev.del]
                        .into_iter()
                        .flatten()
                        .any(|c| !x.groups.contains(&doc.change(c).group));
                    if inside && foreign {
                        x.simple = false;
                    }
                    if *t >= x.last {
                        break;
                    }
                }
                Item::Anchor(a) if inside => {
                    let own = matches!(a, Inline::GroupStart(h) | Inline::GroupEnd(h) if x.groups.contains(h));
                    x.simple &= own;
                }
                Item::Anchor(_) => {}
            }
        }
    }
    sets.into_values().collect()
}

/// Takes the groups out of the current source `doc` (its tokens `cur`):
/// their insertions removed, their deletions undone.
pub(crate) fn take_out(doc: &Document, cur: &Flat, groups: &BTreeSet<GroupId>) -> Reopened {
    let changes: BTreeSet<ChangeId> = groups
        .iter()
        .flat_map(|&g| doc.group(g).changes.iter().copied())
        .collect();
    let mut out = doc.clone();
    let mut strip = |content: &mut Vec<Inline>| strip(content, groups, &changes);
    crate::model::walk::walk_inlines_mut(&mut out.blocks, &mut strip);
    for f in &mut out.footnotes {
        strip(&mut f.content);
    }
    let flat = flat::flatten(&out);
    let al = alignment(&flat, cur, &changes);
    let mut e = edits_of(doc, cur, &al, &changes);
    let mut co = Vec::new();
    let mut at = Vec::new();
    // Each group's notes stand after its last word.
    let mut last: BTreeMap<GroupId, usize> = BTreeMap::new();
    for (i, t) in cur.toks.iter().enumerate() {
        for c in [t.rev.ins, t.rev.del].into_iter().flatten() {
            for c in doc.enclosing(c) {
                last.insert(doc.change(c).group, i);
            }
        }
    }
    for &g in groups {
        let Some(&l) = last.get(&g) else { continue };
        let gap = match al.copy_to_base[l] {
            Some(b) => b + 1,
            None => al.gap_of(l),
        };
        let group = doc.group(g);
        let proposer = group.proposer();
        at.push((proposer, flat::At::gap(gap)));
        for a in &group.attributions {
            match a.note {
                Some(n) => e.notes.push(NewNote::OnNew {
                    gap,
                    author: a.author,
                    text: doc.note(n).text.clone(),
                }),
                None if a.author != proposer => co.push((flat::At::gap(gap), proposer, a.author)),
                None => {}
            }
        }
    }
    Reopened {
        doc: out,
        flat,
        edits: e,
        co,
        at,
    }
}

/// What the taken-out changes propose, in the tokens left: each State
/// deleting a token (every deletion of the nest, outermost first), and
/// each run of inserted tokens by one State at one place.
fn edits_of(doc: &Document, cur: &Flat, al: &Alignment, changes: &BTreeSet<ChangeId>) -> Edits {
    let mut e = Edits::default();
    let proposer = |c: ChangeId| doc.group(doc.change(c).group).proposer();
    let mut current: Option<Insertion> = None;
    for (i, t) in cur.toks.iter().enumerate() {
        match al.copy_to_base[i] {
            Some(b) => {
                if let Some(ins) = current.take() {
                    e.ins.push(ins);
                }
                if let Some(d) = t.rev.del {
                    for c in doc.enclosing(d).filter(|c| changes.contains(c)) {
                        if doc.change(c).kind == ChangeKind::Deletion {
                            e.dels.push((b, proposer(c)));
                        }
                    }
                }
            }
            None => {
                let gap = al.gap_of(i);
                let author = proposer(t.rev.ins.expect("only inserted tokens are left out"));
                let tok = NewTok {
                    text: t.text().to_string(),
                    is_break: false,
                    is_space: t.is_space(),
                    italic: t.style.italic,
                    bold: t.style.bold,
                    del: t.rev.del.map(proposer),
                    ends: None,
                    starts: None,
                };
                match &mut current {
                    Some(ins) if ins.gap == gap && ins.author == author => ins.toks.push(tok),
                    _ => {
                        if let Some(ins) = current.take() {
                            e.ins.push(ins);
                        }
                        current = Some(Insertion {
                            gap,
                            author,
                            toks: vec![tok],
                        });
                    }
                }
            }
        }
    }
    e.ins.extend(current);
    e
}

/// The current tokens against those left once the groups are out: the
/// same tokens in order, less the groups' inserted ones (a diff where
/// taking them out joined two words into one).
fn alignment(left: &Flat, cur: &Flat, changes: &BTreeSet<ChangeId>) -> Alignment {
    let mut matches = Vec::with_capacity(cur.toks.len());
    let mut k = 0;
    for t in &cur.toks {
        if t.rev.ins.is_some_and(|c| changes.contains(&c)) {
            matches.push(None);
            continue;
        }
        if left.toks.get(k).is_none_or(|l| l.key != t.key) {
            return align::align(left, cur);
        }
        matches.push(Some(k));
        k += 1;
    }
    if k != left.toks.len() {
        return align::align(left, cur);
    }
    Alignment::from_matches(left.toks.len(), matches)
}

/// One inline sequence without the groups: their inserted text and
/// markers gone, their deleted text kept, runs that now touch joined.
fn strip(content: &mut Vec<Inline>, groups: &BTreeSet<GroupId>, changes: &BTreeSet<ChangeId>) {
    let mut out: Vec<Inline> = Vec::with_capacity(content.len());
    let mut joined = false;
    for inline in content.drain(..) {
        match inline {
            Inline::GroupStart(g) | Inline::GroupEnd(g) if groups.contains(&g) => joined = true,
            Inline::Text(run) if run.rev.ins.is_some_and(|c| changes.contains(&c)) => joined = true,
            Inline::Text(mut run) => {
                if run.rev.del.is_some_and(|c| changes.contains(&c)) {
                    run.rev.del = None;
                    joined = true;
                }
                if let Some(Inline::Text(prev)) = out.last_mut() {
                    if joined && prev.style == run.style && prev.rev == run.rev {
                        prev.text.push_str(&run.text);
                        continue;
                    }
                }
                joined = false;
                out.push(Inline::Text(run));
            }
            other => {
                joined = false;
                out.push(other);
            }
        }
    }
    *content = out;
}
