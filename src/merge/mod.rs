//! The N-way merge: States' returned copies of a draft back into its
//! source, every change attributed to its State.
//!
//! Each copy is aligned with the text that was sent out (the base with all
//! its changes shown) on its own, so the result does not depend on the
//! order of the copies. What a copy changed (tracked or not) becomes a
//! change of its State; what it accepted or rejected of the changes already
//! in the base becomes a later attribution on that change ("accepts" or
//! "rejects this change"); its new comments become notes. The merged
//! source is the base's own text with only the blocks that changed written
//! anew, so the secretariat's layout of the rest stays byte for byte.

mod align;
mod build;
mod copy;
mod edits;
mod flat;
mod rebase;
mod record;
mod reopen;
mod report;
mod same;

pub use copy::{Copy, Options};
pub use report::{Conflict, CopyReport, MatchedAuthor, Report, Support};

use copy::Ancestry;

use crate::house::style::Labels;
use crate::model::*;
use crate::read::source::{self, Spans};
use crate::write::source as source_write;
use build::{Combined, Region, SegOut, Weaver};
use edits::{Edits, NewNote, Verdict};
use flat::{Flat, Place};
use std::collections::BTreeMap;

/// The merged source and what happened.
#[derive(Debug, Clone)]
pub struct Merged {
    pub source: String,
    pub report: Report,
}

#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("the base does not read as a source:\n{0}")]
    Base(String),
    #[error("{label}: this copy is not a copy of the base document: only {kept}% of the base's words are in it")]
    Unrelated { label: String, kept: u32 },
    #[error("the merged source does not read back (please report this):\n{0}")]
    Invalid(String),
    #[error("{0}")]
    Mistake(String),
}

/// A copy holding less than this share of the base's words is another document.
const MIN_KEPT: f64 = 0.5;

/// Merge returned copies into the base (the current source).
///
/// Copies whose ancestor already holds another copy of this run (its
/// `[[merged]]` record lists it: a second-round copy made after the first
/// was merged) wait for that copy; the others are merged together. So
/// merging at once is merging one at a time in the order the copies were
/// made.
pub fn merge(
    base_text: &str,
    base: &Document,
    copies: &[Copy],
    options: &Options,
) -> Result<Merged, MergeError> {
    let parsed = source::parse("base", base_text).map_err(|e| MergeError::Base(e.short()))?;
    if parsed != *base {
        return Err(MergeError::Base(
            "the base document given is not the one its text reads as".into(),
        ));
    }
    let fresh = record::check(base, copies, options).map_err(MergeError::Mistake)?;
    let mut pending: Vec<&Copy> = fresh.iter().map(|&i| &copies[i]).collect();
    let mut text = base_text.to_string();
    let mut report = Report {
        copies: Vec::new(),
        conflicts: Vec::new(),
    };
    while !pending.is_empty() {
        let waiting: std::collections::BTreeSet<&str> =
            pending.iter().map(|c| c.hash.as_str()).collect();
        let (mut ready, wait): (Vec<&Copy>, Vec<&Copy>) = pending.iter().partition(|c| {
            c.ancestor.as_ref().is_none_or(|a| {
                !a.meta
                    .merged
                    .iter()
                    .any(|r| r.hash != c.hash && waiting.contains(r.hash.as_str()))
            })
        });
        let wait = if ready.is_empty() {
            ready = wait;
            Vec::new()
        } else {
            wait
        };
        let (t, r) = pass(&text, base, &ready, options)?;
        text = t;
        report.copies.extend(r.copies);
        report.conflicts.extend(r.conflicts);
        pending = wait;
    }
    report
        .copies
        .sort_by(|a, b| (&a.code, &a.label).cmp(&(&b.code, &b.label)));
    report::already_merged(&mut report, base, copies, &fresh);
    Ok(Merged {
        source: text,
        report,
    })
}

