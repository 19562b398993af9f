//! The document model: what a source file means, with nothing left to parse.
//!
//! Every writer (plain text, DOCX, PDF) reads only this. The shape follows what
//! both outputs need rather than the source syntax:
//!
//! - Blocks hold inlines; every text run carries its own revision state
//!   ([`Rev`]): inserted by one change, deleted by another, or both (text one
//!   State inserted and another deleted). This is how Word stores tracked
//!   changes and how print shows them, so nesting and changes that span
//!   paragraph breaks need no tree of change nodes.
//! - A paragraph's mark (the break after it) has a [`Rev`] too, so a change
//!   that spans paragraphs deletes or inserts the breaks inside it.
//! - Changes belong to groups ([`ChangeGroup`]); a group's attributions are
//!   the proposer first, then comments by others. [`Inline::GroupStart`] and
//!   [`Inline::GroupEnd`] mark where a group's text begins and where its
//!   attribution stands, so writers can anchor comments and print `(US)`.
//!
//! Ids are indices into the document's vectors: stable, small and ordered by
//! position in the source, so output never depends on hash order.

use std::fmt;

pub mod builder;
pub mod lists;
pub mod stats;
pub mod view;
pub mod walk;
pub use builder::{Builder, Inconsistent};

/// Index into [`Document::authors`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AuthorId(pub usize);
/// Index into [`Document::changes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChangeId(pub usize);
/// Index into [`Document::groups`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupId(pub usize);
/// Index into [`Document::notes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NoteId(pub usize);
/// Index into [`Document::footnotes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FootnoteId(pub usize);

/// One parsed source document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub meta: Metadata,
    /// In front-matter order.
    pub authors: Vec<Author>,
    pub blocks: Vec<Block>,
    /// Footnotes in the order of their first reference (numbered ones get
    /// 1, 2, … in this order; asterisk ones keep their mark). The agenda
    /// footnote is not here: it comes from [`Metadata::agenda`].
    pub footnotes: Vec<Footnote>,
    /// Change groups in source order.
    pub groups: Vec<ChangeGroup>,
    /// Individual insertions and deletions in source order.
    pub changes: Vec<Change>,
    /// Comments: reasons given in attributions, standing notes, span notes.
    pub notes: Vec<Note>,
}

/// Front matter.
#[derive(Debug, Clone, PartialEq)]
pub struct Metadata {
    pub symbol: String,
    pub date: Date,
    pub language: Language,
    pub distribution: Option<Distribution>,
    /// "English": printed as "Original: English".
    pub original: Option<String>,
    /// Printed as is instead of the Original line, e.g. "English only".
    pub languages_note: Option<String>,
    pub organ: Option<String>,
    pub session: Option<String>,
    pub venue: Option<String>,
    /// "V.20-05590"; footers print it with the language letter: "V.20-05590 (E)".
    pub job: Option<String>,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub paper: Paper,
    /// How a point block is headed: "Discussion point".
    pub point_label: String,
    pub agenda: Option<Agenda>,
    pub default_author: Option<AuthorId>,
    /// What an attribution prints for its State: the code (`(US)`, the
    /// default) or the name (`(United States)`), as `attributions =
    /// "names"` in the front matter asks.
    pub attributions: AttributionForm,
    /// The returned copies merged into this source (`[[merged]]`), in the
    /// order the front matter lists them.
    pub merged: Vec<MergeRecord>,
    /// The emblem's image file (`emblem = "…"`), drawn in its room at the
    /// top left of the masthead (docs/un-layout.md, "The emblem").
    pub emblem: Option<Emblem>,
}

impl Metadata {
    /// The office whose template the document follows, by its job number.
    pub fn duty_station(&self) -> Option<DutyStation> {
        self.job.as_deref().and_then(DutyStation::of_job)
    }
}

