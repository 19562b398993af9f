//! A DOCX rendered by rapporteur: the stored structure
//! ([`crate::ooxml::provenance::Overlay`]) laid over the words the file holds.
//! Any mismatch (the file was edited since) is an error, and the caller
//! reads the file as any Word file instead.

use super::stories::Raw;
use super::wml::{Item, Para, RawBlock, Revision, RevisionRefs};
use crate::model::*;
use crate::ooxml::provenance::Overlay;
use crate::ooxml::style::ParagraphStyle;
use std::collections::HashSet;

type Result<T> = std::result::Result<T, String>;

/// One character of a paragraph's text, or a footnote mark.
#[derive(Clone, Copy)]
enum Unit<'a> {
    Char {
        c: char,
        style: Style,
        revs: RevisionRefs,
    },
    /// A footnote mark: a real reference has the footnote's id.
    Mark {
        revs: RevisionRefs,
        id: Option<&'a str>,
    },
}

/// The body as the overlay walks it: paragraphs, and tables as cells.
enum BodyItem<'a> {
    Para(&'a Para),
    TableStart,
    Cell(Vec<&'a Para>),
    TableEnd,
}

pub fn build(raw: &Raw, overlay: &Overlay) -> Result<Document> {
    let front = crate::read::source::parse("structure", &format!("+++\n{}+++\n", overlay.front))
        .map_err(|e| e.short())?;
    let mut doc = front;
    let authors = doc.authors.len();
    let mut model = crate::model::Builder::restore(
        changes(overlay, authors)?,
        groups(overlay, authors, overlay.note_texts.len())?,
        notes(overlay, authors, overlay.groups.len())?,
        authors,
    )
    .map_err(|e| e.to_string())?;
    let pieces = pieces(&raw.body.blocks);
    let mut builder = OverlayReader {
        pieces: pieces.into_iter(),
        footnote_ids: Vec::new(),
        changes: overlay.changes.len(),
        groups: overlay.groups.len(),
        notes: overlay.notes.len(),
        after_paragraph: true,
        written: Written::of(&raw.body.blocks, &raw.body.revisions),
    };
    let mut entries = overlay.blocks.iter().map(String::as_str);
    doc.blocks = builder.blocks(&mut entries, false)?;
    if builder.pieces.next().is_some() {
        return Err("the file has more paragraphs than the structure".into());
    }
    let mut number = 0;
    for (k, entry) in overlay.footnotes.iter().enumerate() {
        let id = builder
            .footnote_ids
            .get(k)
            .cloned()
            .ok_or("a footnote is never referenced")?;
        let story = raw.footnotes.get(&id).ok_or("a footnote is missing")?;
        let para = match story.blocks.as_slice() {
            [RawBlock::Para(p)] => p,
            _ => return Err("a footnote is not one paragraph".into()),
        };
        let (head, tokens) = entry.split_once('|').ok_or("bad footnote entry")?;
        let mark = match head.strip_prefix("s ") {
            Some(symbol) => FootnoteMark::Symbol(symbol.to_string()),
            None => {
                number += 1;
                FootnoteMark::Number(number)
            }
        };
        let mut units = units(para, false);
        // The note's own mark (and the tab after it) opens its paragraph.
        let lead = units
            .iter()
            .take_while(|u| matches!(u, Unit::Mark { .. } | Unit::Char { c: '\t', .. }))
            .count();
        units.drain(..lead);
        let (content, _) = builder.inlines(&units, tokens)?;
        if content
            .iter()
            .any(|i| matches!(i, Inline::FootnoteRef { .. }))
        {
            return Err("a footnote refers to a footnote".into());
        }
        let note = model.footnote(&id);
        if note != FootnoteId(k) {
            return Err("footnotes out of order".into());
        }
        model.define_footnote(note, mark, content);
    }
    if overlay.footnotes.len() != builder.footnote_ids.len() {
        return Err("footnote count differs".into());
    }
    model.put_into(&mut doc);
    Ok(doc)
}

fn number(s: &str) -> Result<usize> {
    s.parse().map_err(|_| format!("not a number: {s}"))
}

fn checked(s: &str, len: usize) -> Result<usize> {
    let n = number(s)?;
    if n < len {
        Ok(n)
    } else {
        Err(format!("index {n} out of range"))
    }
}

fn changes(o: &Overlay, authors: usize) -> Result<Vec<Change>> {
    let n = o.changes.len();
    o.changes
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let f: Vec<&str> = line.split(' ').collect();
            let [kind, author, group, parent] = f.as_slice() else {
                return Err(format!("bad change: {line}"));
            };
            Ok(Change {
                kind: if *kind == "i" {
                    ChangeKind::Insertion
                } else {
                    ChangeKind::Deletion
                },
                author: AuthorId(checked(author, authors)?),
                group: GroupId(checked(group, o.groups.len())?),
                parent: match *parent {
                    "-" => None,
                    // A change nests in an earlier one: no cycles.
                    p => Some(ChangeId(checked(p, i.min(n))?)),
                },
            })
        })
        .collect()
}

