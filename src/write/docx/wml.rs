//! WordprocessingML, written straight into byte buffers over the XML
//! layer ([`super::xml`]): the package's root elements, paragraphs, runs,
//! revisions, comment ranges, footnote references and marks, fields,
//! tables and section properties. Every element is written once, in
//! schema order, where it stands.
//!
//! The body is the bulk of a DOCX, so these write literal markup rather
//! than go through a tree; the bytes are those the package had when
//! docx-rs built part of it (the same escaping, `" />"` where it wrote
//! that), so moving off docx-rs did not change a file.

use super::revision_ids;
use super::xml::escape_into;
use crate::model::Author;
use crate::ooxml::style::{CharacterStyle, ParagraphStyle};
use crate::present::script::{Families, Family, Neutrals};

pub(crate) const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The namespaces declared on `w:document`, `w:hdr` and `w:ftr`, as Word
/// writes them (the drawing ones for the barcode image).
const DOCUMENT_NAMESPACES: &str = concat!(
    r#" xmlns:o="urn:schemas-microsoft-com:office:office""#,
    r#" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#,
    r#" xmlns:v="urn:schemas-microsoft-com:vml""#,
    r#" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#,
    r#" xmlns:w10="urn:schemas-microsoft-com:office:word""#,
    r#" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing""#,
    r#" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape""#,
    r#" xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup""#,
    r#" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#,
    r#" xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing""#,
    r#" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml""#,
    r#" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml""#,
    r#" mc:Ignorable="w14 wp14">"#,
);
const STORY_NAMESPACES: &str = concat!(
    r#" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#,
    r#" xmlns:o="urn:schemas-microsoft-com:office:office""#,
    r#" xmlns:v="urn:schemas-microsoft-com:vml""#,
    r#" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#,
    r#" xmlns:w10="urn:schemas-microsoft-com:office:word""#,
    r#" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing""#,
    r#" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape""#,
    r#" xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup""#,
    r#" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#,
    r#" xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing""#,
    r#" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml""#,
    r#" mc:Ignorable="w14 wp14">"#,
);

/// The declaration, `<w:document …>` and `<w:body>`: what comes before
/// the body's first block.
pub(crate) fn document_start(out: &mut Vec<u8>) {
    out.extend_from_slice(super::xml::DECLARATION);
    out.extend_from_slice(b"<w:document");
    out.extend_from_slice(DOCUMENT_NAMESPACES.as_bytes());
    out.extend_from_slice(b"<w:body>");
}

/// Ends the body and the document, after the [`section`] properties.
pub(crate) fn document_end(out: &mut Vec<u8>) {
    out.extend_from_slice(b"</w:body></w:document>");
}

/// The declaration and the root of a header (`w:hdr`) or footer (`w:ftr`)
/// part; [`story_end`] closes it.
pub(crate) fn story_start(out: &mut Vec<u8>, root: &str) {
    out.extend_from_slice(super::xml::DECLARATION);
    out.push(b'<');
    out.extend_from_slice(root.as_bytes());
    out.extend_from_slice(STORY_NAMESPACES.as_bytes());
}

pub(crate) fn story_end(out: &mut Vec<u8>, root: &str) {
    out.extend_from_slice(b"</");
    out.extend_from_slice(root.as_bytes());
    out.push(b'>');
}

/// Text as XML 1.0 can carry it: control characters other than tab and
/// newline are dropped, newlines become spaces. Borrowed when nothing
/// changes, as for nearly all text: a body has a run for every few words.
pub(crate) fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    let unfit = |c: char| (c.is_control() && c != '\t') || matches!(c, '\u{FFFE}' | '\u{FFFF}');
    if !s.contains(unfit) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .filter(|c| !c.is_control() || *c == '\t' || *c == '\n')
            .map(|c| if c == '\n' { ' ' } else { c })
            .filter(|c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
            .collect(),
    )
}

/// A paragraph's properties: its style, alignment and the revision of its
/// mark (the break after it, inserted or deleted with a change across
/// paragraphs).
pub(crate) struct ParagraphProps<'a> {
    pub style: ParagraphStyle,
    /// The left and right indents, in twips, over the style's, with no
    /// hanging first line (an unnumbered heading of a numbered level).
    pub indent: Option<(i64, i64)>,
    /// A list item's `w:numId` and `w:ilvl`.
    pub num: Option<(u32, u8)>,
    pub align: Option<&'a str>,
    /// [`revision_attributes`] of the authors who inserted and deleted it.
    pub inserted: Option<&'a [u8]>,
    pub deleted: Option<&'a [u8]>,
}

