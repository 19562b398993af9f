//! The styles rapporteur's DOCX names: each style's id (what the markup
//! says, `w:pStyle w:val="NumberedParagraph"`), its display name (what
//! Word's style gallery shows) and what the reader accepts for it (the id
//! as LibreOffice and Word respell it, Word's built-in styles of the same
//! role). The DOCX writer defines every style from here
//! (`write::docx::styles`), the reader recognises them from here
//! (`read::docx::blocks`, `numbering`, `masthead`): renaming a style
//! renames it for both.
//!
//! Every use is a `match` with no default arm, so a new style is decided
//! on where it is written and where it is read.

/// A paragraph style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParagraphStyle {
    /// Word's default paragraph style, on which the others are based.
    Normal,
    BodyText,
    NumberedParagraph,
    Subparagraph,
    Subparagraph2,
    StatementListItem,
    /// A statement's own paragraphs: body text to the eye, named so that
    /// a copy saved by another editor still reads them as the statement's.
    StatementText,
    Quote,
    Title,
    Subtitle,
    /// `heading 1` … `heading 9` (rapporteur writes 1 to 6).
    Heading(u8),
    PointHeading,
    TableText,
    /// A table's header row: bold.
    TableHeader,
    FootnoteText,
    CommentText,
    HeaderOdd,
    HeaderEven,
    Footer,
    /// Page 1's footer: the job number, and the barcode's paragraph under it.
    FooterFirst,
    FooterBarcode,
    MastheadTopLine,
    MastheadOrgan,
    MastheadInfo,
    /// The Distr./date/Original column: left to right even in an Arabic
    /// document, whose column is printed in English.
    MastheadColumn,
    MastheadSession,
    MastheadAgendaTitle,
    /// The empty paragraph whose bottom border is the heavy rule under the
    /// organ and the Distr. column.
    MastheadRule,
    /// The empty cell kept for the emblem, left of the organ.
    MastheadEmblem,
    /// The empty paragraph whose bottom border is the short centred rule
    /// after the last paragraph.
    EndRule,
}

/// The headings' ids and names, by level from 1.
const HEADING_IDS: [&str; 9] = [
    "Heading1", "Heading2", "Heading3", "Heading4", "Heading5", "Heading6", "Heading7", "Heading8",
    "Heading9",
];
const HEADING_NAMES: [&str; 9] = [
    "heading 1",
    "heading 2",
    "heading 3",
    "heading 4",
    "heading 5",
    "heading 6",
    "heading 7",
    "heading 8",
    "heading 9",
];

/// The deepest heading level rapporteur writes.
pub const DEEPEST_HEADING: u8 = 6;

impl ParagraphStyle {
    /// Every paragraph style rapporteur defines, in the order the styles
    /// part lists them within each group.
    pub const ALL: [ParagraphStyle; 35] = {
        use ParagraphStyle::*;
        [
            Normal,
            BodyText,
            NumberedParagraph,
            Subparagraph,
            Subparagraph2,
            StatementText,
            StatementListItem,
            Quote,
            Title,
            Subtitle,
            Heading(1),
            Heading(2),
            Heading(3),
            Heading(4),
            Heading(5),
            Heading(6),
            PointHeading,
            TableText,
            TableHeader,
            FootnoteText,
            CommentText,
            HeaderOdd,
            HeaderEven,
            Footer,
            FooterFirst,
            FooterBarcode,
            MastheadTopLine,
            MastheadOrgan,
            MastheadInfo,
            MastheadEmblem,
            MastheadRule,
            EndRule,
            MastheadColumn,
            MastheadSession,
            MastheadAgendaTitle,
        ]
    };

    /// The heading style of a source level (`#` … `######` and deeper).
    pub fn heading(level: u8) -> ParagraphStyle {
        ParagraphStyle::Heading(level.clamp(1, DEEPEST_HEADING))
    }