fn groups(o: &Overlay, authors: usize, notes: usize) -> Result<Vec<Vec<Attribution>>> {
    let mut groups = Vec::with_capacity(o.groups.len());
    for line in &o.groups {
        let mut attributions = Vec::new();
        for part in line.split(' ').filter(|p| !p.is_empty()) {
            let (author, note) = part.split_once(':').ok_or("bad attribution")?;
            attributions.push(Attribution {
                author: AuthorId(checked(author, authors)?),
                note: match note {
                    "-" => None,
                    n => Some(NoteId(checked(n, notes)?)),
                },
            });
        }
        if attributions.is_empty() {
            return Err("a group without attribution".into());
        }
        groups.push(attributions);
    }
    Ok(groups)
}

fn notes(o: &Overlay, authors: usize, groups: usize) -> Result<Vec<Note>> {
    if o.notes.len() != o.note_texts.len() {
        return Err("note texts missing".into());
    }
    o.notes
        .iter()
        .zip(&o.note_texts)
        .map(|(line, text)| {
            let f: Vec<&str> = line.split(' ').collect();
            let (kind, author) = match f.as_slice() {
                ["r", a, g] => (NoteKind::Reason(GroupId(checked(g, groups)?)), a),
                ["s", a] => (NoteKind::Standing, a),
                ["p", a] => (NoteKind::Span, a),
                _ => return Err(format!("bad note: {line}")),
            };
            Ok(Note {
                author: AuthorId(checked(author, authors)?),
                text: text.clone(),
                kind,
            })
        })
        .collect()
}

fn pieces(blocks: &[RawBlock]) -> Vec<BodyItem<'_>> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            // The rule under the text, drawn by a paragraph of its own.
            RawBlock::Para(p) if p.style.as_deref() == Some(ParagraphStyle::EndRule.id()) => {}
            RawBlock::Para(p) => out.push(BodyItem::Para(p)),
            RawBlock::Table(rows) => {
                out.push(BodyItem::TableStart);
                // A cell a vertical merge goes on over is the merged
                // cell's: rapporteur writes it empty.
                for cell in rows.iter().flatten() {
                    if cell.merge != super::wml::VMerge::Continue {
                        out.push(BodyItem::Cell(cell.paras.iter().collect()));
                    }
                }
                out.push(BodyItem::TableEnd);
            }
        }
    }
    out
}

/// A paragraph's text as units; `label` drops the label run (`I.`, `(a)`,
/// `1.` and its tab) that rapporteur writes before the text.
fn units(p: &Para, label: bool) -> Vec<Unit<'_>> {
    let mut out = Vec::new();
    for item in &p.items {
        match item {
            Item::Text {
                text,
                bold,
                italic,
                revs,
            } => {
                let style = Style {
                    bold: *bold,
                    italic: *italic,
                };
                out.extend(text.chars().map(|c| Unit::Char {
                    c,
                    style,
                    revs: *revs,
                }));
            }
            Item::FootnoteRef { revs, id, .. } => out.push(Unit::Mark {
                revs: *revs,
                id: Some(id),
            }),
            Item::MarkText { revs, .. } => out.push(Unit::Mark {
                revs: *revs,
                id: None,
            }),
            _ => {}
        }
    }
    if label {
        let tab = out
            .iter()
            .position(|u| matches!(u, Unit::Char { c: '\t', .. }));
        if let Some(at) = tab {
            out.drain(..=at);
        }
    }
    out
}

