//! WordprocessingML stories (the body, footnotes, comments) read into a
//! flat form close to the markup: paragraphs of items, each text item
//! with the revisions it sits in. What the model cannot hold is noted as
//! [`Unrepresented`] where it stands.

use super::numbering::Numbering;
use super::report::{InFootnote, Unrepresented};
use super::xml::{Elem, Node, Ns};
use crate::model::ChangeKind;

/// One `w:ins`, `w:del`, `w:moveTo` or `w:moveFrom` (or a paragraph mark's).
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub kind: ChangeKind,
    pub author: String,
    pub date: Option<String>,
}

/// Indices into [`Story::revisions`] of the revisions an item sits in:
/// the file's revisions, before they become the model's changes
/// ([`crate::model::Rev`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RevisionRefs {
    pub ins: Option<usize>,
    pub del: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text {
        text: String,
        bold: bool,
        italic: bool,
        revs: RevisionRefs,
    },
    /// `w:footnoteReference` (its id in footnotes.xml).
    /// `w:footnoteReference` (its id in footnotes.xml), with the mark
    /// that follows it when it is not numbered.
    FootnoteRef {
        id: String,
        custom: Option<String>,
        revs: RevisionRefs,
    },
    /// Text in the footnote reference style without a reference: a mark
    /// repeated by hand (as rapporteur writes a repeated reference).
    MarkText {
        mark: String,
        revs: RevisionRefs,
    },
    CommentStart(String),
    CommentEnd(String),
    /// `w:commentReference`: where a comment's mark stands.
    CommentRef(String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    pub style: Option<String>,
    /// Numbered by Word's list numbering (`w:numPr`).
    pub numbered: bool,
    /// The list item Word's numbering makes of it (its own `w:numPr` or
    /// its style's), numbered as Word counts.
    pub list: Option<crate::model::ListItem>,
    pub align: Option<String>,
    pub mark: RevisionRefs,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RawBlock {
    Para(Para),
    /// Rows of cells.
    Table(Vec<Vec<RawCell>>),
}

/// How a cell takes part in a vertical merge (`w:vMerge`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum VMerge {
    #[default]
    No,
    /// The merged cell starts here.
    Restart,
    /// The cell above goes on over this one.
    Continue,
}

/// One `w:tc`: its paragraphs (a table inside it read as its paragraphs),
/// the grid columns it spans and its part in a vertical merge.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawCell {
    pub paras: Vec<Para>,
    pub span: usize,
    pub merge: VMerge,
}

/// The paragraphs of a table's cells, row by row, in reading order.
pub fn table_paras(rows: &[Vec<RawCell>]) -> impl Iterator<Item = &Para> {
    rows.iter().flatten().flat_map(|c| c.paras.iter())
}

/// One story read: its blocks and the revisions they refer to.
#[derive(Debug, Default)]
pub struct Story {
    pub blocks: Vec<RawBlock>,
    pub revisions: Vec<Revision>,
}

/// Reads a story's block-level content (`w:body`, `w:footnote`, `w:comment`).
pub struct Reader<'a> {
    pub story: Story,
    part: &'a str,
    paragraphs: usize,
    /// The footnote this story is, when it is one.
    footnote: Option<InFootnote>,
    /// Word's list numbering, to report the labels the model cannot keep.
    numbering: Option<&'a Numbering>,
    /// The revision of the table cell being read, when Word tracks the
    /// cell's insertion or deletion (`w:cellIns`, `w:cellDel`): its text
    /// is inserted or deleted with it.
    cell_revs: RevisionRefs,
    pub unrepresented: &'a mut Vec<Unrepresented>,
}

/// What the walk inside a paragraph carries down.
#[derive(Clone, Copy, Default)]
struct Cx {
    revs: RevisionRefs,
    /// Inside a complex field's instructions (between `begin` and `separate`).
    in_instructions: bool,
    /// A reference with `w:customMarkFollows` was just read: the next
    /// text is its mark (in the same run, or the next one, as
    /// LibreOffice writes it).
    mark_follows: bool,
}

