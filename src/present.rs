//! What every writer prints the same way: labels, headings, attribution
//! texts, the comments a change group carries and the space a deletion
//! keeps from its neighbours.
//!
//! Pandoc keeps what its writers share in `Writers/Shared.hs`; this module
//! is that place here. Each writer (text, pandoc, DOCX, PDF) asks it for
//! the words and decides only how to mark them up, so a rule changed here
//! changes in every output at once and the outputs cannot disagree.

use crate::model::{
    AuthorId, Document, GroupId, Heading, Language, Metadata, NoteId, ParagraphKind,
};
use crate::style::{AgendaLine, AttributionMarks, Labels};

/// A subparagraph's label as the document's language prints it: `(a)` in
/// English and Russian, `a)` in French and Spanish (UN editorial manuals),
/// `(أ)` in Arabic (its letters for a, b, … of level 1; `templates/labels.toml`).
pub fn sub_label(language: Language, level: u8, label: &str) -> String {
    Labels::get(language).subparagraph_label(level, label)
}

/// The label printed before a paragraph: `12.` (Arabic `12 -`), `(a)`,
/// or none. A statement's list items keep `1.`.
pub fn paragraph_label(language: Language, kind: &ParagraphKind) -> Option<String> {
    match kind {
        ParagraphKind::Plain => None,
        ParagraphKind::Numbered(n) => Some(Labels::get(language).paragraph_label(*n)),
        ParagraphKind::ListItem(n) => Some(format!("{n}.")),
        ParagraphKind::Sub { level, label } => Some(sub_label(language, *level, label)),
    }
}

/// A chapter's or section's number as printed: `I.`, `A.`; Arabic
/// `أولا -`, `ألف -`; Chinese `一.`.
pub fn heading_number(language: Language, heading: &Heading) -> Option<String> {
    let labels = Labels::get(language);
    heading
        .number
        .as_ref()
        .map(|n| labels.heading_label(heading.level, n))
}

/// The heading of a discussion point: `Discussion point 12`.
pub fn point_heading(meta: &Metadata, number: u32) -> String {
    format!("{} {number}", meta.point_label)
}

/// The agenda line of the masthead: `Item 2 (d) of the provisional
/// agenda`, split where its footnote mark goes, with the footnote's text.
pub fn agenda_line(meta: &Metadata) -> Option<AgendaLine> {
    let agenda = meta.agenda.as_ref()?;
    Some(Labels::get(meta.language).agenda_line(agenda))
}

/// What joins a State's code to its reason. Print uses a no-break space
/// so that `(US:` never ends a line; plain text has no lines to break.
/// Chinese `（美国：` has no space to protect: there UAX #14 keeps `：` and
/// `）` from starting a line and `（` from ending one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glue {
    Space,
    NoBreak,
}

impl Glue {
    fn join(self, separator: &str) -> String {
        match self {
            Glue::Space => separator.to_string(),
            Glue::NoBreak => separator.replace(' ', "\u{a0}"),
        }
    }
}

/// The words of one attribution, without brackets: `US`, or `US: reason`
/// when a reason with text was given.
fn attribution_words(
    doc: &Document,
    marks: &AttributionMarks,
    (author, note): (AuthorId, Option<NoteId>),
    glue: Glue,
) -> String {
    let code = &doc.author(author).code;
    match note.map(|n| doc.note(n).text.as_str()) {
        Some(text) if !text.is_empty() => format!("{code}{}{text}", glue.join(&marks.reason)),
        _ => code.clone(),
    }
}

/// One attribution or note as printed after its text, brackets included:
/// `(US)`, `(US: reason)`; Chinese `（美国：理由）` (`templates/labels.toml`).
pub fn attribution(doc: &Document, author: AuthorId, note: Option<NoteId>, glue: Glue) -> String {
    let marks = &Labels::get(doc.meta.language).attribution;
    let words = attribution_words(doc, marks, (author, note), glue);
    format!("{}{words}{}", marks.open, marks.close)
}

/// The attributions printed after a change group: `(US: reason; CA)`;
/// Chinese `（美国：理由；加拿大）`.
pub fn group_attribution(doc: &Document, group: GroupId, glue: Glue) -> String {
    let marks = &Labels::get(doc.meta.language).attribution;
    let words = doc
        .group(group)
        .attributions
        .iter()
        .map(|a| attribution_words(doc, marks, (a.author, a.note), glue))
        .collect::<Vec<_>>()
        .join(&marks.between);
    format!("{}{words}{}", marks.open, marks.close)
}

/// Whether a space parts a printed attribution from the text before it:
/// `words (US)`, but `文字（美国）` (no space before a full-width bracket).
pub fn attribution_spaced(language: Language) -> bool {
    Labels::get(language).attribution.spaced
}

