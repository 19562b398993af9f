//! Time of merging 8 returned copies of the bundled example into it (the
//! copies read once; the merge aligns, builds and writes the source), each
//! copy's ancestor the source stored in the example's DOCX (read back from
//! it, as `rapporteur merge` reads it from a returned copy): the issue's
//! target is under 100 ms in a release build. Two cases: the copies merged
//! into the text they were made from (`example-8-copies`), and into a
//! later text that holds another State's proposal (`example-8-copies-later`,
//! every copy carried over from its ancestor). `cargo bench --bench merge`
//! prints the medians.

use criterion::{criterion_group, criterion_main, Criterion};
use rapporteur::merge::{merge, Copy, Options};
use std::hint::black_box;
use std::time::Duration;

const EXAMPLE: &str = include_str!("../examples/firearms-comments.md");

/// Each State's copy: a tracked insertion, an untracked substitution and
/// an untracked deletion, each at a different place, as delegations edit.
fn copies(ancestor: &rapporteur::model::Document) -> Vec<Copy> {
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
            let doc = rapporteur::read::source::parse(&label, &text).expect("copy reads");
            Copy {
                code: code.to_string(),
                hash: rapporteur::ooxml::provenance::fingerprint(&format!("{}{}", label, text)),
                doc,
                label,
                unrepresented: Vec::new(),
                ancestor: Some(ancestor.clone()),
            }
        })
        .collect()
}

/// The example's source as its DOCX carries it.
fn stored_source(base: &rapporteur::model::Document) -> rapporteur::model::Document {
    let docx = rapporteur::write::docx::write(base, &rapporteur::write::docx::Options::default())
        .expect("renders");
    let read = rapporteur::read::docx::read(&docx, "example.docx").expect("reads");
    let text = read.ancestor.expect("the DOCX carries its source");
    rapporteur::read::source::parse("stored", &text).expect("the stored source reads")
}

fn bench(c: &mut Criterion) {
    let base = rapporteur::read::source::parse("firearms-comments.md", EXAMPLE).expect("valid");
    let copies = copies(&stored_source(&base));
    // A later text: another State's proposal merged since the copies went out.
    let later_text = EXAMPLE.replacen(
        "States should be encouraged",
        "States {--should--}{++shall++}{>>Kenya<<} be encouraged",
        1,
    );
    let later_text = later_text.replacen("[authors]\n", "[authors]\nKenya = \"Kenya\"\n", 1);
    let later = rapporteur::read::source::parse("later.md", &later_text).expect("valid");
    let merged_later = merge(&later_text, &later, &copies, &Options::default()).expect("merges");
    assert!(merged_later.report.conflicts.iter().all(|c| !c.later));
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
    // CPU time of the merge (the machine may be shared: wall time would
    // count other processes' turns).
    group.bench_function("example-8-copies", |b| {
        b.iter_custom(|iters| cpu_time(iters, EXAMPLE, &base, &copies))
    });
    group.bench_function("example-8-copies-later", |b| {
        b.iter_custom(|iters| cpu_time(iters, &later_text, &later, &copies))
    });
    group.finish();
}

/// CPU time of `iters` merges (the machine may be shared: wall time
/// would count other processes' turns).
fn cpu_time(
    iters: u64,
    text: &str,
    doc: &rapporteur::model::Document,
    copies: &[Copy],
) -> Duration {
    let start = thread_cpu();
    for _ in 0..iters {
        black_box(
            merge(black_box(text), doc, black_box(copies), &Options::default()).expect("merges"),
        );
    }
    thread_cpu() - start
}

/// CPU time of this thread (the merge runs on it alone).
fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to fill.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
    assert!(ok, "the thread CPU clock is readable");
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

criterion_group!(benches, bench);
criterion_main!(benches);
