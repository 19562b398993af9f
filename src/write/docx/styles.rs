//! `word/styles.xml`: the document defaults (font, size, the document
//! language, which Word's hyphenation and spelling need) and every style
//! the writer names, properties in schema order as they are added. Every
//! figure comes from `templates/un.toml` ([`HouseStyle`]).

use super::units::{eighths, half_points, twips};
use super::wml::NS_W;
use super::xml::{self, Elem, Part};
use crate::house::style::HouseStyle;
use crate::model::Language;
use crate::ooxml::style::{CharacterStyle, ParagraphStyle as P, TableStyle, PARAGRAPH_NUM_ID};

/// The height of the masthead rule's paragraph, in points.
pub(crate) const MASTHEAD_RULE_LINE: f32 = 2.0;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Paragraph,
    Character,
    Table,
}

struct Def {
    id: &'static str,
    name: &'static str,
    kind: Kind,
    based_on: Option<&'static str>,
    next: Option<&'static str>,
    ppr: Vec<Elem>,
    rpr: Vec<Elem>,
    tblpr: Vec<Elem>,
    default: bool,
    hidden: bool,
}

impl Def {
    fn new(id: &'static str, name: &'static str, kind: Kind) -> Def {
        Def {
            id,
            name,
            kind,
            based_on: None,
            next: None,
            ppr: Vec::new(),
            rpr: Vec::new(),
            tblpr: Vec::new(),
            default: false,
            hidden: false,
        }
    }
    fn para(style: P, based_on: P) -> Def {
        Def::new(style.id(), style.name(), Kind::Paragraph).based(based_on)
    }
    fn chars(style: CharacterStyle) -> Def {
        Def::new(style.id(), style.name(), Kind::Character)
    }
    fn based(mut self, on: P) -> Def {
        self.based_on = Some(on.id());
        self
    }
    fn next(mut self, next: P) -> Def {
        self.next = Some(next.id());
        self
    }
    fn p(mut self, e: Elem) -> Def {
        self.ppr.push(e);
        self
    }
    fn r(mut self, e: Elem) -> Def {
        self.rpr.push(e);
        self
    }
    fn hidden(mut self) -> Def {
        self.hidden = true;
        self
    }
    fn bold(self) -> Def {
        self.r(on("w:b")).r(on("w:bCs"))
    }
    fn italic(self) -> Def {
        self.r(on("w:i")).r(on("w:iCs"))
    }
    fn size(self, pt: f32) -> Def {
        self.r(val("w:sz", half_points(pt)))
            .r(val("w:szCs", half_points(pt)))
    }

    fn build(self) -> Elem {
        let kind = match self.kind {
            Kind::Paragraph => "paragraph",
            Kind::Character => "character",
            Kind::Table => "table",
        };
        let mut e = Elem::new("w:style")
            .with_attr("w:type", kind)
            .with_attr("w:styleId", self.id);
        if self.default {
            e.set_attr("w:default", "1");
        }
        e = e.with_child(Elem::new("w:name").with_attr("w:val", self.name));
        if let Some(b) = self.based_on {
            e = e.with_child(Elem::new("w:basedOn").with_attr("w:val", b));
        }
        if let Some(n) = self.next {
            e = e.with_child(Elem::new("w:next").with_attr("w:val", n));
        }
        if self.hidden {
            e = e
                .with_child(Elem::new("w:semiHidden"))
                .with_child(Elem::new("w:unhideWhenUsed"));
        } else {
            e = e.with_child(Elem::new("w:qFormat"));
        }
        for (name, children) in [
            ("w:pPr", self.ppr),
            ("w:rPr", self.rpr),
            ("w:tblPr", self.tblpr),
        ] {
            if !children.is_empty() {
                let mut p = Elem::new(name);
                p.children = children.into_iter().map(xml::Node::Elem).collect();
                e = e.with_child(p);
            }
        }
        e
    }
}

fn val(name: &str, v: impl ToString) -> Elem {
    Elem::new(name).with_attr("w:val", &v.to_string())
}

fn on(name: &str) -> Elem {
    Elem::new(name)
}

fn spacing(before: f32, after: f32) -> Elem {
    Elem::new("w:spacing")
        .with_attr("w:before", &twips(before).to_string())
        .with_attr("w:after", &twips(after).to_string())
}

/// `w:spacing` of an exact line height and the space after it, in points.
fn exact(line: f32, after: f32) -> Elem {
    exact_between(0.0, line, after)
}

