//! Patches to what docx-rs 0.4.22 builds (the masthead, headers, footers,
//! section properties; the body is written by [`super::wml`] in the form
//! these patches give), applied to its parts before packing. Each one
//! works around a gap found in its source:
//!
//! - it writes the children of `w:pPr`, `w:rPr`, `w:sectPr`, `w:style`,
//!   table properties and `w:numPr` in an order the OOXML schema rejects
//!   (e.g. the paragraph-mark `w:rPr` first in `w:pPr`, header references
//!   last in `w:sectPr`): [`schema_order`] sorts them into the schema's
//!   sequence;
//! - revision ids (`w:ins`/`w:del` `w:id`) come from a process-wide counter
//!   that is never reset, and `w14:paraId`s from a thread-local one: a second
//!   document in one process gets other ids. [`renumber_revisions`] numbers
//!   revisions in document order; [`drop_paragraph_ids`] drops paragraph
//!   ids (optional, and only Word 2010+ reads them);
//! - `w:footnoteReference` has no `w:customMarkFollows` for a footnote
//!   marked `*`: [`mark_custom_footnotes`];
//! - `w:commentRangeEnd` comes with an empty `w:r` that counts as a run
//!   without a revision: [`drop_empty_runs`];
//! - `w:gridCol` carries a `w:type` the schema does not declare:
//!   [`drop_grid_col_type`].

use super::xml::{Elem, Node};

/// The schema sequence (ECMA-376 Part 1, wml.xsd) of the children of the
/// elements docx-rs writes out of order. Children not listed keep their
/// relative order after the listed ones.
fn sequence(parent: &str) -> Option<&'static [&'static str]> {
    Some(match parent {
        "w:pPr" => &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
        "w:rPr" => &[
            "w:ins",
            "w:del",
            "w:moveFrom",
            "w:moveTo",
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:rPrChange",
        ],
        "w:sectPr" => &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
        "w:numPr" => &["w:ilvl", "w:numId"],
        "w:style" => &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
        "w:tblPr" => &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
        ],
        "w:tcPr" => &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
        ],
        "w:tblBorders" | "w:tcBorders" | "w:pBdr" => &[
            "w:top",
            "w:left",
            "w:start",
            "w:bottom",
            "w:right",
            "w:end",
            "w:between",
            "w:bar",
            "w:insideH",
            "w:insideV",
            "w:tl2br",
            "w:tr2bl",
        ],
        "w:tblCellMar" | "w:tcMar" => {
            &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end"]
        }
        _ => return None,
    })
}

/// Sorts the children of every element listed in [`sequence`] into schema
/// order (a stable sort, so repeated children keep their order).
pub(crate) fn schema_order(root: &mut Elem) {
    root.walk_mut(&mut |e| {
        if let Some(seq) = sequence(e.name()) {
            let rank = |n: &Node| match n {
                Node::Elem(c) => seq.iter().position(|s| c.is(s)).unwrap_or(seq.len()),
                Node::Other(_) | Node::Raw(_) => seq.len(),
            };
            e.children.sort_by_key(rank);
        }
    });
}

/// Numbers every revision mark (`w:ins`, `w:del`, in runs and in paragraph
/// marks) in document order from `*next`.
pub(crate) fn renumber_revisions(root: &mut Elem, next: &mut u32) {
    root.walk_mut(&mut |e| {
        if e.is("w:ins") || e.is("w:del") {
            e.set_attr("w:id", &next.to_string());
            *next += 1;
        }
    });
}

/// What a revision id is written as in the body until the comments are
/// all counted: a control character, which [`super::body::clean_text`]
/// keeps out of every text, so it cannot occur otherwise.
const REVISION_PLACEHOLDER: u8 = 0x01;

/// Marks every revision (as [`renumber_revisions`] numbers them) with a
/// placeholder id; returns how many there are.
pub(crate) fn placeholder_revisions(root: &mut Elem) -> u32 {
    let mut n = 0;
    let placeholder = (REVISION_PLACEHOLDER as char).to_string();
    root.walk_mut(&mut |e| {
        if e.is("w:ins") || e.is("w:del") {
            e.set_attr("w:id", &placeholder);
            n += 1;
        }
    });
    n
}

