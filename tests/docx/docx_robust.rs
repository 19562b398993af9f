//! Generated documents with changes by several States render, in every
//! view, to a package whose parts are well-formed, whose comments are all
//! anchored, and whose revisions and comments per author are the ones the
//! generator wrote.

use crate::support;

use proptest::prelude::*;
use rapporteur::model::view::{self, View};
use std::collections::BTreeMap;
use support::sources::{self, Generated};
use support::*;

const FRONT: &str = "+++\nsymbol = \"A/B & <C>/1\"\ndate = 2020-01-01\n\
organ = \"Organ \\\"quoted\\\" & <b>\"\n\
[agenda]\nitem = \"1\"\nof = \"provisional agenda\"\nsymbol = \"A/1\"\n\
[authors]\nUS = { name = \"United <States> & Co\", date = 2020-09-16T00:00:00Z }\nFR = \"France\"\n+++\n\n";

fn check(bytes: &[u8]) {
    check_parts(&unzip(bytes));
}

/// Every part well-formed, every comment anchored once.
fn check_parts(parts: &BTreeMap<String, Vec<u8>>) {
    // Every part but page 1's barcode image is XML.
    for (path, b) in parts.iter().filter(|(p, _)| !p.ends_with(".png")) {
        xml(path, b);
    }
    let document = xml("document", &parts["word/document.xml"]);
    let mut stories = vec![document];
    if let Some(f) = parts.get("word/footnotes.xml") {
        stories.push(xml("footnotes", f));
    }
    let count = |tag: &str| -> usize { stories.iter().map(|s| s.find_all(tag).len()).sum() };
    let comments = parts
        .get("word/comments.xml")
        .map_or(0, |c| xml("comments", c).find_all("w:comment").len());
    assert_eq!(count("w:commentRangeStart"), comments);
    assert_eq!(count("w:commentRangeEnd"), comments);
    assert_eq!(count("w:commentReference"), comments);
}

/// The generated States under names that need escaping in XML.
const ESCAPED: [(&str, &str); 3] = [
    ("US", "United <States> & Co"),
    ("FR", "France \"quoted\""),
    ("Canada", "Canada"),
];

/// A generated body (changes by several States, with the counts the
/// generator wrote) under `FRONT`'s awkward metadata and `ESCAPED`'s names.
fn escaped(g: &Generated) -> String {
    let body = g
        .text
        .strip_prefix(&sources::front_matter())
        .expect("the generator's front matter");
    let mut front = FRONT.replace(
        "US = { name = \"United <States> & Co\", date = 2020-09-16T00:00:00Z }\nFR = \"France\"\n",
        "",
    );
    let authors: String = ESCAPED
        .iter()
        .map(|(code, name)| {
            format!("{code} = {{ name = {name:?}, date = 2020-09-16T00:00:00Z }}\n")
        })
        .collect();
    front = front.replace("[authors]\n", &format!("[authors]\n{authors}"));
    format!("{front}{body}")
}

/// What the generator wrote, per (kind, DOCX author name), and the comments
/// it calls for (notes and co-proposals) per name.
fn expected(
    g: &Generated,
    only: Option<&str>,
) -> (BTreeMap<(Kind, String), usize>, BTreeMap<String, usize>) {
    let mut changes = BTreeMap::new();
    let mut comments = BTreeMap::new();
    for (code, name) in ESCAPED {
        if only.is_some_and(|o| o != code) {
            continue;
        }
        let w = g.written.get(code).copied().unwrap_or_default();
        for (kind, n) in [
            (Kind::Insertion, w.insertions),
            (Kind::Deletion, w.deletions),
        ] {
            if n > 0 {
                changes.insert((kind, name.to_owned()), n);
            }
        }
        if only.is_none() && w.notes + w.co_proposals > 0 {
            comments.insert(name.to_owned(), w.notes + w.co_proposals);
        }
        // A State's view shows what it co-proposes, counted to the
        // proposer.
        if only.is_some() {
            for (k, n) in w.co_proposed.iter().enumerate().filter(|(_, n)| **n > 0) {
                *changes
                    .entry((Kind::Insertion, ESCAPED[k].1.to_owned()))
                    .or_default() += n;
            }
        }
    }
    (changes, comments)
}

/// The model's changes per (kind, author name), as `view::stats` counts
/// them (what the generator wrote).
fn raw_changes(doc: &rapporteur::model::Document) -> BTreeMap<(Kind, String), usize> {
    let mut out = BTreeMap::new();
    for (id, s) in rapporteur::model::stats::stats(doc) {
        let name = doc.author(id).name.clone();
        for (kind, n) in [
            (Kind::Insertion, s.insertions),
            (Kind::Deletion, s.deletions),
        ] {
            if n > 0 {
                out.insert((kind, name.clone()), n);
            }
        }
    }
    out
}

