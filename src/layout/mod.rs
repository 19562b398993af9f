//! The layout engine: a document in, positioned lines on pages out.
//!
//! One job per module: [`fonts`] holds the faces, [`shape`] turns text into
//! glyphs, [`inline`] and [`linebreak`] set paragraphs as justified lines,
//! [`compose`] maps the model onto house-style blocks, [`masthead`] builds
//! page 1's head, and [`paginate`] fills pages with lines and footnotes.
//! The result ([`Layout`]) is plain data that tests inspect; the PDF writer
//! takes the pages one at a time from [`stream`], as they are made.

pub mod bidi;
pub mod compose;
pub mod fonts;
pub mod inline;
pub mod linebreak;
pub mod masthead;
pub mod mirror;
pub mod paginate;
pub mod shape;

pub use inline::{Decoration, Line, PlacedGlyph, Rgb, TextRun};

use crate::model::{Document, Language};
use crate::style::{HouseStyle, Labels};
use fonts::Fonts;
use shape::Shaper;

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

/// What the layout needs beyond the document.
pub struct Settings<'a> {
    pub fonts: &'a Fonts,
    pub colour: bool,
}

/// The hyphenation patterns for a language, if there are any.
pub fn hyphenation(lang: Language) -> Option<hypher::Lang> {
    match lang {
        Language::En => Some(hypher::Lang::English),
        Language::Fr => Some(hypher::Lang::French),
        Language::Es => Some(hypher::Lang::Spanish),
        Language::Ru => Some(hypher::Lang::Russian),
        Language::Ar | Language::Zh => None,
    }
}

/// Receives each page as soon as pagination has made it final.
pub trait PageSink {
    /// `blocks` holds every block numbered so far, the page's among them.
    fn page(&mut self, page: Page, blocks: &[BlockInfo]) -> Result<(), String>;
}

impl<F: FnMut(Page, &[BlockInfo]) -> Result<(), String>> PageSink for F {
    fn page(&mut self, page: Page, blocks: &[BlockInfo]) -> Result<(), String> {
        self(page, blocks)
    }
}

/// The width and height of the document's pages.
pub fn page_size(doc: &Document) -> (f32, f32) {
    let geometry = HouseStyle::un().page(doc.meta.paper);
    (geometry.width, geometry.height)
}

/// Lay out a document (already reduced to one view).
pub fn layout(doc: &Document, settings: &Settings) -> Result<Layout, String> {
    let mut pages = Vec::new();
    let mut laid = stream(doc, settings, &mut |page: Page, _: &[BlockInfo]| {
        pages.push(page);
        Ok(())
    })?;
    // A stream numbers the agenda note's block before the footnotes' (page
    // 1 shows the note before they are set); move it after them, where a
    // whole layout has always had it.
    if let Some(a) = laid
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Footnote && b.footnote.is_none())
    {
        let last = laid.blocks.len() - 1;
        laid.blocks[a..].rotate_left(1);
        for line in pages.iter_mut().flat_map(|p| p.lines.iter_mut()) {
            if line.block == a {
                line.block = last;
            } else if line.block > a {
                line.block -= 1;
            }
        }
    }
    laid.pages = pages;
    Ok(laid)
}

/// Lay out a document (already reduced to one view), handing each page to
/// `sink` as soon as it is final, so that a writer can draw it and let it
/// go: a large document's pages are never all held at once. The layout
/// returned has no pages; its blocks number the agenda note (if any)
/// before the footnotes.
pub fn stream(
    doc: &Document,
    settings: &Settings,
    sink: &mut dyn PageSink,
) -> Result<Layout, String> {
    let style = HouseStyle::un();
    let labels = Labels::get(doc.meta.language);
    let geometry = style.page(doc.meta.paper);
    let mut shaper = Shaper::new(settings.fonts, doc.meta.language.code())?;
    let text_width = geometry.width - geometry.margin_inner - geometry.margin_outer;
    if text_width < 100.0 {
        return Err("the page is too narrow for its margins".into());
    }
    let mut composer = compose::Composer::new(doc, style, settings.colour, text_width);
    composer.blocks(&doc.blocks, false);
    if settings.colour {
        let stats = crate::view::stats(doc);
        composer.legend(&stats, &labels.legend);
    }
    let mut blocks: Vec<BlockInfo> = Vec::new();
    let running = push_block(&mut blocks, BlockKind::Running, None, String::new());
    let head = masthead::build(doc, style, labels, &mut shaper, &mut blocks)?;
    let ctx = paginate::Context {
        doc,
        style,
        geometry,
        hyphenate: hyphenation(doc.meta.language),
        running,
    };
    let agenda_block = head.agenda_block;
    paginate::paginate(&ctx, &mut shaper, &mut composer, head, &mut blocks, sink)?;
    Ok(Layout {
        width: geometry.width,
        height: geometry.height,
        measure: text_width - style.body.indent - style.body.right_indent,
        leading: style.body.leading,
        blocks,
        pages: Vec::new(),
        agenda_block,
    })
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
