//! The spaces around changes, which the clean texts (views) and every
//! writer share: whether a deletion and the text beside it need a space
//! between them, and which unchanged space a change takes so that Word's
//! Accept All and Reject All leave the views' text with nothing to tidy.
//! `present` re-exports them for the writers; the views use them here
//! (the views come before presentation: `present` reads their counts).

use crate::model::{Block, Document, Inline, Rev, Run};
use crate::present::script::is_full_width;

/// Whether a deletion and the undeleted text beside it need a space
/// between them, so that `~~old~~ new` in text and the struck print read
/// as the same words. `before` is the last character already set, `next`
/// the first of what follows. Punctuation that closes a phrase attaches,
/// and so does Chinese text, which puts no space between words: `国~~应当~~不妨`.
pub fn separates(before: Option<char>, next: Option<char>) -> bool {
    match (before, next) {
        (Some(b), Some(n)) => {
            !b.is_whitespace()
                && !n.is_whitespace()
                && !matches!(n, '.' | ',' | ';' | ':' | ')' | '!' | '?')
                && b != '('
                && !is_full_width(b)
                && !is_full_width(n)
        }
        _ => false,
    }
}

/// The paragraph marks before and after an inline sequence: the previous
/// paragraph's or heading's (when one precedes it in the same container)
/// and its own; none for a heading, a cell or a footnote. Where its own
/// mark goes, the text goes on with what the next paragraphs keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Edges {
    pub before: Rev,
    pub after: Rev,
    /// The first character kept after the mark by Accept All, and by
    /// Reject All (`None`: the end of a paragraph, or of the text).
    pub next: [Option<char>; 2],
}

impl Edges {
    pub const NONE: Edges = Edges {
        before: Rev::NONE,
        after: Rev::NONE,
        next: [None, None],
    };

    /// The edges of paragraph `blocks[i]` among the blocks of one
    /// container: the marks of the block before it and its own, and what
    /// the blocks after it keep where its mark goes.
    pub fn of_paragraph(blocks: &[Block], i: usize) -> Edges {
        let mark = |b: Option<&Block>| match b {
            Some(Block::Paragraph(p)) => p.mark,
            Some(Block::Heading(h)) => h.mark,
            _ => Rev::NONE,
        };
        let rest = blocks.get(i + 1..).unwrap_or_default();
        Edges {
            before: mark(i.checked_sub(1).and_then(|p| blocks.get(p))),
            after: mark(blocks.get(i)),
            next: [true, false].map(|accept| next_kept(rest, accept)),
        }
    }

    /// The first character kept after the mark by Accept All (`accept`)
    /// or Reject All.
    fn next(&self, accept: bool) -> Option<char> {
        self.next[usize::from(!accept)]
    }
}

/// The first character Accept All (`accept`) or Reject All keeps in
/// `blocks`, as long as the marks of the paragraphs that keep nothing
/// go too; `None` where a mark stays first, or another block follows.
fn next_kept(blocks: &[Block], accept: bool) -> Option<char> {
    for block in blocks {
        let (content, mark) = match block {
            Block::Paragraph(p) => (&p.content, p.mark),
            Block::Heading(h) => (&h.content, h.mark),
            _ => return None,
        };
        let first = content.iter().find_map(|i| match i {
            Inline::Text(r) if !removed(r.rev, accept) => r.text.chars().next(),
            Inline::FootnoteRef { rev, .. } if !removed(*rev, accept) => Some('*'),
            _ => None,
        });
        if first.is_some() || !removed(mark, accept) {
            return first;
        }
    }
    None
}

/// Where a run of [`word_spaces`]' result comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpaceOrigin {
    /// As the document has it.
    Same,
    /// A space that ends the text run before it in the document, with
    /// that run's revision (given), held by the change beside it.
    EndOfPrevious(Rev),
    /// A space that starts the text run after it in the document.
    StartOfNext(Rev),
    /// A run of one space in the document, held by a change beside it
    /// and set next to that change's text.
    WholeRun(Rev),
    /// Where that run stands in the document (an empty run, with the
    /// run's revision and style): not written, for the stored structure
    /// to put the space back in its place.
    Anchor(Rev),
    /// A space that is not in the document: it parts the words of two
    /// change groups that touch (`manually` `in person`) in the clean text.
    Added,
}