/// `<w:p><w:pPr>…</w:pPr>`: the content and [`end_paragraph`] follow.
pub(crate) fn start_paragraph(out: &mut Vec<u8>, props: &ParagraphProps) {
    out.extend_from_slice(b"<w:p><w:pPr><w:pStyle w:val=\"");
    escape_into(out, props.style.id());
    out.extend_from_slice(b"\" />");
    if let Some((num, level)) = props.num {
        out.extend_from_slice(
            format!("<w:numPr><w:ilvl w:val=\"{level}\" /><w:numId w:val=\"{num}\" /></w:numPr>")
                .as_bytes(),
        );
    }
    if let Some((left, right)) = props.indent {
        out.extend_from_slice(
            format!("<w:ind w:left=\"{left}\" w:right=\"{right}\" w:hanging=\"0\" />").as_bytes(),
        );
    }
    if let Some(align) = props.align {
        out.extend_from_slice(b"<w:jc w:val=\"");
        out.extend_from_slice(align.as_bytes());
        out.extend_from_slice(b"\" />");
    }
    if props.inserted.is_some() || props.deleted.is_some() {
        out.extend_from_slice(b"<w:rPr>");
        for (name, attributes) in [("w:ins", props.inserted), ("w:del", props.deleted)] {
            if let Some(attributes) = attributes {
                revision_mark(out, name, attributes);
            }
        }
        out.extend_from_slice(b"</w:rPr>");
    }
    out.extend_from_slice(b"</w:pPr>");
}

pub(crate) fn end_paragraph(out: &mut Vec<u8>) {
    out.extend_from_slice(b"</w:p>");
}

/// ` w:author="…" w:date="…"` of a revision by `author`: the same for
/// all of an author's revisions, so made once per author.
pub(crate) fn revision_attributes(author: &Author) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(b" w:author=\"");
    escape_into(&mut out, &author.name);
    out.extend_from_slice(b"\" w:date=\"");
    escape_into(&mut out, &author.date.to_string());
    out.push(b'"');
    out
}

/// A paragraph mark's `<w:ins …/>` or `<w:del …/>` (inside its `w:rPr`).
pub(crate) fn revision_mark(out: &mut Vec<u8>, name: &str, attributes: &[u8]) {
    revision_tag(out, name, attributes);
    out.extend_from_slice(b"/>");
}

/// `<w:ins …>` or `<w:del …>` with the author's [`revision_attributes`],
/// its id a placeholder.
pub(crate) fn revision_start(out: &mut Vec<u8>, name: &str, attributes: &[u8]) {
    revision_tag(out, name, attributes);
    out.push(b'>');
}

/// A revision's tag up to its end (`>` or `/>`, the caller's).
fn revision_tag(out: &mut Vec<u8>, name: &str, attributes: &[u8]) {
    out.push(b'<');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b" w:id=\"");
    out.extend_from_slice(revision_ids::PLACEHOLDER.as_bytes());
    out.push(b'"');
    out.extend_from_slice(attributes);
}

pub(crate) fn revision_end(out: &mut Vec<u8>, name: &str) {
    out.extend_from_slice(b"</");
    out.extend_from_slice(name.as_bytes());
    out.push(b'>');
}

/// Run properties: a character style, bold, italic, right to left.
#[derive(Clone, Copy, Default)]
pub(crate) struct RunProps {
    pub style: Option<CharacterStyle>,
    pub bold: bool,
    pub italic: bool,
    /// `w:rtl`: right-to-left text (Arabic), set with the complex-script
    /// font and size.
    pub rtl: bool,
}

/// `<w:r>` with its properties, if any; [`end_run`] closes it.
pub(crate) fn start_run(out: &mut Vec<u8>, props: RunProps) {
    out.extend_from_slice(b"<w:r>");
    if props.style.is_none() && !props.bold && !props.italic && !props.rtl {
        return;
    }
    out.extend_from_slice(b"<w:rPr>");
    if let Some(style) = props.style {
        out.extend_from_slice(b"<w:rStyle w:val=\"");
        escape_into(out, style.id());
        out.extend_from_slice(b"\" />");
    }
    if props.bold {
        out.extend_from_slice(b"<w:b /><w:bCs />");
    }
    if props.italic {
        out.extend_from_slice(b"<w:i /><w:iCs />");
    }
    if props.rtl {
        out.extend_from_slice(b"<w:rtl />");
    }
    out.extend_from_slice(b"</w:rPr>");
}

