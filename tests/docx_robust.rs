//! Any document the parser accepts renders, in every view, to a package
//! whose parts are well-formed and whose comments are all anchored.

mod support;

use proptest::prelude::*;
use rapporteur::view::{self, View};
use support::*;

const FRONT: &str = "+++\nsymbol = \"A/B & <C>/1\"\ndate = 2020-01-01\n\
organ = \"Organ \\\"quoted\\\" & <b>\"\n\
[agenda]\nitem = \"1\"\nof = \"provisional agenda\"\nsymbol = \"A/1\"\n\
[authors]\nUS = { name = \"United <States> & Co\", date = 2020-09-16T00:00:00Z }\nFR = \"France\"\n+++\n\n";

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("word ".to_owned()),
        Just("*italic* and **bold** ".to_owned()),
        Just("{++inserted++}{>>US<<} ".to_owned()),
        Just("{--deleted--}{>>FR: a reason & <why>\u{7}<<} ".to_owned()),
        Just("{~~old~>new~~}{>>US<<}{>>FR<<} ".to_owned()),
        Just("{--outer {++inner++}{>>FR<<} rest--}{>>US<<} ".to_owned()),
        Just("{--end of one\n\nstart of next--}{>>FR<<} ".to_owned()),
        Just("{++new\n\nparagraph++}{>>US: added<<} ".to_owned()),
        Just("{==span==}{>>US: what?<<} ".to_owned()),
        Just("{>>FR: a standing note<<} ".to_owned()),
        Just("a note[^1] ".to_owned()),
        Just("\n\n".to_owned()),
        Just("\n\n#. Numbered ".to_owned()),
        Just("\n\n(a) Sub ".to_owned()),
        Just("\n\n> quoted ".to_owned()),
        Just("\ttab ".to_owned()),
    ]
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 1..25).prop_map(|v| {
        let mut s = String::from("# Heading\n\n");
        s.push_str(&v.concat());
        s.push_str("\n\n::: point 1\nPoint text ");
        s.push_str(&v[..v.len().min(4)].concat());
        s.push_str("\n:::\n\n[^1]: The note {++with a change++}{>>US: in a note<<}.\n\n| a | b |\n| --- | --- |\n| {++x++}{>>FR<<} | y |\n");
        s
    })
}

fn check(bytes: &[u8]) {
    let parts = unzip(bytes);
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn any_accepted_document_renders_in_every_view(body in body()) {
        let source = format!("{FRONT}{body}");
        let Ok(doc) = rapporteur::source::parse("p.md", &source) else {
            return Ok(());
        };
        let views = [View::All, View::Accepted, View::Original, View::Author(rapporteur::model::AuthorId(0)), View::Author(rapporteur::model::AuthorId(1))];
        for v in views {
            let shown = view::apply(&doc, v);
            let bytes = render(&shown);
            check(&bytes);
            if v == View::All {
                prop_assert!(bytes == render(&shown));
            }
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
        let labels = rapporteur::style::Labels::get(lang);
        assert!(
            header.starts_with(&labels.united_nations),
            "{lang:?}: {header}"
        );
        assert!(xml("footer", &parts["word/footer1.xml"])
            .text()
            .ends_with(job));
        let styles = xml("styles", &parts["word/styles.xml"]);
        assert_eq!(
            styles.find_all("w:bidi").len(),
            (lang == Language::Ar) as usize
        );
    }
}
