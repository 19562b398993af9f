//! The merge on many copies made by random edits of real and generated
//! sources: it always gives a source that reads, whose `original` view is
//! the base's, the same for any order of the copies, with every change of
//! every copy in it.

use rapporteur::merge::{self, Copy};
use rapporteur::model::view::{self, View};
use rapporteur::model::{ChangeKind, Document, Inline};
use rapporteur::read::source;
use rapporteur::write::text;

/// SplitMix64: the same edits every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Byte ranges of words of the body that an editor could retype: letters
/// only, not inside a note or an attribution, not on a fence or footnote
/// definition line.
fn words(text: &str) -> Vec<std::ops::Range<usize>> {
    let body = text[3..].find("\n+++").map_or(0, |i| i + 7);
    let mut out = Vec::new();
    let mut start = None;
    let mut in_note = false;
    let mut skip_line = false;
    let bytes = text.as_bytes();
    for (i, c) in text[body..].char_indices().map(|(i, c)| (i + body, c)) {
        if i == body || bytes[i - 1] == b'\n' {
            let line = &text[i..];
            skip_line = line.starts_with(":::") || line.starts_with("[^");
        }
        if text[i..].starts_with("{>>") {
            in_note = true;
        } else if text[..i].ends_with("<<}") {
            in_note = false;
        }
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if i - s >= 4 && !in_note && !skip_line {
                    out.push(s..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// One State's copy: a few random edits, each kept only if the copy still
/// reads (as a returned Word file always does).
fn edited_copy(base: &str, code: &str, rng: &mut Rng, edits: usize) -> String {
    let mut text = base.to_string();
    for n in 0..edits {
        let w = words(&text);
        if w.is_empty() {
            break;
        }
        let r = w[rng.below(w.len())].clone();
        let word = text[r.clone()].to_string();
        let replacement = match rng.below(5) {
            0 => format!("{word}ly"),
            1 => String::new(),
            2 => format!("{word} {{++added{n} by {code}++}}{{>>{code}<<}}"),
            3 => format!("{{--{word}--}}{{>>{code}<<}}"),
            _ => format!("{word} new{n}words"),
        };
        let mut next = text.clone();
        next.replace_range(r, &replacement);
        if source::parse("copy.md", &next).is_ok() {
            text = next;
        }
    }
    text
}

fn original(doc: &Document) -> String {
    text::write(&view::apply(doc, View::Original))
}

fn change_texts(doc: &Document, kind: ChangeKind) -> Vec<String> {
    let mut texts = vec![String::new(); doc.changes.len()];
    let mut visit = |inlines: &[Inline]| {
        for i in inlines {
            if let Inline::Text(run) = i {
                // Runs apart: words are compared, and a run may end inside one.
                for c in [run.rev.ins, run.rev.del].into_iter().flatten() {
                    texts[c.0].push(' ');
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
        .filter(|(c, _)| c.kind == kind)
        .map(|(_, t)| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

fn check(name: &str, base_text: &str, seed: u64) {
    let base = source::parse(name, base_text).unwrap_or_else(|e| panic!("{e}"));
    let mut rng = Rng(seed);
    let mut codes: Vec<String> = base
        .authors
        .iter()
        .take(3)
        .map(|a| a.code.clone())
        .collect();
    codes.push("Zambia".into());
    let options = merge::Options {
        new_authors: vec!["Zambia".into()],
        ..merge::Options::default()
    };
    let copies: Vec<Copy> = codes
        .iter()
        .map(|code| {
            let text = edited_copy(base_text, code, &mut rng, 6);
            let label = format!("{code}.md");
            let doc = source::parse(&label, &text).unwrap_or_else(|e| panic!("{e}"));
            Copy {
                code: code.clone(),
                hash: rapporteur::ooxml::provenance::fingerprint(&format!("{}{}", label, text)),
                doc,
                label,
                unrepresented: Vec::new(),
                ancestor: None,
            }
        })
        .collect();
    let merged = merge::merge(base_text, &base, &copies, &options)
        .unwrap_or_else(|e| panic!("{name} seed {seed}: {e}"));
    let doc = source::parse("merged.md", &merged.source)
        .unwrap_or_else(|e| panic!("{name} seed {seed}: {e}"));
    assert_eq!(original(&doc), original(&base), "{name} seed {seed}");
    let reversed: Vec<Copy> = copies.iter().rev().cloned().collect();
    let again = merge::merge(base_text, &base, &reversed, &options).unwrap();
    assert_eq!(again.source, merged.source, "{name} seed {seed}: order");
    // Every word a copy inserted or deleted is in a change of that kind
    // (a copy may also remove words from a change of the base, which the
    // merge cannot remove: they stay, so a change's text may be longer).
    let base_words: std::collections::BTreeSet<String> = change_texts(&base, ChangeKind::Deletion)
        .join(" ")
        .split_whitespace()
        .map(String::from)
        .collect();
    let inserted = change_texts(&doc, ChangeKind::Insertion).join(" ");
    for kind in [ChangeKind::Insertion, ChangeKind::Deletion] {
        let all = change_texts(&doc, kind).join(" ");
        let mut merged_words: std::collections::BTreeSet<&str> = all.split_whitespace().collect();
        // A word typed into a deleted passage is a new word: an insertion.
        if kind == ChangeKind::Deletion {
            merged_words.extend(
                inserted
                    .split_whitespace()
                    .filter(|w| !base_words.contains(*w)),
            );
        }
        for c in &copies {
            for t in change_texts(&c.doc, kind) {
                for w in t.split_whitespace() {
                    assert!(
                        merged_words.contains(w) || merged_words.iter().any(|m| m.contains(w)),
                        "{name} seed {seed}: {}: {kind:?} “{w}” of “{t}” lost\n{}",
                        c.label,
                        merged.source
                    );
                }
            }
        }
    }
}

#[test]
fn random_copies_of_the_examples_merge() {
    for seed in 1..=8 {
        check(
            "minimal.md",
            include_str!("../../examples/minimal.md"),
            seed,
        );
        check(
            "firearms-comments.md",
            include_str!("../../examples/firearms-comments.md"),
            seed,
        );
    }
}

#[test]
fn random_copies_of_generated_sources_merge() {
    for seed in 1..=4 {
        let src = rapporteur::generate::document(1, seed);
        check("generated.md", &src, seed);
    }
}
