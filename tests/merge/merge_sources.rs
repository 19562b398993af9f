//! The N-way merge, with copies given as documents read from sources (the
//! base plus each State's edits: tracked, untracked, accepted, rejected,
//! commented), so that it does not depend on the DOCX reader.

use rapporteur::merge::{self, Copy, MergeError, Merged};
use rapporteur::model::view::{self, View};
use rapporteur::model::{ChangeKind, Document, Inline};
use rapporteur::read::source;
use rapporteur::write::text;

const MINIMAL: &str = include_str!("../../examples/minimal.md");

/// The base: the minimal example, with France's delegate known by name.
fn base_text() -> String {
    MINIMAL.replace(
        "France = { name = \"France\" }",
        "France = { name = \"France\", aliases = [\"Jean Dupont\"] }",
    )
}

fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(
        text.contains(from),
        "the script's text `{from}` is not in the copy"
    );
    text.replacen(from, to, 1)
}

fn add_author(text: &str, line: &str) -> String {
    edit(
        text,
        "Canada = \"Canada\"\n",
        &format!("Canada = \"Canada\"\n{line}\n"),
    )
}

/// France: a tracked substitution by its delegate (an alias), a new
/// paragraph, acceptance of a United States change, a comment on unchanged
/// words.
fn france() -> String {
    let t = add_author(&base_text(), "JD = \"Jean Dupont\"");
    let t = edit(
        &t,
        "numbered by hand",
        "numbered {--by hand--}{++manually++}{>>JD<<}",
    );
    let t = edit(
        &t,
        "#. The comments received are reproduced below.",
        "#. The comments received are reproduced below.{++\n\nFrance proposes a new paragraph here.++}{>>JD<<}",
    );
    let t = edit(
        &t,
        "the {~~draft~>revised~~}{>>US<<} text",
        "the revised text",
    );
    edit(
        &t,
        "with a hanging indent",
        "with a {==hanging indent==}{>>JD: why a hanging indent?<<}",
    )
}

/// Canada: the same words changed otherwise (untracked), an edit inside
/// the United States' insertion, an edit in a footnote, France's insertion
/// rejected.
fn canada() -> String {
    let t = edit(&base_text(), "numbered by hand", "numbered in person");
    let t = edit(
        &t,
        "{++are encouraged to++}",
        "{++are {--encouraged--}{>>Canada<<}{++invited++}{>>Canada<<} to++}",
    );
    let t = edit(
        &t,
        "[^1]: A numbered footnote.",
        "[^1]: A {++short++}{>>Canada<<} numbered footnote.",
    );
    edit(&t, "to {++regularly++}{>>France<<} exchange", "to exchange")
}

/// The United States, through "USUN Vienna" (unknown to the base) and an
/// untracked edit; Canada's deletion rejected; a comment by an intern.
fn united_states() -> String {
    let t = add_author(&base_text(), "USUN = \"USUN Vienna\"\nIntern = \"Intern\"");
    let t = edit(
        &t,
        "States {--also--}{>>Canada<<} share",
        "States also share",
    );
    let t = edit(
        &t,
        "to share data.",
        "to share {++relevant ++}{>>USUN<<}data.",
    );
    edit(
        &t,
        "A quoted block",
        "{>>Intern: check the quote against the letter<<} A quoted block",
    )
}

/// A clean copy from Mexico, a State the base does not list, edited without
/// tracking.
fn mexico() -> String {
    edit(&base_text(), "numbered automatically (it", "numbered (it")
}

fn copy(code: &str, text: &str) -> Copy {
    let label = format!("{code}.md");
    let doc = source::parse(&label, text).unwrap_or_else(|e| panic!("{e}"));
    Copy {
        code: code.into(),
        hash: rapporteur::ooxml::provenance::fingerprint(&format!("{}{}", label, text)),
        doc,
        label,
        unrepresented: Vec::new(),
        ancestor: None,
    }
}

/// Mexico and Peru are States the base does not list: asked for as new.
fn options() -> merge::Options {
    merge::Options {
        new_authors: vec!["Mexico".into(), "Peru".into()],
        ..merge::Options::default()
    }
}

fn copies() -> Vec<Copy> {
    vec![
        copy("France", &france()),
        copy("Canada", &canada()),
        copy("US", &united_states()),
        copy("Mexico", &mexico()),
    ]
}

fn run(copies: &[Copy]) -> (Merged, Document) {
    let base = base_text();
    let doc = source::parse("base.md", &base).unwrap();
    let merged = merge::merge(&base, &doc, copies, &options()).unwrap_or_else(|e| panic!("{e}"));
    let out = source::parse("merged.md", &merged.source)
        .unwrap_or_else(|e| panic!("{e}\n{}", merged.source));
    (merged, out)
}

