//! The DOCX writer: a UN document whose every proposed change is a Word
//! tracked change by its State and every reason a Word comment.
//!
//! The body (paragraphs, runs, `w:ins`/`w:del`, comment ranges, footnote
//! references, tables) is written directly by [`wml`]; docx-rs 0.4.22
//! builds the masthead, headers, footers and section properties, and
//! [`fixup`] patches what it gets wrong in them; [`parts`] and [`styles`]
//! write whole, with quick-xml, the parts it cannot write as needed;
//! [`threads`] writes the parts of Word's comment threads, and [`marks`]
//! decides which paragraph marks a whole-paragraph change takes with it.
//! The package is zipped here with fixed timestamps, so the same document
//! always gives the same bytes.

mod barcode;
mod body;
mod fixup;
mod marks;
mod page;
mod parts;
mod styles;
mod threads;
mod units;
mod wml;
mod xml;

use crate::model::{Document, Language};
use crate::style::{HouseStyle, Labels};
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

/// Why a DOCX could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A part that docx-rs built could not be read back (a bug here or there).
    #[error("DOCX: malformed XML part: {0}")]
    Xml(String),
    /// The zip package could not be written.
    #[error("DOCX: cannot write the package: {0}")]
    Zip(String),
    /// More comments than Word opens in one file.
    #[error(
        "DOCX: the document has {0} comments, and Word opens no file with more than {max} \
         (MS-OI29500 §2.1.315); split the document, or render it as PDF",
        max = threads::MAX_COMMENTS
    )]
    TooManyComments(usize),
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

/// Cleans a part docx-rs built: schema order, no empty runs or properties,
/// no counter-made paragraph ids, styled comment references.
fn tidy(root: &mut xml::Elem) {
    fixup::schema_order(root);
    fixup::drop_paragraph_ids(root);
    fixup::drop_empty_runs(root);
    fixup::drop_empty_properties(root);
    fixup::style_comment_references(root);
    fixup::drop_grid_col_type(root);
}

