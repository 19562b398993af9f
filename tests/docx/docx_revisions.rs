//! What a delegation sees in Word's review pane: every change a revision
//! by its State, every reason and note a comment by its author.

use crate::support;

use rapporteur::model::view::{self, View};
use rapporteur::model::Document;
use std::collections::BTreeMap;
use support::*;

fn check_counts(doc: &Document) {
    let parts = unzip(&render(doc));
    let ours = docx_changes(&parts);
    let model = model_changes(doc);
    assert_eq!(
        ours, model,
        "DOCX revisions per author differ from the model's changes"
    );
}

#[test]
fn revisions_per_author_equal_the_models_changes_in_the_example() {
    let doc = parse(&example("firearms-comments.md"));
    // The example is the real document: 8 States, more than 100 changes.
    assert!(doc.changes.len() > 100);
    check_counts(&doc);
}

#[test]
fn revisions_per_author_equal_the_models_changes_in_minimal() {
    check_counts(&parse(&example("minimal.md")));
}

#[test]
fn every_view_has_the_revisions_it_shows() {
    let doc = parse(&example("minimal.md"));
    for view in std::iter::once(View::Accepted)
        .chain([View::Original])
        .chain((0..doc.authors.len()).map(|i| View::Author(rapporteur::model::AuthorId(i))))
    {
        let shown = view::apply(&doc, view);
        let parts = unzip(&render(&shown));
        assert_eq!(docx_changes(&parts), model_changes(&shown), "view {view:?}");
        let document = xml("document", &parts["word/document.xml"]);
        let revisions = document.find_all("w:ins").len() + document.find_all("w:del").len();
        match view {
            View::Accepted | View::Original => assert_eq!(revisions, 0, "{view:?}"),
            View::Author(a) => {
                let name = &doc.author(a).name;
                for e in document
                    .find_all("w:ins")
                    .into_iter()
                    .chain(document.find_all("w:del"))
                {
                    assert_eq!(e.attr("w:author"), Some(name.as_str()), "{view:?}");
                }
            }
            View::All => {}
        }
    }
}

#[test]
fn every_revision_has_an_author_a_date_and_a_unique_id() {
    let doc = parse(&example("firearms-comments.md"));
    let parts = unzip(&render(&doc));
    let names: Vec<&str> = doc.authors.iter().map(|a| a.name.as_str()).collect();
    let mut ids = BTreeMap::new();
    for part in ["word/document.xml", "word/footnotes.xml"] {
        let Some(bytes) = parts.get(part) else {
            continue;
        };
        let root = xml(part, bytes);
        for e in root
            .find_all("w:ins")
            .into_iter()
            .chain(root.find_all("w:del"))
        {
            let author = e.attr("w:author").unwrap_or("");
            assert!(
                names.contains(&author),
                "{part}: revision by unknown author {author:?}"
            );
            let date = e.attr("w:date").expect("every revision is dated");
            assert!(date.ends_with('Z') && date.len() == 20, "{date}");
            let id = e.attr("w:id").expect("every revision has an id").to_owned();
            assert!(
                ids.insert(id.clone(), part).is_none(),
                "revision id {id} used twice"
            );
        }
    }
    // Dates are the authors' own.
    let document = xml("document", &parts["word/document.xml"]);
    for e in document.find_all("w:ins") {
        let a = doc
            .authors
            .iter()
            .find(|a| Some(a.name.as_str()) == e.attr("w:author"))
            .unwrap();
        assert_eq!(e.attr("w:date"), Some(a.date.to_string().as_str()));
    }
}

#[test]
fn an_insertion_inside_a_deletion_is_inserted_by_one_and_deleted_by_the_other() {
    let doc = parse(&example("minimal.md"));
    let parts = unzip(&render(&doc));
    let document = xml("document", &parts["word/document.xml"]);
    let nested: Vec<_> = document
        .find_all("w:ins")
        .into_iter()
        .filter(|ins| ins.attr("w:author") == Some("France"))
        .filter_map(|ins| ins.elems().find(|c| c.name == "w:del").map(|d| (ins, d)))
        .collect();
    assert_eq!(nested.len(), 1, "France's insertion inside the US deletion");
    let (_, del) = nested[0];
    assert_eq!(del.attr("w:author"), Some("United States"));
    // With the space before it, which Reject All removes with it
    // (`spacing::word_spaces`): "had already inserted" → "had inserted".
    let text: String = del.find_all("w:delText").iter().map(|t| t.text()).collect();
    assert_eq!(text, " already");
}