/// One character of a paragraph as [`word_spaces`] weighs it.
#[derive(Clone, Copy)]
struct Cell {
    c: char,
    rev: Rev,
    /// The inline it comes from; `None` for an added space.
    from: Option<usize>,
    /// A footnote mark (one cell, a word's character).
    mark: bool,
}

/// A paragraph's inlines as Word holds them, so that Accept All and Reject
/// All leave the text of the accepted and original views with nothing to
/// tidy: a change takes the unchanged space beside it, as Word's own
/// editing does, when removing the change would leave two spaces, a space
/// before `. , ; : ) ! ?` or at an end of the paragraph (`Protocol
/// {--and its annex--}.` holds ` and its annex` deleted); and the words of
/// two change groups that touch get a space inside the second change
/// (`{++manually++}{>>FR<<}{++in person++}{>>CA<<}`), as the views print
/// them. Each run says where it comes from, for the DOCX's stored
/// structure to give the document back ([`crate::ooxml::provenance`]).
///
/// `edges` are the paragraph marks around the inlines: where Accept All
/// (Reject All) removes one, the text goes on in the next paragraph, and
/// that end of the inlines is no end of a paragraph.
pub fn word_spaces(doc: &Document, inlines: &[Inline], edges: Edges) -> Vec<(Inline, SpaceOrigin)> {
    let same = || {
        inlines
            .iter()
            .map(|i| (i.clone(), SpaceOrigin::Same))
            .collect()
    };
    let changed = |rev: &Rev| !rev.is_none();
    let any_change = inlines.iter().any(|i| match i {
        Inline::Text(r) => changed(&r.rev),
        Inline::FootnoteRef { rev, .. } => changed(rev),
        _ => false,
    });
    if !any_change {
        return same();
    }
    let mut cells = Vec::new();
    for (k, inline) in inlines.iter().enumerate() {
        match inline {
            Inline::Text(r) => cells.extend(r.text.chars().map(|c| Cell {
                c,
                rev: r.rev,
                from: Some(k),
                mark: false,
            })),
            Inline::FootnoteRef { rev, .. } => cells.push(Cell {
                c: '*',
                rev: *rev,
                from: Some(k),
                mark: true,
            }),
            _ => {}
        }
    }
    let before = cells.clone();
    for accept in [true, false] {
        take_spaces(doc, &mut cells, accept, edges);
    }
    part_groups(doc, &mut cells);
    let moved =
        cells.len() != before.len() || cells.iter().zip(&before).any(|(a, b)| a.rev != b.rev);
    if !moved {
        return same();
    }
    rebuild(inlines, &cells)
}

/// Whether a character with `rev` is gone after Accept All (`accept`) or
/// Reject All.
fn removed(rev: Rev, accept: bool) -> bool {
    if accept {
        rev.del.is_some()
    } else {
        rev.ins.is_some()
    }
}

/// Whether a change with `rev` is removed by one of Accept All and Reject
/// All only: a space moved into it is then gone only there.
fn removed_only(rev: Rev, accept: bool) -> bool {
    removed(rev, accept) && !removed(rev, !accept)
}

/// Whether text with revision `a` beside text with `b` is one revision in
/// Word and LibreOffice: two changes of one kind by one State, of two
/// groups (two proposals), which only the text between them keeps apart.
fn one_in_word(doc: &Document, a: Rev, b: Rev) -> bool {
    let apart = |x: Option<crate::model::ChangeId>, y: Option<crate::model::ChangeId>| {
        let (Some(x), Some(y)) = (x, y) else {
            return false;
        };
        match (doc.changes.get(x.0), doc.changes.get(y.0)) {
            (Some(cx), Some(cy)) => x != y && cx.author == cy.author && cx.group != cy.group,
            _ => false,
        }
    };
    apart(a.ins, b.ins) || apart(a.del, b.del)
}

