//! The package's parts other than the document, its headers and footers
//! and the comment threads:
//!
//! - `[Content_Types].xml` and the relationships: built from the list of
//!   parts actually written, so every part is declared;
//! - `docProps/core.xml` (title, subject, language, the document date)
//!   and `docProps/app.xml`;
//! - `word/settings.xml` (track changes, mirrored margins, footnote
//!   separators), `word/numbering.xml` (the one definition the numbered
//!   paragraphs use), `word/fontTable.xml`, a theme;
//! - `word/comments.xml` (with each author's initials) and
//!   `word/footnotes.xml` (separator and continuation-separator notes,
//!   then the notes the body wrote), written as bytes: they grow with the
//!   document.
//!
//! The small fixed ones are element trees ([`super::xml`]).

use super::error::Error;
use super::revision_ids;
use super::units::twips;
use super::wml::NS_W;
use super::xml::{self, escape_into, text, Elem, Part};
use crate::ooxml::{self, part::Page, Part as OoxmlPart};

/// Every part of the package in `word/` and `customXml/`, in zip order:
/// the ones [`content_types`] declares and [`document_rels`] relates.
/// Headers and footers have fixed names and ids so the section properties
/// can name them.
pub(crate) fn word_parts(
    has_comments: bool,
    has_footnotes: bool,
    has_barcode: bool,
    emblem: Option<bool>,
) -> Vec<OoxmlPart> {
    let mut v = vec![
        OoxmlPart::Document,
        OoxmlPart::Styles,
        OoxmlPart::Settings,
        OoxmlPart::FontTable,
        OoxmlPart::Theme,
        OoxmlPart::Numbering,
    ];
    if has_footnotes {
        v.push(OoxmlPart::Footnotes);
    }
    if has_comments {
        // With the parts of Word's comment threads (`threads`).
        v.extend([
            OoxmlPart::Comments,
            OoxmlPart::CommentsExtended,
            OoxmlPart::CommentsIds,
            OoxmlPart::CommentsExtensible,
            OoxmlPart::People,
        ]);
    }
    if has_barcode {
        // Related from the first-page footer, not from the document.
        v.push(OoxmlPart::Barcode);
    }
    // The emblem's picture, related from the document (the masthead
    // table); `Some(true)`: an SVG with its PNG.
    if let Some(svg) = emblem {
        v.push(OoxmlPart::EmblemPng);
        if svg {
            v.push(OoxmlPart::EmblemSvg);
        }
    }
    // The structure a DOCX cannot hold (`crate::ooxml::provenance`), for
    // import: the custom XML part, its properties and its relationships.
    v.extend([
        OoxmlPart::Structure,
        OoxmlPart::StructureProps,
        OoxmlPart::StructureRels,
    ]);
    v.extend(Page::ALL.map(OoxmlPart::Header));
    v.extend(Page::ALL.map(OoxmlPart::Footer));
    v
}

fn part(root: Elem) -> Part {
    Part { root }
}

pub(crate) fn content_types(word: &[OoxmlPart]) -> Part {
    let mut root = Elem::new("Types")
        .with_attr("xmlns", ooxml::part::NS_CONTENT_TYPES)
        .with_child(
            Elem::new("Default")
                .with_attr("Extension", "rels")
                .with_attr("ContentType", ooxml::part::RELATIONSHIPS_TYPE),
        )
        .with_child(
            Elem::new("Default")
                .with_attr("Extension", "xml")
                .with_attr("ContentType", ooxml::part::XML_TYPE),
        );
    let parts = [OoxmlPart::CoreProperties, OoxmlPart::AppProperties];
    for p in parts.iter().chain(word) {
        if let Some(ct) = p.content_type() {
            root = root.with_child(
                Elem::new("Override")
                    .with_attr("PartName", &format!("/{}", p.path()))
                    .with_attr("ContentType", ct),
            );
        }
    }
    part(root)
}

/// The relationships part of `from` (`None`: the package's): one
/// relationship to each part of `parts` that `from` refers to.
pub(crate) fn relationships(from: Option<OoxmlPart>, parts: &[OoxmlPart]) -> Part {
    let mut root = Elem::new("Relationships").with_attr("xmlns", ooxml::part::NS_RELATIONSHIPS);
    for p in parts {
        if let Some(rel) = p.relationship().filter(|r| r.from == from) {
            root = root.with_child(
                Elem::new("Relationship")
                    .with_attr("Id", rel.id)
                    .with_attr("Type", rel.kind)
                    .with_attr("Target", &p.target()),
            );
        }
    }
    part(root)
}

pub(crate) fn package_rels() -> Part {
    relationships(
        None,
        &[
            OoxmlPart::Document,
            OoxmlPart::CoreProperties,
            OoxmlPart::AppProperties,
        ],
    )
}

