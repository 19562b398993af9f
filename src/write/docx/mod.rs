//! The DOCX writer: a UN document whose every proposed change is a Word
//! tracked change by its State and every reason a Word comment.
//!
//! Every part is written once, in schema order, by one emitter in layers
//! that depend one way: [`xml`] (escaping, the declaration, a small
//! element tree for fixed parts) → [`wml`] (WordprocessingML: paragraphs,
//! runs, revisions, comment ranges, footnote marks, fields, tables,
//! section properties, written straight into byte buffers) → [`body`]
//! (the document's blocks and the footnotes they make), [`page`] (the
//! masthead, headers, footers and section), [`styles`], [`parts`] (the
//! other parts) and [`threads`] (Word's comment-thread parts) → this
//! module, which zips the package with fixed timestamps, so the same
//! document always gives the same bytes. [`marks`] decides which
//! paragraph marks a whole-paragraph change takes with it. Comment ids
//! are counted as comments are made; revision ids follow them, numbered
//! as the body and the footnotes are zipped ([`revision_ids`]). Nothing
//! is parsed back or patched.

mod barcode;
mod body;
mod emblem;
mod error;
mod lists;
mod marks;
mod page;
mod parts;
mod revision_ids;
pub(crate) mod styles;
mod threads;
mod units;
mod wml;
mod xml;

pub use error::Error;

use crate::house::style::{HouseStyle, Labels};
use crate::model::{Document, Language};
use crate::ooxml::part::{Page, Part};
use crate::ooxml::style::{CharacterStyle, ParagraphStyle};
use std::io::Write;

/// How to write the DOCX.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Turn on Word's "Track Changes" in the file, so that a delegation's
    /// own edits are tracked too (`--no-track` turns it off).
    pub track_revisions: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            track_revisions: true,
        }
    }
}

/// The BCP 47 tag Word uses for spelling and hyphenation. English is
/// British, as in UN documents.
fn language_tag(language: Language) -> &'static str {
    match language {
        Language::En => "en-GB",
        Language::Fr => "fr-FR",
        Language::Es => "es-ES",
        Language::Ru => "ru-RU",
        Language::Ar => "ar-SA",
        Language::Zh => "zh-CN",
    }
}

/// Renders `doc` (any view of it) as a DOCX package.
pub fn write(doc: &Document, options: &Options) -> Result<Vec<u8>, Error> {
    let style = HouseStyle::of(&doc.meta);
    let meta = &doc.meta;
    let geometry = style.page(meta.paper);
    let text_width = geometry.width - geometry.margin_inner - geometry.margin_outer;

    // The body: the masthead, then the document's blocks.
    let mut builder = body::BodyWriter::new(doc, style, text_width);
    let emblem = emblem::emblem(meta, &style.masthead)?;
    let emblem_run = emblem.as_ref().map(|e| e.run.as_slice());
    page::masthead(&mut builder, meta, style, (text_width, emblem_run));
    builder.body()?;
    page::end_rule(&mut builder.body_xml);
    if builder.comments.len() > threads::MAX_COMMENTS {
        return Err(Error::TooManyComments(builder.comments.len()));
    }
    // Comment ids are 0..n; revision ids follow, the body's first, then
    // the footnotes', so no two annotations of the document share an id.
    let first_revision = builder.comments.len() as u32;
    let mut next_revision = first_revision + builder.revisions;
    let footnotes = builder
        .has_footnotes()
        .then(|| {
            parts::footnotes(
                &builder.notes_xml,
                (builder.note_revisions, units::twips(style.footnote.indent)),
                &mut next_revision,
            )
        })
        .transpose()?;

    let mut head = Vec::with_capacity(2048);
    wml::document_start(&mut head);
    let mut tail = Vec::with_capacity(1024);
    page::section(&mut tail, meta, style);
    wml::document_end(&mut tail);
    let document = Entry::Document {
        head: &head,
        body: &builder.body_xml,
        revisions: builder.revisions,
        first_revision,
        tail: &tail,
    };
    let files = package(
        doc,
        options,
        &builder,
        (document, footnotes, emblem),
        text_width,
    );
    zip(&files)
}