/// One merge of copies into the current source `base_text`, each against
/// its ancestor (`given`, the base the user gave, for a copy without one).
fn pass(
    base_text: &str,
    given: &Document,
    copies: &[&Copy],
    options: &Options,
) -> Result<(String, Report), MergeError> {
    let (base, spans) =
        source::parse_with_spans("base", base_text).map_err(|e| MergeError::Base(e.short()))?;
    let base = &base;
    // One order for any order of the copies.
    let mut order: Vec<&Copy> = copies.to_vec();
    order.sort_by(|a, b| (&a.code, &a.label, &a.hash).cmp(&(&b.code, &b.label, &b.hash)));
    let mut doc = base.clone();
    let states: Vec<AuthorId> = order.iter().map(|c| state(&mut doc, &c.code)).collect();
    let reviewers: Vec<(String, AuthorId)> = options
        .reviewers
        .iter()
        .map(|(name, code)| (name.clone(), state(&mut doc, code)))
        .collect();
    let copies = Copies {
        order: &order,
        states: &states,
        given,
        authors: &doc.authors,
        reviewers: &reviewers,
    };
    let first_flat = flat::flatten(base);
    let mut reads = copies.read(&first_flat, base)?;
    // Later changes the copies meet are merged again beside them.
    let readings: Vec<reopen::Reading> = reads
        .iter()
        .map(|r| reopen::Reading {
            edits: &r.edits,
            since: r.since.as_ref(),
        })
        .collect();
    let taken = reopen::groups(&first_flat, base, &readings);
    let (current, base_flat, reopened) = if taken.is_empty() {
        (base.clone(), first_flat, None)
    } else {
        let r = reopen::take_out(base, &first_flat, &taken);
        reads = copies.read(&r.flat, &r.doc)?;
        (r.doc.clone(), r.flat.clone(), Some(r))
    };
    doc.blocks = current.blocks.clone();
    doc.footnotes = current.footnotes.clone();
    let mut all_edits = Vec::with_capacity(order.len());
    let mut later = Vec::new();
    let mut ancestors = Vec::with_capacity(order.len());
    for r in reads {
        all_edits.push(r.edits);
        later.extend(r.later);
        ancestors.push(r.ancestry);
    }
    let again = reopened.as_ref().map(|r| &r.edits);
    let every: Vec<&Edits> = all_edits.iter().chain(again).collect();
    let combined_notes = combine_notes(&every);
    let mut combined = combine(&base_flat, &every);
    let mut co_proposals = same::fold(&mut combined);
    // The document's tables hand out every new id (model::Builder).
    let mut tables = Builder::resume(&mut doc);
    build::place_notes(&combined_notes, &mut tables, &mut combined, &base_flat);
    let built = Weaver::new(&base_flat, tables, &combined).run();
    let (mut tables, mut out, regions) = (built.tables, built.out, built.regions);
    let verdicts = attribute(
        &mut tables,
        &Labels::get(doc.meta.language).verdict,
        &mut out,
        &base_flat,
        &all_edits,
        &combined_notes,
        &regions,
    );
    if let Some(r) = &reopened {
        co_proposals.extend(
            r.co.iter()
                .map(|&(pos, proposer, author)| same::CoProposal {
                    pos,
                    proposer,
                    author,
                }),
        );
    }
    co_propose(&mut tables, &mut out, &co_proposals, &regions);
    tables.put_into(&mut doc);
    let records: Vec<MergeRecord> = order
        .iter()
        .zip(&states)
        .zip(&ancestors)
        .map(|((copy, &state), anc)| record::of(copy, &doc.author(state).code, &anc.0))
        .collect();
    let text = if order.is_empty() {
        base_text.to_string()
    } else {
        let text = splice(base_text, base, &doc, &base_flat, &spans, &out);
        record::write(&text, &base.meta.merged, &records)
    };
    if let Err(e) = source::parse("merged", &text) {
        return Err(MergeError::Invalid(e.short()));
    }
    let labels: Vec<&str> = order.iter().map(|c| c.label.as_str()).collect();
    let found = report::Found {
        edits: &all_edits,
        regions: &regions,
        verdicts: &verdicts,
        co: &co_proposals,
        ancestors: &ancestors,
        later: &later,
        reopened: reopened.as_ref().map_or(&[], |r| &r.at),
    };
    let report = report::build(&labels, &states, &doc, &base_flat, &found);
    Ok((text, report))
}

