//! The model's lists ([`ParagraphKind::List`]) as Word's numbering: each
//! run of list paragraphs is one `w:num`, its levels' formats and starts
//! one `w:abstractNum` (shared by the runs whose levels read alike), and every
//! level it uses starts where the run's first item of that level says
//! (`w:lvlOverride`/`w:startOverride`), so a list that restarts or starts
//! later is a new `w:num`, as Word makes it. The labels are Word's own: a
//! reader of the file sees a real list.
//!
//! A run ends at any other block, and where Word's counting would give an
//! item another number than the model's (a restart, a jump) or a level
//! changes its format: the next item begins a new run.

use super::units::twips;
use super::xml::Elem;
use crate::house::style::Body as BodyStyle;
use crate::model::{LabelForm, ListItem, ListLabel, NumberStyle};

/// What one level of a list prints, without its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Format {
    Bullet(char),
    Number(NumberStyle, LabelForm),
}

fn format_of(label: ListLabel) -> Format {
    match label {
        ListLabel::Bullet(c) => Format::Bullet(c),
        ListLabel::Number { style, form, .. } => Format::Number(style, form),
    }
}

const LEVELS: usize = ListItem::MAX_LEVEL as usize;

/// One `w:num`: the formats of its levels and where each starts.
#[derive(Debug, Clone, Default)]
struct Run {
    formats: [Option<Format>; LEVELS],
    starts: [Option<u32>; LEVELS],
    /// Word's counter at each level: the last number given, `None` once
    /// an item of a level above restarts it.
    counters: [Option<u32>; LEVELS],
}

/// The lists of a document as they are written.
#[derive(Debug, Default)]
pub(crate) struct Lists {
    runs: Vec<Run>,
    /// Whether the last paragraph written was a list item of the last run.
    open: bool,
}

/// The first `w:numId` the lists take (1 is the numbered paragraphs').
const FIRST_NUM_ID: u32 = 2;

impl Lists {
    /// Any other block than a list item: the run ends.
    pub fn end_run(&mut self) {
        self.open = false;
    }

    /// The `w:numId` and `w:ilvl` of a list item.
    pub fn item(&mut self, item: &ListItem) -> (u32, u8) {
        let level = usize::from(item.level.clamp(1, ListItem::MAX_LEVEL)) - 1;
        let format = format_of(item.label);
        let number = match item.label {
            ListLabel::Number { number, .. } => Some(number),
            ListLabel::Bullet(_) => None,
        };
        let fits = self.open
            && self
                .runs
                .last()
                .is_some_and(|run| run.takes(level, format, number));
        if !fits {
            self.runs.push(Run::default());
            self.open = true;
        }
        let run = self.runs.last_mut().expect("just made");
        run.formats[level].get_or_insert(format);
        if let Some(n) = number {
            run.starts[level].get_or_insert(n);
            run.counters[level] = Some(n);
        }
        for deeper in &mut run.counters[level + 1..] {
            *deeper = None;
        }
        let id = FIRST_NUM_ID + self.runs.len() as u32 - 1;
        (id, level as u8)
    }

    /// The `w:abstractNum` and `w:num` elements of the lists, abstract
    /// ids from `first_abstract` on.
    pub fn elements(&self, body: &BodyStyle, first_abstract: u32) -> (Vec<Elem>, Vec<Elem>) {
        let mut abstracts: Vec<&Run> = Vec::new();
        let mut nums = Vec::new();
        for (i, run) in self.runs.iter().enumerate() {
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
}

impl Run {
    /// Whether the item continues this run as Word counts: its level's
    /// format is the one the run has there (or none yet), and its number
    /// the one Word gives it.
    fn takes(&self, level: usize, format: Format, number: Option<u32>) -> bool {
        if self.formats[level].is_some_and(|f| f != format) {
            return false;
        }
        let Some(n) = number else {
            return true;
        };
        match (self.counters[level], self.starts[level]) {
            (Some(last), _) => n == last + 1,
            (None, Some(start)) => n == start,
            (None, None) => true,
        }
    }
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

    fn letter(level: u8, number: u32) -> ListItem {
        ListItem {
            level,
            label: ListLabel::Number {
                style: NumberStyle::LowerLetter,
                form: LabelForm::Paren,
                number,
            },
        }
    }

    #[test]
    fn a_run_goes_on_while_word_counts_as_the_model_and_restarts_make_a_new_num() {
        let mut lists = Lists::default();
        let bullet = ListItem {
            level: 1,
            label: ListLabel::Bullet('•'),
        };
        assert_eq!(lists.item(&bullet), (2, 0));
        assert_eq!(lists.item(&letter(2, 1)), (2, 1));
        assert_eq!(lists.item(&letter(2, 2)), (2, 1));
        assert_eq!(lists.item(&bullet), (2, 0));
        // Word restarts level 2 after a level-1 item: `a)` again fits.
        assert_eq!(lists.item(&letter(2, 1)), (2, 1));
        // `c)` after `a)` does not: a new num starting at 3.
        assert_eq!(lists.item(&letter(2, 3)), (3, 1));
        lists.end_run();
        assert_eq!(lists.item(&letter(2, 4)), (4, 1));
        let (abstracts, nums) = lists.elements(
            &crate::house::style::HouseStyle::for_language(crate::model::Language::En).body,
            1,
        );
        // The last two runs read alike but start apart: each its own.
        assert_eq!(abstracts.len(), 3);
        assert_eq!(nums.len(), 3);
    }
}
