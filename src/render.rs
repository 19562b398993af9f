//! From a parsed document to output bytes in one format, and the safe
//! writing of output files (temporary file, then rename).

use crate::model::view::{self, ViewSpec};
use crate::model::Document;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Docx,
    Pdf,
    Md,
    /// Pandoc's Markdown with insertion/deletion spans and comments.
    Pandoc,
    /// The review page: one self-contained HTML file.
    Html,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            // The source is `.md` already: the text output must not take
            // its name. The reference document itself is a `.txt` file.
            Format::Md => "txt",
            Format::Pandoc => "pandoc.md",
            Format::Html => "html",
        }
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "docx" => Ok(Format::Docx),
            "pdf" => Ok(Format::Pdf),
            "md" | "text" | "txt" => Ok(Format::Md),
            "pandoc" => Ok(Format::Pandoc),
            "html" => Ok(Format::Html),
            other => Err(format!(
                "unknown format `{other}`: use docx, pdf, md, pandoc or html"
            )),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Md => "md",
            Format::Pandoc => "pandoc",
            Format::Html => "html",
        })
    }
}

/// Options that reach the writers.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub view: ViewSpec,
    /// DOCX: turn on track changes for the reader's own edits.
    pub no_track: bool,
    /// PDF: each author's changes in a colour of its own, with a legend.
    pub colour: bool,
    /// PDF: a directory of fonts to use instead of the built-in ones.
    pub font_dir: Option<PathBuf>,
}

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The view does not fit the document (an unknown author).
    #[error(transparent)]
    View(#[from] view::ViewError),
    #[error("the docx writer failed: {0}")]
    Docx(#[from] crate::write::docx::Error),
    #[error("the pdf writer failed: {0}")]
    Pdf(#[from] crate::write::pdf::Error),
}

/// Render a document in one format under the options' view.
pub fn render(doc: &Document, format: Format, options: &Options) -> Result<Vec<u8>, RenderError> {
    let view = options.view.resolve(doc)?;
    // The whole view (the default) is the document itself: borrowed, not
    // copied, since a copy of a large document's model costs time and
    // memory for nothing.
    let doc: std::borrow::Cow<Document> = if view == view::View::All {
        std::borrow::Cow::Borrowed(doc)
    } else {
        std::borrow::Cow::Owned(view::apply(doc, view))
    };
    match format {
        Format::Md => Ok(crate::write::text::write(&doc).into_bytes()),
        Format::Pandoc => Ok(crate::write::pandoc::write(&doc).into_bytes()),
        Format::Html => Ok(crate::write::html::write(&doc).into_bytes()),
        Format::Docx => Ok(crate::write::docx::write(
            &doc,
            &crate::write::docx::Options {
                track_revisions: !options.no_track,
            },
        )?),
        Format::Pdf => Ok(crate::write::pdf::write(
            &doc,
            &crate::write::pdf::Options {
                colour: options.colour,
                font_dir: options.font_dir.clone(),
            },
        )?),
    }
}

/// Whether an existing file at `path` may be replaced by a `format`
/// output without `--force`: only a file rapporteur wrote and nobody
/// changed since. A DOCX whose stored structure still matches its text
/// (an edited copy, a State's returned file, does not); a PDF whose
/// Creator is rapporteur; a text output whose first line is the masthead
/// line rapporteur prints (`United Nations — X/1`, in any of the six
/// languages); a pandoc output whose YAML header holds the `subject:`
/// rapporteur writes; an HTML page whose `generator` is rapporteur. A
/// source, and any other file, is the user's.
/// A path with no file may always be written.
pub fn may_replace(path: &Path, format: Format) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return !path.exists();
    };
    match format {
        Format::Docx => crate::read::docx::read(&bytes, "existing file")
            .is_ok_and(|i| matches!(i.origin, crate::read::docx::Origin::Rendered { .. })),
        Format::Pdf => {
            bytes.starts_with(b"%PDF-")
                && bytes
                    .windows(b"/Creator(rapporteur)".len())
                    .any(|w| w == b"/Creator(rapporteur)")
        }
        Format::Md => {
            let text = String::from_utf8_lossy(&bytes);
            let first = text.lines().next().unwrap_or("");
            crate::model::Language::ALL.iter().any(|&l| {
                first.starts_with(&format!(
                    "{} — ",
                    crate::house::style::Labels::get(l).united_nations
                ))
            })
        }
        Format::Html => {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).into_owned();
            head.starts_with("<!DOCTYPE html>")
                && head.contains("<meta name=\"generator\" content=\"rapporteur\">")
        }
        Format::Pandoc => {
            let text = String::from_utf8_lossy(&bytes);
            let mut lines = text.lines();
            lines.next() == Some("---")
                && lines
                    .take_while(|l| *l != "---")
                    .any(|l| l.starts_with("subject: "))
        }
    }
}

/// The file name part a view adds before the extension, so that views of
/// one source do not take each other's name: `NAME.accepted.pdf`,
/// `NAME.original.pdf`, `NAME.author-CI.pdf`; none for `all`. A code's
/// characters other than letters, digits, `-` and `_` become `-`.
pub fn view_suffix(view: &ViewSpec) -> String {
    match view {
        ViewSpec::All => String::new(),
        ViewSpec::Accepted => ".accepted".into(),
        ViewSpec::Original => ".original".into(),
        ViewSpec::Author(code) => {
            let code: String = code
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || c == '-' || c == '_' {
                        c
                    } else {
                        '-'
                    }
                })
                .collect();
            format!(".author-{code}")
        }
    }
}

/// The formats a file name's extension belongs to, if it is one of
/// theirs: `out.docx` is a DOCX, `out.txt` text, `out.md` text or pandoc.
pub fn formats_of_extension(path: &Path) -> Option<Vec<Format>> {
    let ext = path.extension()?.to_string_lossy().to_lowercase();
    let formats = match ext.as_str() {
        "docx" => vec![Format::Docx],
        "pdf" => vec![Format::Pdf],
        "txt" | "text" => vec![Format::Md],
        "md" | "markdown" => vec![Format::Md, Format::Pandoc],
        "html" | "htm" => vec![Format::Html],
        _ => return None,
    };
    Some(formats)
}

/// Write `bytes` to `path` through a temporary file in the same directory,
/// renamed into place only when complete: a failed run never leaves a
/// partial or stale file under the final name.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".rapporteur-").suffix(".tmp");
    // A temporary file is private (0600); the output is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