    /// The id the markup names it by.
    pub const fn id(self) -> &'static str {
        use ParagraphStyle::*;
        match self {
            Normal => "Normal",
            BodyText => "BodyText",
            NumberedParagraph => "NumberedParagraph",
            Subparagraph => "Subparagraph",
            Subparagraph2 => "Subparagraph2",
            StatementListItem => "StatementListItem",
            StatementText => "StatementText",
            Quote => "Quote",
            Title => "Title",
            Subtitle => "Subtitle",
            Heading(level) => HEADING_IDS[heading_index(level)],
            PointHeading => "PointHeading",
            TableText => "TableText",
            TableHeader => "TableHeader",
            FootnoteText => "FootnoteText",
            CommentText => "CommentText",
            HeaderOdd => "HeaderOdd",
            HeaderEven => "HeaderEven",
            Footer => "Footer",
            FooterFirst => "FooterFirst",
            FooterBarcode => "FooterBarcode",
            MastheadTopLine => "MastheadTopLine",
            MastheadOrgan => "MastheadOrgan",
            MastheadInfo => "MastheadInfo",
            MastheadColumn => "MastheadColumn",
            MastheadSession => "MastheadSession",
            MastheadAgendaTitle => "MastheadAgendaTitle",
            MastheadRule => "MastheadRule",
            MastheadEmblem => "MastheadEmblem",
            EndRule => "EndRule",
        }
    }

    /// The name Word shows. Word's built-in styles keep Word's own
    /// (lower-case) names, so that Word treats them as its own.
    pub const fn name(self) -> &'static str {
        use ParagraphStyle::*;
        match self {
            Normal => "Normal",
            BodyText => "Body Text",
            NumberedParagraph => "Numbered Paragraph",
            Subparagraph => "Subparagraph",
            Subparagraph2 => "Subparagraph 2",
            StatementListItem => "Statement List Item",
            StatementText => "Statement Text",
            Quote => "Quote",
            Title => "Title",
            Subtitle => "Subtitle",
            Heading(level) => HEADING_NAMES[heading_index(level)],
            PointHeading => "Point Heading",
            TableText => "Table Text",
            TableHeader => "Table Header",
            FootnoteText => "footnote text",
            CommentText => "annotation text",
            HeaderOdd => "Header Odd",
            HeaderEven => "Header Even",
            Footer => "footer",
            FooterFirst => "Footer First",
            FooterBarcode => "Footer Barcode",
            MastheadTopLine => "Masthead Top Line",
            MastheadOrgan => "Masthead Organ",
            MastheadInfo => "Masthead Info",
            MastheadColumn => "Masthead Column",
            MastheadSession => "Masthead Session",
            MastheadAgendaTitle => "Masthead Agenda Title",
            MastheadRule => "Masthead Rule",
            MastheadEmblem => "Masthead Emblem",
            EndRule => "End Rule",
        }
    }

    /// Other styles the reader takes for this one, as [`style_key`]s:
    /// Word's and LibreOffice's styles of the same role.
    pub const fn aliases(self) -> &'static [&'static str] {
        use ParagraphStyle::*;
        match self {
            Quote => &["intensequote", "quotations", "blocktext"],
            Normal | BodyText | NumberedParagraph | Subparagraph | Subparagraph2
            | StatementListItem | StatementText | Title | Subtitle | Heading(_) | PointHeading
            | TableText | TableHeader | FootnoteText | CommentText | HeaderOdd | HeaderEven
            | Footer | FooterFirst | FooterBarcode | MastheadTopLine | MastheadOrgan
            | MastheadInfo | MastheadColumn | MastheadSession | MastheadAgendaTitle
            | MastheadRule | MastheadEmblem | EndRule => &[],
        }
    }

    /// The style a file's style id names, as LibreOffice and Word may
    /// respell it (`Numbered Paragraph`, `numbered_paragraph`): one of
    /// rapporteur's, or a Word style of the same role. `Heading 1` …
    /// (any level: deeper ones are read as level 9).
    pub fn recognise(style: &str) -> Option<ParagraphStyle> {
        let key = style_key(style);
        if let Some(level) = key
            .strip_prefix("heading")
            .and_then(|n| n.parse::<u8>().ok())
        {
            return Some(ParagraphStyle::Heading(level.clamp(1, 9)));
        }
        ParagraphStyle::ALL
            .into_iter()
            .filter(|s| !matches!(s, ParagraphStyle::Heading(_)))
            .find(|s| style_key(s.id()) == key || s.aliases().contains(&key.as_str()))
    }

    /// Whether a file's style id names this style, respelt or not.
    pub fn is(self, style: &str) -> bool {
        style_key(style) == style_key(self.id())
    }
}

const fn heading_index(level: u8) -> usize {
    let level = if level < 1 {
        1
    } else if level > 9 {
        9
    } else {
        level
    };
    level as usize - 1
}

/// A style id as LibreOffice and Word may respell it: case, spaces,
/// hyphens and underscores aside.
pub fn style_key(style: &str) -> String {
    style.to_lowercase().replace([' ', '-', '_'], "")
}

/// Whether a style is one of the masthead's: rapporteur's `Masthead…`
/// styles (any, so that a masthead style another version adds still
/// reads as the masthead), and the title and subtitle.
pub fn in_masthead(style: &str) -> bool {
    let key = style_key(style);
    key.starts_with("masthead")
        || ParagraphStyle::Title.is(style)
        || ParagraphStyle::Subtitle.is(style)
}

/// Whether a style is named as a heading (`Heading 1`, `heading 2 Char`,
/// `HeadingNumbered`): Word numbers headings of its own, which the model
/// numbers by itself.
pub fn named_as_heading(style: &str) -> bool {
    style.to_ascii_lowercase().starts_with("heading")
}

/// A character style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CharacterStyle {
    FootnoteReference,
    CommentReference,
    PageNumber,
    MastheadUnitedNations,
    MastheadSymbol,
}

impl CharacterStyle {
    pub const ALL: [CharacterStyle; 5] = [
        CharacterStyle::FootnoteReference,
        CharacterStyle::CommentReference,
        CharacterStyle::PageNumber,
        CharacterStyle::MastheadUnitedNations,
        CharacterStyle::MastheadSymbol,
    ];

