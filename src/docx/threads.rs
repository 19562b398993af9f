//! The parts Word 2013 and later write for comment threads, so that a
//! State's remark on another State's proposal shows as a reply in the
//! proposal's thread, and the limit on comments Word opens.
//!
//! - `word/commentsExtended.xml`: a `w15:commentEx` per comment, keyed on
//!   the `w14:paraId` of the comment's last paragraph, with
//!   `w15:paraIdParent` for a reply;
//! - `word/commentsIds.xml`: a `w16cid:durableId` per comment (below
//!   0x7FFFFFFF), which Word keeps across saves;
//! - `word/commentsExtensible.xml`: the same durable ids with the date;
//! - `word/people.xml`: one `w15:person` per author of a comment.
//!
//! Every comment has one paragraph, so its paragraph id and durable id
//! follow from its index: unique, below Word's limits, and the same for
//! the same input.

use super::parts::CommentOut;
use crate::model::Author;

pub(crate) const NS_MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
pub(crate) const NS_W14: &str = "http://schemas.microsoft.com/office/word/2010/wordml";
const NS_W15: &str = "http://schemas.microsoft.com/office/word/2012/wordml";
const NS_W16CID: &str = "http://schemas.microsoft.com/office/word/2016/wordml/cid";
const NS_W16CEX: &str = "http://schemas.microsoft.com/office/word/2018/wordml/cex";

/// Word opens no file with more comment ranges than this (MS-OI29500
/// §2.1.315 for `w:commentRangeStart`).
pub const MAX_COMMENTS: usize = 32_767;

/// The `w14:paraId` of comment `id`'s paragraph: non-zero and below
/// 0x80000000, as Word requires.
pub(crate) fn paragraph_id(id: usize) -> String {
    format!("{:08X}", id + 1)
}

/// The `w16cid:durableId` of comment `id`: non-zero, below 0x7FFFFFFF.
fn durable_id(id: usize) -> String {
    format!("{:08X}", 0x1000_0000 + id)
}

fn escape(out: &mut String, s: &str) {
    out.push_str(&quick_xml::escape::escape(s));
}

fn root(name: &str, prefix: &str, namespace: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{name} xmlns:mc="{NS_MC}" xmlns:{prefix}="{namespace}" mc:Ignorable="{prefix}">"#
    )
}

/// `word/commentsExtended.xml`.
pub(crate) fn comments_extended(list: &[CommentOut]) -> Vec<u8> {
    let mut out = root("w15:commentsEx", "w15", NS_W15);
    for (id, c) in list.iter().enumerate() {
        out.push_str(r#"<w15:commentEx w15:paraId=""#);
        out.push_str(&paragraph_id(id));
        if let Some(parent) = c.parent {
            out.push_str(r#"" w15:paraIdParent=""#);
            out.push_str(&paragraph_id(parent));
        }
        out.push_str(r#"" w15:done="0"/>"#);
    }
    out.push_str("</w15:commentsEx>");
    out.into_bytes()
}

/// `word/commentsIds.xml`.
pub(crate) fn comments_ids(list: &[CommentOut]) -> Vec<u8> {
    let mut out = root("w16cid:commentsIds", "w16cid", NS_W16CID);
    for id in 0..list.len() {
        out.push_str(r#"<w16cid:commentId w16cid:paraId=""#);
        out.push_str(&paragraph_id(id));
        out.push_str(r#"" w16cid:durableId=""#);
        out.push_str(&durable_id(id));
        out.push_str(r#""/>"#);
    }
    out.push_str("</w16cid:commentsIds>");
    out.into_bytes()
}

/// `word/commentsExtensible.xml`: each durable id with its author's date.
pub(crate) fn comments_extensible(list: &[CommentOut], authors: &[Author]) -> Vec<u8> {
    let mut out = root("w16cex:commentsExtensible", "w16cex", NS_W16CEX);
    for (id, c) in list.iter().enumerate() {
        out.push_str(r#"<w16cex:commentExtensible w16cex:durableId=""#);
        out.push_str(&durable_id(id));
        out.push_str(r#"" w16cex:dateUtc=""#);
        escape(&mut out, &authors[c.author.0].date.to_string());
        out.push_str(r#""/>"#);
    }
    out.push_str("</w16cex:commentsExtensible>");
    out.into_bytes()
}

/// `word/people.xml`: the authors of the comments, in front-matter order.
pub(crate) fn people(list: &[CommentOut], authors: &[Author]) -> Vec<u8> {
    let mut commented = vec![false; authors.len()];
    for c in list {
        commented[c.author.0] = true;
    }
    let mut out = root("w15:people", "w15", NS_W15);
    for (author, _) in authors.iter().zip(&commented).filter(|(_, &c)| c) {
        out.push_str(r#"<w15:person w15:author=""#);
        escape(&mut out, &author.name);
        out.push_str(r#""><w15:presenceInfo w15:providerId="None" w15:userId=""#);
        escape(&mut out, &author.name);
        out.push_str(r#""/></w15:person>"#);
    }
    out.push_str("</w15:people>");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AuthorId;

    #[test]
    fn ids_stay_within_words_limits() {
        assert_eq!(paragraph_id(0), "00000001");
        assert!(u32::from_str_radix(&paragraph_id(MAX_COMMENTS), 16).unwrap() < 0x8000_0000);
        assert!(u32::from_str_radix(&durable_id(MAX_COMMENTS), 16).unwrap() < 0x7FFF_FFFF);
    }

    #[test]
    fn a_reply_names_its_parents_paragraph() {
        let list = [
            CommentOut {
                author: AuthorId(0),
                text: "why".into(),
                named: true,
                parent: None,
            },
            CommentOut {
                author: AuthorId(1),
                text: "agreed".into(),
                named: true,
                parent: Some(0),
            },
        ];
        let xml = String::from_utf8(comments_extended(&list)).unwrap();
        assert!(xml.contains(r#"<w15:commentEx w15:paraId="00000001" w15:done="0"/>"#));
        assert!(xml.contains(
            r#"<w15:commentEx w15:paraId="00000002" w15:paraIdParent="00000001" w15:done="0"/>"#
        ));
    }
}
