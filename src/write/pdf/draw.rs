//! Drawing laid-out pages with krilla: glyph runs exactly as shaped and set,
//! decorations and rules as filled rectangles, running heads as artifacts.

use super::error::Error;
use super::tags::TagBuilder;
use crate::layout::fonts::{FaceKind, Family, Fonts};
use crate::layout::geom::Size;
use crate::layout::TextRun;
use crate::layout::{BlockInfo, BlockKind, Layout, Page, PlacedLine, Rgb, Rule, Swatch};
use crate::model::{Document, Language};
use krilla::color::rgb;
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, SpanTag};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document as PdfDocument, SerializeSettings};
use std::ops::Range;

fn fill(colour: Option<Rgb>) -> Fill {
    let [r, g, b] = colour.unwrap_or([0, 0, 0]);
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

/// The least side of a drawn rectangle, so that a rule or bar of no length
/// or thickness is still a rectangle with an area (a hairline), never an
/// empty one.
const MIN_SIDE: f32 = 0.01;

fn rect(surface: &mut Surface, x0: f32, x1: f32, y: f32, thickness: f32, colour: Option<Rgb>) {
    let (x0, x1) = if x0 <= x1 { (x0, x1) } else { (x1, x0) };
    let Some(r) = Rect::from_xywh(
        x0,
        y - thickness / 2.0,
        (x1 - x0).max(MIN_SIDE),
        thickness.max(MIN_SIDE),
    ) else {
        return;
    };
    let mut pb = PathBuilder::new();
    pb.push_rect(r);
    if let Some(path) = pb.finish() {
        surface.set_fill(Some(fill(colour)));
        surface.draw_path(&path);
    }
}

/// The krilla fonts of the document's family and, in an Arabic or Chinese
/// document, of the family that sets its Latin words.
struct Faces {
    fonts: Vec<Font>,
    latin: Option<Vec<Font>>,
}

impl Faces {
    fn get(&self, family: Family, kind: FaceKind) -> Font {
        let fonts = match (family, &self.latin) {
            (Family::Fallback(i), _) => {
                if let Some(font) =
                    crate::layout::fallback::face(i as usize).and_then(|f| f.krilla())
                {
                    return font;
                }
                &self.fonts
            }
            (Family::Latin, Some(latin)) => latin,
            _ => &self.fonts,
        };
        fonts[kind.index()].clone()
    }
}

fn draw_runs(
    surface: &mut Surface,
    faces: &Faces,
    runs: &[crate::layout::TextRun],
    x: f32,
    y: f32,
) {
    for run in runs {
        if run.glyphs.is_empty() {
            continue;
        }
        let size = run.size;
        let glyphs: Vec<KrillaGlyph> = run
            .glyphs
            .iter()
            .map(|g| {
                KrillaGlyph::new(
                    GlyphId::new(g.id as u32),
                    g.advance / size,
                    g.x_offset / size,
                    g.y_offset / size,
                    0.0,
                    g.range.start as usize..g.range.end as usize,
                    None,
                )
            })
            .collect();
        let font = faces.get(run.family, run.face);
        if let Family::Fallback(i) = run.family {
            map_replacement(surface, run, i, &font);
        }
        surface.set_fill(Some(fill(run.colour)));
        surface.draw_glyphs(
            Point::from_xy(x + run.x, y - run.rise),
            &glyphs,
            font,
            &run.text,
            size,
            false,
        );
    }
}

/// Where `run` (in fallback face `i`) sets the replacement character for
/// a character no face has, the text layer keeps that character: the
/// glyph is first mapped to U+FFFD, in a stream never drawn, so that
/// krilla writes the character as the glyph's ActualText (a private-use
/// character may not stand in a PDF/A-2a font's ToUnicode map, and
/// PDF/A-2 forbids the .notdef glyph).
fn map_replacement(surface: &mut Surface, run: &TextRun, i: u16, font: &Font) {
    let Some(glyph) = crate::layout::fallback::face(i as usize).and_then(|f| f.replacement_glyph())
    else {
        return;
    };
    let mut own = [0; 4];
    let own = &*crate::layout::fallback::REPLACEMENT.encode_utf8(&mut own);
    let stands_in = run.glyphs.iter().any(|g| {
        g.id == glyph && run.text.get(g.range.start as usize..g.range.end as usize) != Some(own)
    });
    if !stands_in {
        return;
    }
    let mut unseen = surface.stream_builder();
    let mut sub = unseen.surface();
    let one = [KrillaGlyph::new(
        GlyphId::new(glyph as u32),
        0.0,
        0.0,
        0.0,
        0.0,
        0..own.len(),
        None,
    )];
    sub.draw_glyphs(
        Point::from_xy(0.0, 0.0),
        &one,
        font.clone(),
        own,
        1.0,
        false,
    );
    sub.finish();
    drop(unseen.finish());
}

fn draw_decorations(surface: &mut Surface, line: &PlacedLine) {
    for d in &line.line.decorations {
        rect(
            surface,
            line.x + d.x0,
            line.x + d.x1,
            line.y + d.dy,
            d.thickness,
            d.colour,
        );
    }
}

fn draw_swatch(surface: &mut Surface, line: &PlacedLine, swatch: Swatch) {
    let x = line.x + swatch.x;
    let side = swatch.side;
    rect(
        surface,
        x,
        x + side,
        line.y - side / 2.0,
        side,
        Some(swatch.colour),
    );
}

fn pdf_date(doc: &Document) -> DateTime {
    let d = doc.meta.date;
    DateTime::new(d.year)
        .month(d.month.clamp(1, 12))
        .day(d.day.clamp(1, 31))
        .hour(0)
        .minute(0)
        .second(0)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// Draws pages with krilla as layout makes them, and gathers what the
/// outline and the tag tree need from them; the pages themselves are
/// dropped once drawn, so a large document's glyphs are never all held.
pub struct Writer {
    pdf: PdfDocument,
    faces: Faces,
    tags: TagBuilder,
    size: Size,
    /// Pages drawn so far.
    pages: usize,
    /// Outline entries, in the order of their pages.
    outline: Vec<OutlineEntry>,
    /// Per block, whether it has its outline entry.
    in_outline: Vec<bool>,
    /// Latin text in this document is in another language than the
    /// document's (Arabic, Chinese): its spans say so (`/Lang en`).
    latin_spans: bool,
    /// The emblem the front matter names, drawn in page 1's room for it.
    emblem: Option<crate::house::emblem::Image>,
}

/// A heading's entry in the outline: its level, its title, and where it
/// leads (a page index and a point on it).
struct OutlineEntry {
    level: u8,
    title: String,
    page: usize,
    x: f32,
    y: f32,
}

/// Runs of a line in one language: `None` for the document's.
struct LangSpan {
    runs: Range<usize>,
    lang: Option<&'static str>,
}

/// The runs of a line as spans of one language each: `None` for the
/// document's, `Some("en")` for Latin words in an Arabic or Chinese
/// document (spaces, digits and punctuation join the span they stand in).
fn language_spans(runs: &[TextRun], latin_spans: bool) -> Vec<LangSpan> {
    if !latin_spans {
        return vec![LangSpan {
            runs: 0..runs.len(),
            lang: None,
        }];
    }
    let latin = |t: &str| {
        t.chars().any(|c| c.is_ascii_alphabetic())
            && !crate::present::script::has_rtl(t)
            && !t.chars().any(crate::present::script::is_full_width)
    };
    let letters = |t: &str| t.chars().any(|c| c.is_alphabetic());
    let mut out: Vec<LangSpan> = Vec::new();
    for (i, run) in runs.iter().enumerate() {
        let lang = if latin(&run.text) { Some("en") } else { None };
        match out.last_mut() {
            Some(last) if last.lang == lang || !letters(&run.text) => last.runs.end = i + 1,
            _ => out.push(LangSpan {
                runs: i..i + 1,
                lang,
            }),
        }
    }
    out
}

impl Writer {
    pub fn new(doc: &Document, fonts: &Fonts, size: Size) -> Result<Self, Error> {
        let configuration = ConfigurationBuilder::new()
            .with_archival_validator(Archival::A2_A)
            .with_accessibility_validator(Accessibility::UA1)
            .finish()
            .map_err(|e| Error::Write(format!("{e:?}")))?;
        let settings = SerializeSettings {
            configuration,
            enable_tagging: true,
            ..SerializeSettings::default()
        };
        let pdf = PdfDocument::new_with(settings);
        let faces = fonts
            .krilla()
            .ok_or_else(|| Error::Font("krilla cannot read the fonts".into()))?;
        let latin = match fonts.latin_family() {
            Some(latin) => {
                let own = latin
                    .krilla()
                    .ok_or_else(|| Error::Font("krilla cannot read the Latin fonts".into()))?;
                // Each style as the shaper set it (`Fonts::latin_kind`).
                let styles = FaceKind::ALL.map(|k| own[fonts.latin_kind(k).index()].clone());
                Some(styles.to_vec())
            }
            None => None,
        };
        Ok(Writer {
            pdf,
            faces: Faces {
                fonts: faces,
                latin,
            },
            tags: TagBuilder::new(doc),
            size,
            pages: 0,
            outline: Vec::new(),
            in_outline: Vec::new(),
            latin_spans: matches!(doc.meta.language, Language::Ar | Language::Zh),
            emblem: match &doc.meta.emblem {
                None => None,
                Some(e) => Some(e.image.clone().ok_or_else(|| {
                    Error::Write(format!(
                        "the emblem `{}` was named but not read (read the source with source::parse_file)",
                        e.file
                    ))
                })?),
            },
        })
    }

    /// What the outline and the tag tree need of the page, which is
    /// dropped once drawn: its headings' outline entries and its lines'
    /// footnote references.
    fn record(&mut self, page: &Page, blocks: &[BlockInfo]) {
        self.in_outline.resize(blocks.len(), false);
        for line in &page.lines {
            let b = &blocks[line.block];
            if let Some(level) = b.outline {
                if !self.in_outline[line.block] && !b.title.is_empty() {
                    self.in_outline[line.block] = true;
                    self.outline.push(OutlineEntry {
                        level,
                        title: b.title.clone(),
                        page: self.pages,
                        x: line.x,
                        y: line.y - 14.0,
                    });
                }
            }
            self.tags.references(line.block, &line.line.footnotes);
        }
    }

    /// Draws one page; `blocks` describes (at least) the blocks of its lines.
    pub fn draw(&mut self, page: Page, blocks: &[BlockInfo]) -> Result<(), Error> {
        let Size { width, height } = self.size;
        let settings =
            PageSettings::from_wh(width, height).ok_or(Error::PageSize { width, height })?;
        self.record(&page, blocks);
        let faces = &self.faces;
        let tags = &mut self.tags;
        let mut p = self.pdf.start_page_with(settings);
        let mut surface = p.surface();

        // Running heads and footers: artifacts, not content.
        for line in &page.running {
            let kind = if line.y < page.body_top {
                ArtifactType::Header
            } else {
                ArtifactType::Footer
            };
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(kind)));
            draw_runs(&mut surface, faces, &line.line.runs, line.x, line.y);
            surface.end_tagged();
        }
        for r in &page.running_rules {
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::Header,
            )));
            draw_rule(&mut surface, r);
            surface.end_tagged();
        }
        if !page.barcode.is_empty() {
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::Footer,
            )));
            for r in &page.barcode {
                draw_rule(&mut surface, r);
            }
            surface.end_tagged();
        }
        if let (Some(image), Some(frame)) = (&self.emblem, page.emblem) {
            draw_emblem(&mut surface, image, frame)?;
        }
        for r in &page.rules {
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::Layout,
            )));
            draw_rule(&mut surface, r);
            surface.end_tagged();
        }
        for line in &page.lines {
            if blocks[line.block].kind == BlockKind::Running {
                continue;
            }
            if !line.line.label.is_empty() {
                let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                draw_runs(&mut surface, faces, &line.line.label, line.x, line.y);
                surface.end_tagged();
                tags.label(line.block, id);
            }
            if line.line.runs.iter().any(|r| !r.glyphs.is_empty()) {
                let runs = &line.line.runs;
                for LangSpan {
                    runs: span_runs,
                    lang,
                } in language_spans(runs, self.latin_spans)
                {
                    let span = SpanTag {
                        lang,
                        ..SpanTag::empty()
                    };
                    let id = surface.start_tagged(ContentTag::Span(span));
                    draw_runs(&mut surface, faces, &runs[span_runs], line.x, line.y);
                    surface.end_tagged();
                    if blocks[line.block].kind == BlockKind::TableRow {
                        tags.cell(line.block, line.cell, id);
                    } else {
                        tags.content(line.block, id);
                    }
                }
            }
            if let Some(swatch) = line.line.swatch {
                // The legend's colour key: its line names the author in
                // words, so the square is a layout artifact, as strokes are.
                surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                    ArtifactType::Layout,
                )));
                draw_swatch(&mut surface, line, swatch);
                surface.end_tagged();
            }
            if !line.line.decorations.is_empty() {
                // The strokes carry meaning the attribution also states in
                // words, so they are layout artifacts for assistive technology.
                surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                    ArtifactType::Layout,
                )));
                draw_decorations(&mut surface, line);
                surface.end_tagged();
            }
        }
        surface.finish();
        // Free the page's glyphs before krilla compresses its content
        // stream, so that the compressor's state (some 370 KiB a page) can
        // take the memory they held. Allocated while they were still held,
        // it took fresh memory on each page, and the blocks set between
        // pages broke up what it left: with glibc's allocator, the peak RSS
        // of a 100-fold document was twice what it is now.
        drop(page);
        p.finish();

        self.pages += 1;
        Ok(())
    }

    /// The outline, metadata and tag tree, and the file. `laid` is the
    /// layout the pages came from, its blocks complete.
    pub fn finish(self, doc: &Document, laid: &Layout) -> Result<Vec<u8>, Error> {
        let mut pdf = self.pdf;
        // Outline: headings and points, nested by level.
        let mut outline = Outline::new();
        let mut stack: Vec<(u8, OutlineNode)> = Vec::new();
        fn close(stack: &mut Vec<(u8, OutlineNode)>, outline: &mut Outline, level: u8) {
            while stack.last().is_some_and(|(l, _)| *l >= level) {
                let (_, node) = stack.pop().expect("checked");
                match stack.last_mut() {
                    Some((_, parent)) => parent.push_child(node),
                    None => outline.push_child(node),
                }
            }
        }
        for OutlineEntry {
            level,
            title,
            page,
            x,
            y,
        } in self.outline
        {
            close(&mut stack, &mut outline, level);
            let node = OutlineNode::new(
                title,
                XyzDestination::new(page, Point::from_xy(x.max(0.0), y.max(0.0))),
            );
            stack.push((level, node));
        }
        close(&mut stack, &mut outline, 0);
        pdf.set_outline(outline);

        let title = doc
            .meta
            .title
            .clone()
            .unwrap_or_else(|| doc.meta.symbol.clone());
        let metadata = Metadata::new()
            .title(title)
            .description(doc.meta.symbol.clone())
            .keywords(vec![doc.meta.symbol.clone()])
            .language(doc.meta.language.code().to_string())
            .creator("rapporteur".to_string())
            .producer(format!("rapporteur {} (krilla)", env!("CARGO_PKG_VERSION")))
            .creation_date(pdf_date(doc))
            .document_id(doc.meta.symbol.clone());
        pdf.set_metadata(metadata);
        pdf.set_tag_tree(self.tags.finish(doc, &laid.blocks, laid.agenda_block));
        pdf.finish().map_err(|e| Error::Write(describe(e)))
    }
}

