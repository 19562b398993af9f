//! The three-way step: what a copy changed against the version it was made
//! from (its ancestor), carried over to the current source.
//!
//! The ancestor is aligned with the current source as a copy is with its
//! base. Each of the copy's edits, read in the ancestor's tokens, is moved
//! to the current source's token that ancestor token became. What the copy
//! did not touch says nothing: the changes made since it was sent (other
//! States' proposals, the secretariat's edits) are neither supported nor
//! objected to. An edit that falls where the text changed since (the word is
//! gone, or a later change covers it or stands next to it) is still applied
//! where it can be, and listed as a conflict with the later change.

use super::align::{self, Alignment};
use super::edits::{Edits, NewNote};
use super::flat::{Flat, TokKind};
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

/// The ancestor's tokens, changes and groups in the current source.
pub(crate) struct Map<'a> {
    anc: &'a Flat,
    cur: &'a Flat,
    cur_doc: &'a Document,
    al: Alignment,
    /// Ancestor change → current change (the same change, carried over).
    changes: BTreeMap<ChangeId, ChangeId>,
    anc_doc: &'a Document,
    /// Current changes that are not the ancestor's: made since.
    later: BTreeSet<ChangeId>,
}

/// Where a copy's edit meets a change made after the copy was sent.
#[derive(Debug, Clone)]
pub(crate) struct Later {
    /// The current token (or gap before it) where it falls.
    pub tok: usize,
    pub author: AuthorId,
    /// What the copy does there: `deletes “…”`, `inserts “…”`.
    pub what: String,
    /// The proposer of the later change, or `None` for an untracked edit.
    pub later: Option<AuthorId>,
}

impl<'a> Map<'a> {
    pub fn new(
        anc: &'a Flat,
        anc_doc: &'a Document,
        cur: &'a Flat,
        cur_doc: &'a Document,
    ) -> Map<'a> {
        let al = align::align(anc, cur);
        let mut changes = BTreeMap::new();
        for (a, m) in al.base_to_copy.iter().enumerate() {
            let Some(c) = *m else { continue };
            let (ra, rc) = (anc.toks[a].rev, cur.toks[c].rev);
            for (x, y) in [(ra.ins, rc.ins), (ra.del, rc.del)] {
                if let (Some(x), Some(y)) = (x, y) {
                    changes.entry(x).or_insert(y);
                }
            }
        }
        let carried: BTreeSet<ChangeId> = changes.values().copied().collect();
        let later = (0..cur_doc.changes.len())
            .map(ChangeId)
            .filter(|c| !carried.contains(c))
            .collect();
        Map {
            anc,
            cur,
            cur_doc,
            al,
            changes,
            anc_doc,
            later,
        }
    }

    /// The current changes made after the ancestor.
    pub fn since(&self) -> &BTreeSet<ChangeId> {
        &self.later
    }

    fn tok(&self, a: usize) -> Option<usize> {
        self.al.base_to_copy.get(a).copied().flatten()
    }

    /// The current gap for the ancestor's gap `g` (before ancestor token
    /// `g`): before the token it became, or the next one that is still
    /// there.
    fn gap(&self, g: usize) -> usize {
        (g..self.anc.toks.len())
            .find_map(|a| self.tok(a))
            .unwrap_or(self.cur.toks.len().saturating_sub(1))
    }

    /// The later change a current token is in, if any.
    fn later_change(&self, c: usize) -> Option<ChangeId> {
        let r = self.cur.toks[c].rev;
        [r.del, r.ins]
            .into_iter()
            .flatten()
            .find(|x| self.later.contains(x))
    }

    fn group(&self, g: GroupId) -> Option<GroupId> {
        self.anc_doc
            .group(g)
            .changes
            .iter()
            .find_map(|c| self.changes.get(c))
            .map(|&c| self.cur_doc.change(c).group)
    }
}

/// The copy's edits, read against its ancestor, in the current source's
/// tokens; with the places they meet a later change, and what could not be
/// carried over at all.
pub(crate) fn rebase(e: Edits, m: &Map) -> (Edits, Vec<Later>) {
    let mut out = Edits {
        matched: e.matched,
        given: e.given,
        unmatched: e.unmatched,
        unrepresented: e.unrepresented,
        new_paragraphs: e.new_paragraphs,
        ..Edits::default()
    };
    let mut later = Vec::new();
    deletions(&e.dels, m, &mut out, &mut later);
    for mut ins in e.ins {
        let gap = m.gap(ins.gap);
        let at = place(m, ins.gap, gap, ins.author);
        let text: String = ins
            .toks
            .iter()
            .map(|t| if t.is_break { "¶" } else { t.text.as_str() })
            .collect();
        if let Some((tok, by)) = at.1 {
            later.push(Later {
                tok,
                author: ins.author,
                what: format!("inserts “{}”", text.trim()),
                later: by,
            });
        }
        ins.gap = at.0;
        out.ins.push(ins);
    }
    for (g, author, verdict) in e.verdicts {
        match m.group(g) {
            Some(g) => {
                out.verdicts.insert((g, author, verdict));
            }
            None => out.unrepresented.push(format!(
                "{}: a verdict on a change that is no longer in the text (settled since the copy was made)",
                label_of(m, g)
            )),
        }
    }
    for note in e.notes {
        if let Some(n) = note_here(note, m, &mut out.unrepresented) {
            out.notes.push(n);
        }
    }
    (out, later)
}

