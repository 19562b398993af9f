//! The example's figures per State, pinned from a reading of the reference
//! document (`support/figures.rs`), found in every output: the model's
//! counts, `check --stats`, the DOCX (our XML walker; LibreOffice and
//! pandoc in `docx_tools.rs`), the `--to pandoc` export as pandoc reads it,
//! and the PDF's text. Each State's view holds that State's figures alone.

use crate::support;

use rapporteur::model::view::{self, View};
use rapporteur::model::{AuthorId, Document};
use std::collections::BTreeMap;
use std::process::Command;
use support::figures::{StateFigures, PINNED};
use support::*;

fn example_doc() -> Document {
    parse(&example("firearms-comments.md"))
}

fn id_of(doc: &Document, state: &StateFigures) -> AuthorId {
    doc.author_by_code(state.code)
        .unwrap_or_else(|| panic!("the example has no author `{}`", state.code))
}

/// The pinned changes of one State, as the counters report them.
fn pinned_changes_of(state: &StateFigures) -> BTreeMap<(Kind, String), usize> {
    pinned_changes()
        .into_iter()
        .filter(|((_, name), _)| name == state.name)
        .collect()
}

#[test]
fn the_example_declares_the_pinned_states() {
    let doc = example_doc();
    let mut ours: Vec<(&str, &str)> = doc
        .authors
        .iter()
        .map(|a| (a.code.as_str(), a.name.as_str()))
        .collect();
    let mut pinned: Vec<(&str, &str)> = PINNED.iter().map(|s| (s.code, s.name)).collect();
    ours.sort();
    pinned.sort();
    assert_eq!(ours, pinned);
}

#[test]
fn the_model_counts_the_pinned_figures() {
    let doc = example_doc();
    let stats = rapporteur::model::stats::stats(&doc);
    for state in PINNED {
        let id = id_of(&doc, &state);
        let s = &stats.iter().find(|(a, _)| *a == id).unwrap().1;
        assert_eq!(
            (s.insertions, s.deletions, s.notes),
            (state.insertions, state.deletions, state.comments),
            "{}: (insertions, deletions, comments) against the reference",
            state.code
        );
        // Of its comments, those in the attributions of a change another
        // State proposes.
        let on_others: usize = doc
            .groups
            .iter()
            .filter(|g| g.proposer() != id)
            .map(|g| {
                g.attributions
                    .iter()
                    .filter(|a| a.author == id && a.note.is_some())
                    .count()
            })
            .sum();
        assert_eq!(
            on_others, state.on_others_changes,
            "{}: comments on others' changes",
            state.code
        );
    }
}

/// One row of `check --stats`: code, name, insertions, deletions, changes,
/// notes.
fn stats_rows(stdout: &str) -> BTreeMap<String, [usize; 4]> {
    let mut rows = BTreeMap::new();
    for line in stdout.lines().skip(2) {
        // Columns are separated by two spaces or more; a code or name may
        // hold one ("Saudi Arabia").
        let cells: Vec<&str> = line
            .trim()
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        assert_eq!(cells.len(), 6, "a row of six columns: {line:?}");
        let n = |i: usize| -> usize { cells[i].parse().unwrap_or_else(|_| panic!("{line:?}")) };
        rows.insert(cells[0].to_owned(), [n(2), n(3), n(4), n(5)]);
    }
    rows
}

#[test]
fn check_stats_prints_the_pinned_figures() {
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["check", "--stats"])
        .arg(example("firearms-comments.md"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let first = stdout.lines().next().unwrap();
    let (ins, del, comments): (usize, usize, usize) = PINNED.iter().fold((0, 0, 0), |t, s| {
        (t.0 + s.insertions, t.1 + s.deletions, t.2 + s.comments)
    });
    assert!(
        first.ends_with(&format!(
            "firearms-comments.md: 44 points, 8 authors, {} changes, {comments} notes, 0 footnotes",
            ins + del
        )),
        "{first}"
    );
    let header: Vec<&str> = stdout.lines().nth(1).unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        [
            "code",
            "name",
            "insertions",
            "deletions",
            "changes",
            "notes"
        ]
    );
    let rows = stats_rows(&stdout);
    assert_eq!(rows.len(), PINNED.len(), "{stdout}");
    for state in PINNED {
        let row = rows.get(state.code).unwrap_or_else(|| panic!("{stdout}"));
        let changes = state.insertions + state.deletions;
        assert_eq!(
            *row,
            [state.insertions, state.deletions, changes, state.comments],
            "{}",
            state.code
        );
    }
}