#[test]
fn a_change_across_a_paragraph_break_marks_the_paragraph_mark() {
    let doc = parse(&example("minimal.md"));
    let parts = unzip(&render(&doc));
    let document = xml("document", &parts["word/document.xml"]);
    let marks: Vec<&str> = document
        .find_all("w:pPr")
        .into_iter()
        .flat_map(|p| p.elems().filter(|c| c.name == "w:rPr").collect::<Vec<_>>())
        .flat_map(|r| r.elems().filter(|c| c.name == "w:del").collect::<Vec<_>>())
        .filter_map(|d| d.attr("w:author"))
        .collect();
    assert_eq!(marks, ["Canada"], "the break Canada deletes in point 2");
}

/// Comments per author: (notes, co-proposals).
fn expected_comments(doc: &Document) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for (id, s) in rapporteur::model::stats::stats(doc) {
        if s.notes > 0 {
            *out.entry(doc.author(id).name.clone()).or_default() += s.notes;
        }
    }
    // A later attribution without a reason is a co-proposal: a comment too.
    let mut groups = Vec::new();
    rapporteur::model::walk::walk_inlines(
        &doc.blocks,
        &mut |inlines| {
            for i in inlines {
                if let rapporteur::model::Inline::GroupEnd(g) = i {
                    groups.push(*g);
                }
            }
        },
        &mut |_| {},
    );
    for g in groups {
        for at in doc.group(g).attributions.iter().skip(1) {
            if at.note.is_none() {
                *out.entry(doc.author(at.author).name.clone()).or_default() += 1;
            }
        }
    }
    out
}

#[test]
fn a_comment_for_every_reason_and_note_each_anchored() {
    for name in ["firearms-comments.md", "minimal.md"] {
        let doc = parse(&example(name));
        let parts = unzip(&render(&doc));
        let comments = xml("comments", &parts["word/comments.xml"]);
        let mut by_author: BTreeMap<String, usize> = BTreeMap::new();
        for c in comments.find_all("w:comment") {
            *by_author
                .entry(c.attr("w:author").unwrap().to_owned())
                .or_default() += 1;
            let author = doc
                .authors
                .iter()
                .find(|a| Some(a.name.as_str()) == c.attr("w:author"))
                .expect("comment by a known author");
            // Each comment carries its author's initials, not empty ones.
            assert_eq!(c.attr("w:initials"), Some(author.initials.as_str()));
            assert_eq!(c.attr("w:date"), Some(author.date.to_string().as_str()));
            assert!(!c.text().trim().is_empty(), "{name}: empty comment");
        }
        assert_eq!(by_author, expected_comments(&doc), "{name}");

        // Every comment is anchored once: a range start, end and reference.
        let document = xml("document", &parts["word/document.xml"]);
        let ids = |tag: &str| {
            let mut v: Vec<String> = document
                .find_all(tag)
                .iter()
                .map(|e| e.attr("w:id").unwrap().to_owned())
                .collect();
            v.sort();
            v
        };
        let mut all: Vec<String> = comments
            .find_all("w:comment")
            .iter()
            .map(|c| c.attr("w:id").unwrap().to_owned())
            .collect();
        all.sort();
        assert_eq!(ids("w:commentRangeStart"), all, "{name}");
        assert_eq!(ids("w:commentRangeEnd"), all, "{name}");
        assert_eq!(ids("w:commentReference"), all, "{name}");
    }
}