/// Renders `doc` (any view of it) as a DOCX package.
pub fn write(doc: &Document, options: &Options) -> Result<Vec<u8>, Error> {
    let style = HouseStyle::un();
    let meta = &doc.meta;
    let labels = Labels::get(meta.language);
    let lang = language_tag(meta.language);
    let geometry = style.page(meta.paper);
    let text_width = geometry.width - geometry.margin_inner - geometry.margin_outer;

    // The body: the masthead by docx-rs, the document's blocks written
    // directly (`wml`).
    let mut builder = body::Builder::new(doc, style, text_width);
    let mut children = page::masthead(&mut builder, meta, style, text_width)?;
    builder.body(&mut children)?;
    if builder.comments.len() > threads::MAX_COMMENTS {
        return Err(Error::TooManyComments(builder.comments.len()));
    }
    // Comment ids are 0..n; revision ids follow, so no two annotations of
    // the document share an id.
    let mut next_revision = builder.comments.len() as u32;

    // The body was written as it was built, with placeholders for its
    // revision ids.
    // They are numbered as the part is zipped (see `Part::Document`): a
    // large body is not copied again for it.
    let body_xml = std::mem::take(&mut builder.body_xml);
    let first_revision = next_revision;
    next_revision += builder.revisions;

    // docx-rs's Document alone, not its Docx: the other parts are written
    // here, and building its Docx would also build (and log about) parts
    // that are thrown away. It is built empty, for its root element and
    // section properties; the body above goes in before the latter.
    let tw = |pt: f32| units::twips(pt) as i32;
    let document = docx_rs::Document::new()
        .page_size(
            docx_rs::PageSize::new().size(tw(geometry.width) as u32, tw(geometry.height) as u32),
        )
        .page_margin(docx_rs::PageMargin {
            top: tw(geometry.margin_top),
            bottom: tw(geometry.margin_bottom),
            left: tw(geometry.margin_inner),
            right: tw(geometry.margin_outer),
            header: tw(geometry.header_distance),
            footer: tw(geometry.footer_distance),
            gutter: 0,
        });
    let mut document = xml::parse(&docx_rs::BuildXML::build(&document))?;
    tidy(&mut document.root);
    if let Some(body) = document.root.child_mut("w:body") {
        if let Some(sect) = body.child_mut("w:sectPr") {
            page::section_references(sect, meta.language);
            fixup::schema_order(sect);
        }
        body.children
            .insert(0, xml::Node::Raw(vec![fixup::BODY_PLACEHOLDER]));
    }

    let has_footnotes = !builder.footnotes.is_empty();
    let has_comments = !builder.comments.is_empty();
    let mut footnotes = parts::footnotes(
        std::mem::take(&mut builder.footnotes),
        styles::FOOTNOTE_REFERENCE,
    );
    tidy(&mut footnotes.root);
    fixup::renumber_revisions(&mut footnotes.root, &mut next_revision);

    let barcode = meta.job.as_deref().and_then(barcode::barcode);
    let mut running = running_parts(meta, barcode.as_ref())?;

    let word = parts::word_parts(has_comments, has_footnotes, barcode.is_some());
    let core = parts::core(&parts::Core {
        title: meta.title.as_deref().unwrap_or(""),
        subject: &meta.symbol,
        creator: &labels.united_nations,
        language: lang,
        date: crate::model::DateTime::from(meta.date).to_string(),
    });
    let settings = parts::settings(&parts::SettingsOptions {
        track_revisions: options.track_revisions,
        mirror_margins: geometry.margin_inner != geometry.margin_outer,
        has_footnotes,
        lang,
    });
    let numbering = parts::numbering(
        builder.first_number.unwrap_or(1),
        style.body.number_indent,
        style.body.hanging,
        styles::NUMBERED_PARAGRAPH,
        styles::PARAGRAPH_NUM_ID,
    );

    let mut files: Vec<(&str, Part)> = vec![
        (
            "[Content_Types].xml",
            Part::Bytes(xml::serialize(&parts::content_types(&word))),
        ),
        (
            "_rels/.rels",
            Part::Bytes(xml::serialize(&parts::package_rels())),
        ),
        ("docProps/core.xml", Part::Bytes(xml::serialize(&core))),
        (
            "docProps/app.xml",
            Part::Bytes(xml::serialize(&parts::app())),
        ),
        (
            "word/_rels/document.xml.rels",
            Part::Bytes(xml::serialize(&parts::document_rels(&word))),
        ),
    ];
    if barcode.is_some() {
        files.push((barcode::FOOTER_RELS, Part::Bytes(barcode::footer_rels())));
    }
    // document.xml around its body, which goes in as it is zipped.
    let document_xml = xml::serialize(&document);
    let body_at = document_xml
        .iter()
        .position(|&b| b == fixup::BODY_PLACEHOLDER)
        .ok_or_else(|| Error::Xml("document.xml has no place for its body".into()))?;
    for info in &word {
        let part = match info.path {
            "word/document.xml" => Part::Document {
                head: &document_xml[..body_at],
                body: &body_xml,
                revisions: builder.revisions,
                first_revision,
                tail: &document_xml[body_at + 1..],
            },
            "word/styles.xml" => {
                let mut part = styles::part(style, text_width, lang, meta.language);
                fixup::schema_order(&mut part.root);
                Part::Bytes(xml::serialize(&part))
            }
            "word/settings.xml" => Part::Bytes(xml::serialize(&settings)),
            "word/fontTable.xml" => {
                Part::Bytes(xml::serialize(&parts::font_table(&style.body.font)))
            }
            "word/theme/theme1.xml" => Part::Bytes(parts::theme(&style.body.font)),
            "word/numbering.xml" => Part::Bytes(xml::serialize(&numbering)),
            "word/footnotes.xml" => Part::Bytes(xml::serialize(&footnotes)),
            path if path.starts_with("customXml/") => Part::Bytes(parts::custom_xml(path, doc)),
            "word/comments.xml" => Part::Bytes(parts::comments(
                &builder.comments,
                &doc.authors,
                styles::COMMENT_TEXT,
                styles::COMMENT_REFERENCE,
            )),
            path if path.starts_with("word/comments") || path == "word/people.xml" => {
                Part::Bytes(threads::part(path, &builder.comments, &doc.authors))
            }
            barcode::PATH => Part::Bytes(barcode.as_ref().map_or_else(Vec::new, |b| b.png.clone())),
            path => Part::Bytes(
                running
                    .remove(path)
                    .ok_or_else(|| Error::Xml(format!("no content for {path}")))?,
            ),
        };
        files.push((info.path, part));
    }
    zip(&files)
}

