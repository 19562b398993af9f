//! The DOCX as delegations meet it in Word: accepting or rejecting every
//! change leaves exactly the paragraphs of the accepted or original view
//! (LibreOffice through UNO, nothing folded; one known place, [`APART`]), comments by later States are replies in the
//! thread of the first, Word's own rules hold (`support::word_rules`), and
//! Microsoft's Open XML SDK validator (`ooxml-validate`) finds no error.
//!
//! The tests that need LibreOffice or ooxml-validate are skipped, with a
//! line naming the tool, when it is missing, unless CI=true
//! (`support::tools`).

use crate::support;

use rapporteur::model::view::{self, View};
use rapporteur::model::Document;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::*;

/// The sources the Word checks run on: the examples (Arabic and Chinese
/// too), the French test source, the paragraph marks' test source and a
/// generated document `scale` times the example's size.
fn sources(scale: u32) -> Vec<(String, Document)> {
    let examples = [
        "firearms-comments.md",
        "minimal.md",
        "discussion-ar.md",
        "discussion-zh.md",
    ];
    let mut out: Vec<(String, Document)> = examples
        .into_iter()
        .map(|name| (name.to_string(), parse(&example(name))))
        .collect();
    out.push((
        "french.md".into(),
        parse(&root().join("tests/data/french.md")),
    ));
    // Paragraph marks a change removes, wholly deleted or inserted
    // paragraphs last and before tables, and the spaces beside them.
    out.push((
        "marks.md".into(),
        parse(&root().join("tests/data/marks.md")),
    ));
    out.push((
        format!("generated-x{scale}"),
        parse_str(&rapporteur::generate::document(scale, 1)),
    ));
    out
}

/// The paragraphs LibreOffice reads in each file after accepting every
/// change and after rejecting every change, by file.
fn accepted_and_rejected(files: &[PathBuf]) -> Vec<(Vec<String>, Vec<String>)> {
    let script = root().join("tests/support/lo_paragraphs.py");
    let out = Command::new(tools::uno_python().expect("checked"))
        .arg(&script)
        .args(files)
        .output()
        .expect("run the UNO script");
    assert!(
        out.status.success(),
        "LibreOffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut result = vec![(Vec::new(), Vec::new()); files.len()];
    for line in stdout.lines() {
        let mut fields = line.splitn(3, '\t');
        let (file, which, text) = (
            fields.next().unwrap(),
            fields.next().unwrap(),
            fields.next().unwrap_or(""),
        );
        let i = files
            .iter()
            .position(|f| f.to_str() == Some(file))
            .unwrap_or_else(|| panic!("unknown file {file}"));
        match which {
            "accepted" => result[i].0.push(text.to_string()),
            "rejected" => result[i].1.push(text.to_string()),
            other => panic!("unexpected line kind {other}"),
        }
    }
    result
}

/// Shows where two paragraph sequences part, for a readable failure.
fn assert_same_paragraphs(ours: &[String], view: &[String], what: &str) {
    if ours == view {
        return;
    }
    let at = ours
        .iter()
        .zip(view)
        .position(|(a, b)| a != b)
        .unwrap_or(ours.len().min(view.len()));
    let show = |list: &[String]| {
        list[at.saturating_sub(2)..(at + 3).min(list.len())]
            .iter()
            .map(|p| format!("    [{}]", p.chars().take(90).collect::<String>()))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let whole = |list: &[String]| list.get(at).cloned().unwrap_or_default();
    let (a, b) = (whole(ours), whole(view));
    let from = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    let context = |s: &str| {
        let start = s.floor_char_boundary(from.saturating_sub(40));
        s[start..].chars().take(80).collect::<String>()
    };
    eprintln!(
        "first difference: after settling […{}]\n                  the view     […{}]",
        context(&a),
        context(&b)
    );
    panic!(
        "{what}: paragraphs differ at paragraph {at} ({} vs {} paragraphs, {} vs {} empty)\n  \
         after accepting or rejecting:\n{}\n  the view:\n{}",
        ours.len(),
        view.len(),
        ours.iter().filter(|p| p.is_empty()).count(),
        view.iter().filter(|p| p.is_empty()).count(),
        show(ours),
        show(view),
    );
}

/// The one place where Word's text and the views knowingly differ:
/// Reject All leaves the space that keeps two of one State's proposals
/// apart, before the comma that follows them (firearms point 33,
/// `firearms {++involved …++}{>>US<<} {++from …++}{>>US<<},`): moved into
/// either, the two would touch and Word would show one insertion
/// (docs/decisions.md, "A change takes the space beside it"). What
/// Reject All leaves, and what the original view prints.
const APART: (&str, &str) = (
    "illicit firearms , States are urged",
    "illicit firearms, States are urged",
);

/// Reject All's paragraphs compared with the original view's: the same,
/// but for [`APART`], which Reject All leaves wherever the view prints
/// its text, and nowhere else.
fn assert_rejected_is_the_view(rejected: &[String], view: &[String], what: &str) {
    let mut apart = 0;
    let read: Vec<String> = rejected
        .iter()
        .map(|p| {
            apart += p.matches(APART.0).count();
            p.replace(APART.0, APART.1)
        })
        .collect();
    let expected: usize = view.iter().map(|p| p.matches(APART.1).count()).sum();
    assert_eq!(
        apart, expected,
        "{what}: Reject All leaves `{}` where the view prints `{}`",
        APART.0, APART.1
    );
    assert_same_paragraphs(&read, view, what);
}

fn write_to(dir: &Path, name: &str, doc: &Document) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, render(doc)).unwrap();
    path
}

