//! Revision ids (`w:ins`/`w:del` `w:id`), numbered as a part is zipped.
//!
//! Comment ids are 0..n and revision ids follow them, so no two
//! annotations of the document share an id; but the number of comments
//! is known only once the whole body is written. Until then a revision's
//! id is [`PLACEHOLDER`], and [`write_numbered`] writes the part with the
//! placeholders replaced by ids counted on from the last comment's, in
//! document order: the body is most of a document, and is not copied
//! again for that. The footnotes are numbered after the body, so that ids
//! are unique across the package.

use super::error::Error;

/// What a revision id is written as until the comments are all counted:
/// a control character, which [`super::wml::clean`] keeps out of every
/// text, so it cannot occur otherwise.
pub(crate) const PLACEHOLDER: &str = "\u{1}";

/// Writes `xml` to `out` with its `count` placeholders replaced by ids
/// from `*next` in document order.
pub(crate) fn write_numbered(
    out: &mut impl std::io::Write,
    xml: &[u8],
    count: u32,
    next: &mut u32,
) -> Result<(), Error> {
    let io = |e: std::io::Error| Error::Zip(e.to_string());
    let mut seen = 0;
    for (i, piece) in xml.split(|&b| b == PLACEHOLDER.as_bytes()[0]).enumerate() {
        if i > 0 {
            write!(out, "{next}").map_err(io)?;
            *next += 1;
            seen += 1;
        }
        out.write_all(piece).map_err(io)?;
    }
    if seen != count {
        return Err(Error::RevisionIds { seen, count });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_document_order() {
        let text = "<w:p><w:pPr><w:rPr><w:ins w:id=\"\u{1}\"/></w:rPr></w:pPr>\
                    <w:ins w:id=\"\u{1}\"><w:del w:id=\"\u{1}\"><w:r/></w:del></w:ins></w:p>";
        let mut next = 10;
        let mut numbered = Vec::new();
        write_numbered(&mut numbered, text.as_bytes(), 3, &mut next).unwrap();
        assert_eq!(
            String::from_utf8(numbered).unwrap(),
            "<w:p><w:pPr><w:rPr><w:ins w:id=\"10\"/></w:rPr></w:pPr>\
             <w:ins w:id=\"11\"><w:del w:id=\"12\"><w:r/></w:del></w:ins></w:p>"
        );
        assert_eq!(next, 13);
        // A count that does not match is an error, not a wrong file.
        assert!(write_numbered(&mut Vec::new(), text.as_bytes(), 2, &mut 0).is_err());
    }
}
