//! Time of the DOCX writer alone on the bundled example (parsed once): the
//! issue's target is a median under 20 ms in a release build. `cargo bench
//! --bench docx` prints the median.

use criterion::{criterion_group, criterion_main, Criterion};
use rapporteur::docx::{write, Options};
use rapporteur::view::{self, View};
use std::hint::black_box;
use std::time::Duration;

const EXAMPLE: &str = include_str!("../examples/firearms-comments.md");

fn docx(c: &mut Criterion) {
    let doc = rapporteur::source::parse("firearms-comments.md", EXAMPLE).expect("valid");
    let accepted = view::apply(&doc, View::Accepted);
    let options = Options::default();
    let mut group = c.benchmark_group("docx");
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(5));
    group.bench_function("example", |b| {
        b.iter(|| write(black_box(&doc), &options).expect("renders"))
    });
    group.bench_function("example-accepted", |b| {
        b.iter(|| write(black_box(&accepted), &options).expect("renders"))
    });
    group.finish();
}

criterion_group!(benches, docx);
criterion_main!(benches);