/// The copies of one pass, in merge order, with what reading them needs.
struct Copies<'a> {
    order: &'a [&'a Copy],
    states: &'a [AuthorId],
    given: &'a Document,
    authors: &'a [Author],
    reviewers: &'a [(String, AuthorId)],
}

impl Copies<'_> {
    /// Every copy read against the current source `doc` (its tokens `flat`).
    fn read(&self, flat: &Flat, doc: &Document) -> Result<Vec<Read>, MergeError> {
        let current = Current {
            flat,
            doc,
            fingerprint: crate::ooxml::provenance::document_fingerprint(doc),
        };
        self.order
            .iter()
            .zip(self.states)
            .map(|(copy, &state)| {
                read_copy(
                    &current,
                    self.given,
                    self.authors,
                    self.reviewers,
                    copy,
                    state,
                )
            })
            .collect()
    }
}

/// The source the copies are merged into.
struct Current<'a> {
    flat: &'a Flat,
    doc: &'a Document,
    fingerprint: String,
}

/// What one copy changed against its ancestor, in the current source's
/// tokens.
struct Read {
    edits: Edits,
    /// Where it meets a change made since.
    later: Vec<rebase::Later>,
    ancestry: Ancestry,
    /// The current changes its ancestor lacks (`None`: the ancestor is
    /// the current source).
    since: Option<std::collections::BTreeSet<ChangeId>>,
}

/// What one copy changed against its ancestor, in the current source's
/// tokens, with the places it meets a change made since.
fn read_copy(
    cur: &Current,
    given: &Document,
    authors: &[Author],
    reviewers: &[(String, AuthorId)],
    copy: &Copy,
    state: AuthorId,
) -> Result<Read, MergeError> {
    let fallback = copy.ancestor.is_none();
    let ancestor = copy.ancestor.as_ref().unwrap_or(given);
    let fp = crate::ooxml::provenance::document_fingerprint(ancestor);
    // An ancestor that is the current source is read as it.
    let (anc_doc, anc_fp) = if fp == cur.fingerprint {
        (cur.doc, fp)
    } else {
        (ancestor, fp)
    };
    let same = anc_fp == cur.fingerprint;
    let own;
    let anc_flat = if same {
        cur.flat
    } else {
        own = flat::flatten(anc_doc);
        &own
    };
    let copy_flat = flat::flatten(&copy.doc);
    let al = align::align(anc_flat, &copy_flat);
    let kept = al.kept_words(anc_flat);
    if kept < MIN_KEPT {
        return Err(MergeError::Unrelated {
            label: copy.label.clone(),
            kept: (kept * 100.0).round() as u32,
        });
    }
    let cx = edits::Context {
        base: anc_flat,
        base_doc: anc_doc,
        authors,
        reviewers,
        copy: &copy_flat,
        copy_doc: &copy.doc,
        al: &al,
        state,
    };
    let mut e = edits::read(&cx);
    e.unrepresented
        .splice(0..0, copy.unrepresented.iter().cloned());
    if same {
        return Ok(Read {
            edits: e,
            later: Vec::new(),
            ancestry: (anc_fp, fallback),
            since: None,
        });
    }
    let map = rebase::Map::new(anc_flat, anc_doc, cur.flat, cur.doc);
    let since = map.since().clone();
    let (e, later) = rebase::rebase(e, &map);
    Ok(Read {
        edits: e,
        later,
        ancestry: (anc_fp, fallback),
        since: Some(since),
    })
}

/// The author a copy's State is: by code, then name or alias; a State the
/// base does not know (asked for as new, [`Options::new_authors`]) is added.
fn state(doc: &mut Document, code: &str) -> AuthorId {
    if let Some(id) = doc.author_by_code(code) {
        return id;
    }
    if let Some(i) = doc.authors.iter().position(|a| a.answers_to(code)) {
        return AuthorId(i);
    }
    let author = Author {
        code: code.to_string(),
        name: code.to_string(),
        initials: code.chars().take(2).collect::<String>().to_uppercase(),
        date: DateTime::from(doc.meta.date),
        aliases: Vec::new(),
    };
    Builder::enlist(&mut doc.authors, author)
}