pub(crate) fn end_run(out: &mut Vec<u8>) {
    out.extend_from_slice(b"</w:r>");
}

/// `<w:t>` (or `<w:delText>` in deleted text) holding `text`, which must
/// already be clean of characters XML cannot carry.
pub(crate) fn text(out: &mut Vec<u8>, text: &str, deleted: bool) {
    let name: &[u8] = if deleted { b"w:delText" } else { b"w:t" };
    out.push(b'<');
    out.extend_from_slice(name);
    out.extend_from_slice(b" xml:space=\"preserve\">");
    escape_into(out, text);
    out.extend_from_slice(b"</");
    out.extend_from_slice(name);
    out.push(b'>');
}

pub(crate) fn tab(out: &mut Vec<u8>) {
    out.extend_from_slice(b"<w:tab />");
}

/// A manual line break inside a paragraph.
pub(crate) fn line_break(out: &mut Vec<u8>) {
    out.extend_from_slice(b"<w:br />");
}

/// A footnote reference: Word's number, or the custom mark that follows.
pub(crate) fn footnote_reference(out: &mut Vec<u8>, id: u32, custom_mark: Option<&str>) {
    match custom_mark {
        None => {
            out.extend_from_slice(b"<w:footnoteReference w:id=\"");
            out.extend_from_slice(id.to_string().as_bytes());
            out.extend_from_slice(b"\" />");
        }
        Some(mark) => {
            out.extend_from_slice(b"<w:footnoteReference w:customMarkFollows=\"1\" w:id=\"");
            out.extend_from_slice(id.to_string().as_bytes());
            out.extend_from_slice(b"\"/>");
            text(out, mark, false);
        }
    }
}

pub(crate) fn comment_start(out: &mut Vec<u8>, id: usize) {
    out.extend_from_slice(b"<w:commentRangeStart w:id=\"");
    out.extend_from_slice(id.to_string().as_bytes());
    out.extend_from_slice(b"\" />");
}

/// The end of a comment's range and the run that shows its mark.
pub(crate) fn comment_end(out: &mut Vec<u8>, id: usize, reference_style: CharacterStyle) {
    let id = id.to_string();
    out.extend_from_slice(b"<w:commentRangeEnd w:id=\"");
    out.extend_from_slice(id.as_bytes());
    out.extend_from_slice(b"\" /><w:r><w:rPr><w:rStyle w:val=\"");
    escape_into(out, reference_style.id());
    out.extend_from_slice(b"\"/></w:rPr><w:commentReference w:id=\"");
    out.extend_from_slice(id.as_bytes());
    out.extend_from_slice(b"\" /></w:r>");
}

/// A bordered table: its width left to Word, its columns `width` twips
/// each, indented `indent` twips; rows follow, then [`end_table`].
/// `<w:tbl>` of `columns` columns of `width` twips, `indent` twips in, with
/// a rule of `rule` points above and below it (none between the cells).
pub(crate) fn start_table(
    out: &mut Vec<u8>,
    (columns, width): (usize, usize),
    indent: i32,
    rule: f32,
) {
    out.extend_from_slice(
        b"<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\" /><w:jc w:val=\"left\" /><w:tblInd w:w=\"",
    );
    out.extend_from_slice(indent.to_string().as_bytes());
    out.extend_from_slice(b"\" w:type=\"dxa\" /><w:tblBorders>");
    let size = super::units::eighths(rule).to_string();
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        out.extend_from_slice(b"<w:");
        out.extend_from_slice(side.as_bytes());
        if matches!(side, "top" | "bottom") {
            out.extend_from_slice(b" w:val=\"single\" w:sz=\"");
            out.extend_from_slice(size.as_bytes());
            out.extend_from_slice(b"\" w:space=\"0\" w:color=\"000000\" />");
        } else {
            out.extend_from_slice(b" w:val=\"nil\" />");
        }
    }
    out.extend_from_slice(b"</w:tblBorders></w:tblPr><w:tblGrid>");
    let width = width.to_string();
    for _ in 0..columns {
        out.extend_from_slice(b"<w:gridCol w:w=\"");
        out.extend_from_slice(width.as_bytes());
        out.extend_from_slice(b"\"/>");
    }
    out.extend_from_slice(b"</w:tblGrid>");
}

