//! Word's counting of list items ([`ParagraphKind::List`]): the one home
//! of the rule the DOCX writer numbers its lists by and the clean views
//! renumber them by, so that `--view accepted` (`original`) shows the
//! labels Word shows after Accept All (Reject All) of the DOCX.
//!
//! Word numbers the paragraphs of one `w:num` itself: each level counts
//! from its start, and a level's counter starts again when an item of a
//! level above it comes. The writer makes each *run* of list items one
//! `w:num`. A run ends at any other block (a paragraph of another kind, a
//! heading, a point, a table, a statement, a quote), where a level changes
//! its format, and where Word's counting would give an item another number
//! than the model's (a restart, a jump): the next item begins a new run,
//! whose levels start where its first items of them say.
//!
//! The runs are found on the full document, every change in it, as the
//! DOCX holds them. Once Word accepts or rejects every change, the items
//! it removed count no more: the others of their run are counted again
//! ([`renumber`]).

use crate::model::{
    Block, Inline, LabelForm, ListItem, ListLabel, NumberStyle, Paragraph, ParagraphKind,
};

/// What one level of a list prints, without its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Bullet(char),
    Number(NumberStyle, LabelForm),
}

impl Format {
    pub fn of(label: ListLabel) -> Format {
        match label {
            ListLabel::Bullet(c) => Format::Bullet(c),
            ListLabel::Number { style, form, .. } => Format::Number(style, form),
        }
    }
}

/// Word's nine levels.
pub const LEVELS: usize = ListItem::MAX_LEVEL as usize;

/// One run of list items, one `w:num`: the formats of its levels and
/// where each starts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Run {
    pub formats: [Option<Format>; LEVELS],
    pub starts: [Option<u32>; LEVELS],
    /// Word's counter at each level: the last number given, `None` once
    /// an item of a level above restarts it (or before the first).
    counters: [Option<u32>; LEVELS],
}

impl Run {
    /// The number Word gives the next item at `level` (0-based): one more
    /// than the last, or the level's start; `None` before the run has a
    /// start there.
    fn next_number(&self, level: usize) -> Option<u32> {
        match self.counters[level] {
            Some(last) => Some(last + 1),
            None => self.starts[level],
        }
    }

    /// Whether an item continues this run as Word counts: its level's
    /// format is the one the run has there (or none yet), and its number
    /// the one Word gives it.
    fn takes(&self, level: usize, format: Format, number: Option<u32>) -> bool {
        if self.formats[level].is_some_and(|f| f != format) {
            return false;
        }
        match (number, self.next_number(level)) {
            (Some(n), Some(next)) => n == next,
            _ => true,
        }
    }

    /// Counts an item at `level`, numbered `number` (none for a bullet):
    /// the levels below start again.
    fn count(&mut self, level: usize, number: Option<u32>) {
        if let Some(n) = number {
            self.counters[level] = Some(n);
        }
        for deeper in &mut self.counters[level + 1..] {
            *deeper = None;
        }
    }

    /// This run as Word begins counting it: no item counted yet.
    fn restarted(&self) -> Run {
        Run {
            counters: [None; LEVELS],
            ..self.clone()
        }
    }
}

/// Where an item stands in Word's numbering: its run (an index into
/// [`Lists::runs`]) and its level, 0-based (`w:ilvl`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub run: usize,
    pub level: u8,
}

/// The lists of a document: its runs, and every list item's place, in
/// document order.
#[derive(Debug, Default, Clone)]
pub struct Lists {
    pub runs: Vec<Run>,
    pub items: Vec<Place>,
    /// Whether the last paragraph was a list item of the last run.
    open: bool,
}

impl Lists {
    /// The runs of the list items of `blocks` (a document's body) and
    /// their items' places, in the order the DOCX writes them.
    pub fn of(blocks: &[Block]) -> Lists {
        let mut lists = Lists::default();
        lists.blocks(blocks);
        lists.open = false;
        lists
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Paragraph(p) => match &p.kind {
                    ParagraphKind::List(item) => self.item(item),
                    _ if joins_previous(p) => {}
                    _ => self.open = false,
                },
                Block::Point(p) => {
                    self.open = false;
                    self.blocks(&p.blocks);
                }
                Block::Statement(b) | Block::Quote(b) => {
                    self.open = false;
                    self.blocks(b);
                }
                Block::Heading(_) | Block::Table(_) => self.open = false,
            }
        }
    }

    /// Places a list item: in the open run if Word's counting gives it
    /// its number there, else in a new run.
    fn item(&mut self, item: &ListItem) {
        let level = usize::from(item.level.clamp(1, ListItem::MAX_LEVEL)) - 1;
        let format = Format::of(item.label);
        let number = number_of(item);
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
        }
        run.count(level, number);
        self.items.push(Place {
            run: self.runs.len() - 1,
            level: level as u8,
        });
    }
}

fn number_of(item: &ListItem) -> Option<u32> {
    match item.label {
        ListLabel::Number { number, .. } => Some(number),
        ListLabel::Bullet(_) => None,
    }
}

