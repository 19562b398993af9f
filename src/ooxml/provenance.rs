//! What a DOCX cannot hold of a document, carried beside it in the package
//! so that a DOCX rendered by rapporteur imports back to the same document.
//!
//! Word keeps text, bold and italic, and every revision's kind and author;
//! it cannot keep author codes, change groups and their attributions, which
//! change a nested one sits in, which paragraphs make a statement or a
//! discussion point, nor the front matter. The [`Overlay`] holds exactly
//! that: the document's structure without its words, as a small TOML text
//! in a custom XML part (`customXml/item1.xml`, which Word and LibreOffice
//! both keep when they save). The reader fills the words in from the DOCX
//! and checks the result against [`Overlay::check`], a hash of the
//! document's `--to md` text: a copy edited after rendering no longer
//! matches, and is read as any Word file is.
//!
//! Inline tokens (space-separated, one string per paragraph or cell):
//! `t5` five characters of text, `t5i3d4` inserted by change 3 and deleted
//! by change 4, `f2` a reference to footnote 2 (with `i`/`d` likewise),
//! `m…` the paragraph mark's revision, `G7`/`E7` group 7 starts/ends,
//! `N2` standing note 2, `S2`/`Z2` span note 2 starts/ends; `b`, `c`, `s`,
//! `a` (`bd4/` the revision in the DOCX, then the document's): a space
//! the DOCX writer moved or added, `w0d4` where a space run it moved
//! stands in the document ([`inline_tokens`]).

use crate::model::*;
use crate::present::{self, Edges, SpaceOrigin};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// The custom XML part's namespace: names the format and its version.
pub const NAMESPACE: &str = "urn:x-rapporteur:structure:1";
/// Where the part goes in the package.
pub const PART: &str = "customXml/item1.xml";

/// The structure of one document, without its words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overlay {
    pub version: u32,
    /// FNV-1a 64 (hex) of the document's `--to md` text in the `all` view:
    /// what the import must give back. Also the base's identity for a merge.
    pub check: String,
    /// The front matter (TOML, without the `+++` lines).
    pub front: String,
    /// The whole document as a source (the source writer's text): the
    /// version a returned copy was made from, for a three-way merge
    /// (docs/decisions.md, "A copy carries its ancestor"). Absent in files
    /// rendered before it was added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Per change: `i|d author group parent|-`.
    pub changes: Vec<String>,
    /// Per group: its attributions, `author:note|-`, space-separated.
    pub groups: Vec<String>,
    /// Per note: `r author group`, `s author` (standing) or `p author` (span).
    pub notes: Vec<String>,
    pub note_texts: Vec<String>,
    /// The body's blocks in order, see [`block_entries`].
    pub blocks: Vec<String>,
    /// Per footnote: `n|` or `s MARK|`, then its inline tokens.
    pub footnotes: Vec<String>,
}

/// FNV-1a, 64 bits: a stable fingerprint (not a defence: the part is as
/// trusted as the document that carries it).
pub fn fingerprint(text: &str) -> String {
    fingerprint_bytes(text.as_bytes())
}