pub(crate) fn end_table(out: &mut Vec<u8>) {
    out.extend_from_slice(b"</w:tbl>");
}

/// `<w:tr>`; a header row repeats at the top of each page.
pub(crate) fn start_row(out: &mut Vec<u8>, header: bool) {
    if header {
        out.extend_from_slice(b"<w:tr><w:trPr><w:tblHeader /></w:trPr>");
    } else {
        out.extend_from_slice(b"<w:tr><w:trPr />");
    }
}

pub(crate) fn end_row(out: &mut Vec<u8>) {
    out.extend_from_slice(b"</w:tr>");
}

/// `<w:tc>` of `width` twips; its paragraph and [`end_cell`] follow.
/// With `rule`, a rule of that many points under the cell (a header's).
/// A cell's part in a vertical merge (`w:vMerge`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VMerge {
    Restart,
    Continue,
}

/// Opens a cell `width` twips wide, spanning `span.0` grid columns
/// (`w:gridSpan`) and taking part in a vertical merge as `span.1` says.
pub(crate) fn start_cell(
    out: &mut Vec<u8>,
    width: usize,
    rule: Option<f32>,
    span: (usize, Option<VMerge>),
) {
    out.extend_from_slice(b"<w:tc><w:tcPr><w:tcW w:w=\"");
    out.extend_from_slice(width.to_string().as_bytes());
    out.extend_from_slice(b"\" w:type=\"dxa\" />");
    if span.0 > 1 {
        out.extend_from_slice(b"<w:gridSpan w:val=\"");
        out.extend_from_slice(span.0.to_string().as_bytes());
        out.extend_from_slice(b"\" />");
    }
    match span.1 {
        Some(VMerge::Restart) => out.extend_from_slice(b"<w:vMerge w:val=\"restart\" />"),
        Some(VMerge::Continue) => out.extend_from_slice(b"<w:vMerge />"),
        None => {}
    }
    if let Some(rule) = rule {
        out.extend_from_slice(b"<w:tcBorders><w:bottom w:val=\"single\" w:sz=\"");
        out.extend_from_slice(super::units::eighths(rule).to_string().as_bytes());
        out.extend_from_slice(b"\" w:space=\"0\" w:color=\"000000\" /></w:tcBorders>");
    }
    out.extend_from_slice(b"</w:tcPr>");
}

pub(crate) fn end_cell(out: &mut Vec<u8>) {
    out.extend_from_slice(b"</w:tc>");
}

/// The family of each character of Arabic `text`, when it holds Latin
/// words ([`crate::present::script`], the PDF's rule): its runs are split there.
pub(crate) fn arabic_families(text: &str) -> Option<Families> {
    Families::of(
        text,
        Neutrals::of(crate::model::Language::Ar.code()),
        crate::house::fonts::builtin_latin_has,
    )
}

/// `text` in the pieces it is written in, each with whether it is a
/// right-to-left (`w:rtl`) run. Text with Arabic is right to left, but
/// Word sets every character of a `w:rtl` run in its complex-script font
/// (Amiri): so its Latin words, by `families` (made of a text in which
/// `text` starts at byte `start`), are runs of their own, left to right,
/// in Times New Roman, as Word writes English typed in Arabic. Text
/// without Arabic is one run, left to right.
pub(crate) fn script_pieces<'t>(
    text: &'t str,
    families: Option<(&Families, usize)>,
) -> Vec<(&'t str, bool)> {
    let rtl = crate::present::script::has_rtl(text);
    let Some((families, start)) = families.filter(|_| rtl) else {
        return vec![(text, rtl)];
    };
    let mut pieces = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let end = families.run_end(start + pos, start + text.len()) - start;
        let latin = families.at(start + pos) == Family::Latin;
        pieces.push((&text[pos..end], !latin));
        pos = end;
    }
    pieces
}

