//! Lists through the commands a user runs: a source with bullets,
//! letters, roman numerals and numbers in every label form, at several
//! levels, restarting and starting later, checks, renders to a DOCX that
//! LibreOffice reads as lists with the same labels, imports back (from
//! our own structure and from Word's numbering alone) to the same text;
//! pandoc reads the `--to pandoc` export's lists; the review page has
//! `<ol type>` and `<ul>`; the PDF sets each level one tab further in. A
//! Word-made file's lists (pandoc's test suite) import as lists and go
//! back to Word with the labels Word gave them. The clean views number
//! the items a State deletes or inserts away as Word does after Accept
//! All and Reject All, and LibreOffice agrees.

use crate::support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::*;

const SOURCE: &str = "+++
symbol = \"X/LISTS/1\"
date = 2020-10-09

[authors]
US = \"United States\"
+++

The delegations proposed:

- bullet one
- bullet two {++with more++}{>>US<<}
    a) letter a
    b) letter b
        i. roman i
        ii. roman ii
            A.  upper A
            B.  upper B
- bullet three
    a) letter a again

Between the lists.

c) letter c first
d) letter d

(1) parens one
(2) parens two

I) upper roman one
II) upper roman two

▪ square bullet
";

/// Each list item's label and first two words, in order, as the source
/// means them (LibreOffice says `•` for any bullet).
const ITEMS: [(&str, &str); 17] = [
    ("•", "bullet one"),
    ("•", "bullet two"),
    ("a)", "letter a"),
    ("b)", "letter b"),
    ("i.", "roman i"),
    ("ii.", "roman ii"),
    ("A.", "upper A"),
    ("B.", "upper B"),
    ("•", "bullet three"),
    ("a)", "letter a"),
    ("c)", "letter c"),
    ("d)", "letter d"),
    ("(1)", "parens one"),
    ("(2)", "parens two"),
    ("I)", "upper roman"),
    ("II)", "upper roman"),
    ("•", "square bullet"),
];