#[test]
fn check_stats_reports_each_file_and_fails_on_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.md");
    std::fs::write(
        &bad,
        "+++\nsymbol = \"X/1\"\ndate = 2020-10-09\n+++\nSome {++new++} text.\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["check", "--stats"])
        .arg(example("minimal.md"))
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stdout.contains("minimal.md: "), "{stdout}");
    assert!(!stdout.contains("bad.md"), "{stdout}");
    assert!(stderr.contains("bad.md:5:6"), "{stderr}");
    // The minimal example's table is its own: one row per author, each
    // row's changes the sum of its insertions and deletions.
    let doc = parse(&example("minimal.md"));
    let rows = stats_rows(&stdout);
    assert_eq!(rows.len(), doc.authors.len());
    for [ins, del, changes, _] in rows.values() {
        assert_eq!(ins + del, *changes);
    }
}

/// Comments in a DOCX per author, and those that are co-proposals.
fn docx_comments(parts: &BTreeMap<String, Vec<u8>>) -> (BTreeMap<String, usize>, usize) {
    let mut by_author = BTreeMap::new();
    let mut co = 0;
    if let Some(c) = parts.get("word/comments.xml") {
        for c in xml("comments", c).find_all("w:comment") {
            *by_author
                .entry(c.attr("w:author").unwrap().to_owned())
                .or_default() += 1;
            co += c.text().starts_with("Also proposed by") as usize;
        }
    }
    (by_author, co)
}

#[test]
fn the_docx_holds_the_pinned_revisions_and_comments() {
    let parts = unzip(&render(&example_doc()));
    // Point 33's two US insertions, a space apart, are two.
    assert_eq!(docx_changes(&parts), pinned_changes());
    let (comments, co) = docx_comments(&parts);
    assert_eq!(comments, pinned_docx_comments());
    assert_eq!(co, PINNED.iter().map(|s| s.co_proposals).sum::<usize>());
}

/// The changes a State co-proposes without words of its own (a later
/// attribution with no reason), by kind and their proposer's name: its
/// view shows them too (`view::proposes`), as their proposer's revisions.
fn co_proposed(doc: &Document, state: AuthorId) -> BTreeMap<(Kind, String), usize> {
    let mut out = BTreeMap::new();
    for g in &doc.groups {
        let bare = g
            .attributions
            .iter()
            .skip(1)
            .any(|at| at.author == state && at.note.is_none());
        if !bare || g.proposer() == state {
            continue;
        }
        for c in &g.changes {
            let change = doc.change(*c);
            let kind = match change.kind {
                rapporteur::model::ChangeKind::Insertion => Kind::Insertion,
                rapporteur::model::ChangeKind::Deletion => Kind::Deletion,
            };
            *out.entry((kind, doc.author(change.author).name.clone()))
                .or_default() += 1;
        }
    }
    out
}

/// A State's pinned changes and those it co-proposes.
fn shown_changes_of(doc: &Document, state: &StateFigures) -> BTreeMap<(Kind, String), usize> {
    let mut pinned = pinned_changes_of(state);
    for (key, n) in co_proposed(doc, id_of(doc, state)) {
        *pinned.entry(key).or_default() += n;
    }
    pinned
}

#[test]
fn each_states_docx_holds_its_pinned_figures_alone() {
    let doc = example_doc();
    for state in PINNED {
        let shown = view::apply(&doc, View::Author(id_of(&doc, &state)));
        let parts = unzip(&render(&shown));
        let pinned = shown_changes_of(&doc, &state);
        assert_eq!(docx_changes(&parts), pinned, "view author={}", state.code);
        // What the State said, on its own changes and on others' (an
        // author view shows its remarks on others' changes as its notes).
        let (comments, _) = docx_comments(&parts);
        let own = state.comments;
        let expected: BTreeMap<String, usize> = (own > 0)
            .then(|| (state.name.to_owned(), own))
            .into_iter()
            .collect();
        assert_eq!(comments, expected, "view author={}", state.code);
    }
    for v in [View::Accepted, View::Original] {
        let parts = unzip(&render(&view::apply(&doc, v)));
        assert!(docx_changes(&parts).is_empty(), "{v:?}");
        assert!(docx_comments(&parts).0.is_empty(), "{v:?}");
    }
}