/// Writes `xml` to `out` with its `count` placeholders replaced by ids
/// from `*next` in document order, as [`renumber_revisions`] numbers them.
pub(crate) fn write_numbered(
    out: &mut impl std::io::Write,
    xml: &[u8],
    count: u32,
    next: &mut u32,
) -> Result<(), super::Error> {
    let io = |e: std::io::Error| super::Error::Zip(e.to_string());
    let mut seen = 0;
    for (i, piece) in xml.split(|&b| b == REVISION_PLACEHOLDER).enumerate() {
        if i > 0 {
            write!(out, "{next}").map_err(io)?;
            *next += 1;
            seen += 1;
        }
        out.write_all(piece).map_err(io)?;
    }
    if seen != count {
        return Err(super::Error::Xml(format!(
            "{seen} revision id placeholders for {count} revisions"
        )));
    }
    Ok(())
}

/// Where the body goes in `document.xml` until it is zipped: a control
/// character, which no text or markup of the part can hold otherwise.
pub(crate) const BODY_PLACEHOLDER: u8 = 0x02;

/// Drops `w14:paraId` / `w14:textId`, which docx-rs takes from a
/// thread-local counter (optional attributes, read only by Word 2010+).
pub(crate) fn drop_paragraph_ids(root: &mut Elem) {
    root.walk_mut(&mut |e| {
        if e.is("w:p") {
            e.remove_attr("w14:paraId");
            e.remove_attr("w14:textId");
        }
    });
}

/// Adds `w:customMarkFollows` to the references of footnotes whose mark is
/// a symbol (`*`), so Word shows the mark instead of a number.
pub(crate) fn mark_custom_footnotes(root: &mut Elem, custom_ids: &[u32]) {
    if custom_ids.is_empty() {
        return;
    }
    root.walk_mut(&mut |e| {
        if e.is("w:footnoteReference") {
            let id: Option<u32> = e.attr("w:id").and_then(|v| v.parse().ok());
            if id.is_some_and(|id| custom_ids.contains(&id)) {
                // customMarkFollows precedes id in Word's own output.
                let id = e.attr("w:id").unwrap_or_default();
                e.remove_attr("w:id");
                e.set_attr("w:customMarkFollows", "1");
                e.set_attr("w:id", &id);
            }
        }
    });
}

/// Removes runs that hold nothing but (empty) run properties, and the
/// revisions left empty by that (not the paragraph-mark ones in `w:rPr`,
/// which are empty by nature).
pub(crate) fn drop_empty_runs(root: &mut Elem) {
    root.walk_post_mut(&mut |e| {
        if e.is("w:rPr") {
            return;
        }
        e.children.retain(|n| match n {
            Node::Elem(c) if c.is("w:r") => c.elems().any(|k| !k.is("w:rPr")),
            Node::Elem(c) if c.is("w:ins") || c.is("w:del") => !c.children.is_empty(),
            _ => true,
        });
    });
}

/// Removes empty `w:rPr` and `w:pPr` elements, which docx-rs writes
/// everywhere.
pub(crate) fn drop_empty_properties(root: &mut Elem) {
    root.walk_post_mut(&mut |e| {
        e.children.retain(|n| match n {
            Node::Elem(c) if c.is("w:rPr") || c.is("w:pPr") => !c.children.is_empty(),
            _ => true,
        });
    });
}

/// Drops the `w:type` docx-rs writes on `w:gridCol`, which the schema
/// does not declare.
pub(crate) fn drop_grid_col_type(root: &mut Elem) {
    root.walk_mut(&mut |e| {
        if e.is("w:gridCol") {
            e.remove_attr("w:type");
        }
    });
}