fn stats(doc: &Document, code: &str) -> (usize, usize, usize) {
    let Some(id) = doc.author_by_code(code) else {
        return (0, 0, 0);
    };
    let s = &rapporteur::model::stats::stats(doc)[id.0].1;
    (s.insertions, s.deletions, s.notes)
}

/// The text of each change of a document, by kind, with its author's code
/// and the code of the change it is nested in.
fn changes(doc: &Document) -> Vec<(ChangeKind, String, String, Option<String>)> {
    let mut texts = vec![String::new(); doc.changes.len()];
    let mut visit = |inlines: &[Inline]| {
        for i in inlines {
            if let Inline::Text(run) = i {
                for c in [run.rev.ins, run.rev.del].into_iter().flatten() {
                    texts[c.0].push_str(&run.text);
                }
            }
        }
    };
    rapporteur::model::walk::walk_inlines(&doc.blocks, &mut visit, &mut |_| {});
    for f in &doc.footnotes {
        visit(&f.content);
    }
    doc.changes
        .iter()
        .zip(texts)
        .map(|(c, t)| {
            (
                c.kind,
                t.trim().to_string(),
                doc.author(c.author).code.clone(),
                c.parent
                    .map(|p| doc.author(doc.change(p).author).code.clone()),
            )
        })
        .collect()
}

fn find<'a>(
    list: &'a [(ChangeKind, String, String, Option<String>)],
    kind: ChangeKind,
    text: &str,
) -> &'a (ChangeKind, String, String, Option<String>) {
    list.iter()
        .find(|(k, t, _, _)| *k == kind && t == text)
        .unwrap_or_else(|| panic!("no {kind:?} “{text}” in {list:#?}"))
}

#[test]
fn each_change_belongs_to_its_state() {
    let (merged, doc) = run(&copies());
    let list = changes(&doc);
    use ChangeKind::*;
    assert_eq!(find(&list, Insertion, "manually").2, "France");
    assert_eq!(find(&list, Insertion, "in person").2, "Canada");
    assert_eq!(
        find(&list, Insertion, "France proposes a new paragraph here.").2,
        "France"
    );
    // A deletion inside another State's insertion nests in it.
    let nested = find(&list, Deletion, "encouraged");
    assert_eq!(
        (nested.2.as_str(), nested.3.as_deref()),
        ("Canada", Some("US"))
    );
    assert_eq!(find(&list, Insertion, "invited").3.as_deref(), Some("US"));
    assert_eq!(find(&list, Insertion, "short").2, "Canada");
    // An author the base does not know belongs to the copy's State.
    assert_eq!(find(&list, Insertion, "relevant").2, "US");
    // A State the base does not list is added; its untracked edit is its own.
    assert_eq!(find(&list, Deletion, "automatically").2, "Mexico");
    assert!(
        merged.source.contains("Mexico = \"Mexico\""),
        "{}",
        merged.source
    );
    // Who was matched to whom, and who was not.
    let fr = merged.report.copy("France").unwrap();
    assert!(fr
        .matched_authors
        .iter()
        .any(|m| m.name == "Jean Dupont" && m.code == "France"));
    // The new paragraph follows paragraph 6: "6 bis", and is not numbered.
    assert_eq!(fr.new_paragraphs, ["6 bis"]);
    assert!(
        merged
            .source
            .contains("#. The comments received are reproduced below.{++\n\nFrance proposes"),
        "{}",
        merged.source
    );
    let us = merged.report.copy("US").unwrap();
    assert_eq!(us.unmatched_names, ["Intern", "USUN Vienna"]);
}

#[test]
fn per_state_statistics_are_the_base_plus_the_scripted_edits() {
    let base = source::parse("base.md", &base_text()).unwrap();
    let (_, doc) = run(&copies());
    let plus = |code: &str, (i, d, n): (usize, usize, usize)| {
        let (bi, bd, bn) = stats(&base, code);
        assert_eq!(stats(&doc, code), (bi + i, bd + d, bn + n), "{code}");
    };
    // France: manually, the new paragraph | by hand | comment, acceptance
    plus("France", (2, 1, 2));
    // Canada: in person, invited, short | by hand (nested in France's),
    // encouraged | rejection of France's insertion
    plus("Canada", (3, 2, 1));
    // US: relevant | | rejection of Canada's deletion, the intern's comment
    plus("US", (1, 0, 2));
    plus("Mexico", (0, 1, 0));
}