fn rapporteur(args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(args)
        .output()
        .expect("run rapporteur");
    assert!(
        out.status.success(),
        "rapporteur {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    out
}

/// A clean scratch directory with the source in it.
fn setup(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let source = dir.join("lists.md");
    std::fs::write(&source, SOURCE).unwrap();
    (dir, source)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The label and first two words of each paragraph with a label, as
/// LibreOffice reads the files after Accept All (`which` "accepted") or
/// Reject All ("rejected").
fn libreoffice_labels(files: &[&Path], which: &str) -> BTreeMap<PathBuf, Vec<(String, String)>> {
    let out = Command::new(tools::uno_python().expect("checked"))
        .arg(root().join("tests/support/lo_paragraphs.py"))
        .args(files)
        .output()
        .expect("run the UNO script");
    assert!(
        out.status.success(),
        "LibreOffice: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut labels: BTreeMap<PathBuf, Vec<(String, String)>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() >= 4 && f[1] == which {
            let words: Vec<&str> = f[3].split_whitespace().take(2).collect();
            labels
                .entry(PathBuf::from(f[0]))
                .or_default()
                .push((f[2].to_string(), words.join(" ")));
        }
    }
    labels
}

fn expected() -> Vec<(String, String)> {
    ITEMS
        .iter()
        .map(|(l, t)| (l.to_string(), t.to_string()))
        .collect()
}

/// The list paragraphs of `--to md` output: label and first two words.
fn md_items(md: &str) -> Vec<(String, String)> {
    md.split("\n\n").filter_map(labelled).collect()
}

/// The label and first two words of a paragraph that starts with a list
/// item's label.
fn labelled(paragraph: &str) -> Option<(String, String)> {
    let mut words = paragraph.split_whitespace();
    let label = words.next()?;
    let is_label = label.ends_with(')')
        || (label.ends_with('.') && label.len() <= 4)
        || rapporteur::model::BULLETS.contains(&label.chars().next()?);
    let text: Vec<&str> = words.take(2).collect();
    is_label.then(|| (label.to_string(), text.join(" ")))
}

#[test]
fn a_source_with_lists_goes_to_word_as_lists_and_comes_back() {
    let (dir, source) = setup("lists-docx");
    rapporteur(&["check", s(&source)]);
    let md = String::from_utf8(rapporteur(&["render", s(&source), "--to", "md"]).stdout).unwrap();
    let mut want = expected();
    want[16].0 = "▪".into();
    assert_eq!(md_items(&md), want, "the md writer's labels:\n{md}");
    // Deeper levels four spaces further in.
    assert!(md.contains("\n\n    a) letter a\n"), "{md}");
    assert!(md.contains("\n\n            A. upper A\n"), "{md}");

    rapporteur(&["render", s(&source), "--to", "docx", "-o", s(&dir)]);
    let docx = dir.join("lists.docx");
    let broken = word_rules::check(&std::fs::read(&docx).unwrap());
    assert!(broken.is_empty(), "Word's rules: {broken:?}");
    validators_pass(&docx);
    // Read back from our own structure, and from Word's numbering alone
    // (the file without its customXml, as Word's own files are).
    let plain = dir.join("word-numbering-only.docx");
    let parts: BTreeMap<String, Vec<u8>> = unzip(&std::fs::read(&docx).unwrap())
        .into_iter()
        .filter(|(name, _)| !name.starts_with("customXml/"))
        .collect();
    std::fs::write(&plain, zip_parts(&parts)).unwrap();
    for (file, what) in [(&docx, "own"), (&plain, "numbering")] {
        let back = dir.join(format!("back-{what}.md"));
        rapporteur(&["import", s(file), "-o", s(&back)]);
        rapporteur(&["check", s(&back)]);
        let again =
            String::from_utf8(rapporteur(&["render", s(&back), "--to", "md"]).stdout).unwrap();
        assert_eq!(md_items(&again), md_items(&md), "imported from {what}");
        let text = std::fs::read_to_string(&back).unwrap();
        assert!(
            text.contains("\n    a) letter a\n") && text.contains("\nc) letter c first\n"),
            "the imported source ({what}) keeps the list syntax:\n{text}"
        );
    }
    if missing(&[Tool::LibreOffice]) {
        return;
    }
    let labels = libreoffice_labels(&[&docx], "accepted");
    assert_eq!(labels[&docx], expected(), "LibreOffice's labels");
}

/// The Open XML SDK's validator and openxml-audit find nothing in the
/// numbering part and the numbered paragraphs.
fn validators_pass(docx: &Path) {
    if !missing(&[Tool::OoxmlValidate]) {
        let (ok, out, err) = tools::run(Tool::OoxmlValidate, &[s(docx)]);
        assert!(ok && out.contains("Found 0 errors"), "{out}{err}");
    }
    if !missing(&[Tool::OpenxmlAudit]) {
        let out = Command::new(Tool::OpenxmlAudit.path().unwrap())
            .args(["--max-errors", "0"])
            .arg(docx)
            .output()
            .expect("run openxml-audit");
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && report.contains("Errors: 0"),
            "{report}"
        );
    }
}