/// `w:spacing` of an exact line height, with space before and after it.
fn exact_between(before: f32, line: f32, after: f32) -> Elem {
    Elem::new("w:spacing")
        .with_attr("w:before", &twips(before).to_string())
        .with_attr("w:after", &twips(after).to_string())
        .with_attr("w:line", &twips(line).to_string())
        .with_attr("w:lineRule", "exact")
}

fn ind(left: f32, hanging: f32, right: f32) -> Elem {
    let mut e = Elem::new("w:ind")
        .with_attr("w:left", &twips(left).to_string())
        .with_attr("w:right", &twips(right).to_string());
    if hanging > 0.0 {
        e.set_attr("w:hanging", &twips(hanging).to_string());
    }
    e
}

/// `w:ind` whose first line starts `first` points further in than the
/// turnovers (a label's degree: the turnovers come back under the number).
fn ind_first(left: f32, first: f32, right: f32) -> Elem {
    let mut e = ind(left, 0.0, right);
    if first > 0.0 {
        e.set_attr("w:firstLine", &twips(first).to_string());
    }
    e
}

/// `w:tabs` of several stops, in order.
fn tabs(stops: &[(&str, f32)]) -> Elem {
    let mut e = Elem::new("w:tabs");
    for (kind, pos) in stops {
        e = e.with_child(
            Elem::new("w:tab")
                .with_attr("w:val", kind)
                .with_attr("w:pos", &twips(*pos).to_string()),
        );
    }
    e
}

fn tab(kind: &str, pos: f32) -> Elem {
    tabs(&[(kind, pos)])
}

/// A single rule at the bottom (or top) of a paragraph, `width` in points.
pub(crate) fn rule(side: &str, width: f32) -> Elem {
    Elem::new("w:pBdr").with_child(
        Elem::new(side)
            .with_attr("w:val", "single")
            .with_attr("w:sz", &eighths(width).to_string())
            .with_attr("w:space", "1")
            .with_attr("w:color", "auto"),
    )
}

/// The whole styles part. `text_width` is the width between the margins,
/// in points; `lang` the BCP 47 tag of the document language, `language`
/// the language itself: Arabic is set right to left, with its own
/// complex-script font, Chinese with its own East Asian font.
/// `organ` is the masthead's organ name, whose length sets its size.
pub(crate) fn part(
    style: &HouseStyle,
    text_width: f32,
    (lang, language): (&str, Language),
    organ: Option<&str>,
) -> Part {
    let mut defs = body_styles(style);
    defs.extend(heading_styles(style));
    defs.extend(note_and_running_styles(style, text_width));
    let organ_size = organ.map_or(style.masthead.organ_size, |o| {
        style.masthead.organ_size_for(o)
    });
    defs.extend(masthead_styles(
        style,
        text_width,
        language == Language::Ar,
        organ_size,
    ));
    let mut table_normal = Def::new(
        TableStyle::TableNormal.id(),
        TableStyle::TableNormal.name(),
        Kind::Table,
    )
    .hidden();
    table_normal.default = true;
    table_normal.tblpr = vec![cell_margins()];
    defs.push(table_normal);

    let mut root = Elem::new("w:styles")
        .with_attr("xmlns:w", NS_W)
        .with_child(doc_defaults(&style.body, lang, language));
    for d in defs {
        root = root.with_child(d.build());
    }
    Part { root }
}