fn combine(base: &Flat, all: &[&Edits]) -> Combined {
    let mut c = Combined {
        dels: vec![Vec::new(); base.toks.len()],
        ..Combined::default()
    };
    for e in all {
        for &(tok, author) in &e.dels {
            c.dels[tok].push(author);
        }
        for ins in &e.ins {
            c.ins.entry(ins.gap).or_default().push(ins.clone());
        }
    }
    for d in &mut c.dels {
        d.sort();
        d.dedup();
    }
    for list in c.ins.values_mut() {
        list.sort();
        list.dedup();
    }
    c
}

fn combine_notes(all: &[&Edits]) -> Vec<NewNote> {
    let mut notes: Vec<NewNote> = all.iter().flat_map(|e| e.notes.iter().cloned()).collect();
    notes.sort();
    notes.dedup();
    notes
}

/// Acceptances, rejections and comments on groups become attributions,
/// once the groups exist. Returns the verdicts recorded, per copy.
fn attribute(
    tables: &mut Builder,
    words: &crate::house::style::Verdicts,
    out: &mut [SegOut],
    flat: &Flat,
    all: &[Edits],
    notes: &[NewNote],
    regions: &[Region],
) -> Vec<Vec<(GroupId, Verdict)>> {
    let mut seg_of_group: BTreeMap<GroupId, usize> = BTreeMap::new();
    for (s, o) in out.iter().enumerate() {
        for (content, _) in &o.pieces {
            for inline in content {
                if let Inline::GroupEnd(g) = inline {
                    seg_of_group.insert(*g, s);
                }
            }
        }
    }
    let mut recorded = Vec::with_capacity(all.len());
    let mut verdicts: Vec<(GroupId, AuthorId, Verdict)> = Vec::new();
    for e in all {
        let mut mine = Vec::new();
        for &(g, author, verdict) in &e.verdicts {
            if tables.group(g).proposer() != author {
                verdicts.push((g, author, verdict));
                mine.push((g, verdict));
            }
        }
        recorded.push(mine);
    }
    verdicts.sort();
    verdicts.dedup();
    let touch = |g: GroupId, out: &mut [SegOut]| {
        if let Some(&s) = seg_of_group.get(&g) {
            out[s].touched = true;
        }
    };
    for (g, author, verdict) in verdicts {
        let text = match verdict {
            Verdict::Support => &words.accepts,
            Verdict::Objection => &words.rejects,
        };
        tables.attribute_in_order(g, author, Some(text.clone()));
        touch(g, out);
    }
    for n in notes {
        match n {
            NewNote::OnGroup {
                group,
                author,
                text,
            } => {
                tables.attribute_in_order(*group, *author, Some(text.clone()));
                touch(*group, out);
            }
            NewNote::OnNew { gap, author, text } => {
                let at = flat::At::gap(*gap);
                let region = regions
                    .iter()
                    .filter(|r| r.touches(at))
                    .min_by_key(|r| (r.author != *author, r.group));
                match region {
                    Some(r) => {
                        tables.comment_in_order(r.group, *author, text.clone());
                        touch(r.group, out);
                    }
                    None => {
                        // No change of the copy's here: the comment stands
                        // at the end of the paragraph it was in.
                        let note = tables.note_by(*author, text.clone(), NoteKind::Standing);
                        let s = flat.toks[(*gap).min(flat.toks.len() - 1)].seg;
                        if let Some((content, _)) = out[s].pieces.last_mut() {
                            content.push(Inline::StandingNote(note));
                            out[s].touched = true;
                        }
                    }
                }
            }
            _ => {}
        }
    }
    recorded
}

/// A State proposing what another proposes is a co-proposer of its group.
fn co_propose(
    tables: &mut Builder,
    out: &mut [SegOut],
    list: &[same::CoProposal],
    regions: &[Region],
) {
    for c in list {
        let region = regions
            .iter()
            .filter(|r| r.author == c.proposer && r.touches(c.pos))
            .min_by_key(|r| r.group);
        if let Some(r) = region {
            if tables.co_propose_in_order(r.group, c.author) {
                out[r.seg].touched = true;
            }
        }
    }
}

