//! The job number's Code 39 barcode at the foot of page 1, as the PDF has
//! it (`crate::house::barcode::code39`): a PNG in the first-page footer, under
//! the job number, as high as the house style's bars
//! (`templates/un.toml`, `[running]`).
//!
//! Bars are whole pixels (a narrow element 2 px, a wide one 5 px, the 2.5
//! ratio of the PDF's bars), so the image is exact and Word scales it to
//! the PDF's width (a narrow bar `barcode_module` points).

use crate::house::barcode::code39;
use crate::ooxml::Part;

/// The image's relationship from the first-page footer.
const REL_ID: &str = Part::Barcode.rel_id();

/// Pixel rows of the image: bars are vertical, so one row stretched to
/// the bars' height is exact.
const ROWS: u32 = 1;

/// One English Metric Unit per 1/12,700 of a point.
fn emu(pt: f32) -> u64 {
    (pt * 12_700.0).round() as u64
}

/// The barcode of a job number: the PNG, and the drawing run that shows it
/// (the image inline, for a paragraph of its own); `None` when the job
/// number has no digits.
pub(crate) struct Barcode {
    pub png: Vec<u8>,
    pub run: Vec<u8>,
}

pub(crate) fn barcode(job: &str, running: &crate::house::style::Running) -> Option<Barcode> {
    let (bars, width) = code39(job, 2.0)?;
    let (_, width_pt) = code39(job, running.barcode_module)?;
    let columns = width.round() as u32;
    let mut row = vec![255u8; columns as usize];
    for (x, w) in bars {
        let (from, to) = (x.round() as usize, (x + w).round() as usize);
        row[from..to.min(columns as usize)].fill(0);
    }
    let pixels: Vec<u8> = (0..ROWS).flat_map(|_| row.iter().copied()).collect();
    let mut png = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png, columns, ROWS);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        // fdeflate's fastest mode: a row of a few hundred bytes needs no
        // more, and a full deflater's set-up cost more than the rest of
        // the image.
        encoder.set_compression(png::Compression::Fastest);
        let mut writer = encoder.write_header().ok()?;
        writer.write_image_data(&pixels).ok()?;
    }
    let digits: String = job.chars().filter(char::is_ascii_digit).collect();
    Some(Barcode {
        png,
        run: drawing(emu(width_pt), emu(running.barcode_height), &digits),
    })
}

/// The image inline, `cx` by `cy` EMU, described by `digits`
/// (what the bars say, for screen readers).
fn drawing(cx: u64, cy: u64, digits: &str) -> Vec<u8> {
    format!(
        concat!(
            r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">"#,
            r#"<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="1" name="Barcode" descr="Barcode {digits}"/>"#,
            r#"<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr>"#,
            r#"<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">"#,
            r#"<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
            r#"<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
            r#"<pic:nvPicPr><pic:cNvPr id="0" name="barcode.png"/><pic:cNvPicPr/></pic:nvPicPr>"#,
            r#"<pic:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"#,
            r#"<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>"#,
            r#"<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"#,
            r#"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
        ),
        cx = cx,
        cy = cy,
        digits = digits,
        rel = REL_ID,
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn running() -> &'static crate::house::style::Running {
        &crate::house::style::HouseStyle::for_language(crate::model::Language::En).running
    }

    #[test]
    fn the_image_has_the_pdfs_bars_and_width() {
        let r = running();
        let b = barcode("V.20-05590", r).expect("digits");
        assert!(b.png.starts_with(b"\x89PNG"));
        let run = String::from_utf8(b.run).unwrap();
        let (_, width) = code39("V.20-05590", r.barcode_module).unwrap();
        assert!(run.contains(&format!("cx=\"{}\"", emu(width))), "{run}");
        assert!(
            run.contains(&format!("cy=\"{}\"", emu(r.barcode_height))),
            "{run}"
        );
        assert!(run.contains("descr=\"Barcode 2005590\""));
        assert!(barcode("no digits", r).is_none());
    }

    #[test]
    fn the_pixels_are_the_code39_bars() {
        let b = barcode("V.20-05590", running()).unwrap();
        let mut reader = png::Decoder::new(std::io::Cursor::new(b.png))
            .read_info()
            .unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut pixels).unwrap();
        let row = &pixels[..info.width as usize];
        // Runs of dark pixels: each a bar, at the PDF's bars' places.
        let mut runs = Vec::new();
        let mut start = None;
        for (x, &p) in row.iter().chain([&255]).enumerate() {
            match (p == 0, start) {
                (true, None) => start = Some(x),
                (false, Some(s)) => {
                    runs.push((s as f32, (x - s) as f32));
                    start = None;
                }
                _ => {}
            }
        }
        let (bars, _) = code39("V.20-05590", 2.0).unwrap();
        assert_eq!(runs, bars);
    }
}
