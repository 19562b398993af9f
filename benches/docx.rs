//! Time of the DOCX writer alone (parsed once) on the bundled example, its
//! accepted view and the generated 100-fold document. `cargo bench --bench
//! docx` prints the medians.

use criterion::{criterion_group, criterion_main, Criterion};
use rapporteur::model::view::{self, View};
use rapporteur::write::docx::{write, Options};
use std::hint::black_box;
use std::time::Duration;

const EXAMPLE: &str = include_str!("../examples/firearms-comments.md");

fn docx(c: &mut Criterion) {
    let doc = rapporteur::read::source::parse("firearms-comments.md", EXAMPLE).expect("valid");
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
    let generated = rapporteur::generate::document(100, 1);
    let big = rapporteur::read::source::parse("generated-x100.md", &generated).expect("valid");
    let mut group = c.benchmark_group("docx");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("generated-x100", |b| {
        b.iter(|| write(black_box(&big), &options).expect("renders"))
    });
    group.finish();
}

criterion_group!(benches, docx);
criterion_main!(benches);