/// FNV-1a 64 of some bytes (a returned file's, for the merge record).
pub fn fingerprint_bytes(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The fingerprint of a document: its `--to md` text, all changes shown.
pub fn document_fingerprint(doc: &Document) -> String {
    fingerprint(&crate::write::text::write(doc))
}

impl Overlay {
    pub fn of(doc: &Document) -> Overlay {
        let changes = doc
            .changes
            .iter()
            .map(|c| {
                let kind = match c.kind {
                    ChangeKind::Insertion => 'i',
                    ChangeKind::Deletion => 'd',
                };
                let parent = c.parent.map_or("-".into(), |p| p.0.to_string());
                format!("{kind} {} {} {parent}", c.author.0, c.group.0)
            })
            .collect();
        let groups = doc
            .groups
            .iter()
            .map(|g| {
                let parts: Vec<String> = g
                    .attributions
                    .iter()
                    .map(|a| {
                        let note = a.note.map_or("-".into(), |n| n.0.to_string());
                        format!("{}:{note}", a.author.0)
                    })
                    .collect();
                parts.join(" ")
            })
            .collect();
        let notes = doc
            .notes
            .iter()
            .map(|n| match n.kind {
                NoteKind::Reason(g) => format!("r {} {}", n.author.0, g.0),
                NoteKind::Standing => format!("s {}", n.author.0),
                NoteKind::Span => format!("p {}", n.author.0),
            })
            .collect();
        let mut blocks = Vec::new();
        block_entries(doc, &doc.blocks, &mut blocks);
        let footnotes = doc
            .footnotes
            .iter()
            .map(|f| {
                let head = match &f.mark {
                    FootnoteMark::Number(_) => "n".to_string(),
                    FootnoteMark::Symbol(s) => format!("s {s}"),
                };
                format!(
                    "{head}|{}",
                    inline_tokens(doc, &f.content, None, Edges::NONE)
                )
            })
            .collect();
        Overlay {
            version: 1,
            check: document_fingerprint(doc),
            front: crate::write::source::front_matter(&doc.meta, &doc.authors),
            source: Some(crate::write::source::write(doc)),
            changes,
            groups,
            notes,
            note_texts: doc.notes.iter().map(|n| n.text.clone()).collect(),
            blocks,
            footnotes,
        }
    }

    /// The custom XML part's bytes.
    pub fn to_xml(&self) -> Vec<u8> {
        let toml = toml::to_string(self).unwrap_or_default();
        let mut out = String::from(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
        out.push_str("\n<structure xmlns=\"");
        out.push_str(NAMESPACE);
        out.push_str("\">");
        out.push_str(&quick_xml::escape::escape(toml.as_str()));
        out.push_str("</structure>\n");
        out.into_bytes()
    }

    /// Reads the part's text content (already unescaped).
    pub fn from_toml(text: &str) -> Result<Overlay, String> {
        // The part comes from the file: refuse nesting no overlay has, before
        // a parser recurses into it.
        if nesting(text) > 32 {
            return Err("nested too deeply".into());
        }
        let overlay: Overlay = toml::from_str(text).map_err(|e| e.message().to_string())?;
        if nesting(&overlay.front) > 32 {
            return Err("front matter nested too deeply".into());
        }
        if overlay.version != 1 {
            return Err(format!("unknown structure version {}", overlay.version));
        }
        Ok(overlay)
    }
}

/// The deepest nesting of arrays and tables in a TOML text, brackets in
/// strings left out.
fn nesting(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            q @ (b'"' | b'\'') => {
                let triple = b[i..].starts_with(&[q, q, q]);
                i += if triple { 3 } else { 1 };
                while i < b.len() {
                    if q == b'"' && b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if b[i] == q && (!triple || b[i..].starts_with(&[q, q, q])) {
                        i += if triple { 2 } else { 0 };
                        break;
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    deepest
}

/// The body's blocks as entries: `h LEVEL NUMBER|-|tokens`, `p|tokens`,
/// `n N|tokens`, `s LEVEL LABEL|tokens`, `l N|tokens`; `P N`, `S`, `Q`
/// open a point, statement or quote and `/` closes it; a table is
/// `T ALIGNS HEADER COLUMNS` (aligns as `d l c r` letters, header 0 or 1)
/// followed by one `c|tokens` per cell written (`x` for a cell a short
/// row lacks) and `/`.
pub fn block_entries(doc: &Document, blocks: &[Block], out: &mut Vec<String>) {
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Heading(h) => out.push(format!(
                "h {} {}|{}",
                h.level,
                h.number.as_deref().unwrap_or("-"),
                inline_tokens(doc, &h.content, Some(h.mark), Edges::NONE)
            )),
            Block::Paragraph(p) => {
                let head = match &p.kind {
                    ParagraphKind::Plain => "p".to_string(),
                    ParagraphKind::Numbered(n) => format!("n {n}"),
                    ParagraphKind::Sub { level, label } => format!("s {level} {label}"),
                    ParagraphKind::ListItem(n) => format!("l {n}"),
                    ParagraphKind::List(item) => list_entry(item),
                };
                let edges = Edges::of_paragraph(blocks, i);
                out.push(format!(
                    "{head}|{}",
                    inline_tokens(doc, &p.content, Some(p.mark), edges)
                ));
            }
            Block::Point(p) => {
                out.push(format!("P {}", p.number));
                block_entries(doc, &p.blocks, out);
                out.push("/".into());
            }
            Block::Statement(b) | Block::Quote(b) => {
                out.push(
                    if matches!(block, Block::Statement(_)) {
                        "S"
                    } else {
                        "Q"
                    }
                    .into(),
                );
                block_entries(doc, b, out);
                out.push("/".into());
            }
            Block::Table(t) => table_entries(doc, t, out),
        }
    }
}

fn table_entries(doc: &Document, t: &Table, out: &mut Vec<String>) {
    let columns = t.columns();
    let aligns: String = t
        .align
        .iter()
        .map(|a| match a {
            Align::Default => 'd',
            Align::Left => 'l',
            Align::Center => 'c',
            Align::Right => 'r',
        })
        .collect();
    let aligns = if aligns.is_empty() {
        "-".into()
    } else {
        aligns
    };
    let header = !t.header.is_empty();
    let simple = std::iter::once(&t.header)
        .chain(&t.rows)
        .flatten()
        .all(Cell::is_simple);
    if !simple {
        return spanned_table_entries(doc, t, &aligns, out);
    }
    out.push(format!("T {aligns} {} {columns}", header as u8));
    // A table with no rows is not written (see the DOCX writer).
    let rows = std::iter::once(&t.header)
        .filter(|h| !h.is_empty())
        .chain(t.rows.iter());
    for cells in rows {
        for c in 0..columns {
            match cells.get(c) {
                Some(cell) => out.push(format!(
                    "c|{}",
                    inline_tokens(doc, &cell.paragraphs[0].content, None, Edges::NONE)
                )),
                None => out.push("x".into()),
            }
        }
    }
    out.push("/".into());
}

/// A list item's block entry: `L 2 b •` for a bullet, `L 1 a ) 3` for
/// `c)` (style `1 a A i I`, form `() ) .`, number).
fn list_entry(item: &ListItem) -> String {
    match item.label {
        ListLabel::Bullet(c) => format!("L {} b {c}", item.level),
        ListLabel::Number {
            style,
            form,
            number,
        } => {
            // The style's first number: 1, a, A, i, I.
            let style = style.format(1);
            let form = match form {
                LabelForm::Parens => "()",
                LabelForm::Paren => ")",
                LabelForm::Period => ".",
            };
            format!("L {} {style} {form} {number}", item.level)
        }
    }
}

/// A table with cells of several paragraphs or spans: `U aligns`, then
/// per row (the header first) `R`, per cell `C colspan rowspan` and per
/// paragraph `p|` and its tokens (its mark's revision with them), `/`.
fn spanned_table_entries(doc: &Document, t: &Table, aligns: &str, out: &mut Vec<String>) {
    out.push(format!("U {aligns}"));
    for row in std::iter::once(&t.header).chain(&t.rows) {
        out.push("R".into());
        for cell in row {
            out.push(format!("C {} {}", cell.colspan, cell.rowspan));
            let mut before = Rev::NONE;
            for p in &cell.paragraphs {
                let edges = Edges {
                    before,
                    after: p.mark,
                    next: [None, None],
                };
                before = p.mark;
                out.push(format!(
                    "p|{}",
                    inline_tokens(doc, &p.content, Some(p.mark), edges)
                ));
            }
        }
    }
    out.push("/".into());
}

fn rev_suffix(out: &mut String, rev: Rev) {
    if let Some(i) = rev.ins {
        let _ = write!(out, "i{}", i.0);
    }
    if let Some(d) = rev.del {
        let _ = write!(out, "d{}", d.0);
    }
}

/// One inline sequence as tokens (see the module comment), as the DOCX
/// writer sets it ([`present::word_spaces`]): a space it moves into a
/// change is `b` (it ends the text before in the document), `c` (it
/// starts the text after) or `s` (a run of its own), one it adds `a`,
/// each with the revision the DOCX gives it.
pub fn inline_tokens(
    doc: &Document,
    inlines: &[Inline],
    mark: Option<Rev>,
    edges: Edges,
) -> String {
    let mut out = String::new();
    let sep = |out: &mut String| {
        if !out.is_empty() {
            out.push(' ');
        }
    };
    if let Some(rev) = mark.filter(|r| !r.is_none()) {
        out.push('m');
        rev_suffix(&mut out, rev);
    }
    for (inline, origin) in present::word_spaces(doc, inlines, edges) {
        sep(&mut out);
        match &inline {
            Inline::Text(run) if matches!(origin, SpaceOrigin::Anchor(_)) => {
                // `w` and the run's style (bold 2, italic 1), its revision.
                let style = 2 * u8::from(run.style.bold) + u8::from(run.style.italic);
                let _ = write!(out, "w{style}");
                rev_suffix(&mut out, run.rev);
            }
            Inline::Text(run) if origin != SpaceOrigin::Same => {
                let (head, own) = match origin {
                    SpaceOrigin::EndOfPrevious(own) => ('b', own),
                    SpaceOrigin::StartOfNext(own) => ('c', own),
                    SpaceOrigin::WholeRun(own) => ('s', own),
                    _ => ('a', Rev::NONE),
                };
                out.push(head);
                rev_suffix(&mut out, run.rev);
                out.push('/');
                rev_suffix(&mut out, own);
            }
            Inline::Text(run) => {
                let _ = write!(out, "t{}", written_length(&run.text));
                rev_suffix(&mut out, run.rev);
            }
            Inline::FootnoteRef { note, rev } => {
                let _ = write!(out, "f{}", note.0);
                rev_suffix(&mut out, *rev);
            }
            Inline::GroupStart(g) => {
                let _ = write!(out, "G{}", g.0);
            }
            Inline::GroupEnd(g) => {
                let _ = write!(out, "E{}", g.0);
            }
            Inline::StandingNote(n) => {
                let _ = write!(out, "N{}", n.0);
            }
            Inline::SpanStart(n) => {
                let _ = write!(out, "S{}", n.0);
            }
            Inline::SpanEnd(n) => {
                let _ = write!(out, "Z{}", n.0);
            }
        }
    }
    out
}

/// How many characters of `text` the DOCX holds: the writer drops control
/// characters other than tab and newline (a newline becomes a space) and
/// the non-characters U+FFFE and U+FFFF.
fn written_length(text: &str) -> usize {
    text.chars()
        .filter(|&c| !(c.is_control() && c != '\t' && c != '\n'))
        .filter(|c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_reads_back_to_the_same_metadata() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/minimal.md");
        let doc = crate::read::source::parse_file(std::path::Path::new(path)).unwrap();
        let front = crate::write::source::front_matter(&doc.meta, &doc.authors);
        let again = crate::read::source::parse("front", &format!("+++\n{front}+++\n")).unwrap();
        assert_eq!(again.meta, doc.meta);
        assert_eq!(again.authors, doc.authors);
    }

    #[test]
    fn nesting_leaves_strings_out() {
        assert_eq!(nesting("a = [[1], [2]]\nb = \"[[[[\\\"[\""), 2);
        assert_eq!(nesting("b = '''[[['''\nc = [ ]"), 1);
    }

    #[test]
    fn overlay_survives_its_xml() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/minimal.md");
        let doc = crate::read::source::parse_file(std::path::Path::new(path)).unwrap();
        let overlay = Overlay::of(&doc);
        let xml = String::from_utf8(overlay.to_xml()).unwrap();
        let inner = xml.split_once("\">").unwrap().1;
        let inner = inner.rsplit_once("</structure>").unwrap().0;
        let toml = quick_xml::escape::unescape(inner).unwrap();
        assert_eq!(Overlay::from_toml(&toml).unwrap(), overlay);
    }
}