#[test]
fn the_original_is_the_base_and_the_accepted_text_has_every_edit() {
    let base = source::parse("base.md", &base_text()).unwrap();
    let (_, doc) = run(&copies());
    let original = |d: &Document| text::write(&view::apply(d, View::Original));
    assert_eq!(original(&doc), original(&base));
    let accepted = text::write(&view::apply(&doc, View::Accepted));
    assert!(
        accepted.contains("States are encouraged to share relevant data."),
        "{accepted}"
    );
    assert!(
        accepted.contains("\nFrance proposes a new paragraph here.\n"),
        "{accepted}"
    );
    assert!(accepted.contains("numbered (it becomes 2.)"), "{accepted}");
}

#[test]
fn exactly_the_scripted_conflict_is_reported() {
    let (merged, _) = run(&copies());
    let c = &merged.report.conflicts;
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].states, ["France", "Canada"]);
    assert_eq!(c[0].place, "paragraph 1");
    assert!(
        c[0].texts[0].contains("manually") && c[0].texts[1].contains("in person"),
        "{c:#?}"
    );
    let json = serde_json::to_string(&merged.report).unwrap();
    assert!(json.contains("\"conflicts\""));
}

#[test]
fn acceptances_and_rejections_are_attributions() {
    let (merged, doc) = run(&copies());
    assert!(
        merged.source.contains("{>>France: accepts this change<<}"),
        "{}",
        merged.source
    );
    assert!(
        merged
            .source
            .contains("{++regularly++}{>>France<<}{>>Canada: rejects this change<<}"),
        "{}",
        merged.source
    );
    assert!(
        merged
            .source
            .contains("{--also--}{>>Canada<<}{>>US: rejects this change<<}"),
        "{}",
        merged.source
    );
    let fr = merged.report.copy("France").unwrap();
    assert_eq!(fr.supports.len(), 1);
    assert_eq!(fr.supports[0].proposer, "US");
    let _ = doc;
}

#[test]
fn the_order_of_the_copies_does_not_matter() {
    let all = copies();
    let (first, _) = run(&all);
    // Every rotation and the reversal.
    let mut orders: Vec<Vec<Copy>> = (0..all.len())
        .map(|k| {
            let mut v = all.clone();
            v.rotate_left(k);
            v
        })
        .collect();
    orders.push(all.iter().rev().cloned().collect());
    for order in orders {
        let (m, _) = run(&order);
        assert_eq!(m.source, first.source);
        assert_eq!(m.report, first.report);
    }
}