pub(crate) fn document_rels(word: &[OoxmlPart]) -> Part {
    relationships(Some(OoxmlPart::Document), word)
}

/// The custom XML part's properties: Word requires them (and the
/// relationship to them) for a custom XML part to be kept.
pub(crate) fn custom_xml_props() -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<ds:datastoreItem ds:itemID="{{2F6C2B0E-6B1D-4A8E-9C52-7A3B1D0E4F21}}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="{}"/></ds:schemaRefs></ds:datastoreItem>
"#,
        crate::ooxml::provenance::NAMESPACE
    )
    .into_bytes()
}

/// The custom XML part's relationship to its properties.
pub(crate) fn custom_xml_rels() -> Vec<u8> {
    xml::serialize(&relationships(
        Some(OoxmlPart::Structure),
        &[OoxmlPart::StructureProps],
    ))
}

/// Core properties; `created`/`modified` are the document date so that the
/// same source always gives the same bytes.
pub(crate) struct Core<'a> {
    pub title: &'a str,
    pub subject: &'a str,
    pub creator: &'a str,
    pub language: &'a str,
    pub date: String,
}

pub(crate) fn core(c: &Core) -> Part {
    let el = |name: &str, value: &str| {
        let mut e = Elem::new(name);
        e.children.push(text(value));
        e
    };
    let dated = |name: &str| {
        let mut e = el(name, &c.date);
        e.set_attr("xsi:type", "dcterms:W3CDTF");
        e
    };
    let mut root = Elem::new("cp:coreProperties")
        .with_attr(
            "xmlns:cp",
            "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        )
        .with_attr("xmlns:dc", "http://purl.org/dc/elements/1.1/")
        .with_attr("xmlns:dcterms", "http://purl.org/dc/terms/")
        .with_attr("xmlns:dcmitype", "http://purl.org/dc/dcmitype/")
        .with_attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    if !c.title.is_empty() {
        root = root.with_child(el("dc:title", c.title));
    }
    root = root
        .with_child(el("dc:subject", c.subject))
        .with_child(el("dc:creator", c.creator))
        .with_child(el("dc:language", c.language))
        .with_child(dated("dcterms:created"))
        .with_child(dated("dcterms:modified"));
    part(root)
}

pub(crate) fn app() -> Part {
    let mut application = Elem::new("Application");
    application.children.push(text("rapporteur"));
    part(
        Elem::new("Properties")
            .with_attr(
                "xmlns",
                "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
            )
            .with_attr(
                "xmlns:vt",
                "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
            )
            .with_child(application),
    )
}

pub(crate) struct SettingsOptions {
    pub track_revisions: bool,
    pub mirror_margins: bool,
    pub has_footnotes: bool,
    pub lang: &'static str,
}

/// `word/settings.xml`, children in the schema's order.
pub(crate) fn settings(o: &SettingsOptions) -> Part {
    let mut root = Elem::new("w:settings").with_attr("xmlns:w", NS_W);
    if o.mirror_margins {
        root = root.with_child(Elem::new("w:mirrorMargins"));
    }
    if o.track_revisions {
        root = root.with_child(Elem::new("w:trackRevisions"));
    }
    root = root
        .with_child(Elem::new("w:defaultTabStop").with_attr("w:val", "567"))
        .with_child(Elem::new("w:autoHyphenation"))
        .with_child(Elem::new("w:evenAndOddHeaders"));
    if o.has_footnotes {
        root = root.with_child(
            Elem::new("w:footnotePr")
                .with_child(Elem::new("w:footnote").with_attr("w:id", &SEPARATOR_ID.to_string()))
                .with_child(
                    Elem::new("w:footnote")
                        .with_attr("w:id", &CONTINUATION_SEPARATOR_ID.to_string()),
                ),
        );
    }
    root = root
        .with_child(
            Elem::new("w:compat").with_child(
                Elem::new("w:compatSetting")
                    .with_attr("w:name", "compatibilityMode")
                    .with_attr("w:uri", "http://schemas.microsoft.com/office/word")
                    .with_attr("w:val", "15"),
            ),
        )
        .with_child(Elem::new("w:themeFontLang").with_attr("w:val", o.lang));
    part(root)
}

/// Where and how Word numbers the numbered paragraphs.
pub(crate) struct Numbering<'a> {
    /// The first paragraph's number (a view may begin later than 1).
    pub start: u32,
    /// `w:lvlText`: "%1.", Arabic "%1 -" (`Labels::paragraph_level_text`).
    pub level_text: &'a str,
    /// Where the number stands (the text's left edge, where the
    /// turnovers go too) and the tab stop the first line's text starts at.
    pub left: f32,
    pub tab: f32,
    pub style_id: crate::ooxml::style::ParagraphStyle,
    pub num_id: u32,
}