/// A run of `text` without a style: the masthead's and the running
/// heads' text. Written even when empty (an empty `w:t`), as the masthead
/// always had it: a footer without a job number keeps its one run.
pub(crate) fn plain_run(out: &mut Vec<u8>, s: &str) {
    // Arabic text is marked right to left, as in the body, its Latin words
    // not; the masthead's English lines and a symbol are not either.
    let families = crate::present::script::has_rtl(s)
        .then(|| arabic_families(s))
        .flatten();
    for (piece, rtl) in script_pieces(s, families.as_ref().map(|f| (f, 0))) {
        start_run(
            out,
            RunProps {
                rtl,
                ..RunProps::default()
            },
        );
        let piece = clean(piece);
        if piece.is_empty() {
            out.extend_from_slice(b"<w:t xml:space=\"preserve\"/>");
        } else {
            text(out, &piece, false);
        }
        end_run(out);
    }
}

/// A run holding a tab only.
pub(crate) fn tab_run(out: &mut Vec<u8>) {
    start_run(out, RunProps::default());
    tab(out);
    end_run(out);
}

/// The runs of a `PAGE` field in character style `style`, showing `2`
/// until Word updates it.
pub(crate) fn page_field(out: &mut Vec<u8>, style: CharacterStyle) {
    let props = RunProps {
        style: Some(style),
        ..Default::default()
    };
    let field_char = |out: &mut Vec<u8>, kind: &str| {
        start_run(out, props);
        out.extend_from_slice(b"<w:fldChar w:fldCharType=\"");
        out.extend_from_slice(kind.as_bytes());
        out.extend_from_slice(b"\" w:dirty=\"false\" />");
        end_run(out);
    };
    field_char(out, "begin");
    start_run(out, props);
    out.extend_from_slice(b"<w:instrText>PAGE</w:instrText>");
    end_run(out);
    field_char(out, "separate");
    start_run(out, props);
    text(out, "2", false);
    end_run(out);
    field_char(out, "end");
}

/// The mark at the start of a footnote, in character style `style`:
/// Word's automatic number (`w:footnoteRef`) or the custom mark as text,
/// then a tab to the hanging indent.
pub(crate) fn footnote_mark(out: &mut Vec<u8>, custom_mark: Option<&str>, style: CharacterStyle) {
    out.extend_from_slice(b"<w:r><w:rPr><w:rStyle w:val=\"");
    escape_into(out, style.id());
    out.extend_from_slice(b"\"/></w:rPr>");
    match custom_mark {
        None => out.extend_from_slice(b"<w:footnoteRef/>"),
        Some(mark) => {
            out.extend_from_slice(b"<w:t>");
            escape_into(out, mark);
            out.extend_from_slice(b"</w:t>");
        }
    }
    out.extend_from_slice(b"</w:r><w:r><w:tab/></w:r>");
}

/// A table without borders for layout (the masthead's columns): columns
/// `widths` twips wide, no cell margin but `gap` twips right of each
/// cell's text, starting at the margin; one row opened, whose cells
/// ([`start_cell`]) follow, then [`end_row`] and [`end_table`].
pub(crate) fn start_layout_table(
    out: &mut Vec<u8>,
    widths: &[usize],
    gap: usize,
    least_height: Option<usize>,
) {
    let total: usize = widths.iter().sum();
    out.extend_from_slice(b"<w:tbl><w:tblPr><w:tblW w:w=\"");
    out.extend_from_slice(total.to_string().as_bytes());
    out.extend_from_slice(
        b"\" w:type=\"dxa\" /><w:jc w:val=\"left\" /><w:tblInd w:w=\"0\" w:type=\"dxa\" />\
          <w:tblBorders /><w:tblCellMar>",
    );
    for (side, width) in [("top", 0), ("left", 0), ("bottom", 0), ("right", gap)] {
        out.extend_from_slice(b"<w:");
        out.extend_from_slice(side.as_bytes());
        out.extend_from_slice(b" w:w=\"");
        out.extend_from_slice(width.to_string().as_bytes());
        out.extend_from_slice(b"\" w:type=\"dxa\" />");
    }
    out.extend_from_slice(b"</w:tblCellMar></w:tblPr><w:tblGrid>");
    for width in widths {
        out.extend_from_slice(b"<w:gridCol w:w=\"");
        out.extend_from_slice(width.to_string().as_bytes());
        out.extend_from_slice(b"\"/>");
    }
    out.extend_from_slice(b"</w:tblGrid>");
    match least_height {
        Some(h) => out.extend_from_slice(
            format!("<w:tr><w:trPr><w:trHeight w:val=\"{h}\" w:hRule=\"atLeast\" /></w:trPr>")
                .as_bytes(),
        ),
        None => start_row(out, false),
    }
}

