//! Word's list numbering (`word/numbering.xml`, and the numbering a
//! paragraph style carries in `word/styles.xml`): each numbered
//! paragraph's list level, its format (`w:numFmt`), its label's form
//! (`w:lvlText`) and its number as Word counts it (`w:start`, levels
//! restarting under their parent, `w:lvlOverride`/`w:startOverride`), so
//! that a Word list is read as the model's list ([`ListItem`]).

use super::package::Package;
use super::xml::{self, Elem};
use crate::model::{LabelForm, ListItem, ListLabel, NumberStyle, BULLETS};
use crate::ooxml::style::ParagraphStyle;
use std::cell::RefCell;
use std::collections::HashMap;

const NUMBERING: &str = crate::ooxml::Part::Numbering.path();
const STYLES: &str = crate::ooxml::Part::Styles.path();

/// One level of an abstract numbering.
#[derive(Debug, Clone, Default)]
struct LevelDef {
    /// `bullet`, `decimal`, `lowerLetter`, … (`w:numFmt`).
    format: String,
    /// `w:lvlText`: `%1.`, `(%2)`, a bullet character.
    text: String,
    /// `w:rFonts w:ascii` of the level's label: Symbol, Wingdings.
    font: String,
    start: u32,
    /// What follows the label (`w:suff`): a tab, a space or nothing.
    suffix: &'static str,
    /// `w:isLgl`: every number of the label in decimal.
    legal: bool,
}

/// A `w:num`: its abstract numbering and the levels it starts anew.
#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    overrides: HashMap<usize, u32>,
}

/// The numbering definitions of a package.
#[derive(Debug, Default)]
pub struct Numbering {
    nums: HashMap<String, Num>,
    /// Abstract numbering id → its levels.
    abstracts: HashMap<String, Vec<LevelDef>>,
    /// Paragraph style id → the numbering it gives (`w:numId`, `w:ilvl`),
    /// through the styles it is based on.
    styles: HashMap<String, Level>,
    /// Word's counters, per list instance (a `w:num` with overrides, or
    /// an abstract numbering the `w:num`s without share) and level.
    counters: RefCell<HashMap<String, [Option<u32>; 9]>>,
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
    /// The item as the model holds it, numbered as Word counts; `None`
    /// for a format or label the model has no place for.
    pub item: Option<ListItem>,
    /// What of the label the model cannot keep, when something.
    pub loss: Option<String>,
    /// The label as Word shows it (`1.2`, `Article 3`), with what
    /// follows it (a tab, a space or nothing); empty for a bullet.
    pub label: String,
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
                    if let Some(id) = e.attr("abstractNumId") {
                        out.abstracts.insert(id.to_string(), levels(e));
                    }
                } else if e.is("num") {
                    let abs = e.child("abstractNumId").and_then(|a| a.attr("val"));
                    if let (Some(id), Some(abs)) = (e.attr("numId"), abs) {
                        let overrides = e
                            .elems()
                            .filter(|o| o.is("lvlOverride"))
                            .filter_map(|o| {
                                let level = o.attr("ilvl")?.parse().ok()?;
                                let start = o.child("startOverride")?.attr("val")?.parse().ok()?;
                                Some((level, start))
                            })
                            .collect();
                        let num = Num {
                            abstract_id: abs.to_string(),
                            overrides,
                        };
                        out.nums.insert(id.to_string(), num);
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
    /// (`w:numId` 0 switches a style's numbering off). Each call counts
    /// the paragraph in its list, as Word does: call it once per
    /// paragraph, in document order.
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
            .unwrap_or(0)
            .min(8);
        let num = self.nums.get(num_id);
        let def = num
            .and_then(|n| self.abstracts.get(&n.abstract_id))
            .and_then(|l| l.get(level))
            .cloned()
            .unwrap_or_else(|| LevelDef {
                format: "decimal".into(),
                text: format!("%{}.", level + 1),
                font: String::new(),
                start: 1,
                suffix: "\t",
                legal: false,
            });
        let start = num
            .and_then(|n| n.overrides.get(&level).copied())
            .unwrap_or(def.start);
        let counters = self.count(num_id, num, level, start);
        let number = counters[level].unwrap_or(start);
        let (item, loss) = item_of(&def, level, number);
        let label = if def.format == "bullet" {
            String::new()
        } else {
            let defs = num.and_then(|n| self.abstracts.get(&n.abstract_id));
            let start_of = |k: usize| {
                num.and_then(|n| n.overrides.get(&k).copied())
                    .or(defs.and_then(|d| d.get(k)).map(|d| d.start))
                    .unwrap_or(1)
            };
            let mut label = String::new();
            let mut chars = def.text.chars().peekable();
            while let Some(c) = chars.next() {
                let k = chars
                    .peek()
                    .and_then(|d| d.to_digit(10))
                    .filter(|d| (1..=9).contains(d));
                match k {
                    Some(k) if c == '%' => {
                        chars.next();
                        let k = k as usize - 1;
                        let n = counters[k].unwrap_or_else(|| start_of(k));
                        let format = defs.and_then(|d| d.get(k)).map_or("decimal", |d| {
                            if def.legal {
                                "decimal"
                            } else {
                                d.format.as_str()
                            }
                        });
                        label.push_str(&shown(format, n));
                    }
                    _ => label.push(c),
                }
            }
            if !label.trim().is_empty() {
                label.push_str(def.suffix);
            }
            label
        };
        Some(ListLevel {
            format: def.format,
            level,
            item,
            loss,
            label,
        })
    }

    /// Counts the next item of level `level` in the list `num_id` belongs
    /// to, as Word does: the list's counters after it, by level (`None`
    /// for a level not yet used since its parent's last item).
    fn count(&self, num_id: &str, num: Option<&Num>, level: usize, start: u32) -> [Option<u32>; 9] {
        let key = match num {
            Some(n) if n.overrides.is_empty() => format!("a{}", n.abstract_id),
            _ => format!("n{num_id}"),
        };
        let mut counters = self.counters.borrow_mut();
        let levels = counters.entry(key).or_default();
        let n = levels[level].map_or(start, |last| last + 1);
        levels[level] = Some(n);
        for deeper in &mut levels[level + 1..] {
            *deeper = None;
        }
        *levels
    }
}