/// The header and footer parts by path; page 1's footer carries the
/// barcode, if any.
fn running_parts(
    meta: &crate::model::Metadata,
    barcode: Option<&barcode::Barcode>,
) -> Result<std::collections::BTreeMap<&'static str, Vec<u8>>, Error> {
    let mut running = std::collections::BTreeMap::new();
    let paths = page::HEADERS
        .iter()
        .chain(&page::FOOTERS)
        .map(|(path, _)| *path);
    let first_footer = page::FOOTERS[0].0;
    for (path, bytes) in paths.zip(page::headers(meta).into_iter().chain(page::footers(meta))) {
        let mut part = xml::parse(&bytes)?;
        tidy(&mut part.root);
        parts::declare_w(&mut part.root);
        if let (Some(barcode), true) = (barcode, path == first_footer) {
            if let Some(p) = part.root.child_mut("w:p") {
                p.children.push(xml::Node::Raw(barcode.run.clone()));
            }
        }
        running.insert(path, xml::serialize(&part));
    }
    Ok(running)
}

/// A part of the package, as it goes into the zip.
enum Part<'a> {
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
fn zip(files: &[(&str, Part)]) -> Result<Vec<u8>, Error> {
    let zip_err = |e: zip::result::ZipError| Error::Zip(e.to_string());
    let io_err = |e: std::io::Error| Error::Zip(e.to_string());
    // Level 4, not zlib's default 6: a large document's parts repeat the
    // same markup over and over, and level 6's longer match search made
    // compressing them most of the writer's time (generated 100-fold
    // document: 23% faster at 4, the file 8% larger; the example 3%).
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(4))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let stored = options
        .compression_method(zip::CompressionMethod::Stored)
        .compression_level(None);
    let quick = options.compression_level(Some(1));
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, part) in files {
        // Each deflated part costs a compressor reset, more than writing a
        // small part: parts under 1 KiB are stored (a few hundred bytes
        // more each), as is the PNG (deflated already). The thread parts,
        // one short line per comment, compress well at level 1 too; only
        // large ones are worth it, since a level-1 compressor's buffers
        // make the allocator give memory back and fault it in again on
        // every document (45,000 page faults in 300 writes of the example).
        let options = match part {
            Part::Bytes(bytes) if bytes.len() < 1024 || path.ends_with(".png") => stored,
            Part::Bytes(bytes) if bytes.len() >= 1 << 16 && threads::QUICK_PARTS.contains(path) => {
                quick
            }
            _ => options,
        };
        writer.start_file(*path, options).map_err(zip_err)?;
        match part {
            Part::Bytes(bytes) => writer.write_all(bytes).map_err(io_err)?,
            Part::Document {
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
                fixup::write_numbered(&mut buffered, body, *revisions, &mut next)?;
                buffered.write_all(tail).map_err(io_err)?;
                buffered.flush().map_err(io_err)?;
            }
        }
    }
    Ok(writer.finish().map_err(zip_err)?.into_inner())
}
