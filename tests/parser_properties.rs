//! Property tests: the reader never panics, whatever it is given, and every
//! error it reports points inside the file.

use proptest::prelude::*;
use rapporteur::source;
use rapporteur::view::{self, View};

const EXAMPLE: &str = include_str!("../examples/firearms-comments.md");
const MINIMAL: &str = include_str!("../examples/minimal.md");

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
                let _ = rapporteur::text::write(&view::apply(&doc, view));
            }
            for i in 0..doc.authors.len() {
                let v = View::Author(rapporteur::model::AuthorId(i));
                let _ = rapporteur::text::write(&view::apply(&doc, v));
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        check("any.md", &text)?;
    }

    #[test]
    fn arbitrary_bodies_never_panic(body in "[a-z {}+~=<>*#:()\\[\\]^1.|\\-\n\\\\]{0,400}") {
        let text = format!("+++\nsymbol = \"X\"\ndate = 2020-01-01\n[authors]\nUS = \"United States\"\n+++\n{body}");
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
