//! `--to pandoc`: pandoc reads the export, and its own accept/reject of the
//! revisions gives our accepted and original texts. Needs pandoc.

use crate::support;

use rapporteur::model::view::{self, View};
use std::process::{Command, Stdio};
use support::{missing, Tool};

const EXAMPLE: &str = include_str!("../../examples/firearms-comments.md");

fn pandoc(args: &[&str], input: &[u8]) -> Vec<u8> {
    let mut child = Command::new(Tool::Pandoc.path().expect("the caller checked"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("pandoc is needed for this test: apt-get install pandoc");
    use std::io::Write;
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "pandoc {args:?} failed");
    out.stdout
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// The body's words, from the first chapter heading on, without the notes
/// at the end and without footnote marks.
fn body_words(text: &str) -> Vec<String> {
    let w = words(text);
    let start = w.iter().position(|x| x == "introduction").expect("a body");
    w[start..].to_vec()
}

#[test]
fn pandoc_accepts_and_rejects_our_revisions_as_we_do() {
    if missing(&[Tool::Pandoc]) {
        return;
    }
    let doc = rapporteur::read::source::parse("example.md", EXAMPLE).unwrap();
    let export = rapporteur::write::pandoc::write(&doc);
    let docx = pandoc(&["-f", "markdown", "-t", "docx"], export.as_bytes());
    for (mode, v) in [("accept", View::Accepted), ("reject", View::Original)] {
        let plain = pandoc(
            &[
                "-f",
                "docx",
                "-t",
                "plain",
                "--wrap=none",
                &format!("--track-changes={mode}"),
            ],
            &docx,
        );
        let ours = rapporteur::write::text::write(&view::apply(&doc, v));
        let theirs = body_words(&String::from_utf8_lossy(&plain));
        let mine = body_words(&ours);
        // pandoc drops nothing and adds nothing but the comment anchors.
        let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &mine, &theirs);
        let same: usize = ops
            .iter()
            .filter_map(|op| match op {
                similar::DiffOp::Equal { len, .. } => Some(*len),
                _ => None,
            })
            .sum();
        let ratio = 2.0 * same as f64 / (mine.len() + theirs.len()) as f64;
        assert!(ratio > 0.99, "{mode}: ratio {ratio:.4}");
    }
}

/// The authors in the export, per view, as `docx_revisions.rs` checks the
/// DOCX: pandoc reads each change with its author and each comment with its
/// author; every view has the model's changes per author and the DOCX's
/// comments per author; a State's view has only that State's changes and
/// comments; the clean views none.
#[test]
fn pandoc_reads_the_exports_authors_in_every_view() {
    if missing(&[Tool::Pandoc]) {
        return;
    }
    let doc = support::parse(&support::example("minimal.md"));
    let mut views = vec![View::All, View::Accepted, View::Original];
    views.extend((0..doc.authors.len()).map(|i| View::Author(rapporteur::model::AuthorId(i))));
    for v in views {
        let shown = view::apply(&doc, v);
        let reading = support::pandoc_reads_export(&shown);
        assert_eq!(reading.changes, support::model_changes(&shown), "{v:?}");
        // The same comments per author as the DOCX of the same view.
        let mut comments = std::collections::BTreeMap::new();
        for (name, _) in &reading.comments {
            *comments.entry(name.clone()).or_insert(0) += 1;
        }
        let parts = support::unzip(&support::render(&shown));
        let mut docx = std::collections::BTreeMap::new();
        if let Some(c) = parts.get("word/comments.xml") {
            for c in support::xml("comments", c).find_all("w:comment") {
                *docx
                    .entry(c.attr("w:author").unwrap().to_owned())
                    .or_insert(0) += 1;
            }
        }
        assert_eq!(
            comments, docx,
            "{v:?}: comments per author, pandoc export and DOCX"
        );
        match v {
            View::Accepted | View::Original => {
                assert!(reading.changes.is_empty(), "{v:?}");
                assert!(reading.comments.is_empty(), "{v:?}");
            }
            View::Author(a) => {
                let name = &doc.author(a).name;
                assert!(!reading.changes.is_empty(), "{v:?}: no change");
                assert!(reading.changes.keys().all(|(_, n)| n == name), "{v:?}");
                assert!(reading.comments.iter().all(|(n, _)| n == name), "{v:?}");
            }
            View::All => {
                // The export carries the DOCX's comments: per author, the
                // same texts.
                let parts = support::unzip(&support::render(&shown));
                let mut docx: Vec<(String, String)> =
                    support::xml("comments", &parts["word/comments.xml"])
                        .find_all("w:comment")
                        .into_iter()
                        .map(|c| (c.attr("w:author").unwrap_or("").to_string(), c.text()))
                        .collect();
                let mut export = reading.comments.clone();
                docx.sort();
                export.sort();
                assert_eq!(export, docx, "{v:?}");
                assert!(!docx.is_empty());
            }
        }
    }
}