/// A token's revision: `i3d4` after its head.
fn token_rev(s: &str, changes: usize) -> Result<Rev> {
    let mut rev = Rev::NONE;
    let (before_d, d) = match s.split_once('d') {
        Some((a, d)) => (a, Some(d)),
        None => (s, None),
    };
    if let Some(i) = before_d.strip_prefix('i') {
        rev.ins = Some(ChangeId(checked(i, changes)?));
    } else if !before_d.is_empty() {
        return Err(format!("bad revision {s}"));
    }
    if let Some(d) = d {
        rev.del = Some(ChangeId(checked(d, changes)?));
    }
    Ok(rev)
}

/// Puts back a space the writer moved to the end of the text before it
/// (`b`), with its own revision. (`c`, the start of the text after,
/// waits for it; `s`, a run of its own, was put back where its `w`
/// stands; `a`, added, is not the document's.)
fn space_at_end(out: &mut Vec<Inline>, style: Style, rev: Rev) {
    let last = out.iter_mut().rev().find_map(|i| match i {
        Inline::Text(run) => Some(run),
        _ => None,
    });
    match last {
        Some(run) if run.style == style && run.rev == rev => run.text.push(' '),
        _ => out.push(Inline::Text(Run {
            text: " ".into(),
            style,
            rev,
        })),
    }
}

/// A `w` token's space: `w`, its style (bold 2, italic 1), its revision.
fn anchored_space(rest: &str, changes: usize) -> Result<Inline> {
    let (style, rev) = rest.split_at_checked(1).ok_or("bad space token")?;
    let style = number(style)?;
    Ok(Inline::Text(Run {
        text: " ".into(),
        style: Style {
            bold: style & 2 != 0,
            italic: style & 1 != 0,
        },
        rev: token_rev(rev, changes)?,
    }))
}

/// The unit an `a`, `b`, `c` or `s` token takes (`rest`: the revision in
/// the DOCX, `/`, the document's): a space with that revision. Its style
/// and the document's revision.
fn moved_space(unit: Option<&Unit>, rest: &str, changes: usize) -> Result<(Style, Rev)> {
    let (docx, own) = rest.split_once('/').ok_or("bad space token")?;
    let rev = token_rev(docx, changes)?;
    let own = token_rev(own, changes)?;
    let Some(&Unit::Char {
        c: ' ',
        style,
        revs,
    }) = unit
    else {
        return Err("no space where the structure has one".into());
    };
    if !same_presence(revs, rev) {
        return Err("revisions differ from the structure".into());
    }
    Ok((style, own))
}

fn same_presence(revs: RevisionRefs, rev: Rev) -> bool {
    revs.ins.is_some() == rev.ins.is_some() && revs.del.is_some() == rev.del.is_some()
}

/// A table entry's column alignments: `l`, `c`, `r` or anything else
/// for the default, `-` standing for none.
fn column_aligns(aligns: &str) -> Vec<Align> {
    aligns
        .chars()
        .filter(|c| *c != '-')
        .map(|c| match c {
            'l' => Align::Left,
            'c' => Align::Center,
            'r' => Align::Right,
            _ => Align::Default,
        })
        .collect()
}

/// Lays the stored structure over the file's paragraphs, one body item at a
/// time, building the document through the model's builder.
struct OverlayReader<'a> {
    pieces: std::vec::IntoIter<BodyItem<'a>>,
    /// DOCX ids of the footnotes, in order of first reference.
    footnote_ids: Vec<String>,
    changes: usize,
    groups: usize,
    notes: usize,
    /// The last piece taken was a paragraph (the masthead ends with one).
    after_paragraph: bool,
    /// The body's revisions, and those its text sits in ([`Written`]).
    written: Written<'a>,
}