impl<'a> Reader<'a> {
    pub fn new(part: &'a str, unrepresented: &'a mut Vec<Unrepresented>) -> Reader<'a> {
        Reader {
            story: Story::default(),
            part,
            paragraphs: 0,
            footnote: None,
            numbering: None,
            cell_revs: RevisionRefs::default(),
            unrepresented,
        }
    }

    /// A reader that reports the labels of Word's list numbering it
    /// cannot keep.
    pub fn with_numbering(mut self, numbering: &'a Numbering) -> Reader<'a> {
        self.numbering = Some(numbering);
        self
    }

    /// A reader of the footnote `note`: its reports name it.
    pub fn in_footnote(mut self, note: InFootnote) -> Reader<'a> {
        self.footnote = Some(note);
        self
    }

    fn report(&mut self, what: impl Into<String>) {
        let what = what.into();
        // One report per kind of thing and paragraph is enough.
        let dup = self.unrepresented.last().is_some_and(|u| {
            u.what == what
                && u.part == self.part
                && u.paragraph == self.paragraphs
                && u.footnote == self.footnote
        });
        if !dup {
            self.unrepresented.push(Unrepresented {
                what,
                part: self.part.to_string(),
                paragraph: self.paragraphs,
                footnote: self.footnote.clone(),
            });
        }
    }

    fn revision(&mut self, e: &Elem, kind: ChangeKind) -> usize {
        self.story.revisions.push(Revision {
            kind,
            author: e.attr("author").unwrap_or("").trim().to_string(),
            date: e.attr("date").map(str::to_string),
        });
        self.story.revisions.len() - 1
    }

    /// Block-level children of `container` into `out`.
    pub fn blocks(&mut self, container: &Elem, out: &mut Vec<RawBlock>) {
        for e in container.elems() {
            if e.ns != Ns::W {
                self.report(format!("an element <{}> outside any paragraph", e.name));
                continue;
            }
            match e.name {
                "p" => {
                    let p = self.paragraph(e);
                    out.push(RawBlock::Para(p));
                }
                "tbl" => {
                    let t = self.table(e);
                    out.push(RawBlock::Table(t));
                }
                "sdt" => {
                    if let Some(content) = e.child("sdtContent") {
                        self.blocks(content, out);
                    }
                }
                "customXml" | "smartTag" => self.blocks(e, out),
                "ins" | "del" | "moveTo" | "moveFrom" => {
                    // Block-level revision wrappers hold whole paragraphs.
                    self.blocks(e, out)
                }
                "sectPr" | "tcPr" | "trPr" | "tblPr" | "tblGrid" | "tblPrEx" | "bookmarkStart"
                | "bookmarkEnd" | "proofErr" | "permStart" | "permEnd" | "moveFromRangeStart"
                | "moveFromRangeEnd" | "moveToRangeStart" | "moveToRangeEnd"
                | "commentRangeStart" | "commentRangeEnd" => {}
                // Where a custom XML element was inserted, deleted or
                // moved: marks without text (the text has its own).
                name if is_custom_xml_range(name) => {}
                "altChunk" => self.report("an embedded document (altChunk)"),
                other => self.report(format!("an element <w:{other}> between paragraphs")),
            }
        }
    }

    fn table(&mut self, tbl: &Elem) -> Vec<Vec<RawCell>> {
        if tbl
            .child("tblPr")
            .is_some_and(|p| p.child("tblPrChange").is_some())
            || tbl
                .child("tblGrid")
                .is_some_and(|g| g.child("tblGridChange").is_some())
        {
            self.report("a table formatting change");
        }
        let mut rows = Vec::new();
        for tr in rows_of(tbl) {
            if let Some(pr) = tr.child("trPr") {
                if pr.child("ins").is_some() || pr.child("del").is_some() {
                    self.report("a table row inserted or deleted as a table-structure change");
                }
                if pr.child("trPrChange").is_some() {
                    self.report("a table row formatting change");
                }
            }
            let cells = cells_of(tr)
                .into_iter()
                .enumerate()
                .map(|(i, tc)| self.cell(tc, (rows.len() + 1, i + 1)))
                .collect();
            rows.push(cells);
        }
        rows
    }

    /// One `w:tc`, the `column`th of row `row` (from 1, for reports).
    fn cell(&mut self, tc: &Elem, (row, column): (usize, usize)) -> RawCell {
        let pr = tc.child("tcPr");
        let prop = |name: &str| pr.and_then(|p| p.child(name));
        let outer = self.cell_revs;
        // A cell inserted or deleted: its text is, by the cell's author.
        if let Some(e) = prop("cellIns") {
            self.cell_revs.ins = Some(self.revision(e, ChangeKind::Insertion));
        }
        if let Some(e) = prop("cellDel") {
            self.cell_revs.del = Some(self.revision(e, ChangeKind::Deletion));
        }
        if prop("cellMerge").is_some() {
            self.report(format!(
                "a tracked merge of table cells (w:cellMerge, row {row}): the cells are read as they stand"
            ));
        }
        if prop("hMerge").is_some() {
            self.report(format!(
                "a horizontal merge of the old form (w:hMerge, row {row}): the cells are read one by one"
            ));
        }
        let span = prop("gridSpan")
            .and_then(|g| g.attr("val"))
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, 64);
        let merge = match prop("vMerge") {
            None => VMerge::No,
            Some(v) => match v.attr("val") {
                Some("restart") => VMerge::Restart,
                _ => VMerge::Continue,
            },
        };
        let mut blocks = Vec::new();
        self.blocks(tc, &mut blocks);
        self.cell_revs = outer;
        let mut paras = Vec::new();
        for b in blocks {
            match b {
                RawBlock::Para(p) => paras.push(p),
                RawBlock::Table(inner) => {
                    self.report("a table inside a table cell (its text is kept in the cell, a paragraph a cell)");
                    paras.extend(inner.into_iter().flatten().flat_map(|c| c.paras));
                }
            }
        }
        // The last paragraph's mark is the cell's end: Word cannot take
        // it away by accepting or rejecting, and the model has no change
        // of it (a table inserted or deleted has its rows' own marks).
        let kept_words = paras.iter().any(|p| !p.items.is_empty());
        let last = paras
            .iter()
            .rposition(|p| !p.items.is_empty() || p.mark != RevisionRefs::default());
        if let Some(last) = last.filter(|&l| paras[l].mark != RevisionRefs::default()) {
            if last + 1 == paras.len() || !kept_words {
                self.report(format!(
                    "the end of a table cell inserted or deleted (row {row}, column {column}): the cell stays"
                ));
            }
        }
        RawCell { paras, span, merge }
    }

    pub fn paragraph(&mut self, p: &Elem) -> Para {
        self.paragraphs += 1;
        let mut para = Para::default();
        if let Some(ppr) = p.child("pPr") {
            self.paragraph_properties(ppr, &mut para);
        }
        let mut cx = Cx {
            revs: self.cell_revs,
            ..Cx::default()
        };
        self.inline_children(p, &mut cx, &mut para);
        para
    }

    fn paragraph_properties(&mut self, ppr: &Elem, para: &mut Para) {
        para.style = ppr
            .child("pStyle")
            .and_then(|s| s.attr("val"))
            .map(str::to_string);
        para.numbered = ppr
            .child("numPr")
            .is_some_and(|n| n.child("numId").and_then(|i| i.attr("val")) != Some("0"));
        para.align = ppr
            .child("jc")
            .and_then(|j| j.attr("val"))
            .map(str::to_string);
        if ppr.child("pPrChange").is_some() {
            self.report("a paragraph formatting change (w:pPrChange)");
        }
        if let Some(what) = self.list_label(ppr, para) {
            self.report(what);
        }
        if let Some(rpr) = ppr.child("rPr") {
            for e in rpr.elems() {
                match e.name {
                    "ins" | "moveTo" if e.ns == Ns::W => {
                        para.mark.ins = Some(self.revision(e, ChangeKind::Insertion))
                    }
                    "del" | "moveFrom" if e.ns == Ns::W => {
                        para.mark.del = Some(self.revision(e, ChangeKind::Deletion))
                    }
                    _ => {}
                }
            }
        }
    }

    /// The list item Word's numbering makes of a paragraph (into
    /// `para.list`), and what of its label the model cannot keep: a
    /// heading's number (headings are numbered by the document), a format
    /// or label form the model has no place for.
    fn list_label(&self, ppr: &Elem, para: &mut Para) -> Option<String> {
        let level = self.numbering?.level_of(ppr)?;
        let style = para.style.as_deref().unwrap_or("");
        if super::numbering::numbered_by_the_model(style) {
            return None;
        }
        let what = format!("{}, level {}", level.format, level.level + 1);
        // A label the model has no list item for (a heading's number, a
        // label of several levels' numbers, a format it cannot name) is
        // kept as the text Word shows, where Word shows it.
        let as_text = |para: &mut Para| {
            let shown = level.label.trim_end().to_string();
            // The tab after a label is a space in a source (and a tab
            // after a heading's words would read as the house's number).
            para.numbered = false;
            para.items.insert(
                0,
                Item::Text {
                    text: level.label.replace('\t', " "),
                    bold: false,
                    italic: false,
                    revs: RevisionRefs::default(),
                },
            );
            shown
        };
        if crate::ooxml::style::named_as_heading(style) {
            if level.label.trim().is_empty() {
                return None;
            }
            let shown = as_text(para);
            return Some(format!(
                "Word's list numbering of this heading ({what}), its number \"{shown}\" written as text"
            ));
        }
        if level.item.is_none() && !level.label.trim().is_empty() {
            let shown = as_text(para);
            let loss = level.loss.clone().unwrap_or_default();
            return Some(format!(
                "Word's list numbering in {loss} ({what}), its label \"{shown}\" written as text"
            ));
        }
        para.numbered = level.item.is_some();
        para.list = level.item;
        level.loss
    }

    /// The children of a paragraph-level container, in order.
    fn inline_children(&mut self, e: &Elem, cx: &mut Cx, para: &mut Para) {
        for child in e.elems() {
            self.inline(child, cx, para);
        }
    }

    fn inline(&mut self, e: &Elem, cx: &mut Cx, para: &mut Para) {
        if e.ns != Ns::W {
            match e.name {
                "oMath" | "oMathPara" => self.report("an equation"),
                "AlternateContent" => self.report("a drawing or text box"),
                _ => {
                    let mut inner = *cx;
                    self.inline_children(e, &mut inner, para);
                    cx.in_instructions = inner.in_instructions;
                }
            }
            return;
        }
        match e.name {
            "pPr" => {}
            "r" => self.run(e, cx, para),
            "ins" | "moveTo" | "del" | "moveFrom" => {
                let kind = if matches!(e.name, "ins" | "moveTo") {
                    ChangeKind::Insertion
                } else {
                    ChangeKind::Deletion
                };
                let id = self.revision(e, kind);
                let mut inner = *cx;
                match kind {
                    ChangeKind::Insertion => inner.revs.ins = Some(id),
                    ChangeKind::Deletion => inner.revs.del = Some(id),
                }
                self.inline_children(e, &mut inner, para);
                cx.in_instructions = inner.in_instructions;
            }
            "hyperlink" | "smartTag" | "customXml" | "fldSimple" | "dir" | "bdo" => {
                self.inline_children(e, cx, para)
            }
            "sdt" => {
                if let Some(content) = e.child("sdtContent") {
                    self.inline_children(content, cx, para);
                }
            }
            "commentRangeStart" => {
                if let Some(id) = e.attr("id") {
                    para.items.push(Item::CommentStart(id.into()));
                }
            }
            "commentRangeEnd" => {
                if let Some(id) = e.attr("id") {
                    para.items.push(Item::CommentEnd(id.into()));
                }
            }
            "bookmarkStart" | "bookmarkEnd" | "proofErr" | "permStart" | "permEnd"
            | "moveFromRangeStart" | "moveFromRangeEnd" | "moveToRangeStart" | "moveToRangeEnd"
            | "sdtPr" | "sdtEndPr" | "rPr" | "fldData" => {}
            name if is_custom_xml_range(name) => {}
            other => self.report(format!("an element <w:{other}> in a paragraph")),
        }
    }

    fn run(&mut self, r: &Elem, cx: &mut Cx, para: &mut Para) {
        let rpr = r.child("rPr");
        let bold = rpr.is_some_and(|p| p.flag("b"));
        let italic = rpr.is_some_and(|p| p.flag("i"));
        let style = rpr
            .and_then(|p| p.child("rStyle"))
            .and_then(|s| s.attr("val"))
            .unwrap_or("");
        let mark_style = is_footnote_reference_style(style);
        if rpr.is_some_and(|p| p.child("rPrChange").is_some()) {
            self.report("a formatting change (w:rPrChange)");
        }
        let mut text = String::new();
        let revs = cx.revs;
        let push_text = |para: &mut Para, text: &mut String| {
            if text.is_empty() {
                return;
            }
            let t = std::mem::take(text);
            if mark_style {
                para.items.push(Item::MarkText { mark: t, revs });
            } else {
                para.items.push(Item::Text {
                    text: t,
                    bold,
                    italic,
                    revs,
                });
            }
        };
        for child in r.elems() {
            if child.ns != Ns::W {
                if child.name == "AlternateContent" {
                    self.report("a drawing or text box");
                }
                continue;
            }
            match child.name {
                "fldChar" => match child.attr("fldCharType") {
                    Some("begin") => cx.in_instructions = true,
                    Some("separate") | Some("end") => cx.in_instructions = false,
                    _ => {}
                },
                _ if cx.in_instructions => {}
                "t" | "delText" => {
                    let t = child.text();
                    if cx.mark_follows {
                        // The custom mark of the reference just read.
                        cx.mark_follows = false;
                        if let Some(Item::FootnoteRef { custom, .. }) = para.items.last_mut() {
                            *custom = Some(t);
                        }
                        continue;
                    }
                    let t = self.without_controls(t);
                    if text.is_empty() && repeats_mark(para, &t) {
                        // LibreOffice (7.x) writes a mark of two or more
                        // characters a second time, as text after it.
                        continue;
                    }
                    text.push_str(&t);
                }
                "tab" | "ptab" => text.push('\t'),
                // A page or column break has no place in a source: a space.
                "br" if matches!(child.attr("type"), Some("page" | "column")) => text.push(' '),
                "br" | "cr" => text.push(crate::model::LINE_BREAK),
                "noBreakHyphen" => text.push('\u{2011}'),
                // A soft hyphen: where Word may break the word.
                "softHyphen" => text.push('\u{ad}'),
                "sym" => self.symbol(child, &mut text),
                "footnoteReference" => {
                    push_text(para, &mut text);
                    let custom =
                        matches!(child.attr("customMarkFollows"), Some("1" | "true" | "on"));
                    cx.mark_follows = custom;
                    para.items.push(Item::FootnoteRef {
                        id: child.attr("id").unwrap_or("").to_string(),
                        custom: custom.then(String::new),
                        revs,
                    });
                }
                "endnoteReference" => {
                    self.report("an endnote (read neither as text nor as a footnote)")
                }
                "commentReference" => {
                    push_text(para, &mut text);
                    if let Some(id) = child.attr("id") {
                        para.items.push(Item::CommentRef(id.into()));
                    }
                }
                "drawing" | "pict" | "object" => {
                    if contains(child, "txbxContent") {
                        self.report("a text box");
                    } else {
                        self.report("an image or drawing");
                    }
                }
                "rPr"
                | "annotationRef"
                | "footnoteRef"
                | "endnoteRef"
                | "separator"
                | "continuationSeparator"
                | "lastRenderedPageBreak"
                | "instrText"
                | "delInstrText" => {}
                other => self.report(format!("an element <w:{other}> in a run")),
            }
        }
        push_text(para, &mut text);
    }
}

