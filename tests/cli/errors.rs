//! Bad input: every problem is reported with `file:line:column`, the line
//! and what to do; nothing panics; and no output file is written.

use std::path::Path;
use std::process::Command;

const FRONT: &str = "+++\nsymbol = \"X/1\"\ndate = 2020-10-09\n[authors]\nUS = \"United States\"\nFrance = \"France\"\n+++\n";

/// A bad source: its name, its text, the message expected and where.
struct Case {
    name: &'static str,
    text: String,
    message: &'static str,
    line: usize,
    column: usize,
}

fn body(name: &'static str, body: &str, message: &'static str, line: usize, column: usize) -> Case {
    Case {
        name,
        text: format!("{FRONT}{body}"),
        message,
        line,
        column,
    }
}

fn whole(
    name: &'static str,
    text: &str,
    message: &'static str,
    line: usize,
    column: usize,
) -> Case {
    Case {
        name,
        text: text.to_string(),
        message,
        line,
        column,
    }
}

fn cases() -> Vec<Case> {
    let front_with = |extra: &str| {
        format!("+++\nsymbol = \"X/1\"\ndate = 2020-10-09\n{extra}\n[authors]\nUS = \"United States\"\n+++\nText.\n")
    };
    vec![
        body("insertion never closed", "Some {++new text{>>US<<}.\n", "`{++` is never closed", 8, 6),
        body("deletion never closed", "Some {--old text.\n\nMore.\n", "`{--` is never closed", 8, 6),
        body("closing marker alone", "Some text++} here.\n", "`++}` closes nothing", 8, 10),
        body("mismatched markers", "Some {++new--}{>>US<<} text.\n", "`--}` does not match the open `{++`", 8, 12),
        body("unattributed change", "Some {++new++} text.\n", "this change has no attribution", 8, 6),
        body("unattributed at paragraph end", "Some text {--old--}\n", "this change has no attribution", 8, 11),
        body("unknown author", "Some {++new++}{>>UK<<} text.\n", "unknown author `UK`", 8, 18),
        body("point sequence gap", "::: point 1\nA.\n:::\n\n::: point 3\nB.\n:::\n", "point 3 follows point 1", 12, 1),
        body("paragraph sequence gap", "1. One.\n\n3. Three.\n", "paragraph 3 follows paragraph 1", 10, 1),
        whole("missing symbol", "+++\ndate = 2020-10-09\n+++\nText.\n", "the front matter has no `symbol`", 1, 1),
        whole("missing date", "+++\nsymbol = \"X/1\"\n+++\nText.\n", "the front matter has no `date`", 1, 1),
        whole("unknown front-matter key", "+++\nsymbol = \"X/1\"\ndate = 2020-10-09\ncolour = \"blue\"\n+++\nText.\n", "unknown field `colour`", 4, 1),
        whole("date as a string", "+++\nsymbol = \"X/1\"\ndate = \"9 October 2020\"\n+++\nText.\n", "`date` must be a calendar date", 3, 8),
        whole("bad TOML syntax", "+++\nsymbol = X/1\ndate = 2020-10-09\n+++\nText.\n", "front matter:", 2, 10),
        body("footnote never defined", "Text.[^1]\n", "footnote `[^1]` is referenced but never defined", 8, 6),
        body("footnote never referenced", "Text.\n\n[^note]: A note.\n", "footnote `[^note]` is defined but never referenced", 10, 1),
        body("footnote inside a footnote", "Text.[^a]\n\n[^a]: See[^b].\n\n[^b]: B.\n", "a footnote cannot refer to another footnote", 10, 10),
        body("footnote defined twice", "Text.[^a]\n\n[^a]: One.\n\n[^a]: Two.\n", "footnote `[^a]` is defined twice", 12, 1),
        whole("empty file", "", "the file is empty", 1, 1),
        whole("blank file", "\n\n   \n", "the file is empty", 1, 1),
        whole("no front matter", "Just text.\n", "the file does not start with front matter", 1, 1),
        whole("front matter never closed", "+++\nsymbol = \"X/1\"\ndate = 2020-10-09\n\nText.\n", "the front matter is never closed", 1, 1),
        whole("unknown language", &front_with("language = \"xx\""), "unknown language `xx`", 4, 12),
        whole("unknown distribution", &front_with("distribution = \"Public\""), "unknown distribution `Public`", 4, 16),
        whole("unknown paper", &front_with("paper = \"A3\""), "unknown paper size `A3`", 4, 9),
        whole("unknown default author", &front_with("default_author = \"UK\""), "`default_author` names `UK`", 4, 18),
        whole("author with unknown key", "+++\nsymbol = \"X/1\"\ndate = 2020-10-09\n[authors]\nUS = { name = \"United States\", colour = \"red\" }\n+++\nText.\n", "author `US`: `colour` is not an author key", 5, 6),
        whole("author date as a string", "+++\nsymbol = \"X/1\"\ndate = 2020-10-09\n[authors]\nUS = \"United States\"\nFR = { name = \"France\", date = \"2020-09-16\" }\n+++\nText.\n", "author `FR`: `date` must be a TOML date", 6, 6),
        body("fence closes nothing", "Text.\n\n:::\n", "`:::` closes nothing", 10, 1),
        body("point never closed", "::: point 1\nText.\n", "this `:::` block is never closed", 8, 1),
        body("unknown block", "::: annex\nText.\n:::\n", "unknown block `::: annex`", 8, 1),
        body("point without number", "::: point\nText.\n:::\n", "a point needs its number", 8, 1),
        body("point inside point", "::: point 1\nA.\n::: point 2\nB.\n:::\n", "a point cannot start inside another block", 10, 1),
        body("change open at end of point", "::: point 1\nSome {--old text.\n:::\n", "`{--` is never closed", 9, 6),
        body("substitution without arrow", "Some {~~old~~}{>>US<<} text.\n", "a substitution has no `~>`", 8, 12),
        body("highlight without note", "Some {==span==} text.\n", "a highlighted span has no note", 8, 6),
        body("attribution of nothing", "Some text {>>US<<} here.\n", "`{>>US<<}` attributes nothing", 8, 11),
        body("empty attribution", "Some {++x++}{>><<} text.\n", "an attribution with no author code", 8, 13),
        body("note never closed", "Some {>>US: reason\n", "`{>>` is never closed", 8, 6),
        body("italics never closed", "Some *text here.\n", "`*` opens italics that are never closed", 8, 6),
        body("bold never closed", "Some **text here.\n", "`**` opens bold that is never closed", 8, 6),
        body("table without delimiter", "| a | b |\n| c | d |\n", "a table's second row must be its delimiter row", 9, 2),
        body("table row with wrong cell count", "| a | b |\n| --- | --- |\n| c |\n", "this row has 1 cell, the table has 2 columns", 10, 1),
        body("statement list out of order", "::: statement\n1. One.\n3. Three.\n:::\n", "list item 3 follows item 1", 10, 1),
        body("heading without text", "## {-}\n", "a heading with no text", 8, 1),
        whole("agenda star footnote taken", "+++\nsymbol = \"X/1\"\ndate = 2020-10-09\n[agenda]\nitem = \"2\"\nsymbol = \"X/0\"\n+++\nText.[^*]\n\n[^*]: Note.\n", "`[^*]` is taken by the agenda footnote", 8, 6),
        body("control character", "Some \u{1}text.\n", "a control character U+0001 in the text", 8, 6),
        body("nesting too deep", &format!("{}x\n", "{++".repeat(70)), "changes are nested more than 64 deep", 8, 193),
    ]
}

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_rapporteur")
}

