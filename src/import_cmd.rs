//! `rapporteur import FILE.docx [-o SOURCE.md]`: a Word file back into a
//! source. What the source cannot hold is a warning naming where it is;
//! any error names the file, exits 1 and writes nothing.

use clap::Args;
use rapporteur::render;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ImportArgs {
    /// The Word file (.docx) to read.
    file: PathBuf,
    /// Where to write the source (default: standard output). An existing
    /// file is replaced only once the whole source is ready.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

pub fn run(args: ImportArgs) -> ExitCode {
    let imported = match rapporteur::docx_read::read_file(&args.file) {
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
    let text = rapporteur::source_write::write(&imported.doc);
    // What import writes is a source `check` accepts: one it cannot read
    // back is a bug here, reported in one message with where the text was
    // kept for the report, instead of written.
    if rapporteur::source::parse("imported source", &text).is_err() {
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
    let first = rapporteur::source::parse(&name, text)
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
