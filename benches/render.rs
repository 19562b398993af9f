//! Time of each stage for the bundled example and for generated documents
//! of its size, 10 and 100 times its size: parse, and each writer (md, docx, pdf,
//! html) from a parsed document (`cargo bench --bench render -- render/html`:
//! the review page alone). `cargo bench` prints the medians; `scripts/bench-memory.sh`
//! measures peak memory of whole renders.
//!
//! The `languages` groups time the PDF of the English example next to the
//! Arabic and Chinese ones, with pages as the throughput (criterion's
//! `elem/s` is pages a second): each example as it is, the English one cut
//! to its first page, and the Arabic and Chinese bodies repeated to about
//! the English example's length (`scripts/bench-languages.sh` does the same
//! with whole runs of the command). `cargo bench --bench render -- languages`
//! gives wall time (`languages/`) and the process's CPU time, both threads
//! (`languages-cpu/`), which a machine busy with other work disturbs less.

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rapporteur::read::source;
use rapporteur::render::{self, Format, Options};
use std::hint::black_box;
use std::time::Duration;

const EXAMPLE: &str = include_str!("../examples/firearms-comments.md");
const ARABIC: &str = include_str!("../examples/discussion-ar.md");
const CHINESE: &str = include_str!("../examples/discussion-zh.md");

/// The body of `source` written `times` times over: points and footnotes
/// renumbered, paragraphs numbered automatically, as
/// `scripts/bench-languages.sh` repeats it.
fn repeated(source: &str, times: usize) -> String {
    let mut parts = source.splitn(3, "+++");
    let (_, front, body) = (parts.next(), parts.next().unwrap(), parts.next().unwrap());
    let point =
        |line: &str| -> Option<usize> { line.strip_prefix("::: point ")?.trim().parse().ok() };
    let top = body.lines().filter_map(point).max().unwrap_or(0);
    let mut out = format!("+++{front}+++");
    for k in 0..times {
        for line in body.lines() {
            let line = match point(line) {
                Some(n) => format!("::: point {}", n + k * top),
                None => match line.split_once(". ") {
                    Some((n, rest)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                        format!("#. {rest}")
                    }
                    _ => line.to_string(),
                },
            };
            // Footnote marks and definitions: `[^1]` becomes `[^1-k]`.
            let mut rest = line.as_str();
            while let Some(at) = rest.find("[^") {
                let (before, after) = rest.split_at(at);
                out.push_str(before);
                match after.find(']') {
                    Some(end) => {
                        out.push_str(&format!("{}-{k}]", &after[..end]));
                        rest = &after[end + 1..];
                    }
                    None => {
                        out.push_str(after);
                        rest = "";
                    }
                }
            }
            out.push_str(rest);
            out.push('\n');
        }
    }
    out
}

/// The pages of `text`'s PDF.
fn pages(text: &str) -> usize {
    let doc = source::parse("bench.md", text).expect("valid");
    rapporteur::write::pdf::layout(&doc, &Default::default())
        .expect("lays out")
        .pages
        .len()
}

/// The English example cut to one page: its front matter and as many of its
/// first paragraphs (blank-line separated) as one page holds.
fn english_first_page() -> String {
    let (front, body) = EXAMPLE.rsplit_once("+++").expect("front matter");
    let paragraphs: Vec<&str> = body.split("\n\n").collect();
    let cut = |n: usize| format!("{front}+++{}\n", paragraphs[..n].join("\n\n"));
    (1..paragraphs.len())
        .take_while(|&n| source::parse("bench.md", &cut(n)).is_ok_and(|_| pages(&cut(n)) == 1))
        .last()
        .map(cut)
        .expect("the example's first paragraph fits a page")
}

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
        for format in [Format::Md, Format::Docx, Format::Pdf, Format::Html] {
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

/// CPU time of the whole process (every thread, those ended included).
struct ProcessCpu(WallTime);

fn process_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to fill.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) } == 0;
    assert!(ok, "the process CPU clock is readable");
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

impl Measurement for ProcessCpu {
    type Intermediate = Duration;
    type Value = Duration;
    fn start(&self) -> Duration {
        process_cpu()
    }
    fn end(&self, start: Duration) -> Duration {
        process_cpu() - start
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        self.0.formatter()
    }
}

/// PDF of each language's example, throughput in pages.
fn languages_in<M: Measurement>(c: &mut Criterion<M>, name: &str) {
    let options = Options::default();
    let inputs = [
        ("en-example", EXAMPLE.to_string()),
        ("en-first-page", english_first_page()),
        ("ar-example", ARABIC.to_string()),
        ("zh-example", CHINESE.to_string()),
        ("ar-x20", repeated(ARABIC, 20)),
        ("zh-x20", repeated(CHINESE, 20)),
    ];
    let mut group = c.benchmark_group(name);
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(5));
    for (name, text) in inputs {
        let doc = source::parse("bench.md", &text).expect("valid");
        if let Err(e) = render::render(&doc, Format::Pdf, &options) {
            eprintln!("{name}: not rendered ({e}), skipped");
            continue;
        }
        let pages = pages(&text);
        eprintln!("{name}: {pages} pages");
        group.throughput(Throughput::Elements(pages as u64));
        group.bench_with_input(BenchmarkId::new("pdf", name), &doc, |b, doc| {
            b.iter(|| render::render(black_box(doc), Format::Pdf, &options).expect("renders"))
        });
    }
    group.finish();
}

fn languages(c: &mut Criterion) {
    languages_in(c, "languages");
}

fn languages_cpu(c: &mut Criterion<ProcessCpu>) {
    languages_in(c, "languages-cpu");
}

criterion_group!(benches, stages, languages);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ProcessCpu(WallTime));
    targets = languages_cpu
}
criterion_main!(benches, cpu);