/// A number in a level's format (`w:numFmt`), as a label shows it;
/// a format the model has no name for is shown in decimal.
fn shown(format: &str, n: u32) -> String {
    match format {
        "lowerLetter" => crate::model::letters(n, false),
        "upperLetter" => crate::model::letters(n, true),
        "lowerRoman" => crate::model::roman(n, false),
        "upperRoman" => crate::model::roman(n, true),
        "decimalZero" => format!("{n:02}"),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|d| char::from_u32(d as u32 + 0xFEE0).unwrap_or(d))
            .collect(),
        "none" | "bullet" => String::new(),
        _ => n.to_string(),
    }
}

/// The levels of a `w:abstractNum`, by `w:ilvl`.
fn levels(e: &Elem) -> Vec<LevelDef> {
    let mut out = vec![LevelDef::default(); 9];
    for l in e.elems().filter(|l| l.is("lvl")) {
        let Some(level) = l.attr("ilvl").and_then(|v| v.parse::<usize>().ok()) else {
            continue;
        };
        let Some(slot) = out.get_mut(level) else {
            continue;
        };
        let val = |name: &str| {
            l.child(name)
                .and_then(|c| c.attr("val"))
                .map(str::to_string)
        };
        *slot = LevelDef {
            format: val("numFmt").unwrap_or_else(|| "decimal".into()),
            text: val("lvlText").unwrap_or_default(),
            font: l
                .child("rPr")
                .and_then(|r| r.child("rFonts"))
                .and_then(|f| f.attr("ascii").or(f.attr("hAnsi")))
                .unwrap_or("")
                .to_string(),
            start: val("start").and_then(|s| s.parse().ok()).unwrap_or(1),
            suffix: match val("suff").as_deref() {
                Some("space") => " ",
                Some("nothing") => "",
                _ => "\t",
            },
            legal: l.flag("isLgl"),
        };
    }
    out
}

/// The model's item for a level's definition and number, and what of the
/// label it loses.
fn item_of(def: &LevelDef, level: usize, number: u32) -> (Option<ListItem>, Option<String>) {
    // An empty level text shows nothing: a paragraph like any other.
    if def.text.trim().is_empty() {
        return (None, None);
    }
    let style = match def.format.as_str() {
        "bullet" => {
            let item = ListItem {
                level: level as u8 + 1,
                label: ListLabel::Bullet(bullet(&def.text, &def.font)),
            };
            return (Some(item), None);
        }
        "decimal" => NumberStyle::Decimal,
        "lowerLetter" => NumberStyle::LowerLetter,
        "upperLetter" => NumberStyle::UpperLetter,
        "lowerRoman" => NumberStyle::LowerRoman,
        "upperRoman" => NumberStyle::UpperRoman,
        "none" => return (None, None),
        other => return (None, Some(format!("the number format {other}"))),
    };
    let own = format!("%{}", level + 1);
    let form = match def.text.trim() {
        t if t == format!("{own}.") => LabelForm::Period,
        t if t == format!("{own})") => LabelForm::Paren,
        t if t == format!("({own})") => LabelForm::Parens,
        t => return (None, Some(format!("the label form \"{t}\""))),
    };
    let item = ListItem {
        level: level as u8 + 1,
        label: ListLabel::Number {
            style,
            form,
            number: number.max(1),
        },
    };
    (Some(item), None)
}