/// Where an ancestor's group was, for the report.
fn label_of(m: &Map, g: GroupId) -> String {
    m.anc
        .toks
        .iter()
        .find(|t| {
            [t.rev.ins, t.rev.del]
                .into_iter()
                .flatten()
                .any(|c| m.anc_doc.change(c).group == g)
        })
        .map(|t| m.anc.segs[t.seg].label.clone())
        .unwrap_or_default()
}

fn deletions(dels: &[(usize, AuthorId)], m: &Map, out: &mut Edits, later: &mut Vec<Later>) {
    // Runs of the same author's consecutive tokens, for the report.
    let mut gone: Vec<(usize, AuthorId, String)> = Vec::new();
    let mut covered: Vec<(usize, AuthorId, String, Option<AuthorId>)> = Vec::new();
    let mut last: Option<(usize, AuthorId)> = None;
    for &(a, author) in dels {
        let next = last.is_some_and(|(p, au)| p + 1 == a && au == author);
        last = Some((a, author));
        let key = m.anc.toks[a].text();
        let key = if m.anc.toks[a].kind == TokKind::Break {
            "¶"
        } else {
            key
        };
        match m.tok(a) {
            None => match gone.last_mut() {
                Some(run) if next && run.1 == author => run.2.push_str(key),
                _ => gone.push((m.gap(a), author, key.to_string())),
            },
            Some(c) => {
                out.dels.push((c, author));
                if let Some(x) = m.later_change(c) {
                    let by = Some(m.cur_doc.group(m.cur_doc.change(x).group).proposer());
                    match covered.last_mut() {
                        Some(run) if next && run.1 == author && run.3 == by => run.2.push_str(key),
                        _ => covered.push((c, author, key.to_string(), by)),
                    }
                }
            }
        }
    }
    for (tok, author, text) in gone {
        later.push(Later {
            tok,
            author,
            what: format!(
                "deletes “{}”, which is no longer in the text (not merged)",
                text.trim()
            ),
            later: None,
        });
    }
    for (tok, author, text, by) in covered {
        later.push(Later {
            tok,
            author,
            what: format!("deletes “{}”", text.trim()),
            later: by,
        });
    }
}

/// The current gap for an insertion at the ancestor's gap `g`: among text
/// inserted there since, after the insertions of authors that come before
/// its own in `[authors]` and before the others' (the order merging the
/// copies at once gives). With the later change it meets, if any: its
/// current token and proposer (`None`: an untracked edit).
#[allow(clippy::type_complexity)]
fn place(
    m: &Map,
    g: usize,
    gap: usize,
    author: AuthorId,
) -> (usize, Option<(usize, Option<AuthorId>)>) {
    let prev_anc = (0..g).rev().find(|&a| m.tok(a).is_some());
    let from = prev_anc.and_then(|a| m.tok(a)).map_or(0, |p| p + 1);
    // Ancestor text on either side of the gap that is gone since.
    let gone_since =
        prev_anc.map_or(0, |p| p + 1) < g || g < m.anc.toks.len() && m.tok(g).is_none();
    let mut at = gap;
    let mut met = None;
    for c in from..gap {
        let proposer = m
            .later_change(c)
            .map(|x| m.cur_doc.group(m.cur_doc.change(x).group).proposer());
        if met.is_none() {
            met = Some((c, proposer));
        }
        if proposer.is_some_and(|p| p > author) && at == gap {
            at = c;
        }
    }
    if gone_since {
        // The words around it changed: it goes right after what is left
        // of the text before it.
        at = at.min(from.max(gap.min(from)));
        if met.is_none() {
            met = Some((gap, None));
        }
    }
    (at, met)
}

fn note_here(note: NewNote, m: &Map, unrepresented: &mut Vec<String>) -> Option<NewNote> {
    Some(match note {
        NewNote::Standing { gap, author, text } => NewNote::Standing {
            gap: m.gap(gap),
            author,
            text,
        },
        NewNote::OnNew { gap, author, text } => NewNote::OnNew {
            gap: m.gap(gap),
            author,
            text,
        },
        NewNote::Span {
            from,
            to,
            author,
            text,
        } => match (m.tok(from), m.tok(to)) {
            (Some(from), Some(to)) if from <= to => NewNote::Span {
                from,
                to,
                author,
                text,
            },
            _ => NewNote::Standing {
                gap: m.gap(to + 1),
                author,
                text,
            },
        },
        NewNote::OnGroup {
            group,
            author,
            text,
        } => match m.group(group) {
            Some(group) => NewNote::OnGroup {
                group,
                author,
                text,
            },
            None => {
                unrepresented.push(format!(
                    "{}: a comment on a change settled since the copy was made: “{text}”",
                    label_of(m, group)
                ));
                return None;
            }
        },
    })
}
