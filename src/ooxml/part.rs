//! The parts of a DOCX package rapporteur writes and reads: each part's
//! path, content type and the relationship that refers to it (its id,
//! where the writer fixes one, and its type). The DOCX writer lists,
//! declares and relates its parts from here (`write::docx::parts`), the
//! reader finds them here (`read::docx::package`, `stories`).
//!
//! Parts are dispatched with a `match` on [`Part`] with no default arm: a
//! new part is written, or refused, where it is added.

/// One of the three running heads or feet: page 1's, odd pages', even
/// pages'.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Page {
    First,
    Odd,
    Even,
}

impl Page {
    pub const ALL: [Page; 3] = [Page::First, Page::Odd, Page::Even];

    /// The `w:type` of its `w:headerReference` and `w:footerReference`.
    pub const fn reference_type(self) -> &'static str {
        match self {
            Page::First => "first",
            Page::Odd => "default",
            Page::Even => "even",
        }
    }
}

/// A part of the package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    ContentTypes,
    /// `_rels/.rels`: the package's relationships.
    PackageRels,
    CoreProperties,
    AppProperties,
    /// The main document part.
    Document,
    DocumentRels,
    Styles,
    Settings,
    FontTable,
    Theme,
    Numbering,
    Footnotes,
    /// Read for a report only: rapporteur writes no endnotes.
    Endnotes,
    Comments,
    /// Word's comment threads: replies and the done state.
    CommentsExtended,
    CommentsIds,
    CommentsExtensible,
    People,
    Header(Page),
    Footer(Page),
    /// Page 1's footer's relationships: its barcode.
    FirstFooterRels,
    Barcode,
    EmblemPng,
    EmblemSvg,
    /// The structure a DOCX cannot hold (`crate::ooxml::provenance`).
    Structure,
    /// Its properties, which Word requires to keep the part.
    StructureProps,
    StructureRels,
}

/// The relationship types of the Office Open XML standard (ECMA-376 part 1).
macro_rules! office_rel {
    ($kind:literal) => {
        concat!(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
            $kind
        )
    };
}

/// The WordprocessingML content types.
macro_rules! wml_type {
    ($kind:literal) => {
        concat!(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.",
            $kind,
            "+xml"
        )
    };
}

/// The namespace of every relationships part.
pub const NS_RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
/// The namespace of `[Content_Types].xml`.
pub const NS_CONTENT_TYPES: &str = "http://schemas.openxmlformats.org/package/2006/content-types";
/// The content type of relationships parts (a default, by extension).
pub const RELATIONSHIPS_TYPE: &str = "application/vnd.openxmlformats-package.relationships+xml";
/// The content type of XML parts without one of their own.
pub const XML_TYPE: &str = "application/xml";
/// The relationship type of the package's main part.
pub const OFFICE_DOCUMENT: &str = office_rel!("officeDocument");

/// How a part is referred to: from which part's relationships (`None`:
/// the package's), by which id and of which type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relationship {
    pub from: Option<Part>,
    pub id: &'static str,
    pub kind: &'static str,
}

