//! A document as one stream of tokens (words, spaces, single signs,
//! footnote references and breaks) in reading order, with every token's
//! style and revision state, and the markers (group starts and ends,
//! notes) between them. This is what copies are aligned on.

use crate::model::*;

/// A place in the base's tokens, ordered as the text runs: the gap before
/// token `i`, then token `i`, then the gap before token `i + 1`. A change
/// covers tokens and an insertion stands in a gap; one order for both is
/// what finds two States' changes overlapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct At(usize);

impl At {
    /// The start of the text.
    pub const START: At = At(0);

    /// The gap before base token `i` (where an insertion stands).
    pub fn gap(i: usize) -> At {
        At(2 * i)
    }

    /// Base token `i`.
    pub fn token(i: usize) -> At {
        At(2 * i + 1)
    }

    /// The place right after this one: a change ending on a token reaches
    /// the gap after it.
    pub fn next(self) -> At {
        At(self.0 + 1)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Space,
    Sign,
    Footnote(FootnoteId),
    /// The end of a segment: its paragraph mark.
    Break,
    /// Structure that is never edited: a point's heading, the start of
    /// the footnotes, the end of a point or statement.
    Fixed,
}

/// What alignment compares of a token: its text, or what it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Key {
    /// A word, a run of white space, a sign.
    Text(String),
    /// A footnote reference.
    Footnote,
    /// A segment's end.
    End(End),
    /// Structure that is never edited.
    Fixed(Fixed),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum End {
    Paragraph,
    Cell,
    Footnote,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Fixed {
    /// Where the footnotes start.
    Footnotes,
    /// A point's heading: its label and number ("Discussion point 3").
    Point(String),
    Statement,
    /// The end of a point or statement.
    End,
}

#[derive(Debug, Clone)]
pub(crate) struct Tok {
    /// What alignment compares.
    pub key: Key,
    pub kind: TokKind,
    pub style: Style,
    pub rev: Rev,
    pub seg: usize,
}

impl Tok {
    pub fn is_space(&self) -> bool {
        self.kind == TokKind::Space
    }

    /// Its text: empty for a footnote reference, a break or structure.
    pub fn text(&self) -> &str {
        match &self.key {
            Key::Text(text) => text,
            _ => "",
        }
    }
}

/// What a segment is, which decides what may happen to its breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Heading,
    /// A paragraph outside quotes: may be split and joined.
    Paragraph,
    QuoteParagraph,
    Cell,
    Footnote(FootnoteId),
    Fixed,
}

#[derive(Debug, Clone)]
pub(crate) enum Item {
    Tok(usize),
    Anchor(Inline),
}

/// One inline sequence: a heading, a paragraph, a table cell, a footnote.
#[derive(Debug, Clone)]
pub(crate) struct Segment {
    pub place: Place,
    pub items: Vec<Item>,
    pub mark: Rev,
    /// Its break token (every segment ends with one).
    pub end: usize,
    /// "paragraph 12", "point 5": where it is, for the report.
    pub label: String,
    /// A body paragraph's kind (numbered, a list item, …).
    pub kind: Option<ParagraphKind>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Flat {
    pub toks: Vec<Tok>,
    pub segs: Vec<Segment>,
    /// Per unit (source block): its segments.
    pub units: Vec<std::ops::Range<usize>>,
}

/// Flatten a document: body blocks, then footnotes.
pub(crate) fn flatten(doc: &Document) -> Flat {
    let mut f = Flattener {
        flat: Flat::default(),
        doc,
        label: String::new(),
    };
    f.blocks(&doc.blocks);
    f.fixed(Fixed::Footnotes);
    for (i, footnote) in doc.footnotes.iter().enumerate() {
        let id = FootnoteId(i);
        f.label = format!("footnote {}", footnote.mark);
        f.segment(&footnote.content, Rev::NONE, Place::Footnote(id));
    }
    f.flat
}

struct Flattener<'a> {
    flat: Flat,
    doc: &'a Document,
    /// Where the walk is: the label of the segments it makes.
    label: String,
}

impl Flattener<'_> {
    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Heading(h) => {
                    self.label = format!("heading “{}”", plain(&h.content, 6));
                    let unit = self.unit_start();
                    self.segment(&h.content, h.mark, Place::Heading);
                    self.unit_end(unit);
                }
                Block::Paragraph(p) => {
                    if let ParagraphKind::Numbered(n) = p.kind {
                        self.label = format!("paragraph {n}");
                    }
                    let unit = self.unit_start();
                    self.segment(&p.content, p.mark, Place::Paragraph);
                    if let Some(seg) = self.flat.segs.last_mut() {
                        seg.kind = Some(p.kind.clone());
                    }
                    self.unit_end(unit);
                }
                Block::Point(p) => {
                    let label = format!("point {}", p.number);
                    let heading = format!("{} {}", self.doc.meta.point_label, p.number);
                    self.fixed(Fixed::Point(heading));
                    self.label = label;
                    self.blocks(&p.blocks);
                    self.fixed(Fixed::End);
                }
                Block::Statement(b) => {
                    self.fixed(Fixed::Statement);
                    self.blocks(b);
                    self.fixed(Fixed::End);
                }
                Block::Quote(b) => {
                    let unit = self.unit_start();
                    for block in b {
                        if let Block::Paragraph(p) = block {
                            self.segment(&p.content, p.mark, Place::QuoteParagraph);
                        }
                    }
                    self.unit_end(unit);
                }
                Block::Table(t) => {
                    let unit = self.unit_start();
                    for cell in t.header.iter().chain(t.rows.iter().flatten()) {
                        for p in &cell.paragraphs {
                            self.segment(&p.content, p.mark, Place::Cell);
                        }
                    }
                    self.unit_end(unit);
                }
            }
        }
    }

    fn unit_start(&mut self) -> usize {
        let n = self.flat.segs.len();
        self.flat.units.push(n..n);
        self.flat.units.len() - 1
    }

    fn unit_end(&mut self, unit: usize) {
        self.flat.units[unit].end = self.flat.segs.len();
    }

    fn fixed(&mut self, key: Fixed) {
        let seg = self.flat.segs.len();
        self.flat.toks.push(Tok {
            key: Key::Fixed(key),
            kind: TokKind::Fixed,
            style: Style::default(),
            rev: Rev::NONE,
            seg,
        });
        self.flat.segs.push(Segment {
            place: Place::Fixed,
            items: Vec::new(),
            mark: Rev::NONE,
            end: self.flat.toks.len() - 1,
            label: self.label.clone(),
            kind: None,
        });
    }

    fn segment(&mut self, inlines: &[Inline], mark: Rev, place: Place) {
        let seg = self.flat.segs.len();
        let mut items = Vec::new();
        for inline in inlines {
            match inline {
                Inline::Text(run) => {
                    for (key, kind) in tokens(&run.text) {
                        items.push(Item::Tok(self.flat.toks.len()));
                        self.flat.toks.push(Tok {
                            key: Key::Text(key),
                            kind,
                            style: run.style,
                            rev: run.rev,
                            seg,
                        });
                    }
                }
                Inline::FootnoteRef { note, rev } => {
                    items.push(Item::Tok(self.flat.toks.len()));
                    self.flat.toks.push(Tok {
                        key: Key::Footnote,
                        kind: TokKind::Footnote(*note),
                        style: Style::default(),
                        rev: *rev,
                        seg,
                    });
                }
                other => items.push(Item::Anchor(other.clone())),
            }
        }
        let end = match place {
            Place::Cell => End::Cell,
            Place::Footnote(_) => End::Footnote,
            _ => End::Paragraph,
        };
        self.flat.toks.push(Tok {
            key: Key::End(end),
            kind: TokKind::Break,
            style: Style::default(),
            rev: mark,
            seg,
        });
        self.flat.segs.push(Segment {
            place,
            items,
            mark,
            end: self.flat.toks.len() - 1,
            label: self.label.clone(),
            kind: None,
        });
    }
}

/// Words, runs of white space and single other signs.
pub(crate) fn tokens(text: &str) -> Vec<(String, TokKind)> {
    let mut out: Vec<(String, TokKind)> = Vec::new();
    for c in text.chars() {
        let kind = if c.is_alphanumeric() {
            TokKind::Word
        } else if c.is_whitespace() && c != LINE_BREAK {
            TokKind::Space
        } else {
            TokKind::Sign
        };
        match out.last_mut() {
            Some((s, k)) if *k == kind && kind != TokKind::Sign => s.push(c),
            _ => out.push((c.to_string(), kind)),
        }
    }
    out
}

/// The first words of some inlines, for labels.
pub(crate) fn plain(inlines: &[Inline], words: usize) -> String {
    let text = Inline::text_of(inlines);
    let mut out: Vec<&str> = text.split_whitespace().take(words).collect();
    if text.split_whitespace().count() > words {
        out.push("…");
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_words_spaces_and_signs() {
        let t: Vec<String> = tokens("States, “firearms”  now")
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        assert_eq!(t, ["States", ",", " ", "“", "firearms", "”", "  ", "now"]);
    }
}