/// Accept All and Reject All in LibreOffice give exactly the paragraphs
/// (text and count, empty ones included, list labels included) of the
/// accepted and original views rendered to DOCX and read the same way.
#[test]
fn accepting_and_rejecting_all_give_the_paragraphs_of_the_views() {
    if missing(&[Tool::LibreOffice]) {
        return;
    }
    let dir = scratch("word-accept");
    let mut files = Vec::new();
    // Generated at twice the example's size: LibreOffice takes many
    // minutes to accept every change of a larger one.
    let sources = sources(2);
    for (name, doc) in &sources {
        let stem = name.trim_end_matches(".md");
        files.push(write_to(&dir, &format!("{stem}.docx"), doc));
        let accepted = view::apply(doc, View::Accepted);
        files.push(write_to(&dir, &format!("{stem}-accepted.docx"), &accepted));
        let original = view::apply(doc, View::Original);
        files.push(write_to(&dir, &format!("{stem}-original.docx"), &original));
    }
    let read = accepted_and_rejected(&files);
    for (i, (name, _)) in sources.iter().enumerate() {
        let (all, accepted, original) = (&read[3 * i], &read[3 * i + 1], &read[3 * i + 2]);
        // The views hold no changes: what LibreOffice reads is the view.
        assert_eq!(
            accepted.0, accepted.1,
            "{name}: the accepted view has no changes"
        );
        assert_same_paragraphs(&all.0, &accepted.0, &format!("{name}: accept all"));
        assert_rejected_is_the_view(&all.1, &original.0, &format!("{name}: reject all"));
        if name == "firearms-comments.md" {
            assert!(original.0.iter().any(|p| p.contains(APART.1)));
        }
    }
}