/// Every part of the package, in zip order.
fn package<'a>(
    doc: &'a Document,
    options: &Options,
    builder: &'a body::BodyWriter,
    (document, footnotes, emblem): (Entry<'a>, Option<Vec<u8>>, Option<emblem::Emblem>),
    text_width: f32,
) -> Vec<(&'static str, Entry<'a>)> {
    let meta = &doc.meta;
    let barcode = meta
        .job
        .as_deref()
        .and_then(|job| barcode::barcode(job, &HouseStyle::of(meta).running));
    let word = parts::word_parts(
        !builder.comments.is_empty(),
        footnotes.is_some(),
        barcode.is_some(),
        emblem.as_ref().map(|e| e.svg.is_some()),
    );
    // The parts outside `word/` and the relationships, which list what
    // the package holds; then the listed parts.
    let mut listed = vec![
        Part::ContentTypes,
        Part::PackageRels,
        Part::CoreProperties,
        Part::AppProperties,
        Part::DocumentRels,
    ];
    if barcode.is_some() {
        listed.push(Part::FirstFooterRels);
    }
    listed.extend(&word);
    let running = running_parts(meta, barcode.as_ref());
    let mut sources = Sources {
        doc,
        options,
        builder,
        text_width,
        word: &word,
        document: Some(document),
        footnotes,
        emblem,
        barcode,
        running,
    };
    listed
        .into_iter()
        .map(|part| (part.path(), sources.entry(part)))
        .collect()
}

/// What the parts are made of, each taken once.
struct Sources<'a, 'o> {
    doc: &'a Document,
    options: &'o Options,
    builder: &'a body::BodyWriter<'a>,
    text_width: f32,
    /// The parts of `word/` and `customXml/` written.
    word: &'o [Part],
    document: Option<Entry<'a>>,
    footnotes: Option<Vec<u8>>,
    emblem: Option<emblem::Emblem>,
    barcode: Option<barcode::Barcode>,
    running: std::collections::BTreeMap<Part, Vec<u8>>,
}

impl<'a> Sources<'a, '_> {
    /// The entry of one part.
    fn entry(&mut self, part: Part) -> Entry<'a> {
        let doc = self.doc;
        let builder = self.builder;
        let style = HouseStyle::of(&doc.meta);
        let bytes = match part {
            Part::Document => return self.document.take().unwrap_or(Entry::Bytes(Vec::new())),
            Part::ContentTypes => xml::serialize(&parts::content_types(self.word)),
            Part::PackageRels => xml::serialize(&parts::package_rels()),
            Part::CoreProperties => xml::serialize(&core(doc)),
            Part::AppProperties => xml::serialize(&parts::app()),
            Part::DocumentRels => xml::serialize(&parts::document_rels(self.word)),
            Part::FirstFooterRels => xml::serialize(&parts::relationships(
                Some(Part::Footer(Page::First)),
                &[Part::Barcode],
            )),
            Part::Styles => xml::serialize(&styles::part(
                style,
                self.text_width,
                (language_tag(doc.meta.language), doc.meta.language),
                doc.meta.organ.as_deref(),
            )),
            Part::Settings => settings(doc, self.options, builder),
            Part::FontTable => xml::serialize(&parts::font_table(&style.body.font)),
            Part::Theme => parts::theme(&style.body.font),
            Part::Numbering => numbering(doc, builder),
            Part::Footnotes => self.footnotes.take().unwrap_or_default(),
            // Not listed: rapporteur writes no endnotes.
            Part::Endnotes => Vec::new(),
            Part::Comments => parts::comments(
                &builder.comments,
                &doc.authors,
                ParagraphStyle::CommentText,
                CharacterStyle::CommentReference,
            ),
            Part::CommentsExtended => threads::comments_extended(&builder.comments),
            Part::CommentsIds => threads::comments_ids(&builder.comments),
            Part::CommentsExtensible => {
                threads::comments_extensible(&builder.comments, &doc.authors)
            }
            Part::People => threads::people(&builder.comments, &doc.authors),
            Part::Header(_) | Part::Footer(_) => self.running.remove(&part).unwrap_or_default(),
            Part::Barcode => self
                .barcode
                .as_ref()
                .map_or_else(Vec::new, |b| b.png.clone()),
            Part::EmblemPng => self
                .emblem
                .as_mut()
                .map_or_else(Vec::new, |e| std::mem::take(&mut e.png)),
            Part::EmblemSvg => self
                .emblem
                .as_mut()
                .and_then(|e| e.svg.take())
                .unwrap_or_default(),
            Part::Structure => crate::ooxml::provenance::Overlay::of(doc).to_xml(),
            Part::StructureProps => parts::custom_xml_props(),
            Part::StructureRels => parts::custom_xml_rels(),
        };
        Entry::Bytes(bytes)
    }
}

