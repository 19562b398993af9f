//! Aligning one returned copy with the base, and reading off what its State
//! did: paragraphs are matched first (patience diff on their texts), then
//! the words of the paragraphs that differ.

use super::flat::{Flat, Key, Place, TokKind};
use similar::{capture_diff_slices, Algorithm, DiffOp};

/// For each base token, the copy token it stands for (if any), and for
/// each copy token the base token.
pub(crate) struct Alignment {
    pub base_to_copy: Vec<Option<usize>>,
    pub copy_to_base: Vec<Option<usize>>,
    /// Per copy token (and one past the end): the gap it follows.
    gaps: Vec<usize>,
}

impl Alignment {
    /// How much of the base's words the copy still holds, 0 to 1.
    pub fn kept_words(&self, base: &Flat) -> f64 {
        let words = base.toks.iter().filter(|t| t.kind == TokKind::Word).count();
        if words == 0 {
            return 1.0;
        }
        let kept = base
            .toks
            .iter()
            .zip(&self.base_to_copy)
            .filter(|(t, m)| t.kind == TokKind::Word && m.is_some())
            .count();
        kept as f64 / words as f64
    }

    /// The gap of the base (the base token it stands before) where a copy
    /// token that has no base token of its own belongs.
    pub fn gap_of(&self, copy_tok: usize) -> usize {
        self.gaps[copy_tok.min(self.gaps.len() - 1)]
    }

    /// An alignment known without a diff: `copy_to_base` for each copy
    /// token (the base's tokens matched in order).
    pub fn from_matches(bases: usize, copy_to_base: Vec<Option<usize>>) -> Alignment {
        let mut base_to_copy = vec![None; bases];
        for (c, b) in copy_to_base.iter().enumerate() {
            if let Some(b) = b {
                base_to_copy[*b] = Some(c);
            }
        }
        let mut al = Alignment {
            base_to_copy,
            copy_to_base,
            gaps: Vec::new(),
        };
        al.fill_gaps();
        al
    }

    fn fill_gaps(&mut self) {
        let mut gap = 0;
        self.gaps = self
            .copy_to_base
            .iter()
            .map(|m| {
                let here = gap;
                if let Some(b) = m {
                    gap = b + 1;
                }
                here
            })
            .collect();
        self.gaps.push(gap);
    }
}

pub(crate) fn align(base: &Flat, copy: &Flat) -> Alignment {
    let mut al = Alignment {
        base_to_copy: vec![None; base.toks.len()],
        copy_to_base: vec![None; copy.toks.len()],
        gaps: Vec::new(),
    };
    // Text inside an insertion is told apart from other text first, so a
    // copy's new words do not take the place of the base's words they
    // replace (Word keeps both: the old deleted, the new inserted).
    // Structure (point headings, block ends) is left out of the paragraph
    // diff: a reader may put a block's edge a paragraph off, and the text
    // still matches; it is matched on the text pass after.
    let ((sa, a), (sb, b)) = (seg_keys(base), seg_keys(copy));
    let ops = capture_diff_slices(Algorithm::Patience, &a, &b);
    // Segments that differ are collected until the next equal run, then
    // aligned word by word.
    let mut pending: Option<(usize, usize, usize, usize)> = None;
    let flush = |p: (usize, usize, usize, usize), al: &mut Alignment| {
        let (b0, b1) = seg_span(&sa, base.segs.len(), p.0, p.1);
        let (c0, c1) = seg_span(&sb, copy.segs.len(), p.2, p.3);
        words(base, copy, (b0, b1, c0, c1), al);
    };
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                if let Some(p) = pending.take() {
                    flush(p, &mut al);
                }
                for k in 0..len {
                    let bt = seg_toks(base, sa[old_index + k]);
                    let ct = seg_toks(copy, sb[new_index + k]);
                    for (x, y) in bt.zip(ct) {
                        al.base_to_copy[x] = Some(y);
                        al.copy_to_base[y] = Some(x);
                    }
                }
            }
            other => {
                let (o, n) = (other.old_range(), other.new_range());
                pending = Some(match pending {
                    None => (o.start, o.end, n.start, n.end),
                    Some((a0, _, c0, _)) => (a0, o.end, c0, n.end),
                });
            }
        }
    }
    if let Some(p) = pending {
        flush(p, &mut al);
    }
    fill_in(base, copy, &mut al);
    unpin_lone_spaces(base, copy, &mut al);
    al.fill_gaps();
    al
}

