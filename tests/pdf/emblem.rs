//! The emblem a user names in the front matter (`emblem = "…"`, issue
//! 22): the binary draws it in the masthead's room for it, in the PDF and
//! in the DOCX (where LibreOffice's print shows it in the same place), a
//! PNG as an image, an SVG as drawing; a missing or damaged file is an
//! error at the key (file:line:col) and nothing is written.
//!
//! Where it stands is read off the pages as a reader sees them: page 1
//! rasterised by poppler at 72 dpi (one pixel a point), the box of the
//! dark pixels left of "United Nations" and under the top rule.

use crate::support::pdf::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The room the house style keeps (`templates/un.toml`, `emblem_*`): from
/// the left margin (56.7) plus `emblem_x`, `emblem_drop` under the top
/// rule (at 57.3), `emblem_width` × `emblem_height`.
const ROOM: (f32, f32, f32, f32) = (59.7, 63.2, 56.3, 46.5);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The parts of a DOCX by name.
fn unzip(bytes: &[u8]) -> std::collections::BTreeMap<String, Vec<u8>> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (file.name().unwrap().to_string(), data)
        })
        .collect()
}

/// The example with `line` added to its front matter, after `paper`, in
/// `dir`; the line's number in the file.
fn example_with(dir: &Path, line: &str) -> (PathBuf, usize) {
    let text = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let paper = "paper    = \"A4\"\n";
    let at = text.find(paper).expect("the example names its paper") + paper.len();
    let number = text[..at].lines().count() + 1;
    let source = dir.join("firearms-comments.md");
    std::fs::write(&source, format!("{}{line}\n{}", &text[..at], &text[at..])).unwrap();
    (source, number)
}

fn rapporteur(source: &Path, formats: &str, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["render", source.to_str().unwrap(), "--to", formats, "-o"])
        .arg(out)
        .output()
        .expect("run rapporteur")
}

fn render(source: &Path, out: &Path) {
    let run = rapporteur(source, "pdf,docx", out);
    assert!(
        run.status.success(),
        "render failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// A PNG of one colour, `width` × `height` pixels (RGB).
fn png(width: u32, height: u32, rgb: [u8; 3]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    let pixels: Vec<u8> = (0..width * height).flat_map(|_| rgb).collect();
    writer.write_image_data(&pixels).unwrap();
    drop(writer);
    out
}

/// An SVG of a dark rectangle, the room's shape, 112.6 × 93 user units.
const SVG: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="112.6" height="93" viewBox="0 0 112.6 93">
  <rect x="0" y="0" width="112.6" height="93" fill="#1a1a1a"/>
</svg>
"##;

/// Page 1 of `pdf` at 72 dpi, grey: (width, height, pixels).
fn page_one(pdf: &Path) -> (usize, usize, Vec<u8>) {
    let dir = pdf.parent().unwrap();
    let stem = dir.join("page1");
    let (ok, _, err) = run(
        Tool::Pdftoppm,
        &[
            "-f",
            "1",
            "-l",
            "1",
            "-r",
            "72",
            "-gray",
            "-singlefile",
            pdf.to_str().unwrap(),
            stem.to_str().unwrap(),
        ],
    );
    assert!(ok, "pdftoppm: {err}");
    let bytes = std::fs::read(stem.with_extension("pgm")).unwrap();
    // "P5\n<width> <height>\n255\n", then a byte a pixel.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let (w, h) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, bytes[at + 1..].to_vec())
}

/// The box (x0, y0, x1, y1) of the dark pixels in the masthead's left
/// column, under the top rule and above the heavy one, left of where
/// "United Nations" and the organ begin; `None` when there are none.
fn dark_box(pdf: &Path) -> Option<(f32, f32, f32, f32)> {
    let (w, _, pixels) = page_one(pdf);
    let mut found: Option<(usize, usize, usize, usize)> = None;
    for y in 60..190 {
        for x in 40..118 {
            if pixels[y * w + x] < 128 {
                let b = found.get_or_insert((x, y, x, y));
                *b = (b.0.min(x), b.1.min(y), b.2.max(x + 1), b.3.max(y + 1));
            }
        }
    }
    found.map(|(x0, y0, x1, y1)| (x0 as f32, y0 as f32, x1 as f32, y1 as f32))
}

/// `pdfimages -list`: (page, width, height) of each image.
fn images(pdf: &Path) -> Vec<(usize, u32, u32)> {
    let (ok, out, err) = run(Tool::Pdfimages, &["-list", pdf.to_str().unwrap()]);
    assert!(ok, "pdfimages: {err}");
    out.lines()
        .skip(2)
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (
                f[0].parse().unwrap(),
                f[3].parse().unwrap(),
                f[4].parse().unwrap(),
            )
        })
        .collect()
}

#[track_caller]
fn near(what: &str, got: f32, target: f32, tolerance: f32) {
    assert!(
        (got - target).abs() <= tolerance,
        "{what}: {got:.1}, expected {target:.1} (±{tolerance})"
    );
}

/// The emblem fills the room in the PDF, where the house style keeps it.
#[track_caller]
fn in_the_room(pdf: &Path) {
    let (x0, y0, x1, y1) = dark_box(pdf).expect("the emblem is drawn in its room");
    near("emblem's left", x0, ROOM.0, 1.0);
    near("emblem's top", y0, ROOM.1, 1.0);
    near("emblem's width", x1 - x0, ROOM.2, 1.5);
    near("emblem's height", y1 - y0, ROOM.3, 1.5);
}

