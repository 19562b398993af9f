//! A reply merged from a returned Word file stays a reply: after the
//! comment it answers in the source and the PDF, threaded under it in the
//! DOCX (`commentsExtended.xml`'s `w15:paraIdParent`).

use crate::support;

use std::path::Path;
use std::process::Command;

const MINIMAL: &str = include_str!("../../examples/minimal.md");
const QUESTION: &str = "{==frontline officers==}{>>US: What are frontline officers?<<}";
const REPLY: &str = "Canada: Those who check firearms at borders.";

fn rapporteur(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{args:?}: {stderr}");
    stderr
}

/// The comments of a DOCX by paragraph id, and each reply's parent.
fn threads(docx: &[u8]) -> Vec<(String, Option<String>)> {
    let parts = support::unzip(docx);
    let comments = support::xml("word/comments.xml", &parts["word/comments.xml"]);
    let extended = support::xml(
        "word/commentsExtended.xml",
        &parts["word/commentsExtended.xml"],
    );
    let mut out = Vec::new();
    for c in comments.find_all("w:comment") {
        let para = c.find_all("w:p")[0]
            .attr("w14:paraId")
            .unwrap_or_default()
            .to_string();
        let parent = extended
            .find_all("w15:commentEx")
            .into_iter()
            .find(|e| e.attr("w15:paraId") == Some(para.as_str()))
            .and_then(|e| e.attr("w15:paraIdParent"))
            .map(String::from);
        out.push((
            c.text(),
            parent.map(|p| {
                comments
                    .find_all("w:comment")
                    .into_iter()
                    .find(|q| q.find_all("w:p")[0].attr("w14:paraId") == Some(p.as_str()))
                    .map(|q| q.text())
                    .unwrap_or(p)
            }),
        ));
    }
    out
}

#[test]
fn a_reply_from_a_word_file_is_a_reply_in_the_source_the_docx_and_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    std::fs::write(dir.join("base.md"), MINIMAL).unwrap();
    // Canada's copy: a Word file in which Canada answers the United
    // States' comment (made here as rapporteur writes a reply, then
    // stripped of its stored structure, as another tool would).
    let with_reply = MINIMAL.replacen(QUESTION, &format!("{{=={QUESTION}==}}{{>>{REPLY}<<}}"), 1);
    std::fs::write(dir.join("copy.md"), &with_reply).unwrap();
    rapporteur(
        dir,
        &["render", "copy.md", "--to", "docx", "-o", "copy.docx"],
    );
    let copy = std::fs::read(dir.join("copy.docx")).unwrap();
    let thread = threads(&copy);
    assert!(
        thread
            .iter()
            .any(|(text, parent)| text.contains("Those who check")
                && parent
                    .as_deref()
                    .is_some_and(|p| p.contains("What are frontline"))),
        "the copy threads the reply: {thread:#?}"
    );
    let mut parts = support::unzip(&copy);
    parts.retain(|name, _| !name.starts_with("customXml/"));
    std::fs::write(dir.join("canada.docx"), support::zip_parts(&parts)).unwrap();
    rapporteur(
        dir,
        &["merge", "base.md", "Canada=canada.docx", "-o", "merged.md"],
    );
    let merged = std::fs::read_to_string(dir.join("merged.md")).unwrap();
    // The question inside, the reply after it.
    assert!(
        merged.contains(&format!("{{=={QUESTION}==}}{{>>{REPLY}<<}}")),
        "{merged}"
    );
    // The DOCX threads it.
    rapporteur(dir, &["render", "merged.md", "--to", "docx,pdf", "-o", "."]);
    let docx = std::fs::read(dir.join("merged.docx")).unwrap();
    let thread = threads(&docx);
    let reply = thread
        .iter()
        .find(|(text, _)| text.contains("Those who check"))
        .unwrap_or_else(|| panic!("{thread:#?}"));
    assert!(
        reply
            .1
            .as_deref()
            .is_some_and(|p| p.contains("What are frontline")),
        "{thread:#?}"
    );
    // The PDF prints the answer after the question.
    if support::missing(&[support::Tool::Pdftotext]) {
        return;
    }
    let out = Command::new("pdftotext")
        .args(["-layout", "merged.pdf", "-"])
        .current_dir(dir)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let q = text
        .find("What are frontline officers?")
        .expect("the question");
    let a = text.find("Those who check").expect("the reply");
    assert!(q < a, "{text}");
}
