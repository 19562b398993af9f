//! The plain reader (a Word file without rapporteur's stored structure):
//! the masthead read back into the front matter, reports inside
//! footnotes that name the footnote, and paragraphs wholly deleted where
//! Word cannot delete their own mark.

use crate::support;

use rapporteur::model::view::{self, View};
use rapporteur::model::{Block, Document, Inline, Paragraph};
use rapporteur::read::docx::{self as docx_read, Imported, Origin};
use support::*;

fn import(bytes: &[u8], name: &str) -> Imported {
    docx_read::read(bytes, name).unwrap_or_else(|e| panic!("{e}"))
}

/// The package without rapporteur's stored structure (`customXml/`):
/// what another tool's file, or the markup alone, gives.
fn without_structure(bytes: &[u8]) -> Vec<u8> {
    let mut parts = unzip(bytes);
    parts.retain(|name, _| !name.starts_with("customXml/"));
    zip_parts(&parts)
}

/// `--to md` text of a view from the first heading on (the body).
fn body_text(doc: &Document, v: View) -> String {
    let text = rapporteur::write::text::write(&view::apply(doc, v));
    let start = text.find("\n# ").unwrap_or(0);
    text[start..].to_string()
}

/// Every paragraph of the body, tables and points included, in order.
fn paragraphs(blocks: &[Block]) -> Vec<&Paragraph> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => out.push(p),
            Block::Point(point) => out.extend(paragraphs(&point.blocks)),
            Block::Statement(inner) | Block::Quote(inner) => out.extend(paragraphs(inner)),
            Block::Heading(_) | Block::Table(_) => {}
        }
    }
    out
}

fn paragraph_text(p: &Paragraph) -> String {
    p.content
        .iter()
        .filter_map(|i| match i {
            Inline::Text(r) => Some(r.text.as_str()),
            _ => None,
        })
        .collect()
}

/// The paragraph whose text holds `words`.
fn paragraph_with<'d>(doc: &'d Document, words: &str) -> &'d Paragraph {
    paragraphs(&doc.blocks)
        .into_iter()
        .find(|p| paragraph_text(p).contains(words))
        .unwrap_or_else(|| panic!("no paragraph holds {words:?}"))
}

/// A paragraph whose every word one change of `author` (by name) deletes,
/// and whose mark no change touches: a whole-paragraph deletion.
fn assert_wholly_deleted_by(doc: &Document, words: &str, author: &str) {
    assert_wholly_changed_by(doc, words, author, true)
}

/// A paragraph whose every word a change of `author` deletes (`deleted`)
/// or inserts, and whose mark no change touches.
fn assert_wholly_changed_by(doc: &Document, words: &str, author: &str, deleted: bool) {
    let p = paragraph_with(doc, words);
    assert!(p.mark.is_none(), "{words:?}: its mark is changed");
    for inline in &p.content {
        if let Inline::Text(r) = inline {
            if r.text.trim().is_empty() {
                continue;
            }
            let change = if deleted { r.rev.del } else { r.rev.ins };
            let change = change.unwrap_or_else(|| panic!("{:?} not changed", r.text));
            assert_eq!(
                doc.author(doc.change(change).author).name,
                author,
                "{words:?}"
            );
        }
    }
}

const FRONT: &str = r#"+++
symbol   = "X/2020/1"
date     = 2020-10-09
language = "en"
title    = "Paragraphs deleted where Word keeps the mark"

[authors]
US = { name = "United States", date = 2020-09-16T00:00:00Z }
+++

# Introduction

"#;

/// The body: a paragraph before a table and the last paragraph, each as
/// `kept` and `gone` write them.
fn source(before_table: &str, last: &str) -> String {
    format!(
        "{FRONT}1. First paragraph stays.{before_table}\n\n| A | B |\n| --- | --- |\n| one | two |\n\n\
         3. Third paragraph stays.{last}\n"
    )
}

/// The same source with nothing deleted.
fn unchanged() -> String {
    source(
        "\n\n2. Second paragraph goes.",
        "\n\n4. Last paragraph goes.",
    )
}