/// `docProps/core.xml`.
fn core(doc: &Document) -> xml::Part {
    let meta = &doc.meta;
    parts::core(&parts::Core {
        title: meta.title.as_deref().unwrap_or(""),
        subject: &meta.symbol,
        creator: &Labels::get(meta.language).united_nations,
        language: language_tag(meta.language),
        date: crate::model::DateTime::from(meta.date).to_string(),
    })
}

/// `word/settings.xml`.
fn settings(doc: &Document, options: &Options, builder: &body::BodyWriter) -> Vec<u8> {
    let style = HouseStyle::of(&doc.meta);
    let geometry = style.page(doc.meta.paper);
    xml::serialize(&parts::settings(&parts::SettingsOptions {
        track_revisions: options.track_revisions,
        mirror_margins: geometry.margin_inner != geometry.margin_outer,
        has_footnotes: builder.has_footnotes(),
        lang: language_tag(doc.meta.language),
    }))
}

/// `word/numbering.xml`.
fn numbering(doc: &Document, builder: &body::BodyWriter) -> Vec<u8> {
    let style = HouseStyle::of(&doc.meta);
    xml::serialize(&parts::numbering(
        &parts::Numbering {
            start: builder.first_number.unwrap_or(1),
            level_text: &Labels::get(doc.meta.language).paragraph_level_text(),
            left: style.body.number_indent,
            tab: style.body.number_indent + style.body.hanging,
            style_id: ParagraphStyle::NumberedParagraph,
            num_id: crate::ooxml::style::PARAGRAPH_NUM_ID,
        },
        lists::elements(&builder.lists, &style.body, 1),
    ))
}

/// The header and footer parts; page 1's footer carries the barcode, if
/// any.
fn running_parts(
    meta: &crate::model::Metadata,
    barcode: Option<&barcode::Barcode>,
) -> std::collections::BTreeMap<Part, Vec<u8>> {
    let parts = Page::ALL
        .map(Part::Header)
        .into_iter()
        .chain(Page::ALL.map(Part::Footer));
    let barcode_run = barcode.map(|b| b.run.as_slice());
    parts
        .zip(
            page::headers(meta)
                .into_iter()
                .chain(page::footers(meta, barcode_run)),
        )
        .collect()
}

/// A part of the package, as it goes into the zip.
enum Entry<'a> {
    Bytes(Vec<u8>),
    /// `word/document.xml`: the body goes in between `head` and `tail`,
    /// its `revisions` placeholder ids numbered from `first_revision` as
    /// it is written (the body is most of a document, and is not copied
    /// again for that).
    Document {
        head: &'a [u8],
        body: &'a [u8],
        revisions: u32,
        first_revision: u32,
        tail: &'a [u8],
    },
}

/// Zips the parts in the given order with fixed timestamps and permissions.
fn zip(files: &[(&str, Entry)]) -> Result<Vec<u8>, Error> {
    let zip_err = |e: zip::result::ZipError| Error::Zip(e.to_string());
    let io_err = |e: std::io::Error| Error::Zip(e.to_string());
    // Deflate level 1 (zlib-rs's fast strategy) for every part. Level 4
    // had replaced zlib's default 6, which made compressing most of the
    // writer's time on large documents; at 4 it was still half of it once
    // the thread parts and the stored structure came in (callgrind). At 1
    // the example writes in 1.29 ms against 2.31 ms (the 100-fold
    // document: 121 against 241 ms), and the file is 52.7 KB against
    // 40.3 KB: a size no delegation notices, for a writer back under its
    // time before those parts.
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let stored = deflated
        .compression_method(zip::CompressionMethod::Stored)
        .compression_level(None);
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, part) in files {
        // Each deflated part costs a compressor reset, more than writing a
        // small part: parts under 1 KiB are stored (a few hundred bytes
        // more each), as is the PNG (deflated already).
        let options = match part {
            Entry::Bytes(bytes) if bytes.len() < 1024 || path.ends_with(".png") => stored,
            _ => deflated,
        };
        writer.start_file(*path, options).map_err(zip_err)?;
        match part {
            Entry::Bytes(bytes) => writer.write_all(bytes).map_err(io_err)?,
            Entry::Document {
                head,
                body,
                revisions,
                first_revision,
                tail,
            } => {
                // The body goes in as pieces between revision ids: handed
                // to the compressor in large blocks, not piece by piece.
                let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut writer);
                buffered.write_all(head).map_err(io_err)?;
                let mut next = *first_revision;
                revision_ids::write_numbered(&mut buffered, body, *revisions, &mut next)?;
                buffered.write_all(tail).map_err(io_err)?;
                buffered.flush().map_err(io_err)?;
            }
        }
    }
    Ok(writer.finish().map_err(zip_err)?.into_inner())
}
