//! Copies that arrive over weeks: each merged against the version it was
//! made from, one at a time in any order giving what merging them at once
//! gives, a copy merged twice changing nothing, and the mistakes stopped.
//! (The same through LibreOffice: tests/merge/merge_word.rs.)

use super::orders_support::{edit, merge_all, one_at_a_time, orders, parse};
use rapporteur::merge::{self, Copy, Options};
use rapporteur::model::view::{self, View};

const MINIMAL: &str = include_str!("../../examples/minimal.md");

/// A State's copy of `ancestor` (a source), edited as `text`.
fn copy(code: &str, ancestor: &str, text: &str) -> Copy {
    let label = format!(
        "{code}-{}.md",
        rapporteur::ooxml::provenance::fingerprint(text)
    );
    Copy {
        code: code.into(),
        hash: rapporteur::ooxml::provenance::fingerprint(text),
        doc: parse(&label, text),
        label,
        unrepresented: Vec::new(),
        ancestor: Some(parse("ancestor", ancestor)),
    }
}

/// Round one: three States edit the base at different places (one of
/// them next to another's edit in the same paragraph, one accepting a
/// change of the base).
fn round_one() -> Vec<Copy> {
    let us = edit(
        MINIMAL,
        "numbered by hand",
        "numbered {--by hand--}{++manually++}{>>US<<}",
    );
    let fr = edit(
        MINIMAL,
        "with a hanging indent",
        "with a {++wide++}{>>France<<} hanging indent",
    );
    let fr = edit(
        &fr,
        "Paragraph numbers run",
        "Paragraph numbers {++always++}{>>France<<} run",
    );
    let ca = edit(MINIMAL, "{++regularly++}{>>France<<} ", "regularly ");
    let ca = edit(
        &ca,
        "A quotation is indented",
        "A quotation {++block++}{>>Canada<<} is indented",
    );
    vec![
        copy("US", MINIMAL, &us),
        copy("France", MINIMAL, &fr),
        copy("Canada", MINIMAL, &ca),
    ]
}

#[test]
fn one_at_a_time_in_every_order_is_merging_at_once() {
    let copies = round_one();
    let at_once = merge_all(MINIMAL, &copies);
    let doc = parse("merged", &at_once.source);
    let refs: Vec<&Copy> = copies.iter().collect();
    for order in orders(&refs) {
        let text = one_at_a_time(MINIMAL, &order);
        let codes: Vec<&str> = order.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(text, at_once.source, "order {codes:?}");
        let one = parse("one", &text);
        for v in [View::All, View::Accepted, View::Original] {
            assert_eq!(
                rapporteur::write::text::write(&view::apply(&one, v)),
                rapporteur::write::text::write(&view::apply(&doc, v))
            );
        }
    }
    // Canada accepted France's change; nobody objected to anything.
    let ca = at_once.report.copy("Canada").unwrap();
    assert_eq!(ca.supports.len(), 1, "{ca:#?}");
    for c in &at_once.report.copies {
        assert!(c.objections.is_empty(), "{c:#?}");
        assert!(!c.fallback);
    }
}

#[test]
fn a_copy_says_nothing_about_changes_made_after_it_was_sent() {
    let copies = round_one();
    let m1 = merge_all(MINIMAL, &copies[..1]).source;
    // France's copy, made from the base, merged after the United States'.
    let m2 = merge_all(&m1, &copies[1..2]);
    let fr = m2.report.copy("France").unwrap();
    assert!(
        fr.objections.is_empty() && fr.supports.is_empty(),
        "{fr:#?}"
    );
    assert!(m2.source.contains("{--by hand--}{++manually++}{>>US<<}"));
    assert!(!m2.source.contains("rejects"), "{}", m2.source);
    // The same copy merged against the base given (as before: no stored
    // ancestor) rejects the change it never saw.
    let mut plain = copies[1].clone();
    plain.ancestor = None;
    let fallback = merge_all(&m1, &[plain]);
    let fr = fallback.report.copy("France").unwrap();
    assert!(fr.fallback, "{fr:#?}");
    assert_eq!(fr.objections.len(), 1, "{fr:#?}");
}