#[test]
fn a_deleted_last_paragraph_and_one_before_a_table_read_as_whole_paragraph_changes() {
    // Deleted as a change that spans the break before each: what Word
    // writes for a paragraph whose own mark it cannot delete, and what
    // rapporteur's writer writes for such a source.
    let spanning = source(
        "{--\n\n2. Second paragraph goes.--}{>>US<<}",
        "{--\n\n4. Last paragraph goes.--}{>>US<<}",
    );
    // Deleted within each paragraph: the form a whole-paragraph change has.
    let whole = source(
        "\n\n2. {--Second paragraph goes.--}{>>US<<}",
        "\n\n4. {--Last paragraph goes.--}{>>US<<}",
    );
    for text in [&spanning, &whole] {
        let doc = parse_str(text);
        let imported = import(&without_structure(&render(&doc)), "returned.docx");
        assert_eq!(imported.origin, Origin::Word);
        let back = &imported.doc;
        for v in [View::Accepted, View::Original, View::All] {
            assert_eq!(
                body_text(back, v),
                body_text(&parse_str(&whole), v).replace("(US)", "(United States)"),
                "view {v:?} of\n{text}"
            );
        }
        assert_wholly_deleted_by(back, "Second paragraph goes.", "United States");
        assert_wholly_deleted_by(back, "Last paragraph goes.", "United States");
        // The paragraphs before keep their marks: no break is deleted.
        for kept in ["First paragraph stays.", "Third paragraph stays."] {
            assert!(paragraph_with(back, kept).mark.is_none(), "{kept}");
        }
        // And the source written back says so.
        let written = rapporteur::write::source::write(back);
        assert!(
            written.contains("4. {--Last paragraph goes.--}{>>United States<<}")
                && written.contains("2. {--Second paragraph goes.--}{>>United States<<}"),
            "{written}"
        );
    }
}

#[test]
fn an_inserted_last_paragraph_and_one_before_a_table_read_as_whole_paragraph_changes() {
    let spanning = source(
        "{++\n\n2. Second paragraph goes.++}{>>US<<}",
        "{++\n\n4. Last paragraph goes.++}{>>US<<}",
    );
    let whole = source(
        "\n\n2. {++Second paragraph goes.++}{>>US<<}",
        "\n\n4. {++Last paragraph goes.++}{>>US<<}",
    );
    for text in [&spanning, &whole] {
        let back = import(
            &without_structure(&render(&parse_str(text))),
            "returned.docx",
        )
        .doc;
        for v in [View::Accepted, View::Original, View::All] {
            assert_eq!(
                body_text(&back, v),
                body_text(&parse_str(&whole), v).replace("(US)", "(United States)"),
                "view {v:?} of\n{text}"
            );
        }
        for words in ["Second paragraph goes.", "Last paragraph goes."] {
            assert_wholly_changed_by(&back, words, "United States", false);
        }
        for kept in ["First paragraph stays.", "Third paragraph stays."] {
            assert!(paragraph_with(&back, kept).mark.is_none(), "{kept}");
        }
    }
}

#[test]
fn a_delegation_deleting_those_paragraphs_in_libreoffice_reads_as_whole_paragraph_changes() {
    if support::missing(&[support::Tool::LibreOffice]) {
        return;
    }
    let dir = support::scratch("plain-whole-paragraphs");
    let base = dir.join("base.docx");
    std::fs::write(&base, render(&parse_str(&unchanged()))).unwrap();
    let edited = dir.join("edited.docx");
    support::tools::lo_edit(
        &base,
        &edited,
        "Jane Doe",
        true,
        r#"[
            {"op": "delete_paragraph", "find": "Last paragraph goes."},
            {"op": "delete_paragraph", "find": "Second paragraph goes."}
        ]"#,
    );
    let bytes = std::fs::read(&edited).unwrap();
    // LibreOffice, as Word, deletes the mark before each paragraph.
    let xml = String::from_utf8(unzip(&bytes)["word/document.xml"].clone()).unwrap();
    let first = xml.find("First paragraph stays.").unwrap();
    let start = xml[..first]
        .rfind("<w:p>")
        .or(xml[..first].rfind("<w:p "))
        .unwrap();
    assert!(
        xml[start..first].contains("<w:del "),
        "the mark before the deleted paragraph is not deleted: LibreOffice changed"
    );
    let back = import(&bytes, "edited.docx").doc;
    let expected = parse_str(&source(
        "\n\n2. {--Second paragraph goes.--}{>>US<<}",
        "\n\n4. {--Last paragraph goes.--}{>>US<<}",
    ));
    for v in [View::Accepted, View::Original] {
        assert_eq!(body_text(&back, v), body_text(&expected, v), "view {v:?}");
    }
    assert_wholly_deleted_by(&back, "Second paragraph goes.", "Jane Doe");
    assert_wholly_deleted_by(&back, "Last paragraph goes.", "Jane Doe");
    for kept in ["First paragraph stays.", "Third paragraph stays."] {
        assert!(paragraph_with(&back, kept).mark.is_none(), "{kept}");
    }
}

/// A package with this body (inside `w:body`) and these other parts.
fn word_package(body: &str, others: &[(&str, String)]) -> Vec<u8> {
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>"#
    );
    let mut parts = std::collections::BTreeMap::new();
    parts.insert("word/document.xml".to_string(), document.into_bytes());
    for (name, xml) in others {
        parts.insert(name.to_string(), xml.clone().into_bytes());
    }
    zip_parts(&parts)
}

