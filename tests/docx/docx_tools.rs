//! The DOCX as other programs read it: LibreOffice (through UNO), pandoc
//! and the openxml-audit schema validator. Without a tool its tests are
//! skipped with a message (they fail under `CI=true`; see
//! `support/tools.rs`):
//!
//! - `apt-get install libreoffice-writer python3-uno pandoc`
//! - `pip install openxml-audit`

use crate::support;

use rapporteur::model::view::{self, View};
use rapporteur::model::Document;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::*;

/// Renders an example into a scratch directory and returns the DOCX path.
fn render_to(name: &str, dir: &str) -> (Document, PathBuf) {
    let doc = parse(&example(name));
    let path = scratch(dir).join(name.replace(".md", ".docx"));
    std::fs::write(&path, render(&doc)).unwrap();
    (doc, path)
}

/// Words and numbers only: layout, punctuation and Markdown markup differ
/// between the plain-text writer and what LibreOffice reads. Letters and
/// digits are split apart, since LibreOffice reads a footnote number glued
/// to the word before it (`note1` for `note[^1]`).
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let mut current = String::new();
        for c in word.chars() {
            if current
                .chars()
                .last()
                .is_some_and(|last| last.is_numeric() != c.is_numeric())
            {
                out.push(std::mem::take(&mut current));
            }
            current.push(c);
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}

/// The plain-text writer's view of the document, without its first line
/// (the running head, which the DOCX has in the page header).
fn text_view(doc: &Document, view: View) -> Vec<String> {
    let text = rapporteur::write::text::write(&view::apply(doc, view));
    let body = text.split_once('\n').map_or("", |(_, rest)| rest);
    tokens(body)
}

struct LibreOffice {
    changes: BTreeMap<(Kind, String), usize>,
    comments: BTreeMap<String, usize>,
    accepted: Vec<String>,
    rejected: Vec<String>,
}

fn libreoffice(docx: &Path, pdf: &Path) -> LibreOffice {
    let script = root().join("tests/support/lo_redlines.py");
    let python = tools::uno_python().expect("the caller checked Tool::LibreOffice");
    let out = Command::new(python)
        .arg(&script)
        .arg(docx)
        .arg(pdf)
        .output()
        .expect("run the UNO script");
    assert!(
        out.status.success(),
        "LibreOffice failed on {}: {}",
        docx.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut lo = LibreOffice {
        changes: BTreeMap::new(),
        comments: BTreeMap::new(),
        accepted: Vec::new(),
        rejected: Vec::new(),
    };
    for line in stdout.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields[0] {
            "change" => {
                let kind = match fields[1] {
                    "Insert" => Kind::Insertion,
                    "Delete" => Kind::Deletion,
                    other => panic!("unexpected change type {other}"),
                };
                *lo.changes.entry((kind, fields[2].to_owned())).or_default() += 1;
            }
            "comment" => *lo.comments.entry(fields[1].to_owned()).or_default() += 1,
            "accepted" => lo.accepted.extend(tokens(&fields[1..].join("\t"))),
            "rejected" => lo.rejected.extend(tokens(&fields[1..].join("\t"))),
            _ => {}
        }
    }
    lo
}

fn comments_in_docx(docx: &Path) -> BTreeMap<String, usize> {
    let parts = unzip(&std::fs::read(docx).unwrap());
    let mut out = BTreeMap::new();
    if let Some(c) = parts.get("word/comments.xml") {
        for c in xml("comments", c).find_all("w:comment") {
            *out.entry(c.attr("w:author").unwrap().to_owned())
                .or_default() += 1;
        }
    }
    out
}

/// Shows where two word sequences part, for a readable failure.
fn assert_same_words(ours: &[String], theirs: &[String], what: &str) {
    if ours == theirs {
        return;
    }
    let at = ours
        .iter()
        .zip(theirs)
        .position(|(a, b)| a != b)
        .unwrap_or(ours.len().min(theirs.len()));
    let from = at.saturating_sub(8);
    panic!(
        "{what}: words differ at word {at} ({} vs {} words)\n  ours:        {}\n  LibreOffice: {}",
        ours.len(),
        theirs.len(),
        ours[from..(at + 8).min(ours.len())].join(" "),
        theirs[from..(at + 8).min(theirs.len())].join(" "),
    );
}

fn libreoffice_reads(name: &str) {
    if missing(&[Tool::LibreOffice]) {
        return;
    }
    let (doc, docx) = render_to(name, "libreoffice");
    let pdf = docx.with_extension("pdf");
    let _ = std::fs::remove_file(&pdf);
    let lo = libreoffice(&docx, &pdf);
    let pdf_bytes = std::fs::read(&pdf).expect("LibreOffice wrote a PDF");
    assert!(pdf_bytes.starts_with(b"%PDF"), "{name}: not a PDF");

    assert_eq!(
        lo.changes,
        model_changes(&doc),
        "{name}: redlines per author"
    );
    assert_eq!(
        lo.comments,
        comments_in_docx(&docx),
        "{name}: comments per author"
    );
    if name == "firearms-comments.md" {
        // Against the figures read off the reference, not our parser
        // (point 33's two US insertions are two).
        assert_eq!(
            lo.changes,
            pinned_changes(),
            "{name}: LibreOffice's redlines per State against the pinned figures"
        );
        assert_eq!(
            lo.comments,
            pinned_docx_comments(),
            "{name}: LibreOffice's comments per State against the pinned figures"
        );
    }
    assert_same_words(
        &text_view(&doc, View::Accepted),
        &lo.accepted,
        &format!("{name}: accept all"),
    );
    assert_same_words(
        &text_view(&doc, View::Original),
        &lo.rejected,
        &format!("{name}: reject all"),
    );
}

