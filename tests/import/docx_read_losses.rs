//! What a Word file holds and the document model cannot is kept as text
//! where it can be, and reported with where it stands, never lost in
//! silence: tables in comments, several paragraphs in a table cell, cells
//! spanning grid columns, Word's list labels, control characters, and a
//! main part that is not `word/document.xml`. Each package is built here,
//! as small as the case.

use crate::support;

use rapporteur::model::{Block, Inline, Language, Paragraph};
use rapporteur::read::docx::{self as docx_read, Imported};
use std::collections::BTreeMap;
use std::process::Command;
use support::*;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A package of these parts, `word/document.xml`'s body given inside
/// `w:body` (under `main`, its path).
fn package(main: &str, body: &str, others: &[(&str, &str)]) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
    );
    let mut parts = BTreeMap::new();
    parts.insert(main.to_string(), document.into_bytes());
    for (name, xml) in others {
        parts.insert(name.to_string(), xml.as_bytes().to_vec());
    }
    zip_parts(&parts)
}

/// `rapporteur import NAME.docx -o NAME.md` on `bytes`, as a user runs it,
/// in a clean scratch place (import replaces no existing file).
fn import_command(name: &str, bytes: &[u8]) -> (std::process::Output, std::path::PathBuf) {
    let dir = scratch("read-losses");
    let docx = dir.join(format!("{name}.docx"));
    let md = dir.join(format!("{name}.md"));
    let _ = std::fs::remove_file(&md);
    std::fs::write(&docx, bytes).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["import", docx.to_str().unwrap(), "-o", md.to_str().unwrap()])
        .output()
        .unwrap();
    (out, md)
}

fn import(bytes: &[u8]) -> Imported {
    docx_read::read(bytes, "case.docx").unwrap_or_else(|e| panic!("{e}"))
}

fn reports(imported: &Imported) -> Vec<String> {
    imported
        .unrepresented
        .iter()
        .map(|u| u.to_string())
        .collect()
}

fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// Every paragraph, statements' and points' included, in order.
fn paragraphs(blocks: &[Block]) -> Vec<&Paragraph> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => out.push(p),
            Block::Point(p) => out.extend(paragraphs(&p.blocks)),
            Block::Statement(b) | Block::Quote(b) => out.extend(paragraphs(b)),
            Block::Heading(_) | Block::Table(_) => {}
        }
    }
    out
}

fn table_of(doc: &rapporteur::model::Document) -> &rapporteur::model::Table {
    doc.blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("a table")
}

#[test]
fn a_main_part_named_elsewhere_by_the_package_relationships_is_read() {
    let rels = r#"<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml" Id="rId1"/></Relationships>"#;
    let bytes = package(
        "word/document2.xml",
        &p("Read from document2."),
        &[("_rels/.rels", rels)],
    );
    let imported = import(&bytes);
    let text: Vec<String> = imported
        .doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(Inline::text_of(&p.content)),
            _ => None,
        })
        .collect();
    assert_eq!(text, ["Read from document2."]);
    // With no relationship to it, it is still no Word document.
    let bare = package("word/document2.xml", &p("x"), &[]);
    let e = docx_read::read(&bare, "bare.docx").unwrap_err().to_string();
    assert!(e.contains("no word/document.xml"), "{e}");
}

#[test]
fn a_table_in_a_comment_keeps_its_text_and_is_reported() {
    let cell = |t: &str| format!("<w:tc>{}</w:tc>", p(t));
    let comments = format!(
        r#"<w:comments xmlns:w="{W}"><w:comment w:id="1" w:author="Austria">{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl></w:comment></w:comments>"#,
        p("Here is a table:"),
        cell("X"),
        cell("Y"),
        cell("1"),
        cell("2")
    );
    let body = r#"<w:p><w:commentRangeStart w:id="1"/><w:r><w:t>Text</w:t></w:r><w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r></w:p>"#;
    let imported = import(&package(
        "word/document.xml",
        body,
        &[("word/comments.xml", &comments)],
    ));
    let notes: Vec<&str> = imported.doc.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(notes, ["Here is a table: X Y 1 2"]);
    assert!(
        reports(&imported).iter().any(|r| r.starts_with(
            "word/comments.xml: the table layout of the comment w:id=\"1\" by Austria"
        )),
        "{:?}",
        reports(&imported)
    );
}