/// The numbering definitions: document paragraphs `1.`, `2.`, … (Arabic
/// `1 -`), the number at the text's left edge and a tab after it; then
/// the lists' (`super::lists`), abstract ids from 1, num ids from 2.
pub(crate) fn numbering(n: &Numbering, (lists, list_nums): (Vec<Elem>, Vec<Elem>)) -> Part {
    let Numbering {
        start,
        level_text,
        left,
        tab,
        style_id,
        num_id,
    } = *n;
    let lvl = Elem::new("w:lvl")
        .with_attr("w:ilvl", "0")
        .with_child(Elem::new("w:start").with_attr("w:val", &start.to_string()))
        .with_child(Elem::new("w:numFmt").with_attr("w:val", "decimal"))
        .with_child(Elem::new("w:pStyle").with_attr("w:val", style_id.id()))
        .with_child(Elem::new("w:lvlText").with_attr("w:val", level_text))
        .with_child(Elem::new("w:lvlJc").with_attr("w:val", "left"))
        .with_child(
            Elem::new("w:pPr")
                .with_child(
                    Elem::new("w:tabs").with_child(
                        Elem::new("w:tab")
                            .with_attr("w:val", "num")
                            .with_attr("w:pos", &twips(tab).to_string()),
                    ),
                )
                .with_child(
                    Elem::new("w:ind")
                        .with_attr("w:left", &twips(left).to_string())
                        .with_attr("w:hanging", "0"),
                ),
        );
    let abstract_num = Elem::new("w:abstractNum")
        .with_attr("w:abstractNumId", "0")
        .with_child(Elem::new("w:multiLevelType").with_attr("w:val", "singleLevel"))
        .with_child(lvl);
    let num = Elem::new("w:num")
        .with_attr("w:numId", &num_id.to_string())
        .with_child(Elem::new("w:abstractNumId").with_attr("w:val", "0"));
    // Word wants every `w:abstractNum` before the first `w:num`.
    let mut root = Elem::new("w:numbering")
        .with_attr("xmlns:w", NS_W)
        .with_child(abstract_num);
    for e in lists {
        root = root.with_child(e);
    }
    root = root.with_child(num);
    for e in list_nums {
        root = root.with_child(e);
    }
    part(root)
}

/// `word/comments.xml`, written straight as bytes: a document holds tens
/// of thousands of comments at scale, and building them as a tree cost
/// more than writing the body. The bytes are what [`xml::serialize`]
/// writes for the same elements.
pub(crate) fn comments(
    list: &[super::threads::CommentOut],
    authors: &[crate::model::Author],
    style_text: crate::ooxml::style::ParagraphStyle,
    style_ref: crate::ooxml::style::CharacterStyle,
) -> Vec<u8> {
    let escape = escape_into;
    // Each author's attributes, made once.
    let attributes: Vec<Vec<u8>> = authors
        .iter()
        .map(|a| {
            let mut out = Vec::new();
            out.extend_from_slice(b"\" w:author=\"");
            escape(&mut out, &a.name);
            out.extend_from_slice(b"\" w:date=\"");
            escape(&mut out, &a.date.to_string());
            out.extend_from_slice(b"\" w:initials=\"");
            escape(&mut out, &a.initials);
            out
        })
        .collect();
    let mut out = Vec::with_capacity(256 + list.len() * 400);
    out.extend_from_slice(xml::DECLARATION);
    out.extend_from_slice(br#"<w:comments xmlns:w=""#);
    out.extend_from_slice(NS_W.as_bytes());
    for (prefix, namespace) in [
        ("mc", super::threads::NS_MC),
        ("w14", super::threads::NS_W14),
    ] {
        out.extend_from_slice(b"\" xmlns:");
        out.extend_from_slice(prefix.as_bytes());
        out.extend_from_slice(b"=\"");
        out.extend_from_slice(namespace.as_bytes());
    }
    out.extend_from_slice(b"\" mc:Ignorable=\"w14");
    if list.is_empty() {
        out.extend_from_slice(b"\"/>");
        return out;
    }
    out.extend_from_slice(b"\">");
    for (id, c) in list.iter().enumerate() {
        out.extend_from_slice(b"<w:comment w:id=\"");
        out.extend_from_slice(id.to_string().as_bytes());
        out.extend_from_slice(&attributes[c.author.0]);
        // The paragraph id the thread parts refer to.
        out.extend_from_slice(b"\"><w:p w14:paraId=\"");
        super::threads::paragraph_id_into(&mut out, id);
        out.extend_from_slice(b"\"><w:pPr><w:pStyle w:val=\"");
        escape(&mut out, style_text.id());
        // A comment in Arabic reads right to left, its Latin words in
        // runs of their own, as the body's runs are written.
        let rtl = crate::present::script::has_rtl(&c.text);
        if rtl {
            out.extend_from_slice(b"\"/><w:bidi/></w:pPr><w:r><w:rPr><w:rStyle w:val=\"");
        } else {
            out.extend_from_slice(b"\"/></w:pPr><w:r><w:rPr><w:rStyle w:val=\"");
        }
        escape(&mut out, style_ref.id());
        out.extend_from_slice(b"\"/></w:rPr><w:annotationRef/></w:r>");
        if rtl {
            super::wml::plain_run(&mut out, &c.text);
        } else {
            out.extend_from_slice(b"<w:r><w:t xml:space=\"preserve\">");
            escape(&mut out, &super::wml::clean(&c.text));
            out.extend_from_slice(b"</w:t></w:r>");
        }
        out.extend_from_slice(b"</w:p></w:comment>");
    }
    out.extend_from_slice(b"</w:comments>");
    out
}

pub(crate) const SEPARATOR_ID: i32 = -1;
pub(crate) const CONTINUATION_SEPARATOR_ID: i32 = 0;

/// `word/footnotes.xml`: the separator and continuation-separator notes
/// (their rule from `indent` twips, the text's edge, as in the PDF), then
/// `notes` (as the body wrote them) with their `revisions` revision id
/// placeholders numbered from `*next`.
pub(crate) fn footnotes(
    notes: &[u8],
    (revisions, indent): (u32, i64),
    next: &mut u32,
) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(1024 + notes.len());
    out.extend_from_slice(xml::DECLARATION);
    out.extend_from_slice(b"<w:footnotes xmlns:w=\"");
    out.extend_from_slice(NS_W.as_bytes());
    out.extend_from_slice(b"\">");
    for (kind, id, mark) in [
        ("separator", SEPARATOR_ID, "w:separator"),
        (
            "continuationSeparator",
            CONTINUATION_SEPARATOR_ID,
            "w:continuationSeparator",
        ),
    ] {
        out.extend_from_slice(
            format!(
                "<w:footnote w:type=\"{kind}\" w:id=\"{id}\"><w:p><w:pPr><w:spacing w:after=\"0\" \
                 w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:left=\"{indent}\"/></w:pPr><w:r><{mark}/></w:r></w:p></w:footnote>"
            )
            .as_bytes(),
        );
    }
    revision_ids::write_numbered(&mut out, notes, revisions, next)?;
    out.extend_from_slice(b"</w:footnotes>");
    Ok(out)
}