/// The base's text with each changed block written anew.
fn splice(
    base_text: &str,
    base: &Document,
    doc: &Document,
    flat: &Flat,
    spans: &Spans,
    out: &[SegOut],
) -> String {
    let leaves = leaf_blocks(&base.blocks);
    let mut replacements: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    // The document's paragraph numbers so far: a State's new numbered
    // paragraph (Enter pressed in one) moves the later ones on.
    let mut number = 0;
    for (u, segs) in flat.units.iter().enumerate() {
        if !segs.clone().any(|s| out[s].touched) {
            if let Some(r) = renumbered(base_text, &spans.blocks[u], leaves[u], &mut number) {
                replacements.push(r);
            }
            continue;
        }
        let mut blocks = assemble(leaves[u], segs.clone(), out);
        crate::model::walk::renumber_paragraphs(&mut blocks, &mut number);
        let open_before = open_before(doc, flat, out, segs.start);
        let text = source_write::write_blocks(doc, &blocks, &open_before, &spans.footnote_labels);
        let span = spans.blocks[u].clone();
        let text = keep_auto_number(&base_text[span.clone()], leaves[u], text);
        replacements.push((span, text));
    }
    for (s, seg) in flat.segs.iter().enumerate() {
        if let Place::Footnote(id) = seg.place {
            if out[s].touched {
                let content: Vec<Inline> = out[s]
                    .pieces
                    .iter()
                    .flat_map(|(c, _)| c.iter().cloned())
                    .collect();
                let label = &spans.footnote_labels[id.0];
                let text =
                    source_write::write_footnote(doc, &content, label, &spans.footnote_labels);
                replacements.push((spans.footnotes[id.0].clone(), text));
            }
        }
    }
    replacements.sort_by_key(|(r, _)| r.start);
    let mut text = String::with_capacity(base_text.len() + 1024);
    let mut at = 0;
    let authors_at = authors_insertion_point(base_text);
    let mut added_authors = false;
    let mut add_authors = |text: &mut String, at: &mut usize, upto: usize| {
        if !added_authors && authors_at <= upto {
            text.push_str(&base_text[*at..authors_at]);
            *at = authors_at;
            for a in &doc.authors[base.authors.len()..] {
                text.push_str(&source_write::author_entry(a, doc.meta.date));
                text.push('\n');
            }
            added_authors = true;
        }
    };
    for (range, new) in replacements {
        add_authors(&mut text, &mut at, range.start);
        text.push_str(&base_text[at..range.start]);
        text.push_str(&new);
        at = range.end;
    }
    add_authors(&mut text, &mut at, base_text.len());
    text.push_str(&base_text[at..]);
    text
}

/// A paragraph the secretariat numbered with `#.` keeps its `#.` when it
/// is written anew (the writer writes the number it has).
/// An unchanged numbered paragraph's number where paragraphs before it
/// were added: the digits written in the base replaced, nothing else.
fn renumbered(
    base_text: &str,
    span: &std::ops::Range<usize>,
    block: &Block,
    number: &mut u32,
) -> Option<(std::ops::Range<usize>, String)> {
    let Block::Paragraph(Paragraph {
        kind: ParagraphKind::Numbered(n),
        ..
    }) = block
    else {
        return None;
    };
    *number += 1;
    let written = n.to_string();
    let source = base_text.get(span.clone())?;
    if *n == *number || !source.starts_with(&format!("{written}.")) {
        return None;
    }
    Some((span.start..span.start + written.len(), number.to_string()))
}

fn keep_auto_number(base: &str, block: &Block, text: String) -> String {
    let Block::Paragraph(Paragraph {
        kind: ParagraphKind::Numbered(n),
        ..
    }) = block
    else {
        return text;
    };
    match text.strip_prefix(&format!("{n}. ")) {
        Some(rest) if base.starts_with("#. ") => format!("#. {rest}"),
        _ => text,
    }
}