/// The bullet a level's text shows: a Symbol or Wingdings character (in
/// Unicode's private area, as Word writes them) as the character it
/// draws, Courier's `o` as `◦`; any other not one of [`BULLETS`] as `•`.
fn bullet(text: &str, font: &str) -> char {
    let Some(c) = text.chars().next() else {
        return BULLETS[0];
    };
    let code = u32::from(c);
    let symbol = if (0xF020..=0xF0FF).contains(&code) {
        code - 0xF000
    } else {
        code
    };
    let wingdings = font.to_ascii_lowercase().starts_with("wingdings");
    let shown = match (symbol, wingdings) {
        (0xA7, true) => '▪',
        (0x6E, true) => '■',
        (0x71, true) | (0xA8, true) => '□',
        (0xD8, true) => '➢',
        (0xFC, true) => '✓',
        (0x76, true) => '❖',
        (0x2D, _) => '–',
        (0xB7, _) => '•',
        _ if c == 'o' => '◦',
        _ if c == '-' => '–',
        _ => c,
    };
    if BULLETS.contains(&shown) {
        shown
    } else {
        BULLETS[0]
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
    ParagraphStyle::recognise(style).is_some_and(by_the_model)
}

/// [`numbered_by_the_model`] of a style recognised.
pub fn by_the_model(style: ParagraphStyle) -> bool {
    use ParagraphStyle as S;
    match style {
        S::NumberedParagraph | S::Subparagraph | S::Subparagraph2 | S::StatementListItem => true,
        S::Normal
        | S::BodyText
        | S::StatementText
        | S::Quote
        | S::Title
        | S::Subtitle
        | S::Heading(_)
        | S::PointHeading
        | S::TableText
        | S::TableHeader
        | S::FootnoteText
        | S::CommentText
        | S::HeaderOdd
        | S::HeaderEven
        | S::Footer
        | S::FooterFirst
        | S::FooterBarcode
        | S::MastheadTopLine
        | S::MastheadOrgan
        | S::MastheadInfo
        | S::MastheadColumn
        | S::MastheadSession
        | S::MastheadAgendaTitle
        | S::MastheadRule
        | S::MastheadEmblem
        | S::EndRule => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(format: &str, text: &str, font: &str) -> LevelDef {
        LevelDef {
            format: format.into(),
            text: text.into(),
            font: font.into(),
            start: 1,
            suffix: "\t",
            legal: false,
        }
    }

    #[test]
    fn a_level_s_format_and_text_make_the_item_s_label() {
        let label = |d: &LevelDef, level, n| item_of(d, level, n).0.map(|i| i.label_text());
        assert_eq!(
            label(&def("lowerLetter", "%2)", ""), 1, 3).as_deref(),
            Some("c)")
        );
        assert_eq!(
            label(&def("upperRoman", "(%1)", ""), 0, 4).as_deref(),
            Some("(IV)")
        );
        assert_eq!(
            label(&def("decimal", "%1.", ""), 0, 2).as_deref(),
            Some("2.")
        );
        // Symbol's and Wingdings' private-use bullets, Courier's `o`.
        assert_eq!(
            label(&def("bullet", "\u{f0b7}", "Symbol"), 0, 1).as_deref(),
            Some("•")
        );
        assert_eq!(
            label(&def("bullet", "\u{f0a7}", "Wingdings"), 0, 1).as_deref(),
            Some("▪")
        );
        assert_eq!(
            label(&def("bullet", "o", "Courier New"), 1, 1).as_deref(),
            Some("◦")
        );
        assert_eq!(
            label(&def("bullet", "\u{f0e0}", "Webdings"), 0, 1).as_deref(),
            Some("•")
        );
        // No text: no label, and nothing lost.
        assert_eq!(item_of(&def("decimal", "", ""), 0, 1), (None, None));
        // A label the model cannot hold is reported.
        let (item, loss) = item_of(&def("decimal", "%1.%2", ""), 1, 1);
        assert!(item.is_none());
        assert!(loss.is_some_and(|l| l.contains("%1.%2")));
        let (item, loss) = item_of(&def("ordinal", "%1", ""), 0, 1);
        assert!(item.is_none() && loss.is_some());
    }
}