impl Reader<'_> {
    /// A symbol-font character (`w:sym`): its code as the file has it
    /// (Word's symbol fonts put their glyphs at U+F020–U+F0FF, and
    /// LibreOffice reads the same code); the font that draws it is not
    /// kept, which the report says.
    fn symbol(&mut self, sym: &Elem, text: &mut String) {
        let font = sym.attr("font").unwrap_or("");
        let code = sym
            .attr("char")
            .and_then(|c| u32::from_str_radix(c, 16).ok());
        match code.and_then(char::from_u32).filter(|c| !c.is_control()) {
            Some(c) => {
                text.push(c);
                self.report(format!(
                    "the symbol font {font} of the character U+{:04X} (w:sym)",
                    c as u32
                ));
            }
            None => self.report("a symbol character (w:sym) without a readable code"),
        }
    }

    /// Text without control characters (C0 but tab, line feed and
    /// carriage return; C1, such as U+0085): no writer can put them in a
    /// source or a DOCX, so each is dropped with a report naming it.
    fn without_controls(&mut self, t: String) -> String {
        let dropped = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
        if !t.chars().any(dropped) {
            return t;
        }
        let mut kept = String::with_capacity(t.len());
        for c in t.chars() {
            if dropped(c) {
                self.report(format!("a control character U+{:04X}", c as u32));
            } else {
                kept.push(c);
            }
        }
        kept
    }
}

