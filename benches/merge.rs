//! Time of merging 8 returned copies of the bundled example into it (the
//! copies read once; the merge aligns, builds and writes the source): the
//! issue's target is under 200 ms in a release build. `cargo bench --bench
//! merge` prints the median.

use criterion::{criterion_group, criterion_main, Criterion};
use rapporteur::merge::{merge, Copy, Options};
use std::hint::black_box;
use std::time::Duration;

const EXAMPLE: &str = include_str!("../examples/firearms-comments.md");

/// Each State's copy: a tracked insertion, an untracked substitution and
/// an untracked deletion, each at a different place, as delegations edit.
fn copies() -> Vec<Copy> {
    let codes = [
        "Canada",
        "France",
        "Morocco",
        "Peru",
        "Saudi Arabia",
        "Tunisia",
        "Ukraine",
        "US",
    ];
    let body = EXAMPLE.find("\n+++\n").expect("front matter") + 5;
    codes
        .iter()
        .enumerate()
        .map(|(k, code)| {
            let mut text = EXAMPLE.to_string();
            let mut edit = |word: &str, nth: usize, to: &str| {
                let at = text[body..]
                    .match_indices(word)
                    .map(|(i, _)| i + body)
                    .nth(nth);
                if let Some(at) = at {
                    text.replace_range(at..at + word.len(), to);
                }
            };
            edit(
                " encouraged ",
                2 * k,
                &format!(" encouraged {{++, as {code} proposes,++}}{{>>{code}<<}} "),
            );
            edit(" firearms ", 3 * k + 1, " small arms ");
            edit(" relevant ", k, " ");
            let label = format!("{code}.md");
            let doc = rapporteur::source::parse(&label, &text).expect("copy reads");
            Copy {
                code: code.to_string(),
                hash: rapporteur::provenance::fingerprint(&format!("{}{}", label, text)),
                doc,
                label,
                unrepresented: Vec::new(),
                ancestor: None,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let base = rapporteur::source::parse("firearms-comments.md", EXAMPLE).expect("valid");
    let copies = copies();
    let merged = merge(EXAMPLE, &base, &copies, &Options::default()).expect("merges");
    let proposals: usize = merged
        .report
        .copies
        .iter()
        .map(|c| c.proposals.values().sum::<usize>())
        .sum();
    assert!(proposals >= 16, "the copies' edits are merged: {proposals}");
    let mut group = c.benchmark_group("merge");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("example-8-copies", |b| {
        b.iter(|| {
            merge(
                black_box(EXAMPLE),
                &base,
                black_box(&copies),
                &Options::default(),
            )
            .expect("merges")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