/// A message with what it quotes (`{++`, `UK`, a number) blanked out: the
/// kind of problem it reports.
fn kind_of(message: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in message.chars() {
        match c {
            '`' => {
                quoted = !quoted;
                if quoted {
                    out.push_str("`…`");
                }
            }
            _ if quoted => {}
            c if c.is_ascii_digit() => {
                if !out.ends_with('#') {
                    out.push('#');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// The reader tells at least thirty kinds of bad input apart: counted on
/// the messages it gives for the cases (the first problem of each), not
/// on the list, so a reader that answered every case with one message, or
/// accepted them, would fail.
#[test]
fn at_least_thirty_kinds_of_bad_input_are_told_apart() {
    let mut kinds = std::collections::BTreeSet::new();
    for case in cases() {
        if let Err(errors) = rapporteur::read::source::parse("case.md", &case.text) {
            kinds.insert(kind_of(&errors.problems()[0].message));
        }
    }
    assert!(
        kinds.len() >= 30,
        "{} kinds of problem told apart:\n{}",
        kinds.len(),
        kinds.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn each_bad_input_is_reported_at_its_place() {
    let mut failures = Vec::new();
    for case in cases() {
        let name = format!("{}.md", case.name.replace(' ', "-"));
        match rapporteur::read::source::parse(&name, &case.text) {
            Ok(_) => failures.push(format!("{}: parsed without error", case.name)),
            Err(errors) => {
                let found = errors.problems().iter().any(|p| {
                    p.message.contains(case.message)
                        && errors.line_column(p) == (case.line, case.column)
                });
                if !found {
                    failures.push(format!(
                        "{}: expected `{}` at {}:{}, got:\n{}",
                        case.name,
                        case.message,
                        case.line,
                        case.column,
                        errors.short()
                    ));
                }
                // Every problem says what to do and points inside the file.
                for p in errors.problems() {
                    assert!(!p.help.is_empty(), "{}: no help", case.name);
                    assert!(
                        p.range.start <= case.text.len().max(1),
                        "{}: range past the end",
                        case.name
                    );
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_cli_reports_file_line_column_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for case in cases() {
        let source = dir
            .path()
            .join(format!("{}.md", case.name.replace(' ', "-")));
        std::fs::write(&source, &case.text).unwrap();
        let out_dir = dir
            .path()
            .join(format!("out-{}", case.name.replace(' ', "-")));
        std::fs::create_dir(&out_dir).unwrap();
        let output = Command::new(binary())
            .args(["render", "--to", "md,docx,pdf", "-o"])
            .arg(&out_dir)
            .arg(&source)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{}: {stderr}", case.name);
        let place = format!("{}:{}:{}: ", source.display(), case.line, case.column);
        assert!(
            stderr.contains(&place) && stderr.contains(case.message),
            "{}: expected `{place}{}` in:\n{stderr}",
            case.name,
            case.message
        );
        assert!(!stderr.contains("panicked"), "{}: {stderr}", case.name);
        assert!(
            stderr.contains("help:"),
            "{}: no help in {stderr}",
            case.name
        );
        let left: Vec<_> = std::fs::read_dir(&out_dir).unwrap().collect();
        assert!(left.is_empty(), "{}: output written: {left:?}", case.name);
    }
}

#[test]
fn all_problems_in_a_file_are_reported_in_one_run() {
    let text = format!(
        "{FRONT}Some {{++new++}} text.\n\n1. One.\n\n3. Three {{>>UK<<}}.\n\n::: point 2\nX.\n"
    );
    let errors = rapporteur::read::source::parse("many.md", &text).unwrap_err();
    let messages: Vec<&str> = errors
        .problems()
        .iter()
        .map(|p| p.message.as_str())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("no attribution")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("paragraph 3 follows paragraph 1")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("attributes nothing") || m.contains("unknown author")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("never closed")),
        "{messages:?}"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_reported_at_the_bad_byte() {
    let mut bytes = FRONT.as_bytes().to_vec();
    bytes.extend_from_slice(b"Caf\xe9 au lait.\n");
    let errors = rapporteur::read::source::parse_bytes("latin1.md", &bytes).unwrap_err();
    let p = &errors.problems()[0];
    assert!(p.message.contains("not valid UTF-8"));
    assert_eq!(errors.line_column(p), (8, 4));
    assert!(errors.to_string().contains("latin1.md:8:4"));
}

#[test]
fn a_ten_megabyte_line_is_reported_without_panic() {
    let mut text = String::from(FRONT);
    text.push_str(&"word ".repeat(2_000_000));
    text.push_str("{++never closed\n");
    assert!(text.len() > 10_000_000);
    let errors = rapporteur::read::source::parse("long.md", &text).unwrap_err();
    let p = &errors.problems()[0];
    assert!(p.message.contains("`{++` is never closed"));
    assert_eq!(errors.line_column(p), (8, 10_000_001));
    // Rendering the report stays quick and bounded.
    assert!(!errors.to_string().is_empty());
}

#[test]
fn an_input_over_the_size_limit_is_refused() {
    let size = rapporteur::read::source::MAX_INPUT_BYTES + 1;
    let bytes = vec![b'a'; size];
    let errors = rapporteur::read::source::parse_bytes("huge.md", &bytes).unwrap_err();
    assert!(errors.problems()[0]
        .message
        .contains("sources are limited to"));
}

#[test]
fn a_bad_view_is_a_usage_error() {
    let out = Command::new(binary())
        .args(["render", "--to", "md", "--view", "author=UK"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/minimal.md"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no author `UK`"));
    let out = Command::new(binary())
        .args(["render", "--view", "everything", "x.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
