//! The one support module of the integration tests (`tests/tests.rs`):
//! here, render a DOCX, unzip it, read its XML, count changes the way a
//! reviewer sees them in Word; beside, the front matter a source starts
//! with (`front`), the external tools' gate (`tools`), Word's rules
//! (`word_rules`), the PDF helpers (`pdf`), the example's figures, the
//! page's text and the source generator of the property tests.

pub mod word_rules;

use quick_xml::events::Event;
use quick_xml::Reader;
use rapporteur::model::Document;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

pub mod figures;
pub mod front;
pub mod html_text;
pub mod pdf;
pub mod sources;
pub mod tools;
pub use front::front;
pub use tools::{missing, Tool};

/// The fonts `language` is set in, or a skip naming the package to install
/// (a failure under CI=true), as the tools gate skips a missing program.
/// Arabic and Chinese fonts are found on the system.
pub fn fonts_for(
    language: rapporteur::model::Language,
) -> Option<rapporteur::layout::fonts::Fonts> {
    match rapporteur::layout::fonts::Fonts::for_language(language) {
        Ok(fonts) => Some(fonts),
        Err(e) if tools::in_ci() => panic!("{e}"),
        Err(e) => {
            // Straight to stderr, past the harness's capture.
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "skipped: {} — {e}", tools::test_name());
            None
        }
    }
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn example(name: &str) -> PathBuf {
    root().join("examples").join(name)
}

pub fn parse(path: &Path) -> Document {
    let text = std::fs::read_to_string(path).expect("example readable");
    rapporteur::read::source::parse(&path.display().to_string(), &text)
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()))
}

pub fn parse_str(text: &str) -> Document {
    rapporteur::read::source::parse("test.md", text)
        .unwrap_or_else(|e| panic!("does not parse: {e}"))
}

/// Renders `doc` as DOCX and checks Word's own rules on it
/// ([`word_rules::check`]): every DOCX the tests write keeps them.
pub fn render(doc: &Document) -> Vec<u8> {
    let docx = rapporteur::write::docx::write(doc, &rapporteur::write::docx::Options::default())
        .expect("DOCX renders");
    let violations = word_rules::check(&docx);
    assert!(
        violations.is_empty(),
        "the DOCX breaks Word's rules:\n  {}",
        violations.join("\n  ")
    );
    docx
}

/// Every file of the package, by path.
pub fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).unwrap();
        let name = f.name().expect("file name").to_string();
        out.insert(name, buf);
    }
    out
}

