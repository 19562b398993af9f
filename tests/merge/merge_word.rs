//! The return trip through a real editor: the example's DOCX edited in
//! LibreOffice (through UNO, change tracking on, a different user name per
//! copy, as delegations do in Word), plus one clean copy edited without
//! tracking, read back and merged into the base.

use crate::support;

use rapporteur::merge::{self, Copy, Merged};
use rapporteur::model::view::{self, View};
use rapporteur::model::Document;
use rapporteur::read::source;
use rapporteur::write::text;
use std::path::{Path, PathBuf};
use std::process::Command;

const MINIMAL: &str = include_str!("../../examples/minimal.md");

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
    let out = dir.join(format!("{code}.docx"));
    support::tools::lo_edit(base, &out, user, track, edits);
    out
}

fn stats(doc: &Document, code: &str) -> (usize, usize, usize) {
    let Some(id) = doc.author_by_code(code) else {
        return (0, 0, 0);
    };
    let s = &rapporteur::model::stats::stats(doc)[id.0].1;
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
        let imported = rapporteur::read::docx::read_file(&path).unwrap_or_else(|e| panic!("{e}"));
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
            hash: rapporteur::ooxml::provenance::fingerprint_bytes(&std::fs::read(&path).unwrap()),
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

fn cli(dir: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    out
}

/// Runs the command a user runs; it must succeed. Its standard error.
fn ok(dir: &Path, args: &[&str]) -> String {
    let out = cli(dir, args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{args:?}: {stderr}");
    stderr
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// Weeks of copies through LibreOffice, on the command line: two copies of
/// the base (one signed by a delegate [authors] does not know, counted as
/// Canada by --author), the United States' merged first; a second-round
/// copy by France made from that merged text's DOCX, inserting where
/// Canada's round-one copy (merged after it was sent) also inserts. Merged
/// one at a time in every order the rounds allow, the bytes, the views and
/// `check --stats` equal merging at once; nobody supports or objects to a
/// change made after their copy was sent; the conflict with the later
/// change is reported; merging a copy again changes no byte; a copy
/// without its stored version falls back to the base given, and says so.
#[test]
fn copies_arriving_over_weeks_through_libreoffice() {
    if support::missing(&[support::Tool::LibreOffice]) {
        return;
    }
    let dir = support::scratch("merge-weeks");
    // Outputs are never replaced without --force: a rerun starts clean.
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("base.md"), base_text()).unwrap();
    ok(
        &dir,
        &["render", "base.md", "--to", "docx", "-o", "base.docx"],
    );
    let base_docx = dir.join("base.docx");
    let us = r#"[{"op": "replace", "find": "by hand", "with": "manually"},
        {"op": "comment", "find": "hanging indent", "text": "Why a hanging indent?"}]"#;
    edit(&dir, &base_docx, "us", "Jane Doe", true, us);
    let ca = r#"[{"op": "insert_after", "find": "lettered subparagraphs", "text": " of the second level"},
        {"op": "accept", "author": "France", "find": "regularly"}]"#;
    edit(&dir, &base_docx, "ca", "Wanjiru Kamau", true, ca);
    // Week 2: the United States' copy is in; the text goes out again.
    let stderr = ok(&dir, &["merge", "base.md", "US=us.docx", "-o", "m1.md"]);
    assert!(
        stderr.contains("reviewer United States counted as US ([authors])"),
        "{stderr}"
    );
    ok(&dir, &["render", "m1.md", "--to", "docx", "-o", "m1.docx"]);
    let fr = r#"[{"op": "insert_after", "find": "lettered subparagraphs", "text": " and their levels"},
        {"op": "accept", "author": "United States", "find": "manually"},
        {"op": "replace", "find": "own text is not numbered", "with": "own text is never numbered"}]"#;
    edit(&dir, &dir.join("m1.docx"), "fr", "Jean Dupont", true, fr);
    let kamau = "--author=Wanjiru Kamau=Canada";
    // At once, into the text of week 2.
    let stderr = ok(
        &dir,
        &[
            "merge",
            "m1.md",
            "Canada=ca.docx",
            "France=fr.docx",
            kamau,
            "-o",
            "at-once.md",
            "--report",
            "at-once.json",
        ],
    );
    assert!(
        stderr.contains("reviewer Wanjiru Kamau counted as Canada (--author)"),
        "{stderr}"
    );
    let at_once = read(&dir, "at-once.md");
    // One at a time, both orders.
    ok(
        &dir,
        &[
            "merge",
            "m1.md",
            "Canada=ca.docx",
            kamau,
            "-o",
            "ca-first.md",
        ],
    );
    let stderr = ok(
        &dir,
        &[
            "merge",
            "ca-first.md",
            "France=fr.docx",
            "-o",
            "ca-fr.md",
            "--report",
            "ca-fr.json",
        ],
    );
    // Canada's insertion, merged before France's copy (made before it)
    // arrived, is merged again beside France's: the same conflict, told
    // the same way, in either order.
    let conflict = "conflict in paragraph 2: France inserts “and their levels” / Canada inserts “of the second level”";
    assert!(stderr.contains(conflict), "{stderr}");
    ok(
        &dir,
        &["merge", "m1.md", "France=fr.docx", "-o", "fr-first.md"],
    );
    let stderr = ok(
        &dir,
        &[
            "merge",
            "fr-first.md",
            "Canada=ca.docx",
            kamau,
            "-o",
            "fr-ca.md",
        ],
    );
    assert!(stderr.contains(conflict), "{stderr}");
    // And all three from the base at once: France's copy waits for the
    // United States' (its version's record lists it).
    ok(
        &dir,
        &[
            "merge",
            "base.md",
            "US=us.docx",
            "Canada=ca.docx",
            "France=fr.docx",
            kamau,
            "-o",
            "all.md",
        ],
    );
    let stats = |name: &str| {
        let out = cli(&dir, &["check", "--stats", name]);
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).replace(name, "FILE")
    };
    let views = |name: &str| {
        let doc = source::parse(name, &read(&dir, name)).unwrap_or_else(|e| panic!("{e}"));
        [View::All, View::Accepted, View::Original].map(|v| text::write(&view::apply(&doc, v)))
    };
    for name in ["ca-fr.md", "fr-ca.md", "all.md"] {
        assert_eq!(read(&dir, name), at_once, "{name}");
        assert_eq!(stats(name), stats("at-once.md"), "{name}");
        assert_eq!(views(name), views("at-once.md"), "{name}");
    }
    // France accepted the United States' change it saw; Canada, whose copy
    // predates it, neither supports nor objects to it; both inserted.
    let report: serde_json::Value = serde_json::from_str(&read(&dir, "at-once.json")).unwrap();
    let copy = |code: &str| {
        report["copies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["code"] == code)
            .unwrap()
            .clone()
    };
    assert_eq!(
        copy("France")["supports"][0]["proposer"],
        "US",
        "{report:#}"
    );
    assert_eq!(
        copy("Canada")["supports"][0]["proposer"],
        "France",
        "{report:#}"
    );
    for code in ["France", "Canada"] {
        assert_eq!(
            copy(code)["objections"],
            serde_json::json!([]),
            "{report:#}"
        );
        assert_eq!(copy(code)["fallback"], false);
    }
    assert!(
        at_once.contains("{>>France: accepts this change<<}"),
        "{at_once}"
    );
    assert!(at_once.contains("and their levels"), "{at_once}");
    // A statement stays whole: in the merge, and in the copy read alone.
    assert!(
        at_once.contains(
            "::: statement\nFrance’s {--own text is not numbered--}{++own text is never numbered++}{>>France<<}"
        ),
        "{at_once}"
    );
    let out = cli(&dir, &["import", "fr.docx"]);
    let imported = String::from_utf8_lossy(&out.stdout);
    assert!(
        imported.contains("::: statement\nFrance’s {--own text"),
        "{imported}"
    );
    assert!(at_once.contains("of the second level"), "{at_once}");
    let later: serde_json::Value = serde_json::from_str(&read(&dir, "ca-fr.json")).unwrap();
    assert_eq!(later["conflicts"][0]["later"], true, "{later:#}");
    assert_eq!(
        later["conflicts"][0]["states"],
        serde_json::json!(["France", "Canada"])
    );
    // Twice is once.
    let stderr = ok(
        &dir,
        &["merge", "at-once.md", "France=fr.docx", "-o", "again.md"],
    );
    assert_eq!(read(&dir, "again.md"), at_once);
    assert!(
        stderr.contains("fr.docx (France): already merged"),
        "{stderr}"
    );
    // A plain Word file: the same copy without its custom parts.
    let mut parts = support::unzip(&std::fs::read(dir.join("ca.docx")).unwrap());
    parts.retain(|name, _| !name.starts_with("customXml/"));
    std::fs::write(dir.join("plain.docx"), support::zip_parts(&parts)).unwrap();
    let stderr = ok(
        &dir,
        &[
            "merge",
            "base.md",
            "Canada=plain.docx",
            kamau,
            "-o",
            "plain.md",
        ],
    );
    assert!(
        stderr.contains(
            "merged against the base given: the copy does not carry the version it was made from"
        ),
        "{stderr}"
    );
    assert!(read(&dir, "plain.md").contains("of the second level"));
    // `import` counts the reviewer the same way.
    let stderr = ok(&dir, &["import", "ca.docx", kamau, "-o", "ca.md"]);
    assert!(
        stderr.contains("reviewer Wanjiru Kamau counted as Canada (--author)"),
        "{stderr}"
    );
    let imported = read(&dir, "ca.md");
    assert!(
        imported.contains("{++ of the second level++}{>>Canada<<}"),
        "{imported}"
    );
    assert!(!imported.contains("Wanjiru Kamau = "), "{imported}");
}
