//! The layout engine: a document in, positioned lines on pages out.
//!
//! One job per module: [`fonts`] holds the faces, [`shape`] turns text into
//! glyphs, [`inline`] and [`linebreak`] set paragraphs as justified lines,
//! [`compose`] maps the model onto house-style blocks, [`masthead`] builds
//! page 1's head, and [`flow`] fills pages with lines and footnotes.
//! [`geom`] says how lengths compare.
//! The result ([`Layout`]) is plain data that tests inspect; the PDF writer
//! takes the pages one at a time from [`stream`], as they are made.

pub mod bidi;
pub mod compose;
pub mod error;
pub mod fallback;
pub mod flow;
pub mod fonts;
pub mod geom;
pub mod hyphenate;
pub mod inline;
pub mod linebreak;
pub mod masthead;
pub mod mirror;
pub mod result;
pub mod shape;

pub use error::Error;
pub use inline::{Decoration, Line, PlacedGlyph, Rgb, Swatch, TextRun};
pub use result::{BlockInfo, BlockKind, Frame, Layout, Page, PageSink, PlacedLine, Rule};

use crate::house::style::{HouseStyle, Labels};
use crate::model::{Document, Language};
use fonts::Fonts;
use result::push_block;
use shape::Shaper;

/// What the layout needs beyond the document.
pub struct Settings<'a> {
    pub fonts: &'a Fonts,
    pub colour: bool,
}

/// The hyphenation patterns for a language, if there are any.
pub fn hyphenation_language(lang: Language) -> Option<hypher::Lang> {
    match lang {
        Language::En => Some(hypher::Lang::English),
        Language::Fr => Some(hypher::Lang::French),
        Language::Es => Some(hypher::Lang::Spanish),
        Language::Ru => Some(hypher::Lang::Russian),
        Language::Ar | Language::Zh => None,
    }
}

/// The width and height of the document's pages.
pub fn page_size(doc: &Document) -> geom::Size {
    let geometry = HouseStyle::of(&doc.meta).page(doc.meta.paper);
    geom::Size {
        width: geometry.width,
        height: geometry.height,
    }
}

/// Lay out a document (already reduced to one view).
pub fn layout(doc: &Document, settings: &Settings) -> Result<Layout, Error> {
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
) -> Result<Layout, Error> {
    let style = HouseStyle::of(&doc.meta);
    let labels = Labels::get(doc.meta.language);
    let geometry = style.page(doc.meta.paper);
    let mut shaper = Shaper::new(settings.fonts, doc.meta.language.code())?;
    let text_width = geometry.width - geometry.margin_inner - geometry.margin_outer;
    if text_width < error::MIN_TEXT_WIDTH {
        return Err(Error::PageTooNarrow { text_width });
    }
    let mut composer = compose::Composer::new(doc, style, settings.colour, text_width);
    composer.blocks(&doc.blocks, false);
    if settings.colour {
        let stats = crate::model::stats::stats(doc);
        composer.legend(&stats);
    }
    let mut blocks: Vec<BlockInfo> = Vec::new();
    let running = push_block(&mut blocks, BlockKind::Running, None, String::new());
    let head = masthead::build(doc, style, labels, &mut shaper, &mut blocks);
    let ctx = flow::Context {
        doc,
        style,
        geometry,
        hyphenate: hyphenation_language(doc.meta.language),
        running,
    };
    let agenda_block = head.agenda_block;
    flow::paginate(&ctx, &mut shaper, &mut composer, head, &mut blocks, sink)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A receiver that refuses a page stops the layout there, and the
    /// error says it was the receiver, with the receiver's own reason.
    #[test]
    fn a_sink_that_stops_stops_the_layout() {
        let text = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/firearms-comments.md"
        ));
        let doc =
            crate::read::source::parse("firearms-comments.md", text).expect("the example parses");
        let fonts = Fonts::builtin();
        let settings = Settings {
            fonts: &fonts,
            colour: false,
        };
        let mut offered = 0;
        let mut refuse = |_: Page, _: &[BlockInfo]| {
            offered += 1;
            Err(Error::Sink("the disk is full".into()))
        };
        let err = stream(&doc, &settings, &mut refuse).unwrap_err();
        assert_eq!(err, Error::Sink("the disk is full".into()));
        assert!(err.to_string().contains("the disk is full"), "{err}");
        assert_eq!(offered, 1, "no page offered after the refusal");
        let pages = layout(&doc, &settings).expect("lays out").pages.len();
        assert!(pages > 1, "the example has {pages} page(s)");
    }
}
