//! Inputs at and past the limits end in a clear error or a correct result,
//! never a crash: deep nesting, huge files, many footnotes. Generated here,
//! not committed.

use crate::support::front;
use rapporteur::read::source;

fn front_matter() -> String {
    front()
        .authors(&[("US", "United States"), ("France", "France")])
        .to_string()
}

#[test]
fn nesting_ten_thousand_deep_is_a_clear_error() {
    let mut text = front_matter();
    for i in 0..10_000 {
        text.push_str(if i % 2 == 0 { "{--a " } else { "{++b " });
    }
    text.push('\n');
    let errors = source::parse("deep.md", &text).unwrap_err();
    assert!(errors
        .problems()
        .iter()
        .any(|p| p.message.contains("nested more than 64 deep")));
    // The report is bounded, not one line per open marker.
    assert!(errors.problems().len() <= 100);
    assert!(errors.to_string().len() < 200_000);
}

#[test]
fn nesting_within_the_limit_reads() {
    // Depth 60: alternating authors, each inner change attributed.
    let mut text = front_matter();
    let depth = 60;
    for i in 0..depth {
        text.push_str(if i % 2 == 0 { "{--a " } else { "{++b " });
    }
    for i in (0..depth).rev() {
        let author = if i % 2 == 0 { "US" } else { "France" };
        text.push_str(if i % 2 == 0 { "--}" } else { "++}" });
        text.push_str(&format!("{{>>{author}<<}}"));
    }
    text.push('\n');
    let doc = source::parse("nested.md", &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.changes.len(), depth);
}

#[test]
fn a_fifty_megabyte_input_is_refused_clearly() {
    let mut text = front_matter();
    let para = "States are encouraged to consider the matter. ".repeat(20) + "\n\n";
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&para);
    }
    let errors = source::parse_bytes("big.md", text.as_bytes()).unwrap_err();
    let p = &errors.problems()[0];
    assert!(
        p.message.contains("sources are limited to 32 MiB"),
        "{}",
        p.message
    );
    assert!(p.help.contains("split"));
}

#[test]
fn a_hundred_thousand_footnotes_are_refused_clearly() {
    let mut text = front_matter();
    for i in 0..100_000 {
        text.push_str(&format!("Note {i}.[^n{i}]\n"));
    }
    text.push('\n');
    for i in 0..100_000 {
        text.push_str(&format!("[^n{i}]: Text {i}.\n\n"));
    }
    let errors = source::parse("notes.md", &text).unwrap_err();
    assert!(errors
        .problems()
        .iter()
        .any(|p| p.message.contains("more than 10000 footnotes")));
}

#[test]
fn ten_thousand_footnotes_read() {
    let mut text = front_matter();
    for i in 0..10_000 {
        text.push_str(&format!("Note {i}.[^n{i}]\n"));
    }
    text.push('\n');
    for i in (0..10_000).rev() {
        text.push_str(&format!("[^n{i}]: Text {i}.\n\n"));
    }
    let doc = source::parse("notes.md", &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.footnotes.len(), 10_000);
    // Numbered by first reference, not by definition order.
    assert_eq!(
        doc.footnotes[0].mark,
        rapporteur::model::FootnoteMark::Number(1)
    );
}