/// Is `t` the custom mark of the reference that the paragraph ends with?
fn repeats_mark(para: &Para, t: &str) -> bool {
    matches!(para.items.last(), Some(Item::FootnoteRef { custom: Some(m), .. }) if m == t && t.chars().count() > 1)
}

fn rows_of<'e, 'a>(tbl: &'e Elem<'a>) -> Vec<&'e Elem<'a>> {
    let mut out = Vec::new();
    for e in tbl.elems() {
        if e.is("tr") {
            out.push(e);
        } else if e.is("sdt") || e.is("customXml") {
            let inner = e.child("sdtContent").unwrap_or(e);
            out.extend(inner.elems().filter(|r| r.is("tr")));
        }
    }
    out
}

fn cells_of<'e, 'a>(tr: &'e Elem<'a>) -> Vec<&'e Elem<'a>> {
    let mut out = Vec::new();
    for e in tr.elems() {
        if e.is("tc") {
            out.push(e);
        } else if e.is("sdt") || e.is("customXml") {
            let inner = e.child("sdtContent").unwrap_or(e);
            out.extend(inner.elems().filter(|c| c.is("tc")));
        }
    }
    out
}

/// `w:customXmlInsRangeStart`, `w:customXmlMoveFromRangeEnd`, …
fn is_custom_xml_range(name: &str) -> bool {
    name.strip_prefix("customXml")
        .is_some_and(|rest| rest.ends_with("RangeStart") || rest.ends_with("RangeEnd"))
}

fn contains(e: &Elem, name: &str) -> bool {
    e.children.iter().any(|n| match n {
        Node::Elem(c) => c.name == name || contains(c, name),
        Node::Text(_) => false,
    })
}

/// The character style of footnote marks: rapporteur's and Word's id, and
/// LibreOffice's names for it.
pub fn is_footnote_reference_style(style: &str) -> bool {
    crate::ooxml::style::CharacterStyle::FootnoteReference.is(style)
}
