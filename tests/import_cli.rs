//! `rapporteur import`: a rendered DOCX becomes a source that checks with
//! the same statistics; a hostile or broken file is an error naming it,
//! exit 1, and no output file.

mod support;

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
        let again = rapporteur::source::parse("back", &text).unwrap();
        let original = parse(&example(name));
        for v in [
            rapporteur::view::View::All,
            rapporteur::view::View::Accepted,
            rapporteur::view::View::Original,
        ] {
            assert_eq!(
                rapporteur::text::write(&rapporteur::view::apply(&again, v)),
                rapporteur::text::write(&rapporteur::view::apply(&original, v)),
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
