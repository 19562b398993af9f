//! The emblem the front matter names (`crate::house::emblem`), as the PDF draws
//! it: an inline picture in the masthead table's first cell, as large as
//! the house style's room for it (`templates/un.toml`, `emblem_*`), its
//! ratio kept. A PNG goes in as it is; an SVG goes in as itself, which
//! Word shows (Office's `svgBlip`), with a PNG of it at 300 dpi as the
//! picture every other reader shows (LibreOffice among them).

use super::error::Error;
use crate::house::emblem::Format;
use crate::house::style::Masthead;
use crate::model::Metadata;
use crate::ooxml::Part;

/// The images' relationships from the document.
const PNG_REL: &str = Part::EmblemPng.rel_id();
const SVG_REL: &str = Part::EmblemSvg.rel_id();

/// The emblem's picture: its PNG, its SVG if it is one, and the run
/// that shows it.
pub(crate) struct Emblem {
    pub png: Vec<u8>,
    pub svg: Option<Vec<u8>>,
    pub run: Vec<u8>,
}

/// One English Metric Unit per 1/12,700 of a point.
fn emu(pt: f32) -> u64 {
    (pt * 12_700.0).round() as u64
}

/// The document's emblem, if its front matter names one; an error if it
/// was named but not read (a document parsed from text alone).
pub(crate) fn emblem(meta: &Metadata, m: &Masthead) -> Result<Option<Emblem>, Error> {
    let Some(emblem) = &meta.emblem else {
        return Ok(None);
    };
    let image = emblem.image.as_ref().ok_or_else(|| Error::Emblem {
        file: emblem.file.clone(),
        why: "named but not read (read the source with source::parse_file)".into(),
    })?;
    let (_, _, width, height) = image.fit(m.emblem_width, m.emblem_height);
    // 300 dpi of the printed size.
    let px = |pt: f32| ((pt / 72.0 * 300.0).round() as u32).max(1);
    let png = image
        .png(px(width), px(height))
        .map_err(|why| Error::Emblem {
            file: emblem.file.clone(),
            why,
        })?;
    let svg = (image.format == Format::Svg).then(|| image.data.as_ref().clone());
    let run = drawing(emu(width), emu(height), svg.is_some());
    Ok(Some(Emblem { png, svg, run }))
}

/// The picture inline, `cx` by `cy` EMU; decorative for screen readers
/// ("United Nations" beside it says it in words), as the PDF's artifact.
fn drawing(cx: u64, cy: u64, svg: bool) -> Vec<u8> {
    let blip = if svg {
        format!(
            concat!(
                r#"<a:blip r:embed="{png}"><a:extLst><a:ext uri="{{96DAC541-7B7A-43D3-8B79-37D633B846F1}}">"#,
                r#"<asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="{svg}"/>"#,
                r#"</a:ext></a:extLst></a:blip>"#
            ),
            png = PNG_REL,
            svg = SVG_REL
        )
    } else {
        format!(r#"<a:blip r:embed="{PNG_REL}"/>"#)
    };
    format!(
        concat!(
            r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">"#,
            r#"<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="2" name="Emblem" descr="">"#,
            r#"<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:ext uri="{{C183D7F6-B498-43B3-948B-1728B52AA6E4}}">"#,
            r#"<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>"#,
            r#"</a:ext></a:extLst></wp:docPr>"#,
            r#"<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr>"#,
            r#"<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">"#,
            r#"<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
            r#"<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
            r#"<pic:nvPicPr><pic:cNvPr id="0" name="emblem.png"/><pic:cNvPicPr/></pic:nvPicPr>"#,
            r#"<pic:blipFill>{blip}<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"#,
            r#"<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>"#,
            r#"<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"#,
            r#"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
        ),
        cx = cx,
        cy = cy,
        blip = blip,
    )
    .into_bytes()
}
