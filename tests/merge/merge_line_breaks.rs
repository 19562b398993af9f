//! A manual line break (Word's `w:br`, a source line ending in `\`) is
//! kept by every writer and reader, and by a merge of a Word file.

use crate::support;

use std::path::Path;
use std::process::Command;

const MINIMAL: &str = include_str!("../../examples/minimal.md");
const BROKEN: &str = "(a) A first subparagraph,\\\nwith a hanging indent;";

fn rapporteur(dir: &Path, args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{args:?}: {stderr}");
    (String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
}

fn base() -> String {
    MINIMAL.replacen(
        "(a) A first subparagraph, with a hanging indent;",
        BROKEN,
        1,
    )
}

#[test]
fn a_line_break_is_kept_by_every_writer_and_reader() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    std::fs::write(dir.join("base.md"), base()).unwrap();
    let doc = support::parse_str(&base());
    let text = rapporteur::model::view::apply(&doc, rapporteur::model::view::View::All);
    assert!(
        rapporteur::write::text::write(&text)
            .contains("A first subparagraph,\nwith a hanging indent;"),
        "md"
    );
    // The source writer writes it back as it was written.
    let written = rapporteur::write::source::write(&doc);
    assert!(written.contains(BROKEN), "{written}");
    assert_eq!(support::parse_str(&written), doc);
    // pandoc's Markdown: a hard line break.
    let (pandoc, _) = rapporteur(dir, &["render", "base.md", "--to", "pandoc"]);
    assert!(
        pandoc.contains("subparagraph,\\\nwith a hanging"),
        "{pandoc}"
    );
    // DOCX: a w:br between the two runs of text, read back as the break.
    rapporteur(dir, &["render", "base.md", "--to", "docx,pdf", "-o", "."]);
    let docx = std::fs::read(dir.join("base.docx")).unwrap();
    let parts = support::unzip(&docx);
    let body = String::from_utf8_lossy(&parts["word/document.xml"]).into_owned();
    assert!(
        body.contains(
            "A first subparagraph,</w:t><w:br /><w:t xml:space=\"preserve\">with a hanging"
        ),
        "{}",
        &body[body.find("first subparagraph").unwrap_or(0)..][..300]
    );
    let mut plain = parts.clone();
    plain.retain(|name, _| !name.starts_with("customXml/"));
    std::fs::write(dir.join("plain.docx"), support::zip_parts(&plain)).unwrap();
    let (imported, _) = rapporteur(dir, &["import", "plain.docx"]);
    assert!(
        imported.contains("A first subparagraph,\\\nwith a hanging indent;"),
        "{imported}"
    );
    // Merged from a Word file that holds it: nothing to merge, the break stays.
    let (_, stderr) = rapporteur(
        dir,
        &["merge", "base.md", "US=plain.docx", "-o", "merged.md"],
    );
    assert!(stderr.contains("0 new changes"), "{stderr}");
    let merged = std::fs::read_to_string(dir.join("merged.md")).unwrap();
    assert!(merged.contains(BROKEN), "{merged}");
    // PDF: the words after the break start a line.
    if support::missing(&[support::Tool::Pdftotext]) {
        return;
    }
    let out = Command::new("pdftotext")
        .args(["-layout", "base.pdf", "-"])
        .current_dir(dir)
        .output()
        .unwrap();
    let pdf = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = pdf.lines().map(str::trim).collect();
    let at = lines
        .iter()
        .position(|l| l.ends_with("A first subparagraph,"))
        .unwrap_or_else(|| panic!("{pdf}"));
    assert!(lines[at + 1].starts_with("with a hanging indent;"), "{pdf}");
}
