//! Property tests: the reader never panics, whatever it is given, and every
//! error it reports points inside the file; and documents with changes by
//! several States, generated with their counts, parse to those counts and
//! reach every writer.

use crate::support;

use proptest::prelude::*;
use rapporteur::model::view::{self, View};
use rapporteur::read::source;
use support::sources::{self, Generated};

const EXAMPLE: &str = include_str!("../../examples/firearms-comments.md");
const MINIMAL: &str = include_str!("../../examples/minimal.md");

/// Pieces of the syntax, so that mutations make near-misses rather than noise.
const TOKENS: &[&str] = &[
    "{++",
    "++}",
    "{--",
    "--}",
    "{~~",
    "~>",
    "~~}",
    "{==",
    "==}",
    "{>>",
    "<<}",
    "{>>US<<}",
    "{>>Canada: why<<}",
    "{>>XX<<}",
    "*",
    "**",
    "\\",
    "[^1]",
    "[^1]: note",
    "[^*]",
    "\n\n",
    "\n::: point 99\n",
    "\n:::\n",
    "\n::: statement\n",
    "\n# Heading\n",
    "\n12. ",
    "\n#. ",
    "\n(a) ",
    "\n(iv) ",
    "\n> ",
    "\n| a | b |\n| --- | --- |\n",
    "+++",
    "\n+++\n",
    "\"",
    "'",
    "--",
    "\u{feff}",
    "\r\n",
    "é",
    "中",
    "\u{0}",
];

fn check(name: &str, text: &str) -> Result<(), TestCaseError> {
    match source::parse(name, text) {
        Ok(doc) => {
            // A document that reads renders in every view.
            for view in [View::All, View::Accepted, View::Original] {
                let _ = rapporteur::write::text::write(&view::apply(&doc, view));
            }
            for i in 0..doc.authors.len() {
                let v = View::Author(rapporteur::model::AuthorId(i));
                let _ = rapporteur::write::text::write(&view::apply(&doc, v));
            }
        }
        Err(errors) => {
            prop_assert!(!errors.problems().is_empty());
            let lines = text.split('\n').count().max(1);
            for p in errors.problems() {
                prop_assert!(
                    p.range.start <= text.len(),
                    "{:?} past {}",
                    p.range,
                    text.len()
                );
                prop_assert!(p.range.start <= p.range.end);
                let (line, col) = errors.line_column(p);
                prop_assert!(line >= 1 && line <= lines, "line {line} of {lines}");
                prop_assert!(col >= 1);
                prop_assert!(!p.help.is_empty());
            }
            // The report renders.
            prop_assert!(!errors.to_string().is_empty());
        }
    }
    Ok(())
}

/// Snap a position to a char boundary.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, usize),
    Delete(usize, usize),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(a, t)| Mutation::Insert(a, t)),
        (any::<usize>(), 0..200usize).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), 0..200usize).prop_map(|(a, n)| Mutation::Duplicate(a, n)),
    ]
}

fn mutate(base: &str, mutations: &[Mutation]) -> String {
    let mut text = base.to_string();
    for m in mutations {
        match *m {
            Mutation::Insert(at, t) => {
                let at = boundary(&text, at);
                text.insert_str(at, TOKENS[t]);
            }
            Mutation::Delete(at, n) => {
                let a = boundary(&text, at);
                let b = boundary(&text, a + n);
                if b >= a {
                    text.replace_range(a..b, "");
                }
            }
            Mutation::Duplicate(at, n) => {
                let a = boundary(&text, at);
                let b = boundary(&text, a + n);
                if b >= a {
                    let piece = text[a..b].to_string();
                    text.insert_str(b, &piece);
                }
            }
        }
    }
    text
}

/// Bodies of syntax pieces (`{>>US<<}`, `{++`, `--}`, …), words and
/// characters: near-misses, and now and then a change that reads.
fn body_of_tokens() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => (0..TOKENS.len()).prop_map(|t| TOKENS[t].to_owned()),
        2 => prop::sample::select(vec!["word ", "new text", " ", "old", "Text. ", "1. "]).prop_map(str::to_owned),
        1 => "[a-zA-Z {}+~=<>*#:()\\[\\]^1.|\\-\n\\\\]{1,8}",
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

