//! Word's list numbering (`word/numbering.xml`, and the numbering a
//! paragraph style carries in `word/styles.xml`), read far enough to say
//! what a numbered paragraph's label is made of: the document model has
//! no Word lists (bullets, letters, roman numerals, levels, restarts), so
//! the reader reports each paragraph whose label it cannot keep.

use super::package::Package;
use super::xml::{self, Elem};
use std::collections::HashMap;

const NUMBERING: &str = "word/numbering.xml";
const STYLES: &str = "word/styles.xml";

/// The numbering definitions of a package.
#[derive(Debug, Default)]
pub struct Numbering {
    /// `w:numId` → its abstract numbering's id.
    nums: HashMap<String, String>,
    /// Abstract numbering id → the number format (`w:numFmt`) of each level.
    formats: HashMap<String, Vec<String>>,
    /// Paragraph style id → the numbering it gives (`w:numId`, `w:ilvl`),
    /// through the styles it is based on.
    styles: HashMap<String, Level>,
}

/// A numbering and its level: `w:numId`, `w:ilvl`.
type Level = (String, usize);

/// Where a paragraph's number comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListLevel {
    /// `bullet`, `decimal`, `lowerLetter`, `lowerRoman`, … (`w:numFmt`).
    pub format: String,
    /// 0-based level (`w:ilvl`).
    pub level: usize,
}

impl Numbering {
    /// Reads the package's numbering and styles; a part that is missing or
    /// does not parse gives no definitions (the paragraphs then read as
    /// before, unreported).
    pub fn read(package: &Package) -> Numbering {
        let mut out = Numbering::default();
        let parse = |name| package.part(name).and_then(|b| xml::parse(name, b).ok());
        if let Some(root) = parse(NUMBERING) {
            for e in root.elems() {
                if e.is("abstractNum") {
                    let formats = e
                        .elems()
                        .filter(|l| l.is("lvl"))
                        .map(|l| {
                            l.child("numFmt")
                                .and_then(|f| f.attr("val"))
                                .unwrap_or("decimal")
                                .to_string()
                        })
                        .collect();
                    if let Some(id) = e.attr("abstractNumId") {
                        out.formats.insert(id.to_string(), formats);
                    }
                } else if e.is("num") {
                    let abs = e.child("abstractNumId").and_then(|a| a.attr("val"));
                    if let (Some(id), Some(abs)) = (e.attr("numId"), abs) {
                        out.nums.insert(id.to_string(), abs.to_string());
                    }
                }
            }
        }
        if let Some(root) = parse(STYLES) {
            out.styles = style_numbering(&root);
        }
        out
    }

    /// The list level a paragraph with these properties is numbered at:
    /// its own `w:numPr`, else its style's; `None` when it is not numbered
    /// (`w:numId` 0 switches a style's numbering off).
    pub fn level_of(&self, ppr: &Elem) -> Option<ListLevel> {
        let own = ppr.child("numPr");
        let style = ppr
            .child("pStyle")
            .and_then(|s| s.attr("val"))
            .and_then(|s| self.styles.get(s));
        let num_id = own
            .and_then(|n| n.child("numId"))
            .and_then(|i| i.attr("val"))
            .or(style.map(|s| s.0.as_str()))?;
        if num_id == "0" {
            return None;
        }
        let level = own
            .and_then(|n| n.child("ilvl"))
            .and_then(|i| i.attr("val"))
            .and_then(|v| v.parse().ok())
            .or(style.map(|s| s.1))
            .unwrap_or(0);
        let format = self
            .nums
            .get(num_id)
            .and_then(|a| self.formats.get(a))
            .and_then(|f| f.get(level))
            .cloned()
            .unwrap_or_else(|| "decimal".to_string());
        Some(ListLevel { format, level })
    }
}

/// Each paragraph style's numbering, its own or inherited (`w:basedOn`,
/// followed at most ten steps).
fn style_numbering(root: &Elem) -> HashMap<String, Level> {
    // Each style's own numbering and the style it is based on.
    let mut own: HashMap<String, (Option<Level>, Option<String>)> = HashMap::new();
    for s in root.elems().filter(|e| e.is("style")) {
        let Some(id) = s.attr("styleId") else {
            continue;
        };
        let num = s.child("pPr").and_then(|p| p.child("numPr")).and_then(|n| {
            let id = n.child("numId").and_then(|i| i.attr("val"))?;
            let level = n
                .child("ilvl")
                .and_then(|i| i.attr("val"))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            Some((id.to_string(), level))
        });
        let based = s
            .child("basedOn")
            .and_then(|b| b.attr("val"))
            .map(str::to_string);
        own.insert(id.to_string(), (num, based));
    }
    let mut out = HashMap::new();
    for id in own.keys() {
        let mut at = id;
        for _ in 0..10 {
            let Some((num, based)) = own.get(at) else {
                break;
            };
            if let Some(num) = num {
                out.insert(id.clone(), num.clone());
                break;
            }
            match based {
                Some(b) => at = b,
                None => break,
            }
        }
    }
    out
}

/// Whether paragraphs of this style are numbered by the document itself
/// (rapporteur's numbered paragraphs, subparagraphs and statement list
/// items, whose Word numbering the DOCX writer sets in the style): the
/// model keeps their numbers, so their Word numbering is no loss.
pub fn numbered_by_the_model(style: &str) -> bool {
    let key = style.to_ascii_lowercase().replace([' ', '-', '_'], "");
    matches!(
        key.as_str(),
        "numberedparagraph" | "subparagraph" | "subparagraph2" | "statementlistitem"
    )
}