/// The revisions rapporteur wrote, as a paragraph mark may carry them:
/// the DOCX writer gives a wholly deleted (inserted) paragraph's mark, or
/// the mark before it, the revision of its last word, where the structure
/// gives the mark none. A mark revision not in the text's is an edit made
/// since (a delegate joining or splitting paragraphs).
struct Written<'a> {
    revisions: &'a [Revision],
    in_text: HashSet<(bool, &'a str, Option<&'a str>)>,
}

impl<'a> Written<'a> {
    fn of(blocks: &'a [RawBlock], revisions: &'a [Revision]) -> Self {
        fn paras(blocks: &[RawBlock]) -> impl Iterator<Item = &Para> {
            blocks.iter().flat_map(|b| match b {
                RawBlock::Para(p) => vec![p],
                RawBlock::Table(rows) => super::wml::table_paras(rows).collect(),
            })
        }
        let key = |i: usize| {
            let r = &revisions[i];
            (
                r.kind == ChangeKind::Insertion,
                r.author.as_str(),
                r.date.as_deref(),
            )
        };
        let in_text = paras(blocks)
            .flat_map(|p| &p.items)
            .filter_map(|item| match item {
                Item::Text { revs, .. }
                | Item::FootnoteRef { revs, .. }
                | Item::MarkText { revs, .. } => Some(*revs),
                _ => None,
            })
            .flat_map(|r| [r.ins, r.del].into_iter().flatten())
            .filter(|&i| i < revisions.len())
            .map(key)
            .collect();
        Written { revisions, in_text }
    }

    /// Whether the file's mark revisions `file` can be what the writer
    /// wrote for a mark the structure gives `rev`.
    fn mark_as_written(&self, file: RevisionRefs, rev: Rev) -> bool {
        let known = |i: Option<usize>| {
            i.is_none_or(|i| {
                self.revisions.get(i).is_some_and(|r| {
                    self.in_text.contains(&(
                        r.kind == ChangeKind::Insertion,
                        r.author.as_str(),
                        r.date.as_deref(),
                    ))
                })
            })
        };
        (rev.ins.is_some() || known(file.ins)) && (rev.del.is_some() || known(file.del))
    }
}

/// A paragraph of standing notes alone: the DOCX writer ends the
/// paragraph before with its comments instead of writing it (an empty
/// paragraph would stay after Accept All), when a paragraph precedes it.
fn folded_into_previous(tokens: &str) -> bool {
    let mut tokens = tokens.split(' ').filter(|t| !t.is_empty()).peekable();
    tokens.peek().is_some() && tokens.all(|t| t.starts_with('N'))
}

