//! The emblem a user names in the front matter (`emblem = "un.png"`): a
//! PNG or SVG file the user has the right to use (none is shipped; the UN
//! emblem's use is restricted). It is read and checked once, when the
//! source is read, so that a missing or unreadable file is an error at the
//! key, before any output; the PDF and DOCX writers then draw it in the
//! masthead's room for it (docs/un-layout.md, "The emblem").

use std::path::Path;
use std::sync::Arc;

/// What kind of image the file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Png,
    Svg,
}

/// An emblem read and checked: its bytes as in the file, and its size
/// (pixels of a PNG, the user units of an SVG), whose ratio it keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub format: Format,
    pub data: Arc<Vec<u8>>,
    pub width: f32,
    pub height: f32,
}

/// Reads the image at `path`; the error says why it cannot be used.
pub fn read(path: &Path) -> Result<Image, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read it: {e}"))?;
    from_bytes(bytes)
}

/// Checks `bytes` as a PNG or an SVG image.
pub fn from_bytes(bytes: Vec<u8>) -> Result<Image, String> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        let (width, height) = png_size(&bytes)?;
        return Ok(Image {
            format: Format::Png,
            data: Arc::new(bytes),
            width,
            height,
        });
    }
    if bytes.starts_with(b"%PDF-") {
        return Err("it is a PDF; give the emblem as a PNG or SVG file".into());
    }
    if looks_like_svg(&bytes) {
        let tree = svg_tree(&bytes)?;
        let size = tree.size();
        return Ok(Image {
            format: Format::Svg,
            data: Arc::new(bytes),
            width: size.width(),
            height: size.height(),
        });
    }
    Err("it is neither a PNG nor an SVG image".into())
}

/// Decodes the whole PNG (so that a damaged one is refused here, not
/// when it is drawn) and gives its size in pixels.
fn png_size(bytes: &[u8]) -> Result<(f32, f32), String> {
    let damaged = |e: png::DecodingError| format!("the PNG is damaged: {e}");
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .map_err(damaged)?;
    let size = reader
        .output_buffer_size()
        .ok_or("the PNG is too large to read")?;
    // An emblem is a small picture: 64 MiB of pixels is far beyond one.
    if size > 64 << 20 {
        return Err("the PNG is too large for an emblem (over 64 MiB of pixels)".into());
    }
    let mut pixels = vec![0; size];
    let info = reader.next_frame(&mut pixels).map_err(damaged)?;
    if info.width == 0 || info.height == 0 {
        return Err("the PNG has no pixels".into());
    }
    Ok((info.width as f32, info.height as f32))
}

/// An XML file whose first element is `svg` (after a declaration,
/// comments or a doctype).
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    head.contains("<svg")
}

/// The SVG read by usvg, which krilla-svg draws in the PDF and resvg
/// rasterises for the DOCX.
pub fn svg_tree(bytes: &[u8]) -> Result<resvg::usvg::Tree, String> {
    resvg::usvg::Tree::from_data(bytes, &resvg::usvg::Options::default())
        .map_err(|e| format!("the SVG cannot be read: {e}"))
}

impl Image {
    /// Where the image stands in a frame `width` × `height`: as large as
    /// fits, its ratio kept, centred. Returns (dx, dy, width, height).
    pub fn fit(&self, width: f32, height: f32) -> (f32, f32, f32, f32) {
        let scale = (width / self.width).min(height / self.height);
        let (w, h) = (self.width * scale, self.height * scale);
        ((width - w) / 2.0, (height - h) / 2.0, w, h)
    }

    /// The image as a PNG `width` × `height` pixels (the DOCX's picture
    /// of an SVG: Word shows the SVG, others this): the PNG itself when
    /// it is one.
    pub fn png(&self, width: u32, height: u32) -> Result<Vec<u8>, String> {
        match self.format {
            Format::Png => Ok(self.data.as_ref().clone()),
            Format::Svg => {
                let tree = svg_tree(&self.data)?;
                let mut pixmap = resvg::tiny_skia::Pixmap::new(width.max(1), height.max(1))
                    .ok_or("the emblem's raster is empty")?;
                let size = tree.size();
                let transform = resvg::tiny_skia::Transform::from_scale(
                    width as f32 / size.width(),
                    height as f32 / size.height(),
                );
                resvg::render(&tree, transform, &mut pixmap.as_mut());
                pixmap.encode_png().map_err(|e| e.to_string())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny_png() -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, 4, 2);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&[0; 8]).unwrap();
        drop(writer);
        out
    }

    #[test]
    fn a_png_and_an_svg_are_read_with_their_size() {
        let png = from_bytes(tiny_png()).unwrap();
        assert_eq!((png.format, png.width, png.height), (Format::Png, 4.0, 2.0));
        let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"><rect width="30" height="20"/></svg>"#;
        let svg = from_bytes(svg.to_vec()).unwrap();
        assert_eq!(
            (svg.format, svg.width, svg.height),
            (Format::Svg, 30.0, 20.0)
        );
        let raster = svg.png(60, 40).unwrap();
        assert!(raster.starts_with(b"\x89PNG"));
    }

    #[test]
    fn what_is_not_an_image_is_refused_with_its_reason() {
        let mut cut = tiny_png();
        cut.truncate(cut.len() - 20);
        assert!(from_bytes(cut).unwrap_err().contains("damaged"));
        assert!(from_bytes(b"%PDF-1.7".to_vec())
            .unwrap_err()
            .contains("PDF"));
        assert!(from_bytes(b"hello".to_vec())
            .unwrap_err()
            .contains("neither"));
        assert!(from_bytes(b"<svg><oops".to_vec())
            .unwrap_err()
            .contains("SVG"));
    }

    #[test]
    fn the_image_fits_its_frame_keeping_its_ratio() {
        let png = from_bytes(tiny_png()).unwrap();
        let (dx, dy, w, h) = png.fit(40.0, 40.0);
        assert_eq!((dx, dy, w, h), (0.0, 10.0, 40.0, 20.0));
    }
}