#[test]
fn a_report_inside_a_footnote_names_the_footnote_and_the_paragraph_that_refers_to_it() {
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let reference = |id: u32| {
        format!(
            r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#
        )
    };
    // Footnote 1 (w:id 7) in paragraph 1; footnote 2 (w:id 3) in
    // paragraph 3, whose second paragraph holds a drawing.
    let body = format!(
        "<w:p><w:r><w:t>One.</w:t></w:r>{}</w:p>\
         <w:p><w:r><w:t>Two.</w:t></w:r></w:p>\
         <w:p><w:r><w:t>Three.</w:t></w:r>{}</w:p>",
        reference(7),
        reference(3)
    );
    let footnotes = format!(
        r#"<w:footnotes xmlns:w="{w}">
        <w:footnote w:id="7"><w:p><w:r><w:t>A first note.</w:t></w:r></w:p></w:footnote>
        <w:footnote w:id="3"><w:p><w:r><w:t>A second note</w:t></w:r></w:p><w:p><w:r><w:t>with a picture</w:t></w:r><w:r><w:drawing/></w:r></w:p></w:footnote>
        <w:footnote w:id="9"><w:p><w:r><w:drawing/></w:r></w:p></w:footnote>
        </w:footnotes>"#
    );
    let file = word_package(&body, &[("word/footnotes.xml", footnotes)]);
    let imported = import(&file, "notes.docx");
    let shown: Vec<String> = imported
        .unrepresented
        .iter()
        .map(|u| u.to_string())
        .collect();
    assert!(
        shown.contains(
            &"footnote 2 (its reference in word/document.xml, paragraph 3), its paragraph 2: \
              an image or drawing (not kept)"
                .to_string()
        ),
        "{shown:?}"
    );
    // A footnote nothing refers to is named by its id.
    assert!(
        shown.contains(
            &"word/footnotes.xml, footnote w:id=\"9\" (not referred to in the text): \
              an image or drawing (not kept)"
                .to_string()
        ),
        "{shown:?}"
    );
    let second = imported
        .unrepresented
        .iter()
        .find_map(|u| u.footnote.as_ref().filter(|f| f.id == "3"))
        .expect("the report in w:id 3 names its footnote");
    assert_eq!(second.mark.as_deref(), Some("2"));
    assert_eq!(second.referred_from, Some(3));
}

#[test]
fn a_footnote_reference_inside_a_footnote_names_the_footnote_it_is_in() {
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let body =
        r#"<w:p><w:r><w:t>Text.</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>"#;
    let footnotes = format!(
        r#"<w:footnotes xmlns:w="{w}">
        <w:footnote w:id="2"><w:p><w:r><w:t>See</w:t></w:r><w:r><w:footnoteReference w:id="5"/></w:r></w:p></w:footnote>
        <w:footnote w:id="5"><w:p><w:r><w:t>Inner.</w:t></w:r></w:p></w:footnote>
        </w:footnotes>"#
    );
    let file = word_package(body, &[("word/footnotes.xml", footnotes)]);
    let imported = import(&file, "nested.docx");
    let shown: Vec<String> = imported
        .unrepresented
        .iter()
        .map(|u| u.to_string())
        .collect();
    assert!(
        shown.iter().any(|s| s.starts_with(
            "footnote 1 (its reference in word/document.xml, paragraph 1): a footnote reference inside a footnote"
        )),
        "{shown:?}"
    );
}

/// Sources whose masthead covers every key: English (a languages note),
/// Arabic and Chinese (the column in English, "Original:" after the
/// language's name), French (its own column words, "1er"), Spanish,
/// Russian (an agenda line whose item and `of` are split at a space).
fn masthead_sources() -> Vec<(String, Document)> {
    let mut out = Vec::new();
    for name in [
        "firearms-comments.md",
        "minimal.md",
        "discussion-ar.md",
        "discussion-zh.md",
    ] {
        out.push((name.to_string(), parse(&example(name))));
    }
    for name in ["fr.md", "es.md", "ru.md"] {
        let path = root().join("tests/data/languages").join(name);
        out.push((name.to_string(), parse(&path)));
    }
    // Every column line and agenda word in French, on the first of a
    // month, with the adopted agenda (no footnote) and a Letter page.
    let french = r#"+++
symbol       = "CTOC/COP/2020/L.1"
date         = 2020-10-01
language     = "fr"
distribution = "Limited"
original     = "Anglais"
organ        = "Conférence des Parties"
session      = "Dixième session"
venue        = "Vienne, 12-16 octobre 2020"
job          = "V.20-00001"
title        = "Projet de résolution"
paper        = "letter"

[agenda]
item = "3"
of   = "ordre du jour"
+++

# Introduction

1. Un paragraphe.
"#;
    out.push(("french, adopted agenda".into(), parse_str(french)));
    let russian = r#"+++
symbol   = "CTOC/COP/2020/2"
date     = 2020-10-09
language = "ru"
original = "English"
organ    = "Конференция"

[agenda]
item   = "2 (d)"
symbol = "CTOC/COP/2020/1"
title  = "Обзор"
+++

# Введение

1. Пункт.
"#;
    out.push(("russian, item with a space".into(), parse_str(russian)));
    out
}

