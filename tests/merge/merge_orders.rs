//! One copy at a time, in every order, gives the bytes merging at once
//! gives: where two States propose the same words (one change, co-proposed)
//! and where they change the same words differently (the same alternatives,
//! nested the same way).

use crate::support;

use super::orders_support::{edit, merge_all, one_at_a_time, orders, parse};
use rapporteur::merge::Copy;
use std::path::Path;
use std::process::Command;

const MINIMAL: &str = include_str!("../../examples/minimal.md");

fn base() -> String {
    MINIMAL.replace(
        "Canada = \"Canada\"\n",
        "Canada = \"Canada\"\nPeru = \"Peru\"\n",
    )
}

fn copy(code: &str, ancestor: &str, text: &str) -> Copy {
    let label = format!("{code}.md");
    Copy {
        code: code.into(),
        hash: rapporteur::ooxml::provenance::fingerprint(&format!("{code}{text}")),
        doc: parse(&label, text),
        label,
        unrepresented: Vec::new(),
        ancestor: Some(parse("ancestor", ancestor)),
    }
}

fn para(text: &str, find: &str) -> String {
    text.lines()
        .find(|l| l.contains(find))
        .unwrap_or("")
        .to_string()
}

fn check(copies: &[Copy], find: &str) {
    let base = base();
    let at_once = merge_all(&base, copies).source;
    let refs: Vec<&Copy> = copies.iter().collect();
    let mut bad = 0;
    for order in orders(&refs) {
        let text = one_at_a_time(&base, &order);
        let codes: Vec<&str> = order.iter().map(|c| c.code.as_str()).collect();
        if text != at_once {
            bad += 1;
            eprintln!("{codes:?}: {}", para(&text, find));
        }
    }
    assert_eq!(bad, 0);
}

#[test]
fn the_same_words_from_two_states_are_one_change_in_any_order() {
    let base = base();
    let same = |code: &str| copy(code, &base, &edit(&base, "by hand", "manually"));
    let wide = |code: &str| {
        copy(
            code,
            &base,
            &edit(&base, "with a hanging", "with a wide hanging"),
        )
    };
    check(&[same("US"), same("France")], "numbered");
    check(&[wide("Canada"), wide("Peru"), same("France")], "hanging");
}

#[test]
fn the_same_words_changed_differently_are_the_same_alternatives_in_any_order() {
    let base = base();
    let to = |code: &str, with: &str| copy(code, &base, &edit(&base, "by hand", with));
    check(
        &[
            to("US", "manually"),
            to("France", "in person"),
            to("Canada", ""),
        ],
        "numbered",
    );
}

/// Four States, with reasons: the same substitution (one with a reason),
/// another for the same words, the same insertion (one with a reason) and
/// a deletion of the same words; all 24 orders.
#[test]
fn four_copies_with_reasons_in_all_24_orders() {
    let base = base();
    let sub = |text: &str, with: &str| edit(text, "numbered by hand", with);
    let wide = |text: &str, with: &str| edit(text, "with a hanging", with);
    let us = sub(
        &base,
        "numbered {--by hand--}{++manually++}{>>US: clearer<<}",
    );
    let fr = sub(&base, "numbered manually");
    let fr = wide(&fr, "with a {++wide ++}{>>France: as in 2019<<}hanging");
    let ca = sub(
        &base,
        "numbered {--by hand--}{++in person++}{>>Canada: the practice<<}",
    );
    let ca = wide(&ca, "with a wide hanging");
    let pe = sub(&base, "numbered");
    let copies = [
        copy("US", &base, &us),
        copy("France", &base, &fr),
        copy("Canada", &base, &ca),
        copy("Peru", &base, &pe),
    ];
    let at_once = merge_all(&base, &copies).source;
    for want in [
        "{++manually++}{>>US: clearer<<}{>>France<<}",
        "{>>Canada: the practice<<}",
        "{++in person++}{>>Canada<<}",
        "with a {++wide ++}{>>France: as in 2019<<}{>>Canada<<}hanging",
    ] {
        assert!(
            at_once.contains(want),
            "{want}\n{}",
            para(&at_once, &want[..8])
        );
    }
    check(&copies, "numbered");
}

/// Runs `rapporteur` in `dir`; it must succeed. Its standard error.
fn ok(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{args:?}: {stderr}");
    stderr
}

/// `dir/base.docx` edited in LibreOffice by `user`, change tracking on,
/// saved as `dir/NAME.docx`.
fn lo_edit(dir: &Path, name: &str, user: &str, edits: &str) {
    let out = dir.join(format!("{name}.docx"));
    support::tools::lo_edit(&dir.join("base.docx"), &out, user, true, edits);
}

/// Three delegates edit the base's DOCX in LibreOffice under their own
/// names: Jane Doe (United States) and Jean Dupont (France) replace the
/// same words with the same words, Claire Tremblay (Canada) replaces them
/// with others, and the United States and Canada insert the same words
/// elsewhere. `rapporteur merge`, one copy at a time in each of the six
/// orders, writes the bytes merging the three at once writes: one
/// substitution proposed by the United States and co-proposed by France,
/// Canada's alternative nested in it, one insertion co-proposed by Canada.
#[test]
fn copies_edited_in_libreoffice_merge_the_same_in_every_order() {
    if support::missing(&[support::Tool::LibreOffice]) {
        return;
    }
    let dir = support::scratch("merge-orders");
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("base.md"), MINIMAL).unwrap();
    ok(
        &dir,
        &["render", "base.md", "--to", "docx", "-o", "base.docx"],
    );
    let manually = r#"{"op": "replace", "find": "by hand", "with": "manually"}"#;
    let second = r#"{"op": "insert_after", "find": "lettered subparagraphs", "text": " of the second level"}"#;
    lo_edit(&dir, "us", "Jane Doe", &format!("[{manually}, {second}]"));
    lo_edit(&dir, "fr", "Jean Dupont", &format!("[{manually}]"));
    let in_person = r#"{"op": "replace", "find": "by hand", "with": "in person"}"#;
    lo_edit(
        &dir,
        "ca",
        "Claire Tremblay",
        &format!("[{in_person}, {second}]"),
    );
    let names = [
        "--author=Jane Doe=US",
        "--author=Jean Dupont=France",
        "--author=Claire Tremblay=Canada",
    ];
    let copies = ["US=us.docx", "France=fr.docx", "Canada=ca.docx"];
    let mut args = vec!["merge", "base.md"];
    args.extend(copies);
    args.extend(names);
    args.extend(["-o", "at-once.md"]);
    ok(&dir, &args);
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let at_once = read("at-once.md");
    for (want, what) in [
        (
            "numbered {--{--by hand--}{>>Canada<<}--}{++manually++}{>>US<<}{>>France<<}{++in person++}{>>Canada<<}",
            "one substitution, co-proposed, Canada's alternative beside it",
        ),
        (
            "lettered subparagraphs{++ of the second level++}{>>US<<}{>>Canada<<}",
            "one insertion, co-proposed",
        ),
    ] {
        assert!(at_once.contains(want), "{what}:\n{at_once}");
    }
    for (k, order) in orders(&copies).iter().enumerate() {
        let mut text = "base.md".to_string();
        for (i, copy) in order.iter().enumerate() {
            let out = format!("order{k}-{i}.md");
            let mut args = vec!["merge", text.as_str(), copy];
            args.extend(names);
            args.extend(["-o", out.as_str()]);
            ok(&dir, &args);
            text = out;
        }
        assert_eq!(read(&text), at_once, "order {order:?}");
    }
}
