//! Time of the DOCX reader on the bundled example's DOCX (rendered once):
//! the target is a median under 20 ms in a release build. Also the
//! same file read as any Word file (its stored structure removed), and a
//! generated document ten times the example's density.
//! `cargo bench --bench docx_import` prints the medians.

use criterion::{criterion_group, criterion_main, Criterion};
use rapporteur::write::docx::{write, Options};
use std::hint::black_box;
use std::io::{Read, Write};
use std::time::Duration;

const EXAMPLE: &str = include_str!("../examples/firearms-comments.md");

/// The package without its `customXml/` parts.
fn without_structure(bytes: &[u8]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).expect("entry");
        let name = f.name().expect("name").to_string();
        if name.starts_with("customXml/") {
            continue;
        }
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("inflates");
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("zip");
        out.write_all(&data).expect("zip");
    }
    out.finish().expect("zip").into_inner()
}

fn import(c: &mut Criterion) {
    let doc = rapporteur::read::source::parse("firearms-comments.md", EXAMPLE).expect("valid");
    let docx = write(&doc, &Options::default()).expect("renders");
    let plain = without_structure(&docx);
    let generated = rapporteur::generate::document(10, 7);
    let generated = rapporteur::read::source::parse("generated.md", &generated).expect("valid");
    let generated = write(&generated, &Options::default()).expect("renders");
    let mut group = c.benchmark_group("docx_import");
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(5));
    group.bench_function("example", |b| {
        b.iter(|| rapporteur::read::docx::read(black_box(&docx), "example.docx").expect("reads"))
    });
    group.bench_function("example-as-word", |b| {
        b.iter(|| rapporteur::read::docx::read(black_box(&plain), "example.docx").expect("reads"))
    });
    group.sample_size(10);
    group.bench_function("generated-x10", |b| {
        b.iter(|| {
            rapporteur::read::docx::read(black_box(&generated), "generated.docx").expect("reads")
        })
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
