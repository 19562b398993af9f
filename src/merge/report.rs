//! What a merge did, per copy, and the conflicts between States: written
//! as JSON for the secretariat's records.

use super::build::Region;
use super::edits::{Edits, NewNote, Verdict};
use super::flat::{At, Flat, Key};
use super::same::CoProposal;
use crate::model::*;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// In the order of their States' codes, then labels.
    pub copies: Vec<CopyReport>,
    pub conflicts: Vec<Conflict>,
}

impl Report {
    /// What the copy of the State with code `code` brought.
    pub fn copy(&self, code: &str) -> Option<&CopyReport> {
        self.copies.iter().find(|c| c.code == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CopyReport {
    pub label: String,
    pub code: String,
    /// The fingerprint of the version the copy was merged against.
    pub ancestor: String,
    /// The copy did not carry the version it was made from (a Word file
    /// rapporteur did not write, or one whose custom parts were dropped):
    /// it was merged against the base given.
    pub fallback: bool,
    /// The record shows this file merged already (or it was given twice):
    /// nothing of it was merged again.
    pub already_merged: bool,
    /// Revision and comment authors matched to a State by code, name or alias.
    pub matched_authors: Vec<MatchedAuthor>,
    /// Authors matching no State: their changes are the copy's State's.
    pub unmatched_names: Vec<String>,
    /// New changes (insertions and deletions) per State code.
    pub proposals: BTreeMap<String, usize>,
    /// Changes of the base this copy accepted.
    pub supports: Vec<Support>,
    /// Changes of the base this copy rejected.
    pub objections: Vec<Support>,
    /// Changes another State proposes that this copy proposes too: it is
    /// their co-proposer.
    pub co_proposals: Vec<Support>,
    /// New comments.
    pub comments: usize,
    /// New paragraphs, named after the one they follow: "12 bis".
    pub new_paragraphs: Vec<String>,
    /// What the merged source could not hold, and where.
    pub unrepresented: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatchedAuthor {
    pub name: String,
    pub code: String,
    /// How: `--author` (given for this run) or `[authors]` (a code, name
    /// or alias there).
    pub by: String,
}

/// A change of the base that a copy accepted or rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Support {
    /// Its proposer's code.
    pub proposer: String,
    /// Its text (the start of it).
    pub text: String,
    pub place: String,
}

/// States that changed the same words differently; both changes are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub place: String,
    /// State codes, one per change.
    pub states: Vec<String>,
    /// What each did: `deletes “…”; inserts “…”`.
    pub texts: Vec<String>,
    /// The first State's copy changed words that were changed after it
    /// was made (the second "State" is the later change's proposer, or
    /// `edited since` for an untracked edit): the copy's change is kept
    /// where it can be.
    pub later: bool,
}

/// What the merge found, for the report.
pub(crate) struct Found<'a> {
    pub edits: &'a [Edits],
    pub regions: &'a [Region],
    pub verdicts: &'a [Vec<(GroupId, Verdict)>],
    pub co: &'a [CoProposal],
    pub ancestors: &'a [super::copy::Ancestry],
    /// Per copy's State: where its changes meet later ones.
    pub later: &'a [super::rebase::Later],
    /// Later changes merged again beside the copies (proposer,
    /// half-position): a conflict there is with a change made since.
    pub reopened: &'a [(AuthorId, At)],
}

pub(crate) fn build(
    labels: &[&str],
    states: &[AuthorId],
    doc: &Document,
    base: &Flat,
    found: &Found,
) -> Report {
    let (all, regions, verdicts, co) = (found.edits, found.regions, found.verdicts, found.co);
    let texts = group_texts(doc, base);
    let mut copies = Vec::with_capacity(labels.len());
    for (i, label) in labels.iter().enumerate() {
        let e = &all[i];
        let describe = |g: GroupId| Support {
            proposer: doc.author(doc.group(g).proposer()).code.clone(),
            text: texts.get(&g).map(|(t, _)| t.clone()).unwrap_or_default(),
            place: texts.get(&g).map(|(_, p)| p.clone()).unwrap_or_default(),
        };
        let pick = |v: Verdict| -> Vec<Support> {
            verdicts[i]
                .iter()
                .filter(|(_, w)| *w == v)
                .map(|(g, _)| describe(*g))
                .collect()
        };
        copies.push(CopyReport {
            label: label.to_string(),
            code: doc.author(states[i]).code.clone(),
            ancestor: found.ancestors[i].0.clone(),
            fallback: found.ancestors[i].1,
            already_merged: false,
            matched_authors: e
                .matched
                .iter()
                .map(|(name, code)| MatchedAuthor {
                    name: name.clone(),
                    code: code.clone(),
                    by: if e.given.contains(name) {
                        "--author".into()
                    } else {
                        "[authors]".into()
                    },
                })
                .collect(),
            unmatched_names: e.unmatched.iter().cloned().collect(),
            proposals: proposals(doc, e),
            supports: pick(Verdict::Support),
            objections: pick(Verdict::Objection),
            co_proposals: co_proposals(doc, base, regions, co, states[i]),
            comments: e
                .notes
                .iter()
                .filter(|n| !matches!(n, NewNote::OnGroup { text, .. } if text.is_empty()))
                .count(),
            new_paragraphs: e.new_paragraphs.clone(),
            unrepresented: e.unrepresented.clone(),
        });
    }
    let mut conflicts = conflicts(doc, base, regions, found.reopened);
    for l in found.later {
        conflicts.push(Conflict {
            place: base.segs[base.toks[l.tok.min(base.toks.len() - 1)].seg]
                .label
                .clone(),
            states: vec![
                doc.author(l.author).code.clone(),
                l.later
                    .map_or("edited since".into(), |a| doc.author(a).code.clone()),
            ],
            texts: vec![l.what.clone(), "changed after the copy was made".into()],
            later: true,
        });
    }
    Report { copies, conflicts }
}

/// The copies the record shows merged already (or given twice): listed,
/// with nothing merged.
pub(crate) fn already_merged(
    report: &mut Report,
    base: &Document,
    copies: &[super::copy::Copy],
    fresh: &[usize],
) {
    for (i, copy) in copies.iter().enumerate() {
        if fresh.contains(&i) {
            continue;
        }
        let record = base.meta.merged.iter().find(|r| r.hash == copy.hash);
        report.copies.push(CopyReport {
            label: copy.label.clone(),
            code: record.map_or_else(|| copy.code.clone(), |r| r.state.clone()),
            ancestor: record.map(|r| r.ancestor.clone()).unwrap_or_default(),
            fallback: false,
            already_merged: true,
            matched_authors: Vec::new(),
            unmatched_names: Vec::new(),
            proposals: BTreeMap::new(),
            supports: Vec::new(),
            objections: Vec::new(),
            co_proposals: Vec::new(),
            comments: 0,
            new_paragraphs: Vec::new(),
            unrepresented: Vec::new(),
        });
    }
}

/// What `state` co-proposes, described from the proposer's change.
fn co_proposals(
    doc: &Document,
    base: &Flat,
    regions: &[Region],
    co: &[CoProposal],
    state: AuthorId,
) -> Vec<Support> {
    co.iter()
        .filter(|c| c.author == state)
        .filter_map(|c| {
            let r = regions
                .iter()
                .filter(|r| r.author == c.proposer && r.touches(c.pos))
                .min_by_key(|r| r.group)?;
            Some(Support {
                proposer: doc.author(c.proposer).code.clone(),
                text: describe(&r.deleted, &r.inserted),
                place: base.segs[r.seg].label.clone(),
            })
        })
        .collect()
}

/// New changes per State: each run of deleted tokens and each insertion.
fn proposals(doc: &Document, e: &Edits) -> BTreeMap<String, usize> {
    let mut out: BTreeMap<String, usize> = BTreeMap::new();
    let mut dels = e.dels.clone();
    dels.sort_by_key(|&(tok, a)| (a, tok));
    let mut last: Option<(usize, AuthorId)> = None;
    for (tok, author) in dels {
        if last != Some((tok.wrapping_sub(1), author)) {
            *out.entry(doc.author(author).code.clone()).or_default() += 1;
        }
        last = Some((tok, author));
    }
    for ins in &e.ins {
        *out.entry(doc.author(ins.author).code.clone()).or_default() += 1;
    }
    out
}

/// The start of each base group's text and where it is.
fn group_texts(doc: &Document, base: &Flat) -> BTreeMap<GroupId, (String, String)> {
    let mut out: BTreeMap<GroupId, (String, String)> = BTreeMap::new();
    let mut last: Option<ChangeId> = None;
    for t in &base.toks {
        for c in [t.rev.ins, t.rev.del].into_iter().flatten() {
            let g = doc.change(c).group;
            let entry = out
                .entry(g)
                .or_insert_with(|| (String::new(), base.segs[t.seg].label.clone()));
            if let (true, Key::Text(text)) = (entry.0.chars().count() < 80, &t.key) {
                // A deletion and an insertion of one group: "old → new".
                if last.is_some_and(|l| l != c) && !entry.0.is_empty() {
                    entry.0.push_str(" → ");
                }
                entry.0.push_str(text);
            }
            last = Some(c);
        }
    }
    out
}

/// Overlapping new changes by different States.
fn conflicts(
    doc: &Document,
    base: &Flat,
    regions: &[Region],
    reopened: &[(AuthorId, At)],
) -> Vec<Conflict> {
    let mut sorted: Vec<&Region> = regions.iter().collect();
    sorted.sort_by_key(|r| (r.from, r.to, r.group));
    let mut clusters: Vec<Vec<&Region>> = Vec::new();
    let mut reach = At::START;
    for r in sorted {
        match clusters.last_mut() {
            Some(c) if r.from <= reach => {
                c.push(r);
                reach = reach.max(r.to);
            }
            _ => {
                clusters.push(vec![r]);
                reach = r.to;
            }
        }
    }
    let mut out = Vec::new();
    for c in clusters {
        if c.iter().all(|r| r.author == c[0].author) {
            continue;
        }
        // One entry per State, in the order of [authors].
        let mut by_author: BTreeMap<AuthorId, (String, String)> = BTreeMap::new();
        for r in &c {
            let e = by_author.entry(r.author).or_default();
            e.0.push_str(&r.deleted);
            e.1.push_str(&r.inserted);
        }
        out.push(Conflict {
            place: base.segs[c[0].seg].label.clone(),
            states: by_author
                .keys()
                .map(|a| doc.author(*a).code.clone())
                .collect(),
            texts: by_author.values().map(|(d, i)| describe(d, i)).collect(),
            later: c.iter().any(|r| {
                reopened
                    .iter()
                    .any(|&(a, pos)| a == r.author && r.touches(pos))
            }),
        });
    }
    out
}

fn describe(deleted: &str, inserted: &str) -> String {
    let mut parts = Vec::new();
    if !deleted.trim().is_empty() {
        parts.push(format!("deletes “{}”", deleted.trim()));
    }
    if !inserted.trim().is_empty() {
        parts.push(format!("inserts “{}”", inserted.trim()));
    }
    parts.join("; ")
}