#[test]
fn a_word_made_file_s_lists_come_in_as_lists_and_go_back_with_word_s_labels() {
    let dir = scratch("lists-word");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let word = root().join("tests/data/word/lists.docx");
    let source = dir.join("lists.md");
    rapporteur(&["import", s(&word), "-o", s(&source)]);
    rapporteur(&["check", s(&source)]);
    let text = std::fs::read_to_string(&source).unwrap();
    // pandoc's reading (lists.native): 1. 2. with a. b. under 2., then
    // bullets three deep (Word's level-2 bullet is Symbol's dash).
    for line in [
        "\n1. one\n",
        "\n2. two\n",
        "\n    a. a\n",
        "\n    b. b\n",
        "\n- one\n",
        "\n    – three\n",
        "\n        - four\n",
        "\n- Different list adjacent to the one above.",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
    rapporteur(&["render", s(&source), "--to", "docx", "-o", s(&dir)]);
    if missing(&[Tool::LibreOffice]) {
        return;
    }
    let ours = dir.join("lists.docx");
    let labels = libreoffice_labels(&[&word, &ours], "accepted");
    let labelled = |file: &Path| -> Vec<(String, String)> {
        labels[file]
            .iter()
            .filter(|(l, _)| !l.is_empty())
            .cloned()
            .collect()
    };
    let theirs = labelled(&word);
    assert_eq!(theirs.len(), 10, "Word's list items: {theirs:?}");
    assert_eq!(labelled(&ours), theirs);
}

#[test]
fn pandoc_reads_the_export_s_lists() {
    if missing(&[Tool::Pandoc]) {
        return;
    }
    let (dir, source) = setup("lists-pandoc");
    rapporteur(&["render", s(&source), "--to", "pandoc", "-o", s(&dir)]);
    let out = Command::new(Tool::Pandoc.path().unwrap())
        .args([
            "-f",
            "markdown",
            "-t",
            "plain",
            "-o",
            "/dev/null",
            "--lua-filter",
        ])
        .arg(root().join("tests/support/pandoc_lists.lua"))
        .arg(dir.join("lists.pandoc.md"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            // The first two words of the text.
            let (head, text) = l.rsplit_once('\t').unwrap();
            let words: Vec<&str> = text.split_whitespace().take(2).collect();
            format!("{head}\t{}", words.join(" "))
        })
        .collect();
    let want = [
        "1\tBullet\t-\t0\tbullet one",
        "1\tBullet\t-\t0\tbullet two",
        "2\tLowerAlpha\tOneParen\t1\tletter a",
        "2\tLowerAlpha\tOneParen\t2\tletter b",
        "3\tLowerRoman\tPeriod\t1\troman i",
        "3\tLowerRoman\tPeriod\t2\troman ii",
        "4\tUpperAlpha\tPeriod\t1\tupper A",
        "4\tUpperAlpha\tPeriod\t2\tupper B",
        "1\tBullet\t-\t0\tbullet three",
        "2\tLowerAlpha\tOneParen\t1\tletter a",
        "1\tLowerAlpha\tOneParen\t3\tletter c",
        "1\tLowerAlpha\tOneParen\t4\tletter d",
        "1\tDecimal\tTwoParens\t1\tparens one",
        "1\tDecimal\tTwoParens\t2\tparens two",
        "1\tUpperRoman\tOneParen\t1\tupper roman",
        "1\tUpperRoman\tOneParen\t2\tupper roman",
        "1\tBullet\t-\t0\tsquare bullet",
    ];
    assert_eq!(read, want);
}

#[test]
fn the_review_page_marks_lists_up_as_lists() {
    let (dir, source) = setup("lists-html");
    rapporteur(&["render", s(&source), "--to", "html", "-o", s(&dir)]);
    let html = std::fs::read_to_string(dir.join("lists.html")).unwrap();
    for tag in [
        "<ul class=\"lst\">",
        "<ol class=\"lst paren\" type=\"a\">",
        "<ol class=\"lst period\" type=\"i\">",
        "<ol class=\"lst period\" type=\"A\">",
        "<ol class=\"lst parens\" type=\"1\">",
        "<ol class=\"lst paren\" type=\"I\">",
        "<li value=\"3\">",
    ] {
        assert!(html.contains(tag), "{tag} in the page");
    }
    // Nested, and every list closed.
    assert!(html.contains("letter b</p>\n<ol class=\"lst period\" type=\"i\">"));
    for (open, close) in [
        (&["<ol"][..], "</ol>"),
        (&["<ul"], "</ul>"),
        (&["<li>", "<li "], "</li>"),
    ] {
        let opened: usize = open.iter().map(|o| html.matches(o).count()).sum();
        assert_eq!(opened, html.matches(close).count(), "{open:?}");
    }
}

#[test]
fn the_pdf_sets_each_level_one_tab_further_in() {
    if missing(&[Tool::Pdftotext]) {
        return;
    }
    let (dir, source) = setup("lists-pdf");
    rapporteur(&["render", s(&source), "--to", "pdf", "-o", s(&dir)]);
    let out = Command::new(Tool::Pdftotext.path().unwrap())
        .arg("-bbox")
        .arg(dir.join("lists.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let bbox = String::from_utf8(out.stdout).unwrap();
    // The x of the first word that is `word`.
    let x = |word: &str| -> f32 {
        let line = bbox
            .lines()
            .find(|l| l.ends_with(&format!(">{word}</word>")))
            .unwrap_or_else(|| panic!("{word} in the PDF"));
        let at = line.find("xMin=\"").unwrap() + 6;
        line[at..].split('"').next().unwrap().parse().unwrap()
    };
    let (bullet, letter, roman, upper) = (x("•"), x("a)"), x("i."), x("A."));
    let step = letter - bullet;
    assert!(step > 20.0, "level 2 one tab in: {bullet} {letter}");
    assert!((roman - letter - step).abs() < 0.5, "{letter} {roman}");
    assert!((upper - roman - step).abs() < 0.5, "{roman} {upper}");
    // Level 1 stands where a first-degree subparagraph's label does.
    assert!((x("c)") - bullet).abs() < 0.5);
}

/// Lists that the States change: a lettered item deleted and one
/// inserted, a level-1 item deleted between level-2 items, and two items
/// joined by a deleted break.
const CHANGED: &str = "+++
symbol = \"X/LISTS/2\"
date = 2020-10-09

[authors]
US = \"United States\"
FR = \"France\"
+++

The delegations proposed:

a) first item
b) {--second item--}{>>US<<}
c) third item
d) {++fourth item++}{>>FR<<}
e) fifth item