/// Normal and the styles of the body's paragraphs, the title and subtitle.
fn body_styles(style: &HouseStyle) -> Vec<Def> {
    let b = &style.body;
    let m = &style.masthead;
    let mut normal =
        Def::new(P::Normal.id(), P::Normal.name(), Kind::Paragraph).p(val("w:jc", "both"));
    normal.default = true;
    vec![
        normal,
        Def::para(P::BodyText, P::Normal)
            .p(spacing(0.0, b.space_after))
            .p(ind(b.indent, 0.0, b.right_indent)),
        // The number at the text's edge, a tab, the turnovers under the
        // number (the numbering level carries the same indent and tab).
        Def::para(P::NumberedParagraph, P::BodyText)
            .p(Elem::new("w:numPr").with_child(val("w:numId", PARAGRAPH_NUM_ID)))
            .p(tab("left", b.number_indent + b.hanging))
            .p(ind(b.number_indent, 0.0, b.right_indent)),
        // A subparagraph's label one tab in per degree, a tab, the
        // turnovers under the paragraph number.
        Def::para(P::Subparagraph, P::BodyText)
            .p(tab("left", b.sub_indent + b.sub_hanging))
            .p(ind_first(b.indent, b.sub_indent - b.indent, b.right_indent)),
        Def::para(P::Subparagraph2, P::BodyText)
            .p(tab("left", b.subsub_indent + b.sub_hanging))
            .p(ind_first(
                b.indent,
                b.subsub_indent - b.indent,
                b.right_indent,
            )),
        Def::para(P::StatementText, P::BodyText),
        Def::para(P::StatementListItem, P::BodyText)
            .p(tab("left", b.sub_indent + b.sub_hanging))
            .p(ind_first(b.indent, b.sub_indent - b.indent, b.right_indent)),
        Def::para(P::Quote, P::BodyText).p(ind(
            b.quote_indent,
            0.0,
            b.right_indent + b.quote_indent - b.indent,
        )),
        // Title and subtitle in the text block, as the PDF sets them.
        Def::para(P::Title, P::Normal)
            .next(P::Subtitle)
            .p(on("w:keepNext"))
            .p(spacing(m.title_space_before, m.subtitle_space_before))
            .p(ind(b.indent, 0.0, b.right_indent))
            .p(val("w:jc", "left"))
            .bold()
            .size(m.title_size),
        Def::para(P::Subtitle, P::Normal)
            .next(P::BodyText)
            .p(on("w:keepNext"))
            .p(spacing(0.0, m.space_after))
            .p(ind(b.indent, 0.0, b.right_indent))
            .p(val("w:jc", "left"))
            .bold()
            .size(m.subtitle_size),
    ]
}

/// Headings by level: chapters and sections numbered (the number hangs
/// in the indent), level 3 bold, deeper ones italic; then the point
/// heading.
fn heading_styles(style: &HouseStyle) -> Vec<Def> {
    let b = &style.body;
    let h = &style.heading;
    let chapter = (
        h.chapter_size,
        h.chapter_space_before,
        h.chapter_space_after,
    );
    let section = (
        h.section_size,
        h.section_space_before,
        h.section_space_after,
    );
    let sub = (h.sub_size, h.sub_space_before, h.sub_space_after);
    let levels = [chapter, section, sub, sub, sub, sub];
    (0..levels.len())
        .map(|level| {
            let (size, before, after) = levels[level];
            let numbered = level < 2;
            let mut d = Def::para(P::heading(level as u8 + 1), P::Normal)
                .next(P::BodyText)
                .p(on("w:keepNext"))
                .p(on("w:keepLines"));
            if numbered {
                d = d.p(tab("left", b.indent));
            }
            // A number hangs where the PDF's does (a tab before the text);
            // an unnumbered heading's paragraph undoes the hang
            // (`wml::ParagraphProps::indent`).
            d = d
                .p(spacing(before, after))
                .p(ind(
                    b.indent,
                    if numbered { heading_hang(b) } else { 0.0 },
                    b.right_indent,
                ))
                .p(val("w:jc", "left"))
                .p(val("w:outlineLvl", level));
            let d = if level < 3 { d.bold() } else { d.italic() };
            d.size(size)
        })
        .chain([Def::para(P::PointHeading, P::Normal)
            .next(P::BodyText)
            .p(on("w:keepNext"))
            .p(spacing(h.point_space_before, h.point_space_after))
            .p(ind(b.indent, 0.0, b.right_indent))
            .p(val("w:jc", "left"))
            .italic()])
        .collect()
}

/// How far a chapter or section number hangs before the heading's text:
/// the PDF's label starts at `number_indent - hanging` from the margin.
pub(crate) fn heading_hang(b: &crate::house::style::Body) -> f32 {
    b.indent - (b.number_indent - b.hanging)
}