/// A generated document parses, to the counts the generator wrote, and
/// every writer renders it in every view.
fn check_generated(g: &Generated) -> Result<(), TestCaseError> {
    let doc = match source::parse("generated.md", &g.text) {
        Ok(doc) => doc,
        Err(e) => return Err(TestCaseError::fail(format!("{e}\n{}", g.text))),
    };
    for (id, s) in rapporteur::model::stats::stats(&doc) {
        let a = doc.author(id);
        let w = g.written.get(a.code.as_str()).copied().unwrap_or_default();
        prop_assert_eq!(
            (s.insertions, s.deletions, s.notes),
            (w.insertions, w.deletions, w.notes),
            "{}: (insertions, deletions, notes)\n{}",
            a.code,
            g.text
        );
    }
    let mut views = vec![View::All, View::Accepted, View::Original];
    views.extend((0..doc.authors.len()).map(|i| View::Author(rapporteur::model::AuthorId(i))));
    for v in views {
        let shown = view::apply(&doc, v);
        let text = rapporteur::write::text::write(&shown);
        // A State's view prints its changes' attributions and no one else's.
        for (i, a) in doc.authors.iter().enumerate() {
            let mine = g.written.get(a.code.as_str()).copied().unwrap_or_default();
            let shows =
                text.contains(&format!("({}", a.code)) || text.contains(&format!("; {}", a.code));
            match v {
                View::Accepted | View::Original => prop_assert!(!shows, "{v:?} shows {}", a.code),
                View::Author(b) if b.0 != i => prop_assert!(!shows, "{v:?} shows {}", a.code),
                View::Author(_) => {
                    // Its changes, the changes it co-proposes and every
                    // note it wrote (on others' changes too: what it said).
                    let own = mine.insertions + mine.deletions + mine.notes + mine.co_proposals;
                    prop_assert_eq!(shows, own > 0, "{:?}: {}", v, a.code)
                }
                View::All => {
                    let all = mine.insertions + mine.deletions + mine.notes + mine.co_proposals;
                    prop_assert_eq!(shows, all > 0, "{:?}: {}", v, a.code)
                }
            }
        }
        let _ = rapporteur::write::pandoc::write(&shown);
        let docx = rapporteur::write::docx::write(&shown, &Default::default());
        prop_assert!(docx.is_ok(), "{v:?}: {:?}", docx.err());
    }
    let pdf = rapporteur::write::pdf::write(&doc, &Default::default());
    prop_assert!(pdf.is_ok_and(|b| b.starts_with(b"%PDF-")));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn generated_documents_parse_to_their_counts_and_render(g in sources::body()) {
        check_generated(&g)?;
    }
}

/// The generator reaches the writers with several States' changes: of 200
/// documents it makes, every one parses and nearly all have changes by two
/// States or more.
#[test]
fn the_generator_makes_documents_with_several_states_changes() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = sources::body();
    let mut several = 0;
    for _ in 0..200 {
        let g = strategy.new_tree(&mut runner).unwrap().current();
        if let Err(e) = source::parse("generated.md", &g.text) {
            panic!("a generated document does not parse: {e}\n{}", g.text);
        }
        several += (g.states_with_changes() >= 2) as usize;
    }
    assert!(several >= 180, "{several} of 200 with two States or more");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        check("any.md", &text)?;
    }

    #[test]
    fn arbitrary_bodies_never_panic(body in body_of_tokens()) {
        let front = support::front().authors(&[("US", "United States"), ("Canada", "Canada")]);
        let text = format!("{front}{body}");
        check("body.md", &text)?;
    }

    #[test]
    fn mutated_examples_never_panic(mutations in prop::collection::vec(mutation(), 1..6), which in any::<bool>()) {
        let base = if which { EXAMPLE } else { MINIMAL };
        let text = mutate(base, &mutations);
        check("mutated.md", &text)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let mut data = b"+++\nsymbol = \"X\"\ndate = 2020-01-01\n+++\n".to_vec();
        data.extend_from_slice(&bytes);
        if let Err(errors) = source::parse_bytes("bytes.md", &data) {
            prop_assert!(!errors.to_string().is_empty());
        }
    }
}