#[test]
fn several_paragraphs_in_a_cell_are_kept() {
    let body = format!(
        "{}<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}{}{}</w:tc></w:tr></w:tbl>",
        p("Before."),
        p("A"),
        p("One."),
        p("Two."),
        "<w:p/>"
    );
    let imported = import(&package("word/document.xml", &body, &[]));
    assert_eq!(reports(&imported), Vec::<String>::new());
    let table = table_of(&imported.doc);
    // Word's empty last paragraph makes space; the two with words stay two.
    let paragraphs: Vec<String> = table.header[1]
        .paragraphs
        .iter()
        .map(|p| Inline::text_of(&p.content))
        .collect();
    assert_eq!(paragraphs, ["One.", "Two."]);
}

#[test]
fn a_cell_spanning_columns_and_rows_is_one_cell() {
    let span = |t: &str| {
        format!(
            r#"<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>{}</w:tc>"#,
            p(t)
        )
    };
    let cell = |t: &str| format!("<w:tc>{}</w:tc>", p(t));
    let merged =
        |val: &str, t: &str| format!(r#"<w:tc><w:tcPr><w:vMerge{val}/></w:tcPr>{}</w:tc>"#, p(t));
    let body = format!(
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>{}{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
        cell("a"),
        cell("b"),
        cell("c"),
        span("wide"),
        merged(r#" w:val="restart""#, "tall"),
        cell("e"),
        cell("f"),
        merged("", "")
    );
    let bytes = package("word/document.xml", &body, &[]);
    let imported = import(&bytes);
    let table = table_of(&imported.doc);
    assert_eq!(table.columns(), 3);
    let shape = |row: &[rapporteur::model::Cell]| -> Vec<(String, usize, usize)> {
        row.iter()
            .map(|c| {
                let text: Vec<String> = c
                    .paragraphs
                    .iter()
                    .map(|p| Inline::text_of(&p.content))
                    .collect();
                (text.join("/"), c.colspan, c.rowspan)
            })
            .collect()
    };
    assert_eq!(
        shape(&table.rows[0]),
        [("wide".to_string(), 2, 1), ("tall".to_string(), 1, 2)]
    );
    assert_eq!(
        shape(&table.rows[1]),
        [("e".to_string(), 1, 1), ("f".to_string(), 1, 1)]
    );
    // The command a user runs writes a source that checks.
    let (out, md) = import_command("span", &bytes);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Written as a grid table, which `check` reads back.
    let source = std::fs::read_to_string(&md).unwrap();
    assert!(source.contains("| wide  | tall |"), "{source}");
    let check = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["check", md.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("merged"), "{stderr}");
}

const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl><w:lvl w:ilvl="2"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#;

const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Plain"/></w:styles>"#;

fn numbered(style: &str, num: Option<(u8, u8)>, text: &str) -> String {
    let num = num
        .map(|(id, lvl)| {
            format!(r#"<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{id}"/></w:numPr>"#)
        })
        .unwrap_or_default();
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{num}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

#[test]
fn word_list_labels_the_model_cannot_keep_are_reported() {
    let body = [
        numbered("Heading1", None, "Chapter"),
        numbered("ListParagraph", Some((1, 0)), "A bullet"),
        numbered("ListParagraph", Some((2, 0)), "First"),
        numbered("ListParagraph", Some((2, 1)), "Lettered"),
        numbered("ListParagraph", Some((2, 2)), "Deep"),
        numbered("Plain", Some((0, 0)), "Not numbered"),
    ]
    .concat();
    let imported = import(&package(
        "word/document.xml",
        &body,
        &[
            ("word/numbering.xml", NUMBERING),
            ("word/styles.xml", STYLES),
        ],
    ));
    // Bullets and letters are the model's lists now: a heading's number
    // and a label of several levels' numbers are written as text.
    assert_eq!(
        reports(&imported),
        [
            "word/document.xml, paragraph 1: Word's list numbering of this heading \
             (decimal, level 1), its number \"1.\" written as text (not kept)",
            "word/document.xml, paragraph 5: Word's list numbering in the label form \"%1.%2.%3\" \
             (decimal, level 3), its label \"2.a.1\" written as text (not kept)",
        ]
    );
    let labels: Vec<Option<String>> = paragraphs(&imported.doc.blocks)
        .iter()
        .map(|p| rapporteur::present::paragraph_label(Language::En, &p.kind))
        .collect();
    // The heading's style numbers it in the same list: "First" is its
    // second item, as Word counts.
    assert_eq!(
        labels,
        [
            Some("•".to_string()),
            Some("2.".into()),
            Some("a)".into()),
            None,
            None
        ]
    );
    let deep = paragraphs(&imported.doc.blocks)[3];
    assert_eq!(
        rapporteur::model::Inline::text_of(&deep.content),
        "2.a.1 Deep"
    );
}

#[test]
fn control_characters_are_dropped_with_a_report() {
    let imported = import(&package(
        "word/document.xml",
        &p("Next\u{85}line and a bell\u{7}."),
        &[],
    ));
    let text: String = imported
        .doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(Inline::text_of(&p.content)),
            _ => None,
        })
        .collect();
    assert_eq!(text, "Nextline and a bell.");
    assert_eq!(
        reports(&imported),
        [
            "word/document.xml, paragraph 1: a control character U+0085 (not kept)",
            "word/document.xml, paragraph 1: a control character U+0007 (not kept)",
        ]
    );
}

#[test]
fn a_break_changed_inside_a_cell_is_kept_and_the_source_checks() {
    let mark = |kind: &str, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:rPr><w:{kind} w:id="1" w:author="Eric White" w:date="2017-03-29T11:38:00Z"/></w:rPr></w:pPr>{}</w:p>"#,
            if text.is_empty() {
                String::new()
            } else {
                format!("<w:r><w:t>{text}</w:t></w:r>")
            }
        )
    };
    let body = format!(
        "<w:tbl><w:tr><w:tc>{}{}<w:p/></w:tc><w:tc>{}{}<w:p/></w:tc></w:tr><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
        mark("del", "A"),
        mark("del", ""),
        mark("ins", "B"),
        mark("ins", ""),
        p("C"),
        p("D")
    );
    let bytes = package("word/document.xml", &body, &[]);
    let (out, md) = import_command("cell-breaks", &bytes);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("table cell"), "{stderr}");
    // Each cell's break is kept, in a grid table, as a change of the
    // break (the empty paragraph after it, Word's spacing, goes).
    let source = std::fs::read_to_string(&md).unwrap();
    assert!(
        source.contains("| A{--                | B{++                |"),
        "{source}"
    );
    assert!(
        source.contains("| --}{>>Eric White<<} | ++}{>>Eric White<<} |"),
        "{source}"
    );
    let accepted = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args([
            "render",
            md.to_str().unwrap(),
            "--view",
            "accepted",
            "--to",
            "md",
        ])
        .output()
        .unwrap();
    let accepted = String::from_utf8_lossy(&accepted.stdout);
    assert!(accepted.contains("| A | B |"), "{accepted}");
}

#[test]
fn an_inserted_empty_table_imports_to_a_source_that_checks() {
    let cell = r#"<w:tc><w:p><w:pPr><w:rPr><w:ins w:id="1" w:author="Sam" w:date="2020-01-01T00:00:00Z"/></w:rPr></w:pPr></w:p></w:tc>"#;
    let body = format!(
        "{}<w:tbl><w:tr>{cell}{cell}</w:tr><w:tr>{cell}{cell}</w:tr></w:tbl>{}",
        p("Before."),
        p("After.")
    );
    let (out, md) = import_command("empty-table", &package("word/document.xml", &body, &[]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "the end of a table cell inserted or deleted (row 2, column 2): the cell stays"
        ),
        "{stderr}"
    );
    let check = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["check", md.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(check.status.success());
}