/// Moves unchanged spaces into the changes Accept All (`accept`) or
/// Reject All removes, where the removal would leave a space too many;
/// but not a space that alone keeps two of one State's proposals apart
/// (firearms point 33, `{++involved …++}{>>US<<} {++from …++}{>>US<<},`):
/// they stay two changes in Word, at the cost of a space before the
/// comma when both go.
fn take_spaces(doc: &Document, cells: &mut [Cell], accept: bool, edges: Edges) {
    // An end whose paragraph mark goes joins the next paragraph's text.
    let starts = !removed(edges.before, accept);
    let mut i = 0;
    while i < cells.len() {
        if !removed(cells[i].rev, accept) {
            i += 1;
            continue;
        }
        let start = i;
        while i < cells.len() && removed(cells[i].rev, accept) {
            i += 1;
        }
        let end = i;
        let space = |c: Option<&Cell>| c.is_some_and(|c| !c.mark && c.c == ' ');
        // A space may join the change when the other side (Reject All for
        // Accept All) keeps or removes it as before.
        let movable = |c: Option<&Cell>, into: Rev| {
            space(c) && c.is_some_and(|c| removed(c.rev, !accept) == removed(into, !accept))
        };
        let prev = start.checked_sub(1).map(|p| &cells[p]);
        let next = cells.get(end);
        let ends = |c: char| c == ' ' || matches!(c, '.' | ',' | ';' | ':' | ')' | '!' | '?');
        let closes = match next {
            // The end of a paragraph; where its mark goes, the text goes
            // on with the next paragraph's ("Three {--old¶--}Four." keeps
            // its space, as LibreOffice's Accept All does).
            None => !removed(edges.after, accept) || edges.next(accept).is_none_or(ends),
            Some(n) => space(Some(n)) || (!n.mark && ends(n.c)),
        };
        let opens = match prev {
            None => starts,
            Some(_) => space(prev),
        };
        // The text beyond the space, which the change must not touch.
        let beyond = |at: Option<usize>, rev: Rev| {
            at.and_then(|a| cells.get(a))
                .is_some_and(|c| one_in_word(doc, c.rev, rev))
        };
        let (first, last) = (cells[start].rev, cells[end - 1].rev);
        if closes && movable(prev, first) && !beyond(start.checked_sub(2), first) {
            cells[start - 1].rev = first;
        } else if opens && movable(next, last) && !beyond(Some(end + 1), last) {
            cells[end].rev = last;
        }
    }
}

/// Adds a space inside the second of two change groups whose words touch
/// in the text Accept All or Reject All leaves.
fn part_groups(doc: &Document, cells: &mut Vec<Cell>) {
    let group = |rev: Rev| {
        doc.innermost(rev)
            .and_then(|c| doc.changes.get(c.0))
            .map(|c| c.group)
    };
    for accept in [true, false] {
        let mut last: Option<usize> = None;
        let mut i = 0;
        while i < cells.len() {
            if removed(cells[i].rev, accept) {
                i += 1;
                continue;
            }
            let (b, starts_inline) = (cells[i], i == 0 || cells[i - 1].from != cells[i].from);
            if let Some(a) = last.map(|l| cells[l]) {
                let (ga, gb) = (group(a.rev), group(b.rev));
                if ga.is_some()
                    && gb.is_some()
                    && ga != gb
                    && starts_inline
                    && !a.mark
                    && !b.mark
                    && separates(Some(a.c), Some(b.c))
                    && removed_only(b.rev, !accept)
                {
                    let space = Cell {
                        c: ' ',
                        rev: b.rev,
                        from: None,
                        mark: false,
                    };
                    cells.insert(i, space);
                    i += 1;
                }
            }
            last = Some(i);
            i += 1;
        }
    }
}