Chapters:

I.  Chapter one
    a) one
    b) two
II.  {--Chapter two--}{>>US<<}
    a) three
    b) four
III.  Chapter three
    a) five

Joined:

a) alpha {--one

b) beta--}{>>US<<} two
c) gamma
";

/// What Word shows after Accept All of the DOCX: the items it keeps
/// counted again in their list, `a) b)` under `I.` going on past the
/// deleted `II.` (its level-2 items are no new list once it is gone).
const ACCEPTED: [(&str, &str); 13] = [
    ("a)", "first item"),
    ("b)", "third item"),
    ("c)", "fourth item"),
    ("d)", "fifth item"),
    ("I.", "Chapter one"),
    ("a)", "one"),
    ("b)", "two"),
    ("c)", "three"),
    ("d)", "four"),
    ("II.", "Chapter three"),
    ("a)", "five"),
    ("a)", "alpha two"),
    ("b)", "gamma"),
];

/// What Word shows after Reject All: France's item gone, `e)` is `d)`.
const ORIGINAL: [(&str, &str); 15] = [
    ("a)", "first item"),
    ("b)", "second item"),
    ("c)", "third item"),
    ("d)", "fifth item"),
    ("I.", "Chapter one"),
    ("a)", "one"),
    ("b)", "two"),
    ("II.", "Chapter two"),
    ("a)", "three"),
    ("b)", "four"),
    ("III.", "Chapter three"),
    ("a)", "five"),
    ("a)", "alpha one"),
    ("b)", "beta two"),
    ("c)", "gamma"),
];

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(l, t)| (l.to_string(), t.to_string()))
        .collect()
}

/// A clean scratch directory with the changed lists' source in it.
fn setup_changed(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let source = dir.join("changed.md");
    std::fs::write(&source, CHANGED).unwrap();
    (dir, source)
}

#[test]
fn the_clean_views_number_list_items_as_word_does_after_accept_all_and_reject_all() {
    let (dir, source) = setup_changed("lists-views");
    rapporteur(&["check", s(&source)]);
    for (view, want) in [
        ("accepted", pairs(&ACCEPTED)),
        ("original", pairs(&ORIGINAL)),
    ] {
        let md = String::from_utf8(
            rapporteur(&["render", s(&source), "--to", "md", "--view", view]).stdout,
        )
        .unwrap();
        assert_eq!(md_items(&md), want, "--view {view} --to md:\n{md}");
        if missing(&[Tool::Pdftotext]) {
            continue;
        }
        let out = dir.join(view);
        std::fs::create_dir_all(&out).unwrap();
        rapporteur(&[
            "render",
            s(&source),
            "--to",
            "pdf",
            "--view",
            view,
            "-o",
            s(&out),
        ]);
        let pdf = out.join(format!("changed.{view}.pdf"));
        let (ok, text, err) = tools::run(Tool::Pdftotext, &["-layout", s(&pdf), "-"]);
        assert!(ok, "{err}");
        let items: Vec<_> = text.lines().filter_map(labelled).collect();
        assert_eq!(items, want, "--view {view}, the PDF's text:\n{text}");
    }
    // The view that shows the changes keeps the source's labels.
    let md = String::from_utf8(rapporteur(&["render", s(&source), "--to", "md"]).stdout).unwrap();
    let labels: Vec<String> = md_items(&md).into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        labels[..5],
        ["a)", "b)", "c)", "d)", "e)"].map(String::from),
        "{md}"
    );
}

#[test]
fn libreoffice_s_accept_all_and_reject_all_show_the_clean_views_labels() {
    if missing(&[Tool::LibreOffice]) {
        return;
    }
    let (dir, source) = setup_changed("lists-views-lo");
    rapporteur(&["render", s(&source), "--to", "docx", "-o", s(&dir)]);
    let docx = dir.join("changed.docx");
    for (which, view) in [("accepted", "accepted"), ("rejected", "original")] {
        let labels = libreoffice_labels(&[&docx], which);
        let theirs: Vec<_> = labels[&docx]
            .iter()
            .filter(|(l, _)| !l.is_empty())
            .cloned()
            .collect();
        let md = String::from_utf8(
            rapporteur(&["render", s(&source), "--to", "md", "--view", view]).stdout,
        )
        .unwrap();
        assert_eq!(theirs, md_items(&md), "LibreOffice's {which} labels");
    }
}
