//! `rapporteur import`: a rendered DOCX becomes a source that checks with
//! the same statistics; a hostile or broken file is an error naming it,
//! exit 1, and no output file.

use crate::support;

use std::path::Path;
use std::process::Command;
use support::*;

fn rapporteur(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(args)
        .output()
        .expect("runs")
}

fn stats_lines(path: &Path) -> Vec<String> {
    let out = rapporteur(&["check", "--stats", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The first line names the file; the table follows.
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(1)
        .map(str::to_string)
        .collect()
}

#[test]
fn an_imported_rendering_checks_with_the_same_statistics() {
    let dir = scratch("import-cli");
    for name in ["minimal.md", "firearms-comments.md"] {
        let docx = dir.join(name.replace(".md", ".docx"));
        std::fs::write(&docx, render(&parse(&example(name)))).unwrap();
        let back = dir.join(name.replace(".md", "-back.md"));
        // A source from an earlier run: import replaces none without --force.
        let _ = std::fs::remove_file(&back);
        let out = rapporteur(&[
            "import",
            docx.to_str().unwrap(),
            "-o",
            back.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(stats_lines(&back), stats_lines(&example(name)), "{name}");
        let text = std::fs::read_to_string(&back).unwrap();
        let again = rapporteur::read::source::parse("back", &text).unwrap();
        let original = parse(&example(name));
        for v in [
            rapporteur::model::view::View::All,
            rapporteur::model::view::View::Accepted,
            rapporteur::model::view::View::Original,
        ] {
            assert_eq!(
                rapporteur::write::text::write(&rapporteur::model::view::apply(&again, v)),
                rapporteur::write::text::write(&rapporteur::model::view::apply(&original, v)),
                "{name}: {v:?}"
            );
        }
    }
}

#[test]
fn bad_files_exit_1_with_their_name_and_write_nothing() {
    let dir = scratch("import-cli-bad");
    let bomb = {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        w.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut w, &vec![b' '; 300 << 20]).unwrap();
        w.finish().unwrap().into_inner()
    };
    let laughs = {
        let xml = br#"<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#;
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        w.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut w, xml).unwrap();
        w.finish().unwrap().into_inner()
    };
    let not_docx = {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        w.start_file("hello.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut w, b"hello").unwrap();
        w.finish().unwrap().into_inner()
    };
    let full = render(&parse(&example("minimal.md")));
    let truncated = full[..full.len() / 2].to_vec();
    for (name, bytes) in [
        ("bomb.docx", bomb),
        ("laughs.docx", laughs),
        ("notdocx.docx", not_docx),
        ("truncated.docx", truncated),
    ] {
        let input = dir.join(name);
        std::fs::write(&input, bytes).unwrap();
        let output = dir.join(name.replace(".docx", ".md"));
        let _ = std::fs::remove_file(&output);
        let out = rapporteur(&[
            "import",
            input.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(stderr.contains(name), "{name}: {stderr}");
        assert!(!output.exists(), "{name}: an output was written");
    }
}

/// A Word file whose body is `body` (WordprocessingML paragraphs and
/// tables), as the smallest package Word and LibreOffice open.
fn word_file(body: &str) -> Vec<u8> {
    word_file_with(body, &[])
}

/// [`word_file`] with more parts (`word/numbering.xml`, …), each given
/// as the inside of its root element.
fn word_file_with(body: &str, more: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut parts = std::collections::BTreeMap::new();
    for (name, root, inner) in more {
        parts.insert(
            name.to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{inner}</w:{root}>"#
            )
            .into_bytes(),
        );
    }
    parts.insert(
        "[Content_Types].xml".to_string(),
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_vec(),
    );
    parts.insert(
        "_rels/.rels".to_string(),
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_vec(),
    );
    parts.insert(
        "word/document.xml".to_string(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
        .into_bytes(),
    );
    zip_parts(&parts)
}

/// `<w:ins …>` / `<w:del …>` by `author` with id `id`, open (`inner`
/// markup inside) or, for a paragraph mark, empty.
fn rev(kind: &str, id: u32, author: &str, inner: Option<&str>) -> String {
    let attrs = format!(r#"w:id="{id}" w:author="{author}" w:date="2020-01-01T00:00:00Z""#);
    match inner {
        Some(inner) => format!("<w:{kind} {attrs}>{inner}</w:{kind}>"),
        None => format!("<w:{kind} {attrs}/>"),
    }
}

fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn del_run(text: &str) -> String {
    format!(r#"<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r>"#)
}

/// A paragraph whose mark has the revision `mark` (`<w:ins …/>`), if any.
fn para(mark: Option<&str>, content: &str) -> String {
    match mark {
        Some(m) => format!("<w:p><w:pPr><w:rPr>{m}</w:rPr></w:pPr>{content}</w:p>"),
        None => format!("<w:p>{content}</w:p>"),
    }
}

/// What a user sees of an imported Word file: `rapporteur import` exits
/// 0 (its warnings returned), the source it writes passes `check`, and
/// each view's body, as `render --to md --view` prints it from the first
/// paragraph after the date on.
struct Imported {
    source: String,
    warnings: String,
    accepted: String,
    original: String,
}

fn import_word_file(name: &str, bytes: &[u8]) -> Imported {
    let dir = scratch("import-cli-word");
    let input = dir.join(format!("{name}.docx"));
    std::fs::write(&input, bytes).unwrap();
    let output = dir.join(format!("{name}.md"));
    let _ = std::fs::remove_file(&output);
    let out = rapporteur(&[
        "import",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    let warnings = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        out.status.success(),
        "{name}: import refused it:\n{warnings}"
    );
    assert!(!warnings.contains("error"), "{name}: {warnings}");
    let check = rapporteur(&["check", output.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    let view = |v: &str| {
        let out = rapporteur(&[
            "render",
            output.to_str().unwrap(),
            "--to",
            "md",
            "--view",
            v,
        ]);
        assert!(out.status.success(), "{name}: render --view {v}");
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        // The body: after the masthead's date line.
        let start = text.find("2000\n\n").map_or(0, |i| i + 6);
        text[start..].trim_end().to_string()
    };
    Imported {
        source: std::fs::read_to_string(&output).unwrap(),
        warnings,
        accepted: view("accepted"),
        original: view("original"),
    }
}

#[test]
fn paragraph_mark_changes_come_in_with_their_attribution_after_them() {
    // A single inserted mark, three deleted marks in a row (two of them
    // of empty paragraphs), a mark deleted beside another author's
    // deletion, a mark beside a paragraph-property change, and a last
    // inserted mark at the end of the document.
    let body = [
        para(Some(&rev("ins", 1, "Eric White", None)), &run("Prove your point.")),
        para(None, &run("Split here.")),
        para(Some(&rev("del", 2, "Eric White", None)), &run("One")),
        para(Some(&rev("del", 3, "Eric White", None)), ""),
        para(Some(&rev("del", 4, "Eric White", None)), ""),
        para(None, &run("two.")),
        para(
            Some(&rev("del", 5, "Jane Roe", None)),
            &format!("{}{}", run("Three "), rev("del", 6, "Eric White", Some(&del_run("old")))),
        ),
        format!(
            r#"<w:p><w:pPr><w:pPrChange w:id="7" w:author="Jane Roe" w:date="2020-01-01T00:00:00Z"><w:pPr/></w:pPrChange><w:rPr>{}</w:rPr></w:pPr>{}</w:p>"#,
            rev("ins", 8, "Jane Roe", None),
            run("Four.")
        ),
        para(None, &run("Five.")),
        para(Some(&rev("ins", 9, "Eric White", None)), &run("Last.")),
    ]
    .concat();
    let got = import_word_file("marks", &word_file(&body));
    assert!(
        got.source
            .contains("Prove your point.{++\n\n++}{>>Eric White<<}Split here."),
        "{}",
        got.source
    );
    assert!(
        got.source.ends_with("Last.{++\n\n++}{>>Eric White<<}\n"),
        "{}",
        got.source
    );
    // Accept All keeps the inserted breaks and removes the deleted ones,
    // joining the words with nothing between, as Word and LibreOffice do
    // (the file has no space there; tests/docx/word_corpus.rs checks real files).
    // A deletion that ends a paragraph whose mark goes keeps the space
    // before it when the next paragraph opens with a word, as
    // LibreOffice's Accept All gives "Three Four." (spacing::Edges::next).
    assert_eq!(
        got.accepted,
        "Prove your point.\n\nSplit here.\n\nOnetwo.\n\nThree Four.\n\nFive.\n\nLast."
    );
    // Reject All: no inserted break, every deleted one.
    assert_eq!(
        got.original,
        "Prove your point.Split here.\n\nOne\n\ntwo.\n\nThree old\n\nFour.Five.\n\nLast."
    );
}

#[test]
fn a_deletion_inside_the_same_authors_insertion_is_attributed() {
    // The deletion takes the inserted paragraph's last word and its mark.
    let inner = rev("del", 4, "Test User", Some(&del_run("ed.")));
    let body = [
        para(None, &run("Before.")),
        para(
            Some(&rev("del", 1, "Test User", None)),
            &format!(
                "{}{}",
                rev("ins", 2, "Test User", Some(&run("This is add"))),
                rev("ins", 3, "Test User", Some(&inner))
            ),
        ),
        para(None, &run("After.")),
    ]
    .concat();
    let got = import_word_file("nested", &word_file(&body));
    assert!(
        got.source
            .contains("{++This is add{--ed.--}{>>Test User<<}++}"),
        "{}",
        got.source
    );
    assert!(got.accepted.contains("This is add"), "{}", got.accepted);
    assert!(!got.original.contains("This is"), "{}", got.original);
}

#[test]
fn a_change_of_white_space_alone_goes_through_docx_and_back() {
    let dir = scratch("import-cli-space");
    let src = dir.join("space.md");
    std::fs::write(
        &src,
        front()
            .author("US", "United States")
            .source("First {++ ++}{>>US<<}Second paragraph.\n"),
    )
    .unwrap();
    let docx = dir.join("space.docx");
    let out = rapporteur(&[
        "render",
        src.to_str().unwrap(),
        "--to",
        "docx",
        "-o",
        docx.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let parts = unzip(&std::fs::read(&docx).unwrap());
    let document = String::from_utf8_lossy(&parts["word/document.xml"]).to_string();
    assert!(
        document.contains(r#"<w:t xml:space="preserve"> </w:t></w:r></w:ins>"#),
        "the inserted space is not in the DOCX"
    );
    // With rapporteur's stored structure and without it (another tool's
    // file, the markup alone).
    let mut plain = parts.clone();
    plain.retain(|name, _| !name.starts_with("customXml/"));
    for (name, bytes) in [
        ("space-structured", std::fs::read(&docx).unwrap()),
        ("space-plain", zip_parts(&plain)),
    ] {
        let got = import_word_file(name, &bytes);
        assert!(
            got.source.contains("First {++ ++}{>>"),
            "{name}: {}",
            got.source
        );
    }
}

#[test]
fn emphasis_on_part_of_a_word_and_control_characters_come_in() {
    let body = para(
        None,
        &[
            run("The quick brown fox j"),
            r#"<w:r><w:rPr><w:i/></w:rPr><w:t>um</w:t></w:r>"#.to_string(),
            r#"<w:r><w:rPr><w:b/><w:i/></w:rPr><w:t>ped</w:t></w:r>"#.to_string(),
            run(" over the lazy\u{85} dog."),
        ]
        .concat(),
    );
    let got = import_word_file("emphasis", &word_file(&body));
    assert!(got.source.contains("j*um**ped***"), "{}", got.source);
    assert!(!got.source.contains('\u{85}'));
    assert!(
        got.warnings
            .contains("word/document.xml, paragraph 1: a control character U+0085"),
        "{}",
        got.warnings
    );
    let doc = rapporteur::read::source::parse("emphasis.md", &got.source).unwrap();
    let rapporteur::model::Block::Paragraph(p) = &doc.blocks[0] else {
        panic!("{:?}", doc.blocks[0]);
    };
    let styled: Vec<(String, bool, bool)> = p
        .content
        .iter()
        .filter_map(|i| match i {
            rapporteur::model::Inline::Text(r) => {
                Some((r.text.clone(), r.style.italic, r.style.bold))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        styled[1..3],
        [("um".into(), true, false), ("ped".into(), true, true)]
    );
}

#[test]
fn changes_at_the_edges_of_points_and_cells_come_in_with_a_warning() {
    let body = [
        para(None, &run("Discussion point 1")),
        para(Some(&rev("del", 1, "US", None)), &run("Text one")),
        para(None, &run("Discussion point 2")),
        para(None, &run("Text two")),
        format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
            para(
                Some(&rev("ins", 2, "US", None)),
                &format!("{}{}", run("cell"), rev("ins", 3, "US", Some(&run(" one"))))
            ),
            para(None, &rev("ins", 4, "US", Some(&run("two"))))
        ),
        para(None, &run("End.")),
    ]
    .concat();
    let got = import_word_file("edges", &word_file(&body));
    assert!(
        got.warnings
            .contains("a tracked change of the break before the end of discussion point 1"),
        "{}",
        got.warnings
    );
    assert!(got.accepted.contains("cell one | two"), "{}", got.accepted);
}

/// The words rapporteur adds to a comment (the State's name before its
/// reason, "Also proposed by …" for a co-proposal, in the document's
/// language) come off again when a Word file without rapporteur's stored
/// structure is imported: the reason comes back as written, the
/// co-proposal as an attribution without a note, in every language.
#[test]
fn the_words_added_to_comments_come_off_on_import_in_every_language() {
    let dir = scratch("import-comment-words");
    let states = [
        ("en", "United States", "Canada", "keep the old wording"),
        ("fr", "États-Unis", "Canada", "garder le texte"),
        ("es", "Estados Unidos", "Canadá", "mantener el texto"),
        ("ru", "Соединенные Штаты", "Канада", "сохранить текст"),
        ("ar", "الولايات المتحدة", "كندا", "الإبقاء على النص"),
        ("zh", "美国", "加拿大", "保留原文"),
    ];
    for (code, us, ca, reason) in states {
        let source = dir.join(format!("{code}.md"));
        std::fs::write(
            &source,
            format!(
                "+++\nsymbol = \"A/1\"\ndate = 2020-10-09\nlanguage = \"{code}\"\ntitle = \"T\"\n\
                 [authors]\nUS = \"{us}\"\nCA = \"{ca}\"\n+++\n\n\
                 1. A {{--b--}}{{++c++}}{{>>US: {reason}<<}}{{>>CA<<}} d.\n"
            ),
        )
        .unwrap();
        let docx = dir.join(format!("{code}.docx"));
        let out = rapporteur(&[
            "render",
            source.to_str().unwrap(),
            "--to",
            "docx",
            "-o",
            docx.to_str().unwrap(),
            "--force",
        ]);
        assert!(out.status.success(), "{out:?}");
        let mut parts = unzip(&std::fs::read(&docx).unwrap());
        // The comments carry the added words: that is what is read.
        let comments = String::from_utf8(parts["word/comments.xml"].clone()).unwrap();
        assert!(comments.contains(us), "{comments}");
        parts.retain(|name, _| !name.starts_with("customXml/"));
        let plain = dir.join(format!("{code}-plain.docx"));
        std::fs::write(&plain, zip_parts(&parts)).unwrap();
        let back = dir.join(format!("{code}-back.md"));
        let out = rapporteur(&[
            "import",
            plain.to_str().unwrap(),
            "-o",
            back.to_str().unwrap(),
            "--force",
        ]);
        assert!(out.status.success(), "{out:?}");
        let text = std::fs::read_to_string(&back).unwrap();
        assert!(
            text.contains(&format!("{{>>{us}: {reason}<<}}{{>>{ca}<<}}")),
            "{code}: the reason without its lead, the co-proposal without a note:\n{text}"
        );
    }
}

/// Each author's inserted and deleted characters in a source, by name.
fn chars_by_author(source: &str) -> std::collections::BTreeMap<(bool, String), usize> {
    let doc = rapporteur::read::source::parse("chars.md", source).expect("it checked");
    let mut out = std::collections::BTreeMap::new();
    let rapporteur::model::Block::Paragraph(p) = &doc.blocks[0] else {
        panic!("{:?}", doc.blocks[0]);
    };
    for inline in &p.content {
        if let rapporteur::model::Inline::Text(r) = inline {
            for (inserted, c) in [(true, r.rev.ins), (false, r.rev.del)] {
                if let Some(c) = c {
                    let name = doc.author(doc.change(c).author).name.clone();
                    *out.entry((inserted, name)).or_default() += r.text.chars().count();
                }
            }
        }
    }
    out
}

#[test]
fn spaces_of_a_change_that_would_fold_are_kept() {
    // A deletion that begins with a space after the insertion's space
    // (docx-rs's del_in_ins.docx), and an insertion of two spaces
    // (Open-Xml-PowerTools' RP046): each space is its author's.
    let body = para(
        None,
        &[
            rev("ins", 1, "Ann", Some(&run("Hello "))),
            rev(
                "ins",
                2,
                "Ann",
                Some(&rev("del", 3, "Bob", Some(&del_run(" Del ")))),
            ),
            rev("ins", 4, "Ann", Some(&run("world."))),
            rev("ins", 5, "Bob", Some(&run("  "))),
            run("Next."),
        ]
        .concat(),
    );
    let got = import_word_file("spaces", &word_file(&body));
    let want = [
        ((false, "Bob".to_string()), 5),
        ((true, "Ann".to_string()), 17),
        ((true, "Bob".to_string()), 2),
    ];
    assert_eq!(
        chars_by_author(&got.source),
        want.into_iter().collect(),
        "{}",
        got.source
    );
    // Rendered to DOCX and imported again, the spaces are still there.
    let dir = scratch("import-cli-word");
    let src = dir.join("spaces.md");
    let docx = dir.join("spaces-again.docx");
    let out = rapporteur(&[
        "render",
        src.to_str().unwrap(),
        "--to",
        "docx",
        "-o",
        docx.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let again = import_word_file("spaces-again", &std::fs::read(&docx).unwrap());
    assert_eq!(chars_by_author(&again.source), chars_by_author(&got.source));
}

#[test]
fn soft_hyphens_and_symbol_characters_are_kept() {
    let body = para(
        None,
        &[
            r#"<w:r><w:t>para</w:t><w:softHyphen/><w:t>graph with </w:t></w:r>"#,
            r#"<w:r><w:sym w:font="Wingdings" w:char="F028"/></w:r>"#,
            &run("."),
        ]
        .concat(),
    );
    let got = import_word_file("symbols", &word_file(&body));
    // As LibreOffice reads them: U+00AD, and the symbol font's code.
    assert_eq!(got.accepted, "para\u{ad}graph with \u{f028}.");
    assert!(
        got.warnings.contains(
            "paragraph 1: the symbol font Wingdings of the character U+F028 (w:sym) (not kept)"
        ),
        "{}",
        got.warnings
    );
}

#[test]
fn word_labels_the_model_has_no_list_item_for_are_kept_as_their_text() {
    // A heading numbered through its style (`1`, `1.1`), and list labels
    // of several levels' numbers (`%1.0`, `%1.%2`): the labels Word shows,
    // counted as Word counts them, kept as text with a warning.
    let numbering = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.0"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%2)"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#;
    let styles = r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"#;
    let styled = |style: &str, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{}</w:p>"#,
            run(text)
        )
    };
    let listed = |level: u8, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="2"/></w:numPr></w:pPr>{}</w:p>"#,
            run(text)
        )
    };
    let body = [
        styled("Heading1", "Jupiter"),
        styled("Heading2", "Size"),
        styled("Heading2", "Moons"),
        listed(0, "Introduction"),
        listed(1, "Scope"),
        listed(1, "Terms"),
        listed(0, "Services"),
    ]
    .concat();
    let got = import_word_file(
        "labels",
        &word_file_with(
            &body,
            &[
                ("word/numbering.xml", "numbering", numbering),
                ("word/styles.xml", "styles", styles),
            ],
        ),
    );
    assert_eq!(
        got.accepted,
        "# 1 Jupiter\n\n## 1.1 Size\n\n## 1.2 Moons\n\n1.0 Introduction\n\n1.a) Scope\n\n1.b) Terms\n\n2.0 Services",
        "{}",
        got.source
    );
    assert!(
        got.warnings.contains("paragraph 2: Word's list numbering of this heading (decimal, level 2), its number \"1.1\" written as text (not kept)"),
        "{}",
        got.warnings
    );
    assert!(
        got.warnings.contains("paragraph 5: Word's list numbering in the label form \"%1.%2)\" (lowerLetter, level 2), its label \"1.a)\" written as text (not kept)"),
        "{}",
        got.warnings
    );
}

#[test]
fn a_line_break_before_a_paragraph_mark_is_a_line_break() {
    // Word's `w:br` before the mark: the source writes `\` ending the
    // paragraph's last line, which reads back as the break it is, not as
    // a backslash.
    let body = [
        para(None, r#"<w:r><w:t>The full moon.</w:t><w:br/></w:r>"#),
        para(None, &run("Next.")),
    ]
    .concat();
    let got = import_word_file("end-break", &word_file(&body));
    assert!(got.source.contains("The full moon.\\\n"), "{}", got.source);
    assert!(!got.accepted.contains('\\'), "{}", got.accepted);
    assert!(
        got.accepted.starts_with("The full moon."),
        "{}",
        got.accepted
    );
}
