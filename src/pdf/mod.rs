//! The PDF writer: lays the document out with [`crate::layout`] and draws
//! the result with krilla, which subsets and embeds the fonts (with a
//! ToUnicode map), writes the outline, the tag tree and the XMP metadata,
//! and validates the file against PDF/A and PDF/UA as it writes it.
//!
//! Why krilla and not printpdf: printpdf's PDF/A setting writes no XMP
//! metadata and no output intent, it cannot tag, and it subsets fonts only
//! through a heavy text-layout feature; see `docs/decisions.md`.

mod draw;
mod tags;

use crate::layout::{self, fonts::Fonts, Layout};
use crate::model::Document;
use std::fmt;
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

#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The fonts could not be read or used.
    Font(String),
    /// The document could not be laid out.
    Layout(String),
    /// krilla refused to write the file (validation, limits).
    Write(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Font(m) => write!(f, "font: {m}"),
            Error::Layout(m) => write!(f, "layout: {m}"),
            Error::Write(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

fn fonts(options: &Options) -> Result<Fonts, Error> {
    match &options.font_dir {
        Some(dir) => Fonts::from_dir(dir).map_err(Error::Font),
        None => Ok(Fonts::builtin()),
    }
}

/// The layout the PDF is drawn from: pages, positioned lines, footnotes.
/// Public so that tests can check the engine's own decisions.
pub fn layout(doc: &Document, options: &Options) -> Result<Layout, Error> {
    let fonts = fonts(options)?;
    layout::layout(
        doc,
        &layout::Settings {
            fonts: &fonts,
            colour: options.colour,
        },
    )
    .map_err(Error::Layout)
}

/// Write `doc` (already reduced to one view) as a typeset PDF.
pub fn write(doc: &Document, options: &Options) -> Result<Vec<u8>, Error> {
    let fonts = fonts(options)?;
    // Each page is drawn as soon as layout has made it final, and dropped:
    // holding every page until all were laid out took most of a large
    // document's peak memory.
    let mut writer = draw::Writer::new(doc, &fonts, layout::page_size(doc))?;
    let laid = layout::stream(
        doc,
        &layout::Settings {
            fonts: &fonts,
            colour: options.colour,
        },
        &mut writer,
    )
    .map_err(Error::Layout)?;
    writer.finish(doc, &laid)
}
