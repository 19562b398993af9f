//! Per-State statistics of a document: what `check --stats`, the merge's
//! report and the review page count.

use crate::model::walk::walk_inlines;
use crate::model::*;

/// Per-author counts of what the document holds: insertions, deletions,
/// notes (reasons, standing and span notes). Counted over what the blocks
/// and footnotes show, so it is also right for a view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthorStats {
    pub insertions: usize,
    pub deletions: usize,
    pub notes: usize,
}

impl AuthorStats {
    pub fn changes(&self) -> usize {
        self.insertions + self.deletions
    }
}

/// Statistics per author, in front-matter order.
pub fn stats(doc: &Document) -> Vec<(AuthorId, AuthorStats)> {
    let mut seen_changes = vec![false; doc.changes.len()];
    let mut seen_notes = vec![false; doc.notes.len()];
    // A change whose text is all inside another one (two States deleting
    // the same words) is there as much as the inner one.
    let see = |seen: &mut [bool], rev: Rev| {
        for c in [rev.ins, rev.del].into_iter().flatten() {
            let mut at = Some(c);
            while let Some(c) = at.filter(|c| !seen[c.0]) {
                seen[c.0] = true;
                at = doc.change(c).parent;
            }
        }
    };
    let mut visit = |inlines: &[Inline]| {
        for inline in inlines {
            let (rev, note) = match inline {
                Inline::Text(r) => (r.rev, None),
                Inline::FootnoteRef { rev, .. } => (*rev, None),
                Inline::StandingNote(n) | Inline::SpanStart(n) => (Rev::NONE, Some(*n)),
                Inline::GroupEnd(g) => {
                    for at in &doc.group(*g).attributions {
                        if let Some(n) = at.note {
                            seen_notes[n.0] = true;
                        }
                    }
                    (Rev::NONE, None)
                }
                _ => (Rev::NONE, None),
            };
            see(&mut seen_changes, rev);
            if let Some(n) = note {
                seen_notes[n.0] = true;
            }
        }
    };
    // A paragraph mark may be a change of its own: a paragraph split in
    // two (`{++¶++}`) or two joined (`{--¶--}`).
    let mut marks = Vec::new();
    walk_inlines(&doc.blocks, &mut |inl| visit(inl), &mut |rev| {
        marks.push(rev)
    });
    for f in &doc.footnotes {
        visit(&f.content);
    }
    for rev in marks {
        see(&mut seen_changes, rev);
    }
    let mut out: Vec<(AuthorId, AuthorStats)> = (0..doc.authors.len())
        .map(|i| (AuthorId(i), AuthorStats::default()))
        .collect();
    for (i, change) in doc.changes.iter().enumerate() {
        if seen_changes[i] {
            let s = &mut out[change.author.0].1;
            match change.kind {
                ChangeKind::Insertion => s.insertions += 1,
                ChangeKind::Deletion => s.deletions += 1,
            }
        }
    }
    for (i, note) in doc.notes.iter().enumerate() {
        if seen_notes[i] {
            out[note.author.0].1.notes += 1;
        }
    }
    out
}
