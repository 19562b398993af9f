//! The package's parts read into stories: the body (its masthead apart),
//! footnotes by id, comments with their replies, the core properties and
//! the stored structure, if any.

use super::masthead::Line;
use super::package::Package;
use super::report::{InFootnote, Problem, Unrepresented};
use super::wml::{Para, RawBlock, Reader, Story};
use super::xml::{self, Elem, Ns};
use crate::ooxml::provenance::Overlay;
use crate::ooxml::style::{in_masthead, ParagraphStyle};
use crate::ooxml::Part;
use std::collections::HashMap;

/// One comment of `comments.xml`.
#[derive(Debug, Clone)]
pub struct Comment {
    pub id: String,
    pub author: String,
    pub date: Option<String>,
    /// Its paragraphs' text, joined by spaces.
    pub text: String,
    /// The comment this one replies to (`commentsExtended.xml`).
    pub parent: Option<String>,
}

/// Everything read from the package, before it becomes a document.
pub struct Raw {
    /// The body after the masthead.
    pub body: Story,
    /// The masthead's paragraphs (rapporteur's masthead styles, Word's
    /// Title and Subtitle at the start of the body), in order.
    pub masthead: Vec<Line>,
    /// The first-page footer's first line, up to its first tab (where
    /// rapporteur prints the job number).
    pub first_footer: Option<String>,
    /// The page width (`w:pgSz`), in points.
    pub page_width: Option<f32>,
    pub footnotes: HashMap<String, Story>,
    /// Each footnote referred to in the body, as reports name it.
    pub footnote_spots: HashMap<String, InFootnote>,
    pub comments: Vec<Comment>,
    /// `docProps/core.xml`: title, subject, language, created.
    pub core: HashMap<String, String>,
    pub overlay: Option<Overlay>,
    pub unrepresented: Vec<Unrepresented>,
}

const DOCUMENT: &str = Part::Document.path();
const FOOTNOTES: &str = Part::Footnotes.path();
const ENDNOTES: &str = Part::Endnotes.path();
const COMMENTS: &str = Part::Comments.path();
const COMMENTS_EXTENDED: &str = Part::CommentsExtended.path();
const DOCUMENT_RELS: &str = Part::DocumentRels.path();
const CORE: &str = Part::CoreProperties.path();
const STRUCTURE: &str = Part::Structure.path();

impl Raw {
    pub fn read(package: &Package) -> Result<Raw, Problem> {
        let mut unrepresented = Vec::new();
        let document = xml::parse(DOCUMENT, package.part(DOCUMENT).unwrap_or_default())?;
        let body_elem = document
            .child("body")
            .ok_or_else(|| Problem::NotDocx(format!("{DOCUMENT} has no w:body")))?;
        let numbering = super::numbering::Numbering::read(package);
        let mut reader = Reader::new(DOCUMENT, &mut unrepresented).with_numbering(&numbering);
        let mut blocks = Vec::new();
        reader.blocks(body_elem, &mut blocks);
        let revisions = std::mem::take(&mut reader.story.revisions);
        let footnote_spots = footnote_spots(&blocks);
        let (masthead, mut blocks) = split_masthead(blocks);
        drop_end_rule(&mut blocks);
        let body = Story { blocks, revisions };
        let section = body_elem.child("sectPr");
        let page_width = section
            .and_then(|s| s.child("pgSz"))
            .and_then(|p| p.attr("w"))
            .and_then(|w| w.parse::<f32>().ok())
            .map(|twips| twips / 20.0);
        let first_footer = section.and_then(|s| first_footer(package, s));

        let mut footnotes = HashMap::new();
        if let Some(bytes) = package.part(FOOTNOTES) {
            let root = xml::parse(FOOTNOTES, bytes)?;
            for note in root.elems().filter(|e| e.is("footnote")) {
                if note.attr("type").is_some_and(|t| t != "normal") {
                    continue;
                }
                let id = note.attr("id").unwrap_or("").to_string();
                let spot = footnote_spots.get(&id).cloned().unwrap_or(InFootnote {
                    id: id.clone(),
                    mark: None,
                    referred_from: None,
                });
                let mut reader = Reader::new(FOOTNOTES, &mut unrepresented).in_footnote(spot);
                let mut blocks = Vec::new();
                reader.blocks(note, &mut blocks);
                let story = Story {
                    blocks,
                    revisions: std::mem::take(&mut reader.story.revisions),
                };
                footnotes.insert(id, story);
            }
        }
        if package.part(ENDNOTES).is_some_and(has_endnotes) {
            unrepresented.push(Unrepresented {
                what: "endnotes (the document has footnotes only)".into(),
                part: ENDNOTES.into(),
                paragraph: 0,
                footnote: None,
            });
        }
        let comments = comments(package, &mut unrepresented)?;
        let core = match package.part(CORE) {
            Some(bytes) => core(&xml::parse(CORE, bytes)?),
            None => HashMap::new(),
        };
        let overlay = match package.part(STRUCTURE) {
            Some(bytes) => {
                let root = xml::parse(STRUCTURE, bytes)?;
                // A part that does not read is another program's, or damaged:
                // the file is then read as any Word file.
                Overlay::from_toml(&root.text()).ok()
            }
            None => None,
        };
        Ok(Raw {
            body,
            masthead,
            first_footer,
            page_width,
            footnotes,
            footnote_spots,
            comments,
            core,
            overlay,
            unrepresented,
        })
    }
}

