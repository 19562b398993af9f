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
use crate::style::{AgendaLine, Labels};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glue {
    Space,
    NoBreak,
}

impl Glue {
    fn as_str(self) -> &'static str {
        match self {
            Glue::Space => ": ",
            Glue::NoBreak => ":\u{a0}",
        }
    }
}

/// One attribution or note as printed inside the parentheses: `US`, or
/// `US: reason` when a reason with text was given.
pub fn attribution(doc: &Document, author: AuthorId, note: Option<NoteId>, glue: Glue) -> String {
    let code = &doc.author(author).code;
    match note.map(|n| doc.note(n).text.as_str()) {
        Some(text) if !text.is_empty() => format!("{code}{}{text}", glue.as_str()),
        _ => code.clone(),
    }
}

/// The text printed after a change group: `US: reason; Canada`.
pub fn group_attribution(doc: &Document, group: GroupId, glue: Glue) -> String {
    doc.group(group)
        .attributions
        .iter()
        .map(|a| attribution(doc, a.author, a.note, glue))
        .collect::<Vec<_>>()
        .join("; ")
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
/// (`United States: delete, since …`), so that the attribution survives
/// Word's "remove personal information", which renames every comment's
/// author "Author", and every output that carries comments reads alike.
pub fn named_comment(doc: &Document, author: AuthorId, text: &str) -> String {
    format!("{}: {text}", doc.author(author).name)
}

/// `Also proposed by Canada.`
pub fn co_proposal(labels: &Labels, name: &str) -> String {
    labels.also_proposed.replace("{}", name)
}

/// Whether a deletion and the undeleted text beside it need a space
/// between them, so that `~~old~~ new` in text and the struck print read
/// as the same words. `before` is the last character already set, `next`
/// the first of what follows. Punctuation that closes a phrase attaches.
pub fn separates(before: Option<char>, next: Option<char>) -> bool {
    match (before, next) {
        (Some(b), Some(n)) => {
            !b.is_whitespace()
                && !n.is_whitespace()
                && !matches!(n, '.' | ',' | ';' | ':' | ')')
                && b != '('
        }
        _ => false,
    }
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
    }

    #[test]
    fn attributions_drop_an_empty_reason_and_join_with_semicolons() {
        let doc = crate::source::parse(
            "t.md",
            "+++\nsymbol = \"X/1\"\ndate = 2020-01-01\n[authors]\nUS = \"United States\"\nCA = \"Canada\"\n+++\n\nA {++b++}{>>US: why<<}{>>CA<<} c {++d++}{>>US<<}.\n",
        )
        .expect("parses");
        let g = GroupId(0);
        assert_eq!(group_attribution(&doc, g, Glue::Space), "US: why; CA");
        assert_eq!(
            group_attribution(&doc, g, Glue::NoBreak),
            "US:\u{a0}why; CA"
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
