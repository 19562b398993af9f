//! Word's own rules: what Microsoft Word enforces when it opens a DOCX
//! beyond the schema (which `ooxml-validate` and openxml-audit check), as
//! documented in [MS-OI29500] and met by other DOCX writers. Word refuses
//! or "repairs" a file that breaks one, where LibreOffice and pandoc read
//! it happily, so every DOCX the tests write goes through [`check`].
//!
//! Each rule has a name (the first word of its message); the broken
//! copies in `tests/data/word-rules/` are named after the rule they break.

use super::{unzip, xml, El};
use std::collections::{BTreeMap, BTreeSet};

/// Word opens no file with more comment ranges (MS-OI29500 §2.1.315).
pub const MAX_COMMENT_RANGES: usize = 32_767;

/// Every rule, by name, as [`check`] reports them.
pub const RULES: [&str; 16] = [
    "revision-id-unique",
    "revision-id-not-comment-id",
    "ins-in-ins",
    "t-in-del",
    "deltext-outside-del",
    "empty-revision",
    "revision-author-date",
    "comment-anchors",
    "comment-outside-main-story",
    "marker-without-comment",
    "comment-limit",
    "move",
    "compatibility-mode",
    "separator-footnote-ref",
    "numbering-lvltext",
    "thread-parts",
];

/// The revision elements that carry a `w:id` from the revision id space.
const REVISIONS: [&str; 12] = [
    "w:ins",
    "w:del",
    "w:moveFrom",
    "w:moveTo",
    "w:pPrChange",
    "w:rPrChange",
    "w:sectPrChange",
    "w:tblPrChange",
    "w:trPrChange",
    "w:tcPrChange",
    "w:cellIns",
    "w:cellDel",
];

/// The parts that hold stories (text with revisions and comments).
fn is_story(path: &str) -> bool {
    path == "word/document.xml"
        || path == "word/footnotes.xml"
        || path == "word/endnotes.xml"
        || path == "word/comments.xml"
        || (path.starts_with("word/header") || path.starts_with("word/footer"))
            && path.ends_with(".xml")
}

/// Calls `f` with every element under `e` (and `e`) and the names of its
/// ancestors, in document order.
fn walk<'a>(e: &'a El, ancestors: &mut Vec<&'a str>, f: &mut dyn FnMut(&'a El, &[&'a str])) {
    f(e, ancestors);
    ancestors.push(&e.name);
    for c in e.elems() {
        walk(c, ancestors, f);
    }
    ancestors.pop();
}

/// `2020-09-16T00:00:00Z` (seconds, then `Z` or an offset, optional).
fn is_iso_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    let head = b.len() >= 19
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    head && matches!(&s[19..], "" | "Z")
        || head
            && s.len() == 25
            && matches!(b[19], b'+' | b'-')
            && digits(20..22)
            && b[22] == b':'
            && digits(23..25)
}

fn hex_below(s: &str, limit: u32) -> bool {
    s.len() == 8 && u32::from_str_radix(s, 16).is_ok_and(|v| v > 0 && v < limit)
}

/// The violations of Word's rules in a DOCX package, each `rule: detail`;
/// empty when Word opens it cleanly as far as these rules go.
pub fn check(docx: &[u8]) -> Vec<String> {
    let parts = unzip(docx);
    let mut out = Vec::new();
    let trees: BTreeMap<&str, El> = parts
        .iter()
        .filter(|(path, _)| path.ends_with(".xml") || path.ends_with(".rels"))
        .map(|(path, bytes)| (path.as_str(), xml(path, bytes)))
        .collect();
    let comment_ids = comments(&trees, &mut out);
    revisions(&trees, &comment_ids, &mut out);
    anchors(&trees, &comment_ids, &mut out);
    settings_and_numbering(&trees, &mut out);
    threads(&trees, &mut out);
    out
}

/// The ids of the comments in `word/comments.xml`.
fn comments(trees: &BTreeMap<&str, El>, out: &mut Vec<String>) -> Vec<String> {
    let Some(comments) = trees.get("word/comments.xml") else {
        return Vec::new();
    };
    let ids: Vec<String> = comments
        .find_all("w:comment")
        .iter()
        .map(|c| c.attr("w:id").unwrap_or("").to_owned())
        .collect();
    if ids.len() > MAX_COMMENT_RANGES {
        out.push(format!(
            "comment-limit: {} comments, Word opens at most {MAX_COMMENT_RANGES}",
            ids.len()
        ));
    }
    ids
}

