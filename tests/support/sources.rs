//! A generator of valid sources with changes by several States, for the
//! property tests: every piece it emits is well-formed, and it counts, per
//! State, the insertions, deletions, notes and co-proposals it wrote, so a
//! test can hold the parser and the writers to those counts.

use proptest::prelude::*;
use std::collections::BTreeMap;

/// The States the generated changes are by: (code, name).
pub const STATES: [(&str, &str); 3] = [
    ("US", "United States"),
    ("FR", "France"),
    ("Canada", "Canada"),
];

/// The front matter declaring `STATES`.
pub fn front_matter() -> String {
    super::front().authors(&STATES).source("")
}

/// What the generator wrote for one State.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    pub insertions: usize,
    pub deletions: usize,
    pub notes: usize,
    /// Of `notes`, those on a change another State leads (not in this
    /// State's own view).
    pub notes_on_others: usize,
    pub co_proposals: usize,
    /// The insertions this State co-proposes, by their proposer's place
    /// in `STATES`: its own view shows them (`view::proposes`).
    pub co_proposed: [usize; 3],
}

/// One inline piece: a kind and the States it involves (`by` leads,
/// `other` is a different State for nesting and co-proposals).
#[derive(Debug, Clone, Copy)]
pub struct Piece {
    kind: u8,
    by: usize,
    other: usize,
}

const KINDS: u8 = 10;

pub fn piece() -> impl Strategy<Value = Piece> {
    (0..KINDS, 0..STATES.len(), 1..STATES.len()).prop_map(|(kind, by, step)| Piece {
        kind,
        by,
        other: (by + step) % STATES.len(),
    })
}

/// One paragraph: how it starts (plain, numbered, quoted) and its pieces.
pub fn paragraph() -> impl Strategy<Value = (u8, Vec<Piece>)> {
    (0..3u8, prop::collection::vec(piece(), 1..6))
}

/// A generated source and what it holds.
#[derive(Debug, Clone)]
pub struct Generated {
    pub text: String,
    /// Per State code.
    pub written: BTreeMap<&'static str, Written>,
}

impl Generated {
    /// How many States have a change.
    pub fn states_with_changes(&self) -> usize {
        self.written
            .values()
            .filter(|w| w.insertions + w.deletions > 0)
            .count()
    }
}

struct Writer {
    text: String,
    written: BTreeMap<&'static str, Written>,
}

impl Writer {
    fn count(&mut self, state: usize) -> &mut Written {
        self.written.entry(STATES[state].0).or_default()
    }

    /// Writes one piece, then a plain word, so that no two changes touch.
    fn piece(&mut self, p: Piece, n: usize) {
        let (a, b) = (STATES[p.by].0, STATES[p.other].0);
        let text = match p.kind {
            0 => "plain *italic* and **bold** words".to_owned(),
            1 => {
                self.count(p.by).insertions += 1;
                format!("{{++new words {n}++}}{{>>{a}<<}}")
            }
            2 => {
                self.count(p.by).deletions += 1;
                self.count(p.by).notes += 1;
                format!("{{--old words {n}--}}{{>>{a}: a reason & <why> {n}<<}}")
            }
            3 => {
                self.count(p.by).insertions += 1;
                self.count(p.by).deletions += 1;
                format!("{{~~old {n}~>new {n}~~}}{{>>{a}<<}}")
            }
            4 => {
                self.count(p.by).deletions += 1;
                self.count(p.other).insertions += 1;
                format!("{{--outer {n} {{++inner {n}++}}{{>>{b}<<}} rest--}}{{>>{a}<<}}")
            }
            5 => {
                self.count(p.by).insertions += 1;
                self.count(p.other).co_proposals += 1;
                self.count(p.other).co_proposed[p.by] += 1;
                format!("{{++shared {n}++}}{{>>{a}<<}}{{>>{b}<<}}")
            }
            6 => {
                self.count(p.by).notes += 1;
                format!("{{==marked {n}==}}{{>>{a}: what is meant? {n}<<}}")
            }
            7 => {
                self.count(p.by).notes += 1;
                format!("{{>>{a}: a standing note {n}<<}}")
            }
            8 => {
                self.count(p.by).deletions += 1;
                self.count(p.by).insertions += 1;
                self.count(p.other).notes += 1;
                self.count(p.other).notes_on_others += 1;
                format!("{{--should--}}{{++may++}}{{>>{a}<<}}{{>>{b}: agreed {n}<<}}")
            }
            _ => {
                self.count(p.by).insertions += 1;
                self.count(p.by).notes += 1;
                format!("{{++a clause\n\nand a new paragraph {n}++}}{{>>{a}: added<<}}")
            }
        };
        self.text.push_str(&text);
        self.text.push_str(" word ");
    }
}

/// A whole body: a heading, paragraphs (some numbered, some quoted), a
/// discussion point, a table cell and a footnote with changes of their own.
pub fn body() -> impl Strategy<Value = Generated> {
    (
        prop::collection::vec(paragraph(), 1..6),
        prop::collection::vec(piece(), 1..4),
        piece(),
        piece(),
    )
        .prop_map(|(paragraphs, point, cell, note)| {
            let mut w = Writer {
                text: front_matter(),
                written: BTreeMap::new(),
            };
            let mut n = 0;
            w.text.push_str("# Heading\n\n");
            for (start, pieces) in paragraphs {
                w.text.push_str(["", "#. ", "> "][start as usize]);
                w.text.push_str("Start ");
                for p in pieces {
                    n += 1;
                    // A paragraph break inside a quote would end the quote.
                    let p = if start == 2 && p.kind == 9 {
                        Piece { kind: 1, ..p }
                    } else {
                        p
                    };
                    w.piece(p, n);
                }
                w.text.push_str("end.\n\n");
            }
            w.text.push_str("::: point 1\nPoint text ");
            for p in point {
                n += 1;
                w.piece(p, n);
            }
            w.text.push_str("with a note.[^1]\n:::\n\n");
            // One line per table cell, a footnote in one paragraph: no
            // paragraph breaks inside either.
            let flat = |p: Piece| {
                if p.kind == 9 {
                    Piece { kind: 1, ..p }
                } else {
                    p
                }
            };
            w.text.push_str("| a | b |\n| --- | --- |\n| ");
            n += 1;
            w.piece(flat(cell), n);
            w.text.push_str("| y |\n\n[^1]: The note ");
            n += 1;
            w.piece(flat(note), n);
            w.text.push_str("ends.\n");
            Generated {
                text: w.text,
                written: w.written,
            }
        })
}
