//! The words every writer prints the same way, checked in all five outputs
//! for five languages (six for the attribution's spacing and punctuation,
//! with codes and with names): chapter and section numbers, the point heading, the
//! subparagraph labels of the language, and the attribution of a change
//! (full-width `（US：trop fort；CA）` in Chinese, in print and in comments).
//!
//! The expected strings are written out here from the UN editorial
//! conventions (un-layout.md), not asked of the code that makes them, so a
//! writer that builds a label on its own, or a shared rule that goes wrong,
//! fails here.

use crate::support;

use rapporteur::layout::{self, Settings};
use rapporteur::model::Document;
use support::{unzip, xml};

struct Case {
    lang: &'static str,
    chapter: &'static str,
    point_heading: &'static str,
    subparagraphs: [&'static str; 2],
    /// The attribution printed after the change, and the reason's comment.
    attribution: &'static str,
    reason_comment: &'static str,
    also_proposed: &'static str,
}

const LATIN_ATTRIBUTION: &str = "(US: trop fort; CA)";
const LATIN_REASON: &str = "United States: trop fort";

const CASES: [Case; 5] = [
    Case {
        lang: "en",
        chapter: "I.",
        point_heading: "Discussion point 7",
        subparagraphs: ["(a)", "(b)"],
        attribution: LATIN_ATTRIBUTION,
        reason_comment: LATIN_REASON,
        also_proposed: "Also proposed by Canada.",
    },
    // French: a narrow no-break space before `:` and `;`.
    Case {
        lang: "fr",
        chapter: "I.",
        point_heading: "Point de discussion 7",
        subparagraphs: ["a)", "b)"],
        attribution: "(US\u{202F}: trop fort\u{202F}; CA)",
        reason_comment: "United States\u{202F}: trop fort",
        also_proposed: "Également proposé par Canada.",
    },
    Case {
        lang: "es",
        chapter: "I.",
        point_heading: "Punto de debate 7",
        subparagraphs: ["a)", "b)"],
        attribution: LATIN_ATTRIBUTION,
        reason_comment: LATIN_REASON,
        also_proposed: "También propuesto por Canada.",
    },
    Case {
        lang: "ru",
        chapter: "I.",
        point_heading: "Пункт для обсуждения 7",
        subparagraphs: ["(a)", "(b)"],
        attribution: LATIN_ATTRIBUTION,
        reason_comment: LATIN_REASON,
        also_proposed: "Также предложено: Canada.",
    },
    // Chinese: full-width brackets, colon and semicolon, no spaces after
    // them nor before the bracket (GB/T 15834-2011; un-layout.md).
    Case {
        lang: "zh",
        chapter: "一.",
        point_heading: "讨论要点 7",
        subparagraphs: ["(a)", "(b)"],
        attribution: "（US：trop fort；CA）",
        reason_comment: "United States：trop fort",
        also_proposed: "亦由Canada提议。",
    },
];

fn source(lang: &str) -> String {
    support::front()
        .language(lang)
        .authors(&[("US", "United States"), ("CA", "Canada")])
        .source(
            "# Chapitre\n\n## Section\n\n::: point 7\n\
             1. Texte {--ancien--}{++nouveau++}{>>US: trop fort<<}{>>CA<<} ici.\n\n\
             (a) Premier alinéa;\n\n(b) Second alinéa.\n:::\n",
        )
}

/// Everything the PDF sets, line by line, from the layout it draws; `None`
/// (with a message) when the language's fonts are not installed, unless
/// CI=true.
fn pdf_text(doc: &Document) -> Option<String> {
    let fonts = support::fonts_for(doc.meta.language)?;
    let laid = layout::layout(
        doc,
        &Settings {
            fonts: &fonts,
            colour: false,
        },
    )
    .expect("lays out");
    let mut out = String::new();
    for page in &laid.pages {
        for placed in &page.lines {
            // A label or a line may be several runs (a Chinese `一.` is
            // two: the ideograph and the Latin full stop); the label
            // stands apart from its text.
            for run in &placed.line.label {
                out.push_str(&run.text);
            }
            out.push(' ');
            for run in &placed.line.runs {
                out.push_str(&run.text);
            }
            out.push('\n');
        }
    }
    Some(out)
}

/// The DOCX body's text, paragraph by paragraph (deleted text included),
/// and the comments' texts with their authors.
fn docx_text(doc: &Document) -> (String, Vec<(String, String)>) {
    let parts = unzip(&support::render(doc));
    let body = xml("document", &parts["word/document.xml"]);
    let mut text = String::new();
    for p in body.find_all("w:p") {
        for run in p.find_all("w:r") {
            for t in run.elems() {
                match t.name.as_str() {
                    "w:t" | "w:delText" => text.push_str(&t.text()),
                    "w:tab" => text.push(' '),
                    _ => {}
                }
            }
        }
        text.push('\n');
    }
    let comments = xml("comments", &parts["word/comments.xml"])
        .find_all("w:comment")
        .into_iter()
        .map(|c| (c.attr("w:author").unwrap_or("").to_string(), c.text()))
        .collect();
    (text, comments)
}

/// The review page's text (`--to html`) as a browser without script
/// shows it, a line per block: tags dropped, entities read.
fn html_text(doc: &Document) -> String {
    page_text(&rapporteur::write::html::write(doc))
}

/// [`html_text`] of a page read from a file.
fn page_text(page: &str) -> String {
    let start = page.find("<div id=\"body\">").expect("the page has a body");
    let end = page.find("</main>").expect("the page has a main");
    let mut text = String::new();
    let mut tag = String::new();
    let mut in_tag = false;
    for c in page[start..end].chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' if in_tag => {
                in_tag = false;
                if ["/p", "/h2", "/h3", "/h4", "/li", "/td", "/th"].contains(&tag.as_str()) {
                    text.push('\n');
                }
            }
            c if in_tag => tag.push(c),
            c => text.push(c),
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn every_writer_prints_the_same_labels_in_every_language() {
    for case in &CASES {
        let doc = support::parse_str(&source(case.lang));
        let text = rapporteur::write::text::write(&doc);
        let pandoc = rapporteur::write::pandoc::write(&doc);
        let pdf = pdf_text(&doc);
        let (docx, comments) = docx_text(&doc);
        let html = html_text(&doc);
        let lang = case.lang;
        let mut outputs = vec![
            ("text", &text),
            ("pandoc", &pandoc),
            ("docx", &docx),
            ("html", &html),
        ];
        outputs.extend(pdf.as_ref().map(|p| ("pdf", p)));

        for &(what, out) in &outputs {
            assert!(
                out.contains(case.chapter),
                "{lang} {what}: chapter number\n{out}"
            );
            assert!(out.contains("A."), "{lang} {what}: section number\n{out}");
            assert!(
                out.contains(case.point_heading),
                "{lang} {what}: point heading `{}`\n{out}",
                case.point_heading
            );
        }
        // Pandoc escapes a label that would read as a list marker; the
        // label is the same once unescaped.
        let pandoc_plain = pandoc.replace('\\', "");
        for label in case.subparagraphs {
            let other = if label.starts_with('(') {
                label.trim_start_matches('(').to_string()
            } else {
                format!("({label}")
            };
            for &(what, out) in &outputs {
                let out = if what == "pandoc" { &pandoc_plain } else { out };
                let at_line_start = out
                    .lines()
                    .any(|l| l.trim_start().starts_with(&format!("{label} ")) || l.trim() == label);
                assert!(
                    at_line_start,
                    "{lang} {what}: subparagraph label `{label}`\n{out}"
                );
                assert!(
                    !out.lines()
                        .any(|l| l.trim_start().starts_with(&format!("{other} "))),
                    "{lang} {what}: the other convention's label `{other}`\n{out}"
                );
            }
        }
        // The attribution: in print and on the page after the change, in
        // Word and pandoc as the States' comments.
        for &(what, out) in outputs
            .iter()
            .filter(|(w, _)| ["text", "pdf", "html"].contains(w))
        {
            let flat = out.replace(['\u{a0}', '\n'], " ");
            // ASCII spaces only: French's narrow no-break space is kept.
            let flat = flat.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.contains(case.attribution),
                "{lang} {what}: attribution `{}`\n{out}",
                case.attribution
            );
        }
        assert_eq!(
            comments,
            vec![
                // A reason is led by its State's name (it survives Word's
                // "remove personal information").
                ("United States".to_string(), case.reason_comment.to_string()),
                ("Canada".to_string(), case.also_proposed.to_string()),
            ],
            "{lang} docx comments"
        );
        for (author, comment) in &comments {
            assert!(
                pandoc.contains(&format!("author=\"{author}\""))
                    && pandoc.contains(comment.as_str()),
                "{lang} pandoc: comment `{comment}` by {author}\n{pandoc}"
            );
        }
    }
}