/// The section's page, in twips, and the parts it refers to.
pub(crate) struct Section<'a> {
    pub width: i64,
    pub height: i64,
    pub top: i64,
    pub bottom: i64,
    /// The inner and outer margins (left and right on odd pages).
    pub left: i64,
    pub right: i64,
    pub header: i64,
    pub footer: i64,
    /// `(w:type, r:id)` of the header and footer references.
    pub headers: &'a [(&'a str, &'a str)],
    pub footers: &'a [(&'a str, &'a str)],
    /// Right to left (Arabic): columns, page numbers and gutter too.
    pub rtl: bool,
}

/// `w:sectPr`: header and footer references, page size and margins, one
/// column, a different first page.
pub(crate) fn section(out: &mut Vec<u8>, s: &Section) {
    out.extend_from_slice(b"<w:sectPr>");
    for (name, references) in [
        (&b"w:headerReference"[..], s.headers),
        (&b"w:footerReference"[..], s.footers),
    ] {
        for (kind, id) in references {
            out.push(b'<');
            out.extend_from_slice(name);
            out.extend_from_slice(b" w:type=\"");
            out.extend_from_slice(kind.as_bytes());
            out.extend_from_slice(b"\" r:id=\"");
            out.extend_from_slice(id.as_bytes());
            out.extend_from_slice(b"\"/>");
        }
    }
    let pairs = |out: &mut Vec<u8>, name: &str, attributes: &[(&str, i64)]| {
        out.push(b'<');
        out.extend_from_slice(name.as_bytes());
        for (key, value) in attributes {
            out.push(b' ');
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(b"=\"");
            out.extend_from_slice(value.to_string().as_bytes());
            out.push(b'"');
        }
        out.extend_from_slice(b" />");
    };
    pairs(out, "w:pgSz", &[("w:w", s.width), ("w:h", s.height)]);
    pairs(
        out,
        "w:pgMar",
        &[
            ("w:top", s.top),
            ("w:right", s.right),
            ("w:bottom", s.bottom),
            ("w:left", s.left),
            ("w:header", s.header),
            ("w:footer", s.footer),
            ("w:gutter", 0),
        ],
    );
    pairs(out, "w:cols", &[("w:space", 425), ("w:num", 1)]);
    out.extend_from_slice(b"<w:titlePg/>");
    if s.rtl {
        out.extend_from_slice(b"<w:bidi/>");
    }
    out.extend_from_slice(b"</w:sectPr>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_drops_what_xml_cannot_carry() {
        assert!(matches!(
            clean("plain\ttext"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(clean("a\u{1}b\nc\u{FFFE}"), "ab c");
    }

    #[test]
    fn a_section_lists_its_children_in_schema_order() {
        let mut out = Vec::new();
        section(
            &mut out,
            &Section {
                width: 100,
                height: 200,
                top: 1,
                bottom: 2,
                left: 3,
                right: 4,
                header: 5,
                footer: 6,
                headers: &[("first", "rIdH")],
                footers: &[("first", "rIdF")],
                rtl: true,
            },
        );
        let xml = String::from_utf8(out).unwrap();
        let order: Vec<usize> = [
            "<w:headerReference",
            "<w:footerReference",
            "<w:pgSz",
            "<w:pgMar",
            "<w:cols",
            "<w:titlePg",
            "<w:bidi",
        ]
        .iter()
        .map(|name| xml.find(name).unwrap_or_else(|| panic!("{name} in {xml}")))
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{xml}");
        assert!(xml.contains(r#"<w:pgMar w:top="1" w:right="4" w:bottom="2" w:left="3""#));
    }

    #[test]
    fn a_custom_footnote_mark_is_text_a_numbered_one_words() {
        let mut out = Vec::new();
        footnote_mark(&mut out, Some("*"), CharacterStyle::FootnoteReference);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            concat!(
                r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>"#,
                r#"<w:t>*</w:t></w:r><w:r><w:tab/></w:r>"#
            )
        );
        let mut out = Vec::new();
        footnote_mark(&mut out, None, CharacterStyle::FootnoteReference);
        assert!(String::from_utf8(out).unwrap().contains("<w:footnoteRef/>"));
    }
}