impl Part {
    /// The part's name in the zip.
    pub const fn path(self) -> &'static str {
        match self {
            Part::ContentTypes => "[Content_Types].xml",
            Part::PackageRels => "_rels/.rels",
            Part::CoreProperties => "docProps/core.xml",
            Part::AppProperties => "docProps/app.xml",
            Part::Document => "word/document.xml",
            Part::DocumentRels => "word/_rels/document.xml.rels",
            Part::Styles => "word/styles.xml",
            Part::Settings => "word/settings.xml",
            Part::FontTable => "word/fontTable.xml",
            Part::Theme => "word/theme/theme1.xml",
            Part::Numbering => "word/numbering.xml",
            Part::Footnotes => "word/footnotes.xml",
            Part::Endnotes => "word/endnotes.xml",
            Part::Comments => "word/comments.xml",
            Part::CommentsExtended => "word/commentsExtended.xml",
            Part::CommentsIds => "word/commentsIds.xml",
            Part::CommentsExtensible => "word/commentsExtensible.xml",
            Part::People => "word/people.xml",
            Part::Header(Page::First) => "word/header1.xml",
            Part::Header(Page::Odd) => "word/header2.xml",
            Part::Header(Page::Even) => "word/header3.xml",
            Part::Footer(Page::First) => "word/footer1.xml",
            Part::Footer(Page::Odd) => "word/footer2.xml",
            Part::Footer(Page::Even) => "word/footer3.xml",
            Part::FirstFooterRels => "word/_rels/footer1.xml.rels",
            Part::Barcode => "word/media/barcode.png",
            Part::EmblemPng => "word/media/emblem.png",
            Part::EmblemSvg => "word/media/emblem.svg",
            Part::Structure => "customXml/item1.xml",
            Part::StructureProps => "customXml/itemProps1.xml",
            Part::StructureRels => "customXml/_rels/item1.xml.rels",
        }
    }

    /// The content type `[Content_Types].xml` overrides for the part;
    /// `None` for the parts that take theirs from the extension's default
    /// (relationships) and `[Content_Types].xml` itself.
    pub const fn content_type(self) -> Option<&'static str> {
        Some(match self {
            Part::ContentTypes
            | Part::PackageRels
            | Part::DocumentRels
            | Part::FirstFooterRels
            | Part::StructureRels => return None,
            Part::CoreProperties => "application/vnd.openxmlformats-package.core-properties+xml",
            Part::AppProperties => {
                "application/vnd.openxmlformats-officedocument.extended-properties+xml"
            }
            Part::Document => wml_type!("document.main"),
            Part::Styles => wml_type!("styles"),
            Part::Settings => wml_type!("settings"),
            Part::FontTable => wml_type!("fontTable"),
            Part::Theme => "application/vnd.openxmlformats-officedocument.theme+xml",
            Part::Numbering => wml_type!("numbering"),
            Part::Footnotes => wml_type!("footnotes"),
            Part::Endnotes => wml_type!("endnotes"),
            Part::Comments => wml_type!("comments"),
            Part::CommentsExtended => wml_type!("commentsExtended"),
            Part::CommentsIds => wml_type!("commentsIds"),
            Part::CommentsExtensible => wml_type!("commentsExtensible"),
            Part::People => wml_type!("people"),
            Part::Header(_) => wml_type!("header"),
            Part::Footer(_) => wml_type!("footer"),
            Part::Barcode | Part::EmblemPng => "image/png",
            Part::EmblemSvg => "image/svg+xml",
            Part::Structure => XML_TYPE,
            Part::StructureProps => {
                "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
            }
        })
    }

    /// The relationship that refers to the part, as rapporteur writes it;
    /// `None` for the relationships parts, `[Content_Types].xml`, and
    /// endnotes (not written).
    pub const fn relationship(self) -> Option<Relationship> {
        const fn rel(from: Option<Part>, id: &'static str, kind: &'static str) -> Relationship {
            Relationship { from, id, kind }
        }
        const DOC: Option<Part> = Some(Part::Document);
        Some(match self {
            Part::ContentTypes
            | Part::PackageRels
            | Part::DocumentRels
            | Part::FirstFooterRels
            | Part::StructureRels
            | Part::Endnotes => return None,
            Part::Document => rel(None, "rIdDocument", OFFICE_DOCUMENT),
            Part::CoreProperties => rel(
                None,
                "rIdCore",
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            ),
            Part::AppProperties => rel(None, "rIdApp", office_rel!("extended-properties")),
            Part::Styles => rel(DOC, "rIdStyles", office_rel!("styles")),
            Part::Settings => rel(DOC, "rIdSettings", office_rel!("settings")),
            Part::FontTable => rel(DOC, "rIdFontTable", office_rel!("fontTable")),
            Part::Theme => rel(DOC, "rIdTheme", office_rel!("theme")),
            Part::Numbering => rel(DOC, "rIdNumbering", office_rel!("numbering")),
            Part::Footnotes => rel(DOC, "rIdFootnotes", office_rel!("footnotes")),
            Part::Comments => rel(DOC, "rIdComments", office_rel!("comments")),
            Part::CommentsExtended => rel(
                DOC,
                "rIdCommentsExtended",
                "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
            ),
            Part::CommentsIds => rel(
                DOC,
                "rIdCommentsIds",
                "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
            ),
            Part::CommentsExtensible => rel(
                DOC,
                "rIdCommentsExtensible",
                "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
            ),
            Part::People => rel(
                DOC,
                "rIdPeople",
                "http://schemas.microsoft.com/office/2011/relationships/people",
            ),
            Part::Header(page) => rel(
                DOC,
                match page {
                    Page::First => "rIdHeaderFirst",
                    Page::Odd => "rIdHeaderOdd",
                    Page::Even => "rIdHeaderEven",
                },
                office_rel!("header"),
            ),
            Part::Footer(page) => rel(
                DOC,
                match page {
                    Page::First => "rIdFooterFirst",
                    Page::Odd => "rIdFooterOdd",
                    Page::Even => "rIdFooterEven",
                },
                office_rel!("footer"),
            ),
            Part::Barcode => rel(
                Some(Part::Footer(Page::First)),
                "rIdBarcode",
                office_rel!("image"),
            ),
            Part::EmblemPng => rel(DOC, "rIdEmblem", office_rel!("image")),
            Part::EmblemSvg => rel(DOC, "rIdEmblemSvg", office_rel!("image")),
            Part::Structure => rel(DOC, "rIdStructure", office_rel!("customXml")),
            Part::StructureProps => rel(
                Some(Part::Structure),
                "rIdProps",
                office_rel!("customXmlProps"),
            ),
        })
    }

    /// The id of the relationship to a part that has one, for constants
    /// (a part without one fails the build).
    pub const fn rel_id(self) -> &'static str {
        match self.relationship() {
            Some(r) => r.id,
            None => panic!("a part without a relationship has no id"),
        }
    }

    /// The part's path as a relationship's target from the part that
    /// refers to it (from the package: the path itself).
    pub fn target(self) -> String {
        let from = self.relationship().and_then(|r| r.from);
        relative_target(from.map(Part::path), self.path())
    }

    /// The part a relationship's `target` names, from the part at `from`
    /// (`None`: from the package).
    pub fn resolve(from: Option<&str>, target: &str) -> String {
        if let Some(absolute) = target.strip_prefix('/') {
            return absolute.to_string();
        }
        match from.and_then(|f| f.rsplit_once('/')) {
            Some((dir, _)) => format!("{dir}/{target}"),
            None => target.to_string(),
        }
    }
}