/// The emblem the front matter names: the file as written (relative to
/// the source's directory) and, once read, its image.
#[derive(Debug, Clone, PartialEq)]
pub struct Emblem {
    pub file: String,
    /// Read by [`crate::read::source::parse_file`] (and checked there, the error
    /// pointing at the key); `None` when the document was parsed from text
    /// alone, which the writers refuse to draw.
    pub image: Option<crate::house::emblem::Image>,
}

/// Whether printed attributions name a State by its code or its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AttributionForm {
    #[default]
    Codes,
    Names,
}

/// One returned copy merged into the source: what an archivist asks
/// "where did this proposal come from" of (docs/source-format.md §7).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct MergeRecord {
    /// The State's code the copy was merged under.
    pub state: String,
    /// The copy's file name.
    pub file: String,
    /// FNV-1a 64 (hex) of the file's bytes: the same file merged again is
    /// recognised by it.
    pub hash: String,
    /// The fingerprint of the version the copy was made from
    /// ([`crate::ooxml::provenance::document_fingerprint`]), or `base` when the
    /// copy did not carry it and was merged against the base given.
    pub ancestor: String,
    /// The newest revision or comment date the copy holds.
    pub date: Option<DateTime>,
}

/// The `[agenda]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct Agenda {
    /// "2 (d)"
    pub item: String,
    /// "provisional agenda"; "agenda" once adopted (then no footnote): the
    /// words of the document's language (`templates/labels.toml`), which
    /// also gives the default. See `Labels::agenda_note`.
    pub of: String,
    /// The agenda's symbol: the text of the `*` footnote (a full stop is added).
    pub symbol: Option<String>,
    pub title: Option<String>,
}

/// A calendar date (the document date, from TOML).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// A moment in UTC, to the second (revision dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateTime {
    pub date: Date,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl fmt::Display for Date {
    /// ISO 8601: `2020-10-09`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for DateTime {
    /// ISO 8601 in UTC, as OOXML wants it: `2020-09-16T00:00:00Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}T{:02}:{:02}:{:02}Z",
            self.date, self.hour, self.minute, self.second
        )
    }
}

