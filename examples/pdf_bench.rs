//! Render time of the PDF writer: `cargo run --release --example pdf_bench`.
//! Prints the median of several renders of the bundled example and of a
//! 20-fold concatenation of its body.

use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn time(doc: &rapporteur::model::Document, runs: usize) -> (f64, usize, usize) {
    let options = rapporteur::pdf::Options::default();
    let mut times = Vec::with_capacity(runs);
    let mut size = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let bytes = rapporteur::pdf::write(doc, &options).expect("renders");
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        size = bytes.len();
    }
    let pages = rapporteur::pdf::layout(doc, &options)
        .expect("lays out")
        .pages
        .len();
    (median(times), pages, size)
}

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/firearms-comments.md");
    let text = std::fs::read_to_string(path).expect("example");
    let start = Instant::now();
    let doc = rapporteur::source::parse("firearms-comments.md", &text).expect("parses");
    let parse_ms = start.elapsed().as_secs_f64() * 1000.0;
    let mut lt = Vec::new();
    for _ in 0..21 {
        let start = Instant::now();
        rapporteur::pdf::layout(&doc, &Default::default()).expect("lays out");
        lt.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    println!("example: layout alone median {:.1} ms", median(lt));
    let (ms, pages, size) = time(&doc, 21);
    println!("example: parse {parse_ms:.1} ms; PDF median {ms:.1} ms over 21 runs; {pages} pages, {size} bytes");
    let mut big = doc.clone();
    for _ in 1..20 {
        big.blocks.extend(doc.blocks.iter().cloned());
    }
    let (big_ms, big_pages, big_size) = time(&big, 5);
    println!(
        "20-fold body: PDF median {big_ms:.1} ms over 5 runs; {big_pages} pages, {big_size} bytes ({:.1}x the example)",
        big_ms / ms
    );
}
