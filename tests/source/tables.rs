//! Tables as Word has them, through the commands a user runs: a Word-made
//! DOCX (no rapporteur structure in it) with a cell spanning columns, a
//! cell merged down two rows, cells of several paragraphs and changes in
//! cells (an inserted paragraph, an inserted break between two, a deleted
//! paragraph) is imported, checked, and rendered to DOCX; LibreOffice
//! reads the rendered DOCX with the spans, cells and paragraphs it reads
//! in the Word file, and its Accept All and Reject All of both give the
//! accepted and original views cell by cell and paragraph by paragraph.
//! The other writers keep the spans and paragraphs too: the review page
//! (`colspan`, `rowspan`, a `<p>` each), pandoc's Markdown (a grid table
//! pandoc reads, paragraphs per cell), the PDF's text.

use crate::support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::tools::Tool;
use support::*;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn p(inner: &str) -> String {
    format!("<w:p>{inner}</w:p>")
}

/// The attributes of a revision by Jane Doe.
fn rev(id: u32) -> String {
    format!(r#"w:id="{id}" w:author="Jane Doe" w:date="2021-03-04T10:00:00Z""#)
}

fn tc(props: &str, paras: &[String]) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", paras.concat())
}

/// The Word file: a header row, a cell across two columns beside one
/// merged down over the next row, and cells of several paragraphs with
/// changes by Jane Doe.
fn word_file() -> Vec<u8> {
    let ins = |id, text: &str| format!("<w:ins {}>{}</w:ins>", rev(id), run(text));
    let del = |id, text: &str| {
        format!(
            r#"<w:del {}><w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>"#,
            rev(id)
        )
    };
    let inserted_mark = |id, inner: &str| {
        format!(
            "<w:p><w:pPr><w:rPr><w:ins {}/></w:rPr></w:pPr>{inner}</w:p>",
            rev(id)
        )
    };
    let deleted_mark = |id, inner: &str| {
        format!(
            "<w:p><w:pPr><w:rPr><w:del {}/></w:rPr></w:pPr>{inner}</w:p>",
            rev(id)
        )
    };
    let table = format!(
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid>\
         <w:tr>{}{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
        tc("", &[p(&run("Item"))]),
        tc("", &[p(&run("Note"))]),
        tc("", &[p(&run("State"))]),
        tc(r#"<w:gridSpan w:val="2"/>"#, &[p(&run("Across both columns"))]),
        tc(
            r#"<w:vMerge w:val="restart"/>"#,
            &[p(&run("Merged down")), p(&ins(1, "A paragraph Jane added."))]
        ),
        tc("", &[inserted_mark(2, &run("First half.")), p(&run("Second half."))]),
        tc("", &[deleted_mark(3, &del(4, "A paragraph Jane deleted.")), p(&run("Kept."))]),
        tc("<w:vMerge/>", &[p("")]),
    );
    let body = format!(
        "{}{table}{}<w:sectPr/>",
        p(&run("The text before the table.")),
        p(&run("The text after it."))
    );
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
    );
    let mut parts = BTreeMap::new();
    parts.insert(
        "[Content_Types].xml".to_string(),
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_vec(),
    );
    parts.insert(
        "_rels/.rels".to_string(),
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_vec(),
    );
    parts.insert("word/document.xml".to_string(), document.into_bytes());
    zip_parts(&parts)
}

fn rapporteur(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "rapporteur {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The imported source, its file and the DOCX it renders to.
fn imported(test: &str) -> (String, PathBuf, PathBuf) {
    let dir = scratch(&format!("tables-{test}"));
    let word = dir.join("word-tables.docx");
    std::fs::write(&word, word_file()).unwrap();
    let md = dir.join("word-tables.md");
    let _ = std::fs::remove_file(&md);
    rapporteur(&["import", word.to_str().unwrap(), "-o", md.to_str().unwrap()]);
    rapporteur(&["check", md.to_str().unwrap()]);
    let docx = dir.join("rendered.docx");
    let _ = std::fs::remove_file(&docx);
    rapporteur(&[
        "render",
        md.to_str().unwrap(),
        "--to",
        "docx",
        "-o",
        docx.to_str().unwrap(),
    ]);
    (std::fs::read_to_string(&md).unwrap(), word, docx)
}

/// A cell as compared: LibreOffice's row (from 1) and row span, its
/// paragraphs with words, folded.
type Cells = Vec<(usize, i64, Vec<String>)>;

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// LibreOffice's cells of the file's last table (rapporteur's DOCX sets
/// its masthead in a table before it; `how`: `--accept`, `--reject` or
/// nothing).
fn libreoffice_cells(file: &Path, how: Option<&str>) -> Cells {
    let python = tools::uno_python().expect("the caller checked");
    let out = Command::new(python)
        .arg(root().join("tests/support/lo_tables.py"))
        .args(how)
        .arg(file)
        .output()
        .expect("run the UNO script");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = stdout.lines().map(|l| l.split('\t').collect()).collect();
    let last = rows
        .iter()
        .map(|f| f[1])
        .max_by_key(|t| t.parse::<usize>().unwrap());
    rows.iter()
        .filter(|f| Some(f[1]) == last)
        .map(|f| {
            let row: usize = f[2]
                .trim_start_matches(char::is_alphabetic)
                .parse()
                .unwrap();
            let paras = f[4]
                .split('¶')
                .map(fold)
                .filter(|p| !p.is_empty())
                .collect();
            (row, f[3].parse().unwrap(), paras)
        })
        .collect()
}

/// Our cells in a view: the grid table `--to md` writes, read back.
fn our_cells(md: &Path, view: &str) -> Cells {
    let text = rapporteur(&["render", md.to_str().unwrap(), "--view", view, "--to", "md"]);
    let lines: Vec<(usize, &str)> = text
        .lines()
        .skip_while(|l| !l.starts_with('+'))
        .take_while(|l| l.starts_with(['+', '|']))
        .map(|l| (0, l))
        .collect();
    let read = rapporteur::grid::read(&lines).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    read.cells
        .iter()
        .map(|c| {
            let mut paras = vec![String::new()];
            for (_, line) in &c.lines {
                if line.trim().is_empty() {
                    paras.push(String::new());
                } else {
                    let last = paras.last_mut().unwrap();
                    last.push(' ');
                    last.push_str(line);
                }
            }
            let paras = paras
                .iter()
                .map(|p| fold(p))
                .filter(|p| !p.is_empty())
                .collect();
            (c.row + 1, c.rowspan as i64, paras)
        })
        .collect()
}

#[test]
fn word_tables_import_and_libreoffice_reads_ours_as_it_reads_words() {
    let (source, word, docx) = imported("libreoffice");
    // The source: a grid table, the merged cell, the paragraphs, Jane's changes.
    for line in [
        "| Across both columns ",
        "| Merged down ",
        "| First half.{++ ",
        "| ++}{>>Jane Doe<<}Second half. ",
        "| {--A paragraph Jane deleted.--}{>>Jane Doe<<} ",
    ] {
        assert!(source.contains(line), "{line}\n{source}");
    }
    if missing(&[Tool::LibreOffice]) {
        return;
    }
    let shown = libreoffice_cells(&word, None);
    assert_eq!(
        shown.iter().map(|c| (c.0, c.1)).collect::<Vec<_>>(),
        [(1, 1), (1, 1), (1, 1), (2, 1), (2, 2), (3, 1), (3, 1)],
        "{shown:?}"
    );
    // Our DOCX as LibreOffice reads it: the same cells, spans and paragraphs.
    assert_eq!(libreoffice_cells(&docx, None), shown);
    let md = docx.with_file_name("word-tables.md");
    for (how, view) in [("--accept", "accepted"), ("--reject", "original")] {
        let ours = our_cells(&md, view);
        assert_eq!(
            ours,
            libreoffice_cells(&word, Some(how)),
            "{view} view, Word's file"
        );
        assert_eq!(
            ours,
            libreoffice_cells(&docx, Some(how)),
            "{view} view, our DOCX"
        );
    }
    let accepted = our_cells(&md, "accepted");
    assert_eq!(
        accepted[4].2,
        ["Merged down", "A paragraph Jane added."],
        "{accepted:?}"
    );
    assert_eq!(accepted[5].2, ["First half.", "Second half."]);
    let original = our_cells(&md, "original");
    assert_eq!(original[5].2, ["First half.Second half."]);
    assert_eq!(original[6].2, ["A paragraph Jane deleted.", "Kept."]);
}

#[test]
fn the_review_page_and_pandoc_keep_spans_and_paragraphs() {
    let (_, _, docx) = imported("writers");
    let md = docx.with_file_name("word-tables.md");
    let out = |ext: &str| md.with_extension(ext);
    let _ = std::fs::remove_file(out("html"));
    let _ = std::fs::remove_file(out("pandoc.md"));
    rapporteur(&[
        "render",
        md.to_str().unwrap(),
        "--to",
        "html",
        "-o",
        out("html").to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(out("html")).unwrap();
    assert!(
        html.contains(r#"<td colspan="2">Across both columns</td>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<td rowspan="2"><p>Merged down</p><p>"#),
        "{html}"
    );
    rapporteur(&[
        "render",
        md.to_str().unwrap(),
        "--to",
        "pandoc",
        "-o",
        out("pandoc.md").to_str().unwrap(),
    ]);
    let pandoc_md = std::fs::read_to_string(out("pandoc.md")).unwrap();
    assert!(pandoc_md.contains("+===="), "{pandoc_md}");
    if missing(&[Tool::Pandoc]) {
        return;
    }
    let native = |markdown: &str| -> String {
        let mut child = Command::new("pandoc")
            .args(["-f", "markdown", "-t", "native"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("pandoc runs");
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), markdown.as_bytes()).unwrap();
        String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap()
    };
    // Spans need pandoc 3 (a grid table's spans came with it); a cell's
    // paragraphs any pandoc reads: a table without spans shows them.
    let version = Command::new("pandoc").arg("--version").output().unwrap();
    let major: u32 = String::from_utf8_lossy(&version.stdout)
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.split('.').next()?.parse().ok())
        .unwrap_or(0);
    if major >= 3 {
        let read = native(&pandoc_md);
        assert!(
            read.contains("(RowSpan 2)") && read.contains("(ColSpan 2)"),
            "{read}"
        );
    } else {
        eprintln!(
            "pandoc {major}.x reads no spans in grid tables: checked with a table without them"
        );
    }
    let source = front().author("US", "United States").source(
        "+-------+------------------------------+\n\
         | Item  | Note                         |\n\
         +=======+==============================+\n\
         | One   | First half.{++               |\n\
         |       |                              |\n\
         |       | ++}{>>US<<}Second half.      |\n\
         +-------+------------------------------+\n",
    );
    let dir = scratch("tables-pandoc");
    let src = dir.join("cells.md");
    std::fs::write(&src, &source).unwrap();
    let out = dir.join("cells.pandoc.md");
    let _ = std::fs::remove_file(&out);
    rapporteur(&[
        "render",
        src.to_str().unwrap(),
        "--to",
        "pandoc",
        "-o",
        out.to_str().unwrap(),
    ]);
    let read = native(&std::fs::read_to_string(&out).unwrap());
    let tables = read
        .lines()
        .filter(|l| l.trim_end().ends_with(" Table"))
        .count();
    assert_eq!(tables, 1, "{read}");
    // The cell holds two paragraphs: "First half." and "Second half.".
    let first = read.find("\"First\"").expect("the first paragraph");
    let second = read.find("\"Second\"").expect("the second paragraph");
    assert!(read[first..second].contains("Para"), "{read}");
}
