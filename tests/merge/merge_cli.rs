//! `rapporteur merge` on the command line: what it writes, and that a bad
//! copy writes nothing.

use std::path::Path;
use std::process::Command;

const MINIMAL: &str = include_str!("../../examples/minimal.md");

fn rapporteur(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("base.md"), MINIMAL).unwrap();
    let fr = MINIMAL.replacen(
        "numbered by hand",
        "numbered {--by hand--}{++manually++}{>>France<<}",
        1,
    );
    std::fs::write(dir.path().join("fr.md"), fr).unwrap();
    let ca = MINIMAL.replacen("numbered by hand", "numbered in person", 1);
    std::fs::write(dir.path().join("ca.md"), ca).unwrap();
    dir
}

#[test]
fn merge_writes_the_merged_source_and_the_report() {
    let dir = setup();
    let out = rapporteur(
        dir.path(),
        &[
            "merge",
            "base.md",
            "France=fr.md",
            "Canada=ca.md",
            "-o",
            "merged.md",
            "--report",
            "report.json",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let merged = std::fs::read_to_string(dir.path().join("merged.md")).unwrap();
    assert!(merged.contains("{++manually++}{>>France<<}"), "{merged}");
    assert!(merged.contains("{++in person++}{>>Canada<<}"), "{merged}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap())
            .unwrap();
    assert_eq!(
        report["conflicts"][0]["states"],
        serde_json::json!(["France", "Canada"])
    );
    assert!(stderr.contains("conflict in paragraph 1"), "{stderr}");
    // The merged source checks.
    let check = rapporteur(dir.path(), &["check", "merged.md"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn a_bad_copy_writes_nothing() {
    let dir = setup();
    std::fs::write(
        dir.path().join("other.md"),
        rapporteur::generate::document(1, 3),
    )
    .unwrap();
    std::fs::write(dir.path().join("broken.md"), "+++\nsymbol = \"X\"\n").unwrap();
    std::fs::write(dir.path().join("not.docx"), b"PK\x03\x04 not really").unwrap();
    for (copy, says) in [
        (
            "US=other.md",
            "other.md: this copy is not a copy of the base",
        ),
        ("US=broken.md", "broken.md:1:1"),
        ("US=not.docx", "not.docx"),
        ("US=missing.md", "missing.md"),
    ] {
        let out = rapporteur(
            dir.path(),
            &[
                "merge",
                "base.md",
                "France=fr.md",
                copy,
                "-o",
                "merged.md",
                "--report",
                "r.json",
            ],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{copy}: {stderr}");
        assert!(stderr.contains(says), "{copy}: {stderr}");
        assert!(!dir.path().join("merged.md").exists(), "{copy}");
        assert!(!dir.path().join("r.json").exists(), "{copy}");
    }
    let out = rapporteur(dir.path(), &["merge", "base.md", "fr.md"]);
    assert_eq!(out.status.code(), Some(2));
    let out = rapporteur(
        dir.path(),
        &["merge", "base.md", "France=fr.md", "-o", "fr.md"],
    );
    assert_eq!(out.status.code(), Some(2));
    let fr = std::fs::read_to_string(dir.path().join("fr.md")).unwrap();
    assert!(
        fr.contains("{++manually++}{>>France<<}"),
        "the copy was overwritten"
    );
}

#[test]
fn mistakes_are_usage_errors_that_write_nothing() {
    let dir = setup();
    for (args, says) in [
        (
            vec!["Frnace=fr.md"],
            "`Frnace` (given as Frnace=) is neither a code, a name nor an alias in [authors]: did you mean France (France)?",
        ),
        (
            vec!["France=fr.md", "Canada=fr.md"],
            "are the same file, given as France= and Canada=",
        ),
        (
            vec!["France=fr.md", "--author", "Jean Dupont=Frnace"],
            "did you mean France (France)?",
        ),
    ] {
        let mut all = vec!["merge", "base.md"];
        all.extend(&args);
        all.extend(["-o", "merged.md"]);
        let out = rapporteur(dir.path(), &all);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(!dir.path().join("merged.md").exists(), "{args:?}");
    }
    // Asked for as new, the State is added.
    let out = rapporteur(
        dir.path(),
        &[
            "merge",
            "base.md",
            "Peru=ca.md",
            "--new-author",
            "Peru",
            "-o",
            "merged.md",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged = std::fs::read_to_string(dir.path().join("merged.md")).unwrap();
    assert!(merged.contains("Peru = \"Peru\""), "{merged}");
    assert!(merged.contains("{>>Peru<<}"), "{merged}");
}

/// A merge writes what a State's copy said of another's change in the
/// document's language: a French document gets French notes.
#[test]
fn a_verdict_is_written_in_the_document_s_language() {
    let dir = tempfile::tempdir().unwrap();
    let base = include_str!("../data/languages/fr.md");
    std::fs::write(dir.path().join("base.md"), base).unwrap();
    // Canada's copy accepts France's change in paragraph 1 (its words
    // stay, the markup goes) and rejects France's insertion in the
    // footnote (its words go).
    let accepted = base.replacen(
        "{--invités--}{++encouragés++}{>>FR: plus fort<<}",
        "encouragés",
        1,
    );
    let copy = accepted.replacen("Une note {++modifiée++}{>>FR<<}.", "Une note.", 1);
    assert_ne!(copy, accepted, "the test's edit applies");
    std::fs::write(dir.path().join("ca.md"), copy).unwrap();
    let out = rapporteur(
        dir.path(),
        &["merge", "base.md", "CA=ca.md", "-o", "merged.md"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged = std::fs::read_to_string(dir.path().join("merged.md")).unwrap();
    assert!(
        merged.contains("{>>CA: accepte cette modification<<}"),
        "{merged}"
    );
    assert!(
        merged.contains("{>>CA: rejette cette modification<<}"),
        "{merged}"
    );
    assert!(!merged.contains("this change"), "{merged}");
}

/// A State that presses Enter in a numbered paragraph makes a numbered
/// paragraph (Word and LibreOffice both do): the merged source numbers it,
/// the later paragraphs' written numbers move on, and each view counts
/// as Word's Accept All and Reject All do.
#[test]
fn a_paragraph_split_by_a_state_is_numbered_and_the_later_numbers_move_on() {
    let dir = tempfile::tempdir().unwrap();
    let head = crate::support::front()
        .author("US", "United States")
        .source("");
    let base = format!("{head}1. First half, second half.\n\n2. Next.\n\n3. Last.\n");
    let copy = format!(
        "{head}1. First half, {{++\n\n2. ++}}{{>>US<<}}second half.\n\n3. Next.\n\n4. Last.\n"
    );
    std::fs::write(dir.path().join("base.md"), &base).unwrap();
    std::fs::write(dir.path().join("us.md"), &copy).unwrap();
    let out = rapporteur(
        dir.path(),
        &["merge", "base.md", "US=us.md", "-o", "merged.md"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged = std::fs::read_to_string(dir.path().join("merged.md")).unwrap();
    assert!(merged.contains("\n3. Next.\n\n4. Last.\n"), "{merged}");
    let view = |view: &str| {
        let file = format!("{view}.md");
        let out = rapporteur(
            dir.path(),
            &[
                "render",
                "merged.md",
                "--view",
                view,
                "--to",
                "md",
                "-o",
                &file,
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read_to_string(dir.path().join(&file)).unwrap()
    };
    let accepted = view("accepted");
    assert!(
        accepted.contains("1. First half,\n\n2. second half.\n\n3. Next.\n\n4. Last."),
        "{accepted}"
    );
    let original = view("original");
    assert!(
        original.contains("1. First half, second half.\n\n2. Next.\n\n3. Last."),
        "{original}"
    );
}