/// The styles of table text, footnotes, comments, running heads and page
/// numbers.
fn note_and_running_styles(style: &HouseStyle, text_width: f32) -> Vec<Def> {
    let b = &style.body;
    let f = &style.footnote;
    let r = &style.running;
    vec![
        // Smaller than the body, as the PDF sets tables.
        Def::para(P::TableText, P::Normal)
            .p(spacing(0.0, 0.0))
            .p(val("w:jc", "left"))
            .size(b.table_size),
        Def::para(P::TableHeader, P::TableText).bold(),
        Def::para(P::FootnoteText, P::Normal)
            .hidden()
            .p(Elem::new("w:spacing")
                .with_attr("w:after", "0")
                .with_attr("w:line", &twips(f.leading).to_string())
                .with_attr("w:lineRule", "atLeast"))
            .p(ind(f.indent, f.hanging, b.right_indent))
            .size(f.font_size),
        Def::chars(CharacterStyle::FootnoteReference)
            .hidden()
            .r(val("w:vertAlign", "superscript")),
        Def::para(P::CommentText, P::Normal)
            .hidden()
            .p(val("w:jc", "left")),
        Def::chars(CharacterStyle::CommentReference).hidden(),
        Def::para(P::HeaderOdd, P::Normal)
            .hidden()
            .p(rule("w:bottom", r.rule_width))
            .p(val("w:jc", "right"))
            .bold()
            .size(r.size),
        Def::para(P::HeaderEven, P::HeaderOdd)
            .hidden()
            .p(val("w:jc", "left")),
        Def::para(P::Footer, P::Normal)
            .hidden()
            .p(tab("right", text_width))
            .p(val("w:jc", "left"))
            .size(r.size),
        Def::chars(CharacterStyle::PageNumber).hidden().bold(),
        // Page 1's foot reaches as high as the PDF's first page's bottom
        // margin, so that Word ends page 1's text where the PDF does.
        Def::para(P::FooterFirst, P::Footer)
            .hidden()
            .p(spacing(first_foot_space(style), 0.0))
            .size(r.job_size),
        Def::para(P::FooterBarcode, P::Footer)
            .hidden()
            .p(spacing(barcode_space(style), 0.0)),
    ]
}

/// Above the barcode's paragraph: the bars' top `barcode_drop` below the
/// job number's baseline (a line of `leading` holds the job number).
fn barcode_space(style: &HouseStyle) -> f32 {
    let r = &style.running;
    (r.barcode_drop - (style.body.leading - r.job_size) / 2.0).max(0.0)
}

/// Above page 1's job number: what raises the first-page footer's top to
/// the first page's bottom margin (the footer's job line, the space over
/// the bars and the bars below it).
fn first_foot_space(style: &HouseStyle) -> f32 {
    let g = &style.page.a4;
    let r = &style.running;
    let footer = style.body.leading + barcode_space(style) + r.barcode_height;
    (g.first_margin_bottom - g.footer_distance - footer).max(0.0)
}

/// The masthead's styles.
fn masthead_styles(style: &HouseStyle, text_width: f32, rtl: bool, organ_size: f32) -> Vec<Def> {
    let b = &style.body;
    let m = &style.masthead;
    vec![
        // "United Nations" after the emblem's room (a tab there), the
        // symbol at the right margin.
        Def::para(P::MastheadTopLine, P::Normal)
            .hidden()
            .p(rule("w:bottom", m.rule_width))
            .p(tabs(&[("left", m.emblem_column), ("right", text_width)]))
            .p(val("w:jc", "left"))
            .size(m.symbol_rest_size),
        Def::chars(CharacterStyle::MastheadUnitedNations)
            .hidden()
            .size(m.united_nations_size),
        Def::chars(CharacterStyle::MastheadSymbol)
            .hidden()
            .size(m.symbol_first_size),
        Def::para(P::MastheadOrgan, P::Normal)
            .hidden()
            .p(val("w:jc", "left"))
            .bold()
            .size(organ_size),
        // The session and agenda lines in the PDF's narrow column.
        Def::para(P::MastheadInfo, P::Normal)
            .hidden()
            .p(ind(
                0.0,
                0.0,
                text_width - (text_width * m.info_width).min(m.right_column),
            ))
            .p(val("w:jc", "left"))
            .size(m.info_size),
        Def::para(P::MastheadEmblem, P::Normal).hidden(),
        Def::para(P::MastheadRule, P::Normal)
            .hidden()
            .p(rule("w:bottom", m.heavy_rule_width))
            .p(exact(MASTHEAD_RULE_LINE, m.info_drop))
            .size(MASTHEAD_RULE_LINE),
        // A paragraph as wide as the rule, centred in the text block.
        // Its border `end_rule_drop` below the last baseline: the last
        // line's descent (a fifth of the leading) and the space after it
        // come first.
        Def::para(P::EndRule, P::Normal)
            .hidden()
            .p(rule("w:bottom", m.rule_width))
            .p(exact_between(
                (m.end_rule_drop - b.space_after - 0.22 * b.leading - 2.0).max(0.0),
                2.0,
                0.0,
            ))
            .p(ind(
                b.indent + (text_width - b.indent - b.right_indent - m.end_rule_width) / 2.0,
                0.0,
                b.right_indent + (text_width - b.indent - b.right_indent - m.end_rule_width) / 2.0,
            ))
            .size(2.0),
        masthead_column(rtl),
        Def::para(P::MastheadSession, P::MastheadInfo)
            .hidden()
            .bold(),
        Def::para(P::MastheadAgendaTitle, P::MastheadInfo)
            .hidden()
            .p(spacing(0.0, b.space_after))
            .r(on("w:b"))
            .r(on("w:bCs")),
    ]
}

