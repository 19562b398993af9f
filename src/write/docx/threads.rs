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

use crate::model::Author;

/// A Word comment: a reason, a standing or span note, or a co-proposal.
#[derive(Debug, Clone)]
pub(crate) struct CommentOut {
    pub author: crate::model::AuthorId,
    /// As `present` words it: a reason or note led by its State's name.
    pub text: String,
    /// The comment whose thread this one replies in (its index).
    pub parent: Option<usize>,
}

pub(crate) const NS_MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
pub(crate) const NS_W14: &str = "http://schemas.microsoft.com/office/word/2010/wordml";
const NS_W15: &str = "http://schemas.microsoft.com/office/word/2012/wordml";
const NS_W16CID: &str = "http://schemas.microsoft.com/office/word/2016/wordml/cid";
const NS_W16CEX: &str = "http://schemas.microsoft.com/office/word/2018/wordml/cex";

/// Word opens no file with more comment ranges than this (MS-OI29500
/// §2.1.315 for `w:commentRangeStart`).
pub const MAX_COMMENTS: usize = 32_767;

/// The `w14:paraId` of comment `id`'s paragraph: non-zero and below
/// 0x80000000, as Word requires (there are at most [`MAX_COMMENTS`]).
fn paragraph_number(id: usize) -> u32 {
    id as u32 + 1
}

/// The `w16cid:durableId` of comment `id`: non-zero, below 0x7FFFFFFF.
fn durable_number(id: usize) -> u32 {
    0x1000_0000 + id as u32
}

/// [`paragraph_number`] as written in `w14:paraId`: 8 hex digits.
pub(crate) fn paragraph_id_into(out: &mut Vec<u8>, id: usize) {
    hex8(out, paragraph_number(id));
}

use super::xml::escape_into as escape;

/// Appends `value` as 8 upper-case hex digits, without formatting machinery
/// (three ids per comment, tens of thousands of comments at scale).
fn hex8(out: &mut Vec<u8>, value: u32) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    for shift in (0..8).rev() {
        out.push(DIGITS[((value >> (shift * 4)) & 0xF) as usize]);
    }
}

fn root(name: &str, prefix: &str, namespace: &str, comments: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + comments * 96);
    out.extend_from_slice(
        format!(
            r#"{declaration}<{name} xmlns:mc="{NS_MC}" xmlns:{prefix}="{namespace}" mc:Ignorable="{prefix}">"#,
            declaration = std::str::from_utf8(super::xml::DECLARATION).unwrap_or_default(),
        )
        .as_bytes(),
    );
    out
}

/// `word/commentsExtended.xml`.
pub(crate) fn comments_extended(list: &[CommentOut]) -> Vec<u8> {
    let mut out = root("w15:commentsEx", "w15", NS_W15, list.len());
    for (id, c) in list.iter().enumerate() {
        out.extend_from_slice(br#"<w15:commentEx w15:paraId=""#);
        hex8(&mut out, paragraph_number(id));
        if let Some(parent) = c.parent {
            out.extend_from_slice(br#"" w15:paraIdParent=""#);
            hex8(&mut out, paragraph_number(parent));
        }
        out.extend_from_slice(br#"" w15:done="0"/>"#);
    }
    out.extend_from_slice(b"</w15:commentsEx>");
    out
}

/// `word/commentsIds.xml`.
pub(crate) fn comments_ids(list: &[CommentOut]) -> Vec<u8> {
    let mut out = root("w16cid:commentsIds", "w16cid", NS_W16CID, list.len());
    for id in 0..list.len() {
        out.extend_from_slice(br#"<w16cid:commentId w16cid:paraId=""#);
        hex8(&mut out, paragraph_number(id));
        out.extend_from_slice(br#"" w16cid:durableId=""#);
        hex8(&mut out, durable_number(id));
        out.extend_from_slice(br#""/>"#);
    }
    out.extend_from_slice(b"</w16cid:commentsIds>");
    out
}

/// `word/commentsExtensible.xml`: each durable id with its author's date.
pub(crate) fn comments_extensible(list: &[CommentOut], authors: &[Author]) -> Vec<u8> {
    // Each author's date attribute, made once.
    let dates: Vec<Vec<u8>> = authors
        .iter()
        .map(|a| {
            let mut d = br#"" w16cex:dateUtc=""#.to_vec();
            escape(&mut d, &a.date.to_string());
            d.extend_from_slice(br#""/>"#);
            d
        })
        .collect();
    let mut out = root("w16cex:commentsExtensible", "w16cex", NS_W16CEX, list.len());
    for (id, c) in list.iter().enumerate() {
        out.extend_from_slice(br#"<w16cex:commentExtensible w16cex:durableId=""#);
        hex8(&mut out, durable_number(id));
        out.extend_from_slice(&dates[c.author.0]);
    }
    out.extend_from_slice(b"</w16cex:commentsExtensible>");
    out
}

/// `word/people.xml`: the authors of the comments, in front-matter order.
pub(crate) fn people(list: &[CommentOut], authors: &[Author]) -> Vec<u8> {
    let mut commented = vec![false; authors.len()];
    for c in list {
        commented[c.author.0] = true;
    }
    let mut out = root("w15:people", "w15", NS_W15, 0);
    for (author, _) in authors.iter().zip(&commented).filter(|(_, &c)| c) {
        out.extend_from_slice(br#"<w15:person w15:author=""#);
        escape(&mut out, &author.name);
        out.extend_from_slice(br#""><w15:presenceInfo w15:providerId="None" w15:userId=""#);
        escape(&mut out, &author.name);
        out.extend_from_slice(br#""/></w15:person>"#);
    }
    out.extend_from_slice(b"</w15:people>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AuthorId;

    #[test]
    fn ids_stay_within_words_limits() {
        let mut out = Vec::new();
        paragraph_id_into(&mut out, 0);
        assert_eq!(out, b"00000001");
        assert!(paragraph_number(MAX_COMMENTS) < 0x8000_0000);
        assert!(durable_number(MAX_COMMENTS) < 0x7FFF_FFFF);
        let mut out = Vec::new();
        hex8(&mut out, 0x1A2B_3C4D);
        assert_eq!(out, b"1A2B3C4D");
    }

    #[test]
    fn a_reply_names_its_parents_paragraph() {
        let list = [
            CommentOut {
                author: AuthorId(0),
                text: "United States: why".into(),
                parent: None,
            },
            CommentOut {
                author: AuthorId(1),
                text: "Canada: agreed".into(),
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
