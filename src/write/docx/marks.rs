//! Whole-paragraph changes: a paragraph all of whose words one change
//! deletes (or inserts) loses (or gains) its paragraph mark with them.
//!
//! The model gives a paragraph's mark a revision only when a change spans
//! the break; a change that holds exactly one paragraph's text leaves the
//! mark alone. The views already drop such a paragraph ("a paragraph whose
//! every word this view removes is gone", `view.rs`), but Word and
//! LibreOffice keep a paragraph whose mark is not deleted: Accept All left
//! an empty paragraph for every wholly deleted one. So the DOCX writer
//! deletes (inserts) the mark with the paragraph's last change, and its
//! label (`(a)`, a list number, written as text) with its first, and
//! accepting or rejecting every change gives the paragraphs of the
//! accepted or original view.

use crate::model::{Block, Inline, Rev};

/// What a wholly deleted or inserted paragraph's label and mark carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Whole {
    /// The revision of its first word: the label's.
    pub label: Rev,
    /// The revision of its last word: the mark's, with the mark's own.
    pub mark: Rev,
}

/// Paragraphs joined by marks a change spans: a paragraph whose previous
/// mark is deleted is, once accepted, one paragraph with it, and it is
/// wholly deleted only if none of those words stays either (the view's
/// rule); the same for inserted marks and rejecting. Starts afresh at
/// each block that is not a paragraph, as the views do.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Chain {
    /// The previous paragraph's mark is deleted (inserted) by a change.
    deleted_mark: bool,
    inserted_mark: bool,
    /// A word of the paragraphs joined so far stays once every change is
    /// accepted (rejected).
    kept_if_accepted: bool,
    kept_if_rejected: bool,
}

impl Chain {
    /// Whether every word (and footnote reference) of `content`, and of
    /// the paragraphs joined to it, is deleted, or every one inserted, by
    /// some change; `None` for a paragraph with words that stay either way
    /// or with no words at all. Then moves on past this paragraph.
    pub(crate) fn whole_paragraph(&mut self, content: &[Inline], mark: Rev) -> Option<Whole> {
        let mut words = content.iter().filter_map(|inline| match inline {
            Inline::Text(run) if !run.text.trim().is_empty() => Some(run.rev),
            Inline::FootnoteRef { rev, .. } => Some(*rev),
            _ => None,
        });
        let first = words.next();
        let (mut all_deleted, mut all_inserted) =
            first.map_or((false, false), |rev| (rev.del.is_some(), rev.ins.is_some()));
        let mut last = first.unwrap_or_default();
        for rev in words {
            all_deleted &= rev.del.is_some();
            all_inserted &= rev.ins.is_some();
            last = rev;
        }
        let kept_if_accepted = first.is_some() && !all_deleted;
        let kept_if_rejected = first.is_some() && !all_inserted;
        all_deleted &= !(self.deleted_mark && self.kept_if_accepted);
        all_inserted &= !(self.inserted_mark && self.kept_if_rejected);
        *self = Chain {
            kept_if_accepted: mark.del.is_some()
                && (kept_if_accepted || self.deleted_mark && self.kept_if_accepted),
            kept_if_rejected: mark.ins.is_some()
                && (kept_if_rejected || self.inserted_mark && self.kept_if_rejected),
            deleted_mark: mark.del.is_some(),
            inserted_mark: mark.ins.is_some(),
        };
        let pick = |rev: Rev| Rev {
            ins: rev.ins.filter(|_| all_inserted),
            del: rev.del.filter(|_| all_deleted),
        };
        let (label, last) = (pick(first?), pick(last));
        if last.is_none() {
            return None;
        }
        Some(Whole {
            label,
            mark: Rev {
                ins: mark.ins.or(last.ins),
                del: mark.del.or(last.del),
            },
        })
    }
}

/// Whether the first thing `blocks` write into the body is a paragraph:
/// `None` when they write nothing. A mark is deleted only before another
/// paragraph: the body's last paragraph mark cannot be (Word ignores it),
/// and a paragraph does not join a table.
pub(crate) fn starts_with_paragraph(blocks: &[Block]) -> Option<bool> {
    blocks.iter().find_map(|block| match block {
        Block::Heading(_) | Block::Paragraph(_) | Block::Point(_) => Some(true),
        Block::Statement(inner) | Block::Quote(inner) => starts_with_paragraph(inner),
        Block::Table(t) => (!t.header.is_empty() || !t.rows.is_empty()).then_some(false),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ChangeId, Run, Style};

    fn run(text: &str, ins: Option<usize>, del: Option<usize>) -> Inline {
        Inline::Text(Run {
            text: text.into(),
            style: Style::default(),
            rev: Rev {
                ins: ins.map(ChangeId),
                del: del.map(ChangeId),
            },
        })
    }

    #[test]
    fn a_paragraph_deleted_by_two_changes_loses_its_mark_with_the_last() {
        let content = [
            run("Old", None, Some(1)),
            run(" ", None, None),
            run("text.", None, Some(2)),
        ];
        let whole = Chain::default()
            .whole_paragraph(&content, Rev::NONE)
            .expect("wholly deleted");
        assert_eq!(whole.label.del, Some(ChangeId(1)));
        assert_eq!(whole.mark.del, Some(ChangeId(2)));
        assert_eq!(whole.mark.ins, None);
    }

    #[test]
    fn a_paragraph_with_a_word_that_stays_keeps_its_mark() {
        let content = [run("Old", None, Some(1)), run(" kept", None, None)];
        let mut chain = Chain::default();
        assert_eq!(chain.whole_paragraph(&content, Rev::NONE), None);
        let inserted = [run("New", Some(3), None), run(" words", Some(3), Some(4))];
        let whole = chain
            .whole_paragraph(&inserted, Rev::NONE)
            .expect("wholly inserted");
        assert_eq!(whole.mark.ins, Some(ChangeId(3)));
        assert_eq!(whole.mark.del, None);
        assert_eq!(
            chain.whole_paragraph(&[run("  ", None, Some(1))], Rev::NONE),
            None
        );
    }

    #[test]
    fn a_mark_a_change_already_spans_keeps_that_change() {
        let spanned = Rev {
            ins: None,
            del: Some(ChangeId(7)),
        };
        let mut chain = Chain::default();
        let whole = chain
            .whole_paragraph(&[run("Gone", None, Some(5))], spanned)
            .unwrap();
        assert_eq!(whole.mark.del, Some(ChangeId(7)));
    }

    #[test]
    fn the_tail_of_a_deletion_from_a_paragraph_with_words_that_stay_keeps_its_mark() {
        let spanned = Rev {
            ins: None,
            del: Some(ChangeId(1)),
        };
        let mut chain = Chain::default();
        let head = [run("Kept ", None, None), run("gone", None, Some(1))];
        assert_eq!(chain.whole_paragraph(&head, spanned), None);
        // Accepting joins the two paragraphs: "Kept" stays, and so must
        // the second paragraph's mark.
        let tail = [run("Also gone.", None, Some(1))];
        assert_eq!(chain.whole_paragraph(&tail, Rev::NONE), None);
        // A paragraph wholly inside the deletion, from its start, goes.
        let mut chain = Chain::default();
        let whole = chain.whole_paragraph(&[run("Gone", None, Some(1))], spanned);
        assert!(whole.is_some());
        let whole = chain
            .whole_paragraph(&tail, Rev::NONE)
            .expect("joined to nothing");
        assert_eq!(whole.mark.del, Some(ChangeId(1)));
    }
}
