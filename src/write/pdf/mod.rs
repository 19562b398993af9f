//! The PDF writer: lays the document out with [`crate::layout`] and draws
//! the result with krilla, which subsets and embeds the fonts (with a
//! ToUnicode map), writes the outline, the tag tree and the XMP metadata,
//! and validates the file against PDF/A and PDF/UA as it writes it.
//!
//! Why krilla and not printpdf: printpdf's PDF/A setting writes no XMP
//! metadata and no output intent, it cannot tag, and it subsets fonts only
//! through a heavy text-layout feature; see `docs/decisions.md`.

mod draw;
mod error;
mod tags;

pub use error::Error;

use crate::layout::{self, fonts::Fonts, BlockInfo, Layout, Page};
use crate::model::Document;
use std::path::PathBuf;

/// How to write the PDF.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Print each author's changes in a colour of its own, with a legend.
    pub colour: bool,
    /// A directory with `NAME-Regular.ttf`, `-Bold`, `-Italic` and
    /// `-BoldItalic` to use instead of the built-in Liberation Serif.
    pub font_dir: Option<PathBuf>,
}

/// The family given with `--font-dir`, else the one for the document's
/// language (built in, or installed for Arabic and Chinese).
fn fonts(options: &Options, doc: &Document) -> Result<Fonts, Error> {
    match &options.font_dir {
        Some(dir) => Fonts::from_dir(dir),
        None => Fonts::for_language(doc.meta.language),
    }
    .map_err(|e| Error::Layout(layout::Error::Font(e)))
}

/// The layout the PDF is drawn from: pages, positioned lines, footnotes.
/// Public so that tests can check the engine's own decisions.
pub fn layout(doc: &Document, options: &Options) -> Result<Layout, Error> {
    let fonts = fonts(options, doc)?;
    let settings = layout::Settings {
        fonts: &fonts,
        colour: options.colour,
    };
    Ok(layout::layout(doc, &settings)?)
}

/// Pages laid out but not yet drawn, at most: enough to keep both
/// threads busy, few enough that memory stays bounded.
const PAGES_IN_FLIGHT: usize = 2;

/// Write `doc` (already reduced to one view) as a typeset PDF.
///
/// Layout runs on a thread of its own and hands each page over as soon as
/// it is final; this thread draws it with krilla and drops it. Setting
/// lines and drawing them take about the same time, so on two cores a
/// document takes little more than the longer of the two; and since no
/// page is kept once drawn, a large document's peak memory stays small
/// (holding every page until all were laid out took most of it). Pages
/// are drawn in order by one thread, so the bytes do not depend on the
/// threads' timing.
pub fn write(doc: &Document, options: &Options) -> Result<Vec<u8>, Error> {
    let fonts = fonts(options, doc)?;
    let mut writer = draw::Writer::new(doc, &fonts, layout::page_size(doc))?;
    let settings = layout::Settings {
        fonts: &fonts,
        colour: options.colour,
    };
    let (laid, drawn) = std::thread::scope(|scope| {
        let (pages, received) = std::sync::mpsc::sync_channel::<PageToDraw>(PAGES_IN_FLIGHT);
        let layout = scope.spawn(move || {
            layout::stream(doc, &settings, &mut |page: Page, blocks: &[BlockInfo]| {
                // The blocks of the page's lines, as they stand now.
                let mut used: Vec<usize> = page
                    .lines
                    .iter()
                    .chain(&page.running)
                    .map(|l| l.block)
                    .collect();
                used.sort_unstable();
                used.dedup();
                let blocks = used.into_iter().map(|b| (b, blocks[b].clone())).collect();
                pages
                    .send(PageToDraw { page, blocks })
                    .map_err(|_| layout::Error::Sink("the PDF writer stopped".into()))
            })
        });
        let mut blocks: Vec<BlockInfo> = Vec::new();
        let mut drawn = Ok(());
        for PageToDraw { page, blocks: used } in received {
            for (b, info) in used {
                if blocks.len() <= b {
                    blocks.resize(b + 1, layout::BlockInfo::placeholder());
                }
                blocks[b] = info;
            }
            if let Err(e) = writer.draw(page, &blocks) {
                // Leaving the loop drops the receiver: layout then stops
                // at its next page.
                drawn = Err(e);
                break;
            }
        }
        let laid = match layout.join() {
            Ok(laid) => laid,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (laid, drawn)
    });
    // A drawing error first: it is what stopped the layout, if anything did.
    drawn?;
    let laid = laid?;
    writer.finish(doc, &laid)
}

/// A page on its way from layout to drawing, with the blocks its lines
/// belong to (index and description).
struct PageToDraw {
    page: Page,
    blocks: Vec<(usize, BlockInfo)>,
}
