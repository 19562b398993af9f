//! The return trip through a real editor: the example's DOCX edited in
//! LibreOffice (through UNO, change tracking on, a different user name per
//! copy, as delegations do in Word), plus one clean copy edited without
//! tracking, read back and merged into the base.

mod support;

use rapporteur::merge::{self, Copy, Merged};
use rapporteur::model::Document;
use rapporteur::view::{self, View};
use rapporteur::{source, text};
use std::path::{Path, PathBuf};
use std::process::Command;

const MINIMAL: &str = include_str!("../examples/minimal.md");

/// The base: the minimal example (it has every construct, footnotes
/// included), with each delegate known by name.
fn base_text() -> String {
    MINIMAL
        .replace(
            "US     = { name = \"United States\", date = 2020-09-16T00:00:00Z }",
            "US     = { name = \"United States\", date = 2020-09-16T00:00:00Z, aliases = [\"Jane Doe\"] }",
        )
        .replace(
            "France = { name = \"France\" }",
            "France = { name = \"France\", aliases = [\"Jean Dupont\"] }",
        )
        .replace("Canada = \"Canada\"", "Canada = { name = \"Canada\", aliases = [\"Claire Tremblay\"] }")
}

/// (code, LibreOffice user, change tracking, edits)
fn scripts() -> Vec<(&'static str, &'static str, bool, &'static str)> {
    vec![
        (
            "US",
            "Jane Doe",
            true,
            r#"[
            {"op": "replace", "find": "first subparagraph", "with": "opening subparagraph"},
            {"op": "replace", "find": "by hand", "with": "manually"},
            {"op": "delete", "find": "marking "},
            {"op": "footnote_append", "index": 1, "text": " See the report."},
            {"op": "new_paragraph_after", "find": "The comments received are reproduced below.", "text": "The United States proposes a new paragraph."},
            {"op": "comment", "find": "hanging indent", "text": "Why a hanging indent?"},
            {"op": "accept", "author": "France", "find": "regularly"}
            ]"#,
        ),
        (
            "France",
            "Jean Dupont",
            true,
            r#"[
            {"op": "replace", "find": "by hand", "with": "in person"},
            {"op": "reject", "author": "Canada", "find": "also", "after": "This one has a deletion"}
            ]"#,
        ),
        (
            "Canada",
            "Claire Tremblay",
            true,
            r#"[
            {"op": "insert_after", "find": "lettered subparagraphs", "text": " of the second level"}
            ]"#,
        ),
        (
            "Peru",
            "Peru Mission",
            false,
            r#"[
            {"op": "replace", "find": "Numbering resumes", "with": "The numbering resumes"}
            ]"#,
        ),
    ]
}

fn edit(dir: &Path, base: &Path, code: &str, user: &str, track: bool, edits: &str) -> PathBuf {
    let spec = dir.join(format!("{code}.json"));
    std::fs::write(&spec, format!("{{\"track\": {track}, \"edits\": {edits}}}")).unwrap();
    let out = dir.join(format!("{code}.docx"));
    let python = support::tools::uno_python().expect("the caller checked Tool::LibreOffice");
    let status = Command::new(python)
        .arg(support::root().join("tests/support/lo_edit.py"))
        .arg(base)
        .arg(&out)
        .arg(user)
        .arg(&spec)
        .status()
        .unwrap();
    assert!(status.success(), "{code}: LibreOffice edit failed");
    out
}

fn stats(doc: &Document, code: &str) -> (usize, usize, usize) {
    let Some(id) = doc.author_by_code(code) else {
        return (0, 0, 0);
    };
    let s = &view::stats(doc)[id.0].1;
    (s.insertions, s.deletions, s.notes)
}

fn run(base_text: &str, base: &Document, copies: &[Copy]) -> Merged {
    merge::merge(
        base_text,
        base,
        copies,
        &merge::Options {
            new_authors: vec!["Peru".into()],
            ..merge::Options::default()
        },
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn three_delegations_and_a_clean_copy_through_libreoffice() {
    if support::missing(&[support::Tool::LibreOffice]) {
        return;
    }
    let dir = support::scratch("merge-word");
    let base_text = base_text();
    let base = source::parse("base.md", &base_text).unwrap_or_else(|e| panic!("{e}"));
    let base_docx = dir.join("base.docx");
    std::fs::write(&base_docx, support::render(&base)).unwrap();
    let mut copies = Vec::new();
    for (code, user, track, edits) in scripts() {
        let path = edit(&dir, &base_docx, code, user, track, edits);
        let imported = rapporteur::docx_read::read_file(&path).unwrap_or_else(|e| panic!("{e}"));
        copies.push(Copy {
            code: code.into(),
            doc: imported.doc,
            label: format!("{code}.docx"),
            unrepresented: imported
                .unrepresented
                .iter()
                .map(|u| u.to_string())
                .collect(),
            ancestor: None,
            hash: rapporteur::provenance::fingerprint_bytes(&std::fs::read(&path).unwrap()),
        });
    }
    let merged = run(&base_text, &base, &copies);
    std::fs::write(dir.join("merged.md"), &merged.source).unwrap();
    std::fs::write(
        dir.join("report.json"),
        serde_json::to_string_pretty(&merged.report).unwrap(),
    )
    .unwrap();
    let doc = source::parse("merged.md", &merged.source).unwrap_or_else(|e| panic!("{e}"));
    // The original is the base's.
    let original = |d: &Document| text::write(&view::apply(d, View::Original));
    assert_eq!(original(&doc), original(&base));
    // Per State: the base plus the scripted edits.
    let plus = |code: &str, (i, d, n): (usize, usize, usize)| {
        let (bi, bd, bn) = stats(&base, code);
        assert_eq!(
            stats(&doc, code),
            (bi + i, bd + d, bn + n),
            "{code}\n{}",
            merged.source
        );
    };
    // US: opening, manually, the footnote's words, the new paragraph |
    // first, by hand, marking (in France's insertion) | comment, acceptance
    plus("US", (4, 3, 2));
    // France: in person | by hand (nested in the United States') | rejection
    plus("France", (1, 1, 1));
    plus("Canada", (1, 0, 0));
    // Peru (a State the base does not list), untracked: "The numbering"
    // for "Numbering".
    plus("Peru", (1, 1, 0));
    let peru = merged.report.copy("Peru").unwrap();
    assert!(peru.new_paragraphs.is_empty(), "{peru:#?}");
    let us = merged.report.copy("US").unwrap();
    assert_eq!(us.new_paragraphs, ["6 bis"]);
    // Exactly the scripted conflict.
    let c = &merged.report.conflicts;
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].states, ["US", "France"]);
    // The same bytes for any order.
    let reversed: Vec<Copy> = copies.iter().rev().cloned().collect();
    assert_eq!(run(&base_text, &base, &reversed).source, merged.source);
    let mut rotated = copies.clone();
    rotated.rotate_left(1);
    assert_eq!(run(&base_text, &base, &rotated).source, merged.source);
}