/// One language's attribution as every writer must print it, written out
/// from the conventions (un-layout.md), with codes and with names: the
/// printed attribution, and the reason's comment in Word and pandoc.
struct Printed {
    lang: &'static str,
    codes: &'static str,
    names: &'static str,
    comment: &'static str,
    /// Whether a space parts the attribution from the words around it.
    spaced: bool,
}

const PRINTED: [Printed; 6] = [
    Printed {
        lang: "en",
        codes: "(US: trop fort; CA)",
        names: "(United States: trop fort; Canada)",
        comment: "United States: trop fort",
        spaced: true,
    },
    // French: a narrow no-break space before `:` and `;`.
    Printed {
        lang: "fr",
        codes: "(US\u{202F}: trop fort\u{202F}; CA)",
        names: "(United States\u{202F}: trop fort\u{202F}; Canada)",
        comment: "United States\u{202F}: trop fort",
        spaced: true,
    },
    Printed {
        lang: "es",
        codes: "(US: trop fort; CA)",
        names: "(United States: trop fort; Canada)",
        comment: "United States: trop fort",
        spaced: true,
    },
    Printed {
        lang: "ru",
        codes: "(US: trop fort; CA)",
        names: "(United States: trop fort; Canada)",
        comment: "United States: trop fort",
        spaced: true,
    },
    // Arabic: its own semicolon between two attributions.
    Printed {
        lang: "ar",
        codes: "(US: trop fort؛ CA)",
        names: "(United States: trop fort؛ Canada)",
        comment: "United States: trop fort",
        spaced: true,
    },
    Printed {
        lang: "zh",
        codes: "（US：trop fort；CA）",
        names: "（United States：trop fort；Canada）",
        comment: "United States：trop fort",
        spaced: false,
    },
];

