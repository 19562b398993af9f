//! `rapporteur import FILE.docx [-o SOURCE.md]`: a Word file back into a
//! source. What the source cannot hold is a warning naming where it is;
//! any error names the file, exits 1 and writes nothing.

use clap::Args;
use rapporteur::model::{AuthorId, Document};
use rapporteur::render;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ImportArgs {
    /// The Word file (.docx) to read.
    file: PathBuf,
    /// Where to write the source (default: standard output). An existing
    /// file is not replaced without --force.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Replace an existing file at -o.
    #[arg(long)]
    force: bool,
    /// Count a reviewer as a State: --author "Wanjiru Kamau=KE" (the name
    /// as the file signs changes and comments; repeat for more). Each is
    /// reported with how it was counted.
    #[arg(long = "author", value_name = "NAME=CODE")]
    authors: Vec<String>,
}

pub fn run(args: ImportArgs) -> ExitCode {
    let imported = match rapporteur::read::docx::read_file(&args.file) {
        Ok(imported) => imported,
        Err(e) => {
            eprintln!("error: {e}\nno output written");
            return ExitCode::from(1);
        }
    };
    let name = args.file.display();
    for u in &imported.unrepresented {
        eprintln!("warning: {name}: {u}");
    }
    for w in guessed_front_matter(&imported, &args.file) {
        eprintln!("warning: {name}: {w}");
    }
    let mut doc = imported.doc;
    for arg in &args.authors {
        let counted = arg
            .rsplit_once('=')
            .filter(|(n, c)| !n.trim().is_empty() && !c.trim().is_empty())
            .ok_or_else(|| {
                format!(
                    "--author `{arg}` is not NAME=CODE\nhelp: e.g. --author \"Wanjiru Kamau=KE\""
                )
            })
            .and_then(|(n, c)| count_as(&mut doc, n.trim(), c.trim()));
        match counted {
            Ok(line) => eprintln!("{line}"),
            Err(e) => {
                eprintln!("error: {e}\nno output written");
                return ExitCode::from(2);
            }
        }
    }
    let text = rapporteur::write::source::write(&doc);
    // What import writes is a source `check` accepts: one it cannot read
    // back is a bug here, reported in one message with where the text was
    // kept for the report, instead of written.
    if rapporteur::read::source::parse("imported source", &text).is_err() {
        eprintln!("error: {name}: {}\nno output written", unreadable(&text));
        return ExitCode::from(1);
    }
    match &args.output {
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Some(path) if path == &args.file => {
            eprintln!(
                "error: {} is the Word file being read; name another output",
                path.display()
            );
            ExitCode::from(1)
        }
        Some(path) if path.exists() && !args.force => {
            eprintln!(
                "error: {} exists; nothing written\nhelp: name another output, or pass --force to replace it",
                path.display()
            );
            ExitCode::from(2)
        }
        Some(path) => match render::write_atomically(path, text.as_bytes()) {
            Ok(()) => {
                eprintln!("wrote {}", path.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                ExitCode::from(1)
            }
        },
    }
}

/// Counts the reviewer named `name` as the author `code` (a code, name or
/// alias of another author of the file): their changes, attributions and
/// notes become that author's, and the reviewer is no author of its own.
/// What was done, as a line for the user.
fn count_as(doc: &mut Document, name: &str, code: &str) -> Result<String, String> {
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    let Some(from) = doc.authors.iter().position(|a| same(&a.name, name)) else {
        let names: Vec<&str> = doc.authors.iter().map(|a| a.name.as_str()).collect();
        return Err(format!(
            "--author: no reviewer `{name}` in the file (its reviewers: {})",
            names.join(", ")
        ));
    };
    let Some(to) = doc
        .authors
        .iter()
        .position(|a| a.code == code)
        .or_else(|| doc.authors.iter().position(|a| a.answers_to(code)))
    else {
        // A State the file does not name yet: the reviewer becomes it.
        let a = &mut doc.authors[from];
        a.aliases.push(a.name.clone());
        a.code = code.to_string();
        return Ok(format!(
            "reviewer {name} counted as {code} (--author, a new author)"
        ));
    };
    if to == from {
        return Ok(format!("reviewer {name} counted as {code} (--author)"));
    }
    let map = |id: AuthorId| {
        let i = if id.0 == from { to } else { id.0 };
        AuthorId(if i > from { i - 1 } else { i })
    };
    for c in &mut doc.changes {
        c.author = map(c.author);
    }
    for g in &mut doc.groups {
        for a in &mut g.attributions {
            a.author = map(a.author);
        }
    }
    for n in &mut doc.notes {
        n.author = map(n.author);
    }
    doc.meta.default_author = doc.meta.default_author.map(map);
    let alias = doc.authors.remove(from).name;
    let target = &mut doc.authors[if to > from { to - 1 } else { to }];
    if !target.answers_to(&alias) {
        target.aliases.push(alias);
    }
    Ok(format!(
        "reviewer {name} counted as {} (--author)",
        target.code
    ))
}

/// What the front matter took because the Word file does not say it: a
/// file with no symbol (core property `subject`, or the masthead) gets
/// its file name, one with no date 2000-01-01. Each is a warning, so the
/// user sets them before the masthead prints them.
fn guessed_front_matter(
    imported: &rapporteur::read::docx::Imported,
    file: &std::path::Path,
) -> Vec<String> {
    if !matches!(imported.origin, rapporteur::read::docx::Origin::Word) {
        return Vec::new();
    }
    let meta = &imported.doc.meta;
    let mut out = Vec::new();
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
    if stem.as_deref() == Some(meta.symbol.as_str()) {
        out.push(format!(
            "the file has no document symbol; the source says symbol = \"{}\" (its file name): set the real one",
            meta.symbol
        ));
    }
    let d = meta.date;
    if (d.year, d.month, d.day) == (2000, 1, 1) {
        out.push(
            "the file has no date; the source says date = 2000-01-01: set the document's date"
                .to_string(),
        );
    }
    out
}

/// The one message for a source that does not read back: its first
/// problem, and the file the text is kept in for a bug report.
fn unreadable(text: &str) -> String {
    let kept = tempfile::Builder::new()
        .prefix("rapporteur-import-")
        .suffix(".md")
        .tempfile()
        .and_then(|mut f| {
            std::io::Write::write_all(&mut f, text.as_bytes())?;
            f.keep().map_err(|e| e.error)
        });
    let (name, saved) = match &kept {
        Ok((_, path)) => (
            path.display().to_string(),
            format!("the source is kept in {}", path.display()),
        ),
        Err(e) => (
            "imported source".to_string(),
            format!("the source could not be kept ({e})"),
        ),
    };
    let first = rapporteur::read::source::parse(&name, text)
        .err()
        .and_then(|e| e.short().lines().next().map(str::to_string))
        .unwrap_or_default();
    format!(
        "the source written from it does not read back ({first}); {saved}: a bug in \
         rapporteur, please report it with the Word file"
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_source_that_does_not_read_back_is_one_line_naming_where_it_is_kept() {
        let text = "+++\nsymbol = \"X\"\ndate = 2020-01-01\n[authors]\nUS = \"US\"\n+++\n\n{++never closed\n";
        let message = super::unreadable(text);
        assert_eq!(message.lines().count(), 1, "{message}");
        let path = message
            .split("the source is kept in ")
            .nth(1)
            .and_then(|rest| rest.split(':').next())
            .expect("names the file");
        assert_eq!(std::fs::read_to_string(path).unwrap(), text);
        assert!(message.contains(&format!("({path}:8:1: ")), "{message}");
        std::fs::remove_file(path).unwrap();
    }
}