#[test]
fn without_the_stored_structure_the_masthead_gives_the_same_front_matter() {
    let sources = masthead_sources();
    let with = |has: &dyn Fn(&Document) -> bool| sources.iter().filter(|(_, d)| has(d)).count();
    assert!(with(&|d| d.meta.agenda.as_ref().is_some_and(|a| a.symbol.is_some())) >= 4);
    assert!(with(&|d| d.meta.session.is_some() && d.meta.venue.is_some()) >= 4);
    assert!(with(&|d| d.meta.distribution.is_some() && d.meta.original.is_some()) >= 4);
    assert!(with(&|d| d.meta.languages_note.is_some() && d.meta.job.is_some()) >= 1);
    for (name, doc) in sources {
        let imported = import(&without_structure(&render(&doc)), "returned.docx");
        assert_eq!(imported.origin, Origin::Word, "{name}");
        assert_eq!(imported.doc.meta, doc.meta, "{name}");
        // The agenda's footnote is the front matter's, not the body's.
        assert_eq!(imported.doc.footnotes.len(), doc.footnotes.len(), "{name}");
    }
}

#[test]
fn the_masthead_reads_the_same_after_libreoffice_saves_the_file() {
    if support::missing(&[support::Tool::LibreOffice]) {
        return;
    }
    let dir = support::scratch("plain-masthead");
    let mut files = Vec::new();
    let mut docs = Vec::new();
    for (i, (name, doc)) in masthead_sources().into_iter().enumerate() {
        let plain = dir.join(format!("{i}.docx"));
        std::fs::write(&plain, without_structure(&render(&doc))).unwrap();
        files.push(plain.clone());
        files.push(dir.join(format!("{i}-saved.docx")));
        docs.push((name, doc, dir.join(format!("{i}-saved.docx"))));
    }
    let status = std::process::Command::new(support::tools::uno_python().unwrap())
        .arg(root().join("tests/support/lo_resave.py"))
        .args(&files)
        .status()
        .unwrap();
    assert!(status.success(), "lo_resave.py failed");
    for (name, doc, saved) in docs {
        let imported = docx_read::read_file(&saved).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(imported.doc.meta, doc.meta, "{name} saved by LibreOffice");
    }
}

#[test]
fn a_word_document_without_a_masthead_gets_no_masthead_invented() {
    let mut files: Vec<_> = std::fs::read_dir(root().join("tests/data/word"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    let mut read = Vec::new();
    for path in &files {
        read.push((
            path.display().to_string(),
            docx_read::read_file(path).unwrap_or_else(|e| panic!("{e}")),
        ));
    }
    // A Word document with a title, an agenda-like line and a first-page
    // footer that looks like a job number, but none of rapporteur's
    // masthead: the title is read, nothing else.
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let body = format!(
        r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>A Word title</w:t></w:r></w:p>
        <w:p><w:pPr><w:pStyle w:val="MastheadInfo"/></w:pPr><w:r><w:t>Item 3 of the provisional agenda</w:t></w:r></w:p>
        <w:p><w:r><w:t>9 October 2020</w:t></w:r></w:p>
        <w:p><w:r><w:t>Distr.: General</w:t></w:r></w:p>
        <w:sectPr xmlns:r="{r}"><w:footerReference w:type="first" r:id="rIdF"/><w:pgSz w:w="11906" w:h="16838"/><w:titlePg/></w:sectPr>"#
    );
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;
    let footer =
        format!(r#"<w:ftr xmlns:w="{w}"><w:p><w:r><w:t>V.20-05590 (E)</w:t></w:r></w:p></w:ftr>"#);
    let file = word_package(
        &body,
        &[
            ("word/_rels/document.xml.rels", rels.to_string()),
            ("word/footer1.xml", footer),
        ],
    );
    let crafted = import(&file, "word-title.docx");
    assert_eq!(crafted.doc.meta.title.as_deref(), Some("A Word title"));
    read.push(("word-title.docx".into(), crafted));
    for (name, imported) in read {
        let meta = &imported.doc.meta;
        assert_eq!(
            (
                &meta.distribution,
                &meta.original,
                &meta.languages_note,
                &meta.session,
                &meta.venue,
                &meta.job,
                &meta.agenda
            ),
            (&None, &None, &None, &None, &None, &None, &None),
            "{name}"
        );
    }
}
