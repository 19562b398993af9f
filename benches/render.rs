//! Time of each stage for the bundled example and for generated documents
//! of its size, 10 and 100 times its size: parse, and each writer (md, docx, pdf) from a
//! parsed document. `cargo bench` prints the medians; `scripts/bench-memory.sh`
//! measures peak memory of whole renders.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rapporteur::render::{self, Format, Options};
use rapporteur::source;
use std::hint::black_box;
use std::time::Duration;

const EXAMPLE: &str = include_str!("../examples/firearms-comments.md");

fn inputs() -> Vec<(String, String)> {
    vec![
        ("example".to_string(), EXAMPLE.to_string()),
        // The generator's own scale 1: the baseline of the same density
        // for x10 and x100 (it carries about twice the example's changes
        // and comments per page).
        (
            "generated-x1".to_string(),
            rapporteur::generate::document(1, 1),
        ),
        (
            "generated-x10".to_string(),
            rapporteur::generate::document(10, 1),
        ),
        (
            "generated-x100".to_string(),
            rapporteur::generate::document(100, 1),
        ),
    ]
}

fn stages(c: &mut Criterion) {
    let options = Options::default();
    for (name, text) in inputs() {
        let big = name.ends_with("x100");
        let mut group = c.benchmark_group(name.clone());
        group.throughput(Throughput::Bytes(text.len() as u64));
        if big {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(20));
        } else {
            group
                .sample_size(30)
                .measurement_time(Duration::from_secs(5));
        }
        group.bench_function("parse", |b| {
            b.iter(|| source::parse("bench.md", black_box(&text)).expect("valid"))
        });
        let doc = source::parse("bench.md", &text).expect("valid");
        for format in [Format::Md, Format::Docx, Format::Pdf] {
            if render::render(&doc, format, &options).is_err() {
                eprintln!("{name}: {format} writer not available, skipped");
                continue;
            }
            group.bench_with_input(BenchmarkId::new("render", format), &doc, |b, doc| {
                b.iter(|| render::render(black_box(doc), format, &options).expect("renders"))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