/// The source of [`PRINTED`]: an insertion that ends with its own space
/// before the next word, and one before a comma.
fn spacing_source(lang: &str, names: bool) -> String {
    let form = if names {
        "attributions = \"names\"\n"
    } else {
        ""
    };
    format!(
        "+++\nsymbol = \"X/1\"\ndate = 2020-10-09\nlanguage = \"{lang}\"\n{form}\n[authors]\nUS = \"United States\"\nCA = \"Canada\"\n+++\n\n\
         1. Texte {{--ancien--}}{{++nouveau ++}}{{>>US: trop fort<<}}{{>>CA<<}}suite {{++mot++}}{{>>CA<<}}, fin.\n"
    )
}

fn run(dir: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run rapporteur");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The attribution's words, spacing and punctuation are the same in the
/// text (`--to md`), the PDF and the review page (`--to html`), and the reason's comment the same in the
/// DOCX and pandoc's Markdown, in all six languages, with codes and with
/// names, as a user renders them: one space on each side of the
/// attribution (none in Chinese), never two, none before the comma.
#[test]
fn attribution_spacing_and_punctuation_agree_in_every_writer_and_language() {
    let dir = support::scratch("labels-spacing");
    for p in &PRINTED {
        for names in [false, true] {
            let name = format!("{}-{}.md", p.lang, if names { "names" } else { "codes" });
            let source = spacing_source(p.lang, names);
            std::fs::write(dir.join(&name), &source).unwrap();
            let attribution = if names { p.names } else { p.codes };
            let single = if names { "(Canada)" } else { "(CA)" };
            let single = if p.spaced {
                single.to_string()
            } else {
                single.replace('(', "（").replace(')', "）")
            };
            let (gap, what) = (if p.spaced { " " } else { "" }, name.as_str());
            // The insertion's own space (`nouveau `) stays, in Chinese too.
            let want = [
                format!("nouveau {attribution}{gap}suite"),
                format!("mot{gap}{single},"),
            ];
            let text = run(&dir, &["render", &name, "--to", "md"]);
            let doc = support::parse_str(&source);
            let pdf = pdf_text(&doc);
            let mut printed = vec![("md", text.clone())];
            printed.extend(pdf.map(|p| ("pdf", p)));
            // The review page as a browser without script shows it.
            let html_name = name.replace(".md", ".html");
            let _ = std::fs::remove_file(dir.join(&html_name));
            run(&dir, &["render", &name, "--to", "html", "-o", &html_name]);
            let page = std::fs::read_to_string(dir.join(&html_name)).unwrap();
            printed.push(("html", page_text(&page)));
            for (writer, out) in &printed {
                // Print joins a State and its reason with a no-break space;
                // the PDF's lines are joined (a label's column aside).
                let flat = out.replace(['\u{a0}', '\n'], " ");
                let flat = flat.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
                for w in &want {
                    assert!(
                        flat.contains(w.as_str()),
                        "{what} {writer}: `{w}` in\n{out}"
                    );
                }
                if *writer == "md" {
                    let line = out.lines().find(|l| l.contains("nouveau")).unwrap_or("");
                    let line = line.replace('\u{a0}', " ");
                    assert!(
                        !line.contains("  "),
                        "{what} {writer}: two spaces in `{line}`"
                    );
                }
            }
            // Word and pandoc: the reason as the State's comment.
            let docx_name = name.replace(".md", ".docx");
            run(&dir, &["render", &name, "--to", "docx", "-o", &docx_name]);
            let parts = unzip(&std::fs::read(dir.join(&docx_name)).unwrap());
            let comments: Vec<String> = xml("comments", &parts["word/comments.xml"])
                .find_all("w:comment")
                .into_iter()
                .map(|c| c.text())
                .collect();
            assert!(
                comments.iter().any(|c| c == p.comment),
                "{what} docx: `{}` in {comments:?}",
                p.comment
            );
            let pandoc = run(&dir, &["render", &name, "--to", "pandoc"]);
            assert!(
                pandoc.contains(p.comment),
                "{what} pandoc: `{}` in\n{pandoc}",
                p.comment
            );
            let line = pandoc.lines().find(|l| l.contains("nouveau")).unwrap_or("");
            assert!(
                line.contains("nouveau ") && !line.contains("  "),
                "{what} pandoc spacing: `{line}`"
            );
        }
    }
}