/// Where each footnote is referred to first, and the mark it prints
/// there: its custom mark, or the next number (custom marks take none).
/// Paragraphs count as [`Reader`] counts them, table cells included.
fn footnote_spots(blocks: &[RawBlock]) -> HashMap<String, InFootnote> {
    let mut out = HashMap::new();
    let mut number = 0;
    for (k, p) in super::blocks::flat_paras(blocks).into_iter().enumerate() {
        for item in &p.items {
            let super::wml::Item::FootnoteRef { id, custom, .. } = item else {
                continue;
            };
            if out.contains_key(id) {
                continue;
            }
            let mark = match custom.as_deref().map(str::trim) {
                Some(m) if !m.is_empty() => m.to_string(),
                _ => {
                    number += 1;
                    number.to_string()
                }
            };
            out.insert(
                id.clone(),
                InFootnote {
                    id: id.clone(),
                    mark: Some(mark),
                    referred_from: Some(k + 1),
                },
            );
        }
    }
    out
}

/// The first line of the footer the section gives the first page, up to
/// its first tab. A footer that does not read is no footer.
fn first_footer(package: &Package, section: &Elem) -> Option<String> {
    let id = section
        .elems()
        .filter(|e| e.is("footerReference"))
        .find(|e| e.attr("type") == Some("first"))?
        .attr("id")?;
    let rels = xml::parse(DOCUMENT_RELS, package.part(DOCUMENT_RELS)?).ok()?;
    let target = rels
        .elems()
        .find(|r| r.name == "Relationship" && r.attr("Id") == Some(id))?
        .attr("Target")?;
    let name = Part::resolve(Some(DOCUMENT), target);
    let footer = xml::parse(&name, package.part(&name)?).ok()?;
    // What a footer holds is not imported: its reports are not kept either.
    let mut ignored = Vec::new();
    let mut reader = Reader::new(&name, &mut ignored);
    let mut blocks = Vec::new();
    reader.blocks(&footer, &mut blocks);
    let first = super::blocks::flat_paras(&blocks).into_iter().next()?;
    let text = para_text(first);
    Some(text.split('\t').next().unwrap_or("").trim().to_string())
}

fn has_endnotes(bytes: &[u8]) -> bool {
    xml::parse(ENDNOTES, bytes).is_ok_and(|root| {
        root.elems()
            .filter(|e| e.is("endnote"))
            .any(|e| e.attr("type").is_none_or(|t| t == "normal"))
    })
}

fn para_text(p: &Para) -> String {
    let mut out = String::new();
    for item in &p.items {
        if let super::wml::Item::Text { text, revs, .. } = item {
            if revs.del.is_none() {
                out.push_str(text);
            }
        }
    }
    out.trim().to_string()
}

/// The footnotes a paragraph refers to, by id.
fn footnote_ids(p: &Para) -> Vec<String> {
    p.items
        .iter()
        .filter_map(|item| match item {
            super::wml::Item::FootnoteRef { id, .. } => Some(id.clone()),
            _ => None,
        })
        .collect()
}

impl Raw {
    /// The words of footnote `id` (deleted words left out), without its mark.
    pub fn footnote_text(&self, id: &str) -> Option<String> {
        let story = self.footnotes.get(id)?;
        let paras = super::blocks::flat_paras(&story.blocks);
        let text: Vec<String> = paras.into_iter().map(para_text).collect();
        Some(text.join(" ").trim().to_string())
    }
}

