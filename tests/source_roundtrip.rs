//! The source writer: parse → write → parse gives the same document in
//! every view (as `--to md` prints it) and the same changes and notes per
//! author, for the bundled examples and generated sources.

use rapporteur::model::{AuthorId, Document};
use rapporteur::view::{self, View};
use rapporteur::{source, source_write, text};

fn views(doc: &Document) -> Vec<View> {
    let mut v = vec![View::All, View::Accepted, View::Original];
    v.extend((0..doc.authors.len()).map(|i| View::Author(AuthorId(i))));
    v
}

/// Everything the round trip must keep, as text: each view and the stats.
fn fingerprint(doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = views(doc)
        .into_iter()
        .map(|v| text::write(&view::apply(doc, v)))
        .collect();
    for (id, s) in view::stats(doc) {
        let a = doc.author(id);
        out.push(format!(
            "{} {} {:?} {} {} {}",
            a.code, a.name, a.aliases, s.insertions, s.deletions, s.notes
        ));
    }
    out
}

fn round_trip(name: &str, src: &str) {
    let doc = source::parse(name, src).unwrap_or_else(|e| panic!("{e}"));
    let written = source_write::write(&doc);
    let again = source::parse("written.md", &written).unwrap_or_else(|e| {
        panic!("{name}: the written source does not read back:\n{e}\n{written}")
    });
    let (a, b) = (fingerprint(&doc), fingerprint(&again));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        if x != y {
            let diff = similar::TextDiff::from_lines(x, y);
            panic!(
                "{name}: round trip differs:\n{}",
                diff.unified_diff().context_radius(2)
            );
        }
    }
    // Writing is stable: the written source writes itself again.
    assert_eq!(
        source_write::write(&again),
        written,
        "{name}: not a fixed point"
    );
}

#[test]
fn bundled_examples_round_trip() {
    round_trip(
        "firearms-comments.md",
        include_str!("../examples/firearms-comments.md"),
    );
    round_trip("minimal.md", include_str!("../examples/minimal.md"));
    round_trip("footnotes.md", include_str!("data/footnotes.md"));
}

#[test]
fn generated_sources_round_trip() {
    for seed in 1..=6 {
        let src = rapporteur::generate::document(1, seed);
        round_trip(&format!("generated seed {seed}"), &src);
    }
}

#[test]
fn syntax_in_text_is_escaped() {
    let src = "+++\nsymbol = \"X\"\ndate = 2020-01-01\nlanguage = \"fr\"\n[authors]\n\"Saudi Arabia\" = { name = \"Saudi Arabia\", aliases = [\"KSA Mission\"] }\nUS = { name = \"United States\", date = 2020-09-16T00:00:00Z }\n+++\n\n\\# not a heading \\* star \\{++ not a change \\[^x] \\\"straight\\\" 1\\--2 a\\+\\+} b\\~> c\\=\\=}.\n\n\\12. not numbered, \\(a) not lettered: \\\\ backslash.\n\n{++*new* **bold** text++}{>>US: why \\\"so\\\" <\\<} here<<} {--gone {++in++}{>>Saudi Arabia<<} it--}{>>US<<}.\n\n| a \\| b | c |\n| --- | ---: |\n| {++x++}{>>US<<} | y |\n";
    round_trip("escapes.md", src);
    let doc = source::parse("escapes.md", src).unwrap();
    let written = source_write::write(&doc);
    assert!(written.contains("aliases = [\"KSA Mission\"]"), "{written}");
}

#[test]
fn aliases_must_be_a_list_of_names() {
    let head = "+++\nsymbol = \"X\"\ndate = 2020-01-01\n[authors]\n";
    let ok = format!("{head}US = {{ name = \"United States\", aliases = [\"Jane Doe\", \"USUN Vienna\"] }}\n+++\nText.\n");
    let doc = source::parse("ok.md", &ok).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.authors[0].aliases, ["Jane Doe", "USUN Vienna"]);
    assert!(doc.authors[0].answers_to("usun vienna"));
    assert!(!doc.authors[0].answers_to("Canada"));
    for bad in [
        "aliases = \"Jane Doe\"",
        "aliases = [\"\"]",
        "aliases = [1]",
    ] {
        let text = format!("{head}US = {{ name = \"United States\", {bad} }}\n+++\nText.\n");
        let err = source::parse("bad.md", &text).unwrap_err().short();
        assert!(
            err.contains("bad.md:5:") && err.contains("aliases"),
            "{bad}: {err}"
        );
    }
}