/// `path` as a target from the part at `from`.
fn relative_target(from: Option<&str>, path: &str) -> String {
    let Some((dir, _)) = from.and_then(|f| f.rsplit_once('/')) else {
        return path.to_string();
    };
    match path.strip_prefix(dir).and_then(|p| p.strip_prefix('/')) {
        Some(inner) => inner.to_string(),
        None => format!("../{path}"),
    }
}

/// The relationships part of the part at `path`
/// (`word/document.xml` → `word/_rels/document.xml.rels`).
pub fn rels_of(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{path}.rels"),
    }
}

/// The folder of the main document and the parts it refers to.
pub const WORD_DIR: &str = "word/";
/// The folders under [`WORD_DIR`] of parts no reader reads: the theme
/// and the pictures.
pub const UNREAD_DIRS: [&str; 2] = ["word/theme/", "word/media/"];

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Part; 31] = [
        Part::ContentTypes,
        Part::PackageRels,
        Part::CoreProperties,
        Part::AppProperties,
        Part::Document,
        Part::DocumentRels,
        Part::Styles,
        Part::Settings,
        Part::FontTable,
        Part::Theme,
        Part::Numbering,
        Part::Footnotes,
        Part::Endnotes,
        Part::Comments,
        Part::CommentsExtended,
        Part::CommentsIds,
        Part::CommentsExtensible,
        Part::People,
        Part::Header(Page::First),
        Part::Header(Page::Odd),
        Part::Header(Page::Even),
        Part::Footer(Page::First),
        Part::Footer(Page::Odd),
        Part::Footer(Page::Even),
        Part::FirstFooterRels,
        Part::Barcode,
        Part::EmblemPng,
        Part::EmblemSvg,
        Part::Structure,
        Part::StructureProps,
        Part::StructureRels,
    ];

    #[test]
    fn paths_and_relationship_ids_are_each_one_parts() {
        let paths: std::collections::BTreeSet<_> = ALL.iter().map(|p| p.path()).collect();
        assert_eq!(paths.len(), ALL.len());
        let ids: std::collections::BTreeSet<_> = ALL
            .iter()
            .filter_map(|p| p.relationship())
            .map(|r| (r.from, r.id))
            .collect();
        assert_eq!(
            ids.len(),
            ALL.iter().filter(|p| p.relationship().is_some()).count()
        );
    }

    #[test]
    fn a_relationships_part_is_the_rels_of_its_source() {
        assert_eq!(rels_of(Part::Document.path()), Part::DocumentRels.path());
        assert_eq!(
            rels_of(Part::Footer(Page::First).path()),
            Part::FirstFooterRels.path()
        );
        assert_eq!(rels_of(Part::Structure.path()), Part::StructureRels.path());
        assert_eq!(
            rels_of("word/document2.xml"),
            "word/_rels/document2.xml.rels"
        );
    }

    #[test]
    fn targets_are_relative_to_the_source_and_resolve_back() {
        assert_eq!(Part::Styles.target(), "styles.xml");
        assert_eq!(Part::Structure.target(), "../customXml/item1.xml");
        assert_eq!(Part::Barcode.target(), "media/barcode.png");
        assert_eq!(Part::StructureProps.target(), "itemProps1.xml");
        assert_eq!(Part::Document.target(), "word/document.xml");
        for part in ALL {
            if let Some(r) = part.relationship() {
                let from = r.from.map(Part::path);
                let back = Part::resolve(from, &part.target());
                let back = back.replace("word/../", "");
                assert_eq!(back, part.path(), "{part:?}");
            }
        }
        assert_eq!(
            Part::resolve(Some(Part::Document.path()), "/word/footer9.xml"),
            "word/footer9.xml"
        );
    }
}
