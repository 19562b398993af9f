//! What delegates really do to a Word file, done in a real editor: three
//! copies of the minimal example's DOCX (a bulleted list added), each
//! edited in LibreOffice (through UNO, change tracking on, the delegate's
//! own user name), one splitting a paragraph and adding a bulleted list
//! item, one joining two paragraphs, one editing inside a table cell,
//! merged by `rapporteur merge` as a user runs it. Each State's counts
//! in `check --stats` are the base's plus exactly its scripted edits, and
//! the accepted text holds every edit.

use crate::support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const MINIMAL: &str = include_str!("../../examples/minimal.md");

/// The minimal example with the three delegations known, each by its
/// delegate's name (the author LibreOffice writes).
fn base_text() -> String {
    let base = MINIMAL.replace(
        "Canada = \"Canada\"\n",
        "Canada = \"Canada\"\n\
         KE     = { name = \"Kenya\", aliases = [\"Wanjiru Kamau\"] }\n\
         BR     = { name = \"Brazil\", aliases = [\"Lucas Souza\"] }\n\
         JP     = { name = \"Japan\", aliases = [\"Kenji Sato\"] }\n",
    );
    // A bulleted list a delegate adds an item to.
    let quote = "> A quoted block";
    assert!(
        base.contains(quote),
        "the minimal example has its quotation"
    );
    base.replace(
        quote,
        "- A first bulleted item;\n\n- A second bulleted item.\n\n> A quoted block",
    )
}

/// (code, LibreOffice user, edits, the insertions and deletions they make)
fn scripts() -> Vec<(&'static str, &'static str, &'static str, (usize, usize))> {
    vec![
        (
            "KE",
            "Wanjiru Kamau",
            r#"[{"op": "split_paragraph", "find": "numbered by hand. "},
                {"op": "new_list_item_after", "find": "A second bulleted item.", "text": "A third bulleted item."}]"#,
            (2, 0),
        ),
        (
            "BR",
            "Lucas Souza",
            r#"[{"op": "join_paragraphs", "find": "revised text."}]"#,
            (0, 1),
        ),
        (
            "JP",
            "Kenji Sato",
            r#"[{"op": "replace", "find": "16 September 2020", "with": "17 September 2020"}]"#,
            (1, 1),
        ),
    ]
}

fn rapporteur(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "rapporteur {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn edit(dir: &Path, code: &str, user: &str, edits: &str) -> PathBuf {
    let out = dir.join(format!("{code}.docx"));
    support::tools::lo_edit(&dir.join("base.docx"), &out, user, true, edits);
    out
}

/// `check --stats`: each code's (insertions, deletions).
fn counts(dir: &Path, file: &str) -> BTreeMap<String, (usize, usize)> {
    let out = rapporteur(dir, &["check", "--stats", file]);
    out.lines()
        .skip(2)
        .filter_map(|line| {
            let cells: Vec<&str> = line.split_whitespace().collect();
            let n = cells.len();
            (n >= 5).then(|| {
                let number = |i: usize| cells[i].parse::<usize>().unwrap();
                (cells[0].to_string(), (number(n - 4), number(n - 3)))
            })
        })
        .collect()
}

#[test]
fn split_join_and_a_table_cell_edited_in_libreoffice_merge_with_their_counts() {
    if support::missing(&[support::Tool::LibreOffice]) {
        return;
    }
    let dir = support::scratch("merge-delegates");
    // A run starts clean: rapporteur replaces no file it did not write.
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("base.md"), base_text()).unwrap();
    rapporteur(
        &dir,
        &["render", "base.md", "--to", "docx", "-o", "base.docx"],
    );
    let mut args = vec!["merge".to_string(), "base.md".to_string()];
    for (code, user, edits, _) in scripts() {
        edit(&dir, code, user, edits);
        args.push(format!("{code}={code}.docx"));
    }
    args.extend(["-o".into(), "merged.md".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    rapporteur(&dir, &args);

    let before = counts(&dir, "base.md");
    let after = counts(&dir, "merged.md");
    for (code, _, _, (ins, del)) in scripts() {
        let (bi, bd) = before.get(code).copied().unwrap_or_default();
        assert_eq!(
            after.get(code),
            Some(&(bi + ins, bd + del)),
            "{code}: {after:?}"
        );
    }
    for code in ["US", "France", "Canada"] {
        assert_eq!(after.get(code), before.get(code), "{code} unchanged");
    }

    rapporteur(
        &dir,
        &[
            "render",
            "merged.md",
            "--view",
            "accepted",
            "--to",
            "md",
            "-o",
            "accepted.md",
        ],
    );
    let accepted = std::fs::read_to_string(dir.join("accepted.md")).unwrap();
    let lines: Vec<&str> = accepted.lines().map(str::trim_end).collect();
    let split = lines
        .iter()
        .position(|l| l.ends_with("numbered by hand."))
        .expect("the first half of the split paragraph");
    // Enter in a numbered paragraph makes a numbered paragraph, in Word as
    // in LibreOffice: the later paragraphs' numbers move on.
    assert!(
        lines[split + 2].starts_with("2. Paragraph numbers run"),
        "the second half is a numbered paragraph of its own:\n{accepted}"
    );
    assert!(
        lines[split + 4].starts_with("3. This paragraph is numbered automatically"),
        "the next paragraph is numbered on:\n{accepted}"
    );
    // Delete at a paragraph's end joins the next to it with no space, in
    // LibreOffice as in Word.
    assert!(
        accepted.contains("revised text.Here States are encouraged to act"),
        "the joined paragraphs read as one:\n{accepted}"
    );
    assert!(accepted.contains("| 17 September 2020 |"), "{accepted}");
    // The new item is the list's third bullet.
    let item = lines
        .iter()
        .position(|l| l.ends_with("A second bulleted item."))
        .expect("the list's second item");
    assert_eq!(
        lines[item + 2].split_once(' '),
        lines[item]
            .split_once(' ')
            .map(|(b, _)| (b, "A third bulleted item.")),
        "the added item is a bullet of the list:\n{accepted}"
    );
    assert!(!accepted.contains("16 September 2020"), "{accepted}");
}