/// Gives every comment reference run the comment reference style.
pub(crate) fn style_comment_references(root: &mut Elem) {
    root.walk_mut(&mut |e| {
        if e.is("w:r") && e.child("w:commentReference").is_some() && e.child("w:rPr").is_none() {
            let rpr = Elem::new("w:rPr").with_child(
                Elem::new("w:rStyle").with_attr("w:val", super::styles::COMMENT_REFERENCE),
            );
            e.children.insert(0, Node::Elem(rpr));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::xml;
    use super::*;

    fn run(xml_text: &str, mut f: impl FnMut(&mut Elem)) -> String {
        let mut part = xml::parse(xml_text.as_bytes()).unwrap();
        f(&mut part.root);
        String::from_utf8(xml::serialize(&part)).unwrap()
    }

    #[test]
    fn paragraph_mark_properties_move_last() {
        let out = run(
            r#"<w:p><w:pPr><w:rPr><w:del w:id="7"/><w:b/></w:rPr><w:pStyle w:val="X"/><w:numPr><w:numId w:val="1"/><w:ilvl w:val="0"/></w:numPr></w:pPr></w:p>"#,
            schema_order,
        );
        assert_eq!(
            out,
            r#"<w:p><w:pPr><w:pStyle w:val="X"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr><w:del w:id="7"/><w:b/></w:rPr></w:pPr></w:p>"#
        );
    }

    #[test]
    fn revisions_are_numbered_in_document_order() {
        let mut next = 10;
        let out = run(
            r#"<w:body><w:p w14:paraId="0000abcd"><w:pPr><w:rPr><w:ins w:id="99" w:author="A"/></w:rPr></w:pPr><w:ins w:id="5"><w:del w:id="3"><w:r/></w:del></w:ins></w:p></w:body>"#,
            |r| {
                renumber_revisions(r, &mut next);
                drop_paragraph_ids(r);
            },
        );
        assert_eq!(
            out,
            r#"<w:body><w:p><w:pPr><w:rPr><w:ins w:id="10" w:author="A"/></w:rPr></w:pPr><w:ins w:id="11"><w:del w:id="12"><w:r/></w:del></w:ins></w:p></w:body>"#
        );
        assert_eq!(next, 13);
    }

    #[test]
    fn placeholder_revisions_number_as_renumbering_does() {
        let text = r#"<w:p><w:pPr><w:rPr><w:ins w:id="99" w:author="A"/></w:rPr></w:pPr><w:ins w:id="5"><w:del w:id="3"><w:r/></w:del></w:ins></w:p>"#;
        let mut next = 10;
        let direct = run(text, |r| renumber_revisions(r, &mut next));
        let mut count = 0;
        let marked = run(text, |r| count = placeholder_revisions(r));
        assert_eq!(count, 3);
        let mut from = 10;
        let mut numbered = Vec::new();
        write_numbered(&mut numbered, marked.as_bytes(), count, &mut from).unwrap();
        assert_eq!(String::from_utf8(numbered).unwrap(), direct);
        assert_eq!(from, next);
        // A count that does not match is an error, not a wrong file.
        assert!(write_numbered(&mut Vec::new(), marked.as_bytes(), 2, &mut 0).is_err());
    }

    #[test]
    fn custom_footnote_marks() {
        let out = run(
            r#"<w:r><w:footnoteReference w:id="1"/><w:footnoteReference w:id="2"/></w:r>"#,
            |r| mark_custom_footnotes(r, &[1]),
        );
        assert_eq!(
            out,
            r#"<w:r><w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:footnoteReference w:id="2"/></w:r>"#
        );
    }

    #[test]
    fn empty_runs_and_properties_go() {
        let out = run(
            r#"<w:p><w:pPr><w:rPr/></w:pPr><w:r><w:rPr/></w:r><w:commentRangeEnd w:id="0"/><w:r><w:rPr/><w:t>x</w:t></w:r></w:p>"#,
            |r| {
                drop_empty_runs(r);
                drop_empty_properties(r);
            },
        );
        assert_eq!(
            out,
            r#"<w:p><w:commentRangeEnd w:id="0"/><w:r><w:t>x</w:t></w:r></w:p>"#
        );
    }
}