/// Whether a paragraph is no paragraph of its own in Word: a plain one
/// holding only standing notes, its mark untouched, whose comments the
/// DOCX writer sets at the end of the paragraph before (alone it would
/// leave an empty paragraph once every change is accepted or rejected).
/// It does not end a list.
pub fn joins_previous(p: &Paragraph) -> bool {
    p.kind == ParagraphKind::Plain
        && p.mark.is_none()
        && !p.content.is_empty()
        && p.content
            .iter()
            .all(|i| matches!(i, Inline::StandingNote(_)))
}

/// Numbers the list items of `blocks` (a view of the document whose lists
/// are `lists`) as Word counts them: `origins` gives, in document order,
/// the index in [`Lists::items`] of the item each list paragraph of
/// `blocks` is (the first, for paragraphs a view joined). Items of a run
/// count from its starts, those the view removed not counted; bullets
/// stay as they are.
pub fn renumber(blocks: &mut [Block], lists: &Lists, origins: &[usize]) {
    let mut runs: Vec<Run> = lists.runs.iter().map(Run::restarted).collect();
    let mut origins = origins.iter();
    number_blocks(blocks, &mut |item| {
        let Some(place) = origins.next().and_then(|&i| lists.items.get(i)) else {
            return;
        };
        let run = &mut runs[place.run];
        let level = usize::from(place.level);
        let given = match &mut item.label {
            ListLabel::Number { number, .. } => {
                if let Some(n) = run.next_number(level) {
                    *number = n;
                }
                Some(*number)
            }
            ListLabel::Bullet(_) => None,
        };
        run.count(level, given);
    });
}

fn number_blocks(blocks: &mut [Block], f: &mut dyn FnMut(&mut ListItem)) {
    for block in blocks {
        match block {
            Block::Paragraph(p) => {
                if let ParagraphKind::List(item) = &mut p.kind {
                    f(item);
                }
            }
            Block::Point(p) => number_blocks(&mut p.blocks, f),
            Block::Statement(b) | Block::Quote(b) => number_blocks(b, f),
            Block::Heading(_) | Block::Table(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rev;

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

    fn para(kind: ParagraphKind) -> Block {
        Block::Paragraph(Paragraph {
            kind,
            content: Vec::new(),
            mark: Rev::NONE,
        })
    }

    fn item(item: ListItem) -> Block {
        para(ParagraphKind::List(item))
    }

    fn places(lists: &Lists) -> Vec<(usize, u8)> {
        lists.items.iter().map(|p| (p.run, p.level)).collect()
    }

    #[test]
    fn a_run_goes_on_while_word_counts_as_the_model_and_restarts_make_a_new_one() {
        let bullet = item(ListItem {
            level: 1,
            label: ListLabel::Bullet('•'),
        });
        let lists = Lists::of(&[
            bullet.clone(),
            item(letter(2, 1)),
            item(letter(2, 2)),
            bullet,
            // Word restarts level 2 after a level-1 item: `a)` again fits.
            item(letter(2, 1)),
            // `c)` after `a)` does not: a new run starting at 3.
            item(letter(2, 3)),
            para(ParagraphKind::Plain),
            item(letter(2, 4)),
        ]);
        assert_eq!(
            places(&lists),
            [(0, 0), (0, 1), (0, 1), (0, 0), (0, 1), (1, 1), (2, 1)]
        );
        assert_eq!(lists.runs[1].starts[1], Some(3));
        assert_eq!(lists.runs[2].starts[1], Some(4));
    }

    fn numbers(blocks: &[Block]) -> Vec<u32> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(Paragraph {
                    kind:
                        ParagraphKind::List(ListItem {
                            label: ListLabel::Number { number, .. },
                            ..
                        }),
                    ..
                }) => Some(*number),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn items_a_view_drops_are_not_counted() {
        let full = [item(letter(1, 1)), item(letter(1, 2)), item(letter(1, 3))];
        let lists = Lists::of(&full);
        let mut view = vec![item(letter(1, 1)), item(letter(1, 3))];
        renumber(&mut view, &lists, &[0, 2]);
        assert_eq!(numbers(&view), [1, 2]);
    }

    #[test]
    fn a_dropped_upper_item_restarts_nothing() {
        let roman = |n| ListItem {
            level: 1,
            label: ListLabel::Number {
                style: NumberStyle::UpperRoman,
                form: LabelForm::Period,
                number: n,
            },
        };
        // I. a) b) II. a) — II. deleted: a) b) c) under I.
        let full = [
            item(roman(1)),
            item(letter(2, 1)),
            item(letter(2, 2)),
            item(roman(2)),
            item(letter(2, 1)),
        ];
        let lists = Lists::of(&full);
        assert_eq!(lists.runs.len(), 1);
        let mut view = vec![
            item(roman(1)),
            item(letter(2, 1)),
            item(letter(2, 2)),
            item(letter(2, 1)),
        ];
        renumber(&mut view, &lists, &[0, 1, 2, 4]);
        assert_eq!(numbers(&view), [1, 1, 2, 3]);
    }
}
