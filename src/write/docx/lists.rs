//! The model's lists ([`crate::model::ParagraphKind::List`]) as Word's numbering: each
//! run of list paragraphs is one `w:num`, its levels' formats and starts
//! one `w:abstractNum` (shared by the runs whose levels read alike), and every
//! level it uses starts where the run's first item of that level says
//! (`w:lvlOverride`/`w:startOverride`), so a list that restarts or starts
//! later is a new `w:num`, as Word makes it. The labels are Word's own: a
//! reader of the file sees a real list.
//!
//! Where a run ends is the model's rule ([`crate::model::lists`]), which
//! the clean views count by too.

use super::units::twips;
use super::xml::Elem;
use crate::house::style::Body as BodyStyle;
use crate::model::lists::{Format, Lists, Place, Run};
use crate::model::{LabelForm, NumberStyle};

/// The first `w:numId` the lists take (1 is the numbered paragraphs').
const FIRST_NUM_ID: u32 = 2;

/// The `w:numId` and `w:ilvl` of a list item at `place`.
pub(crate) fn num_of(place: Place) -> (u32, u8) {
    (FIRST_NUM_ID + place.run as u32, place.level)
}

/// The `w:abstractNum` and `w:num` elements of the lists, abstract ids
/// from `first_abstract` on.
pub(crate) fn elements(
    lists: &Lists,
    body: &BodyStyle,
    first_abstract: u32,
) -> (Vec<Elem>, Vec<Elem>) {
    let mut abstracts: Vec<&Run> = Vec::new();
    let mut nums = Vec::new();
    for (i, run) in lists.runs.iter().enumerate() {
        let alike = |r: &&Run| r.formats == run.formats && r.starts == run.starts;
        let at = match abstracts.iter().position(alike) {
            Some(at) => at,
            None => {
                abstracts.push(run);
                abstracts.len() - 1
            }
        };
        let mut num = Elem::new("w:num")
            .with_attr("w:numId", &(FIRST_NUM_ID + i as u32).to_string())
            .with_child(
                Elem::new("w:abstractNumId")
                    .with_attr("w:val", &(first_abstract + at as u32).to_string()),
            );
        // Every level used starts anew here: without an override, a
        // `w:num` sharing its abstract numbering goes on counting in
        // Word. (LibreOffice restarts a level under its parent at the
        // abstract level's start, not the override's: the abstract
        // numbering starts there too.)
        for (level, start) in run.starts.iter().enumerate() {
            if let Some(start) = start {
                num = num.with_child(
                    Elem::new("w:lvlOverride")
                        .with_attr("w:ilvl", &level.to_string())
                        .with_child(
                            Elem::new("w:startOverride").with_attr("w:val", &start.to_string()),
                        ),
                );
            }
        }
        nums.push(num);
    }
    let abstracts = abstracts
        .iter()
        .enumerate()
        .map(|(i, run)| abstract_num(first_abstract + i as u32, run, body))
        .collect();
    (abstracts, nums)
}

/// `w:abstractNum`: the nine levels, those the lists use in their
/// format, the label one tab further in per level from the first
/// subparagraph's place, a tab, the turnovers at the text's edge (as the
/// PDF sets them, `docs/un-layout.md`).
fn abstract_num(id: u32, run: &Run, body: &BodyStyle) -> Elem {
    let mut e = Elem::new("w:abstractNum")
        .with_attr("w:abstractNumId", &id.to_string())
        .with_child(Elem::new("w:multiLevelType").with_attr("w:val", "multilevel"));
    let step = body.subsub_indent - body.sub_indent;
    for (level, (format, start)) in run.formats.iter().zip(run.starts).enumerate() {
        let format = format.unwrap_or(Format::Number(NumberStyle::Decimal, LabelForm::Period));
        let (fmt, text) = match format {
            Format::Bullet(c) => ("bullet", c.to_string()),
            Format::Number(style, form) => {
                let fmt = match style {
                    NumberStyle::Decimal => "decimal",
                    NumberStyle::LowerLetter => "lowerLetter",
                    NumberStyle::UpperLetter => "upperLetter",
                    NumberStyle::LowerRoman => "lowerRoman",
                    NumberStyle::UpperRoman => "upperRoman",
                };
                (fmt, form.wrap(&format!("%{}", level + 1)))
            }
        };
        let label_x = body.sub_indent + step * level as f32;
        let lvl = Elem::new("w:lvl")
            .with_attr("w:ilvl", &level.to_string())
            .with_child(Elem::new("w:start").with_attr("w:val", &start.unwrap_or(1).to_string()))
            .with_child(Elem::new("w:numFmt").with_attr("w:val", fmt))
            .with_child(Elem::new("w:lvlText").with_attr("w:val", &text))
            .with_child(Elem::new("w:lvlJc").with_attr("w:val", "left"))
            .with_child(
                Elem::new("w:pPr")
                    .with_child(
                        Elem::new("w:tabs").with_child(
                            Elem::new("w:tab")
                                .with_attr("w:val", "num")
                                .with_attr("w:pos", &twips(label_x + body.sub_hanging).to_string()),
                        ),
                    )
                    .with_child(
                        Elem::new("w:ind")
                            .with_attr("w:left", &twips(body.indent).to_string())
                            .with_attr("w:firstLine", &twips(label_x - body.indent).to_string()),
                    ),
            );
        e = e.with_child(lvl);
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, ListItem, ListLabel, Paragraph, ParagraphKind, Rev};

    fn letter(number: u32) -> Block {
        Block::Paragraph(Paragraph {
            kind: ParagraphKind::List(ListItem {
                level: 2,
                label: ListLabel::Number {
                    style: NumberStyle::LowerLetter,
                    form: LabelForm::Paren,
                    number,
                },
            }),
            content: Vec::new(),
            mark: Rev::NONE,
        })
    }

    #[test]
    fn runs_that_read_alike_share_an_abstract_numbering_and_each_starts_anew() {
        // a) b), then a restart at a) and a jump to d): three runs.
        let lists = Lists::of(&[letter(1), letter(2), letter(1), letter(4)]);
        assert_eq!(lists.runs.len(), 3);
        assert_eq!(num_of(lists.items[3]), (4, 1));
        let (abstracts, nums) = elements(
            &lists,
            &crate::house::style::HouseStyle::for_language(crate::model::Language::En).body,
            1,
        );
        // The first two read alike and start alike; the last starts apart.
        assert_eq!(abstracts.len(), 2);
        assert_eq!(nums.len(), 3);
    }
}
