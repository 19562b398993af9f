//! States that propose the same change: one change, the later State a
//! co-proposer (a later attribution with no text, "also proposed by"),
//! instead of the same words inserted twice or a conflict with itself.

use super::build::Combined;
use super::edits::NewTok;
use super::flat::At;
use crate::model::AuthorId;
use std::collections::BTreeMap;

/// `author` proposes what `proposer` proposes at this place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct CoProposal {
    pub pos: At,
    pub proposer: AuthorId,
    pub author: AuthorId,
}

/// Fold identical proposals of different States into the first one's.
pub(crate) fn fold(c: &mut Combined) -> Vec<CoProposal> {
    let mut out = Vec::new();
    let runs = deletion_runs(c);
    let inserted = |c: &Combined, gap: usize, a: AuthorId| -> Vec<NewTok> {
        c.ins
            .get(&gap)
            .into_iter()
            .flatten()
            .filter(|i| i.author == a)
            .flat_map(|i| i.toks.iter().cloned())
            .collect()
    };
    // Whole substitutions and deletions: the same words deleted, the same
    // words inserted on either side.
    for (&b, b_runs) in &runs {
        for &(start, end) in b_runs {
            let proposer = runs.iter().find(|(&a, a_runs)| {
                a < b
                    && a_runs.contains(&(start, end))
                    && inserted(c, start, a) == inserted(c, start, b)
                    && inserted(c, end, a) == inserted(c, end, b)
            });
            let Some((&a, _)) = proposer else { continue };
            for d in &mut c.dels[start..end] {
                d.retain(|&x| x != b);
            }
            for gap in [start, end] {
                if let Some(list) = c.ins.get_mut(&gap) {
                    list.retain(|i| i.author != b);
                }
            }
            out.push(CoProposal {
                pos: At::token(start),
                proposer: a,
                author: b,
            });
        }
    }
    // The same words inserted at the same place.
    for (&gap, list) in c.ins.iter_mut() {
        let mut first: BTreeMap<Vec<NewTok>, AuthorId> = BTreeMap::new();
        list.retain(|i| match first.get(&i.toks) {
            Some(&a) if a != i.author => {
                out.push(CoProposal {
                    pos: At::gap(gap),
                    proposer: a,
                    author: i.author,
                });
                false
            }
            _ => {
                first.entry(i.toks.clone()).or_insert(i.author);
                true
            }
        });
    }
    c.ins.retain(|_, list| !list.is_empty());
    out.sort();
    out.dedup();
    out
}

/// Each State's runs of consecutive deleted tokens: `start..end`.
fn deletion_runs(c: &Combined) -> BTreeMap<AuthorId, Vec<(usize, usize)>> {
    let mut runs: BTreeMap<AuthorId, Vec<(usize, usize)>> = BTreeMap::new();
    for (i, authors) in c.dels.iter().enumerate() {
        for &a in authors {
            let list = runs.entry(a).or_default();
            match list.last_mut() {
                Some(run) if run.1 == i => run.1 = i + 1,
                _ => list.push((i, i + 1)),
            }
        }
    }
    runs
}