/// Revision ids, nesting, text elements, authors and dates, moves.
fn revisions(trees: &BTreeMap<&str, El>, comment_ids: &[String], out: &mut Vec<String>) {
    let comment_ids: BTreeSet<&str> = comment_ids.iter().map(String::as_str).collect();
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for (path, root) in trees.iter().filter(|(p, _)| is_story(p)) {
        walk(root, &mut Vec::new(), &mut |e, ancestors| {
            let name = e.name.as_str();
            let inside = |n: &str| ancestors.contains(&n);
            if name.starts_with("w:moveFrom") || name.starts_with("w:moveTo") {
                out.push(format!("move: {name} in {path}"));
            }
            if name == "w:t" && inside("w:del") {
                out.push(format!("t-in-del: w:t inside w:del in {path}"));
            }
            if name == "w:delText" && !inside("w:del") {
                out.push(format!(
                    "deltext-outside-del: w:delText outside w:del in {path}"
                ));
            }
            if !REVISIONS.contains(&name) {
                return;
            }
            let id = e.attr("w:id").unwrap_or("").to_owned();
            if let Some(first) = seen.insert(id.clone(), path) {
                out.push(format!(
                    "revision-id-unique: {name} id {id} in {path} also in {first}"
                ));
            }
            if comment_ids.contains(id.as_str()) {
                out.push(format!(
                    "revision-id-not-comment-id: {name} id {id} in {path} is a comment's id"
                ));
            }
            if name == "w:ins" && inside("w:ins") {
                out.push(format!("ins-in-ins: w:ins {id} inside w:ins in {path}"));
            }
            // A paragraph mark's revision (in w:rPr) is empty by nature.
            let mark = ancestors.last() == Some(&"w:rPr");
            if matches!(name, "w:ins" | "w:del") && !mark && e.elems().next().is_none() {
                out.push(format!("empty-revision: {name} {id} in {path}"));
            }
            let author = e.attr("w:author").unwrap_or("");
            let date = e.attr("w:date").unwrap_or("");
            if author.trim().is_empty() || !is_iso_datetime(date) {
                out.push(format!(
                    "revision-author-date: {name} {id} in {path} has author {author:?}, date {date:?}"
                ));
            }
        });
    }
}

/// Comment ranges and references: each comment's start, end and reference
/// once in the main story, start before end, none elsewhere.
fn anchors(trees: &BTreeMap<&str, El>, comment_ids: &[String], out: &mut Vec<String>) {
    const MARKERS: [&str; 3] = [
        "w:commentRangeStart",
        "w:commentRangeEnd",
        "w:commentReference",
    ];
    let known: BTreeSet<&str> = comment_ids.iter().map(String::as_str).collect();
    let mut in_body: BTreeMap<(&str, String), Vec<usize>> = BTreeMap::new();
    for (path, root) in trees.iter().filter(|(p, _)| is_story(p)) {
        let mut position = 0;
        walk(root, &mut Vec::new(), &mut |e, _| {
            position += 1;
            let Some(marker) = MARKERS.iter().find(|m| e.name == **m) else {
                return;
            };
            let id = e.attr("w:id").unwrap_or("").to_owned();
            if !known.contains(id.as_str()) {
                out.push(format!("marker-without-comment: {marker} {id} in {path}"));
            }
            if *path != "word/document.xml" {
                out.push(format!(
                    "comment-outside-main-story: {marker} {id} in {path}"
                ));
            } else {
                in_body.entry((marker, id)).or_default().push(position);
            }
        });
    }
    for id in comment_ids {
        let at = |m: &'static str| in_body.get(&(m, id.clone())).cloned().unwrap_or_default();
        let (start, end, reference) = (
            at("w:commentRangeStart"),
            at("w:commentRangeEnd"),
            at("w:commentReference"),
        );
        let once = start.len() == 1 && end.len() == 1 && reference.len() == 1;
        if !once || start[0] > end[0] || end[0] > reference[0] {
            out.push(format!(
                "comment-anchors: comment {id} has {} starts, {} ends, {} references in the main story, or they are out of order",
                start.len(),
                end.len(),
                reference.len()
            ));
        }
    }
}