#[test]
fn libreoffice_reads_the_example_redlines_and_accepts_and_rejects_them() {
    libreoffice_reads("firearms-comments.md");
}

#[test]
fn libreoffice_reads_minimal() {
    libreoffice_reads("minimal.md");
}

/// Right to left and Chinese: the same redlines, and accept all / reject
/// all give `--view accepted` / `original`.
#[test]
fn libreoffice_reads_the_arabic_and_chinese_examples() {
    libreoffice_reads("discussion-ar.md");
    libreoffice_reads("discussion-zh.md");
}

/// Comments in footnotes and table cells, nested changes, changes across
/// paragraphs.
const HARD_CASES: &str = include_str!("../data/hard-cases.md");

/// The hard cases: LibreOffice opens the file and reads the same changes.
#[test]
fn libreoffice_reads_the_hard_cases() {
    if missing(&[Tool::LibreOffice]) {
        return;
    }
    let doc = parse_str(HARD_CASES);
    let docx = scratch("libreoffice").join("hard-cases.docx");
    std::fs::write(&docx, render(&doc)).unwrap();
    let lo = libreoffice(&docx, &docx.with_extension("pdf"));
    assert_eq!(lo.changes, model_changes(&doc));
    assert_eq!(lo.comments, comments_in_docx(&docx));
    assert_same_words(&text_view(&doc, View::Accepted), &lo.accepted, "accept all");
    assert_same_words(&text_view(&doc, View::Original), &lo.rejected, "reject all");
}

fn pandoc_changes(docx: &Path) -> BTreeMap<(Kind, String), usize> {
    let filter = root().join("tests/support/pandoc_changes.lua");
    let out = Command::new(Tool::Pandoc.path().expect("the caller checked"))
        .args(["--track-changes=all", "-f", "docx", "-t", "plain", "-o"])
        .arg(if cfg!(windows) { "NUL" } else { "/dev/null" })
        .arg("--lua-filter")
        .arg(filter)
        .arg(docx)
        .output()
        .expect("run pandoc");
    assert!(
        out.status.success(),
        "pandoc failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut changes = BTreeMap::new();
    let mut comments: BTreeMap<String, usize> = BTreeMap::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let mut fields = line.split('\t');
        let (kind, author) = (
            fields.next().unwrap(),
            fields.next().expect("kind<TAB>author"),
        );
        let kind = match kind {
            "insertion" => Kind::Insertion,
            "deletion" => Kind::Deletion,
            "comment" => {
                *comments.entry(author.to_owned()).or_default() += 1;
                continue;
            }
            other => panic!("unexpected {other}"),
        };
        *changes.entry((kind, author.to_owned())).or_default() += 1;
    }
    // pandoc reads the comments by the same authors as we wrote them.
    assert_eq!(
        comments,
        comments_in_docx(docx),
        "pandoc's comments per author"
    );
    changes
}

#[test]
fn pandoc_reads_the_same_changes_per_author() {
    if missing(&[Tool::Pandoc]) {
        return;
    }
    for name in ["firearms-comments.md", "minimal.md"] {
        let (doc, docx) = render_to(name, "pandoc");
        let changes = pandoc_changes(&docx);
        assert_eq!(changes, model_changes(&doc), "{name}");
        if name == "firearms-comments.md" {
            assert_eq!(changes, pinned_changes(), "{name}: the pinned figures");
        }
    }
    let doc = parse_str(HARD_CASES);
    let docx = scratch("pandoc").join("hard-cases.docx");
    std::fs::write(&docx, render(&doc)).unwrap();
    assert_eq!(pandoc_changes(&docx), model_changes(&doc), "hard cases");
}

#[test]
fn openxml_audit_finds_no_violation() {
    if missing(&[Tool::OpenxmlAudit]) {
        return;
    }
    let hard = scratch("audit").join("hard-cases.docx");
    std::fs::write(&hard, render(&parse_str(HARD_CASES))).unwrap();
    let rendered =
        ["firearms-comments.md", "minimal.md"].map(|name| (name, render_to(name, "audit").1));
    for (name, docx) in rendered.into_iter().chain([("hard cases", hard)]) {
        let out = Command::new(Tool::OpenxmlAudit.path().unwrap())
            .args(["--max-errors", "0"])
            .arg(&docx)
            .output()
            .expect("run openxml-audit");
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && report.contains("Errors: 0"),
            "{name}: openxml-audit reports violations:\n{report}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The Open XML SDK's validator (npm `@ooxml-tools/validate`) finds no
/// schema error in the example, the minimal example or the hard cases. It
/// exits 0 either way: its report's last line counts the errors.
#[test]
fn ooxml_validate_finds_no_error() {
    if missing(&[Tool::OoxmlValidate]) {
        return;
    }
    let hard = scratch("ooxml-validate").join("hard-cases.docx");
    std::fs::write(&hard, render(&parse_str(HARD_CASES))).unwrap();
    let rendered = ["firearms-comments.md", "minimal.md"]
        .map(|name| (name, render_to(name, "ooxml-validate").1));
    for (name, docx) in rendered.into_iter().chain([("hard cases", hard)]) {
        let (ok, out, err) = tools::run(Tool::OoxmlValidate, &[docx.to_str().unwrap()]);
        assert!(
            ok && out.contains("Found 0 errors"),
            "{name}: ooxml-validate reports errors:\n{out}{err}"
        );
    }
}
