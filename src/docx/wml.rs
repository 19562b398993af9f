//! WordprocessingML for the body, written straight into a byte buffer.
//!
//! The body is the bulk of a DOCX: every paragraph, run, revision and
//! comment range. docx-rs built it at first, but at scale that cost two
//! thirds of the writer's time: its builders move whole paragraphs by
//! value for every run added, and what it writes had to be parsed back
//! into a tree and walked six times to put children in schema order, drop
//! empty runs and process-wide ids ([`super::fixup`]). What is written
//! here is what those patches made of docx-rs's output, byte for byte
//! (the same escaping, the same `" />"`), so the package did not change
//! when the body moved here; docx-rs still builds the masthead, headers,
//! footers and section properties, which are small and fixed.

use crate::model::Author;

/// What a revision id is written as until the comments are all counted:
/// see [`super::fixup::write_numbered`].
pub(crate) const REVISION_ID: &str = "\u{1}";

/// Appends `s` escaped as docx-rs escapes text and attribute values.
pub(crate) fn escape_into(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let replacement: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&apos;",
            b'\n' => b"&#xA;",
            // docx-rs drops carriage returns (LibreOffice trips on them).
            b'\r' => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[from..i]);
        out.extend_from_slice(replacement);
        from = i + 1;
    }
    out.extend_from_slice(&bytes[from..]);
}

/// A paragraph's properties: its style, alignment and the revision of its
/// mark (the break after it, inserted or deleted with a change across
/// paragraphs).
pub(crate) struct ParagraphProps<'a> {
    pub style: &'a str,
    pub align: Option<&'a str>,
    /// [`revision_attributes`] of the authors who inserted and deleted it.
    pub inserted: Option<&'a [u8]>,
    pub deleted: Option<&'a [u8]>,
}

/// `<w:p><w:pPr>…</w:pPr>`: the content and [`end_paragraph`] follow.
pub(crate) fn start_paragraph(out: &mut Vec<u8>, props: &ParagraphProps) {
    out.extend_from_slice(b"<w:p><w:pPr><w:pStyle w:val=\"");
    escape_into(out, props.style);
    out.extend_from_slice(b"\" />");
    if let Some(align) = props.align {
        out.extend_from_slice(b"<w:jc w:val=\"");
        out.extend_from_slice(align.as_bytes());
        out.extend_from_slice(b"\" />");
    }
    if props.inserted.is_some() || props.deleted.is_some() {
        out.extend_from_slice(b"<w:rPr>");
        for (name, attributes) in [("w:ins", props.inserted), ("w:del", props.deleted)] {
            if let Some(attributes) = attributes {
                revision_tag(out, name, attributes);
                out.extend_from_slice(b"/>");
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
    out.extend_from_slice(REVISION_ID.as_bytes());
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
pub(crate) struct RunProps<'a> {
    pub style: Option<&'a str>,
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
        escape_into(out, style);
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
pub(crate) fn comment_end(out: &mut Vec<u8>, id: usize, reference_style: &str) {
    let id = id.to_string();
    out.extend_from_slice(b"<w:commentRangeEnd w:id=\"");
    out.extend_from_slice(id.as_bytes());
    out.extend_from_slice(b"\" /><w:r><w:rPr><w:rStyle w:val=\"");
    escape_into(out, reference_style);
    out.extend_from_slice(b"\"/></w:rPr><w:commentReference w:id=\"");
    out.extend_from_slice(id.as_bytes());
    out.extend_from_slice(b"\" /></w:r>");
}

/// A bordered table: its width left to Word, its columns `width` twips
/// each, indented `indent` twips; rows follow, then [`end_table`].
pub(crate) fn start_table(out: &mut Vec<u8>, columns: usize, width: usize, indent: i32) {
    out.extend_from_slice(
        b"<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\" /><w:jc w:val=\"left\" /><w:tblInd w:w=\"",
    );
    out.extend_from_slice(indent.to_string().as_bytes());
    out.extend_from_slice(b"\" w:type=\"dxa\" /><w:tblBorders>");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        out.extend_from_slice(b"<w:");
        out.extend_from_slice(side.as_bytes());
        out.extend_from_slice(b" w:val=\"single\" w:sz=\"2\" w:space=\"0\" w:color=\"000000\" />");
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

pub(crate) fn start_row(out: &mut Vec<u8>) {
    out.extend_from_slice(b"<w:tr><w:trPr />");
}

pub(crate) fn end_row(out: &mut Vec<u8>) {
    out.extend_from_slice(b"</w:tr>");
}

/// `<w:tc>` of `width` twips; its paragraph and [`end_cell`] follow.
pub(crate) fn start_cell(out: &mut Vec<u8>, width: usize) {
    out.extend_from_slice(b"<w:tc><w:tcPr><w:tcW w:w=\"");
    out.extend_from_slice(width.to_string().as_bytes());
    out.extend_from_slice(b"\" w:type=\"dxa\" /></w:tcPr>");
}

pub(crate) fn end_cell(out: &mut Vec<u8>) {
    out.extend_from_slice(b"</w:tc>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_docx_rs_does() {
        let mut out = Vec::new();
        escape_into(&mut out, "a & <b> \"c\" 'd'\r\ne");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;&#xA;e"
        );
    }
}