/// Where new `[authors]` entries go: after the last entry of the table,
/// or in a new table at the end of the front matter.
fn authors_insertion_point(text: &str) -> usize {
    let mut offset = 0;
    let mut in_authors = false;
    let mut last_entry_end = None;
    let mut first = true;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        let start = offset;
        offset += line.len();
        if first {
            first = false;
            continue;
        }
        if t == "+++" {
            return last_entry_end.unwrap_or(start);
        }
        if t.starts_with('[') {
            in_authors = t == "[authors]";
            if in_authors {
                last_entry_end = Some(offset);
            }
            continue;
        }
        if in_authors && !t.is_empty() && !t.starts_with('#') {
            last_entry_end = Some(offset);
        }
    }
    0
}

/// The changes open where a unit starts: those of the mark before it.
fn open_before(doc: &Document, flat: &Flat, out: &[SegOut], seg: usize) -> Vec<ChangeId> {
    if seg == 0 || flat.segs[seg - 1].place == Place::Fixed {
        return Vec::new();
    }
    let mark = out[seg - 1]
        .pieces
        .last()
        .map_or(flat.segs[seg - 1].mark, |(_, m)| *m);
    doc.change_chain(mark)
}

/// A unit's merged blocks: the base block's kind with the merged content.
fn assemble(base: &Block, segs: std::ops::Range<usize>, out: &[SegOut]) -> Vec<Block> {
    let pieces = |s: usize| out[s].pieces.clone();
    let joined = |s: usize| -> (Vec<Inline>, Rev) {
        let p = pieces(s);
        let mark = p.last().map_or(Rev::NONE, |(_, m)| *m);
        (p.into_iter().flat_map(|(c, _)| c).collect(), mark)
    };
    match base {
        Block::Heading(h) => {
            let (content, mark) = joined(segs.start);
            vec![Block::Heading(Heading {
                content,
                mark,
                ..h.clone()
            })]
        }
        Block::Paragraph(p) => pieces(segs.start)
            .into_iter()
            .enumerate()
            .map(|(i, (content, mark))| {
                // A paragraph a State's new break starts is of the kind it
                // has in the State's copy.
                let new_kind = |i: usize| out[segs.start].next_kinds.get(i).cloned().flatten();
                Block::Paragraph(Paragraph {
                    kind: match i {
                        0 => p.kind.clone(),
                        i => new_kind(i - 1).unwrap_or(ParagraphKind::Plain),
                    },
                    content,
                    mark,
                })
            })
            .collect(),
        Block::Quote(_) => vec![Block::Quote(
            segs.map(|s| {
                let (content, mark) = joined(s);
                Block::Paragraph(Paragraph {
                    kind: ParagraphKind::Plain,
                    content,
                    mark,
                })
            })
            .collect(),
        )],
        Block::Table(t) => {
            // Each cell's paragraphs are segments of their own, in order:
            // the merged ones take the base cells' places and spans.
            let mut segs = segs;
            let mut cell = |base: &Cell| Cell {
                paragraphs: base
                    .paragraphs
                    .iter()
                    .map(|_| {
                        let (content, mark) = segs.next().map(&joined).unwrap_or_default();
                        CellParagraph { content, mark }
                    })
                    .collect(),
                ..base.clone()
            };
            let header = t.header.iter().map(&mut cell).collect();
            let rows = t
                .rows
                .iter()
                .map(|r| r.iter().map(&mut cell).collect())
                .collect();
            vec![Block::Table(Table {
                align: t.align.clone(),
                header,
                rows,
            })]
        }
        Block::Point(_) | Block::Statement(_) => Vec::new(),
    }
}

/// Headings, paragraphs (outside quotes), quotes and tables in order: the
/// units the parser gives spans for.
fn leaf_blocks(blocks: &[Block]) -> Vec<&Block> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Point(p) => out.extend(leaf_blocks(&p.blocks)),
            Block::Statement(bs) => out.extend(leaf_blocks(bs)),
            other => out.push(other),
        }
    }
    out
}