/// Comments per author in what pandoc read.
fn comments_per_author(reading: &PandocReading) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for (name, _) in &reading.comments {
        *out.entry(name.clone()).or_default() += 1;
    }
    out
}

#[test]
fn pandoc_reads_the_pinned_figures_in_the_export_per_state_and_view() {
    if missing(&[Tool::Pandoc]) {
        return;
    }
    let doc = example_doc();
    let all = pandoc_reads_export(&doc);
    assert_eq!(all.changes, pinned_changes(), "view all");
    // The export comments as the DOCX does: every reason and note, and a
    // comment for each co-proposal.
    assert_eq!(
        comments_per_author(&all),
        pinned_docx_comments(),
        "view all"
    );
    for state in PINNED {
        let shown = view::apply(&doc, View::Author(id_of(&doc, &state)));
        let reading = pandoc_reads_export(&shown);
        // The export keeps the document's spaces, as for every change
        // shown (a State's view moves none into its changes): two of one
        // State's changes stay two.
        let pinned = shown_changes_of(&doc, &state);
        assert_eq!(reading.changes, pinned, "view author={}", state.code);
        // Every comment in a State's view is that State's.
        assert!(
            reading.comments.iter().all(|(name, _)| name == state.name),
            "view author={}: {:?}",
            state.code,
            reading.comments
        );
        assert_eq!(
            reading.comments.len(),
            state.comments,
            "view author={}",
            state.code
        );
    }
    for v in [View::Accepted, View::Original] {
        let reading = pandoc_reads_export(&view::apply(&doc, v));
        assert!(reading.changes.is_empty(), "{v:?}: {:?}", reading.changes);
        assert!(reading.comments.is_empty(), "{v:?}: {:?}", reading.comments);
    }
}

/// pdftotext of a whole PDF, its white space folded to single spaces.
fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("example.pdf");
    std::fs::write(&path, bytes).unwrap();
    let (ok, text, err) = tools::run(Tool::Pdftotext, &[path.to_str().unwrap(), "-"]);
    assert!(ok, "pdftotext: {err}");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The PDF prints a change's State in parentheses after it, `(US)`, with
/// its reason, `(US: reason; Canada: reason)`, and a note as `(Morocco:
/// …)`: the comments are the places where a State's code opens a
/// parenthesis or follows `; ` and is followed by a colon.
fn pdf_comments(text: &str, code: &str) -> usize {
    ["(", "; "]
        .iter()
        .map(|before| text.matches(&format!("{before}{code}:")).count())
        .sum()
}

#[test]
fn the_pdf_text_shows_the_pinned_comments_and_its_legend_the_pinned_changes() {
    if missing(&[Tool::Pdftotext]) {
        return;
    }
    let doc = example_doc();
    let options = rapporteur::write::pdf::Options {
        colour: true,
        font_dir: None,
    };
    let text = pdf_text(&rapporteur::write::pdf::write(&doc, &options).unwrap());
    let legend = text
        .split("Changes by author")
        .nth(1)
        .expect("the colour PDF ends with a legend");
    for state in PINNED {
        assert_eq!(
            pdf_comments(&text, state.code),
            state.comments,
            "comments by {} in the PDF text",
            state.code
        );
        // The legend lists every State with a change or a note.
        let changes = state.insertions + state.deletions;
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let label = if state.code == state.name {
            state.code.to_owned()
        } else {
            format!("{} ({})", state.code, state.name)
        };
        let line = format!(
            "{label}: {changes} change{} ({} insertion{}, {} deletion{}), {} note{}",
            plural(changes),
            state.insertions,
            plural(state.insertions),
            state.deletions,
            plural(state.deletions),
            state.comments,
            plural(state.comments),
        );
        assert_eq!(
            legend.contains(&line),
            changes + state.comments > 0,
            "legend line {line:?} in {legend}"
        );
    }
}