/// The emblem in its room, as large as fits, its ratio kept. An artifact:
/// "United Nations" beside it says in words what it shows (as a running
/// head's rule, it is the page's furniture, not the document's content).
fn draw_emblem(
    surface: &mut Surface,
    image: &crate::house::emblem::Image,
    frame: crate::layout::Frame,
) -> Result<(), Error> {
    let (dx, dy, w, h) = image.fit(frame.width, frame.height);
    let size = krilla::geom::Size::from_wh(w, h)
        .ok_or_else(|| Error::Write("the emblem has no size".into()))?;
    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
        ArtifactType::Layout,
    )));
    surface.push_transform(&krilla::geom::Transform::from_translate(
        frame.x + dx,
        frame.y + dy,
    ));
    let drawn = match image.format {
        crate::house::emblem::Format::Png => {
            match krilla::image::Image::from_png(image.data.clone().into(), false) {
                Ok(png) => {
                    surface.draw_image(png, size);
                    Ok(())
                }
                Err(e) => Err(Error::Write(format!("the emblem's PNG: {e}"))),
            }
        }
        crate::house::emblem::Format::Svg => match crate::house::emblem::svg_tree(&image.data) {
            Ok(tree) => {
                let settings = krilla_svg::SvgSettings {
                    embed_text: false,
                    ..Default::default()
                };
                krilla_svg::SurfaceExt::draw_svg(surface, &tree, size, settings)
                    .ok_or_else(|| Error::Write("the emblem's SVG cannot be drawn".into()))
            }
            Err(e) => Err(Error::Write(e)),
        },
    };
    surface.pop();
    surface.end_tagged();
    drawn
}