    pub const fn id(self) -> &'static str {
        match self {
            CharacterStyle::FootnoteReference => "FootnoteReference",
            CharacterStyle::CommentReference => "CommentReference",
            CharacterStyle::PageNumber => "PageNumber",
            CharacterStyle::MastheadUnitedNations => "MastheadUnitedNations",
            CharacterStyle::MastheadSymbol => "MastheadSymbol",
        }
    }

    pub const fn name(self) -> &'static str {
        match self {
            CharacterStyle::FootnoteReference => "footnote reference",
            CharacterStyle::CommentReference => "annotation reference",
            CharacterStyle::PageNumber => "page number",
            CharacterStyle::MastheadUnitedNations => "Masthead United Nations",
            CharacterStyle::MastheadSymbol => "Masthead Symbol",
        }
    }

    /// Other ids the reader takes for this one, exactly as written:
    /// LibreOffice's names for the footnote mark's style.
    pub const fn aliases(self) -> &'static [&'static str] {
        match self {
            CharacterStyle::FootnoteReference => {
                &["FootnoteCharacters", "FootnoteAnchor", "Footnoteanchor"]
            }
            CharacterStyle::CommentReference
            | CharacterStyle::PageNumber
            | CharacterStyle::MastheadUnitedNations
            | CharacterStyle::MastheadSymbol => &[],
        }
    }

    /// Whether a file's character style id is this style (as written, or
    /// one of its [`aliases`](Self::aliases)).
    pub fn is(self, style: &str) -> bool {
        style == self.id() || self.aliases().contains(&style)
    }
}

/// The table style: Word's default, which holds the cell margins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableStyle {
    TableNormal,
}

impl TableStyle {
    pub const fn id(self) -> &'static str {
        match self {
            TableStyle::TableNormal => "TableNormal",
        }
    }

    pub const fn name(self) -> &'static str {
        match self {
            TableStyle::TableNormal => "Normal Table",
        }
    }
}

/// The numbering instance the numbered paragraph style is linked to.
pub const PARAGRAPH_NUM_ID: u32 = 1;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_style_is_recognised_by_its_id_and_as_respelt() {
        for s in ParagraphStyle::ALL {
            assert_eq!(ParagraphStyle::recognise(s.id()), Some(s), "{s:?}");
            let respelt = s.id().to_uppercase().replace("PARAGRAPH", "_paragraph");
            assert_eq!(ParagraphStyle::recognise(&respelt), Some(s), "{respelt}");
        }
        for s in CharacterStyle::ALL {
            assert!(s.is(s.id()));
        }
    }

    #[test]
    fn ids_and_names_are_each_one_styles() {
        let ids: BTreeSet<String> = ParagraphStyle::ALL
            .iter()
            .map(|s| style_key(s.id()))
            .chain(CharacterStyle::ALL.iter().map(|s| style_key(s.id())))
            .collect();
        assert_eq!(
            ids.len(),
            ParagraphStyle::ALL.len() + CharacterStyle::ALL.len()
        );
        let names: BTreeSet<&str> = ParagraphStyle::ALL.iter().map(|s| s.name()).collect();
        assert_eq!(names.len(), ParagraphStyle::ALL.len());
    }

    #[test]
    fn word_styles_of_the_same_role_are_read_as_rapporteurs() {
        assert_eq!(
            ParagraphStyle::recognise("Intense Quote"),
            Some(ParagraphStyle::Quote)
        );
        assert_eq!(
            ParagraphStyle::recognise("Block Text"),
            Some(ParagraphStyle::Quote)
        );
        assert_eq!(
            ParagraphStyle::recognise("heading 8"),
            Some(ParagraphStyle::Heading(8))
        );
        assert_eq!(
            ParagraphStyle::recognise("Heading12"),
            Some(ParagraphStyle::Heading(9))
        );
        assert_eq!(ParagraphStyle::recognise("Heading 1 Char"), None);
        assert_eq!(ParagraphStyle::recognise("List Paragraph"), None);
        assert!(CharacterStyle::FootnoteReference.is("FootnoteAnchor"));
        assert!(!CharacterStyle::FootnoteReference.is("footnotereference"));
    }

    #[test]
    fn the_masthead_is_its_styles_and_the_title() {
        assert!(in_masthead("Masthead Session"));
        assert!(in_masthead("MastheadSomethingNew"));
        assert!(in_masthead("title"));
        assert!(!in_masthead("Subtitle 2"));
        assert!(!in_masthead("BodyText"));
    }

    #[test]
    fn headings_by_source_level() {
        assert_eq!(ParagraphStyle::heading(0).id(), "Heading1");
        assert_eq!(ParagraphStyle::heading(3).id(), "Heading3");
        assert_eq!(ParagraphStyle::heading(9).id(), "Heading6");
        assert_eq!(ParagraphStyle::heading(2).name(), "heading 2");
    }
}