/// The package with its comments' anchors taken out of the body (the
/// comment parts stay, unreferenced): the same paragraphs, runs and
/// tracked changes.
fn without_comment_anchors(bytes: &[u8]) -> Vec<u8> {
    let mut parts = unzip(bytes);
    let body = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    let mut out = String::with_capacity(body.len());
    let mut rest = body.as_str();
    const REFERENCE: &str =
        "<w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:commentReference ";
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let element = if rest.starts_with("<w:commentRangeStart ")
            || rest.starts_with("<w:commentRangeEnd ")
        {
            rest.find("/>").map(|end| end + 2)
        } else if rest.starts_with(REFERENCE) {
            rest.find("</w:r>").map(|end| end + 6)
        } else {
            None
        };
        match element {
            Some(len) => rest = &rest[len..],
            None => {
                out.push('<');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    assert!(!out.contains("w:comment"), "an anchor was left");
    parts.insert("word/document.xml".into(), out.into_bytes());
    zip_parts(&parts)
}

/// Accept All and Reject All through LibreOffice at ten times the
/// example's size. LibreOffice 7.4 lays out thousands of comments so
/// slowly that it does not finish (a document eight times the example:
/// over 10 minutes after Accept All with its 3,300 comments, 5 seconds
/// without them), so the comments' anchors are taken out first: they
/// hold no text and no paragraph, and every tracked change stays.
#[test]
fn accepting_and_rejecting_all_at_ten_times_the_example() {
    if missing(&[Tool::LibreOffice]) {
        return;
    }
    let dir = scratch("word-accept-x10");
    let doc = parse_str(&rapporteur::generate::document(10, 1));
    let mut files = Vec::new();
    for (name, doc) in [
        ("all", doc.clone()),
        ("accepted", view::apply(&doc, View::Accepted)),
        ("original", view::apply(&doc, View::Original)),
    ] {
        let path = dir.join(format!("generated-x10-{name}.docx"));
        std::fs::write(&path, without_comment_anchors(&render(&doc))).unwrap();
        files.push(path);
    }
    let read = accepted_and_rejected(&files);
    let (all, accepted, original) = (&read[0], &read[1], &read[2]);
    assert!(all.0.len() > 1000, "{} paragraphs", all.0.len());
    assert_same_paragraphs(&all.0, &accepted.0, "generated x10: accept all");
    assert_rejected_is_the_view(&all.1, &original.0, "generated x10: reject all");
}

/// A comment as the thread parts describe it.
struct ThreadComment {
    id: String,
    author: String,
    text: String,
    parent: Option<String>,
}

/// The comments of a package with their thread parents (by comment id),
/// checked against the thread parts: every comment has a paragraph id, a
/// `w15:commentEx` and a durable id, and a parent is a top-level comment.
fn threads(parts: &std::collections::BTreeMap<String, Vec<u8>>) -> Vec<ThreadComment> {
    let comments = xml("comments", &parts["word/comments.xml"]);
    let extended = xml("commentsExtended", &parts["word/commentsExtended.xml"]);
    let ids = xml("commentsIds", &parts["word/commentsIds.xml"]);
    let para_of = |c: &El| {
        let paragraphs = c.find_all("w:p");
        let last = paragraphs.last().expect("a comment has a paragraph");
        last.attr("w14:paraId").expect("w14:paraId").to_owned()
    };
    let by_para: std::collections::BTreeMap<String, String> = comments
        .find_all("w:comment")
        .iter()
        .map(|c| (para_of(c), c.attr("w:id").unwrap().to_owned()))
        .collect();
    let mut parent_of = std::collections::BTreeMap::new();
    for ex in extended.find_all("w15:commentEx") {
        let para = ex.attr("w15:paraId").unwrap().to_owned();
        assert!(
            by_para.contains_key(&para),
            "commentEx {para} has no comment"
        );
        let parent = ex.attr("w15:paraIdParent").map(|p| by_para[p].clone());
        parent_of.insert(para, parent);
    }
    let durable: Vec<&El> = ids.find_all("w16cid:commentId");
    assert_eq!(durable.len(), by_para.len(), "a durable id per comment");
    let list: Vec<ThreadComment> = comments
        .find_all("w:comment")
        .iter()
        .map(|c| ThreadComment {
            id: c.attr("w:id").unwrap().to_owned(),
            author: c.attr("w:author").unwrap().to_owned(),
            text: c.text(),
            parent: parent_of
                .remove(&para_of(c))
                .expect("every comment has a commentEx"),
        })
        .collect();
    for c in &list {
        if let Some(p) = &c.parent {
            let parent = list.iter().find(|o| &o.id == p).expect("parent exists");
            assert!(
                parent.parent.is_none(),
                "replies reply to a top-level comment"
            );
        }
    }
    list
}

/// In the example, every later attribution on a change group (a remark,
/// an objection, a co-proposal) is a reply in the thread its group's first
/// comment opens, by the State that made it; standing and span notes are
/// top-level; every comment keeps its State's name in its text.
#[test]
fn later_attributions_are_replies_in_their_groups_thread() {
    for name in ["firearms-comments.md", "minimal.md"] {
        let doc = parse(&example(name));
        let parts = unzip(&render(&doc));
        let list = threads(&parts);
        // What the model says: per group, the commenting attributions.
        let mut expected = Vec::new();
        for group in &doc.groups {
            let commenting: Vec<String> = group
                .attributions
                .iter()
                .enumerate()
                .filter(|(i, at)| at.note.is_some() || *i > 0)
                .map(|(_, at)| doc.author(at.author).name.clone())
                .collect();
            if let Some((first, later)) = commenting.split_first() {
                for reply in later {
                    expected.push((first.clone(), reply.clone()));
                }
            }
        }
        let replies: Vec<(String, String)> = list
            .iter()
            .filter_map(|c| {
                let parent = list.iter().find(|p| Some(&p.id) == c.parent.as_ref())?;
                Some((parent.author.clone(), c.author.clone()))
            })
            .collect();
        assert_eq!(
            replies, expected,
            "{name}: (thread's first author, reply author)"
        );
        if name == "firearms-comments.md" {
            assert!(!replies.is_empty(), "{name} has replies");
        }
        let top_level = list.iter().filter(|c| c.parent.is_none()).count();
        assert_eq!(top_level + replies.len(), list.len());
        for c in &list {
            assert!(
                c.text.contains(&c.author),
                "{name}: comment {} does not name {}: {}",
                c.id,
                c.author,
                c.text
            );
        }
        // One w15:person per State that comments.
        let people = xml("people", &parts["word/people.xml"]);
        let mut persons: Vec<String> = people
            .find_all("w15:person")
            .iter()
            .map(|p| p.attr("w15:author").unwrap().to_owned())
            .collect();
        let mut authors: Vec<String> = list.iter().map(|c| c.author.clone()).collect();
        authors.sort();
        authors.dedup();
        persons.sort();
        assert_eq!(persons, authors, "{name}: people.xml");
        let settings = String::from_utf8(parts["word/settings.xml"].clone()).unwrap();
        assert!(!settings.contains("removePersonalInformation"));
    }
}

/// Word opens no file with more than 32,767 comments: the writer says so
/// rather than write one.
#[test]
fn more_comments_than_word_opens_is_a_clear_error() {
    let notes = "{>>US: n<<} ".repeat(32_768);
    let doc = parse_str(
        &front()
            .author("US", "United States")
            .source(&format!("Text {notes}end.\n")),
    );
    let err = rapporteur::write::docx::write(&doc, &rapporteur::write::docx::Options::default())
        .expect_err("too many comments");
    let message = err.to_string();
    assert!(
        message.contains("32768 comments") && message.contains("32767"),
        "{message}"
    );
}

/// Replaces the first `from` in `part` (after `after`, if given) by `to`;
/// panics when there is none, so a broken copy is never silently good.
fn replace_first(part: &mut String, from: &str, to: &str) {
    let at = part
        .find(from)
        .unwrap_or_else(|| panic!("no {from:?} to break"));
    part.replace_range(at..at + from.len(), to);
}

/// The value of the first `attribute="…"` after `from` in `part`.
fn first_value(part: &str, from: &str, attribute: &str) -> String {
    let start = part.find(from).unwrap_or_else(|| panic!("no {from:?}"));
    let rest = &part[start..];
    let at = rest.find(&format!("{attribute}=\"")).unwrap() + attribute.len() + 2;
    rest[at..at + rest[at..].find('"').unwrap()].to_owned()
}

/// A good DOCX with one of Word's rules broken, by rule name.
fn break_rule(good: &std::collections::BTreeMap<String, Vec<u8>>, rule: &str) -> Vec<u8> {
    let mut parts = good.clone();
    let mut text = |path: &str, f: &dyn Fn(&mut String)| {
        let mut s = String::from_utf8(parts[path].clone()).unwrap();
        f(&mut s);
        parts.insert(path.to_owned(), s.into_bytes());
    };
    const REVISION: &str = r#"w:author="France" w:date="2020-09-16T00:00:00Z""#;
    let doc = "word/document.xml";
    match rule {
        "revision-id-unique" => text(doc, &|s| {
            let first = first_value(s, "<w:ins ", "w:id");
            let second = first_value(&s[s.find("<w:ins ").unwrap() + 1..], "<w:ins ", "w:id");
            replace_first(
                s,
                &format!("w:id=\"{second}\""),
                &format!("w:id=\"{first}\""),
            );
        }),
        "revision-id-not-comment-id" => text(doc, &|s| {
            let first = first_value(s, "<w:ins ", "w:id");
            replace_first(s, &format!("<w:ins w:id=\"{first}\""), "<w:ins w:id=\"0\"");
        }),
        "ins-in-ins" => text(doc, &|s| {
            // The first w:ins around runs (not a paragraph mark's, `/>`).
            let end = s
                .match_indices("<w:ins ")
                .map(|(open, _)| open + s[open..].find('>').unwrap() + 1)
                .find(|&end| &s[end - 2..end] != "/>")
                .expect("a w:ins around runs");
            s.insert_str(end, &format!("<w:ins w:id=\"99990\" {REVISION}>"));
            let close = end + s[end..].find("</w:ins>").unwrap();
            s.insert_str(close, "</w:ins>");
        }),
        "t-in-del" => text(doc, &|s| {
            replace_first(s, "<w:delText", "<w:t");
            replace_first(s, "</w:delText>", "</w:t>");
        }),
        "deltext-outside-del" => text(doc, &|s| {
            replace_first(
                s,
                "<w:t xml:space=\"preserve\">",
                "<w:delText xml:space=\"preserve\">",
            );
            replace_first(s, "</w:t>", "</w:delText>");
        }),
        "empty-revision" => text(doc, &|s| {
            replace_first(
                s,
                "</w:p>",
                &format!("<w:ins w:id=\"99991\" {REVISION}></w:ins></w:p>"),
            )
        }),
        "revision-author-date" => text(doc, &|s| {
            let date = first_value(s, "<w:ins ", "w:date");
            replace_first(s, &format!("w:date=\"{date}\""), "w:date=\"16/09/2020\"");
        }),
        "comment-anchors" => text(doc, &|s| {
            let id = first_value(s, "<w:commentRangeEnd ", "w:id");
            replace_first(s, &format!("<w:commentRangeEnd w:id=\"{id}\" />"), "");
        }),
        "comment-outside-main-story" => text("word/footnotes.xml", &|s| {
            replace_first(s, "</w:p>", "<w:commentRangeStart w:id=\"0\"/></w:p>")
        }),
        "marker-without-comment" => text(doc, &|s| {
            replace_first(
                s,
                "</w:p>",
                "<w:r><w:commentReference w:id=\"9999\"/></w:r></w:p>",
            )
        }),
        "comment-limit" => text("word/comments.xml", &|s| {
            let many: String = (0..32_768)
                .map(|i| {
                    format!(
                        "<w:comment w:id=\"{}\" w:author=\"France\"><w:p/></w:comment>",
                        100_000 + i
                    )
                })
                .collect();
            replace_first(s, "</w:comments>", &format!("{many}</w:comments>"));
        }),
        "move" => {
            text(doc, &|s| {
                replace_first(
                s,
                "</w:p>",
                &format!("<w:moveTo w:id=\"99992\" {REVISION}><w:r><w:t>x</w:t></w:r></w:moveTo></w:p>"),
            )
            })
        }
        "compatibility-mode" => text("word/settings.xml", &|s| {
            replace_first(s, "w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"", "w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"14\"")
        }),
        "separator-footnote-ref" => text("word/footnotes.xml", &|s| {
            replace_first(
                s,
                "<w:r><w:separator/></w:r>",
                "<w:r><w:footnoteRef/></w:r><w:r><w:separator/></w:r>",
            )
        }),
        "numbering-lvltext" => text("word/numbering.xml", &|s| {
            replace_first(s, "w:lvlText w:val=\"%1.\"", "w:lvlText w:val=\"%2.\"")
        }),
        "thread-parts" => text("word/commentsExtended.xml", &|s| {
            let parent = first_value(s, "w15:paraIdParent", "w15:paraIdParent");
            replace_first(
                s,
                &format!("w15:paraIdParent=\"{parent}\""),
                "w15:paraIdParent=\"7FFFFFFE\"",
            );
        }),
        other => panic!("no way to break {other}"),
    }
    rezip(&parts)
}

/// The parts zipped again, in path order.
fn rezip(parts: &std::collections::BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    use std::io::Write;
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, bytes) in parts {
        writer.start_file(path.as_str(), options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// The good file the broken copies are made from: the French test source
/// has revisions, a reply, footnotes, numbering and a standing note.
fn good_package() -> std::collections::BTreeMap<String, Vec<u8>> {
    unzip(&render(&parse(&root().join("tests/data/french.md"))))
}

fn broken_copy(rule: &str) -> PathBuf {
    root().join(format!("tests/data/word-rules/{rule}.docx"))
}

/// The check fails on each kept broken copy with the rule it breaks, and
/// on the same break made afresh from today's output.
#[test]
fn the_word_rules_check_fails_on_each_broken_copy() {
    let good = good_package();
    for rule in word_rules::RULES {
        let path = broken_copy(rule);
        let kept = std::fs::read(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (regenerate: cargo test --test tests docx_word:: -- --ignored)",
                path.display()
            )
        });
        for (what, bytes) in [("kept copy", kept), ("fresh copy", break_rule(&good, rule))] {
            let violations = word_rules::check(&bytes);
            assert!(
                violations
                    .iter()
                    .any(|v| v.starts_with(&format!("{rule}:"))),
                "{rule} ({what}): the check did not see it; it found {violations:?}"
            );
        }
    }
}

/// Writes the broken copies kept in `tests/data/word-rules/`.
#[test]
#[ignore = "writes test data: cargo test --test tests docx_word:: -- --ignored"]
fn regenerate_broken_copies() {
    let good = good_package();
    std::fs::create_dir_all(root().join("tests/data/word-rules")).unwrap();
    for rule in word_rules::RULES {
        std::fs::write(broken_copy(rule), break_rule(&good, rule)).unwrap();
    }
}

/// Microsoft's Open XML SDK validator (`@ooxml-tools/validate`, compiled
/// to WebAssembly) finds no error in the examples, the hard cases, the
/// French source and a generated document ten times the example's size.
#[test]
fn the_open_xml_sdk_validator_finds_no_error() {
    if missing(&[Tool::OoxmlValidate]) {
        return;
    }
    let dir = scratch("ooxml-validate-word");
    let mut files = vec![write_to(
        &dir,
        "hard-cases.docx",
        &parse(&root().join("tests/data/hard-cases.md")),
    )];
    for (name, doc) in sources(10) {
        files.push(write_to(
            &dir,
            &format!("{}.docx", name.trim_end_matches(".md")),
            &doc,
        ));
    }
    for file in files {
        let path = file.to_str().expect("a UTF-8 path");
        let (ok, report, err) = tools::run(Tool::OoxmlValidate, &["--output-format", "json", path]);
        // It exits 0 whatever it finds: the JSON list of errors must be empty.
        assert!(
            ok && report.trim() == "[]",
            "{path}: ooxml-validate reports errors:\n{report}{err}"
        );
    }
}

/// Page 1's footer carries the job number's barcode as the PDF does: an
/// image related from the first-page footer, declared as PNG.
#[test]
fn the_first_page_footer_carries_the_barcode() {
    let parts = unzip(&render(&parse(&example("firearms-comments.md"))));
    let footer = xml("footer1", &parts["word/footer1.xml"]);
    let blip = footer.find_all("a:blip");
    assert_eq!(blip.len(), 1, "one image in the first-page footer");
    let rels = xml("rels", &parts["word/_rels/footer1.xml.rels"]);
    let target = rels
        .find_all("Relationship")
        .into_iter()
        .find(|r| r.attr("Id") == blip[0].attr("r:embed"))
        .and_then(|r| r.attr("Target"))
        .expect("the image is related")
        .to_owned();
    let png = &parts[&format!("word/{target}")];
    assert!(png.starts_with(b"\x89PNG"));
    let types = String::from_utf8(parts["[Content_Types].xml"].clone()).unwrap();
    assert!(types.contains(&format!(
        "PartName=\"/word/{target}\" ContentType=\"image/png\""
    )));
    assert_eq!(
        footer.find_all("wp:docPr")[0].attr("descr"),
        Some("Barcode 2005590")
    );
    // Other pages' footers have none.
    for other in ["word/footer2.xml", "word/footer3.xml"] {
        assert!(xml(other, &parts[other]).find_all("a:blip").is_empty());
    }
}

/// A wholly deleted paragraph's mark and label go with its change: the
/// revisions per author are still the model's changes, one each.
#[test]
fn whole_paragraph_marks_and_labels_make_no_change_of_their_own() {
    let mut differ = Vec::new();
    for (name, doc) in sources(2) {
        let parts = unzip(&render(&doc));
        let want = model_changes(&doc);
        if docx_changes(&parts) != want {
            differ.push(format!("{name}: {:?} vs {want:?}", docx_changes(&parts)));
        }
    }
    assert!(differ.is_empty(), "{differ:#?}");
    // The French source's wholly deleted subparagraph: label, text and
    // mark deleted by Canada.
    let parts = unzip(&render(&parse(&root().join("tests/data/french.md"))));
    let document = xml("document", &parts["word/document.xml"]);
    let paragraph = document
        .find_all("w:p")
        .into_iter()
        .find(|p| p.text().contains("En matière de marquage"))
        .expect("the subparagraph");
    let mark = paragraph.find_all("w:pPr")[0].find_all("w:del");
    assert_eq!(mark.len(), 1, "its mark is deleted");
    assert_eq!(mark[0].attr("w:author"), Some("Canada"));
    let deleted: String = paragraph
        .find_all("w:delText")
        .iter()
        .map(|t| t.text())
        .collect();
    // French subparagraph labels read `a)`.
    assert_eq!(deleted, "a)En matière de marquage des armes à feu ;");
    assert!(paragraph.find_all("w:t").is_empty(), "nothing stays");
}

/// Accept All (or Reject All) as Word defines it, on `document.xml`: the
/// text of each body paragraph once every deletion (insertion) is removed
/// and every insertion (deletion) kept, a paragraph whose mark is removed
/// joined to the next. LibreOffice takes many minutes to do it on a large
/// document; this reads the markup the same way in a moment.
fn settle(document: &El, accept: bool) -> Vec<String> {
    let removed = if accept { "w:del" } else { "w:ins" };
    fn text(e: &El, removed: &str, out: &mut String) {
        for c in e.elems() {
            match c.name.as_str() {
                n if n == removed => {}
                "w:pPr" | "w:rPr" => {}
                "w:t" | "w:delText" => out.push_str(&c.text()),
                "w:tab" => out.push('\t'),
                _ => text(c, removed, out),
            }
        }
    }
    let mut out = Vec::new();
    let mut joined = String::new();
    for p in document.find_all("w:p") {
        text(p, removed, &mut joined);
        let mark_removed = p
            .elems()
            .find(|e| e.name == "w:pPr")
            .and_then(|ppr| ppr.elems().find(|e| e.name == "w:rPr"))
            .is_some_and(|rpr| rpr.elems().any(|e| e.name == removed));
        if !mark_removed {
            out.push(std::mem::take(&mut joined));
        }
    }
    if !joined.is_empty() {
        out.push(joined);
    }
    out
}

/// The same as `accepting_and_rejecting_all_give_the_paragraphs_of_the_views`
/// at ten times the example's size, with Accept All and Reject All read
/// from the markup ([`settle`]) instead of run by LibreOffice.
#[test]
fn settling_every_change_gives_the_views_paragraphs_at_scale() {
    for (name, doc) in sources(10) {
        let body = |doc: &Document| {
            let parts = unzip(&render(doc));
            xml("document", &parts["word/document.xml"])
        };
        let all = body(&doc);
        let accepted = body(&view::apply(&doc, View::Accepted));
        let original = body(&view::apply(&doc, View::Original));
        assert_same_paragraphs(
            &settle(&all, true),
            &settle(&accepted, true),
            &format!("{name}: accept all"),
        );
        assert_rejected_is_the_view(
            &settle(&all, false),
            &settle(&original, false),
            &format!("{name}: reject all"),
        );
    }
}