impl From<Date> for DateTime {
    fn from(date: Date) -> Self {
        DateTime {
            date,
            hour: 0,
            minute: 0,
            second: 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Language {
    En,
    Fr,
    Es,
    Ru,
    Ar,
    Zh,
}

impl Language {
    /// The six official languages of the United Nations, in the order
    /// the UN lists them for its documents' language versions.
    pub const ALL: [Language; 6] = [
        Language::En,
        Language::Fr,
        Language::Es,
        Language::Ru,
        Language::Ar,
        Language::Zh,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
            Language::Es => "es",
            Language::Ru => "ru",
            Language::Ar => "ar",
            Language::Zh => "zh",
        }
    }

    pub fn from_code(code: &str) -> Option<Language> {
        Some(match code {
            "en" => Language::En,
            "fr" => Language::Fr,
            "es" => Language::Es,
            "ru" => Language::Ru,
            "ar" => Language::Ar,
            "zh" => Language::Zh,
            _ => return None,
        })
    }

    /// The letter after the job number: `V.20-05590 (E)`.
    pub fn job_letter(self) -> char {
        match self {
            Language::En => 'E',
            Language::Fr => 'F',
            Language::Es => 'S',
            Language::Ru => 'R',
            Language::Ar => 'A',
            Language::Zh => 'C',
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Distribution {
    General,
    Limited,
    Restricted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    Letter,
}

/// The UN office that issues a document, as its job number says: each
/// sets its pages in its own template, and the house style keeps the
/// figures where they differ (`[offices.…]` in `templates/un.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DutyStation {
    /// "GE.19-13879": the figures the house style is measured on.
    Geneva,
    /// "V.20-05590".
    Vienna,
}

impl DutyStation {
    /// The office a job number names by its prefix; none for a job
    /// number without one (New York's are bare: "20-12345").
    pub fn of_job(job: &str) -> Option<DutyStation> {
        let job = job.trim_start();
        if job.starts_with("GE.") {
            Some(DutyStation::Geneva)
        } else if job.starts_with("V.") {
            Some(DutyStation::Vienna)
        } else {
            None
        }
    }

    /// Its key under `[offices]` in `templates/un.toml`.
    pub fn key(self) -> &'static str {
        match self {
            DutyStation::Geneva => "geneva",
            DutyStation::Vienna => "vienna",
        }
    }
}

/// Someone who proposes changes or writes notes: a State, mostly.
#[derive(Debug, Clone, PartialEq)]
pub struct Author {
    /// The key in `[authors]`, printed in attributions: `US`.
    pub code: String,
    /// The reviewer name written into DOCX: `United States`.
    pub name: String,
    /// Initials for Word comments, derived from the name: `US`.
    pub initials: String,
    /// Revision date of this author's changes.
    pub date: DateTime,
    /// Other names the author's delegates sign with in returned Word files
    /// ("Jane Doe", "USUN Vienna"): a merge matches revision and comment
    /// authors by code, name or alias.
    pub aliases: Vec<String>,
}

impl Author {
    /// Whether `who` (a Word revision or comment author) is this author:
    /// the code, the name or an alias, ignoring case and outer spaces.
    pub fn answers_to(&self, who: &str) -> bool {
        let who = fold_name(who);
        std::iter::once(&self.code)
            .chain(std::iter::once(&self.name))
            .chain(self.aliases.iter())
            .any(|n| fold_name(n) == who)
    }
}

/// A code or name as compared when a user writes it: outer spaces, case
/// and the apostrophe's form (`’` for `'`) do not count.
pub fn fold_name(name: &str) -> String {
    name.trim().to_lowercase().replace(['’', 'ʼ'], "'")
}

/// The author `code` names among `authors`: the code as written, else
/// the one code it matches ignoring case and the apostrophe's form (`ar`
/// for `AR`, `Côte d’Ivoire` for `Côte d'Ivoire`) when only one does.
pub fn find_author(authors: &[Author], code: &str) -> Option<usize> {
    if let Some(i) = authors.iter().position(|a| a.code == code) {
        return Some(i);
    }
    let folded = fold_name(code);
    let mut matching = authors
        .iter()
        .enumerate()
        .filter(|(_, a)| fold_name(&a.code) == folded)
        .map(|(i, _)| i);
    match (matching.next(), matching.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(Heading),
    Paragraph(Paragraph),
    /// `::: point N`: heading "Discussion point N" (italic) and its blocks.
    Point(Point),
    /// `::: statement`: a State's own text; paragraphs unnumbered, own lists.
    Statement(Vec<Block>),
    /// `> text`
    Quote(Vec<Block>),
    Table(Table),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 1 chapter (`#`), 2 section (`##`), 3 and deeper unnumbered.
    pub level: u8,
    /// "I", "II", … for chapters, "A", "B", … for sections; `None` when
    /// unnumbered. Writers add the full stop: "I. Introduction".
    pub number: Option<String>,
    pub content: Vec<Inline>,
    pub mark: Rev,
}

impl Heading {
    /// The number as printed before the heading's text: "I. ", "A. ", or
    /// nothing for an unnumbered heading.
    pub fn label(&self) -> String {
        self.number
            .as_ref()
            .map(|n| format!("{n}. "))
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub kind: ParagraphKind,
    pub content: Vec<Inline>,
    /// Revision state of the paragraph mark (the break after this paragraph).
    pub mark: Rev,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParagraphKind {
    /// Unnumbered body text.
    Plain,
    /// A document paragraph numbered through the whole document: `1.`.
    Numbered(u32),
    /// A lettered subparagraph: level 1 `(a)`, level 2 `(i)`. `label` is the
    /// letter or numeral without brackets: "a", "iv".
    Sub { level: u8, label: String },
    /// An item of a State's own numbered list inside a statement: `1.`.
    ListItem(u32),
    /// An item of a list as Word has them: bulleted, lettered, roman or
    /// numbered with a bracket, at any level (a level-1 `1.` item is
    /// [`ParagraphKind::Numbered`] or [`ParagraphKind::ListItem`], never
    /// this: [`ListItem::kind`] makes the kind).
    List(ListItem),
}

/// An item of a list: its level and its label, the label as printed
/// whatever the document's language (Word's `w:lvlText`). A list restarts
/// or starts later where an item's number says so: each item carries its
/// own number, as each `ListItem(n)` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ListItem {
    /// 1 the outermost, at most [`ListItem::MAX_LEVEL`] (Word's nine).
    pub level: u8,
    pub label: ListLabel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListLabel {
    /// One of [`BULLETS`].
    Bullet(char),
    Number {
        style: NumberStyle,
        form: LabelForm,
        /// 1 for `a`, `i`, `1`; at least 1.
        number: u32,
    },
}

/// How a list item's number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NumberStyle {
    Decimal,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
}

/// The punctuation around a list item's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LabelForm {
    /// `(a)`
    Parens,
    /// `a)`
    Paren,
    /// `a.`
    Period,
}

/// The bullets a list may have: `•` first (the source's `-`). A reader
/// maps any other (a Symbol or Wingdings character) to the one it shows,
/// or to `•`.
pub const BULLETS: [char; 10] = ['•', '◦', '▪', '–', '■', '□', '➢', '✓', '❖', '○'];

impl ListItem {
    /// Word's nine list levels.
    pub const MAX_LEVEL: u8 = 9;

    /// The paragraph kind of an item: a level-1 decimal item with a full
    /// stop (`1.`) is a statement's [`ParagraphKind::ListItem`] (the
    /// caller makes it the document's numbered paragraph where that is
    /// meant); `(a)` and `(i)` are subparagraphs ([`ParagraphKind::Sub`],
    /// of the first and second degree, whatever their level); every other
    /// item is [`ParagraphKind::List`], its level kept within 1 to 9, its
    /// number at least 1 and its bullet one of [`BULLETS`].
    pub fn kind(self) -> ParagraphKind {
        let level = self.level.clamp(1, Self::MAX_LEVEL);
        let label = match self.label {
            ListLabel::Bullet(c) if BULLETS.contains(&c) => ListLabel::Bullet(c),
            ListLabel::Bullet(_) => ListLabel::Bullet(BULLETS[0]),
            ListLabel::Number {
                style,
                form,
                number,
            } => {
                let number = number.max(1);
                if level == 1 && style == NumberStyle::Decimal && form == LabelForm::Period {
                    return ParagraphKind::ListItem(number);
                }
                // `(a)` and `(i)` are the subparagraphs of the first and
                // second degree, printed as the language prints them.
                if form == LabelForm::Parens {
                    match style {
                        NumberStyle::LowerLetter => {
                            return ParagraphKind::Sub {
                                level: 1,
                                label: letters(number, false),
                            }
                        }
                        NumberStyle::LowerRoman => {
                            return ParagraphKind::Sub {
                                level: 2,
                                label: roman(number, false),
                            }
                        }
                        _ => {}
                    }
                }
                ListLabel::Number {
                    style,
                    form,
                    number: number.max(1),
                }
            }
        };
        ParagraphKind::List(ListItem { level, label })
    }

    /// The number as written, without punctuation: `c`, `iv`, `12`; the
    /// bullet itself.
    pub fn marker(&self) -> String {
        match self.label {
            ListLabel::Bullet(c) => c.to_string(),
            ListLabel::Number { style, number, .. } => style.format(number),
        }
    }

    /// The label as printed: `(a)`, `iv.`, `3)`, `•`.
    pub fn label_text(&self) -> String {
        let marker = self.marker();
        match self.label {
            ListLabel::Bullet(_) => marker,
            ListLabel::Number { form, .. } => form.wrap(&marker),
        }
    }
}

impl NumberStyle {
    /// `number` in this style: `3`, `c`, `C`, `iii`, `III`.
    pub fn format(self, number: u32) -> String {
        match self {
            NumberStyle::Decimal => number.to_string(),
            NumberStyle::LowerLetter => letters(number, false),
            NumberStyle::UpperLetter => letters(number, true),
            NumberStyle::LowerRoman => roman(number, false),
            NumberStyle::UpperRoman => roman(number, true),
        }
    }
}

impl LabelForm {
    /// `marker` in this punctuation: `(a)`, `a)`, `a.`.
    pub fn wrap(self, marker: &str) -> String {
        match self {
            LabelForm::Parens => format!("({marker})"),
            LabelForm::Paren => format!("{marker})"),
            LabelForm::Period => format!("{marker}."),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub number: u32,
    pub blocks: Vec<Block>,
}

/// A table as Word has it: rows of cells, each cell one or more
/// paragraphs, spanning columns and rows.
///
/// A cell that spans rows (Word's `w:vMerge`) stands in the row where it
/// starts; the rows below leave its columns out, as HTML's `rowspan`
/// does: a row lists only the cells that start in it, left to right, and
/// [`Table::placed`] works out which grid column each starts at. The
/// header is the first row (printed bold); a header cell may span into
/// the body rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub align: Vec<Align>,
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
}

/// One table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Never empty. Paragraphs after the first hold words (an empty
    /// paragraph is Word's spacing; a source has none); the last one's
    /// mark is the cell's end, never changed.
    pub paragraphs: Vec<CellParagraph>,
    /// Grid columns it spans (Word's `w:gridSpan`): at least 1.
    pub colspan: usize,
    /// Rows it spans (Word's `w:vMerge`): at least 1.
    pub rowspan: usize,
}

/// A paragraph of a table cell: its text and the revision state of its
/// mark (a break inserted or deleted inside the cell).
#[derive(Debug, Clone, PartialEq)]
pub struct CellParagraph {
    pub content: Vec<Inline>,
    pub mark: Rev,
}

impl Cell {
    /// A cell of one paragraph spanning nothing.
    pub fn of(content: Vec<Inline>) -> Cell {
        Cell {
            paragraphs: vec![CellParagraph {
                content,
                mark: Rev::NONE,
            }],
            colspan: 1,
            rowspan: 1,
        }
    }

    /// A cell of one paragraph and no span: what a pipe table holds.
    pub fn is_simple(&self) -> bool {
        self.colspan == 1 && self.rowspan == 1 && self.paragraphs.len() == 1
    }

    /// The inlines of every paragraph, in order.
    pub fn inlines(&self) -> impl Iterator<Item = &Inline> {
        self.paragraphs.iter().flat_map(|p| p.content.iter())
    }
}

impl Table {
    /// The number of grid columns: the widest row's, spans counted (the
    /// header's included), at least one.
    pub fn columns(&self) -> usize {
        self.placed()
            .iter()
            .flatten()
            .map(|(col, cell)| col + cell.colspan.max(1))
            .max()
            .unwrap_or(1)
            .max(1)
    }

    /// Every row, the header first: its cells with the grid column each
    /// starts at, past the columns cells from rows above span into.
    pub fn placed(&self) -> Vec<Vec<(usize, &Cell)>> {
        // Per grid column: how many more rows a cell from above covers.
        let mut covered: Vec<usize> = Vec::new();
        let mut out = Vec::with_capacity(self.rows.len() + 1);
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let mut placed = Vec::with_capacity(row.len());
            let mut col = 0;
            for cell in row {
                while covered.get(col).is_some_and(|&c| c > 0) {
                    col += 1;
                }
                let span = cell.colspan.max(1);
                if covered.len() < col + span {
                    covered.resize(col + span, 0);
                }
                for c in &mut covered[col..col + span] {
                    *c = cell.rowspan.max(1);
                }
                placed.push((col, cell));
                col += span;
            }
            for c in &mut covered {
                *c = c.saturating_sub(1);
            }
            out.push(placed);
        }
        out
    }

    /// Whether every cell is one paragraph of one line spanning nothing,
    /// and every row as wide as the header: a pipe table (otherwise
    /// Markdown writes a grid table).
    pub fn is_pipe(&self) -> bool {
        let width = self.header.len();
        let one_line = |c: &Cell| {
            c.inlines()
                .all(|i| !matches!(i, Inline::Text(r) if r.text.contains(LINE_BREAK)))
        };
        width > 0
            && self.rows.iter().all(|r| r.len() == width)
            && std::iter::once(&self.header)
                .chain(&self.rows)
                .flatten()
                .all(|c| c.is_simple() && one_line(c))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Default,
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Style {
    pub italic: bool,
    pub bold: bool,
}

/// The revision state of a piece of text or a paragraph mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Rev {
    /// Inserted by this change.
    pub ins: Option<ChangeId>,
    /// Deleted by this change (possibly text another change inserted).
    pub del: Option<ChangeId>,
}

impl Rev {
    pub const NONE: Rev = Rev {
        ins: None,
        del: None,
    };

    pub fn is_none(&self) -> bool {
        self.ins.is_none() && self.del.is_none()
    }
}

/// A manual line break inside a paragraph (Word's `w:br`, a source line
/// ending in `\`): held as this character (Unicode's LINE SEPARATOR) in a
/// run's text, so that it is inserted, deleted and merged as text is.
pub const LINE_BREAK: char = '\u{2028}';

#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub style: Style,
    pub rev: Rev,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(Run),
    /// A footnote reference mark in the text.
    FootnoteRef {
        note: FootnoteId,
        rev: Rev,
    },
    /// Where a change group's text begins (before its first change).
    GroupStart(GroupId),
    /// Where a change group's attribution stands: right after its last
    /// change. Print writes ` (US)` or ` (US: reason; Canada: …)` here.
    GroupEnd(GroupId),
    /// A standing note by an author, not attached to any change.
    StandingNote(NoteId),
    /// `{==span==}` begins: the note comments on the text up to [`Inline::SpanEnd`].
    SpanStart(NoteId),
    /// The end of a noted span; print writes ` (US: …)` here.
    SpanEnd(NoteId),
}

impl Inline {
    /// The text of `inlines`' text runs joined, deleted and inserted text
    /// alike (marks, notes and footnote references hold none).
    pub fn text_of(inlines: &[Inline]) -> String {
        inlines
            .iter()
            .filter_map(|inline| match inline {
                Inline::Text(run) => Some(run.text.as_str()),
                _ => None,
            })
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Insertion,
    Deletion,
}

/// One insertion or deletion.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub kind: ChangeKind,
    pub group: GroupId,
    /// The proposer of the group.
    pub author: AuthorId,
    /// The change this one is nested in, if any: text France inserted
    /// inside a United States insertion exists only while the United
    /// States' insertion does. Views follow this chain.
    pub parent: Option<ChangeId>,
}

/// Changes separated only by spaces, attributed together.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeGroup {
    pub changes: Vec<ChangeId>,
    /// In source order; the first is the proposer's. Never empty.
    pub attributions: Vec<Attribution>,
}

impl ChangeGroup {
    pub fn proposer(&self) -> AuthorId {
        self.attributions[0].author
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    pub author: AuthorId,
    /// The reason or comment given after the code, if any. It is also a
    /// [`Note`] (kind [`NoteKind::Reason`]) so that DOCX can write it as a comment.
    pub note: Option<NoteId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub author: AuthorId,
    /// Plain text, with typographic quotes already applied.
    pub text: String,
    pub kind: NoteKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// Given in an attribution of this group.
    Reason(GroupId),
    /// Standing alone in the text.
    Standing,
    /// On a span of unchanged text (`{==…==}`).
    Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Footnote {
    pub mark: FootnoteMark,
    pub content: Vec<Inline>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FootnoteMark {
    /// Numbered in order of first reference.
    Number(u32),
    /// `*`, `**`, … as written in the source.
    Symbol(String),
}

impl fmt::Display for FootnoteMark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FootnoteMark::Number(n) => write!(f, "{n}"),
            FootnoteMark::Symbol(s) => f.write_str(s),
        }
    }
}

impl Document {
    pub fn author(&self, id: AuthorId) -> &Author {
        &self.authors[id.0]
    }

    pub fn change(&self, id: ChangeId) -> &Change {
        &self.changes[id.0]
    }

    /// A change and the changes it is nested in, innermost first.
    pub fn enclosing(&self, c: ChangeId) -> impl Iterator<Item = ChangeId> + '_ {
        std::iter::successors(Some(c), |c| self.change(*c).parent)
    }

    /// The innermost change text with revision `rev` is in: of an insertion
    /// and a deletion on the same text, the one nested in the other.
    pub fn innermost(&self, rev: Rev) -> Option<ChangeId> {
        match (rev.ins, rev.del) {
            (Some(i), Some(d)) if self.enclosing(d).any(|c| c == i) => Some(d),
            (Some(c), _) | (None, Some(c)) => Some(c),
            (None, None) => None,
        }
    }

    /// The changes text with revision `rev` is in, outermost first.
    pub fn change_chain(&self, rev: Rev) -> Vec<ChangeId> {
        let mut chain: Vec<ChangeId> = self
            .innermost(rev)
            .map(|c| self.enclosing(c).collect())
            .unwrap_or_default();
        chain.reverse();
        chain
    }

    pub fn group(&self, id: GroupId) -> &ChangeGroup {
        &self.groups[id.0]
    }

    pub fn note(&self, id: NoteId) -> &Note {
        &self.notes[id.0]
    }

    pub fn footnote(&self, id: FootnoteId) -> &Footnote {
        &self.footnotes[id.0]
    }

    /// The author with `code` ([`find_author`]: case and apostrophes
    /// count only where two codes differ by them alone).
    pub fn author_by_code(&self, code: &str) -> Option<AuthorId> {
        find_author(&self.authors, code).map(AuthorId)
    }

    /// The discussion points, in order, wherever they stand.
    pub fn points(&self) -> Vec<&Point> {
        fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a Point>) {
            for block in blocks {
                match block {
                    Block::Point(p) => {
                        out.push(p);
                        walk(&p.blocks, out);
                    }
                    Block::Statement(b) | Block::Quote(b) => walk(b, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.blocks, &mut out);
        out
    }
}

/// Roman numeral for chapter numbers and `(i)` subparagraphs.
pub fn roman(mut n: u32, upper: bool) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for &(value, digits) in &TABLE {
        while n >= value {
            s.push_str(digits);
            n -= value;
        }
    }
    if upper {
        s.to_uppercase()
    } else {
        s
    }
}

/// Letter label for sections and `(a)` subparagraphs: a … z, aa, bb, …
pub fn letters(n: u32, upper: bool) -> String {
    let n = n.max(1) - 1;
    let c = (b'a' + (n % 26) as u8) as char;
    let s: String = std::iter::repeat_n(c, (n / 26 + 1) as usize).collect();
    if upper {
        s.to_uppercase()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1, true), "I");
        assert_eq!(roman(4, true), "IV");
        assert_eq!(roman(14, false), "xiv");
        assert_eq!(roman(1999, true), "MCMXCIX");
    }

    #[test]
    fn letter_labels() {
        assert_eq!(letters(1, false), "a");
        assert_eq!(letters(26, true), "Z");
        assert_eq!(letters(27, false), "aa");
    }

    #[test]
    fn datetime_is_ooxml_form() {
        let d = Date {
            year: 2020,
            month: 9,
            day: 16,
        };
        assert_eq!(DateTime::from(d).to_string(), "2020-09-16T00:00:00Z");
    }
}