/// A minimal theme (colour, font and format schemes), fonts from the house
/// style, so that applications which resolve theme fonts find Times New Roman.
pub(crate) fn theme(font: &str) -> Vec<u8> {
    let srgb = |name: &str, v: &str| format!("<a:{name}><a:srgbClr val=\"{v}\"/></a:{name}>");
    let colors: String = [
        ("dk2", "1F497D"),
        ("lt2", "EEECE1"),
        ("accent1", "4F81BD"),
        ("accent2", "C0504D"),
        ("accent3", "9BBB59"),
        ("accent4", "8064A2"),
        ("accent5", "4BACC6"),
        ("accent6", "F79646"),
        ("hlink", "0000FF"),
        ("folHlink", "800080"),
    ]
    .iter()
    .map(|(n, v)| srgb(n, v))
    .collect();
    let mut escaped = Vec::new();
    escape_into(&mut escaped, font);
    let font = String::from_utf8_lossy(&escaped);
    let fonts = format!("<a:latin typeface=\"{font}\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>");
    let fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    let line = format!("<a:ln w=\"9525\">{fill}</a:ln>");
    let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"United Nations\">\
<a:themeElements>\
<a:clrScheme name=\"United Nations\">\
<a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1>\
<a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1>{colors}</a:clrScheme>\
<a:fontScheme name=\"United Nations\"><a:majorFont>{fonts}</a:majorFont><a:minorFont>{fonts}</a:minorFont></a:fontScheme>\
<a:fmtScheme name=\"United Nations\">\
<a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst>\
<a:lnStyleLst>{line}{line}{line}</a:lnStyleLst>\
<a:effectStyleLst>{effect}{effect}{effect}</a:effectStyleLst>\
<a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst>\
</a:fmtScheme></a:themeElements></a:theme>"
    )
    .into_bytes()
}

/// `word/fontTable.xml`: the body font only.
pub(crate) fn font_table(font: &str) -> Part {
    part(
        Elem::new("w:fonts").with_attr("xmlns:w", NS_W).with_child(
            Elem::new("w:font")
                .with_attr("w:name", font)
                .with_child(Elem::new("w:charset").with_attr("w:val", "00"))
                .with_child(Elem::new("w:family").with_attr("w:val", "roman"))
                .with_child(Elem::new("w:pitch").with_attr("w:val", "variable")),
        ),
    )
}