/// `compatibilityMode` 15, separators without `w:footnoteRef`, numbering
/// level texts Word accepts (MS-OI29500 §2.1.283).
fn settings_and_numbering(trees: &BTreeMap<&str, El>, out: &mut Vec<String>) {
    let mode = trees.get("word/settings.xml").and_then(|s| {
        s.find_all("w:compatSetting")
            .into_iter()
            .find(|c| c.attr("w:name") == Some("compatibilityMode"))
            .and_then(|c| c.attr("w:val").map(str::to_owned))
    });
    if mode.as_deref() != Some("15") {
        out.push(format!("compatibility-mode: {mode:?}, not 15"));
    }
    if let Some(notes) = trees.get("word/footnotes.xml") {
        for note in notes.find_all("w:footnote") {
            let separator = matches!(
                note.attr("w:type"),
                Some("separator" | "continuationSeparator" | "continuationNotice")
            );
            if separator && !note.find_all("w:footnoteRef").is_empty() {
                out.push(format!(
                    "separator-footnote-ref: footnote {} is a separator with a w:footnoteRef",
                    note.attr("w:id").unwrap_or("?")
                ));
            }
        }
    }
    let Some(numbering) = trees.get("word/numbering.xml") else {
        return;
    };
    for level in numbering.find_all("w:lvl") {
        let ilvl: u32 = level
            .attr("w:ilvl")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let Some(text) = level.find_all("w:lvlText").first().map(|t| t.attr("w:val")) else {
            continue;
        };
        let Some(text) = text else {
            out.push(format!(
                "numbering-lvltext: level {ilvl} has a lvlText without w:val"
            ));
            continue;
        };
        let escapes: Vec<u32> = text
            .split('%')
            .skip(1)
            .filter_map(|s| s.chars().next()?.to_digit(10))
            .collect();
        // Each %N becomes a number; counted as up to 5 characters
        // (`xviii`), the text must stay within 31.
        let literal = text.chars().count() - 2 * escapes.len();
        if escapes.len() > 9
            || escapes.iter().any(|&n| n == 0 || n > ilvl + 1)
            || literal + 5 * escapes.len() > 31
        {
            out.push(format!(
                "numbering-lvltext: level {ilvl} has lvlText {text:?}"
            ));
        }
    }
}

const THREAD_PARTS: [&str; 4] = [
    "word/commentsExtended.xml",
    "word/commentsIds.xml",
    "word/commentsExtensible.xml",
    "word/people.xml",
];

/// The thread parts agree with the comments: paragraph ids unique and in
/// range, one `w15:commentEx` per comment keyed on its last paragraph,
/// parents that are top-level comments whose range holds the reply's,
/// durable ids unique and in range, a person per author, every part
/// declared and related.
fn threads(trees: &BTreeMap<&str, El>, out: &mut Vec<String>) {
    let mut fail = |m: String| out.push(format!("thread-parts: {m}"));
    let Some(comments) = trees.get("word/comments.xml") else {
        for part in THREAD_PARTS.iter().filter(|p| trees.contains_key(**p)) {
            fail(format!("{part} without comments"));
        }
        return;
    };
    thread_parts_declared(trees, &mut fail);
    let para_of = comment_paragraphs(comments, &mut fail);
    let comment_of: BTreeMap<&str, &str> = para_of
        .iter()
        .map(|(c, p)| (p.as_str(), c.as_str()))
        .collect();
    if let Some(extended) = trees.get("word/commentsExtended.xml") {
        let parent_of = comments_extended(extended, &para_of, &comment_of, &mut fail);
        let ranges = trees
            .get("word/document.xml")
            .map(ranges)
            .unwrap_or_default();
        for (para, parent) in &parent_of {
            let Some(parent) = parent else { continue };
            if parent_of.get(parent).is_some_and(Option::is_some) {
                fail(format!(
                    "commentEx {para}: parent {parent} is itself a reply"
                ));
            }
            let (Some(reply), Some(top)) = (
                comment_of.get(para.as_str()),
                comment_of.get(parent.as_str()),
            ) else {
                continue;
            };
            let (inner, outer) = (ranges.get(*reply), ranges.get(*top));
            let nested = matches!((inner, outer), (Some(i), Some(o)) if o.0 < i.0 && i.1 < o.1);
            if !nested {
                fail(format!(
                    "comment {reply}'s range is not inside its parent {top}'s"
                ));
            }
        }
    }
    durable_ids(trees, &comment_of, &mut fail);
    if let Some(people) = trees.get("word/people.xml") {
        let persons: BTreeSet<String> = people
            .find_all("w15:person")
            .iter()
            .filter_map(|p| p.attr("w15:author").map(str::to_owned))
            .collect();
        let authors: BTreeSet<String> = comments
            .find_all("w:comment")
            .iter()
            .filter_map(|c| c.attr("w:author").map(str::to_owned))
            .collect();
        if persons != authors {
            fail(format!(
                "people.xml lists {persons:?}, the comments' authors are {authors:?}"
            ));
        }
    }
}

/// Every thread part present, with a content type and a relationship.
fn thread_parts_declared(trees: &BTreeMap<&str, El>, fail: &mut dyn FnMut(String)) {
    let types = trees.get("[Content_Types].xml");
    let rels = trees.get("word/_rels/document.xml.rels");
    for part in THREAD_PARTS {
        if !trees.contains_key(part) {
            fail(format!("{part} missing"));
            continue;
        }
        let declared = types.is_some_and(|t| {
            t.find_all("Override")
                .iter()
                .any(|o| o.attr("PartName") == Some(&format!("/{part}")))
        });
        let related = rels.is_some_and(|r| {
            r.find_all("Relationship")
                .iter()
                .any(|o| o.attr("Target") == Some(part.trim_start_matches("word/")))
        });
        if !declared || !related {
            fail(format!(
                "{part}: content type declared {declared}, related {related}"
            ));
        }
    }
}