/// A comment a change group carries, by its author.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupComment {
    pub author: AuthorId,
    pub text: String,
    /// The first attribution's comment opens the group's thread; later
    /// ones (co-proposals, objections, remarks) answer it.
    pub reply: bool,
}

/// The comments of a change group, in order: the reason of each
/// attribution that gives one, and for a later attribution without one (a
/// co-proposal) a comment saying so, by that author. The proposer's
/// attribution without a reason needs no comment: the change itself is
/// attributed.
pub fn group_comments(doc: &Document, group: GroupId) -> Vec<GroupComment> {
    let Some(g) = doc.groups.get(group.0) else {
        return Vec::new();
    };
    let labels = Labels::get(doc.meta.language);
    let mut out = Vec::new();
    for (i, at) in g.attributions.iter().enumerate() {
        let text = match at.note {
            Some(n) => named_comment(doc, at.author, &doc.note(n).text),
            None if i > 0 => co_proposal(labels, &doc.author(at.author).name),
            None => continue,
        };
        out.push(GroupComment {
            author: at.author,
            text,
            reply: !out.is_empty(),
        });
    }
    out
}

/// A reason or note as a comment says it: led by its author's name
/// (`United States: delete, since …`; Chinese `美国：理由`), so that the attribution survives
/// Word's "remove personal information", which renames every comment's
/// author "Author", and every output that carries comments reads alike.
pub fn named_comment(doc: &Document, author: AuthorId, text: &str) -> String {
    let reason = &Labels::get(doc.meta.language).attribution.reason;
    format!("{}{reason}{text}", doc.author(author).name)
}

/// `Also proposed by Canada.`
pub fn co_proposal(labels: &Labels, name: &str) -> String {
    labels.also_proposed.replace("{}", name)
}

/// Whether a deletion and the undeleted text beside it need a space
/// between them, so that `~~old~~ new` in text and the struck print read
/// as the same words. `before` is the last character already set, `next`
/// the first of what follows. Punctuation that closes a phrase attaches,
/// and so does Chinese text, which puts no space between words: `国~~应当~~不妨`.
pub fn separates(before: Option<char>, next: Option<char>) -> bool {
    match (before, next) {
        (Some(b), Some(n)) => {
            !b.is_whitespace()
                && !n.is_whitespace()
                && !matches!(n, '.' | ',' | ';' | ':' | ')')
                && b != '('
                && !is_full_width(b)
                && !is_full_width(n)
        }
        _ => false,
    }
}

/// Whether `c` is set as a full-width character (CJK ideographs, kana,
/// hangul, CJK punctuation and full-width forms): such text has no spaces
/// between words, and print breaks and justifies it between characters.
pub fn is_full_width(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303F | 0x3040..=0x30FF | 0x3100..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subparagraph_labels_follow_the_language() {
        assert_eq!(sub_label(Language::En, 1, "a"), "(a)");
        assert_eq!(sub_label(Language::Ru, 2, "ii"), "(ii)");
        assert_eq!(sub_label(Language::Fr, 1, "a"), "a)");
        assert_eq!(sub_label(Language::Es, 1, "b"), "b)");
        assert_eq!(sub_label(Language::Ar, 1, "b"), "(ب)");
    }

    #[test]
    fn a_deletion_keeps_a_space_from_words_not_from_punctuation() {
        assert!(separates(Some('d'), Some('n')));
        assert!(!separates(Some('d'), Some(',')));
        assert!(!separates(Some('('), Some('n')));
        assert!(!separates(Some(' '), Some('n')));
        assert!(!separates(None, Some('n')));
        // Chinese has no spaces between words, nor beside full-width marks.
        assert!(!separates(Some('国'), Some('不')));
        assert!(!separates(Some('d'), Some('（')));
        assert!(!separates(Some('。'), Some('n')));
    }

    #[test]
    fn attributions_drop_an_empty_reason_and_join_with_semicolons() {
        let doc = crate::source::parse(
            "t.md",
            "+++\nsymbol = \"X/1\"\ndate = 2020-01-01\n[authors]\nUS = \"United States\"\nCA = \"Canada\"\n+++\n\nA {++b++}{>>US: why<<}{>>CA<<} c {++d++}{>>US<<}.\n",
        )
        .expect("parses");
        let g = GroupId(0);
        assert_eq!(group_attribution(&doc, g, Glue::Space), "(US: why; CA)");
        assert_eq!(
            group_attribution(&doc, g, Glue::NoBreak),
            "(US:\u{a0}why; CA)"
        );
        let comments = group_comments(&doc, g);
        assert_eq!(comments.len(), 2);
        assert_eq!(comments[0].text, "United States: why");
        assert!(!comments[0].reply);
        assert_eq!(comments[1].text, "Also proposed by Canada.");
        assert!(comments[1].reply);
        assert!(group_comments(&doc, GroupId(1)).is_empty());
    }
}