#[test]
fn a_second_round_copy_merges_against_its_own_version() {
    let copies = round_one();
    let m1 = merge_all(MINIMAL, &copies[..2]).source;
    // Round two: the United States edits m1 (its DOCX), accepting France's
    // new "wide"; meanwhile Canada's round-one copy comes in.
    let us2 = edit(&m1, "{++wide ++}{>>France<<}", "wide ");
    let us2 = edit(
        &us2,
        "the order of their first reference",
        "the order of {++the++}{>>US<<} first reference",
    );
    let round_two = copy("US", &m1, &us2);
    let at_once = merge_all(&m1, &[round_two.clone(), copies[2].clone()]);
    for order in orders(&[&round_two, &copies[2]]) {
        assert_eq!(one_at_a_time(&m1, &order), at_once.source);
    }
    // All four from the base at once: the second-round copy waits for the
    // copies its version holds (its record lists them).
    let everything = [
        copies[0].clone(),
        copies[1].clone(),
        round_two.clone(),
        copies[2].clone(),
    ];
    let all = merge_all(MINIMAL, &everything);
    // One at a time, in every order in which the second-round copy comes
    // after the two its version holds.
    for order in orders(&[0, 1, 2, 3]) {
        let pos = |k: usize| order.iter().position(|&i| i == k).unwrap();
        if pos(2) < pos(0) || pos(2) < pos(1) {
            continue;
        }
        let order: Vec<&Copy> = order.iter().map(|&i| &everything[i]).collect();
        assert_eq!(one_at_a_time(MINIMAL, &order), all.source);
    }
    // Before them, it is stopped.
    let err = merge::merge(
        MINIMAL,
        &parse("base", MINIMAL),
        &everything[2..3],
        &Options::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("was made from a version that holds copies this source does not"),
        "{err}"
    );
    let us = at_once.report.copy("US").unwrap();
    assert_eq!(us.supports.len(), 1, "{us:#?}");
    assert!(us.objections.is_empty(), "{us:#?}");
    assert!(
        at_once.source.contains("{--their--}{++the++}{>>US<<}"),
        "{}",
        at_once.source
    );
    assert!(
        at_once.source.contains("{++block ++}{>>Canada<<}"),
        "{}",
        at_once.source
    );
}

#[test]
fn a_change_where_the_text_changed_since_is_a_conflict_kept_and_reported() {
    let copies = round_one();
    // The secretariat rewrites "hanging indent" after the copies went out.
    let m1 = edit(MINIMAL, "with a hanging indent", "with an indent");
    let merged = merge_all(&m1, &copies[1..2]);
    let c: Vec<_> = merged.report.conflicts.iter().filter(|c| c.later).collect();
    assert_eq!(c.len(), 1, "{:#?}", merged.report.conflicts);
    assert_eq!(c[0].states, ["France", "edited since"]);
    assert!(c[0].texts[0].contains("wide"), "{c:#?}");
    // Kept: France's word is in, as its change.
    assert!(
        merged.source.contains("{++wide ++}{>>France<<}"),
        "{}",
        merged.source
    );
    // A later tracked change at the same place names its proposer.
    let m1 = merge_all(
        MINIMAL,
        &[copy(
            "Canada",
            MINIMAL,
            &edit(
                MINIMAL,
                "with a hanging indent",
                "with a {++deep++}{>>Canada<<} hanging indent",
            ),
        )],
    )
    .source;
    let merged = merge_all(&m1, &copies[1..2]);
    let c: Vec<_> = merged.report.conflicts.iter().filter(|c| c.later).collect();
    assert_eq!(c.len(), 1, "{:#?}", merged.report.conflicts);
    assert_eq!(c[0].states, ["France", "Canada"]);
}

#[test]
fn merging_a_copy_twice_changes_no_byte_and_says_so() {
    let copies = round_one();
    let m1 = merge_all(MINIMAL, &copies).source;
    assert_eq!(parse("m1", &m1).meta.merged.len(), 3);
    let again = merge_all(&m1, &copies[1..2]);
    assert_eq!(again.source, m1);
    assert!(again.report.copies[0].already_merged);
    // Given twice in one run: merged once.
    let twice = merge_all(MINIMAL, &[copies[0].clone(), copies[0].clone()]);
    assert_eq!(twice.source, merge_all(MINIMAL, &copies[..1]).source);
}