/// The run and paragraph defaults: the body font and size, the document
/// language; for Arabic paragraphs right to left (`w:bidi`) with its
/// complex-script font, for Chinese its East Asian font.
fn doc_defaults(b: &crate::house::style::Body, lang: &str, language: Language) -> Elem {
    let rtl = language == Language::Ar;
    let font = Elem::new("w:rFonts")
        .with_attr("w:ascii", &b.font)
        .with_attr("w:hAnsi", &b.font)
        .with_attr(
            "w:eastAsia",
            if language == Language::Zh {
                &b.east_asian_font
            } else {
                &b.font
            },
        )
        .with_attr("w:cs", if rtl { &b.complex_font } else { &b.font });
    let lang_el = Elem::new("w:lang")
        .with_attr("w:val", lang)
        .with_attr("w:eastAsia", lang)
        .with_attr("w:bidi", lang);
    let rpr_default = Elem::new("w:rPr")
        .with_child(font)
        .with_child(val("w:sz", half_points(b.font_size)))
        .with_child(val("w:szCs", half_points(b.font_size)))
        .with_child(lang_el);
    // Leading is "at least" so that larger headings and superscripts get
    // the room they need while body lines keep the house leading.
    let leading = Elem::new("w:spacing")
        .with_attr("w:after", "0")
        .with_attr("w:line", &twips(b.leading).to_string())
        .with_attr("w:lineRule", "atLeast");
    let mut ppr_default = Elem::new("w:pPr");
    if rtl {
        // Paragraphs right to left by default; `w:rtl` goes on the runs of
        // Arabic text (the schema has no `w:rtl` in defaults or styles).
        ppr_default = ppr_default.with_child(Elem::new("w:bidi"));
    }
    ppr_default = ppr_default.with_child(leading);
    Elem::new("w:docDefaults")
        .with_child(Elem::new("w:rPrDefault").with_child(rpr_default))
        .with_child(Elem::new("w:pPrDefault").with_child(ppr_default))
}

/// The English Distr. column's style: left to right even in an Arabic
/// document (its runs are Latin text, without `w:rtl`).
fn masthead_column(rtl: bool) -> Def {
    let column = Def::para(P::MastheadColumn, P::MastheadInfo).hidden();
    let column = if rtl {
        column.p(Elem::new("w:bidi").with_attr("w:val", "0"))
    } else {
        column
    };
    // Its cell is its column: not the session lines' narrow one.
    column.p(ind(0.0, 0.0, 0.0))
}

fn cell_margins() -> Elem {
    let side = |name: &str| {
        Elem::new(name)
            .with_attr("w:w", "108")
            .with_attr("w:type", "dxa")
    };
    Elem::new("w:tblCellMar")
        .with_child(
            Elem::new("w:top")
                .with_attr("w:w", "0")
                .with_attr("w:type", "dxa"),
        )
        .with_child(side("w:left"))
        .with_child(
            Elem::new("w:bottom")
                .with_attr("w:w", "0")
                .with_attr("w:type", "dxa"),
        )
        .with_child(side("w:right"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The styles part defines every style of the vocabulary, and nothing
    /// else: a style added there is written here, and the reader has it.
    #[test]
    fn the_styles_part_defines_the_vocabularys_styles() {
        for (lang, language) in [("en-GB", Language::En), ("ar-SA", Language::Ar)] {
            let part = part(
                HouseStyle::for_language(language),
                453.0,
                (lang, language),
                Some("Security Council"),
            );
            let xml = String::from_utf8(xml::serialize(&part)).unwrap();
            let written: BTreeSet<&str> = xml
                .split("w:styleId=\"")
                .skip(1)
                .filter_map(|rest| rest.split('"').next())
                .collect();
            let vocabulary: BTreeSet<&str> = P::ALL
                .iter()
                .map(|s| s.id())
                .chain(CharacterStyle::ALL.iter().map(|s| s.id()))
                .chain([TableStyle::TableNormal.id()])
                .collect();
            assert_eq!(written, vocabulary);
        }
    }
}