/// Every inserted and deleted character and every comment of each copy is
/// in the merged source.
#[test]
fn nothing_is_lost() {
    let (_, doc) = run(&copies());
    let merged_changes = changes(&doc);
    let merged_notes: Vec<&str> = doc.notes.iter().map(|n| n.text.as_str()).collect();
    for c in copies() {
        for (kind, text, _, _) in changes(&c.doc) {
            if text.is_empty() {
                continue;
            }
            let found = merged_changes
                .iter()
                .filter(|(k, _, _, _)| *k == kind)
                .map(|(_, t, _, _)| t.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            assert!(found.contains(&text), "{}: {kind:?} “{text}” lost", c.label);
        }
        for n in &c.doc.notes {
            assert!(
                merged_notes.contains(&n.text.as_str()),
                "{}: note “{}” lost",
                c.label,
                n.text
            );
        }
    }
}

#[test]
fn untouched_blocks_keep_their_bytes() {
    let (merged, _) = run(&copies());
    for line in [
        "# Every key the front matter knows. default_author is deliberately not set:",
        "(b) A second subparagraph, which has a third level:",
        "#. A note may comment on a span of unchanged text, such as {==frontline officers==}",
        "::: point 1\nDiscussion points are numbered one by one",
    ] {
        assert!(
            merged.source.contains(line),
            "lost: {line}\n{}",
            merged.source
        );
    }
}

#[test]
fn a_copy_of_the_base_changes_nothing() {
    let base = base_text();
    let france = copy("France", &base);
    let (merged, _) = run(std::slice::from_ref(&france));
    // The body and the rest of the front matter keep every byte; the
    // record says the copy was merged (with nothing in it).
    let record = format!(
        "\n\n[[merged]]\nstate = \"France\"\nfile = \"France.md\"\nhash = \"{}\"\nancestor = \"{}\"\ndate = 2020-10-09T00:00:00Z\n+++\n",
        france.hash,
        rapporteur::ooxml::provenance::document_fingerprint(&france.doc)
    );
    assert_eq!(merged.source, base.replacen("\n+++\n", &record, 1));
    assert!(merged.report.conflicts.is_empty());
    assert_eq!(merged.report.copies[0].proposals.len(), 0);
}

#[test]
fn a_copy_of_another_document_is_an_error() {
    let base = base_text();
    let doc = source::parse("base.md", &base).unwrap();
    let other = rapporteur::generate::document(1, 7);
    let err = merge::merge(&base, &doc, &[copy("France", &other)], &options()).unwrap_err();
    assert!(matches!(err, MergeError::Unrelated { .. }), "{err}");
    assert!(err.to_string().contains("France.md"), "{err}");
}

/// A reader may put the edge of a block a paragraph off (the first
/// paragraph of a statement before its fence): the text is the same, so
/// nothing is proposed.
#[test]
fn a_block_edge_a_paragraph_off_changes_nothing() {
    let base = base_text();
    let moved = edit(
        &base,
        "::: statement\nFrance's own text is not numbered, and its own list does not touch the paragraph numbers of the document:\n",
        "France's own text is not numbered, and its own list does not touch the paragraph numbers of the document:\n\n::: statement\n",
    );
    let moved = edit(&moved, "Numbering resumes", "The numbering resumes");
    let (merged, doc) = run(&[copy("Peru", &moved)]);
    let list = changes(&doc);
    assert_eq!(find(&list, ChangeKind::Deletion, "Numbering").2, "Peru");
    let peru = &merged.report.copies[0];
    assert_eq!(peru.proposals.values().sum::<usize>(), 2, "{peru:#?}");
    assert!(peru.new_paragraphs.is_empty(), "{peru:#?}");
}

/// Two States proposing the same words: one change, the second State a
/// co-proposer, no conflict.
#[test]
fn the_same_proposal_twice_is_one_change_with_a_co_proposer() {
    let base = base_text();
    let same = edit(&base, "to share data.", "to exchange data.");
    let (merged, doc) = run(&[copy("Canada", &same), copy("France", &same)]);
    assert!(
        merged.report.conflicts.is_empty(),
        "{:#?}",
        merged.report.conflicts
    );
    assert!(
        merged
            .source
            .contains("{--share--}{++exchange++}{>>France<<}{>>Canada<<} data."),
        "{}",
        merged.source
    );
    let list = changes(&doc);
    let exchange: Vec<_> = list.iter().filter(|c| c.1 == "exchange").collect();
    assert_eq!(exchange.len(), 1, "{list:#?}");
    let canada = merged.report.copy("Canada").unwrap();
    assert_eq!(canada.co_proposals.len(), 1, "{canada:#?}");
    assert_eq!(canada.co_proposals[0].proposer, "France");
    assert!(
        canada.co_proposals[0].text.contains("exchange"),
        "{canada:#?}"
    );
    // Inserting the same words at the same place, too.
    let added = edit(&base, "to share data.", "to share all data.");
    let (merged, _) = run(&[copy("US", &added), copy("Canada", &added)]);
    assert!(merged.report.conflicts.is_empty());
    assert!(
        merged.source.contains("{++all ++}{>>US<<}{>>Canada<<}data"),
        "{}",
        merged.source
    );
}

/// A paragraph added at the end of a point, or at the very end of the
/// body, is a new paragraph after the last one there.
#[test]
fn new_paragraphs_at_the_end_of_a_block_are_kept() {
    let base = base_text();
    let t = edit(
        &base,
        "headed \"Discussion point\" in italics; their own paragraphs are not numbered.[^**]\n:::",
        "headed \"Discussion point\" in italics; their own paragraphs are not numbered.[^**]\n\nA new last paragraph of the point.\n:::",
    );
    let t = edit(
        &t,
        "| Canada | Canada | 9 October 2020 (the document date) |\n",
        "| Canada | Canada | 9 October 2020 (the document date) |\n\nA closing paragraph.\n",
    );
    let (merged, doc) = run(&[copy("Canada", &t)]);
    let list = changes(&doc);
    assert_eq!(
        find(
            &list,
            ChangeKind::Insertion,
            "A new last paragraph of the point."
        )
        .2,
        "Canada"
    );
    let accepted = text::write(&view::apply(&doc, View::Accepted));
    assert!(
        accepted.contains("\nA new last paragraph of the point.\n"),
        "{accepted}"
    );
    // After a table no paragraph can hold it: reported, not dropped.
    let c = &merged.report.copies[0];
    assert!(
        c.unrepresented
            .iter()
            .any(|u| u.contains("A closing paragraph.")),
        "{c:#?}"
    );
}