impl<'a> OverlayReader<'a> {
    fn para(&mut self) -> Result<&'a Para> {
        match self.pieces.next() {
            Some(BodyItem::Para(p)) => {
                self.after_paragraph = true;
                Ok(p)
            }
            _ => Err("expected a paragraph".into()),
        }
    }

    fn blocks<'e>(
        &mut self,
        entries: &mut impl Iterator<Item = &'e str>,
        nested: bool,
    ) -> Result<Vec<Block>> {
        let mut out = Vec::new();
        while let Some(entry) = entries.next() {
            let (head, tokens) = entry.split_once('|').unwrap_or((entry, ""));
            let f: Vec<&str> = head.split(' ').collect();
            let block = match f.as_slice() {
                ["/"] if nested => return Ok(out),
                ["P", n] => {
                    self.para()?;
                    let number = number(n)? as u32;
                    Block::Point(Point {
                        number,
                        blocks: self.blocks(entries, true)?,
                    })
                }
                ["S"] => Block::Statement(self.blocks(entries, true)?),
                ["Q"] => Block::Quote(self.blocks(entries, true)?),
                ["T", aligns, header, columns] => self.table(entries, aligns, header, columns)?,
                ["U", aligns] => self.spanned_table(entries, aligns)?,
                ["h", level, num] => {
                    let p = self.para()?;
                    let (content, mark) = self.para_inlines(p, *num != "-", tokens)?;
                    Block::Heading(Heading {
                        level: number(level)? as u8,
                        number: (*num != "-").then(|| num.to_string()),
                        content,
                        mark,
                    })
                }
                [kind, rest @ ..] => {
                    let kind = match (*kind, rest) {
                        ("p", []) => ParagraphKind::Plain,
                        ("n", [n]) => ParagraphKind::Numbered(number(n)? as u32),
                        ("l", [n]) => ParagraphKind::ListItem(number(n)? as u32),
                        ("s", [level, label]) => ParagraphKind::Sub {
                            level: number(level)? as u8,
                            label: label.to_string(),
                        },
                        ("L", fields) => {
                            list_kind(fields).ok_or_else(|| format!("bad list entry {head}"))?
                        }
                        _ => return Err(format!("bad block entry {head}")),
                    };
                    let (content, mark) = if kind == ParagraphKind::Plain
                        && self.after_paragraph
                        && folded_into_previous(tokens)
                    {
                        self.inlines(&[], tokens)?
                    } else {
                        let p = self.para()?;
                        // Word numbers these itself: no label run.
                        let label = !matches!(
                            kind,
                            ParagraphKind::Plain
                                | ParagraphKind::Numbered(_)
                                | ParagraphKind::List(_)
                        );
                        self.para_inlines(p, label, tokens)?
                    };
                    Block::Paragraph(Paragraph {
                        kind,
                        content,
                        mark,
                    })
                }
                [] => return Err("empty block entry".into()),
            };
            out.push(block);
        }
        if nested {
            return Err("a container is not closed".into());
        }
        Ok(out)
    }

    fn table<'e>(
        &mut self,
        entries: &mut impl Iterator<Item = &'e str>,
        aligns: &str,
        header: &str,
        columns: &str,
    ) -> Result<Block> {
        let align = column_aligns(aligns);
        let columns = number(columns)?.max(1);
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        let mut row: Vec<Cell> = Vec::new();
        let mut cells_in_row = 0;
        let mut started = false;
        for entry in entries.by_ref() {
            if entry == "/" {
                break;
            }
            if !started {
                match self.pieces.next() {
                    Some(BodyItem::TableStart) => started = true,
                    _ => return Err("expected a table".into()),
                }
            }
            let Some(BodyItem::Cell(paras)) = self.pieces.next() else {
                return Err("expected a table cell".into());
            };
            if let Some(tokens) = entry.strip_prefix("c|") {
                let units: Vec<Unit> = paras.iter().flat_map(|p| units(p, false)).collect();
                row.push(Cell::of(self.inlines(&units, tokens)?.0));
            }
            cells_in_row += 1;
            if cells_in_row == columns {
                rows.push(std::mem::take(&mut row));
                cells_in_row = 0;
            }
        }
        self.after_paragraph = false;
        if started && !matches!(self.pieces.next(), Some(BodyItem::TableEnd)) {
            return Err("the table has more cells than the structure".into());
        }
        let header = if header == "1" && !rows.is_empty() {
            rows.remove(0)
        } else {
            Vec::new()
        };
        Ok(Block::Table(Table {
            align,
            header,
            rows,
        }))
    }

    /// A table of [`crate::ooxml::provenance`]'s `U` entries: each cell a `w:tc`
    /// of the DOCX (a vertical merge's later cells left out), each `p|`
    /// one of its paragraphs.
    fn spanned_table<'e>(
        &mut self,
        entries: &mut impl Iterator<Item = &'e str>,
        aligns: &str,
    ) -> Result<Block> {
        let align = column_aligns(aligns);
        if !matches!(self.pieces.next(), Some(BodyItem::TableStart)) {
            return Err("expected a table".into());
        }
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        let mut paras: Vec<&Para> = Vec::new();
        for entry in entries.by_ref() {
            let (head, tokens) = entry.split_once('|').unwrap_or((entry, ""));
            let f: Vec<&str> = head.split(' ').collect();
            match f.as_slice() {
                ["/"] => break,
                ["R"] => rows.push(Vec::new()),
                ["C", colspan, rowspan] => {
                    let Some(BodyItem::Cell(cell)) = self.pieces.next() else {
                        return Err("expected a table cell".into());
                    };
                    paras = cell;
                    paras.reverse();
                    let row = rows.last_mut().ok_or("a cell before its row")?;
                    row.push(Cell {
                        paragraphs: Vec::new(),
                        colspan: number(colspan)?.clamp(1, 64),
                        rowspan: number(rowspan)?.max(1),
                    });
                }
                ["p"] => {
                    let p = paras
                        .pop()
                        .ok_or("a cell has fewer paragraphs than the structure")?;
                    let (content, mark) = self.para_inlines(p, false, tokens)?;
                    let cell = rows
                        .last_mut()
                        .and_then(|r| r.last_mut())
                        .ok_or("a paragraph before its cell")?;
                    cell.paragraphs.push(CellParagraph { content, mark });
                }
                _ => return Err(format!("bad table entry: {entry}")),
            }
        }
        self.after_paragraph = false;
        if !matches!(self.pieces.next(), Some(BodyItem::TableEnd)) {
            return Err("the table has more cells than the structure".into());
        }
        if rows.iter().flatten().any(|c| c.paragraphs.is_empty()) {
            return Err("a table cell without paragraphs".into());
        }
        let mut rows = rows.into_iter();
        let header = rows.next().unwrap_or_default();
        Ok(Block::Table(Table {
            align,
            header,
            rows: rows.collect(),
        }))
    }

    /// Lays a paragraph's tokens over its text; its mark may carry only
    /// revisions rapporteur wrote (a mark deleted in Word since, joining
    /// two paragraphs, is an edit: the file is read as any Word file).
    fn para_inlines(&mut self, p: &Para, label: bool, tokens: &str) -> Result<(Vec<Inline>, Rev)> {
        let (content, mark) = self.inlines(&units(p, label), tokens)?;
        if !self.written.mark_as_written(p.mark, mark) {
            return Err("a paragraph mark was changed since the file was rendered".into());
        }
        Ok((content, mark))
    }

    /// Lays a paragraph's tokens over its units: returns its inlines and
    /// its mark's revision.
    fn inlines(&mut self, units: &[Unit], tokens: &str) -> Result<(Vec<Inline>, Rev)> {
        let mut out: Vec<Inline> = Vec::new();
        let mut mark = Rev::NONE;
        let mut at = 0;
        // A moved space (`c`) waiting for the text it starts.
        let mut starts_next: Option<(Style, Rev)> = None;
        for token in tokens.split(' ').filter(|t| !t.is_empty()) {
            // The kind is one ASCII letter; anything else is a damaged structure.
            let Some((head, rest)) = token.split_at_checked(1) else {
                return Err("a token that does not start with its kind".into());
            };
            match head {
                "t" => {
                    let digits = rest.find(['i', 'd']).unwrap_or(rest.len());
                    let len = number(&rest[..digits])?;
                    let rev = token_rev(&rest[digits..], self.changes)?;
                    let end = at + len;
                    if end > units.len() {
                        return Err("the text is shorter than the structure".into());
                    }
                    // Runs of one token stay apart from the previous token's;
                    // a moved space that starts this token's run (`c`) is
                    // the token's.
                    let token_start = out.len();
                    if let Some((style, rev)) = starts_next.take() {
                        out.push(Inline::Text(Run {
                            text: " ".into(),
                            style,
                            rev,
                        }));
                    }
                    for u in &units[at..end] {
                        let Unit::Char { c, style, revs } = *u else {
                            return Err("a footnote mark where text was".into());
                        };
                        if !same_presence(revs, rev) {
                            return Err("revisions differ from the structure".into());
                        }
                        let joins = out.len() > token_start;
                        match out.last_mut() {
                            Some(Inline::Text(run))
                                if joins && run.style == style && run.rev == rev =>
                            {
                                run.text.push(c)
                            }
                            _ => out.push(Inline::Text(Run {
                                text: c.to_string(),
                                style,
                                rev,
                            })),
                        }
                    }
                    at = end;
                }
                "f" => {
                    let digits = rest.find(['i', 'd']).unwrap_or(rest.len());
                    let note = number(&rest[..digits])?;
                    let rev = token_rev(&rest[digits..], self.changes)?;
                    let Some(Unit::Mark { revs, id }) = units.get(at) else {
                        return Err("no footnote mark where the structure has one".into());
                    };
                    if !same_presence(*revs, rev) {
                        return Err("revisions differ from the structure".into());
                    }
                    self.reference(note, *id)?;
                    out.push(Inline::FootnoteRef {
                        note: FootnoteId(note),
                        rev,
                    });
                    at += 1;
                }
                "w" => {
                    // A one-space run of the document, set elsewhere in
                    // the DOCX (its `s` token takes that character).
                    out.push(anchored_space(rest, self.changes)?);
                }
                "a" | "b" | "c" | "s" => {
                    // A space the writer moved into a change beside it, or
                    // added (`spacing::word_spaces`): Word has it in that
                    // change; the document as the structure says.
                    let (style, own) = moved_space(units.get(at), rest, self.changes)?;
                    at += 1;
                    match head {
                        // It starts the next text token's run.
                        "c" => starts_next = Some((style, own)),
                        "b" => space_at_end(&mut out, style, own),
                        _ => {}
                    }
                }
                "m" => mark = token_rev(rest, self.changes)?,
                "G" => out.push(Inline::GroupStart(GroupId(checked(rest, self.groups)?))),
                "E" => out.push(Inline::GroupEnd(GroupId(checked(rest, self.groups)?))),
                "N" => out.push(Inline::StandingNote(NoteId(checked(rest, self.notes)?))),
                "S" => out.push(Inline::SpanStart(NoteId(checked(rest, self.notes)?))),
                "Z" => out.push(Inline::SpanEnd(NoteId(checked(rest, self.notes)?))),
                _ => return Err(format!("bad token {token}")),
            }
        }
        if at != units.len() {
            return Err("the text is longer than the structure".into());
        }
        Ok((out, mark))
    }

    /// Notes the DOCX footnote a first reference points at.
    fn reference(&mut self, note: usize, id: Option<&str>) -> Result<()> {
        if note < self.footnote_ids.len() {
            return Ok(());
        }
        match id {
            Some(id) if note == self.footnote_ids.len() => {
                self.footnote_ids.push(id.to_string());
                Ok(())
            }
            _ => Err("footnotes out of order".into()),
        }
    }
}

/// A list item from its block entry (`provenance::list_entry`).
fn list_kind(fields: &[&str]) -> Option<ParagraphKind> {
    let level: u8 = fields.first()?.parse().ok()?;
    let label = match fields[1..] {
        ["b", bullet] => {
            let mut chars = bullet.chars();
            let c = chars.next().filter(|c| BULLETS.contains(c))?;
            chars.next().is_none().then_some(ListLabel::Bullet(c))?
        }
        [style, form, number] => ListLabel::Number {
            style: match style {
                "1" => NumberStyle::Decimal,
                "a" => NumberStyle::LowerLetter,
                "A" => NumberStyle::UpperLetter,
                "i" => NumberStyle::LowerRoman,
                "I" => NumberStyle::UpperRoman,
                _ => return None,
            },
            form: match form {
                "()" => LabelForm::Parens,
                ")" => LabelForm::Paren,
                "." => LabelForm::Period,
                _ => return None,
            },
            number: number.parse().ok().filter(|&n| n > 0)?,
        },
        _ => return None,
    };
    let item = ListItem { level, label };
    // Only what the writer writes: a kept item, not one made another kind.
    (item.kind() == ParagraphKind::List(item)).then_some(ParagraphKind::List(item))
}