/// LibreOffice's print of the DOCX shows the emblem at its size in the
/// masthead table's first cell (which Word's body starts at the top
/// margin, 72: docs/un-layout.md, "Side by side").
#[track_caller]
fn in_the_first_cell(print: &Path) {
    let (x0, y0, x1, y1) = dark_box(print).expect("LibreOffice shows the emblem");
    eprintln!("LibreOffice's print: the emblem at {x0}, {y0} to {x1}, {y1}");
    near("emblem's width", x1 - x0, ROOM.2, 1.5);
    near("emblem's height", y1 - y0, ROOM.3, 1.5);
    assert!(
        x0 >= 56.0 && x1 <= 119.7,
        "in the emblem's cell, left of the organ: {x0} to {x1}"
    );
    assert!(
        y0 >= 72.0 && y1 < 57.3 + 142.4,
        "in the band, over the heavy rule: {y0} to {y1}"
    );
}

#[test]
fn without_an_emblem_its_room_stays_empty() {
    if missing(&[Tool::Pdftoppm]) {
        return;
    }
    assert_eq!(dark_box(example_pdf()), None);
}

#[test]
fn a_png_emblem_is_drawn_in_its_room_in_the_pdf_and_the_docx() {
    if missing(&[Tool::Pdftoppm, Tool::Pdfimages, Tool::LibreOffice]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // The room's ratio, 56.3 : 46.5.
    let image = png(121, 100, [20, 20, 20]);
    std::fs::write(dir.path().join("emblem.png"), &image).unwrap();
    let (source, _) = example_with(dir.path(), "emblem = \"emblem.png\"");
    let out = dir.path().join("out");
    render(&source, &out);

    let pdf = out.join("firearms-comments.pdf");
    assert_eq!(images(&pdf), vec![(1, 121, 100)], "one image, on page 1");
    in_the_room(&pdf);

    let docx = std::fs::read(out.join("firearms-comments.docx")).unwrap();
    let parts = unzip(&docx);
    assert_eq!(parts["word/media/emblem.png"], image, "the PNG as given");
    let types = String::from_utf8_lossy(&parts["[Content_Types].xml"]).into_owned();
    assert!(
        types.contains(r#"PartName="/word/media/emblem.png" ContentType="image/png""#),
        "{types}"
    );
    let rels = String::from_utf8_lossy(&parts["word/_rels/document.xml.rels"]).into_owned();
    assert!(
        rels.contains(r#"Id="rIdEmblem""#) && rels.contains(r#"Target="media/emblem.png""#),
        "{rels}"
    );
    // In the masthead table's first cell.
    let document = String::from_utf8_lossy(&parts["word/document.xml"]).into_owned();
    let first_cell = document
        .split("<w:tc>")
        .nth(1)
        .and_then(|c| c.split("</w:tc>").next())
        .expect("the masthead table");
    assert!(
        first_cell.contains("<w:drawing>") && first_cell.contains(r#"r:embed="rIdEmblem""#),
        "{first_cell}"
    );

    let print = libreoffice_print(&out.join("firearms-comments.docx"), &dir.path().join("lo"));
    assert!(
        images(&print).iter().any(|&(page, _, _)| page == 1),
        "LibreOffice prints the picture on page 1"
    );
    in_the_first_cell(&print);
}

#[test]
fn an_svg_emblem_is_drawn_in_the_pdf_and_pictured_in_the_docx() {
    if missing(&[Tool::Pdftoppm, Tool::Pdfimages, Tool::LibreOffice]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("art")).unwrap();
    std::fs::write(dir.path().join("art/emblem.svg"), SVG).unwrap();
    let (source, _) = example_with(dir.path(), "emblem = \"art/emblem.svg\"");
    let out = dir.path().join("out");
    render(&source, &out);

    let pdf = out.join("firearms-comments.pdf");
    // Drawn as vector paths: no raster image in the PDF.
    assert_eq!(images(&pdf), vec![]);
    in_the_room(&pdf);

    let docx = std::fs::read(out.join("firearms-comments.docx")).unwrap();
    let parts = unzip(&docx);
    assert_eq!(parts["word/media/emblem.svg"], SVG.as_bytes());
    assert!(parts["word/media/emblem.png"].starts_with(b"\x89PNG"));
    let document = String::from_utf8_lossy(&parts["word/document.xml"]).into_owned();
    assert!(
        document.contains(r#"<asvg:svgBlip"#) && document.contains(r#"r:embed="rIdEmblemSvg""#)
    );

    let print = libreoffice_print(&out.join("firearms-comments.docx"), &dir.path().join("lo"));
    in_the_first_cell(&print);
}

/// A file that is not there, or not an image: the error names the file
/// and the key's line and column, and no output is written.
#[test]
fn a_missing_or_damaged_emblem_is_an_error_at_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut damaged = png(10, 8, [0, 0, 0]);
    damaged.truncate(damaged.len() - 16);
    std::fs::write(dir.path().join("damaged.png"), damaged).unwrap();
    std::fs::write(dir.path().join("emblem.pdf"), b"%PDF-1.7\n").unwrap();
    for (file, why) in [
        ("missing.png", "cannot read it"),
        ("damaged.png", "damaged"),
        ("emblem.pdf", "PDF"),
    ] {
        let (source, line) = example_with(dir.path(), &format!("emblem = \"{file}\""));
        let out = dir.path().join(format!("out-{}/", file.replace('.', "-")));
        let run = rapporteur(&source, "pdf,docx,md", &out);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(!run.status.success(), "{file}: {stderr}");
        let at = format!("firearms-comments.md:{line}:10");
        assert!(
            stderr.contains(&at),
            "{file}: the key's place {at}: {stderr}"
        );
        assert!(
            stderr.contains(file) && stderr.contains(why),
            "{file}: {stderr}"
        );
        let written = std::fs::read_dir(&out).map_or(0, |d| d.count());
        assert_eq!(written, 0, "{file}: nothing written");
    }
}