/// The runs of `cells`, in `inlines`' order with their markers, each with
/// where it comes from. A space moved into a change stands next to that
/// change's text, inside its group's markers (so Word's comment range
/// and the reader's grouping hold it).
fn rebuild(inlines: &[Inline], cells: &[Cell]) -> Vec<(Inline, SpaceOrigin)> {
    let mut out: Vec<(Inline, SpaceOrigin)> = Vec::with_capacity(inlines.len() + 4);
    // A space that ends a run, moved into the change after it: set right
    // before the next text, past the markers between.
    let mut deferred: Option<(Inline, SpaceOrigin)> = None;
    let mut at = 0;
    for (k, inline) in inlines.iter().enumerate() {
        let Inline::Text(run) = inline else {
            if matches!(inline, Inline::FootnoteRef { .. }) {
                at += 1;
                out.extend(deferred.take());
            }
            out.push((inline.clone(), SpaceOrigin::Same));
            continue;
        };
        out.extend(deferred.take());
        // Added spaces stand before the inline they part.
        while at < cells.len() && cells[at].from.is_none() {
            let space = Run {
                text: " ".into(),
                style: run.style,
                rev: cells[at].rev,
            };
            out.push((Inline::Text(space), SpaceOrigin::Added));
            at += 1;
        }
        let first = at;
        while at < cells.len() && cells[at].from == Some(k) {
            at += 1;
        }
        let own = &cells[first..at];
        let mut j = 0;
        while j < own.len() {
            let rev = own[j].rev;
            let start = j;
            while j < own.len() && own[j].rev == rev {
                j += 1;
            }
            let piece = Inline::Text(Run {
                text: own[start..j].iter().map(|c| c.c).collect(),
                style: run.style,
                rev,
            });
            if rev == run.rev {
                out.push((piece, SpaceOrigin::Same));
            } else if start == 0 && j == own.len() {
                let anchor = Inline::Text(Run {
                    text: String::new(),
                    style: run.style,
                    rev: run.rev,
                });
                out.push((anchor, SpaceOrigin::Anchor(run.rev)));
                let joins_next = cells.get(first + j).is_some_and(|c| c.rev == rev);
                let piece = (piece, SpaceOrigin::WholeRun(run.rev));
                if joins_next {
                    deferred = Some(piece);
                } else {
                    let at = after_text(&out);
                    out.insert(at, piece);
                }
            } else if start == 0 {
                // Back past the markers, next to the change before it.
                let at = after_text(&out);
                out.insert(at, (piece, SpaceOrigin::StartOfNext(run.rev)));
            } else {
                deferred = Some((piece, SpaceOrigin::EndOfPrevious(run.rev)));
            }
        }
    }
    out.extend(deferred);
    out
}

/// Where the text set so far ends: after its last text or footnote mark,
/// before the markers that follow it.
fn after_text(out: &[(Inline, SpaceOrigin)]) -> usize {
    out.iter()
        .rposition(|(i, o)| {
            !matches!(o, SpaceOrigin::Anchor(_))
                && matches!(i, Inline::Text(_) | Inline::FootnoteRef { .. })
        })
        .map_or(0, |p| p + 1)
}