/// Comment id → the `w14:paraId` of its last paragraph; every paragraph
/// id present, unique and below 0x80000000.
fn comment_paragraphs(comments: &El, fail: &mut dyn FnMut(String)) -> BTreeMap<String, String> {
    let mut para_of = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for c in comments.find_all("w:comment") {
        let id = c.attr("w:id").unwrap_or("").to_owned();
        for p in c.find_all("w:p") {
            let para = p.attr("w14:paraId").unwrap_or("");
            if !hex_below(para, 0x8000_0000) || !seen.insert(para.to_owned()) {
                fail(format!(
                    "comment {id}: paragraph id {para:?} missing, out of range or repeated"
                ));
            }
        }
        if let Some(last) = c.find_all("w:p").last() {
            para_of.insert(id, last.attr("w14:paraId").unwrap_or("").to_owned());
        }
    }
    para_of
}

/// Paragraph id → parent paragraph id, from `commentsExtended.xml`: one
/// entry per comment, each naming a comment.
fn comments_extended(
    extended: &El,
    para_of: &BTreeMap<String, String>,
    comment_of: &BTreeMap<&str, &str>,
    fail: &mut dyn FnMut(String),
) -> BTreeMap<String, Option<String>> {
    let mut parent_of: BTreeMap<String, Option<String>> = BTreeMap::new();
    for ex in extended.find_all("w15:commentEx") {
        let para = ex.attr("w15:paraId").unwrap_or("");
        let parent = ex.attr("w15:paraIdParent");
        if !comment_of.contains_key(para) {
            fail(format!("commentEx {para} is no comment's last paragraph"));
        }
        if let Some(p) = parent.filter(|p| !comment_of.contains_key(p)) {
            fail(format!("commentEx {para}: parent {p} is no comment"));
        }
        if parent_of
            .insert(para.to_owned(), parent.map(str::to_owned))
            .is_some()
        {
            fail(format!("commentEx {para} twice"));
        }
    }
    for (id, para) in para_of {
        if !parent_of.contains_key(para) {
            fail(format!("comment {id} has no commentEx"));
        }
    }
    parent_of
}

/// One durable id per comment in `commentsIds.xml`, unique and below
/// 0x7FFFFFFF, and the same ids in `commentsExtensible.xml`.
fn durable_ids(
    trees: &BTreeMap<&str, El>,
    comment_of: &BTreeMap<&str, &str>,
    fail: &mut dyn FnMut(String),
) {
    let Some(ids) = trees.get("word/commentsIds.xml") else {
        return;
    };
    let mut durable = BTreeSet::new();
    let list = ids.find_all("w16cid:commentId");
    for c in &list {
        let d = c.attr("w16cid:durableId").unwrap_or("");
        if !hex_below(d, 0x7FFF_FFFF) || !durable.insert(d.to_owned()) {
            fail(format!("durable id {d:?} out of range or repeated"));
        }
        if !comment_of.contains_key(c.attr("w16cid:paraId").unwrap_or("")) {
            fail(format!(
                "commentId for no comment: {:?}",
                c.attr("w16cid:paraId")
            ));
        }
    }
    if list.len() != comment_of.len() {
        fail(format!(
            "{} durable ids for {} comments",
            list.len(),
            comment_of.len()
        ));
    }
    if let Some(ext) = trees.get("word/commentsExtensible.xml") {
        let listed: BTreeSet<String> = ext
            .find_all("w16cex:commentExtensible")
            .iter()
            .filter_map(|c| c.attr("w16cex:durableId").map(str::to_owned))
            .collect();
        if listed != durable {
            fail("commentsExtensible lists other durable ids than commentsIds".into());
        }
    }
}

/// Each comment's range as positions of its start and end among the
/// range markers of the main story.
fn ranges(document: &El) -> BTreeMap<String, (usize, usize)> {
    let mut out: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut position = 0;
    walk(document, &mut Vec::new(), &mut |e, _| {
        let start = match e.name.as_str() {
            "w:commentRangeStart" => true,
            "w:commentRangeEnd" => false,
            _ => return,
        };
        position += 1;
        let range = out
            .entry(e.attr("w:id").unwrap_or("").to_owned())
            .or_insert((usize::MAX, usize::MAX));
        if start {
            range.0 = position;
        } else {
            range.1 = position;
        }
    });
    out
}