/// The short rule rapporteur sets after the last paragraph (an empty
/// paragraph in style `EndRule`): page furniture, not the body's text.
fn drop_end_rule(blocks: &mut Vec<RawBlock>) {
    if let Some(RawBlock::Para(p)) = blocks.last() {
        let rule = p
            .style
            .as_deref()
            .is_some_and(|s| ParagraphStyle::EndRule.is(s));
        if rule && p.items.is_empty() {
            blocks.pop();
        }
    }
}

/// Leading blocks in masthead styles (and a leading table whose every
/// paragraph is): the front matter, not the body.
fn split_masthead(blocks: Vec<RawBlock>) -> (Vec<Line>, Vec<RawBlock>) {
    let mut masthead = Vec::new();
    let mut rest = blocks.into_iter().peekable();
    while let Some(block) = rest.peek() {
        let paras: Vec<&Para> = match block {
            RawBlock::Para(p) => vec![p],
            RawBlock::Table(rows) => super::wml::table_paras(rows).collect(),
        };
        // LibreOffice puts an empty paragraph before a leading table.
        let empty = |p: &&Para| p.items.is_empty() && p.mark == super::wml::RevisionRefs::default();
        let all_masthead = !paras.is_empty()
            && paras
                .iter()
                .all(|p| p.style.as_deref().is_some_and(in_masthead) || empty(p));
        if !all_masthead {
            break;
        }
        for p in paras {
            masthead.push(Line {
                style: p.style.clone().unwrap_or_default(),
                text: para_text(p),
                footnotes: footnote_ids(p),
            });
        }
        rest.next();
    }
    (masthead, rest.collect())
}

fn comments(
    package: &Package,
    unrepresented: &mut Vec<Unrepresented>,
) -> Result<Vec<Comment>, Problem> {
    let Some(bytes) = package.part(COMMENTS) else {
        return Ok(Vec::new());
    };
    let root = xml::parse(COMMENTS, bytes)?;
    // Replies: a comment's last paragraph id → its parent's last paragraph id.
    let mut parent_of_para: HashMap<String, String> = HashMap::new();
    if let Some(bytes) = package.part(COMMENTS_EXTENDED) {
        let ext = xml::parse(COMMENTS_EXTENDED, bytes)?;
        for e in ext.elems().filter(|e| e.name == "commentEx") {
            if let (Some(p), Some(parent)) = (
                e.attr_ns(Ns::W15, "paraId"),
                e.attr_ns(Ns::W15, "paraIdParent"),
            ) {
                parent_of_para.insert(p.to_string(), parent.to_string());
            }
        }
    }
    let mut out = Vec::new();
    let mut id_of_para: HashMap<String, String> = HashMap::new();
    for c in root.elems().filter(|e| e.is("comment")) {
        let id = c.attr("id").unwrap_or("").to_string();
        let mut reader = Reader::new(COMMENTS, unrepresented);
        let mut blocks = Vec::new();
        reader.blocks(c, &mut blocks);
        let author = c.attr("author").unwrap_or("").trim().to_string();
        if blocks.iter().any(|b| matches!(b, RawBlock::Table(_))) {
            unrepresented.push(Unrepresented {
                what: format!(
                    "the table layout of the comment w:id=\"{id}\" by {author} (its cells' text is kept, one cell after another)"
                ),
                part: COMMENTS.into(),
                paragraph: 0,
                footnote: None,
            });
        }
        // A table's cells are read row by row, each paragraph as one.
        let texts: Vec<String> = super::blocks::flat_paras(&blocks)
            .into_iter()
            .map(para_text)
            .filter(|t| !t.is_empty())
            .collect();
        let last_para = c
            .elems()
            .filter(|e| e.is("p"))
            .last()
            .and_then(|p| p.attrs.iter().find(|(_, k, _)| *k == "paraId"))
            .map(|(_, _, v)| v.to_string());
        if let Some(p) = &last_para {
            id_of_para.insert(p.clone(), id.clone());
        }
        let text = crate::present::comment::without_lead(&texts.join(" "), &author).to_string();
        out.push((
            last_para,
            Comment {
                id,
                author,
                date: c.attr("date").map(str::to_string),
                text,
                parent: None,
            },
        ));
    }
    Ok(out
        .into_iter()
        .map(|(para, mut c)| {
            c.parent = para
                .and_then(|p| parent_of_para.get(&p))
                .and_then(|parent| id_of_para.get(parent))
                .cloned();
            c
        })
        .collect())
}

fn core(root: &Elem) -> HashMap<String, String> {
    root.elems()
        .map(|e| (e.name.to_string(), e.text().trim().to_string()))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}