/// A package of these parts, `[Content_Types].xml` first as Word writes it.
pub fn zip_parts(parts: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let first = "[Content_Types].xml";
    let order = parts
        .get_key_value(first)
        .into_iter()
        .chain(parts.iter().filter(|(name, _)| *name != first));
    for (name, data) in order {
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut w, data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A read-only element tree.
#[derive(Debug, Clone)]
pub struct El {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone)]
pub enum Node {
    El(El),
    Text(String),
}

impl El {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn elems(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Every descendant element (and this one), in document order.
    pub fn descendants(&self) -> Vec<&El> {
        let mut out = vec![self];
        for c in self.elems() {
            out.extend(c.descendants());
        }
        out
    }

    pub fn find_all(&self, name: &str) -> Vec<&El> {
        self.descendants()
            .into_iter()
            .filter(|e| e.name == name)
            .collect()
    }

    pub fn text(&self) -> String {
        let mut s = String::new();
        for c in &self.children {
            match c {
                Node::Text(t) => s.push_str(t),
                Node::El(e) => s.push_str(&e.text()),
            }
        }
        s
    }
}

/// Parses a whole part strictly (matching end tags, one root); panics with
/// the part's name on malformed XML.
pub fn xml(name: &str, bytes: &[u8]) -> El {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{name}: not UTF-8: {e}"));
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<El> = Vec::new();
    let mut root = None;
    let el = |s: &quick_xml::events::BytesStart| El {
        name: s.name().into_inner().to_owned(),
        attrs: s
            .attributes()
            .map(|a| {
                let a = a.unwrap_or_else(|e| panic!("{name}: bad attribute: {e}"));
                (
                    a.key.into_inner().to_owned(),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap_or_else(|e| panic!("{name}: bad attribute value: {e}"))
                        .into_owned(),
                )
            })
            .collect(),
        children: Vec::new(),
    };
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("{name}: malformed XML: {e}"))
        {
            Event::Start(s) => stack.push(el(&s)),
            Event::Empty(s) => {
                let e = el(&s);
                match stack.last_mut() {
                    Some(p) => p.children.push(Node::El(e)),
                    None => {
                        assert!(root.is_none(), "{name}: two roots");
                        root = Some(e)
                    }
                }
            }
            Event::End(_) => {
                let e = stack.pop().unwrap();
                match stack.last_mut() {
                    Some(p) => p.children.push(Node::El(e)),
                    None => {
                        assert!(root.is_none(), "{name}: two roots");
                        root = Some(e)
                    }
                }
            }
            Event::Text(t) => {
                if let Some(p) = stack.last_mut() {
                    p.children.push(Node::Text(t.xml10_content().into_owned()));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(p) = stack.last_mut() {
                    let s = match r.into_inner().as_ref() {
                        "amp" => "&".to_owned(),
                        "lt" => "<".to_owned(),
                        "gt" => ">".to_owned(),
                        "quot" => "\"".to_owned(),
                        "apos" => "'".to_owned(),
                        // Character references: `&#13;`, `&#xA;`.
                        other => other
                            .strip_prefix("#x")
                            .map(|hex| u32::from_str_radix(hex, 16))
                            .or_else(|| other.strip_prefix('#').map(str::parse))
                            .and_then(Result::ok)
                            .and_then(char::from_u32)
                            .unwrap_or_else(|| panic!("{name}: unknown entity &{other};"))
                            .to_string(),
                    };
                    p.children.push(Node::Text(s));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "{name}: unclosed elements");
    root.unwrap_or_else(|| panic!("{name}: no root element"))
}

/// Insertion or deletion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Insertion,
    Deletion,
}

/// One text run in document order with the authors of the `w:ins` and
/// `w:del` elements around it.
struct RunRevs {
    ins: Vec<String>,
    del: Vec<String>,
}

fn runs(e: &El, ins: &mut Vec<String>, del: &mut Vec<String>, out: &mut Vec<RunRevs>) {
    match e.name.as_str() {
        "w:r" => {
            // A run counts if it carries something a reader sees.
            let visible = e.elems().any(|c| {
                matches!(
                    c.name.as_str(),
                    "w:t" | "w:delText" | "w:tab" | "w:footnoteReference" | "w:br"
                )
            });
            if visible {
                out.push(RunRevs {
                    ins: ins.clone(),
                    del: del.clone(),
                });
            }
        }
        // Paragraph-mark revisions (in w:pPr/w:rPr) are neither runs nor
        // breaks: skip properties.
        "w:pPr" | "w:rPr" => {}
        "w:ins" | "w:del" => {
            let author = e.attr("w:author").unwrap_or("").to_owned();
            let list = if e.name == "w:ins" {
                &mut *ins
            } else {
                &mut *del
            };
            list.push(author);
            for c in e.elems() {
                runs(c, ins, del, out);
            }
            let list = if e.name == "w:ins" {
                &mut *ins
            } else {
                &mut *del
            };
            list.pop();
        }
        _ => {
            for c in e.elems() {
                runs(c, ins, del, out);
            }
        }
    }
}

/// Changes per (kind, author) in one story (`w:body`, or all footnotes):
/// a change is a maximal sequence of runs carrying a `w:ins` (or `w:del`)
/// by that author; paragraph boundaries and comment marks do not break it,
/// nor runs that carry only other authors' revisions (nested changes); a
/// run with no revision at all does.
pub fn story_changes(story: &El) -> BTreeMap<(Kind, String), usize> {
    let mut list = Vec::new();
    runs(story, &mut Vec::new(), &mut Vec::new(), &mut list);
    let mut out: BTreeMap<(Kind, String), usize> = BTreeMap::new();
    let mut open: Vec<(Kind, String)> = Vec::new();
    for run in &list {
        if run.ins.is_empty() && run.del.is_empty() {
            open.clear();
            continue;
        }
        let here: Vec<(Kind, String)> = run
            .ins
            .iter()
            .map(|a| (Kind::Insertion, a.clone()))
            .chain(run.del.iter().map(|a| (Kind::Deletion, a.clone())))
            .collect();
        for key in &here {
            if !open.contains(key) {
                *out.entry(key.clone()).or_default() += 1;
                open.push(key.clone());
            }
        }
        // A run with revisions, but not this author's of this kind, leaves
        // that author's change open only if it is another author's (nested).
        open.retain(|k| here.contains(k) || !here.iter().any(|h| h.1 == k.1));
    }
    out
}

/// Changes per (kind, author name) in the document and its footnotes.
pub fn docx_changes(parts: &BTreeMap<String, Vec<u8>>) -> BTreeMap<(Kind, String), usize> {
    let mut total = story_changes(&xml("document", &parts["word/document.xml"]));
    if let Some(f) = parts.get("word/footnotes.xml") {
        // Each footnote is a story of its own.
        for note in xml("footnotes", f).find_all("w:footnote") {
            for (k, n) in story_changes(note) {
                *total.entry(k).or_default() += n;
            }
        }
    }
    total
}

/// The model's changes per (kind, author name), counted by `view::stats`:
/// each is a revision of its own in Word (`spacing::take_spaces` keeps
/// the space between two of one State's proposals outside both, so that
/// they never touch: firearms point 33).
pub fn model_changes(doc: &Document) -> BTreeMap<(Kind, String), usize> {
    let mut out = BTreeMap::new();
    for (id, s) in rapporteur::model::stats::stats(doc) {
        let name = doc.author(id).name.clone();
        if s.insertions > 0 {
            out.insert((Kind::Insertion, name.clone()), s.insertions);
        }
        if s.deletions > 0 {
            out.insert((Kind::Deletion, name), s.deletions);
        }
    }
    out
}

/// The pinned changes of the example per (kind, author name), from the
/// reading of the reference (`figures.rs`), zeros left out as the counters
/// leave them out.
pub fn pinned_changes() -> BTreeMap<(Kind, String), usize> {
    let mut out = BTreeMap::new();
    for s in figures::PINNED {
        if s.insertions > 0 {
            out.insert((Kind::Insertion, s.name.to_owned()), s.insertions);
        }
        if s.deletions > 0 {
            out.insert((Kind::Deletion, s.name.to_owned()), s.deletions);
        }
    }
    out
}

/// The DOCX comments the pinned figures call for, per author name: one per
/// comment of the reference and one per co-proposal.
pub fn pinned_docx_comments() -> BTreeMap<String, usize> {
    figures::PINNED
        .iter()
        .filter(|s| s.comments + s.co_proposals > 0)
        .map(|s| (s.name.to_owned(), s.comments + s.co_proposals))
        .collect()
}

/// What pandoc reads in our `--to pandoc` export: changes per (kind,
/// author), and comments per author with their texts.
pub struct PandocReading {
    pub changes: BTreeMap<(Kind, String), usize>,
    pub comments: Vec<(String, String)>,
}

pub fn pandoc_reads_export(doc: &Document) -> PandocReading {
    let export = rapporteur::write::pandoc::write(doc);
    let mut child = std::process::Command::new(Tool::Pandoc.path().unwrap())
        .args([
            "-f",
            "markdown",
            "-t",
            "plain",
            "-o",
            "/dev/null",
            "--lua-filter",
        ])
        .arg(root().join("tests/support/pandoc_changes.lua"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(export.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "pandoc: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut reading = PandocReading {
        changes: BTreeMap::new(),
        comments: Vec::new(),
    };
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let kind = match fields[0] {
            "insertion" => Kind::Insertion,
            "deletion" => Kind::Deletion,
            "comment" => {
                reading
                    .comments
                    .push((fields[1].to_owned(), fields[2].to_owned()));
                continue;
            }
            other => panic!("unexpected line {other}"),
        };
        *reading
            .changes
            .entry((kind, fields[1].to_owned()))
            .or_default() += 1;
    }
    reading
}

/// Words of a text, for comparisons that ignore whitespace and layout.
pub fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

/// A scratch directory under target/ for files the external tools read.
pub fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target").join("docx-tests").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
