//! What layout produces: pages of positioned lines and the blocks they
//! belong to. Plain data, shared by every step of the layout and read by the
//! PDF writer and the tests; it depends on no other step.

use super::error::Error;
use super::inline::Line;

/// What a block is, for pagination rules, tagging and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// A line of page 1's masthead (organ, Distr. column, session, agenda).
    Masthead,
    Title,
    Subtitle,
    Chapter,
    Section,
    Subheading,
    PointHeading,
    Paragraph,
    SubParagraph,
    ListItem,
    /// A bulleted list's item.
    Bullet,
    Quote,
    TableRow,
    Footnote,
    LegendHeading,
    Legend,
    /// Running heads, page numbers, job numbers: artifacts, not content.
    Running,
}

impl BlockKind {
    pub fn is_heading(self) -> bool {
        matches!(
            self,
            BlockKind::Chapter
                | BlockKind::Section
                | BlockKind::Subheading
                | BlockKind::PointHeading
                | BlockKind::LegendHeading
        )
    }
}

/// A block of the document as laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockInfo {
    pub kind: BlockKind,
    /// Outline level, for headings and points.
    pub outline: Option<u8>,
    /// Plain text of a heading (outline entry, tag title).
    pub title: String,
    /// The footnote (index into `Document::footnotes`) a footnote block
    /// holds; `None` with kind `Footnote` is the agenda footnote.
    pub footnote: Option<usize>,
    /// Consecutive items of one list share a number.
    pub list: Option<usize>,
    pub header_row: bool,
    /// How many lines the block has in all.
    pub lines: usize,
}

/// A line on a page: `x` is the left edge of the text, `y` the baseline,
/// both from the page's top-left corner in points.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLine {
    pub x: f32,
    pub y: f32,
    pub line: Line,
    /// Index into [`Layout::blocks`].
    pub block: usize,
    /// The line's number within its block, from 0.
    pub index: usize,
    /// The table cell (column) a line of a table row belongs to; 0 elsewhere.
    pub cell: usize,
}

/// A horizontal rule on a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub thickness: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// From 1.
    pub number: usize,
    /// Content lines in reading order: masthead, body, then footnotes.
    pub lines: Vec<PlacedLine>,
    /// Running head, page number and job number.
    pub running: Vec<PlacedLine>,
    /// Masthead rules and the footnote separator (content rules).
    pub rules: Vec<Rule>,
    /// The running head's rule.
    pub running_rules: Vec<Rule>,
    /// Page 1's barcode of the job number: vertical bars drawn as rules
    /// whose thickness is the bar height.
    pub barcode: Vec<Rule>,
    /// Footnotes (indices into `Document::footnotes`) whose text, or part
    /// of it, is on this page.
    pub footnotes: Vec<usize>,
    /// Footnotes referenced from this page's body lines.
    pub references: Vec<usize>,
    /// Top and bottom of the area body text may occupy.
    pub body_top: f32,
    pub body_bottom: f32,
    /// Page 1's room for the emblem (kept whether or not one is drawn).
    pub emblem: Option<Frame>,
}

/// A rectangle on a page, from its top-left corner, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// The whole document laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f32,
    pub height: f32,
    /// The measure of body text (numbered paragraphs).
    pub measure: f32,
    /// The body leading.
    pub leading: f32,
    pub blocks: Vec<BlockInfo>,
    pub pages: Vec<Page>,
    /// The masthead block holding the agenda item (and its `*` mark).
    pub agenda_block: Option<usize>,
}

/// Receives each page as soon as pagination has made it final.
pub trait PageSink {
    /// `blocks` holds every block numbered so far, the page's among them.
    fn page(&mut self, page: Page, blocks: &[BlockInfo]) -> Result<(), Error>;
}

impl<F: FnMut(Page, &[BlockInfo]) -> Result<(), Error>> PageSink for F {
    fn page(&mut self, page: Page, blocks: &[BlockInfo]) -> Result<(), Error> {
        self(page, blocks)
    }
}

impl BlockInfo {
    /// A block not described yet (running heads' kind, no title).
    pub fn placeholder() -> BlockInfo {
        BlockInfo {
            kind: BlockKind::Running,
            outline: None,
            title: String::new(),
            footnote: None,
            list: None,
            header_row: false,
            lines: 0,
        }
    }
}

pub(crate) fn push_block(
    blocks: &mut Vec<BlockInfo>,
    kind: BlockKind,
    footnote: Option<usize>,
    title: String,
) -> usize {
    blocks.push(BlockInfo {
        kind,
        outline: None,
        title,
        footnote,
        list: None,
        header_row: false,
        lines: 0,
    });
    blocks.len() - 1
}
