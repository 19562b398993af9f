//! `rapporteur render`: sources to DOCX, PDF, HTML, md and pandoc, one
//! job per input; where each output goes (`-o` a file, a directory or
//! `-`), what is never overwritten, and the batch's index page.

use clap::Args;
use rapporteur::model::view::ViewSpec;
use rapporteur::model::Document;
use rapporteur::read::source::{self, ReadError};
use rapporteur::render::{self, Format, Options};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct RenderArgs {
    /// Formats to write, comma-separated: docx, pdf, md, pandoc, html.
    #[arg(long, value_delimiter = ',', default_value = "docx,pdf")]
    to: Vec<Format>,
    /// Which changes to show: all, accepted, original or author=CODE.
    #[arg(long, default_value = "all")]
    view: ViewSpec,
    /// Output file (one input, one format), `-` for standard output, or a
    /// directory. Without it, files go next to the input, and md goes to
    /// standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// DOCX: do not turn on track changes for the reader's own edits.
    #[arg(long)]
    no_track: bool,
    /// PDF: print each author's changes in a colour of its own, with a legend.
    #[arg(long, alias = "color")]
    colour: bool,
    /// PDF: use the fonts in this directory instead of the built-in ones.
    #[arg(long)]
    font_dir: Option<PathBuf>,
    /// Replace existing files that rapporteur did not write (or that were
    /// changed since); without it they are left alone and reported.
    #[arg(long)]
    force: bool,
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

pub fn run(args: RenderArgs) -> ExitCode {
    let mut formats = args.to.clone();
    formats.sort();
    formats.dedup();
    let options = Options {
        view: args.view.clone(),
        no_track: args.no_track,
        colour: args.colour,
        font_dir: args.font_dir.clone(),
    };
    let many = args.files.len() > 1 || formats.len() > 1;
    if let Some(message) = args
        .output
        .as_deref()
        .and_then(|out| contradicting_extension(out, &formats, many))
    {
        eprintln!("{message}");
        return ExitCode::from(2);
    }
    if let Some(out) = &args.output {
        if many && is_stdout(out) {
            eprintln!(
                "error: -o - writes one output to standard output, but {} are to be written\nhelp: give one input and one format, or a directory with -o",
                args.files.len() * formats.len(),
            );
            return ExitCode::from(2);
        }
        if many && names_a_file(out) {
            eprintln!(
                "error: -o {} names a file, but {} outputs are to be written ({} input{}, {} format{})\nhelp: give a directory with -o (for example -o out/), or one input and one format",
                out.display(),
                args.files.len() * formats.len(),
                args.files.len(),
                if args.files.len() == 1 { "" } else { "s" },
                formats.len(),
                if formats.len() == 1 { "" } else { "s" },
            );
            return ExitCode::from(2);
        }
    }
    let job = Job {
        formats: &formats,
        options: &options,
        output: args.output.as_deref(),
        many,
        force: args.force,
    };
    if args.files.len() == 1 {
        let outcome = job.run(&args.files[0]);
        eprint!("{}", outcome.report);
        return outcome.status();
    }
    batch(&job, &args.files)
}

/// `-o out.docx` with `--to pdf`: a file name whose extension is another
/// format's. The message, or `None` when the name fits (or names a
/// directory, or has an extension no format claims).
fn contradicting_extension(out: &Path, formats: &[Format], many: bool) -> Option<String> {
    if many || !names_a_file(out) || out.is_dir() {
        return None;
    }
    let format = *formats.first()?;
    let claimed = render::formats_of_extension(out)?;
    if claimed.contains(&format) {
        return None;
    }
    let suggested = out.with_extension(format.extension());
    Some(format!(
        "error: -o {} names a {} file, but --to {format} writes {}\nhelp: name the output {} or choose --to {}",
        out.display(),
        claimed[0],
        format,
        suggested.display(),
        claimed[0],
    ))
}

/// Whether `-o` names a file rather than a directory: an existing file, or
/// a path that is not an existing directory, does not end in `/` and has an
/// extension (`single.docx`). A new name without an extension (`out`) is
/// taken as a directory to create.
fn names_a_file(out: &Path) -> bool {
    if out.is_dir() || out.as_os_str().to_string_lossy().ends_with('/') {
        return false;
    }
    out.is_file() || out.extension().is_some()
}

/// Many files at once: rendered in parallel, each file's problems reported
/// as it finishes without stopping the others, a progress bar on a terminal
/// once the batch takes more than a moment, and a summary line.
fn batch(job: &Job, files: &[PathBuf]) -> ExitCode {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};

    let started = Instant::now();
    let bar = ProgressBar::with_draw_target(Some(files.len() as u64), ProgressDrawTarget::hidden());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}") {
        bar.set_style(style);
    }
    let shown = AtomicBool::new(false);
    let outcomes: Vec<Outcome> = files
        .par_iter()
        .map(|path| {
            let outcome = job.run(path);
            // Show the bar only on a terminal, and only once the batch has
            // taken long enough for a bar to help.
            if started.elapsed() > Duration::from_millis(300)
                && !shown.swap(true, Ordering::Relaxed)
            {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
            if !outcome.report.is_empty() {
                bar.suspend(|| eprint!("{}", outcome.report));
            }
            bar.inc(1);
            outcome
        })
        .collect();
    bar.finish_and_clear();
    let index = write_index(job, files, &outcomes);
    let failed = outcomes.iter().filter(|o| o.failed).count();
    let written: usize = outcomes.iter().map(|o| o.written).sum();
    eprintln!(
        "rendered {} of {} files ({written} outputs) in {:.2} s{}",
        files.len() - failed,
        files.len(),
        started.elapsed().as_secs_f64(),
        if failed > 0 {
            format!("; {failed} failed")
        } else {
            String::new()
        }
    );
    if outcomes.iter().any(|o| o.usage) {
        ExitCode::from(2)
    } else if failed > 0 || !index {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What to do with each input.
struct Job<'a> {
    formats: &'a [Format],
    options: &'a Options,
    output: Option<&'a Path>,
    many: bool,
    /// Replace existing files rapporteur did not write.
    force: bool,
}

/// How one input went: what to tell the user, and how many files it wrote.
struct Outcome {
    report: String,
    failed: bool,
    usage: bool,
    written: usize,
    /// The document and its files written, for a set's `index.html`.
    index: Option<rapporteur::write::html::IndexEntry>,
}

impl Outcome {
    fn status(&self) -> ExitCode {
        if self.usage {
            ExitCode::from(2)
        } else if self.failed {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

impl Job<'_> {
    fn run(&self, path: &Path) -> Outcome {
        let mut outcome = Outcome {
            report: String::new(),
            failed: false,
            usage: false,
            written: 0,
            index: None,
        };
        let doc = match source::parse_file(path) {
            Ok(doc) => doc,
            Err(e) => {
                outcome.report = e.to_string();
                if let ReadError::Io(..) = e {
                    outcome.report.push_str("help: check the path\n");
                }
                outcome.failed = true;
                return outcome;
            }
        };
        // An unknown author in the view is one usage error, said once.
        if let Err(e) = self.options.view.resolve(&doc) {
            outcome.report = format!("error: {}: {e}\n", path.display());
            outcome.usage = true;
            outcome.failed = true;
            return outcome;
        }
        // Render every format first. A source with a problem writes nothing
        // (it was refused above); a format its writer cannot make (a PDF
        // with a character no font has) is reported, and the others are
        // still written.
        let mut outputs = Vec::new();
        for &format in self.formats {
            match render::render(&doc, format, self.options) {
                Ok(bytes) => {
                    if format == Format::Pdf {
                        // Where the PDF prints a replacement mark.
                        outcome.report.push_str(&super::font_warnings(path, &doc));
                    }
                    outputs.push((format, bytes));
                }
                Err(e) => {
                    outcome
                        .report
                        .push_str(&format!("error: {}: {e}\n", path.display()));
                    outcome.usage |= matches!(e, render::RenderError::View(_));
                    outcome.failed = true;
                    if matches!(e, render::RenderError::Pdf(_)) {
                        // Where the characters no font has stand.
                        outcome.report.push_str(&super::font_warnings(path, &doc));
                    }
                }
            }
        }
        if outcome.usage || outputs.is_empty() {
            return outcome;
        }
        // Never write over a source: not this one, nor another input; nor
        // over a file rapporteur did not write, without --force.
        let view = &self.options.view;
        for &(format, _) in &outputs {
            if let Some(target) = output_path(path, format, self.output, (self.many, view)) {
                if same_file(&target, path) {
                    outcome.report.push_str(&format!(
                        "error: {}: the {format} output would overwrite the source\nhelp: name another output with -o\n",
                        path.display()
                    ));
                    outcome.usage = true;
                    outcome.failed = true;
                    return outcome;
                }
                if !self.force && !render::may_replace(&target, format) {
                    outcome.report.push_str(&format!(
                        "error: {}: {} exists and was not written by rapporteur (or was changed since); nothing written\nhelp: name another output with -o, or pass --force to replace it\n",
                        path.display(),
                        target.display()
                    ));
                    outcome.usage = true;
                    outcome.failed = true;
                    return outcome;
                }
            }
        }
        let mut files = Vec::new();
        for (format, bytes) in outputs {
            match output_path(path, format, self.output, (self.many, view)) {
                None => {
                    // md with no -o: standard output.
                    if std::io::stdout().lock().write_all(&bytes).is_err() {
                        outcome.failed = true;
                    }
                }
                Some(target) => match render::write_atomically(&target, &bytes) {
                    Ok(()) => {
                        outcome.written += 1;
                        files.push((format, target.clone()));
                        outcome
                            .report
                            .push_str(&format!("wrote {}\n", target.display()));
                    }
                    Err(e) => {
                        outcome
                            .report
                            .push_str(&format!("error: cannot write {}: {e}\n", target.display()));
                        outcome.failed = true;
                    }
                },
            }
        }
        if self.formats.contains(&Format::Html) {
            outcome.index = Some(index_entry(&doc, &files));
        }
        outcome
    }
}

/// A document's row in a set's `index.html`: its page, PDF and DOCX.
fn index_entry(doc: &Document, files: &[(Format, PathBuf)]) -> rapporteur::write::html::IndexEntry {
    let mut linked: Vec<rapporteur::write::html::IndexFile> = Vec::new();
    for format in [Format::Html, Format::Pdf, Format::Docx] {
        for (_, path) in files.iter().filter(|(f, _)| *f == format) {
            linked.push(rapporteur::write::html::IndexFile {
                label: format.to_string().to_uppercase(),
                name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            });
        }
    }
    rapporteur::write::html::IndexEntry::new(doc, linked)
}

/// Several inputs rendered to HTML in a directory: `DIR/index.html`
/// lists them, in the order given. False if it could not be written.
fn write_index(job: &Job, files: &[PathBuf], outcomes: &[Outcome]) -> bool {
    let Some(dir) = job.output else {
        return true;
    };
    if files.len() < 2 || !job.formats.contains(&Format::Html) {
        return true;
    }
    let path = dir.join("index.html");
    let taken = files.iter().any(|f| {
        output_path(f, Format::Html, job.output, (job.many, &job.options.view))
            .is_some_and(|p| p == path)
    });
    if taken {
        eprintln!(
            "error: {}: an input's page has that name; no index written\nhelp: rename the input named index",
            path.display()
        );
        return false;
    }
    if !job.force && !render::may_replace(&path, Format::Html) {
        eprintln!(
            "error: {} exists and was not written by rapporteur; no index written\nhelp: pass --force to replace it",
            path.display()
        );
        return false;
    }
    let entries: Vec<_> = outcomes.iter().filter_map(|o| o.index.clone()).collect();
    match render::write_atomically(
        &path,
        rapporteur::write::html::write_index(&entries).as_bytes(),
    ) {
        Ok(()) => {
            eprintln!("wrote {}", path.display());
            true
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            false
        }
    }
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// `-o -`: standard output, as most command-line tools take it.
fn is_stdout(out: &Path) -> bool {
    out.as_os_str() == "-"
}

/// Where one output goes. `None`: standard output. A view other than
/// `all` goes into the name (`NAME.accepted.pdf`), with or without `-o DIR`;
/// `-o FILE` is taken as given.
fn output_path(
    input: &Path,
    format: Format,
    output: Option<&Path>,
    (many, view): (bool, &ViewSpec),
) -> Option<PathBuf> {
    let stem = input.file_stem().unwrap_or_default().to_string_lossy();
    let file_name = PathBuf::from(format!(
        "{stem}{}.{}",
        render::view_suffix(view),
        format.extension()
    ));
    match output {
        Some(out) if is_stdout(out) => None,
        None if matches!(format, Format::Md | Format::Pandoc) && !many => None,
        None => Some(input.with_file_name(file_name)),
        Some(out) => {
            let is_dir = many || out.is_dir() || out.to_string_lossy().ends_with('/');
            if is_dir {
                Some(out.join(file_name))
            } else {
                Some(out.to_path_buf())
            }
        }
    }
}
