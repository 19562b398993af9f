//! The DOCX as delegations meet it in Word: accepting or rejecting every
//! change leaves exactly the paragraphs of the accepted or original view
//! (LibreOffice through UNO), comments by later States are replies in the
//! thread of the first, Word's own rules hold (`support::word_rules`), and
//! Microsoft's Open XML SDK validator (`ooxml-validate`) finds no error.
//!
//! The tests that need LibreOffice or ooxml-validate are skipped, with a
//! message, when the tool is missing, unless CI=true.

mod support;

use rapporteur::model::Document;
use rapporteur::view::{self, View};
use std::path::{Path, PathBuf};
use std::process::Command;
use support::*;

/// Whether `program` can run; when it cannot, prints how to install it and
/// returns false, or panics when CI=true (CI must run every test).
fn require_tool(program: &str, install: &str) -> bool {
    let found = Command::new(program)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok();
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "`{program}` is not installed and CI=true: install with {install}"
        );
        eprintln!("skipped: {program} not installed; install with {install}");
    }
    found
}

/// A Python 3 that can import LibreOffice's UNO bridge.
fn uno_python() -> Option<&'static str> {
    ["/usr/bin/python3", "python3"]
        .into_iter()
        .find(|candidate| {
            Command::new(candidate)
                .args(["-c", "import uno"])
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

fn require_libreoffice() -> bool {
    let install = "apt-get install libreoffice-writer python3-uno";
    require_tool("soffice", install) && {
        let found = uno_python().is_some();
        if !found {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "python3-uno is not installed and CI=true: {install}"
            );
            eprintln!("skipped: python3-uno not installed; install with {install}");
        }
        found
    }
}

/// The sources the LibreOffice check runs on: both examples, the French
/// test source and a generated document twice the example's size
/// (LibreOffice takes many minutes to accept every change of a larger one;
/// `scripts/word-accept.sh` runs it on `generate --scale 10`).
fn sources() -> Vec<(String, Document)> {
    let mut out: Vec<(String, Document)> = ["firearms-comments.md", "minimal.md"]
        .into_iter()
        .map(|name| (name.to_string(), parse(&example(name))))
        .collect();
    out.push((
        "french.md".into(),
        parse(&root().join("tests/data/french.md")),
    ));
    out.push((
        "generated-x2".into(),
        parse_str(&rapporteur::generate::document(2, 1)),
    ));
    out
}

/// Paragraph text as compared: whitespace runs folded, the ends trimmed and
/// no space before punctuation. Accepting a deletion in an editor leaves
/// the spaces that stood around it (`act .`), which the views tidy
/// (`act.`); words, numbers, labels and empty paragraphs must agree.
fn tidy(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if matches!(c, '.' | ',' | ';' | ':' | ')') && out.ends_with(' ') {
            out.pop();
        }
        out.push(c);
    }
    out
}

/// The paragraphs LibreOffice reads in each file after accepting every
/// change and after rejecting every change, by file.
fn accepted_and_rejected(files: &[PathBuf]) -> Vec<(Vec<String>, Vec<String>)> {
    let script = root().join("tests/support/lo_paragraphs.py");
    let out = Command::new(uno_python().expect("checked"))
        .arg(&script)
        .args(files)
        .output()
        .expect("run the UNO script");
    assert!(
        out.status.success(),
        "LibreOffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut result = vec![(Vec::new(), Vec::new()); files.len()];
    for line in stdout.lines() {
        let mut fields = line.splitn(3, '\t');
        let (file, which, text) = (
            fields.next().unwrap(),
            fields.next().unwrap(),
            fields.next().unwrap_or(""),
        );
        let i = files
            .iter()
            .position(|f| f.to_str() == Some(file))
            .unwrap_or_else(|| panic!("unknown file {file}"));
        match which {
            "accepted" => result[i].0.push(tidy(text)),
            "rejected" => result[i].1.push(tidy(text)),
            other => panic!("unexpected line kind {other}"),
        }
    }
    result
}

/// Shows where two paragraph sequences part, for a readable failure.
fn assert_same_paragraphs(ours: &[String], view: &[String], what: &str) {
    if ours == view {
        return;
    }
    let at = ours
        .iter()
        .zip(view)
        .position(|(a, b)| a != b)
        .unwrap_or(ours.len().min(view.len()));
    let show = |list: &[String]| {
        list[at.saturating_sub(2)..(at + 3).min(list.len())]
            .iter()
            .map(|p| format!("    [{}]", p.chars().take(90).collect::<String>()))
            .collect::<Vec<_>>()
            .join("\n")
    };
    panic!(
        "{what}: paragraphs differ at paragraph {at} ({} vs {} paragraphs, {} vs {} empty)\n  \
         after accepting or rejecting:\n{}\n  the view:\n{}",
        ours.len(),
        view.len(),
        ours.iter().filter(|p| p.is_empty()).count(),
        view.iter().filter(|p| p.is_empty()).count(),
        show(ours),
        show(view),
    );
}

fn write_to(dir: &Path, name: &str, doc: &Document) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, render(doc)).unwrap();
    path
}

/// Accept All and Reject All in LibreOffice give exactly the paragraphs
/// (text and count, empty ones included, list labels included) of the
/// accepted and original views rendered to DOCX and read the same way.
#[test]
fn accepting_and_rejecting_all_give_the_paragraphs_of_the_views() {
    if !require_libreoffice() {
        return;
    }
    let dir = scratch("word-accept");
    let mut files = Vec::new();
    let sources = sources();
    for (name, doc) in &sources {
        let stem = name.trim_end_matches(".md");
        files.push(write_to(&dir, &format!("{stem}.docx"), doc));
        let accepted = view::apply(doc, View::Accepted);
        files.push(write_to(&dir, &format!("{stem}-accepted.docx"), &accepted));
        let original = view::apply(doc, View::Original);
        files.push(write_to(&dir, &format!("{stem}-original.docx"), &original));
    }
    let read = accepted_and_rejected(&files);
    for (i, (name, _)) in sources.iter().enumerate() {
        let (all, accepted, original) = (&read[3 * i], &read[3 * i + 1], &read[3 * i + 2]);
        // The views hold no changes: what LibreOffice reads is the view.
        assert_eq!(
            accepted.0, accepted.1,
            "{name}: the accepted view has no changes"
        );
        assert_same_paragraphs(&all.0, &accepted.0, &format!("{name}: accept all"));
        assert_same_paragraphs(&all.1, &original.0, &format!("{name}: reject all"));
    }
}