#[test]
fn reasons_are_comments_on_their_change_and_later_attributions_on_the_same_range() {
    let doc = parse(&example("minimal.md"));
    let parts = unzip(&render(&doc));
    let comments = xml("comments", &parts["word/comments.xml"]);
    let text_of = |id: &str| {
        comments
            .find_all("w:comment")
            .into_iter()
            .find(|c| c.attr("w:id") == Some(id))
            .unwrap()
            .text()
    };
    let document = xml("document", &parts["word/document.xml"]);
    let body = document.find_all("w:body")[0];
    // Walk the body: the text inside each comment range.
    let mut open: BTreeMap<String, String> = BTreeMap::new();
    let mut ranges: BTreeMap<String, String> = BTreeMap::new();
    fn walk(
        e: &support::El,
        open: &mut BTreeMap<String, String>,
        ranges: &mut BTreeMap<String, String>,
    ) {
        match e.name.as_str() {
            "w:commentRangeStart" => {
                open.insert(e.attr("w:id").unwrap().to_owned(), String::new());
            }
            "w:commentRangeEnd" => {
                let id = e.attr("w:id").unwrap().to_owned();
                let t = open.remove(&id).unwrap();
                ranges.insert(id, t);
            }
            "w:t" | "w:delText" => {
                for t in open.values_mut() {
                    t.push_str(&e.text());
                }
            }
            _ => {
                for c in e.elems() {
                    walk(c, open, ranges);
                }
            }
        }
    }
    walk(body, &mut open, &mut ranges);
    let find = |needle: &str| {
        ranges
            .iter()
            .filter(|(id, _)| text_of(id).contains(needle))
            .map(|(id, t)| (id.clone(), t.clone()))
            .collect::<Vec<_>>()
    };
    let strong = find("too strong");
    assert_eq!(strong.len(), 1);
    assert_eq!(
        strong[0].1, "shouldare encouraged to",
        "the reason covers the group"
    );
    let prescriptive = find("very prescriptive");
    assert_eq!(prescriptive[0].1, "technical limitsmarking measures");
    let frontline = find("frontline officers");
    assert_eq!(
        frontline[0].1, "frontline officers",
        "a span note covers its span"
    );
    let standing = find("standing note");
    assert_eq!(standing[0].1, "", "a standing note stands at a point");
}

#[test]
fn a_co_proposal_is_a_comment_by_the_co_proposer_on_the_same_group() {
    let doc = parse_str(
        &front()
            .authors(&[("US", "United States"), ("France", "France")])
            .source(
                "States {--should--}{++are encouraged to++}{>>US: softer<<}{>>France<<} act.\n",
            ),
    );
    let parts = unzip(&render(&doc));
    let comments = xml("comments", &parts["word/comments.xml"]);
    let list: Vec<(String, String)> = comments
        .find_all("w:comment")
        .iter()
        .map(|c| (c.attr("w:author").unwrap().to_owned(), c.text()))
        .collect();
    assert_eq!(
        list,
        [
            // The name stays readable when Word removes personal information.
            (
                "United States".to_owned(),
                "United States: softer".to_owned()
            ),
            ("France".to_owned(), "Also proposed by France.".to_owned())
        ]
    );
}

#[test]
fn comments_made_in_a_footnote_stand_at_its_reference() {
    let doc = parse_str(
        &front()
            .author("US", "United States")
            .source("A note[^1] here.\n\n[^1]: The note {++grows++}{>>US: why<<}.\n"),
    );
    let parts = unzip(&render(&doc));
    let notes = xml("footnotes", &parts["word/footnotes.xml"]);
    assert!(notes.find_all("w:commentRangeStart").is_empty());
    assert_eq!(
        notes.find_all("w:ins").len(),
        1,
        "the change stays in the note"
    );
    let document = xml("document", &parts["word/document.xml"]);
    let p = document
        .find_all("w:p")
        .into_iter()
        .find(|p| !p.find_all("w:footnoteReference").is_empty() && p.text().contains("A note"))
        .unwrap();
    let names: Vec<&str> = p.elems().map(|e| e.name.as_str()).collect();
    let reference = p
        .elems()
        .position(|e| !e.find_all("w:footnoteReference").is_empty())
        .unwrap();
    assert_eq!(names[reference + 1], "w:commentRangeStart");
    check_counts(&doc);
}

/// Rejecting an inserted paragraph break joins the paragraphs around it;
/// the words on either side stay apart, as in Word and LibreOffice.
#[test]
fn a_removed_paragraph_break_keeps_words_apart() {
    let doc = parse_str(
        &front()
            .author("US", "United States")
            .source("Text {++across\n\nparagraphs++}{>>US<<} end.\n"),
    );
    let original = rapporteur::write::text::write(&view::apply(&doc, View::Original));
    assert!(original.trim_end().ends_with("Text end."), "{original}");
}

/// Generated documents (ten times the example, other States and changes):
/// the same per-author counts.
#[test]
fn revisions_per_author_in_generated_documents() {
    for seed in 1..3 {
        let text = rapporteur::generate::document(10, seed);
        let doc = rapporteur::read::source::parse("generated.md", &text).expect("generated parses");
        check_counts(&doc);
    }
}