#[test]
fn mistakes_are_stopped() {
    let copies = round_one();
    // One file under two codes.
    let mut as_canada = copies[0].clone();
    as_canada.code = "Canada".into();
    let err = merge::merge(
        MINIMAL,
        &parse("base", MINIMAL),
        &[copies[0].clone(), as_canada],
        &Options::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("are the same file, given as US= and Canada="),
        "{err}"
    );
    // Merged before under another code.
    let m1 = merge_all(MINIMAL, &copies[..1]).source;
    let mut later = copies[0].clone();
    later.code = "France".into();
    let err = merge::merge(&m1, &parse("m1", &m1), &[later], &Options::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("was merged before as the copy of US"), "{err}");
    // A mistyped code: the nearest suggested; asked for as new, added.
    let mut typo = copies[1].clone();
    typo.code = "Frnace".into();
    let err = merge::merge(
        MINIMAL,
        &parse("base", MINIMAL),
        &[typo.clone()],
        &Options::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("did you mean France (France)?"), "{err}");
    assert!(err.contains("--new-author Frnace"), "{err}");
    let options = Options {
        new_authors: vec!["Frnace".into()],
        ..Options::default()
    };
    let added = merge::merge(MINIMAL, &parse("base", MINIMAL), &[typo], &options).unwrap();
    assert!(
        added.source.contains("Frnace = \"Frnace\""),
        "{}",
        added.source
    );
}

/// Revision 1: the secretariat settles changes (accepts the United States'
/// substitution, rejects France's insertion) and issues the text under a
/// new symbol and date. Copies of the first version that arrive after it
/// merge into Rev.1 by the same rule: what they changed is carried over;
/// what they said of a settled change is reported, not applied.
#[test]
fn copies_of_crp4_arriving_after_rev1_merge_into_it() {
    let copies = round_one();
    let crp4 = merge_all(MINIMAL, &copies[..2]).source;
    let rev1 = edit(&crp4, "{--by hand--}{++manually++}{>>US<<}", "manually");
    let rev1 = edit(&rev1, "{++wide ++}{>>France<<}", "");
    let rev1 = edit(
        &rev1,
        "symbol       = \"CTOC/COP/WG.6/2020/2\"",
        "symbol       = \"CTOC/COP/WG.6/2020/2/Rev.1\"",
    );
    let rev1 = edit(
        &rev1,
        "date         = 2020-10-09",
        "date         = 2020-11-02",
    );
    // Canada's copy of CRP.4 (made from it): accepts the United States'
    // substitution and France's insertion, and adds a word of its own.
    let ca = edit(&crp4, "{--by hand--}{++manually++}{>>US<<}", "manually");
    let ca = edit(&ca, "{++wide ++}{>>France<<}", "wide ");
    let ca = edit(
        &ca,
        "A quotation is indented",
        "A quotation {++block++}{>>Canada<<} is indented",
    );
    let ca = copy("Canada", &crp4, &ca);
    // The United States' second copy of CRP.4 deletes a word.
    let us = edit(&crp4, "lettered subparagraphs", "subparagraphs");
    let us = copy("US", &crp4, &us);
    let at_once = merge_all(&rev1, &[ca.clone(), us.clone()]);
    for order in orders(&[&ca, &us]) {
        assert_eq!(one_at_a_time(&rev1, &order), at_once.source);
    }
    let doc = parse("merged", &at_once.source);
    assert_eq!(doc.meta.symbol, "CTOC/COP/WG.6/2020/2/Rev.1");
    assert!(
        at_once.source.contains("{++block ++}{>>Canada<<}"),
        "{}",
        at_once.source
    );
    assert!(
        at_once.source.contains("{--lettered --}{>>US<<}"),
        "{}",
        at_once.source
    );
    // The settled changes stay settled; the verdicts on them are reported.
    assert!(
        at_once.source.contains("numbered manually."),
        "{}",
        at_once.source
    );
    assert!(!at_once.source.contains("wide"), "{}", at_once.source);
    let canada = at_once.report.copy("Canada").unwrap();
    assert!(canada.supports.is_empty(), "{canada:#?}");
    assert_eq!(
        canada
            .unrepresented
            .iter()
            .filter(|u| u.contains("settled since the copy was made"))
            .count(),
        2,
        "{canada:#?}"
    );
    // The record keeps what CRP.4 merged and adds what Rev.1 did.
    assert_eq!(doc.meta.merged.len(), 4);
}