fn draw_rule(surface: &mut Surface, r: &Rule) {
    rect(surface, r.x0, r.x1, r.y, r.thickness, None);
}

fn describe(e: krilla::error::KrillaError) -> String {
    use krilla::configure::ValidationError;
    match e {
        krilla::error::KrillaError::Validation(errors) => {
            // Missing glyphs are the one failure a user can cause (text in
            // a script the font lacks): name the characters and the remedy.
            let mut missing: Vec<String> = Vec::new();
            let mut other: Vec<String> = Vec::new();
            for (e, _) in &errors {
                match e {
                    ValidationError::ContainsNotDefGlyph(_, _, text) => {
                        if !missing.contains(text) {
                            missing.push(text.clone());
                        }
                    }
                    e => other.push(format!("{e:?}")),
                }
            }
            if !missing.is_empty() {
                // Each character with its code point: some are invisible.
                let shown: Vec<String> = missing
                    .iter()
                    .take(12)
                    .map(|s| {
                        let points: Vec<String> =
                            s.chars().map(|c| format!("U+{:04X}", c as u32)).collect();
                        format!("{s} {}", points.join(" "))
                    })
                    .collect();
                return format!(
                    "the font has no glyph for {} character{} ({}{}); pass --font-dir with a family that covers them",
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" },
                    shown.join(", "),
                    if missing.len() > shown.len() { " …" } else { "" }
                );
            }
            format!("PDF/A or PDF/UA validation failed: {}", other.join("; "))
        }
        other => format!("{other:?}"),
    }
}
