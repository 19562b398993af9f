//! Render time of the PDF writer: `cargo run --release --example pdf_bench`.
//! Prints medians over several renders of the bundled example and of a
//! 20-fold concatenation of its body: wall time, and the thread's CPU time
//! (from /proc, so a busy machine disturbs it less).

use rapporteur::model::Document;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// CPU time of this thread in ms, where Linux reports it.
fn cpu_ms() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e6)
}

struct Times {
    wall: f64,
    cpu: Option<f64>,
}

fn time(runs: usize, mut f: impl FnMut()) -> Times {
    let mut wall = Vec::with_capacity(runs);
    let mut cpu = Vec::with_capacity(runs);
    f(); // warm up: fonts loaded once per process
    for _ in 0..runs {
        let c0 = cpu_ms();
        let start = Instant::now();
        f();
        wall.push(start.elapsed().as_secs_f64() * 1000.0);
        if let (Some(a), Some(b)) = (c0, cpu_ms()) {
            cpu.push(b - a);
        }
    }
    Times {
        wall: median(wall),
        cpu: (!cpu.is_empty()).then(|| median(cpu)),
    }
}

fn report(name: &str, doc: &Document, runs: usize) -> Times {
    let options = rapporteur::write::pdf::Options::default();
    let layout = time(runs, || {
        rapporteur::write::pdf::layout(doc, &options).expect("lays out");
    });
    let mut size = 0;
    let write = time(runs, || {
        size = rapporteur::write::pdf::write(doc, &options)
            .expect("renders")
            .len();
    });
    let pages = rapporteur::write::pdf::layout(doc, &options)
        .expect("lays out")
        .pages
        .len();
    println!(
        "{name}: {pages} pages, {size} bytes; layout {:.1} ms (cpu {:.1}); whole PDF {:.1} ms (cpu {:.1}); medians of {runs}",
        layout.wall,
        layout.cpu.unwrap_or(f64::NAN),
        write.wall,
        write.cpu.unwrap_or(f64::NAN)
    );
    write
}

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/firearms-comments.md");
    let text = std::fs::read_to_string(path).expect("example");
    let doc = rapporteur::read::source::parse("firearms-comments.md", &text).expect("parses");
    // The first render of a process also loads the fonts into krilla.
    let start = Instant::now();
    rapporteur::write::pdf::write(&doc, &Default::default()).expect("renders");
    println!(
        "example: first render in this process {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    let one = report("example", &doc, 21);
    let mut big = doc.clone();
    for _ in 1..20 {
        big.blocks.extend(doc.blocks.iter().cloned());
    }
    let twenty = report("20-fold body", &big, 5);
    println!(
        "20-fold / example: {:.1}x wall, {:.1}x cpu",
        twenty.wall / one.wall,
        twenty.cpu.unwrap_or(f64::NAN) / one.cpu.unwrap_or(f64::NAN)
    );
}