fn comments_by_author(parts: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    if let Some(c) = parts.get("word/comments.xml") {
        for c in xml("comments", c).find_all("w:comment") {
            *out.entry(c.attr("w:author").unwrap().to_owned())
                .or_default() += 1;
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn generated_documents_render_their_states_changes_in_every_view(g in sources::body()) {
        let source = escaped(&g);
        let doc = match rapporteur::read::source::parse("p.md", &source) {
            Ok(doc) => doc,
            Err(e) => return Err(TestCaseError::fail(format!("{e}\n{source}"))),
        };
        let bytes = render(&doc);
        check(&bytes);
        prop_assert!(bytes == render(&doc), "two renders differ");
        let parts = unzip(&bytes);
        let (changes, comments) = expected(&g, None);
        // The model holds what the generator wrote; the DOCX holds the
        // model's changes (two of one State's that touch once their spaces
        // are moved show as one: `support::model_changes`).
        prop_assert_eq!(raw_changes(&doc), changes, "changes per author\n{}", source);
        prop_assert_eq!(docx_changes(&parts), model_changes(&doc), "revisions per author\n{}", source);
        prop_assert_eq!(comments_by_author(&parts), comments, "comments per author\n{}", source);
        for v in [View::Accepted, View::Original] {
            let parts = unzip(&render(&view::apply(&doc, v)));
            check_parts(&parts);
            prop_assert!(docx_changes(&parts).is_empty(), "{:?}", v);
            prop_assert!(comments_by_author(&parts).is_empty(), "{:?}", v);
        }
        for (i, (code, _)) in ESCAPED.iter().enumerate() {
            let v = View::Author(rapporteur::model::AuthorId(i));
            let shown = view::apply(&doc, v);
            let parts = unzip(&render(&shown));
            check_parts(&parts);
            prop_assert_eq!(docx_changes(&parts), model_changes(&shown), "view author={}\n{}", code, source);
            prop_assert_eq!(raw_changes(&shown), expected(&g, Some(code)).0, "view author={}\n{}", code, source);
        }
    }
}

#[test]
fn escaping_in_names_reasons_and_metadata() {
    let source = format!("{FRONT}Text {{++x++}}{{>>US: a & b < c<<}} end.\n");
    let doc = parse_str(&source);
    let parts = unzip(&render(&doc));
    let comments = xml("comments", &parts["word/comments.xml"]);
    let c = &comments.find_all("w:comment")[0];
    assert_eq!(c.attr("w:author"), Some("United <States> & Co"));
    assert_eq!(c.text(), "United <States> & Co: a & b < c");
    let core = xml("core", &parts["docProps/core.xml"]);
    assert_eq!(core.find_all("dc:subject")[0].text(), "A/B & <C>/1");
}

#[test]
fn a_document_with_only_the_required_front_matter() {
    let doc = parse_str("+++\nsymbol = \"X/1\"\ndate = 2020-10-09\n+++\n\nJust text.\n");
    check(&render(&doc));
}

/// Every language renders, with its masthead labels and job letter;
/// Arabic is set right to left.
#[test]
fn every_language() {
    use rapporteur::model::Language;
    let base = parse(&example("minimal.md"));
    for (lang, job) in [
        (Language::En, "(E)"),
        (Language::Fr, "(F)"),
        (Language::Es, "(S)"),
        (Language::Ru, "(R)"),
        (Language::Ar, "(A)"),
        (Language::Zh, "(C)"),
    ] {
        let mut doc = base.clone();
        doc.meta.language = lang;
        let bytes = render(&doc);
        check(&bytes);
        let parts = unzip(&bytes);
        let header = xml("header", &parts["word/header1.xml"]).text();
        let labels = rapporteur::house::style::Labels::get(lang);
        assert!(
            header.starts_with(&labels.united_nations),
            "{lang:?}: {header}"
        );
        assert!(xml("footer", &parts["word/footer1.xml"])
            .text()
            .ends_with(job));
        let styles = xml("styles", &parts["word/styles.xml"]);
        // Right to left by default (the English Distr. column's style
        // turns it off again with w:val="0").
        let on = styles
            .find_all("w:bidi")
            .into_iter()
            .filter(|e| e.attr("w:val") != Some("0"))
            .count();
        assert_eq!(on, (lang == Language::Ar) as usize);
    }
}