/// Between two matched tokens, what is left unmatched on both sides is
/// aligned again on the text alone: a change of the base that the copy
/// accepted is the same text no longer inside an insertion.
fn fill_in(base: &Flat, copy: &Flat, al: &mut Alignment) {
    let mut pairs: Vec<(usize, usize)> = al
        .base_to_copy
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.map(|j| (i, j)))
        .collect();
    pairs.push((base.toks.len(), copy.toks.len()));
    let mut from = (0, 0);
    for (i, j) in pairs {
        if i > from.0 && j > from.1 {
            match_tokens(base, copy, from.0..i, from.1..j, al);
        }
        from = (i + 1, j + 1);
    }
}

/// A space matched between two changed words ("by hand" → "in person")
/// would cut one replacement into two: it goes with the words around it.
fn unpin_lone_spaces(base: &Flat, copy: &Flat, al: &mut Alignment) {
    for i in 1..base.toks.len().saturating_sub(1) {
        let Some(j) = al.base_to_copy[i] else {
            continue;
        };
        if base.toks[i].kind != TokKind::Space || j == 0 || j + 1 >= copy.toks.len() {
            continue;
        }
        let base_sides = al.base_to_copy[i - 1].is_none() && al.base_to_copy[i + 1].is_none();
        let copy_sides = al.copy_to_base[j - 1].is_none() && al.copy_to_base[j + 1].is_none();
        if base_sides && copy_sides {
            al.base_to_copy[i] = None;
            al.copy_to_base[j] = None;
        }
    }
}

/// Each segment's tokens (those inside an insertion told apart), but for
/// structure; and which segments they are.
#[allow(clippy::type_complexity)]
fn seg_keys(f: &Flat) -> (Vec<usize>, Vec<Vec<(bool, &Key)>>) {
    let mut keys: Vec<Vec<(bool, &Key)>> = vec![Vec::new(); f.segs.len()];
    for t in &f.toks {
        keys[t.seg].push((t.rev.ins.is_some(), &t.key));
    }
    let kept: Vec<usize> = (0..f.segs.len())
        .filter(|&s| f.segs[s].place != Place::Fixed)
        .collect();
    let keys = kept.iter().map(|&s| std::mem::take(&mut keys[s])).collect();
    (kept, keys)
}

/// Segments `from..to` of a filtered list as a range of all segments.
fn seg_span(kept: &[usize], total: usize, from: usize, to: usize) -> (usize, usize) {
    let at = |i: usize| kept.get(i).copied().unwrap_or(total);
    if from >= to {
        let s = at(from);
        return (s, s);
    }
    (at(from), kept[to - 1] + 1)
}

/// The token range of a segment (its tokens are contiguous, break last).
fn seg_toks(f: &Flat, seg: usize) -> std::ops::Range<usize> {
    let end = f.segs[seg].end + 1;
    let start = if seg == 0 { 0 } else { f.segs[seg - 1].end + 1 };
    start..end
}

fn tok_range(f: &Flat, from_seg: usize, to_seg: usize) -> std::ops::Range<usize> {
    if from_seg >= to_seg {
        let at = if from_seg == 0 {
            0
        } else {
            f.segs[from_seg - 1].end + 1
        };
        return at..at;
    }
    seg_toks(f, from_seg).start..seg_toks(f, to_seg - 1).end
}

fn words(base: &Flat, copy: &Flat, p: (usize, usize, usize, usize), al: &mut Alignment) {
    let br = tok_range(base, p.0, p.1);
    let cr = tok_range(copy, p.2, p.3);
    match_tokens(base, copy, br, cr, al);
}

/// Pairs the tokens of `br` and `cr` a patience diff of their text finds
/// equal.
fn match_tokens(
    base: &Flat,
    copy: &Flat,
    br: std::ops::Range<usize>,
    cr: std::ops::Range<usize>,
    al: &mut Alignment,
) {
    let a: Vec<&Key> = base.toks[br.clone()].iter().map(|t| &t.key).collect();
    let b: Vec<&Key> = copy.toks[cr.clone()].iter().map(|t| &t.key).collect();
    for op in capture_diff_slices(Algorithm::Patience, &a, &b) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                let (x, y) = (br.start + old_index + k, cr.start + new_index + k);
                al.base_to_copy[x] = Some(y);
                al.copy_to_base[y] = Some(x);
            }
        }
    }
}