/// [`word_spaces`] as written: without the anchors, which only the stored
/// structure reads.
pub fn written(doc: &Document, inlines: &[Inline], edges: Edges) -> Vec<Inline> {
    word_spaces(doc, inlines, edges)
        .into_iter()
        .filter(|(_, o)| !matches!(o, SpaceOrigin::Anchor(_)))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> Document {
        crate::read::source::parse(
            "t.md",
            &format!("+++\nsymbol = \"X/1\"\ndate = 2020-01-01\n[authors]\nUS = \"United States\"\nCA = \"Canada\"\n+++\n\n{body}\n"),
        )
        .expect("parses")
    }

    /// The text as Word leaves it after Accept All (`accept`) or Reject
    /// All, from the runs `word_spaces` gives.
    fn settled(d: &Document, accept: bool) -> String {
        let crate::model::Block::Paragraph(p) = &d.blocks[0] else {
            panic!("a paragraph");
        };
        word_spaces(d, &p.content, Edges::NONE)
            .into_iter()
            .filter_map(|(i, _)| match i {
                Inline::Text(r) if !removed(r.rev, accept) => Some(r.text),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_change_takes_the_space_its_removal_would_leave_over() {
        let d = doc(
            "Age, sex {++and disability++}{>>US<<}, in the Protocol {--and its annex--}{>>CA<<}.",
        );
        assert_eq!(
            settled(&d, true),
            "Age, sex and disability, in the Protocol."
        );
        assert_eq!(
            settled(&d, false),
            "Age, sex, in the Protocol and its annex."
        );
        let d = doc("{--The--}{>>US<<} cat {--sat--}{>>CA<<} here {++now++}{>>US<<}");
        assert_eq!(settled(&d, true), "cat here now");
        assert_eq!(settled(&d, false), "The cat sat here");
        // Two groups' words touch: the second takes a space, kept where it is.
        let d = doc("Done {++manually++}{>>US<<}{++in person++}{>>CA<<}.");
        assert_eq!(settled(&d, true), "Done manually in person.");
        assert_eq!(settled(&d, false), "Done.");
    }

    #[test]
    fn one_states_proposals_a_space_apart_stay_apart() {
        // The second takes the space after it where there is one.
        let d =
            doc("Track {++a++}{>>US<<} {++b++}{>>US<<} here {--c--}{>>CA<<} {--d--}{>>CA<<} now.");
        assert_eq!(settled(&d, true), "Track a b here now.");
        assert_eq!(settled(&d, false), "Track here c d now.");
        let crate::model::Block::Paragraph(p) = &d.blocks[0] else {
            panic!("a paragraph");
        };
        // Each change's text, the runs of one change joined.
        let mut changes: Vec<(Rev, String)> = Vec::new();
        for inline in written(&d, &p.content, Edges::NONE) {
            let Inline::Text(r) = inline else { continue };
            match changes.last_mut() {
                Some((rev, text)) if *rev == r.rev => text.push_str(&r.text),
                _ => changes.push((r.rev, r.text)),
            }
        }
        let changed: Vec<&str> = changes
            .iter()
            .filter(|(rev, _)| !rev.is_none())
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(changed, [" a", "b ", " c", "d "]);
        // Before punctuation, Reject All keeps the space between them
        // rather than joining them into one insertion.
        let d = doc("Track {++a++}{>>US<<} {++b++}{>>US<<}, then.");
        assert_eq!(settled(&d, true), "Track a b, then.");
        assert_eq!(settled(&d, false), "Track , then.");
    }

    #[test]
    fn an_end_whose_mark_goes_sees_the_next_paragraph() {
        // Accept All (Reject All) of each paragraph, as Word leaves it.
        let settle = |d: &Document, accept: bool| -> Vec<String> {
            (0..d.blocks.len())
                .map(|i| {
                    let crate::model::Block::Paragraph(p) = &d.blocks[i] else {
                        panic!("paragraphs");
                    };
                    let edges = Edges::of_paragraph(&d.blocks, i);
                    word_spaces(d, &p.content, edges)
                        .into_iter()
                        .filter_map(|(i, _)| match i {
                            Inline::Text(r) if !removed(r.rev, accept) => Some(r.text),
                            _ => None,
                        })
                        .collect()
                })
                .collect()
        };
        let d = doc("Three {--old\n\n--}{>>CA<<}Four.");
        assert_eq!(
            Edges::of_paragraph(&d.blocks, 0).next,
            [Some('F'), Some('F')]
        );
        assert_eq!(settle(&d, true).concat(), "Three Four.");
        let d = doc("Should {--share\n\nand routes--}{>>US<<} cooperate.");
        assert_eq!(
            Edges::of_paragraph(&d.blocks, 0).next,
            [Some(' '), Some('a')]
        );
        assert_eq!(settle(&d, true).concat(), "Should cooperate.");
        assert_eq!(settle(&d, false), ["Should share", "and routes cooperate."]);
    }

    #[test]
    fn moved_spaces_say_where_they_came_from() {
        let d = doc("Protocol {--and its annex--}{>>CA<<}.");
        let crate::model::Block::Paragraph(p) = &d.blocks[0] else {
            panic!("a paragraph");
        };
        let origins: Vec<SpaceOrigin> = word_spaces(&d, &p.content, Edges::NONE)
            .into_iter()
            .map(|(_, o)| o)
            .filter(|o| *o != SpaceOrigin::Same)
            .collect();
        assert_eq!(origins, [SpaceOrigin::EndOfPrevious(Rev::NONE)]);
        // Without a change, the inlines come back as they are.
        let d = doc("Plain text.");
        let crate::model::Block::Paragraph(p) = &d.blocks[0] else {
            panic!("a paragraph");
        };
        let same: Vec<Inline> = word_spaces(&d, &p.content, Edges::NONE)
            .into_iter()
            .map(|(i, _)| i)
            .collect();
        assert_eq!(same, p.content);
    }
}
